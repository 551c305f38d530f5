/**
 * The central error pages (src/web/errors.ts): unknown addresses, failing routes and unreadable
 * requests get GOV.UK pages in the layout, never an error's message or stack; JSON routes get JSON.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/web/server.ts';
import { signInAs } from '../support/auth.ts';
import { createTestDatabase, engines, type TestDatabase } from '../support/db.ts';

const SECRET = 'relation "app_user" does not exist at pg/lib/client.js';

describe.each(engines())('error pages on %s', (engine) => {
  let t: TestDatabase;
  let server: ReturnType<typeof buildServer>;
  let logged: string[];
  beforeAll(async () => {
    t = await createTestDatabase(engine);
    logged = [];
    const stream = { write: (line: string) => void logged.push(line) };
    server = buildServer(t.app, { logger: { level: 'info', stream } });
    // Routes that fail as a route can: a thrown error (e.g. from the database), and a JSON route that does.
    server.get('/test/fails', async () => {
      throw new Error(SECRET);
    });
    server.post('/test/fails', async () => {
      throw new Error(SECRET);
    });
  });
  afterAll(async () => {
    await server?.close();
    await t?.dispose();
  });

  const expectPage = (res: { headers: Record<string, unknown>; body: string }, heading: string) => {
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toContain('govuk-template');
    expect(res.body).toContain('govuk-service-navigation');
    expect(res.body).toMatch(new RegExp(`<h1 class="govuk-heading-[a-z]+">${heading}</h1>`));
    expect(res.body).toContain(`<title>${heading} – Townhall</title>`);
    expect(res.body).not.toContain(SECRET);
    expect(res.body).not.toMatch(/\bat \S+:\d+:\d+/); // no stack frames
  };

  it('answers an unknown address with the GOV.UK "Page not found" page', async () => {
    const res = await server.inject('/no/such/page');
    expect(res.statusCode).toBe(404);
    expectPage(res, 'Page not found');
    expect(res.body).toContain('If you typed the web address, check it is correct.');
    // An unknown static file too.
    const asset = await server.inject('/public/nope.css');
    expect(asset.statusCode).toBe(404);
    expectPage(asset, 'Page not found');
  });

  it('shows the signed-in navigation on the not-found page', async () => {
    const admin = await signInAs(t.app, 'administrator');
    const res = await server.inject({ url: '/no/such/page', headers: { cookie: admin.cookie } });
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('Signed in as');
  });

  it('answers a route that fails with "Sorry, there is a problem with the service", logging the error with the request id', async () => {
    for (const method of ['GET', 'POST'] as const) {
      logged.length = 0;
      const res = await server.inject({ method, url: '/test/fails', headers: { 'x-csrf-token': 'none' } });
      if (method === 'POST') {
        // Without a valid token a POST is refused before the route (403 stays requireRole's/CSRF page).
        expect(res.statusCode).toBe(403);
        continue;
      }
      expect(res.statusCode).toBe(500);
      expectPage(res, 'Sorry, there is a problem with the service');
      expect(res.body).toContain('Try again later.');
      const entry = logged.map((l) => JSON.parse(l) as { level: number; reqId?: string; err?: { message: string; stack: string } }).find((l) => l.err);
      expect(entry?.level).toBe(50);
      expect(entry?.reqId).toBeTruthy();
      expect(entry?.err?.message).toBe(SECRET);
      expect(entry?.err?.stack).toContain('Error: ');
    }
  });

  it('answers a request whose body cannot be read with a 400 page', async () => {
    const res = await server.inject({ method: 'POST', url: '/sign-in', headers: { 'content-type': 'application/json' }, payload: '{"email": ' });
    expect(res.statusCode).toBe(400);
    expectPage(res, 'Sorry, there is a problem with your request');
    expect(res.body).toContain('The information sent could not be read.');
    expect(res.body).not.toMatch(/JSON|Unexpected|position/);
  });

  it('answers an address or a form carrying a NUL character with a 400 page', async () => {
    for (const url of ['/committees/x%00y', '/reports/performance?committee=a%00&period=2016/17', '/?x=%00']) {
      const res = await server.inject({ url, headers: { accept: 'text/html' } });
      expect(res.statusCode, url).toBe(400);
    }
    const page = await server.inject('/committees/x%00y');
    expectPage(page, 'Sorry, there is a problem with your request');
    expect(page.body).toContain('The web address or form contains a character that cannot be used.');
    const admin = await signInAs(t.app, 'administrator');
    const form = await server.inject({
      method: 'POST',
      url: '/admin/users',
      headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_csrf=${encodeURIComponent(admin.csrfToken)}&email=a%00b%40example.org&name=A&role=administrator`,
    });
    expect(form.statusCode).toBe(400);
    expectPage(form, 'Sorry, there is a problem with your request');
    expect((await t.app.accounts.listUsers()).some((u) => u.email.includes('\0'))).toBe(false);
  });

  it('answers a malformed address with a 400 page', async () => {
    const res = await server.inject('/committees/%zz');
    expect(res.statusCode).toBe(400);
    expectPage(res, 'Sorry, there is a problem with your request');
    expect(res.body).toContain('The web address is not valid.');
    expect(res.body).not.toContain('%zz');
  });

  it('answers a body larger than the service accepts with a 413 page', async () => {
    const res = await server.inject({ method: 'POST', url: '/sign-in', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `email=${'a'.repeat(1_100_000)}` });
    expect(res.statusCode).toBe(413);
    expectPage(res, 'Sorry, what you sent is too large');
  });

  it('answers JSON routes and JSON clients with JSON errors, without details', async () => {
    const bad = await server.inject('/reports/performance?committee=a%00&period=2016/17');
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(bad.json()).toEqual({ statusCode: 400, error: 'Bad Request', message: 'The web address or form contains a character that cannot be used.' });
    const failed = await server.inject({ url: '/test/fails', headers: { accept: 'application/json' } });
    expect(failed.statusCode).toBe(500);
    expect(failed.json()).toEqual({ statusCode: 500, error: 'Internal Server Error', message: 'Sorry, there is a problem with the service. Try again later.' });
    const missing = await server.inject({ url: '/no/such/thing', headers: { accept: 'application/json' } });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });
});
