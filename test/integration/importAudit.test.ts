/**
 * Bulk import writes (src/repositories/bulk.ts, importWriter.ts): new targets and results get their
 * audit events from the insert statement itself. Every change must still have exactly one audit event
 * holding what `JSON.stringify` of the change stored before: same key, action, before and after.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateSheets, importShape, toRaw } from '../../bench/generate.ts';
import type { Change } from '../../src/services/importPlan.ts';
import { validateWorkbook } from '../../src/workbook/validate.ts';
import type { WorkbookData } from '../../src/workbook/model.ts';
import { arrayLiteral } from '../../src/repositories/bulk.ts';
import { createTestDatabase, engines, type TestDatabase } from '../support/db.ts';

/** A small generated council (every kind of result cell) plus results whose text needs escaping. */
function council(edit: (sheets: ReturnType<typeof generateSheets>) => void = () => undefined): WorkbookData {
  const sheets = generateSheets(importShape(12, 14));
  const ref = sheets.results[0]!.ref!;
  sheets.results.push(
    { ref, period: 'Jun 2017', value: '0.30000000000000004', commentary: 'Quote " backslash \\ comma, {brace} NULL' },
    { ref, period: 'Jul 2017', value: '1.5e-7', commentary: 'ünïcödé “curly” 🙂\nsecond line', intervention: '"' },
    { ref, period: 'Aug 2017', value: '-0.5', commentary: 'NULL', note: '\\' },
  );
  edit(sheets);
  const outcome = validateWorkbook(toRaw(sheets));
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors.slice(0, 3)));
  return outcome.data;
}

describe.each(engines())('import audit events on %s', (engine) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await createTestDatabase(engine);
  });
  afterEach(async () => t.dispose());

  /** Stable JSON with sorted keys (jsonb does not keep key order). */
  const canonical = (value: unknown): string =>
    JSON.stringify(value, (_k, v: unknown) =>
      v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
    );

  /** The last `changes.length` audit events are exactly the events of `changes`, in any order. */
  const expectAudited = async (changes: Change[], reason: string | null) => {
    const rows = await t.handle.db.selectFrom('audit_event').selectAll().orderBy('id').execute();
    expect(rows.length).toBeGreaterThanOrEqual(changes.length);
    const stored = rows
      .slice(rows.length - changes.length)
      .map((r) => canonical({ entity: r.entity, key: r.entity_key, action: r.action, actor: r.actor, reason: r.reason, before: r.before, after: r.after }))
      .sort();
    const expected = changes
      .map((c) =>
        canonical({
          entity: c.entity,
          key: c.key,
          action: c.kind === 'add' ? 'import:add' : 'import:change',
          actor: 'tester',
          reason,
          before: c.before === null ? null : JSON.parse(JSON.stringify(c.before)),
          after: JSON.parse(JSON.stringify(c.after)),
        }),
      )
      .sort();
    expect(stored).toEqual(expected);
  };

  it('one audit event per added and per changed record, with the same before and after as JSON.stringify', async () => {
    const first = await t.app.imports.importData(council(), { actor: 'tester', reason: 'first load' });
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(first.changes.filter((c) => c.entity === 'result').length).toBeGreaterThan(100);
    await expectAudited(first.changes, 'first load');
    const stored = await t.handle.db.selectFrom('result').select(['value', 'commentary']).where('period', '=', '2017-06').executeTakeFirstOrThrow();
    expect(stored).toEqual({ value: 0.30000000000000004, commentary: 'Quote " backslash \\ comma, {brace} NULL' });

    // Change some results and targets, add one more: changes keep their before, adds get after only.
    const second = await t.app.imports.importData(
      council((sheets) => {
        sheets.results[1]!.value = '12345';
        sheets.results[2]!.commentary = 'Changed "again"';
        sheets.targets[0]!.target = 'Monitor';
        sheets.results.push({ ref: sheets.results[0]!.ref!, period: 'Sep 2017', value: '7' });
      }),
      { actor: 'tester', reason: null },
    );
    expect(second.ok).toBe(true);
    if (!second.ok) return;
    expect(second.changes.map((c) => `${c.kind} ${c.entity}`).sort()).toEqual(['add result', 'change result', 'change result', 'change target']);
    await expectAudited(second.changes, null);

    // Nothing changed: nothing written, not even audit events.
    const before = await t.handle.db.selectFrom('audit_event').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const third = await t.app.imports.importData(
      council((sheets) => {
        sheets.results[1]!.value = '12345';
        sheets.results[2]!.commentary = 'Changed "again"';
        sheets.targets[0]!.target = 'Monitor';
        sheets.results.push({ ref: sheets.results[0]!.ref!, period: 'Sep 2017', value: '7' });
      }),
      { actor: 'tester' },
    );
    expect(third.ok && third.changes.length).toBe(0);
    const after = await t.handle.db.selectFrom('audit_event').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});

describe('arrayLiteral', () => {
  it('quotes text, escapes quotes and backslashes, writes NULL and numbers bare, JSON when asked', () => {
    expect(arrayLiteral([1, 2.5, null, undefined, -0])).toBe('{1,2.5,NULL,NULL,0}');
    expect(arrayLiteral(['a', 'b c', 'NULL', 'q"q', 'b\\s', ''])).toBe('{"a","b c","NULL","q\\"q","b\\\\s",""}');
    expect(arrayLiteral([{ a: 'x"y' }, null, 5], 0, 3, true)).toBe('{"{\\"a\\":\\"x\\\\\\"y\\"}",NULL,"5"}');
    expect(arrayLiteral(['a', 'b', 'c', 'd'], 1, 3)).toBe('{"b","c"}');
    expect(() => arrayLiteral([Infinity])).toThrow(/non-finite/);
  });
});
