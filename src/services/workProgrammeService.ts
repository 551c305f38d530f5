/**
 * Forward work programmes (issue 11, deliver 7; ADR 0022): per committee, the entries officers add —
 * title, overview of the decision, report of, issue type — aimed at a meeting, a later month, or "to be
 * scheduled", and the rules whose standing items each meeting receives (computed by
 * src/domain/workProgramme.ts, never typed). Governance officers and administrators manage them; everyone
 * may read a programme (it is published as a page and a document). Every write is validated with every
 * error at once and made in one transaction with its audit events, or not at all. An agenda is started
 * from `meetingItems` (the rows a meeting's programme gives it).
 */
import { readDateParts, type DateParts } from '../domain/dateParts.ts';
import { isUpcoming, MEETING_STATUS_LABELS } from '../domain/meetings.ts';
import { committeeNameOn } from '../domain/organisation.ts';
import type { Person } from '../domain/people.ts';
import {
  buildProgramme,
  DEFAULT_LAG_DAYS,
  isIssueType,
  isStandingRuleKind,
  isYearMonthKey,
  meetingItems,
  standingItems,
  type EntryTarget,
  type IssueType,
  type Programme,
  type ProgrammeItem,
  type ProgrammeMeeting,
  type StandingRule,
  type WorkProgrammeEntry,
} from '../domain/workProgramme.ts';
import { formatDate, formatLongDate, isIsoDate, type IsoDate } from '../domain/workingDays.ts';
import { inTransaction } from '../db/transaction.ts';
import type { Db } from '../db/connection.ts';
import { recordAudit } from '../repositories/auditRepository.ts';
import type { CommitteeBusinessRepository, MeetingRecord } from '../repositories/committeeBusinessRepository.ts';
import type { CommitteeRecord } from '../repositories/organisationRepository.ts';
import type { EntryFields, RuleFields, WorkProgrammeRepository } from '../repositories/workProgrammeRepository.ts';
import { CommitteeBusinessError, MAX_REASON, requireManager, type Actor, type CommitteeBusinessService, type FieldErrors } from './committeeBusinessService.ts';
import type { OrganisationService } from './organisationService.ts';

export const MAX_TITLE = 300;
export const MAX_OVERVIEW = 4000;

/** What the entry form sends. `issueType` 'not-stated' records an older programme that had no such column. */
export interface EntryInput {
  title: string;
  overview: string;
  reportOf: string;
  contributors: string;
  issueType: string;
  /** 'meeting' (with `meeting`, an id), 'later' (with `laterMonth`/`laterYear`), or 'unscheduled'. */
  target: string;
  meeting: string;
  laterMonth: string;
  laterYear: string;
  reason: string;
}

export interface RuleInput {
  kind: string;
  title: string;
  overview: string;
  reportOf: string;
  contributors: string;
  issueType: string;
  /** Quarterly performance: days after a quarter's end before a meeting can receive it (blank: six weeks). */
  lagDays: string;
  from: DateParts;
  /** Blank: until further notice. */
  to: DateParts;
  reason: string;
}

export const ENTRY_FIELDS = ['title', 'overview', 'reportOf', 'contributors', 'issueType', 'target', 'meeting', 'later', 'reason'] as const;
export const RULE_FIELDS = ['kind', 'title', 'overview', 'reportOf', 'contributors', 'issueType', 'lagDays', 'from', 'to', 'reason'] as const;

/** A meeting as a programme section shows it. */
export interface ProgrammeMeetingView {
  id: number;
  date: IsoDate;
  longDate: string;
  status: MeetingRecord['status'];
  statusLabel: string;
}

export interface WorkProgrammeView {
  /** The council's name, printed in the document's header. */
  council: string | null;
  committee: CommitteeRecord;
  /** The committee's name on the programme's first day. */
  committeeName: string;
  /** "Community Leadership and Libraries Committee Forward Work Programme". */
  title: string;
  programme: Programme;
  /** The meetings of its sections, by id. */
  meetings: Record<number, ProgrammeMeetingView>;
  governanceContact: Person | null;
  /** Whether the programme is today's (not one as it stood from another date). */
  current: boolean;
}

