/** The data version (migration 0006): bumped in the same transaction by every write to report data. */
import { sql } from 'kysely';
import type { Db } from '../db/connection.ts';

export async function currentDataVersion(db: Db): Promise<string> {
  const row = await sql<{ version: string | number }>`select version from data_version where id = 1`.execute(db);
  return String(row.rows[0]?.version ?? '0');
}
