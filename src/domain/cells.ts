/**
 * What councils type in spreadsheet cells, understood (docs/import-template.md): vocabulary words,
 * numbers as printed ("85%", "£6.8m", "(4)", "71.1 per 1,000"), targets ("Remain at or above 85%",
 * "Monitor"), results ("67% (G)", "Due Q3 18/19") and benchmarks. Pure functions, no I/O.
 * Every parser returns null when the text is not understood; the caller makes the error.
 */
import { FIRST_PLAN_YEAR, LAST_PLAN_YEAR } from './limits.ts';
import { parseDataPeriod, parseFinancialYear, parseYearMonth } from './periods.ts';
import type { ActionRag, Basis, Frequency, Polarity, Rag, ResultStatus, Target, Unit } from './types.ts';

/** Lower case, no spaces, hyphens, underscores, dots or slashes: "Bigger is Better" → "biggerisbetter". */
function fold(text: string): string {
  return text.toLowerCase().replace(/[\s\-_./]+/g, '');
}

function lookup<T>(table: Record<string, T>, text: string): T | null {
  const key = fold(text);
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key]! : null;
}

// ---------------------------------------------------------------------------------------------
// Vocabularies

/** The canonical words written back to a workbook (and listed in error messages). */
export const POLARITY_WORDS: Record<Polarity, string> = { bigger: 'Bigger is Better', smaller: 'Smaller is Better' };
export const UNIT_WORDS: Record<Unit, string> = {
  percent: 'percent',
  number: 'number',
  currency: 'currency',
  days: 'days',
  rate: 'rate',
};
export const FREQUENCY_WORDS: Record<Frequency, string> = {
  monthly: 'monthly',
  quarterly: 'quarterly',
  biannual: 'biannual',
  annual: 'annual',
};
export const BASIS_WORDS: Record<Basis, string> = {
  discrete: 'discrete',
  cumulative: 'cumulative',
  snapshot: 'snapshot',
  rolling: 'rolling',
};
export const RAG_WORDS: Record<Rag, string> = { G: 'G', GA: 'GA', A: 'A', RA: 'RA', R: 'R' };
export const ACTION_RAG_WORDS: Record<ActionRag, string> = {
  G: 'G',
  GA: 'GA',
  RA: 'RA',
  R: 'R',
  'not-rated': 'Not rated',
};

const POLARITIES: Record<string, Polarity> = {
  biggerisbetter: 'bigger',
  higherisbetter: 'bigger',
  bigger: 'bigger',
  higher: 'bigger',
  smallerisbetter: 'smaller',
  lowerisbetter: 'smaller',
  smaller: 'smaller',
  lower: 'smaller',
};

/** `Bigger is Better` / `Smaller is Better` (also `higher`, `lower`, `bigger`, `smaller`). */
export function parsePolarity(text: string): Polarity | null {
  return lookup(POLARITIES, text);
}

const UNITS: Record<string, Unit> = {
  percent: 'percent',
  percentage: 'percent',
  '%': 'percent',
  number: 'number',
  count: 'number',
  currency: 'currency',
  '£': 'currency',
  money: 'currency',
  days: 'days',
  day: 'days',
  rate: 'rate',
};

/** `percent`/`%`, `number`/`count`, `currency`/`£`, `days`, `rate` (also `rate per 1,000`). */
export function parseUnit(text: string): Unit | null {
  const unit = lookup(UNITS, text);
  if (unit) return unit;
  return /^rate\s*per\b/i.test(text.trim()) ? 'rate' : null;
}

const FREQUENCIES: Record<string, Frequency> = {
  monthly: 'monthly',
  month: 'monthly',
  quarterly: 'quarterly',
  quarter: 'quarterly',
  biannual: 'biannual',
  biannually: 'biannual',
  sixmonthly: 'biannual',
  '6monthly': 'biannual',
  halfyearly: 'biannual',
  annual: 'annual',
  annually: 'annual',
  yearly: 'annual',
};

/** monthly, quarterly, biannual (`bi-annual`, `biannually`, `six-monthly`), annual. */
export function parseFrequency(text: string): Frequency | null {
  return lookup(FREQUENCIES, text);
}

