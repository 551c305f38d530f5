/**
 * Numbers as councils print them: 27.9%, 711, £6.8m, 8.35 days, 71.1 per 1,000; basis markers (c)/(s)/(r).
 * Pure functions used by every report format, so a figure reads the same everywhere.
 */
import type { Basis, Target, Unit } from './types.ts';

/** One formatter per number of decimals: creating an Intl.NumberFormat per value is slow. */
const formatters = new Map<number, Intl.NumberFormat>();
function grouped(value: number, maxDecimals: number): string {
  let formatter = formatters.get(maxDecimals);
  if (!formatter) {
    formatter = new Intl.NumberFormat('en-GB', { maximumFractionDigits: maxDecimals, minimumFractionDigits: 0 });
    formatters.set(maxDecimals, formatter);
  }
  return formatter.format(value);
}

/** A value in its unit, with the qualifier of its target ("21% reduction"). */
export function formatValue(value: number | null, unit: string, qualifier?: string | null): string {
  if (value === null) return '';
  let text: string;
  switch (unit as Unit) {
    case 'percent':
      text = `${grouped(value, 1)}%`;
      break;
    case 'currency':
      text =
        Math.abs(value) >= 1_000_000
          ? `£${grouped(value / 1_000_000, 2)}m`
          : Math.abs(value) >= 10_000
            ? `£${grouped(value / 1_000, 1)}k`
            : `£${grouped(value, 2)}`;
      break;
    case 'days':
      text = `${grouped(value, 2)} days`;
      break;
    case 'rate':
      text = grouped(value, 2);
      break;
    default:
      text = grouped(value, 2);
  }
  return qualifier ? `${text} ${qualifier}` : text;
}

/** A target as printed in a report: the council's own wording where kept, otherwise built from the value. */
export function formatTargetForReport(target: Target | null, printed: string | null, unit: string): string {
  if (printed && printed.trim()) return printed.trim();
  if (!target) return '';
  switch (target.form) {
    case 'value':
      return formatValue(target.value, unit, target.qualifier);
    case 'threshold':
      return `${target.comparator === 'at-or-above' ? 'At or above' : 'At or below'} ${formatValue(target.value, unit)}`;
    case 'monitor':
      return 'Monitor';
    case 'directional':
      return target.direction === 'increase' ? 'Increase' : target.direction === 'decrease' ? 'Decrease' : 'Sustain';
    case 'not-applicable':
      return 'N/A';
  }
}

/** (c) cumulative, (s) snapshot, (r) rolling 12 months; no marker for the months of the period. */
export function basisMarker(basis: string): string {
  const markers: Record<Basis, string> = { discrete: '', cumulative: '(c)', snapshot: '(s)', rolling: '(r)' };
  return markers[basis as Basis] ?? '';
}

export function polarityText(polarity: string): string {
  return polarity === 'smaller' ? 'Smaller is Better' : 'Bigger is Better';
}

/**
 * Money as councils print it in finance tables (£000 columns): whole numbers with thousands
 * separators, negative (favourable) figures in brackets — `1,939`, `(4)`, `0`. `decimals` for tables
 * that print fractions. A value that rounds to zero prints `0`, never `(0)` or `-0`.
 */
export function formatMoney(value: number | null, decimals = 0): string {
  if (value === null || !Number.isFinite(value)) return '';
  const factor = 10 ** decimals;
  const rounded = Math.round(Math.abs(value) * factor) / factor;
  if (rounded === 0) return (0).toFixed(decimals);
  const text = new Intl.NumberFormat('en-GB', { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(rounded);
  return value < 0 ? `(${text})` : text;
}

/** A percentage in a finance table: one decimal, negative in brackets — `1.5%`, `(0.2%)`, `0.0%`; blank when there is none. */
export function formatMoneyPercent(value: number | null, decimals = 1): string {
  if (value === null || !Number.isFinite(value)) return '';
  const factor = 10 ** decimals;
  const rounded = Math.round(Math.abs(value) * factor) / factor;
  const text = `${rounded.toFixed(decimals)}%`;
  return value < 0 && rounded !== 0 ? `(${text})` : text;
}
