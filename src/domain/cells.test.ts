import { describe, expect, it } from 'vitest';
import {
  formatNumber,
  formatTarget,
  parseActionRag,
  parseBasis,
  parseBenchmarkText,
  parseFrequency,
  parseNumberText,
  parsePolarity,
  parseRag,
  parseResultStatus,
  parseResultText,
  parseTargetText,
  parseUnit,
} from './cells.ts';

describe('vocabularies', () => {
  it('polarity', () => {
    expect(parsePolarity('Bigger is Better')).toBe('bigger');
    expect(parsePolarity('  smaller IS better ')).toBe('smaller');
    expect(parsePolarity('higher')).toBe('bigger');
    expect(parsePolarity('Lower')).toBe('smaller');
    expect(parsePolarity('bigger')).toBe('bigger');
    expect(parsePolarity('Biggest')).toBeNull();
    expect(parsePolarity('')).toBeNull();
  });

  it('unit', () => {
    expect(parseUnit('%')).toBe('percent');
    expect(parseUnit('Percent')).toBe('percent');
    expect(parseUnit('count')).toBe('number');
    expect(parseUnit('£')).toBe('currency');
    expect(parseUnit('days')).toBe('days');
    expect(parseUnit('rate')).toBe('rate');
    expect(parseUnit('Rate per 1,000 population')).toBe('rate');
    expect(parseUnit('kg')).toBeNull();
  });

  it('frequency', () => {
    expect(parseFrequency('Monthly')).toBe('monthly');
    expect(parseFrequency('quarterly')).toBe('quarterly');
    for (const t of ['biannual', 'Bi-annual', 'biannually', 'six-monthly', 'Six monthly']) expect(parseFrequency(t)).toBe('biannual');
    expect(parseFrequency('annual')).toBe('annual');
    expect(parseFrequency('weekly')).toBeNull();
  });

  it('basis', () => {
    expect(parseBasis('discrete')).toBe('discrete');
    expect(parseBasis('c')).toBe('cumulative');
    expect(parseBasis('(c)')).toBe('cumulative');
    expect(parseBasis('Snapshot')).toBe('snapshot');
    expect(parseBasis('S')).toBe('snapshot');
    expect(parseBasis('r')).toBe('rolling');
    expect(parseBasis('x')).toBeNull();
  });

  it('result status', () => {
    expect(parseResultStatus('Due')).toBe('due');
    expect(parseResultStatus('not  available')).toBe('not available');
    expect(parseResultStatus('Not collected')).toBe('not collected');
    expect(parseResultStatus('NEW')).toBe('new');
    expect(parseResultStatus('late')).toBeNull();
  });

  it('indicator rag', () => {
    expect(parseRag('G')).toBe('G');
    expect(parseRag('green amber')).toBe('GA');
    expect(parseRag('Green Amber')).toBe('GA');
    expect(parseRag('amber')).toBe('A');
    expect(parseRag(' ra ')).toBe('RA');
    expect(parseRag('Red')).toBe('R');
    expect(parseRag('Purple')).toBeNull();
  });

  it('action rag: no amber, blanks are not rated', () => {
    expect(parseActionRag('G')).toBe('G');
    expect(parseActionRag('Green Amber')).toBe('GA');
    expect(parseActionRag('RA')).toBe('RA');
    expect(parseActionRag('red')).toBe('R');
    expect(parseActionRag('A')).toBeNull();
    expect(parseActionRag('Amber')).toBeNull();
    for (const t of ['', '  ', 'Not rated', 'N/A', 'not due']) expect(parseActionRag(t)).toBe('not-rated');
    expect(parseActionRag('Blue')).toBeNull();
  });
});

