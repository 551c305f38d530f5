/**
 * Things that take effect from a plan year — a committee's name, an indicator's definition — and stay in
 * force until a later one replaces them. `fromYear` null means "from the start".
 */
export interface FromYear {
  fromYear: number | null;
}

/**
 * The one in force in a plan year: the last whose `fromYear` is null or not after the year, with items
 * ordered oldest first (null first). Before the first takes effect, the first. Null for no items.
 */
export function inForceIn<T extends FromYear>(items: readonly T[], planYear: number): T | null {
  let found: T | null = items[0] ?? null;
  for (const item of items) if (item.fromYear === null || item.fromYear <= planYear) found = item;
  return found;
}

/**
 * Things in force for a range of plan years — a committee's key actions (commissioning intentions, key
 * activities) are those of the plan or delivery plan of the year. `fromYear` null: from the start;
 * `toYear` null: until further notice. Both ends are included.
 */
export interface YearRange {
  fromYear: number | null;
  toYear: number | null;
}

/** Whether the range includes the plan year. */
export function inForceDuring(range: YearRange, planYear: number): boolean {
  return (range.fromYear === null || range.fromYear <= planYear) && (range.toYear === null || planYear <= range.toYear);
}

/** The items in force in the plan year, in their order. */
export function allInForceIn<T extends YearRange>(items: readonly T[], planYear: number): T[] {
  return items.filter((item) => inForceDuring(item, planYear));
}

/** Of `years`, those in force under one range but not the other: the years a change of range gains or loses. */
export function yearsChanged(before: YearRange, after: YearRange, years: Iterable<number>): number[] {
  return [...years].filter((year) => inForceDuring(before, year) !== inForceDuring(after, year));
}
