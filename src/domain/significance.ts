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
import { METHOD_NAMES, type ConfidenceInterval } from './confidence.ts';
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
  if (Math.abs(interval.value - input.result) > 1e-9 * Math.max(1, Math.abs(input.result))) {
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
