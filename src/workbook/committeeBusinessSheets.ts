/**
 * The committee-business sheets of the import template (issue 11, deliver 11; ADR 0023): people,
 * committee_details, memberships, meetings, agenda_items, work_programme and standing_items — their names, columns, the data they hold once read, and
 * how that data is written back as rows. Validation against the domain's rules and the stored data is
 * src/services/committeeBusinessImport.ts and agendaProgrammeImport.ts. Weekdays and deadlines are never columns: they are computed
 * from the date.
 */
import type { MeetingStatus } from '../domain/meetings.ts';
import type { MembershipRole } from '../domain/membership.ts';
import type { PersonKind } from '../domain/people.ts';
import type { AgendaItemKind, AgendaPart } from '../domain/agenda.ts';
import type { IssueType, StandingRuleKind } from '../domain/workProgramme.ts';

/** As ColumnSpec (columns.ts, which lists these among every sheet's). */
interface Column {
  name: string;
  required: string;
  meaning: string;
}

export const COMMITTEE_BUSINESS_SHEETS = ['people', 'committee_details', 'memberships', 'meetings', 'agenda_items', 'work_programme', 'standing_items'] as const;
export type CommitteeBusinessSheet = (typeof COMMITTEE_BUSINESS_SHEETS)[number];

export const COMMITTEE_BUSINESS_COLUMNS: Record<CommitteeBusinessSheet, Column[]> = {
  people: [
    { name: 'name', required: 'yes', meaning: 'The name as the person spells it, without “Councillor” (Townhall adds it). Other sheets name the person this way' },
    { name: 'kind', required: 'yes', meaning: 'councillor or officer' },
    { name: 'party', required: 'no', meaning: "A councillor's party" },
    { name: 'ward', required: 'no', meaning: "A councillor's ward" },
    { name: 'job_title', required: 'no', meaning: "An officer's job title" },
    { name: 'email', required: 'no', meaning: 'Email address' },
    { name: 'phone', required: 'no', meaning: 'Telephone number, like 020 8359 2761' },
  ],
  committee_details: [
    { name: 'committee', required: 'yes', meaning: 'The committee (any of its names)' },
    { name: 'quorum', required: 'no', meaning: 'The quorum its covers print, a whole number from 1 to 100' },
    { name: 'short_name', required: 'no', meaning: 'Its short name' },
    { name: 'governance_contact', required: 'no', meaning: 'The governance officer its covers name: an officer on the people sheet or already stored' },
  ],
  memberships: [
    { name: 'committee', required: 'yes', meaning: 'The committee (any of its names)' },
    { name: 'person', required: 'yes', meaning: 'The councillor, named as on the people sheet' },
    { name: 'role', required: 'yes', meaning: 'Chairman, Vice-Chairman, Member or Substitute' },
    { name: 'from_date', required: 'yes', meaning: 'The first day served, like 2018-06-12 or 12/06/2018' },
    { name: 'to_date', required: 'no', meaning: 'The last day served (included). Blank = until further notice' },
  ],
  meetings: [
    { name: 'committee', required: 'yes', meaning: 'The committee (any of its names)' },
    { name: 'date', required: 'yes', meaning: 'The day of the meeting, like 2018-11-21 or 21/11/2018 (no weekday: it is computed)' },
    { name: 'start_time', required: 'yes', meaning: 'The start time, like 19:00 or 7pm' },
    { name: 'venue', required: 'yes', meaning: 'Where it meets' },
    {
      name: 'status',
      required: 'no',
      meaning: 'scheduled, agenda published, held, minutes draft, minutes agreed, cancelled or postponed. Blank = scheduled for a new meeting, unchanged for a stored one',
    },
    { name: 'status_reason', required: 'with cancelled or postponed', meaning: 'Why the meeting is cancelled or postponed (its page shows it)' },
    { name: 'uid', required: 'no', meaning: 'The calendar identifier Townhall gave the meeting (written by the export). Blank for a new meeting' },
  ],
  agenda_items: [
    { name: 'committee', required: 'yes', meaning: 'The committee (any of its names)' },
    { name: 'meeting_date', required: 'yes', meaning: 'The day of the meeting: a stored meeting or one on the meetings sheet' },
    { name: 'position', required: 'yes', meaning: 'Its place in the order of business, a whole number (the printed item numbers are computed, with the motion to exclude the press and public)' },
    {
      name: 'kind',
      required: 'yes',
      meaning: 'minutes, absence, declarations, monitoring-officer, public-questions, members-items, standing, report, work-programme or urgent',
    },
    { name: 'title', required: 'yes', meaning: 'As printed, without “(If any)”; {committee} stands for the committee’s name on the meeting date' },
    { name: 'if_any', required: 'no', meaning: 'yes when the order of business prints “(If any)” (no paper of its own). Blank = no' },
    { name: 'part', required: 'no', meaning: 'public or exempt (only reports are exempt; the exempt part follows the public one). Blank = public' },
    { name: 'to_follow', required: 'no', meaning: 'yes when a report’s paper is to follow. Blank = no' },
  ],
  work_programme: [
    { name: 'committee', required: 'yes', meaning: 'The committee (any of its names)' },
    { name: 'meeting_date', required: 'no', meaning: 'The meeting that takes the report: a stored meeting or one on the meetings sheet' },
    { name: 'target_month', required: 'no', meaning: 'Or the later month, like 2019-06, when no meeting is arranged yet. Both blank = to be scheduled' },
    { name: 'title', required: 'yes', meaning: 'The title of the report' },
    { name: 'overview', required: 'yes', meaning: 'The overview of the decision' },
    { name: 'report_of', required: 'yes', meaning: 'Who the report is of (the officer’s post)' },
    { name: 'contributors', required: 'no', meaning: 'Contributing officers' },
    { name: 'issue_type', required: 'no', meaning: 'key, non-key or urgent. Blank = not stated (older programmes have no such column)' },
  ],
  standing_items: [
    { name: 'committee', required: 'yes', meaning: 'The committee (any of its names)' },
    { name: 'kind', required: 'yes', meaning: 'every-meeting, or quarterly-performance (the report of the latest quarter, at the first meeting that can receive it)' },
    { name: 'title', required: 'yes', meaning: 'The title; a quarterly rule may use {quarter}, {n}, {year} and {period}' },
    { name: 'overview', required: 'yes', meaning: 'The overview of the decision (the same placeholders)' },
    { name: 'report_of', required: 'yes', meaning: 'Who the report is of (the officer’s post)' },
    { name: 'contributors', required: 'no', meaning: 'Contributing officers' },
    { name: 'issue_type', required: 'no', meaning: 'key, non-key or urgent. Blank = not stated' },
    { name: 'lag_days', required: 'no', meaning: 'Quarterly performance: days after a quarter ends before a meeting can receive it, 0 to 366. Blank = 42 (six weeks)' },
    { name: 'from_date', required: 'yes', meaning: 'The first day the rule gives meetings the item' },
    { name: 'to_date', required: 'no', meaning: 'The last day (included). Blank = until further notice' },
  ],
};

