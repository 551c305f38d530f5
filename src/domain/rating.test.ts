import { describe, expect, it } from 'vitest';
import { methodKey, methodName, ragLabel, rateIndicator, type RatingInput } from './rating.ts';
import type { PlanYearSettings, RatingMethod, Target } from './types.ts';

const variance: RatingMethod = { kind: 'variance', redFrom: 10 };
const ratio: RatingMethod = { kind: 'achievement', formula: 'ratio', greenFrom: 100, greenAmberFrom: 80, redAmberFrom: 65 };
const baselineFormula: RatingMethod = { ...ratio, formula: 'baseline' };

const settings = (method: RatingMethod, directionalPolicy: PlanYearSettings['directionalPolicy'] = 'monitor'): PlanYearSettings => ({
  startYear: 2016,
  method,
  directionalPolicy,
});
const value = (v: number): Target => ({ form: 'value', value: v });
const input = (over: Partial<RatingInput>): RatingInput => ({ polarity: 'bigger', target: value(100), result: 100, tolerance: null, ...over });

describe('rateIndicator: published 2016/17 ratings (method B ratio, bands 100/80/65, RPS tolerance 4.4)', () => {
  const settings2016 = settings(ratio);
  const RPS = 4.4;
  it.each([
    ['CG/S4', 67, 68, RPS, 'G', true],
    ['CG/S10', 52, 53, RPS, 'G', true],
    ['CG/C5', 81, 85, RPS, 'G', true],
    ['CG/S16', 85, 90, RPS, 'GA', false],
    ['CG/S9', 23, 29, RPS, 'RA', false],
    ['CG/S5', 76, 74, RPS, 'G', false],
    ['CG/C6', 81, 78, RPS, 'G', false],
    ['CG/C7', 55, 53, RPS, 'G', false],
    ['CG/C8', 33, 25, null, 'G', false],
  ] as const)('%s: %d against %d → %s', (_ref, result, target, tolerance, expected, withinTolerance) => {
    const rating = rateIndicator(input({ result, target: value(target), tolerance }), settings2016);
    expect(rating.value).toBe(expected);
    expect(rating.reason.withinTolerance).toBe(withinTolerance);
  });

  it('CG/S3: 21% reduction against a 20% reduction target (Bigger is Better) compares the numbers → G', () => {
    const target: Target = { form: 'value', value: 20, qualifier: 'reduction' };
    expect(rateIndicator(input({ result: 21, target }), settings2016).value).toBe('G');
    expect(rateIndicator(input({ result: 17, target }), settings2016).value).toBe('GA');
  });

  it('says "1 point" and "2.5 points" for a miss within the tolerance', () => {
    expect(rateIndicator(input({ result: 79, target: value(80), tolerance: RPS }), settings2016).reason.text).toContain('missed by 1 point,');
    expect(rateIndicator(input({ result: 77.5, target: value(80), tolerance: RPS }), settings2016).reason.text).toContain('missed by 2.5 points,');
  });

  it('CG/S9 states method, inputs, measure and band', () => {
    const rating = rateIndicator(input({ result: 23, target: value(29), tolerance: RPS }), settings2016);
    expect(rating.reason).toMatchObject({
      method: 'achievement',
      text: 'Method B (percentage of targeted improvement achieved): 23 ÷ 29 = 79.3% achieved; > 65% < 80% = Red Amber',
      result: 23,
      comparedWith: 29,
      band: '> 65% < 80%',
      tolerance: 4.4,
      withinTolerance: false,
    });
    expect(rating.reason.measure).toBeCloseTo(79.31, 2);
  });

  it('CG/C5 says it is within the survey tolerance', () => {
    const rating = rateIndicator(input({ result: 81, target: value(85), tolerance: RPS }), settings2016);
    expect(rating.reason.text).toContain('within the ±4.4 point survey tolerance');
    expect(rating.reason.band).toBe('within the ±4.4 point survey tolerance');
    expect(rating.reason.measure).toBeCloseTo(95.29, 2);
  });
});

