/**
 * Stable, linkable URLs for committees, periods and indicators, and their inverses.
 *
 * Periods in URLs: `2016-17` (financial year 2016/17), `2018-19-q2` (Q2 2018/19), `2018-aug` (Aug 2018).
 * Indicators: a lower-case slug of the ref, `CG/S3` → `cg-s3` (no slashes or %2F for proxies to mangle).
 */
import { parseFinancialYear, periodFromKey, periodKey } from '../domain/periods.ts';
import type { Period } from '../domain/types.ts';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] as const;

const yearSlug = (startYear: number) => `${startYear}-${String((startYear + 1) % 100).padStart(2, '0')}`;

/** A period key ('2018-Q2', '2016', '2018-08') → its URL form ('2018-19-q2', '2016-17', '2018-aug'). */
export function periodSlug(key: string): string {
  const p = periodFromKey(key);
  switch (p.kind) {
    case 'year':
      return yearSlug(p.startYear);
    case 'quarter':
      return `${yearSlug(p.startYear)}-q${p.quarter}`;
    case 'month':
      return `${p.year}-${MONTHS[p.month - 1]}`;
  }
}

/** The URL form of a period → its period key; null when the text is not one (only the canonical form is accepted). */
export function periodKeyFromSlug(slug: string): string | null {
  const m = /^(\d{4})-(\d{2})(?:-q([1-4]))?$/.exec(slug);
  if (m) {
    const startYear = parseFinancialYear(`${m[1]}/${m[2]}`);
    if (startYear === null) return null;
    const period: Period = m[3] ? { kind: 'quarter', startYear, quarter: Number(m[3]) as 1 | 2 | 3 | 4 } : { kind: 'year', startYear };
    return periodKey(period);
  }
  const month = /^(\d{4})-([a-z]{3})$/.exec(slug);
  if (month) {
    const index = MONTHS.indexOf(month[2] as (typeof MONTHS)[number]);
    return index < 0 ? null : periodKey({ kind: 'month', year: Number(month[1]), month: index + 1 });
  }
  return null;
}

/** `CG/S3` → `cg-s3`. */
export function indicatorSlug(ref: string): string {
  return ref
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export const committeePath = (committeeSlug: string) => `/committees/${encodeURIComponent(committeeSlug)}`;

export const dashboardPath = (committeeSlug: string, period: string) => `${committeePath(committeeSlug)}/${periodSlug(period)}`;

export const actionsPath = (committeeSlug: string, period: string) => `${dashboardPath(committeeSlug, period)}/actions`;

export const indicatorPath = (ref: string) => `/indicators/${indicatorSlug(ref)}`;

/** A query string from the non-empty values given ('' when none), keys in the order given. */
export function queryString(params: Record<string, string | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) search.set(k, v);
  const text = search.toString();
  return text ? `?${text}` : '';
}
