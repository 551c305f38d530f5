/**
 * Figures stated in words — commentary, notes, narrative, reasons — read so that `townhall check` can
 * compare them with the stored data (docs/check.md). Pure functions, no I/O.
 *
 * The reading is conservative: a figure is returned only when the words around it say what it is
 * (a result, a target, a change against a named period, a benchmark, a tolerance, a rank, a count of
 * indicators or key actions). Anything else — "over 70 victims", "£150k per year", a figure about
 * London or the national picture, a figure in a sentence that says "respectively" — is left out.
 * When unsure, say nothing: a false contradiction costs a reader more than a missed one.
 *
 * How it works: each sentence is turned into a template in which periods, numbers, ordinals and refs
 * are tokens (`‹w0›`, `‹n1›`, `‹o0›`, `‹r0›`); the patterns below match the template.
 */
import { parseDataPeriod, parseFinancialYear, parsePeriod } from './periods.ts';
import type { DataPeriod, Period } from './types.ts';

/** How a figure is bounded: "more than 50%", "around 25%", or exactly as printed. */
export type Bound = 'exact' | 'more-than' | 'at-least' | 'less-than' | 'at-most' | 'about';

export interface StatedNumber {
  /** As printed, at the printed scale (85% → 85); signed only when a sign is printed ("-25%"). */
  value: number;
  /** `percent` 85%; `points` percentage points ("3.2 percentage points", "4.4%pts"); `rate` "71.8 per 1,000"; `money` "£150k"; `plain` 711. */
  unit: 'percent' | 'points' | 'rate' | 'money' | 'plain';
  /** Decimals printed: a figure agrees with a stored one rounded to these. */
  decimals: number;
  bound: Bound;
  /** The figure as written, e.g. "17.5%". */
  text: string;
}

/** The period a figure is stated for. */
export type StatedWhen =
  /** A reporting period: "Q2 2018/19", "Quarter 3 of 2015/16", "Q1 16/17", "2016/17", "September 2018". */
  | { kind: 'period'; period: Period; text: string }
  /** "Q3" with no year: that quarter of the text's own plan year. */
  | { kind: 'quarter'; quarter: 1 | 2 | 3 | 4; text: string }
  /** The period the data describe: "Autumn 2016", "the rolling 12 months to September 2018". */
  | { kind: 'data-period'; dataPeriod: DataPeriod; text: string }
  /** "last year", "a year ago", "the previous year", "over the past year": the same period a year earlier. */
  | { kind: 'last-year'; text: string }
  /** "the previous quarter", "last quarter". */
  | { kind: 'previous-period'; text: string };

export type ChangeDirection = 'up' | 'down' | 'better' | 'worse' | 'same';

/** What a count is of: indicators, key actions (commissioning intentions, activities) or risks. */
export type CountedThings = 'indicators' | 'key-actions' | 'risks';

/**
 * A status counted: a RAG rating, Monitor, not rated, rated (any RAG), with a direction of travel,
 * improved or same, improved, worsened.
 */
export type CountStatus = 'G' | 'GA' | 'A' | 'RA' | 'R' | 'monitor' | 'not-rated' | 'rated' | 'with-direction' | 'improved-or-same' | 'improved' | 'worsened';

/** Which items a count is of: the whole report, "this priority", or a priority by name ("that relate to safe communities"). */
export type CountScope = { kind: 'report' } | { kind: 'this-priority' } | { kind: 'named'; name: string };

interface Stated {
  /** The sentence the figure is in, as written (tags and markup removed). */
  quote: string;
  /** An indicator ref the sentence names ("CG/S16"), when it names exactly one. */
  ref: string | null;
}

/** A result or target: "27.9% compared with 22% last year", "a target of 68%", "17.5% in Q2 2018/19". */
export interface StatedValue extends Stated {
  kind: 'value';
  /** `result` or `target` when the words say so ("the 48% result", "a target of 68%"); null when they do not. */
  measure: 'result' | 'target' | null;
  number: StatedNumber;
  /** null: the period of the text itself. */
  when: StatedWhen | null;
}

/**
 * A change: "a 5% increase compared to a year ago", "increased from 17.4% to 17.5%", "up 3.2 percentage
 * points", "has worsened since last year", "higher at -25%". `amount` in percent is a percentage change
 * (or, for an indicator in percent, possibly the points: the check accepts either); in points the
 * difference.
 */
export interface StatedChange extends Stated {
  kind: 'change';
  direction: ChangeDirection | null;
  amount: StatedNumber | null;
  from: StatedNumber | null;
  to: StatedNumber | null;
  /** The period the change is measured at; null: the text's own. */
  when: StatedWhen | null;
  /** The earlier period compared with; null when the words do not say. */
  against: StatedWhen | null;
  /** What changed, when the words name it ("a 20% reduction in knife injury offences" → "knife injury offences"). */
  about: string | null;
  /**
   * What the sentence says changed, before the change ("DVA calls to the police in Barnet increased from
   * 3503 to 4990" → "dva calls to the police in barnet"); null when it is only a pronoun or not read.
   */
  subject: string | null;
  /** `target` when the words say a target changed ("reduced from a target of 53% in 2016/17 to 50% in 2017/18"). */
  measure: 'target' | null;
}

/** A benchmark: "above the national average (83%)". */
export interface StatedBenchmark extends Stated {
  kind: 'benchmark';
  /** "national", "london", "england", … as written, lower case. */
  area: string;
  number: StatedNumber;
  /** What the result is said to be against it. */
  relation: 'above' | 'below' | 'in line' | null;
}

/** A survey tolerance: "within the 4 percentage point tolerance", "+/-4.4%pts tolerance". */
export interface StatedTolerance extends Stated {
  kind: 'tolerance';
  number: StatedNumber;
  /** "within the … tolerance": true; "outside": false; otherwise null. */
  within: boolean | null;
  /** What the change said to be within it is measured against (`last-year` for "on par with the previous year"), or `target`. */
  against: StatedWhen | 'target' | null;
}

/** A rank among other places: "the 8th lowest London Borough", "2nd lowest … out of the 32 London boroughs". */
export interface StatedRank extends Stated {
  kind: 'rank';
  rank: number;
  order: string;
  of: number | null;
  /** What is ranked, when the words after the rank say ("… lowest London Borough for overall crime" → "overall crime"). */
  subject: string | null;
  text: string;
}

/**
 * A count: "There are four key indicators linked to this priority", "15 indicators are included",
 * "Of these, 53% (8) are Green", "All have been RAG rated as Green", "11 of 15 key actions are Green".
 */
export interface StatedCount extends Stated {
  kind: 'count';
  things: CountedThings;
  /** "high level" or "strategic" risks. */
  qualifier: 'high-level' | 'strategic' | null;
  /** "all" (every item in scope has the status). */
  count: number | 'all';
  /** null: all items in scope; otherwise those with this status. */
  status: CountStatus | null;
  /** The total this count is part of, as stated ("11 of 15", "Of these [15], 53% (8)"). */
  of: number | null;
  /** The percentage printed beside the count ("53% (8)"). */
  percent: StatedNumber | null;
  scope: CountScope;
  /** The count as written ("nine commissioning intentions", "53% (8) are Green"). */
  text: string;
}

export type StatedFigure = StatedValue | StatedChange | StatedBenchmark | StatedTolerance | StatedRank | StatedCount;

// ---------------------------------------------------------------------------------------------
// Text

