/**
 * One database API over two engines: embedded PGlite (a data directory, zero set-up) by default and
 * PostgreSQL when a connection URL is given. Same schema, same migrations, same SQL (ADR 0002).
 * PGlite has no pool: a tiny adapter gives Kysely's PostgresDialect a one-connection "pool" whose
 * connect() waits its turn, so transactions never interleave — the oldest work's turn first (queryOrder.ts). Each engine's driver is loaded only when
 * it is used: a command on the embedded database never loads pg, nor one on PostgreSQL PGlite.
 */
import type { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient, type PostgresQueryResult } from 'kysely';
import type pg from 'pg';
import { lockDataDir, type DataDirLock, type LockPurpose } from './dataDirLock.ts';
import { currentTicket, TicketQueue } from './queryOrder.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;

/** SQL on the one connection that holds an advisory lock (see `DatabaseHandle.exclusively`). */
export interface LockedSession {
  /** Runs several statements (no parameters). On an error the session's transaction, if any, is rolled back. */
  exec(sql: string): Promise<void>;
  query<R>(sql: string, parameters?: unknown[]): Promise<R[]>;
}

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
  /**
   * Runs `fn` while holding the advisory lock `name` of this database and schema, so that servers sharing
   * one PostgreSQL database take turns (migrations and first-start seeding: ADR 0013). On PostgreSQL the
   * lock is a session lock (`pg_advisory_lock`) held by a connection of its own, on which `session` runs
   * SQL; it is released when `fn` settles, or by the server if this process dies. PGlite has one
   * connection and one process: calls in this process take turns, and no database lock is taken.
   */
  exclusively<T>(name: string, fn: (session: LockedSession) => Promise<T>): Promise<T>;
  /**
   * The same database seen through another schema (created if missing): a council's own schema in an
   * installation of several (ADR 0030). It shares this handle's connections — each connection is put on
   * the schema's search path when it is lent — and is closed with this handle (its own `close` does nothing).
   */
  forSchema(schema: string): Promise<DatabaseHandle>;
  /** The schema this handle's unqualified names resolve to (`public` unless one was given). */
  schema: string;
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
/** The first key of Townhall's advisory locks (the second is the lock's name and the schema). */
const LOCK_SPACE = 'townhall';
/** The two keys of an advisory lock ($1: LOCK_SPACE, $2: its name), per schema: test schemas do not wait for each other. */
const LOCK_KEY = "hashtext($1::text), hashtext($2::text || ':' || coalesce(current_schema(), ''))";

/** A session setting read by the data-version trigger (migration 0010): 'off' sends no notification. */
const NOTIFY_SETTING = 'townhall.notify_data_version';

/**
 * The pool's connection string and session options: ours added to any the URL gives (`?options=-c …`, e.g.
 * a default isolation level), which pg would otherwise let replace ours.
 */
function withSessionOptions(url: string, ours: string[]): { connectionString: string; options: string } {
  const parsed = URL.canParse(url) ? new URL(url) : null;
  const given = parsed?.searchParams.get('options');
  if (!parsed || !given) return { connectionString: url, options: ours.join(' ') };
  parsed.searchParams.delete('options');
  return { connectionString: parsed.toString(), options: [given, ...ours].join(' ') };
}

/** 23505 on a catalogue index, or 42P06/42710: the object was created by someone else meanwhile. */
function isDuplicateObject(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === '42P06' || code === '42710';
}

/** The search path of a handle given no schema: PostgreSQL's default. */
const DEFAULT_SEARCH_PATH = '"$user", public';

const schemaOfPath = (path: string): string => (path === DEFAULT_SEARCH_PATH ? 'public' : path);

function checkSchemaName(schema: string): void {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`Invalid schema name: ${schema}`);
}

export async function connect(options: ConnectOptions): Promise<DatabaseHandle> {
  if (options.schema !== undefined) checkSchemaName(options.schema);
  return options.databaseUrl ? connectPostgres(options.databaseUrl, options.schema) : connectPglite(options);
}

