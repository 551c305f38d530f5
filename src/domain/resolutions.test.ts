import { describe, expect, it } from 'vitest';
import { lowerAlpha, lowerRoman, numberResolutions, resolutionLabel } from './resolutions.ts';

describe('numbered resolutions', () => {
  it('numbers as the minutes of 12 June 2018 print item 9: (1), (2), (3) with (i), (ii) under (3)', () => {
    const numbered = numberResolutions([
      { text: 'That the Committee noted and commented on the contents of the report.' },
      { text: 'That the Committee commented and confirmed their support for the proposed approach.' },
      {
        text: 'That Members commented and confirmed their support for the preferred options set out in section 3 of this report:',
        parts: [{ text: 'The option of the council being proactively involved and engaged.' }, { text: 'The recommended option is for the Barnet Safer Communities Partnership Board.' }],
      },
    ]);
    expect(numbered.map((r) => [r.label, r.path, r.depth])).toEqual([
      ['(1)', '(1)', 0],
      ['(2)', '(2)', 0],
      ['(3)', '(3)', 0],
      ['(i)', '(3)(i)', 1],
      ['(ii)', '(3)(ii)', 1],
    ]);
  });

  it('prints a lone resolution without a number, but numbers one with parts', () => {
    expect(numberResolutions([{ text: 'that the Committee would receive an update report.' }])[0]!.label).toBe('');
    expect(numberResolutions([{ text: 'That subject to the conditions:', parts: [{ text: 'a grant of £9,992' }, { text: 'a grant of £10,000' }] }]).map((r) => r.path)).toEqual(['(1)', '(1)(i)', '(1)(ii)']);
  });

  it('goes to letters at the third level and back to numbers at the fourth', () => {
    expect(resolutionLabel(2, 3)).toBe('(c)');
    expect(resolutionLabel(3, 2)).toBe('(2)');
    const deep = numberResolutions([{ text: 'a', parts: [{ text: 'b', parts: [{ text: 'c' }, { text: 'd' }] }] }, { text: 'e' }]);
    expect(deep.map((r) => r.path)).toEqual(['(1)', '(1)(i)', '(1)(i)(a)', '(1)(i)(b)', '(2)']);
  });

  it('writes roman numerals and letters', () => {
    expect([1, 2, 3, 4, 9, 14, 40, 1999].map(lowerRoman)).toEqual(['i', 'ii', 'iii', 'iv', 'ix', 'xiv', 'xl', 'mcmxcix']);
    expect([1, 26, 27, 52, 53].map(lowerAlpha)).toEqual(['a', 'z', 'aa', 'az', 'ba']);
    expect(() => lowerRoman(0)).toThrow(RangeError);
  });
});