/** Tags, markup and typographic characters out; block tags and bullets become line breaks. */
export function normaliseText(text: string): string {
  return text
    .replace(/<\/?(?:p|li|ul|ol|br|div|tr|td|th|table|h\d)\b[^>]*>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/\*\*|__/g, '')
    .replace(/[\u2018\u2019\u2032]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2212\u2012\u2013\u2014]/g, '-')
    .replace(/[\u00a0\u2007\u202f]/g, ' ')
    .replace(/±\s*/g, '+/-')
    .replace(/[ \t]+/g, ' ')
    // A line wrapped inside a sentence (the next line starts in lower case) is one line.
    .replace(/[ \t]*\n[ \t]*(?=[a-z])/g, ' ');
}

const ABBREVIATION = /(?:^|[\s(])(?:i\.e|e\.g|etc|no|nos|approx|vs|cf|mr|mrs|ms|dr|st|incl|para|fig|ref|est|l)\.$/i;

/** The sentences of a text, as written: split at . ! ? before a capital, digit, quote or bracket; at line breaks and bullets. */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  for (const block of normaliseText(text).split(/\n+|•/)) {
    let start = 0;
    const ends = /[.!?]["')\]]*(?=\s+["'([A-Z0-9£+-]|\s*$)/g;
    let m: RegExpExecArray | null;
    while ((m = ends.exec(block))) {
      const candidate = block.slice(start, m.index + 1);
      if (ABBREVIATION.test(candidate)) continue;
      push(block.slice(start, m.index + m[0].length));
      start = m.index + m[0].length;
    }
    push(block.slice(start));
  }
  return out;

  function push(sentence: string) {
    const s = sentence
      .trim()
      .replace(/^(?:[-*]\s+)+/, '')
      // A paragraph number ("1.11 15 indicators…", "1.5 The targets…").
      .replace(/^\d+(?:\.\d+)+\s+(?=[A-Z0-9])/, '')
      .trim();
    if (s) out.push(s);
  }
}

// ---------------------------------------------------------------------------------------------
// Tokens

const MONTH = '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const FY = '(?:\\d{4}\\s*[/-]\\s*\\d{2}(?:\\d{2})?|\\d{2}\\s*/\\s*\\d{2})';
const ORDINAL_QUARTERS: Record<string, 1 | 2 | 3 | 4> = { first: 1, second: 2, third: 3, fourth: 4 };

interface NumberToken {
  type: 'n';
  number: StatedNumber;
  plusMinus: boolean;
  signed: boolean;
}
interface WhenToken {
  type: 'w';
  when: StatedWhen | null;
}
interface OrdinalToken {
  type: 'o';
  rank: number;
}
interface RefToken {
  type: 'r';
  ref: string;
}
type Token = NumberToken | WhenToken | OrdinalToken | RefToken;

interface Span {
  start: number;
  end: number;
  token: Token | null;
}

type Recogniser = { re: RegExp; make: (m: RegExpExecArray) => Token | null | undefined };

const when = (w: StatedWhen | null): WhenToken => ({ type: 'w', when: w });

/**
 * What is not a figure (refs, sections, dates, periods) and what is, in the order they are recognised:
 * a span found earlier wins over a later one that overlaps it. `null` masks the text; `undefined` skips the match.
 */
const RECOGNISERS: Recogniser[] = [
  // Refs: CG/S3, CG/CR1, CI-SC-04, STR024.
  { re: /\b[A-Z]{1,5}\/[A-Z]{0,4}\d+[A-Z]?\b/g, make: (m) => ({ type: 'r', ref: m[0] }) },
  { re: /\b[A-Z]{2,}(?:-[A-Z]{2,})*-\d+\b|\b[A-Z]{2,}\d{2,}\b/g, make: () => null },
  // Sections, lines, tables, footnotes, times.
  { re: /§\s*\d+(?:\.\d+)*|\bl\.\s?\d+(?:-\d+)?/g, make: () => null },
  {
    re: /\b(?:paragraphs?|para|sections?|tables?|figures?|appendix|appendices|footnotes?|pages?|items?|lines?|recommendations?|chapters?|articles?|schedule|part|annex|level|phase|tier|ward|wave|round|stage|version|year)\s+\d+[a-z]?(?:\.\d+)*\b/gi,
    make: () => null,
  },
  { re: /\b\d{1,2}[:.]\d{2}\s*(?:am|pm)\b|\b\d{1,2}:\d{2}\b|\b\d{1,2}\s*(?:am|pm)\b/gi, make: () => null },
  // A rolling window or a month range: the period the data describe.
  {
    re: new RegExp(`\\b(?:the\\s+)?(?:rolling\\s+)?(\\d+)[\\s-]months?\\s+(?:rolling\\s+period|(?:up\\s+)?to\\s+(?:the\\s+)?(?:end\\s+(?:of\\s+)?)?(?:\\d{1,2}(?:st|nd|rd|th)?\\s+)?(${MONTH})\\.?\\s+(\\d{4}|\\d{2}))`, 'gi'),
    make: (m) =>
      when(
        m[2]
          ? { kind: 'data-period', dataPeriod: parseDataPeriod(`Rolling ${m[1]} months to ${m[2]} ${m[3]}`), text: m[0] }
          : { kind: 'data-period', dataPeriod: { kind: 'text', label: m[0] }, text: m[0] },
      ),
  },
  {
    re: new RegExp(`\\b(${MONTH})\\.?\\s*(\\d{4}|\\d{2})?\\s*(?:-|to)\\s*(${MONTH})\\.?\\s+(\\d{4}|\\d{2})\\b`, 'gi'),
    make: (m) => {
      const dp = parseDataPeriod(m[0]);
      return when(dp.kind === 'text' ? null : { kind: 'data-period', dataPeriod: dp, text: m[0] });
    },
  },
  // Quarters with their year.
  {
    re: new RegExp(`\\b(?:q|quarter\\s*)([1-4])\\s*(?:of\\s+|,\\s*)?(${FY})(?![\\d/])`, 'gi'),
    make: (m) => quarterToken(Number(m[1]) as 1 | 2 | 3 | 4, m[2]!, m[0]),
  },
  {
    re: new RegExp(`\\b(first|second|third|fourth)\\s+quarter\\s+(?:of\\s+)?(${FY})(?![\\d/])`, 'gi'),
    make: (m) => quarterToken(ORDINAL_QUARTERS[m[1]!.toLowerCase()]!, m[2]!, m[0]),
  },
  {
    re: new RegExp(`\\b(${FY})\\s+q([1-4])\\b`, 'gi'),
    make: (m) => quarterToken(Number(m[2]) as 1 | 2 | 3 | 4, m[1]!, m[0]),
  },
  // A quarter without a year: that quarter of the text's own year.
  { re: /\b(?:q([1-4])|quarter\s+([1-4]))\b/gi, make: (m) => when({ kind: 'quarter', quarter: Number(m[1] ?? m[2]) as 1 | 2 | 3 | 4, text: m[0] }) },
  // Financial years; a span of years that is not one ("2015-20") is masked.
  {
    re: new RegExp(`(?<![\\d/])(${FY})(?![\\d/])`, 'g'),
    make: (m) => {
      const year = parseFinancialYear(m[1]!.replace(/\s+/g, ''));
      return when(year === null ? null : { kind: 'period', period: { kind: 'year', startYear: year }, text: m[0] });
    },
  },
  // Survey waves.
  {
    re: /\b(spring|autumn)\s+(\d{4}|\d{2})\b/gi,
    make: (m) => when({ kind: 'data-period', dataPeriod: parseDataPeriod(m[0]), text: m[0] }),
  },
  // Dates ("21 November 2018", "November 21, 2018") are masked; a month and year is a period.
  { re: new RegExp(`\\b\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}\\b\\.?(?:,?\\s+\\d{4})?`, 'gi'), make: () => null },
  { re: new RegExp(`\\b${MONTH}\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}\\b`, 'gi'), make: () => null },
  {
    re: new RegExp(`\\b(${MONTH})\\.?\\s+(\\d{4})\\b`, 'gi'),
    make: (m) => {
      const p = parsePeriod(`${m[1]!.slice(0, 3)} ${m[2]}`);
      return when(p ? { kind: 'period', period: p, text: m[0] } : null);
    },
  },
  // Durations: "in 2 years", "over 3 months".
  { re: /(?<=\b(?:in|over|for|within|after|past|last|next|than|the|of)\s+)\d+\s+(?:years?|months?|weeks?|quarters?)\b/gi, make: () => null },
  // Calendar years and spans of them.
  { re: /\b(?:19|20)\d{2}(?:\s*-\s*(?:19|20)?\d{2})?\b/g, make: () => null },
  // Relative periods.
  {
    re: /\b(?:(?:the\s+)?same\s+(?:period|quarter|time|month)\s+(?:last|the\s+previous)\s+year|last\s+year|a\s+year\s+(?:ago|earlier|before)|(?:the\s+)?previous\s+year|(?:the\s+)?year\s+before|(?:the\s+)?(?:past|last|previous)\s+(?:12|twelve)\s+months|(?:the\s+)?past\s+year|year\s+on\s+year)\b/gi,
    make: (m) => when({ kind: 'last-year', text: m[0] }),
  },
  {
    re: /\b(?:(?:the\s+)?(?:previous|last|preceding)\s+quarter|quarter\s+on\s+quarter)\b/gi,
    make: (m) => when({ kind: 'previous-period', text: m[0] }),
  },
  // "rate per 1,000 population" without a figure before it.
  { re: /(?<![\d.]\s*)\bper\s+(?:1,?000|10,?000|100,?000)\b(?:\s+(?:population|residents|people|head))?/gi, make: () => null },
  // Ordinals ("8th lowest").
  { re: /\b(\d+)(?:st|nd|rd|th)\b/gi, make: (m) => ({ type: 'o', rank: Number(m[1]) }) },
  // Numbers, with their unit.
  {
    re: /(?<![\w.,/£])(\+\/-\s*)?([+-])?(£)?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?![\d,]*\.?\d)(?:\s*(k|m|bn|million|billion)\b)?(\s*(?:%\s*pts?\b|%\s*points?\b|percentage[\s-]+points?\b|per\s*cent(?:age\s+points?)?\b|%|ppts?\b|pts?\b|points?\b)|\s+per\s+(?:1,?000|10,?000|100,?000)\b(?:\s+(?:population|residents|people|head))?)?/gi,
    make: numberToken,
  },
];

