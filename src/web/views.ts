/**
 * Server-side templates: Nunjucks with the GOV.UK Frontend macros (search path
 * node_modules/govuk-frontend/dist), our layout in src/web/views and page templates beside their
 * routes in src/web/components/<page>/. Autoescaping is on: every value is escaped unless a template
 * says otherwise.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';
import nunjucks from 'nunjucks';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
/** node_modules/govuk-frontend/dist (the folder holding `govuk/`). */
export const GOVUK_DIST = join(dirname(require.resolve('govuk-frontend/package.json')), 'dist');

/** `recompile`: read and compile templates on every render (for editing them: NODE_ENV=development); otherwise once. */
export function createViewEnvironment(options: { recompile?: boolean } = {}): nunjucks.Environment {
  const env = new nunjucks.Environment(
    new nunjucks.FileSystemLoader([GOVUK_DIST, join(here, 'views'), join(here, 'components')], { noCache: options.recompile ?? false }),
    { autoescape: true, throwOnUndefined: false },
  );
  return env;
}

/**
 * The Content-Security-Policy `script-src` sources: our own files, and the GOV.UK template's one inline
 * script (it marks the body `js-enabled`) allowed by its SHA-256 hash, read from the template itself so
 * an upgrade of govuk-frontend cannot silently break it. A hash rather than a per-response nonce keeps
 * every page the same bytes for every visitor, so public pages can be served from a cache as they are.
 */
export const SCRIPT_SOURCES = ["'self'", ...inlineScriptHashes(readFileSync(join(GOVUK_DIST, 'govuk', 'template.njk'), 'utf8'))].join(' ');

/** `'sha256-…'` for each inline `<script>` body in a template (Nunjucks tags inside the tag itself ignored). */
export function inlineScriptHashes(template: string): string[] {
  return [...template.matchAll(/<script\b(?:[^>]|\{%[\s\S]*?%\})*>([^<]+)<\/script>/g)].map(
    (m) => `'sha256-${createHash('sha256').update(m[1]!).digest('base64')}'`,
  );
}

/**
 * Removes the indentation and blank lines templates leave behind (a sixth of a page), outside `<pre>`
 * and `<textarea>` whose whitespace is content. A line break stays wherever there was one, so the
 * rendered page is unchanged.
 */
export function compactHtml(html: string): string {
  return html
    .split(/(<(?:pre|textarea)\b[\s\S]*?<\/(?:pre|textarea)>)/i)
    .map((part, i) => (i % 2 ? part : part.replace(/[ \t]*\n\s*/g, '\n')))
    .join('');
}

declare module 'fastify' {
  interface FastifyReply {
    /** Renders a template with the layout's common context (service name, current path). */
    view(template: string, context?: object): FastifyReply;
  }
}

export interface ViewOptions {
  serviceName: string;
  /** Recompile templates on every render (NODE_ENV=development). */
  recompileTemplates?: boolean;
  /** Extra context every page gets (e.g. the signed-in user, the CSRF token), computed per request. */
  commonContext?: (reply: FastifyReply) => Record<string, unknown>;
}

/** Renders a page for a reply: the layout's common context, the page's own, compacted. */
export type RenderPage = (reply: FastifyReply, template: string, context?: object) => string;

/** Adds `reply.view()`: renders a page with the layout's common context, compacted. Returns the renderer itself. */
export function registerViews(server: FastifyInstance, options: ViewOptions): RenderPage {
  const env = createViewEnvironment({ recompile: options.recompileTemplates });
  const render: RenderPage = (reply, template, context = {}) =>
    compactHtml(
      env.render(template, {
        serviceName: options.serviceName,
        currentPath: reply.request.url.split('?')[0],
        ...(options.commonContext?.(reply) ?? {}),
        ...context,
      }),
    );
  server.decorateReply('view', function (this: FastifyReply, template: string, context: object = {}) {
    return this.type('text/html; charset=utf-8').send(render(this, template, context));
  });
  return render;
}
