/**
 * Members' items (DOMAIN.md §9; issue 11, deliver 6; ADR 0025). "A Member, including appointed substitute
 * Members of a Committee may have one item only on an agenda that he/she serves. The matter must be
 * relevant to the terms of reference of the Committee" (Barnet's Constitution, Article 2, as the
 * member's item paper of 21 November 2018 quotes it). Pure: the rules a submission must meet (every
 * problem at once), the governance officer's check, the line the item makes on the order of business and
 * the paper made from the member's item template.
 */
import type { MeetingStatus } from './meetings.ts';
import { inForceOn, type Membership, type MembershipRole } from './membership.ts';
import type { IsoDate } from './workingDays.ts';

export const MEMBERS_ITEM_STATUSES = ['submitted', 'accepted', 'not-accepted'] as const;
export type MembersItemStatus = (typeof MEMBERS_ITEM_STATUSES)[number];

export const MEMBERS_ITEM_STATUS_LABELS: Record<MembersItemStatus, string> = {
  submitted: 'Waiting for the governance check',
  accepted: 'Accepted: on the agenda',
  'not-accepted': 'Not accepted',
};

export const MAX_ITEM_TITLE = 200;
export const MAX_ITEM_REQUEST = 10_000;
export const MAX_CHECK_REASON = 2_000;

/** The seat that lets a person put an item on a committee's agenda on the meeting date, or null. */
export function seatOn(memberships: readonly Pick<Membership, 'personId' | 'role' | 'from' | 'to'>[], personId: number, date: IsoDate): MembershipRole | null {
  const inForce = memberships.filter((m) => m.personId === personId && inForceOn(m, date));
  // A member's seat before a substitute's, though one person does not hold both at once.
  return inForce.find((m) => m.role !== 'substitute')?.role ?? inForce[0]?.role ?? null;
}

/** The facts a submission is judged on. */
export interface SubmissionFacts {
  /** The person submitting (the signed-in councillor's person), or null when the account is not a person. */
  personId: number | null;
  /** The meeting chosen, or null when none (or no such meeting) was chosen. */
  meeting: { date: IsoDate; status: MeetingStatus; agendaPublished: boolean; committeeName: string } | null;
  /** The committee's memberships (every date). */
  memberships: readonly Pick<Membership, 'personId' | 'role' | 'from' | 'to'>[];
  /** The person's items already on this meeting's agenda, whatever their status. */
  existing: number;
  /** Today, Europe/London. */
  today: IsoDate;
  /** The last day items are taken for the meeting (src/domain/meetingDeadlines.ts). */
  closes: IsoDate | null;
  title: string;
  request: string;
}

/**
 * Every problem of a submission at once, by the form's fields in order (meeting, title, request). An item
 * is taken while the meeting is neither cancelled nor postponed, its agenda not yet published, and today is on or before the
 * closing date; from a member or appointed substitute of the committee on the meeting date; one per member
 * per agenda.
 */
export function submissionProblems(f: SubmissionFacts, formatDate: (d: IsoDate) => string): Record<string, string> {
  const errors: Record<string, string> = {};
  const meeting: string[] = [];
  if (f.personId === null) meeting.push('Your account is not linked to a councillor: ask an administrator to link it');
  if (!f.meeting) meeting.push('Select the meeting the item is for');
  else {
    if (f.meeting.status === 'cancelled' || f.meeting.status === 'postponed' || f.meeting.agendaPublished) meeting.push(`The agenda of the meeting on ${formatDate(f.meeting.date)} is no longer open: it is published, or the meeting is cancelled or postponed`);
    else if (f.closes !== null && f.today > f.closes) meeting.push(`Members’ items for the meeting on ${formatDate(f.meeting.date)} closed on ${formatDate(f.closes)}`);
    if (f.personId !== null && seatOn(f.memberships, f.personId, f.meeting.date) === null) {
      meeting.push(`You are not a member or appointed substitute of the ${f.meeting.committeeName} on ${formatDate(f.meeting.date)}`);
    }
    if (f.existing > 0) meeting.push(`You already have an item for the meeting on ${formatDate(f.meeting.date)}: a member may have one item only on an agenda`);
  }
  if (meeting.length) errors.meeting = meeting.join('. ');
  const title = f.title.trim();
  if (!title) errors.title = 'Enter the title of your item';
  else if (title.length > MAX_ITEM_TITLE) errors.title = `Title must be ${MAX_ITEM_TITLE} characters or fewer`;
  const request = f.request.trim();
  if (!request) errors.request = 'Enter what you are asking the committee to consider';
  else if (request.length > MAX_ITEM_REQUEST) errors.request = `Your item must be ${MAX_ITEM_REQUEST.toLocaleString('en-GB')} characters or fewer`;
  return errors;
}

