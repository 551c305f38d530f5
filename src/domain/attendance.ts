/**
 * Attendance at a meeting (DOMAIN.md §9, issue 12 deliver 1), from the membership in force on the
 * meeting's date: who was present and in what role, which substitute attended *in place of* which
 * member, apologies, absences, and others in attendance (officers, guests). The voting members present
 * and the quorum follow from it. Every problem is reported, with whom it concerns. Pure.
 */
import { MEMBERSHIP_ROLE_LABELS, type MembershipRole } from './membership.ts';

export const ATTENDANCE_STATUSES = ['present', 'apologies', 'absent'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

export const ATTENDANCE_STATUS_LABELS: Record<AttendanceStatus, string> = {
  present: 'Present',
  apologies: 'Apologies',
  absent: 'Absent',
};

/** One person's attendance as recorded by the governance officer. */
export interface AttendanceEntry {
  personId: number;
  status: AttendanceStatus;
  /** A substitute present: the member (Chairman, Vice-Chairman or member) they attend in place of. */
  inPlaceOf?: number | null;
}

/** A seat in force on the meeting's date. */
export interface Seat {
  personId: number;
  role: MembershipRole;
}

export interface AttendanceProblem {
  code:
    | 'not-recorded'
    | 'recorded-twice'
    | 'substitute-in-place-of-nobody'
    | 'in-place-of-non-member'
    | 'in-place-of-present-member'
    | 'two-substitutes-for-one-member'
    | 'member-in-place-of'
    | 'not-on-committee'
    | 'not-quorate';
  personId: number | null;
  message: string;
}

export interface AttendanceSummary {
  /** Present members with the role they hold (substitutes included, with whom they replace). */
  present: { personId: number; role: MembershipRole; inPlaceOf: number | null }[];
  apologies: number[];
  absent: number[];
  /** Those present who hold no seat on the committee that day: officers, guests, other councillors. */
  others: number[];
  /** The person ids who may vote: members present, and substitutes in place of an absent member. */
  voters: number[];
  quorum: number;
  quorate: boolean;
  problems: AttendanceProblem[];
}

const VOTING_ROLES: readonly MembershipRole[] = ['chairman', 'vice-chairman', 'member'];

/**
 * Attendance checked against the seats in force on the meeting date. `nameOf` names a person in the
 * problems' messages. A member whose attendance was not recorded is counted absent, and said so.
 */
export function summariseAttendance(
  seats: readonly Seat[],
  entries: readonly AttendanceEntry[],
  quorum: number,
  nameOf: (personId: number) => string = (id) => `person ${id}`,
): AttendanceSummary {
  const problems: AttendanceProblem[] = [];
  const seatOf = new Map(seats.map((s) => [s.personId, s]));
  const entryOf = new Map<number, AttendanceEntry>();
  for (const e of entries) {
    if (entryOf.has(e.personId)) problems.push({ code: 'recorded-twice', personId: e.personId, message: `${nameOf(e.personId)}'s attendance is recorded more than once` });
    else entryOf.set(e.personId, e);
  }

  const present: AttendanceSummary['present'] = [];
  const apologies: number[] = [];
  const absent: number[] = [];
  const others: number[] = [];
  const replaced = new Map<number, number>();

  for (const e of entryOf.values()) {
    const seat = seatOf.get(e.personId);
    const inPlaceOf = e.inPlaceOf ?? null;
    if (!seat) {
      if (e.status === 'present') others.push(e.personId);
      if (inPlaceOf !== null) {
        problems.push({ code: 'not-on-committee', personId: e.personId, message: `${nameOf(e.personId)} is recorded in place of ${nameOf(inPlaceOf)} but is not a member or appointed substitute of the committee on the meeting's date` });
      }
      continue;
    }
    if (e.status === 'apologies') apologies.push(e.personId);
    else if (e.status === 'absent') absent.push(e.personId);
    else present.push({ personId: e.personId, role: seat.role, inPlaceOf: seat.role === 'substitute' ? inPlaceOf : null });

    if (seat.role !== 'substitute' && inPlaceOf !== null) {
      problems.push({ code: 'member-in-place-of', personId: e.personId, message: `${nameOf(e.personId)} is the committee's ${MEMBERSHIP_ROLE_LABELS[seat.role]} and cannot attend in place of another member` });
    }
    if (seat.role === 'substitute' && e.status === 'present') {
      if (inPlaceOf === null) {
        problems.push({ code: 'substitute-in-place-of-nobody', personId: e.personId, message: `${nameOf(e.personId)} is a substitute present in place of no named member, so may not vote` });
      } else {
        const replacedSeat = seatOf.get(inPlaceOf);
        const replacedEntry = entryOf.get(inPlaceOf);
        if (!replacedSeat || !VOTING_ROLES.includes(replacedSeat.role)) {
          problems.push({ code: 'in-place-of-non-member', personId: e.personId, message: `${nameOf(e.personId)} is recorded in place of ${nameOf(inPlaceOf)}, who is not a member of the committee on the meeting's date` });
        } else if (replacedEntry?.status === 'present') {
          problems.push({ code: 'in-place-of-present-member', personId: e.personId, message: `${nameOf(e.personId)} is recorded in place of ${nameOf(inPlaceOf)}, who was present` });
        } else if (replaced.has(inPlaceOf)) {
          problems.push({ code: 'two-substitutes-for-one-member', personId: e.personId, message: `${nameOf(e.personId)} and ${nameOf(replaced.get(inPlaceOf)!)} are both recorded in place of ${nameOf(inPlaceOf)}` });
        } else {
          replaced.set(inPlaceOf, e.personId);
        }
      }
    }
  }

  for (const seat of seats) {
    if (!VOTING_ROLES.includes(seat.role) || entryOf.has(seat.personId)) continue;
    absent.push(seat.personId);
    problems.push({ code: 'not-recorded', personId: seat.personId, message: `${nameOf(seat.personId)}'s attendance is not recorded (counted as absent)` });
  }

  const voters = present
    .filter((p) => VOTING_ROLES.includes(p.role) || (p.inPlaceOf !== null && replaced.get(p.inPlaceOf) === p.personId))
    .map((p) => p.personId);
  const quorate = voters.length >= quorum;
  if (!quorate) {
    problems.push({ code: 'not-quorate', personId: null, message: `The meeting is not quorate: ${voters.length} voting member${voters.length === 1 ? ' was' : 's were'} present and the quorum is ${quorum}` });
  }
  return { present, apologies, absent, others, voters, quorum, quorate, problems };
}
