/**
 * No request can crash (issue 9): every GET and POST route Fastify has registered is sent, as a
 * signed-in administrator with a valid CSRF token, a NUL, another control character, a 100,000-character
 * value and an invalid percent-encoding in every query parameter any page reads and in every form field
 * any page has — each gets a 400 error page; a long value within the limits gets no 5xx. Headers too.
 * No answer shows a database's or a library's words (src/web/errors.ts).
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FIELD_LENGTH, MAX_URL_LENGTH } from '../../src/web/errors.ts';
import { buildServer } from '../../src/web/server.ts';
import { form, signInAs } from '../support/auth.ts';
import type { TestDatabase } from '../support/db.ts';
import { everyRoute, realUrl } from '../support/routes.ts';

/** Every query parameter a page reads (the routes' Querystring types and parseAuditQuery), and one no page reads. */
const QUERY_NAMES = ['added', 'changed', 'password', 'committee', 'period', 'format', 'done', 'imported', 'next', 'signed-out', 'saved', 'ref', 'lMeetingId', 'lCommitteeId', 'sFromDate', 'sToDate'];
const MORE_QUERY_NAMES = ['actor', 'entity', 'page', 'rating', 'type', 'priority', 'sort', 'order', 'x'];

/** What a refused request carries, encoded for a URL or a form; the name is the test's. */
const HOSTILE: { name: string; query: string; field: string }[] = [
  { name: 'NUL', query: 'a%00b', field: 'a\0b' },
  { name: 'control character', query: 'a%01b%1Bc', field: 'a\u0001b\u001bc' },
  { name: '100,000 characters', query: 'x'.repeat(100_000), field: 'x'.repeat(100_000) },
  { name: 'invalid percent-encoding', query: '%ZZ%E0%A4%A', field: '' },
];