/** An entry with what its edit form needs. */
export interface EntryView extends WorkProgrammeEntry {
  committee: CommitteeRecord;
  /** Whether it may still be changed: not once the meeting it was aimed at has been held. */
  editable: boolean;
  meeting: MeetingRecord | null;
}

export interface MeetingProgrammeItems {
  meeting: MeetingRecord;
  committee: CommitteeRecord;
  /** The meeting's rows: the entries aimed at it, then its standing items. */
  items: ProgrammeItem[];
}

const optional = (text: string | undefined) => (text ?? '').trim().replace(/[ \t]+/g, ' ') || null;

function checkText(errors: FieldErrors, field: string, value: string | null, label: string, max: number, required: string | null): string | null {
  if (!value) {
    if (required) errors[field] = required;
    return null;
  }
  if (value.length > max) errors[field] = `${label} must be ${max.toLocaleString('en-GB')} characters or fewer`;
  return value;
}

function readIssueType(errors: FieldErrors, text: string | undefined): IssueType | null {
  if (isIssueType(text)) return text;
  if (text === 'not-stated') return null;
  errors.issueType = 'Select the issue type: key, non-key or urgent';
  return null;
}

function readReason(errors: FieldErrors, text: string | undefined): string | null {
  return checkText(errors, 'reason', optional(text), 'Reason', MAX_REASON, null);
}

function ordered(errors: FieldErrors, order: readonly string[]): FieldErrors {
  const at = (k: string) => (order.includes(k) ? order.indexOf(k) : order.length);
  return Object.fromEntries(Object.entries(errors).sort(([a], [b]) => at(a) - at(b)));
}

const entryAudit = (e: Omit<EntryFields, 'committeeId'>, meetingDate: IsoDate | null) => ({
  title: e.title,
  overview: e.overview,
  reportOf: e.reportOf,
  contributors: e.contributors,
  issueType: e.issueType,
  target: e.target.kind === 'meeting' ? { meeting: e.target.meetingId, date: meetingDate } : e.target.kind === 'month' ? { month: e.target.month } : 'to be scheduled',
});

const ruleAudit = (r: Omit<RuleFields, 'committeeId'>) => ({ kind: r.kind, title: r.title, overview: r.overview, reportOf: r.reportOf, contributors: r.contributors, issueType: r.issueType, lagDays: r.lagDays, from: r.from, to: r.to });

const programmeMeeting = (m: MeetingRecord): ProgrammeMeeting => ({ id: m.id, date: m.date, cancelled: m.status === 'cancelled' });

export class WorkProgrammeService {
  constructor(
    private readonly db: Db,
    private readonly repo: WorkProgrammeRepository,
    private readonly meetings: CommitteeBusinessRepository,
    private readonly organisation: OrganisationService,
    private readonly business: CommitteeBusinessService,
  ) {}

  today(): IsoDate {
    return this.business.today();
  }

  /**
   * A committee's programme from a date (today when not given): its meetings from then on with their
   * rows, the later months, and what is to be scheduled. Null when there is no such committee.
   */
  async programme(slug: string, from?: IsoDate): Promise<WorkProgrammeView | null> {
    const committee = await this.organisation.committeeBySlug(slug);
    if (!committee) return null;
    const day = from && isIsoDate(from) ? from : this.today();
    const [meetings, entries, rules, view, council] = await Promise.all([
      this.meetings.meetings({ committeeIds: [committee.id] }),
      this.repo.entries(committee.id),
      this.repo.rules(committee.id),
      this.business.committeeMembership(slug, day),
      this.organisation.councilName(),
    ]);
    const programme = buildProgramme({ from: day, meetings: meetings.map(programmeMeeting), entries, rules });
    const committeeName = committeeNameOn(committee, new Date(`${day}T00:00:00Z`));
    const shown = new Set(programme.sections.map((s) => s.meetingId));
    return {
      council,
      committee,
      committeeName,
      title: `${committeeName} Forward Work Programme`,
      programme,
      meetings: Object.fromEntries(
        meetings.filter((m) => shown.has(m.id)).map((m) => [m.id, { id: m.id, date: m.date, longDate: formatLongDate(m.date), status: m.status, statusLabel: MEETING_STATUS_LABELS[m.status] }]),
      ),
      governanceContact: view?.governanceContact ?? null,
      current: day === this.today(),
    };
  }

