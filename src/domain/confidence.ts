/**
 * Confidence intervals for indicator values, as Fingertips (OHID, formerly PHE) computes them. Pure.
 *
 * - Proportions (x of n): Wilson score interval.
 * - Counts, and rates = count ÷ population × multiplier: Byar's method for counts of 10 or more,
 *   the exact Poisson (χ²) method for counts below 10. This is the rule of PHEindicatormethods'
 *   `phe_rate` (R/Rates.R: `if_else(x < 10, qchisq(...), byars_...)`) and of PHE's "Tool for common
 *   PH stats and CIs" (Feb 2018: "rates and ISRs use exact CI method for numerators <10 and Byar's CI
 *   method for numerators >=10").
 * - Levels 95% and 99.8% (Fingertips' two levels), with the z values to full double precision.
 *
 * Every interval carries the method, level and a sentence saying how it was computed.
 * Methods and worked figures: docs/benchmarking.md.
 */

export type ConfidenceLevel = 95 | 99.8;

/** z = Φ⁻¹(1 − α/2) for each level: qnorm(0.975) and qnorm(0.999). */
export const Z: Readonly<Record<ConfidenceLevel, number>> = { 95: 1.959963984540054, 99.8: 3.090232306167813 };

export type IntervalMethod = 'wilson' | 'byar' | 'exact-poisson';

export interface ConfidenceInterval {
  /** The statistic, scaled by the multiplier (64 for 64%, 5.2 for 5.2 per 1,000). */
  value: number;
  lower: number;
  upper: number;
  level: ConfidenceLevel;
  method: IntervalMethod;
  /** 100 for a percentage, 1000 for "per 1,000", 1 for a plain count. */
  multiplier: number;
  numerator: number;
  /** Sample size or population; null for a plain count. */
  denominator: number | null;
  /** How it was computed, e.g. "Wilson score interval for 65 of 100 at 95% (z = 1.96): 55.3 to 73.6". */
  explanation: string;
}

/** Impossible or unusable input: the message names the value and what is wrong with it. */
export class ConfidenceInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfidenceInputError';
  }
}

/** Counts below this use the exact Poisson method; this many or more use Byar's method (Fingertips' rule). */
export const BYAR_FROM = 10;

export const METHOD_NAMES: Readonly<Record<IntervalMethod, string>> = {
  wilson: 'Wilson score interval',
  byar: "Byar's method",
  'exact-poisson': 'exact Poisson (χ²) method',
};

export interface ProportionInput {
  numerator: number;
  denominator: number;
  level: ConfidenceLevel;
  /** 100 for per cent (the default), 1 for a fraction, 1000 for per 1,000. */
  multiplier?: number;
}

/**
 * Wilson score interval for a proportion x of n:
 *   (2x + z² ∓ z·√(z² + 4x(1 − x/n))) ÷ (2(n + z²)), times the multiplier.
 */
export function proportionInterval(input: ProportionInput): ConfidenceInterval {
  const { numerator: x, denominator: n, level } = input;
  const multiplier = input.multiplier ?? 100;
  checkLevel(level);
  checkMultiplier(multiplier);
  checkFinite('numerator', x);
  checkFinite('denominator', n);
  if (x < 0) throw new ConfidenceInputError(`The numerator ${x} is negative: a proportion counts cases, so it must be 0 or more.`);
  if (n <= 0) throw new ConfidenceInputError(`The denominator ${n} is not above 0: a proportion needs at least one case in its sample.`);
  if (x > n) throw new ConfidenceInputError(`The numerator ${x} is larger than the denominator ${n}: a proportion cannot have more cases than its sample.`);
  const z = Z[level];
  const [lo, hi] = wilsonLimits(x, n, z);
  const value = (x / n) * multiplier;
  const [lower, upper] = [lo * multiplier, hi * multiplier];
  return {
    value,
    lower,
    upper,
    level,
    method: 'wilson',
    multiplier,
    numerator: x,
    denominator: n,
    explanation:
      `${METHOD_NAMES.wilson} for ${plain(x)} of ${plain(n)} at ${level}% (z = ${zText(level)}): ` +
      `${plain(x)} ÷ ${plain(n)}${scaleText(multiplier)} = ${fmt(value)}, interval ${fmt(lower)} to ${fmt(upper)}`,
  };
}