describe('parseNumberText', () => {
  it.each([
    ['85%', { value: 85, unit: 'percent' }],
    ['85.5 %', { value: 85.5, unit: 'percent' }],
    ['1,939', { value: 1939 }],
    ['717', { value: 717 }],
    ['£6.8m', { value: 6_800_000, unit: 'currency' }],
    ['£2.2m', { value: 2_200_000, unit: 'currency' }],
    ['£150k', { value: 150_000, unit: 'currency' }],
    ['8.35 days', { value: 8.35, unit: 'days' }],
    ['17.5% reduction', { value: 17.5, unit: 'percent', qualifier: 'reduction' }],
    ['5% increase', { value: 5, unit: 'percent', qualifier: 'increase' }],
    ['(4)', { value: -4 }],
    ['(£4k)', { value: -4000, unit: 'currency' }],
    ['-3', { value: -3 }],
    ['−3', { value: -3 }],
    ['71.1 per 1,000', { value: 71.1, unit: 'rate' }],
    ['15 apprenticeships', { value: 15, unit: 'number' }],
    ['0.5', { value: 0.5 }],
  ])('%s', (text, expected) => {
    expect(parseNumberText(text)).toEqual(expected);
  });

  it.each(['', 'abc', '85%%', '1,93', '£85%', '--3', '12 (G)', 'Due Q3'])('rejects %j', (text) => {
    expect(parseNumberText(text)).toBeNull();
  });

  it('formats numbers in their shortest form', () => {
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatNumber(-3)).toBe('-3');
    expect(formatNumber(6_800_000)).toBe('6800000');
  });
});

describe('parseTargetText', () => {
  it('numbers', () => {
    expect(parseTargetText('90%')).toEqual({ form: 'value', value: 90 });
    expect(parseTargetText('6 days')).toEqual({ form: 'value', value: 6 });
    expect(parseTargetText('£2.2m')).toEqual({ form: 'value', value: 2_200_000 });
    expect(parseTargetText('15')).toEqual({ form: 'value', value: 15 });
    expect(parseTargetText('20% reduction')).toEqual({ form: 'value', value: 20, qualifier: 'reduction' });
  });

  it('monitor and directions', () => {
    expect(parseTargetText('Monitor')).toEqual({ form: 'monitor' });
    expect(parseTargetText('Monitor only')).toEqual({ form: 'monitor' });
    expect(parseTargetText('Increase')).toEqual({ form: 'directional', direction: 'increase' });
    expect(parseTargetText('decrease')).toEqual({ form: 'directional', direction: 'decrease' });
    expect(parseTargetText('Reduce')).toEqual({ form: 'directional', direction: 'decrease' });
    expect(parseTargetText('Sustain reductions')).toEqual({ form: 'directional', direction: 'sustain' });
    expect(parseTargetText('Sustain')).toEqual({ form: 'directional', direction: 'sustain' });
    expect(parseTargetText('Maintain')).toEqual({ form: 'directional', direction: 'sustain' });
  });

  it('thresholds', () => {
    const above = { form: 'threshold', value: 85, comparator: 'at-or-above' };
    const below = { form: 'threshold', value: 5, comparator: 'at-or-below' };
    for (const t of ['Remain at or above 85%', 'At least 85%', '≥ 85%', '>=85%', '85% or above', '85% or more']) {
      expect(parseTargetText(t), t).toEqual(above);
    }
    for (const t of ['Remain at or below 5', 'No more than 5', '≤ 5', '5 or below', 'at most 5']) {
      expect(parseTargetText(t), t).toEqual(below);
    }
  });

  it('not applicable', () => {
    for (const t of ['N/A', 'n/a', 'Not applicable', '-', '–']) expect(parseTargetText(t), t).toEqual({ form: 'not-applicable' });
  });

  it('rejects nonsense and blank', () => {
    expect(parseTargetText('')).toBeNull();
    expect(parseTargetText('lots')).toBeNull();
    expect(parseTargetText('At least lots')).toBeNull();
    expect(parseTargetText('90% (G)')).toBeNull();
  });

  it('formats a target that parses back to itself', () => {
    const targets = ['90%', '20% reduction', 'Monitor', 'Increase', 'Decrease', 'Sustain', 'At least 85', 'No more than 5', 'N/A'].map(
      (t) => parseTargetText(t)!,
    );
    for (const t of targets) expect(parseTargetText(formatTarget(t))).toEqual(t);
  });
});

