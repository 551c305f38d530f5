import { describe, expect, it } from 'vitest';
import { medianOf, ordinal, quartileOf, rankArea, rankingTable, type AreaValue } from './ranking.ts';

/** 32 boroughs with made-up values 50, 51, ... (the names are placeholders; the arithmetic is what is tested). */
function boroughs(n: number, own: { code: string; value: number | null }): AreaValue[] {
  const list: AreaValue[] = Array.from({ length: n - 1 }, (_, i) => ({ code: `A${i + 1}`, name: `Area ${String(i + 1).padStart(2, '0')}`, value: 50 + i }));
  list.push({ code: own.code, name: 'Barnet', value: own.value });
  return list;
}

describe('ordinal', () => {
  it('writes English ordinals', () => {
    expect([1, 2, 3, 4, 8, 11, 12, 13, 21, 22, 23, 101, 111, 112].map(ordinal)).toEqual([
      '1st', '2nd', '3rd', '4th', '8th', '11th', '12th', '13th', '21st', '22nd', '23rd', '101st', '111th', '112th',
    ]);
  });
});

describe('rankArea', () => {
  it('ranks lowest first for Smaller is Better, as the seeds say it', () => {
    // Seven areas lower than Barnet's 56.5: Barnet is 8th lowest of 32.
    const r = rankArea({ areaCode: 'E09000003', groupName: 'London boroughs', values: boroughs(32, { code: 'E09000003', value: 56.5 }), polarity: 'smaller' });
    expect(r.size).toBe(32);
    expect(r.area?.rank).toBe(8);
    expect(r.sentence).toBe('Barnet is 8th lowest of 32 London boroughs (1st quartile, best quarter)');
  });

  it('ranks highest first for Bigger is Better', () => {
    const r = rankArea({ areaCode: 'X', groupName: 'areas', values: boroughs(10, { code: 'X', value: 56.5 }), polarity: 'bigger' });
    // Values 50..58 and 56.5: 57 and 58 are higher, so 3rd highest of 10.
    expect(r.area?.rankLabel).toBe('3rd');
    expect(r.sentence).toBe('Barnet is 3rd highest of 10 areas (1st quartile, best quarter)');
  });

  it('shares tied ranks (standard competition ranking)', () => {
    const values: AreaValue[] = [
      { code: 'a', name: 'A', value: 1 },
      { code: 'b', name: 'B', value: 2 },
      { code: 'c', name: 'C', value: 3 },
      { code: 'd', name: 'D', value: 3 },
      { code: 'e', name: 'E', value: 5 },
    ];
    const r = rankArea({ areaCode: 'd', groupName: 'areas', values, polarity: 'smaller' });
    expect(r.rows.map((x) => x.rankLabel)).toEqual(['1st', '2nd', '=3rd', '=3rd', '5th']);
    expect(r.sentence).toBe('D is =3rd lowest of 5 areas (2nd quartile, second best quarter)');
  });

  it('counts only areas with a value and lists the missing ones', () => {
    const values = boroughs(32, { code: 'E09000003', value: 49 });
    values[0] = { ...values[0]!, value: null };
    const r = rankArea({ areaCode: 'E09000003', groupName: 'London boroughs', values, polarity: 'smaller' });
    expect(r.size).toBe(31);
    expect(r.missing).toEqual([{ code: 'A1', name: 'Area 01' }]);
    expect(r.area?.rank).toBe(1);
    expect(r.summary).toContain('no value for Area 01');
    const none = rankArea({ areaCode: 'E09000003', groupName: 'London boroughs', values: boroughs(4, { code: 'E09000003', value: null }), polarity: 'smaller' });
    expect(none.area).toBeNull();
    expect(none.sentence).toBe('Barnet has no value for this period, so it is not ranked among the 3 London boroughs with one');
  });

  it('makes no judgement without polarity', () => {
    const r = rankArea({ areaCode: 'X', groupName: 'areas', values: boroughs(4, { code: 'X', value: 100 }), polarity: null });
    expect(r.sentence).toBe('Barnet is 1st highest of 4 areas (1st quartile)');
  });

  it('gives mean, median and the England value', () => {
    const values: AreaValue[] = [
      { code: 'a', name: 'A', value: 1 },
      { code: 'b', name: 'B', value: 2 },
      { code: 'c', name: 'C', value: 10 },
      { code: 'd', name: 'D', value: null },
    ];
    const r = rankArea({ areaCode: 'a', groupName: 'areas', values, polarity: 'bigger', englandValue: 4.25 });
    expect(r.mean).toBeCloseTo(13 / 3, 12);
    expect(r.median).toBe(2);
    expect(r.summary).toBe('areas: mean 4.3, median 2; England 4.3; no value for D');
  });

  it('refuses an area listed twice', () => {
    expect(() => rankArea({ areaCode: 'a', groupName: 'g', polarity: 'bigger', values: [{ code: 'a', name: 'A', value: 1 }, { code: 'a', name: 'A', value: 2 }] })).toThrow(/twice/);
  });

  it('ranks 400 areas with many ties as the definition says: 1 + the areas strictly better; tied when another has the value', () => {
    let seed = 11;
    const next = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 4294967296;
    };
    // Whole numbers 0–39 (and -0, and a few without a value): every value is shared by several areas.
    const values: AreaValue[] = Array.from({ length: 400 }, (_, i) => ({
      code: `A${i}`,
      name: `Area ${i}`,
      value: i % 37 === 0 ? null : i === 5 ? -0 : Math.floor(next() * 40),
    }));
    for (const polarity of ['smaller', 'bigger', null] as const) {
      const r = rankArea({ areaCode: 'A7', groupName: 'areas', values, polarity });
      const present = values.filter((v): v is AreaValue & { value: number } => v.value !== null);
      const isBetter = (a: number, b: number) => (polarity === 'smaller' ? a < b : a > b);
      expect(r.size).toBe(present.length);
      for (const row of r.rows) {
        expect(row.rank).toBe(1 + present.filter((o) => isBetter(o.value, row.value)).length);
        expect(row.tied).toBe(present.some((o) => o.code !== row.code && o.value === row.value));
        expect(row.rankLabel).toBe(`${row.tied ? '=' : ''}${ordinal(row.rank)}`);
      }
    }
  });

  it('builds a table best first, own area highlighted, missing areas last', () => {
    const values: AreaValue[] = [
      { code: 'a', name: 'A', value: 3 },
      { code: 'b', name: 'B', value: null },
      { code: 'c', name: 'C', value: 1 },
    ];
    const t = rankingTable(rankArea({ areaCode: 'a', groupName: 'areas', values, polarity: 'smaller' }));
    expect(t.rows).toEqual([
      { rank: '1st', area: 'C', value: '1', quartile: '1st', highlight: false },
      { rank: '2nd', area: 'A', value: '3', quartile: '3rd', highlight: true },
      { rank: '–', area: 'B', value: 'no value', quartile: '–', highlight: false },
    ]);
    expect(t.caption).toBe('areas, ranked lowest first');
  });
});

describe('quartileOf and medianOf', () => {
  it('splits the ranked list in quarters, best first', () => {
    expect([1, 8, 9, 16, 17, 24, 25, 32].map((r) => quartileOf(r, 32))).toEqual([1, 1, 2, 2, 3, 3, 4, 4]);
    expect([1, 2, 3, 4, 5].map((r) => quartileOf(r, 5))).toEqual([1, 1, 2, 3, 4]);
    expect(quartileOf(1, 1)).toBe(1);
    expect(() => quartileOf(0, 5)).toThrow();
  });
  it('takes the middle value or the mean of the middle two', () => {
    expect(medianOf([3, 1, 2])).toBe(2);
    expect(medianOf([4, 1, 2, 3])).toBe(2.5);
    expect(medianOf([])).toBeNull();
  });
});
