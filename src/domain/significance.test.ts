import { describe, expect, it } from 'vitest';
import { proportionInterval, type ConfidenceInterval } from './confidence.ts';
import { rateIndicator } from './rating.ts';
import {
  agreesWith,
  changeSignificance,
  compareWithComparator,
  rateBySignificance,
  rateResult,
  ratingBasisKey,
  resultInterval,
  significanceApplies,
  significanceKey,
} from './significance.ts';
import type { PlanYearSettings } from './types.ts';

const pct = (v: number) => `${v.toFixed(1)}%`;
const interval = (lower: number, upper: number, value = (lower + upper) / 2): ConfidenceInterval => ({
  value, lower, upper, level: 95, method: 'wilson', multiplier: 100, numerator: 0, denominator: 1, explanation: '',
});

describe('compareWithComparator', () => {
  it('is similar when the interval includes the comparator (limits inclusive)', () => {
    const s = compareWithComparator({ interval: interval(61.2, 66.8), comparator: { label: 'England value', value: 64 }, polarity: 'bigger', format: pct });
    expect(s).toEqual({ outcome: 'similar', reason: '95% confidence interval 61.2%–66.8% includes the England value 64.0%: similar' });
    expect(compareWithComparator({ interval: interval(61.2, 66.8), comparator: { label: 'target', value: 66.8 }, polarity: 'bigger' }).outcome).toBe('similar');
  });

  it('uses polarity for better and worse', () => {
    const above = { interval: interval(61.2, 66.8), comparator: { label: 'England value', value: 60 }, format: pct };
    expect(compareWithComparator({ ...above, polarity: 'bigger' })).toEqual({
      outcome: 'better',
      reason: '95% confidence interval 61.2%–66.8% is wholly above the England value 60.0%: better',
    });
    expect(compareWithComparator({ ...above, polarity: 'smaller' }).outcome).toBe('worse');
    const below = { ...above, comparator: { label: 'England value', value: 70 } };
    expect(compareWithComparator({ ...below, polarity: 'bigger' }).outcome).toBe('worse');
    expect(compareWithComparator({ ...below, polarity: 'smaller' }).outcome).toBe('better');
  });

  it('says higher or lower without polarity', () => {
    const s = compareWithComparator({ interval: interval(61.2, 66.8), comparator: { label: 'England value', value: 70 }, polarity: null, format: pct });
    expect(s.outcome).toBe('lower');
    expect(s.reason).toBe('95% confidence interval 61.2%–66.8% is wholly below the England value 70.0%: lower (no polarity: lower, no judgement)');
  });

  it('does not compare without an interval or a comparator value', () => {
    expect(compareWithComparator({ interval: null, comparator: { label: 'England value', value: 1 }, polarity: 'bigger' }).outcome).toBe('not-compared');
    const s = compareWithComparator({ interval: interval(1, 2), comparator: { label: 'England value', value: null }, polarity: 'bigger' });
    expect(s.outcome).toBe('not-compared');
    expect(s.reason).toBe('No England value to compare the 95% confidence interval 1.0–2.0 with: not compared');
  });

  it('works on a computed Wilson interval', () => {
    // 640 of 1,000 = 64.0%, 95% CI 61.0% to 66.9%: includes 65%, wholly above 60%.
    const ci = proportionInterval({ numerator: 640, denominator: 1000, level: 95 });
    expect(compareWithComparator({ interval: ci, comparator: { label: 'target', value: 65 }, polarity: 'bigger' }).outcome).toBe('similar');
    expect(compareWithComparator({ interval: ci, comparator: { label: 'target', value: 60 }, polarity: 'bigger' }).outcome).toBe('better');
  });
});

