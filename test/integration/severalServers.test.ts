/**
 * Several servers on one PostgreSQL database (issue 10, deliver 8; ADR 0013): servers started together on
 * a new database all come up (migrations and the demo under one advisory lock). The PostgreSQL tests
 * create and drop a database of their own on TEST_DATABASE_URL's server, and are skipped without it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, prepareOnStart, type App, type StartLog } from '../../src/app.ts';
import { connect } from '../../src/db/connection.ts';
import { migrate } from '../../src/db/migrate.ts';
import { uniqueSchema, workerPglite } from '../support/db.ts';
import { createFreshDatabase, type FreshDatabase } from '../support/freshDatabase.ts';

const BASE_URL = process.env.TEST_DATABASE_URL;
if (!BASE_URL) console.warn('severalServers.test.ts: TEST_DATABASE_URL is not set, so the tests of several servers on one PostgreSQL database are SKIPPED.');

/** A start-up log that keeps its messages. */
function startLog(): StartLog & { messages: string[] } {
  const messages: string[] = [];
  const keep = (a: object | string, b?: string) => messages.push(typeof a === 'string' ? a : b!);
  return { messages, info: keep, warn: keep };
}

describe('migrations on the embedded database', () => {
  it('run once when two callers migrate one database at the same time', async () => {
    const schema = uniqueSchema();
    const handle = await connect({ pglite: workerPglite(), schema });
    try {
      const [first, second] = await Promise.all([migrate(handle), migrate(handle)]);
      expect(first.length).toBeGreaterThan(0);
      expect(second).toEqual([]);
    } finally {
      await handle.close();
      await workerPglite().exec(`drop schema ${schema} cascade; set search_path to public`);
    }
  });
});

describe.skipIf(!BASE_URL)('two servers on one new PostgreSQL database', () => {
  let database: FreshDatabase;
  const apps: App[] = [];
  const logs = [startLog(), startLog()];

  beforeAll(async () => {
    database = await createFreshDatabase(BASE_URL!, 'test_servers_two');
    const config = { DATABASE_URL: database.url, DATA_DIR: '', DEMO: true, DEMO_PASSWORD: 'a demo passphrase for the servers test' };
    // Started together, as a load balancer's servers are: each migrates and loads the demo if it finds none.
    const opened = await Promise.allSettled(logs.map((log) => openApp(config, { onStart: (app) => prepareOnStart(app, config, log) })));
    for (const o of opened) if (o.status === 'fulfilled') apps.push(o.value);
    const failed = opened.filter((o) => o.status === 'rejected');
    if (failed.length) throw new Error(`A server did not start: ${failed.map((f) => String(f.reason)).join('; ')}`);
  });
  afterAll(async () => {
    await Promise.all(apps.map((a) => a.close()));
    await database?.drop();
  });

  it('both come up; one migrates and loads the demo, the other finds it done', async () => {
    expect(apps).toHaveLength(2);
    const migrations = await database.query<{ name: string; n: number }>('select name, count(*)::int as n from schema_migrations group by name');
    expect(migrations.length).toBeGreaterThan(0);
    expect(migrations.every((m) => m.n === 1)).toBe(true);
    const loaded = logs.map((l) => l.messages.filter((m) => m === 'demo council loaded').length);
    expect(loaded.sort()).toEqual([0, 1]);
    expect(logs.map((l) => l.messages.filter((m) => m.startsWith('demo accounts created')).length).sort()).toEqual([0, 1]);
    expect(await database.query('select email from app_user order by email')).toHaveLength(5);
    expect(await apps[0]!.organisation.councilName()).toBe(await apps[1]!.organisation.councilName());
  });
});
