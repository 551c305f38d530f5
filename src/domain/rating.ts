/**
 * RAG rating of indicator results (DOMAIN §4). Pure functions, no I/O.
 *
 * One rule holds for every method: Green means the target is met or exceeded, or the result
 * misses it by no more than the indicator's survey tolerance. A target that is missed is rated
 * by the plan year's method from the size of the miss; it is never Green.
 */
import type { Polarity, Rag, Rating, RatingMethod, RatingReason, RatingValue, PlanYearSettings, Target } from './types.ts';

export interface RatingInput {
  polarity: Polarity;
  /** null = no target for the period. */
  target: Target | null;
  /** null = no value (due, not available, ...). */
  result: number | null;
  /** Survey tolerance in points (e.g. 4.4), per indicator. */
  tolerance: number | null;
  /** For the achievement 'baseline' formula: the previous year's result. */
  baseline?: number | null;
  /** Same period last year, for directional targets under the 'previous-year' policy. */
  previousResult?: number | null;
  /** e.g. "2015/16", used in the reason text. */
  previousLabel?: string | null;
  override?: { value: RatingValue; reason: string } | null;
}

/** One line of a method's printed key. */
export interface KeyEntry {
  rating: Rag;
  /** "Green Amber". */
  label: string;
  /** The band as printed in the measure column: "> 80% < 100%", "Up to 9.9% off target". */
  band: string;
  /** What the band means: "Target not met, but 80% or more of targeted improvement achieved". */
  description: string;
}

/** Tolerance for floating-point noise when comparing with band boundaries (e.g. 8 ÷ 10 × 100 = 80). */
const EPSILON = 1e-9;

const RAG_LABELS: Record<RatingValue, string> = {
  G: 'Green',
  GA: 'Green Amber',
  A: 'Amber',
  RA: 'Red Amber',
  R: 'Red',
  monitor: 'Monitor',
  'not-rated': 'Not rated',
};

export function ragLabel(r: RatingValue): string {
  return RAG_LABELS[r];
}

/** "Method A (percentage variance)" / "Method B (percentage of targeted improvement achieved)". */
export function methodName(method: RatingMethod): string {
  return method.kind === 'variance'
    ? 'Method A (percentage variance)'
    : 'Method B (percentage of targeted improvement achieved)';
}

/** The printed key of a method, best band first (reports print the key of the method they used). */
export function methodKey(method: RatingMethod): KeyEntry[] {
  const entry = (rating: Rag, band: string, description: string): KeyEntry => ({ rating, label: ragLabel(rating), band, description });
  if (method.kind === 'variance') {
    // The bands in the papers' own words (002's footnote); the meaning says what a reader should take from each.
    const red = num(method.redFrom, 2);
    return [
      entry('G', 'On target', 'The result meets or beats its target'),
      entry('A', `Up to ${num(method.redFrom - 0.1, 2)}% off target`, `The result misses its target by less than ${red}%`),
      entry('R', `${red}% or more off target`, `The result misses its target by ${red}% or more`),
    ];
  }
  const [green, greenAmber, redAmber] = [method.greenFrom, method.greenAmberFrom, method.redAmberFrom].map((n) => num(n, 2));
  return [
    entry('G', `${green}% or more`, 'Target is met or exceeded'),
    entry('GA', `> ${greenAmber}% < ${green}%`, `Target not met, but ${greenAmber}% or more of targeted improvement achieved`),
    entry('RA', `> ${redAmber}% < ${greenAmber}%`, `Target not met, but ${redAmber}-${greenAmber}% of targeted improvement achieved`),
    entry('R', `< ${redAmber}%`, `Target not met, and less than ${redAmber}% of targeted improvement achieved`),
  ];
}

export function rateIndicator(input: RatingInput, settings: PlanYearSettings): Rating {
  const computed = computeRating(input, settings);
  const override = input.override;
  if (!override) return computed;
  if (!override.reason.trim()) throw new Error('A rating can only be overridden with a reason');
  return {
    value: override.value,
    reason: {
      ...computed.reason,
      text: `Overridden to ${ragLabel(override.value)}: ${override.reason.trim()} (computed ${ragLabel(computed.value)}: ${computed.reason.text})`,
      override: { computed: computed.value, reason: override.reason.trim() },
    },
  };
}

