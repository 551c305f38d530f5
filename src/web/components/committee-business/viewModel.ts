/**
 * View models of the public committee business pages (ADR 0018): the committees and their members, a
 * committee's membership on a date, a councillor's page, the calendar of meetings and a meeting's page.
 * Weekdays and deadlines come from the domain, computed from the date; values are plain text (templates escape).
 */
import { termsOfReferenceOn } from '../../../domain/organisation.ts';
import { formatDeadline } from '../../../domain/meetingDeadlines.ts';
import { formatStartTime, MEETING_STATUS_LABELS, type MeetingStatus } from '../../../domain/meetings.ts';
import { MEMBERSHIP_ROLE_LABELS, type MembershipOnDate } from '../../../domain/membership.ts';
import { displayName, type Person } from '../../../domain/people.ts';
import { formatDate, formatLongDate, isIsoDate, type IsoDate } from '../../../domain/workingDays.ts';
import type { CommitteeBusinessView, CommitteeMembership, PersonMemberships } from '../../../services/committeeBusinessService.ts';
import type { MeetingSummary, MeetingView } from '../../../services/meetingService.ts';
import { agendaAdminPath, minutesAdminPath, committeeCalendarPath, committeeMembersPath, committeePath, meetingsCalendarPath, councillorPath, meetingAdminPath, meetingPath, meetingsPath, meetingStatusAdminPath, committeeMembersAdminPath, workProgrammePath } from '../../urls.ts';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "November 2018" from "2018-11". */
export const monthName = (month: string) => `${MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;

/** A month written '2018-11', or null. */
export function readMonth(text: unknown): string | null {
  return typeof text === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(text) && Number(text.slice(0, 4)) >= 1900 && Number(text.slice(0, 4)) <= 2200 ? text : null;
}

/** A date written '2018-11-21', or null. */
export function readDate(text: unknown): IsoDate | null {
  return typeof text === 'string' && isIsoDate(text) ? text : null;
}

export function shiftMonth(month: string, by: number): string {
  const n = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + by;
  return `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
}

/** A status as a GOV.UK tag: colour and words. */
export function statusTag(status: MeetingStatus): { text: string; classes: string } {
  const colour: Record<MeetingStatus, string> = {
    scheduled: 'govuk-tag--blue',
    'agenda-published': 'govuk-tag--turquoise',
    held: 'govuk-tag--grey',
    'minutes-draft': 'govuk-tag--yellow',
    'minutes-agreed': 'govuk-tag--green',
    cancelled: 'govuk-tag--red',
    postponed: 'govuk-tag--orange',
  };
  return { text: MEETING_STATUS_LABELS[status], classes: colour[status] };
}

export interface PersonLink {
  name: string;
  href: string | null;
  detail: string | null;
}

const personLink = (p: Person): PersonLink => ({
  name: displayName(p),
  href: p.kind === 'councillor' ? councillorPath(p.slug) : null,
  detail: p.kind === 'councillor' ? [p.party, p.ward && `${p.ward} ward`].filter(Boolean).join(', ') || null : p.jobTitle,
});

export interface MembershipGroups {
  groups: { heading: string; people: PersonLink[] }[];
  empty: boolean;
}

/** The membership as the cover prints it: Chairman, Vice-Chairman, the members, the substitutes. */
export function membershipGroups(m: MembershipOnDate<Person>): MembershipGroups {
  const groups = [
    { heading: 'Chairman', people: m.chairman.map(personLink) },
    { heading: 'Vice-Chairman', people: m.viceChairman.map(personLink) },
    { heading: 'Members', people: m.members.map(personLink) },
    { heading: 'Substitute members', people: m.substitutes.map(personLink) },
  ].filter((g) => g.people.length);
  return { groups, empty: !groups.length };
}

export interface MeetingRow {
  href: string;
  date: string;
  time: string;
  committee: string;
  venue: string;
  status: { text: string; classes: string };
  /** "Community Leadership Committee, Wednesday 21 June 2017" for links read out of context. */
  label: string;
}

export function meetingRow(m: MeetingSummary): MeetingRow {
  return {
    href: meetingPath(m.id),
    date: formatLongDate(m.date),
    time: formatStartTime(m.startTime),
    committee: m.committeeName,
    venue: m.venue,
    status: statusTag(m.status),
    label: `${m.committeeName}, ${formatLongDate(m.date)}`,
  };
}

export function buildCommitteesView(committees: (CommitteeBusinessView & { membership: MembershipOnDate<Person> })[], today: IsoDate, manage: boolean) {
  return {
    pageTitle: 'Committees',
    today: formatDate(today),
    manageHref: manage ? '/admin/committees' : null,
    committees: committees.map((c) => ({
      name: c.name,
      shortName: c.details.shortName,
      href: committeeMembersPath(c.committee.slug),
      performanceHref: committeePath(c.committee.slug),
      quorum: c.details.quorum,
      ...membershipGroups(c.membership),
    })),
  };
}

