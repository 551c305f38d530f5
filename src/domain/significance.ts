/**
 * Statistical significance of a value against a comparator (target, England, a group), as Fingertips
 * compares: the value's confidence interval against the comparator's point value. Pure.
 *
 * - The interval includes the comparator (limits inclusive): similar.
 * - The whole interval is above it: higher; below it: lower.
 * - With polarity, higher/lower become better/worse; with none, they stay higher/lower (no judgement).
 * - No interval or no comparator value: not compared.
 *
 * `rateBySignificance` rates a result against its target this way (ADR 0019), in the shape of rating.ts.
 */
import { ConfidenceInputError, METHOD_NAMES, proportionInterval, rateInterval, type ConfidenceInterval, type ConfidenceLevel } from './confidence.ts';
import { rateIndicator, ragLabel, type RatingInput } from './rating.ts';
import type { PlanYearSettings, Polarity, Rating } from './types.ts';

export type SignificanceOutcome = 'better' | 'similar' | 'worse' | 'higher' | 'lower' | 'not-compared';

export interface Comparator {
  /** As it reads after "the": "England value", "target", "London boroughs' average". */
  label: string;
  value: number | null;
}

export interface SignificanceInput {
  interval: ConfidenceInterval | null;
  comparator: Comparator;
  /** null: no judgement, the outcome is higher / similar / lower. */
  polarity: Polarity | null;
  /** Prints a value in the reason ("64.0%"); default one decimal. */
  format?: (value: number) => string;
}

export interface Significance {
  outcome: SignificanceOutcome;
  /** "95% confidence interval 61.2%–66.8% includes the England value 64.0%: similar". */
  reason: string;
}

const OUTCOME_WORDS: Record<SignificanceOutcome, string> = {
  better: 'better',
  similar: 'similar',
  worse: 'worse',
  higher: 'higher',
  lower: 'lower',
  'not-compared': 'not compared',
};

export function outcomeLabel(outcome: SignificanceOutcome): string {
  return OUTCOME_WORDS[outcome];
}

export function compareWithComparator(input: SignificanceInput): Significance {
  const format = input.format ?? ((v: number) => v.toFixed(1));
  const { interval, comparator, polarity } = input;
  if (interval === null) return { outcome: 'not-compared', reason: `No confidence interval for the value, so it is not compared with the ${comparator.label}` };
  const ci = `${interval.level}% confidence interval ${format(interval.lower)}–${format(interval.upper)}`;
  if (comparator.value === null || !Number.isFinite(comparator.value)) {
    return { outcome: 'not-compared', reason: `No ${comparator.label} to compare the ${ci} with: not compared` };
  }
  const c = comparator.value;
  const what = `the ${comparator.label} ${format(c)}`;
  if (interval.lower <= c && c <= interval.upper) return { outcome: 'similar', reason: `${ci} includes ${what}: similar` };
  const side: 'higher' | 'lower' = interval.lower > c ? 'higher' : 'lower';
  const outcome: SignificanceOutcome = polarity === null ? side : (side === 'higher') === (polarity === 'bigger') ? 'better' : 'worse';
  const relation = side === 'higher' ? 'is wholly above' : 'is wholly below';
  const judgement = polarity === null ? ` (no polarity: ${side}, no judgement)` : '';
  return { outcome, reason: `${ci} ${relation} ${what}: ${OUTCOME_WORDS[outcome]}${judgement}` };
}

/**
 * Rates a result by significance against its target (ADR 0019):
 * - better (the whole interval beats the target) → Green;
 * - similar (the interval includes the target) → Green: the miss, if any, is not statistically
 *   significant, as a survey result within its tolerance is Green (DOMAIN §4, ADR 0004);
 * - worse (the whole interval misses) → the plan year's method on the result's size of miss, never Green;
 * - Monitor, no target, directional targets and results without an interval → as rateIndicator rates them.
 * The interval must be of the same result, on the same scale as the target.
 */
