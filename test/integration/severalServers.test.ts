/**
 * Several servers on one PostgreSQL database (issue 10, deliver 8; ADR 0013), as behind a load balancer:
 * two app servers, each a Fastify server listening on its own port, started together on a new database
 * (migrations and the demo under one advisory lock) — both come up; a change made through one is what
 * the other serves at once (the public page cache checks the data version per request); 50 simultaneous
 * saves of one result spread over both: one wins, 49 are told of the conflict, no update is lost — under
 * read committed and again under serializable isolation, where the losers' serialization failures are
 * retried (src/db/transaction.ts). The PostgreSQL tests create and drop a database of their own on
 * TEST_DATABASE_URL's server, and are skipped without it.
 */
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, prepareOnStart, type App, type StartLog } from '../../src/app.ts';
import { buildServer } from '../../src/web/server.ts';
import { signInAs, type SignedIn } from '../support/auth.ts';
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

const COMMITTEE = 'community-leadership-committee';
const PERIOD = '2018-19-q2';
const DASHBOARD = `/committees/${COMMITTEE}/${PERIOD}`;
const SIGN_OFF = `${DASHBOARD}/sign-off`;
const REF = 'CG/CR1';
const ENTRY = `${DASHBOARD}/data-entry/indicators/cg-cr1`;

/** A server listening on a port of its own, and requests to it as a browser sends them. */
interface Served {
  server: FastifyInstance;
  get(path: string, who?: SignedIn): Promise<Response>;
  post(path: string, who: SignedIn, fields: Record<string, string>): Promise<Response>;
}

async function serve(app: App): Promise<Served> {
  const server = buildServer(app);
  const address = await server.listen({ port: 0, host: '127.0.0.1' });
  return {
    server,
    get: (path, who) => fetch(address + path, { headers: { accept: 'text/html', ...(who ? { cookie: who.cookie } : {}) }, redirect: 'manual' }),
    post: (path, who, fields) =>
      fetch(address + path, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: who.cookie },
        body: new URLSearchParams({ _csrf: who.csrfToken, ...fields }).toString(),
        redirect: 'manual',
      }),
  };
}

/** The result cell of an indicator's row on the dashboard. */
function resultOnDashboard(html: string, ref: string): string {
  const row = new RegExp(`<tr[^>]*data-ref="${ref.replace('/', '\\/')}"[^>]*>([\\s\\S]*?)</tr>`).exec(html);
  if (!row) throw new Error(`No row for ${ref} on the dashboard`);
  const cells = [...row[1]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, '').trim());
  return cells[4]!; // ref, title, type, target, result
}

