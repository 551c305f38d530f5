import { describe, expect, it } from 'vitest';
import { ConfidenceInputError, Z, byarLimits, countInterval, exactPoissonLimits, proportionInterval, rateInterval, wilsonLimits } from './confidence.ts';

/*
 * Reference figures (public, cited; see docs/benchmarking.md):
 * - Byar's method for 65 events at 95%: 50.1632 to 82.8491, and the exact χ² method for the same count 50.1656 to 82.8478
 *   (PHEindicatormethods' own examples use byars_lower(65) / byars_upper(65); the figures are those published in a public
 *   Python port's tests of the PHE method).
 * - Exact Poisson upper limit for a count of 0 at 95%: 3.689 (R epitools `pois.exact` documentation, also FSA `poiCI`).
 * - Wilson score for 1 of 2 at 95%: 0.0945 to 0.9055 (instacart/wilson_score, test/wilson_score_test.rb).
 * - Wilson score for 35 of 200 with z = 1.96: 0.12860441174608936 to 0.23364549210081922
 *   (fennel-ai/rexer, go/fennel/lib/utils/math/wilson_test.go).
 */

describe('z values', () => {
  it('are the normal quantiles for 95% and 99.8% to full precision', () => {
    expect(Z[95]).toBe(1.959963984540054);
    expect(Z[99.8]).toBe(3.090232306167813);
  });
});

describe('Wilson score interval (proportions)', () => {
  it('reproduces published figures', () => {
    const [lo, hi] = wilsonLimits(1, 2, Z[95]);
    expect(lo).toBeCloseTo(0.0945, 4);
    expect(hi).toBeCloseTo(0.9055, 4);
    const [lo2, hi2] = wilsonLimits(35, 200, 1.96);
    expect(lo2).toBeCloseTo(0.12860441174608936, 14);
    expect(hi2).toBeCloseTo(0.23364549210081922, 14);
  });

  it('scales to the multiplier and explains itself', () => {
    const ci = proportionInterval({ numerator: 1, denominator: 2, level: 95 });
    expect(ci.value).toBe(50);
    expect(ci.lower).toBeCloseTo(9.45, 2);
    expect(ci.upper).toBeCloseTo(90.55, 2);
    expect(ci.method).toBe('wilson');
    expect(ci.explanation).toBe('Wilson score interval for 1 of 2 at 95% (z = 1.96): 1 ÷ 2 × 100 = 50, interval 9.453 to 90.547');
    const fraction = proportionInterval({ numerator: 1, denominator: 2, level: 95, multiplier: 1 });
    expect(fraction.lower).toBeCloseTo(ci.lower / 100, 12);
  });

  it('is wider at 99.8% than at 95%, and symmetric in x and n − x', () => {
    const a = proportionInterval({ numerator: 640, denominator: 1000, level: 95 });
    const b = proportionInterval({ numerator: 640, denominator: 1000, level: 99.8 });
    expect(b.lower).toBeLessThan(a.lower);
    expect(b.upper).toBeGreaterThan(a.upper);
    const [lo, hi] = wilsonLimits(30, 100, Z[95]);
    const [lo2, hi2] = wilsonLimits(70, 100, Z[95]);
    expect(lo).toBeCloseTo(1 - hi2, 12);
    expect(hi).toBeCloseTo(1 - lo2, 12);
  });

  it('gives exactly 0 and 1 at the ends', () => {
    expect(wilsonLimits(0, 50, Z[95])[0]).toBe(0);
    expect(wilsonLimits(50, 50, Z[95])[1]).toBe(1);
  });

  it('refuses impossible input with a clear message', () => {
    expect(() => proportionInterval({ numerator: 11, denominator: 10, level: 95 })).toThrow(
      'The numerator 11 is larger than the denominator 10: a proportion cannot have more cases than its sample.',
    );
    expect(() => proportionInterval({ numerator: -1, denominator: 10, level: 95 })).toThrow(/numerator -1 is negative/);
    expect(() => proportionInterval({ numerator: 0, denominator: 0, level: 95 })).toThrow(/denominator 0 is not above 0/);
    expect(() => proportionInterval({ numerator: 1, denominator: 10, level: 90 as 95 })).toThrow(/use 95 or 99.8/);
    expect(() => proportionInterval({ numerator: Number.NaN, denominator: 10, level: 95 })).toThrow(ConfidenceInputError);
  });
});

describe("Byar's method and the exact Poisson method (counts)", () => {
  it("reproduces the published Byar's figures for 65 events", () => {
    const [lo, hi] = byarLimits(65, Z[95]);
    expect(lo).toBeCloseTo(50.1632, 4);
    expect(hi).toBeCloseTo(82.8491, 4);
  });

  it('reproduces the published exact figures', () => {
    const [lo, hi] = exactPoissonLimits(65, 95);
    expect(lo).toBeCloseTo(50.1656, 4);
    expect(hi).toBeCloseTo(82.8478, 4);
    const [zeroLo, zeroHi] = exactPoissonLimits(0, 95);
    expect(zeroLo).toBe(0);
    expect(zeroHi).toBeCloseTo(3.689, 3);
    // χ²(0.975; 2) ÷ 2 = −ln(0.025) exactly.
    expect(zeroHi).toBeCloseTo(-Math.log(0.025), 10);
    // χ²(0.001; 2) ÷ 2 = −ln(0.999) for the lower limit of 1 event at 99.8%.
    expect(exactPoissonLimits(1, 99.8)[0]).toBeCloseTo(-Math.log(0.999), 12);
  });

  it('uses the exact method below 10 events and Byar from 10, as Fingertips does', () => {
    expect(countInterval({ count: 9, level: 95 }).method).toBe('exact-poisson');
    expect(countInterval({ count: 10, level: 95 }).method).toBe('byar');
    const ci = countInterval({ count: 65, level: 95 });
    expect(ci.explanation).toBe("Byar's method for a count of 65 at 95% (count of 10 or more): interval 50.163 to 82.849");
  });

  it('makes rates from counts and populations, scaling the count limits', () => {
    const ci = rateInterval({ count: 65, population: 100, multiplier: 100, level: 95 });
    expect(ci.value).toBe(65);
    expect(ci.lower).toBeCloseTo(50.1632, 4);
    expect(ci.upper).toBeCloseTo(82.8491, 4);
    const small = rateInterval({ count: 5, population: 10_000, multiplier: 1000, level: 95 });
    expect(small.method).toBe('exact-poisson');
    expect(small.value).toBeCloseTo(0.5, 12);
    expect(small.explanation).toContain('count below 10, so the exact method');
    expect(small.explanation).toContain('rate 5 ÷ 10,000 × 1,000 = 0.5');
  });

  it('refuses impossible input with a clear message', () => {
    expect(() => countInterval({ count: -3, level: 95 })).toThrow('The count -3 is negative: a count of events must be 0 or more.');
    expect(() => rateInterval({ count: 3, population: 0, multiplier: 1000, level: 95 })).toThrow(/population 0 is not above 0/);
    expect(() => countInterval({ count: 2.5, level: 95 })).toThrow(/not a whole number/);
    expect(() => rateInterval({ count: 30, population: 100, multiplier: 0, level: 95 })).toThrow(/multiplier 0/);
  });
});