function computeRating(input: RatingInput, settings: PlanYearSettings): Rating {
  const { target, result, polarity } = input;
  const unrated = (value: 'monitor' | 'not-rated', text: string): Rating => ({
    value,
    reason: reason(input, 'none', text, { comparedWith: null, measure: null, band: null }),
  });

  if (target === null || target.form === 'not-applicable') return unrated('not-rated', 'No target for this period');
  if (target.form === 'monitor') return unrated('monitor', 'Monitor only: no target');
  if (target.form === 'directional' && settings.directionalPolicy === 'monitor') {
    return unrated('monitor', `Directional target (${DIRECTION_LABELS[target.direction]}) counted as Monitor under this plan year's method`);
  }
  if (result === null) return unrated('not-rated', 'No result');

  switch (target.form) {
    case 'value':
      return rateAgainst(input, settings.method, { result, comparedWith: target.value, polarity, context: '', strict: false });
    case 'threshold': {
      const direction = target.comparator === 'at-or-above' ? 'above' : 'below';
      return rateAgainst(input, settings.method, {
        result,
        comparedWith: target.value,
        polarity: target.comparator === 'at-or-above' ? 'bigger' : 'smaller',
        context: `threshold target (remain at or ${direction} ${num(target.value)}): `,
        strict: false,
      });
    }
    case 'directional': {
      const label = DIRECTION_LABELS[target.direction];
      const previous = input.previousResult ?? null;
      const previousLabel = input.previousLabel ?? 'the same period last year';
      if (previous === null) return unrated('not-rated', `Directional target (${label}) but no result for ${previousLabel} to compare with`);
      return rateAgainst(input, settings.method, {
        result,
        comparedWith: previous,
        polarity: target.direction === 'increase' ? 'bigger' : target.direction === 'decrease' ? 'smaller' : polarity,
        context: `directional target (${label}) against ${previousLabel} result ${num(previous)}: `,
        // Increase and Decrease need a change; Sustain is met by no change.
        strict: target.direction !== 'sustain',
      });
    }
  }
}

const DIRECTION_LABELS = { increase: 'Increase', decrease: 'Decrease', sustain: 'Sustain' } as const;

/** A result compared with one number in one direction. */
interface Comparison {
  result: number;
  comparedWith: number;
  /** The direction in which the result should beat `comparedWith`. */
  polarity: Polarity;
  /** Prefix of the reason text describing what is compared (empty for a plain value target). */
  context: string;
  /** Met only by a strict improvement (directional Increase/Decrease). */
  strict: boolean;
}

function rateAgainst(input: RatingInput, method: RatingMethod, c: Comparison): Rating {
  const { result, comparedWith, polarity } = c;
  const better = polarity === 'bigger' ? result - comparedWith : comparedWith - result;
  const met = c.strict ? better > EPSILON : better >= -EPSILON;
  const measure = measureOf(method, c, input.baseline ?? null);
  const key = methodKey(method);
  const green = key[0]!;
  const prefix = `${methodName(method)}: ${c.context}${measure.text}`;
  const rated = (value: Rag, band: string, text: string, withinTolerance = false): Rating => ({
    value,
    reason: reason(input, method.kind, text, { comparedWith, measure: finite(measure.value), band, withinTolerance }),
  });

  if (met) return rated('G', green.band, `${prefix}; ${green.band} = Green`);

  const tolerance = input.tolerance;
  if (tolerance !== null && Math.abs(result - comparedWith) <= tolerance + EPSILON) {
    const band = `within the ±${num(tolerance)} point survey tolerance`;
    const missedBy = num(Math.abs(result - comparedWith));
    return rated('G', band, `${prefix}; missed by ${missedBy} ${missedBy === '1' ? 'point' : 'points'}, ${band} = Green`, true);
  }

  const value = measure.value;
  if (value === null) {
    return { value: 'not-rated', reason: reason(input, method.kind, `${prefix}: not rated`, { comparedWith, measure: null, band: null }) };
  }

  // A missed target is never Green: take the best band below Green the measure reaches.
  const belowGreen = key.slice(1);
  const entry = belowGreen.find((e) => inBand(method, e.rating, value)) ?? belowGreen[belowGreen.length - 1]!;
  const note = inBand(method, 'G', value) ? `; not met, as ${c.strict ? 'a change was targeted' : 'the result is short of the target'}` : '';
  return rated(entry.rating, entry.band, `${prefix}${note}; ${entry.band} = ${entry.label}`);
}

