/**
 * Compares figures stated in words (src/domain/statedFigures.ts) with the stored data and the computed
 * ratings, directions and counts, and says why they agree or not (docs/check.md). Pure functions, no I/O.
 *
 * Measured figures (results, changes, benchmarks, percentages of a count) agree when the stored or
 * computed figure, rounded to the decimals printed, equals the stated one ("25%" for −24.6%), or meets
 * its bound ("more than 50%"). Definitions (targets, tolerances) are printed as set, so they must be
 * equal ("4 percentage point tolerance" does not agree with ±4.4).
 */
import { directionOfTravel } from './direction.ts';
import { financialYearOf, formatFinancialYear, formatPeriod, periodKey, previousPeriod, samePeriodLastYear } from './periods.ts';
import { rateIndicator, ragLabel, type RatingInput } from './rating.ts';
import type { PrintedDirection } from './direction.ts';
import { ordinal, type Ranking } from './ranking.ts';
import type { StatedRank, StatedChange, StatedCount, StatedFigure, StatedNumber, StatedValue, StatedWhen, CountStatus } from './statedFigures.ts';
import type { ActionRag, DataPeriod, Direction, DirectionStatus, Period, PlanYearSettings, Polarity, Rating, RatingValue, Target } from './types.ts';

/** A stored result of the indicator, in any period. */
export interface StoredResult {
  period: Period;
  value: number | null;
  /** `reported`, `due`, `not available`, … */
  status: string;
  dataPeriod: DataPeriod | null;
}

export interface StoredTarget {
  period: Period;
  spec: Target;
  printed: string;
}

/** What the check knows of the indicator a text belongs to. */
export interface IndicatorFacts {
  ref: string;
  title: string;
  /** `percent`, `number`, `rate`, `days`, `currency`. */
  unit: string;
  polarity: Polarity;
  tolerance: number | null;
  /** The period of the text: the result's (commentary, note) or the target's (reason). */
  period: Period;
  /** The qualifier of the indicator's results ("17.5% reduction"). */
  qualifier: 'reduction' | 'increase' | null;
  results: StoredResult[];
  targets: StoredTarget[];
  /** The benchmark printed beside the result, as stored ("National 83% (October 2016, LGA Survey)"). */
  benchmark: string | null;
  /** `target` for a target's reason: figures the words do not label are the target's. */
  context: 'result' | 'target';
  /**
   * The council's positions among its comparators for the text's period, computed from the comparator
   * values (src/domain/ranking.ts); undefined or empty when none are stored.
   */
  rankings?: readonly Ranking[];
}

export type Verdict =
  | { outcome: 'agrees' }
  /** `stated`: what the words say; `stored`: what the data say and how it was computed. */
  | { outcome: 'disagrees'; stated: string; stored: string }
  /** The figure concerns the text, but the data to compare it with are not held. */
  | { outcome: 'cannot-check'; stated: string; why: string }
  /** The figure is not about this indicator (another unit, another subject): ignored. */
  | { outcome: 'not-about' };

const AGREES: Verdict = { outcome: 'agrees' };
const NOT_ABOUT: Verdict = { outcome: 'not-about' };
const EPSILON = 1e-9;

// ---------------------------------------------------------------------------------------------
// Numbers

/** Rounds half away from zero, as printed figures are (24.55 → 25 at no decimals). */
function round(n: number, decimals: number): number {
  const factor = 10 ** decimals;
  return (Math.sign(n) * Math.round(Math.abs(n) * factor + EPSILON)) / factor;
}

/** Whether a stored or computed figure agrees with a stated measurement (rounded to its decimals, or within its bound). */
export function agreesMeasured(stored: number, stated: StatedNumber): boolean {
  const v = stated.value;
  switch (stated.bound) {
    case 'exact':
      return Math.abs(stored - v) < EPSILON || Math.abs(round(stored, stated.decimals) - v) < EPSILON;
    case 'more-than':
      return stored > v + EPSILON;
    case 'at-least':
      return stored >= v - EPSILON;
    case 'less-than':
      return stored < v - EPSILON;
    case 'at-most':
      return stored <= v + EPSILON;
    case 'about':
      return Math.abs(stored - v) <= Math.max(10 ** -stated.decimals, Math.abs(v) * 0.05) + EPSILON;
  }
}

/** Whether a stored definition (target, tolerance) equals the stated one exactly. */
function agreesExactly(stored: number, stated: StatedNumber): boolean {
  return stated.bound === 'exact' ? Math.abs(stored - stated.value) < EPSILON : agreesMeasured(stored, stated);
}

/** A number at most 2 decimals, no trailing zeros: 24.5545 → "24.55", 85 → "85". */
function num(n: number, decimals = 2): string {
  return String(round(n, decimals));
}

