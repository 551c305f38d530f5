/**
 * Applies src/db/migrations/NNNN_name.sql in order, once each, recording them in schema_migrations.
 * The same files run on PGlite and PostgreSQL. Each migration runs in its own transaction.
 */
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { DatabaseHandle } from './connection.ts';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

export async function migrate(handle: DatabaseHandle): Promise<string[]> {
  await handle.exec(
    'create table if not exists schema_migrations (name text primary key, applied_at timestamptz not null default now())',
  );
  const applied = new Set(
    (await sql<{ name: string }>`select name from schema_migrations`.execute(handle.db)).rows.map((r) => r.name),
  );
  const files = (await readdir(MIGRATIONS_DIR)).filter((f) => /^\d{4}_.+\.sql$/.test(f)).sort();
  const ran: string[] = [];
  for (const file of files) {
    if (applied.has(file)) continue;
    const body = await readFile(MIGRATIONS_DIR + file, 'utf8');
    const escaped = file.replace(/'/g, "''");
    await handle.exec(`begin;\n${body}\ninsert into schema_migrations (name) values ('${escaped}');\ncommit;`);
    ran.push(file);
  }
  return ran;
}
