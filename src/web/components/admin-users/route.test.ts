/**
 * /admin/users over HTTP against a real database: list, add (with errors), change, reset password,
 * audit entries, and markup in a user's name coming back inert.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { form, signInAs, type SignedIn } from '../../../../test/support/auth.ts';
import { createTestDatabase, engines, type TestDatabase } from '../../../../test/support/db.ts';
import { buildServer } from '../../server.ts';

const XSS = '<script>alert("x")</script><img src=x onerror=alert(1)> O\'Brien & Co';

describe.each(engines())('user administration on %s', (engine) => {
  let t: TestDatabase;
  let server: ReturnType<typeof buildServer>;
  let admin: SignedIn;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
    server = buildServer(t.app);
    admin = await signInAs(t.app, 'administrator', { email: 'admin@council.gov.uk', name: 'Ada Admin' });
  });
  afterAll(async () => {
    await server?.close();
    await t?.dispose();
  });

  const get = (url: string) => server.inject({ url, headers: { cookie: admin.cookie } });
  const post = (url: string, fields: Record<string, string>) => {
    const body = form({ _csrf: admin.csrfToken, ...fields });
    return server.inject({ method: 'POST', url, payload: body.payload, headers: { ...body.headers, cookie: admin.cookie } });
  };
  const audit = (key: string) =>
    t.handle.db.selectFrom('audit_event').selectAll().where('entity', '=', 'app_user').where('entity_key', '=', key).orderBy('id').execute();

  it('adds a user: errors first, in a GOV.UK error summary with inline messages, then success', async () => {
    const form1 = await get('/admin/users/new');
    expect(form1.statusCode).toBe(200);
    expect(form1.body).toContain('<h1 class="govuk-heading-l">Add a user</h1>');
    const bad = await post('/admin/users', { name: 'Sam Owner', email: 'sam@', role: '', password: 'short' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('<a href="#email">Enter an email address in the correct format, like name@example.gov.uk</a>');
    expect(bad.body).toContain('<a href="#role">Select a role</a>');
    expect(bad.body).toContain('<a href="#password">Password must be 12 characters or more</a>');
    expect(bad.body).toContain('id="email-error"');
    expect(bad.body).toContain('value="Sam Owner"'); // what was typed is kept
    const good = await post('/admin/users', {
      name: 'Sam Owner',
      email: 'Sam@Council.gov.uk',
      role: 'data-owner',
      refs: 'CG/S3\nCG/C2, CG/S3',
      services: 'Commissioning Group',
      password: 'a good long password',
      reason: 'New data owner for community safety',
    });
    expect(good.statusCode).toBe(303);
    const list = await get(good.headers.location as string);
    expect(list.body).toContain('Sam Owner has been added.');
    expect(list.body).toContain('sam@council.gov.uk');
    expect(list.body).toContain('Indicators: CG/C2, CG/S3. Services: Commissioning Group');
    const entries = await audit('sam@council.gov.uk');
    expect(entries[0]).toMatchObject({ actor: 'admin@council.gov.uk', action: 'user:add', reason: 'New data owner for community safety' });
    const dup = await post('/admin/users', { name: 'Sam Again', email: 'sam@council.gov.uk', role: 'councillor', password: 'a good long password' });
    expect(dup.body).toContain('There is already a user with this email address');
  });

  it('changes role, scope and status (reason required), audited before → after', async () => {
    const user = await t.app.accounts.createUser({ email: 'lee@council.gov.uk', name: 'Lee', role: 'councillor', password: null }, 'test');
    const page = await get(`/admin/users/${user.id}`);
    expect(page.body).toContain('Change Lee');
    expect(page.body).toMatch(/value="councillor" checked/);
    const noReason = await post(`/admin/users/${user.id}`, { name: 'Lee', role: 'governance-officer', active: 'true', reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('<a href="#reason">Enter the reason for the change</a>');
    const ok = await post(`/admin/users/${user.id}`, { name: 'Lee', role: 'governance-officer', active: 'false', reason: 'Moved to governance, on leave' });
    expect(ok.statusCode).toBe(303);
    const changed = await t.app.accounts.getUser(user.id);
    expect(changed).toMatchObject({ role: 'governance-officer', active: false });
    const last = (await audit('lee@council.gov.uk')).at(-1)!;
    expect(last).toMatchObject({ actor: 'admin@council.gov.uk', action: 'user:deactivate', reason: 'Moved to governance, on leave' });
    expect(last.before).toMatchObject({ role: 'councillor', active: true });
    expect(last.after).toMatchObject({ role: 'governance-officer', active: false });
    expect((await get('/admin/users/999999')).statusCode).toBe(404);
    expect((await get('/admin/users/abc')).statusCode).toBe(404);
  });

  it('does not let an administrator remove their own role or deactivate themselves', async () => {
    const res = await post(`/admin/users/${admin.userId}`, { name: 'Ada Admin', role: 'councillor', active: 'false', reason: 'oops' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('You cannot remove your own administrator role');
    expect(res.body).toContain('You cannot deactivate your own account');
  });

  it('resets a password: must match, needs a reason, audited without the hash', async () => {
    const user = await t.app.accounts.createUser({ email: 'kim@council.gov.uk', name: 'Kim', role: 'councillor', password: 'the old password' }, 'test');
    const mismatch = await post(`/admin/users/${user.id}/password`, { password: 'the new password', confirm: 'the new passwort', reason: 'Forgot it' });
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.body).toContain('The passwords do not match');
    const ok = await post(`/admin/users/${user.id}/password`, { password: 'the new password', confirm: 'the new password', reason: 'Forgot it' });
    expect(ok.statusCode).toBe(303);
    expect((await t.app.accounts.signIn('kim@council.gov.uk', 'the new password', '10.9.9.9')).ok).toBe(true);
    const entry = (await audit('kim@council.gov.uk')).find((a) => a.action === 'user:password')!;
    expect(entry).toMatchObject({ actor: 'admin@council.gov.uk', reason: 'Forgot it' });
    expect(JSON.stringify(entry)).not.toContain('scrypt');
    // Resetting your own password keeps your session.
    const own = await post(`/admin/users/${admin.userId}/password`, { password: 'admin new password', confirm: 'admin new password', reason: 'Rotation' });
    expect(own.statusCode).toBe(303);
    expect((await get('/admin/users')).statusCode).toBe(200);
  });

  it('shows markup in a user’s name as text, on the list, the form and the audit log', async () => {
    const user = await t.app.accounts.createUser({ email: 'xss@council.gov.uk', name: XSS, role: 'councillor', password: null }, 'test', XSS);
    for (const url of ['/admin/users', `/admin/users/${user.id}`, `/admin/users/${user.id}/password`, '/admin/audit']) {
      const res = await get(url);
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain('<script>alert');
      expect(res.body).not.toContain('<img src=x');
      expect(res.body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; O&#39;Brien &amp; Co');
    }
  });
});
