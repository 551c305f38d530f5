/**
 * Web routes against a real database: status page, health, report endpoints, escaping, headers.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_WORKBOOK } from '../../src/app.ts';
import { buildServer, strictTransport } from '../../src/web/server.ts';
import { loadConfig } from '../../src/config.ts';
import { createTestDatabase, engines, type TestDatabase } from '../support/db.ts';
import { smallCouncil, writeCsvWorkbook } from '../support/workbook.ts';

describe.each(engines())('web server on %s', (engine) => {
  let t: TestDatabase;
  let server: ReturnType<typeof buildServer>;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
    await t.app.imports.importFile(DEMO_WORKBOOK);
    // The demo's periods come from published papers: the public may read them.
    await t.app.publication.publishAllWithData('demo', 'test');
    server = buildServer(t.app);
  });
  afterAll(async () => {
    await server?.close();
    await t?.dispose();
  });

  it('serves a status page listing the committee under each of its names, with security headers', async () => {
    const res = await server.inject('/');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('London Borough of Barnet');
    expect(res.body).toContain('Community Leadership and Libraries Committee (from 2018/19)');
    expect(res.body).toContain('Formerly Community Leadership Committee.');
    expect(res.body).toContain('govuk-template');
    // A council service is not on GOV.UK: no crown or GOV.UK logotype in its header.
    expect(res.body).not.toContain('govuk-header__logo');
    expect(res.body).toContain('govuk-service-navigation');
    // Nor in its footer (a <footer> landmark): no crown, no royal arms, no "Crown copyright".
    const footer = res.body.slice(res.body.indexOf('<footer'), res.body.indexOf('</footer>'));
    expect(footer).toContain('govuk-template__footer');
    expect(footer).toContain('href="/open-data"');
    expect(footer).toContain('Open Government Licence v3.0');
    expect(res.body).not.toMatch(/govuk-footer__crown|govuk-footer__copyright-logo|Crown copyright|govuk-icon|favicon\.ico/);
    expect(res.body).toContain('<link rel="icon" sizes="any" href="/public/favicon.svg" type="image/svg+xml">');
    expect((await server.inject('/public/favicon.svg')).headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    // The GOV.UK template's one inline script is allowed by its hash, and no other inline script is.
    const hashes = [...String(res.headers['content-security-policy']).matchAll(/'sha256-([^']+)'/g)].map((m) => m[1]);
    const inline = [...res.body.matchAll(/<script>([^<]+)<\/script>/g)].map((m) => createHash('sha256').update(m[1]!).digest('base64'));
    expect(inline).toHaveLength(1);
    expect(hashes).toEqual(inline);
    expect(res.body).not.toContain('nonce=');
  });

  it('sets no cookie on a page without a form; the sign-in form gets its CSRF cookie', async () => {
    for (const url of ['/', '/committees/community-leadership-committee/2018-19-q2', '/indicators/cg-c27', '/open-data']) {
      const res = await server.inject(url);
      expect([url, res.statusCode, res.headers['set-cookie']]).toEqual([url, 200, undefined]);
    }
    const signIn = await server.inject('/sign-in');
    expect(String(signIn.headers['set-cookie'])).toMatch(/^townhall_csrf=/);
    expect(signIn.body).toMatch(/name="_csrf" value="[^"]+"/);
  });

  it('sends HSTS when COOKIE_SECURE=true or the request came over TLS, and not on plain http', async () => {
    for (const url of ['/', '/sign-in', '/public/favicon.svg', '/no-such-page']) {
      expect([url, (await server.inject(url)).headers['strict-transport-security']]).toEqual([url, undefined]);
    }
    const secure = buildServer(t.app, { config: loadConfig({ COOKIE_SECURE: 'true' }) });
    try {
      for (const url of ['/', '/sign-in', '/public/favicon.svg', '/no-such-page']) {
        expect([url, (await secure.inject(url)).headers['strict-transport-security']]).toEqual([url, 'max-age=31536000; includeSubDomains']);
      }
    } finally {
      await secure.close();
    }
    // A server given TLS itself sees `request.protocol` 'https' (inject cannot make a TLS connection).
    expect(strictTransport(loadConfig({}), { protocol: 'https' })).toBe(true);
    expect(strictTransport(loadConfig({}), { protocol: 'http' })).toBe(false);
    expect(strictTransport(loadConfig({ COOKIE_SECURE: 'true' }), { protocol: 'http' })).toBe(true);
  });

  it('keeps anonymous public pages cacheable and marks pages with a form no-store', async () => {
    for (const url of ['/', '/committees/community-leadership-committee/2018-19-q2', '/indicators/cg-c27', '/open-data']) {
      expect([url, (await server.inject(url)).headers['cache-control']]).toEqual([url, undefined]);
    }
    expect((await server.inject('/sign-in')).headers['cache-control']).toBe('no-store');
  });

  it('serves GOV.UK Frontend assets and the blank import template', async () => {
    expect((await server.inject('/stylesheets/govuk-frontend.min.css')).statusCode).toBe(200);
    expect((await server.inject('/javascripts/govuk-frontend.min.js')).statusCode).toBe(200);
    expect((await server.inject('/assets/images/favicon.svg')).statusCode).toBe(200);
    expect((await server.inject('/stylesheets/../package.json')).statusCode).toBe(404);
    const template = await server.inject('/import-template.xlsx');
    expect(template.statusCode).toBe(200);
    expect(template.headers['content-disposition']).toContain('townhall-import-template.xlsx');
    expect(template.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('serves /health', async () => {
    const res = await server.inject('/health');
    expect(res.json()).toEqual({ status: 'ok', database: t.handle.engine });
  });

  it('serves the report as JSON and markdown, and explains bad requests', async () => {
    const json = await server.inject('/reports/performance?committee=community-leadership-committee&period=2016/17');
    expect(json.statusCode).toBe(200);
    expect(json.json().summary.G.count).toBe(8);
    const md = await server.inject('/reports/performance?committee=community-leadership-committee&period=Q2%202018/19&format=md');
    expect(md.headers['content-type']).toContain('text/markdown');
    expect(md.body).toContain('↓ W +6.6%');
    expect((await server.inject('/reports/performance?committee=nope&period=2016/17')).statusCode).toBe(404);
    expect((await server.inject('/reports/performance?period=2016/17')).statusCode).toBe(400);
  });

  it('escapes names that contain markup', async () => {
    const sheets = smallCouncil();
    const xss = '<script>alert(1)</script> & "Co"';
    // The demo's plan years stand (their rating methods are locked by its published reports).
    sheets.settings = [];
    for (const row of sheets.indicators!) row.committee = xss;
    sheets.actions![0]!.committee = xss;
    const dir = await writeCsvWorkbook(sheets);
    const outcome = await t.app.imports.importFile(dir);
    expect(outcome.ok ? [] : outcome.errors).toEqual([]);
    const res = await server.inject('/');
    expect(res.body).not.toContain('<script>alert(1)</script>');
    expect(res.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;');
    const md = await server.inject(`/reports/performance?committee=${encodeURIComponent(xss)}&period=2016/17&format=md`);
    expect(md.body).not.toContain('<script>');
  });
});
