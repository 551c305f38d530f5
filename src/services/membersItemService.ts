/**
 * Members' items (issue 11, deliver 6; ADR 0025). A councillor, signed in with an account linked to their
 * person, submits one item for a meeting of a committee they serve on (member or appointed substitute on
 * the meeting's date), while its agenda is open: the meeting scheduled, the agenda not yet published, and
 * today on or before the report clearance deadline (src/domain/meetingDeadlines.ts) — the day papers go to
 * governance, so the item can be checked and its paper go out with the agenda. A governance officer or
 * administrator may enter an item for a named member (an item sent by email); the same rules hold.
 *
 * The governance officer records the check against the committee's terms of reference: accepted (the
 * item becomes a sub-item of the "Members' items" standard item with a paper made from the member's item
 * template) or not accepted with the reason. Who and when are kept; every write is audited.
 *
 * WHO MAY SEE WHAT is decided here: a councillor sees their own items; governance officers and
 * administrators see every item; no one else sees any. Only accepted items reach the agenda, and the
 * public sees them only once the agenda is published (src/services/agendaService.ts).
 */
import { canManageCommitteeBusiness, NOT_VISIBLE, type NotVisible, type SessionUser } from '../domain/access.ts';
import { orderOfBusiness } from '../domain/agenda.ts';
import { meetingDeadlines } from '../domain/meetingDeadlines.ts';
import { MEMBERS_ITEM_STATUS_LABELS, membersItemLineTitle, membersItemPaper, readCheck, seatOn, submissionProblems, type CheckInput } from '../domain/membersItems.ts';
import type { MembershipRole } from '../domain/membership.ts';
import type { Person } from '../domain/people.ts';
import { numberSections } from '../domain/reportPaper.ts';
import { CalendarNotCoveredError, formatLongDate, type IsoDate } from '../domain/workingDays.ts';
import type { Db } from '../db/connection.ts';
import { inTransaction } from '../db/transaction.ts';
import type { AgendaRepository } from '../repositories/agendaRepository.ts';
import { recordAudit } from '../repositories/auditRepository.ts';
import type { CommitteeBusinessRepository } from '../repositories/committeeBusinessRepository.ts';
import type { MembersItemRecord, MembersItemRepository } from '../repositories/membersItemRepository.ts';
import type { AgendaService } from './agendaService.ts';
import { CommitteeBusinessError, NotAllowedError, requireManager, type Actor } from './committeeBusinessService.ts';
import type { MeetingService, MeetingSummary } from './meetingService.ts';

export type { MembersItemRecord } from '../repositories/membersItemRepository.ts';

/** Who is acting, with their account's id (to find the person it is). */
export type ItemActor = Pick<SessionUser, 'id' | 'email' | 'role'>;

export interface MembersItemInput {
  /** The meeting's id, as the form posts it. */
  meeting: string;
  title: string;
  request: string;
  /** Staff entering an item for a member: the member's slug. Ignored for councillors. */
  member?: string;
}

/** An item with what its pages show. */
export interface MembersItemView extends MembersItemRecord {
  member: Person;
  meeting: MeetingSummary;
  statusLabel: string;
  /** On the order of business once accepted ("6.1"), and its paper. */
  lineNumber: string | null;
  paperId: number | null;
}

/** A meeting a member may submit an item for now. */
export interface OpenMeeting {
  meeting: MeetingSummary;
  seat: MembershipRole;
  /** The last day items are taken (null: the bank holidays of its year are not known; open until the agenda is published). */
  closes: IsoDate | null;
  /** They already have an item for it. */
  submitted: boolean;
}

/** The last day items are taken for a meeting on `date`: its report clearance deadline. */
export function itemsClose(date: IsoDate): IsoDate | null {
  try {
    return meetingDeadlines(date).find((d) => d.kind === 'reportClearance')!.date;
  } catch (error) {
    if (error instanceof CalendarNotCoveredError) return null;
    throw error;
  }
}

const SUBMIT_ROLES = ['councillor', 'administrator', 'governance-officer'];