function quarterToken(quarter: 1 | 2 | 3 | 4, fy: string, text: string): WhenToken | undefined {
  const startYear = parseFinancialYear(fy.replace(/\s+/g, ''));
  if (startYear === null) return undefined;
  return when({ kind: 'period', period: { kind: 'quarter', startYear, quarter }, text });
}

function numberToken(m: RegExpExecArray): NumberToken | undefined {
  const [text, plusMinus, sign, pound, digits, fraction, multiplier, unitText] = m;
  const u = (unitText ?? '').trim().toLowerCase();
  let unit: StatedNumber['unit'] = 'plain';
  if (pound || multiplier) unit = 'money';
  else if (/^(%\s*pts?|%\s*points?|percentage[\s-]+points?|per\s*centage\s+points?|ppts?|pts?|points?)$/.test(u)) unit = 'points';
  else if (/^(%|per\s*cent)$/.test(u)) unit = 'percent';
  else if (u.startsWith('per')) unit = 'rate';
  let value = Number(`${digits!.replace(/,/g, '')}${fraction ? `.${fraction}` : ''}`);
  if (!Number.isFinite(value)) return undefined;
  if (sign === '-') value = -value;
  return {
    type: 'n',
    number: { value, unit, decimals: fraction?.length ?? 0, bound: 'exact', text: text.trim() },
    plusMinus: Boolean(plusMinus),
    signed: Boolean(sign),
  };
}

const BOUNDS: [RegExp, Bound][] = [
  [/(?:just\s+over|more\s+than|over|above|in\s+excess\s+of|upwards\s+of)\s+(?:a\s+|an\s+)?$/i, 'more-than'],
  [/(?:at\s+least|no\s+less\s+than|a\s+minimum\s+of)\s+(?:a\s+|an\s+)?$/i, 'at-least'],
  [/(?:just\s+under|less\s+than|fewer\s+than|under|below)\s+(?:a\s+|an\s+)?$/i, 'less-than'],
  [/(?:up\s+to|at\s+most|no\s+more\s+than|a\s+maximum\s+of)\s+(?:a\s+|an\s+)?$/i, 'at-most'],
  [/(?:almost|nearly|around|about|approximately|approx\.?|roughly|circa|c\.|some)\s+(?:a\s+|an\s+)?$/i, 'about'],
];

interface Analysed {
  /** The sentence as written. */
  quote: string;
  /** Lower-case template with tokens: `‹n0›`, `‹w1›`, `‹o0›`, `‹r0›`; masked text is `‹x›`. */
  template: string;
  tokens: Token[];
}

function analyse(sentence: string): Analysed {
  const spans: Span[] = [];
  for (const { re, make } of RECOGNISERS) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(sentence))) {
      if (m[0] === '') {
        re.lastIndex += 1;
        continue;
      }
      const start = m.index;
      const end = m.index + m[0].replace(/\s+$/, '').length;
      if (spans.some((s) => s.start < end && start < s.end)) continue;
      const token = make(m);
      if (token === undefined) continue;
      if (token?.type === 'n') {
        const bound = BOUNDS.find(([b]) => b.test(sentence.slice(Math.max(0, start - 40), start)));
        if (bound) token.number.bound = bound[1];
      }
      spans.push({ start, end, token });
    }
  }
  spans.sort((a, b) => a.start - b.start);
  const tokens: Token[] = [];
  let template = '';
  let at = 0;
  for (const s of spans) {
    template += sentence.slice(at, s.start).toLowerCase();
    if (s.token) {
      template += `‹${s.token.type}${tokens.length}›`;
      tokens.push(s.token);
    } else {
      template += '‹x›';
    }
    at = s.end;
  }
  template += sentence.slice(at).toLowerCase();
  return { quote: sentence, template: template.replace(/\s+/g, ' '), tokens };
}

// ---------------------------------------------------------------------------------------------
// Patterns over a template

const N = '‹n(\\d+)›';
const W = '‹w(\\d+)›';
const CHANGE_NOUN = '(?:increase|rise|reduction|decrease|fall|drop|decline|improvement|deterioration|growth|dip)';
const CHANGE_VERB =
  '(?:increased|rose|risen|fell|fallen|decreased|reduced|dropped|declined|improved|worsened|deteriorated|grew|grown|went\\s+up|went\\s+down|gone\\s+up|gone\\s+down|(?:is|was|are|were)\\s+up|(?:is|was|are|were)\\s+down|up|down)';
const COMPARISON_WORDS = '\\b(?:compared\\s+(?:to|with)|since|than|on|from|against|over|relative\\s+to)';

const COMPARATOR =
  /\b(?:london|national(?:ly)?|england|english|uk|britain|averages?|benchmarks?|other\s+(?:london\s+)?boroughs?|other\s+councils|other\s+(?:local\s+)?authorities|the\s+capital|statistical\s+neighbours?|nearest\s+neighbours?|comparators?|regional(?:ly)?|region|country|nationwide|countrywide|family\s+group)\b/;