export interface PersonDef {
  name: string;
  kind: PersonKind;
  party: string | null;
  ward: string | null;
  jobTitle: string | null;
  email: string | null;
  phone: string | null;
  row: number;
}

export interface CommitteeDetailsDef {
  committee: string;
  quorum: number | null;
  shortName: string | null;
  /** A person's name, or null for none. */
  governanceContact: string | null;
  row: number;
}

export interface MembershipDef {
  committee: string;
  person: string;
  role: MembershipRole;
  from: string;
  to: string | null;
  row: number;
}

export interface MeetingDef {
  committee: string;
  date: string;
  startTime: string;
  venue: string;
  /** null: blank (scheduled for a new meeting, unchanged for a stored one). */
  status: MeetingStatus | null;
  statusReason: string | null;
  uid: string | null;
  row: number;
}

export interface AgendaItemDef {
  committee: string;
  meetingDate: string;
  position: number;
  kind: AgendaItemKind;
  title: string;
  ifAny: boolean;
  part: AgendaPart;
  toFollow: boolean;
  row: number;
}

/** What a work programme row and a standing item row share. */
export interface ProgrammeFieldsDef {
  committee: string;
  title: string;
  overview: string;
  reportOf: string;
  contributors: string | null;
  issueType: IssueType | null;
  row: number;
}

export interface WorkProgrammeDef extends ProgrammeFieldsDef {
  /** Aimed at the committee's meeting of this day, or null. */
  meetingDate: string | null;
  /** Or at a later month ('2019-06'), or null (both null: to be scheduled). */
  month: string | null;
}

export interface StandingItemDef extends ProgrammeFieldsDef {
  kind: StandingRuleKind;
  lagDays: number;
  from: string;
  to: string | null;
}