export class MembersItemService {
  constructor(
    private readonly db: Db,
    private readonly repo: MembersItemRepository,
    private readonly agendaRepo: AgendaRepository,
    private readonly business: CommitteeBusinessRepository,
    private readonly meetings: MeetingService,
    private readonly agendas: AgendaService,
    /** Today's date, Europe/London (tests and the demo loader fix it). */
    readonly today: () => IsoDate,
  ) {}

  /** The same service on another day (the demo enters the 2018 item as of its day). */
  asOf(date: IsoDate): MembersItemService {
    return new MembersItemService(this.db, this.repo, this.agendaRepo, this.business, this.meetings, this.agendas, () => date);
  }

  /** The person a user's account is, or null. */
  async personOf(user: Pick<SessionUser, 'id'>): Promise<Person | null> {
    const personId = await this.agendaRepo.personOfUser(user.id);
    return personId === null ? null : this.business.personById(personId);
  }

  /** The meetings a person may submit an item for today, soonest first. */
  async openMeetings(person: Person): Promise<OpenMeeting[]> {
    const today = this.today();
    const memberships = await this.business.membershipsOfPerson(person.id);
    const committeeIds = [...new Set(memberships.map((m) => m.committeeId))];
    if (!committeeIds.length) return [];
    const [meetings, mine] = await Promise.all([this.meetings.meetings({ from: today, committeeIds }), this.repo.ofPerson(person.id)]);
    const agendas = new Map((await this.agendaRepo.agendas(meetings.map((m) => m.id))).map((a) => [a.meetingId, a]));
    const out: OpenMeeting[] = [];
    for (const meeting of meetings) {
      if (meeting.status === 'cancelled' || meeting.status === 'postponed' || agendas.get(meeting.id)?.publishedAt) continue;
      const seat = seatOn(memberships.filter((m) => m.committeeId === meeting.committeeId), person.id, meeting.date);
      const closes = itemsClose(meeting.date);
      if (!seat || (closes !== null && today > closes)) continue;
      out.push({ meeting, seat, closes, submitted: mine.some((i) => i.meetingId === meeting.id) });
    }
    return out;
  }

  /**
   * Submits a member's item (audited): every problem at once (CommitteeBusinessError by field: meeting,
   * member, title, request). Councillors submit their own; staff may enter one for a named member.
   */
  async submit(input: MembersItemInput, actor: ItemActor): Promise<number> {
    if (!SUBMIT_ROLES.includes(actor.role)) throw new NotAllowedError(actor, 'submit members’ items');
    const staff = canManageCommitteeBusiness(actor);
    let person: Person | null;
    const memberErrors: Record<string, string> = {};
    if (staff) {
      person = input.member ? await this.business.personBySlug(input.member) : null;
      if (!person || person.kind !== 'councillor') memberErrors.member = 'Select the councillor whose item it is';
    } else person = await this.personOf(actor);
    const meetingId = /^\d{1,9}$/.test((input.meeting ?? '').trim()) ? Number(input.meeting.trim()) : null;
    const title = (input.title ?? '').trim().replace(/\s+/g, ' ');
    const request = (input.request ?? '').replace(/\r\n/g, '\n').trim();
    const summary = meetingId === null ? null : await this.summary(meetingId);
    return inTransaction(this.db, async (trx) => {
      // The meeting's row is held until the end: two items of one member cannot both pass the check.
      const meeting = meetingId === null ? null : await this.business.lockMeeting(trx, meetingId);
      const agenda = meeting ? await this.agendaRepo.agenda(meeting.id, trx) : null;
      const memberships = meeting ? await this.business.memberships([meeting.committeeId], trx) : [];
      const existing = meeting && person ? (await this.repo.ofMeeting(meeting.id, trx)).filter((i) => i.personId === person.id).length : 0;
      const problems = submissionProblems(
        {
          personId: person?.id ?? null,
          meeting: meeting && summary ? { date: meeting.date, status: meeting.status, agendaPublished: agenda?.publishedAt != null, committeeName: summary.committeeName } : null,
          memberships,
          existing,
          today: this.today(),
          closes: meeting ? itemsClose(meeting.date) : null,
          title,
          request,
        },
        formatLongDate,
      );
      if (staff) {
        // Staff are told about the member, not about "you".
        if (problems.meeting) problems.meeting = problems.meeting.replace(/^Your account is not linked to a councillor: ask an administrator to link it\.? ?/, '').replace(/\bYou are not\b/g, 'The councillor is not').replace(/\bYou already have\b/g, 'The councillor already has');
        if (!problems.meeting) delete problems.meeting;
      }
      const errors = { ...(problems.meeting ? { meeting: problems.meeting } : {}), ...memberErrors, ...(problems.title ? { title: problems.title } : {}), ...(problems.request ? { request: problems.request } : {}) };
      if (Object.keys(errors).length) throw new CommitteeBusinessError(errors);
      const id = await this.repo.insert(trx, { meetingId: meeting!.id, personId: person!.id, title, request, submittedBy: actor.email, submittedAt: new Date() });
      await recordAudit(trx, [
        { actor: actor.email, action: 'members-item:submit', entity: 'members_item', entityKey: String(id), before: null, after: { meeting: meeting!.id, meetingDate: meeting!.date, member: person!.slug, title, request }, reason: staff ? `Entered for Councillor ${person!.name}` : null },
      ]);
      return id;
    });
  }