  /**
   * The rows a meeting's programme gives it — the entries aimed at it, then its standing items — from
   * which its agenda is started. Null when there is no such meeting.
   */
  async meetingItems(meetingId: number): Promise<MeetingProgrammeItems | null> {
    const meeting = await this.meetings.meetingById(meetingId);
    if (!meeting) return null;
    const [committee, all, entries, rules] = await Promise.all([
      this.organisation.committeeById(meeting.committeeId),
      this.meetings.meetings({ committeeIds: [meeting.committeeId] }),
      this.repo.entriesOfMeeting(meetingId),
      this.repo.rules(meeting.committeeId),
    ]);
    return { meeting, committee: committee!, items: meetingItems(meetingId, entries, standingItems(rules, all.map(programmeMeeting))) };
  }

  /** The meetings an entry of the committee may be aimed at: those still to happen, by date. */
  async targetMeetings(committeeId: number): Promise<MeetingRecord[]> {
    return (await this.meetings.meetings({ committeeIds: [committeeId] })).filter((m) => isUpcoming(m.status));
  }

  async entry(id: number): Promise<EntryView | null> {
    const e = await this.repo.entryById(id);
    if (!e) return null;
    const committee = (await this.organisation.committeeById(e.committeeId))!;
    const meeting = e.target.kind === 'meeting' ? await this.meetings.meetingById(e.target.meetingId) : null;
    return { ...e, committee, meeting, editable: !meeting || isUpcoming(meeting.status) || meeting.status === 'cancelled' };
  }

  rules(committeeId: number): Promise<StandingRule[]> {
    return this.repo.rules(committeeId);
  }

  rule(id: number): Promise<StandingRule | null> {
    return this.repo.ruleById(id);
  }

  /** Reads an entry form; the meeting is checked against the committee's meetings in the transaction. */
  private readEntry(committee: CommitteeRecord, input: Partial<EntryInput>): { fields: EntryFields; reason: string | null; errors: FieldErrors } {
    const errors: FieldErrors = {};
    const title = checkText(errors, 'title', optional(input.title), 'Title', MAX_TITLE, 'Enter the title of the report');
    const overview = checkText(errors, 'overview', (input.overview ?? '').trim() || null, 'Overview of the decision', MAX_OVERVIEW, 'Enter the overview of the decision');
    const reportOf = checkText(errors, 'reportOf', optional(input.reportOf), 'Report of', MAX_TITLE, 'Enter who the report is of (the officer’s post)');
    const contributors = checkText(errors, 'contributors', optional(input.contributors), 'Contributing officers', MAX_TITLE, null);
    const issueType = readIssueType(errors, input.issueType);
    let target: EntryTarget = { kind: 'unscheduled' };
    if (input.target === 'meeting') {
      const id = /^\d{1,9}$/.test(input.meeting ?? '') ? Number(input.meeting) : null;
      if (id === null) errors.meeting = 'Select the meeting';
      else target = { kind: 'meeting', meetingId: id };
    } else if (input.target === 'later') {
      const month = readMonth(input.laterMonth, input.laterYear);
      if ('error' in month) errors.later = month.error;
      else target = { kind: 'month', month: month.month };
    } else if (input.target !== 'unscheduled') errors.target = 'Select when the committee takes the report';
    const reason = readReason(errors, input.reason);
    return { fields: { committeeId: committee.id, title: title ?? '', overview: overview ?? '', reportOf: reportOf ?? '', contributors, issueType, target }, reason, errors };
  }

