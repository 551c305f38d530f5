/**
 * The web application: Fastify, server-rendered GOV.UK Frontend pages, works without JavaScript.
 * This file wires the cross-cutting parts (security headers, static assets, templates); each page
 * lives with its view model, template and tests in src/web/components/<page>/.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import formbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { App } from '../app.ts';
import { accountRoutes } from './components/accounts.ts';
import { adminFrameworkRoutes } from './components/admin-framework/route.ts';
import { committeePageRoutes } from './components/committee-pages.ts';
import { committeeBusinessRoutes } from './components/committee-business/route.ts';
import { feedRoutes } from './components/feeds/route.ts';
import { adminCommitteeBusinessRoutes } from './components/admin-committee-business/route.ts';
import { workProgrammeRoutes } from './components/work-programme/route.ts';
import { agendaPublicRoutes, agendaStaffRoutes } from './components/agendas/route.ts';
import { agendaPackRoutes, agendaPackStaffRoutes } from './components/agenda-pack/route.ts';
import { agendaTemplateRoutes } from './components/agenda-templates/route.ts';
import { myPapersRoutes } from './components/my-papers/route.ts';
import { membersItemRoutes } from './components/members-items/route.ts';
import { minutesPublicRoutes, minutesStaffRoutes } from './components/minutes/route.ts';
import { homeRoutes } from './components/home/route.ts';
import { DASHBOARD_QUERY } from './components/dashboard/viewModel.ts';
import { indicatorRoutes } from './components/indicator/route.ts';
import { reportRoutes } from './components/reports/route.ts';
import { openDataRoutes } from './components/open-data/route.ts';
import { panelEntryRoutes } from './components/panel-entry/route.ts';
import { paperDetailsRoutes } from './components/paper-details/route.ts';
import { workflowRoutes } from './components/workflow.ts';
import { authPlugin } from './auth/plugin.ts';
import './auth/user.ts';
import { GOVUK_DIST, registerViews, SCRIPT_SOURCES } from './views.ts';
import { registerPublicPageCache } from './publicCache.ts';
import { handleError, parseForm, registerErrorPages } from './errors.ts';
import { ROUTES } from './urls.ts';
import { oidcRoutes, processSecret } from './auth/oidc.ts';
import { loadConfig, type Config, type OidcSettings } from '../config.ts';

export { escapeHtml } from './escape.ts';

const here = fileURLToPath(new URL('.', import.meta.url));

export interface ServerOptions {
  logger?: boolean | object;
  serviceName?: string;
  /** The configuration (src/config.ts, read once at start-up). Default: every variable unset. */
  config?: Config;
  /** OpenID Connect sign-in: the config's (OIDC_*) when not given, off when null. */
  oidc?: OidcSettings | null;
}

/** Every variable unset: what a server built without a config (as tests do) runs with. */
const DEFAULT_CONFIG = loadConfig({});

/** Sent with every response. */
const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'same-origin',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Content-Security-Policy': `default-src 'self'; script-src ${SCRIPT_SOURCES}; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`,
};

/** HSTS: browsers use https only, for a year, on this host and its subdomains. */
export const STRICT_TRANSPORT = 'max-age=31536000; includeSubDomains';

/** Whether to send HSTS: the site is served over TLS (COOKIE_SECURE says a proxy terminates it), or this request came over TLS. */
export function strictTransport(config: Pick<Config, 'COOKIE_SECURE'>, request: Pick<FastifyRequest, 'protocol'>): boolean {
  return config.COOKIE_SECURE || request.protocol === 'https';
}