  /** The items of the person a councillor's account is, newest first. */
  async itemsOf(person: Person): Promise<MembersItemView[]> {
    return this.views(await this.repo.ofPerson(person.id));
  }

  /** One item: its member sees it, and governance officers and administrators; NOT_VISIBLE to everyone else. */
  async item(id: number, viewer: ItemActor | null): Promise<MembersItemView | NotVisible> {
    const record = await this.repo.byId(id);
    if (!record || !viewer) return NOT_VISIBLE;
    if (!canManageCommitteeBusiness(viewer)) {
      const personId = await this.agendaRepo.personOfUser(viewer.id);
      if (personId === null || personId !== record.personId) return NOT_VISIBLE;
    }
    return (await this.views([record]))[0]!;
  }

  /** Every item, those waiting for their check first (governance officers and administrators). */
  async forCheck(actor: Actor): Promise<MembersItemView[]> {
    requireManager(actor, 'check members’ items');
    const views = await this.views(await this.repo.all());
    return [...views.filter((v) => v.status === 'submitted'), ...views.filter((v) => v.status !== 'submitted')];
  }

  /**
   * Records the check against the committee's terms of reference (audited). Accepted: the item goes on
   * the draft agenda under "Members' items" with its paper, in the same transaction. Not accepted: the
   * reason is kept and shown to the member. An item is checked once.
   */
  async check(id: number, input: CheckInput, actor: ItemActor): Promise<void> {
    requireManager(actor, 'check members’ items');
    const read = readCheck(input);
    if ('errors' in read) throw new CommitteeBusinessError(read.errors);
    const template = await this.agendas.sectionTemplate();
    const fields = new Set(numberSections(template).map((h) => h.field));
    const found = await this.repo.byId(id);
    const summary = found ? await this.summary(found.meetingId) : null;
    await inTransaction(this.db, async (trx) => {
      const item = await this.repo.lock(trx, id);
      if (!item) throw new CommitteeBusinessError({ decision: 'There is no such member’s item' });
      if (item.status !== 'submitted') throw new CommitteeBusinessError({ decision: `The item was checked by ${item.checkedBy} on ${formatLongDate(item.checkedAt!.toISOString().slice(0, 10))}` });
      const member = (await this.business.personById(item.personId, trx))!;
      const entries = [];
      let agendaItemId: number | null = null;
      if (read.decision === 'accepted') {
        const agenda = await this.agendaRepo.lockAgenda(trx, item.meetingId);
        if (!agenda) throw new CommitteeBusinessError({ decision: 'Start the meeting’s agenda before accepting the item: it goes under “Members’ items”' });
        if (agenda.publishedAt) throw new CommitteeBusinessError({ decision: 'The agenda is published: the item can no longer go on it' });
        const items = await this.agendaRepo.items(item.meetingId, trx);
        if (!items.some((i) => i.kind === 'members-items')) throw new CommitteeBusinessError({ decision: 'The agenda has no “Members’ items” item to put it under' });
        const meeting = (await this.business.meetingById(item.meetingId, trx))!;
        const contact = (await this.business.committeeDetails(trx)).find((d) => d.committeeId === meeting.committeeId)?.governanceContactId ?? (await this.agendaRepo.personOfUser(actor.id, trx));
        if (contact == null) throw new CommitteeBusinessError({ decision: 'The item’s paper needs an officer to contact: set the committee’s governance contact, or have your account linked to your person' });
        const position = Math.max(0, ...items.map((i) => i.position)) + 1;
        const lineTitle = membersItemLineTitle(member.name);
        agendaItemId = (await this.agendaRepo.insertItems(trx, item.meetingId, [{ position, kind: 'member-item', title: lineTitle, ifAny: false, part: 'public', toFollow: false }]))[0]!;
        const paper = membersItemPaper({ title: item.title, request: item.request, memberName: member.name, committeeName: summary!.committeeName });
        const sections = Object.fromEntries(Object.entries({ summary: paper.summary, ...paper.sections }).filter(([k]) => fields.has(k)));
        const cover = { title: paper.title, reportOf: paper.reportOf, wards: paper.wards, status: 'public' as const, exemptParagraph: null, urgent: false, key: 'non-key' as const, enclosures: [], contactIds: [contact] };
        const paperId = await this.agendaRepo.insertPaper(trx, agendaItemId, { cover, sections, recommendations: paper.recommendations, file: null });
        entries.push({ actor: actor.email, action: 'agenda:add-members-item', entity: 'agenda_item', entityKey: String(agendaItemId), before: null, after: { meeting: item.meetingId, kind: 'member-item', title: lineTitle, position }, reason: null });
        entries.push({ actor: actor.email, action: 'paper:add', entity: 'paper', entityKey: String(paperId), before: null, after: { meeting: item.meetingId, item: agendaItemId, title: cover.title, reportOf: cover.reportOf, status: cover.status, contactIds: cover.contactIds }, reason: 'Made from the member’s item template' });
      }
      await this.repo.recordCheck(trx, id, { status: read.decision, reason: read.reason, by: actor.email, agendaItemId });
      entries.unshift({ actor: actor.email, action: 'members-item:check', entity: 'members_item', entityKey: String(id), before: { status: item.status }, after: { status: read.decision, reason: read.reason, member: member.slug, title: item.title }, reason: read.reason });
      await recordAudit(trx, entries);
    });
  }