/** The Wilson limits of x of n as fractions (0–1). */
export function wilsonLimits(x: number, n: number, z: number): [number, number] {
  const z2 = z * z;
  const root = z * Math.sqrt(z2 + 4 * x * (1 - x / n));
  const denominator = 2 * (n + z2);
  // Clamp the ulp-sized noise at x = 0 and x = n: the limits are exactly 0 and 1 there.
  const lower = x === 0 ? 0 : Math.max(0, (2 * x + z2 - root) / denominator);
  const upper = x === n ? 1 : Math.min(1, (2 * x + z2 + root) / denominator);
  return [lower, upper];
}

export interface CountInput {
  count: number;
  level: ConfidenceLevel;
}

/** Interval for an observed count of events: exact Poisson below 10, Byar's method from 10. */
export function countInterval(input: CountInput): ConfidenceInterval {
  const { count, level } = input;
  checkLevel(level);
  checkCount(count);
  const { lower, upper, method } = countLimits(count, level);
  return {
    value: count,
    lower,
    upper,
    level,
    method,
    multiplier: 1,
    numerator: count,
    denominator: null,
    explanation: `${METHOD_NAMES[method]} for a count of ${plain(count)} at ${level}%${methodNote(method)}: interval ${fmt(lower)} to ${fmt(upper)}`,
  };
}

export interface RateInput {
  count: number;
  /** The population (or person-time) the count is of. */
  population: number;
  level: ConfidenceLevel;
  /** 1000 for "per 1,000 population", 100000 for "per 100,000". */
  multiplier: number;
}

/** A crude rate count ÷ population × multiplier, its interval the count's interval scaled the same way. */
export function rateInterval(input: RateInput): ConfidenceInterval {
  const { count, population, level, multiplier } = input;
  checkLevel(level);
  checkMultiplier(multiplier);
  checkCount(count);
  checkFinite('population', population);
  if (population <= 0) throw new ConfidenceInputError(`The population ${population} is not above 0: a rate needs a population to divide by.`);
  const limits = countLimits(count, level);
  const scale = multiplier / population;
  const [value, lower, upper] = [count * scale, limits.lower * scale, limits.upper * scale];
  return {
    value,
    lower,
    upper,
    level,
    method: limits.method,
    multiplier,
    numerator: count,
    denominator: population,
    explanation:
      `${METHOD_NAMES[limits.method]} for ${plain(count)} events in a population of ${plain(population)} at ${level}%${methodNote(limits.method)}: ` +
      `rate ${plain(count)} ÷ ${plain(population)} × ${plain(multiplier)} = ${fmt(value)}; ` +
      `count limits ${fmt(limits.lower)} to ${fmt(limits.upper)}, scaled the same way: ${fmt(lower)} to ${fmt(upper)}`,
  };
}

/** Byar's limits of an observed count x (x ≥ 1; used by Fingertips from x = 10). */
export function byarLimits(x: number, z: number): [number, number] {
  const lower = x * (1 - 1 / (9 * x) - z / (3 * Math.sqrt(x))) ** 3;
  const y = x + 1;
  const upper = y * (1 - 1 / (9 * y) + z / (3 * Math.sqrt(y))) ** 3;
  return [lower, upper];
}

/**
 * Exact Poisson limits of an observed count x at confidence 1 − α:
 *   lower = χ²(α/2; 2x) ÷ 2 (0 when x = 0), upper = χ²(1 − α/2; 2x + 2) ÷ 2.
 * χ² with 2k degrees of freedom, halved, is a Gamma(k, 1) variable, whose distribution function has the
 * closed form 1 − e^(−λ) Σ_{i<k} λ^i ÷ i! for whole k; the limits are found by bisection on it.
 */
