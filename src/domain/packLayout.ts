/**
 * The page layout of an agenda pack (DOMAIN.md §9, issue 12 deliver 6): the cover and order of business,
 * then each paper in order, every one starting on an odd (right-hand) page, with "This page is
 * intentionally left blank" after a paper that ends on an odd page. Page numbers run through the pack;
 * the order of business prints each item's range, the blank page included, as the packs do ("5 - 10",
 * "11 - 14"). Computed from the rendered page counts, never typed. Pure.
 */

export const BLANK_PAGE_TEXT = 'This page is intentionally left blank';

export interface PackPart {
  /** Which agenda item the part belongs to (several parts may share one: a report and its appendices). */
  itemKey: string;
  /** Pages the part renders to (a placeholder page counts 1). */
  pages: number;
}

export interface PlacedPart extends PackPart {
  /** First page (odd). */
  start: number;
  /** Last page of the part's own content. */
  end: number;
  /** The page left blank after it, when the part ends on an odd page; null otherwise. */
  blankPage: number | null;
}

export interface PackLayout {
  /** The cover and order of business: pages 1 to `frontPages` (then a blank page if odd). */
  frontPages: number;
  frontBlankPage: number | null;
  parts: PlacedPart[];
  /** Each item's printed range, from the first page of its first part to the last page of its last, blank included. */
  ranges: Map<string, { from: number; to: number }>;
  totalPages: number;
}

/** "5 - 10", as the order of business prints a range; a single page is "5". */
export function formatPageRange(range: { from: number; to: number }): string {
  return range.from === range.to ? String(range.from) : `${range.from} - ${range.to}`;
}

/**
 * Lays out a pack: `frontPages` pages of cover and order of business, then `parts` in order. Parts of
 * no pages are refused (a paper that renders to nothing is an error the caller must name).
 */
export function layoutPack(frontPages: number, parts: readonly PackPart[]): PackLayout {
  if (!Number.isInteger(frontPages) || frontPages < 1) throw new RangeError(`The cover and order of business must be at least one page (${frontPages})`);
  let page = frontPages + 1;
  let frontBlankPage: number | null = null;
  if (frontPages % 2 === 1) {
    frontBlankPage = page;
    page += 1;
  }
  const placed: PlacedPart[] = [];
  const ranges = new Map<string, { from: number; to: number }>();
  for (const part of parts) {
    if (!Number.isInteger(part.pages) || part.pages < 1) throw new RangeError(`Part of item ${part.itemKey} has ${part.pages} pages`);
    const start = page;
    const end = start + part.pages - 1;
    const blankPage = end % 2 === 1 ? end + 1 : null;
    placed.push({ ...part, start, end, blankPage });
    page = (blankPage ?? end) + 1;
    const range = ranges.get(part.itemKey);
    ranges.set(part.itemKey, { from: range?.from ?? start, to: page - 1 });
  }
  return { frontPages, frontBlankPage, parts: placed, ranges, totalPages: page - 1 };
}
