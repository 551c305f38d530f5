/**
 * Test databases: one embedded PGlite per test worker (creating one costs seconds and hundreds of MB),
 * a fresh schema per test file; and the same against PostgreSQL when TEST_DATABASE_URL is set.
 * `engines()` lists the engines integration tests run on.
 */
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { composeApp, type App } from '../../src/app.ts';
import { connect, type DatabaseHandle } from '../../src/db/connection.ts';
import { migrate } from '../../src/db/migrate.ts';

export type Engine = 'pglite' | 'postgres';

export function engines(): Engine[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

let sharedPglite: PGlite | null = null;
let counter = 0;

function schemaName(): string {
  counter += 1;
  return `t_${process.pid}_${Date.now().toString(36)}_${counter}`;
}

/** This worker's embedded database, for tests that connect to it themselves (in a schema of their own). */
export function workerPglite(): PGlite {
  return (sharedPglite ??= new PGlite('memory://'));
}

/** A schema name no other test file of this run uses. */
export function uniqueSchema(): string {
  return schemaName();
}

export interface TestDatabase {
  handle: DatabaseHandle;
  app: App;
  engine: Engine;
  /** Drops the schema and closes connections. */
  dispose(): Promise<void>;
}

export async function createTestDatabase(engine: Engine): Promise<TestDatabase> {
  const schema = schemaName();
  let handle: DatabaseHandle;
  if (engine === 'pglite') {
    handle = await connect({ pglite: workerPglite(), schema });
  } else {
    handle = await connect({ databaseUrl: process.env.TEST_DATABASE_URL!, schema });
  }
  await migrate(handle);
  const app = composeApp(handle);
  return {
    handle,
    app,
    engine,
    async dispose() {
      await app.close();
      // The schema and those of any councils added to its installation (councilSchema in src/app.ts).
      const drop = `select string_agg(format('drop schema %I cascade', nspname), '; ') as sql from pg_namespace where nspname = '${schema}' or nspname like '${schema}\\_council\\_%'`;
      if (engine === 'pglite') {
        const found = (await workerPglite().query<{ sql: string | null }>(drop)).rows[0]?.sql;
        await workerPglite().exec(`${found ?? ''}; set search_path to public`);
      } else {
        const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
        await client.connect();
        const found = (await client.query<{ sql: string | null }>(drop)).rows[0]?.sql;
        if (found) await client.query(found);
        await client.end();
      }
    },
  };
}
