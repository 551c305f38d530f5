/**
 * kill -9 during an import (issue 9, deliver 7): the `townhall import` command runs as a child process on
 * a council of 2,400 results; once it is writing — its transaction has written rows that are not yet
 * committed — it is killed with SIGKILL. The database must then hold exactly what it held before (every
 * result, audit event and the data version as they were) or exactly the whole import (every result
 * changed, one audit event per change, the version one further): never part of it. Each trial imports the
 * other of two versions of the workbook, so trials follow one another on one database.
 *
 * "Writing" is observed, not guessed: on PostgreSQL the test holds one result row locked, so the child's
 * update of the results waits there with its transaction open (pg_stat_activity: a transaction id, waiting
 * on a lock); on PGlite the files of the result and audit tables have grown on disk. On PGlite the data
 * directory is then opened again, as a restarted server would.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'kysely';
import pg from 'pg';
import { describe, it, type ExpectStatic } from 'vitest';
import { composeApp } from '../../src/app.ts';
import { connect, type DatabaseHandle, type Db } from '../../src/db/connection.ts';
import { migrate } from '../../src/db/migrate.ts';
import { generateSheets, importShape } from '../../bench/generate.ts';
import { engines, workerPglite, type Engine } from '../support/db.ts';
import { createFreshDatabase, type FreshDatabase } from '../support/freshDatabase.ts';
import { writeCsvWorkbook, type Sheets } from '../support/workbook.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TRIALS = 3;
/** Every result's commentary in the second version starts with this; none in the first does. */
const MARK = 'Second version.';

interface State {
  results: number;
  second: number;
  audits: number;
  version: string;
}

async function stateOf(db: Db): Promise<State> {
  const row = (
    await sql<{ results: number; second: number; audits: number; version: string }>`
      select (select count(*)::int from result) as results,
             (select count(*)::int from result where commentary like ${`${MARK}%`}) as second,
             (select count(*)::int from audit_event) as audits,
             (select (version + (select count(*) from data_change))::text from data_version) as version`.execute(db)
  ).rows[0]!;
  return row;
}

/** The two workbooks: the same council, every result's commentary different. */
async function workbooks(): Promise<[string, string]> {
  const sheets = generateSheets(importShape(200, 12));
  const second = { ...sheets, results: sheets.results.map((r) => ({ ...r, commentary: `${MARK} ${r.commentary ?? ''}`.trim() })) };
  return [await writeCsvWorkbook(sheets as Sheets), await writeCsvWorkbook(second as Sheets)];
}

interface Trial {
  /** Whether the evidence of writing was seen (and the child killed then), or the child ended first. */
  killedWhileWriting: boolean;
  /** How it ended and what it printed, for a failure's message. */
  output: string;
}

/**
 * Runs `townhall import <workbook>` and kills it with SIGKILL as soon as `writing()` is true, checked
 * every few milliseconds from the start, or (`fromWriteStage`) once the command says it is writing.
 */
function importAndKill(workbook: string, env: Record<string, string | undefined>, writing: () => Promise<boolean>, fromWriteStage: boolean): Promise<Trial> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/townhall.js', 'import', workbook, '--progress', '--reason', 'kill -9 trial'], {
      cwd: ROOT,
      env: Object.fromEntries(Object.entries({ ...process.env, ...env }).filter(([, v]) => v !== undefined)) as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let killed = false;
    let watching = false;
    const watch = async () => {
      while (child.exitCode === null && child.signalCode === null && !killed) {
        if (await writing()) {
          killed = child.kill('SIGKILL');
          return;
        }
        await new Promise((r) => setTimeout(r, 5));
      }
    };
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (!watching && /\] write: /.test(stderr)) {
        watching = true;
        watch().catch(reject);
      }
    });
    if (!fromWriteStage) {
      watching = true;
      watch().catch(reject);
    }
    child.on('error', reject);
    // 'close': after the output has been read to the end.
    child.on('close', (code, signal) => resolve({ killedWhileWriting: killed, output: `exit ${code ?? signal}\n${stderr}${stdout}` }));
  });
}

/** The state after a trial: what it was before, or the whole import applied. Returns which. */
function expectAllOrNothing(expect: ExpectStatic, before: State, after: State): 'before' | 'after' {
  if (after.second === before.second) {
    expect(after).toEqual(before);
    return 'before';
  }
  // Every result switched to the other version, each with its audit event, in one more writing transaction.
  expect(after.results).toBe(before.results);
  expect(after.second).toBe(before.second === 0 ? before.results : 0);
  expect(after.audits).toBe(before.audits + before.results);
  expect(BigInt(after.version)).toBe(BigInt(before.version) + 1n);
  return 'after';
}

/** One engine's database holding the first version, and how the trials reach it. */
interface Harness {
  /** Opens the database, runs `fn` on it, closes it (PGlite: the child needs the directory to itself). */
  withDb<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  /** The child's environment for a trial. */
  env(trial: number): Record<string, string | undefined>;
  /** Called just before a trial's child starts: returns whether that child has written (uncommitted) rows yet. */
  writing(trial: number): Promise<() => Promise<boolean>>;
  /** Whether to look for writing only once the command says it is writing (else from its start). */
  fromWriteStage: boolean;
  /** Whether the child cannot have committed when killed (it was waiting inside its write): all of it is then impossible. */
  heldInsideWrite: boolean;
  /** Waits until the database has dealt with the killed child. */
  afterKill(trial: number): Promise<void>;
  dispose(): Promise<void>;
}

