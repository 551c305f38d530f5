/**
 * Server-side templates: Nunjucks with the GOV.UK Frontend macros (search path
 * node_modules/govuk-frontend/dist), our layout in src/web/views and page templates beside their
 * routes in src/web/components/<page>/. Autoescaping is on: every value is escaped unless a template
 * says otherwise.
 */
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';
import nunjucks from 'nunjucks';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
/** node_modules/govuk-frontend/dist (the folder holding `govuk/`). */
export const GOVUK_DIST = join(dirname(require.resolve('govuk-frontend/package.json')), 'dist');

export function createViewEnvironment(): nunjucks.Environment {
  const env = new nunjucks.Environment(
    new nunjucks.FileSystemLoader([GOVUK_DIST, join(here, 'views'), join(here, 'components')], { noCache: process.env.NODE_ENV === 'development' }),
    { autoescape: true, throwOnUndefined: false },
  );
  return env;
}

declare module 'fastify' {
  interface FastifyReply {
    /** Renders a template with the layout's common context (CSP nonce, service name, current path). */
    view(template: string, context?: object): FastifyReply;
    cspNonce: string;
  }
}

export interface ViewOptions {
  serviceName: string;
  /** Extra context every page gets (e.g. the signed-in user, the CSRF token), computed per request. */
  commonContext?: (reply: FastifyReply) => Record<string, unknown>;
}

/** Adds `reply.view()` and a per-request CSP nonce (for the GOV.UK template's one inline script). */
export function registerViews(server: FastifyInstance, options: ViewOptions): nunjucks.Environment {
  const env = createViewEnvironment();
  server.decorateReply('cspNonce', '');
  server.addHook('onRequest', async (_request, reply) => {
    reply.cspNonce = randomBytes(16).toString('base64');
  });
  server.decorateReply('view', function (this: FastifyReply, template: string, context: object = {}) {
    const html = env.render(template, {
      serviceName: options.serviceName,
      cspNonce: this.cspNonce,
      currentPath: this.request.url.split('?')[0],
      ...(options.commonContext?.(this) ?? {}),
      ...context,
    });
    return this.type('text/html; charset=utf-8').send(html);
  });
  return env;
}
