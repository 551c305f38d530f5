import { describe, expect, it } from 'vitest';
import {
  addMonths,
  comparePeriods,
  dataPeriodEnd,
  financialYearOf,
  formatFinancialYear,
  formatPeriod,
  formatShortFinancialYear,
  formatShortPeriod,
  formatYearMonth,
  monthsOf,
  parseDataPeriod,
  parseFinancialYear,
  parsePeriod,
  parseYearMonth,
  periodFromKey,
  periodKey,
  previousPeriod,
  quartersOf,
  rollingWindow,
  samePeriod,
  samePeriodLastYear,
} from './periods.ts';
import type { Period } from './types.ts';

const year = (startYear: number): Period => ({ kind: 'year', startYear });
const quarter = (startYear: number, q: 1 | 2 | 3 | 4): Period => ({ kind: 'quarter', startYear, quarter: q });
const month = (y: number, m: number): Period => ({ kind: 'month', year: y, month: m });

describe('financial years', () => {
  it.each([
    ['2016/17', 2016],
    ['2016-17', 2016],
    ['16/17', 2016],
    ['2016/2017', 2016],
    [' 2018 / 19 ', 2018],
    ['1999/00', 1999],
    ['2016/18', null],
    ['2017/16', null],
    ['2016', null],
    ['Q2 2018/19', null],
  ] as const)('parseFinancialYear(%j) → %s', (text, expected) => {
    expect(parseFinancialYear(text)).toBe(expected);
  });

  it('formats long and short forms', () => {
    expect(formatFinancialYear(2016)).toBe('2016/17');
    expect(formatFinancialYear(1999)).toBe('1999/00');
    expect(formatFinancialYear(2009)).toBe('2009/10');
    expect(formatShortFinancialYear(2018)).toBe('18/19');
    expect(formatShortFinancialYear(2005)).toBe('05/06');
  });
});

describe('months', () => {
  it.each([
    ['Aug 2018', { year: 2018, month: 8 }],
    ['August 2018', { year: 2018, month: 8 }],
    ['Aug 18', { year: 2018, month: 8 }],
    ['aug. 2018', { year: 2018, month: 8 }],
    ['Sept 2018', { year: 2018, month: 9 }],
    ['June 2017', { year: 2017, month: 6 }],
    ['July 2017', { year: 2017, month: 7 }],
    ['March 2017', { year: 2017, month: 3 }],
    ['May 2017', { year: 2017, month: 5 }],
    ['2018-08', { year: 2018, month: 8 }],
    ['2018-13', null],
    ['Augustus 2018', null],
    ['Mayday 2018', null],
    ['Ma 2018', null],
    ['Aug', null],
  ] as const)('parseYearMonth(%j)', (text, expected) => {
    expect(parseYearMonth(text)).toEqual(expected);
  });

  it('formatYearMonth', () => {
    expect(formatYearMonth({ year: 2018, month: 8 })).toBe('Aug 2018');
    expect(formatYearMonth({ year: 2019, month: 1 })).toBe('Jan 2019');
  });

  it('addMonths crosses years both ways', () => {
    expect(addMonths({ year: 2018, month: 11 }, 3)).toEqual({ year: 2019, month: 2 });
    expect(addMonths({ year: 2018, month: 2 }, -3)).toEqual({ year: 2017, month: 11 });
    expect(addMonths({ year: 2018, month: 12 }, 0)).toEqual({ year: 2018, month: 12 });
    expect(addMonths({ year: 2018, month: 1 }, -12)).toEqual({ year: 2017, month: 1 });
    expect(addMonths({ year: 2018, month: 1 }, -13)).toEqual({ year: 2016, month: 12 });
  });
});

