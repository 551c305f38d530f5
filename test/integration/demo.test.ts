/**
 * The demo council (demo/barnet, from the seeds) imported into a real database reproduces the
 * published figures the data determine; where a printed figure contradicts its own data, the computed
 * figure is asserted and `check` reports the contradiction.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_WORKBOOK } from '../../src/app.ts';
import type { PerformanceReport } from '../../src/services/performanceReport.ts';
import { createTestDatabase, engines, type TestDatabase } from '../support/db.ts';

const OLD_NAME = 'Community Leadership Committee';
const NEW_NAME = 'Community Leadership and Libraries Committee';

describe.each(engines())('demo council on %s', (engine) => {
  let t: TestDatabase;
  let annual: PerformanceReport;
  let q2: PerformanceReport;

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    const outcome = await t.app.imports.importFile(DEMO_WORKBOOK);
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors, null, 2));
    annual = await t.app.reports.performanceReport({ committee: OLD_NAME, period: '2016/17' });
    q2 = await t.app.reports.performanceReport({ committee: NEW_NAME, period: 'Q2 2018/19' });
  });
  afterAll(async () => t?.dispose());

  describe('annual report 2016/17 (seed 004)', () => {
    it('has the 15 indicators of the published table', () => {
      expect(annual.indicators.map((i) => i.ref).sort()).toEqual(
        ['CG/C2', 'CG/C27', 'CG/C3', 'CG/C4', 'CG/C5', 'CG/C6', 'CG/C7', 'CG/C8', 'CG/C9', 'CG/S10', 'CG/S16', 'CG/S3', 'CG/S4', 'CG/S5', 'CG/S9'].sort(),
      );
    });

    it('counts 8 Green, 1 Green Amber, 1 Red Amber and 5 Monitor', () => {
      const s = annual.summary;
      expect([s.G.count, s.GA.count, s.RA.count, s.R.count, s.monitor.count]).toEqual([8, 1, 1, 0, 5]);
      expect(s.rated).toBe(10);
      expect(s.G.percentage).toBeCloseTo(80);
    });

    it('counts 12 with a direction of travel: 7 improved or same, 5 worsened', () => {
      const s = annual.summary;
      expect(s.withDirection).toBe(12);
      expect(s.improvedOrSame.count).toBe(7);
      expect(s.worsened.count).toBe(5);
    });

    it("gives each indicator its printed rating, with the reason", () => {
      const printed: Record<string, string> = {
        'CG/S3': 'G',
        'CG/S4': 'G',
        'CG/C2': 'monitor',
        'CG/C3': 'monitor',
        'CG/C27': 'monitor',
        'CG/C4': 'monitor',
        'CG/S5': 'G',
        'CG/S9': 'RA',
        'CG/S10': 'G',
        'CG/S16': 'GA',
        'CG/C5': 'G',
        'CG/C6': 'G',
        'CG/C7': 'G',
        'CG/C8': 'G',
        'CG/C9': 'monitor',
      };
      for (const i of annual.indicators) {
        expect([i.ref, i.rating.value]).toEqual([i.ref, printed[i.ref]]);
        expect(i.rating.reason.text.length).toBeGreaterThan(10);
      }
      const s9 = annual.indicators.find((i) => i.ref === 'CG/S9')!;
      expect(s9.rating.reason.measure).toBeCloseTo((23 / 29) * 100, 5);
      expect(s9.rating.reason.text).toContain('79.3%');
      const c5 = annual.indicators.find((i) => i.ref === 'CG/C5')!;
      expect(c5.rating.reason.withinTolerance).toBe(true);
    });

    it('prints the printed direction words of 004 where the data agree', () => {
      const disagreements = annual.indicators.filter((i) => i.printed.directionAgrees === false).map((i) => i.ref);
      expect(disagreements).toEqual([]);
      expect(annual.indicators.find((i) => i.ref === 'CG/C4')!.direction.longTerm.status).toBe('new');
      expect(annual.indicators.find((i) => i.ref === 'CG/S10')!.direction.longTerm.status).toBe('same');
    });

    it('uses the name the committee had in 2016/17 and prints the key of method B', () => {
      expect(annual.committee.name).toBe(OLD_NAME);
      expect(annual.committee.currentName).toBe(NEW_NAME);
      expect(annual.method.kind).toBe('achievement');
      expect(annual.method.key.map((k) => k.rating)).toEqual(['G', 'GA', 'RA', 'R']);
    });

    it('summarises the commissioning intentions of all priorities', () => {
      expect(annual.keyActionSummary.total).toBe(annual.keyActions.length);
      expect(annual.keyActions.length).toBeGreaterThan(10);
      expect(annual.priorities.map((p) => p.name)).toEqual(['Safe communities', 'Strong and active communities', 'Emergency preparedness']);
    });
  });

  describe('Q2 2018/19 report (seed 002)', () => {
    const dot = (ref: string) => q2.indicators.find((i) => i.ref === ref)!.direction.longTerm;

    it('computes each direction of travel with its percentage', () => {
      expect(dot('CG/C27')).toMatchObject({ status: 'worsening', current: 711, comparison: 667 });
      expect(dot('CG/C27').text).toBe('↓ W +6.6%');
      const c27 = q2.indicators.find((i) => i.ref === 'CG/C27')!;
      expect([c27.lastYear?.period, c27.lastYear?.value]).toEqual(['Q2 2017/18', 667]);
      expect([c27.previousYearEnd?.period, c27.previousYearEnd?.value]).toEqual(['2017/18', 815]);
      expect(dot('CG/C4').status).toBe('worsening');
      expect(Math.round(dot('CG/C4').percentage!)).toBe(27);
      expect(dot('CG/C3').status).toBe('worsening');
      expect(Math.round(dot('CG/C3').percentage!)).toBe(-25);
      expect(dot('CG/CR1').status).toBe('worsening');
      // Printed "+5.3%"; 71.1 against 67.6 gives +5.2%.
      expect(dot('CG/CR1').text).toBe('↓ W +5.2%');
    });

    it('flags the printed +5.3% as contradicting its own numbers, and accepts the others', () => {
      expect(q2.contradictions.map((c) => [c.ref, c.kind, c.printed])).toEqual([['CG/CR1', 'direction', '↓ W +5.3%']]);
      const agree = q2.indicators.filter((i) => i.printed.directionAgrees === true).map((i) => i.ref).sort();
      expect(agree).toEqual(['CG/C27', 'CG/C3', 'CG/C4']);
    });

    it('uses method A, and shows survey indicators as due rather than zero', () => {
      expect(q2.method.kind).toBe('variance');
      const due = q2.indicators.filter((i) => i.result?.status === 'due');
      expect(due.length).toBe(5);
      for (const i of due) {
        expect(i.result!.value).toBeNull();
        expect(i.rating.value).toBe('not-rated');
      }
      expect(q2.committee.name).toBe(NEW_NAME);
    });

    it('accepts the committee by its earlier name too', async () => {
      const again = await t.app.reports.performanceReport({ committee: OLD_NAME, period: 'Q2 2018/19' });
      expect(again.committee.name).toBe(NEW_NAME);
      expect(again.indicators.map((i) => i.ref)).toEqual(q2.indicators.map((i) => i.ref));
    });

    it('computes the revenue table and the high-level risk; the overall status of each priority is the officers\' judgement, the computed suggestion beside it', () => {
      const revenue = q2.panels.revenue!;
      expect(revenue.lines.map((l) => [l.service, l.variance, l.forecastAfterReserves])).toEqual([
        ['Community Safety', -4, 1935],
        ['Libraries and Community Engagement', 0, 3474],
      ]);
      expect(revenue.total).toMatchObject({ revisedBudget: 5413, forecast: 5409, variance: -4 });
      expect(q2.panels.risks.map((r) => [r.ref, r.residualScore, r.highLevel, r.priority])).toEqual([['STR024', 15, true, 'Safer communities']]);
      // Table 3 of 002 as the council printed it: the officers' judgements, never replaced by the computation.
      expect(q2.priorityStatuses.map((s) => [s.priority, s.status, s.source, s.judgement?.status, s.computed, s.agrees])).toEqual([
        ['Safer communities', 'Amber', 'judgement', 'Amber', 'Amber', true],
        ['Tackling issues with domestic violence, mental health and substance misuse', 'Amber', 'judgement', 'Amber', 'Green', false],
        ['Co-ordinating a package of measures to support community activity and resilience', 'Green', 'judgement', 'Green', 'Green', true],
      ]);
      expect(q2.priorityStatuses[0]!.reasons).toEqual(['high-level risk STR024 (score 15)']);
      expect(q2.priorityStatuses[1]!.judgement!.reason).toContain('gives no further reason');
    });

    it('keeps the 2016/17 definition in the 2016/17 report after the 2018/19 change', () => {
      expect(annual.indicators.find((i) => i.ref === 'CG/C27')!.title).toBe('Racist & Religious Hate Crime');
      expect(q2.indicators.find((i) => i.ref === 'CG/C27')!.title).toBe('Racist and religious hate crime');
    });
  });

  it('prints only the terms of reference in force in the report\'s plan year, without authoring notes', () => {
    expect(q2.committee.termsOfReference!.split('\n')[0]).toBe(
      '(1) Responsibility for libraries, culture, civic events, the mayoralty, community safety, registration and nationality service and grants to the voluntary sector.',
    );
    expect(q2.committee.termsOfReference).not.toContain('Annex A');
    expect(annual.committee.termsOfReference!.split('\n')[0]).toMatch(/^To contribute to achieving better outcomes in the Safer Communities Strategy/);
    expect(annual.committee.termsOfReference).not.toContain('(1) Responsibility for libraries');
    for (const r of [q2, annual]) expect(r.committee.termsOfReference).not.toMatch(/extracts|printed in the reports|\(from 2018\/19\)/);
  });

  it('`check` reports the judgement that differs from the data\'s suggestion: Amber where the data give Green', async () => {
    const findings = await t.app.checks.check();
    expect(findings.filter((f) => f.kind === 'overall-status').map((f) => [f.severity, f.period, f.ref, f.field])).toEqual([
      ['judgement', 'Q2 2018/19', 'Tackling issues with domestic violence, mental health and substance misuse', 'overall status'],
    ]);
    const finding = findings.find((f) => f.kind === 'overall-status')!;
    expect(finding.message).toMatch(/officers judged Amber \(".*"\), but the data suggest Green \(no Red or Amber indicators, key actions, high-level risks or adverse budget\)/);
  });

  it('`check` reports the contradiction with its numbers', async () => {
    const findings = await t.app.checks.check();
    const direction = findings.filter((f) => f.kind === 'direction');
    expect(direction.map((f) => f.ref)).toContain('CG/CR1');
    const cr1 = direction.find((f) => f.ref === 'CG/CR1')!;
    expect(cr1.message).toContain('+5.3%');
    expect(cr1.message).toContain('+5.2%');
    expect(cr1.period).toBe('Q2 2018/19');
  });

  it('re-importing the same workbook changes nothing', async () => {
    const before = await t.handle.db.selectFrom('audit_event').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const outcome = await t.app.imports.importFile(DEMO_WORKBOOK);
    expect(outcome.ok && outcome.changes.length).toBe(0);
    const after = await t.handle.db.selectFrom('audit_event').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});