  /** The meeting an entry is aimed at, checked in the transaction: the committee's, and still to happen. */
  private async checkTarget(trx: Db, fields: EntryFields): Promise<{ date: IsoDate | null; error: string | null }> {
    if (fields.target.kind !== 'meeting') return { date: null, error: null };
    const meeting = await this.meetings.meetingById(fields.target.meetingId, trx);
    if (!meeting || meeting.committeeId !== fields.committeeId) return { date: null, error: 'Select a meeting of this committee' };
    if (!isUpcoming(meeting.status)) return { date: meeting.date, error: `The meeting of ${formatDate(meeting.date)} is ${MEETING_STATUS_LABELS[meeting.status].toLowerCase()}: aim the report at a meeting still to happen` };
    return { date: meeting.date, error: null };
  }

  /** Adds an entry to a committee's programme (audited). Throws CommitteeBusinessError with every problem at once. */
  async addEntry(slug: string, input: Partial<EntryInput>, actor: Actor): Promise<WorkProgrammeEntry> {
    const [made] = await this.addEntries(slug, [input], actor, (_, field) => field);
    return made!;
  }

  /**
   * Adds several entries to a committee's programme: all of them, in one transaction, or none. Errors
   * are keyed `<n>.<field>` by default (n from 1), every entry's at once.
   */
  async addEntries(slug: string, inputs: readonly Partial<EntryInput>[], actor: Actor, key: (n: number, field: string) => string = (n, field) => `${n}.${field}`): Promise<WorkProgrammeEntry[]> {
    requireManager(actor, 'change work programmes');
    const committee = await this.organisation.committeeBySlug(slug);
    if (!committee) throw new CommitteeBusinessError({ [key(1, 'committee')]: 'There is no such committee' });
    const read = inputs.map((input) => this.readEntry(committee, input));
    const located = (all: FieldErrors[]) => Object.fromEntries(all.flatMap((errors, i) => Object.entries(ordered(errors, ENTRY_FIELDS)).map(([f, m]) => [key(i + 1, f), m])));
    if (read.some((r) => Object.keys(r.errors).length)) throw new CommitteeBusinessError(located(read.map((r) => r.errors)));
    return inTransaction(this.db, async (trx) => {
      const targets: { date: IsoDate | null; error: string | null }[] = [];
      for (const r of read) targets.push(await this.checkTarget(trx, r.fields));
      if (targets.some((t) => t.error)) throw new CommitteeBusinessError(located(targets.map((t): FieldErrors => (t.error ? { meeting: t.error } : {}))));
      const ids = await this.repo.insertEntries(
        trx,
        read.map((r) => r.fields),
      );
      await recordAudit(
        trx,
        read.map((r, i) => ({ actor: actor.email, action: 'work-programme:add', entity: 'work_programme_entry', entityKey: String(ids[i]), before: null, after: { committee: committee.slug, ...entryAudit(r.fields, targets[i]!.date) }, reason: r.reason })),
      );
      const made = await this.repo.entries(committee.id, trx);
      return ids.map((id) => made.find((e) => e.id === id)!);
    });
  }

  /** Changes an entry — its words, its issue type, where it is aimed (audited) — unless its meeting has been held. */
  async changeEntry(id: number, input: Partial<EntryInput>, actor: Actor): Promise<WorkProgrammeEntry> {
    requireManager(actor, 'change work programmes');
    const current = await this.repo.entryById(id);
    if (!current) throw new CommitteeBusinessError({ title: 'There is no such entry' });
    const committee = (await this.organisation.committeeById(current.committeeId))!;
    const { fields, reason, errors } = this.readEntry(committee, input);
    if (Object.keys(errors).length) throw new CommitteeBusinessError(ordered(errors, ENTRY_FIELDS));
    return inTransaction(this.db, async (trx) => {
      const before = (await this.repo.lockEntry(trx, id))!;
      const beforeDate = await this.refuseHeld(trx, before, 'changed');
      const target = await this.checkTarget(trx, fields);
      if (target.error) throw new CommitteeBusinessError({ meeting: target.error });
      await this.repo.updateEntry(trx, id, fields);
      await recordAudit(trx, [
        { actor: actor.email, action: 'work-programme:change', entity: 'work_programme_entry', entityKey: String(id), before: { committee: committee.slug, ...entryAudit(before, beforeDate) }, after: { committee: committee.slug, ...entryAudit(fields, target.date) }, reason },
      ]);
      return (await this.repo.entryById(id, trx))!;
    });
  }

