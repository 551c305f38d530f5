/**
 * Applies src/db/migrations/NNNN_name.sql in order, once each, recording them in schema_migrations.
 * The same files run on PGlite and PostgreSQL. Each migration runs in its own transaction.
 *
 * Several servers may start at once on one new PostgreSQL database: migrations run under the advisory
 * lock `START_LOCK` (DatabaseHandle.exclusively), so one server migrates while the others wait, then find
 * nothing left to do (ADR 0013). Without it two servers creating the same table at once collide in the
 * catalogue (`duplicate key value violates unique constraint "pg_type_typname_nsp_index"`).
 */
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { DatabaseHandle, LockedSession } from './connection.ts';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

/** The advisory lock held while a server migrates and seeds a database on start (src/app.ts openApp). */
export const START_LOCK = 'start';

export function migrate(handle: Pick<DatabaseHandle, 'exclusively'>): Promise<string[]> {
  return handle.exclusively(START_LOCK, migrateOn);
}

/** Applies the migrations not yet applied, on a session that holds START_LOCK. */
export async function migrateOn(session: LockedSession): Promise<string[]> {
  await session.exec(
    'create table if not exists schema_migrations (name text primary key, applied_at timestamptz not null default now())',
  );
  const applied = new Set((await session.query<{ name: string }>('select name from schema_migrations')).map((r) => r.name));
  const files = await migrationFiles();
  const ran: string[] = [];
  for (const file of files) {
    if (applied.has(file)) continue;
    const body = await readFile(MIGRATIONS_DIR + file, 'utf8');
    const escaped = file.replace(/'/g, "''");
    await session.exec(`begin;\n${body}\ninsert into schema_migrations (name) values ('${escaped}');\ncommit;`);
    ran.push(file);
  }
  return ran;
}

async function migrationFiles(): Promise<string[]> {
  return (await readdir(MIGRATIONS_DIR)).filter((f) => /^\d{4}_.+\.sql$/.test(f)).sort();
}

/**
 * The migrations `migrate` would apply, found with one read-only query (none on a current database):
 * lets a program skip `migrate` and its statements when the schema is current (ADR 0014).
 */
export async function pendingMigrations(handle: DatabaseHandle): Promise<string[]> {
  const files = await migrationFiles();
  let applied: Set<string>;
  try {
    applied = new Set((await sql<{ name: string }>`select name from schema_migrations`.execute(handle.db)).rows.map((r) => r.name));
  } catch {
    return files; // no schema_migrations yet: a new database
  }
  return files.filter((f) => !applied.has(f));
}
