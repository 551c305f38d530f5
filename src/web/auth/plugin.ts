/**
 * Authentication, authorisation and CSRF protection for every route (docs/accounts.md).
 *
 * - Reads the session cookie and sets `request.user` (null for anonymous visitors).
 * - `requireRole(...roles)`: a preHandler; anonymous HTML GETs are redirected to /sign-in?next=…,
 *   other anonymous requests get a 401 page, signed-in users without the role a 403 page.
 * - CSRF: every POST, PUT, PATCH and DELETE must carry a token (form field `_csrf`, or header
 *   `x-csrf-token`; for multipart uploads also `?_csrf=` in the form's action) before any handler
 *   runs. Signed in: the session's synchronizer token. Anonymous (e.g. the sign-in form): a signed
 *   double-submit token — HMAC(secret, nonce) in the form, the nonce in a cookie. A request whose
 *   Origin header names another site is refused too. Templates get the token as `csrfToken()` (called only by pages with a form).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import cookie from '@fastify/cookie';
import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import type { App } from '../../app.ts';
import type { LiveSession } from '../../services/accountService.ts';
import { ROLE_LABELS, type Role } from '../../domain/access.ts';
import { ROUTES, signInPath } from '../urls.ts';

export const SESSION_COOKIE = 'townhall_session';
export const CSRF_COOKIE = 'townhall_csrf';
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Static files need no session lookup. */
const STATIC_PREFIXES = ['/assets/', '/stylesheets/', '/javascripts/', '/public/'];
const NONCE = /^[A-Za-z0-9_-]{43}$/;

declare module 'fastify' {
  interface FastifyRequest {
    /** The live session behind `request.user` (null when anonymous). */
    authSession: LiveSession | null;
    /** The session cookie's token as presented (null when none or not live). */
    sessionToken: string | null;
  }
  interface FastifyReply {
    /** The CSRF token for forms on this page (sets the anonymous nonce cookie when needed). */
    csrfToken(): string;
    /** Sets the session cookie (after sign-in). */
    setSessionCookie(token: string): FastifyReply;
    clearSessionCookie(): FastifyReply;
  }
  interface FastifyContextConfig {
    /** Accept the anonymous (double-submit) CSRF token even from a signed-in visitor: the sign-in form. */
    csrfAllowAnonymous?: boolean;
  }
}