describe('rateIndicator: method A (percentage variance)', () => {
  const a = settings(variance);
  it.each([
    ['met exactly', 'bigger', 90, 90, 'G', 0],
    ['exceeded', 'bigger', 95, 90, 'G', 0],
    ['5.6% off', 'bigger', 85, 90, 'A', 5.556],
    ['just below red', 'bigger', 90.1, 100, 'A', 9.9],
    ['exactly at redFrom', 'bigger', 90, 100, 'R', 10],
    ['far off', 'bigger', 50, 100, 'R', 50],
    ['Smaller is Better, below target', 'smaller', 5, 6, 'G', 0],
    ['Smaller is Better, above target', 'smaller', 6.3, 6, 'A', 5],
    ['Smaller is Better, exactly 10% above', 'smaller', 6.6, 6, 'R', 10],
    ['negative target, Bigger is Better', 'bigger', -12, -10, 'R', 20],
    ['negative target, Smaller is Better', 'smaller', -9.5, -10, 'A', 5],
  ] as const)('%s: %d against %d → %s', (_name, polarity, result, target, expected, measure) => {
    const rating = rateIndicator(input({ polarity, result, target: value(target) }), a);
    expect(rating.value).toBe(expected);
    expect(rating.reason.method).toBe('variance');
    expect(rating.reason.measure).toBeCloseTo(measure, 2);
  });

  it('prints the band texts of the Q2 2018/19 key', () => {
    const amber = rateIndicator(input({ result: 85, target: value(90) }), a);
    expect(amber.reason.text).toBe('Method A (percentage variance): shortfall 5 ÷ target 90 = 5.6% off target; Up to 9.9% off target = Amber');
    expect(amber.reason.band).toBe('Up to 9.9% off target');
    expect(rateIndicator(input({ result: 50, target: value(90) }), a).reason.band).toBe('10% or more off target');
    expect(rateIndicator(input({ result: 90, target: value(90) }), a).reason.band).toBe('On target');
  });

  it('derives the bands from redFrom', () => {
    const r15 = settings({ kind: 'variance', redFrom: 15 });
    const rating = rateIndicator(input({ result: 88, target: value(100) }), r15);
    expect(rating.value).toBe('A');
    expect(rating.reason.band).toBe('Up to 14.9% off target');
    expect(rateIndicator(input({ result: 85, target: value(100) }), r15).value).toBe('R');
  });

  it('zero target: met → G; any shortfall → R with no percentage', () => {
    expect(rateIndicator(input({ polarity: 'smaller', result: 0, target: value(0) }), a).value).toBe('G');
    const missed = rateIndicator(input({ polarity: 'smaller', result: 3, target: value(0) }), a);
    expect(missed.value).toBe('R');
    expect(missed.reason.measure).toBeNull();
    expect(missed.reason.text).toContain('target of 0');
  });

  it('tolerance applies to method A too', () => {
    const rating = rateIndicator(input({ result: 86, target: value(90), tolerance: 4.4 }), a);
    expect(rating).toMatchObject({ value: 'G', reason: { withinTolerance: true } });
  });
});

