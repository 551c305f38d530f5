import { describe, expect, it } from 'vitest';
import type { ImportError, RawWorkbook } from '../workbook/model.ts';
import { readSheetDate, validateCommitteeBusiness } from './committeeBusinessValidate.ts';

describe('a date cell of the committee-business sheets', () => {
  it('reads ISO, day/month/year and day month year dates', () => {
    expect(readSheetDate('2018-11-21')).toEqual({ date: '2018-11-21' });
    expect(readSheetDate('21/11/2018')).toEqual({ date: '2018-11-21' });
    expect(readSheetDate('1/6/2017')).toEqual({ date: '2017-06-01' });
    expect(readSheetDate('21 November 2018')).toEqual({ date: '2018-11-21' });
    expect(readSheetDate('21st Nov 2018')).toEqual({ date: '2018-11-21' });
  });

  it('refuses a weekday written with the date, a date that does not exist, and text', () => {
    expect(readSheetDate('Wednesday 21 November 2018')).toEqual({ error: expect.stringContaining('Townhall computes the weekday') });
    expect(readSheetDate('Thu 16 November 2018')).toEqual({ error: expect.stringContaining('weekday') });
    expect(readSheetDate('2018-02-29')).toEqual({ error: 'is not a real date' });
    expect(readSheetDate('31/04/2019')).toEqual({ error: 'is not a real date' });
    expect(readSheetDate('next week')).toEqual({ error: expect.stringContaining('is not a date') });
    expect(readSheetDate('21 Zog 2018')).toEqual({ error: expect.stringContaining('is not a date') });
  });
});

describe('the committee-business sheets, row by row', () => {
  const rows = (cells: Record<string, string>[]) => cells.map((c, i) => ({ row: i + 2, cells: c }));

  it('takes valid rows and locates every problem by sheet, row and column', () => {
    const raw: RawWorkbook = {
      people: rows([
        { name: 'Reuben Thompstone', kind: 'Councillor', party: 'Conservative', ward: 'Golders Green' },
        { name: 'Abigail Lewis', kind: 'officer', job_title: 'Governance', party: 'Labour' },
        { name: 'Ann Smith', kind: 'councillor', email: 'not an email' },
      ]),
      memberships: rows([{ committee: 'C', person: 'Reuben Thompstone', role: 'vice chair', from_date: '2018-06-12', to_date: '2018-06-01' }]),
      meetings: rows([
        { committee: 'C', date: '2018-11-21', start_time: '7.00pm', venue: 'Hendon', status: 'Minutes Agreed' },
        { committee: 'C', date: '2018-11-22', start_time: '19:00', venue: 'Hendon', status: 'postponed' },
      ]),
    };
    const errors: ImportError[] = [];
    const data = validateCommitteeBusiness(raw, errors);
    expect(errors.map((e) => `${e.sheet} ${e.row} ${e.column}`)).toEqual(['people 3 party', 'people 4 email', 'memberships 2 to_date', 'meetings 3 status_reason']);
    expect(data.people.map((p) => [p.name, p.kind, p.party])).toEqual([['Reuben Thompstone', 'councillor', 'Conservative']]);
    expect(data.refusedPeople).toEqual(['abigail-lewis', 'ann-smith']);
    expect(data.memberships).toEqual([]);
    expect(data.meetings.map((m) => [m.date, m.startTime, m.status])).toEqual([['2018-11-21', '19:00', 'minutes-agreed']]);
  });

  it('refuses a sheet without a required column once, taking none of its rows', () => {
    const errors: ImportError[] = [];
    const data = validateCommitteeBusiness({ meetings: rows([{ committee: 'C', date: '2018-11-21', venue: 'Hendon' }]) }, errors);
    expect(errors.map((e) => [e.sheet, e.row, e.column])).toEqual([['meetings', null, 'start_time']]);
    expect(data.withheldSheets).toEqual(['meetings']);
    expect(data.meetings).toEqual([]);
  });
});

