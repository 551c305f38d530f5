/**
 * Meetings of committees (issue 11, deliver 2; ADR 0018): arranged one at a time or as a cycle from a
 * pattern (previewed, then made all at once or not at all), changed, and moved through their statuses.
 * Each shows its weekday and its deadlines computed from its date, never typed
 * (src/domain/meetingDeadlines.ts), and the committee's membership in force on its date. Governance
 * officers and administrators manage meetings; everyone may read them. Every change is audited and
 * raises the meeting's iCal sequence.
 */
import { randomUUID } from 'node:crypto';
import { readDateParts, type DateParts } from '../domain/dateParts.ts';
import { meetingDeadlines, type Deadline } from '../domain/meetingDeadlines.ts';
import {
  arrangementsEditable,
  canMove,
  cycleDates,
  isMeetingStatus,
  MAX_CYCLE_DATES,
  MEETING_STATUS_LABELS,
  MEETING_TRANSITIONS,
  parseStartTime,
  PER_YEAR,
  stepNeedsReason,
  type CycleDate,
  type CyclePattern,
  type MeetingStatus,
  type WeekOfMonth,
} from '../domain/meetings.ts';
import { inForceOn } from '../domain/membership.ts';
import { committeeNameOn } from '../domain/organisation.ts';
import type { Person } from '../domain/people.ts';
import { CalendarNotCoveredError, formatLongDate, isIsoDate, WEEKDAYS, type IsoDate, type Weekday } from '../domain/workingDays.ts';
import { inTransaction } from '../db/transaction.ts';
import type { Db } from '../db/connection.ts';
import { recordAudit } from '../repositories/auditRepository.ts';
import type { CommitteeBusinessRepository, MeetingRecord } from '../repositories/committeeBusinessRepository.ts';
import type { CommitteeRecord } from '../repositories/organisationRepository.ts';
import { CommitteeBusinessError, MAX_REASON, requireManager, type Actor, type CommitteeBusinessService, type CommitteeMembership, type FieldErrors } from './committeeBusinessService.ts';
import type { OrganisationService } from './organisationService.ts';

export interface MeetingSummary extends MeetingRecord {
  committee: CommitteeRecord;
  /** The committee's name on the meeting's date (as its papers print it). */
  committeeName: string;
}

export interface MeetingView extends MeetingSummary {
  /** The deadlines its date sets, earliest first; null when the bank holidays of a year needed are not known. */
  deadlines: Deadline[] | null;
  deadlineProblem: string | null;
  /** The committee on the meeting's date: cover facts and membership in force. */
  committeeOnDate: CommitteeMembership;
  /** Statuses it may move to now. */
  steps: MeetingStatus[];
  editable: boolean;
}

export interface MeetingInput {
  /** The committee's slug. */
  committee: string;
  date: DateParts;
  startTime: string;
  venue: string;
  reason?: string;
}

export interface CycleInput {
  committee: string;
  from: DateParts;
  to: DateParts;
  weekday: string;
  week: string;
  /** 'listed': the months ticked; 'per-year': `perYear` months evenly spread from the first. */
  pattern: string;
  months: string[];
  perYear: string;
  startTime: string;
  venue: string;
  reason?: string;
}

export interface CyclePreview {
  committee: CommitteeRecord;
  committeeName: string;
  pattern: CyclePattern;
  startTime: string;
  venue: string;
  reason: string | null;
  /** Each date, with why it may not suit and whether the committee already meets that day. */
  dates: (CycleDate & { existing: boolean })[];
}

const MAX_VENUE = 500;

function checkReason(errors: FieldErrors, reason: string | undefined): string | null {
  const r = (reason ?? '').trim() || null;
  if (r && r.length > MAX_REASON) errors.reason = `Reason must be ${MAX_REASON.toLocaleString('en-GB')} characters or fewer`;
  return r;
}

const auditOf = (m: Pick<MeetingRecord, 'date' | 'startTime' | 'venue' | 'status'> & { committeeSlug: string }) => ({ committee: m.committeeSlug, date: m.date, startTime: m.startTime, venue: m.venue, status: m.status });