describe('rateBySignificance', () => {
  const variance: PlanYearSettings = { startYear: 2018, method: { kind: 'variance', redFrom: 10 }, directionalPolicy: 'monitor' };
  const achievement: PlanYearSettings = {
    startYear: 2016,
    method: { kind: 'achievement', formula: 'ratio', greenFrom: 100, greenAmberFrom: 80, redAmberFrom: 65 },
    directionalPolicy: 'monitor',
  };
  const survey = (numerator: number, denominator: number, target: number) => {
    const ci = proportionInterval({ numerator, denominator, level: 95 });
    return { ci, input: { polarity: 'bigger' as const, target: { form: 'value' as const, value: target }, result: ci.value, tolerance: 4.4 } };
  };

  it('rates a miss that is not significant Green, and says why', () => {
    const { ci, input } = survey(640, 1000, 65);
    const r = rateBySignificance(input, ci, variance, pct);
    expect(r.value).toBe('G');
    expect(r.reason.text).toBe(
      'Rated by significance (Wilson score interval, significance against target): 95% confidence interval 61.0%–66.9% includes the target 65.0%: similar; not significantly different from target = Green',
    );
    expect(r.reason.band).toBe('not significantly different from target');
  });

  it('rates a significant miss by the size of the miss, as the method says', () => {
    const { ci, input } = survey(550, 1000, 65); // 55%, CI 51.9–58.1: wholly below 65
    const r = rateBySignificance(input, ci, variance, pct);
    const byMethod = rateIndicator({ ...input, tolerance: null }, variance);
    expect(r.value).toBe(byMethod.value);
    expect(r.value).toBe('R'); // 10 ÷ 65 = 15.4% off target
    expect(r.reason.text).toContain('is wholly below the target 65.0%: worse, so the miss is significant');
    expect(r.reason.text).toContain('shortfall 10 ÷ target 65 = 15.4% off target');
    const b = rateBySignificance(input, ci, achievement, pct);
    expect(b.value).toBe('GA'); // 55 ÷ 65 = 84.6% achieved
  });

  it('differs from the tolerance rule where significance and tolerance disagree', () => {
    // 6,000 of 10,000 = 60% against 63: within the ±4.4 tolerance (Green by tolerance), but the large sample's
    // CI 59.0–61.0 is wholly below 63, so by significance it is a real miss: 3 ÷ 63 = 4.8% off target = Amber.
    const { ci, input } = survey(6000, 10000, 63);
    expect(rateIndicator(input, variance).value).toBe('G');
    expect(rateBySignificance(input, ci, variance).value).toBe('A');
  });

  it('rates a significant better result Green', () => {
    const { ci, input } = survey(800, 1000, 65);
    expect(rateBySignificance(input, ci, variance).reason.band).toBe('significantly better than target');
  });

  it('leaves Monitor, missing targets and missing results to the usual rating', () => {
    const ci = proportionInterval({ numerator: 1, denominator: 2, level: 95 });
    const monitor = { polarity: 'bigger' as const, target: { form: 'monitor' as const }, result: 50, tolerance: null };
    expect(rateBySignificance(monitor, ci, variance)).toEqual(rateIndicator(monitor, variance));
    const noResult = { polarity: 'bigger' as const, target: { form: 'value' as const, value: 50 }, result: null, tolerance: null };
    expect(rateBySignificance(noResult, null, variance).value).toBe('not-rated');
  });

  it('without an interval, rates by the method alone and says so', () => {
    const input = { polarity: 'bigger' as const, target: { form: 'value' as const, value: 50 }, result: 60, tolerance: null };
    const r = rateBySignificance(input, null, variance);
    expect(r.value).toBe('G');
    expect(r.reason.text).toMatch(/^No confidence interval for this result, so it is rated by Method A/);
  });

  it('refuses an interval of another value', () => {
    const { ci } = survey(640, 1000, 65);
    expect(() => rateBySignificance({ polarity: 'bigger', target: { form: 'value', value: 65 }, result: 70, tolerance: null }, ci, variance)).toThrow(/not of the result 70/);
  });

  it('prints a key naming the method', () => {
    expect(significanceKey(95)).toContain('95% confidence');
    expect(significanceKey(95)).toContain('Wilson score for proportions');
  });
});

describe('agreesWith', () => {
  it('accepts the exact value rounded to the result’s printed decimals, and nothing further off', () => {
    expect(agreesWith(67, (332 / 496) * 100)).toBe(true); // 66.94 printed 67
    expect(agreesWith(64, (317 / 496) * 100)).toBe(true); // 63.91 printed 64
    expect(agreesWith(67, (325 / 496) * 100)).toBe(false); // 65.52 is printed 66
    expect(agreesWith(66.9, (332 / 496) * 100)).toBe(true);
    expect(agreesWith(66.8, (332 / 496) * 100)).toBe(false);
  });
});