/** Whether a measure reaches the band of `rag` (the bands of a method are checked best first). */
function inBand(method: RatingMethod, rag: Rag, measure: number): boolean {
  if (method.kind === 'variance') {
    return rag === 'G' ? measure <= EPSILON : rag === 'A' ? measure < method.redFrom - EPSILON : true;
  }
  const from = rag === 'G' ? method.greenFrom : rag === 'GA' ? method.greenAmberFrom : rag === 'RA' ? method.redAmberFrom : -Infinity;
  return measure >= from - EPSILON;
}

interface Measure {
  /** Off-target % (variance) or % achieved (achievement); null when it cannot be computed. Infinite for a miss of a zero target. */
  value: number | null;
  /** How it was computed, or why it could not be. */
  text: string;
}

function measureOf(method: RatingMethod, c: Comparison, baseline: number | null): Measure {
  const { result, comparedWith: target, polarity } = c;
  const [r, t] = [num(result), num(target)];
  if (method.kind === 'variance') {
    const shortfall = polarity === 'bigger' ? target - result : result - target;
    if (shortfall <= 0) return { value: 0, text: `${r} against target ${t}: no shortfall = 0% off target` };
    if (target === 0) {
      return { value: Infinity, text: `shortfall ${num(shortfall)} against a target of 0, which no percentage can express: counted as ${num(method.redFrom, 2)}% or more off target` };
    }
    const off = (shortfall * 100) / Math.abs(target);
    return { value: off, text: `shortfall ${num(shortfall)} ÷ target ${num(Math.abs(target))} = ${num(off)}% off target` };
  }
  if (method.formula === 'baseline') {
    if (baseline === null) return { value: null, text: `${r} against target ${t}, but there is no baseline to measure the targeted improvement from` };
    const b = num(baseline);
    const improvement = polarity === 'bigger' ? target - baseline : baseline - target;
    if (improvement <= 0) {
      return { value: null, text: `${r} against target ${t}, but the target is no improvement on the baseline ${b}, so there is no targeted improvement to measure` };
    }
    const achieved = ((result - baseline) * 100) / (target - baseline);
    return { value: achieved, text: `(${r} − ${b}) ÷ (${t} − ${b}) = ${num(achieved)}% achieved` };
  }
  if (polarity === 'bigger') {
    if (target <= 0) return { value: null, text: `${r} against target ${t}: result ÷ target needs a target above 0` };
    const achieved = (result * 100) / target;
    return { value: achieved, text: `${r} ÷ ${t} = ${num(achieved)}% achieved` };
  }
  if (result === 0 && target >= 0) return { value: 100, text: `result 0 against target ${t} = 100% achieved` };
  if (target < 0 || result < 0) return { value: null, text: `${r} against target ${t}: target ÷ result needs numbers of 0 or more` };
  const achieved = (target * 100) / result;
  return { value: achieved, text: `${t} ÷ ${r} = ${num(achieved)}% achieved` };
}

function reason(
  input: RatingInput,
  method: RatingReason['method'],
  text: string,
  fields: Pick<RatingReason, 'comparedWith' | 'measure' | 'band'> & { withinTolerance?: boolean },
): RatingReason {
  return {
    method,
    text,
    result: input.result,
    target: input.target,
    comparedWith: fields.comparedWith,
    measure: fields.measure,
    band: fields.band,
    tolerance: input.tolerance,
    withinTolerance: fields.withinTolerance ?? false,
  };
}

function finite(n: number | null): number | null {
  return n !== null && Number.isFinite(n) ? n : null;
}

/** A number as printed in a reason: at most `decimals` decimals, no trailing zeros. */
function num(n: number, decimals = 1): string {
  return String(Number(n.toFixed(decimals)));
}