describe('rateIndicator: method B (achievement)', () => {
  const b = settings(ratio);
  it.each([
    ['exactly 100%', 'bigger', 100, 100, 'G'],
    ['just below 100%', 'bigger', 99.9, 100, 'GA'],
    ['exactly 80%', 'bigger', 80, 100, 'GA'],
    ['just below 80%', 'bigger', 79.9, 100, 'RA'],
    ['exactly 65%', 'bigger', 65, 100, 'RA'],
    ['just below 65%', 'bigger', 64.9, 100, 'R'],
    ['8 of 10 (80% with floating point)', 'bigger', 8, 10, 'GA'],
    ['negative result', 'bigger', -5, 100, 'R'],
    ['Smaller is Better: 10 against 8 = 80%', 'smaller', 10, 8, 'GA'],
    ['Smaller is Better: 10 against 6.5 = 65%', 'smaller', 10, 6.5, 'RA'],
    ['Smaller is Better: 10 against 6 = 60%', 'smaller', 10, 6, 'R'],
    ['Smaller is Better: zero result', 'smaller', 0, 6, 'G'],
    ['Smaller is Better: zero target missed', 'smaller', 2, 0, 'R'],
  ] as const)('%s → %s', (_name, polarity, result, target, expected) => {
    expect(rateIndicator(input({ polarity, result, target: value(target) }), b).value).toBe(expected);
  });

  it('a result equal to the target up to floating-point noise meets it', () => {
    expect(rateIndicator(input({ result: 0.1 + 0.2, target: value(0.3) }), b).value).toBe('G');
  });

  it('Smaller is Better divides target by result', () => {
    const rating = rateIndicator(input({ polarity: 'smaller', result: 10, target: value(8) }), b);
    expect(rating.reason.text).toBe('Method B (percentage of targeted improvement achieved): 8 ÷ 10 = 80% achieved; > 80% < 100% = Green Amber');
    expect(rating.reason.measure).toBeCloseTo(80, 9);
  });

  it('Smaller is Better with result 0 is fully achieved', () => {
    const rating = rateIndicator(input({ polarity: 'smaller', result: 0, target: value(6) }), b);
    expect(rating.reason.measure).toBe(100);
  });

  it('a ratio that means nothing (target 0 or below, Bigger is Better) is not rated unless met', () => {
    const missed = rateIndicator(input({ result: -3, target: value(0) }), b);
    expect(missed.value).toBe('not-rated');
    expect(missed.reason.text).toContain('needs a target above 0');
    expect(rateIndicator(input({ result: 2, target: value(0) }), b).value).toBe('G');
    expect(rateIndicator(input({ result: -12, target: value(-10) }), b).value).toBe('not-rated');
  });

  it('derives the band texts from the configured numbers', () => {
    const custom = settings({ kind: 'achievement', formula: 'ratio', greenFrom: 100, greenAmberFrom: 90, redAmberFrom: 70 });
    const rating = rateIndicator(input({ result: 85, target: value(100) }), custom);
    expect(rating).toMatchObject({ value: 'RA', reason: { band: '> 70% < 90%' } });
    expect(rateIndicator(input({ result: 69, target: value(100) }), custom).reason.band).toBe('< 70%');
  });

  describe('baseline formula', () => {
    const bl = settings(baselineFormula);
    it('measures the share of the targeted improvement achieved', () => {
      // baseline 50, target 60: result 58 achieves 8 of the 10 points = 80%.
      const rating = rateIndicator(input({ result: 58, target: value(60), baseline: 50 }), bl);
      expect(rating.value).toBe('GA');
      expect(rating.reason.measure).toBeCloseTo(80, 9);
      expect(rating.reason.text).toBe('Method B (percentage of targeted improvement achieved): (58 − 50) ÷ (60 − 50) = 80% achieved; > 80% < 100% = Green Amber');
    });

    it('Smaller is Better: baseline 20, target 10, result 14 = 60% → R', () => {
      const rating = rateIndicator(input({ polarity: 'smaller', result: 14, target: value(10), baseline: 20 }), bl);
      expect(rating.value).toBe('R');
      expect(rating.reason.measure).toBeCloseTo(60, 9);
    });

    it('a result worse than the baseline is a negative achievement → R', () => {
      expect(rateIndicator(input({ result: 45, target: value(60), baseline: 50 }), bl).value).toBe('R');
    });

    it('missing baseline: not rated, saying why', () => {
      const rating = rateIndicator(input({ result: 55, target: value(60) }), bl);
      expect(rating.value).toBe('not-rated');
      expect(rating.reason.text).toContain('no baseline');
    });

    it('target equal to the baseline: not rated, saying why', () => {
      const rating = rateIndicator(input({ result: 55, target: value(60), baseline: 60 }), bl);
      expect(rating.value).toBe('not-rated');
      expect(rating.reason.text).toContain('no improvement on the baseline 60');
    });

    it('a met target is Green whatever the baseline', () => {
      expect(rateIndicator(input({ result: 61, target: value(60) }), bl).value).toBe('G');
    });
  });
});