const BASES: Record<string, Basis> = {
  discrete: 'discrete',
  cumulative: 'cumulative',
  c: 'cumulative',
  snapshot: 'snapshot',
  s: 'snapshot',
  rolling: 'rolling',
  r: 'rolling',
  rolling12months: 'rolling',
};

/** discrete, cumulative/`c`, snapshot/`s`, rolling/`r` (a marker in brackets, `(c)`, too). */
export function parseBasis(text: string): Basis | null {
  return lookup(BASES, text.replace(/^\s*\((.*)\)\s*$/, '$1'));
}

const STATUSES: Record<string, ResultStatus> = {
  reported: 'reported',
  due: 'due',
  notdue: 'due',
  notavailable: 'not available',
  na: 'not available',
  notcollected: 'not collected',
  new: 'new',
};

/** due, not available, not collected, new (and `reported`, the meaning of a blank status). */
export function parseResultStatus(text: string): ResultStatus | null {
  return lookup(STATUSES, text);
}

const RAGS: Record<string, Rag> = {
  g: 'G',
  green: 'G',
  ga: 'GA',
  greenamber: 'GA',
  a: 'A',
  amber: 'A',
  ra: 'RA',
  redamber: 'RA',
  r: 'R',
  red: 'R',
};

/** An indicator rating: G, GA, A, RA, R or the words (`Green Amber`, `Amber`…). */
export function parseRag(text: string): Rag | null {
  return lookup(RAGS, text);
}

const NOT_RATED = new Set(['', 'notrated', 'na', 'notapplicable', 'notdue', 'nr']);

/**
 * A key-action rating (DOMAIN §7): G, GA, RA, R (or the words); blank, `Not rated`, `N/A`, `Not due` →
 * not-rated. Amber is not a key-action rating.
 */
export function parseActionRag(text: string): ActionRag | null {
  const key = fold(text);
  if (NOT_RATED.has(key)) return 'not-rated';
  const rag = lookup(RAGS, key);
  return rag === null || rag === 'A' ? null : rag;
}

// ---------------------------------------------------------------------------------------------
// Numbers

export interface ParsedNumber {
  value: number;
  unit?: Unit;
  qualifier?: 'reduction' | 'increase';
}

const NUMBER =
  /^([+-])?\s*(£)?\s*([+-])?\s*(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?(?:e[+-]?\d+)?|\.\d+)\s*(k|m|bn|million|thousand|billion)?(?![a-z])\s*(.*)$/i;
const MULTIPLIERS: Record<string, number> = { k: 3, thousand: 3, m: 6, million: 6, bn: 9, billion: 9 };

/** Normalises typographic characters: minus signs and dashes, non-breaking spaces. */
function clean(text: string): string {
  return text
    .replace(/[\u2212\u2012\u2013]/g, '-')
    .replace(/[\u00a0\u2007\u202f]/g, ' ')
    .trim();
}

/**
 * A number as councils type it: `85%`, `85.5 %`, `1,939`, `£6.8m`, `£150k`, `8.35 days`,
 * `17.5% reduction`, `(4)` (brackets = negative), `-3`, `71.1 per 1,000`, `15 apprenticeships`.
 * Percentages keep their printed scale (85% → 85). Null when the text is not a number.
 */
