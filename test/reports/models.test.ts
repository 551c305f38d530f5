/**
 * The two report models built in src/reports (pure functions, no database): the addendum's target
 * comparison and the dashboard's selection and counts for a committee or a delivery unit.
 */
import { describe, expect, it } from 'vitest';
import { revenueTable } from '../../src/domain/panels.ts';
import { summariseIndicators } from '../../src/domain/summary.ts';
import { compareTargets } from '../../src/reports/addendum.ts';
import { buildDashboard } from '../../src/reports/dashboard.ts';
import { checkRequest } from '../../src/reports/load.ts';
import { fakeIndicator, fakeReport } from '../support/reportFixture.ts';

const base = { currentDisplay: 'x', nextDisplay: 'y', polarity: 'bigger' as const, isNewIndicator: false, inNextPlan: true, nextYear: '2017/18' };
const value = (v: number, qualifier?: string) => ({ form: 'value' as const, value: v, ...(qualifier ? { qualifier: qualifier as 'reduction' } : {}) });

describe('compareTargets (addendum markers)', () => {
  it('marks raised and lowered by polarity: raised asks for more', () => {
    expect(compareTargets({ ...base, current: value(53), next: value(55), currentDisplay: '53%', nextDisplay: '55%' })).toEqual({ kind: 'raised', text: 'Raised from 53% to 55%' });
    expect(compareTargets({ ...base, current: value(53), next: value(50), currentDisplay: '53%', nextDisplay: '50%' }).kind).toBe('lowered');
    expect(compareTargets({ ...base, polarity: 'smaller', current: value(10), next: value(8) }).kind).toBe('raised');
    expect(compareTargets({ ...base, polarity: 'smaller', current: value(10), next: value(12) }).kind).toBe('lowered');
    expect(compareTargets({ ...base, current: value(68), next: value(68) }).kind).toBe('unchanged');
  });
  it('marks monitor, new, not set, removed and changes of form', () => {
    expect(compareTargets({ ...base, current: { form: 'directional', direction: 'increase' }, next: { form: 'monitor' }, currentDisplay: 'Increase' })).toEqual({ kind: 'to-monitor', text: 'Moved to monitor (was Increase)' });
    expect(compareTargets({ ...base, current: { form: 'monitor' }, next: { form: 'monitor' } }).kind).toBe('unchanged');
    expect(compareTargets({ ...base, current: { form: 'monitor' }, next: value(5) }).kind).toBe('new-target');
    expect(compareTargets({ ...base, current: null, next: value(5) }).kind).toBe('new-target');
    expect(compareTargets({ ...base, current: value(5), next: null }).kind).toBe('not-set');
    expect(compareTargets({ ...base, current: value(5), next: { form: 'not-applicable' } }).kind).toBe('not-set');
    expect(compareTargets({ ...base, current: null, next: null, isNewIndicator: true }).text).toBe('New for 2017/18; no target set yet');
    expect(compareTargets({ ...base, current: value(5), next: null, inNextPlan: false }).kind).toBe('dropped');
    expect(compareTargets({ ...base, current: { form: 'directional', direction: 'increase' }, next: value(68) }).kind).toBe('changed');
    expect(compareTargets({ ...base, current: value(20, 'reduction'), next: value(20) }).kind).toBe('changed');
  });
});

describe('buildDashboard', () => {
  const a = fakeReport(
    [
      fakeIndicator({ ref: 'A1', owner: 'Parks', rating: 'R', type: 'KPI' }),
      fakeIndicator({ ref: 'A2', owner: 'Libraries', rating: 'G' }),
      fakeIndicator({ ref: 'A3', owner: 'parks ', rating: 'G', direction: 'worsening', noResult: true }),
    ],
    [{ ref: 'K1', rag: 'GA' }],
  );
  a.keyActions[0]!.service = 'Parks';
  a.panels.revenue = revenueTable([
    { service: 'Parks', originalBudget: null, revisedBudget: 100, forecast: 110, reserveMovements: -5, comments: null },
    { service: 'Libraries', originalBudget: null, revisedBudget: 200, forecast: 190, reserveMovements: 0, comments: null },
  ]);

  it('for a committee keeps every row, and counts with the engine’s summary', () => {
    const d = buildDashboard([a], { kind: 'committee', name: 'ignored' });
    expect(d.indicators.map((i) => i.ref)).toEqual(['A1', 'A2', 'A3']);
    expect(d.summary).toEqual(summariseIndicators(a.indicators.map((i) => ({ type: i.type, rating: i.rating.value, direction: i.direction.longTerm.status }))));
    expect(d.notMeetingTarget).toEqual(['A1']);
    expect(d.panels).toBe(a.panels);
    expect(d.total).toEqual({ expected: 2, reported: 2 });
    expect(d.byType.map((t) => [t.type, t.longTerm.total, t.expected])).toEqual([
      ['CPI', 2, 1],
      ['KPI', 1, 1],
    ]);
  });

  it('for a unit selects owners, services and panel lines equal to it (case and spaces ignored) and recomputes totals', () => {
    const d = buildDashboard([a], { kind: 'unit', name: 'Parks' });
    expect(d.indicators.map((i) => i.ref)).toEqual(['A1', 'A3']);
    expect(d.keyActions.map((k) => k.ref)).toEqual(['K1']);
    expect(d.keyActionSummary.GA.count).toBe(1);
    expect(d.panels.revenue!.lines.map((l) => l.service)).toEqual(['Parks']);
    expect(d.panels.revenue!.total.varianceAfterReserves).toBe(5);
    expect(d.panelNotes).toHaveLength(1);
    expect(d.scope.committees).toEqual(['Old Name Committee']);
  });
});

describe('checkRequest', () => {
  it('refuses a bad type, period form, or a unit outside the dashboard', () => {
    expect(() => checkRequest({ kind: 'weekly' as never, committee: 'c', period: 'Q2 2018/19' })).toThrow(/Unknown report type "weekly"/);
    expect(() => checkRequest({ kind: 'quarterly', committee: 'c', period: 'soon' })).toThrow(/is not a period/);
    expect(() => checkRequest({ kind: 'quarterly', committee: 'c', period: '2018/19' })).toThrow(/for a quarter/);
    expect(() => checkRequest({ kind: 'annual', committee: 'c', period: 'Q1 2018/19' })).toThrow(/for a financial year/);
    expect(() => checkRequest({ kind: 'addendum', committee: 'c', period: 'Q2 2016/17' })).toThrow(/Q3 2016\/17 \(for the 2017\/18 addendum\)/);
    expect(() => checkRequest({ kind: 'annual', unit: 'Parks', period: '2016/17' })).toThrow(/--unit is for the dashboard/);
    expect(() => checkRequest({ kind: 'dashboard', period: 'Q2 2018/19' })).toThrow(/--committee <name> or --unit <name>/);
    expect(() => checkRequest({ kind: 'dashboard', unit: 'Parks', period: 'Q2 2018/19' })).not.toThrow();
  });
});
