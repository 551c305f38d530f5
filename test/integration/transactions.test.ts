/**
 * inTransaction (src/db/transaction.ts, ADR 0013): serialization failures and deadlocks are run again, a
 * bounded number of times; other errors never. The PostgreSQL tests make the server raise both for real.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction, TRANSACTION_ATTEMPTS } from '../../src/db/transaction.ts';
import { createTestDatabase, engines, type TestDatabase } from '../support/db.ts';

/** An error as the pg driver and PGlite report a server's error: with its SQLSTATE in `code`. */
const serverError = (code: string) => Object.assign(new Error(`server error ${code}`), { code });

describe.each(engines())('inTransaction on %s', (engine) => {
  let t: TestDatabase;
  const councilName = async () => (await t.handle.db.selectFrom('council').select('name').executeTakeFirstOrThrow()).name;

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    await t.handle.db.insertInto('council').values({ id: 1, name: 'Start' }).execute();
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('runs the work again after a serialization failure or a deadlock, leaving nothing of the failed attempts', async () => {
    let attempts = 0;
    const result = await inTransaction(t.handle.db, async (trx) => {
      attempts += 1;
      await trx.updateTable('council').set({ name: sql<string>`name || ${`+${attempts}`}` }).execute();
      if (attempts === 1) throw serverError('40001');
      if (attempts === 2) throw serverError('40P01');
      return 'done';
    });
    expect(result).toBe('done');
    expect(attempts).toBe(3);
    expect(await councilName()).toBe('Start+3');
  });

  it('gives up after a bounded number of attempts, with the last error', async () => {
    let attempts = 0;
    await expect(
      inTransaction(t.handle.db, async () => {
        attempts += 1;
        throw serverError('40001');
      }),
    ).rejects.toMatchObject({ code: '40001' });
    expect(attempts).toBe(TRANSACTION_ATTEMPTS);
  });

  it('never runs the work again after any other error', async () => {
    let attempts = 0;
    await expect(
      inTransaction(t.handle.db, async (trx) => {
        attempts += 1;
        await trx.insertInto('council').values({ id: 1, name: 'Duplicate' }).execute();
      }),
    ).rejects.toMatchObject({ code: '23505' });
    expect(attempts).toBe(1);
  });
});

describe.skipIf(!engines().includes('postgres'))('inTransaction against real conflicts on PostgreSQL', () => {
  let t: TestDatabase;
  const name = async (id: number) => (await t.handle.db.selectFrom('corporate_outcome').select('name').where('id', '=', id).executeTakeFirstOrThrow()).name;
  let a: number;
  let b: number;

  beforeAll(async () => {
    t = await createTestDatabase('postgres');
    const rows = await t.handle.db
      .insertInto('corporate_outcome')
      .values([
        { name: 'a', description: null, from_year: null, to_year: null },
        { name: 'b', description: null, from_year: null, to_year: null },
      ])
      .returning('id')
      .execute();
    [a, b] = rows.map((r) => r.id) as [number, number];
  });
  afterAll(async () => {
    await t?.dispose();
  });

  /** A repeatable-read transaction that updates a row another transaction changed after it first read. */
  const lostUpdate = (suffix: string, attempts: number) => {
    let runs = 0;
    const outcome = inTransaction(
      t.handle.db,
      async (trx) => {
        runs += 1;
        await trx.selectFrom('corporate_outcome').select('name').where('id', '=', a).execute(); // the snapshot
        if (runs === 1) await t.handle.db.updateTable('corporate_outcome').set({ description: `meanwhile ${suffix}` }).where('id', '=', a).execute();
        await trx.updateTable('corporate_outcome').set({ name: sql<string>`name || ${suffix}` }).where('id', '=', a).execute();
      },
      { isolation: 'repeatable read', attempts },
    );
    return { outcome, runs: () => runs };
  };

  it('a serialization failure (40001) is raised by the server, and retried', async () => {
    const once = lostUpdate('-once', 1);
    await expect(once.outcome).rejects.toMatchObject({ code: '40001' });
    const retried = lostUpdate('-retried', TRANSACTION_ATTEMPTS);
    await retried.outcome;
    expect(retried.runs()).toBe(2);
    expect(await name(a)).toBe('a-retried');
  });

  /** Two transactions that lock rows a and b in opposite orders, each waiting (first attempt only) until the other holds its first row. */
  const deadlock = (attempts: number) => {
    const runs = [0, 0];
    let aLocked!: () => void;
    let bLocked!: () => void;
    const holdsA = new Promise<void>((resolve) => (aLocked = resolve));
    const holdsB = new Promise<void>((resolve) => (bLocked = resolve));
    const lock = (trx: typeof t.handle.db, id: number, tag: string) =>
      trx.updateTable('corporate_outcome').set({ description: sql<string>`coalesce(description, '') || ${tag}` }).where('id', '=', id).execute();
    const first = inTransaction(
      t.handle.db,
      async (trx) => {
        runs[0]! += 1;
        await lock(trx, a, '1');
        aLocked();
        await holdsB;
        await lock(trx, b, '1');
      },
      { attempts },
    );
    const second = inTransaction(
      t.handle.db,
      async (trx) => {
        runs[1]! += 1;
        await lock(trx, b, '2');
        bLocked();
        await holdsA;
        await lock(trx, a, '2');
      },
      { attempts },
    );
    return { outcomes: Promise.allSettled([first, second]), runs };
  };

  it('a deadlock (40P01) is broken by the server, and the transaction it aborted is retried', async () => {
    const once = await deadlock(1).outcomes;
    expect(once.filter((o) => o.status === 'rejected').map((o) => (o as PromiseRejectedResult).reason.code)).toEqual(['40P01']);
    await t.handle.db.updateTable('corporate_outcome').set({ description: null }).execute();

    const retried = deadlock(TRANSACTION_ATTEMPTS);
    const outcomes = await retried.outcomes;
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled']);
    expect(retried.runs[0]! + retried.runs[1]!).toBe(3);
    // Both wrote both rows, once each, in the same order on both rows.
    const descriptions = await t.handle.db.selectFrom('corporate_outcome').select('description').where('id', 'in', [a, b]).orderBy('id').execute();
    expect(descriptions[0]!.description).toMatch(/^(12|21)$/);
    expect(descriptions[1]!.description).toBe(descriptions[0]!.description);
  });
});
