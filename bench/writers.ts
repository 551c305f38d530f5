/**
 * Writers on one PostgreSQL database (ADR 0013): how long concurrent writing transactions take with the
 * data version of migration 0006 (every writer updates one row, and notifies) and of migration 0010 (every
 * writer inserts a row; PostgreSQL connections do not notify), measured in one run on one schema.
 *
 *   BENCH_DATABASE_URL=postgres://… node --import tsx bench/writers.ts
 *
 * Not part of `npm run bench` (no goal to meet): the figures are in docs/reliability.md.
 */
import { sql } from 'kysely';
import { openBenchDatabase, postgresUrl, type BenchDatabase } from './engines.ts';
import { median, ms, now } from './stats.ts';

/** The trigger function of migration 0006, put back for the comparison. */
const SINGLE_ROW = `
create or replace function bump_data_version() returns trigger language plpgsql as $$
begin
  update data_version set version = version + 1 where id = 1;
  perform pg_notify('townhall_data_version', '');
  return null;
end;
$$;`;

type Variant = { name: string; notify: boolean };

let written = 0;

async function writers(db: BenchDatabase, variant: Variant, count: number, holdMs: number, round: number): Promise<number> {
  const start = now();
  await Promise.all(
    Array.from({ length: count }, (_v, i) =>
      db.handle.db.transaction().execute(async (trx) => {
        if (variant.notify) await sql`set local townhall.notify_data_version = 'on'`.execute(trx);
        await trx.insertInto('corporate_outcome').values({ name: `${variant.name} ${round} ${i} ${(written += 1)}`, description: null, from_year: null, to_year: null }).execute();
        // The rest of a save or an import: the transaction stays open this long after its first write.
        if (holdMs) await sql`select pg_sleep(${holdMs / 1000})`.execute(trx);
      }),
    ),
  );
  return now() - start;
}

async function main(): Promise<void> {
  if (!postgresUrl()) throw new Error('Set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to a PostgreSQL database');
  const db = await openBenchDatabase('postgres');
  const original = (await sql<{ src: string }>`select pg_get_functiondef('bump_data_version'::regproc) as src`.execute(db.handle.db)).rows[0]!.src;
  const variants: { variant: Variant; install: string }[] = [
    { variant: { name: '0006 one row, notify', notify: true }, install: SINGLE_ROW },
    { variant: { name: '0010 insert, notify', notify: true }, install: original },
    { variant: { name: '0010 insert, no notify', notify: false }, install: original },
  ];
  try {
    console.log(`Writers on PostgreSQL (${db.where}); pool of 10 connections; median of 5 rounds`);
    for (const [count, holdMs] of [
      [10, 50],
      [10, 0],
      [200, 0],
    ] as const) {
      console.log(`\n${count} transactions at once, each open ${holdMs} ms after its write:`);
      for (const { variant, install } of variants) {
        await sql.raw(install).execute(db.handle.db);
        const times: number[] = [];
        for (let round = 0; round < 6; round++) {
          const t = await writers(db, variant, count, holdMs, round);
          if (round > 0) times.push(t); // the first round warms up
        }
        console.log(`  ${variant.name.padEnd(24)} ${ms(median(times)).padStart(9)}`);
      }
    }
  } finally {
    await sql.raw(original).execute(db.handle.db);
    await db.dispose();
  }
}

await main();
