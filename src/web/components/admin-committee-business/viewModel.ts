/**
 * View models of the committee business staff pages (ADR 0018): people, committees' cover facts and
 * memberships, meetings one by one or as a cycle, and meetings' statuses. Errors come from the services,
 * every one at once, shown in a GOV.UK error summary that links to its field.
 */
import { EMPTY_PARTS, partsOf, type DateParts } from '../../../domain/dateParts.ts';
import { formatStartTime, MEETING_STATUS_LABELS, MEETING_STEP_LABELS, PER_YEAR, stepNeedsReason, WEEK_OF_MONTH_LABELS, type MeetingStatus } from '../../../domain/meetings.ts';
import { describeTerm, inForceOn, MEMBERSHIP_ROLE_LABELS, MEMBERSHIP_ROLES } from '../../../domain/membership.ts';
import { displayName, type Person } from '../../../domain/people.ts';
import { formatLongDate, WEEKDAYS, type IsoDate } from '../../../domain/workingDays.ts';
import type { CommitteeBusinessView, CommitteeMembership, FieldErrors } from '../../../services/committeeBusinessService.ts';
import type { CycleInput, CyclePreview, MeetingInput, MeetingSummary, MeetingView } from '../../../services/meetingService.ts';
import {
  committeeMembersAdminPath,
  committeeMembersPath,
  councillorPath,
  meetingAdminPath,
  meetingPath,
  meetingStatusAdminPath,
  membershipEndAdminPath,
  membershipNewAdminPath,
  membershipsAdminPath,
  personAdminPath,
  ROUTES,
  workProgrammeAdminPath,
  agendaTemplateAdminPath,
} from '../../urls.ts';
import { meetingRow } from '../committee-business/viewModel.ts';

/** Fields that are GOV.UK date inputs: their error links to the day box. */
const DATE_FIELDS = new Set(['date', 'from', 'to']);

export interface ErrorView {
  errorSummary: { text: string; href: string }[] | null;
  errors: Record<string, { text: string }>;
}

/** The summary (in the order the service gave, which is the form's) and the inline messages. */
export function errorView(errors: FieldErrors = {}, hrefs: Record<string, string> = {}): ErrorView {
  const keys = Object.keys(errors);
  return {
    errorSummary: keys.length ? keys.map((k) => ({ text: errors[k]!, href: hrefs[k] ?? (DATE_FIELDS.has(k) ? `#${k}-day` : `#${k}`) })) : null,
    errors: Object.fromEntries(keys.map((k) => [k, { text: errors[k]! }])),
  };
}

/** GOV.UK date input items, each box marked when the field is in error. */
export function dateItems(parts: DateParts, error: boolean) {
  const cls = (width: number) => `govuk-input--width-${width}${error ? ' govuk-input--error' : ''}`;
  return [
    { name: 'day', label: 'Day', value: parts.day, classes: cls(2) },
    { name: 'month', label: 'Month', value: parts.month, classes: cls(2) },
    { name: 'year', label: 'Year', value: parts.year, classes: cls(4) },
  ];
}

const items = (choices: { value: string; text: string; hint?: string }[], selected: string, kind: 'radios' | 'select' = 'radios') =>
  choices.map((c) => ({ value: c.value, text: c.text, ...(c.hint ? { hint: { text: c.hint } } : {}), ...(kind === 'radios' ? { checked: c.value === selected } : { selected: c.value === selected }) }));

// People

export function buildPeopleView(people: Person[], notice: string | null) {
  return {
    pageTitle: 'People',
    notice,
    people: people.map((p) => ({
      name: p.name,
      kind: p.kind === 'councillor' ? 'Councillor' : 'Officer',
      detail: p.kind === 'councillor' ? [p.party, p.ward && `${p.ward} ward`].filter(Boolean).join(', ') : [p.jobTitle, p.email, p.phone].filter(Boolean).join(', '),
      changeHref: personAdminPath(p.slug),
      pageHref: p.kind === 'councillor' ? councillorPath(p.slug) : null,
    })),
  };
}

export interface PersonValues {
  name: string;
  kind: string;
  party: string;
  ward: string;
  jobTitle: string;
  email: string;
  phone: string;
  reason: string;
}

export const personValues = (p: Person): PersonValues => ({
  name: p.name,
  kind: p.kind,
  party: p.party ?? '',
  ward: p.ward ?? '',
  jobTitle: p.jobTitle ?? '',
  email: p.email ?? '',
  phone: p.phone ?? '',
  reason: '',
});

export function buildPersonFormView(mode: 'add' | 'change', values: PersonValues, errors: FieldErrors = {}, person: Person | null = null) {
  return {
    pageTitle: mode === 'add' ? 'Add a person' : `Change ${person ? displayName(person) : 'a person'}`,
    mode,
    action: mode === 'add' ? ROUTES.adminPeople : personAdminPath(person!.slug),
    values,
    kinds: [
      { value: 'councillor', text: 'Councillor', checked: values.kind === 'councillor' },
      { value: 'officer', text: 'Officer', checked: values.kind === 'officer' },
    ],
    ...errorView(errors, { kind: '#kind' }),
  };
}

