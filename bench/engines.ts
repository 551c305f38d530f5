/**
 * Fresh, disposable databases for the benchmarks: PGlite in a new temporary data directory, and
 * PostgreSQL (BENCH_DATABASE_URL, else TEST_DATABASE_URL) in a new schema that is dropped afterwards.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { composeApp, type App } from '../src/app.ts';
import { connect, type DatabaseHandle } from '../src/db/connection.ts';
import { migrate } from '../src/db/migrate.ts';

export type Engine = 'pglite' | 'postgres';

export function postgresUrl(): string | null {
  return process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || null;
}

export function benchEngines(): Engine[] {
  return postgresUrl() ? ['pglite', 'postgres'] : ['pglite'];
}

export interface BenchDatabase {
  app: App;
  /** The database itself, for benchmarks that time repositories or count statements. */
  handle: DatabaseHandle;
  engine: Engine;
  /** Where the data lives, for the report header. */
  where: string;
  /** PostgreSQL: the schema the database is in (for a client of its own, e.g. COPY); null on PGlite. */
  schema: string | null;
  /** Closes connections and removes the data directory / drops the schema. Safe to call twice. */
  dispose(): Promise<void>;
}

let counter = 0;

export async function openBenchDatabase(engine: Engine): Promise<BenchDatabase> {
  if (engine === 'pglite') {
    const dir = await mkdtemp(join(tmpdir(), 'townhall-bench-pglite-'));
    let app: App | null = null;
    let handle: DatabaseHandle | null = null;
    let disposed = false;
    const dispose = async () => {
      if (disposed) return;
      disposed = true;
      try {
        await app?.close();
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    };
    try {
      handle = await connect({ dataDir: dir });
      app = composeApp(handle);
      await migrate(handle);
    } catch (error) {
      await dispose();
      throw error;
    }
    return { app: app!, handle: handle!, engine, where: `PGlite data dir ${dir}`, schema: null, dispose };
  }

  const url = postgresUrl();
  if (!url) throw new Error('No PostgreSQL URL: set BENCH_DATABASE_URL or TEST_DATABASE_URL');
  counter += 1;
  const schema = `bench_${process.pid}_${Date.now().toString(36)}_${counter}`;
  let app: App | null = null;
  let handle: DatabaseHandle | null = null;
  let disposed = false;
  const dispose = async () => {
    if (disposed) return;
    disposed = true;
    try {
      await app?.close();
    } finally {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`drop schema if exists ${schema} cascade`);
      } finally {
        await client.end();
      }
    }
  };
  try {
    handle = await connect({ databaseUrl: url, schema });
    app = composeApp(handle);
    await migrate(handle);
  } catch (error) {
    await dispose();
    throw error;
  }
  return { app: app!, handle: handle!, engine, where: `PostgreSQL schema ${schema}`, schema, dispose };
}