describe.skipIf(!BASE_URL)('two servers on one new PostgreSQL database', () => {
  let database: FreshDatabase;
  const apps: App[] = [];
  const logs = [startLog(), startLog()];
  let servers: Served[] = [];
  let officer: SignedIn;

  const resultRow = async () =>
    (
      await database.query<{ value: number; commentary: string; revision: number }>(
        `select r.value, r.commentary, r.revision from result r join indicator i on i.id = r.indicator_id where i.ref = $1 and r.period = '2018-Q2'`,
        [REF],
      )
    )[0]!;
  const audits = async () => (await database.query<{ n: number }>(`select count(*)::int as n from audit_event where entity = 'result' and entity_key = $1`, [`${REF} Q2 2018/19`]))[0]!.n;

  /** Reopens the period through `through` (a performance officer, with a reason). */
  const reopen = async (through: Served) => {
    const res = await through.post(SIGN_OFF, officer, { action: 'reopen', reason: 'Correcting a figure' });
    expect(res.status).toBe(303);
  };
  /**
   * Publishes the period again through the app behind `through` (the demo's period has gaps the sign-off
   * pages would list — completeness is tested in completeness.test.ts — so the step is the service's).
   */
  const publish = async (through: Served) => {
    const app = apps[servers.indexOf(through)]!;
    const committee = (await app.organisation.committeeBySlug(COMMITTEE))!;
    expect(await app.publication.setStatus(committee.id, '2018-Q2', 'published', 'officer', 'Corrected')).toBe(true);
  };

  /** 50 saves of the result at once, from forms opened at the same revision, alternately through each server. */
  const fiftySaves = async (pair: Served[], tag: string) => {
    const form = await (await pair[0]!.get(ENTRY, officer)).text();
    const revision = /name="revision" value="(\d+)"/.exec(form)![1]!;
    const saves = Array.from({ length: 50 }, (_v, n) => ({ n, value: `${50 + n}.5`, commentary: `${tag}: save ${n + 1} of 50` }));
    const responses = await Promise.all(
      saves.map((save) =>
        pair[save.n % 2]!.post(ENTRY, officer, { revision, value: save.value, status: 'reported', commentary: save.commentary, intervention: 'Reviewed with the police', reason: tag }),
      ),
    );
    const bodies = await Promise.all(responses.map((r) => r.text()));
    return { revision: Number(revision), saves, statuses: responses.map((r) => r.status), bodies };
  };

  beforeAll(async () => {
    database = await createFreshDatabase(BASE_URL!, 'test_servers_two');
    const config = { DATABASE_URL: database.url, DATA_DIR: '', DEMO: true, DEMO_PASSWORD: 'a demo passphrase for the servers test' };
    // Started together, as a load balancer's servers are: each migrates and loads the demo if it finds none.
    const opened = await Promise.allSettled(logs.map((log) => openApp(config, { onStart: (app) => prepareOnStart(app, config, log) })));
    for (const o of opened) if (o.status === 'fulfilled') apps.push(o.value);
    const failed = opened.filter((o) => o.status === 'rejected');
    if (failed.length) throw new Error(`A server did not start: ${failed.map((f) => String(f.reason)).join('; ')}`);
    servers = await Promise.all(apps.map(serve));
    officer = await signInAs(apps[0]!, 'performance-officer', { name: 'Pat Officer' });
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.server.close()));
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
    expect(await database.query(`select email from app_user where email like '%@townhall.example'`)).toHaveLength(5);
    expect(await apps[0]!.organisation.councilName()).toBe(await apps[1]!.organisation.councilName());
  });

  it('serves through one server what was written through the other, at once', async () => {
    const [a, b] = servers as [Served, Served];
    const before = await b.get(DASHBOARD);
    expect(before.status).toBe(200);
    expect(resultOnDashboard(await before.text(), REF)).toContain('71.1');
    const again = await b.get(DASHBOARD);
    expect(again.headers.get('x-townhall-cache')).toBe('hit');
    await again.text();

    // Reopened through A: B keeps serving the version published (never a draft).
    await reopen(a);
    const during = await b.get(DASHBOARD);
    expect(during.status).toBe(200);
    expect(resultOnDashboard(await during.text(), REF)).toContain('71.1');

    const form = await (await a.get(ENTRY, officer)).text();
    const revision = /name="revision" value="(\d+)"/.exec(form)![1]!;
    const saved = await a.post(ENTRY, officer, { revision, value: '64.2', status: 'reported', commentary: 'Corrected through server A', intervention: 'Reviewed', reason: 'Correction' });
    expect(saved.status).toBe(303);
    await publish(a);
    const after = await b.get(DASHBOARD);
    expect(after.status).toBe(200);
    const cell = resultOnDashboard(await after.text(), REF);
    expect(cell).toContain('64.2');
    expect(cell).not.toContain('71.1');
    // And the other way round: B's own cache, then A's write, then B again.
    expect((await b.get(DASHBOARD)).headers.get('x-townhall-cache')).toBe('hit');
  });

  it('50 simultaneous saves of one result over both servers: one wins, 49 are told, nothing is lost (read committed)', async () => {
    await reopen(servers[1]!);
    const auditsBefore = await audits();
    const { revision, saves, statuses, bodies } = await fiftySaves(servers, 'Read committed');
    expect(statuses.filter((s) => s === 303)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    const winner = saves[statuses.indexOf(303)]!;
    for (const [i, body] of bodies.entries()) if (statuses[i] === 409) expect(body).toContain('Someone else changed this result while you were editing it');
    const stored = await resultRow();
    expect(stored).toMatchObject({ value: Number(winner.value), commentary: winner.commentary, revision: revision + 1 });
    expect(await audits()).toBe(auditsBefore + 1);
    // Both servers serve the winner's value once it is published.
    await publish(servers[1]!);
    for (const server of servers) expect(resultOnDashboard(await (await server.get(DASHBOARD)).text(), REF)).toContain(winner.value);
  });

  it('the same under serializable isolation: the losers’ serialization failures are retried into conflicts, never errors', async () => {
    // Two more servers on the same database whose sessions default to serializable (the URL's own options).
    const url = new URL(database.url);
    url.searchParams.set('options', '-c default_transaction_isolation=serializable');
    const strict = await Promise.all([0, 1].map(() => openApp({ DATABASE_URL: url.toString(), DATA_DIR: '' })));
    apps.push(...strict);
    const pair = await Promise.all(strict.map(serve));
    servers.push(...pair);
    // The app's own connections keep the URL's options beside their own.
    const probe = await connect({ databaseUrl: url.toString() });
    try {
      const setting = async (name: string) => (await sql<{ v: string }>`select current_setting(${name}) as v`.execute(probe.db)).rows[0]!.v;
      expect(await setting('default_transaction_isolation')).toBe('serializable');
      expect(await setting('townhall.notify_data_version')).toBe('off');
    } finally {
      await probe.close();
    }
    await reopen(pair[0]!);
    const auditsBefore = await audits();
    const { revision, saves, statuses, bodies } = await fiftySaves(pair, 'Serializable');
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(statuses.filter((s) => s === 303)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    for (const [i, body] of bodies.entries()) if (statuses[i] === 409) expect(body).toContain('Someone else changed this result while you were editing it');
    const winner = saves[statuses.indexOf(303)]!;
    expect(await resultRow()).toMatchObject({ value: Number(winner.value), commentary: winner.commentary, revision: revision + 1 });
    expect(await audits()).toBe(auditsBefore + 1);
  });
});