export function rateBySignificance(input: RatingInput, interval: ConfidenceInterval | null, settings: PlanYearSettings, format?: (value: number) => string): Rating {
  const target = input.target;
  const byTolerance = rateIndicator({ ...input, tolerance: null }, settings);
  if (target === null || (target.form !== 'value' && target.form !== 'threshold') || input.result === null || input.override) {
    return rateIndicator(input, settings);
  }
  if (interval === null) {
    return withText(byTolerance, `No confidence interval for this result, so it is rated by ${byTolerance.reason.text}`);
  }
  if (!agreesWith(input.result, interval.value)) {
    throw new Error(`The confidence interval is of the value ${interval.value}, not of the result ${input.result}: compute it from the result's own numerator and denominator`);
  }
  const polarity: Polarity = target.form === 'threshold' ? (target.comparator === 'at-or-above' ? 'bigger' : 'smaller') : input.polarity;
  const sig = compareWithComparator({ interval, comparator: { label: 'target', value: target.value }, polarity, format });
  const method = `${METHOD_NAMES[interval.method]}, significance against target`;
  if (sig.outcome === 'better' || sig.outcome === 'similar') {
    const band = sig.outcome === 'better' ? 'significantly better than target' : 'not significantly different from target';
    return {
      value: 'G',
      reason: {
        ...byTolerance.reason,
        text: `Rated by significance (${method}): ${sig.reason}; ${band} = Green`,
        comparedWith: target.value,
        band,
        tolerance: null,
        withinTolerance: false,
      },
    };
  }
  // Worse: the size of the miss decides the band, as the plan year's method says (never Green: the target is missed).
  const value = byTolerance.value === 'G' ? (settings.method.kind === 'variance' ? 'A' : 'GA') : byTolerance.value;
  return {
    value,
    reason: {
      ...byTolerance.reason,
      text: `Rated by significance (${method}): ${sig.reason}, so the miss is significant and the plan year's method rates its size: ${byTolerance.reason.text}${value !== byTolerance.value ? ` (a significant miss is never Green: ${ragLabel(value)})` : ''}`,
      tolerance: null,
      withinTolerance: false,
    },
  };
}

function withText(rating: Rating, text: string): Rating {
  return { ...rating, reason: { ...rating.reason, text } };
}

/** The key line a report prints when a plan year rates by significance. */
export function significanceKey(level: ConfidenceInterval['level']): string {
  return (
    `Rated by statistical significance at ${level}% confidence: Green when the confidence interval beats or includes the target ` +
    `(better or similar); when the whole interval misses the target (worse), the band of the plan year's method for the size of the miss. ` +
    `Intervals: Wilson score for proportions; Byar's method for counts and rates of 10 or more events, exact Poisson below 10.`
  );
}

/**
 * Whether a result as stored (67, 8.35) is the exact value (66.94…) as printed: the exact value rounded to
 * the result's own decimals. A survey result is printed as a whole percentage; its numerator and
 * denominator give the value it rounds.
 */
export function agreesWith(result: number, exact: number): boolean {
  const text = String(result);
  const dot = text.indexOf('.');
  const decimals = dot < 0 || text.includes('e') ? 0 : Math.min(6, text.length - dot - 1);
  return Math.abs(exact - result) <= 0.5 * 10 ** -decimals + 1e-9 * Math.max(1, Math.abs(result));
}

/** Indicator fields that decide whether and how a result has an interval. */
export interface IntervalSubject {
  unit: string;
  tolerance: number | null;
  source: string | null;
}

/**
 * Survey and rate indicators are the ones a plan year may rate by significance (issue 13): a rate, or a
 * percentage from a survey (it has a survey tolerance, or its source names a survey).
 */
export function significanceApplies(i: IntervalSubject): boolean {
  return i.unit === 'rate' || (i.unit === 'percent' && (i.tolerance !== null || /survey/i.test(i.source ?? '')));
}

const RATE_MULTIPLIERS = [1, 10, 100, 1000, 10000, 100000];

export type ResultInterval = { interval: ConfidenceInterval; problem: null } | { interval: null; problem: string };

/**
 * The confidence interval of a result from its numerator and denominator: Wilson for a percentage
 * (x of n × 100), Byar's / exact Poisson for a rate (count ÷ population × the multiplier the value shows:
 * per 1, 10, …, 100,000). The value must be what the numerator and denominator give (to its printed
 * decimals); when it is not, or they are missing or impossible, `problem` says why in words.
 */
export function resultInterval(
  subject: { unit: string },
  result: { value: number | null; numerator: number | null; denominator: number | null },
  level: ConfidenceLevel,
): ResultInterval {
  const { value, numerator, denominator } = result;
  const no = (problem: string): ResultInterval => ({ interval: null, problem });
  if (numerator === null || denominator === null) return no('no numerator and denominator are recorded for this result');
  if (value === null) return no('there is no value to compute an interval for');
  try {
    if (subject.unit === 'percent') {
      const interval = proportionInterval({ numerator, denominator, level });
      if (!agreesWith(value, interval.value)) {
        return no(`the value ${value}% is not ${fmt(numerator)} of ${fmt(denominator)} (${interval.value.toFixed(2)}%), so the interval would not be of this result`);
      }
      return { interval, problem: null };
    }
    if (subject.unit === 'rate') {
      const multiplier = RATE_MULTIPLIERS.find((m) => agreesWith(value, (numerator / denominator) * m));
      if (multiplier === undefined) {
        return no(`the rate ${value} is not ${fmt(numerator)} ÷ ${fmt(denominator)} per 1, 10, 100, 1,000, 10,000 or 100,000, so the interval would not be of this result`);
      }
      return { interval: rateInterval({ count: numerator, population: denominator, level, multiplier }), problem: null };
    }
    return no(`a confidence interval is computed for percentages and rates, not for the unit ${subject.unit}`);
  } catch (e) {
    if (e instanceof ConfidenceInputError) return no(e.message.replace(/\.$/, ''));
    throw e;
  }
}

