/**
 * Bulk writes (migration 0014, ADR 0015): results and targets name their indicator through statement-level
 * checks instead of row-level foreign keys, and new results and targets are inserted without ON CONFLICT.
 * What the foreign keys guaranteed still holds — a row names an indicator that exists, a concurrent delete
 * of that indicator waits, deleting an indicator deletes its results and targets — and a record another
 * transaction adds while an import is planning to add it runs the import again, which then changes it.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSheets, importShape, toRaw } from '../../bench/generate.ts';
import { inTransaction, isRetryable } from '../../src/db/transaction.ts';
import { loadSnapshot } from '../../src/repositories/frameworkRepository.ts';
import { AddedMeanwhileError, applyImportChanges } from '../../src/repositories/importWriter.ts';
import { planImport, snapshotScope } from '../../src/services/importPlan.ts';
import { validateWorkbook } from '../../src/workbook/validate.ts';
import type { WorkbookData } from '../../src/workbook/model.ts';
import { createTestDatabase, engines, type TestDatabase } from '../support/db.ts';

/** A small generated council; `edit` changes its cells first. */
function council(edit: (sheets: ReturnType<typeof generateSheets>) => void = () => undefined): WorkbookData {
  const sheets = generateSheets(importShape(6, 11));
  edit(sheets);
  const outcome = validateWorkbook(toRaw(sheets));
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors.slice(0, 3)));
  return outcome.data;
}

/** The council (results Apr 2016 to Feb 2017) with one more result: `ref` in Mar 2017. */
const withExtraResult = (ref: string, value: string) => council((sheets) => sheets.results.push({ ref, period: 'Mar 2017', value }));

/** An indicator of its own with a result and a target, for tests that delete or break one. */
async function spareIndicator(t: TestDatabase, ref: string): Promise<number> {
  const { id } = await t.handle.db.insertInto('indicator').values({ ref }).returning('id').executeTakeFirstOrThrow();
  await sql`insert into result (indicator_id, period, plan_year, status) values (${id}, '2016', 2016, 'due')`.execute(t.handle.db);
  await sql`insert into target (indicator_id, period, plan_year, spec, printed) values (${id}, '2016', 2016, '{"form":"monitor"}'::jsonb, 'Monitor')`.execute(t.handle.db);
  return id;
}

describe.each(engines())('bulk writes on %s', (engine) => {
  let t: TestDatabase;
  let ref: string;
  let indicatorId: number;

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    const first = await t.app.imports.importData(council(), { actor: 'tester' });
    if (!first.ok) throw new Error(JSON.stringify(first.errors.slice(0, 3)));
    const row = await t.handle.db.selectFrom('indicator').select(['id', 'ref']).orderBy('id').executeTakeFirstOrThrow();
    ref = row.ref;
    indicatorId = row.id;
  });
  afterAll(async () => t?.dispose());

  const missingIndicator = async () => ((await sql<{ id: number }>`select coalesce(max(id), 0) + 1000 as id from indicator`.execute(t.handle.db)).rows[0]!.id);

  it('refuses a result or target naming no indicator, inserted or updated, as a foreign key would (23503)', async () => {
    const missing = await missingIndicator();
    const refused = { code: '23503' };
    await expect(
      sql`insert into result (indicator_id, period, plan_year, status) values (${missing}, '2016', 2016, 'due')`.execute(t.handle.db),
    ).rejects.toMatchObject(refused);
    await expect(
      sql`insert into target (indicator_id, period, plan_year, spec, printed) values (${missing}, '2016', 2016, '{}'::jsonb, '')`.execute(t.handle.db),
    ).rejects.toMatchObject(refused);
    await expect(sql`update result set indicator_id = ${missing} where id = (select min(id) from result)`.execute(t.handle.db)).rejects.toMatchObject(refused);
    await expect(sql`update target set indicator_id = ${missing} where id = (select min(id) from target)`.execute(t.handle.db)).rejects.toMatchObject(refused);
    // One bad row among many: the whole statement is refused, the message names the missing id.
    await expect(
      sql`insert into result (indicator_id, period, plan_year, status)
        select i, p, 2016, 'due' from unnest(${`{${indicatorId},${missing}}`}::int[]) as i, unnest('{2016-Q1,2016-Q2}'::text[]) as p`.execute(t.handle.db),
    ).rejects.toMatchObject({ code: '23503', detail: `Key (indicator_id)=(${missing}) is not present in table "indicator".` });
    // Rows naming an indicator that exists are written as before.
    const spare = await spareIndicator(t, 'SPARE/1');
    await sql`update result set note = 'checked' where indicator_id = ${spare}`.execute(t.handle.db);
    await sql`update result set indicator_id = ${spare}, period = '2017' where indicator_id = ${spare}`.execute(t.handle.db);
    expect(await t.handle.db.selectFrom('result').select(['period', 'note']).where('indicator_id', '=', spare).execute()).toEqual([{ period: '2017', note: 'checked' }]);
  });

  it('deletes an indicator’s results and targets with it, as ON DELETE CASCADE did', async () => {
    const other = { id: await spareIndicator(t, 'SPARE/2') };
    const count = async (table: 'result' | 'target', id: number) =>
      Number((await t.handle.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where('indicator_id', '=', id).executeTakeFirstOrThrow()).n);
    expect(await count('result', other.id)).toBeGreaterThan(0);
    expect(await count('target', other.id)).toBeGreaterThan(0);
    const kept = { result: await count('result', indicatorId), target: await count('target', indicatorId) };
    await t.handle.db.deleteFrom('indicator').where('id', '=', other.id).execute();
    expect(await count('result', other.id)).toBe(0);
    expect(await count('target', other.id)).toBe(0);
    expect({ result: await count('result', indicatorId), target: await count('target', indicatorId) }).toEqual(kept);
  });

  it('a new record another transaction added after the import read the store is a retryable clash, never overwritten', async () => {
    const data = withExtraResult(ref, '7');
    const plan = planImport(data, await loadSnapshot(t.handle.db, snapshotScope(data)));
    expect(plan.changes.filter((c) => c.kind === 'add').map((c) => c.key)).toEqual([`${ref} Mar 2017`]);
    // Meanwhile the same result is added by someone else.
    await sql`insert into result (indicator_id, period, plan_year, status, value, printed) values (${indicatorId}, '2017-03', 2016, 'reported', 5, '5')`.execute(t.handle.db);
    const failure = await inTransaction(t.handle.db, (trx) => applyImportChanges(trx, plan.changes, { actor: 'tester', reason: null }), { attempts: 1 })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AddedMeanwhileError);
    expect(isRetryable(failure)).toBe(true);
    expect((await t.handle.db.selectFrom('result').select('value').where('indicator_id', '=', indicatorId).where('period', '=', '2017-03').executeTakeFirstOrThrow()).value).toBe(5);

    // Through the import service the import runs again, and plans a change of the stored record.
    const outcome = await t.app.imports.importData(data, { actor: 'tester' });
    expect(outcome.ok && outcome.changes.map((c) => `${c.kind} ${c.key}`)).toEqual([`change ${ref} Mar 2017`]);
    const audit = await t.handle.db.selectFrom('audit_event').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: 'import:change', entity_key: `${ref} Mar 2017` });
    expect(audit.before).toMatchObject({ value: 5 });
    expect(audit.after).toMatchObject({ value: 7 });
  });
});

