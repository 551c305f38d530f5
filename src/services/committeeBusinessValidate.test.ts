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
