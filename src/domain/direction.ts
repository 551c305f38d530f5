/**
 * Direction of travel (DOMAIN §5): the change of a result against an earlier one, read with the
 * indicator's polarity; and the printed forms ("↓ W +6.6%") to check a document's DOT against its numbers.
 */
import type { Direction, DirectionStatus, Polarity } from './types.ts';

export interface DirectionInput {
  polarity: Polarity;
  current: number | null;
  comparison: number | null;
  /** The period compared with, e.g. "Q2 2017/18". */
  comparedWith: string | null;
  tolerance: number | null;
  /** The indicator is new: no earlier result exists ("New for 2016/17"). */
  isNew?: boolean;
}

/** A direction of travel as printed in a document. */
export interface PrintedDirection {
  status: DirectionStatus;
  /** The printed percentage variation, signed; null when none is printed. */
  percentage: number | null;
  /** Decimals the percentage was printed with. */
  decimals: number;
  /** The printed text, trimmed. */
  text: string;
}

/** Ignores floating-point noise: 0.3 − 0.1 − 0.2 is no change. */
const EPSILON = 1e-9;

export function directionOfTravel(input: DirectionInput): Direction {
  const { polarity, current, comparison, comparedWith, tolerance } = input;
  // Objects written out whole (no spread of a shared base): a report computes two per indicator.
  if (current === null || comparison === null) {
    const missing = current === null ? 'No result to compare' : `No comparable result for ${comparedWith ?? 'an earlier period'}`;
    const status = current !== null && input.isNew ? 'new' : 'not-applicable';
    const reason = status === 'new' ? `New: ${missing.toLowerCase()}` : missing;
    return { current, comparison, comparedWith, withinTolerance: false, status, percentage: null, change: null, reason };
  }

  const rawChange = current - comparison;
  const change = Math.abs(rawChange) < EPSILON ? 0 : rawChange;
  // Divided by the size of the earlier result so that the sign always follows the change.
  const percentage = comparison === 0 ? null : (change / Math.abs(comparison)) * 100;
  const status: DirectionStatus = change === 0 ? 'same' : (change > 0) === (polarity === 'bigger') ? 'improving' : 'worsening';
  const withinTolerance = tolerance !== null && Math.abs(change) <= tolerance + EPSILON;

  const against = comparedWith ? `${comparedWith} (${fixed(comparison, 4)})` : fixed(comparison, 4);
  const measured = percentage === null ? 'no percentage of 0' : `${signed(percentage, 1)}%`;
  const polarityText = polarity === 'bigger' ? 'Bigger is Better' : 'Smaller is Better';
  const significance = withinTolerance
    ? `; the change is within the ±${fixed(tolerance, 4)} point survey tolerance, so it is not statistically significant`
    : '';
  return {
    current,
    comparison,
    comparedWith,
    withinTolerance,
    status,
    percentage,
    change,
    reason: `${STATUS_WORDS[status]}: ${fixed(current, 4)} against ${against}, change ${signed(change, 4)} (${measured}), ${polarityText}${significance}`,
  };
}

const STATUS_WORDS: Record<DirectionStatus, string> = {
  improving: 'Improving',
  worsening: 'Worsening',
  same: 'Same',
  new: 'New',
  'not-applicable': 'Not applicable',
};

const SYMBOLS = { improving: '↑ I', worsening: '↓ W', same: '→ S' } as const;

/** "↓ W +6.6%", "↑ I -3.0%", "→ S 0.0%", "New", "Not applicable". */
export function formatDirection(d: Direction, decimals = 1): string {
  if (d.status === 'new' || d.status === 'not-applicable') return STATUS_WORDS[d.status];
  const symbol = SYMBOLS[d.status];
  return d.percentage === null ? symbol : `${symbol} ${signed(d.percentage, decimals, true)}%`;
}

/**
 * Reads a printed DOT: "↓ W +5.3%", "W ↓ -25%", "↑ I", "→ S", "Improving", "Worsened", "Same",
 * "New for 2016/17", "New (2016/17)", "Not applicable", "N/A". Null when the text is not a DOT
 * or its markers contradict each other ("↑ W").
 */
export function parsePrintedDirection(text: string): PrintedDirection | null {
  const trimmed = text.trim();
  const t = trimmed.toLowerCase();
  if (/^new\b/.test(t)) return { status: 'new', percentage: null, decimals: 0, text: trimmed };
  if (/^(not applicable|n\/a)$/.test(t)) return { status: 'not-applicable', percentage: null, decimals: 0, text: trimmed };

  const number = /([+\-−–]?)\s*(\d+(?:\.(\d+))?)\s*%/.exec(t);
  const markers = (number ? t.replace(number[0], ' ') : t).replace(/[()]/g, ' ').trim();
  const statuses = new Set<DirectionStatus>();
  for (const token of markers.split(/\s+|(?<=[↑↓→])|(?=[↑↓→])/).filter(Boolean)) {
    const status = MARKERS[token];
    if (!status) return null;
    statuses.add(status);
  }
  const [status, ...others] = statuses;
  if (!status || others.length > 0) return null;
  if (!number) return { status, percentage: null, decimals: 0, text: trimmed };
  const negative = number[1] !== '' && number[1] !== '+';
  const magnitude = Number(number[2]);
  return { status, percentage: negative && magnitude !== 0 ? -magnitude : magnitude, decimals: number[3]?.length ?? 0, text: trimmed };
}

const MARKERS: Record<string, DirectionStatus> = {
  '↑': 'improving',
  i: 'improving',
  improving: 'improving',
  improved: 'improving',
  '↓': 'worsening',
  w: 'worsening',
  worsening: 'worsening',
  worsened: 'worsening',
  '→': 'same',
  s: 'same',
  same: 'same',
};

/**
 * Whether a printed DOT agrees with the computed one: same status and, when a percentage is
 * printed, the computed percentage rounded to the printed decimals (+27% agrees with 26.8; +5.3% not with 5.18).
 */
export function directionAgrees(printed: PrintedDirection, computed: Direction): boolean {
  if (printed.status !== computed.status) return false;
  if (printed.percentage === null) return true;
  if (computed.percentage === null) return false;
  return Math.abs(round(computed.percentage, printed.decimals) - printed.percentage) < EPSILON;
}

/** Rounds half away from zero, as printed figures are (−24.5 → −25). */
function round(n: number, decimals: number): number {
  const factor = 10 ** decimals;
  return (Math.sign(n) * Math.round(Math.abs(n) * factor + EPSILON)) / factor;
}

/** A number with at most `decimals` decimals (no trailing zeros unless `pad`) and a sign: "+6.6", "-25", "0". */
function signed(n: number, decimals: number, pad = false): string {
  const r = round(n, decimals);
  const digits = pad ? Math.abs(r).toFixed(decimals) : String(Math.abs(r));
  return r > 0 ? `+${digits}` : r < 0 ? `-${digits}` : digits;
}

function fixed(n: number, decimals: number): string {
  return String(round(n, decimals));
}