export interface AuthOptions {
  /** Signs anonymous CSRF tokens (config SESSION_SECRET). Default: random for this server. */
  secret?: string;
  /** Mark cookies Secure even on plain http, behind a TLS-terminating proxy (config COOKIE_SECURE). Default: false. */
  cookieSecure?: boolean;
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function wantsHtml(request: FastifyRequest): boolean {
  const accept = request.headers.accept;
  return !accept || accept.includes('text/html') || accept.includes('*/*');
}

function denied(reply: FastifyReply, status: 401 | 403, context: object): FastifyReply {
  return reply.code(status).view('access/problem.njk', context);
}

/** A preHandler allowing only signed-in users with one of `roles`. */
export function requireRole(...roles: Role[]): preHandlerAsyncHookHandler {
  return async function (request, reply) {
    if (!request.user) {
      if ((request.method === 'GET' || request.method === 'HEAD') && wantsHtml(request)) {
        return reply.redirect(signInPath(request.url), 302);
      }
      return denied(reply, 401, {
        pageTitle: 'You need to sign in',
        paragraphs: ['You need to sign in to use this page.'],
        link: { href: ROUTES.signIn, text: 'Sign in' },
      });
    }
    if (!roles.includes(request.user.role)) {
      return denied(reply, 403, {
        pageTitle: 'You do not have permission to use this page',
        paragraphs: [
          `You are signed in as ${request.user.name}, ${ROLE_LABELS[request.user.role].toLowerCase()}.`,
          `This page is for: ${roles.map((r) => ROLE_LABELS[r].toLowerCase()).join(', ')}.`,
          'If you think you should be able to use it, ask an administrator.',
        ],
        link: { href: '/', text: 'Go to the home page' },
      });
    }
  };
}

/** The Fastify plugin: cookies, session → request.user, CSRF. Register before the routes. */
export const authPlugin = fp<{ app: App } & AuthOptions>(
  async (server, options) => {
    const secret = options.secret ?? randomBytes(32).toString('base64url');
    const cookieSecure = options.cookieSecure ?? false;
    // Read per request: the accounts are those of the request's council (ADR 0030).
    const app = options.app;
    if (!server.hasDecorator('parseCookie')) await server.register(cookie);

    const sign = (nonce: string) => createHmac('sha256', secret).update(`csrf:${nonce}`).digest('base64url');
    const cookieOptions = (request: FastifyRequest) => ({
      httpOnly: true,
      sameSite: 'lax' as const,
      secure: cookieSecure || request.protocol === 'https',
      path: '/',
    });

    if (!server.hasRequestDecorator('user')) server.decorateRequest('user', null);
    server.decorateRequest('authSession', null);
    server.decorateRequest('sessionToken', null);

    const csrfTokens = new WeakMap<FastifyReply, string>();
    server.decorateReply('csrfToken', function (this: FastifyReply) {
      // A page with a form carries a token for one visitor (and perhaps a cookie just set): never stored.
      this.header('Cache-Control', 'no-store');
      const live = this.request.authSession;
      if (live) return live.csrfToken;
      const cached = csrfTokens.get(this);
      if (cached) return cached;
      let nonce = this.request.cookies[CSRF_COOKIE];
      if (!nonce || !NONCE.test(nonce)) {
        nonce = randomBytes(32).toString('base64url');
        this.setCookie(CSRF_COOKIE, nonce, cookieOptions(this.request));
      }
      const token = sign(nonce);
      csrfTokens.set(this, token);
      return token;
    });
    server.decorateReply('setSessionCookie', function (this: FastifyReply, token: string) {
      return this.setCookie(SESSION_COOKIE, token, cookieOptions(this.request));
    });
    server.decorateReply('clearSessionCookie', function (this: FastifyReply) {
      return this.clearCookie(SESSION_COOKIE, cookieOptions(this.request));
    });

    server.addHook('onRequest', async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (!token || STATIC_PREFIXES.some((p) => request.url.startsWith(p))) return;
      const live = await app.accounts.sessionFor(token);
      if (live) {
        request.user = live.user;
        request.authSession = live;
        request.sessionToken = token;
      } else {
        reply.clearSessionCookie();
      }
    });

    // Before validation and every route's preHandlers: nothing that changes state runs without a valid token.
    server.addHook('preValidation', async (request, reply) => {
      if (!UNSAFE_METHODS.has(request.method)) return;
      if (!verifyCsrf(request)) {
        request.log.warn({ url: request.url, method: request.method }, 'CSRF check failed');
        return denied(reply, 403, {
          pageTitle: 'Sorry, there is a problem with this form',
          paragraphs: [
            'The form could not be accepted: it may have been open for too long, or you signed in or out in another tab.',
            'Go back, reload the page and try again.',
          ],
          link: { href: '/', text: 'Go to the home page' },
        });
      }
    });

    function verifyCsrf(request: FastifyRequest): boolean {
      const origin = request.headers.origin;
      if (origin && origin !== 'null') {
        try {
          if (new URL(origin).host !== request.host) return false;
        } catch {
          return false;
        }
      }
      if (request.headers['sec-fetch-site'] === 'cross-site') return false;
      const body = request.body;
      const fromBody = body && typeof body === 'object' && !Buffer.isBuffer(body) ? (body as Record<string, unknown>)[CSRF_FIELD] : undefined;
      const fromHeader = request.headers[CSRF_HEADER];
      const multipart = String(request.headers['content-type'] ?? '').startsWith('multipart/form-data');
      const fromQuery = multipart ? (request.query as Record<string, unknown> | undefined)?.[CSRF_FIELD] : undefined;
      const supplied = [fromBody, fromHeader, fromQuery].find((v): v is string => typeof v === 'string' && v.length > 0);
      if (!supplied) return false;
      const live = request.authSession;
      if (live && safeEqual(supplied, live.csrfToken)) return true;
      if (live && !request.routeOptions.config?.csrfAllowAnonymous) return false;
      const nonce = request.cookies[CSRF_COOKIE];
      return Boolean(nonce && NONCE.test(nonce) && safeEqual(supplied, sign(nonce)));
    }
  },
  { name: 'townhall-auth', fastify: '5.x' },
);