describe('rateIndicator: target forms', () => {
  const b = settings(ratio);
  it('threshold "Remain at or above 85%": met at or above, otherwise rated against 85', () => {
    const target: Target = { form: 'threshold', value: 85, comparator: 'at-or-above' };
    expect(rateIndicator(input({ result: 85, target }), b).value).toBe('G');
    expect(rateIndicator(input({ result: 91, target }), b).value).toBe('G');
    const missed = rateIndicator(input({ result: 68, target }), b);
    expect(missed.value).toBe('GA');
    expect(missed.reason.comparedWith).toBe(85);
    expect(missed.reason.text).toContain('remain at or above 85');
  });

  it('threshold "at or below" rates in that direction, whatever the polarity says', () => {
    const target: Target = { form: 'threshold', value: 10, comparator: 'at-or-below' };
    expect(rateIndicator(input({ result: 10, target }), settings(variance)).value).toBe('G');
    expect(rateIndicator(input({ result: 11, target }), settings(variance)).value).toBe('R');
  });

  it('qualifier "increase" compares the numbers as they are', () => {
    const target: Target = { form: 'value', value: 5, qualifier: 'increase' };
    expect(rateIndicator(input({ result: 4.5, target }), settings(variance)).value).toBe('R');
  });

  it('Monitor: no RAG', () => {
    expect(rateIndicator(input({ target: { form: 'monitor' } }), b)).toMatchObject({
      value: 'monitor',
      reason: { method: 'none', text: 'Monitor only: no target', band: null, measure: null },
    });
  });

  it('no target or N/A: not rated', () => {
    for (const target of [null, { form: 'not-applicable' } as const]) {
      expect(rateIndicator(input({ target }), b)).toMatchObject({ value: 'not-rated', reason: { text: 'No target for this period' } });
    }
  });

  it('no result: not rated', () => {
    expect(rateIndicator(input({ result: null }), b)).toMatchObject({ value: 'not-rated', reason: { text: 'No result', result: null } });
  });
});

describe('rateIndicator: directional targets', () => {
  const increase: Target = { form: 'directional', direction: 'increase' };
  const decrease: Target = { form: 'directional', direction: 'decrease' };
  const sustain: Target = { form: 'directional', direction: 'sustain' };

  it('policy monitor: counted as Monitor (2016/17)', () => {
    const rating = rateIndicator(input({ target: increase, result: 32.4, previousResult: 37.7 }), settings(ratio, 'monitor'));
    expect(rating.value).toBe('monitor');
    expect(rating.reason.text).toBe("Directional target (Increase) counted as Monitor under this plan year's method");
  });

  describe('policy previous-year', () => {
    const py = settings(variance, 'previous-year');
    const rate = (target: Target, result: number, previousResult: number | null, polarity: 'bigger' | 'smaller' = 'bigger') =>
      rateIndicator(input({ polarity, target, result, previousResult, previousLabel: '2015/16' }), py);

    it('Increase met by a higher result', () => {
      const rating = rate(increase, 40, 37.7);
      expect(rating.value).toBe('G');
      expect(rating.reason.comparedWith).toBe(37.7);
      expect(rating.reason.text).toContain('against 2015/16 result 37.7');
    });

    it('Increase missed: rated with the method against last year (32.4 vs 37.7 = 14.1% off → R)', () => {
      const rating = rate(increase, 32.4, 37.7);
      expect(rating.value).toBe('R');
      expect(rating.reason.measure).toBeCloseTo(14.06, 2);
    });

    it('Increase with no change is not met, so not Green', () => {
      const rating = rate(increase, 37.7, 37.7);
      expect(rating.value).toBe('A');
      expect(rating.reason.text).toContain('not met');
      expect(rateIndicator(input({ target: increase, result: 50, previousResult: 50 }), settings(ratio, 'previous-year')).value).toBe('GA');
    });

    it('Increase follows its own direction, even for Smaller is Better', () => {
      expect(rate(increase, 40, 37.7, 'smaller').value).toBe('G');
      expect(rate(increase, 35, 37.7, 'smaller').value).toBe('A');
    });

    it('Decrease met by a lower result, missed by a higher one', () => {
      expect(rate(decrease, 19, 20).value).toBe('G');
      expect(rate(decrease, 21, 20).value).toBe('A');
      expect(rate(decrease, 20, 20).value).toBe('A');
    });

    it('Sustain is met by no change in the polarity direction', () => {
      expect(rate(sustain, 67.6, 67.6, 'smaller').value).toBe('G');
      expect(rate(sustain, 60, 67.6, 'smaller').value).toBe('G');
      // 71.1 against 67.6: 3.5 ÷ 67.6 = 5.2% off.
      expect(rate(sustain, 71.1, 67.6, 'smaller').value).toBe('A');
      expect(rate(sustain, 71.1, 67.6, 'bigger').value).toBe('G');
    });

    it('without last year’s result: not rated, saying why', () => {
      const rating = rate(increase, 40, null);
      expect(rating.value).toBe('not-rated');
      expect(rating.reason.text).toBe('Directional target (Increase) but no result for 2015/16 to compare with');
    });
  });
});

