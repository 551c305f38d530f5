/**
 * Reading the committee-business sheets of the import workbook (issue 11, deliver 11; ADR 0023): each
 * row of people, committee_details, memberships, meetings, agenda_items, work_programme and standing_items
 * checked on its own, with the rules the web
 * forms apply, every problem recorded with its sheet, row and column. No database: it runs in the upload
 * worker process too (importCheck.ts). The comparison with what is stored is committeeBusinessImport.ts.
 */
import { MEETING_STATUS_LABELS, MEETING_STATUSES, parseStartTime, type MeetingStatus } from '../domain/meetings.ts';
import { MEMBERSHIP_ROLE_LABELS, type MembershipRole } from '../domain/membership.ts';
import { personSlug } from '../domain/people.ts';
import { isIsoDate, WEEKDAYS, type IsoDate } from '../domain/workingDays.ts';
import { AGENDA_ITEM_KINDS, AGENDA_ITEM_KIND_LABELS, type AgendaItemKind, type AgendaPart } from '../domain/agenda.ts';
import { DEFAULT_LAG_DAYS, ISSUE_TYPES, STANDING_RULE_KINDS, type IssueType, type StandingRuleKind } from '../domain/workProgramme.ts';
import { emptyCommitteeBusiness, type CommitteeBusinessData, type CommitteeBusinessSheet, type ProgrammeFieldsDef } from '../workbook/committeeBusinessSheets.ts';
import type { ImportError, RawWorkbook } from '../workbook/model.ts';
import { Duplicates, folded, key, Sheet } from '../workbook/sheet.ts';
import { MAX_REASON, validatePerson } from './committeeBusinessService.ts';
import { MAX_TITLE as MAX_ITEM_TITLE } from './agendaService.ts';
import { MAX_OVERVIEW, MAX_TITLE as MAX_PROGRAMME_TITLE, readMonth } from './workProgrammeService.ts';

const MAX_VENUE = 500;
const MAX_SHORT_NAME = 100;
const UID = /^[A-Za-z0-9._@-]{1,200}$/;

// ---------------------------------------------------------------------------------------------
// Reading the sheets (no database)

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/**
 * A date cell: `2018-11-21` (as a spreadsheet's date cells read), `21/11/2018` or `21 November 2018`.
 * A weekday written with it is refused: the weekday is computed from the date.
 */