  /** Takes an entry off the programme (audited, with the reason), unless its meeting has been held. */
  async removeEntry(id: number, input: { reason?: string }, actor: Actor): Promise<void> {
    requireManager(actor, 'change work programmes');
    const errors: FieldErrors = {};
    const reason = readReason(errors, input.reason);
    if (!reason && !errors.reason) errors.reason = 'Enter the reason the report is taken off the programme';
    if (Object.keys(errors).length) throw new CommitteeBusinessError(errors);
    const current = await this.repo.entryById(id);
    if (!current) throw new CommitteeBusinessError({ reason: 'There is no such entry' });
    // Read before the transaction: the embedded database has one connection, which the transaction holds.
    const committee = (await this.organisation.committeeById(current.committeeId))!;
    await inTransaction(this.db, async (trx) => {
      const before = await this.repo.lockEntry(trx, id);
      if (!before) throw new CommitteeBusinessError({ reason: 'There is no such entry' });
      const date = await this.refuseHeld(trx, before, 'taken off');
      await this.repo.deleteEntry(trx, id);
      await recordAudit(trx, [{ actor: actor.email, action: 'work-programme:remove', entity: 'work_programme_entry', entityKey: String(id), before: { committee: committee.slug, ...entryAudit(before, date) }, after: null, reason }]);
    });
  }

  /** An entry of a meeting that has been held is the record of what the meeting took: it stays. */
  private async refuseHeld(trx: Db, entry: WorkProgrammeEntry, what: string): Promise<IsoDate | null> {
    if (entry.target.kind !== 'meeting') return null;
    const meeting = await this.meetings.meetingById(entry.target.meetingId, trx);
    if (meeting && !isUpcoming(meeting.status) && meeting.status !== 'cancelled') {
      throw new CommitteeBusinessError({ title: `The meeting of ${formatDate(meeting.date)} has been held: its entries are the record of what it took and cannot be ${what}` });
    }
    return meeting?.date ?? null;
  }