export function parseNumberText(text: string): ParsedNumber | null {
  let t = clean(text);
  let negative = false;
  const bracketed = /^\((.*)\)$/.exec(t);
  if (bracketed) {
    negative = true;
    t = bracketed[1]!.trim();
  }
  const m = NUMBER.exec(t);
  if (!m) return null;
  const [, sign1, pound, sign2, digits, multiplier, rest] = m;
  if (sign1 && sign2) return null;
  if (bracketed && (sign1 || sign2)) return null;
  if ((sign1 ?? sign2) === '-') negative = !negative;
  const exponent = multiplier ? MULTIPLIERS[multiplier.toLowerCase()]! : 0;
  // Scale in decimal (Number("6.8e6")) rather than multiplying floats (6.8 * 1e6).
  const plain = digits!.replace(/,/g, '');
  let value = /e/i.test(plain) ? Number(plain) * 10 ** exponent : Number(`${plain}e${exponent}`);
  if (!Number.isFinite(value)) return null;
  if (negative) value = -value;
  if (Object.is(value, -0)) value = 0;

  const result: ParsedNumber = { value };
  let unit: Unit | undefined = pound ? 'currency' : undefined;
  let tail = rest!.trim().toLowerCase();
  const pct = /^(%|percent\b|per\s*cent\b)\s*/.exec(tail);
  if (pct) {
    if (unit) return null;
    unit = 'percent';
    tail = tail.slice(pct[0].length);
  }
  if (!unit) {
    const days = /^days?\b\s*/.exec(tail);
    const rate = /^per\s+[\d,]+(?:\s+[a-z]+)*\s*$/.exec(tail);
    if (days) {
      unit = 'days';
      tail = tail.slice(days[0].length);
    } else if (rate) {
      unit = 'rate';
      tail = '';
    }
  }
  const qualifier = /^(reduction|decrease|increase)\s*/.exec(tail);
  if (qualifier) {
    result.qualifier = qualifier[1] === 'increase' ? 'increase' : 'reduction';
    tail = tail.slice(qualifier[0].length);
  }
  if (tail !== '') {
    // A count with its noun: "15 apprenticeships".
    if (unit || result.qualifier || !/^[a-z]{3,}$/.test(tail)) return null;
    unit = 'number';
  }
  if (unit) result.unit = unit;
  return result;
}

/** The shortest decimal text of a number (at most 15 significant digits, as spreadsheets show). */
export function formatNumber(value: number): string {
  return String(Number(value.toPrecision(15)));
}

// ---------------------------------------------------------------------------------------------
// Targets

const NOT_APPLICABLE = new Set(['na', 'notapplicable', '', 'none']);

/**
 * A target as typed: a number (`90%`, `6 days`, `£2.2m`, `20% reduction`), `Monitor`,
 * a direction (`Increase`, `Decrease`, `Reduce`, `Sustain reductions`, `Maintain`), a threshold
 * (`Remain at or above 85%`, `At least 85%`, `≥ 85%`, `85% or above`, `no more than 5`, `≤ 5`) or
 * `N/A` / `Not applicable` / `-`. Null when not understood (or blank).
 */
export function parseTargetText(text: string): Target | null {
  const t = clean(text);
  if (t === '') return null;
  const key = fold(t);
  if (NOT_APPLICABLE.has(key) || /^-+$/.test(t)) return { form: 'not-applicable' };
  if (key === 'monitor' || key === 'monitoronly') return { form: 'monitor' };
  if (!/\d/.test(t)) {
    const w = t.toLowerCase().replace(/\s+/g, ' ');
    if (/^(increase|improve)\b/.test(w)) return { form: 'directional', direction: 'increase' };
    if (/^(decrease|reduce|reduction|lower)\b/.test(w)) return { form: 'directional', direction: 'decrease' };
    if (/^(sustain|maintain)\b/.test(w)) return { form: 'directional', direction: 'sustain' };
    return null;
  }
  const threshold = parseThreshold(t);
  if (threshold) return threshold;
  const n = parseNumberText(t);
  if (!n) return null;
  return n.qualifier ? { form: 'value', value: n.value, qualifier: n.qualifier } : { form: 'value', value: n.value };
}

const ABOVE_PREFIX = /^(?:(?:remain|stay|maintain|keep|be)\s+)?(?:at\s+or\s+above|at\s+least|no\s+less\s+than|not\s+less\s+than|minimum(?:\s+of)?|min\.?|≥|>=|=>)\s*(.+)$/i;
const BELOW_PREFIX = /^(?:(?:remain|stay|maintain|keep|be)\s+)?(?:at\s+or\s+below|at\s+most|no\s+more\s+than|not\s+more\s+than|maximum(?:\s+of)?|max\.?|≤|<=|=<)\s*(.+)$/i;
const ABOVE_SUFFIX = /^(.+?)\s+(?:or\s+(?:above|more|higher|over|greater))$/i;
const BELOW_SUFFIX = /^(.+?)\s+(?:or\s+(?:below|less|lower|under|fewer))$/i;