// Committees

export function buildCommitteeListView(committees: (CommitteeBusinessView & { members: number })[], notice: string | null) {
  return {
    pageTitle: 'Committees and their members',
    notice,
    committees: committees.map((c) => ({
      name: c.name,
      href: committeeMembersAdminPath(c.committee.slug),
      quorum: c.details.quorum ? String(c.details.quorum) : 'Not set',
      shortName: c.details.shortName ?? '',
      contact: c.governanceContact?.name ?? 'Not set',
      members: c.members,
    })),
  };
}

export interface DetailsValues {
  quorum: string;
  shortName: string;
  governanceContact: string;
  reason: string;
}

export function buildCommitteeAdminView(c: CommitteeMembership, officers: Person[], values: DetailsValues, errors: FieldErrors, notice: string | null, today: IsoDate) {
  return {
    pageTitle: c.name,
    notice,
    action: committeeMembersAdminPath(c.committee.slug),
    publicHref: committeeMembersPath(c.committee.slug),
    workProgrammeHref: workProgrammeAdminPath(c.committee.slug),
    agendaTemplateHref: agendaTemplateAdminPath(c.committee.slug),
    addHref: membershipNewAdminPath(c.committee.slug),
    values,
    contacts: [{ value: '', text: 'None', selected: values.governanceContact === '' }, ...items(officers.map((o) => ({ value: o.slug, text: [o.name, o.jobTitle].filter(Boolean).join(', ') })), values.governanceContact, 'select')],
    memberships: [...c.history]
      .sort((a, b) => Number(inForceOn(b, today)) - Number(inForceOn(a, today)) || MEMBERSHIP_ROLES.indexOf(a.role) - MEMBERSHIP_ROLES.indexOf(b.role) || b.from.localeCompare(a.from))
      .map((m) => ({
        name: displayName(m.person),
        role: MEMBERSHIP_ROLE_LABELS[m.role],
        term: describeTerm(m),
        current: inForceOn(m, today),
        endHref: m.to === null || m.to >= today ? membershipEndAdminPath(c.committee.slug, m.id) : null,
      })),
    ...errorView(errors, { governanceContact: '#governanceContact' }),
  };
}

export interface MembershipValues {
  person: string;
  role: string;
  from: DateParts;
  to: DateParts;
  reason: string;
}

export const EMPTY_MEMBERSHIP: MembershipValues = { person: '', role: '', from: EMPTY_PARTS, to: EMPTY_PARTS, reason: '' };

export function buildMembershipFormView(c: CommitteeBusinessView, councillors: Person[], values: MembershipValues, errors: FieldErrors = {}) {
  return {
    pageTitle: `Add a member to ${c.name}`,
    committee: c.name,
    backHref: committeeMembersAdminPath(c.committee.slug),
    action: membershipsAdminPath(c.committee.slug),
    addPersonHref: ROUTES.adminPersonNew,
    values,
    people: [{ value: '', text: 'Choose a councillor', selected: values.person === '' }, ...items(councillors.map((p) => ({ value: p.slug, text: p.name })), values.person, 'select')],
    roles: items(MEMBERSHIP_ROLES.map((r) => ({ value: r, text: MEMBERSHIP_ROLE_LABELS[r] })), values.role),
    fromItems: dateItems(values.from, Boolean(errors.from)),
    toItems: dateItems(values.to, Boolean(errors.to)),
    ...errorView(errors, { role: '#role' }),
  };
}

export function buildEndMembershipView(c: { name: string; slug: string }, m: { id: number; person: Person; role: keyof typeof MEMBERSHIP_ROLE_LABELS; from: IsoDate; to: IsoDate | null }, values: { to: DateParts; reason: string }, errors: FieldErrors = {}) {
  return {
    pageTitle: `End the membership of ${displayName(m.person)}`,
    committee: c.name,
    backHref: committeeMembersAdminPath(c.slug),
    action: membershipEndAdminPath(c.slug, m.id),
    description: `${MEMBERSHIP_ROLE_LABELS[m.role]}, ${describeTerm(m)}`,
    values,
    toItems: dateItems(values.to, Boolean(errors.to)),
    ...errorView(errors),
  };
}

// Meetings

export function buildMeetingListView(meetings: { upcoming: MeetingSummary[]; past: MeetingSummary[] }, notice: string | null) {
  const row = (m: MeetingSummary) => ({ ...meetingRow(m), href: meetingPath(m.id), changeHref: meetingAdminPath(m.id), statusHref: meetingStatusAdminPath(m.id) });
  return { pageTitle: 'Meetings', notice, upcoming: meetings.upcoming.map(row), past: meetings.past.map(row) };
}

/** A meeting form's values: what the service takes, every field present. */
export type MeetingValues = Required<MeetingInput>;