describe.skipIf(!engines().includes('postgres'))('bulk writes with concurrent transactions on PostgreSQL', () => {
  let t: TestDatabase;
  let ref: string;
  let indicatorId: number;

  beforeAll(async () => {
    t = await createTestDatabase('postgres');
    const first = await t.app.imports.importData(council(), { actor: 'tester' });
    if (!first.ok) throw new Error(JSON.stringify(first.errors.slice(0, 3)));
    const row = await t.handle.db.selectFrom('indicator').select(['id', 'ref']).orderBy('id').executeTakeFirstOrThrow();
    ref = row.ref;
    indicatorId = row.id;
  });
  afterAll(async () => t?.dispose());

  /** A transaction of the test's own on a connection of its own: runs `work`, then waits for `release`. */
  const holding = (work: (trx: typeof t.handle.db) => Promise<unknown>) => {
    let release!: () => void;
    let held!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const ready = new Promise<void>((resolve) => (held = resolve));
    const done = inTransaction(
      t.handle.db,
      async (trx) => {
        await work(trx);
        held();
        await released;
      },
      { attempts: 1 },
    );
    return { ready, release, done };
  };

  /** Waits until some connection waits on a lock while running a statement that contains `text`. */
  const waitingOnLock = async (text: string) => {
    for (let i = 0; i < 200; i++) {
      const n = (await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
        where wait_event_type = 'Lock' and position(${text} in query) > 0 and pid <> pg_backend_pid()`.execute(t.handle.db)).rows[0]!.n;
      if (n > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`Nothing waited on a lock running ${text}`);
  };

  it('a result written in an open transaction holds its indicator: deleting the indicator waits, then takes the result with it', async () => {
    const other = { id: await spareIndicator(t, 'SPARE/3') };
    const writer = holding((trx) => sql`insert into result (indicator_id, period, plan_year, status) values (${other.id}, '2030', 2030, 'due')`.execute(trx));
    await writer.ready;
    let deleting: Promise<unknown> | undefined;
    try {
      deleting = t.handle.db.deleteFrom('indicator').where('id', '=', other.id).execute();
      await waitingOnLock('delete from "indicator"');
    } finally {
      writer.release();
    }
    await writer.done;
    await deleting;
    expect(await t.handle.db.selectFrom('result').select('id').where('indicator_id', '=', other.id).execute()).toEqual([]);
    expect(await t.handle.db.selectFrom('target').select('id').where('indicator_id', '=', other.id).execute()).toEqual([]);
  });

  it('an import whose new result another transaction adds meanwhile waits for it, then runs again and changes it', async () => {
    const other = holding((trx) =>
      sql`insert into result (indicator_id, period, plan_year, status, value, printed) values (${indicatorId}, '2017-03', 2016, 'reported', 5, '5')`.execute(trx),
    );
    await other.ready;
    let importing: ReturnType<typeof t.app.imports.importData> | undefined;
    try {
      importing = t.app.imports.importData(withExtraResult(ref, '7'), { actor: 'tester', reason: 'concurrent' });
      await waitingOnLock('insert into "result"');
    } finally {
      other.release();
    }
    await other.done;
    const outcome = await importing;
    expect(outcome.ok && outcome.changes.map((c) => `${c.kind} ${c.key}`)).toEqual([`change ${ref} Mar 2017`]);
    const stored = await t.handle.db.selectFrom('result').select(['value', 'revision']).where('indicator_id', '=', indicatorId).where('period', '=', '2017-03').executeTakeFirstOrThrow();
    expect(stored).toEqual({ value: 7, revision: 2 });
    const audit = await t.handle.db.selectFrom('audit_event').selectAll().where('reason', '=', 'concurrent').execute();
    expect(audit.map((a) => [a.action, a.entity_key, (a.before as { value: number } | null)?.value, (a.after as { value: number }).value])).toEqual([
      ['import:change', `${ref} Mar 2017`, 5, 7],
    ]);
  });
});
