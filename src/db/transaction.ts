/**
 * The one way Townhall opens a transaction (ADR 0013): `inTransaction(db, work)` runs `work` in a
 * transaction and, when PostgreSQL aborts it with a serialization failure (40001: another transaction
 * changed what this one read, under repeatable read or serializable isolation, e.g. a database whose
 * default isolation is serializable) or a deadlock (40P01: two transactions waited for each other and the
 * server chose this one), runs it again from the start, a bounded number of times. Nothing of an aborted
 * attempt remains, so `work` must only touch the database (no files, no messages, nothing kept between
 * attempts): every use in src does.
 */
import type { Db } from './connection.ts';

/** SQLSTATEs after which running the whole transaction again can succeed. */
const RETRYABLE = new Set(['40001', '40P01']);

/** Attempts in all, the first included. */
export const TRANSACTION_ATTEMPTS = 5;

export type IsolationLevel = 'read committed' | 'repeatable read' | 'serializable';

export interface TransactionOptions {
  /** The database's default (read committed unless configured otherwise) when not given. */
  isolation?: IsolationLevel;
  /** Attempts in all, the first included; default TRANSACTION_ATTEMPTS. */
  attempts?: number;
}

/** Whether the error is PostgreSQL's serialization failure or deadlock. */
export function isRetryable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && RETRYABLE.has(code);
}

export async function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
  const attempts = Math.max(1, options.attempts ?? TRANSACTION_ATTEMPTS);
  for (let attempt = 1; ; attempt++) {
    try {
      // The one place in src a transaction is opened (eslint.config.js).
      const builder = db.transaction();
      return await (options.isolation ? builder.setIsolationLevel(options.isolation) : builder).execute(work);
    } catch (error) {
      if (attempt >= attempts || !isRetryable(error)) throw error;
      // The others involved usually finish within a few milliseconds: wait a little, longer each time, at
      // random so two retried transactions do not meet again in step.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * 2 ** attempt));
    }
  }
}
