/**
 * Key actions by plan year (issue 10, deliver 2), on the demo council: data entry and every summary use
 * the key actions in force in the period's plan year — the 2016/17 commissioning intentions are never
 * listed beside the 2018/19 key activities — and every action in force is counted, one not updated in
 * the period as not rated (the documents' denominators are of all key actions). Before, Q3 2018/19 data
 * entry listed all 26 actions and its published summary counted only the one updated ("percentages are of
 * all 1 key actions"). Also: the importer's plan-year columns and their checks, and migration 0011's
 * reading of actions stored before it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/db/migrate.ts';
import type { PerformanceReport } from '../../src/services/performanceReport.ts';
import type { buildServer } from '../../src/web/server.ts';
import { publishedDemo } from '../support/demo.ts';
import { engines, type TestDatabase } from '../support/db.ts';
import { text } from '../support/html.ts';
import { STAFF, TEST_OFFICER } from '../support/staff.ts';
import { writeCsvWorkbook, type Sheet } from '../support/workbook.ts';

const SLUG = 'community-leadership-committee';
const NEW_NAME = 'Community Leadership and Libraries Committee';
const OLD_NAME = 'Community Leadership Committee';
const KEY_ACTIVITIES = ['KA-SC-01', 'KA-SC-02', 'KA-SC-03', 'KA-SC-04', 'KA-SC-05', 'KA-DV-01', 'KA-DV-02', 'KA-DV-03', 'KA-CA-01', 'KA-CA-02', 'KA-CA-03'];
const INTENTIONS = ['CI-SC-01', 'CI-SC-02', 'CI-SC-03', 'CI-SC-04', 'CI-SC-05', 'CI-SC-06', 'CI-SC-07', 'CI-SC-08', 'CI-SC-09', 'CI-SA-01', 'CI-SA-02', 'CI-SA-03', 'CI-EP-01', 'CI-EP-02', 'CI-EP-03'];
const sorted = (refs: string[]) => [...refs].sort();

/** An actions row of the demo committee (2018/19 priority), with overrides. */
const actionRow = (over: Record<string, string>): Record<string, string> => ({
  ref: 'KA-SC-01',
  committee: NEW_NAME,
  priority: 'Safer communities',
  title: 'Increase engagement with local communities',
  service: 'Community Safety',
  from_plan_year: '',
  to_plan_year: '',
  period: 'Q2 2018/19',
  rag: '',
  commentary: '',
  ...over,
});

