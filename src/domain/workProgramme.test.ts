import { describe, expect, it } from 'vitest';
import {
  buildProgramme,
  coverDisagreements,
  DEFAULT_LAG_DAYS,
  fillPlaceholders,
  formatMonthKey,
  latestQuarterBy,
  quarterEnd,
  standingItems,
  type ProgrammeMeeting,
  type StandingRule,
  type WorkProgrammeEntry,
} from './workProgramme.ts';

const rule = (over: Partial<StandingRule>): StandingRule => ({
  id: 1,
  committeeId: 1,
  kind: 'every-meeting',
  title: 'Corporate Grants (Standing item)',
  overview: 'Assessments of grant applications',
  reportOf: 'Grants Manager',
  contributors: null,
  issueType: 'non-key',
  lagDays: DEFAULT_LAG_DAYS,
  from: '2018-06-12',
  to: null,
  ...over,
});

const performance = rule({ id: 2, kind: 'quarterly-performance', title: '{quarter} Performance Report', overview: 'Priorities for Quarter {n} ({quarter}) {year}; see {period}', reportOf: 'Head of Performance and Risk' });

const meeting = (id: number, date: string, cancelled = false): ProgrammeMeeting => ({ id, date, cancelled });

const entry = (id: number, target: WorkProgrammeEntry['target'], over: Partial<WorkProgrammeEntry> = {}): WorkProgrammeEntry => ({
  id,
  committeeId: 1,
  title: `Entry ${id}`,
  overview: '',
  reportOf: 'Officer',
  contributors: null,
  issueType: 'non-key',
  target,
  ...over,
});

describe('quarters a meeting can receive', () => {
  it('knows where each financial quarter ends, Q4 in the next calendar year', () => {
    expect(quarterEnd({ kind: 'quarter', startYear: 2018, quarter: 1 })).toBe('2018-06-30');
    expect(quarterEnd({ kind: 'quarter', startYear: 2018, quarter: 3 })).toBe('2018-12-31');
    expect(quarterEnd({ kind: 'quarter', startYear: 2018, quarter: 4 })).toBe('2019-03-31');
  });

  it('takes the latest quarter that ended at least the lag before the date, across year ends', () => {
    // 21 November 2018 received Q2 2018/19, 7 March 2019 Q3, 12 June 2018 the year-end Q4 2017/18 (seeds 002).
    expect(latestQuarterBy('2018-11-21', 42)).toEqual({ kind: 'quarter', startYear: 2018, quarter: 2 });
    expect(latestQuarterBy('2019-03-07', 42)).toEqual({ kind: 'quarter', startYear: 2018, quarter: 3 });
    expect(latestQuarterBy('2018-06-12', 42)).toEqual({ kind: 'quarter', startYear: 2017, quarter: 4 });
    // The lag decides on the boundary: 30 September + 42 days is 11 November.
    expect(latestQuarterBy('2018-11-11', 42)).toEqual({ kind: 'quarter', startYear: 2018, quarter: 2 });
    expect(latestQuarterBy('2018-11-10', 42)).toEqual({ kind: 'quarter', startYear: 2018, quarter: 1 });
    expect(latestQuarterBy('2019-01-05', 0)).toEqual({ kind: 'quarter', startYear: 2018, quarter: 3 });
    expect(latestQuarterBy('2019-02-11', 42)).toEqual({ kind: 'quarter', startYear: 2018, quarter: 3 });
    expect(latestQuarterBy('2019-02-10', 42)).toEqual({ kind: 'quarter', startYear: 2018, quarter: 2 });
  });

  it('fills the placeholders of a rule for a quarter', () => {
    expect(fillPlaceholders('{quarter} Performance Report: Quarter {n} ({quarter}) {year}, {period}', { kind: 'quarter', startYear: 2018, quarter: 2 })).toBe(
      'Q2 Performance Report: Quarter 2 (Q2) 2018/19, Q2 2018/19',
    );
  });
});

