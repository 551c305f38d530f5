import { describe, expect, it } from 'vitest';
import { fakeIndicator, fakeReport } from '../../../../test/support/reportFixture.ts';
import { buildDashboardView } from './viewModel.ts';

const report = fakeReport(
  [
    fakeIndicator({ ref: 'X/2', rating: 'G', type: 'CPI' }),
    fakeIndicator({ ref: 'X/10', rating: 'RA', type: 'SPI', direction: 'worsening', directionText: '↓ W -3.0%' }),
    fakeIndicator({ ref: 'X/1', rating: 'monitor', type: 'SPI', priority: 'Libraries' }),
    fakeIndicator({ ref: 'X/3', rating: 'GA', type: 'CPI', noResult: true }),
  ],
  [
    { ref: 'A1', rag: 'G' },
    { ref: 'A2', rag: 'not-rated' },
  ],
);
const periods = [
  { key: '2015', status: 'published' as const },
  { key: '2016-Q1', status: 'published' as const },
  { key: '2016', status: 'published' as const },
];
const build = (query = {}, status: 'open' | null = null) => buildDashboardView({ report, query, periods, status });

describe('buildDashboardView', () => {
  it('titles the page with the committee name of the period and says it was renamed', () => {
    const view = build();
    expect(view.pageTitle).toBe('Old Name Committee: performance 2016/17');
    expect(view.renamed).toBe('New Name Committee');
    expect(view.status).toBeNull();
    expect(build({}, 'open').status).toEqual({ text: 'Open', classes: 'govuk-tag--grey' });
  });

  it('says so when no indicator is rated or has a direction, instead of "percentages of the 0 indicators"', () => {
    const none = { ...report.summary, rated: 0, withDirection: 0 };
    const view = buildDashboardView({ report: { ...report, summary: none }, query: {}, periods, status: null });
    expect(view.summary.ratingsCaption).toBe('Indicator ratings: no indicator has a RAG rating');
    expect(view.summary.directionsCaption).toMatch(/: no indicator has a direction of travel$/);
  });

  it('takes every summary figure from the model and states the denominators', () => {
    const view = build();
    expect(view.summary.ratings.map((r) => [r.label, r.count, r.percentage])).toEqual([
      ['Green', 1, '33%'],
      ['Green Amber', 1, '33%'],
      ['Red Amber', 1, '33%'],
      ['Red', 0, '0%'],
    ]);
    expect(view.summary.ratingsCaption).toContain('of the 3 indicators with a RAG rating');
    expect(view.summary.othersText).toContain('Of all 4 indicators, 1 is Monitor');
    expect(view.summary.directionsCaption).toContain('of the 4 indicators with a direction of travel');
    expect(view.summary.keyActions.map((r) => [r.key, r.count, r.percentage])).toContainEqual(['not-rated', 1, '50%']);
    expect(view.summary.keyActionsCaption).toContain('of all 2 key actions');
  });

  it('groups rows by priority in the report order, with the basis marker only on a reported result', () => {
    const view = build();
    expect(view.groups.map((g) => [g.priority, g.rows.map((r) => r.ref)])).toEqual([
      ['Safe communities', ['X/2', 'X/10', 'X/3']],
      ['Libraries', ['X/1']],
    ]);
    const row = view.groups[0]!.rows[0]!;
    expect(row).toMatchObject({ href: '/indicators/x-2', result: '21%', basisMarker: '(r)', target: '20%', dataPeriod: 'Apr 2016 – Mar 2017' });
    expect(row.direction).toEqual({ status: 'improving', text: '↑ I +5.0%', hidden: 'improving compared with 2015/16' });
    expect(view.groups[0]!.rows[2]).toMatchObject({ result: 'No result', basisMarker: '' });
  });

  it('filters by rating, type and priority and ignores unknown values', () => {
    expect(build({ rating: 'RA' }).groups.flatMap((g) => g.rows.map((r) => r.ref))).toEqual(['X/10']);
    expect(build({ type: 'SPI' }).groups.flatMap((g) => g.rows.map((r) => r.ref))).toEqual(['X/10', 'X/1']);
    expect(build({ priority: 'Libraries' }).groups.map((g) => g.priority)).toEqual(['Libraries']);
    const view = build({ rating: 'GA', type: 'CPI' });
    expect(view.filters.active).toEqual(['Rating: Green Amber', 'Type: CPI']);
    expect(view.filters.rating.find((i) => i.selected)?.value).toBe('GA');
    expect(build({ rating: '<script>', sort: 'drop table' }).filters.active).toEqual([]);
    expect(build({ rating: 'R' }).groups).toEqual([]);
  });

  it('sorts within each priority and marks the sorted column with aria-sort', () => {
    const byRef = build({ sort: 'ref' });
    expect(byRef.groups[0]!.rows.map((r) => r.ref)).toEqual(['X/2', 'X/3', 'X/10']);
    expect(byRef.headers.find((h) => h.key === 'ref')).toMatchObject({ ariaSort: 'ascending', href: '/committees/test-committee/2016-17?sort=ref&order=desc#indicators' });
    expect(byRef.headers.find((h) => h.key === 'title')!.ariaSort).toBe('none');
    expect(byRef.headers.find((h) => h.text === 'Target')!.ariaSort).toBeNull();
    const byRating = build({ sort: 'rating', order: 'desc', type: 'CPI' });
    expect(byRating.groups[0]!.rows.map((r) => r.ref)).toEqual(['X/3', 'X/2']);
    expect(byRating.headers.find((h) => h.key === 'rating')).toMatchObject({
      ariaSort: 'descending',
      href: '/committees/test-committee/2016-17?type=CPI&sort=rating&order=asc#indicators',
    });
    expect(byRating.filters.clearHref).toBe('/committees/test-committee/2016-17?sort=rating&order=desc#indicators');
  });

  it('lists the periods by plan year, newest first, marking the current one, and prints the key', () => {
    const view = build();
    expect(view.periodNav).toEqual([
      {
        planYear: '2016/17',
        periods: [
          { text: 'Q1 2016/17', href: '/committees/test-committee/2016-17-q1', current: false },
          { text: 'Year 16/17', href: '/committees/test-committee/2016-17', current: true },
        ],
      },
      { planYear: '2015/16', periods: [{ text: 'Year 15/16', href: '/committees/test-committee/2015-16', current: false }] },
    ]);
    expect(view.key.map((k) => k.label)).toEqual(['Green', 'Green Amber', 'Red Amber', 'Red']);
    expect(view.links.actions).toBe('/committees/test-committee/2016-17/actions');
    expect(view.links.reports).toBe('/committees/test-committee/2016-17/reports');
  });
});
