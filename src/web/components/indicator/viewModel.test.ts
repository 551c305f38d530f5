import { describe, expect, it } from 'vitest';
import { fakeIndicator } from '../../../../test/support/reportFixture.ts';
import type { IndicatorVersionRecord } from '../../../services/committeePerformance.ts';
import { buildIndicatorView, type IndicatorPageInput } from './viewModel.ts';

const version = (over: Partial<IndicatorVersionRecord & { committeeName: string }> = {}): IndicatorVersionRecord & { committeeName: string } => ({
  id: 1,
  indicatorId: 1,
  fromYear: null,
  title: 'Hate crime',
  committeeId: 1,
  priorityId: 1,
  committeeName: 'Old Committee',
  priority: 'Safe communities',
  type: 'SPI',
  polarity: 'smaller',
  unit: 'number',
  frequency: 'quarterly',
  basis: 'rolling',
  source: 'Met Police',
  tolerance: null,
  definition: 'Offences recorded.\nRolling 12 months.',
  measuredAgainst: 'Monitor only',
  owner: null,
  footnote: null,
  ...over,
});

const period = (key: string, value: number, extra: Parameters<typeof fakeIndicator>[0] = { ref: 'H/1' }) => {
  const indicator = fakeIndicator({ ...extra, ref: 'H/1', value, commentary: extra.commentary ?? null });
  return { key, committee: { slug: 'cl', name: 'Old Committee' }, status: null, indicator };
};

const input: IndicatorPageInput = {
  ref: 'H/1',
  versions: [version(), version({ fromYear: 2018, title: 'Racist and religious hate crime', committeeName: 'New Committee', tolerance: 4.4 })],
  targets: [
    { period: '2018', planYear: 2018, spec: { form: 'monitor' }, printed: 'Monitor' },
    { period: '2016', planYear: 2016, spec: { form: 'value', value: 20 }, printed: '' },
  ],
  periods: [period('2018-Q2', 711, { ref: 'H/1', commentary: '711 compared to 667' }), period('2017-Q2', 667), period('2016', 650)],
  audit: null,
};

describe('buildIndicatorView', () => {
  it('uses the latest definition and puts how it is measured and what against first', () => {
    const view = buildIndicatorView(input);
    expect(view.pageTitle).toBe('H/1 Racist and religious hate crime');
    expect(view.committeeName).toBe('New Committee');
    expect(view.measurement.how).toEqual(['Offences recorded.', 'Rolling 12 months.']);
    expect(view.measurement.howFacts).toContainEqual({ key: 'Basis', value: 'Rolling 12 months (r)' });
    expect(view.measurement.howFacts).toContainEqual({ key: 'Survey tolerance', value: '±4.4 points: a difference within it is not statistically significant' });
    expect(view.measurement.against).toEqual(['Monitor only']);
    expect(view.measurement.againstFacts).toEqual([
      { key: 'Polarity', value: 'Smaller is Better' },
      { key: 'Target 2018/19', value: 'Monitor' },
    ]);
  });

  it('lists results oldest first with the reason for each rating, and commentary newest first', () => {
    const view = buildIndicatorView(input);
    expect(view.results.map((r) => [r.period, r.result, r.reason])).toEqual([
      ['2016/17', '650%', 'Reason text'],
      ['Q2 2017/18', '667%', 'Reason text'],
      ['Q2 2018/19', '711%', 'Reason text'],
    ]);
    expect(view.results[2]).toMatchObject({ id: 'period-2018-19-q2', dashboardHref: '/committees/cl/2018-19-q2', status: null });
    expect(view.commentary).toEqual([{ period: 'Q2 2018/19', id: 'commentary-2018-19-q2', commentary: ['711 compared to 667'], intervention: [] }]);
  });

  it('keeps definition versions newest first and targets by plan year', () => {
    const view = buildIndicatorView(input);
    expect(view.versions.map((v) => v.heading)).toEqual(['From 2018/19', 'From the start']);
    expect(view.targets).toEqual([
      { planYear: '2016/17', period: 'Whole year', target: '20' },
      { planYear: '2018/19', period: 'Whole year', target: 'Monitor' },
    ]);
  });

  it('prints a version’s definition once: the one in force is shown at the top, older different ones in full', () => {
    const changed = buildIndicatorView({ ...input, versions: [version({ definition: 'Offences counted differently.' }), input.versions[1]!] });
    expect(changed.measurement.how).toEqual(['Offences recorded.', 'Rolling 12 months.']);
    expect(changed.versions.map((v) => [v.heading, v.definitionAsAbove, v.definition])).toEqual([
      ['From 2018/19', true, []],
      ['From the start', false, ['Offences counted differently.']],
    ]);
    expect(changed.versions.every((v) => v.measuredAgainstAsAbove && v.measuredAgainst.length === 0)).toBe(true);
  });

  it('charts the results and targets, with the data in the description', () => {
    const view = buildIndicatorView(input);
    expect(view.chart).toContain('role="img"');
    expect(view.chart).toContain('Result (quarter), Q2 2018/19: 711%');
    expect(view.chart).toContain('Result (year), 2016/17: 650%');
    expect(view.chart).toContain('>Target</text>');
    expect(view.chart).not.toContain('>Benchmark</text>');
  });

  it('fills the audit slot only when given rows', () => {
    expect(buildIndicatorView(input).audit).toBeNull();
    const view = buildIndicatorView({
      ...input,
      audit: [
        {
          id: 1,
          at: new Date('2026-11-23T10:15:00Z'),
          actor: 'demo',
          action: 'import:change',
          entity: 'result',
          entityKey: 'H/1 Q2 2018/19',
          before: { value: 700, note: 'x' },
          after: { value: 711, note: 'x' },
          reason: 'Correction',
        },
      ],
    });
    expect(view.audit).toEqual([
      { at: '2026-11-23 10:15', actor: 'demo', action: 'import:change', record: 'Result H/1 Q2 2018/19', changes: ['value: 700 → 711'], reason: 'Correction' },
    ]);
  });
});