  private async views(records: readonly MembersItemRecord[]): Promise<MembersItemView[]> {
    if (!records.length) return [];
    const people = new Map((await this.business.people()).map((p) => [p.id, p]));
    const meetingIds = [...new Set(records.map((r) => r.meetingId))];
    const meetings = new Map<number, MeetingSummary>();
    for (const id of meetingIds) {
      const s = await this.summary(id);
      if (s) meetings.set(id, s);
    }
    const lines = new Map<number, { number: string; paperId: number | null }>();
    for (const id of meetingIds.filter((id) => records.some((r) => r.meetingId === id && r.agendaItemId !== null))) {
      for (const l of await this.agendaLines(id, meetings.get(id)!.committeeName)) if (l.item) lines.set(l.item.id, { number: l.number, paperId: l.item.paperId });
    }
    return records.map((r) => {
      const line = r.agendaItemId !== null ? lines.get(r.agendaItemId) : undefined;
      return { ...r, member: people.get(r.personId)!, meeting: meetings.get(r.meetingId)!, statusLabel: MEMBERS_ITEM_STATUS_LABELS[r.status], lineNumber: line?.number ?? null, paperId: line?.paperId ?? null };
    });
  }

  /** A meeting with its committee and the committee's name on its date; null when there is none. */
  private async summary(meetingId: number): Promise<MeetingSummary | null> {
    const m = await this.business.meetingById(meetingId);
    if (!m) return null;
    return (await this.meetings.meetings({ from: m.date, to: m.date, committeeIds: [m.committeeId] })).find((x) => x.id === meetingId) ?? null;
  }

  private async agendaLines(meetingId: number, committeeName: string) {
    return orderOfBusiness(await this.agendaRepo.items(meetingId), committeeName);
  }
}
