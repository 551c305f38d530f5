/**
 * Rating by significance (issue 13 deliver 4, ADR 0019) on both engines: the plan year's survey_rating
 * setting and the results' numerator and denominator are imported, checked all-or-nothing with located
 * errors, exported and re-imported unchanged; a plan year that chooses significance rates a survey
 * result by its confidence interval and its report's key says so; a plan year on tolerance rates as before.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, engines, type TestDatabase } from '../support/db.ts';
import { indicatorRow, smallCouncil, writeCsvWorkbook, type Sheets } from '../support/workbook.ts';

const temps: string[] = [];
afterAll(async () => {
  await Promise.all(temps.map((d) => rm(d, { recursive: true, force: true })));
});
async function csv(sheets: Sheets) {
  const dir = await writeCsvWorkbook(sheets);
  temps.push(dir);
  return dir;
}

/** The small council with a survey indicator (±4.4 tolerance), 2017/18 rated by significance at 95%. */
function surveyCouncil(): Sheets {
  const s = smallCouncil();
  return {
    ...s,
    settings: [s.settings![0]!, { ...s.settings![1]!, survey_rating: 'significance 95%' }],
    indicators: [indicatorRow({ tolerance: '4.4' }), ...s.indicators!.slice(1)],
    targets: s.targets!.map((t) => (t.ref === 'T/1' && t.period === '2017/18' ? { ...t, target: '90%' } : t)),
    results: s.results!.map((r) =>
      r.ref === 'T/1' ? { ...r, numerator: r.period === '2017/18' ? '430' : '390', denominator: '500' } : { ...r, numerator: '', denominator: '' },
    ),
  };
}

describe.each(engines())('significance on %s', (engine) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await createTestDatabase(engine);
  });
  afterEach(async () => t.dispose());

  it('rates a survey result by its interval when the plan year chooses significance, and the key says so', async () => {
    const outcome = await t.app.imports.importFile(await csv(surveyCouncil()));
    expect(outcome.ok ? [] : outcome.errors).toEqual([]);
    const stored = await t.handle.db.selectFrom('plan_year').select(['start_year', 'significance_level']).orderBy('start_year').execute();
    expect(stored).toEqual([
      { start_year: 2016, significance_level: null },
      { start_year: 2017, significance_level: 95 },
    ]);

    const report = await t.app.reports.performanceReport({ committee: 'Test Committee', period: '2017/18' });
    const i = report.indicators.find((x) => x.ref === 'T/1')!;
    // 430 of 500 = 86%: 95% interval 82.7%–88.8%, wholly below the 90% target: worse; 4.4% off target = Amber
    // (by the ±4.4 tolerance it would be Green).
    expect(i.rating.value).toBe('A');
    expect(i.rating.reason.text).toMatch(/^Rated by significance \(Wilson score interval, significance against target\): 95% confidence interval 82\.7%–88\.8% is wholly below the target 90\.0%: worse/);
    expect(i.significanceLevel).toBe(95);
    expect(report.method.ratingBasis).toMatchObject({ kind: 'significance', level: 95 });
    expect(report.method.ratingBasis!.text).toContain('Rated by statistical significance at 95% confidence');

    // 2016/17 keeps the tolerance: 78% against 80% is rated by method B as before.
    const before = await t.app.reports.performanceReport({ committee: 'Test Committee', period: '2016/17' });
    const b = before.indicators.find((x) => x.ref === 'T/1')!;
    expect(b.rating.reason.text).not.toContain('significance');
    expect(before.method.ratingBasis).toMatchObject({ kind: 'tolerance', level: null });
  });

  it('exports the setting and the counts, and the export imports back with no change', async () => {
    expect((await t.app.imports.importFile(await csv(surveyCouncil()))).ok).toBe(true);
    const dir = await mkdtemp(join(tmpdir(), 'townhall-sig-export-'));
    temps.push(dir);
    const path = join(dir, 'export');
    await t.app.exports.exportTo(path, 'csv');
    const settings = await readFile(join(path, 'settings.csv'), 'utf8');
    expect(settings).toContain('significance 95%');
    const results = await readFile(join(path, 'results.csv'), 'utf8');
    expect(results).toMatch(/,430,500,/);
    const again = await t.app.imports.importFile(path);
    expect(again.ok ? again.changes.map((c) => `${c.kind} ${c.entity} ${c.key}`) : again.errors).toEqual([]);
  });

  it('a change of the plan year from the admin form keeps its significance level', async () => {
    expect((await t.app.imports.importFile(await csv(surveyCouncil()))).ok).toBe(true);
    const stored = (await t.app.framework.planYears()).find((y) => y.startYear === 2017)!;
    expect(stored.significanceLevel).toBe(95);
    const input = {
      plan_year: '2017/18', rag_method: 'variance', formula: '', green_from: '', green_amber_from: '', red_amber_from: '',
      red_from: '12', high_risk_from: '15', directional_targets: 'monitor', reason: 'Red from 12%',
    };
    const outcome = await t.app.framework.savePlanYear('change', input, { label: 'admin@example.org' }, stored);
    expect(outcome.ok).toBe(true);
    const after = (await t.app.framework.planYears()).find((y) => y.startYear === 2017)!;
    expect(after).toMatchObject({ method: { kind: 'variance', redFrom: 12 }, significanceLevel: 95 });
  });

  it('never rewrites a published version: the setting of a plan year with published reports is locked', async () => {
    const tolerance = surveyCouncil();
    tolerance.settings = [tolerance.settings![0]!, { ...tolerance.settings![1]!, survey_rating: '' }];
    expect((await t.app.imports.importFile(await csv(tolerance))).ok).toBe(true);
    const committee = (await t.handle.db.selectFrom('committee').select('id').executeTakeFirstOrThrow()).id;
    await t.app.publication.setStatus(committee, '2017-Q2', 'published', 'tester', 'Q2 report published');
    const refused = await t.app.imports.importFile(await csv(surveyCouncil()));
    expect(refused.ok ? [] : refused.errors.map((e) => [e.sheet, e.row, e.column])).toEqual([['settings', 3, 'rag_method']]);
    expect(refused.ok ? '' : refused.errors[0]!.message).toMatch(/^The 2017\/18 rating method, survey rating, directional targets or high-level risk score would change published reports/);
    const stored = await t.handle.db.selectFrom('plan_year').select('significance_level').where('start_year', '=', 2017).executeTakeFirstOrThrow();
    expect(stored.significance_level).toBeNull();
  });

  it('refuses a bad setting and counts that are not the value, all at once, writing nothing', async () => {
    const bad = surveyCouncil();
    bad.settings = [bad.settings![0]!, { ...bad.settings![1]!, survey_rating: 'significance 90%' }];
    bad.results = bad.results!.map((r) => (r.ref === 'T/1' && r.period === '2017/18' ? { ...r, numerator: '400' } : r));
    const outcome = await t.app.imports.importFile(await csv(bad));
    expect(outcome.ok).toBe(false);
    const errors = outcome.ok ? [] : outcome.errors.map((e) => [e.sheet, e.row, e.column, e.value]);
    expect(errors).toEqual([
      ['settings', 3, 'survey_rating', 'significance 90%'],
      ['results', 3, 'numerator', '400'],
    ]);
    const n = await t.handle.db.selectFrom('plan_year').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(0);
  });
});
