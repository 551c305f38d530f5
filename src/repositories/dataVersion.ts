/**
 * The data version (migrations 0006 and 0010): the number of transactions that wrote report data, moved
 * in the same transaction as the data. One statement, so the folded sum and the rows not yet folded are
 * read at one instant.
 */
import { sql } from 'kysely';
import type { DatabaseHandle, Db } from '../db/connection.ts';

/** The data version as one row (`version`), for a statement that reads it alongside its own rows. */
export const dataVersionRow = sql`select version + (select count(*) from data_change) as version from data_version where id = 1`;

export async function currentDataVersion(db: Db): Promise<string> {
  const row = await sql<{ version: string | number }>`${dataVersionRow}`.execute(db);
  return String(row.rows[0]?.version ?? '0');
}

/** The data version and its change notifications, for the watcher that keeps caches honest (services/dataVersion.ts). */
export class DataVersionRepository {
  constructor(private readonly handle: Pick<DatabaseHandle, 'db' | 'engine' | 'listen'>) {}

  /**
   * Whether every change is notified before the writing statement returns (embedded PGlite: this process
   * is the only writer), so a version read once may be trusted until a notification arrives.
   */
  get notifiedBeforeCommitReturns(): boolean {
    return this.handle.engine === 'pglite';
  }

  read(): Promise<string> {
    return currentDataVersion(this.handle.db);
  }

  listen(listener: (event: 'notified' | 'lost') => void): Promise<() => Promise<void>> {
    return this.handle.listen('townhall_data_version', listener);
  }
}