describe('reporting periods', () => {
  it.each([
    ['2016/17', year(2016)],
    ['Q2 2018/19', quarter(2018, 2)],
    ['Q2 18/19', quarter(2018, 2)],
    ['q4 2016-17', quarter(2016, 4)],
    ['2018/19 Q2', quarter(2018, 2)],
    ['Aug 2018', month(2018, 8)],
    ['Q5 2018/19', null],
    ['Q2 2018', null],
    ['Spring 2016', null],
  ] as const)('parsePeriod(%j)', (text, expected) => {
    expect(parsePeriod(text)).toEqual(expected);
  });

  it('formats long and short forms', () => {
    expect(formatPeriod(year(2016))).toBe('2016/17');
    expect(formatPeriod(quarter(2018, 2))).toBe('Q2 2018/19');
    expect(formatPeriod(month(2018, 8))).toBe('Aug 2018');
    expect(formatShortPeriod(year(2018))).toBe('18/19');
    expect(formatShortPeriod(quarter(2018, 3))).toBe('Q3 18/19');
    expect(formatShortPeriod(month(2018, 8))).toBe('Aug 18');
  });

  it('format and parse are inverses', () => {
    for (const p of [year(2016), quarter(2018, 1), quarter(2018, 4), month(2019, 1)]) {
      expect(parsePeriod(formatPeriod(p))).toEqual(p);
    }
  });

  it('financialYearOf: January–March belong to the year before', () => {
    expect(financialYearOf(month(2017, 3))).toBe(2016);
    expect(financialYearOf(month(2017, 4))).toBe(2017);
    expect(financialYearOf(quarter(2016, 4))).toBe(2016);
    expect(financialYearOf(year(2016))).toBe(2016);
  });

  it('monthsOf: Q1 Apr–Jun, Q2 Jul–Sep, Q3 Oct–Dec, Q4 Jan–Mar', () => {
    expect(monthsOf(year(2016))).toEqual({ from: { year: 2016, month: 4 }, to: { year: 2017, month: 3 } });
    expect(monthsOf(quarter(2018, 1))).toEqual({ from: { year: 2018, month: 4 }, to: { year: 2018, month: 6 } });
    expect(monthsOf(quarter(2018, 2))).toEqual({ from: { year: 2018, month: 7 }, to: { year: 2018, month: 9 } });
    expect(monthsOf(quarter(2018, 3))).toEqual({ from: { year: 2018, month: 10 }, to: { year: 2018, month: 12 } });
    expect(monthsOf(quarter(2018, 4))).toEqual({ from: { year: 2019, month: 1 }, to: { year: 2019, month: 3 } });
    expect(monthsOf(month(2018, 8))).toEqual({ from: { year: 2018, month: 8 }, to: { year: 2018, month: 8 } });
  });

  it('previousPeriod', () => {
    expect(previousPeriod(quarter(2018, 1))).toEqual(quarter(2017, 4));
    expect(previousPeriod(quarter(2018, 3))).toEqual(quarter(2018, 2));
    expect(previousPeriod(year(2018))).toEqual(year(2017));
    expect(previousPeriod(month(2018, 1))).toEqual(month(2017, 12));
  });

  it('samePeriodLastYear', () => {
    expect(samePeriodLastYear(quarter(2018, 2))).toEqual(quarter(2017, 2));
    expect(samePeriodLastYear(year(2016))).toEqual(year(2015));
    expect(samePeriodLastYear(month(2018, 8))).toEqual(month(2017, 8));
  });

  it('periodKey and periodFromKey round-trip', () => {
    expect(periodKey(year(2016))).toBe('2016');
    expect(periodKey(quarter(2018, 2))).toBe('2018-Q2');
    expect(periodKey(month(2018, 8))).toBe('2018-08');
    for (const p of [year(2016), quarter(2018, 2), month(2018, 8), month(2018, 12)]) {
      expect(periodFromKey(periodKey(p))).toEqual(p);
    }
    expect(() => periodFromKey('2018-Q5')).toThrow(/Not a period key/);
  });

  it('periodKey sorts within a kind', () => {
    const keys = [quarter(2018, 1), quarter(2017, 4), quarter(2018, 3)].map(periodKey).sort();
    expect(keys).toEqual(['2017-Q4', '2018-Q1', '2018-Q3']);
  });

  it('samePeriod', () => {
    expect(samePeriod(quarter(2018, 2), { kind: 'quarter', startYear: 2018, quarter: 2 })).toBe(true);
    expect(samePeriod(quarter(2018, 2), quarter(2017, 2))).toBe(false);
    expect(samePeriod(year(2018), quarter(2018, 4))).toBe(false);
  });

  it('comparePeriods orders by end month, longer periods first', () => {
    const sorted = [month(2019, 3), quarter(2018, 4), quarter(2018, 1), year(2018), month(2018, 4)].sort(comparePeriods);
    expect(sorted).toEqual([month(2018, 4), quarter(2018, 1), year(2018), quarter(2018, 4), month(2019, 3)]);
    expect(comparePeriods(quarter(2018, 2), quarter(2018, 2))).toBe(0);
  });

  it('quartersOf', () => {
    expect(quartersOf(2018)).toEqual([quarter(2018, 1), quarter(2018, 2), quarter(2018, 3), quarter(2018, 4)]);
  });

  it('rollingWindow: 12 months to Aug 2018 is Sep 2017 – Aug 2018', () => {
    expect(rollingWindow({ year: 2018, month: 8 })).toEqual({ from: { year: 2017, month: 9 }, to: { year: 2018, month: 8 } });
    expect(rollingWindow({ year: 2018, month: 8 }, 3)).toEqual({ from: { year: 2018, month: 6 }, to: { year: 2018, month: 8 } });
  });
});

