/**
 * Period arithmetic (DOMAIN §2): financial years April–March, quarters, months, survey waves,
 * rolling windows, previous period and same period last year. Pure functions.
 */
import type { DataPeriod, Period, YearMonth } from './types.ts';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] as const;
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** Expands a 2- or 4-digit year; 2-digit years are 20xx. */
function fullYear(text: string): number {
  const n = Number(text);
  return text.length <= 2 ? 2000 + n : n;
}

/** `2016/17`, `2016-17`, `16/17`, `2016/2017` → 2016; null when the text is not a financial year. */
export function parseFinancialYear(text: string): number | null {
  const m = /^(\d{2}|\d{4})\s*[/-]\s*(\d{2}|\d{4})$/.exec(text.trim());
  if (!m) return null;
  const start = fullYear(m[1]!);
  const end = m[2]!.length === 2 ? Math.floor(start / 100) * 100 + Number(m[2]) : Number(m[2]);
  const endFixed = end < start ? end + 100 : end;
  return endFixed === start + 1 ? start : null;
}

/** 2016 → `2016/17`. */
export function formatFinancialYear(startYear: number): string {
  return `${startYear}/${String((startYear + 1) % 100).padStart(2, '0')}`;
}

/** 2016 → `16/17` (the short form printed in report headings). */
export function formatShortFinancialYear(startYear: number): string {
  return `${String(startYear % 100).padStart(2, '0')}/${String((startYear + 1) % 100).padStart(2, '0')}`;
}

/** Parses `Aug 2018`, `August 2018`, `Aug 18`, `2018-08`. */
export function parseYearMonth(text: string): YearMonth | null {
  const t = text.trim().toLowerCase();
  const iso = /^(\d{4})-(\d{1,2})$/.exec(t);
  if (iso) {
    const month = Number(iso[2]);
    return month >= 1 && month <= 12 ? { year: Number(iso[1]), month } : null;
  }
  const m = /^([a-z]+)\.?\s+(\d{2}|\d{4})$/.exec(t);
  if (!m) return null;
  const idx = MONTHS.findIndex((name) => m[1]!.startsWith(name) && (m[1]!.length === 3 || monthWordMatches(m[1]!, name)));
  if (idx < 0) return null;
  return { year: fullYear(m[2]!), month: idx + 1 };
}

const FULL_MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
function monthWordMatches(word: string, abbrev: string): boolean {
  const full = FULL_MONTHS[MONTHS.indexOf(abbrev as (typeof MONTHS)[number])]!;
  return full.startsWith(word) || word === 'sept';
}

export function formatYearMonth(ym: YearMonth): string {
  return `${MONTH_NAMES[ym.month - 1]} ${ym.year}`;
}

/**
 * Parses a reporting period: `2016/17`, `Q2 2018/19`, `Q2 18/19`, `2018/19 Q2`, `Aug 2018`.
 * Returns null when the text is not a period.
 */
export function parsePeriod(text: string): Period | null {
  const t = text.trim().replace(/\s+/g, ' ');
  const year = parseFinancialYear(t);
  if (year !== null) return { kind: 'year', startYear: year };
  const q = /^q([1-4])\s*(.+)$/i.exec(t) ?? /^(.+?)\s*q([1-4])$/i.exec(t);
  if (q) {
    const [quarterText, yearText] = /^q/i.test(t) ? [q[1]!, q[2]!] : [q[2]!, q[1]!];
    const startYear = parseFinancialYear(yearText);
    if (startYear === null) return null;
    return { kind: 'quarter', startYear, quarter: Number(quarterText) as 1 | 2 | 3 | 4 };
  }
  const ym = parseYearMonth(t);
  if (ym) return { kind: 'month', year: ym.year, month: ym.month };
  return null;
}

/** The canonical text of a period: `2016/17`, `Q2 2018/19`, `Aug 2018`. */
export function formatPeriod(p: Period): string {
  switch (p.kind) {
    case 'year':
      return formatFinancialYear(p.startYear);
    case 'quarter':
      return `Q${p.quarter} ${formatFinancialYear(p.startYear)}`;
    case 'month':
      return formatYearMonth(p);
  }
}

/** The short text printed in report headings: `18/19`, `Q2 18/19`. */
export function formatShortPeriod(p: Period): string {
  switch (p.kind) {
    case 'year':
      return formatShortFinancialYear(p.startYear);
    case 'quarter':
      return `Q${p.quarter} ${formatShortFinancialYear(p.startYear)}`;
    case 'month':
      return `${MONTH_NAMES[p.month - 1]} ${String(p.year % 100).padStart(2, '0')}`;
  }
}

/** The financial year (start year) a period falls in. */
export function financialYearOf(p: Period): number {
  switch (p.kind) {
    case 'year':
    case 'quarter':
      return p.startYear;
    case 'month':
      return p.month >= 4 ? p.year : p.year - 1;
  }
}

/** First and last calendar month of a period. */
export function monthsOf(p: Period): { from: YearMonth; to: YearMonth } {
  switch (p.kind) {
    case 'year':
      return { from: { year: p.startYear, month: 4 }, to: { year: p.startYear + 1, month: 3 } };
    case 'quarter': {
      const from = addMonths({ year: p.startYear, month: 4 }, (p.quarter - 1) * 3);
      return { from, to: addMonths(from, 2) };
    }
    case 'month':
      return { from: { year: p.year, month: p.month }, to: { year: p.year, month: p.month } };
  }
}

