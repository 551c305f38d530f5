/**
 * The committee report's reads, made quicker (issue 10, deliver 7; ADR 0015), against what they must
 * return: the definitions in force (one statement, each row as JSON, sorted in code) against a plain
 * reading of the rule over every stored version; one committee period's panels (one statement for the
 * eight tables) against the panels read table by table.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSheets, importShape, toRaw } from '../../bench/generate.ts';
import { DEMO_WORKBOOK } from '../../src/app.ts';
import { loadPanels } from '../../src/repositories/panelRepository.ts';
import { ReportRepository } from '../../src/repositories/reportRepository.ts';
import { PANEL_SHEETS } from '../../src/workbook/panelSpecs.ts';
import { validateWorkbook } from '../../src/workbook/validate.ts';
import { createTestDatabase, engines, type TestDatabase } from '../support/db.ts';

describe.each(engines())('committee report reads on %s', (engine) => {
  let t: TestDatabase;
  let repo: ReportRepository;
  /** The committee of the indicators that start late or have a lower-case ref. */
  let lateCommittee: string;

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    repo = new ReportRepository(t.handle.db);
    // A generated council over three plan years, some definitions revised from the middle one; then
    // indicators that move committee, start late, or are defined from the start only.
    const sheets = generateSheets(importShape(30, 36));
    const [first, second, third] = sheets.indicators.filter((i) => !i.plan_year).slice(0, 3);
    sheets.indicators.push({ ...first!, plan_year: '2017/18', committee: 'Committee 2', priority: 'Priority 1', title: `${first!.title} (moved)` });
    sheets.indicators.push({ ...second!, plan_year: '2018/19', committee: 'Committee 3', priority: 'Priority 2', title: `${second!.title} (moved later)` });
    lateCommittee = third!.committee!;
    sheets.indicators.push({ ...third!, ref: 'ZZ/late', plan_year: '2018/19', title: 'Starts in 2018/19' });
    sheets.indicators.push({ ...third!, ref: 'aa/lower', title: 'A ref in lower case' });
    const outcome = validateWorkbook(toRaw(sheets));
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors.slice(0, 3)));
    const imported = await t.app.imports.importData(outcome.data, { actor: 'tester' });
    if (!imported.ok) throw new Error(JSON.stringify(imported.errors.slice(0, 3)));
    const demo = await t.app.imports.importFile(DEMO_WORKBOOK);
    if (!demo.ok) throw new Error(JSON.stringify(demo.errors.slice(0, 3)));
  });
  afterAll(async () => t?.dispose());

  it('reads the definition in force of every indicator of a committee in a plan year, by priority then ref', async () => {
    const versions = await t.handle.db
      .selectFrom('indicator_version as v')
      .innerJoin('indicator as i', 'i.id', 'v.indicator_id')
      .innerJoin('committee_priority as p', 'p.id', 'v.priority_id')
      .selectAll('v')
      .select(['i.ref', 'p.name as priority', 'p.outcome as priority_outcome'])
      .execute();
    const committees = await t.handle.db.selectFrom('committee').select('id').execute();
    let checked = 0;
    for (const { id: committeeId } of committees) {
      for (const year of [2015, 2016, 2017, 2018, 2019]) {
        // The rule, plainly: per indicator, the version with the latest from_year up to the year (none
        // counts as from the start); it is the committee's when that version names the committee.
        const latest = new Map<number, (typeof versions)[number]>();
        for (const v of versions) {
          if ((v.from_year ?? 0) > year) continue;
          const held = latest.get(v.indicator_id);
          if (!held || (v.from_year ?? 0) > (held.from_year ?? 0)) latest.set(v.indicator_id, v);
        }
        const expected = [...latest.values()]
          .filter((v) => v.committee_id === committeeId)
          .sort((a, b) => a.priority_id - b.priority_id || (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0))
          .map((v) => ({
            indicatorId: v.indicator_id,
            fromYear: v.from_year,
            title: v.title,
            committeeId: v.committee_id,
            priorityId: v.priority_id,
            type: v.type,
            polarity: v.polarity,
            unit: v.unit,
            frequency: v.frequency,
            basis: v.basis,
            source: v.source,
            tolerance: v.tolerance,
            definition: v.definition,
            measuredAgainst: v.measured_against,
            owner: v.owner,
            footnote: v.footnote,
            ref: v.ref,
            priority: v.priority,
            priorityOutcome: v.priority_outcome,
          }));
        const read = await repo.indicatorsInForce(committeeId, year);
        expect(read).toStrictEqual(expected);
        checked += read.length;
      }
    }
    expect(checked).toBeGreaterThan(100);
    // The cases built above are among them.
    const titles = async (committee: string, year: number) => {
      const c = (await repo.findCommittee(committee))!;
      return (await repo.indicatorsInForce(c.id, year)).map((i) => i.title);
    };
    expect((await titles('Committee 2', 2017)).some((title) => title.endsWith('(moved)'))).toBe(true);
    expect((await titles('Committee 1', 2016)).some((title) => title.endsWith('(moved)'))).toBe(false);
    expect(await titles(lateCommittee, 2017)).not.toContain('Starts in 2018/19');
    expect(await titles(lateCommittee, 2018)).toContain('Starts in 2018/19');
    // Code-point order: upper-case refs before lower-case ones within a priority.
    const refs = (await repo.indicatorsInForce((await repo.findCommittee(lateCommittee))!.id, 2018)).map((i) => i.ref);
    expect(refs.indexOf('aa/lower')).toBeGreaterThan(refs.indexOf('ZZ/late'));
  });

  it('reads one committee period’s panels in one statement exactly as table by table', async () => {
    const all = await loadPanels(t.handle.db);
    const periods = new Set<string>();
    for (const sheet of PANEL_SHEETS) for (const row of all[sheet]) periods.add(`${row.committeeId}|${row.period}`);
    expect(periods.size).toBeGreaterThan(0);
    // Every period with panel rows, and one without any.
    for (const cycle of [...periods, `${[...periods][0]!.split('|')[0]}|2099`]) {
      const [committeeId, period] = [Number(cycle.split('|')[0]), cycle.split('|')[1]!];
      const read = await repo.panels(committeeId, period);
      for (const sheet of PANEL_SHEETS) {
        expect(read[sheet]).toStrictEqual(all[sheet].filter((r) => r.committeeId === committeeId && r.period === period));
      }
    }
  });
});
