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
