import { describe, expect, it } from 'vitest';
import { wrongQuestionsDeadline } from './statedDeadlines.ts';

describe('a stated public-questions deadline checked against the rule', () => {
  it('agrees with the 21 June 2017 pack (Friday 16 June at 10AM) and the date of the 21 November 2018 pack', () => {
    expect(wrongQuestionsDeadline('Therefore, the deadline for this meeting is Friday 16 June at 10AM.', '2017-06-21')).toBeNull();
    // The weekday is wrong (a Friday, not a Thursday: statedWeekdays finds that), the date and time are right.
    expect(wrongQuestionsDeadline('the deadline for this meeting is at Thursday 16<sup>th</sup> November at 10AM.', '2018-11-21')).toBeNull();
  });

  it('reports a date or a time the rule does not give, with the rule', () => {
    const late = wrongQuestionsDeadline('the deadline for this meeting is Monday 19 November at 10AM.', '2018-11-21');
    expect(late).toMatchObject({ stated: { date: '2018-11-19', time: '10:00' }, computed: { date: '2018-11-16', time: '10:00' } });
    expect(late!.reason).toBe('says the public-questions deadline is 19 November 2018 at 10:00, but the rule (10:00 on the third working day before the meeting on Wednesday 21 November 2018 (not counted: Sunday 18 November 2018, a weekend; Saturday 17 November 2018, a weekend)) gives 10am on Friday 16 November 2018');
    expect(wrongQuestionsDeadline('the deadline for this meeting is Friday 16 June at 5pm.', '2017-06-21')!.stated.time).toBe('17:00');
  });

  it('says nothing of text without a deadline', () => {
    expect(wrongQuestionsDeadline('Requests must be submitted to Governance Services.', '2017-06-21')).toBeNull();
  });
});