describe.each(engines())('key actions by plan year on %s', (engine) => {
  let t: TestDatabase;
  let server: ReturnType<typeof buildServer>;
  let committeeId: number;

  const get = (url: string, staff = false) => server.inject({ url, headers: { accept: 'text/html', ...(staff ? STAFF : {}) } });
  const cycle = async (period: string) => {
    const c = await t.app.entry.cycle(SLUG, period);
    if (!c) throw new Error(`No cycle ${period}`);
    return c;
  };
  const entryRefs = async (period: string) => (await t.app.entry.keyActions(await cycle(period))).map((a) => a.ref);
  const publishedReport = async (period: string): Promise<PerformanceReport> => {
    const res = await server.inject({ url: `/reports/performance?committee=${SLUG}&period=${encodeURIComponent(period)}` });
    expect([period, res.statusCode]).toEqual([period, 200]);
    return JSON.parse(res.body) as PerformanceReport;
  };
  const importRows = async (actions: Sheet, dryRun = true) => t.app.imports.importFile(await writeCsvWorkbook({ actions }), { dryRun, actor: 'test' });
  const storedRange = async (ref: string) =>
    t.handle.db.selectFrom('key_action').select(['from_year', 'to_year']).where('ref', '=', ref).executeTakeFirstOrThrow();

  beforeAll(async () => {
    // As the demo loads: every period with data is published (Q3 and Q4 2018/19 have none yet).
    ({ t, server, committeeId } = await publishedDemo(engine, SLUG));
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await t?.dispose();
  });

  it('stores the plan years each demo action is in force', async () => {
    expect(await storedRange('CI-SC-01')).toEqual({ from_year: 2016, to_year: 2016 });
    expect(await storedRange('KA-SC-01')).toEqual({ from_year: 2018, to_year: 2018 });
  });

  describe('data entry', () => {
    it('lists only the 2018/19 key activities in Q3 and Q4 2018/19, never the 2016/17 commissioning intentions', async () => {
      expect(await entryRefs('2018-Q3')).toEqual(KEY_ACTIVITIES);
      expect(await entryRefs('2018-Q4')).toEqual(KEY_ACTIVITIES);
      expect(await entryRefs('2018-Q2')).toEqual(KEY_ACTIVITIES);
      expect(sorted(await entryRefs('2016-Q3'))).toEqual(sorted(INTENTIONS));
      expect(await entryRefs('2017-Q3')).toEqual([]);
      expect(await entryRefs('2015-Q3')).toEqual([]);
    });

    it('shows the same on the data-entry page, and a commissioning intention of 2016/17 is not found in 2018/19', async () => {
      const page = await get(`/committees/${SLUG}/2018-19-q3/data-entry`, true);
      expect(page.statusCode).toBe(200);
      for (const ref of KEY_ACTIVITIES) expect(page.body).toContain(`data-ref="${ref}"`);
      expect(page.body).not.toMatch(/data-ref="CI-/);
      expect((await get(`/committees/${SLUG}/2018-19-q3/data-entry/actions/KA-SC-01`, true)).statusCode).toBe(200);
      expect((await get(`/committees/${SLUG}/2018-19-q3/data-entry/actions/CI-SC-01`, true)).statusCode).toBe(404);
      expect((await get(`/committees/${SLUG}/2016-17-q3/data-entry/actions/CI-SC-01`, true)).statusCode).toBe(200);
    });

    it('refuses to save an update of an action for a plan year it is not in force', async () => {
      const q3 = await cycle('2018-Q3');
      const ci = await t.app.entry.keyAction(await cycle('2016-Q3'), 'CI-SC-01');
      expect(ci).not.toBeNull();
      const outcome = await t.app.entry.saveKeyAction(q3, ci!, { rag: 'G', commentary: 'Wrong year', reason: '' }, 'none', TEST_OFFICER);
      expect(outcome).toEqual({ kind: 'locked', message: 'CI-SC-01 is not a key action of 2018/19.' });
      const stored = await t.handle.db.selectFrom('key_action_update').select('period').where('period', '=', '2018-Q3').execute();
      expect(stored).toEqual([]);
    });
  });

  describe('summaries', () => {
    let q3: PerformanceReport;

    beforeAll(async () => {
      // One of the eleven updated in Q3 2018/19, then the period published: what the public read is the stored version.
      const q3Cycle = await cycle('2018-Q3');
      const action = await t.app.entry.keyAction(q3Cycle, 'KA-SC-01');
      const saved = await t.app.entry.saveKeyAction(q3Cycle, action!, { rag: 'Green', commentary: 'OWL app launched', reason: '' }, 'none', TEST_OFFICER);
      expect(saved.kind).toBe('saved');
      expect(await t.app.publication.setStatus(committeeId, '2018-Q3', 'published', 'test', 'Q3 papers out')).toBe(true);
      q3 = await publishedReport('Q3 2018/19');
    }, 120_000);

    it('counts all eleven key activities in the published Q3 2018/19 summary, the ten not updated as not rated', () => {
      expect(q3.keyActions.map((a) => a.ref)).toEqual(KEY_ACTIVITIES);
      expect(q3.keyActions.find((a) => a.ref === 'KA-SC-01')).toMatchObject({ rag: 'G', commentary: 'OWL app launched' });
      expect(q3.keyActions.filter((a) => a.rag === 'not-rated').length).toBe(10);
      const k = q3.keyActionSummary;
      expect(k.total).toBe(11);
      expect(k.G.count).toBe(1);
      expect(k.G.percentage).toBeCloseTo(100 / 11, 10);
      expect(k.notRated.count).toBe(10);
      expect(k.notRated.percentage).toBeCloseTo(1000 / 11, 10);
      expect(q3.priorities.flatMap((p) => p.keyActions)).toHaveLength(11);
    });

    it('prints the denominator of all eleven on the public dashboard, key-action page and paper', async () => {
      const dashboard = await get(`/committees/${SLUG}/2018-19-q3`);
      expect(dashboard.statusCode).toBe(200);
      expect(text(dashboard.body)).toContain('Key actions: percentages are of all 11 key actions, including those not rated');
      const actions = await get(`/committees/${SLUG}/2018-19-q3/actions`);
      expect(actions.statusCode).toBe(200);
      expect(text(actions.body)).toContain('percentages are of all 11 key actions, including those not rated');
      expect(actions.body).toContain('KA-CA-03');
      expect(actions.body).not.toContain('CI-SC-01');
      const paper = await get(`/committees/${SLUG}/2018-19-q3/reports/quarterly.md`);
      expect(paper.statusCode).toBe(200);
      expect(paper.body).toMatch(/11 key activities: 9% \(1\) Green[^,]*, 91% \(10\) Not rated/);
      expect(paper.body).not.toContain('CI-SC-01');
    });

    it('leaves the published Q2 2018/19 as it was: eleven key activities, none rated', async () => {
      const q2 = await publishedReport('Q2 2018/19');
      expect(q2.keyActions.map((a) => a.ref)).toEqual(KEY_ACTIVITIES);
      expect(q2.keyActionSummary.total).toBe(11);
      expect(q2.keyActionSummary.notRated).toEqual({ count: 11, percentage: 100 });
    });

    it('counts the fifteen commissioning intentions in 2016/17 — all Green for the year, not rated in a quarter without updates — and none in 2015/16 or 2017/18', async () => {
      const annual = await publishedReport('2016/17');
      expect(sorted(annual.keyActions.map((a) => a.ref))).toEqual(sorted(INTENTIONS));
      expect(annual.keyActionSummary.G).toEqual({ count: 15, percentage: 100 });
      const q3Of2016 = await publishedReport('Q3 2016/17');
      expect(q3Of2016.keyActionSummary.total).toBe(15);
      expect(q3Of2016.keyActionSummary.notRated.count).toBe(15);
      for (const period of ['2015/16', '2017/18', 'Q2 2017/18']) expect([period, (await publishedReport(period)).keyActionSummary.total]).toEqual([period, 0]);
    });

    it('gives a staff draft of Q4 2018/19 the eleven, not rated', async () => {
      const q4 = await t.app.reports.performanceReport({ committee: SLUG, period: 'Q4 2018/19' });
      expect(q4.keyActions.map((a) => a.ref)).toEqual(KEY_ACTIVITIES);
      expect(q4.keyActionSummary.notRated.count).toBe(11);
    });
  });

  describe('importing plan years', () => {
    it('refuses a period outside the plan years an action is in force', async () => {
      const outcome = await importRows([actionRow({ from_plan_year: '2018/19', to_plan_year: '2018/19', period: 'Q2 2018/19' }), actionRow({ period: '2017/18' })]);
      expect(outcome.ok).toBe(false);
      if (outcome.ok) return;
      expect(outcome.errors).toContainEqual({
        sheet: 'actions',
        row: 3,
        column: 'period',
        value: '2017/18',
        message: '2017/18 is outside the plan years key action KA-SC-01 is in force (2018/19 only): change its from_plan_year or to_plan_year, or the period',
      });
    });

    it('refuses two different plan years for one action', async () => {
      const outcome = await importRows([actionRow({ to_plan_year: '2018/19' }), actionRow({ period: 'Q3 2018/19', to_plan_year: '2019/20' })]);
      expect(outcome.ok).toBe(false);
      if (outcome.ok) return;
      expect(outcome.errors.map((e) => [e.row, e.column, e.message])).toContainEqual([
        3,
        'to_plan_year',
        'Key action KA-SC-01 is given last plan year 2018/19 on row 2 and 2019/20 here: give an action one last plan year (or leave the cell blank)',
      ]);
    });

    it('refuses plan years that leave out an update stored, or that would change a published report', async () => {
      // The 2016/17 commissioning intentions into 2017/18 too: the published 2017/18 reports would gain them.
      const widened = await importRows([
        actionRow({ ref: 'CI-SC-01', committee: OLD_NAME, priority: 'Safe communities', title: 'Strategic direction to community safety', service: 'Commissioning Group', from_plan_year: '2016/17', to_plan_year: '2017/18', period: '2016/17', rag: 'Green' }),
      ]);
      expect(widened.ok).toBe(false);
      if (widened.ok) return;
      const lock = widened.errors.find((e) => e.column === 'to_plan_year');
      expect(lock?.message).toMatch(/^Key action CI-SC-01 in force 2016\/17 to 2017\/18 would change published reports \(.*\): reopen them \(with a reason\) first/);
      expect(lock?.message).toContain('Community Leadership Committee Q2 2017/18');
      expect(lock?.message).toContain('Community Leadership Committee 2017/18');
      // KA-SC-01 from 2019/20: its Q2 2018/19 update would be outside, and the 2018/19 reports would lose it.
      const later = await importRows([actionRow({ from_plan_year: '2019/20', period: 'Q1 2019/20' })]);
      expect(later.ok).toBe(false);
      if (later.ok) return;
      expect(later.errors.map((e) => e.message)).toContain(
        'Key action KA-SC-01 has updates stored for 2018/19, outside the plan years it would be in force (from 2019/20): its plan years must include every period it has',
      );
      const laterLock = later.errors.find((e) => e.message.startsWith('Key action KA-SC-01 in force from 2019/20 would change published reports'));
      expect(laterLock?.column).toBe('from_plan_year');
      expect(laterLock?.message).toContain('Community Leadership and Libraries Committee Q2 2018/19');
      expect(laterLock?.message).toContain('Community Leadership and Libraries Committee Q3 2018/19');
      expect(await storedRange('KA-SC-01')).toEqual({ from_year: 2018, to_year: 2018 });
    });

    it('takes a new action from its earliest period’s plan year when none is given, and lists it only in its years', async () => {
      const sheets = {
        settings: [{ plan_year: '2019/20', rag_method: 'variance', red_from: '10' }],
        actions: [actionRow({ ref: 'KA-2019-01', title: 'Deliver the 2019/20 delivery plan', period: 'Q1 2019/20' })],
      };
      const outcome = await t.app.imports.importFile(await writeCsvWorkbook(sheets), { actor: 'test' });
      if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
      expect(await storedRange('KA-2019-01')).toEqual({ from_year: 2019, to_year: null });
      expect(await entryRefs('2019-Q2')).toEqual(['KA-2019-01']);
      expect(await entryRefs('2018-Q3')).toEqual(KEY_ACTIVITIES);
      // Exported, the plan years come back on every row of the action (and import again unchanged).
      const exported = await t.app.exports.exportTo(await writeCsvWorkbook({}), 'csv');
      expect(exported.actions.filter((a) => a.ref === 'CI-SC-01').map((a) => [a.fromYear, a.toYear])).toEqual([[2016, 2016]]);
      expect(exported.actions.filter((a) => a.ref === 'KA-2019-01').map((a) => [a.fromYear, a.toYear])).toEqual([[2019, null]]);
      const again = await t.app.imports.importData(exported, { dryRun: true });
      expect(again.ok && again.changes).toEqual([]);
    });
  });

  describe('migration 0011 on actions stored before it', () => {
    it('dates them from their first update, ending those a later plan of the committee replaced', async () => {
      const db = t.handle.db;
      // Back to the schema before 0011, with the demo's actions as they were stored then.
      await t.handle.exec(`
        alter table key_action drop constraint key_action_years;
        alter table key_action drop column from_year;
        alter table key_action drop column to_year;
        delete from schema_migrations where name = '0011_key_action_plan_year.sql';`);
      const lonely = await db.insertInto('committee').values({ slug: 'lonely-committee' }).returning('id').executeTakeFirstOrThrow();
      const priority = await db.insertInto('committee_priority').values({ committee_id: lonely.id, name: 'Everything' }).returning('id').executeTakeFirstOrThrow();
      const [only, none] = await db
        .insertInto('key_action')
        .values([
          { committee_id: lonely.id, ref: 'ONLY', priority_id: priority.id, title: 'The only plan', service: null },
          { committee_id: lonely.id, ref: 'NONE', priority_id: priority.id, title: 'Never updated', service: null },
        ])
        .returning('id')
        .execute();
      await db.insertInto('key_action_update').values({ key_action_id: only!.id, period: '2017', plan_year: 2017, rag: 'G', commentary: null }).execute();
      expect(none).toBeDefined();

      expect(await migrate(t.handle)).toEqual(['0011_key_action_plan_year.sql']);
      const ranges = Object.fromEntries(
        (await db.selectFrom('key_action').select(['ref', 'from_year', 'to_year']).execute()).map((a) => [a.ref, [a.from_year, a.to_year]]),
      );
      // The 2016/17 intentions ended when the 2018/19 activities began, and those when the 2019/20 action
      // (imported above) began; the latest plan of each committee stays in force.
      for (const ref of INTENTIONS) expect([ref, ranges[ref]]).toEqual([ref, [2016, 2016]]);
      for (const ref of KEY_ACTIVITIES) expect([ref, ranges[ref]]).toEqual([ref, [2018, 2018]]);
      expect(ranges['KA-2019-01']).toEqual([2019, null]);
      expect(ranges.ONLY).toEqual([2017, null]);
      expect(ranges.NONE).toEqual([null, null]);
      expect(await entryRefs('2018-Q3')).toEqual(KEY_ACTIVITIES);
    });
  });
});