describe('standing items', () => {
  it('puts an every-meeting item at each meeting the rule covers, none at a cancelled one', () => {
    const items = standingItems([rule({ from: '2017-07-01', to: '2018-06-11' })], [meeting(1, '2017-06-21'), meeting(2, '2017-09-06'), meeting(3, '2017-11-22', true), meeting(4, '2018-03-15'), meeting(5, '2018-06-12')]);
    expect([...items].map(([id, list]) => [id, list.length])).toEqual([
      [1, 0],
      [2, 1],
      [3, 0],
      [4, 1],
      [5, 0],
    ]);
    expect(items.get(2)![0]).toMatchObject({ ruleId: 1, title: 'Corporate Grants (Standing item)', period: null });
  });

  it('gives each quarter to the first meeting that can receive it, once', () => {
    const meetings = [meeting(1, '2018-06-12'), meeting(2, '2018-07-10'), meeting(3, '2018-11-21'), meeting(4, '2019-03-07'), meeting(5, '2019-03-20')];
    const items = standingItems([performance], meetings);
    const periods = meetings.map((m) => items.get(m.id)!.map((i) => i.period));
    // 10 July 2018 can take nothing newer than the Q4 already received in June; 20 March 2019 nothing newer than Q3.
    expect(periods).toEqual([['2017-Q4'], [], ['2018-Q2'], ['2018-Q3'], []]);
    expect(items.get(3)![0]!.title).toBe('Q2 Performance Report');
    expect(items.get(3)![0]!.overview).toBe('Priorities for Quarter 2 (Q2) 2018/19; see Q2 2018/19');
  });

  it('reports within the next meeting a quarter overtaken before any meeting could take it', () => {
    // No meeting between the end of Q1 + 6 weeks and the end of Q2 + 6 weeks: November takes Q2, Q1 is not offered again.
    const items = standingItems([performance], [meeting(1, '2018-06-12'), meeting(2, '2018-11-21')]);
    expect(items.get(2)!.map((i) => i.period)).toEqual(['2018-Q2']);
  });

  it('skips a cancelled meeting: its quarter goes to the next meeting', () => {
    const items = standingItems([performance], [meeting(1, '2018-11-21', true), meeting(2, '2018-12-05')]);
    expect(items.get(1)).toEqual([]);
    expect(items.get(2)!.map((i) => i.period)).toEqual(['2018-Q2']);
  });
});

describe('the programme from a date', () => {
  const meetings = [meeting(10, '2018-06-12'), meeting(11, '2018-11-21'), meeting(12, '2019-01-16', true), meeting(13, '2019-03-07')];
  const entries = [
    entry(1, { kind: 'meeting', meetingId: 11 }),
    entry(2, { kind: 'meeting', meetingId: 13 }),
    entry(3, { kind: 'unscheduled' }),
    entry(4, { kind: 'month', month: '2019-06' }),
    entry(5, { kind: 'meeting', meetingId: 12 }),
    entry(6, { kind: 'meeting', meetingId: 10 }),
    entry(7, { kind: 'month', month: '2018-10' }),
    entry(8, { kind: 'meeting', meetingId: 11 }),
  ];

  it('lists the meetings from the date, then later months, then what is to be scheduled (with entries of cancelled meetings)', () => {
    const p = buildProgramme({ from: '2018-11-01', meetings, entries, rules: [rule({}), performance] });
    expect(p.span).toBe('November 2018 - March 2019');
    expect(p.sections.map((s) => [s.kind, s.heading])).toEqual([
      ['meeting', '21 November 2018'],
      ['meeting', '7 March 2019'],
      ['month', 'June 2019'],
      ['unscheduled', 'To be scheduled'],
    ]);
    const [nov, mar, june, later] = p.sections;
    expect(nov!.items.map((i) => i.title)).toEqual(['Entry 1', 'Entry 8', 'Corporate Grants (Standing item)', 'Q2 Performance Report']);
    expect(mar!.items.map((i) => i.title)).toEqual(['Entry 2', 'Corporate Grants (Standing item)', 'Q3 Performance Report']);
    expect(june!.items.map((i) => i.title)).toEqual(['Entry 4']);
    expect(later!.items.map((i) => i.title)).toEqual(['Entry 3', 'Entry 5']);
  });

  it('has no span when no meeting is arranged from the date', () => {
    const p = buildProgramme({ from: '2020-01-01', meetings, entries: [], rules: [] });
    expect(p.sections).toEqual([]);
    expect(p.span).toBeNull();
    expect(buildProgramme({ from: '2019-03-01', meetings, entries: [], rules: [] }).span).toBe('March 2019');
  });

  it('refuses a date that is not one', () => {
    expect(() => buildProgramme({ from: '2019-02-30', meetings, entries, rules: [] })).toThrow(RangeError);
  });

  it('prints a month key as a month', () => {
    expect(formatMonthKey('2019-06')).toBe('June 2019');
  });
});

describe('a paper’s cover against its programme entry', () => {
  it('reports a key decision flag that disagrees, in either direction, and nothing when they agree', () => {
    // Seeds 002: the Communities Together Network annual report's cover says Key: Yes; the programme says Non-key.
    expect(coverDisagreements({ title: 'Communities Together Network: Annual Report', issueType: 'non-key' }, { key: true, urgent: false })).toEqual([
      '“Communities Together Network: Annual Report”: the cover says Key Yes, the work programme says Non-key',
    ]);
    expect(coverDisagreements({ title: 'A', issueType: 'key' }, { key: false, urgent: false })).toHaveLength(1);
    expect(coverDisagreements({ title: 'A', issueType: 'key' }, { key: true, urgent: false })).toEqual([]);
    expect(coverDisagreements({ title: 'A', issueType: 'urgent' }, { key: false, urgent: false })).toEqual(['“A”: the cover says Urgent No, the work programme says Urgent']);
    expect(coverDisagreements({ title: 'A', issueType: null }, { key: true, urgent: true })).toEqual([]);
  });
});