export function addMonths(ym: YearMonth, n: number): YearMonth {
  const index = ym.year * 12 + (ym.month - 1) + n;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** The period before: the previous quarter (Q1 → Q4 of the year before), year or month. */
export function previousPeriod(p: Period): Period {
  switch (p.kind) {
    case 'year':
      return { kind: 'year', startYear: p.startYear - 1 };
    case 'quarter':
      return p.quarter === 1
        ? { kind: 'quarter', startYear: p.startYear - 1, quarter: 4 }
        : { kind: 'quarter', startYear: p.startYear, quarter: (p.quarter - 1) as 1 | 2 | 3 };
    case 'month': {
      const ym = addMonths(p, -1);
      return { kind: 'month', ...ym };
    }
  }
}

/** The same period a year earlier (for long-term direction of travel). */
export function samePeriodLastYear(p: Period): Period {
  switch (p.kind) {
    case 'year':
      return { kind: 'year', startYear: p.startYear - 1 };
    case 'quarter':
      return { ...p, startYear: p.startYear - 1 };
    case 'month':
      return { ...p, year: p.year - 1 };
  }
}

/** A unique key, sortable within one kind of period: `2016` (year), `2016-Q2`, `2018-08` (month). Also the stored form of a period. */
export function periodKey(p: Period): string {
  switch (p.kind) {
    case 'year':
      return `${p.startYear}`;
    case 'quarter':
      return `${p.startYear}-Q${p.quarter}`;
    case 'month':
      return `${p.year}-${String(p.month).padStart(2, '0')}`;
  }
}

/** Inverse of periodKey. */
export function periodFromKey(key: string): Period {
  const year = /^(\d{4})$/.exec(key);
  if (year) return { kind: 'year', startYear: Number(year[1]) };
  const q = /^(\d{4})-Q([1-4])$/.exec(key);
  if (q) return { kind: 'quarter', startYear: Number(q[1]), quarter: Number(q[2]) as 1 | 2 | 3 | 4 };
  const m = /^(\d{4})-(\d{2})$/.exec(key);
  if (m) return { kind: 'month', year: Number(m[1]), month: Number(m[2]) };
  throw new Error(`Not a period key: ${key}`);
}

export function samePeriod(a: Period, b: Period): boolean {
  return periodKey(a) === periodKey(b);
}

/** Orders periods by their end month, then longer periods first. */
export function comparePeriods(a: Period, b: Period): number {
  const ea = monthsOf(a).to;
  const eb = monthsOf(b).to;
  const d = ea.year * 12 + ea.month - (eb.year * 12 + eb.month);
  if (d !== 0) return d;
  const len = (p: Period) => (p.kind === 'year' ? 12 : p.kind === 'quarter' ? 3 : 1);
  return len(b) - len(a);
}

/** The four quarters of a financial year. */
export function quartersOf(startYear: number): Period[] {
  return ([1, 2, 3, 4] as const).map((quarter) => ({ kind: 'quarter', startYear, quarter }));
}

/** A rolling window of `months` months ending with `to`. */
export function rollingWindow(to: YearMonth, months = 12): { from: YearMonth; to: YearMonth } {
  return { from: addMonths(to, -(months - 1)), to };
}

/**
 * Parses the period a result describes. Understands survey waves (`Autumn 2016`, `Spring 17`),
 * rolling windows (`Rolling 12 months to Sep 2018`, `12 months up to March 2017`), month ranges
 * (`Oct 2015 – Sep 2016`, `Apr-March 2017`), reporting periods (`2016/17`, `Q2 2018/19`) and
 * otherwise keeps the text as it is.
 */
export function parseDataPeriod(text: string): DataPeriod {
  const label = text.trim().replace(/\s+/g, ' ');
  const t = label.toLowerCase().replace(/[()]/g, '').trim();
  const wave = /^(spring|autumn)\s+(\d{2}|\d{4})$/.exec(t);
  if (wave) return { kind: 'wave', season: wave[1] as 'spring' | 'autumn', year: fullYear(wave[2]!), label };
  const rolling = /^(?:rolling\s+)?(\d+)\s+months?\s+(?:up\s+)?to\s+(?:end\s+(?:of\s+)?)?(.+)$/.exec(t);
  if (rolling) {
    const to = parseYearMonth(rolling[2]!);
    if (to) return { kind: 'rolling', months: Number(rolling[1]), to, label };
  }
  // "Oct 2015 – Sep 2016", "Apr 2016 - Mar 2017", "October 2015 to September 2016", "Apr-March 2017":
  // "to" only as a word (not inside "October"), a bare hyphen only when no spaced separator is found.
  const range = /^(.+?)\s*(?:–|—|\s-\s|\sto\s)\s*(.+)$/.exec(t) ?? /^(.+?)-(.+)$/.exec(t);
  if (range && parseFinancialYear(t) === null) {
    const to = parseYearMonth(range[2]!);
    if (to) {
      const fromText = range[1]!.trim();
      const from =
        parseYearMonth(fromText) ?? monthOnly(fromText, to);
      if (from) return { kind: 'range', from, to, label };
    }
  }
  const period = parsePeriod(label);
  if (period) return { kind: 'period', period, label };
  return { kind: 'text', label };
}

/** `Apr` in `Apr-March 2017`: the latest such month not after `to`. */
function monthOnly(text: string, to: YearMonth): YearMonth | null {
  const probe = parseYearMonth(`${text} ${to.year}`);
  if (!probe) return null;
  return probe.month <= to.month ? probe : { year: to.year - 1, month: probe.month };
}

/** The last month a data period covers, when known (to compare lagged data). */
export function dataPeriodEnd(d: DataPeriod): YearMonth | null {
  switch (d.kind) {
    case 'wave':
      return { year: d.year, month: d.season === 'spring' ? 5 : 11 };
    case 'range':
    case 'rolling':
      return d.to;
    case 'period':
      return monthsOf(d.period).to;
    case 'text':
      return null;
  }
}