async function connectPostgres(url: string, schema: string | undefined): Promise<DatabaseHandle> {
  const { default: pg } = await import('pg');
  const createSchema = async (name: string) => {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`create schema if not exists ${name}`);
    } catch (error) {
      // Two connections creating the same schema at once: the loser's "if not exists" does not see the
      // winner's uncommitted row and fails on the catalogue's unique index. The schema exists: go on.
      if (!isDuplicateObject(error)) throw error;
    } finally {
      await admin.end();
    }
  };
  if (schema) await createSchema(schema);
  const pool = new pg.Pool({
    max: 10,
    // No NOTIFY from the data-version trigger (migration 0010): on PostgreSQL nobody listens (versions are
    // read per request, ADR 0007), and every notifying commit takes one lock shared by the whole cluster.
    ...withSessionOptions(url, [`-c ${NOTIFY_SETTING}=off`, ...(schema ? [`-c search_path=${schema}`] : [])]),
  });
  const basePath = schema ?? DEFAULT_SEARCH_PATH;
  // Each connection's search path, when a schema-bound handle has moved it from the one it opened with.
  const paths = new WeakMap<pg.PoolClient, string>();
  const lend = async (path: string): Promise<pg.PoolClient> => {
    const client = await pool.connect();
    if ((paths.get(client) ?? basePath) !== path) {
      try {
        await client.query(`set search_path to ${path}`);
      } catch (error) {
        client.release(true);
        throw error;
      }
      paths.set(client, path);
    }
    return client;
  };
  const listeners: pg.Client[] = [];
  const handleFor = (path: string, owner: boolean): DatabaseHandle => {
    const schemaPool: PostgresPool = {
      connect: () => lend(path) as unknown as Promise<PostgresPoolClient>,
      end: async () => {
        if (owner) await pool.end();
      },
    };
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: schemaPool }) });
    return {
      db,
      engine: 'postgres',
      schema: schemaOfPath(path),
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
        const client = await lend(path);
        try {
          await client.query(sql);
        } catch (error) {
          await client.query('rollback').catch(() => undefined);
          throw error;
        } finally {
          client.release();
        }
      },
      async exclusively(name, fn) {
        const client = await lend(path);
        // Whether the connection is known to hold no lock and may go back to the pool; otherwise it is closed,
        // which releases anything it holds.
        let unlocked = false;
        try {
          await client.query(`select pg_advisory_lock(${LOCK_KEY})`, [LOCK_SPACE, name]);
          try {
            return await fn({
              async exec(statements) {
                try {
                  await client.query(statements);
                } catch (error) {
                  await client.query('rollback').catch(() => undefined);
                  throw error;
                }
              },
              async query<R>(text: string, parameters: unknown[] = []) {
                return (await client.query(text, parameters)).rows as R[];
              },
            });
          } finally {
            unlocked = await client.query(`select pg_advisory_unlock(${LOCK_KEY})`, [LOCK_SPACE, name]).then(
              () => true,
              () => false,
            );
          }
        } finally {
          client.release(!unlocked);
        }
      },
      async forSchema(other) {
        checkSchemaName(other);
        await createSchema(other);
        return handleFor(other, false);
      },
      async close() {
        if (!owner) return;
        for (const client of listeners) client.removeAllListeners('end');
        await Promise.all(listeners.map((c) => c.end().catch(() => undefined)));
        await db.destroy();
      },
    };
  };
  return handleFor(basePath, true);
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
  const basePath = options.schema ?? DEFAULT_SEARCH_PATH;
  if (options.schema) await pglite.exec(`create schema if not exists ${options.schema}`);
  const connection = PgliteConnection.of(pglite);
  await connection.moveTo(basePath);
  const turns = new Map<string, Promise<void>>();
  const handleFor = (path: string, owner: boolean): DatabaseHandle => {
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new PgliteOneConnectionPool(connection, path) }) });
    // Statements outside Kysely (migrations, locked sessions) are put on this handle's search path first.
    const run = async (statements: string) => {
      await connection.moveTo(path);
      try {
        await pglite.exec(statements);
      } catch (error) {
        await pglite.exec('rollback').catch(() => undefined);
        throw error;
      }
    };
    return {
      db,
      engine: 'pglite',
      schema: schemaOfPath(path),
      async listen(channel, listener) {
        const stop = await pglite.listen(channel, () => listener('notified'));
        return async () => stop();
      },
      exec: run,
      async exclusively(name, fn) {
        // One process owns the embedded database: taking turns within it is all the locking there is.
        const key = `${path}:${name}`;
        const previous = turns.get(key) ?? Promise.resolve();
        let done!: () => void;
        const mine = new Promise<void>((resolve) => (done = resolve));
        turns.set(key, previous.then(() => mine));
        await previous;
        try {
          return await fn({
            exec: run,
            async query<R>(text: string, parameters: unknown[] = []) {
              await connection.moveTo(path);
              return (await pglite.query<R>(text, parameters)).rows;
            },
          });
        } finally {
          done();
        }
      },
      async forSchema(other) {
        checkSchemaName(other);
        await pglite.exec(`create schema if not exists ${other}`);
        return handleFor(other, false);
      },
      async close() {
        if (!owner) return;
        try {
          await db.destroy();
          if (owned) await pglite.close();
        } finally {
          await lock?.release();
        }
      },
    };
  };
  return handleFor(basePath, true);
}

