/**
 * The data version (migrations 0006 and 0010, ADR 0007 and 0013): it counts the transactions that wrote
 * report data, whatever order concurrent writers commit in, and writers never wait for each other on it.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentDataVersion } from '../../src/repositories/dataVersion.ts';
import { createTestDatabase, engines, type TestDatabase } from '../support/db.ts';

describe.each(engines())('data version on %s', (engine) => {
  let t: TestDatabase;
  const version = async () => BigInt(await currentDataVersion(t.handle.db));
  const changeRows = async () => Number((await sql<{ n: number }>`select count(*)::int as n from data_change`.execute(t.handle.db)).rows[0]!.n);

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    await t.handle.db.insertInto('council').values({ id: 1, name: 'Version Borough' }).execute();
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('moves by one per writing transaction, however many statements it has', async () => {
    const before = await version();
    await t.handle.db.transaction().execute(async (trx) => {
      await trx.updateTable('council').set({ name: 'One' }).execute();
      await trx.updateTable('council').set({ name: 'Two' }).execute();
      await trx.insertInto('corporate_outcome').values({ name: 'Three', description: null, from_year: null, to_year: null }).execute();
    });
    expect(await version()).toBe(before + 1n);
    await t.handle.db.updateTable('council').set({ name: 'Four' }).execute();
    expect(await version()).toBe(before + 2n);
    // A transaction that writes nothing reports are built from leaves it alone.
    await t.handle.db.selectFrom('council').selectAll().execute();
    expect(await version()).toBe(before + 2n);
  });

  it('does not move for a transaction rolled back', async () => {
    const before = await version();
    await expect(
      t.handle.db.transaction().execute(async (trx) => {
        await trx.updateTable('council').set({ name: 'Never' }).execute();
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await version()).toBe(before);
  });

  it('keeps its count small: the changes are folded into one number, which the version already counted', async () => {
    const before = await version();
    for (let i = 0; i < 600; i++) await t.handle.db.updateTable('council').set({ name: `Write ${i}` }).execute();
    expect(await version()).toBe(before + 600n);
    // Every 256th change folds those before it: never more than 256 rows to count.
    expect(await changeRows()).toBeLessThanOrEqual(256);
  });
});

describe.skipIf(!engines().includes('postgres'))('data version with concurrent writers on PostgreSQL', () => {
  let t: TestDatabase;
  const version = async () => BigInt(await currentDataVersion(t.handle.db));

  beforeAll(async () => {
    t = await createTestDatabase('postgres');
    await t.handle.db.insertInto('council').values({ id: 1, name: 'Concurrent Borough' }).execute();
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('lets a writer commit while another writing transaction is still open', async () => {
    const before = await version();
    let releaseFirst!: () => void;
    const firstMayCommit = new Promise<void>((resolve) => (releaseFirst = resolve));
    let firstWrote!: () => void;
    const firstHasWritten = new Promise<void>((resolve) => (firstWrote = resolve));
    const first = t.handle.db.transaction().execute(async (trx) => {
      await trx.updateTable('council').set({ name: 'Held open' }).execute();
      firstWrote();
      await firstMayCommit;
    });
    await firstHasWritten;
    try {
      // Under migration 0006 this waited for the first transaction's lock on the one data_version row:
      // the lock timeout turns that wait into an error instead of a hang.
      await t.handle.db.transaction().execute(async (trx) => {
        await sql`set local lock_timeout = '10s'`.execute(trx);
        await trx.insertInto('corporate_outcome').values({ name: 'Written meanwhile', description: null, from_year: null, to_year: null }).execute();
      });
      expect(await version()).toBe(before + 1n);
    } finally {
      releaseFirst();
      await first;
    }
    expect(await version()).toBe(before + 2n);
  });

  it('counts every one of 600 writing transactions run 20 at a time, folds included', async () => {
    const before = await version();
    let next = 0;
    const worker = async () => {
      while (next < 600) {
        const i = next++;
        await t.handle.db.transaction().execute(async (trx) => {
          await trx.insertInto('corporate_outcome').values({ name: `Concurrent ${i}`, description: null, from_year: null, to_year: null }).execute();
        });
      }
    };
    await Promise.all(Array.from({ length: 20 }, worker));
    expect(await version()).toBe(before + 600n);
  });
});