/** Words of a database, a driver or a runtime error that no visitor may see. */
const LEAK = /postgres|pglite|kysely|syntax error|relation "|column "|violates|constraint|invalid byte sequence|TypeError|ReferenceError|RangeError|node_modules|\bat \S+ \(|\.ts:\d+/i;

function expectNoLeak(res: LightMyRequestResponse, what: string): void {
  // /health names the engine it runs on, by design.
  const body = res.body.replace('{"status":"ok","database":"pglite"}', '');
  expect([what, res.statusCode < 500, LEAK.exec(body)?.[0] ?? null]).toEqual([what, true, null]);
}

describe('hostile input to every route', () => {
  let t: TestDatabase;
  let server: ReturnType<typeof buildServer>;
  let params: Record<string, string>;
  let routes: { method: string; url: string }[];
  let fieldNames: string[];
  let email: string;

  beforeAll(async () => {
    ({ t, server, params, routes } = await everyRoute());
    email = (await signInAs(t.app, 'administrator')).email;
    // Every form field on every page an administrator can open.
    const names = new Set<string>();
    const admin = await signInAs(t.app, 'administrator', { email });
    for (const r of routes.filter((r) => r.method === 'GET')) {
      const page = await server.inject({ url: realUrl(r.url, params), headers: { cookie: admin.cookie } });
      for (const m of page.body.matchAll(/<(?:input|textarea|select)\b[^>]*\bname="([^"]+)"/g)) names.add(m[1]!);
    }
    for (const n of ['_csrf', 'csrf']) names.delete(n);
    fieldNames = [...names].sort();
    expect(fieldNames.length).toBeGreaterThan(30);
  });
  afterAll(async () => {
    await server?.close();
    await t?.dispose();
  });

  const send = async (method: string, path: string, fields: Record<string, string> | null, headers: Record<string, string> = {}) => {
    const admin = await signInAs(t.app, 'administrator', { email });
    if (method === 'GET') return server.inject({ url: path, headers: { cookie: admin.cookie, accept: 'text/html', ...headers } });
    const body = form({ ...fields, _csrf: admin.csrfToken });
    return server.inject({ method, url: path, payload: body.payload, headers: { ...body.headers, cookie: admin.cookie, ...headers } });
  };

  const withQuery = (path: string, names: string[], value: string) => `${path}${path.includes('?') ? '&' : '?'}${names.map((n) => `${n}=${value}`).join('&')}`;

  it('has routes to try', () => {
    expect(routes.length).toBeGreaterThan(50);
    expect(MAX_URL_LENGTH).toBeLessThan(100_000);
    expect(MAX_FIELD_LENGTH).toBeLessThan(100_000);
  });

  it.each(HOSTILE)('refuses $name in the query string of every route with a 400 page', async ({ name, query }) => {
    for (const r of routes) {
      const path = realUrl(r.url, params);
      for (const names of [QUERY_NAMES, MORE_QUERY_NAMES]) {
        const res = await send(r.method, withQuery(path, names, query), r.method === 'POST' ? {} : null);
        const what = `${r.method} ${r.url} ?${names[0]}…=${name}`;
        expectNoLeak(res, what);
        expect([what, res.statusCode]).toEqual([what, 400]);
        expect(res.headers['cache-control']).toBe('no-store');
        if (String(res.headers['content-type']).startsWith('text/html')) expect(res.body).toContain('Sorry, there is a problem with your request');
      }
    }
  });

  it.each(HOSTILE.filter((h) => h.field))('refuses $name in every form field of every POST route with a 400 page', async ({ name, field }) => {
    for (const r of routes.filter((r) => r.method === 'POST')) {
      const path = realUrl(r.url, params);
      // A field no page has, then every field any page has, at once.
      for (const names of [['x'], fieldNames]) {
        const res = await send('POST', path, Object.fromEntries(names.map((n) => [n, field])));
        const what = `POST ${r.url} ${names.length === 1 ? names[0] : 'every field'}=${name}`;
        expectNoLeak(res, what);
        // Every field at 100,000 characters is more than the 1 MB a request body may be: 413, the "too large" page.
        expect([what, res.statusCode]).toEqual([what, names.length > 1 && field.length > MAX_FIELD_LENGTH ? 413 : 400]);
        expect(res.headers['cache-control']).toBe('no-store');
      }
    }
  });

  it('refuses a form whose percent-encoding does not decode', async () => {
    const admin = await signInAs(t.app, 'administrator', { email });
    const res = await server.inject({
      method: 'POST',
      url: '/admin/users',
      payload: `_csrf=${encodeURIComponent(admin.csrfToken)}&name=%ZZ&email=%E0%A4%A`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: admin.cookie },
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Sorry, there is a problem with your request');
  });

  it('answers every query parameter given twice, and every form field given twice, without a 5xx', async () => {
    for (const r of routes) {
      const path = realUrl(r.url, params);
      const names = [...QUERY_NAMES, ...MORE_QUERY_NAMES];
      const res = await send(r.method, withQuery(withQuery(path, names, 'a'), names, 'b'), r.method === 'POST' ? {} : null);
      expectNoLeak(res, `${r.method} ${r.url} repeated query`);
      if (r.method === 'POST') {
        const admin = await signInAs(t.app, 'administrator', { email });
        const payload = [`_csrf=${encodeURIComponent(admin.csrfToken)}`, ...fieldNames.flatMap((n) => [`${encodeURIComponent(n)}=1`, `${encodeURIComponent(n)}=2`])].join('&');
        const twice = await server.inject({ method: 'POST', url: path, payload, headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: admin.cookie } });
        expectNoLeak(twice, `POST ${r.url} repeated fields`);
      }
    }
  });

  it('answers long values within the limits in every query parameter and form field without a 5xx or a database message', async () => {
    for (const r of routes) {
      const path = realUrl(r.url, params);
      const res = await send(r.method, withQuery(path, [...QUERY_NAMES, ...MORE_QUERY_NAMES], 'y'.repeat(300)), r.method === 'POST' ? {} : null);
      expectNoLeak(res, `${r.method} ${r.url} long query`);
      if (r.method === 'POST') {
        const long = await send('POST', path, Object.fromEntries(fieldNames.map((n) => [n, `${'z'.repeat(MAX_FIELD_LENGTH - 10)}\r\n`])));
        expectNoLeak(long, `POST ${r.url} long fields`);
      }
    }
  });

  it('refuses a control character or an overlong value in a header, and in an uploaded file name', async () => {
    const cases: Record<string, string>[] = [{ referer: 'a\u0001b' }, { 'user-agent': 'x'.repeat(100_000) }, { cookie: `townhall_csrf=${'c'.repeat(100_000)}` }];
    for (const headers of cases) {
      const res = await send('GET', '/', null, headers);
      expectNoLeak(res, Object.keys(headers)[0]!);
      expect(res.statusCode).toBe(400);
    }
    const admin = await signInAs(t.app, 'administrator', { email });
    const boundary = 'x-boundary';
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a\0b.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4]),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const upload = await server.inject({
      method: 'POST',
      url: `/import?_csrf=${encodeURIComponent(admin.csrfToken)}`,
      payload,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: admin.cookie },
    });
    expectNoLeak(upload, 'upload file name');
    expect(upload.statusCode).toBe(400);
  });
});