/** The governance officer's check against the committee's terms of reference. */
export interface CheckInput {
  decision: string;
  reason: string;
}

export type CheckDecision = 'accepted' | 'not-accepted';

/** The check read, or its problems (decision, then reason). A refusal needs its reason. */
export function readCheck(input: CheckInput): { decision: CheckDecision; reason: string | null } | { errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const decision = input.decision === 'accepted' || input.decision === 'not-accepted' ? input.decision : null;
  const reason = (input.reason ?? '').trim();
  if (!decision) errors.decision = 'Select whether the item is accepted';
  if (decision === 'not-accepted' && !reason) errors.reason = 'Enter why the item is not accepted: how it falls outside the committee’s terms of reference';
  if (reason.length > MAX_CHECK_REASON) errors.reason = `Reason must be ${MAX_CHECK_REASON.toLocaleString('en-GB')} characters or fewer`;
  if (Object.keys(errors).length) return { errors };
  return { decision: decision!, reason: reason || null };
}

/** The sub-item's title on the order of business, as Barnet's minutes print it: "Member's Item - Cllr Sara Conway". */
export function membersItemLineTitle(memberName: string): string {
  return `Member's Item - Cllr ${memberName}`;
}

/** The paper's fields (the agenda service's cover, sections by key and recommendations). */
export interface MembersItemPaper {
  title: string;
  reportOf: string;
  wards: string;
  summary: string;
  sections: Record<string, string>;
  recommendations: string[];
}

/**
 * The paper made from the member's item template (the wording of Barnet's "Member's Item(s)" paper of
 * 21 November 2018, seed 002): the member's title on the cover, reported by the member, the member's
 * request as the body of "Why this report is needed".
 */
export function membersItemPaper(item: { title: string; request: string; memberName: string; committeeName: string }): MembersItemPaper {
  return {
    title: item.title.trim(),
    reportOf: `Councillor ${item.memberName}`,
    wards: 'All',
    summary: 'The report informs the Committee of a Member’s Item and requests instructions from the Committee.',
    sections: {
      why: `A Member of the Committee has requested that the item tabled below is submitted to the ${item.committeeName} for consideration and determination. The Committee are requested to provide instructions to Officers of the Council as recommended.\n\nCouncillor ${item.memberName}: ${item.title.trim()}\n\n${item.request.trim()}`,
      reasons: 'No recommendations have been made. The Committee are therefore requested to give consideration and provide instruction.',
      alternatives: 'N/A',
      implementation: 'Post decision implementation will depend on the decision taken by the Committee.',
      'implications.1': 'As and when issues raised through a Member’s Item are progressed, they will need to be evaluated against the Corporate Plan and other relevant policies.',
      'implications.2': 'None in the context of this report.',
      'implications.4':
        'The Council’s Constitution (Article 2 – Members of the Council) states that a Member, including appointed substitute Members of a Committee may have one item only on an agenda that he/she serves. The matter must be relevant to the terms of reference of the Committee.',
      'implications.5': 'None in the context of this report.',
      'implications.6':
        'Members’ Items allow Members of a Committee to bring a wide range of issues to the attention of a Committee in accordance with the Council’s Constitution. All of these issues must be considered for their equalities and diversity implications.',
    },
    recommendations: ['That the Committee’s instructions in relation to this Member’s item are requested.'],
  };
}