export function exactPoissonLimits(x: number, level: ConfidenceLevel): [number, number] {
  if (!Number.isInteger(x) || x < 0) throw new ConfidenceInputError(`The exact Poisson method needs a whole count of 0 or more, not ${x}.`);
  const alpha = alphaOf(level);
  const lower = x === 0 ? 0 : gammaQuantile(x, alpha / 2);
  const upper = gammaQuantile(x + 1, 1 - alpha / 2);
  return [lower, upper];
}

function countLimits(count: number, level: ConfidenceLevel): { lower: number; upper: number; method: IntervalMethod } {
  if (count < BYAR_FROM) {
    const [lower, upper] = exactPoissonLimits(count, level);
    return { lower, upper, method: 'exact-poisson' };
  }
  const [lower, upper] = byarLimits(count, Z[level]);
  return { lower, upper, method: 'byar' };
}

/** P(Gamma(k, 1) ≤ λ) for a whole k ≥ 1: 1 − e^(−λ) Σ_{i<k} λ^i ÷ i!. */
function gammaCdf(k: number, lambda: number): number {
  if (lambda <= 0) return 0;
  let term = Math.exp(-lambda);
  let sum = term;
  for (let i = 1; i < k; i++) {
    term *= lambda / i;
    sum += term;
  }
  return 1 - sum;
}

/** The λ with P(Gamma(k, 1) ≤ λ) = p, by bisection to the precision of a double. */
function gammaQuantile(k: number, p: number): number {
  let lo = 0;
  let hi = Math.max(1, k);
  while (gammaCdf(k, hi) < p) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-13 * Math.max(1, hi); i++) {
    const mid = (lo + hi) / 2;
    if (gammaCdf(k, mid) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

function alphaOf(level: ConfidenceLevel): number {
  return level === 95 ? 0.05 : 0.002;
}

function checkLevel(level: number): asserts level is ConfidenceLevel {
  if (level !== 95 && level !== 99.8) throw new ConfidenceInputError(`The confidence level ${level}% is not one Townhall computes: use 95 or 99.8, as Fingertips does.`);
}

function checkMultiplier(multiplier: number): void {
  if (!Number.isFinite(multiplier) || multiplier <= 0) throw new ConfidenceInputError(`The multiplier ${multiplier} is not above 0: use 100 for per cent, 1000 for per 1,000.`);
}

function checkCount(count: number): void {
  checkFinite('count', count);
  if (count < 0) throw new ConfidenceInputError(`The count ${count} is negative: a count of events must be 0 or more.`);
  if (count < BYAR_FROM && !Number.isInteger(count)) {
    throw new ConfidenceInputError(`The count ${count} is below ${BYAR_FROM} and not a whole number: the exact Poisson method used for small counts needs whole events.`);
  }
}

function checkFinite(name: string, value: number): void {
  if (!Number.isFinite(value)) throw new ConfidenceInputError(`The ${name} ${value} is not a number.`);
}

function methodNote(method: IntervalMethod): string {
  return method === 'exact-poisson' ? ` (count below ${BYAR_FROM}, so the exact method)` : ` (count of ${BYAR_FROM} or more)`;
}

function zText(level: ConfidenceLevel): string {
  return level === 95 ? '1.96' : '3.09';
}

function scaleText(multiplier: number): string {
  return multiplier === 1 ? '' : ` × ${plain(multiplier)}`;
}

/** A figure in an explanation: up to 3 decimals, no trailing zeros. */
function fmt(n: number): string {
  return String(Number(n.toFixed(3)));
}

/** An input as given, with thousands separators for readability. */
function plain(n: number): string {
  return n.toLocaleString('en-GB', { maximumFractionDigits: 6 });
}