export function readSheetDate(text: string): { date: IsoDate } | { error: string } {
  const t = text.trim().replace(/\s+/g, ' ');
  if (new RegExp(`^(${WEEKDAYS.join('|')}|${WEEKDAYS.map((d) => d.slice(0, 3)).join('|')})\\b`, 'i').test(t)) {
    return { error: 'is written with a weekday: write the date alone (like 2018-11-21); Townhall computes the weekday' };
  }
  let iso: string | null = null;
  let m: RegExpExecArray | null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) iso = t;
  else if ((m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t))) iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  else if ((m = /^(\d{1,2})(?:st|nd|rd|th)? ([a-z]+) (\d{4})$/i.exec(t))) {
    const month = MONTHS.findIndex((name) => m![2]!.toLowerCase().length >= 3 && name.startsWith(m![2]!.toLowerCase())) + 1;
    if (month > 0) iso = `${m[3]}-${String(month).padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  }
  if (!iso) return { error: 'is not a date: write it like 2018-11-21 or 21/11/2018' };
  if (!isIsoDate(iso)) return { error: 'is not a real date' };
  const year = Number(iso.slice(0, 4));
  if (year < 1900 || year > 2200) return { error: 'must be in a year between 1900 and 2200' };
  return { date: iso };
}

const ROLES: Record<string, MembershipRole> = {
  chairman: 'chairman',
  chair: 'chairman',
  vicechairman: 'vice-chairman',
  vicechair: 'vice-chairman',
  member: 'member',
  substitute: 'substitute',
  substitutemember: 'substitute',
};
const STATUSES: Record<string, MeetingStatus> = Object.fromEntries(MEETING_STATUSES.map((s) => [s.replace(/-/g, ''), s]));

/** The columns a person's validation errors belong to. */
const PERSON_COLUMN: Record<string, string> = { name: 'name', kind: 'kind', party: 'party', ward: 'ward', jobTitle: 'job_title', email: 'email', phone: 'phone' };

function date(s: Sheet, column: string, required: boolean): IsoDate | null {
  const text = required ? s.required(column) : s.optional(column);
  if (text === null) return null;
  const d = readSheetDate(text);
  if ('error' in d) {
    s.error(column, text, `${column === 'date' ? 'Date' : column === 'from_date' ? 'From date' : 'To date'} "${text}" ${d.error}`);
    return null;
  }
  return d.date;
}

/** A computed column typed in: refused once for the sheet, at the first row that fills it. */
function refuseComputed(s: Sheet, column: string, message: string): void {
  const first = s.rows.find((r) => (r.cells[column] ?? '').trim() !== '');
  if (first) s.error(column, first.cells[column]!.trim(), message, first.row);
}

/**
 * Validates the committee-business sheets of a read workbook: every cell's own problems, each with its
 * sheet, row and column, into `errors`; the rows that are valid, and what was refused, returned.
 * `unread`: sheets that could not be read.
 */
export function validateCommitteeBusiness(raw: RawWorkbook, errors: ImportError[], unread: ReadonlySet<string> = new Set()): CommitteeBusinessData {
  const out = emptyCommitteeBusiness();
  const sheet = (name: CommitteeBusinessSheet) => {
    const s = new Sheet(name, raw[name] ?? [], errors);
    if (s.lacksColumns || unread.has(name)) out.withheldSheets.push(name);
    return s;
  };

  const people = sheet('people');
  if (!people.lacksColumns) {
    const dup = new Duplicates();
    for (const r of people.rows) {
      people.at(r);
      const name = people.required('name');
      const kind = people.required('kind');
      const input = {
        name: name ?? '',
        kind: (kind ?? '').toLowerCase(),
        party: people.text('party'),
        ward: people.text('ward'),
        jobTitle: people.text('job_title'),
        email: people.text('email'),
        phone: people.text('phone'),
      };
      const v = validatePerson(input);
      for (const [field, message] of Object.entries(v.errors)) {
        if ((field === 'name' && name === null) || (field === 'kind' && kind === null)) continue; // "missing" said already
        const column = PERSON_COLUMN[field] ?? field;
        people.error(column, people.text(column), field === 'kind' ? `Kind "${kind}" is not one of: councillor, officer` : message);
      }
      if (v.fields.kind === 'councillor' && input.jobTitle) people.error('job_title', input.jobTitle, 'A councillor has no job title: leave job title blank (officers have one)');
      if (kind && v.fields.kind === 'officer' && !v.errors.kind && (input.party || input.ward)) {
        people.error(input.party ? 'party' : 'ward', input.party || input.ward, 'An officer has no party or ward: leave them blank (councillors have them)');
      }
      if (name !== null && dup.check(people, ['person', v.fields.slug], 'name', name, `The person "${name}" (or the same name spelt another way)`)) continue;
      if (people.bad) {
        if (name) out.refusedPeople.push(personSlug(name));
        continue;
      }
      const f = v.fields;
      out.people.push({ name: f.name, kind: f.kind, party: f.party, ward: f.ward, jobTitle: f.jobTitle, email: f.email, phone: f.phone, row: r.row });
    }
  }

  const details = sheet('committee_details');
  if (!details.lacksColumns) {
    const dup = new Duplicates();
    for (const r of details.rows) {
      details.at(r);
      const committee = details.required('committee');
      const quorumText = details.optional('quorum');
      let quorum: number | null = null;
      if (quorumText !== null) {
        if (!/^\d{1,3}$/.test(quorumText) || Number(quorumText) < 1 || Number(quorumText) > 100) details.error('quorum', quorumText, `Quorum "${quorumText}" is not a whole number from 1 to 100`);
        else quorum = Number(quorumText);
      }
      const shortName = details.optional('short_name');
      if (shortName && shortName.length > MAX_SHORT_NAME) details.error('short_name', shortName, `Short name must be ${MAX_SHORT_NAME} characters or fewer`);
      if (committee !== null && dup.check(details, ['committee', key(committee)], 'committee', committee, `The committee "${committee}"`)) continue;
      if (details.bad) continue;
      out.committeeDetails.push({ committee: committee!, quorum, shortName, governanceContact: details.optional('governance_contact'), row: r.row });
    }
  }

  const memberships = sheet('memberships');
  if (!memberships.lacksColumns) {
    for (const r of memberships.rows) {
      memberships.at(r);
      const committee = memberships.required('committee');
      const person = memberships.required('person');
      const role = memberships.vocab('role', memberships.required('role'), folded(ROLES), Object.values(MEMBERSHIP_ROLE_LABELS));
      const from = date(memberships, 'from_date', true);
      const to = date(memberships, 'to_date', false);
      if (from && to && to < from) memberships.error('to_date', memberships.text('to_date'), 'To date must be the same as or after the from date');
      if (memberships.bad) continue;
      out.memberships.push({ committee: committee!, person: person!, role: role!, from: from!, to, row: r.row });
    }
  }

  const meetings = sheet('meetings');
  refuseComputed(meetings, 'weekday', 'The weekday is computed from the date, never typed: delete the weekday column');
  refuseComputed(meetings, 'day', 'The weekday is computed from the date, never typed: delete the day column');
  if (!meetings.lacksColumns) {
    const dup = new Duplicates();
    for (const r of meetings.rows) {
      meetings.at(r);
      const committee = meetings.required('committee');
      const day = date(meetings, 'date', true);
      const timeText = meetings.required('start_time');
      const startTime = timeText === null ? null : parseStartTime(timeText);
      if (timeText !== null && !startTime) meetings.error('start_time', timeText, `Start time "${timeText}" is not a time of day: write it like 19:00 or 7pm`);
      const venue = meetings.required('venue')?.replace(/\s+/g, ' ') ?? null;
      if (venue && venue.length > MAX_VENUE) meetings.error('venue', venue, `Venue must be ${MAX_VENUE} characters or fewer`);
      const status = meetings.vocab('status', meetings.optional('status'), folded(STATUSES), Object.values(MEETING_STATUS_LABELS).map((l) => l.toLowerCase()));
      const statusReason = meetings.optional('status_reason');
      if (statusReason && statusReason.length > MAX_REASON) meetings.error('status_reason', statusReason, `Status reason must be ${MAX_REASON.toLocaleString('en-GB')} characters or fewer`);
      if ((status === 'cancelled' || status === 'postponed') && !statusReason) meetings.error('status_reason', '', `Status reason is missing: say why the meeting is ${status} (its page shows it)`);
      const uid = meetings.optional('uid');
      if (uid !== null && !UID.test(uid)) meetings.error('uid', uid, 'Uid is not one Townhall gives (letters, digits, . _ @ -): leave it blank for a new meeting');
      if (uid !== null && dup.check(meetings, ['uid', uid], 'uid', uid, `The meeting ${uid}`)) continue;
      if (meetings.bad) continue;
      out.meetings.push({
        committee: committee!,
        date: day!,
        startTime: startTime!,
        venue: venue!,
        status,
        statusReason: status === 'cancelled' || status === 'postponed' ? statusReason : null,
        uid,
        row: r.row,
      });
    }
  }
  validateAgendaItems(sheet('agenda_items'), out);
  validateWorkProgramme(sheet('work_programme'), sheet('standing_items'), out);
  return out;
}

const KINDS: Record<string, AgendaItemKind> = {
  ...Object.fromEntries(AGENDA_ITEM_KINDS.map((k) => [k.replace(/-/g, ''), k])),
  ...Object.fromEntries(AGENDA_ITEM_KINDS.map((k) => [AGENDA_ITEM_KIND_LABELS[k].toLowerCase().replace(/[\s\-_./’']+/g, ''), k])),
};
const PARTS: Record<string, AgendaPart> = { public: 'public', exempt: 'exempt' };
const YES_NO: Record<string, boolean> = { yes: true, y: true, true: true, no: false, n: false, false: false };
const ISSUE: Record<string, IssueType> = { key: 'key', nonkey: 'non-key', urgent: 'urgent' };
const RULE_KINDS: Record<string, StandingRuleKind> = {
  everymeeting: 'every-meeting',
  quarterlyperformance: 'quarterly-performance',
  quarterly: 'quarterly-performance',
};

function yesNo(s: Sheet, column: string): boolean {
  return s.vocab(column, s.optional(column), folded(YES_NO), ['yes', 'no']) ?? false;
}

/**
 * The agenda_items sheet: a meeting's order of business, row by row (agendaService.ts's rules: titles of
 * 500 characters or fewer, only reports exempt or to follow, a report is no "(If any)" item).
 */
function validateAgendaItems(items: Sheet, out: CommitteeBusinessData): void {
  if (items.lacksColumns) return;
  const dup = new Duplicates();
  for (const r of items.rows) {
    items.at(r);
    const committee = items.required('committee');
    const day = date(items, 'meeting_date', true);
    const positionText = items.required('position');
    let position: number | null = null;
    if (positionText !== null) {
      if (!/^\d{1,4}$/.test(positionText) || Number(positionText) < 1) items.error('position', positionText, `Position "${positionText}" is not a whole number of 1 or more`);
      else position = Number(positionText);
    }
    const kind = items.vocab('kind', items.required('kind'), folded(KINDS), AGENDA_ITEM_KINDS);
    const title = items.required('title')?.replace(/\s+/g, ' ') ?? null;
    if (title && title.length > MAX_ITEM_TITLE) items.error('title', title, `Title must be ${MAX_ITEM_TITLE} characters or fewer`);
    const ifAny = yesNo(items, 'if_any');
    const part = items.vocab('part', items.optional('part'), folded(PARTS), ['public', 'exempt']) ?? 'public';
    const toFollow = yesNo(items, 'to_follow');
    if (kind && kind !== 'report' && part === 'exempt') items.error('part', items.text('part'), 'Only reports can be exempt: the standard items are public business');
    if (kind && kind !== 'report' && toFollow) items.error('to_follow', items.text('to_follow'), 'Only a report’s paper can be to follow');
    if (kind === 'report' && ifAny) items.error('if_any', items.text('if_any'), 'A report has a paper: it is not an “(If any)” item');
    if (committee !== null && day !== null && position !== null && dup.check(items, [`${key(committee)}|${day}`, String(position)], 'position', positionText, `Position ${position} of the meeting of ${day}`)) continue;
    if (items.bad) continue;
    out.agendaItems.push({ committee: committee!, meetingDate: day!, position: position!, kind: kind!, title: title!, ifAny, part, toFollow, row: r.row });
  }
}

/** What a programme row and a standing item row share, checked as the work programme forms check them. */
function programmeFields(s: Sheet): Omit<ProgrammeFieldsDef, 'row'> | null {
  const committee = s.required('committee');
  const title = s.required('title')?.replace(/[ \t]+/g, ' ') ?? null;
  if (title && title.length > MAX_PROGRAMME_TITLE) s.error('title', title, `Title must be ${MAX_PROGRAMME_TITLE} characters or fewer`);
  const overview = s.required('overview');
  if (overview && overview.length > MAX_OVERVIEW) s.error('overview', overview, `Overview must be ${MAX_OVERVIEW.toLocaleString('en-GB')} characters or fewer`);
  const reportOf = s.required('report_of')?.replace(/[ \t]+/g, ' ') ?? null;
  if (reportOf && reportOf.length > MAX_PROGRAMME_TITLE) s.error('report_of', reportOf, `Report of must be ${MAX_PROGRAMME_TITLE} characters or fewer`);
  const contributors = s.optional('contributors')?.replace(/[ \t]+/g, ' ') ?? null;
  if (contributors && contributors.length > MAX_PROGRAMME_TITLE) s.error('contributors', contributors, `Contributors must be ${MAX_PROGRAMME_TITLE} characters or fewer`);
  const issueType = s.vocab('issue_type', s.optional('issue_type'), folded(ISSUE), [...ISSUE_TYPES, 'blank (not stated)']);
  if (s.bad) return null;
  return { committee: committee!, title: title!, overview: overview!, reportOf: reportOf!, contributors, issueType };
}

function readTargetMonth(text: string): string | null {
  const iso = /^(\d{4})-(\d{1,2})$/.exec(text);
  const words = /^([a-z]+)\s+(\d{4})$/i.exec(text);
  const read = iso ? readMonth(iso[2], iso[1]) : words ? readMonth(words[1], words[2]) : null;
  return read && 'month' in read ? read.month : null;
}

/** The work_programme and standing_items sheets (workProgrammeService.ts's rules). */
function validateWorkProgramme(entries: Sheet, rules: Sheet, out: CommitteeBusinessData): void {
  if (!entries.lacksColumns) {
    const dup = new Duplicates();
    for (const r of entries.rows) {
      entries.at(r);
      const fields = programmeFields(entries);
      const meetingDate = date(entries, 'meeting_date', false);
      const monthText = entries.optional('target_month');
      const month = monthText === null ? null : readTargetMonth(monthText);
      if (monthText !== null && month === null) entries.error('target_month', monthText, `Target month "${monthText}" is not a month: write it like 2019-06`);
      if (entries.text('meeting_date') && monthText !== null) entries.error('target_month', monthText, 'Give the meeting date or the target month, not both (both blank: to be scheduled)');
      if (!fields || entries.bad) continue;
      const target = meetingDate ?? (month ? `month ${month}` : 'to be scheduled');
      if (dup.check(entries, [key(fields.committee), `${key(fields.title)}|${target}`], 'title', fields.title, `The entry "${fields.title}" (${target})`)) continue;
      out.workProgramme.push({ ...fields, meetingDate, month, row: r.row });
    }
  }
  if (!rules.lacksColumns) {
    const dup = new Duplicates();
    for (const r of rules.rows) {
      rules.at(r);
      const kind = rules.vocab('kind', rules.required('kind'), folded(RULE_KINDS), STANDING_RULE_KINDS);
      const fields = programmeFields(rules);
      const lagText = rules.optional('lag_days');
      let lagDays = DEFAULT_LAG_DAYS;
      if (lagText !== null) {
        if (!/^\d{1,3}$/.test(lagText) || Number(lagText) > 366) rules.error('lag_days', lagText, `Lag days "${lagText}" is not a whole number from 0 to 366`);
        else lagDays = Number(lagText);
      }
      const from = date(rules, 'from_date', true);
      const to = date(rules, 'to_date', false);
      if (from && to && to < from) rules.error('to_date', rules.text('to_date'), 'To date must be the same as or after the from date');
      if (!fields || rules.bad) continue;
      if (dup.check(rules, [key(fields.committee), `${kind}|${key(fields.title)}|${from}`], 'title', fields.title, `The standing item "${fields.title}" from ${from}`)) continue;
      out.standingItems.push({ ...fields, kind: kind!, lagDays, from: from!, to, row: r.row });
    }
  }
}
