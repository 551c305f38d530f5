import { describe, expect, it } from 'vitest';
import {
  addDays,
  bankHolidayCalendar,
  CalendarNotCoveredError,
  clearWorkingDaysBefore,
  ENGLAND_AND_WALES,
  formatLongDate,
  isIsoDate,
  nonWorkingReason,
  weekdayOf,
  workingDaysBefore,
} from './workingDays.ts';

/** Easter Sunday (anonymous Gregorian algorithm). */
function easter(year: number): string {
  const a = year % 19, b = Math.floor(year / 100), c = year % 100, d = Math.floor(b / 4), e = b % 4;
  const f = Math.floor((b + 8) / 25), g = Math.floor((b - f + 1) / 3), h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4), k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31), day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
const pad = (n: number) => String(n).padStart(2, '0');
const firstMonday = (y: number, m: number) => { let d = `${y}-${pad(m)}-01`; while (weekdayOf(d) !== 'Monday') d = addDays(d, 1); return d; };
const lastMonday = (y: number, m: number) => { let d = addDays(m === 12 ? `${y + 1}-01-01` : `${y}-${pad(m + 1)}-01`, -1); while (weekdayOf(d) !== 'Monday') d = addDays(d, -1); return d; };

/** The standing rules of the Banking and Financial Dealings Act 1971 as proclaimed each year, with the one-off changes. */
function expectedHolidays(year: number): string[] {
  const days: string[] = [];
  const weekend = (d: string) => weekdayOf(d) === 'Saturday' || weekdayOf(d) === 'Sunday';
  let ny = `${year}-01-01`;
  while (weekend(ny)) ny = addDays(ny, 1);
  days.push(ny, addDays(easter(year), -2), addDays(easter(year), 1));
  const moved: Record<number, { earlyMay?: string; spring?: string; extra?: string[] }> = {
    2020: { earlyMay: '2020-05-08' },
    2022: { spring: '2022-06-02', extra: ['2022-06-03', '2022-09-19'] },
    2023: { extra: ['2023-05-08'] },
  };
  days.push(moved[year]?.earlyMay ?? firstMonday(year, 5), moved[year]?.spring ?? lastMonday(year, 5), lastMonday(year, 8), ...(moved[year]?.extra ?? []));
  // Christmas and Boxing Day; a holiday on a weekend moves to the next weekday not already a holiday.
  const christmas: string[] = [];
  for (const d of [`${year}-12-25`, `${year}-12-26`]) {
    let day = d;
    while (weekend(day) || christmas.includes(day)) day = addDays(day, 1);
    christmas.push(day);
  }
  return [...days, ...christmas].sort();
}

describe('the shipped bank holidays of England and Wales', () => {
  it('covers 2015 to 2027', () => {
    expect([ENGLAND_AND_WALES.from, ENGLAND_AND_WALES.to]).toEqual([2015, 2027]);
  });

  it.each(Array.from({ length: 13 }, (_, i) => 2015 + i))('%i holds exactly the holidays the rules and one-off proclamations give', (year) => {
    const shipped = [...ENGLAND_AND_WALES.holidays.keys()].filter((d) => d.startsWith(`${year}-`)).sort();
    expect(shipped).toEqual(expectedHolidays(year));
  });

  it('names substitute days and one-off holidays', () => {
    expect(nonWorkingReason('2015-12-28')).toBe('Boxing Day (substitute day), a bank holiday');
    expect(nonWorkingReason('2022-09-19')).toBe('Bank Holiday for the State Funeral of Queen Elizabeth II, a bank holiday');
    expect(nonWorkingReason('2020-05-08')).toBe('Early May bank holiday (VE day), a bank holiday');
    expect(nonWorkingReason('2020-05-04')).toBeNull();
  });

  it('refuses a list that is not one', () => {
    expect(() => bankHolidayCalendar({ years: { from: 2020, to: 2020 }, events: [{ date: '2021-01-01', title: 'x' }] })).toThrow(/outside the years/);
    expect(() => bankHolidayCalendar({ years: { from: 2020, to: 2020 }, events: [{ date: '2020-02-30', title: 'x' }] })).toThrow(/not a date/);
    expect(() => bankHolidayCalendar({ years: { from: 2020, to: 2020 }, events: [{ date: '2020-01-01', title: 'x' }, { date: '2020-01-01', title: 'y' }] })).toThrow(/twice/);
  });
});

describe('dates and weekdays', () => {
  it('computes the weekday, never trusting a printed one', () => {
    expect(formatLongDate('2018-11-16')).toBe('Friday 16 November 2018'); // the 2018 pack printed "Thursday 16th November"
    expect(formatLongDate('2018-11-21')).toBe('Wednesday 21 November 2018');
    expect(weekdayOf('2024-02-29')).toBe('Thursday');
  });

  it('accepts only real dates', () => {
    expect(isIsoDate('2018-11-21')).toBe(true);
    expect(isIsoDate('2018-02-29')).toBe(false);
    expect(isIsoDate('21/11/2018')).toBe(false);
    expect(() => weekdayOf('2018-13-01')).toThrow(RangeError);
  });
});

describe('counting working days', () => {
  it('skips weekends', () => {
    expect(workingDaysBefore('2018-11-21', 3)).toEqual({
      date: '2018-11-16',
      skipped: [
        { date: '2018-11-18', reason: 'Sunday' },
        { date: '2018-11-17', reason: 'Saturday' },
      ],
    });
  });

  it('skips Christmas, New Year and a weekend across a year end', () => {
    const counted = workingDaysBefore('2018-01-02', 3);
    expect(counted.date).toBe('2017-12-27');
    expect(counted.skipped.map((s) => s.date)).toEqual(['2018-01-01', '2017-12-31', '2017-12-30']);
  });

  it('skips Easter', () => {
    const counted = workingDaysBefore('2019-04-24', 3);
    expect(counted.date).toBe('2019-04-17');
    expect(counted.skipped.map((s) => s.reason)).toEqual(['Easter Monday, a bank holiday', 'Sunday', 'Saturday', 'Good Friday, a bank holiday']);
  });

  it('counts clear days without the day itself or the day of the meeting', () => {
    expect(clearWorkingDaysBefore('2018-11-21', 5).date).toBe('2018-11-13');
    // 7, 4, 3, 2 January and 31 December are the clear days (1 January skipped); the Friday before is the 28th.
    expect(clearWorkingDaysBefore('2019-01-08', 5).date).toBe('2018-12-28');
  });

  it('refuses to count in a year the list does not cover, rather than guess', () => {
    expect(() => workingDaysBefore('2028-03-01', 3)).toThrow(CalendarNotCoveredError);
    expect(() => workingDaysBefore('2028-03-01', 3)).toThrow(/2028 are not in Townhall's list \(it covers 2015 to 2027\)/);
    expect(() => workingDaysBefore('2018-11-21', 0)).toThrow(RangeError);
  });
});
