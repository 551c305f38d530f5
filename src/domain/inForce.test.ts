import { describe, expect, it } from 'vitest';
import { inForceIn } from './inForce.ts';

describe('inForceIn', () => {
  const names = [
    { name: 'Community Leadership Committee', fromYear: null },
    { name: 'Community Leadership and Libraries Committee', fromYear: 2018 },
  ];
  it('takes the last that has taken effect by the plan year', () => {
    expect(inForceIn(names, 2017)?.name).toBe('Community Leadership Committee');
    expect(inForceIn(names, 2018)?.name).toBe('Community Leadership and Libraries Committee');
    expect(inForceIn(names, 2030)?.name).toBe('Community Leadership and Libraries Committee');
  });
  it('falls back to the first before any has taken effect, and to null for none', () => {
    expect(inForceIn([{ v: 1, fromYear: 2016 }, { v: 2, fromYear: 2018 }], 2015)?.v).toBe(1);
    expect(inForceIn([], 2018)).toBeNull();
  });
});
