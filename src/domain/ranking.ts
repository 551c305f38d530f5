/**
 * Rank of an area within a comparator group for one indicator and period (issue 13, deliverable 3). Pure.
 *
 * - Rank 1 is the best value by polarity: the lowest for Smaller is Better ("8th lowest of 32 London
 *   boroughs"), the highest for Bigger is Better ("3rd highest"). With no polarity, rank 1 is the highest
 *   and no judgement is made.
 * - Ties share the best rank they cover (standard competition ranking: 1, 2, =3, =3, 5) and print "=3rd".
 * - The group's size is the number of areas with a value; areas without one are listed as missing, not ranked.
 * - Quartile from the share of the group ranked ahead: ⌊4 × (rank − 1) ÷ size⌋ + 1. Fewer than a quarter
 *   of the areas ahead is the 1st quartile (the best quarter), and so on; a group of one is all 1st quartile.
 * - Mean and median of the values present; the England value is given, never computed from the group.
 */
import type { Polarity } from './types.ts';

export interface AreaValue {
  code: string;
  name: string;
  /** null: no value for the period (not published, suppressed, ...). */
  value: number | null;
}

export interface RankingInput {
  /** The area whose position is wanted (usually the council's own). */
  areaCode: string;
  /** The group's name as it reads after "of N": "London boroughs". */
  groupName: string;
  values: readonly AreaValue[];
  /** null: no judgement (a Monitor indicator): rank 1 is the highest. */
  polarity: Polarity | null;
  /** The England value for the same indicator and period, when known. */
  englandValue?: number | null;
  /** Prints a value in sentences ("72.3", "64.0%"); default up to one decimal. */
  format?: (value: number) => string;
}

export interface RankedRow {
  code: string;
  name: string;
  value: number;
  rank: number;
  tied: boolean;
  /** "=3rd". */
  rankLabel: string;
  quartile: 1 | 2 | 3 | 4;
  isArea: boolean;
}

export interface Ranking {
  groupName: string;
  /** Areas with a value: the N of "of N". */
  size: number;
  /** Areas in the group with no value, by name. */
  missing: { code: string; name: string }[];
  /** Best first. */
  rows: RankedRow[];
  /** The area's row; null when it has no value (or is not in the group). */
  area: RankedRow | null;
  /** "lowest" when rank 1 is the lowest value, else "highest". */
  direction: 'lowest' | 'highest';
  polarity: Polarity | null;
  mean: number | null;
  median: number | null;
  englandValue: number | null;
  /** "Barnet is 8th lowest of 32 London boroughs (1st quartile, best quarter)". */
  sentence: string;
  /** "London boroughs: mean 72.3, median 70.1; England 65" */
  summary: string;
  /** How the rank and quartile were computed, for the reader who checks. */
  method: string;
}

export function rankArea(input: RankingInput): Ranking {
  const format = input.format ?? ((v: number) => String(Number(v.toFixed(1))));
  const direction: Ranking['direction'] = input.polarity === 'smaller' ? 'lowest' : 'highest';
  const seen = new Set<string>();
  for (const v of input.values) {
    if (seen.has(v.code)) throw new Error(`Area ${v.code} (${v.name}) appears twice in the values for ${input.groupName}`);
    seen.add(v.code);
  }
  const present = input.values.filter((v): v is AreaValue & { value: number } => v.value !== null && Number.isFinite(v.value));
  const missing = input.values.filter((v) => v.value === null || !Number.isFinite(v.value)).map(({ code, name }) => ({ code, name }));
  const better = (a: number, b: number) => (direction === 'lowest' ? a - b : b - a);
  const sorted = [...present].sort((a, b) => better(a.value, b.value) || a.name.localeCompare(b.name));
  const size = sorted.length;

  // Competition ranking: 1 + the number of areas strictly better. Sorted best first, equal values sit
  // together, so that number is the position of the first of the area's equals: one pass, not n².
  let rank = 0;
  const rows: RankedRow[] = sorted.map((v, i) => {
    if (i === 0 || better(sorted[i - 1]!.value, v.value) < 0) rank = i + 1;
    const tied = (i > 0 && sorted[i - 1]!.value === v.value) || (i + 1 < size && sorted[i + 1]!.value === v.value);
    return {
      code: v.code,
      name: v.name,
      value: v.value,
      rank,
      tied,
      rankLabel: `${tied ? '=' : ''}${ordinal(rank)}`,
      quartile: quartileOf(rank, size),
      isArea: v.code === input.areaCode,
    };
  });
  const area = rows.find((r) => r.isArea) ?? null;
  const values = sorted.map((v) => v.value);
  const mean = size === 0 ? null : values.reduce((s, v) => s + v, 0) / size;
  const median = medianOf(values);
  const englandValue = input.englandValue ?? null;
  const areaName = input.values.find((v) => v.code === input.areaCode)?.name ?? input.areaCode;

  let sentence: string;
  if (!input.values.some((v) => v.code === input.areaCode)) sentence = `${areaName} is not in the group ${input.groupName}, so it has no rank in it`;
  else if (area === null) sentence = `${areaName} has no value for this period, so it is not ranked among the ${size} ${input.groupName} with one`;
  else {
    const judgement = input.polarity === null ? '' : `, ${QUARTILE_WORDS[area.quartile]}`;
    sentence = `${areaName} is ${area.rankLabel} ${direction} of ${size} ${input.groupName} (${ordinal(area.quartile)} quartile${judgement})`;
  }
  const parts = [
    mean === null ? null : `mean ${format(mean)}`,
    median === null ? null : `median ${format(median)}`,
  ].filter((p): p is string => p !== null);
  const summary =
    `${input.groupName}: ${parts.length ? parts.join(', ') : 'no values'}` +
    (englandValue === null ? '' : `; England ${format(englandValue)}`) +
    (missing.length ? `; no value for ${missing.map((m) => m.name).join(', ')}` : '');
  const method =
    `Ranked ${direction} first (${input.polarity === 'smaller' ? 'Smaller is Better' : input.polarity === 'bigger' ? 'Bigger is Better' : 'no polarity: no judgement'}); ` +
    `ties share the best rank they cover (=); the group's size counts the ${size} areas with a value; ` +
    `quartile = ⌊4 × (rank − 1) ÷ ${size}⌋ + 1, 1st quartile ${input.polarity === null ? 'the highest values' : 'the best'}`;
  return { groupName: input.groupName, size, missing, rows, area, direction, polarity: input.polarity, mean, median, englandValue, sentence, summary, method };
}