describe('parseResultText', () => {
  const reported = { status: 'reported', printedRag: null, dataPeriodHint: null, basisHint: null };
  it('values with printed ratings, data periods and basis markers', () => {
    expect(parseResultText('67% (G)')).toEqual({ ...reported, value: 67, printedRag: 'G' });
    expect(parseResultText('21% reduction (G)')).toEqual({ ...reported, value: 21, printedRag: 'G' });
    expect(parseResultText('23% (RA)')).toEqual({ ...reported, value: 23, printedRag: 'RA' });
    expect(parseResultText('83% (Spring 2015)')).toEqual({ ...reported, value: 83, dataPeriodHint: 'Spring 2015' });
    expect(parseResultText('1,939 (c)')).toEqual({ ...reported, value: 1939, basisHint: 'cumulative' });
    expect(parseResultText('52% (Autumn 2016) (G)')).toEqual({ ...reported, value: 52, printedRag: 'G', dataPeriodHint: 'Autumn 2016' });
    expect(parseResultText('(4)')).toEqual({ ...reported, value: -4 });
    expect(parseResultText('717')).toEqual({ ...reported, value: 717 });
  });

  it('statuses', () => {
    expect(parseResultText('Due Q3 18/19')).toMatchObject({ value: null, status: 'due' });
    expect(parseResultText('Due in Q3 18/19')).toMatchObject({ value: null, status: 'due' });
    expect(parseResultText('New for 2016/17')).toMatchObject({ value: null, status: 'new' });
    expect(parseResultText('New (2016/17)')).toMatchObject({ value: null, status: 'new' });
    expect(parseResultText('Q not included in Autumn 2015')).toEqual({
      ...reported,
      value: null,
      status: 'not collected',
      dataPeriodHint: 'Autumn 2015',
    });
    expect(parseResultText('Not collected')).toMatchObject({ value: null, status: 'not collected' });
    expect(parseResultText('Not available')).toMatchObject({ value: null, status: 'not available' });
    expect(parseResultText('N/A')).toMatchObject({ value: null, status: 'not available' });
  });

  it('blank is a reported result without a value (the caller decides)', () => {
    expect(parseResultText('')).toEqual({ ...reported, value: null });
  });

  it('rejects what it cannot understand', () => {
    expect(parseResultText('lots')).toBeNull();
    expect(parseResultText('67% (provisional)')).toBeNull();
    expect(parseResultText('67% (G) (R)')).toBeNull();
  });
});

describe('parseBenchmarkText', () => {
  it('label, value, period and source', () => {
    expect(parseBenchmarkText('London 16.5% (Jan-Dec 2014, Ministry of Justice)')).toEqual({
      text: 'London 16.5% (Jan-Dec 2014, Ministry of Justice)',
      label: 'London',
      value: 16.5,
      period: 'Jan-Dec 2014',
      source: 'Ministry of Justice',
    });
    expect(parseBenchmarkText('National Average 25% (July 2014 – June 2015, Ministry of Justice)')).toMatchObject({
      label: 'National Average',
      value: 25,
      period: 'July 2014 – June 2015',
      source: 'Ministry of Justice',
    });
  });

  it('two values: the first is taken, the whole text kept', () => {
    const text = 'London 27.8% National 29.2% (Oct 15 - Sep 16, Ministry of Justice)';
    expect(parseBenchmarkText(text)).toEqual({ text, label: 'London', value: 27.8, period: 'Oct 15 - Sep 16', source: 'Ministry of Justice' });
  });

  it('a period at the start of the bracket without a comma', () => {
    expect(parseBenchmarkText('National 71% (2015/16 Community Life Survey)')).toMatchObject({
      label: 'National',
      value: 71,
      period: '2015/16',
      source: 'Community Life Survey',
    });
  });

  it('no benchmark', () => {
    expect(parseBenchmarkText('No benchmark available')).toBeNull();
    expect(parseBenchmarkText('  ')).toBeNull();
  });

  it('text without a number keeps the text as label', () => {
    expect(parseBenchmarkText('Top quartile')).toEqual({ text: 'Top quartile', label: 'Top quartile', value: null, period: null, source: null });
  });
});