/** The committee-business rows of a workbook that are valid, and what was refused that other rows name. */
export interface CommitteeBusinessData {
  people: PersonDef[];
  committeeDetails: CommitteeDetailsDef[];
  memberships: MembershipDef[];
  meetings: MeetingDef[];
  agendaItems: AgendaItemDef[];
  workProgramme: WorkProgrammeDef[];
  standingItems: StandingItemDef[];
  /** Sheets none of whose rows were taken in (unreadable, or a required column missing). */
  withheldSheets: CommitteeBusinessSheet[];
  /** The slugs of people whose rows were refused: rows naming them are not also "unknown person". */
  refusedPeople: string[];
}

export const emptyCommitteeBusiness = (): CommitteeBusinessData => ({
  people: [],
  committeeDetails: [],
  memberships: [],
  meetings: [],
  agendaItems: [],
  workProgramme: [],
  standingItems: [],
  withheldSheets: [],
  refusedPeople: [],
});

/** The number of rows each committee-business sheet took in. */
export function committeeBusinessCounts(data: CommitteeBusinessData): [CommitteeBusinessSheet, number][] {
  return [
    ['people', data.people.length],
    ['committee_details', data.committeeDetails.length],
    ['memberships', data.memberships.length],
    ['meetings', data.meetings.length],
    ['agenda_items', data.agendaItems.length],
    ['work_programme', data.workProgramme.length],
    ['standing_items', data.standingItems.length],
  ];
}

export function hasCommitteeBusiness(data: CommitteeBusinessData | undefined): boolean {
  return Boolean(data && committeeBusinessCounts(data).some(([, n]) => n > 0));
}

const STATUS_WORDS: Record<MeetingStatus, string> = {
  scheduled: 'scheduled',
  'agenda-published': 'agenda published',
  held: 'held',
  'minutes-draft': 'minutes draft',
  'minutes-agreed': 'minutes agreed',
  cancelled: 'cancelled',
  postponed: 'postponed',
};

const ROLE_WORDS: Record<MembershipRole, string> = { chairman: 'Chairman', 'vice-chairman': 'Vice-Chairman', member: 'Member', substitute: 'Substitute' };

type Row = Record<string, string>;

/** The committee-business sheets as text rows, as the reader reads them back. */
export function committeeBusinessRows(data: CommitteeBusinessData | undefined): Record<CommitteeBusinessSheet, Row[]> {
  const d = data ?? emptyCommitteeBusiness();
  return {
    people: d.people.map((p) => ({ name: p.name, kind: p.kind, party: p.party ?? '', ward: p.ward ?? '', job_title: p.jobTitle ?? '', email: p.email ?? '', phone: p.phone ?? '' })),
    committee_details: d.committeeDetails.map((c) => ({
      committee: c.committee,
      quorum: c.quorum === null ? '' : String(c.quorum),
      short_name: c.shortName ?? '',
      governance_contact: c.governanceContact ?? '',
    })),
    memberships: d.memberships.map((m) => ({ committee: m.committee, person: m.person, role: ROLE_WORDS[m.role], from_date: m.from, to_date: m.to ?? '' })),
    meetings: d.meetings.map((m) => ({
      committee: m.committee,
      date: m.date,
      start_time: m.startTime,
      venue: m.venue,
      status: m.status ? STATUS_WORDS[m.status] : '',
      status_reason: m.statusReason ?? '',
      uid: m.uid ?? '',
    })),
    agenda_items: d.agendaItems.map((i) => ({
      committee: i.committee,
      meeting_date: i.meetingDate,
      position: String(i.position),
      kind: i.kind,
      title: i.title,
      if_any: yes(i.ifAny),
      part: i.part,
      to_follow: yes(i.toFollow),
    })),
    work_programme: d.workProgramme.map((e) => {
      const { committee, ...rest } = programmeFields(e);
      return { committee, meeting_date: e.meetingDate ?? '', target_month: e.month ?? '', ...rest };
    }),
    standing_items: d.standingItems.map((r) => {
      const { committee, ...rest } = programmeFields(r);
      return { committee, kind: r.kind, ...rest, lag_days: String(r.lagDays), from_date: r.from, to_date: r.to ?? '' };
    }),
  };
}

const yes = (b: boolean) => (b ? 'yes' : 'no');

const programmeFields = (f: ProgrammeFieldsDef) => ({
  committee: f.committee,
  title: f.title,
  overview: f.overview,
  report_of: f.reportOf,
  contributors: f.contributors ?? '',
  issue_type: f.issueType ?? '',
});