describe('parseDataPeriod', () => {
  it.each([
    ['Autumn 2016', { kind: 'wave', season: 'autumn', year: 2016, label: 'Autumn 2016' }],
    ['Spring 17', { kind: 'wave', season: 'spring', year: 2017, label: 'Spring 17' }],
    ['(Spring 2015)', { kind: 'wave', season: 'spring', year: 2015, label: '(Spring 2015)' }],
    ['Rolling 12 months to Sep 2018', { kind: 'rolling', months: 12, to: { year: 2018, month: 9 }, label: 'Rolling 12 months to Sep 2018' }],
    ['12 months up to March 2017', { kind: 'rolling', months: 12, to: { year: 2017, month: 3 }, label: '12 months up to March 2017' }],
    ['Oct 2015 – Sep 2016', { kind: 'range', from: { year: 2015, month: 10 }, to: { year: 2016, month: 9 }, label: 'Oct 2015 – Sep 2016' }],
    ['Apr 2016 - Mar 2017', { kind: 'range', from: { year: 2016, month: 4 }, to: { year: 2017, month: 3 }, label: 'Apr 2016 - Mar 2017' }],
    ['Apr-March 2017', { kind: 'range', from: { year: 2016, month: 4 }, to: { year: 2017, month: 3 }, label: 'Apr-March 2017' }],
    ['Jan-Dec 2014', { kind: 'range', from: { year: 2014, month: 1 }, to: { year: 2014, month: 12 }, label: 'Jan-Dec 2014' }],
    ['July 2014 – June 2015', { kind: 'range', from: { year: 2014, month: 7 }, to: { year: 2015, month: 6 }, label: 'July 2014 – June 2015' }],
    // "to" inside "October" is not a separator.
    ['October 2015 – September 2016', { kind: 'range', from: { year: 2015, month: 10 }, to: { year: 2016, month: 9 }, label: 'October 2015 – September 2016' }],
    ['October 2015 to September 2016', { kind: 'range', from: { year: 2015, month: 10 }, to: { year: 2016, month: 9 }, label: 'October 2015 to September 2016' }],
    ['2015-10 - 2016-09', { kind: 'range', from: { year: 2015, month: 10 }, to: { year: 2016, month: 9 }, label: '2015-10 - 2016-09' }],
    ['2016/17', { kind: 'period', period: year(2016), label: '2016/17' }],
    ['2016-17', { kind: 'period', period: year(2016), label: '2016-17' }],
    ['Q2  2018/19', { kind: 'period', period: quarter(2018, 2), label: 'Q2 2018/19' }],
    ['Aug 2018', { kind: 'period', period: month(2018, 8), label: 'Aug 2018' }],
    ['As at 30 September', { kind: 'text', label: 'As at 30 September' }],
  ] as const)('%j', (text, expected) => {
    expect(parseDataPeriod(text)).toEqual(expected);
  });

  it('dataPeriodEnd', () => {
    expect(dataPeriodEnd(parseDataPeriod('Spring 2016'))).toEqual({ year: 2016, month: 5 });
    expect(dataPeriodEnd(parseDataPeriod('Autumn 2016'))).toEqual({ year: 2016, month: 11 });
    expect(dataPeriodEnd(parseDataPeriod('Oct 2015 – Sep 2016'))).toEqual({ year: 2016, month: 9 });
    expect(dataPeriodEnd(parseDataPeriod('Rolling 12 months to Aug 2018'))).toEqual({ year: 2018, month: 8 });
    expect(dataPeriodEnd(parseDataPeriod('Q2 2018/19'))).toEqual({ year: 2018, month: 9 });
    expect(dataPeriodEnd(parseDataPeriod('As at 30 September'))).toBeNull();
  });
});