describe('resultInterval', () => {
  it('is Wilson for a percentage and checks the value is the counts’', () => {
    const r = resultInterval({ unit: 'percent' }, { value: 67, numerator: 332, denominator: 496 }, 95);
    expect(r.interval?.method).toBe('wilson');
    expect(r.interval?.lower).toBeCloseTo(62.68, 2);
    expect(r.interval?.upper).toBeCloseTo(70.93, 2);
    expect(resultInterval({ unit: 'percent' }, { value: 70, numerator: 332, denominator: 496 }, 95).problem).toBe(
      'the value 70% is not 332 of 496 (66.94%), so the interval would not be of this result',
    );
  });

  it('is Byar’s for a rate, with the multiplier the value shows', () => {
    const r = resultInterval({ unit: 'rate' }, { value: 5.2, numerator: 520, denominator: 100000 }, 99.8);
    expect(r.interval).toMatchObject({ method: 'byar', multiplier: 1000, level: 99.8 });
    expect(resultInterval({ unit: 'rate' }, { value: 3, numerator: 520, denominator: 100000 }, 95).problem).toMatch(/^the rate 3 is not 520 ÷ 100,000/);
  });

  it('says why there is none', () => {
    expect(resultInterval({ unit: 'percent' }, { value: 67, numerator: null, denominator: 496 }, 95).problem).toBe('no numerator and denominator are recorded for this result');
    expect(resultInterval({ unit: 'days' }, { value: 6, numerator: 6, denominator: 1 }, 95).problem).toMatch(/not for the unit days/);
    expect(resultInterval({ unit: 'percent' }, { value: 100, numerator: 500, denominator: 496 }, 95).problem).toMatch(/larger than the denominator/);
  });
});

describe('changeSignificance', () => {
  const ci = (x: number, n: number) => proportionInterval({ numerator: x, denominator: n, level: 95 });
  it('reads overlapping intervals as no significant change', () => {
    const c = changeSignificance({ label: '2016/17', interval: ci(332, 496) }, { label: '2015/16', interval: ci(317, 496) }, 'bigger', pct);
    expect(c).toEqual({
      significant: false,
      outcome: 'similar',
      text: 'The 95% confidence intervals of 2016/17 (62.7% to 70.9%) and 2015/16 (59.6% to 68.0%) overlap: the change is not statistically significant',
    });
  });

  it('reads separate intervals as a significant change, better or worse by polarity', () => {
    const now = { label: 'Q2', interval: ci(800, 1000) };
    const then = { label: 'Q1', interval: ci(700, 1000) };
    expect(changeSignificance(now, then, 'bigger')).toMatchObject({ significant: true, outcome: 'better' });
    expect(changeSignificance(now, then, 'smaller').outcome).toBe('worse');
    expect(changeSignificance(now, then, 'bigger').text).toMatch(/do not overlap: Q2 is significantly higher \(better\) than Q1$/);
  });
});

describe('rateResult', () => {
  const variance: PlanYearSettings = { startYear: 2018, method: { kind: 'variance', redFrom: 10 }, directionalPolicy: 'monitor' };
  const significance: PlanYearSettings = { ...variance, significanceLevel: 95 };
  const survey = { unit: 'percent', tolerance: 4.4, source: "Residents' Perception Survey" };
  const input = { polarity: 'bigger' as const, target: { form: 'value' as const, value: 72 }, result: 67, tolerance: 4.4 };

  it('rates by tolerance when the plan year does not choose significance', () => {
    const r = rateResult(input, survey, { numerator: 332, denominator: 496 }, variance);
    expect(r.rating).toEqual(rateIndicator(input, variance));
    expect(r.interval).toBeNull();
  });

  it('rates a survey result with counts by its interval, naming interval, comparison and band', () => {
    const r = rateResult(input, survey, { numerator: 332, denominator: 496 }, significance);
    expect(r.rating.value).toBe('A');
    expect(r.rating.reason.text).toMatch(/^Rated by significance \(Wilson score interval, significance against target\): 95% confidence interval 62\.7%–70\.9% is wholly below the target 72\.0%: worse/);
    const similar = rateResult({ ...input, target: { form: 'value', value: 68 } }, survey, { numerator: 332, denominator: 496 }, significance);
    expect(similar.rating.value).toBe('G');
    expect(similar.rating.reason.text).toMatch(/includes the target 68\.0%: similar; not significantly different from target = Green$/);
  });

  it('rates as before, and says why, when a survey result has no counts', () => {
    const r = rateResult(input, survey, { numerator: null, denominator: null }, significance);
    expect(r.rating.value).toBe(rateIndicator(input, variance).value);
    expect(r.rating.reason.text).toMatch(/^Not rated by significance \(no numerator and denominator are recorded for this result\), so rated as without it: Method A/);
  });

  it('leaves indicators that are neither surveys nor rates as they were', () => {
    const other = { unit: 'percent', tolerance: null, source: 'Met Police' };
    expect(significanceApplies(other)).toBe(false);
    expect(significanceApplies({ unit: 'rate', tolerance: null, source: null })).toBe(true);
    expect(rateResult({ ...input, tolerance: null }, other, { numerator: 332, denominator: 496 }, significance).rating).toEqual(rateIndicator({ ...input, tolerance: null }, variance));
  });

  it('prints a key line for either basis', () => {
    expect(ratingBasisKey(null)).toMatch(/fixed survey tolerance/);
    expect(ratingBasisKey(99.8)).toBe(significanceKey(99.8));
  });
});