describe('confidence intervals on the indicator page (ADR 0019)', () => {
  const survey = (key: string, value: number, numerator: number | null, denominator: number | null, level: 95 | 99.8 | null = null) => {
    const p = period(key, value);
    p.indicator = { ...p.indicator, unit: 'percent', polarity: 'bigger', significanceLevel: level, result: { ...p.indicator.result!, value, numerator, denominator } };
    return p;
  };
  const page = (periods: ReturnType<typeof survey>[]) => buildIndicatorView({ ...input, periods });

  it('shows the 95% interval of a result with counts and whether the change from the previous one is significant', () => {
    const view = page([survey('2016', 64, 317, 496), survey('2017', 67, 332, 496)]);
    expect(view.results[0]!.intervals).toEqual(['95% confidence interval: 59.6% to 68.0% (Wilson score interval)']);
    expect(view.results[0]!.change).toBeNull();
    expect(view.results[1]!.intervals).toEqual(['95% confidence interval: 62.7% to 70.9% (Wilson score interval)']);
    expect(view.results[1]!.change).toBe(
      'The 95% confidence intervals of 2017/18 (62.7% to 70.9%) and 2016/17 (59.6% to 68.0%) overlap: the change is not statistically significant',
    );
  });

  it('adds the 99.8% interval when the plan year rates by it, and says a significant change in words', () => {
    const view = page([survey('2016', 30, 300, 1000, 99.8), survey('2017', 40, 400, 1000, 99.8)]);
    expect(view.results[1]!.intervals).toEqual([
      '95% confidence interval: 37.0% to 43.1% (Wilson score interval)',
      '99.8% confidence interval: 35.3% to 44.9% (Wilson score interval)',
    ]);
    expect(view.results[1]!.change).toMatch(/do not overlap: 2017\/18 is significantly higher \(better\) than 2016\/17$/);
  });

  it('says why a result with counts has no interval, and shows nothing without counts', () => {
    const view = page([survey('2016', 70, 317, 496), survey('2017', 67, null, null)]);
    expect(view.results[0]!.intervals).toEqual(['No confidence interval: the value 70% is not 317 of 496 (63.91%), so the interval would not be of this result']);
    expect(view.results[1]!.intervals).toEqual([]);
    expect(view.results[1]!.change).toBeNull();
  });
});
