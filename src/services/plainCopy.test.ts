import { describe, expect, it } from 'vitest';
import { plainCopy } from './plainCopy.ts';

describe('plainCopy', () => {
  it('copies plain data deeply: nothing of the copy is shared with the original', () => {
    const original = { a: 1, b: 'x', c: null, d: undefined, e: [1, { f: [true, false] }], g: { h: { i: -0 } } };
    const copied = plainCopy(original);
    expect(copied).toStrictEqual(original);
    expect('d' in copied).toBe(true);
    expect(copied.e).not.toBe(original.e);
    expect(copied.e[1]).not.toBe(original.e[1]);
    expect(copied.g.h).not.toBe(original.g.h);
    (copied.e[1] as { f: boolean[] }).f.push(true);
    expect((original.e[1] as { f: boolean[] }).f).toEqual([true, false]);
  });

  it('copies what is not plain data with structuredClone', () => {
    const when = new Date(2024, 0, 2);
    const original = { when, seen: new Map([[1, { n: 2 }]]), ids: new Set([3]) };
    const copied = plainCopy(original);
    expect(copied).toStrictEqual(original);
    expect(copied.when).not.toBe(when);
    expect(copied.seen.get(1)).not.toBe(original.seen.get(1));
  });

  it('keeps numbers JSON cannot hold, and objects without a prototype', () => {
    const bare = Object.assign(Object.create(null) as Record<string, number>, { x: 1 });
    const copied = plainCopy({ values: [NaN, Infinity, -Infinity], bare });
    expect(copied.values).toEqual([NaN, Infinity, -Infinity]);
    expect(Object.getPrototypeOf(copied.bare)).toBe(null);
    expect(copied.bare).not.toBe(bare);
  });
});