describe('the agenda_items, work_programme and standing_items sheets, row by row', () => {
  const rows = (cells: Record<string, string>[]) => cells.map((c, i) => ({ row: i + 2, cells: c }));
  const item = (over: Record<string, string>) => ({ committee: 'C', meeting_date: '2018-11-21', position: '1', kind: 'minutes', title: 'Minutes of last meeting', if_any: '', part: '', to_follow: '', ...over });
  const entry = (over: Record<string, string>) => ({ committee: 'C', meeting_date: '', target_month: '', title: 'Libraries review', overview: 'To note', report_of: 'Head of Libraries', contributors: '', issue_type: '', ...over });
  const rule = (over: Record<string, string>) => ({ committee: 'C', kind: 'every-meeting', title: 'Corporate Grants', overview: 'To decide grants', report_of: 'Grants Manager', contributors: '', issue_type: 'non-key', lag_days: '', from_date: '2017-04-01', to_date: '', ...over });

  it('reads an order of business: kinds by key or label, yes/no, parts; only reports exempt or to follow, a report no "(If any)" item, positions once', () => {
    const errors: ImportError[] = [];
    const data = validateCommitteeBusiness(
      {
        agenda_items: rows([
          item({}),
          item({ position: '2', kind: 'Absence of members', title: 'Absence of Members', if_any: 'Yes' }),
          item({ position: '3', kind: 'report', title: 'Grants', part: 'Exempt', to_follow: 'y' }),
          item({ position: '3', kind: 'report', title: 'Twice' }),
          item({ position: '0', kind: 'urgent', title: 'Urgent', part: 'exempt', to_follow: 'yes' }),
          item({ position: '5', kind: 'report', title: 'Paper', if_any: 'maybe' }),
          item({ position: '6', kind: 'report', title: 'Paper', if_any: 'yes' }),
          item({ position: '7', kind: 'lunch', meeting_date: 'Wednesday 21 November 2018' }),
        ]),
      },
      errors,
    );
    expect(errors.map((e) => `${e.sheet} ${e.row} ${e.column}`)).toEqual([
      'agenda_items 5 position',
      'agenda_items 6 position',
      'agenda_items 6 part',
      'agenda_items 6 to_follow',
      'agenda_items 7 if_any',
      'agenda_items 8 if_any',
      'agenda_items 9 meeting_date',
      'agenda_items 9 kind',
    ]);
    expect(data.agendaItems.map((i) => [i.position, i.kind, i.ifAny, i.part, i.toFollow])).toEqual([
      [1, 'minutes', false, 'public', false],
      [2, 'absence', true, 'public', false],
      [3, 'report', false, 'exempt', true],
    ]);
  });

  it('reads programme entries aimed at a meeting, a month or nothing yet, and standing item rules, with the forms’ rules', () => {
    const errors: ImportError[] = [];
    const data = validateCommitteeBusiness(
      {
        work_programme: rows([
          entry({ meeting_date: '21/11/2018', issue_type: 'Key' }),
          entry({ target_month: 'June 2019', issue_type: 'non key' }),
          entry({}),
          entry({ meeting_date: '2018-11-21', target_month: '2019-06' }),
          entry({ target_month: '2019-13', overview: '', issue_type: 'important' }),
          entry({}),
        ]),
        standing_items: rows([
          rule({}),
          rule({ kind: 'quarterly performance', title: '{period} Performance Report', lag_days: '30', to_date: '2019-03-31' }),
          rule({ kind: 'monthly', lag_days: '400', from_date: '2019-01-01', to_date: '2018-01-01', title: 'x'.repeat(301) }),
        ]),
      },
      errors,
    );
    expect(errors.map((e) => `${e.sheet} ${e.row} ${e.column}`)).toEqual([
      'work_programme 5 target_month',
      'work_programme 6 overview',
      'work_programme 6 issue_type',
      'work_programme 6 target_month',
      'work_programme 7 title',
      'standing_items 4 kind',
      'standing_items 4 title',
      'standing_items 4 lag_days',
      'standing_items 4 to_date',
    ]);
    expect(errors.find((e) => e.row === 7 && e.sheet === 'work_programme')!.message).toContain('appears more than once (first on row 4)');
    expect(data.workProgramme.map((e) => [e.meetingDate, e.month, e.issueType])).toEqual([
      ['2018-11-21', null, 'key'],
      [null, '2019-06', 'non-key'],
      [null, null, null],
    ]);
    expect(data.standingItems.map((r) => [r.kind, r.lagDays, r.from, r.to])).toEqual([
      ['every-meeting', 42, '2017-04-01', null],
      ['quarterly-performance', 30, '2017-04-01', '2019-03-31'],
    ]);
  });
});
