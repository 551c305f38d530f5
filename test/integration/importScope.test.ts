/**
 * Writes read only what they touch (issue 8, item 6): an import reads the part of the stored framework
 * its workbook names (snapshotScope → loadSnapshot), and plans exactly what it would plan against the
 * whole framework — same changes, same errors (published locks, definitions in force, committee names).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSheets, importShape, toRaw } from '../../bench/generate.ts';
import { DEMO_WORKBOOK } from '../../src/app.ts';
import { financialYearOf, periodKey } from '../../src/domain/periods.ts';
import { REFS_PER_STATEMENT, loadSnapshot } from '../../src/repositories/frameworkRepository.ts';
import { planImport, snapshotScope } from '../../src/services/importPlan.ts';
import type { WorkbookData } from '../../src/workbook/model.ts';
import { PANEL_SHEETS } from '../../src/workbook/panelSpecs.ts';
import { readWorkbook } from '../../src/workbook/read.ts';
import { validateWorkbook } from '../../src/workbook/validate.ts';
import { EMPTY_PANELS } from '../../src/workbook/write.ts';
import { createTestDatabase, engines, type TestDatabase } from '../support/db.ts';

const EMPTY = (): WorkbookData => ({ settings: [], committees: [], terms: [], priorities: [], indicators: [], targets: [], results: [], actions: [], panels: EMPTY_PANELS() });

function valid(outcome: ReturnType<typeof validateWorkbook>): WorkbookData {
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors.slice(0, 3)));
  return outcome.data;
}

/** Up to `n` rows spread over the list: first, last and between. */
function sample<T>(rows: T[], n: number): T[] {
  if (rows.length <= n) return rows;
  return Array.from({ length: n }, (_v, i) => rows[Math.round((i * (rows.length - 1)) / (n - 1))]!);
}

/** One workbook per sampled row of every sheet, each holding that row alone. */
function singleRows(data: WorkbookData, n: number): WorkbookData[] {
  const out: WorkbookData[] = [];
  for (const sheet of ['settings', 'committees', 'terms', 'priorities', 'indicators', 'targets', 'results', 'actions'] as const) {
    for (const row of sample<unknown>(data[sheet], n)) out.push({ ...EMPTY(), [sheet]: [row] });
  }
  for (const sheet of PANEL_SHEETS) {
    for (const row of sample(data.panels[sheet], n)) out.push({ ...EMPTY(), panels: { ...EMPTY_PANELS(), [sheet]: [row] } });
  }
  return out;
}