const nameOn = (committee: CommitteeRecord, date: IsoDate) => committeeNameOn(committee, new Date(`${date}T00:00:00Z`));

export class MeetingService {
  constructor(
    private readonly db: Db,
    private readonly repo: CommitteeBusinessRepository,
    private readonly organisation: OrganisationService,
    private readonly business: CommitteeBusinessService,
  ) {}

  today(): IsoDate {
    return this.business.today();
  }

  private async summaries(records: MeetingRecord[]): Promise<MeetingSummary[]> {
    const committees = new Map((await this.organisation.committees()).map((c) => [c.id, c]));
    return records.map((m) => {
      const committee = committees.get(m.committeeId)!;
      return { ...m, committee, committeeName: nameOn(committee, m.date) };
    });
  }

  /** Meetings from `from` to `to` (both included), by date and time. */
  async meetings(range: { from?: IsoDate; to?: IsoDate; committeeIds?: number[] } = {}): Promise<MeetingSummary[]> {
    return this.summaries(await this.repo.meetings(range));
  }

  /** The meetings of a month ('2018-11'), for the calendar. */
  async month(month: string): Promise<MeetingSummary[]> {
    return this.meetings({ from: `${month}-01`, to: `${month}-31` });
  }

  /** The months with meetings, oldest first ('2018-11'), for the calendar's links. */
  async months(): Promise<string[]> {
    return [...new Set((await this.repo.meetings()).map((m) => m.date.slice(0, 7)))];
  }

  /** A committee's meetings: those still to come (today included) and those past, nearest first. */
  async ofCommittee(committeeId: number): Promise<{ upcoming: MeetingSummary[]; past: MeetingSummary[] }> {
    return this.split(await this.meetings({ committeeIds: [committeeId] }));
  }

  /** The meetings of committees a person was a member or substitute of on each meeting's date. */
  async ofPerson(person: Person): Promise<{ upcoming: MeetingSummary[]; past: MeetingSummary[] }> {
    const memberships = await this.repo.membershipsOfPerson(person.id);
    const meetings = await this.meetings({ committeeIds: [...new Set(memberships.map((m) => m.committeeId))] });
    return this.split(meetings.filter((meeting) => memberships.some((m) => m.committeeId === meeting.committeeId && inForceOn(m, meeting.date))));
  }

  private split(meetings: MeetingSummary[]): { upcoming: MeetingSummary[]; past: MeetingSummary[] } {
    const today = this.today();
    return { upcoming: meetings.filter((m) => m.date >= today), past: meetings.filter((m) => m.date < today).reverse() };
  }

  /** A meeting with its computed deadlines and the committee's membership on its date; null when there is none. */
  async meeting(id: number): Promise<MeetingView | null> {
    const record = await this.repo.meetingById(id);
    if (!record) return null;
    const [summary] = await this.summaries([record]);
    const committeeOnDate = (await this.business.committeeMembership(summary!.committee.slug, record.date))!;
    let deadlines: Deadline[] | null = null;
    let deadlineProblem: string | null = null;
    try {
      deadlines = meetingDeadlines(record.date);
    } catch (error) {
      if (!(error instanceof CalendarNotCoveredError)) throw error;
      deadlineProblem = error.message;
    }
    return { ...summary!, deadlines, deadlineProblem, committeeOnDate, steps: [...MEETING_TRANSITIONS[record.status]], editable: arrangementsEditable(record.status) };
  }

  /** Venues used before, most used first. */
  venues(): Promise<string[]> {
    return this.repo.venues();
  }

  private async readArrangements(input: Pick<MeetingInput, 'committee' | 'startTime' | 'venue'>, errors: FieldErrors): Promise<{ committee: CommitteeRecord | null; startTime: string | null; venue: string }> {
    const committee = input.committee ? await this.organisation.committeeBySlug(input.committee) : null;
    if (!committee) errors.committee = 'Select the committee';
    return { committee, ...this.readTimeAndVenue(input, errors) };
  }

