/**
 * One database API over two engines: embedded PGlite (a data directory, zero set-up) by default and
 * PostgreSQL when a connection URL is given. Same schema, same migrations, same SQL (ADR 0002).
 * PGlite has no pool: a tiny adapter gives Kysely's PostgresDialect a one-connection "pool" whose
 * connect() waits its turn, so transactions never interleave. Each engine's driver is loaded only when
 * it is used: a command on the embedded database never loads pg, nor one on PostgreSQL PGlite.
 */
import type { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient, type PostgresQueryResult } from 'kysely';
import type pg from 'pg';
import { lockDataDir, type DataDirLock, type LockPurpose } from './dataDirLock.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  engine: 'pglite' | 'postgres';
  /** Runs several statements (no parameters); used by migrations. */
  exec(sql: string): Promise<void>;
  /**
   * Calls `listener` after every commit that notified `channel` (and with `lost` when notifications can
   * no longer be trusted, e.g. the listening connection dropped). Returns a function that stops it.
   */
  listen(channel: string, listener: (event: 'notified' | 'lost') => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** postgres://… — when set, PostgreSQL is used. */
  databaseUrl?: string | null;
  /** PGlite data directory; `memory://` for an in-memory database. */
  dataDir?: string;
  /** Use this schema (created if missing) instead of `public`: isolates test files sharing a database. */
  schema?: string;
  /** Reuse an existing PGlite instance (tests share one per worker). */
  pglite?: PGlite;
  /**
   * Who opens an embedded data directory, for its lock (dataDirLock.ts: one process at a time; another
   * is refused with DataDirInUseError naming this). Default: another Townhall process.
   */
  purpose?: LockPurpose;
  /**
   * PostgreSQL's shared buffers for an embedded database this process opens (default 128MB). Setting
   * them up is most of PGlite's start-up time, so a short-lived command asks for fewer (ADR 0014).
   */
  sharedBuffers?: string;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]*$/;

export async function connect(options: ConnectOptions): Promise<DatabaseHandle> {
  if (options.schema !== undefined && !SCHEMA_NAME.test(options.schema)) {
    throw new Error(`Invalid schema name: ${options.schema}`);
  }
  return options.databaseUrl ? connectPostgres(options.databaseUrl, options.schema) : connectPglite(options);
}

async function connectPostgres(url: string, schema: string | undefined): Promise<DatabaseHandle> {
  const { default: pg } = await import('pg');
  if (schema) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`create schema if not exists ${schema}`);
    } finally {
      await admin.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const listeners: pg.Client[] = [];
  return {
    db,
    engine: 'postgres',
    async listen(channel, listener) {
      if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`Invalid channel: ${channel}`);
      const client = new pg.Client({ connectionString: url });
      client.on('notification', () => listener('notified'));
      client.on('error', () => listener('lost'));
      client.on('end', () => listener('lost'));
      await client.connect();
      await client.query(`listen ${channel}`);
      listeners.push(client);
      return async () => {
        client.removeAllListeners('end');
        await client.end().catch(() => undefined);
      };
    },
    async exec(sql) {
      const client = await pool.connect();
      try {
        await client.query(sql);
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async close() {
      for (const client of listeners) client.removeAllListeners('end');
      await Promise.all(listeners.map((c) => c.end().catch(() => undefined)));
      await db.destroy();
    },
  };
}

async function connectPglite(options: ConnectOptions): Promise<DatabaseHandle> {
  const owned = !options.pglite;
  const dataDir = options.dataDir ?? 'memory://';
  // A folder on disk (not memory:// or a browser store) is opened by one process at a time.
  const lock: DataDirLock | null =
    owned && !/^[a-z][a-z0-9+.-]*:\/\//i.test(dataDir)
      ? await lockDataDir(dataDir, options.purpose ?? { kind: 'other', purpose: 'another Townhall process' })
      : null;
  let pglite: PGlite;
  try {
    if (options.pglite) pglite = options.pglite;
    else {
      const { PGlite } = await import('@electric-sql/pglite');
      pglite = new PGlite({ dataDir, ...(options.sharedBuffers ? { startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${options.sharedBuffers}`] } : {}) });
    }
    await pglite.waitReady;
  } catch (error) {
    await lock?.release();
    throw error;
  }
  if (options.schema) {
    await pglite.exec(`create schema if not exists ${options.schema}; set search_path to ${options.schema}`);
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new PgliteOneConnectionPool(pglite) }) });
  return {
    db,
    engine: 'pglite',
    async listen(channel, listener) {
      const stop = await pglite.listen(channel, () => listener('notified'));
      return async () => stop();
    },
    async exec(sql) {
      try {
        await pglite.exec(sql);
      } catch (error) {
        await pglite.exec('rollback').catch(() => undefined);
        throw error;
      }
    },
    async close() {
      try {
        await db.destroy();
        if (owned) await pglite.close();
      } finally {
        await lock?.release();
      }
    },
  };
}

/** A "pool" of one PGlite connection: connect() resolves when the previous holder released it. */
class PgliteOneConnectionPool implements PostgresPool {
  #queue: Promise<void> = Promise.resolve();

  constructor(private readonly pglite: PGlite) {}

  connect(): Promise<PostgresPoolClient> {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const turn = this.#queue;
    this.#queue = turn.then(() => released);
    const pglite = this.pglite;
    const client = {
      async query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>> {
        const result = await pglite.query<R>(sql, [...parameters]);
        const command = (sql.trim().split(/\s+/, 1)[0] ?? '').toUpperCase() as PostgresQueryResult<R>['command'];
        return { command, rowCount: result.affectedRows ?? result.rows.length, rows: result.rows };
      },
      release,
    };
    return turn.then(() => client as unknown as PostgresPoolClient);
  }

  /** The PGlite instance is closed by its owner (the handle, or the test worker that shares it). */
  async end(): Promise<void> {}
}
