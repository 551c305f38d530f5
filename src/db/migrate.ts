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
/** The installation's own tables (the councils it hosts: ADR 0030), in its schema only. */
const INSTALLATION_DIR = fileURLToPath(new URL('./installation/', import.meta.url));

/** The two sets of migrations: a council's tables (every council's schema) and the installation's (its schema only). */
const SETS = {
  council: { dir: MIGRATIONS_DIR, table: 'schema_migrations' },
  installation: { dir: INSTALLATION_DIR, table: 'installation_migrations' },
} as const;
type MigrationSet = (typeof SETS)[keyof typeof SETS];

/** The advisory lock held while a server migrates and seeds a database on start (src/app.ts openApp). */
export const START_LOCK = 'start';

/**
 * Brings the installation up to date: its own tables and its council's, then every other council's schema
 * (each under its own START_LOCK, taken while the installation's is held). Returns the migrations applied
 * to the installation's schema.
 */
export async function migrate(handle: Pick<DatabaseHandle, 'exclusively' | 'forSchema'>): Promise<string[]> {
  return handle.exclusively(START_LOCK, async (session) => {
    const ran = await migrateOn(session);
    await migrateCouncils(handle, session);
    return ran;
  });
}

/** Applies the migrations not yet applied, on a session that holds START_LOCK in the installation's schema. */
export async function migrateOn(session: LockedSession): Promise<string[]> {
  await migrateSet(session, SETS.installation);
  return migrateSet(session, SETS.council);
}

/** Applies the council migrations to the schema of every council other than the installation's own. */
export async function migrateCouncils(handle: Pick<DatabaseHandle, 'forSchema'>, session: LockedSession): Promise<void> {
  const schemas = await session.query<{ schema_name: string }>('select schema_name from installation_council where schema_name is not null order by slug');
  for (const { schema_name } of schemas) await migrateCouncilSchema(handle, schema_name);
}

/** Creates (if need be) and migrates one council's schema. */
export async function migrateCouncilSchema(handle: Pick<DatabaseHandle, 'forSchema'>, schema: string): Promise<void> {
  const council = await handle.forSchema(schema);
  await council.exclusively(START_LOCK, (session) => migrateSet(session, SETS.council));
}

async function migrateSet(session: LockedSession, set: MigrationSet): Promise<string[]> {
  await session.exec(`create table if not exists ${set.table} (name text primary key, applied_at timestamptz not null default now())`);
  const applied = new Set((await session.query<{ name: string }>(`select name from ${set.table}`)).map((r) => r.name));
  const ran: string[] = [];
  for (const file of await migrationFiles(set)) {
    if (applied.has(file)) continue;
    const body = await readFile(set.dir + file, 'utf8');
    const escaped = file.replace(/'/g, "''");
    await session.exec(`begin;\n${body}\ninsert into ${set.table} (name) values ('${escaped}');\ncommit;`);
    ran.push(file);
  }
  return ran;
}

async function migrationFiles(set: MigrationSet): Promise<string[]> {
  return (await readdir(set.dir)).filter((f) => /^\d{4}_.+\.sql$/.test(f)).sort();
}

/**
 * The migrations `migrate` would apply, found with read-only queries (one per set of migrations, and one
 * per other council's schema; none written): lets a program skip `migrate` and its statements when every
 * schema is current (ADR 0014).
 */
export async function pendingMigrations(handle: DatabaseHandle): Promise<string[]> {
  const pending: string[] = [];
  const of = async (schema: string | null, set: MigrationSet, label: string) => {
    const files = await migrationFiles(set);
    let applied: Set<string>;
    try {
      const table = sql.table(schema ? `${schema}.${set.table}` : set.table);
      applied = new Set((await sql<{ name: string }>`select name from ${table}`.execute(handle.db)).rows.map((r) => r.name));
    } catch {
      applied = new Set(); // not made yet: a new database (or council)
    }
    pending.push(...files.filter((f) => !applied.has(f)).map((f) => `${label}${f}`));
  };
  await of(null, SETS.installation, 'installation: ');
  await of(null, SETS.council, '');
  if (pending.length) return pending;
  const councils = await sql<{ schema_name: string }>`select schema_name from installation_council where schema_name is not null`.execute(handle.db);
  for (const { schema_name } of councils.rows) await of(schema_name, SETS.council, `${schema_name}: `);
  return pending;
}