export interface ChangeSignificance {
  /** The intervals do not overlap. */
  significant: boolean;
  /** better / worse with polarity; similar when the intervals overlap. */
  outcome: 'better' | 'worse' | 'similar';
  /** "The 95% confidence intervals of Autumn 2016 (62.7%–70.9%) and Autumn 2015 (59.6%–68.1%) overlap: the change is not statistically significant". */
  text: string;
}

/**
 * Whether the change between two results is statistically significant, as Fingertips reads two
 * intervals: overlapping intervals (limits inclusive) are not significantly different; when they do not
 * overlap, the later value is significantly higher or lower, better or worse by the polarity.
 */
export function changeSignificance(
  current: { label: string; interval: ConfidenceInterval },
  previous: { label: string; interval: ConfidenceInterval },
  polarity: Polarity,
  format: (value: number) => string = (v) => v.toFixed(1),
): ChangeSignificance {
  const [c, p] = [current.interval, previous.interval];
  if (c.level !== p.level) throw new Error(`Intervals at ${c.level}% and ${p.level}% cannot be compared: use the same level`);
  const range = (i: ConfidenceInterval) => `${format(i.lower)} to ${format(i.upper)}`;
  const both = `The ${c.level}% confidence intervals of ${current.label} (${range(c)}) and ${previous.label} (${range(p)})`;
  if (c.lower <= p.upper && p.lower <= c.upper) {
    return { significant: false, outcome: 'similar', text: `${both} overlap: the change is not statistically significant` };
  }
  const higher = c.lower > p.upper;
  const outcome = higher === (polarity === 'bigger') ? 'better' : 'worse';
  return {
    significant: true,
    outcome,
    text: `${both} do not overlap: ${current.label} is significantly ${higher ? 'higher' : 'lower'} (${outcome}) than ${previous.label}`,
  };
}

/** The key line of a plan year that rates by the fixed survey tolerance (the default). */
export const TOLERANCE_KEY =
  'Survey indicators are rated against the fixed survey tolerance: a result that misses its target by no more than the tolerance is not significantly different and is Green.';

function fmt(n: number): string {
  return n.toLocaleString('en-GB', { maximumFractionDigits: 6 });
}

/** A value of an indicator's unit as a significance reason prints it: "62.7%", "5.2". */
export function intervalFormat(unit: string): (value: number) => string {
  return unit === 'percent' ? (v) => `${v.toFixed(1)}%` : (v) => v.toFixed(1);
}

/**
 * Rates a result as its plan year says (ADR 0019): a survey or rate indicator whose result has a numerator
 * and denominator, in a plan year that rates by significance, by `rateBySignificance` at the plan year's
 * level; any other result by `rateIndicator`, as before. A survey or rate result that cannot have an
 * interval is rated as before and its reason says why the interval is missing.
 */
export function rateResult(
  input: RatingInput,
  subject: IntervalSubject,
  counts: { numerator: number | null; denominator: number | null },
  settings: PlanYearSettings,
): { rating: Rating; interval: ConfidenceInterval | null } {
  const level = settings.significanceLevel ?? null;
  if (level === null || !significanceApplies(subject) || input.result === null || input.override) {
    return { rating: rateIndicator(input, settings), interval: null };
  }
  const found = resultInterval(subject, { value: input.result, ...counts }, level);
  if (found.interval === null) {
    const rating = rateIndicator(input, settings);
    return { rating: withText(rating, `Not rated by significance (${found.problem}), so rated as without it: ${rating.reason.text}`), interval: null };
  }
  return { rating: rateBySignificance(input, found.interval, settings, intervalFormat(subject.unit)), interval: found.interval };
}

/** The key line of a plan year's rating of survey and rate indicators. */
export function ratingBasisKey(level: ConfidenceLevel | null): string {
  return level === null ? TOLERANCE_KEY : significanceKey(level);
}
