/**
 * Signing in for route tests: create a user of a role and a session for them directly through the
 * account service (no scrypt round trip per request), and read CSRF tokens and cookies from responses.
 */
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { App } from '../../src/app.ts';
import { SESSION_COOKIE } from '../../src/web/auth/plugin.ts';
import type { Role } from '../../src/domain/access.ts';

export const TEST_PASSWORD = 'correct horse battery staple';

export interface SignedIn {
  userId: number;
  email: string;
  role: Role;
  /** The Cookie header value carrying the session. */
  cookie: string;
  /** The session's CSRF token, for the `_csrf` form field. */
  csrfToken: string;
}

let counter = 0;

/** Creates a user with `role` (and TEST_PASSWORD) and signs them in. */
export async function signInAs(app: App, role: Role, options: { email?: string; name?: string; scope?: { refs: string[]; services: string[] } } = {}): Promise<SignedIn> {
  counter += 1;
  const email = options.email ?? `${role}-${process.pid}-${counter}@test.example`;
  const existing = (await app.accounts.listUsers()).find((u) => u.email === email);
  const userId =
    existing?.id ??
    (await app.accounts.createUser({ email, name: options.name ?? `Test ${role}`, role, password: TEST_PASSWORD, scope: options.scope }, 'test')).id;
  const token = await app.accounts.createSession(userId);
  const live = await app.accounts.sessionFor(token);
  return { userId, email, role, cookie: `${SESSION_COOKIE}=${token}`, csrfToken: live!.csrfToken };
}

/** The value of the first `name="_csrf"` hidden field in a page. */
export function csrfFrom(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error('No CSRF token in the page');
  return m[1]!;
}

/** Cookies set by a response, as a Cookie header value (name=value; …), merged over `previous`. */
export function cookiesFrom(res: LightMyRequestResponse, previous = ''): string {
  const jar = new Map(
    previous
      .split(/;\s*/)
      .filter(Boolean)
      .map((c) => [c.slice(0, c.indexOf('=')), c.slice(c.indexOf('=') + 1)] as [string, string]),
  );
  for (const c of res.cookies) {
    if (c.value === '' || (c.maxAge !== undefined && c.maxAge <= 0) || (c.expires && c.expires.getTime() < Date.now())) jar.delete(c.name);
    else jar.set(c.name, c.value);
  }
  return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
}

/** An urlencoded form body. */
export function form(fields: Record<string, string>): { payload: string; headers: Record<string, string> } {
  return { payload: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } };
}

/**
 * A refused request, as the access rules answer it: anonymous HTML GETs are sent to sign in (and
 * back), anonymous POSTs get 401 "You need to sign in", signed-in users without the role 403.
 */
export function expectRefused(res: LightMyRequestResponse, who: Role | 'anonymous', method: string, path: string): void {
  if (who === 'anonymous') {
    if (method === 'GET') {
      expect(res.statusCode).toBe(302);
      expect(res.headers.location).toBe(`/sign-in?next=${encodeURIComponent(path)}`);
    } else {
      expect(res.statusCode).toBe(401);
      expect(res.body).toContain('You need to sign in');
    }
  } else {
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('You do not have permission to use this page');
  }
}
