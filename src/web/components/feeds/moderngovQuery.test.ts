import { describe, expect, it } from 'vitest';
import { lowerCaseQuery, readMeetingId, readMeetingsQuery, readModernGovDate, readOperation } from './moderngovQuery.ts';

describe('reading a ModernGov web service request', () => {
  it('takes the operation and the parameters in any case', () => {
    expect([readOperation('GetMeeting'), readOperation('getmeeting'), readOperation('GETCOUNCILLORSBYWARD'), readOperation('GetAttachment')]).toEqual(['GetMeeting', 'GetMeeting', 'GetCouncillorsByWard', null]);
    expect(readMeetingId(lowerCaseQuery({ lmeetingid: '17' }))).toEqual({ ok: true, value: 17 });
    expect(readMeetingId(lowerCaseQuery({ LMEETINGID: ['18', '19'] }))).toEqual({ ok: true, value: 18 });
    expect(readMeetingId(lowerCaseQuery({ lMeetingId: '-1' })).ok).toBe(false);
  });

  it('reads dates as ModernGov writes them, and as ISO', () => {
    expect([readModernGovDate('21/11/2018'), readModernGovDate('1/6/2017'), readModernGovDate('2018-11-21'), readModernGovDate('31/02/2018'), readModernGovDate('11/21/2018')]).toEqual(['2018-11-21', '2017-06-01', '2018-11-21', null, null]);
  });

  it('reads GetMeetings: 0 or no committee is every committee; a date left out is no bound', () => {
    expect(readMeetingsQuery(lowerCaseQuery({}))).toEqual({ ok: true, value: { committeeId: null, from: null, to: null } });
    expect(readMeetingsQuery(lowerCaseQuery({ lCommitteeId: '0', sFromDate: '01/01/2018' }))).toEqual({ ok: true, value: { committeeId: null, from: '2018-01-01', to: null } });
    expect(readMeetingsQuery(lowerCaseQuery({ lCommitteeId: '142', sFromDate: '2026-01-01', sToDate: '30/04/2026' }))).toEqual({ ok: true, value: { committeeId: 142, from: '2026-01-01', to: '2026-04-30' } });
    expect(readMeetingsQuery(lowerCaseQuery({ lCommitteeId: 'x' }))).toEqual({ ok: false, error: 'lCommitteeId must be a committee’s id, or 0 for every committee' });
    expect(readMeetingsQuery(lowerCaseQuery({ sToDate: 'tomorrow' }))).toEqual({ ok: false, error: 'sToDate must be a date written dd/mm/yyyy, like 21/11/2018' });
  });
});
