import { describe, expect, it } from 'vitest';
import { DEFAULT_DEADLINE_RULES, formatDeadline, meetingDeadlines } from './meetingDeadlines.ts';

const byKind = (date: string, rules = DEFAULT_DEADLINE_RULES) => Object.fromEntries(meetingDeadlines(date, rules).map((d) => [d.kind, d]));

describe("a meeting's deadlines", () => {
  it('21 November 2018: questions by 10am on Friday 16 November (the pack printed "Thursday"), agenda on 13 November, clearance on 6 November', () => {
    const d = byKind('2018-11-21');
    expect(formatDeadline(d.publicQuestions!)).toBe('10am on Friday 16 November 2018');
    expect(d.publicQuestions!.reason).toBe(
      '10:00 on the third working day before the meeting on Wednesday 21 November 2018 (not counted: Sunday 18 November 2018, a weekend; Saturday 17 November 2018, a weekend)',
    );
    expect(formatDeadline(d.agendaPublication!)).toBe('Tuesday 13 November 2018');
    expect(formatDeadline(d.reportClearance!)).toBe('Tuesday 6 November 2018');
    expect(d.reportClearance!.reason).toMatch(/^five working days before the agenda is published on Tuesday 13 November 2018/);
  });

  it('21 June 2017: questions by 10am on Friday 16 June, as the pack printed', () => {
    expect(formatDeadline(byKind('2017-06-21').publicQuestions!)).toBe('10am on Friday 16 June 2017');
  });

  it('across Christmas and New Year', () => {
    const d = byKind('2019-01-08');
    expect(d.publicQuestions!.date).toBe('2019-01-03');
    expect(d.agendaPublication!.date).toBe('2018-12-28');
    expect(d.reportClearance!.date).toBe('2018-12-19');
    expect(d.reportClearance!.reason).toContain('Wednesday 26 December 2018, Boxing Day, a bank holiday');
  });

  it("follows a council's own rules", () => {
    const d = byKind('2018-11-21', { publicQuestions: { workingDays: 2, time: '12:30' }, agendaPublication: { clearDays: 3 }, reportClearance: { workingDays: 1 } });
    expect(formatDeadline(d.publicQuestions!)).toBe('12.30pm on Monday 19 November 2018');
    expect(d.agendaPublication!.date).toBe('2018-11-15');
    expect(d.reportClearance!.date).toBe('2018-11-14');
  });

  it('lists the deadlines earliest first', () => {
    const dates = meetingDeadlines('2018-11-21').map((d) => d.date);
    expect([...dates].sort()).toEqual(dates);
  });
});