export function buildCommitteeView(
  c: CommitteeMembership,
  meetings: { upcoming: MeetingSummary[]; past: MeetingSummary[] },
  options: { today: IsoDate; asked: string | null; error: string | null; manage: boolean },
) {
  const onToday = c.date === options.today;
  return {
    pageTitle: onToday ? `${c.name}: members` : `${c.nameOnDate}: members on ${formatDate(c.date)}`,
    name: onToday ? c.name : c.nameOnDate,
    formerNames: c.committee.names.map((n) => n.name).filter((n) => n !== c.name),
    shortName: c.details.shortName,
    dateText: formatLongDate(c.date),
    onToday,
    todayHref: committeeMembersPath(c.committee.slug),
    action: committeeMembersPath(c.committee.slug),
    on: options.asked ?? '',
    errorSummary: options.error ? [{ text: options.error, href: '#on' }] : null,
    errors: options.error ? { on: { text: options.error } } : {},
    facts: [
      c.details.shortName ? { key: { text: 'Short name' }, value: { text: c.details.shortName } } : null,
      c.details.quorum ? { key: { text: 'Quorum' }, value: { text: String(c.details.quorum) } } : null,
      c.governanceContact
        ? { key: { text: 'Governance contact' }, value: { text: [c.governanceContact.name, c.governanceContact.jobTitle, c.governanceContact.email, c.governanceContact.phone].filter(Boolean).join(', ') } }
        : null,
    ].filter(Boolean),
    termsOfReference: (termsOfReferenceOn(c.committee, new Date(`${c.date}T00:00:00Z`)) ?? '').split(/\n+/).filter((p) => p.trim()),
    performanceHref: committeePath(c.committee.slug),
    workProgrammeHref: workProgrammePath(c.committee.slug),
    manageHref: options.manage ? committeeMembersAdminPath(c.committee.slug) : null,
    ...membershipGroups(c.membership),
    upcoming: meetings.upcoming.map(meetingRow),
    past: meetings.past.map(meetingRow),
    calendarFeed: { href: committeeCalendarPath(c.committee.slug), title: `${c.name}: meetings (iCal)` },
  };
}

export function buildCouncillorView(p: PersonMemberships, meetings: { upcoming: MeetingSummary[]; past: MeetingSummary[] }) {
  const { person } = p;
  return {
    pageTitle: displayName(person),
    details: [
      person.party ? { key: { text: 'Party' }, value: { text: person.party } } : null,
      person.ward ? { key: { text: 'Ward' }, value: { text: person.ward } } : null,
      person.email ? { key: { text: 'Email' }, value: { text: person.email } } : null,
      person.phone ? { key: { text: 'Telephone' }, value: { text: person.phone } } : null,
    ].filter(Boolean),
    current: p.memberships.filter((m) => m.current).map((m) => ({ committee: m.committeeName, href: committeeMembersPath(m.committee.slug), role: MEMBERSHIP_ROLE_LABELS[m.role], term: m.term })),
    former: p.memberships.filter((m) => !m.current).map((m) => ({ committee: m.committeeName, href: committeeMembersPath(m.committee.slug, m.to ?? m.from), role: MEMBERSHIP_ROLE_LABELS[m.role], term: m.term })),
    upcoming: meetings.upcoming.map(meetingRow),
    past: meetings.past.map(meetingRow),
  };
}

export function buildCalendarView(month: string, meetings: MeetingSummary[], months: string[], options: { asked: string | null; error: string | null; manage: boolean }) {
  const byYear = new Map<string, { text: string; href: string; current: boolean }[]>();
  for (const m of months) {
    const year = m.slice(0, 4);
    if (!byYear.has(year)) byYear.set(year, []);
    byYear.get(year)!.push({ text: monthName(m).split(' ')[0]!, href: meetingsPath(m), current: m === month });
  }
  return {
    pageTitle: `Meetings in ${monthName(month)}`,
    month: monthName(month),
    errorSummary: options.error ? [{ text: options.error, href: '#month' }] : null,
    error: options.error,
    asked: options.asked ?? '',
    previous: { href: meetingsPath(shiftMonth(month, -1)), labelText: monthName(shiftMonth(month, -1)) },
    next: { href: meetingsPath(shiftMonth(month, 1)), labelText: monthName(shiftMonth(month, 1)) },
    meetings: meetings.map(meetingRow),
    years: [...byYear].map(([year, items]) => ({ year, months: items })),
    manageHref: options.manage ? '/admin/meetings' : null,
    calendarFeed: { href: meetingsCalendarPath(), title: 'All meetings (iCal)' },
  };
}

export function buildMeetingView(m: MeetingView, manage: boolean) {
  const c = m.committeeOnDate;
  return {
    pageTitle: `${m.committeeName}, ${formatLongDate(m.date)}`,
    committee: m.committeeName,
    committeeHref: committeeMembersPath(m.committee.slug, m.date),
    dateText: formatLongDate(m.date),
    status: statusTag(m.status),
    statusReason: m.statusReason,
    cancelled: m.status === 'cancelled',
    postponed: m.status === 'postponed',
    rows: [
      { key: { text: 'Date' }, value: { text: formatLongDate(m.date) } },
      { key: { text: 'Time' }, value: { text: formatStartTime(m.startTime) } },
      { key: { text: 'Venue' }, value: { text: m.venue } },
      { key: { text: 'Status' }, value: { text: MEETING_STATUS_LABELS[m.status] } },
      ...(c.details.quorum ? [{ key: { text: 'Quorum' }, value: { text: String(c.details.quorum) } }] : []),
      ...(c.governanceContact
        ? [{ key: { text: 'Governance contact' }, value: { text: [c.governanceContact.name, c.governanceContact.email, c.governanceContact.phone].filter(Boolean).join(', ') } }]
        : []),
    ],
    deadlines: (m.deadlines ?? []).map((d) => ({ label: d.label, when: formatDeadline(d), reason: d.reason })),
    deadlineProblem: m.deadlineProblem,
    ...membershipGroups(c.membership),
    manage: manage ? { changeHref: meetingAdminPath(m.id), statusHref: meetingStatusAdminPath(m.id), agendaHref: agendaAdminPath(m.id), minutesHref: minutesAdminPath(m.id), editable: m.editable, canMove: m.steps.length > 0 } : null,
  };
}