describe('rateIndicator: overrides', () => {
  const b = settings(ratio);
  it('returns the override, keeping the computed rating and both reasons', () => {
    const rating = rateIndicator(
      input({ result: 23, target: value(29), override: { value: 'GA', reason: 'Survey sample too small this wave' } }),
      b,
    );
    expect(rating.value).toBe('GA');
    expect(rating.reason.override).toEqual({ computed: 'RA', reason: 'Survey sample too small this wave' });
    expect(rating.reason.text).toContain('Overridden to Green Amber: Survey sample too small this wave');
    expect(rating.reason.text).toContain('computed Red Amber');
    expect(rating.reason.text).toContain('23 ÷ 29 = 79.3% achieved');
    expect(rating.reason.measure).toBeCloseTo(79.31, 2);
  });

  it('can override a rating that could not be computed', () => {
    const rating = rateIndicator(input({ result: null, override: { value: 'R', reason: 'Data not supplied by provider' } }), b);
    expect(rating.value).toBe('R');
    expect(rating.reason.override?.computed).toBe('not-rated');
  });

  it('refuses an override without a reason', () => {
    expect(() => rateIndicator(input({ override: { value: 'G', reason: '  ' } }), b)).toThrow(/reason/);
  });

  it('no override: no override in the reason', () => {
    expect(rateIndicator(input({ override: null }), b).reason.override).toBeUndefined();
  });
});

describe('labels and keys', () => {
  it('ragLabel', () => {
    expect((['G', 'GA', 'A', 'RA', 'R', 'monitor', 'not-rated'] as const).map((r) => ragLabel(r))).toEqual([
      'Green',
      'Green Amber',
      'Amber',
      'Red Amber',
      'Red',
      'Monitor',
      'Not rated',
    ]);
  });

  it('methodName', () => {
    expect(methodName(variance)).toBe('Method A (percentage variance)');
    expect(methodName(ratio)).toBe('Method B (percentage of targeted improvement achieved)');
  });

  it('methodKey A: the Q2 2018/19 footnote', () => {
    expect(methodKey(variance).map(({ rating, label, band }) => [rating, label, band])).toEqual([
      ['G', 'Green', 'On target'],
      ['A', 'Amber', 'Up to 9.9% off target'],
      ['R', 'Red', '10% or more off target'],
    ]);
    // The meaning explains the band instead of repeating it (a key table shows both).
    expect(methodKey(variance).map((k) => k.description)).toEqual([
      'The result meets or beats its target',
      'The result misses its target by less than 10%',
      'The result misses its target by 10% or more',
    ]);
    for (const k of methodKey(variance)) expect(k.description).not.toBe(k.band);
  });

  it('methodKey B: the 2016/17 annual report key', () => {
    expect(methodKey(ratio)).toEqual([
      { rating: 'G', label: 'Green', band: '100% or more', description: 'Target is met or exceeded' },
      { rating: 'GA', label: 'Green Amber', band: '> 80% < 100%', description: 'Target not met, but 80% or more of targeted improvement achieved' },
      { rating: 'RA', label: 'Red Amber', band: '> 65% < 80%', description: 'Target not met, but 65-80% of targeted improvement achieved' },
      { rating: 'R', label: 'Red', band: '< 65%', description: 'Target not met, and less than 65% of targeted improvement achieved' },
    ]);
  });
});
