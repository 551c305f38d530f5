/**
 * The role × route matrix for the accounts pages: anonymous visitors and every role against every
 * route, allowed or denied — GETs and state-changing POSTs (with valid CSRF tokens, so the role
 * check is what decides).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../src/domain/access.ts';
import { buildServer } from '../../src/web/server.ts';
import { cookiesFrom, csrfFrom, expectRefused, form, signInAs, type SignedIn } from '../support/auth.ts';
import { createTestDatabase, engines, type TestDatabase } from '../support/db.ts';

type Who = Role | 'anonymous';
const WHO: Who[] = ['anonymous', ...ROLES];

/** Each route and who may use it. `:id` is replaced by a real user's id. */
const MATRIX: { method: 'GET' | 'POST'; url: string; allowed: Who[] }[] = [
  { method: 'GET', url: '/sign-in', allowed: WHO },
  { method: 'POST', url: '/sign-out', allowed: WHO },
  { method: 'GET', url: '/admin/users', allowed: ['administrator'] },
  { method: 'GET', url: '/admin/users/new', allowed: ['administrator'] },
  { method: 'POST', url: '/admin/users', allowed: ['administrator'] },
  { method: 'GET', url: '/admin/users/:id', allowed: ['administrator'] },
  { method: 'POST', url: '/admin/users/:id', allowed: ['administrator'] },
  { method: 'GET', url: '/admin/users/:id/password', allowed: ['administrator'] },
  { method: 'POST', url: '/admin/users/:id/password', allowed: ['administrator'] },
  { method: 'GET', url: '/admin/audit', allowed: ['administrator', 'performance-officer'] },
  { method: 'GET', url: '/admin/audit.csv', allowed: ['administrator', 'performance-officer'] },
];

describe.each(engines())('accounts pages: role × route on %s', (engine) => {
  let t: TestDatabase;
  let server: ReturnType<typeof buildServer>;
  let targetId: number;
  const sessions = new Map<Role, SignedIn>();
  beforeAll(async () => {
    t = await createTestDatabase(engine);
    server = buildServer(t.app);
    for (const role of ROLES) sessions.set(role, await signInAs(t.app, role));
    targetId = (await t.app.accounts.createUser({ email: 'target@council.gov.uk', name: 'Target', role: 'councillor', password: null }, 'test')).id;
  });
  afterAll(async () => {
    await server?.close();
    await t?.dispose();
  });

  async function credentials(who: Who): Promise<{ cookie: string; csrf: string }> {
    if (who !== 'anonymous') {
      // A fresh session each time: signing out ends the previous one.
      const s = await signInAs(t.app, who, { email: sessions.get(who)!.email });
      return { cookie: s.cookie, csrf: s.csrfToken };
    }
    const page = await server.inject('/sign-in');
    return { cookie: cookiesFrom(page), csrf: csrfFrom(page.body) };
  }

  const cases = MATRIX.flatMap((route) => WHO.map((who) => ({ ...route, who, allow: route.allowed.includes(who) })));

  it.each(cases)('$method $url as $who → $allow', async ({ method, url, who, allow }) => {
    const { cookie, csrf } = await credentials(who);
    const path = url.replace(':id', String(targetId));
    const body = form({ _csrf: csrf });
    const res =
      method === 'GET'
        ? await server.inject({ url: path, headers: { cookie, accept: 'text/html' } })
        : await server.inject({ method, url: path, payload: body.payload, headers: { ...body.headers, cookie } });
    if (allow) {
      // Allowed: the page, the CSV, a redirect after sign-out, or a validation error for the empty form.
      expect([200, 303, 400]).toContain(res.statusCode);
      if (method === 'POST' && url.startsWith('/admin/')) expect(res.body).toContain('govuk-error-summary');
    } else {
      expectRefused(res, who, method, path);
      if (who !== 'anonymous') expect(res.body).toContain('govuk-heading-l');
    }
  });

  it('answers anonymous non-HTML requests with 401 instead of a redirect', async () => {
    const res = await server.inject({ url: '/admin/audit.csv', headers: { accept: 'application/json' } });
    expect(res.statusCode).toBe(401);
  });

  it('shows admin links in the service navigation only to those who may use them', async () => {
    const admin = await server.inject({ url: '/sign-in', headers: { cookie: sessions.get('administrator')!.cookie } });
    expect(admin.body).toContain('href="/admin/users"');
    expect(admin.body).toContain('href="/admin/audit"');
    const officer = await server.inject({ url: '/sign-in', headers: { cookie: sessions.get('performance-officer')!.cookie } });
    expect(officer.body).not.toContain('href="/admin/users"');
    expect(officer.body).toContain('href="/admin/audit"');
    const councillor = await server.inject({ url: '/sign-in', headers: { cookie: sessions.get('councillor')!.cookie } });
    expect(councillor.body).not.toContain('href="/admin/');
    const anonymous = await server.inject('/sign-in');
    expect(anonymous.body).not.toContain('href="/admin/');
    expect(anonymous.body).toContain('href="/sign-in"');
  });
});
