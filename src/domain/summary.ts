/**
 * The summaries printed on every performance report (DOMAIN §6), with the documented denominators:
 * RAG percentages are of the rated indicators, DOT percentages of those with a DOT, key-action
 * percentages of all key actions including "not rated". Every count comes from the rows given.
 */
import type { ActionRag, DirectionStatus, Rag, RatingValue } from './types.ts';

/** A count and its percentage of the summary's denominator (unrounded; null when the denominator is 0). */
export interface Share {
  count: number;
  percentage: number | null;
}

/** A RAG count: percentage of the rated indicators, and of all indicators (as the 2016/17 annual report printed it). */
export interface RagShare extends Share {
  percentageOfTotal: number | null;
}

export interface IndicatorCounts extends Record<Rag, RagShare> {
  total: number;
  /** G + GA + A + RA + R. */
  rated: number;
  /** Percentages of all indicators. */
  monitor: Share;
  notRated: Share;
  /** Improving + worsening + same. */
  withDirection: number;
  /** Percentages of those with a direction. */
  improvedOrSame: Share;
  worsened: Share;
}

export interface IndicatorSummary extends IndicatorCounts {
  /** Per indicator type (CPI, SPI, MPI, KPI), keys sorted. */
  byType: Record<string, IndicatorCounts>;
}

export interface IndicatorSummaryRow {
  type: string;
  rating: RatingValue;
  direction: DirectionStatus;
}

export interface KeyActionSummary {
  total: number;
  /** Percentages of all key actions, including not rated. */
  G: Share;
  GA: Share;
  RA: Share;
  R: Share;
  notRated: Share;
}

const RAGS: readonly Rag[] = ['G', 'GA', 'A', 'RA', 'R'];

export function summariseIndicators(rows: readonly IndicatorSummaryRow[]): IndicatorSummary {
  const groups = new Map<string, IndicatorSummaryRow[]>();
  for (const row of rows) {
    const type = row.type.trim().toUpperCase();
    groups.set(type, [...(groups.get(type) ?? []), row]);
  }
  const byType: Record<string, IndicatorCounts> = {};
  for (const type of [...groups.keys()].sort()) byType[type] = countIndicators(groups.get(type)!);
  return { ...countIndicators(rows), byType };
}

function countIndicators(rows: readonly IndicatorSummaryRow[]): IndicatorCounts {
  const count = (test: (row: IndicatorSummaryRow) => boolean) => rows.filter(test).length;
  const total = rows.length;
  const rated = count((row) => isRag(row.rating));
  const withDirection = count((row) => ['improving', 'worsening', 'same'].includes(row.direction));
  const rag = Object.fromEntries(
    RAGS.map((r) => {
      const n = count((row) => row.rating === r);
      return [r, { count: n, percentage: percentage(n, rated), percentageOfTotal: percentage(n, total) }];
    }),
  ) as Record<Rag, RagShare>;
  const improvedOrSame = count((row) => row.direction === 'improving' || row.direction === 'same');
  const worsened = count((row) => row.direction === 'worsening');
  return {
    total,
    rated,
    ...rag,
    monitor: share(count((row) => row.rating === 'monitor'), total),
    notRated: share(count((row) => row.rating === 'not-rated'), total),
    withDirection,
    improvedOrSame: share(improvedOrSame, withDirection),
    worsened: share(worsened, withDirection),
  };
}

export function summariseKeyActions(rags: readonly ActionRag[]): KeyActionSummary {
  const total = rags.length;
  const of = (r: ActionRag) => share(rags.filter((x) => x === r).length, total);
  return { total, G: of('G'), GA: of('GA'), RA: of('RA'), R: of('R'), notRated: of('not-rated') };
}

/** "53%" (half away from zero); "n/a" when there is no denominator. */
export function formatPercentage(p: number | null, decimals = 0): string {
  if (p === null) return 'n/a';
  const factor = 10 ** decimals;
  return `${((Math.sign(p) * Math.round(Math.abs(p) * factor + 1e-9)) / factor).toFixed(decimals)}%`;
}

/** "53% (8)", as the reports print a share. */
export function formatShare(s: Share, decimals = 0): string {
  return `${formatPercentage(s.percentage, decimals)} (${s.count})`;
}

function isRag(r: RatingValue): r is Rag {
  return (RAGS as readonly string[]).includes(r);
}

function percentage(count: number, of: number): number | null {
  return of === 0 ? null : (count / of) * 100;
}

function share(count: number, of: number): Share {
  return { count, percentage: percentage(count, of) };
}