function directionOf(word: string): ChangeDirection | null {
  const w = word.toLowerCase();
  if (/^(increase|rise|rose|risen|increased|grew|grown|growth|went\s+up|gone\s+up|(is|was|are|were)\s+up|up|higher|more)$/.test(w)) return 'up';
  if (/^(reduction|decrease|fall|drop|decline|dip|fell|fallen|decreased|reduced|dropped|declined|went\s+down|gone\s+down|(is|was|are|were)\s+down|down|lower|less|fewer)$/.test(w)) return 'down';
  if (/^(improvement|improved|better)$/.test(w)) return 'better';
  if (/^(deterioration|worsened|deteriorated|worse)$/.test(w)) return 'worse';
  return null;
}

/** Splits a template into clauses: at ; : and the words that start another statement. */
function clauses(template: string): string[] {
  return template
    .split(/;|:(?!\d)|\s-\s|\s(?=(?:but|whilst|while|although|however|whereas)\s)/)
    .map((c) => c.trim())
    .filter(Boolean);
}

/**
 * Whether the figure at `index` in the clause is about somewhere else — London, the national
 * average, other boroughs: its segment (split at commas, brackets, "and", "than") names one, or it is
 * in brackets right after a segment that does.
 */
function aboutElsewhere(clause: string, index: number): boolean {
  const text = clause.replace(/london borough of barnet/g, 'barnet');
  const pieces: { start: number; end: number; bracketed: boolean }[] = [];
  const boundary = /,|\(|\)|\sand\s|\sthan\s|\swith\s/g;
  let start = 0;
  let depth = 0;
  let m: RegExpExecArray | null;
  while ((m = boundary.exec(text))) {
    pieces.push({ start, end: m.index, bracketed: depth > 0 });
    if (m[0] === '(') depth += 1;
    if (m[0] === ')') depth = Math.max(0, depth - 1);
    start = m.index + m[0].length;
  }
  pieces.push({ start, end: text.length, bracketed: depth > 0 });
  const at = text.indexOf(`‹n${index}›`);
  const i = pieces.findIndex((p) => p.start <= at && at < p.end);
  if (i < 0) return false;
  const piece = pieces[i]!;
  if (COMPARATOR.test(text.slice(piece.start, piece.end))) return true;
  if (piece.bracketed && i > 0) {
    const before = pieces[i - 1]!;
    return COMPARATOR.test(text.slice(before.start, before.end));
  }
  return false;
}

/**
 * What a change is "in" or "of", when the words name it ("a 20% reduction in knife injury offences",
 * "an increase from 81% to 84% since Autumn 2016 in the percentage of residents who agree that …").
 */
