/**
 * `townhall user add` against a real database: the first administrator on a fresh install.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.ts';
import { createTestDatabase, engines, type TestDatabase } from '../support/db.ts';

describe.each(engines())('townhall user add on %s', (engine) => {
  let t: TestDatabase;
  const cli = async (argv: string[], stdin = '') => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await run(
      argv,
      { out: (s) => out.push(s), err: (s) => err.push(s), isTTY: false, readStdin: async () => stdin },
      async () => ({ ...t.app, close: async () => undefined }),
    );
    return { code, out: out.join('\n'), err: err.join('\n') };
  };
  beforeAll(async () => {
    t = await createTestDatabase(engine);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('adds an administrator with a password read from stdin', async () => {
    const res = await cli(['user', 'add', '--email', 'First.Admin@council.gov.uk', '--name', 'First Admin', '--role', 'administrator', '--password-stdin'], 'a secret from stdin\n');
    expect(res).toMatchObject({ code: 0, out: 'Added First Admin <first.admin@council.gov.uk> as administrator' });
    expect(res.out).not.toContain('a secret from stdin');
    expect((await t.app.accounts.signIn('first.admin@council.gov.uk', 'a secret from stdin', '127.0.0.1')).ok).toBe(true);
    const audit = await t.handle.db.selectFrom('audit_event').selectAll().where('entity_key', '=', 'first.admin@council.gov.uk').where('action', '=', 'user:add').executeTakeFirstOrThrow();
    expect(audit.actor).toMatch(/^cli/);
  });

  it('generates and prints a password once without --password-stdin; adds data-owner scope', async () => {
    const res = await cli(['user', 'add', '--email', 'owner@council.gov.uk', '--name', 'Owner', '--role', 'data-owner', '--ref', 'CG/S3', '--service', 'Commissioning Group']);
    expect(res.code).toBe(0);
    const password = /Password \(shown once; change it after signing in\): (\S+)/.exec(res.out)![1]!;
    const outcome = await t.app.accounts.signIn('owner@council.gov.uk', password, '127.0.0.1');
    expect(outcome.ok && outcome.user.scope).toEqual({ refs: ['CG/S3'], services: ['Commissioning Group'] });
  });

  it('explains bad input and exits 2', async () => {
    expect((await cli(['user', 'add', '--email', 'x@council.gov.uk'])).code).toBe(2);
    const bad = await cli(['user', 'add', '--email', 'nope', '--name', 'N', '--role', 'king', '--password-stdin'], 'short');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--email: Enter an email address in the correct format');
    expect(bad.err).toContain('--role: Select a role');
    expect(bad.err).toContain('--password: Password must be 12 characters or more');
    expect((await cli(['user', 'remove'])).code).toBe(2);
  });
});