  /** Makes a standing item rule for a committee (audited). */
  async addRule(slug: string, input: Partial<RuleInput>, actor: Actor): Promise<StandingRule> {
    requireManager(actor, 'change work programmes');
    const committee = await this.organisation.committeeBySlug(slug);
    if (!committee) throw new CommitteeBusinessError({ kind: 'There is no such committee' });
    const errors: FieldErrors = {};
    const kind = isStandingRuleKind(input.kind) ? input.kind : null;
    if (!kind) errors.kind = 'Select when the standing item is taken';
    const title = checkText(errors, 'title', optional(input.title), 'Title', MAX_TITLE, 'Enter the title of the standing item');
    const overview = checkText(errors, 'overview', (input.overview ?? '').trim() || null, 'Overview of the decision', MAX_OVERVIEW, 'Enter the overview of the decision');
    const reportOf = checkText(errors, 'reportOf', optional(input.reportOf), 'Report of', MAX_TITLE, 'Enter who the report is of (the officer’s post)');
    const contributors = checkText(errors, 'contributors', optional(input.contributors), 'Contributing officers', MAX_TITLE, null);
    const issueType = readIssueType(errors, input.issueType);
    const lagText = (input.lagDays ?? '').trim();
    let lagDays = DEFAULT_LAG_DAYS;
    if (lagText) {
      if (!/^\d{1,3}$/.test(lagText) || Number(lagText) > 366) errors.lagDays = 'Enter the number of days as a whole number from 0 to 366';
      else lagDays = Number(lagText);
    }
    const from = readDateParts(input.from ?? { day: '', month: '', year: '' }, 'the date the rule starts');
    if ('error' in from) errors.from = from.error;
    const toParts = input.to ?? { day: '', month: '', year: '' };
    const blankTo = !toParts.day.trim() && !toParts.month.trim() && !toParts.year.trim();
    const to = blankTo ? null : readDateParts(toParts, 'the date the rule ends');
    if (to && 'error' in to) errors.to = to.error;
    if ('date' in from && to && 'date' in to && to.date < from.date) errors.to = 'The date the rule ends must be on or after the date it starts';
    const reason = readReason(errors, input.reason);
    if (Object.keys(errors).length) throw new CommitteeBusinessError(ordered(errors, RULE_FIELDS));
    const fields: RuleFields = {
      committeeId: committee.id,
      kind: kind!,
      title: title!,
      overview: overview!,
      reportOf: reportOf!,
      contributors,
      issueType,
      lagDays,
      from: (from as { date: IsoDate }).date,
      to: to && 'date' in to ? to.date : null,
    };
    return inTransaction(this.db, async (trx) => {
      const id = await this.repo.insertRule(trx, fields);
      await recordAudit(trx, [{ actor: actor.email, action: 'standing-item:add', entity: 'standing_item_rule', entityKey: String(id), before: null, after: { committee: committee.slug, ...ruleAudit(fields) }, reason }]);
      return (await this.repo.ruleById(id, trx))!;
    });
  }

  /** Ends a standing item rule on a date (audited): meetings after it no longer receive the item. */
  async endRule(id: number, input: { to: DateParts; reason?: string }, actor: Actor): Promise<StandingRule> {
    requireManager(actor, 'change work programmes');
    const errors: FieldErrors = {};
    const to = readDateParts(input.to, 'the date the rule ends');
    if ('error' in to) errors.to = to.error;
    const reason = readReason(errors, input.reason);
    if (Object.keys(errors).length) throw new CommitteeBusinessError(ordered(errors, ['to', 'reason']));
    const current = await this.repo.ruleById(id);
    if (!current) throw new CommitteeBusinessError({ to: 'There is no such rule' });
    const committee = (await this.organisation.committeeById(current.committeeId))!;
    return inTransaction(this.db, async (trx) => {
      const before = (await this.repo.lockRule(trx, id))!;
      const end = (to as { date: IsoDate }).date;
      if (end < before.from) throw new CommitteeBusinessError({ to: `The date the rule ends must be on or after the date it starts, ${formatDate(before.from)}` });
      await this.repo.setRuleEnd(trx, id, end);
      await recordAudit(trx, [{ actor: actor.email, action: 'standing-item:end', entity: 'standing_item_rule', entityKey: String(id), before: { committee: committee.slug, to: before.to }, after: { committee: committee.slug, to: end }, reason }]);
      return (await this.repo.ruleById(id, trx))!;
    });
  }
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** A month typed as a number or a name, and a year → 'YYYY-MM'; or the message for what is wrong. */
export function readMonth(monthText: string | undefined, yearText: string | undefined): { month: string } | { error: string } {
  const m = (monthText ?? '').trim().toLowerCase();
  const y = (yearText ?? '').trim();
  if (!m && !y) return { error: 'Enter the month and year the committee takes the report' };
  if (!m || !y) return { error: `The later date must include a ${!m ? 'month' : 'year'}` };
  const month = /^\d{1,2}$/.test(m) ? Number(m) : MONTHS.indexOf(m.slice(0, 3)) + 1;
  if (month < 1 || month > 12 || !/^\d{4}$/.test(y) || Number(y) < 1900 || Number(y) > 2200) return { error: 'The later date must be a real month and year' };
  const key = `${y}-${String(month).padStart(2, '0')}`;
  return isYearMonthKey(key) ? { month: key } : { error: 'The later date must be a real month and year' };
}