const QUARTILE_WORDS: Record<1 | 2 | 3 | 4, string> = { 1: 'best quarter', 2: 'second best quarter', 3: 'second worst quarter', 4: 'worst quarter' };

/** ⌊4 × (rank − 1) ÷ size⌋ + 1: the quarter of the ranked list the rank falls in, 1 = the top. */
export function quartileOf(rank: number, size: number): 1 | 2 | 3 | 4 {
  if (!Number.isInteger(rank) || rank < 1 || rank > size) throw new Error(`Rank ${rank} is not a position among ${size} areas`);
  return (Math.floor((4 * (rank - 1)) / size) + 1) as 1 | 2 | 3 | 4;
}

/** The middle value, or the mean of the two middle values; null for none. */
export function medianOf(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 22nd, 101st, 111th. */
export function ordinal(n: number): string {
  if (!Number.isInteger(n) || n < 0) throw new Error(`${n} has no ordinal`);
  const lastTwo = n % 100;
  const suffix = lastTwo >= 11 && lastTwo <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** A table for reports: one row per area, best first, then the areas with no value. */
export interface RankingTable {
  caption: string;
  columns: ['Rank', 'Area', 'Value', 'Quartile'];
  rows: { rank: string; area: string; value: string; quartile: string; highlight: boolean }[];
  notes: string[];
}

export function rankingTable(ranking: Ranking, format: (value: number) => string = (v) => String(Number(v.toFixed(1)))): RankingTable {
  const rows = ranking.rows.map((r) => ({
    rank: r.rankLabel,
    area: r.name,
    value: format(r.value),
    quartile: ordinal(r.quartile),
    highlight: r.isArea,
  }));
  for (const m of ranking.missing) rows.push({ rank: '–', area: m.name, value: 'no value', quartile: '–', highlight: false });
  return {
    caption: `${ranking.groupName}, ranked ${ranking.direction} first`,
    columns: ['Rank', 'Area', 'Value', 'Quartile'],
    rows,
    notes: [ranking.summary, ranking.method],
  };
}

/** One comparator group's ranking of the council for the report's period (src/domain/ranking.ts rankArea). */
export interface ReportPosition {
  /** "London boroughs". */
  group: string;
  /** "Barnet is 8th lowest of 32 London boroughs (1st quartile, best quarter)". */
  sentence: string;
  /** "London boroughs: mean 72.3, median 70.1; England 65". */
  summary: string;
  /** "8th", "=3rd"; null when the council has no value. */
  rank: string | null;
  /** Areas with a value. */
  size: number;
  /** Some of the group's values are illustrative (demo data reconstructed from a published position). */
  illustrative: boolean;
  sources: string[];
}

/** An indicator of a report: its council value for the report's period (null: none reported). */
export interface PositionAtInput {
  indicatorId: number;
  polarity: Polarity | null;
  unit: string;
  value: number | null;
}