function parseThreshold(t: string): Target | null {
  const forms: [RegExp, 'at-or-above' | 'at-or-below'][] = [
    [ABOVE_PREFIX, 'at-or-above'],
    [BELOW_PREFIX, 'at-or-below'],
    [ABOVE_SUFFIX, 'at-or-above'],
    [BELOW_SUFFIX, 'at-or-below'],
  ];
  for (const [re, comparator] of forms) {
    const m = re.exec(t);
    if (!m) continue;
    const n = parseNumberText(m[1]!);
    if (!n || n.qualifier) return null;
    return { form: 'threshold', value: n.value, comparator };
  }
  return null;
}

/** The canonical text of a target (used when no printed text was kept). */
export function formatTarget(target: Target): string {
  switch (target.form) {
    case 'value':
      return target.qualifier ? `${formatNumber(target.value)} ${target.qualifier}` : formatNumber(target.value);
    case 'threshold':
      return `${target.comparator === 'at-or-above' ? 'At or above' : 'At or below'} ${formatNumber(target.value)}`;
    case 'monitor':
      return 'Monitor';
    case 'directional':
      return target.direction === 'increase' ? 'Increase' : target.direction === 'decrease' ? 'Decrease' : 'Sustain';
    case 'not-applicable':
      return 'N/A';
  }
}

// ---------------------------------------------------------------------------------------------
// Results

export interface ParsedResult {
  value: number | null;
  status: ResultStatus;
  /** A rating printed in brackets: `67% (G)`. */
  printedRag: Rag | null;
  /** A data period printed in brackets (`83% (Spring 2015)`) or named (`Q not included in Autumn 2015`). */
  dataPeriodHint: string | null;
  /** A basis marker printed in brackets: `1,939 (c)`. */
  basisHint: Basis | null;
}

/** Whether every quarter and financial year a note names exists: `Due Q9 18/19` and `New (2099/00)` do not. */
function periodsExist(text: string): boolean {
  for (const q of text.matchAll(/\bq\s*(\d+)\b/gi)) {
    const n = Number(q[1]);
    if (n < 1 || n > 4) return false;
  }
  for (const y of text.matchAll(/\b(?:\d{2}|\d{4})\s*[/-]\s*(?:\d{2}|\d{4})\b/g)) {
    const start = parseFinancialYear(y[0]);
    if (start === null || start < FIRST_PLAN_YEAR || start > LAST_PLAN_YEAR) return false;
  }
  return true;
}

const NOT_AVAILABLE = new Set(['notavailable', 'na', 'datanotavailable', 'notyetavailable', 'tbc', 'awaitingdata', '-', '']);

/**
 * A result cell: `67% (G)` → 67 reported, printed G; `21% reduction (G)`; `83% (Spring 2015)` → 83
 * with data period hint; `1,939 (c)`; `Due Q3 18/19`, `Due in Q3 18/19`, `Not reported this quarter`
 * → due; `New for 2016/17`, `New (2016/17)` → new; `Q not included in Autumn 2015`, `Not collected`
 * → not collected; `Not available`, `N/A` → not available. A blank cell gives value null, status
 * reported (the caller decides). Null when not understood.
 */
