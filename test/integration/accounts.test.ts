/**
 * Accounts against a real database: users, audited changes, sessions (expiry, rotation), sign-in
 * rate limiting, demo accounts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountError, AccountService } from '../../src/services/accountService.ts';
import { ROLES } from '../../src/domain/access.ts';
import { createRepositories } from '../../src/repositories/index.ts';
import { createTestDatabase, engines, type TestDatabase } from '../support/db.ts';

const PASSWORD = 'a perfectly fine password';

describe.each(engines())('accounts on %s', (engine) => {
  let t: TestDatabase;
  let clock: Date;
  let accounts: AccountService;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
    clock = new Date('2026-03-02T09:00:00Z');
    accounts = new AccountService(createRepositories(t.handle), { now: () => clock });
  });
  afterAll(async () => {
    await t?.dispose();
  });
  const advance = (ms: number) => (clock = new Date(clock.getTime() + ms));
  const auditFor = (key: string) =>
    t.handle.db.selectFrom('audit_event').selectAll().where('entity', '=', 'app_user').where('entity_key', '=', key).orderBy('id').execute();

  it('creates users with a lower-cased unique email, a scrypt hash and an audit entry', async () => {
    const user = await accounts.createUser({ email: ' Ann.Owner@Council.GOV.uk ', name: 'Ann Owner', role: 'data-owner', password: PASSWORD, scope: { refs: ['CG/S3'], services: [] } }, 'admin@council.gov.uk', 'Joined the team');
    expect(user.email).toBe('ann.owner@council.gov.uk');
    expect(user.scope).toEqual({ refs: ['CG/S3'], services: [] });
    const row = await t.handle.db.selectFrom('app_user').select('password_hash').where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^scrypt\$/);
    expect(row.password_hash).not.toContain(PASSWORD);
    await expect(accounts.createUser({ email: 'ANN.OWNER@council.gov.uk', name: 'Again', role: 'councillor', password: PASSWORD }, 'x')).rejects.toThrow(AccountError);
    const audit = await auditFor('ann.owner@council.gov.uk');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'admin@council.gov.uk', action: 'user:add', before: null, reason: 'Joined the team' });
    expect(audit[0]!.after).toEqual({ name: 'Ann Owner', role: 'data-owner', active: true, refs: ['CG/S3'], services: [] });
    expect(JSON.stringify(audit)).not.toContain('scrypt');
  });

  it('rejects invalid new users with a message per field', async () => {
    try {
      await accounts.createUser({ email: 'not-an-email', name: '', role: 'king', password: 'short' }, 'x');
      expect.unreachable();
    } catch (error) {
      expect((error as AccountError).errors).toEqual({
        name: 'Enter the person’s full name',
        email: 'Enter an email address in the correct format, like name@example.gov.uk',
        role: 'Select a role',
        password: 'Password must be 12 characters or more',
      });
    }
  });

  it('audits role, scope and status changes with before → after and the reason, and ends the user’s sessions', async () => {
    const user = await accounts.createUser({ email: 'bob@council.gov.uk', name: 'Bob', role: 'councillor', password: PASSWORD }, 'admin');
    const token = await accounts.createSession(user.id);
    expect((await accounts.sessionFor(token))!.user.role).toBe('councillor');
    await expect(accounts.updateUser(user.id, { role: 'performance-officer' }, { id: 999, label: 'admin' }, '')).rejects.toThrow('Enter the reason');
    await accounts.updateUser(user.id, { role: 'performance-officer' }, { id: 999, label: 'admin' }, 'Moved to the performance team');
    expect(await accounts.sessionFor(token)).toBeNull();
    await accounts.updateUser(user.id, { active: false }, { id: 999, label: 'admin' }, 'Left the council');
    const audit = await auditFor('bob@council.gov.uk');
    expect(audit.map((a) => a.action)).toEqual(['user:add', 'user:role', 'user:deactivate']);
    expect(audit[1]).toMatchObject({ actor: 'admin', reason: 'Moved to the performance team' });
    expect(audit[1]!.before).toMatchObject({ role: 'councillor' });
    expect(audit[1]!.after).toMatchObject({ role: 'performance-officer' });
    expect(audit[2]!.before).toMatchObject({ active: true });
    expect(audit[2]!.after).toMatchObject({ active: false });
    // A deactivated user cannot sign in even with the right password.
    expect(await accounts.signIn('bob@council.gov.uk', PASSWORD, '10.0.0.1')).toEqual({ ok: false, reason: 'invalid' });
    // Administrators cannot lock themselves out.
    await expect(accounts.updateUser(user.id, { active: true, role: 'councillor' }, { id: user.id, label: 'self' }, 'why not')).rejects.toThrow('own administrator role');
  });

  it('audits password resets without writing the hash, and ends the user’s sessions', async () => {
    const user = await accounts.createUser({ email: 'carol@council.gov.uk', name: 'Carol', role: 'governance-officer', password: PASSWORD }, 'admin');
    const token = await accounts.createSession(user.id);
    await accounts.setPassword(user.id, 'a brand new password', 'admin', 'Forgotten');
    expect(await accounts.sessionFor(token)).toBeNull();
    expect((await accounts.signIn('carol@council.gov.uk', PASSWORD, '10.0.0.2')).ok).toBe(false);
    expect((await accounts.signIn('carol@council.gov.uk', 'a brand new password', '10.0.0.2')).ok).toBe(true);
    const audit = await auditFor('carol@council.gov.uk');
    const reset = audit.find((a) => a.action === 'user:password')!;
    expect(reset).toMatchObject({ actor: 'admin', reason: 'Forgotten', after: { password: 'changed' } });
    expect(JSON.stringify(audit)).not.toContain('scrypt');
  });

  it('expires sessions after the idle timeout and after the absolute lifetime; activity extends the idle timeout', async () => {
    const user = await accounts.createUser({ email: 'dee@council.gov.uk', name: 'Dee', role: 'councillor', password: PASSWORD }, 'admin');
    const idle = await accounts.createSession(user.id);
    advance(8 * 60 * 60 * 1000 - 1000);
    expect(await accounts.sessionFor(idle)).not.toBeNull(); // touches it: 8 more hours
    advance(8 * 60 * 60 * 1000 - 1000);
    expect(await accounts.sessionFor(idle)).not.toBeNull();
    advance(8 * 60 * 60 * 1000 + 1000);
    expect(await accounts.sessionFor(idle)).toBeNull();

    const busy = await accounts.createSession(user.id);
    for (let h = 0; h < 24; h += 4) {
      expect(await accounts.sessionFor(busy)).not.toBeNull();
      advance(4 * 60 * 60 * 1000);
    }
    expect(await accounts.sessionFor(busy)).toBeNull(); // 24 hours after sign-in, however active
    expect(await accounts.sessionFor('made-up-token')).toBeNull();
  });

  it('stores only a hash of the session token, rotates it on sign-in and deletes it on sign-out', async () => {
    await accounts.createUser({ email: 'eve@council.gov.uk', name: 'Eve', role: 'councillor', password: PASSWORD }, 'admin');
    const first = await accounts.signIn('eve@council.gov.uk', PASSWORD, '10.0.0.3');
    if (!first.ok) throw new Error('sign-in failed');
    const stored = await t.handle.db.selectFrom('app_session').select('token_hash').execute();
    expect(stored.some((s) => s.token_hash === first.token)).toBe(false);
    const second = await accounts.signIn('eve@council.gov.uk', PASSWORD, '10.0.0.3', first.token);
    if (!second.ok) throw new Error('sign-in failed');
    expect(second.token).not.toBe(first.token);
    expect(await accounts.sessionFor(first.token)).toBeNull();
    const rotated = (await accounts.rotateSession(second.token))!;
    expect(await accounts.sessionFor(second.token)).toBeNull();
    expect((await accounts.sessionFor(rotated))!.user.email).toBe('eve@council.gov.uk');
    await accounts.signOut(rotated);
    expect(await accounts.sessionFor(rotated)).toBeNull();
  });

  it('refuses sign-in after 5 failures in 15 minutes per email and IP, audits the refusal, and lets it through later', async () => {
    await accounts.createUser({ email: 'fay@council.gov.uk', name: 'Fay', role: 'councillor', password: PASSWORD }, 'admin');
    for (let i = 0; i < 5; i += 1) {
      expect(await accounts.signIn('fay@council.gov.uk', 'wrong password!', '10.0.0.4')).toEqual({ ok: false, reason: 'invalid' });
    }
    // Even the right password is refused now, from that IP…
    expect(await accounts.signIn('FAY@council.gov.uk', PASSWORD, '10.0.0.4')).toMatchObject({ ok: false, reason: 'rate-limited' });
    // …but not from another.
    expect((await accounts.signIn('fay@council.gov.uk', PASSWORD, '10.0.0.5')).ok).toBe(true);
    const refusal = (await auditFor('fay@council.gov.uk')).find((a) => a.action === 'sign-in:refused')!;
    expect(refusal.after).toEqual({ ip: '10.0.0.4', failures: 5 });
    expect(refusal.reason).toContain('Too many failed sign-in attempts');
    advance(15 * 60 * 1000 + 1000);
    expect((await accounts.signIn('fay@council.gov.uk', PASSWORD, '10.0.0.4')).ok).toBe(true);
  });

  it('counts unknown emails as failures too', async () => {
    for (let i = 0; i < 5; i += 1) expect((await accounts.signIn('nobody@council.gov.uk', 'x', '10.0.0.6')).ok).toBe(false);
    expect(await accounts.signIn('nobody@council.gov.uk', 'x', '10.0.0.6')).toMatchObject({ reason: 'rate-limited' });
  });

  it('creates one demo user per role once, with DEMO_PASSWORD or a generated password', async () => {
    const fresh = await createTestDatabase(engine);
    try {
      const demo = (await fresh.app.accounts.ensureDemoAccounts(null))!;
      expect(demo.generated).toBe(true);
      expect(demo.password).toHaveLength(20);
      expect(demo.users.map((u) => u.role)).toEqual([...ROLES]);
      expect((await fresh.app.accounts.signIn('administrator@townhall.example', demo.password, '127.0.0.1')).ok).toBe(true);
      expect(await fresh.app.accounts.ensureDemoAccounts('another password here')).toBeNull();
    } finally {
      await fresh.dispose();
    }
    const given = await createTestDatabase(engine);
    try {
      const demo = (await given.app.accounts.ensureDemoAccounts('the demo password'))!;
      expect(demo).toMatchObject({ generated: false, password: 'the demo password' });
      await expect(new AccountService(createRepositories(given.handle)).ensureDemoAccounts('x')).resolves.toBeNull();
    } finally {
      await given.dispose();
    }
  });
});