export function buildMeetingFormView(mode: 'add' | 'change', committees: CommitteeBusinessView[], venues: string[], values: MeetingValues, errors: FieldErrors = {}, meeting: MeetingView | null = null) {
  return {
    pageTitle: mode === 'add' ? 'Arrange a meeting' : `Change the meeting of ${formatLongDate(meeting!.date)}`,
    mode,
    caption: meeting?.committeeName ?? null,
    action: mode === 'add' ? ROUTES.adminMeetings : meetingAdminPath(meeting!.id),
    backHref: meeting ? meetingPath(meeting.id) : ROUTES.adminMeetings,
    values,
    committees: [{ value: '', text: 'Choose a committee', selected: values.committee === '' }, ...items(committees.map((c) => ({ value: c.committee.slug, text: c.name })), values.committee, 'select')],
    dateItems: dateItems(values.date, Boolean(errors.date)),
    venues,
    ...errorView(errors),
  };
}

export const meetingValues = (m: MeetingView): MeetingValues => ({ committee: m.committee.slug, date: partsOf(m.date), startTime: formatStartTime(m.startTime), venue: m.venue, reason: '' });

/** A cycle form's values: what the service takes, every field present. */
export type CycleValues = Required<CycleInput>;

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function buildCycleFormView(committees: CommitteeBusinessView[], values: CycleValues, errors: FieldErrors = {}) {
  return {
    pageTitle: 'Arrange a cycle of meetings',
    action: ROUTES.adminMeetingCycle,
    values,
    committees: [{ value: '', text: 'Choose a committee', selected: values.committee === '' }, ...items(committees.map((c) => ({ value: c.committee.slug, text: c.name })), values.committee, 'select')],
    fromItems: dateItems(values.from, Boolean(errors.from)),
    toItems: dateItems(values.to, Boolean(errors.to)),
    weekdays: [{ value: '', text: 'Choose a day', selected: values.weekday === '' }, ...items(WEEKDAYS.filter((d) => d !== 'Saturday' && d !== 'Sunday').map((d) => ({ value: d, text: d })), values.weekday, 'select')],
    weeks: [{ value: '', text: 'Choose a week', selected: values.week === '' }, ...items(['1', '2', '3', '4', '-1'].map((w) => ({ value: w, text: WEEK_OF_MONTH_LABELS[w]! })), values.week, 'select')],
    monthItems: MONTH_NAMES.map((name, i) => ({ value: String(i + 1), text: name, checked: values.months.includes(String(i + 1)) })),
    perYearItems: [{ value: '', text: 'Choose how many', selected: values.perYear === '' }, ...items(PER_YEAR.map((n) => ({ value: String(n), text: `${n} a year` })), values.perYear, 'select')],
    patternListed: values.pattern === 'listed',
    patternPerYear: values.pattern === 'per-year',
    ...errorView(errors, { weekday: '#weekday', week: '#week', pattern: '#pattern', months: '#months', perYear: '#perYear' }),
  };
}

export function buildCyclePreviewView(preview: CyclePreview, values: CycleValues, chosen: string[] | null, errors: FieldErrors = {}) {
  return {
    pageTitle: 'Check the dates of the cycle',
    committee: preview.committeeName,
    action: ROUTES.adminMeetingCycle,
    time: formatStartTime(preview.startTime),
    venue: preview.venue,
    values,
    hidden: hiddenCycleFields(values),
    dates: preview.dates.map((d) => ({
      value: d.date,
      text: d.text,
      hint: d.existing ? { text: 'The committee already meets on this day' } : d.warning ? { text: d.warning } : undefined,
      checked: chosen ? chosen.includes(d.date) : !d.existing,
      disabled: d.existing,
    })),
    warnings: preview.dates.filter((d) => d.warning).length,
    ...errorView(errors, { dates: '#dates' }),
  };
}

/** The cycle form's fields as hidden inputs, so confirming makes exactly what was previewed. */
export function hiddenCycleFields(v: CycleValues): { name: string; value: string }[] {
  return [
    { name: 'committee', value: v.committee },
    { name: 'from-day', value: v.from.day },
    { name: 'from-month', value: v.from.month },
    { name: 'from-year', value: v.from.year },
    { name: 'to-day', value: v.to.day },
    { name: 'to-month', value: v.to.month },
    { name: 'to-year', value: v.to.year },
    { name: 'weekday', value: v.weekday },
    { name: 'week', value: v.week },
    { name: 'pattern', value: v.pattern },
    ...v.months.map((m) => ({ name: 'months', value: m })),
    { name: 'perYear', value: v.perYear },
    { name: 'startTime', value: v.startTime },
    { name: 'venue', value: v.venue },
    { name: 'reason', value: v.reason },
  ];
}

export function buildStatusFormView(m: MeetingView, values: { to: string; reason: string }, errors: FieldErrors = {}) {
  return {
    pageTitle: `Change the status of the meeting of ${formatLongDate(m.date)}`,
    caption: m.committeeName,
    current: MEETING_STATUS_LABELS[m.status],
    backHref: meetingPath(m.id),
    action: meetingStatusAdminPath(m.id),
    values,
    steps: m.steps.map((s: MeetingStatus) => ({ value: s, text: MEETING_STEP_LABELS[s], hint: stepNeedsReason(s) ? { text: 'Give the reason below: the meeting’s page shows it.' } : undefined, checked: values.to === s })),
    ...errorView(errors, { to: '#to' }),
  };
}