export function parseResultText(text: string): ParsedResult | null {
  // Fast path for the common case: a plain number or percentage ("717", "85.5%", "85% (G)").
  const plain = /^(-?\d+(?:\.\d+)?)\s*%?(?:\s*\((G|GA|A|RA|R)\))?$/.exec(text);
  if (plain) {
    return { value: Number(plain[1]) || 0, status: 'reported', printedRag: (plain[2] as Rag | undefined) ?? null, dataPeriodHint: null, basisHint: null };
  }
  const t = clean(text);
  const base: ParsedResult = { value: null, status: 'reported', printedRag: null, dataPeriodHint: null, basisHint: null };
  if (t === '') return base;
  const lower = t.toLowerCase().replace(/\s+/g, ' ');
  if (/^due\b/.test(lower) || /^not (?:reported|due)\b/.test(lower)) return periodsExist(lower) ? { ...base, status: 'due' } : null;
  if (/^new\b/.test(lower)) return periodsExist(lower) ? { ...base, status: 'new' } : null;
  const notIncluded = /\bnot included in\s+(.+)$/i.exec(t);
  if (notIncluded || /^(?:data )?not collected\b/.test(lower)) {
    const hint = notIncluded ? notIncluded[1]!.replace(/[.\s]+$/, '') : null;
    return { ...base, status: 'not collected', dataPeriodHint: hint && hint !== '' ? hint : null };
  }
  if (NOT_AVAILABLE.has(fold(t)) || /^-+$/.test(t)) return { ...base, status: 'not available' };

  let head = t;
  const result = { ...base };
  for (;;) {
    const m = /\s*\(([^()]*)\)$/.exec(head);
    if (!m || m.index === 0) break;
    const inner = m[1]!.trim();
    head = head.slice(0, m.index);
    // Lower-case (c), (s), (r) are basis markers; (R) is a rating.
    const basis = /^[csr]$/.test(inner) ? parseBasis(inner) : null;
    const rag = basis ? null : parseRag(inner);
    if (basis && !result.basisHint) result.basisHint = basis;
    else if (rag && !result.printedRag) result.printedRag = rag;
    else if (!result.dataPeriodHint && parseDataPeriod(inner).kind !== 'text') result.dataPeriodHint = inner;
    else return null;
  }
  const n = parseNumberText(head);
  if (!n) return null;
  result.value = n.value;
  return result;
}

// ---------------------------------------------------------------------------------------------
// Benchmarks

export interface ParsedBenchmark {
  text: string;
  label: string | null;
  value: number | null;
  source: string | null;
  period: string | null;
}

const NO_BENCHMARK = /^(?:no\s+benchmark(?:\s+(?:available|data))?|none|n\/?a|not\s+applicable|-+)\.?$/i;
const BENCH_NUMBER = /(^|\s)(\(?[-+]?£?\d[\d,]*(?:\.\d+)?\s*(?:%|k|m|bn)?\)?)(?=\s|$)/i;

/**
 * A benchmark, best effort: `London 16.5% (Jan-Dec 2014, Ministry of Justice)` → label London, value
 * 16.5, period `Jan-Dec 2014`, source `Ministry of Justice`; `National 71% (2015/16 Community Life Survey)`
 * → period `2015/16`, source `Community Life Survey`. With two values (`London 27.8% National 29.2% (…)`)
 * the first label and value are taken; the whole text is always kept. Blank or `No benchmark available` → null.
 */
export function parseBenchmarkText(text: string): ParsedBenchmark | null {
  const t = text.trim().replace(/\s+/g, ' ');
  if (t === '' || NO_BENCHMARK.test(t)) return null;
  const out: ParsedBenchmark = { text: t, label: null, value: null, source: null, period: null };
  let head = t;
  const bracket = /\(([^()]*)\)\s*$/.exec(t);
  if (bracket && bracket.index > 0) {
    head = t.slice(0, bracket.index).trim();
    const inner = bracket[1]!.trim();
    const comma = inner.lastIndexOf(',');
    if (comma >= 0) {
      out.period = inner.slice(0, comma).trim() || null;
      out.source = inner.slice(comma + 1).trim() || null;
    } else {
      const lead = leadingPeriod(inner);
      if (lead) {
        out.period = lead.period;
        out.source = lead.rest || null;
      } else if (parseDataPeriod(inner).kind !== 'text') {
        out.period = inner;
      } else {
        out.source = inner || null;
      }
    }
  }
  const m = BENCH_NUMBER.exec(head);
  if (m) {
    const n = parseNumberText(m[2]!);
    if (n) {
      out.value = n.value;
      out.label = head.slice(0, m.index).trim().replace(/[:\-–]$/, '').trim() || null;
      return out;
    }
  }
  out.label = head || null;
  return out;
}

/** `2015/16 Community Life Survey` → period `2015/16`; `October 2016 LGA Survey` → `October 2016`. */
function leadingPeriod(text: string): { period: string; rest: string } | null {
  const words = text.split(' ');
  for (const n of [2, 1]) {
    if (words.length < n) continue;
    const candidate = words.slice(0, n).join(' ');
    if (parseFinancialYear(candidate) !== null || parseYearMonth(candidate) !== null || /^(?:19|20)\d{2}$/.test(candidate)) {
      return { period: candidate, rest: words.slice(n).join(' ') };
    }
  }
  return null;
}