  private readTimeAndVenue(input: Pick<MeetingInput, 'startTime' | 'venue'>, errors: FieldErrors): { startTime: string | null; venue: string } {
    const startTime = parseStartTime(input.startTime ?? '');
    if (!startTime) errors.startTime = (input.startTime ?? '').trim() ? 'Enter the start time as a time of day, like 7pm or 19:00' : 'Enter the start time';
    const venue = (input.venue ?? '').trim().replace(/\s+/g, ' ');
    if (!venue) errors.venue = 'Enter the venue';
    else if (venue.length > MAX_VENUE) errors.venue = `Venue must be ${MAX_VENUE} characters or fewer`;
    return { startTime, venue };
  }

  private async refuseSameDay(trx: Db, committeeId: number, dates: IsoDate[], exceptId: number | null, field: string): Promise<void> {
    const taken = (await this.repo.meetings({ committeeIds: [committeeId], from: dates[0], to: dates[dates.length - 1] }, trx)).filter(
      (m) => m.id !== exceptId && m.status !== 'cancelled' && dates.includes(m.date),
    );
    if (taken.length) {
      throw new CommitteeBusinessError({ [field]: `The committee already meets on ${taken.map((m) => formatLongDate(m.date)).join(', ')}: change that meeting instead` });
    }
  }

  /** Arranges a meeting (status scheduled; audited). */
  async addMeeting(input: MeetingInput, actor: Actor): Promise<MeetingRecord> {
    requireManager(actor, 'arrange meetings');
    const errors: FieldErrors = {};
    const { committee, startTime, venue } = await this.readArrangements(input, errors);
    const date = readDateParts(input.date, 'the date of the meeting');
    if ('error' in date) errors.date = date.error;
    const reason = checkReason(errors, input.reason);
    // Field order of the form: committee, date, start time, venue, reason.
    if (Object.keys(errors).length) throw new CommitteeBusinessError(ordered(errors, ['committee', 'date', 'startTime', 'venue', 'reason']));
    const day = (date as { date: IsoDate }).date;
    return inTransaction(this.db, async (trx) => {
      await this.refuseSameDay(trx, committee!.id, [day], null, 'date');
      const [id] = await this.repo.insertMeetings(trx, [{ uid: newUid(), committeeId: committee!.id, date: day, startTime: startTime!, venue }]);
      await recordAudit(trx, [{ actor: actor.email, action: 'meeting:add', entity: 'meeting', entityKey: String(id), before: null, after: auditOf({ committeeSlug: committee!.slug, date: day, startTime: startTime!, venue, status: 'scheduled' }), reason }]);
      return (await this.repo.meetingById(id!, trx))!;
    });
  }

  /** Changes a meeting's date, time or venue while it is still to be held (audited; sequence raised). */
  async changeMeeting(id: number, input: Omit<MeetingInput, 'committee'>, actor: Actor): Promise<MeetingRecord> {
    requireManager(actor, 'change meetings');
    const errors: FieldErrors = {};
    const { startTime, venue } = this.readTimeAndVenue(input, errors);
    const date = readDateParts(input.date, 'the date of the meeting');
    if ('error' in date) errors.date = date.error;
    const reason = checkReason(errors, input.reason);
    if (!reason && !errors.reason) errors.reason = 'Enter the reason for the change: the meeting’s page and calendars show the new arrangements';
    if (Object.keys(errors).length) throw new CommitteeBusinessError(ordered(errors, ['date', 'startTime', 'venue', 'reason']));
    const day = (date as { date: IsoDate }).date;
    const current = await this.repo.meetingById(id);
    if (!current) throw new CommitteeBusinessError({ date: 'There is no such meeting' });
    // Read before the transaction: the embedded database has one connection, which the transaction holds.
    const committee = (await this.organisation.committeeById(current.committeeId))!;
    return inTransaction(this.db, async (trx) => {
      const before = (await this.repo.lockMeeting(trx, id))!;
      if (!arrangementsEditable(before.status)) throw new CommitteeBusinessError({ date: `The meeting is ${MEETING_STATUS_LABELS[before.status].toLowerCase()}: its arrangements can no longer be changed` });
      await this.refuseSameDay(trx, before.committeeId, [day], id, 'date');
      await this.repo.updateMeeting(trx, id, { date: day, startTime: startTime!, venue });
      await recordAudit(trx, [
        { actor: actor.email, action: 'meeting:change', entity: 'meeting', entityKey: String(id), before: auditOf({ ...before, committeeSlug: committee.slug }), after: auditOf({ committeeSlug: committee.slug, date: day, startTime: startTime!, venue, status: before.status }), reason },
      ]);
      return (await this.repo.meetingById(id, trx))!;
    });
  }

