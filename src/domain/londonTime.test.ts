import { describe, expect, it } from 'vitest';
import { inTimeZone } from '../../test/support/timeZone.ts';
import { londonInstant, londonIso, londonOffset } from './londonTime.ts';

describe('London wall times', () => {
  it('are an hour ahead of UTC in British Summer Time and equal to it in winter', () => {
    expect(londonIso('2017-06-21', '19:00')).toBe('2017-06-21T19:00:00+01:00');
    expect(londonInstant('2017-06-21', '19:00').toISOString()).toBe('2017-06-21T18:00:00.000Z');
    expect(londonIso('2018-11-21', '19:00')).toBe('2018-11-21T19:00:00+00:00');
    expect(londonInstant('2018-11-21', '19:00').toISOString()).toBe('2018-11-21T19:00:00.000Z');
  });

  it('change offset on the last Sundays of March and October, not the days either side', () => {
    // 2018: clocks forward on Sunday 25 March at 01:00 UTC, back on Sunday 28 October at 01:00 UTC.
    expect([londonOffset('2018-03-24', '19:00'), londonOffset('2018-03-25', '00:59'), londonOffset('2018-03-25', '02:00'), londonOffset('2018-03-26', '19:00')]).toEqual([0, 0, 60, 60]);
    expect([londonOffset('2018-10-27', '19:00'), londonOffset('2018-10-28', '00:30'), londonOffset('2018-10-28', '02:00'), londonOffset('2018-10-29', '19:00')]).toEqual([60, 60, 0, 0]);
  });

  it('reads the hour that does not exist in spring as summer time and the hour that repeats in autumn as its first', () => {
    expect(londonIso('2018-03-25', '01:30')).toBe('2018-03-25T02:30:00+01:00');
    expect(londonInstant('2018-10-28', '01:30').toISOString()).toBe('2018-10-28T00:30:00.000Z');
  });

  it('does not depend on the machine’s time zone', () => {
    expect(inTimeZone('America/New_York', () => londonIso('2017-06-21', '19:00'))).toBe('2017-06-21T19:00:00+01:00');
    expect(inTimeZone('Australia/Sydney', () => londonIso('2018-11-21', '09:15'))).toBe('2018-11-21T09:15:00+00:00');
  });

  it('refuses what is not a date and a time of day', () => {
    expect(() => londonInstant('2018-02-30', '19:00')).toThrow(RangeError);
    expect(() => londonInstant('2018-11-21', '7pm')).toThrow(RangeError);
  });
});
