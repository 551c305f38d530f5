import { describe, expect, it } from 'vitest';
import { fakeIndicator, fakeReport } from '../../../../test/support/reportFixture.ts';
import { buildHomeView, dueFromWhom, isDueIn } from './viewModel.ts';

const committees = [
  {
    slug: 'cl',
    names: [
      { name: 'Old Committee', fromYear: null },
      { name: 'New Committee', fromYear: 2018 },
    ],
    periods: [
      { key: '2016', status: 'published' as const },
      { key: '2018-Q2', status: 'approved' as const },
    ],
  },
  { slug: 'empty', names: [{ name: 'Empty Committee', fromYear: null }], periods: [] },
];

describe('buildHomeView', () => {
  it('lists committees under their names with the current period and its links', () => {
    const view = buildHomeView({ council: 'Test Borough', staff: false, committees, currentReports: null });
    expect(view.committees[0]).toMatchObject({
      name: 'New Committee (from 2018/19)',
      formerNames: ['Old Committee'],
      href: '/committees/cl',
      current: { label: 'Q2 2018/19', href: '/committees/cl/2018-19-q2', actionsHref: '/committees/cl/2018-19-q2/actions', status: null },
    });
    expect(view.committees[0]!.years.map((y) => y.planYear)).toEqual(['2018/19', '2016/17']);
    expect(view.committees[1]).toMatchObject({ name: 'Empty Committee', current: null, href: null });
    expect(view.currentPeriodText).toBe('The latest published period is Q2 2018/19.');
    expect(view.due).toBeNull();
  });

  it('shows staff the status tags and what is due', () => {
    const report = fakeReport([fakeIndicator({ ref: 'A/1', noResult: true, owner: 'Jo Bloggs' }), fakeIndicator({ ref: 'A/2' })]);
    const view = buildHomeView({ council: null, staff: true, committees, currentReports: [report] });
    expect(view.council).toBe('No council loaded yet');
    expect(view.committees[0]!.current!.status).toEqual({ text: 'Approved', classes: 'govuk-tag--turquoise' });
    expect(view.due).toEqual([
      { owner: 'Jo Bloggs', items: [{ ref: 'A/1', title: 'Indicator A/1', href: '/indicators/a-1', committee: 'Old Name Committee', period: '2016/17', frequency: 'quarterly' }] },
    ]);
  });

  it('says when nothing is published', () => {
    const view = buildHomeView({ council: 'X', staff: false, committees: [committees[1]!], currentReports: null });
    expect(view.currentPeriod).toBeNull();
    expect(view.currentPeriodText).toBe('No performance reports have been published yet.');
  });
});

describe('what is due', () => {
  it('knows when each frequency owes a result', () => {
    const q = (quarter: 1 | 2 | 3 | 4) => ({ kind: 'quarter' as const, startYear: 2018, quarter });
    expect(isDueIn('quarterly', q(1))).toBe(true);
    expect(isDueIn('annual', q(2))).toBe(false);
    expect(isDueIn('annual', q(4))).toBe(true);
    expect(isDueIn('biannual', q(2))).toBe(true);
    expect(isDueIn('biannual', q(3))).toBe(false);
    expect(isDueIn('annual', { kind: 'year', startYear: 2018 })).toBe(true);
    expect(isDueIn('monthly', { kind: 'month', year: 2018, month: 8 })).toBe(true);
    expect(isDueIn('quarterly', { kind: 'month', year: 2018, month: 8 })).toBe(false);
  });

  it('groups missing results by owner and skips those not due', () => {
    const report = fakeReport([
      fakeIndicator({ ref: 'B/1', noResult: true }),
      fakeIndicator({ ref: 'B/2', noResult: true, owner: 'Ann' }),
      fakeIndicator({ ref: 'B/3', noResult: true, owner: 'Ann' }),
      fakeIndicator({ ref: 'B/4', owner: 'Ann' }),
    ]);
    expect(dueFromWhom([report]).map((g) => [g.owner, g.items.map((i) => i.ref)])).toEqual([
      ['Ann', ['B/2', 'B/3']],
      ['No owner recorded', ['B/1']],
    ]);
  });
});
