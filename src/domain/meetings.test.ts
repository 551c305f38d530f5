import { describe, expect, it } from 'vitest';
import { canMove, cycleDates, formatStartTime, MEETING_STATUSES, MEETING_TRANSITIONS, nthWeekdayOf, parseStartTime, patternMonths } from './meetings.ts';

describe('meeting statuses', () => {
  it('moves a meeting forward only, and never out of cancelled or agreed minutes', () => {
    expect(canMove('scheduled', 'agenda-published')).toBe(true);
    expect(canMove('scheduled', 'held')).toBe(false);
    expect(canMove('agenda-published', 'held')).toBe(true);
    expect(canMove('held', 'minutes-draft')).toBe(true);
    expect(canMove('minutes-draft', 'minutes-agreed')).toBe(true);
    expect(canMove('postponed', 'scheduled')).toBe(true);
    expect(canMove('held', 'cancelled')).toBe(false);
    expect(MEETING_TRANSITIONS.cancelled).toEqual([]);
    expect(MEETING_TRANSITIONS['minutes-agreed']).toEqual([]);
    for (const s of MEETING_STATUSES) for (const t of MEETING_TRANSITIONS[s]) expect(MEETING_STATUSES).toContain(t);
  });
});

describe('start times', () => {
  it('reads the ways a time is typed, and prints it as the packs do', () => {
    expect(parseStartTime('7.00pm')).toBe('19:00');
    expect(parseStartTime('7pm')).toBe('19:00');
    expect(parseStartTime('7:30 PM')).toBe('19:30');
    expect(parseStartTime('19:00')).toBe('19:00');
    expect(parseStartTime('12.00pm')).toBe('12:00');
    expect(parseStartTime('12am')).toBe('00:00');
    expect(parseStartTime('25:00')).toBeNull();
    expect(parseStartTime('13pm')).toBeNull();
    expect(parseStartTime('evening')).toBeNull();
    expect(formatStartTime('19:00')).toBe('7.00pm');
    expect(formatStartTime('10:30')).toBe('10.30am');
  });
});

describe('a cycle of meetings from a pattern', () => {
  it('finds the nth and the last weekday of a month', () => {
    expect(nthWeekdayOf(2018, 11, 'Wednesday', 3)).toBe('2018-11-21');
    expect(nthWeekdayOf(2017, 6, 'Wednesday', 3)).toBe('2017-06-21');
    expect(nthWeekdayOf(2018, 6, 'Tuesday', 2)).toBe('2018-06-12');
    expect(nthWeekdayOf(2018, 12, 'Monday', -1)).toBe('2018-12-31');
    expect(nthWeekdayOf(2019, 2, 'Thursday', -1)).toBe('2019-02-28');
  });

  it('makes the dates of listed months between two dates, inclusive, across a year end', () => {
    const dates = cycleDates({ from: '2018-06-01', to: '2019-05-31', weekday: 'Wednesday', week: 3, months: { kind: 'listed', months: [11, 6, 9, 3] } });
    expect(dates.map((d) => d.date)).toEqual(['2018-06-20', '2018-09-19', '2018-11-21', '2019-03-20']);
    expect(dates[2]!.text).toBe('Wednesday 21 November 2018');
    expect(dates.every((d) => d.warning === null)).toBe(true);
  });

  it('spreads a count per year from the first month', () => {
    expect(patternMonths({ from: '2018-06-01', months: { kind: 'per-year', perYear: 4 } })).toEqual([3, 6, 9, 12]);
    expect(patternMonths({ from: '2018-01-15', months: { kind: 'per-year', perYear: 6 } })).toEqual([1, 3, 5, 7, 9, 11]);
    const dates = cycleDates({ from: '2018-06-15', to: '2019-06-14', weekday: 'Monday', week: 1, months: { kind: 'per-year', perYear: 4 } });
    // The first Monday of June 2018 (the 4th) is before the cycle starts.
    expect(dates.map((d) => d.date)).toEqual(['2018-09-03', '2018-12-03', '2019-03-04', '2019-06-03']);
  });

  it('flags a date that falls on a bank holiday, and one whose year the bank holiday list does not cover', () => {
    const mondays = cycleDates({ from: '2018-05-01', to: '2018-08-31', weekday: 'Monday', week: -1, months: { kind: 'listed', months: [5, 8] } });
    expect(mondays.map((d) => [d.date, d.warning])).toEqual([
      ['2018-05-28', 'Not a working day: Spring bank holiday, a bank holiday'],
      ['2018-08-27', 'Not a working day: Summer bank holiday, a bank holiday'],
    ]);
    const boxing = cycleDates({ from: '2020-12-01', to: '2020-12-31', weekday: 'Monday', week: -1, months: { kind: 'per-year', perYear: 12 } });
    expect(boxing[0]!.date).toBe('2020-12-28');
    expect(boxing[0]!.warning).toMatch(/^Not a working day: Boxing Day \(substitute day\)/);
    const far = cycleDates({ from: '2030-01-01', to: '2030-01-31', weekday: 'Monday', week: 1, months: { kind: 'per-year', perYear: 12 } });
    expect(far[0]!.warning).toContain('The bank holidays of 2030 are not known yet');
  });
});