function signed(n: number, decimals = 1): string {
  const r = round(n, decimals);
  return r > 0 ? `+${r}` : r < 0 ? `−${Math.abs(r)}` : '0';
}

function inUnit(n: number, unit: string): string {
  return unit === 'percent' ? `${num(n)}%` : unit === 'currency' ? `£${num(n)}` : num(n);
}

const BOUND_WORDS: Record<StatedNumber['bound'], string> = {
  exact: '',
  'more-than': 'more than ',
  'at-least': 'at least ',
  'less-than': 'less than ',
  'at-most': 'at most ',
  about: 'about ',
};

function statedText(n: StatedNumber): string {
  return `${BOUND_WORDS[n.bound]}${n.text.replace(/^\+\/-\s*/, '±')}`;
}

// ---------------------------------------------------------------------------------------------
// Periods

function whenText(w: StatedWhen): string {
  return w.text;
}

/** The reporting periods a stated period means for a text of period `base`. */
function resolvePeriods(w: StatedWhen | null, base: Period): Period | null {
  if (w === null) return base;
  switch (w.kind) {
    case 'period':
      return w.period;
    case 'quarter':
      return { kind: 'quarter', startYear: financialYearOf(base), quarter: w.quarter };
    case 'last-year':
      return samePeriodLastYear(base);
    case 'previous-period':
      return previousPeriod(base);
    case 'data-period':
      return null;
  }
}

function sameMonth(a: { year: number; month: number }, b: { year: number; month: number }): boolean {
  return a.year === b.year && a.month === b.month;
}

/** Whether two data periods are the same ("Autumn 2016" and "Autumn 16"; "Rolling 12 months to Sep 2018" and "12 months to September 2018"). */
export function sameDataPeriod(a: DataPeriod, b: DataPeriod): boolean {
  if (a.kind === 'wave' && b.kind === 'wave') return a.season === b.season && a.year === b.year;
  if (a.kind === 'rolling' && b.kind === 'rolling') return a.months === b.months && sameMonth(a.to, b.to);
  if (a.kind === 'range' && b.kind === 'range') return sameMonth(a.from, b.from) && sameMonth(a.to, b.to);
  if (a.kind === 'period' && b.kind === 'period') return periodKey(a.period) === periodKey(b.period);
  if (a.kind === 'text' && b.kind === 'text') return a.label.toLowerCase().replace(/\s+/g, ' ') === b.label.toLowerCase().replace(/\s+/g, ' ');
  return false;
}

interface Found {
  label: string;
  period: Period;
  result: StoredResult | null;
}

/** The stored results a stated period means (several when a data period is shared); empty when none is stored. */
function resultsAt(w: StatedWhen | null, base: Period, facts: IndicatorFacts): Found[] {
  if (w?.kind === 'data-period') {
    return facts.results
      .filter((r) => r.dataPeriod && sameDataPeriod(r.dataPeriod, w.dataPeriod))
      .map((r) => ({ label: `${formatPeriod(r.period)} (${w.text})`, period: r.period, result: r }));
  }
  const period = resolvePeriods(w, base)!;
  const key = periodKey(period);
  return [{ label: formatPeriod(period), period, result: facts.results.find((r) => periodKey(r.period) === key) ?? null }];
}

const reported = (r: StoredResult | null): r is StoredResult & { value: number } => r !== null && r.status === 'reported' && r.value !== null;

function notReported(found: Found): string {
  return found.result ? `${found.label} is stored as "${found.result.status}"` : `no result is stored for ${found.label}`;
}

// ---------------------------------------------------------------------------------------------
// Attribution

const STOP_WORDS = new Set(
  'a an the of in on for to and or who that which is are was were be been being has have had their they them this these those it its with by at from as per into than our we all any each other some such there where when how what whose local'.split(' '),
);