async function importFirst(handle: DatabaseHandle, workbook: string): Promise<void> {
  await migrate(handle);
  const outcome = await composeApp(handle).imports.importFile(workbook, { actor: 'test' });
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors.slice(0, 3)));
}

async function pgliteHarness(first: string): Promise<Harness> {
  // A data directory made from this worker's embedded database (no initdb: that alone takes many seconds).
  const dir = await mkdtemp(join(tmpdir(), 'townhall-kill-'));
  const dataDir = join(dir, 'data');
  const worker = workerPglite();
  await worker.waitReady;
  const template = new PGlite(dataDir, { loadDataDir: await worker.dumpDataDir('none') });
  await template.waitReady;
  await template.close();
  const handle = await connect({ dataDir });
  await importFirst(handle, first);
  // The files of the two tables every trial writes to: when they grow, rows are written, not yet committed.
  const files = (
    await sql<{ path: string }>`select pg_relation_filepath(t) as path from unnest(array['result', 'audit_event']::regclass[]) t`.execute(handle.db)
  ).rows.map((r) => join(dataDir, r.path));
  await handle.close();
  const size = async () => (await Promise.all(files.map((f) => stat(f).then((s) => s.size)))).reduce((a, b) => a + b, 0);
  return {
    async withDb(fn) {
      const opened = await connect({ dataDir });
      try {
        return await fn(opened.db);
      } finally {
        await opened.close();
      }
    },
    env: () => ({ DATA_DIR: dataDir, DATABASE_URL: undefined }),
    async writing() {
      const start = await size();
      return async () => (await size()) > start;
    },
    // Opening the directory after the previous kill replays its log: look only once the import writes.
    fromWriteStage: true,
    heldInsideWrite: false,
    afterKill: async () => undefined,
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}

async function postgresHarness(first: string): Promise<Harness> {
  const database: FreshDatabase = await createFreshDatabase(process.env.TEST_DATABASE_URL!, 'test_servers_kill');
  const handle = await connect({ databaseUrl: database.url });
  await importFirst(handle, first);
  const appName = (trial: number) => `townhall-kill-${process.pid}-${trial}`;
  const sessions = async (trial: number, blockedWriting: boolean) =>
    (
      await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
        where application_name = ${appName(trial)}
          and (${!blockedWriting} or (backend_xid is not null and wait_event_type = 'Lock'))`.execute(handle.db)
    ).rows[0]!.n;
  // A gate: a transaction of the test's own holds one result row, so the child's update of every result
  // waits there, inside its write, with its transaction open: it is killed while it waits. (Without it a
  // quick write on a quiet machine can commit between two looks.)
  let gate: pg.Client | null = null;
  return {
    withDb: (fn) => fn(handle.db),
    env: (trial) => ({ DATABASE_URL: database.url, PGAPPNAME: appName(trial) }),
    async writing(trial) {
      gate = new pg.Client({ connectionString: database.url });
      await gate.connect();
      await gate.query('begin');
      await gate.query('select id from result order by id desc limit 1 for update');
      // Writing (it has a transaction id) and waiting for the gate's row.
      return async () => (await sessions(trial, true)) > 0;
    },
    fromWriteStage: false,
    heldInsideWrite: true,
    // The killed child's session ends, rolling its transaction back, once the gate opens and the server
    // next reads from the dead socket: wait for that, so the next trial starts on its own.
    async afterKill(trial) {
      await gate?.query('rollback');
      await gate?.end();
      gate = null;
      while ((await sessions(trial, false)) > 0) await new Promise((r) => setTimeout(r, 20));
    },
    async dispose() {
      await gate?.end().catch(() => undefined);
      await handle.close();
      await database.drop();
    },
  };
}

describe('kill -9 during a CLI import', () => {
  // The engines' trials run side by side: each spends most of its time waiting for its child. About 30 s
  // on a quiet machine; each child's start (Node, tsx, the app, PGlite) takes far longer on a loaded one.
  it.concurrent.for(engines())(`on %s leaves all of the import or none of it, ${TRIALS} times`, { timeout: 600_000 }, async (engine: Engine, { expect }) => {
    const versions = await workbooks();
    const harness = engine === 'pglite' ? await pgliteHarness(versions[0]) : await postgresHarness(versions[0]);
    try {
      const outcomes: string[] = [];
      let before = await harness.withDb(stateOf);
      expect(before.results).toBe(2400);
      for (let trial = 0; trial < TRIALS; trial++) {
        const target = before.second === 0 ? versions[1] : versions[0];
        const result = await importAndKill(target, harness.env(trial), await harness.writing(trial), harness.fromWriteStage);
        expect(result.killedWhileWriting, `the import ended before it was seen writing:\n${result.output}`).toBe(true);
        await harness.afterKill(trial);
        const after = await harness.withDb(stateOf);
        const outcome = expectAllOrNothing(expect, before, after);
        if (harness.heldInsideWrite) expect(outcome).toBe('before');
        outcomes.push(outcome);
        before = after;
      }
      console.info(`kill -9 during import on ${engine}: ${outcomes.join(', ')} (the state after each of ${TRIALS} trials)`);
    } finally {
      await harness.dispose();
      await Promise.all(versions.map((v) => rm(v, { recursive: true, force: true })));
    }
  });
});