/**
 * The one connection of a PGlite instance, shared by every handle on it (a council's schema is a handle
 * of its own: ADR 0030): lends it to one piece of work at a time — the oldest work first (queryOrder.ts) —
 * and knows which search path it is on, so that a handle moves it only when another has moved it away.
 *
 * PGlite runs each statement in this thread and settles its promise at once, so a queue of statements
 * handed on promise by promise would run entirely within one turn of the event loop — hundreds of pages'
 * statements with no request read, no response flushed and no /health answered until the last. So when
 * others wait, the connection is handed on at the next turn (setImmediate), after the I/O due.
 */
class PgliteConnection {
  static readonly #instances = new WeakMap<PGlite, PgliteConnection>();

  static of(pglite: PGlite): PgliteConnection {
    let connection = PgliteConnection.#instances.get(pglite);
    if (!connection) PgliteConnection.#instances.set(pglite, (connection = new PgliteConnection(pglite)));
    return connection;
  }

  #busy = false;
  #path: string | null = null;
  readonly #waiting = new TicketQueue<() => void>();

  private constructor(readonly pglite: PGlite) {}

  /** Puts the connection on `path` unless it is there already (set by this class only). */
  async moveTo(path: string): Promise<void> {
    if (this.#path === path) return;
    await this.pglite.exec(`set search_path to ${path}`);
    this.#path = path;
  }

  /** Waits for the connection; `release` (once) hands it on. */
  acquire(): Promise<() => void> {
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      if (!this.#waiting.size) {
        this.#busy = false;
        return;
      }
      // Chosen on the next turn: by then the work that just let go has asked for its next statement,
      // and, being older, is served before the rest.
      setImmediate(() => {
        const next = this.#waiting.shift();
        if (next) next();
        else this.#busy = false;
      });
    };
    if (!this.#busy) {
      this.#busy = true;
      return Promise.resolve(release);
    }
    return new Promise((resolve) => this.#waiting.push(currentTicket(), () => resolve(release)));
  }
}

/** Kysely's "pool" over the one PGlite connection, for one search path. */
class PgliteOneConnectionPool implements PostgresPool {
  constructor(
    private readonly connection: PgliteConnection,
    private readonly path: string,
  ) {}

  async connect(): Promise<PostgresPoolClient> {
    const pglite = this.connection.pglite;
    const release = await this.connection.acquire();
    try {
      await this.connection.moveTo(this.path);
    } catch (error) {
      release();
      throw error;
    }
    const client = {
      async query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>> {
        const result = await pglite.query<R>(sql, [...parameters]);
        const command = (sql.trim().split(/\s+/, 1)[0] ?? '').toUpperCase() as PostgresQueryResult<R>['command'];
        return { command, rowCount: result.affectedRows ?? result.rows.length, rows: result.rows };
      },
      release,
    };
    return client as unknown as PostgresPoolClient;
  }

  /** The PGlite instance is closed by its owner (the handle, or the test worker that shares it). */
  async end(): Promise<void> {}
}