function stem(word: string): string {
  let w = word.replace(/'s$/, '');
  if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  return w;
}

function contentWords(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[^a-z' ]+/g, ' ')
    .split(/\s+/)
    .map((w) => w.replace(/^'+|'+$/g, ''))
    .filter((w) => w.length > 1 && !STOP_WORDS.has(w))
    .map(stem);
}

/**
 * Whether a phrase the words give for what changed names the indicator: more than half of its words
 * are in the title ("mayors office for policing and crime" → "Level of crime across the Mayor's Office
 * for Policing And Crime set of crimes"; not "knife injury offences" → "Overall crime rate in Barnet").
 */
export function describes(phrase: string, title: string): boolean {
  const words = contentWords(phrase);
  if (words.length === 0) return true;
  const inTitle = contentWords(title);
  // The same word, or one of its family ("satisfaction" and "satisfied" share "satisf").
  const same = (a: string, b: string) => a === b || (a.length >= 6 && b.length >= 6 && a.slice(0, 6) === b.slice(0, 6));
  return words.filter((w) => inTitle.some((t) => same(w, t))).length * 2 > words.length;
}

function unitFits(n: StatedNumber, unit: string): boolean {
  switch (n.unit) {
    case 'percent':
      return unit === 'percent';
    case 'plain':
      return unit === 'number' || unit === 'rate' || unit === 'days';
    case 'rate':
      return unit === 'rate' || unit === 'number';
    case 'money':
      return unit === 'currency';
    case 'points':
      return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Indicator figures

/**
 * Compares a figure stated in a text that belongs to an indicator (its result's commentary,
 * intervention or note, its target's reason, or a sentence naming its ref) with the indicator's data.
 */
export function checkIndicatorFigure(figure: StatedFigure, facts: IndicatorFacts): Verdict {
  switch (figure.kind) {
    case 'value':
      return checkValue(figure, facts);
    case 'change':
      return checkChange(figure, facts);
    case 'benchmark':
      return checkBenchmark(figure, facts);
    case 'tolerance':
      return checkTolerance(figure, facts);
    case 'rank':
      return checkRank(figure, facts);
    case 'count':
      return NOT_ABOUT;
  }
}

/**
 * A rank stated in words ("the 8th lowest London Borough for overall crime", "8th lowest out of the 32
 * London boroughs") against the rank computed from the comparator values of the text's period. "lowest"
 * and "highest" count the areas with a strictly lower (higher) value, so ties share a rank; "best",
 * "worst" and "safest" follow the indicator's polarity. A stated group size must be the size counted from
 * the values present. A rank of something the indicator does not measure ("2nd lowest rate of violent
 * crime" in the overall crime rate's commentary) is not about it.
 */
function checkRank(f: StatedRank, facts: IndicatorFacts): Verdict {
  if (f.subject !== null && !describes(f.subject, facts.title)) return NOT_ABOUT;
  const stated = `the rank "${f.text}${f.of !== null ? ` out of ${f.of}` : ''}"`;
  const rankings = (facts.rankings ?? []).filter((r) => r.area !== null);
  if (rankings.length === 0) {
    return { outcome: 'cannot-check', stated, why: `no comparator values of ${facts.ref} for ${formatPeriod(facts.period)} are stored (townhall comparators import), or the council's own area is not set` };
  }
  const order = f.order.toLowerCase();
  const lowest = order === 'lowest' || order === 'smallest' || order === 'least';
  const highest = order === 'highest' || order === 'largest' || order === 'biggest' || order === 'most';
  const positionIn = (r: Ranking): number => {
    const v = r.area!.value;
    const values = r.rows.map((row) => row.value);
    if (lowest) return 1 + values.filter((x) => x < v).length;
    if (highest) return 1 + values.filter((x) => x > v).length;
    const worst = order === 'worst';
    const betterIsLower = facts.polarity === 'smaller';
    const ahead = values.filter((x) => (betterIsLower !== worst ? x < v : x > v)).length;
    return 1 + ahead;
  };
  const candidates = f.of === null ? rankings : rankings.filter((r) => r.size === f.of);
  if (candidates.length === 0) {
    return {
      outcome: 'disagrees',
      stated,
      stored: `the comparator values give ${rankings.map((r) => `${r.size} ${r.groupName}`).join(' and ')} with a value for ${formatPeriod(facts.period)}, not ${f.of}: ${rankings.map((r) => r.sentence).join('; ')}`,
    };
  }
  if (candidates.some((r) => positionIn(r) === f.rank)) return AGREES;
  const r = candidates[0]!;
  return {
    outcome: 'disagrees',
    stated,
    stored: `computed from the comparator values for ${formatPeriod(facts.period)}, the council is ${ordinal(positionIn(r))} ${order} of ${r.size} ${r.groupName} (${r.area!.name} ${inUnit(r.area!.value, facts.unit)}; ${r.method})`,
  };
}

function checkValue(f: StatedValue, facts: IndicatorFacts): Verdict {
  if (!unitFits(f.number, facts.unit)) return NOT_ABOUT;
  const measure = f.measure ?? (facts.context === 'target' ? 'target' : 'result');
  if (measure === 'target') return checkTargetValue(f.number, f.when, facts);
  if (facts.context === 'target' && f.measure === null) return NOT_ABOUT;
  const stated = `${statedText(f.number)}${f.when ? ` for ${whenText(f.when)}` : ''}`;
  const found = resultsAt(f.when, facts.period, facts);
  if (found.length === 0) return { outcome: 'cannot-check', stated, why: `no stored result of ${facts.ref} has the data period ${f.when!.text}` };
  const values = found.filter((x) => reported(x.result));
  if (values.length === 0) return { outcome: 'cannot-check', stated, why: notReported(found[0]!) };
  if (values.some((x) => agreesMeasured(x.result!.value!, f.number))) return AGREES;
  return {
    outcome: 'disagrees',
    stated: `a result of ${stated}`,
    stored: `the stored result for ${values.map((x) => `${x.label} is ${inUnit(x.result!.value!, facts.unit)}`).join(', for ')}`,
  };
}

/** The stored targets a stated period means: the period's own and its plan year's. */
function targetsAt(w: StatedWhen | null, facts: IndicatorFacts): { label: string; target: StoredTarget | null }[] {
  const period = w?.kind === 'data-period' ? null : resolvePeriods(w, facts.period);
  if (!period) return [];
  const keys = [periodKey(period), String(financialYearOf(period))];
  const out = [...new Set(keys)].map((key) => ({
    label: key === String(financialYearOf(period)) ? formatFinancialYear(financialYearOf(period)) : formatPeriod(period),
    target: facts.targets.find((t) => periodKey(t.period) === key) ?? null,
  }));
  return out;
}

const numericTarget = (t: StoredTarget | null): number | null => (t && (t.spec.form === 'value' || t.spec.form === 'threshold') ? t.spec.value : null);

function checkTargetValue(n: StatedNumber, w: StatedWhen | null, facts: IndicatorFacts): Verdict {
  const stated = `a target of ${statedText(n)}${w ? ` for ${whenText(w)}` : ''}`;
  const found = targetsAt(w, facts).filter((x) => x.target);
  if (found.length === 0) return { outcome: 'cannot-check', stated, why: `no target is stored for ${targetsAt(w, facts).map((x) => x.label).join(' or ') || (w ? w.text : 'the period')}` };
  if (found.some((x) => numericTarget(x.target) !== null && agreesExactly(numericTarget(x.target)!, n))) return AGREES;
  return {
    outcome: 'disagrees',
    stated,
    stored: `the stored target for ${found.map((x) => `${x.label} is "${x.target!.printed}"`).join(', for ')}`,
  };
}

function describedElsewhere(f: StatedChange, facts: IndicatorFacts): boolean {
  if (f.about !== null) return !describes(f.about, facts.title);
  return f.subject !== null && !describes(f.subject, facts.title);
}

function checkChange(f: StatedChange, facts: IndicatorFacts): Verdict {
  if (describedElsewhere(f, facts)) return NOT_ABOUT;
  if (f.measure === 'target' || facts.context === 'target') return checkTargetChange(f, facts);
  // A result stated as a reduction ("Quarter 3 of 2015/16 showing a 17.5% reduction") for an indicator whose results are reductions.
  if (facts.qualifier && f.amount?.unit === 'percent' && f.from === null && f.direction === (facts.qualifier === 'reduction' ? 'down' : 'up')) {
    return checkValue({ kind: 'value', quote: f.quote, ref: f.ref, measure: 'result', number: f.amount, when: f.when }, facts);
  }
  if (f.from || f.to) {
    if (![f.from, f.to].every((n) => n === null || unitFits(n, facts.unit))) return NOT_ABOUT;
  } else if (f.amount && f.amount.unit !== 'percent' && f.amount.unit !== 'points' && !unitFits(f.amount, facts.unit)) {
    return NOT_ABOUT;
  }
  const stated = describeChange(f);
  const now = resultsAt(f.when, facts.period, facts);
  const current = now.find((x) => reported(x.result));
  if (!current) return { outcome: 'cannot-check', stated, why: now[0] ? notReported(now[0]) : `no stored result has the data period ${f.when?.text}` };

  // What it is compared with: the period named, or (for "from … to …" without one) the same period last year or the previous period.
  let earlier: Found[];
  if (f.against) earlier = resultsAt(f.against, current.period, facts);
  else if (f.from) {
    const candidates = [samePeriodLastYear(current.period), previousPeriod(current.period)];
    earlier = [...new Map(candidates.map((p) => [periodKey(p), p])).values()].map((p) => resultsAt({ kind: 'period', period: p, text: formatPeriod(p) }, current.period, facts)[0]!);
  } else {
    if (f.to && !agreesMeasured(current.result!.value!, f.to)) return toDisagrees(f, current, facts);
    return { outcome: 'cannot-check', stated, why: 'the words do not say which period it is compared with' };
  }
  if (f.to && !agreesMeasured(current.result!.value!, f.to)) return toDisagrees(f, current, facts);
  const comparable = earlier.filter((x) => reported(x.result));
  if (comparable.length === 0 || (!f.against && comparable.length < earlier.length && !comparable.some((x) => agreesMeasured(x.result!.value!, f.from!)))) {
    const missing = earlier.find((x) => !reported(x.result));
    return { outcome: 'cannot-check', stated, why: missing ? notReported(missing) : `no stored result has the data period ${f.against?.text}` };
  }
  const verdicts = comparable.map((x) => compareChange(f, facts, current, x));
  if (verdicts.some((v) => v === null)) return AGREES;
  return { outcome: 'disagrees', stated, stored: verdicts[0]! };
}

function toDisagrees(f: StatedChange, current: Found, facts: IndicatorFacts): Verdict {
  return { outcome: 'disagrees', stated: `a change to ${statedText(f.to!)}`, stored: `the stored result for ${current.label} is ${inUnit(current.result!.value!, facts.unit)}` };
}

function describeChange(f: StatedChange): string {
  const words: Record<string, string> = { up: 'an increase', down: 'a decrease', better: 'an improvement', worse: 'a worsening', same: 'no change' };
  const what = f.amount
    ? `${f.direction === 'down' ? 'a decrease' : f.direction === 'up' ? 'an increase' : f.direction ? words[f.direction] : 'a change'} of ${statedText(f.amount)}`
    : f.from && f.to
      ? `a change from ${statedText(f.from)} to ${statedText(f.to)}`
      : f.from
        ? `${f.direction ? words[f.direction] : 'a change'} from ${statedText(f.from)}`
        : f.direction
          ? words[f.direction]!
          : 'a change';
  return `${what}${f.against ? ` against ${whenText(f.against)}` : ''}`;
}

/** null when the change agrees with the stored results; otherwise what the data give and how. */
function compareChange(f: StatedChange, facts: IndicatorFacts, current: Found, earlier: Found): string | null {
  const cur = current.result!.value!;
  const cmp = earlier.result!.value!;
  const change = cur - cmp;
  const relative = cmp === 0 ? null : (change / Math.abs(cmp)) * 100;
  const how =
    `${inUnit(cur, facts.unit)} (${current.label}) against ${inUnit(cmp, facts.unit)} (${earlier.label}): ` +
    `a change of ${signed(change, 2)}${facts.unit === 'percent' ? ' points' : ''}` +
    (relative === null ? '' : `, (${num(cur)} − ${num(cmp)}) ÷ ${num(Math.abs(cmp))} × 100 = ${signed(relative, 1)}%`);
  if (f.from && !agreesMeasured(cmp, f.from)) return `the stored result for ${earlier.label} is ${inUnit(cmp, facts.unit)}`;
  const d = directionOfTravel({ polarity: facts.polarity, current: cur, comparison: cmp, comparedWith: earlier.label, tolerance: facts.tolerance });
  if (f.direction) {
    const actual = change === 0 ? 'same' : change > 0 ? 'up' : 'down';
    const fits =
      f.direction === 'same'
        ? d.status === 'same' || d.withinTolerance
        : f.direction === 'up' || f.direction === 'down'
          ? f.direction === actual
          : (f.direction === 'better') === (d.status === 'improving') && d.status !== 'same';
    if (!fits) return `${how} (${d.status === 'same' ? 'no change' : d.status === 'improving' ? 'improving' : 'worsening'}, ${facts.polarity === 'bigger' ? 'Bigger' : 'Smaller'} is Better)`;
  }
  if (f.amount) {
    const candidates =
      f.amount.unit === 'points' ? [Math.abs(change)] : f.amount.unit === 'percent' ? [relative === null ? null : Math.abs(relative), facts.unit === 'percent' ? Math.abs(change) : null] : [Math.abs(change)];
    if (!candidates.some((c) => c !== null && agreesMeasured(c, f.amount!))) return how;
  }
  return null;
}

function checkTargetChange(f: StatedChange, facts: IndicatorFacts): Verdict {
  const stated = `a target ${f.from ? `changed from ${statedText(f.from)}${f.against ? ` (${f.against.text})` : ''}` : 'change'}${f.to ? ` to ${statedText(f.to)}` : ''}`;
  if (![f.from, f.to].every((n) => n === null || unitFits(n, facts.unit))) return NOT_ABOUT;
  const nowPeriod = resolvePeriods(f.when, facts.period);
  if (!nowPeriod) return NOT_ABOUT;
  const nowTarget = targetsAt({ kind: 'period', period: nowPeriod, text: formatPeriod(nowPeriod) }, facts).find((x) => numericTarget(x.target) !== null) ?? null;
  const earlierPeriod = f.against ? resolvePeriods(f.against, nowPeriod) : { kind: 'year' as const, startYear: financialYearOf(nowPeriod) - 1 };
  if (!earlierPeriod) return NOT_ABOUT;
  const before = targetsAt({ kind: 'period', period: earlierPeriod, text: formatPeriod(earlierPeriod) }, facts);
  const beforeTarget = before.find((x) => numericTarget(x.target) !== null) ?? null;
  if (f.to) {
    if (!nowTarget) return { outcome: 'cannot-check', stated, why: `no numeric target is stored for ${formatPeriod(nowPeriod)}` };
    if (!agreesExactly(numericTarget(nowTarget.target)!, f.to)) return { outcome: 'disagrees', stated, stored: `the stored target for ${nowTarget.label} is "${nowTarget.target!.printed}"` };
  }
  if (f.from) {
    if (!beforeTarget) return { outcome: 'cannot-check', stated, why: `no numeric target is stored for ${formatPeriod(earlierPeriod)}` };
    if (!agreesExactly(numericTarget(beforeTarget.target)!, f.from)) return { outcome: 'disagrees', stated, stored: `the stored target for ${beforeTarget.label} is "${beforeTarget.target!.printed}"` };
    if (nowTarget && (f.direction === 'up' || f.direction === 'down')) {
      const [a, b] = [numericTarget(beforeTarget.target)!, numericTarget(nowTarget.target)!];
      if ((f.direction === 'up') !== b > a || a === b) {
        return { outcome: 'disagrees', stated, stored: `the stored targets go from "${beforeTarget.target!.printed}" (${beforeTarget.label}) to "${nowTarget.target!.printed}" (${nowTarget.label})` };
      }
    }
  }
  return AGREES;
}

const AREA_WORDS = /(national|london|england|regional|inner london|outer london|statistical neighbours?|nearest neighbours?)\s*(?:average\s*)?(?:of\s*|:\s*)?(\d+(?:\.\d+)?)/gi;

function checkBenchmark(f: Extract<StatedFigure, { kind: 'benchmark' }>, facts: IndicatorFacts): Verdict {
  if (!unitFits(f.number, facts.unit)) return NOT_ABOUT;
  const stated = `a ${f.area} average of ${statedText(f.number)}`;
  if (!facts.benchmark) return { outcome: 'cannot-check', stated, why: `no benchmark is stored with ${facts.ref}'s result for ${formatPeriod(facts.period)}` };
  const area = f.area.toLowerCase().replace(/s$/, '');
  const pairs = [...facts.benchmark.matchAll(AREA_WORDS)].filter((m) => m[1]!.toLowerCase().replace(/s$/, '') === area);
  if (pairs.length === 0) return { outcome: 'cannot-check', stated, why: `the stored benchmark "${facts.benchmark}" has no ${f.area} figure` };
  const value = Number(pairs[0]![2]);
  if (!agreesMeasured(value, f.number)) return { outcome: 'disagrees', stated, stored: `the stored benchmark is "${facts.benchmark}"` };
  if (f.relation === 'above' || f.relation === 'below') {
    const own = facts.results.find((r) => periodKey(r.period) === periodKey(facts.period)) ?? null;
    if (reported(own)) {
      const better = facts.polarity === 'bigger' ? own.value > value : own.value < value;
      const above = own.value > value;
      // "above the national average" may mean higher or better: either reading that holds agrees.
      if (!(f.relation === 'above' ? above || better : !above || !better)) {
        return { outcome: 'disagrees', stated: `a result ${f.relation} the ${f.area} average (${statedText(f.number)})`, stored: `the stored result for ${formatPeriod(facts.period)} is ${inUnit(own.value, facts.unit)}` };
      }
    }
  }
  return AGREES;
}

function checkTolerance(f: Extract<StatedFigure, { kind: 'tolerance' }>, facts: IndicatorFacts): Verdict {
  const stated = `a survey tolerance of ±${num(f.number.value)} points`;
  if (facts.tolerance === null) return { outcome: 'disagrees', stated, stored: `${facts.ref} has no survey tolerance stored, so no result of it is rated or compared within one` };
  if (!agreesExactly(facts.tolerance, f.number)) {
    return { outcome: 'disagrees', stated, stored: `${facts.ref}'s stored tolerance is ±${num(facts.tolerance)} points, the one its ratings and directions of travel use` };
  }
  if (f.within === null || f.against === null) return AGREES;
  const own = facts.results.find((r) => periodKey(r.period) === periodKey(facts.period)) ?? null;
  if (!reported(own)) return AGREES;
  let other: { label: string; value: number } | null = null;
  if (f.against === 'target') {
    const t = targetsAt(null, facts).find((x) => numericTarget(x.target) !== null);
    if (t) other = { label: `the target "${t.target!.printed}"`, value: numericTarget(t.target)! };
  } else {
    const found = resultsAt(f.against, facts.period, facts).find((x) => reported(x.result));
    if (found) other = { label: `${inUnit(found.result!.value!, facts.unit)} (${found.label})`, value: found.result!.value! };
  }
  if (!other) return AGREES;
  const gap = Math.abs(own.value - other.value);
  const within = gap <= facts.tolerance + EPSILON;
  if (within === f.within) return AGREES;
  return {
    outcome: 'disagrees',
    stated: `a difference ${f.within ? 'within' : 'outside'} the tolerance`,
    stored: `${inUnit(own.value, facts.unit)} (${formatPeriod(facts.period)}) against ${other.label} differ by ${num(gap)} points, ${within ? 'within' : 'more than'} ±${num(facts.tolerance)}`,
  };
}

// ---------------------------------------------------------------------------------------------
// Counts

export interface CountFacts {
  /** The indicators of the report: ref, priority, computed rating and long-term direction of travel. */
  indicators: { ref: string; priority: string; rating: RatingValue; direction: DirectionStatus }[];
  keyActions: { ref: string; priority: string; rag: ActionRag }[];
  risks: { ref: string; priority: string | null; highLevel: boolean; kind: string }[];
  /** The priority "this priority" means: the priority of the indicator, key action or risk the text belongs to; null for narrative. */
  thisPriority: string | null;
  /** The report's priorities, to match a priority named in words. */
  priorities: string[];
  /** The report's period and committee, for the messages. */
  periodLabel: string;
}

const COUNT_THINGS: Record<StatedCount['things'], string> = { indicators: 'indicators', 'key-actions': 'key actions', risks: 'risks' };
const STATUS_WORDS: Record<CountStatus, string> = {
  G: 'Green',
  GA: 'Green Amber',
  A: 'Amber',
  RA: 'Red Amber',
  R: 'Red',
  monitor: 'Monitor',
  'not-rated': 'not rated',
  rated: 'with a RAG rating',
  'with-direction': 'with a direction of travel',
  'improved-or-same': 'improved or the same',
  improved: 'improved',
  worsened: 'worsened',
};

function normaliseName(name: string): string {
  return name.toLowerCase().replace(/&/g, 'and').replace(/[^a-z0-9]+/g, ' ').trim();
}

/** The priority a count's scope names, or null when the words name none the report has. */
export function scopePriority(scope: StatedCount['scope'], facts: Pick<CountFacts, 'thisPriority' | 'priorities'>): string | null | 'report' {
  if (scope.kind === 'report') return 'report';
  if (scope.kind === 'this-priority') return facts.thisPriority;
  const wanted = normaliseName(scope.name);
  return facts.priorities.find((p) => normaliseName(p) === wanted) ?? null;
}

function hasStatus(things: StatedCount['things'], item: CountFacts['indicators'][number] | CountFacts['keyActions'][number], status: CountStatus): boolean | null {
  if (things === 'key-actions') {
    const rag = (item as CountFacts['keyActions'][number]).rag;
    if (status === 'G' || status === 'GA' || status === 'RA' || status === 'R') return rag === status;
    if (status === 'not-rated') return rag === 'not-rated';
    if (status === 'rated') return rag !== 'not-rated';
    return null;
  }
  const i = item as CountFacts['indicators'][number];
  switch (status) {
    case 'G':
    case 'GA':
    case 'A':
    case 'RA':
    case 'R':
    case 'monitor':
    case 'not-rated':
      return i.rating === status;
    case 'rated':
      return ['G', 'GA', 'A', 'RA', 'R'].includes(i.rating);
    case 'with-direction':
      return ['improving', 'worsening', 'same'].includes(i.direction);
    case 'improved-or-same':
      return i.direction === 'improving' || i.direction === 'same';
    case 'improved':
      return i.direction === 'improving';
    case 'worsened':
      return i.direction === 'worsening';
  }
}

/** Compares a stated count ("nine commissioning intentions relate to safe communities", "53% (8) are Green") with the report's items. */
export function checkCount(f: StatedCount, facts: CountFacts): Verdict {
  const where = scopePriority(f.scope, facts);
  const things = COUNT_THINGS[f.things];
  const stated = `"${f.text}"`;
  if (where === null) {
    return {
      outcome: 'cannot-check',
      stated,
      why: f.scope.kind === 'this-priority' ? 'the text does not belong to a priority, so "this priority" cannot be told' : `the report has no priority called "${(f.scope as { name: string }).name}"`,
    };
  }
  const inScope = <T extends { priority: string | null }>(items: T[]) => (where === 'report' ? items : items.filter((i) => i.priority === where));
  let items: (CountFacts['indicators'][number] | CountFacts['keyActions'][number])[];
  let refs: string[];
  if (f.things === 'risks') {
    const risks = inScope(facts.risks).filter((r) => (f.qualifier === 'high-level' ? r.highLevel : f.qualifier === 'strategic' ? r.kind === 'strategic' : true));
    if (f.status !== null) return NOT_ABOUT;
    return compareCount(f, stated, risks.length, risks.map((r) => r.ref), `${f.qualifier === 'high-level' ? 'high-level ' : f.qualifier === 'strategic' ? 'strategic ' : ''}risks`, where, facts);
  } else {
    items = f.things === 'indicators' ? inScope(facts.indicators) : inScope(facts.keyActions);
    refs = items.map((i) => i.ref);
  }
  if (f.status === null) return compareCount(f, stated, items.length, refs, things, where, facts);
  const marks = items.map((i) => hasStatus(f.things, i, f.status!));
  if (marks.some((m) => m === null)) return NOT_ABOUT;
  const matching = items.filter((_, k) => marks[k]);
  const label = `${things} ${STATUS_WORDS[f.status]}`;
  if (f.count === 'all') {
    if (items.length > 0 && matching.length === items.length) return AGREES;
    const others = items.filter((_, k) => !marks[k]).map((i) => `${i.ref} (${statusOf(f.things, i)})`);
    return { outcome: 'disagrees', stated: `all ${things}${where === 'report' ? '' : ` under ${where}`} ${STATUS_WORDS[f.status]} (${stated})`, stored: items.length === 0 ? `no ${things} are stored ${scopeText(where)}` : `not ${others.join(', ')}` };
  }
  const verdict = compareCount(f, stated, matching.length, matching.map((i) => i.ref), label, where, facts);
  if (verdict.outcome !== 'agrees') return verdict;
  if (f.percent && f.of !== null && f.of > 0 && !agreesMeasured((f.count / f.of) * 100, f.percent)) {
    return { outcome: 'disagrees', stated, stored: `${f.count} of ${f.of} is ${num((f.count / f.of) * 100, 1)}%, printed ${f.percent.text}` };
  }
  return AGREES;
}

function statusOf(things: StatedCount['things'], i: CountFacts['indicators'][number] | CountFacts['keyActions'][number]): string {
  if (things === 'key-actions') return ragLabel((i as CountFacts['keyActions'][number]).rag === 'not-rated' ? 'not-rated' : ((i as CountFacts['keyActions'][number]).rag as RatingValue));
  const ind = i as CountFacts['indicators'][number];
  return `${ragLabel(ind.rating)}, ${ind.direction}`;
}

function scopeText(where: string): string {
  return where === 'report' ? 'in the report' : `under ${where}`;
}

function compareCount(f: StatedCount, stated: string, actual: number, refs: string[], label: string, where: string, facts: CountFacts): Verdict {
  if (f.count === actual) return AGREES;
  return {
    outcome: 'disagrees',
    stated: `${f.count} ${label} ${scopeText(where)} (${stated})`,
    stored: `${actual === 0 ? 'none is' : `${actual} ${actual === 1 ? 'is' : 'are'}`} stored ${scopeText(where)} for ${facts.periodLabel}${refs.length ? `: ${refs.join(', ')}` : ''}`,
  };
}

// ---------------------------------------------------------------------------------------------
// Printed ratings and directions that agree only because of a tolerance

/**
 * When a printed rating agrees with the computed one only because the result is within the
 * indicator's survey tolerance of its target: the rating the method gives without the tolerance
 * (CG/S4 2016/17: 67% against 68% is Green within ±4.4; without it, 98.5% achieved = Green Amber).
 * null otherwise.
 */
export function ratingWithoutTolerance(printed: string | null, computed: Rating, input: RatingInput, settings: PlanYearSettings): Rating | null {
  if (printed === null || printed !== computed.value || !computed.reason.withinTolerance || computed.reason.override) return null;
  const without = rateIndicator({ ...input, tolerance: null, override: null }, settings);
  return without.value === computed.value ? null : without;
}

/**
 * Whether a printed direction that disagrees with the computed one would agree but for the
 * tolerance: printed Same ("→ S") for a change within the survey tolerance, which the arithmetic
 * calls improving or worsening.
 */
export function printedDirectionWithinTolerance(printed: PrintedDirection | null, computed: Direction): boolean {
  if (!printed || printed.status !== 'same') return false;
  if (computed.status !== 'improving' && computed.status !== 'worsening') return false;
  return computed.withinTolerance && (printed.percentage === null || printed.percentage === 0);
}
