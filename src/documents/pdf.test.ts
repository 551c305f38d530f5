import { describe, expect, it } from 'vitest';
import { joinInlines } from './pdf.ts';

const font = {};
const word = (text: string, x: number, width: number, over: Record<string, unknown> = {}) => ({
  text,
  x,
  width,
  height: 10,
  font,
  fontSize: 9,
  color: '#0b0c0c',
  trailingCut: text.endsWith(' ') ? 2 : 0,
  ...over,
});

describe('joinInlines', () => {
  it('joins neighbouring words set alike into one run, edge to edge', () => {
    const words = [word('Results ', 0, 30), word('improved ', 30, 35), word('well', 65, 16)];
    const joined = joinInlines(words);
    expect(joined).toHaveLength(1);
    expect(joined[0]).toMatchObject({ text: 'Results improved well', x: 0, width: 81, trailingCut: 0 });
    // The words themselves are left as they were (pdfmake keeps them for the next render of the line).
    expect(words.map((w) => w.text)).toEqual(['Results ', 'improved ', 'well']);
  });

  it('keeps apart words in another colour, font or size, with a gap between them, or that need their own handling', () => {
    const cases = [
      [word('a ', 0, 10), word('b', 10, 5, { color: '#d4351c' })],
      [word('a ', 0, 10), word('b', 10, 5, { font: {} })],
      [word('a ', 0, 10), word('b', 10, 5, { fontSize: 8 })],
      [word('a ', 0, 10), word('b', 12, 5)],
      [word('a ', 0, 10), word('b', 10, 5, { sup: true })],
      [word('a ', 0, 10), word('b', 10, 5, { link: 'https://example.org' })],
      [word('Page ', 0, 20), word('3', 20, 5, { _pageNodeRef: {} })],
      [word('a ', 0, 10), word('b', 10, 5, { fontFeatures: ['smcp'] })],
    ];
    for (const words of cases) expect(joinInlines(words)).toHaveLength(2);
  });

  it('starts a new run where the setting changes and joins again after it', () => {
    const joined = joinInlines([word('one ', 0, 10), word('two ', 10, 10), word('3', 20, 5, { color: 'red' }), word(' four ', 25, 10), word('five', 35, 10)]);
    expect(joined.map((w) => w.text)).toEqual(['one two ', '3', ' four five']);
  });
});
