import { describe, expect, it } from 'vitest';
import { allInForceIn, inForceDuring, inForceIn, yearsChanged } from './inForce.ts';

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

describe('key actions in force by plan year', () => {
  // The demo's two plans: the 2016/17 commissioning intentions and the 2018/19 key activities.
  const actions = [
    { ref: 'CI-SC-01', fromYear: 2016, toYear: 2016 },
    { ref: 'KA-SC-01', fromYear: 2018, toYear: 2018 },
    { ref: 'OPEN', fromYear: 2017, toYear: null },
    { ref: 'ALWAYS', fromYear: null, toYear: null },
    { ref: 'UNTIL', fromYear: null, toYear: 2016 },
  ];
  const refs = (year: number) => allInForceIn(actions, year).map((a) => a.ref);

  it('includes both ends of a range, and treats a missing end as open', () => {
    expect(refs(2015)).toEqual(['ALWAYS', 'UNTIL']);
    expect(refs(2016)).toEqual(['CI-SC-01', 'ALWAYS', 'UNTIL']);
    expect(refs(2017)).toEqual(['OPEN', 'ALWAYS']);
    expect(refs(2018)).toEqual(['KA-SC-01', 'OPEN', 'ALWAYS']);
    expect(refs(2040)).toEqual(['OPEN', 'ALWAYS']);
  });

  it('answers for one range', () => {
    expect(inForceDuring({ fromYear: 2018, toYear: 2018 }, 2018)).toBe(true);
    expect(inForceDuring({ fromYear: 2018, toYear: 2018 }, 2017)).toBe(false);
    expect(inForceDuring({ fromYear: 2018, toYear: 2018 }, 2019)).toBe(false);
    expect(inForceDuring({ fromYear: null, toYear: null }, 2000)).toBe(true);
  });

  it('lists the years a change of range gains or loses, of the years given', () => {
    const years = [2015, 2016, 2017, 2018, 2019];
    expect(yearsChanged({ fromYear: 2016, toYear: null }, { fromYear: 2016, toYear: 2016 }, years)).toEqual([2017, 2018, 2019]);
    expect(yearsChanged({ fromYear: 2018, toYear: 2018 }, { fromYear: 2017, toYear: 2019 }, years)).toEqual([2017, 2019]);
    expect(yearsChanged({ fromYear: null, toYear: null }, { fromYear: 2016, toYear: null }, years)).toEqual([2015]);
    expect(yearsChanged({ fromYear: 2016, toYear: 2016 }, { fromYear: 2016, toYear: 2016 }, years)).toEqual([]);
  });
});
