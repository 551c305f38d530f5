import { describe, expect, it } from 'vitest';
import { findStatedWeekdays, wrongWeekdays } from './statedWeekdays.ts';

describe('weekdays stated in text', () => {
  it('finds the wrong weekday of the 21 November 2018 pack\'s questions deadline', () => {
    const text = 'Therefore, the deadline for this meeting is at Thursday 16<sup>th</sup> November at 10AM.';
    const wrong = wrongWeekdays(text, '2018-11-21');
    expect(wrong).toHaveLength(1);
    expect(wrong[0]).toMatchObject({ stated: 'Thursday', actual: 'Friday', date: '2018-11-16', yearWritten: false });
    expect(wrong[0]!.reason).toBe('says "Thursday 16th November" but 16 November 2018 is a Friday (the year taken as 2018, the nearest to the document\'s date)');
  });

  it('accepts right weekdays, with or without the year, ordinal or comma', () => {
    expect(wrongWeekdays('Wednesday 21 November 2018, 7.00pm; Wednesday, 21st June 2017', '2018-11-21')).toEqual([]);
    expect(findStatedWeekdays('Wednesday, 21st June 2017', '2018-11-21')[0]).toMatchObject({ date: '2017-06-21', yearWritten: true });
  });

  it('takes the year nearest the document\'s date when none is written (December papers about January)', () => {
    const found = findStatedWeekdays('report by Monday 7 January', '2018-12-20');
    expect(found[0]!.date).toBe('2019-01-07');
    expect(found[0]!.actual).toBe('Monday');
  });

  it('ignores days that do not exist and words that are not dates', () => {
    expect(findStatedWeekdays('Friday 31 February 2019; Friday night', '2019-02-01')).toEqual([]);
  });
});
