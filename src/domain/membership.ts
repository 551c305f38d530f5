/**
 * Dated memberships of committees (DOMAIN.md §9): a person serves a committee as Chairman,
 * Vice-Chairman, Member or Substitute from a date to a date (both inclusive; no end date: until further
 * notice). The membership in force on a date is what a meeting's cover prints. Pure.
 */
import { formatDate, type IsoDate } from './workingDays.ts';
import { sortKey } from './people.ts';

export const MEMBERSHIP_ROLES = ['chairman', 'vice-chairman', 'member', 'substitute'] as const;
export type MembershipRole = (typeof MEMBERSHIP_ROLES)[number];

export const MEMBERSHIP_ROLE_LABELS: Record<MembershipRole, string> = {
  chairman: 'Chairman',
  'vice-chairman': 'Vice-Chairman',
  member: 'Member',
  substitute: 'Substitute',
};

export interface Membership {
  id: number;
  committeeId: number;
  personId: number;
  role: MembershipRole;
  /** First day served (inclusive). */
  from: IsoDate;
  /** Last day served (inclusive); null: until further notice. */
  to: IsoDate | null;
}

/** Whether the membership is in force on `date` (from and to inclusive). ISO dates compare as text. */
export function inForceOn(membership: Pick<Membership, 'from' | 'to'>, date: IsoDate): boolean {
  return membership.from <= date && (membership.to === null || date <= membership.to);
}

/** Whether two dated spans share a day. */
export function overlaps(a: Pick<Membership, 'from' | 'to'>, b: Pick<Membership, 'from' | 'to'>): boolean {
  return (a.to === null || b.from <= a.to) && (b.to === null || a.from <= b.to);
}

/**
 * The memberships `candidate` would overlap: one person holds one seat on one committee at a time (a
 * change of role ends the old membership the day before the new one starts).
 */
export function overlapping<M extends Pick<Membership, 'id' | 'committeeId' | 'personId' | 'from' | 'to'>>(
  candidate: Pick<Membership, 'committeeId' | 'personId' | 'from' | 'to'> & { id?: number },
  existing: readonly M[],
): M[] {
  return existing.filter((m) => m.id !== candidate.id && m.committeeId === candidate.committeeId && m.personId === candidate.personId && overlaps(m, candidate));
}

/** "from 21 June 2017" / "21 June 2017 to 20 May 2018". */
export function describeTerm(membership: Pick<Membership, 'from' | 'to'>): string {
  return membership.to ? `${formatDate(membership.from)} to ${formatDate(membership.to)}` : `from ${formatDate(membership.from)}`;
}

const ROLE_ORDER = new Map(MEMBERSHIP_ROLES.map((r, i) => [r, i]));

/** A committee's membership on a date, as the agenda cover prints it. */
export interface MembershipOnDate<P extends { name: string }> {
  date: IsoDate;
  chairman: P[];
  viceChairman: P[];
  members: P[];
  substitutes: P[];
  /** Chairman, Vice-Chairman and members: those who may vote (substitutes only in place of one of them). */
  voting: number;
}

/**
 * The membership in force on `date`, ordered as the packs print it: Chairman, Vice-Chairman, the members,
 * then the substitutes, each group by family name.
 */
export function membershipOn<P extends { name: string }>(memberships: readonly (Pick<Membership, 'role' | 'from' | 'to'> & { person: P })[], date: IsoDate): MembershipOnDate<P> {
  const current = memberships
    .filter((m) => inForceOn(m, date))
    .sort((a, b) => ROLE_ORDER.get(a.role)! - ROLE_ORDER.get(b.role)! || sortKey(a.person.name).localeCompare(sortKey(b.person.name)));
  const of = (role: MembershipRole) => current.filter((m) => m.role === role).map((m) => m.person);
  const chairman = of('chairman');
  const viceChairman = of('vice-chairman');
  const members = of('member');
  return { date, chairman, viceChairman, members, substitutes: of('substitute'), voting: chairman.length + viceChairman.length + members.length };
}

/** Those present at a meeting, by the role they hold on its date (substitutes: whether in place of a member). */
export interface Attendance {
  role: MembershipRole;
  /** A substitute attending in place of an absent member votes; one who is not does not. */
  inPlaceOfMember?: boolean;
}

/** The voting members present: Chairman, Vice-Chairman, members, and substitutes in place of a member. */
export function votingPresent(present: readonly Attendance[]): number {
  return present.filter((p) => p.role !== 'substitute' || p.inPlaceOfMember === true).length;
}

/** Whether a meeting is quorate: the voting members present are at least the quorum. */
export function isQuorate(present: readonly Attendance[], quorum: number): boolean {
  return votingPresent(present) >= quorum;
}