describe.each(engines())('scoped import snapshot on %s', (engine) => {
  let t: TestDatabase;
  let demo: WorkbookData;
  let generated: WorkbookData;

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    demo = valid(validateWorkbook(await readWorkbook(DEMO_WORKBOOK)));
    generated = valid(validateWorkbook(toRaw(generateSheets(importShape(12, 14)))));
    for (const data of [demo, generated]) {
      const outcome = await t.app.imports.importData(data, { actor: 'tester' });
      if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors.slice(0, 3)));
    }
    // Published cycles lock data, definitions, names and plan-year settings.
    const committees = await t.handle.db.selectFrom('committee').select(['id', 'slug']).orderBy('id').execute();
    await t.handle.db
      .insertInto('reporting_cycle')
      .values([
        { committee_id: committees[0]!.id, period: '2018-Q2', status: 'published' },
        { committee_id: committees[0]!.id, period: '2016', status: 'published' },
        { committee_id: committees.at(-1)!.id, period: '2016-Q3', status: 'published' },
      ])
      .execute();
  }, 120_000);
  afterAll(async () => t?.dispose());

  /** The plan against the scoped snapshot is the plan against the whole framework. */
  const expectSamePlan = async (data: WorkbookData) => {
    const whole = planImport(data, await loadSnapshot(t.handle.db));
    const scoped = planImport(data, await loadSnapshot(t.handle.db, snapshotScope(data)));
    expect(scoped).toEqual(whole);
    return scoped;
  };

  it('a one-target write reads that indicator, its committee and that target only', async () => {
    const target = generated.targets.find((x) => x.period.kind === 'quarter')!;
    const data: WorkbookData = { ...EMPTY(), targets: [{ ...target, printed: '99', target: { form: 'value', value: 99 } as typeof target.target }] };
    const snapshot = await loadSnapshot(t.handle.db, snapshotScope(data));
    const whole = await loadSnapshot(t.handle.db);
    const committee = whole.versions.find((v) => v.ref === target.ref)!.committeeId;

    expect(snapshot.indicators.map((i) => i.ref)).toEqual([target.ref]);
    expect(new Set(snapshot.versions.map((v) => v.ref))).toEqual(new Set([target.ref]));
    expect(snapshot.versions).toEqual(whole.versions.filter((v) => v.ref === target.ref));
    expect(snapshot.committees.map((c) => c.id)).toEqual([committee]);
    expect(snapshot.targets.map((x) => `${x.ref} ${x.period}`)).toEqual([`${target.ref} ${periodKey(target.period)}`]);
    expect(snapshot.results).toEqual([]);
    expect(snapshot.benchmarks).toEqual([]);
    expect(snapshot.actions).toEqual([]);
    expect(snapshot.actionUpdates).toEqual([]);
    expect(PANEL_SHEETS.every((s) => snapshot.panels[s].length === 0)).toBe(true);
    expect(snapshot.planYears.map((y) => y.startYear)).toEqual([financialYearOf(target.period)]);
    expect(snapshot.priorities.every((p) => p.committeeId === committee)).toBe(true);
    expect(snapshot.publishedCycles.every((c) => c.committeeId === committee)).toBe(true);
    // …while the whole framework has many more.
    expect(whole.indicators.length).toBeGreaterThan(20);
    expect(whole.committees.length).toBeGreaterThan(5);
    expect(whole.targets.length).toBeGreaterThan(100);

    const plan = await expectSamePlan(data);
    expect(plan.changes.map((c) => `${c.kind} ${c.entity} ${c.key}`)).toHaveLength(1);
  });

  it('plans the same for the full workbooks as against the whole framework', async () => {
    await expectSamePlan(demo);
    await expectSamePlan(generated);
  });

  it('reads the same rows, in the same order, whatever the number of indicators read per statement', async () => {
    const scope = snapshotScope(generated);
    const inOne = await loadSnapshot(t.handle.db, scope, { refsPerStatement: 10_000 });
    expect(inOne.results.length).toBeGreaterThan(100);
    for (const refsPerStatement of [1, 5, REFS_PER_STATEMENT]) expect(await loadSnapshot(t.handle.db, scope, { refsPerStatement })).toEqual(inOne);
  });

  it('plans the same for one-row workbooks of every sheet, stored as they are', async () => {
    for (const data of [...singleRows(demo, 6), ...singleRows(generated, 4)]) await expectSamePlan(data);
  });

  it('plans the same for edits that the published cycles lock, new committees and new outcomes', async () => {
    const edits: WorkbookData[] = [];
    // Changed results and targets, in a published period and elsewhere.
    for (const r of [...demo.results.slice(0, 8), ...sample(generated.results, 8)]) {
      edits.push({ ...EMPTY(), results: [{ ...r, value: (r.value ?? 0) + 1, printed: String((r.value ?? 0) + 1), status: 'reported' }] });
    }
    // Changed definitions (locked by published years), a definition before the first, an unknown ref.
    for (const i of [...demo.indicators.slice(0, 4), ...sample(generated.indicators, 4)]) {
      edits.push({ ...EMPTY(), indicators: [{ ...i, title: `${i.title} (changed)` }] });
      edits.push({ ...EMPTY(), indicators: [{ ...i, fromYear: 2030 }] });
    }
    edits.push({ ...EMPTY(), targets: [{ ...demo.targets[0]!, ref: 'NO/SUCH', printed: '1', target: demo.targets[0]!.target }] });
    edits.push({ ...EMPTY(), targets: [{ ...demo.targets[0]!, period: { kind: 'year', startYear: 2001 } }] });
    // Plan-year settings changed under published cycles.
    for (const s of [...demo.settings, ...generated.settings.slice(0, 2)]) edits.push({ ...EMPTY(), settings: [{ ...s, highRiskFrom: s.highRiskFrom + 1 }] });
    // A committee renamed in a published year; a new committee whose slug a stored one holds (in any case).
    const committee = demo.committees[0]!;
    edits.push({ ...EMPTY(), committees: [{ ...committee, names: [...committee.names, { name: 'Renamed Committee', fromYear: 2016 }] }] });
    edits.push({ ...EMPTY(), committees: [{ names: [{ name: 'COMMITTEE-1!', fromYear: null }], row: 2 }] });
    // Terms of reference from a plan year, of a committee named by a later name.
    edits.push({ ...EMPTY(), terms: [{ committee: committee.names.at(-1)!.name, fromYear: 2019, text: 'New terms', sheet: 'terms_of_reference', row: 2 }] });
    edits.push({ ...EMPTY(), priorities: [{ committee: 'committee 1', priority: 'A new priority', outcome: null, corporateOutcome: demo.priorities[0]?.corporateOutcome ?? 'X', row: 2 }] });
    edits.push({ ...EMPTY(), priorities: [{ ...generated.priorities[0]!, corporateOutcome: 'A new outcome' }] });
    // Key actions and panels changed in a published period.
    for (const a of demo.actions.slice(0, 4)) edits.push({ ...EMPTY(), actions: [{ ...a, commentary: 'changed' }] });
    for (const sheet of PANEL_SHEETS) {
      const row = demo.panels[sheet][0];
      if (row) edits.push({ ...EMPTY(), panels: { ...EMPTY_PANELS(), [sheet]: [{ ...row, values: { ...row.values } }] } });
    }
    let errors = 0;
    for (const data of edits) errors += (await expectSamePlan(data)).errors.length;
    expect(errors).toBeGreaterThan(5);
  });
});
