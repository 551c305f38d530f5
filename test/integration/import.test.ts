/**
 * Import against a real database: all-or-nothing, every error named by sheet/row/column/value,
 * dry runs that write nothing, idempotent re-imports, versioned definitions, audit, export round trip.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_WORKBOOK } from '../../src/app.ts';
import { validateWorkbook } from '../../src/workbook/validate.ts';
import { readWorkbook } from '../../src/workbook/read.ts';
import { createTestDatabase, engines, type TestDatabase } from '../support/db.ts';
import { indicatorRow, smallCouncil, writeCsvWorkbook } from '../support/workbook.ts';

const temps: string[] = [];
afterAll(async () => {
  await Promise.all(temps.map((d) => rm(d, { recursive: true, force: true })));
});
async function csv(sheets: Parameters<typeof writeCsvWorkbook>[0]) {
  const dir = await writeCsvWorkbook(sheets);
  temps.push(dir);
  return dir;
}

describe.each(engines())('import on %s', (engine) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await createTestDatabase(engine);
  });
  afterEach(async () => t.dispose());

  const count = async (table: 'result' | 'target' | 'indicator' | 'audit_event' | 'plan_year' | 'council') =>
    Number((await t.handle.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  it('imports a small council and rates from it', async () => {
    const outcome = await t.app.imports.importFile(await csv(smallCouncil()));
    expect(outcome.ok).toBe(true);
    expect(await count('result')).toBe(4);
    const report = await t.app.reports.performanceReport({ committee: 'Test Committee', period: '2016/17' });
    const i = report.indicators.find((x) => x.ref === 'T/1')!;
    // 78 ÷ 80 = 97.5% achieved: Green Amber under method B.
    expect(i.rating.value).toBe('GA');
    expect(i.rating.reason.text).toContain('97.5%');
    const q2 = await t.app.reports.performanceReport({ committee: 'Test Committee', period: 'Q2 2017/18' });
    const t2 = q2.indicators.find((x) => x.ref === 'T/2')!;
    // Smaller is Better, 95 against an annual target of 100: on target; short term improved from 120.
    expect(t2.rating.value).toBe('G');
    expect(t2.direction.shortTerm.status).toBe('improving');
    expect(t2.target?.period).toBe('2017/18');
  });

  it('reports every error of a file at once with sheet, row, column and value, and writes nothing', async () => {
    const sheets = smallCouncil();
    sheets.indicators![1] = indicatorRow({ ref: 'T/2', polarity: 'Biggest is Best', unit: 'furlongs' });
    sheets.targets!.push({ ref: 'T/9', period: '2016/17', target: '50%' });
    sheets.results![0]!.period = 'Q5 2016/17';
    const outcome = await t.app.imports.importFile(await csv(sheets));
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    const where = outcome.errors.map((e) => [e.sheet, e.row, e.column, e.value]);
    expect(where).toEqual(
      expect.arrayContaining([
        ['indicators', 3, 'polarity', 'Biggest is Best'],
        ['indicators', 3, 'unit', 'furlongs'],
        ['results', 2, 'period', 'Q5 2016/17'],
      ]),
    );
    expect(await count('indicator')).toBe(0);
    expect(await count('council')).toBe(0);
  });

  it('rejects references the file and the database cannot resolve, writing nothing', async () => {
    const sheets = smallCouncil();
    sheets.targets!.push({ ref: 'T/9', period: '2016/17', target: '50%' });
    sheets.results!.push({ ref: 'T/1', period: '2019/20', value: '1%', data_period: '', status: '', commentary: '' });
    const outcome = await t.app.imports.importFile(await csv(sheets));
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ sheet: 'targets', row: 5, column: 'ref', value: 'T/9' }),
        expect.objectContaining({ sheet: 'results', row: 6, column: 'period', value: '2019/20' }),
      ]),
    );
    expect(await count('plan_year')).toBe(0);
  });

  it('rolls back everything when the database refuses part of an import', async () => {
    const raw = await readWorkbook(await csv(smallCouncil()));
    const validated = validateWorkbook(raw);
    if (!validated.ok) throw new Error('fixture invalid');
    // A value the database refuses (bypassing validation) late in the write order.
    validated.data.actions[0]!.rag = 'purple' as never;
    await expect(t.app.imports.importData(validated.data)).rejects.toThrow();
    expect(await count('council')).toBe(0);
    expect(await count('plan_year')).toBe(0);
    expect(await count('result')).toBe(0);
    expect(await count('audit_event')).toBe(0);
  });

  it('lists changes in a dry run without writing, then changes only what differs', async () => {
    await t.app.imports.importFile(await csv(smallCouncil()));
    const changed = smallCouncil();
    changed.results![1]!.value = '88%';
    changed.targets!.push({ ref: 'T/2', period: 'Q3 2017/18', target: '90' });
    const dir = await csv(changed);
    const dry = await t.app.imports.importFile(dir, { dryRun: true });
    expect(dry.ok && dry.changes.map((c) => `${c.kind} ${c.entity} ${c.key}`)).toEqual(['add target T/2 Q3 2017/18', 'change result T/1 2017/18']);
    expect(await count('target')).toBe(3);
    const real = await t.app.imports.importFile(dir, { actor: 'tester', reason: 'Q3 refresh' });
    expect(real.ok && real.changes.length).toBe(2);
    const audit = await t.handle.db.selectFrom('audit_event').selectAll().where('entity_key', '=', 'T/1 2017/18').orderBy('id').execute();
    const last = audit.at(-1)!;
    expect(last).toMatchObject({ actor: 'tester', action: 'import:change', entity: 'result', reason: 'Q3 refresh' });
    expect(last.before).toMatchObject({ value: 86 });
    expect(last.after).toMatchObject({ value: 88 });
    const again = await t.app.imports.importFile(dir);
    expect(again.ok && again.changes.length).toBe(0);
  });

  it('refuses to change the data of a published period until it is reopened', async () => {
    const dir = await csv(smallCouncil());
    await t.app.imports.importFile(dir);
    const committee = (await t.handle.db.selectFrom('committee').select('id').executeTakeFirstOrThrow()).id;
    await t.app.publication.setStatus(committee, '2017-Q2', 'published', 'tester', 'Q2 report published');
    // Re-importing what is already stored is no change, so it is allowed.
    const same = await t.app.imports.importFile(dir);
    expect(same.ok && same.changes.length).toBe(0);
    const changed = smallCouncil();
    changed.results![3]!.value = '97';
    changed.results![2]!.value = '121';
    const refused = await t.app.imports.importFile(await csv(changed));
    expect(refused.ok ? [] : refused.errors.map((e) => [e.sheet, e.row, e.column, e.message])).toEqual([
      ['results', 5, 'period', 'Test Committee Q2 2017/18 is published, so its data are locked: reopen it (with a reason) before changing them'],
    ]);
    expect((await t.handle.db.selectFrom('result').select('value').where('period', '=', '2017-Q1').executeTakeFirstOrThrow()).value).toBe(120);
    await t.app.publication.setStatus(committee, '2017-Q2', 'open', 'tester', 'correction to Q2');
    const allowed = await t.app.imports.importFile(await csv(changed));
    expect(allowed.ok && allowed.changes.length).toBe(2);
  });

  it('refuses to change what a published report prints — its rating method, a definition, the committee’s name — except from a later plan year', async () => {
    await t.app.imports.importFile(await csv(smallCouncil()));
    const committee = (await t.handle.db.selectFrom('committee').select('id').executeTakeFirstOrThrow()).id;
    await t.app.publication.setStatus(committee, '2017-Q2', 'published', 'tester', 'Q2 report published');
    const changed = smallCouncil();
    changed.settings![1]!.red_from = '15';
    changed.indicators![1]!.title = 'Repeat referrals (all)';
    changed.committees = [{ committee: 'Test Committee', name: 'Test and Renamed Committee', from_plan_year: '2017/18' }];
    const refused = await t.app.imports.importFile(await csv(changed));
    const locked = 'would change published reports (Test Committee Q2 2017/18): reopen them (with a reason) first, or make the change from a later plan year';
    expect(refused.ok ? [] : refused.errors.map((e) => [e.sheet, e.row, e.column, e.message])).toEqual([
      ['settings', 3, 'rag_method', `The 2017/18 rating method, survey rating, directional targets or high-level risk score ${locked}`],
      ['committees', 2, 'from_plan_year', `This committee name ${locked}`],
      ['indicators', 3, 'plan_year', `This definition of T/2 ${locked}`],
    ]);
    expect((await t.handle.db.selectFrom('indicator_version').select('title').where('title', '=', 'Repeat referrals (all)').execute()).length).toBe(0);

    // From a plan year with nothing published: a new method, a new version of T/2 and the new name.
    const later = smallCouncil();
    later.settings!.push({ plan_year: '2018/19', rag_method: 'variance', red_from: '15', directional_targets: 'monitor' });
    later.indicators!.push(indicatorRow({ ref: 'T/2', plan_year: '2018/19', title: 'Repeat referrals (all)', polarity: 'Smaller is Better', unit: 'number', frequency: 'quarterly' }));
    later.committees = [{ committee: 'Test Committee', name: 'Test and Renamed Committee', from_plan_year: '2018/19' }];
    const allowed = await t.app.imports.importFile(await csv(later));
    expect(allowed.ok ? allowed.changes.map((c) => `${c.kind} ${c.entity}`).sort() : allowed.errors).toEqual(['add indicator_version', 'add plan_year', 'change committee']);
    const q2 = await t.app.reports.performanceReport({ committee: 'Test Committee', period: 'Q2 2017/18' });
    expect([q2.committee.name, q2.indicators.find((i) => i.ref === 'T/2')!.title]).toEqual(['Test Committee', 'Repeat referrals']);

    // Reopened, the period may change again.
    await t.app.publication.setStatus(committee, '2017-Q2', 'open', 'tester', 'correction to the 2017/18 method');
    const settings = smallCouncil();
    settings.settings![1]!.red_from = '15';
    settings.settings!.push(later.settings![2]!);
    expect((await t.app.imports.importFile(await csv(settings))).ok).toBe(true);
  });

  it('refuses a committees row that gives a stored committee’s name to another committee, instead of failing at the database', async () => {
    const first = smallCouncil();
    first.committees = [{ committee: 'Test Committee', name: 'Renamed Committee', from_plan_year: '2017/18' }];
    expect((await t.app.imports.importFile(await csv(first))).ok).toBe(true);
    const before = await count('audit_event');
    // The fuzz test's case: an unknown key with the stored committee's later name.
    const clash = smallCouncil();
    clash.committees = [{ committee: 'NaN', name: 'Renamed Committee', from_plan_year: '2017/18' }];
    const refused = await t.app.imports.importFile(await csv(clash));
    expect(refused.ok ? [] : refused.errors.map((e) => [e.sheet, e.row, e.column])).toEqual([['committees', 2, 'from_plan_year']]);
    expect(refused.ok ? '' : refused.errors[0]!.message).toContain('two names from the same plan year');
    // Names of two different committees on one row.
    const two = smallCouncil();
    two.committees = [{ committee: 'Other Committee', name: '', from_plan_year: '' }, { committee: 'Test Committee', name: 'Other Committee', from_plan_year: '2018/19' }];
    const refusedTwo = await t.app.imports.importFile(await csv(two));
    expect(refusedTwo.ok).toBe(false);
    expect(await count('audit_event')).toBe(before);
  });

  it('gives a committee whose name has no letters or digits a slug, instead of failing in the writer (the fuzz test\'s "]]>")', async () => {
    const sheets = smallCouncil();
    sheets.terms_of_reference = [{ committee: ']]>', from_plan_year: '', terms_of_reference: 'Odd, but a name.' }];
    const outcome = await t.app.imports.importFile(await csv(sheets));
    expect(outcome.ok).toBe(true);
    const again = await t.app.imports.importFile(await csv(sheets));
    expect(again.ok && again.changes).toEqual([]);
    const committee = (await t.app.framework.committees()).find((c) => c.names[0]!.name === ']]>')!;
    expect([committee.slug, committee.terms]).toEqual(['committee', [{ fromYear: null, text: 'Odd, but a name.' }]]);
  });

  it('never serves a cached report after the data changed', async () => {
    await t.app.imports.importFile(await csv(smallCouncil()));
    const before = await t.app.reports.performanceReport({ committee: 'Test Committee', period: '2017/18' });
    before.indicators.length = 0; // a caller's copy: changing it changes nothing else
    const again = await t.app.reports.performanceReport({ committee: 'Test Committee', period: '2017/18' });
    expect(again.indicators.find((i) => i.ref === 'T/1')!.result!.value).toBe(86);
    const changed = smallCouncil();
    changed.results![1]!.value = '70%';
    await t.app.imports.importFile(await csv(changed));
    const after = await t.app.reports.performanceReport({ committee: 'Test Committee', period: '2017/18' });
    expect(after.indicators.find((i) => i.ref === 'T/1')!.result!.value).toBe(70);
    // A change made by SQL outside Townhall's services also moves the version on.
    await t.handle.db.updateTable('result').set({ value: 71 }).where('period', '=', '2017').execute();
    const direct = await t.app.reports.performanceReport({ committee: 'Test Committee', period: '2017/18' });
    expect(direct.indicators.find((i) => i.ref === 'T/1')!.result!.value).toBe(71);
  });

  it('keeps past years when a definition changes in a later plan year', async () => {
    await t.app.imports.importFile(await csv(smallCouncil()));
    const next = smallCouncil();
    next.indicators!.push(indicatorRow({ plan_year: '2017/18', title: 'Residents satisfied with their neighbourhood', priority: 'Thriving places' }));
    await t.app.imports.importFile(await csv(next));
    const y1 = await t.app.reports.performanceReport({ committee: 'Test Committee', period: '2016/17' });
    const y2 = await t.app.reports.performanceReport({ committee: 'Test Committee', period: '2017/18' });
    expect(y1.indicators.find((i) => i.ref === 'T/1')!.title).toBe('Residents satisfied with the area');
    expect(y1.indicators.find((i) => i.ref === 'T/1')!.priority).toBe('Strong communities');
    expect(y2.indicators.find((i) => i.ref === 'T/1')!.title).toBe('Residents satisfied with their neighbourhood');
    expect(y2.indicators.find((i) => i.ref === 'T/1')!.priority).toBe('Thriving places');
  });

  it('stores priorities with their outcomes and corporate outcome, and a result basis differing from its indicator', async () => {
    const sheets = smallCouncil();
    sheets.priorities = [
      { committee: 'Test Committee', priority: 'Strong communities', outcome: 'Residents take part in local life', corporate_outcome: 'Community resilience' },
    ];
    sheets.results![2]!.value = '120 (c)';
    const outcome = await t.app.imports.importFile(await csv(sheets));
    expect(outcome.ok && outcome.changes.filter((c) => c.entity === 'corporate_outcome').map((c) => c.key)).toEqual(['Community resilience']);
    const report = await t.app.reports.performanceReport({ committee: 'Test Committee', period: 'Q1 2017/18' });
    expect(report.priorities.find((p) => p.name === 'Strong communities')?.outcome).toBe('Residents take part in local life');
    const t2 = report.indicators.find((i) => i.ref === 'T/2')!;
    expect([t2.basis, t2.basisMarker]).toEqual(['cumulative', '(c)']);
    const again = await t.app.imports.importFile(await csv(sheets));
    expect(again.ok && again.changes.length).toBe(0);
  });

  it('imports the panels and names bad panel cells by sheet, row and column', async () => {
    const sheets = smallCouncil();
    const at = { committee: 'Test Committee', period: 'Q2 2017/18' };
    sheets.revenue = [{ ...at, service: 'Communities', revised_budget: '1,000', forecast: '1,050', reserve_movements: '(20)' }];
    sheets.customer = [{ ...at, kind: 'FOI requests', received: '40', on_time: '38' }];
    sheets.narrative = [
      { ...at, kind: 'Key success', text: 'Hub opened' },
      { ...at, kind: 'challenge', text: 'Recruitment', action_required: 'Advertise again' },
      { ...at, kind: 'success', text: 'Volunteers up' },
    ];
    const ok = await t.app.imports.importFile(await csv(sheets));
    expect(ok.ok).toBe(true);
    const report = await t.app.reports.performanceReport({ committee: 'Test Committee', period: 'Q2 2017/18' });
    expect(report.panels.revenue!.lines[0]).toMatchObject({ variance: 50, reserveMovements: -20, forecastAfterReserves: 1030, varianceAfterReserves: 30 });
    expect(report.panels.customer).toEqual([{ kind: 'foi', received: 40, onTime: 38, onTimePercent: 95 }]);
    expect(report.panels.narrative.success.map((n) => n.text)).toEqual(['Hub opened', 'Volunteers up']);
    expect(report.panels.narrative.challenge).toEqual([{ text: 'Recruitment', actionRequired: 'Advertise again' }]);
    // The revenue forecast is adverse, so the priority is Amber.
    expect(report.priorityStatuses.find((p) => p.priority === 'Strong communities')?.reasons.join()).toContain('revenue forecast adverse');

    const bad = smallCouncil();
    bad.risks = [{ ...at, risk_ref: 'R1', title: 'Funding', kind: 'strategic', residual_likelihood: '3', residual_impact: '5', residual_score: '12' }];
    bad.customer = [{ ...at, kind: 'complaints', received: '5', on_time: '6' }];
    const outcome = await t.app.imports.importFile(await csv(bad));
    expect(outcome.ok ? [] : outcome.errors.map((e) => [e.sheet, e.row, e.column])).toEqual([
      ['risks', 2, 'residual_score'],
      ['customer', 2, 'on_time'],
    ]);
  });

  it.each(['xlsx', 'csv'] as const)('round-trips the demo council through an %s export', async (format) => {
    const first = await t.app.imports.importFile(DEMO_WORKBOOK);
    expect(first.ok).toBe(true);
    const dir = await mkdtemp(join(tmpdir(), 'townhall-export-'));
    temps.push(dir);
    const path = format === 'xlsx' ? join(dir, 'export.xlsx') : join(dir, 'export');
    await t.app.exports.exportTo(path, format);
    const again = await t.app.imports.importFile(path);
    expect(again.ok ? again.changes.map((c) => `${c.kind} ${c.entity} ${c.key}`) : again.errors).toEqual([]);
    const reasons = await t.handle.db.selectFrom('target').select('reason').where('reason', 'is not', null).execute();
    expect(reasons.map((r) => r.reason)).toEqual([expect.stringContaining('more realistic target')]);

    // The export alone rebuilds the same reports in an empty database.
    const fresh = await createTestDatabase(engine);
    try {
      const loaded = await fresh.app.imports.importFile(path);
      expect(loaded.ok).toBe(true);
      for (const period of ['2016/17', 'Q2 2018/19']) {
        const a = await t.app.reports.performanceReport({ committee: 'Community Leadership Committee', period });
        const b = await fresh.app.reports.performanceReport({ committee: 'Community Leadership Committee', period });
        expect(b).toEqual(a);
      }
    } finally {
      await fresh.dispose();
    }
  });
});
