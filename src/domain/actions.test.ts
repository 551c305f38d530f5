import { describe, expect, it } from 'vitest';
import { actionStatus, type MeetingAction } from './actions.ts';

const action = (over: Partial<MeetingAction> = {}): MeetingAction => ({
  id: 1,
  text: 'The ASB report to the March 2019 meeting to cover environmental crime, including fly-tipping',
  ownerPersonId: 3,
  targetMeetingId: 9,
  reportBack: true,
  workProgrammeEntryId: 4,
  arrivedAtItemId: null,
  ...over,
});
const march = { id: 9, date: '2019-03-20', held: false, label: 'Wednesday 20 March 2019' };

describe('an action tracked to its meeting', () => {
  it('is outstanding until a paper for it reaches the agenda of its meeting, then done', () => {
    expect(actionStatus(action(), march)).toEqual({ state: 'outstanding', reason: 'it is to report to the meeting of Wednesday 20 March 2019' });
    expect(actionStatus(action({ arrivedAtItemId: 77 }), { ...march, held: true }).state).toBe('done');
  });

  it('is overdue when its meeting was held without it', () => {
    expect(actionStatus(action(), { ...march, held: true })).toEqual({ state: 'overdue', reason: 'it was to report to the meeting of Wednesday 20 March 2019, which was held without it' });
  });

  it('says so when a report back has no work-programme entry, and when its meeting is not yet named', () => {
    expect(actionStatus(action({ workProgrammeEntryId: null }), march).state).toBe('not-programmed');
    expect(actionStatus(action({ targetMeetingId: null, reportBack: false, workProgrammeEntryId: null }), null)).toEqual({ state: 'outstanding', reason: 'it is to report to a future meeting not yet named' });
  });
});
