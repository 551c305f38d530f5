/**
 * /sign-in and /sign-out over HTTP against a real database: success, failure, rate limiting,
 * `next` redirects, cookies, and CSRF (rejected without a token, accepted with it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfFrom, cookiesFrom, form, signInAs, TEST_PASSWORD } from '../../../../test/support/auth.ts';
import { createTestDatabase, engines, type TestDatabase } from '../../../../test/support/db.ts';
import { loadConfig } from '../../../config.ts';
import { buildServer } from '../../server.ts';

describe.each(engines())('sign in and out on %s', (engine) => {
  let t: TestDatabase;
  let server: ReturnType<typeof buildServer>;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
    server = buildServer(t.app);
    await t.app.accounts.createUser({ email: 'pat@council.gov.uk', name: 'Pat Officer', role: 'performance-officer', password: TEST_PASSWORD }, 'test');
  });
  afterAll(async () => {
    await server?.close();
    await t?.dispose();
  });

  /** GET /sign-in: its cookies (the anonymous CSRF nonce) and the form's token. */
  async function openForm(query = '') {
    const page = await server.inject(`/sign-in${query}`);
    return { page, cookie: cookiesFrom(page), csrf: csrfFrom(page.body) };
  }

  function post(cookie: string, fields: Record<string, string>, ip = '127.0.0.1') {
    const body = form(fields);
    return server.inject({ method: 'POST', url: '/sign-in', remoteAddress: ip, payload: body.payload, headers: { ...body.headers, cookie } });
  }

  it('shows a GOV.UK sign-in form with a CSRF token and an HttpOnly, SameSite=Lax nonce cookie', async () => {
    const { page } = await openForm('?next=/admin/users');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1 class="govuk-heading-l">Sign in</h1>');
    expect(page.body).toContain('name="next" value="/admin/users"');
    expect(page.body).toContain('autocomplete="current-password"');
    const nonce = page.cookies.find((c) => c.name === 'townhall_csrf')!;
    expect(nonce).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(nonce.secure).toBeFalsy();
    expect(String(page.headers['cache-control'])).toContain('no-store');
  });

  it('signs in, sets an HttpOnly SameSite=Lax session cookie and redirects to a same-site next path only', async () => {
    const { cookie, csrf } = await openForm();
    const res = await post(cookie, { _csrf: csrf, email: 'PAT@council.gov.uk', password: TEST_PASSWORD, next: '/admin/audit?entity=app_user' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin/audit?entity=app_user');
    const session = res.cookies.find((c) => c.name === 'townhall_session')!;
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const home = await server.inject({ url: '/sign-in', headers: { cookie: cookiesFrom(res, cookie) } });
    expect(home.body).toContain('Signed in as Pat Officer');
    expect(home.body).toContain('action="/sign-out"');

    const again = await openForm();
    const offsite = await post(again.cookie, { _csrf: again.csrf, email: 'pat@council.gov.uk', password: TEST_PASSWORD, next: '//evil.example/' });
    expect(offsite.headers.location).toBe('/');
  });

  it('marks cookies Secure when COOKIE_SECURE=true', async () => {
    const secure = buildServer(t.app, { config: loadConfig({ COOKIE_SECURE: 'true' }) });
    try {
      const page = await secure.inject('/sign-in');
      expect(page.cookies.find((c) => c.name === 'townhall_csrf')!.secure).toBe(true);
    } finally {
      await secure.close();
    }
  });

  it('shows an error summary and inline errors for empty fields and for a wrong password, without saying which was wrong', async () => {
    const { cookie, csrf } = await openForm();
    const empty = await post(cookie, { _csrf: csrf, email: '', password: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('govuk-error-summary');
    expect(empty.body).toContain('<a href="#email">Enter your email address</a>');
    expect(empty.body).toContain('<a href="#password">Enter your password</a>');
    expect(empty.body).toContain('<title>Error: Sign in');
    const wrong = await post(cookie, { _csrf: csrf, email: 'pat@council.gov.uk', password: 'not the password' }, '10.1.1.1');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('Enter a correct email address and password');
    expect(wrong.body).toContain('value="pat@council.gov.uk"');
    expect(wrong.cookies.find((c) => c.name === 'townhall_session')).toBeUndefined();
    const unknown = await post(cookie, { _csrf: csrf, email: 'who@council.gov.uk', password: 'not the password' }, '10.1.1.1');
    expect(unknown.body).toContain('Enter a correct email address and password');
  });

  it('refuses the sixth attempt within 15 minutes with a clear GOV.UK error (429), and audits it', async () => {
    const { cookie, csrf } = await openForm();
    for (let i = 0; i < 5; i += 1) {
      expect((await post(cookie, { _csrf: csrf, email: 'pat@council.gov.uk', password: `guess ${i}` }, '10.2.2.2')).statusCode).toBe(400);
    }
    const refused = await post(cookie, { _csrf: csrf, email: 'pat@council.gov.uk', password: TEST_PASSWORD }, '10.2.2.2');
    expect(refused.statusCode).toBe(429);
    expect(refused.body).toContain('You have tried to sign in too many times. Wait 15 minutes, then try again.');
    expect(refused.body).toContain('govuk-error-summary');
    const audit = await t.handle.db.selectFrom('audit_event').selectAll().where('action', '=', 'sign-in:refused').execute();
    expect(audit.some((a) => a.entity_key === 'pat@council.gov.uk' && (a.after as { ip: string }).ip === '10.2.2.2')).toBe(true);
  });

  it('rejects a sign-in without a CSRF token, with a wrong one, or with a token from another visitor', async () => {
    const { cookie, csrf } = await openForm();
    const none = await post(cookie, { email: 'pat@council.gov.uk', password: TEST_PASSWORD });
    expect(none.statusCode).toBe(403);
    expect(none.body).toContain('Sorry, there is a problem with this form');
    expect(none.cookies.find((c) => c.name === 'townhall_session')).toBeUndefined();
    expect((await post(cookie, { _csrf: (csrf[0] === 'x' ? 'y' : 'x') + csrf.slice(1), email: 'pat@council.gov.uk', password: TEST_PASSWORD })).statusCode).toBe(403);
    const other = await openForm();
    expect((await post(cookie, { _csrf: other.csrf, email: 'pat@council.gov.uk', password: TEST_PASSWORD })).statusCode).toBe(403);
    expect((await post('', { _csrf: csrf, email: 'pat@council.gov.uk', password: TEST_PASSWORD })).statusCode).toBe(403);
    // A cross-site Origin is refused even with a valid token.
    const body = form({ _csrf: csrf, email: 'pat@council.gov.uk', password: TEST_PASSWORD });
    const crossSite = await server.inject({ method: 'POST', url: '/sign-in', payload: body.payload, headers: { ...body.headers, cookie, origin: 'https://evil.example' } });
    expect(crossSite.statusCode).toBe(403);
    expect((await post(cookie, { _csrf: csrf, email: 'pat@council.gov.uk', password: TEST_PASSWORD })).statusCode).toBe(303);
  });

  it('signs out only with the session’s CSRF token, ends the session and says so', async () => {
    const pat = await signInAs(t.app, 'performance-officer', { email: 'pat@council.gov.uk' });
    const withoutToken = await server.inject({ method: 'POST', url: '/sign-out', headers: { cookie: pat.cookie } });
    expect(withoutToken.statusCode).toBe(403);
    expect(await t.app.accounts.sessionFor(pat.cookie.split('=')[1])).not.toBeNull();
    const body = form({ _csrf: pat.csrfToken });
    const res = await server.inject({ method: 'POST', url: '/sign-out', payload: body.payload, headers: { ...body.headers, cookie: pat.cookie } });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/sign-in?signed-out=1');
    expect(await t.app.accounts.sessionFor(pat.cookie.split('=')[1])).toBeNull();
    const after = await server.inject({ url: '/sign-in?signed-out=1', headers: { cookie: cookiesFrom(res, pat.cookie) } });
    expect(after.body).toContain('You have signed out.');
    expect(after.body).not.toContain('Signed in as');
  });

  it('treats a stale session cookie as anonymous and clears it', async () => {
    const res = await server.inject({ url: '/sign-in', headers: { cookie: 'townhall_session=stale' } });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('Signed in as');
    expect(res.cookies.find((c) => c.name === 'townhall_session')!.value).toBe('');
  });
});
