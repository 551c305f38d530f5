/**
 * Actions from a meeting (DOMAIN.md §9, issue 12 deliver 4): each has an owner and a target meeting (or
 * "a future meeting"), and is tracked until it reaches that meeting's agenda. An action to report back
 * needs an entry in the committee's forward work programme; until a paper for it is on an agenda it is
 * outstanding, and once its target meeting has been held without it, overdue. Pure.
 */
import type { IsoDate } from './workingDays.ts';

export interface MeetingAction {
  id: number;
  text: string;
  ownerPersonId: number | null;
  /** The meeting it is to report to; null: "a future meeting" not yet named. */
  targetMeetingId: number | null;
  /** Whether it asks for a report back (then it needs a work-programme entry). */
  reportBack: boolean;
  /** The work-programme entry made for it, if any. */
  workProgrammeEntryId: number | null;
  /** The agenda item where it arrived, if any. */
  arrivedAtItemId: number | null;
}

export type ActionState = 'done' | 'outstanding' | 'overdue' | 'not-programmed';

export interface ActionStatus {
  state: ActionState;
  reason: string;
}

export interface TargetMeeting {
  id: number;
  date: IsoDate;
  /** Whether the meeting has been held (or later: its minutes written, agreed). */
  held: boolean;
  /** "Wednesday 20 March 2019". */
  label: string;
}

/** Where an action stands: arrived (done), not yet (outstanding), missed its meeting (overdue), or reporting back with no work-programme entry. */
export function actionStatus(action: MeetingAction, target: TargetMeeting | null): ActionStatus {
  if (action.arrivedAtItemId !== null) return { state: 'done', reason: 'a paper for it is on the agenda' };
  if (action.reportBack && action.workProgrammeEntryId === null) {
    return { state: 'not-programmed', reason: 'it is to report back, but the forward work programme has no entry for it' };
  }
  if (target?.held) return { state: 'overdue', reason: `it was to report to the meeting of ${target.label}, which was held without it` };
  return {
    state: 'outstanding',
    reason: target ? `it is to report to the meeting of ${target.label}` : 'it is to report to a future meeting not yet named',
  };
}
