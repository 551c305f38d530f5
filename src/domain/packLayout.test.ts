import { describe, expect, it } from 'vitest';
import { formatPageRange, layoutPack } from './packLayout.ts';

describe('the agenda pack page layout', () => {
  it('reproduces the order of business of 21 November 2018 from the papers\' page counts', () => {
    // Front matter of 3 pages (cover, contacts, order of business) → a blank page 4; then the papers.
    const layout = layoutPack(3, [
      { itemKey: '1', pages: 5 }, // minutes: 5–9, blank 10
      { itemKey: '6', pages: 4 }, // members' items: 11–14
      { itemKey: '8', pages: 32 }, // business planning: 15–46
      { itemKey: '9', pages: 5 }, // 47–51, blank 52
      { itemKey: '10', pages: 50 },
      { itemKey: '11', pages: 9 },
      { itemKey: '12', pages: 8 },
      { itemKey: '13', pages: 13 },
      { itemKey: '14', pages: 6 },
    ]);
    expect(layout.frontBlankPage).toBe(4);
    expect([...layout.ranges].map(([k, r]) => `${k}: ${formatPageRange(r)}`)).toEqual([
      '1: 5 - 10',
      '6: 11 - 14',
      '8: 15 - 46',
      '9: 47 - 52',
      '10: 53 - 102',
      '11: 103 - 112',
      '12: 113 - 120',
      '13: 121 - 134',
      '14: 135 - 140',
    ]);
    expect(layout.totalPages).toBe(140);
    expect(layout.parts.filter((p) => p.blankPage !== null).map((p) => p.blankPage)).toEqual([10, 52, 112, 134]);
  });

  it('starts every part on an odd page, an item with several parts spanning them all', () => {
    const layout = layoutPack(2, [
      { itemKey: 'a', pages: 3 },
      { itemKey: 'a', pages: 1 },
      { itemKey: 'b', pages: 2 },
    ]);
    expect(layout.frontBlankPage).toBeNull();
    expect(layout.parts.map((p) => [p.start, p.end, p.blankPage])).toEqual([
      [3, 5, 6],
      [7, 7, 8],
      [9, 10, null],
    ]);
    expect(layout.ranges.get('a')).toEqual({ from: 3, to: 8 });
    expect(layout.parts.every((p) => p.start % 2 === 1)).toBe(true);
  });

  it('refuses parts of no pages and a pack without a cover', () => {
    expect(() => layoutPack(2, [{ itemKey: 'x', pages: 0 }])).toThrow('Part of item x has 0 pages');
    expect(() => layoutPack(0, [])).toThrow(RangeError);
    expect(formatPageRange({ from: 7, to: 7 })).toBe('7');
  });
});