  /** Moves a meeting to another status, if that step is allowed from its status now (audited; sequence raised). */
  async moveMeeting(id: number, input: { to: string; reason?: string }, actor: Actor): Promise<MeetingRecord> {
    requireManager(actor, 'change meetings');
    const errors: FieldErrors = {};
    const to = isMeetingStatus(input.to) ? input.to : null;
    if (!to) errors.to = 'Select what has happened to the meeting';
    const reason = checkReason(errors, input.reason);
    if (to && stepNeedsReason(to) && !reason && !errors.reason) errors.reason = `Enter the reason the meeting is ${to === 'cancelled' ? 'cancelled' : 'postponed'}: its page shows it`;
    if (Object.keys(errors).length) throw new CommitteeBusinessError(ordered(errors, ['to', 'reason']));
    return inTransaction(this.db, async (trx) => {
      const before = await this.repo.lockMeeting(trx, id);
      if (!before) throw new CommitteeBusinessError({ to: 'There is no such meeting' });
      if (!canMove(before.status, to!)) {
        throw new CommitteeBusinessError({ to: `A meeting that is ${MEETING_STATUS_LABELS[before.status].toLowerCase()} cannot become ${MEETING_STATUS_LABELS[to!].toLowerCase()}` });
      }
      await this.repo.updateMeeting(trx, id, { status: to!, statusReason: stepNeedsReason(to!) ? reason : null });
      await recordAudit(trx, [{ actor: actor.email, action: 'meeting:status', entity: 'meeting', entityKey: String(id), before: { status: before.status }, after: { status: to }, reason }]);
      return (await this.repo.meetingById(id, trx))!;
    });
  }

  /** The dates a cycle's pattern makes, each flagged; or every problem with the form at once. */
  async previewCycle(input: CycleInput): Promise<CyclePreview> {
    const errors: FieldErrors = {};
    const committee = input.committee ? await this.organisation.committeeBySlug(input.committee) : null;
    if (!committee) errors.committee = 'Select the committee';
    const from = readDateParts(input.from, 'the date the cycle starts');
    if ('error' in from) errors.from = from.error;
    const to = readDateParts(input.to, 'the date the cycle ends');
    if ('error' in to) errors.to = to.error;
    if ('date' in from && 'date' in to) {
      if (to.date < from.date) errors.to = 'The date the cycle ends must be after the date it starts';
      else if (Number(to.date.slice(0, 4)) - Number(from.date.slice(0, 4)) > 10) errors.to = 'A cycle can be at most ten years long';
    }
    const weekday = (WEEKDAYS as readonly string[]).includes(input.weekday) ? (input.weekday as Weekday) : null;
    if (!weekday) errors.weekday = 'Select the day of the week the committee meets';
    const week = ['1', '2', '3', '4', '-1'].includes(input.week) ? (Number(input.week) as WeekOfMonth) : null;
    if (!week) errors.week = 'Select which week of the month';
    let months: CyclePattern['months'] | null = null;
    if (input.pattern === 'listed') {
      const listed = [...new Set((input.months ?? []).filter((m) => /^(?:[1-9]|1[0-2])$/.test(m)).map(Number))];
      if (!listed.length) errors.months = 'Select the months the committee meets in';
      else months = { kind: 'listed', months: listed };
    } else if (input.pattern === 'per-year') {
      const n = Number(input.perYear);
      if (!(PER_YEAR as readonly number[]).includes(n)) errors.perYear = 'Select how many meetings a year';
      else months = { kind: 'per-year', perYear: n as (typeof PER_YEAR)[number] };
    } else errors.pattern = 'Select how the months are chosen';
    const { startTime, venue } = this.readTimeAndVenue(input, errors);
    const reason = checkReason(errors, input.reason);
    if (Object.keys(errors).length) {
      throw new CommitteeBusinessError(ordered(errors, ['committee', 'from', 'to', 'weekday', 'week', 'pattern', 'months', 'perYear', 'startTime', 'venue', 'reason']));
    }
    const pattern: CyclePattern = { from: (from as { date: IsoDate }).date, to: (to as { date: IsoDate }).date, weekday: weekday!, week: week!, months: months! };
    const dates = cycleDates(pattern);
    if (!dates.length) throw new CommitteeBusinessError({ months: 'The pattern makes no dates between the start and the end: choose other months or dates' });
    if (dates.length > MAX_CYCLE_DATES) throw new CommitteeBusinessError({ to: `The pattern makes more than ${MAX_CYCLE_DATES} meetings: make a shorter cycle` });
    const taken = new Set(
      (await this.repo.meetings({ committeeIds: [committee!.id], from: pattern.from, to: pattern.to })).filter((m) => m.status !== 'cancelled').map((m) => m.date),
    );
    return {
      committee: committee!,
      committeeName: nameOn(committee!, pattern.from),
      pattern,
      startTime: startTime!,
      venue,
      reason,
      dates: dates.map((d) => ({ ...d, existing: taken.has(d.date) })),
    };
  }

