/**
 * A new, empty PostgreSQL database on the server of a test URL (TEST_DATABASE_URL), for tests that start
 * servers as they start on a council's database (migrations included), then drop it.
 */
import pg from 'pg';

export interface FreshDatabase {
  /** postgres://… of the new database. */
  url: string;
  name: string;
  /** One query on a connection of its own. */
  query<R = Record<string, unknown>>(sql: string, parameters?: unknown[]): Promise<R[]>;
  /** Drops the database, ending any connection still open to it. */
  drop(): Promise<void>;
}

let counter = 0;

async function onServer<T>(baseUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** `prefix` must start with `test_servers` (the databases these tests may create). */
export async function createFreshDatabase(baseUrl: string, prefix: string): Promise<FreshDatabase> {
  if (!/^test_servers[a-z0-9_]*$/.test(prefix)) throw new Error(`Not a test database prefix: ${prefix}`);
  counter += 1;
  const name = `${prefix}_${process.pid}_${counter}`;
  await onServer(baseUrl, async (client) => {
    await client.query(`drop database if exists ${name} with (force)`);
    await client.query(`create database ${name}`);
  });
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    query: (sql, parameters = []) => onServer(url.toString(), async (client) => (await client.query(sql, parameters)).rows),
    drop: () => onServer(baseUrl, async (client) => void (await client.query(`drop database if exists ${name} with (force)`))),
  };
}