function aboutAfter(rest: string): string | null {
  const skipped = rest.replace(/^(?:\s+(?:since|compared\s+(?:to|with)|from|over|in|during|between|across)\s+(?:the\s+)?‹w\d+›)+/, '');
  const m = /^\s+(?:in|of)\s+(?:the\s+)?(?:number\s+of\s+|level\s+of\s+|rate\s+of\s+|percentage\s+of\s+|proportion\s+of\s+)?([a-z][a-z '&/-]*?)(?=\s+(?:compared|since|than|during|across|among|between|as|with)\b|\s+(?:from|to|in|on|over|at|for)\s+(?:the\s+)?‹|\s*[,;.()"]|\s*‹|$)/.exec(skipped);
  if (!m) return null;
  const about = m[1]!.trim();
  if (/^(?:barnet|the borough|borough|our borough|the council|london)$/.test(about)) return null;
  return about || null;
}

/** The against-period of a change in a clause: a relative period, or a period after "compared to", "since", "than", "on", "from". */
function againstIn(clause: string, tokens: Token[], exclude: Set<number>): { index: number; when: StatedWhen } | null {
  const re = new RegExp(`${W}`, 'g');
  let m: RegExpExecArray | null;
  while ((m = re.exec(clause))) {
    const index = Number(m[1]);
    const w = (tokens[index] as WhenToken).when;
    if (!w || exclude.has(index)) continue;
    if (w.kind === 'last-year' || w.kind === 'previous-period') return { index, when: w };
    const before = clause.slice(0, m.index);
    if (new RegExp(`${COMPARISON_WORDS}\\s+(?:the\\s+)?(?:same\\s+period\\s+in\\s+|end\\s+of\\s+)?$`).test(before)) return { index, when: w };
  }
  return null;
}

/** The period a figure is stated at in a clause: a when-token that is not the against-period. */
function whenIn(clause: string, tokens: Token[], exclude: Set<number>): StatedWhen | null {
  const re = new RegExp(`${W}`, 'g');
  let m: RegExpExecArray | null;
  while ((m = re.exec(clause))) {
    const index = Number(m[1]);
    const w = (tokens[index] as WhenToken).when;
    if (w && !exclude.has(index) && w.kind !== 'last-year' && w.kind !== 'previous-period') return w;
  }
  return null;
}

const WORD_NUMBERS: Record<string, number> = {
  no: 0, none: 0, zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20,
};
const COUNT = `(‹n\\d+›|${Object.keys(WORD_NUMBERS).join('|')})`;
const THING =
  "((?:key\\s+|corporate\\s+plan\\s+|commissioning\\s+plan\\s+|performance\\s+)?(?:indicators?|measures?|kpis?)|commissioning\\s+intentions?|(?:key\\s+)?(?:actions?|activities|activity)|(?:(?:high[\\s-]level|strategic)\\s+)?risks?)";
const STATUS =
  `((?:a\\s+)?(?:"|')?(?:green\\s+amber|red\\s+amber|green|amber|red|monitor(?:\\s+only)?|not\\s+rated|improved\\s+or\\s+(?:maintained|stayed\\s+the\\s+same|remained\\s+the\\s+same)(?:\\s+performance)?|improved|worsened)(?:"|')?(?:\\s+dot)?)`;
const RATED_AS = '(?:(?:been\\s+)?(?:rag\\s+)?rated\\s+(?:as\\s+)?)?';

function countStatus(text: string): CountStatus | null {
  const t = text.replace(/["']/g, '').replace(/^a\s+/, '').replace(/\s+dot$/, '').trim();
  const table: Record<string, CountStatus> = {
    green: 'G',
    'green amber': 'GA',
    amber: 'A',
    'red amber': 'RA',
    red: 'R',
    monitor: 'monitor',
    'monitor only': 'monitor',
    'not rated': 'not-rated',
    improved: 'improved',
    worsened: 'worsened',
  };
  if (table[t]) return table[t];
  if (/^improved or /.test(t)) return 'improved-or-same';
  return null;
}

function thingsOf(text: string): { things: CountedThings; qualifier: StatedCount['qualifier'] } {
  if (/risk/.test(text)) return { things: 'risks', qualifier: /high/.test(text) ? 'high-level' : /strategic/.test(text) ? 'strategic' : null };
  if (/indicator|measure|kpi/.test(text)) return { things: 'indicators', qualifier: null };
  return { things: 'key-actions', qualifier: null };
}

function scopeAfter(rest: string): CountScope | null {
  const m = /^\s*(?:(?:that|which)\s+)?(?:relate|relates|related|relating|are\s+linked|is\s+linked|linked|belong|belonging)\s+to\s+(.+?)(?=\s+in\s+the\b|\s+and\s+|[.;,:]|$)|^\s+(?:under|for|within)\s+(?:the\s+)?(.+?\s+priority)(?=[.;,:]|\s|$)/.exec(rest);
  if (!m) return null;
  const name = (m[1] ?? m[2] ?? '').trim();
  if (/^(?:this|the|that|each)\s+priority$/.test(name)) return { kind: 'this-priority' };
  const named = name.replace(/^the\s+/, '').replace(/\s+priority$/, '').replace(/["']/g, '').trim();
  return named && !/‹/.test(named) ? { kind: 'named', name: named } : null;
}

// ---------------------------------------------------------------------------------------------
// Extraction

/**
 * The figures a text states, in the order written (docs/check.md lists what is read and what is
 * not). Each carries the sentence it is in.
 */
export function extractStatedFigures(text: string): StatedFigure[] {
  const out: StatedFigure[] = [];
  let total: StatedCount | null = null;
  for (const sentence of splitSentences(text)) {
    const a = analyse(sentence);
    const refs = [...new Set(a.tokens.filter((t): t is RefToken => t.type === 'r').map((t) => t.ref))];
    const base = { quote: a.quote, ref: refs.length === 1 ? refs[0]! : null };
    const used = new Set<number>();
    const counts = extractCounts(a, base, used, total);
    out.push(...counts.figures);
    total = counts.total;
    out.push(...extractRanks(a, base));
    // "…with 85% against a target of 90% and 81% against a target of 85% respectively": which is which is not said.
    if (/\brespectively\b/.test(a.template)) continue;
    for (const clause of clauses(a.template)) out.push(...extractFromClause(clause, a, base, used));
  }
  return dedupe(out);
}

function dedupe(figures: StatedFigure[]): StatedFigure[] {
  const seen = new Set<string>();
  return figures.filter((f) => {
    // "a +/-4.4%pts tolerance … the same +/- 4.4%": one tolerance.
    const key = f.kind === 'tolerance' ? JSON.stringify([f.kind, f.quote, f.number.value]) : JSON.stringify(f);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function numberAt(a: Analysed, index: string | undefined): NumberToken | null {
  const t = index === undefined ? undefined : a.tokens[Number(index)];
  return t?.type === 'n' ? t : null;
}

function whenAt(a: Analysed, index: string | undefined): StatedWhen | null {
  const t = index === undefined ? undefined : a.tokens[Number(index)];
  return t?.type === 'w' ? t.when : null;
}

function countValue(a: Analysed, text: string): number | null {
  const token = /^‹n(\d+)›$/.exec(text);
  if (token) {
    const n = numberAt(a, token[1]);
    return n && n.number.unit === 'plain' && n.number.bound === 'exact' && Number.isInteger(n.number.value) && n.number.value >= 0 && !n.signed ? n.number.value : null;
  }
  return WORD_NUMBERS[text] ?? null;
}

function markUsed(used: Set<number>, text: string) {
  for (const m of text.matchAll(/‹n(\d+)›/g)) used.add(Number(m[1]));
}

function extractCounts(a: Analysed, base: Stated, used: Set<number>, previous: StatedCount | null): { figures: StatedCount[]; total: StatedCount | null } {
  const t = a.template;
  const figures: StatedCount[] = [];
  let total: StatedCount | null = previous;
  const make = (over: Omit<StatedCount, 'kind' | 'quote' | 'ref' | 'things' | 'qualifier' | 'of' | 'percent' | 'status'> & Partial<StatedCount> & { thingText: string }): StatedCount => {
    const { thingText, ...rest } = over;
    return { kind: 'count', ...base, ...thingsOf(thingText), status: null, of: null, percent: null, ...rest };
  };

  // "There are four key indicators linked to this priority", "There are no indicators and no high level risks linked to this priority".
  const existential = new RegExp(`\\bthere\\s+(?:is|are|were|was|will\\s+be)\\s+(${COUNT}\\s+${THING}(?:\\s*(?:,|and)\\s*${COUNT}\\s+${THING})*)`, 'g');
  for (const m of t.matchAll(existential)) {
    const list = m[1]!;
    const scope = scopeAfter(t.slice(m.index + m[0].length)) ?? { kind: 'report' as const };
    for (const item of list.matchAll(new RegExp(`${COUNT}\\s+${THING}`, 'g'))) {
      const count = countValue(a, item[1]!);
      if (count === null) continue;
      markUsed(used, item[0]);
      const figure = make({ count, scope, text: textOf(a, item[0]), thingText: item[2]! });
      figures.push(figure);
      total = figure;
    }
  }
  // "15 indicators are included in the 2016/17 addendum", "12 indicators have been given a 'Direction of Travel' (DOT) status".
  const included = new RegExp(`(?:^|,\\s*|\\.\\s*)(?:in\\s+total,?\\s+)?${COUNT}\\s+${THING}\\s+(?:are|were)\\s+included\\b`, 'g');
  for (const m of t.matchAll(included)) {
    const count = countValue(a, m[1]!);
    if (count === null) continue;
    markUsed(used, m[0]);
    total = make({ count, scope: { kind: 'report' }, text: textOf(a, m[0]), thingText: m[2]! });
    figures.push(total);
  }
  const given = new RegExp(`${COUNT}\\s+${THING}\\s+(?:have|has)\\s+been\\s+given\\s+(?:a|an)\\s+(rag\\s+rating|rating|(?:"|')?direction\\s+of\\s+travel(?:"|')?(?:\\s*\\(dot\\))?(?:\\s+status)?|dot(?:\\s+status)?)`, 'g');
  for (const m of t.matchAll(given)) {
    const count = countValue(a, m[1]!);
    if (count === null) continue;
    markUsed(used, m[0]);
    const status: CountStatus = /rat/.test(m[3]!) ? 'rated' : 'with-direction';
    total = make({ count, status, scope: { kind: 'report' }, text: textOf(a, m[0]), thingText: m[2]! });
    figures.push(total);
  }
  // "11 of 15 key actions are Green", "3 of the 12 indicators are Red".
  const ofTotal = new RegExp(`${COUNT}\\s+(?:out\\s+)?of\\s+(?:the\\s+|our\\s+|its\\s+|their\\s+)?${COUNT}\\s+${THING}\\s+(?:are|were|is|was|have|has)\\s+${RATED_AS}${STATUS}`, 'g');
  for (const m of t.matchAll(ofTotal)) {
    const [count, of] = [countValue(a, m[1]!), countValue(a, m[2]!)];
    const status = countStatus(m[4]!);
    if (count === null || of === null || status === null) continue;
    markUsed(used, m[0]);
    const scope = scopeAfter(t.slice(m.index + m[0].length)) ?? { kind: 'report' as const };
    figures.push(make({ count: of, scope, text: textOf(a, m[0]), thingText: m[3]! }));
    figures.push(make({ count, of, status, scope, text: textOf(a, m[0]), thingText: m[3]! }));
  }
  // "two indicators are Red".
  const withStatus = new RegExp(`(?:^|[,.]\\s*|\\band\\s+)${COUNT}\\s+${THING}\\s+(?:are|were|is|was|have|has)\\s+${RATED_AS}${STATUS}`, 'g');
  for (const m of t.matchAll(withStatus)) {
    const token = /‹n(\d+)›/.exec(m[1]!);
    if (token && used.has(Number(token[1]))) continue;
    const count = countValue(a, m[1]!);
    const status = countStatus(m[3]!);
    if (count === null || status === null) continue;
    markUsed(used, m[0]);
    const scope = scopeAfter(t.slice(m.index + m[0].length)) ?? { kind: 'report' as const };
    figures.push(make({ count, status, scope, text: textOf(a, m[0]), thingText: m[2]! }));
  }
  // Shares of the last total: "Of these, 53% (8) are Green, 7% (1) are Green Amber …", "58% (7) have improved or maintained performance".
  if (total) {
    const share = new RegExp(`${N}\\s*\\(\\s*${N}\\s*\\)\\s*(?:are|were|is|was|have\\s+been|has\\s+been|have|has)\\s+${RATED_AS}${STATUS}`, 'g');
    for (const m of t.matchAll(share)) {
      const percent = numberAt(a, m[1]);
      const count = countValue(a, `‹n${m[2]}›`);
      const status = countStatus(m[3]!);
      if (!percent || percent.number.unit !== 'percent' || count === null || status === null) continue;
      markUsed(used, m[0]);
      figures.push({ ...total, ...base, count, of: total.count === 'all' ? null : total.count, status, percent: percent.number, text: textOf(a, m[0]) });
    }
    // "All have been RAG rated as Green".
    const all = new RegExp(`\\ball\\s+(?:of\\s+(?:them|these)\\s+)?(?:have\\s+been|have|are|were)\\s+${RATED_AS}${STATUS}`, 'g');
    for (const m of t.matchAll(all)) {
      const status = countStatus(m[1]!);
      // "The others are 'Monitor only' indicators and all have worsened": not all of the total.
      if (status === null || total.status !== null || /\b(?:others?|rest|remaining|remainder)\b/.test(t.slice(0, m.index))) continue;
      figures.push({ ...total, ...base, count: 'all', of: null, status, percent: null, text: textOf(a, m[0]) });
    }
  }
  return { figures, total };
}

/** The words of a template fragment as written (tokens back to their text). */
function textOf(a: Analysed, fragment: string): string {
  return fragment
    .replace(/‹([nwor])(\d+)›/g, (_, type: string, i: string) => {
      const token = a.tokens[Number(i)]!;
      if (token.type === 'n') return token.number.text;
      if (token.type === 'w') return token.when?.text ?? '';
      if (token.type === 'o') return `${token.rank}${ordinalSuffix(token.rank)}`;
      return token.ref;
    })
    .replace(/^[\s,.]+|[\s,.]+$/g, '')
    .replace(/^and\s+/, '');
}

function ordinalSuffix(n: number): string {
  if (n % 100 >= 11 && n % 100 <= 13) return 'th';
  return ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
}

const ORDINAL_WORDS: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10 };

/** After "8th lowest": up to three words, then "for" or "of" and what is ranked, to the next joining word or stop. */
const RANK_SUBJECT = /^\s+(?:(?!out\b)[a-z]+\s+){0,3}?(?:for|of)\s+((?:(?!(?:in|out|across|among|amongst|and|but|compared|with|which|while)\b)[a-z-]+\s*){1,5})/;

function extractRanks(a: Analysed, base: Stated): StatedRank[] {
  const out: StatedRank[] = [];
  const re = new RegExp(`(?:‹o(\\d+)›|\\b(${Object.keys(ORDINAL_WORDS).join('|')}))\\s+(lowest|highest|best|worst|safest|largest|smallest|biggest|most|least)\\b(?:[^.;]*?\\bout\\s+of\\s+(?:the\\s+)?${N})?`, 'g');
  for (const m of a.template.matchAll(re)) {
    const token = m[1] === undefined ? undefined : a.tokens[Number(m[1])];
    const rank = token?.type === 'o' ? token.rank : ORDINAL_WORDS[m[2] ?? ''];
    if (rank === undefined) continue;
    const of = numberAt(a, m[4]);
    const orderEnd = m.index + m[0].indexOf(m[3]!, m[1] === undefined ? m[2]!.length : 0) + m[3]!.length;
    const about = RANK_SUBJECT.exec(a.template.slice(orderEnd));
    const subject = about ? about[1]!.trim() || null : null;
    out.push({ kind: 'rank', ...base, rank, order: m[3]!, of: of ? of.number.value : null, subject, text: textOf(a, m[0].replace(/\s+out\s+of.*$/, '')) });
  }
  return out;
}

function extractFromClause(clause: string, a: Analysed, base: Stated, used: Set<number>): StatedFigure[] {
  const out: StatedFigure[] = [];
  const tokens = a.tokens;
  const free = (i: string | undefined) => i !== undefined && !used.has(Number(i)) && !aboutElsewhere(clause, Number(i));
  const take = (...indexes: (string | undefined)[]) => indexes.forEach((i) => i !== undefined && used.add(Number(i)));
  const value = (n: NumberToken, measure: StatedValue['measure'], w: StatedWhen | null): StatedValue => ({
    kind: 'value',
    ...base,
    measure: measure ?? labelBefore(a, tokens.indexOf(n)),
    number: n.number,
    when: w,
  });
  // Money is left out: "The Committee's budget for 2018/19 is £2.25m" is seldom an indicator's result.
  const moneyOut = (i: string | undefined) => numberAt(a, i)?.number.unit === 'money';

  // Tolerance: "within the 4 percentage point tolerance", "a +/-4.4%pts tolerance", "the same +/- 4.4%".
  if (/\btolerance\b/.test(clause)) {
    for (const m of clause.matchAll(new RegExp(`(?:(within|outside)\\s+(?:the\\s+|a\\s+|its\\s+|our\\s+)?|tolerance\\s+(?:of\\s+)?)?${N}`, 'g'))) {
      const n = numberAt(a, m[2]);
      if (!n || used.has(Number(m[2]))) continue;
      const after = clause.slice(m.index + m[0].length);
      const named = n.plusMinus || /^tolerance/.test(m[0]) || /^\s*(?:survey\s+)?tolerance\b/.test(after);
      if (!named || (n.number.unit !== 'points' && n.number.unit !== 'percent' && n.number.unit !== 'plain')) continue;
      take(m[2]);
      const within = m[1] === 'within' || /\bwithin\s+(?:the\s+|a\s+|its\s+|our\s+)?‹n/.test(clause) ? true : m[1] === 'outside' ? false : null;
      const against = /\btarget\b/.test(clause) ? ('target' as const) : (againstIn(a.template, tokens, new Set())?.when ?? null);
      out.push({ kind: 'tolerance', ...base, number: { ...n.number, value: Math.abs(n.number.value) }, within, against });
    }
  }

  // Benchmark: "above the national average (83%)", "the London average of 27.5%".
  for (const m of clause.matchAll(new RegExp(`(?:(above|higher\\s+than|better\\s+than|below|lower\\s+than|worse\\s+than|in\\s+line\\s+with)\\s+)?(?:the\\s+)?(national|london|england|english|regional|inner\\s+london|outer\\s+london|statistical\\s+neighbour|nearest\\s+neighbour)\\s+average\\s*(?:of\\s+|at\\s+|is\\s+|was\\s+|:\\s*)?\\(?\\s*${N}`, 'g'))) {
    const n = numberAt(a, m[3]);
    if (!n || used.has(Number(m[3])) || n.signed) continue;
    take(m[3]);
    const relation = !m[1] ? null : /above|higher|better/.test(m[1]) ? 'above' : /below|lower|worse/.test(m[1]) ? 'below' : 'in line';
    out.push({ kind: 'benchmark', ...base, area: m[2]!, number: n.number, relation });
  }

  // "85% against a target of 90%", "Q3 result 85% against a 16/17 target of 90%".
  for (const m of clause.matchAll(new RegExp(`${N}\\s+against\\s+(?:a|an|the|its|their)\\s+(?:${W}\\s+)?target\\s+(?:of\\s+)?${N}`, 'g'))) {
    const [r, tg] = [numberAt(a, m[1]), numberAt(a, m[3])];
    if (!r || !tg || !free(m[1]) || !free(m[3])) continue;
    take(m[1], m[3]);
    const resultWhen = new RegExp(`${W}\\s+(?:result|results|figure|position)\\s+(?:of\\s+|was\\s+|is\\s+)?$`).exec(clause.slice(0, m.index));
    out.push(value(r, 'result', resultWhen ? whenAt(a, resultWhen[1]) : null), value(tg, 'target', whenAt(a, m[2])));
  }

  // "71.1 compared to 67.6 last year", "27.9% compared with 22% in Q2 2017/18".
  for (const m of clause.matchAll(new RegExp(`${N}\\s*,?\\s+compared\\s+(?:to|with)\\s+(?:the\\s+)?${N}\\s+(?:(?:in|for|at|during)\\s+)?(?:the\\s+)?${W}`, 'g'))) {
    const [now, then, w] = [numberAt(a, m[1]), numberAt(a, m[2]), whenAt(a, m[3])];
    if (!now || !then || !w || !free(m[1]) || !free(m[2]) || now.signed || then.signed || moneyOut(m[1])) continue;
    take(m[1], m[2]);
    out.push(value(now, null, null), value(then, null, w));
  }

  // "increased from 17.4% to 17.5%", "An increase from 81% to 84% since Autumn 2016", "Lowered from 53% in 2016/17",
  // "reduced from a target of 53% in 2016/17 to 50% in 2017/18".
  for (const m of clause.matchAll(new RegExp(`(?:\\b(${CHANGE_NOUN}|${CHANGE_VERB}|lowered|raised|higher|lower|changed|moved|gone)\\s+(?:\\w+\\s+){0,2}?|\\b)from\\s+(?:a\\s+|an\\s+|the\\s+)?(target\\s+of\\s+)?${N}(?:\\s+(?:in|at|for)\\s+(?:the\\s+)?${W})?(?:\\s+to\\s+(?:a\\s+|an\\s+)?${N}(?:\\s+(?:in|at|for)\\s+(?:the\\s+)?${W})?)?`, 'g'))) {
    const [from, to] = [numberAt(a, m[3]), numberAt(a, m[5])];
    if (!from || !free(m[3]) || (m[5] !== undefined && !free(m[5])) || from.signed || to?.signed) continue;
    if (!to && !m[1]) continue;
    if ([from, to].some((n) => n && n.number.unit === 'money')) continue;
    take(m[3], m[5]);
    // "increasing from 250 to 660 email recipients": a plain figure with a noun of its own may count something else.
    if ((to ?? from).number.unit === 'plain' && hasOwnNoun(clause.slice(m.index + m[0].length))) continue;
    const fromWhen = whenAt(a, m[4]);
    const exclude = new Set([m[4], m[6]].filter((x): x is string => x !== undefined).map(Number));
    const against = fromWhen ?? againstIn(clause, tokens, exclude)?.when ?? null;
    const word = m[1] ? (directionOf(m[1]) ?? (m[1] === 'lowered' ? 'down' : m[1] === 'raised' ? 'up' : null)) : null;
    const measure = m[2] || /\btargets?\s+(?:\w+\s+){0,3}$/.test(clause.slice(0, m.index)) ? 'target' : null;
    out.push({
      kind: 'change',
      ...base,
      direction: word ?? (to ? (to.number.value > from.number.value ? 'up' : to.number.value < from.number.value ? 'down' : 'same') : null),
      amount: null,
      from: from.number,
      to: to?.number ?? null,
      when: whenAt(a, m[6]),
      against,
      about: aboutAfter(clause.slice(m.index + m[0].length)),
      subject: subjectBefore(clause.slice(0, m.index + m[0].search(/\S/))),
      measure,
    });
  }

  // Targets: "a target of 68%", "the 2017/18 target of 68%", "its 16/17 target of 74%", "the 20% target".
  for (const m of clause.matchAll(new RegExp(`\\b(?:a|an|the|its|their|our)\\s+(?:${W}\\s+)?(?:annual\\s+|quarterly\\s+|year[\\s-]end\\s+)?target\\s+(?:of|at|is|was|to\\s+be)\\s+${N}(?:\\s+(?:for|in)\\s+(?:the\\s+)?${W})?`, 'g'))) {
    const n = numberAt(a, m[2]);
    if (!n || !free(m[2]) || n.signed) continue;
    take(m[2]);
    out.push(value(n, 'target', whenAt(a, m[1]) ?? whenAt(a, m[3])));
  }
  for (const m of clause.matchAll(new RegExp(`\\b(?:a|an|the|its|their|our)\\s+${N}\\s+(?:${W}\\s+)?target\\b(?:\\s+(?:for|in)\\s+(?:the\\s+)?${W})?`, 'g'))) {
    const n = numberAt(a, m[1]);
    if (!n || !free(m[1]) || n.signed || n.number.bound !== 'exact') continue;
    take(m[1]);
    out.push(value(n, 'target', whenAt(a, m[2]) ?? whenAt(a, m[3])));
  }

  // Changes with an amount: "a 5% increase", "a reduction of 3%", "up 3.2 percentage points", "5% higher than last year",
  // "showing a 17.5% reduction", "higher at -25%". Read now, kept until the clause's other figures are known.
  const candidates: { number: string; word: string; end: number; index: number }[] = [];
  const BOUND_WORDS = '(?:(?:more\\s+than|over|almost|nearly|around|about|approximately|less\\s+than|under|just\\s+over|just\\s+under)\\s+)?';
  const add = (m: RegExpMatchArray, number: string, word: string) => candidates.push({ number, word, index: m.index!, end: m.index! + m[0].length });
  for (const m of clause.matchAll(new RegExp(`${N}\\s+(${CHANGE_NOUN})\\b`, 'g'))) add(m, m[1]!, m[2]!);
  for (const m of clause.matchAll(new RegExp(`\\b(${CHANGE_NOUN})\\s+of\\s+${BOUND_WORDS}${N}`, 'g'))) add(m, m[2]!, m[1]!);
  for (const m of clause.matchAll(new RegExp(`\\b(${CHANGE_VERB})\\s+(by\\s+)?${BOUND_WORDS}${N}`, 'g'))) {
    const n = numberAt(a, m[3]);
    // "set up 3 new hubs" is no change: a bare "up"/"down" needs a percentage or points.
    if (n && n.number.unit === 'plain' && !m[2] && /^(?:up|down)$/.test(m[1]!)) continue;
    add(m, m[3]!, m[1]!);
  }
  for (const m of clause.matchAll(new RegExp(`${N}\\s+(higher|lower|more|less|fewer|up|down)\\b(\\s+than)?(?!\\s+(?:until|till|to)\\b)`, 'g'))) {
    const n = numberAt(a, m[1]);
    if (n && n.number.unit === 'plain' && !m[3]) continue;
    add(m, m[1]!, m[2]!);
  }
  if (new RegExp(`\\b(?:${CHANGE_NOUN}|${CHANGE_VERB}|higher|lower)\\b`).test(clause)) {
    for (const m of clause.matchAll(new RegExp(`\\b(?:at|of|is|was|by|be)\\s+${N}`, 'g'))) {
      const n = numberAt(a, m[1]);
      if (n?.signed && n.number.value !== 0) add(m, m[1]!, n.number.value > 0 ? 'up' : 'down');
    }
  }
  candidates.sort((x, y) => x.index - y.index);
  const changes: StatedChange[] = [];
  for (const c of candidates) {
    const n = numberAt(a, c.number);
    if (!n || !free(c.number) || n.number.unit === 'rate' || n.number.unit === 'money') continue;
    take(c.number);
    // A plain amount must be followed by no noun of its own ("an increase of 44 hate crimes" may count something else).
    if (n.number.unit === 'plain' && hasOwnNoun(clause.slice(c.end))) continue;
    const wordDirection = directionOf(c.word);
    const signDirection = n.signed ? (n.number.value > 0 ? 'up' : 'down') : null;
    const against = againstIn(clause, tokens, new Set());
    const nounBefore = new RegExp(`\\b(${CHANGE_NOUN})\\s+(?:in|of)\\s+[^‹]*$`).exec(clause.slice(0, c.index));
    changes.push({
      kind: 'change',
      ...base,
      direction: signDirection ?? wordDirection,
      amount: { ...n.number, value: Math.abs(n.number.value) },
      from: null,
      to: null,
      when: whenIn(clause, tokens, new Set(against ? [against.index] : [])),
      against: against?.when ?? null,
      about: aboutAfter(clause.slice(c.end)) ?? (nounBefore ? aboutAfter(clause.slice(nounBefore.index + nounBefore[1]!.length)) : null),
      subject: null,
      measure: null,
    });
  }

  // Results at a period: "Q1 16/17 reported 66%", "17.5% in Q2 2018/19", "the 48% result at Q1 16/17".
  for (const m of clause.matchAll(new RegExp(`${W}\\s+(?:(?:result|results|figure|position|outturn|rate|level)\\s+)?(?:was|is|of|at|showed|showing|reported|stood\\s+at|stands\\s+at|came\\s+in\\s+at|:|-)\\s+(?:a\\s+|an\\s+)?${N}`, 'g'))) {
    const [w, n] = [whenAt(a, m[1]), numberAt(a, m[2])];
    if (!w || !n || !free(m[2]) || n.signed || moneyOut(m[2]) || w.kind === 'last-year' || w.kind === 'previous-period') continue;
    // "Q2 2018/19: 45 apprentices" may count something else.
    if (n.number.unit === 'plain' && hasOwnNoun(clause.slice(m.index + m[0].length))) continue;
    take(m[2]);
    out.push(value(n, /result|outturn/.test(m[0]) ? 'result' : null, w));
  }
  for (const m of clause.matchAll(new RegExp(`(?:\\b(?:the|a|its)\\s+)?${N}\\s+(result\\s+)?(?:in|for|at|during)\\s+(?:the\\s+)?${W}`, 'g'))) {
    const [n, w] = [numberAt(a, m[1]), whenAt(a, m[3])];
    if (!n || !w || !free(m[1]) || n.signed || n.number.bound !== 'exact' || n.number.unit === 'money') continue;
    if (w.kind === 'last-year' || w.kind === 'previous-period') continue;
    take(m[1]);
    out.push(value(n, m[2] ? 'result' : null, w));
  }
  // The text's own period: "remains high at 85%", "the result is 85%"; or a target ("The 17/18 target … remains at 68%").
  for (const m of clause.matchAll(new RegExp(`\\b(?:(?:remains?|remained|stands?|stood|is|was|currently)\\s+(?:high\\s+|low\\s+|stable\\s+|steady\\s+|strong\\s+)?at|(?:the\\s+)?(?:result|outturn)\\s+(?:is|was|of|at)|result)\\s+${N}`, 'g'))) {
    const n = numberAt(a, m[1]);
    if (!n || !free(m[1]) || n.signed || moneyOut(m[1])) continue;
    take(m[1]);
    const before = clause.slice(0, m.index);
    const subject = /.*\b(target|result|outturn)s?\b/.exec(before)?.[1] ?? null;
    if (subject === 'target') {
      const w = new RegExp(`${W}\\s+(?:\\w+\\s+){0,2}target\\b`).exec(before);
      out.push(value(n, 'target', w ? whenAt(a, w[1]) : null));
    } else {
      const w = new RegExp(`${W}\\s*$`).exec(before);
      out.push(value(n, /result|outturn/.test(m[0]) || subject ? 'result' : null, w ? whenAt(a, w[1]) : null));
    }
  }
  // "71.8 per 1000, 12 months to March 2018".
  for (const m of clause.matchAll(new RegExp(`${N}(?:\\s*,\\s*|\\s+(?:in|for)\\s+(?:the\\s+)?)${W}`, 'g'))) {
    const [n, w] = [numberAt(a, m[1]), whenAt(a, m[2])];
    if (!n || !w || n.number.unit !== 'rate' || !free(m[1])) continue;
    take(m[1]);
    out.push(value(n, null, w));
  }

  // A change in a clause that also states a figure nothing above read ("753 … offences reported (a reduction of 3% …)",
  // "a 32% increase with 548 crimes reported") may be that figure's rather than the indicator's: left out.
  if (!leftOver(clause, a, used)) out.push(...changes);

  // Direction without an amount, against a named period: "has worsened since last year", "has increased compared to a year ago".
  for (const m of clause.matchAll(new RegExp(`\\b(?:has|have|had)\\s+(?:also\\s+)?(increased|decreased|risen|fallen|improved|worsened|deteriorated|reduced|dropped|declined|gone\\s+up|gone\\s+down)\\s+(?:${COMPARISON_WORDS}\\s+)?(?:the\\s+)?${W}`, 'g'))) {
    const w = whenAt(a, m[2]);
    if (!w) continue;
    const before = clause.slice(0, m.index);
    if (/\b(?:all|each|both|none|they|others?|rest|remaining|some|most|many)\b[^‹]*$/.test(before) || COMPARATOR.test(before.replace(/london borough of barnet/g, ''))) continue;
    out.push({ kind: 'change', ...base, direction: directionOf(m[1]!), amount: null, from: null, to: null, when: null, against: w, about: null, subject: subjectBefore(before), measure: null });
  }
  return out;
}

/**
 * What the words just before an unlabelled figure call it, in its sentence: "The target for 2018/19 is
 * 76%", "Target: 68% in 2018/19" → `target`; "The result for 2017/18 was 55%" → `result`; otherwise null.
 */
function labelBefore(a: Analysed, index: number): StatedValue['measure'] {
  const at = a.template.indexOf(`‹n${index}›`);
  if (at < 0) return null;
  const before = a.template.slice(0, at).split(/‹n\d+›|[.;]/).pop() ?? '';
  const words = /\b(targets?|results?|outturn)\b(?!.*\b(?:targets?|results?|outturn)\b)/.exec(before.split(/\s+/).slice(-8).join(' '));
  if (!words) return null;
  return words[1]!.startsWith('target') ? 'target' : 'result';
}

/** Whether the words after a plain figure name what it counts ("660 email recipients", "44 hate crimes"). */
function hasOwnNoun(after: string): boolean {
  return /^\s+(?!compared\b|since\b|than\b|on\b|from\b|over\b|in\s+‹w|for\s+‹w|at\s+‹w|against\b|last\b|this\b|and\b|or\b|to\b|in\s+(?:the\s+)?(?:past|last|previous)\b)[a-z]/.test(after);
}

const SUBJECT_NOISE = new Set(['a', 'an', 'the', 'has', 'have', 'had', 'been', 'is', 'was', 'are', 'were', 'also', 'there', 'we', 'seen', 'showing', 'showed', 'shown', 'not', 'it', 'this', 'that', 'which', 'these', 'they', 'its', 'our', 'result', 'results', 'figure', 'figures', 'performance', 'indicator', 'measure', 'rate', 'level', 'number', 'overall', 'barnet', 'borough', 'in', 'of', 'total', 'significantly', 'slightly', 'further']);

/** The words before a change that say what changed, cut at the last comma, bracket or conjunction; null when only pronouns and generic words. */
function subjectBefore(before: string): string | null {
  const cut = before.split(/[,(;:]|\s(?:and|but|with|that|which|where|while|whilst|although|as)\s|‹[a-z]\d*›/).pop() ?? '';
  const words = cut.replace(/["']/g, ' ').trim().split(/\s+/).filter(Boolean);
  while (words.length && SUBJECT_NOISE.has(words[words.length - 1]!)) words.pop();
  while (words.length && /^(?:a|an|the|our|its|their|this|that)$/.test(words[0]!)) words.shift();
  const phrase = words.slice(-8).join(' ');
  return words.some((w) => !SUBJECT_NOISE.has(w)) ? phrase : null;
}

/** Whether a clause has a figure that nothing read (not a period, not about elsewhere, not a tolerance). */
function leftOver(clause: string, a: Analysed, used: Set<number>): boolean {
  for (const m of clause.matchAll(/‹n(\d+)›/g)) {
    const i = Number(m[1]);
    if (used.has(i) || aboutElsewhere(clause, i) || (a.tokens[i] as NumberToken).plusMinus) continue;
    return true;
  }
  return false;
}