  /**
   * Makes the chosen dates of a previewed cycle: all of them, in one transaction, or none (a date the
   * pattern does not make, or one the committee already meets on, refuses the lot).
   */
  async addCycle(input: CycleInput, chosen: string[], actor: Actor): Promise<MeetingRecord[]> {
    requireManager(actor, 'arrange meetings');
    const preview = await this.previewCycle(input);
    const made = new Set(preview.dates.map((d) => d.date));
    const dates = [...new Set(chosen)].filter((d) => isIsoDate(d)).sort();
    if (!dates.length) throw new CommitteeBusinessError({ dates: 'Select the dates to arrange meetings on' });
    const foreign = dates.filter((d) => !made.has(d));
    if (foreign.length || dates.length !== new Set(chosen).size) throw new CommitteeBusinessError({ dates: 'Select only dates the pattern makes' });
    return inTransaction(this.db, async (trx) => {
      await this.refuseSameDay(trx, preview.committee.id, dates, null, 'dates');
      const rows = dates.map((date) => ({ uid: newUid(), committeeId: preview.committee.id, date, startTime: preview.startTime, venue: preview.venue }));
      const ids = await this.repo.insertMeetings(trx, rows);
      await recordAudit(
        trx,
        rows.map((r, i) => ({
          actor: actor.email,
          action: 'meeting:add',
          entity: 'meeting',
          entityKey: String(ids[i]),
          before: null,
          after: { ...auditOf({ committeeSlug: preview.committee.slug, date: r.date, startTime: r.startTime, venue: r.venue, status: 'scheduled' }), cycle: describePattern(preview.pattern) },
          reason: preview.reason,
        })),
      );
      return this.repo.meetings({ committeeIds: [preview.committee.id], from: dates[0], to: dates[dates.length - 1] }, trx).then((all) => all.filter((m) => ids.includes(m.id)));
    });
  }
}

/** "the third Wednesday of March, June, September and December, 1 June 2018 to 31 May 2019". */
export function describePattern(p: CyclePattern): string {
  const weeks: Record<string, string> = { '1': 'first', '2': 'second', '3': 'third', '4': 'fourth', '-1': 'last' };
  const months = p.months.kind === 'listed' ? `months ${[...p.months.months].sort((a, b) => a - b).join(', ')}` : `${p.months.perYear} months a year`;
  return `the ${weeks[String(p.week)]} ${p.weekday} of ${months}, ${p.from} to ${p.to}`;
}

function newUid(): string {
  return `${randomUUID()}@townhall`;
}

function ordered(errors: FieldErrors, order: string[]): FieldErrors {
  return Object.fromEntries(Object.entries(errors).sort(([a], [b]) => index(order, a) - index(order, b)));
}

const index = (order: string[], key: string) => (order.includes(key) ? order.indexOf(key) : order.length);