export function buildServer(installed: App, options: ServerOptions = {}): FastifyInstance {
  // Every route reads services through `app`, whose service properties are the request's council's; one
  // read outside a request (kept at registration) throws (ADR 0030).
  const app = installed.perRequest();
  const server = Fastify({
    logger: options.logger ?? false,
    trustProxy: false,
    // A malformed address (e.g. `/committees/%zz`) gets the same error page as any other bad request.
    // Fastify answers these before routing, with a reply that has no decorators: lend it `view`.
    frameworkErrors: (error, request, raw) => {
      const reply = raw as FastifyReply;
      reply.view = (template, context) => reply.type('text/html; charset=utf-8').send(render(reply, template, context));
      return handleError(error, request, reply);
    },
  });

  // Each request's database work is served before that of requests that came after it (src/db/queryOrder.ts):
  // first of all hooks, so that the session's statement is in order too.
  server.addHook('onRequest', (_request, _reply, done) => app.inArrivalOrder(done));
  // Then the council whose site the request's host is: the rest of the request runs as that council, with
  // its services over its own schema. A host that is no council's site is not found.
  server.addHook('onRequest', (request, reply, done) => {
    const enter = async () => {
      const council = await installed.installation.councilForHost(request.hostname);
      if (!council) {
        reply.code(404).type('text/plain; charset=utf-8').send('Not found: no council’s site is at this address.\n');
        return;
      }
      const services = await installed.servicesOf(council);
      installed.inCouncil(council, services, done);
    };
    enter().catch((error: unknown) => done(error instanceof Error ? error : new Error(String(error))));
  });

  const config = options.config ?? DEFAULT_CONFIG;
  const oidcSettings = options.oidc === undefined ? config.oidc : options.oidc;
  const oidcSignIn = oidcSettings ? { href: ROUTES.oidcSignIn, label: oidcSettings.label } : null;
  const render = registerViews(server, {
    serviceName: options.serviceName ?? 'Townhall',
    recompileTemplates: config.NODE_ENV === 'development',
    // The CSRF token is made (and the anonymous CSRF cookie set) only by a page that has a form: `csrfToken()`.
    commonContext: (reply) => ({ user: reply.request.user, csrfToken: () => reply.csrfToken(), oidcSignIn }),
  });
  // Anonymous until authentication (src/web/auth) says otherwise.
  server.decorateRequest('user', null);

  server.addHook('onSend', async (request, reply, payload) => {
    reply.headers(SECURITY_HEADERS);
    if (strictTransport(config, request)) reply.header('Strict-Transport-Security', STRICT_TRANSPORT);
    // A signed-in user's response can show unpublished data or their own details: no cache, shared or
    // the browser's, may keep it. (Static assets carry no session: src/web/auth/plugin.ts.)
    if (request.user !== null && !/\bno-store\b/i.test(String(reply.getHeader('cache-control') ?? ''))) reply.header('Cache-Control', 'no-store');
    return payload;
  });

  // Forms whose percent-encoding does not decode are refused (src/web/errors.ts), not read raw.
  server.register(formbody, { parser: parseForm });
  // GOV.UK Frontend's fonts and images, stylesheet and script; our own small additions.
  server.register(fastifyStatic, { root: join(GOVUK_DIST, 'govuk', 'assets'), prefix: '/assets/', decorateReply: false });
  server.register(fastifyStatic, {
    root: join(GOVUK_DIST, 'govuk'),
    prefix: '/stylesheets/',
    allowedPath: (path) => path === '/govuk-frontend.min.css',
    decorateReply: false,
  });
  server.register(fastifyStatic, {
    root: join(GOVUK_DIST, 'govuk'),
    prefix: '/javascripts/',
    allowedPath: (path) => path === '/govuk-frontend.min.js',
    decorateReply: false,
  });
  server.register(fastifyStatic, { root: join(here, 'public'), prefix: '/public/', decorateReply: false });

  // Sessions (request.user), requireRole and CSRF checks on every state change: before any route.
  server.register(authPlugin, { app, secret: config.SESSION_SECRET, cookieSecure: config.COOKIE_SECURE });
  // Unknown addresses, failures and unreadable requests: GOV.UK error pages (JSON for JSON routes), details only in the log.
  registerErrorPages(server);
  if (oidcSettings) server.register(oidcRoutes(app, oidcSettings, config.SESSION_SECRET ?? processSecret));
  // Anonymous visitors' pages, kept while the data version stands (never stale, never a signed-in page).
  // The indicator page (ROUTES.indicator) is not in the list: it never was in effect, as the list named
  // '/indicators/:slug' while the route is '/indicators/:ref'; adding it is a caching change of its own.
  // Each is kept under the query parameters it reads only (none, or the dashboard's filters and sort).
  // Committee business: a meeting's page is cached; the committees, a committee's members, a councillor and the
  // calendar are not, as they show today's membership and meetings (today moves without the data moving).
  registerPublicPageCache(server, app, { [ROUTES.home]: [], [ROUTES.dashboard]: [...DASHBOARD_QUERY, 'version'], [ROUTES.actions]: ['version'], [ROUTES.meeting]: [] });
  server.register(accountRoutes(app));

  server.get(ROUTES.health, async () => ({ status: 'ok', database: app.engine }));
  server.register(homeRoutes(app));
  server.register(reportRoutes(app));
  server.register(openDataRoutes(app));
  // Public committee pages: one hook resolves the committee and period of the URL for the visitor.
  server.register(committeePageRoutes(app));
  server.register(indicatorRoutes(app));
  // Data entry, sign-off and spreadsheet upload (docs/running-a-quarter.md).
  server.register(workflowRoutes(app));
  server.register(panelEntryRoutes(app));
  server.register(paperDetailsRoutes(app));
  server.register(adminFrameworkRoutes(app));
  // Committee business (ADR 0018): public pages, and the staff pages of governance officers and administrators.
  server.register(committeeBusinessRoutes(app));
  server.register(adminCommitteeBusinessRoutes(app));
  server.register(workProgrammeRoutes(app));
  server.register(feedRoutes(app));
  server.register(agendaPublicRoutes(app));
  server.register(agendaStaffRoutes(app));
  server.register(agendaPackRoutes(app));
  server.register(agendaPackStaffRoutes(app));
  server.register(agendaTemplateRoutes(app));
  server.register(myPapersRoutes(app));
  server.register(membersItemRoutes(app));
  server.register(minutesPublicRoutes(app));
  server.register(minutesStaffRoutes(app));

  return server;
}
