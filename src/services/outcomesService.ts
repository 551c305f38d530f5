/**
 * Meeting outcomes (issue 12, deliver 1–5 and the minutes part of 9; ADR 0026): governance officers and
 * administrators record who attended (roles from the membership in force on the meeting's date,
 * substitutes in place of a named member, apologies, absences, others in attendance), declarations of
 * interest, and per agenda item the discussion, motions with mover, seconder, amendments and votes,
 * numbered resolutions and actions (an action to report back gains an entry in the committee's forward
 * work programme). They publish the minutes as draft minutes, and record their agreement at a later
 * meeting of the committee, after which the minutes are locked: a change is a correction and needs a reason.
 * Every write is checked with every error at once (src/domain attendance.ts, votes.ts, declarations.ts)
 * and written in one transaction with its audit events.
 *
 * WHO MAY SEE WHAT is decided here. Unpublished minutes: governance officers and administrators only.
 * Published (draft or agreed) minutes: everyone — a draft marked DRAFT. An exempt item's minutes (its
 * agenda item in the exempt part) are shown only to those entitled to its paper
 * (src/domain/reportPaper.ts `exemptEntitlement`: managers, officers named on the paper, councillors on the
 * committee on the meeting's date), every such view audited; everyone else sees the Schedule 12A placeholder.
 */
import { canManageCommitteeBusiness, NOT_VISIBLE, type NotVisible, type SessionUser } from '../domain/access.ts';
import { orderOfBusiness, type AgendaItem, type AgendaLine } from '../domain/agenda.ts';
import { ATTENDANCE_STATUSES, summariseAttendance, type AttendanceEntry, type AttendanceStatus, type AttendanceSummary, type Seat } from '../domain/attendance.ts';
import { checkDeclarations, isInterestType, type InterestType } from '../domain/declarations.ts';
import { inForceOn, MEMBERSHIP_ROLE_LABELS } from '../domain/membership.ts';
import { displayName, type Person } from '../domain/people.ts';
import { exemptEntitlement, exemptPlaceholder, type Entitlement } from '../domain/reportPaper.ts';
import type { ResolutionNode } from '../domain/resolutions.ts';
import { checkVote, tally, VOTE_CHOICES, voteOutcome, type CastingVote, type NamedVote, type VoteChoice, type VoteCounts } from '../domain/votes.ts';
import { formatDate } from '../domain/workingDays.ts';
import type { Db } from '../db/connection.ts';
import { inTransaction } from '../db/transaction.ts';
import type { AgendaRepository } from '../repositories/agendaRepository.ts';
import { recordAudit, type AuditEntry } from '../repositories/auditRepository.ts';
import type { CommitteeBusinessRepository, MeetingRecord } from '../repositories/committeeBusinessRepository.ts';
import type { ActionFields, DeclarationRecord, ItemMinutesRecord, MinutesRecord, MotionRecord, OutcomesRepository } from '../repositories/outcomesRepository.ts';
import type { WorkProgrammeRepository } from '../repositories/workProgrammeRepository.ts';
import type { MinutesItem, MinutesModel } from '../reports/minutesDocument.ts';
import { CommitteeBusinessError, MAX_REASON, requireManager, type Actor, type FieldErrors } from './committeeBusinessService.ts';
import type { MeetingService, MeetingView } from './meetingService.ts';
import type { OrganisationService } from './organisationService.ts';

export type { MinutesRecord } from '../repositories/outcomesRepository.ts';

export const MAX_DISCUSSION = 20_000;
export const MAX_MOTION = 5000;
export const MAX_DETAIL = 2000;
export const MAX_ACTION = 2000;
/** Rows on the staff forms. */
export const MOTION_ROWS = 3;
export const ACTION_ROWS = 3;
export const DECLARATION_ROWS = 6;
export const OTHER_ROWS = 6;

type Viewer = Pick<SessionUser, 'id' | 'email' | 'role'> | null;

export interface AttendanceInput {
  /** One row per person on the form: their slug, status (blank: not recorded), and whom a substitute replaces (a slug). */
  rows: { person: string; status: string; inPlaceOf?: string }[];
  /** Others in attendance: people's slugs (officers, guests, other councillors); blanks ignored. */
  others: string[];
  /** When the meeting finished: "20:28", "8.28pm"; blank when not recorded. */
  finishedAt: string;
  reason?: string;
}

export interface DeclarationInput {
  rows: { person: string; item: string; type: string; detail: string; withdrew: string }[];
  reason?: string;
}

export interface MotionInput {
  text: string;
  mover: string;
  seconder: string;
  /** One amendment a line. */
  amendments: string;
  for: string;
  against: string;
  abstain: string;
  casting: string;
  /** A recorded vote: each voter's choice by slug ('' for none). */
  named: Record<string, string>;
}

export interface ActionInput {
  text: string;
  owner: string;
  /** A meeting id, or '' for "a future meeting". */
  target: string;
  reportBack: string;
}

export interface ItemInput {
  discussion: string;
  /** One resolution a line; "- " starts a part of the one before, "-- " a part of that part. */
  resolutions: string;
  resolvedUnanimously: string;
  noBusiness: string;
  motions: MotionInput[];
  actions: ActionInput[];
  reason?: string;
}

/** An item's line in the staff view: the order of business with what is recorded. */
export interface StaffItemLine {
  line: AgendaLine;
  minutes: ItemMinutesRecord | null;
}

export interface StaffMinutes {
  meeting: MeetingView;
  minutes: MinutesRecord | null;
  lines: StaffItemLine[];
  attendance: AttendanceEntry[];
  summary: AttendanceSummary;
  seats: (Seat & { person: Person })[];
  people: Person[];
  declarations: DeclarationRecord[];
  /** Later meetings of the committee (to agree the minutes, or an action's target). */
  laterMeetings: MeetingRecord[];
  /** What keeps the minutes from being published now (empty: they may be). */
  problems: string[];
  published: boolean;
  agreed: boolean;
  agreedAt: MeetingRecord | null;
  hasAgenda: boolean;
}

const clean = (t: string | undefined) => (t ?? '').replace(/\r\n/g, '\n').trim();
const oneLine = (t: string | undefined) => clean(t).replace(/\s+/g, ' ');
const yes = (t: string | undefined) => t === 'yes';

/** "20:28", "20.28", "8.28pm", "8:28 pm", "20.28pm" (as the 2018 pack prints it: read as 20:28) → "20:28"; null when not a time. */
export function readFinishingTime(text: string): string | null {
  const m = /^(\d{1,2})[:.](\d{2})\s*(am|pm)?$/i.exec(text.trim());
  if (!m) return null;
  let hour = Number(m[1]);
  const minute = Number(m[2]);
  const half = m[3]?.toLowerCase();
  if (minute > 59 || hour > 23) return null;
  if (half === 'pm' && hour < 12) hour += 12;
  else if (half === 'am' && hour === 12) hour = 0;
  else if (half === 'am' && hour > 12) return null;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/** The resolutions text read into a tree: one per line, "- " a part of the one before, "-- " a part of that part. */
export function readResolutions(text: string): { resolutions: ResolutionNode[]; error: string | null } {
  type Node = { text: string; parts: Node[] };
  const roots: Node[] = [];
  let error: string | null = null;
  clean(text)
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .forEach((line, n) => {
      const depth = /^--\s/.test(line) ? 2 : /^-\s/.test(line) ? 1 : 0;
      const body = line.replace(/^-{1,2}\s+/, '').trim();
      const node: Node = { text: body, parts: [] };
      if (depth === 0) roots.push(node);
      else {
        let parent: Node | undefined = roots.at(-1);
        if (depth === 2) parent = parent?.parts.at(-1);
        if (!parent) error ??= `Line ${n + 1} of the resolutions is a part (“${'-'.repeat(depth)} ”) with no resolution before it to belong to`;
        else parent.parts.push(node);
      }
      if (body.length > MAX_MOTION) error ??= `Each resolution must be ${MAX_MOTION.toLocaleString('en-GB')} characters or fewer`;
    });
  const strip = (nodes: Node[]): ResolutionNode[] => nodes.map((n) => (n.parts.length ? { text: n.text, parts: strip(n.parts) } : { text: n.text }));
  return { resolutions: strip(roots), error };
}

/** The resolutions as the form shows them (the reverse of readResolutions). */
export function resolutionsText(nodes: readonly ResolutionNode[], depth = 0): string {
  return nodes.map((n) => [`${depth ? `${'-'.repeat(depth)} ` : ''}${n.text}`, ...(n.parts?.length ? [resolutionsText(n.parts, depth + 1)] : [])].join('\n')).join('\n');
}

function readCount(text: string): number | null | 'bad' {
  const t = text.trim();
  if (t === '') return null;
  return /^\d{1,4}$/.test(t) ? Number(t) : 'bad';
}

export class OutcomesService {
  constructor(
    private readonly db: Db,
    private readonly repo: OutcomesRepository,
    private readonly agendas: AgendaRepository,
    private readonly business: CommitteeBusinessRepository,
    private readonly programme: WorkProgrammeRepository,
    private readonly meetings: MeetingService,
    private readonly organisation: OrganisationService,
  ) {}

  // Reading

  private async context(meetingId: number, db: Db = this.db) {
    const meeting = await this.meetings.meeting(meetingId);
    if (!meeting) return null;
    const [items, people, memberships, agenda] = await Promise.all([this.agendas.items(meetingId, db), this.business.people(db), this.business.memberships([meeting.committeeId], db), this.agendas.agenda(meetingId, db)]);
    const personById = new Map(people.map((p) => [p.id, p]));
    const seats = memberships.filter((m) => inForceOn(m, meeting.date)).map((m) => ({ personId: m.personId, role: m.role, person: personById.get(m.personId)! }));
    const lines = orderOfBusiness(items, meeting.committeeName);
    const nameOf = (id: number) => (personById.has(id) ? displayName(personById.get(id)!) : `person ${id}`);
    return { meeting, items, people, personById, memberships, seats, lines, nameOf, hasAgenda: agenda !== null };
  }

  private summary(ctx: NonNullable<Awaited<ReturnType<OutcomesService['context']>>>, attendance: readonly AttendanceEntry[]): AttendanceSummary {
    return summariseAttendance(ctx.seats, attendance, ctx.meeting.committeeOnDate.details.quorum ?? 1, ctx.nameOf);
  }

  /** The minutes for their staff pages (managers only); null when there is no such meeting. */
  async staffMinutes(meetingId: number, actor: Actor): Promise<StaffMinutes | null> {
    requireManager(actor, 'record minutes');
    const ctx = await this.context(meetingId);
    if (!ctx) return null;
    const [minutes, attendance, declarations, itemMinutes, later] = await Promise.all([
      this.repo.minutes(meetingId),
      this.repo.attendance(meetingId),
      this.repo.declarations(meetingId),
      this.repo.itemMinutes(meetingId),
      this.business.meetings({ committeeIds: [ctx.meeting.committeeId] }),
    ]);
    const summary = this.summary(ctx, attendance);
    const lines = ctx.lines.filter((l) => l.item !== null).map((line) => ({ line, minutes: itemMinutes.get(line.item!.id) ?? null }));
    const problems: string[] = [];
    if (!ctx.hasAgenda) problems.push('The meeting has no agenda: the minutes follow its order of business');
    if (ctx.meeting.committeeOnDate.details.quorum === null) problems.push('Set the committee’s quorum');
    if (!attendance.length) problems.push('Record the attendance');
    problems.push(...summary.problems.filter((p) => p.code === 'not-recorded').map((p) => p.message));
    if (minutes?.publishedAt) problems.length = 0;
    const laterMeetings = later.filter((m) => m.date > ctx.meeting.date && m.status !== 'cancelled' && m.status !== 'postponed');
    const agreedAt = minutes?.agreedAtMeetingId ? ((await this.business.meetingById(minutes.agreedAtMeetingId)) ?? null) : null;
    return {
      meeting: ctx.meeting,
      minutes,
      lines,
      attendance,
      summary,
      seats: ctx.seats,
      people: ctx.people,
      declarations,
      laterMeetings,
      problems,
      published: minutes?.publishedAt != null,
      agreed: minutes?.state === 'agreed',
      agreedAt,
      hasAgenda: ctx.hasAgenda,
    };
  }

  /**
   * The minutes as the viewer may see them, as the model of the `minutes` document: NOT_VISIBLE when there
   * are none, or they are unpublished and the viewer does not manage committee business. Exempt items'
   * minutes are the placeholder unless the viewer is entitled; a view showing them is audited.
   */
  async minutesModel(meetingId: number, viewer: Viewer): Promise<MinutesModel | NotVisible> {
    const minutes = await this.repo.minutes(meetingId);
    if (!minutes) return NOT_VISIBLE;
    if (!minutes.publishedAt && !canManageCommitteeBusiness(viewer)) return NOT_VISIBLE;
    const ctx = (await this.context(meetingId))!;
    const [attendance, declarations, itemMinutes, papers, council] = await Promise.all([
      this.repo.attendance(meetingId),
      this.repo.declarations(meetingId),
      this.repo.itemMinutes(meetingId),
      this.agendas.papersOfMeeting(meetingId),
      this.organisation.councilName(),
    ]);
    const summary = this.summary(ctx, attendance);
    // In the order the packs print the committee: Chairman, Vice-Chairman, members, substitutes (each by family name).
    const onDate = ctx.meeting.committeeOnDate.membership;
    const rank = new Map([...onDate.chairman, ...onDate.viceChairman, ...onDate.members, ...onDate.substitutes].map((p, i) => [p.id, i]));
    const inOrder = (ids: readonly number[]) => [...ids].sort((a, b) => (rank.get(a) ?? 1e6) - (rank.get(b) ?? 1e6) || ctx.nameOf(a).localeCompare(ctx.nameOf(b)));
    const presentInOrder = [...summary.present].sort((a, b) => (rank.get(a.personId) ?? 1e6) - (rank.get(b.personId) ?? 1e6));
    const personId = viewer ? await this.agendas.personOfUser(viewer.id) : null;
    const paperOf = new Map(papers.map((p) => [p.id, p]));
    const entitlementOf = (item: AgendaItem): Entitlement =>
      exemptEntitlement(viewer ? { role: viewer.role, personId } : null, { contactIds: item.paperId !== null ? (paperOf.get(item.paperId)?.cover.contactIds ?? []) : [] }, { date: ctx.meeting.date, memberships: ctx.memberships });
    const name = (id: number | null) => (id === null ? null : ctx.nameOf(id));
    const itemNumber = new Map(ctx.lines.filter((l) => l.item).map((l) => [l.item!.id, l]));
    const shownExempt: { item: number; entitlement: Entitlement }[] = [];
    const targets = new Map((await this.business.meetings({ committeeIds: [ctx.meeting.committeeId] })).map((m) => [m.id, m]));
    const items: MinutesItem[] = ctx.lines
      .filter((l) => l.item !== null)
      .map((l) => {
        const item = l.item!;
        const base = { number: l.number, title: l.title, discussion: [] as string[], motions: [], resolutions: [], actions: [] };
        if (item.part === 'exempt') {
          const entitlement = entitlementOf(item);
          if (entitlement === null) {
            return { ...base, exemptPlaceholder: item.exemptParagraph ? exemptPlaceholder(item.exemptParagraph) : 'This item was taken in the exempt part of the meeting: its minutes are not public.' };
          }
          if (itemMinutes.has(item.id)) shownExempt.push({ item: item.id, entitlement });
        }
        const m = itemMinutes.get(item.id);
        if (!m) return base;
        return {
          ...base,
          none: m.noBusiness,
          discussion: m.discussion.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean),
          motions: m.motions.map((mo) => {
            const named = mo.named.length ? Object.fromEntries(VOTE_CHOICES.map((c) => [c, mo.named.filter((v) => v.choice === c).map((v) => ctx.nameOf(v.personId))])) as Record<VoteChoice, string[]> : undefined;
            return { text: mo.text, mover: ctx.nameOf(mo.moverId), seconder: name(mo.seconderId), amendments: mo.amendments, counts: mo.counts, castingVote: mo.castingVote, ...(named ? { named } : {}) };
          }),
          resolutions: m.resolutions,
          resolvedUnanimously: m.resolvedUnanimously,
          actions: m.actions.map((a) => {
            const target = a.targetMeetingId !== null ? targets.get(a.targetMeetingId) : undefined;
            return { text: a.text, owner: name(a.ownerId), target: target ? formatDate(target.date) : null };
          }),
        };
      });
    if (shownExempt.length && viewer) {
      await inTransaction(this.db, (trx) =>
        recordAudit(trx, shownExempt.map((s) => ({ actor: viewer.email, action: 'minutes:exempt-view', entity: 'agenda_item', entityKey: String(s.item), before: null, after: { meeting: meetingId, entitlement: s.entitlement }, reason: null }))),
      );
    }
    const agreedAt = minutes.agreedAtMeetingId !== null && minutes.agreedOn ? { date: minutes.agreedOn } : undefined;
    // The minutes print the Chairman's and Vice-Chairman's roles; a substitute is "in place of" the member.
    const roleLabel = (personId: number, inPlaceOf: number | null) => {
      const seat = ctx.seats.find((s) => s.personId === personId);
      return seat && seat.role !== 'member' && !(seat.role === 'substitute' && inPlaceOf !== null) ? MEMBERSHIP_ROLE_LABELS[seat.role] : null;
    };
    return {
      council: council ?? 'The council',
      committee: ctx.meeting.committeeName,
      date: ctx.meeting.date,
      startTime: ctx.meeting.startTime,
      venue: ctx.meeting.venue,
      finishedAt: minutes.finishedAt,
      status: minutes.state,
      ...(agreedAt ? { agreedAt } : {}),
      present: presentInOrder.map((p) => ({ name: ctx.nameOf(p.personId), role: roleLabel(p.personId, p.inPlaceOf), inPlaceOf: name(p.inPlaceOf) })),
      apologies: inOrder(summary.apologies).map(ctx.nameOf),
      absent: inOrder(summary.absent).map(ctx.nameOf),
      othersInAttendance: inOrder(summary.others).map((id) => ({ name: ctx.nameOf(id), jobTitle: ctx.personById.get(id)?.jobTitle ?? null })),
      declarations: declarations
        .filter((d) => itemNumber.has(d.itemId))
        .map((d) => ({ member: ctx.nameOf(d.personId), item: `${itemNumber.get(d.itemId)!.number}. ${itemNumber.get(d.itemId)!.title}`, type: d.type, detail: d.detail, withdrew: d.withdrew })),
      items,
      votingPresent: summary.voters.length,
    };
  }

  /** The minutes of a committee's meeting on a date (the `minutes` document's request) as the viewer may see them. */
  async minutesOn(committeeSlug: string, date: string, viewer: Viewer): Promise<MinutesModel | NotVisible> {
    const committee = await this.organisation.findCommittee(committeeSlug);
    if (!committee) return NOT_VISIBLE;
    const meeting = (await this.business.meetings({ committeeIds: [committee.id], from: date, to: date })).find((m) => m.status !== 'cancelled');
    return meeting ? this.minutesModel(meeting.id, viewer) : NOT_VISIBLE;
  }

  /** Whether the viewer may see the meeting's minutes (for links). */
  async minutesVisible(meetingId: number, viewer: Viewer): Promise<boolean> {
    const minutes = await this.repo.minutes(meetingId);
    return minutes !== null && (minutes.publishedAt !== null || canManageCommitteeBusiness(viewer));
  }

  /**
   * The motions and votes of every published minutes, exempt items left out (for Popolo / OCD).
   */
  async publishedVotes(): Promise<PublishedMotion[]> {
    const out: PublishedMotion[] = [];
    for (const m of await this.repo.publishedMinutes()) {
      const ctx = await this.context(m.meetingId);
      if (!ctx) continue;
      const [attendance, itemMinutes] = await Promise.all([this.repo.attendance(m.meetingId), this.repo.itemMinutes(m.meetingId)]);
      const voters = this.summary(ctx, attendance).voters.length;
      for (const line of ctx.lines) {
        if (!line.item || line.item.part === 'exempt') continue;
        itemMinutes.get(line.item.id)?.motions.forEach((mo, n) => {
          out.push({
            id: `${m.meetingId}-${line.item!.id}-${n + 1}`,
            meeting: ctx.meeting,
            itemNumber: line.number,
            itemTitle: line.title,
            text: mo.text,
            mover: ctx.personById.get(mo.moverId)!,
            seconder: mo.seconderId !== null ? ctx.personById.get(mo.seconderId)! : null,
            counts: mo.counts,
            result: mo.counts ? voteOutcome(mo.counts, mo.castingVote, voters).result : null,
            named: mo.named.map((v) => ({ person: ctx.personById.get(v.personId)!, choice: v.choice })),
            minutesState: m.state,
          });
        });
      }
    }
    return out;
  }

  // Writing

  /** The minutes' row locked for a change: a change to agreed minutes is a correction and needs a reason. */
  private async forChange(trx: Db, meetingId: number, reason: string | null, what: string): Promise<{ minutes: MinutesRecord; action: string }> {
    const minutes = await this.repo.lockMinutes(trx, meetingId);
    if (minutes.state === 'agreed' && !reason) throw new CommitteeBusinessError({ reason: `The minutes are agreed as the correct record and are locked: give the reason for correcting the ${what}` });
    return { minutes, action: minutes.state === 'agreed' ? 'correct' : 'record' };
  }

  private checkReason(errors: FieldErrors, reason: string | undefined): string | null {
    const r = clean(reason);
    if (r.length > MAX_REASON) errors.reason = `Reason must be ${MAX_REASON.toLocaleString('en-GB')} characters or fewer`;
    return r || null;
  }

  private async meetingFor(meetingId: number) {
    const ctx = await this.context(meetingId);
    if (!ctx) throw new CommitteeBusinessError({ meeting: 'There is no such meeting' });
    if (!ctx.hasAgenda) throw new CommitteeBusinessError({ meeting: 'Start the meeting’s agenda first: the minutes follow its order of business' });
    if (ctx.meeting.status === 'cancelled' || ctx.meeting.status === 'postponed') throw new CommitteeBusinessError({ meeting: `The meeting is ${ctx.meeting.status}: it has no minutes` });
    if (ctx.meeting.committeeOnDate.details.quorum === null) throw new CommitteeBusinessError({ meeting: 'Set the committee’s quorum first: whether the meeting was quorate depends on it' });
    return ctx;
  }

  /** Checks every recorded motion against who could vote; the messages name the item. */
  private voteProblems(ctx: NonNullable<Awaited<ReturnType<OutcomesService['context']>>>, summary: AttendanceSummary, itemMinutes: ReadonlyMap<number, ItemMinutesRecord>): string[] {
    const out: string[] = [];
    for (const l of ctx.lines) {
      const m = l.item ? itemMinutes.get(l.item.id) : undefined;
      if (!m) continue;
      m.motions.forEach((mo, n) => {
        if (!mo.counts) return;
        for (const p of checkVote({ counts: mo.counts, named: mo.named.length ? mo.named : undefined, castingVote: mo.castingVote }, summary.voters, ctx.nameOf)) out.push(`Item ${l.number}, motion ${n + 1}: ${p.message}`);
      });
    }
    return out;
  }

  /** Records the attendance and finishing time, replacing what was recorded (audited; a correction once agreed). */
  async recordAttendance(meetingId: number, input: AttendanceInput, actor: Actor): Promise<void> {
    requireManager(actor, 'record minutes');
    const ctx = await this.meetingFor(meetingId);
    const errors: FieldErrors = {};
    const bySlug = new Map(ctx.people.map((p) => [p.slug, p]));
    const entries: { personId: number; status: AttendanceStatus; inPlaceOf: number | null }[] = [];
    const seen = new Set<number>();
    for (const row of input.rows ?? []) {
      const person = bySlug.get(row.person);
      const status = clean(row.status);
      if (!status) continue;
      if (!person) {
        errors[`status-${row.person}`] = 'Select people from the list';
        continue;
      }
      if (!(ATTENDANCE_STATUSES as readonly string[]).includes(status)) {
        errors[`status-${person.slug}`] = `Select whether ${displayName(person)} was present, sent apologies or was absent`;
        continue;
      }
      const replacedSlug = clean(row.inPlaceOf);
      const replaced = replacedSlug ? bySlug.get(replacedSlug) : null;
      if (replacedSlug && !replaced) errors[`inPlaceOf-${person.slug}`] = `Select the member ${displayName(person)} attended in place of from the list`;
      if (replaced && status !== 'present') errors[`inPlaceOf-${person.slug}`] = `${displayName(person)} is not recorded as present, so attended in place of nobody`;
      entries.push({ personId: person.id, status: status as AttendanceStatus, inPlaceOf: replaced?.id ?? null });
      seen.add(person.id);
    }
    (input.others ?? []).forEach((slug, i) => {
      const s = clean(slug);
      if (!s) return;
      const person = bySlug.get(s);
      if (!person) errors[`other${i + 1}`] = `Select person ${i + 1} in attendance from the list`;
      else if (ctx.seats.some((seat) => seat.personId === person.id)) errors[`other${i + 1}`] = `${displayName(person)} is on the committee: record their attendance above`;
      else if (seen.has(person.id)) errors[`other${i + 1}`] = `${displayName(person)} is listed twice`;
      else {
        entries.push({ personId: person.id, status: 'present', inPlaceOf: null });
        seen.add(person.id);
      }
    });
    const finishedText = clean(input.finishedAt);
    const finishedAt = finishedText ? readFinishingTime(finishedText) : null;
    if (finishedText && !finishedAt) errors.finishedAt = 'Enter the time the meeting finished, like 20:28 or 8.28pm';
    else if (finishedAt && finishedAt <= ctx.meeting.startTime) errors.finishedAt = `The meeting finished at ${finishedAt}, which is not after it started (${ctx.meeting.startTime})`;
    const reason = this.checkReason(errors, input.reason);
    const summary = this.summary(ctx, entries);
    const blocking = summary.problems.filter((p) => !['not-recorded', 'not-quorate', 'substitute-in-place-of-nobody'].includes(p.code));
    for (const p of blocking) {
      const slug = p.personId !== null ? ctx.personById.get(p.personId)?.slug : undefined;
      const key = p.code.startsWith('in-place') || p.code === 'two-substitutes-for-one-member' || p.code === 'member-in-place-of' || p.code === 'not-on-committee' ? `inPlaceOf-${slug}` : `status-${slug}`;
      if (!errors[key]) errors[key] = p.message;
      else errors[`${key}-${p.code}`] = p.message;
    }
    if (Object.keys(errors).length) throw new CommitteeBusinessError(errors);
    await inTransaction(this.db, async (trx) => {
      const { minutes, action } = await this.forChange(trx, meetingId, reason, 'attendance');
      // Recorded votes must still fit who was present.
      const votes = this.voteProblems(ctx, summary, await this.repo.itemMinutes(meetingId, trx));
      if (votes.length) throw new CommitteeBusinessError(Object.fromEntries(votes.map((v, i) => [i === 0 ? 'attendance' : `attendance-${i}`, `${v}: change the votes first`])));
      if (!summary.quorate && (await this.decided(trx, meetingId))) {
        throw new CommitteeBusinessError({ attendance: `${summary.problems.find((p) => p.code === 'not-quorate')!.message}, but motions and resolutions are recorded: an inquorate meeting decides nothing` });
      }
      const before = { attendance: await this.repo.attendance(meetingId, trx), finishedAt: minutes.finishedAt };
      await this.repo.replaceAttendance(trx, meetingId, entries);
      await this.repo.setFinishedAt(trx, meetingId, finishedAt);
      await recordAudit(trx, [{ actor: actor.email, action: `minutes:${action}-attendance`, entity: 'meeting', entityKey: String(meetingId), before, after: { attendance: entries, finishedAt, quorate: summary.quorate, voters: summary.voters.length }, reason }]);
    });
  }

  /** Whether any item records a motion with votes or a resolution. */
  private async decided(db: Db, meetingId: number, exceptItem: number | null = null): Promise<boolean> {
    for (const [itemId, m] of await this.repo.itemMinutes(meetingId, db)) {
      if (itemId === exceptItem) continue;
      if (m.resolutions.length || m.motions.some((mo) => mo.counts !== null)) return true;
    }
    return false;
  }

  /** Records the declarations of interest, replacing those recorded (audited; a correction once agreed). */
  async recordDeclarations(meetingId: number, input: DeclarationInput, actor: Actor): Promise<void> {
    requireManager(actor, 'record minutes');
    const ctx = await this.meetingFor(meetingId);
    const errors: FieldErrors = {};
    const bySlug = new Map(ctx.people.map((p) => [p.slug, p]));
    const itemIds = new Map(ctx.lines.filter((l) => l.item).map((l) => [String(l.item!.id), `item ${l.number}, ${l.title}`]));
    const rows: (DeclarationRecord & { row: number })[] = [];
    (input.rows ?? []).forEach((r, i) => {
      const n = i + 1;
      const detail = clean(r.detail);
      if (!clean(r.person) && !clean(r.item) && !clean(r.type) && !detail) return;
      const person = bySlug.get(clean(r.person));
      if (!person) errors[`declaration${n}Person`] = `Select the member who declared interest ${n}`;
      if (!itemIds.has(clean(r.item))) errors[`declaration${n}Item`] = `Select the agenda item of interest ${n}`;
      if (!isInterestType(r.type)) errors[`declaration${n}Type`] = `Select the type of interest ${n}`;
      if (detail.length > MAX_DETAIL) errors[`declaration${n}Detail`] = `The detail of interest ${n} must be ${MAX_DETAIL.toLocaleString('en-GB')} characters or fewer`;
      if (person && itemIds.has(clean(r.item)) && isInterestType(r.type)) rows.push({ row: n, personId: person.id, itemId: Number(clean(r.item)), type: r.type as InterestType, detail, withdrew: yes(r.withdrew) });
    });
    const reason = this.checkReason(errors, input.reason);
    const attendance = await this.repo.attendance(meetingId);
    const present = new Set(attendance.filter((a) => a.status === 'present').map((a) => a.personId));
    const problems = checkDeclarations(rows.map((r) => ({ ...r, itemKey: String(r.itemId) })), present, itemIds, ctx.nameOf);
    const field = { 'not-present': 'Person', 'unknown-item': 'Item', 'no-detail': 'Detail', 'pecuniary-not-withdrawn': 'Withdrew', 'declared-twice': 'Type' } as const;
    for (const p of problems) {
      const key = `declaration${rows[p.index]!.row}${field[p.code]}`;
      errors[key] ??= p.message;
    }
    if (Object.keys(errors).length) throw new CommitteeBusinessError(errors);
    await inTransaction(this.db, async (trx) => {
      const { action } = await this.forChange(trx, meetingId, reason, 'declarations');
      const before = await this.repo.declarations(meetingId, trx);
      const after = rows.map(({ row: _row, ...d }) => d);
      await this.repo.replaceDeclarations(trx, meetingId, after);
      await this.repo.touch(trx, meetingId);
      await recordAudit(trx, [{ actor: actor.email, action: `minutes:${action}-declarations`, entity: 'meeting', entityKey: String(meetingId), before: { declarations: before }, after: { declarations: after }, reason }]);
    });
  }

  /**
   * Records an item's minutes — discussion, motions and votes, resolutions, actions — replacing what was
   * recorded, all or nothing (audited; a correction once agreed). An action to report back gains (or keeps)
   * an entry in the committee's forward work programme; one that no longer reports back loses it.
   */
  async recordItem(meetingId: number, itemId: number, input: ItemInput, actor: Actor): Promise<void> {
    requireManager(actor, 'record minutes');
    const ctx = await this.meetingFor(meetingId);
    const line = ctx.lines.find((l) => l.item?.id === itemId);
    if (!line) throw new CommitteeBusinessError({ item: 'There is no such item on the meeting’s agenda' });
    const errors: FieldErrors = {};
    const bySlug = new Map(ctx.people.map((p) => [p.slug, p]));
    const attendance = await this.repo.attendance(meetingId);
    const summary = this.summary(ctx, attendance);
    const presentIds = new Set(attendance.filter((a) => a.status === 'present').map((a) => a.personId));

    const discussion = clean(input.discussion);
    if (discussion.length > MAX_DISCUSSION) errors.discussion = `The discussion must be ${MAX_DISCUSSION.toLocaleString('en-GB')} characters or fewer`;

    const motions: MotionRecord[] = [];
    (input.motions ?? []).forEach((m, i) => {
      const n = i + 1;
      const text = clean(m.text);
      const namedEntries = Object.entries(m.named ?? {}).filter(([, c]) => clean(c) !== '');
      const anyCount = [m.for, m.against, m.abstain].some((c) => clean(c) !== '');
      if (!text && !clean(m.mover) && !clean(m.seconder) && !clean(m.amendments) && !anyCount && !namedEntries.length && !clean(m.casting)) return;
      const p = `motion${n}`;
      if (!text) errors[`${p}Text`] = `Enter the words of motion ${n}`;
      else if (text.length > MAX_MOTION) errors[`${p}Text`] = `Motion ${n} must be ${MAX_MOTION.toLocaleString('en-GB')} characters or fewer`;
      const mover = bySlug.get(clean(m.mover));
      if (!mover) errors[`${p}Mover`] = `Select who moved motion ${n}`;
      else if (!presentIds.has(mover.id)) errors[`${p}Mover`] = `${displayName(mover)} moved motion ${n} but is not recorded as present`;
      const seconderSlug = clean(m.seconder);
      const seconder = seconderSlug ? bySlug.get(seconderSlug) : null;
      if (seconderSlug && !seconder) errors[`${p}Seconder`] = `Select who seconded motion ${n} from the list`;
      else if (seconder && mover && seconder.id === mover.id) errors[`${p}Seconder`] = `Motion ${n} cannot be seconded by its mover`;
      else if (seconder && !presentIds.has(seconder.id)) errors[`${p}Seconder`] = `${displayName(seconder)} seconded motion ${n} but is not recorded as present`;
      const amendments = clean(m.amendments).split('\n').map((a) => a.trim()).filter(Boolean);
      if (amendments.some((a) => a.length > MAX_MOTION)) errors[`${p}Amendments`] = `Each amendment to motion ${n} must be ${MAX_MOTION.toLocaleString('en-GB')} characters or fewer`;
      const named: NamedVote[] = [];
      for (const [slug, choice] of namedEntries) {
        const person = bySlug.get(slug);
        if (!person || !(VOTE_CHOICES as readonly string[]).includes(clean(choice))) errors[`${p}Named`] ??= `Select each member’s vote on motion ${n} from the list`;
        else named.push({ personId: person.id, choice: clean(choice) as VoteChoice });
      }
      let counts: VoteCounts | null = null;
      const raw = { for: readCount(m.for), against: readCount(m.against), abstain: readCount(m.abstain) };
      for (const c of VOTE_CHOICES) if (raw[c] === 'bad') errors[`${p}${c[0]!.toUpperCase()}${c.slice(1)}`] = `The number of votes ${c} motion ${n} must be a whole number, 0 or more`;
      if (anyCount) {
        if (VOTE_CHOICES.every((c) => raw[c] !== 'bad')) counts = { for: (raw.for as number | null) ?? 0, against: (raw.against as number | null) ?? 0, abstain: (raw.abstain as number | null) ?? 0 };
      } else if (named.length) counts = tally(named);
      const casting = clean(m.casting);
      if (casting && casting !== 'for' && casting !== 'against') errors[`${p}Casting`] = `Select the Chairman’s casting vote on motion ${n}`;
      const castingVote: CastingVote = casting === 'for' || casting === 'against' ? casting : null;
      if (castingVote && !counts) errors[`${p}Casting`] = `A casting vote is recorded on motion ${n} but no votes are`;
      if (counts && !summary.quorate) errors[`${p}For`] = `Votes are recorded on motion ${n}, but ${summary.problems.find((q) => q.code === 'not-quorate')!.message.replace(/^The/, 'the')}`;
      else if (counts) {
        const problems = checkVote({ counts, named: named.length ? named : undefined, castingVote }, summary.voters, ctx.nameOf);
        for (const q of problems) {
          const key = q.code === 'casting-vote-without-tie' ? `${p}Casting` : q.code === 'not-voting-member' || q.code === 'voted-twice' ? `${p}Named` : `${p}For`;
          errors[key] = errors[key] ? `${errors[key]}; ${q.message}` : `Motion ${n}: ${q.message}`;
        }
      }
      if (mover && text) motions.push({ text, moverId: mover.id, seconderId: seconder?.id ?? null, amendments, counts, castingVote, named });
    });

    const { resolutions, error: resolutionError } = readResolutions(input.resolutions ?? '');
    if (resolutionError) errors.resolutions = resolutionError;
    else if (resolutions.length && !summary.quorate) errors.resolutions = `Resolutions are recorded, but ${summary.problems.find((q) => q.code === 'not-quorate')!.message.replace(/^The/, 'the')}: an inquorate meeting decides nothing`;
    const resolvedUnanimously = yes(input.resolvedUnanimously);
    if (resolvedUnanimously && !resolutions.length) errors.resolvedUnanimously = 'Record the resolutions agreed unanimously';
    const noBusiness = yes(input.noBusiness);
    if (noBusiness && (discussion || motions.length || resolutions.length)) errors.noBusiness = 'The item records business: untick “None”, or remove the business';

    const later = new Map((await this.business.meetings({ committeeIds: [ctx.meeting.committeeId] })).filter((m) => m.date > ctx.meeting.date).map((m) => [String(m.id), m]));
    const actions: (ActionFields & { row: number })[] = [];
    (input.actions ?? []).forEach((a, i) => {
      const n = i + 1;
      const text = oneLine(a.text);
      if (!text && !clean(a.owner) && !clean(a.target) && !yes(a.reportBack)) return;
      const p = `action${n}`;
      if (!text) errors[`${p}Text`] = `Enter what action ${n} is`;
      else if (text.length > MAX_ACTION) errors[`${p}Text`] = `Action ${n} must be ${MAX_ACTION.toLocaleString('en-GB')} characters or fewer`;
      const ownerSlug = clean(a.owner);
      const owner = ownerSlug ? bySlug.get(ownerSlug) : null;
      if (ownerSlug && !owner) errors[`${p}Owner`] = `Select the owner of action ${n} from the list`;
      const targetKey = clean(a.target);
      const target = targetKey ? later.get(targetKey) : null;
      if (targetKey && !target) errors[`${p}Target`] = `Select a later meeting of the committee for action ${n}, or “a future meeting”`;
      else if (target && (target.status === 'cancelled' || target.status === 'postponed')) errors[`${p}Target`] = `The meeting chosen for action ${n} is ${target.status}`;
      const reportBack = yes(a.reportBack);
      if (reportBack && !owner && !errors[`${p}Owner`]) errors[`${p}Owner`] = `Name the owner of action ${n}: the forward work programme says who reports back`;
      if (text) actions.push({ row: n, text, ownerId: owner?.id ?? null, targetMeetingId: target?.id ?? null, reportBack, workProgrammeEntryId: null });
    });
    const reason = this.checkReason(errors, input.reason);
    if (Object.keys(errors).length) throw new CommitteeBusinessError(errors);

    await inTransaction(this.db, async (trx) => {
      const { action } = await this.forChange(trx, meetingId, reason, `minutes of item ${line.number}`);
      const beforeAll = await this.repo.itemMinutes(meetingId, trx);
      const before = beforeAll.get(itemId) ?? null;
      const oldActions = before?.actions ?? [];
      const audits: AuditEntry[] = [];
      // Report-back actions keep the entry of the action in their place, or gain one; the rest lose theirs.
      const keep = new Set<number>();
      for (const [i, a] of actions.entries()) {
        if (!a.reportBack) continue;
        const owner = ctx.personById.get(a.ownerId!)!;
        const fields = { committeeId: ctx.meeting.committeeId, title: a.text.slice(0, 300), overview: `Reporting back on an action of the meeting of ${formatDate(ctx.meeting.date)}, item ${line.number}: ${line.title}`.slice(0, 4000), reportOf: (owner.jobTitle ?? displayName(owner)).slice(0, 300), contributors: null, issueType: null, target: a.targetMeetingId !== null ? { kind: 'meeting' as const, meetingId: a.targetMeetingId } : { kind: 'unscheduled' as const } };
        const existing = oldActions[i]?.workProgrammeEntryId ?? null;
        if (existing !== null && !keep.has(existing)) {
          await this.programme.updateEntry(trx, existing, fields);
          a.workProgrammeEntryId = existing;
          audits.push({ actor: actor.email, action: 'work-programme:change', entity: 'work_programme_entry', entityKey: String(existing), before: null, after: { title: fields.title, meeting: a.targetMeetingId, fromAction: true }, reason });
        } else {
          const [id] = await this.programme.insertEntries(trx, [fields]);
          a.workProgrammeEntryId = id!;
          audits.push({ actor: actor.email, action: 'work-programme:add', entity: 'work_programme_entry', entityKey: String(id), before: null, after: { title: fields.title, meeting: a.targetMeetingId, fromAction: true }, reason });
        }
        keep.add(a.workProgrammeEntryId!);
      }
      const fields = { discussion, resolutions, resolvedUnanimously, noBusiness, motions };
      await this.repo.replaceItem(trx, itemId, fields, actions.map(({ row: _row, ...a }) => a));
      for (const old of oldActions) {
        if (old.workProgrammeEntryId === null || keep.has(old.workProgrammeEntryId)) continue;
        await this.programme.deleteEntry(trx, old.workProgrammeEntryId);
        audits.push({ actor: actor.email, action: 'work-programme:remove', entity: 'work_programme_entry', entityKey: String(old.workProgrammeEntryId), before: { title: old.text, fromAction: true }, after: null, reason });
      }
      await this.repo.touch(trx, meetingId);
      const strip = (r: ItemMinutesRecord | null) => (r ? { discussion: r.discussion, resolutions: r.resolutions, resolvedUnanimously: r.resolvedUnanimously, noBusiness: r.noBusiness, motions: r.motions, actions: r.actions.map((a) => ({ text: a.text, ownerId: a.ownerId, targetMeetingId: a.targetMeetingId, reportBack: a.reportBack })) } : null);
      audits.unshift({ actor: actor.email, action: `minutes:${action}-item`, entity: 'agenda_item', entityKey: String(itemId), before: strip(before), after: { meeting: meetingId, ...fields, actions: actions.map(({ row: _row, ...a }) => a) }, reason });
      await recordAudit(trx, audits);
    });
  }

  /** Publishes the minutes as draft minutes: the public sees them, marked DRAFT (audited). */
  async publishDraft(meetingId: number, actor: Actor): Promise<void> {
    requireManager(actor, 'publish minutes');
    const staff = await this.staffMinutes(meetingId, actor);
    if (!staff) throw new CommitteeBusinessError({ publish: 'There is no such meeting' });
    if (staff.published) throw new CommitteeBusinessError({ publish: 'The minutes are already published' });
    if (staff.meeting.date > new Date().toISOString().slice(0, 10)) throw new CommitteeBusinessError({ publish: 'The meeting has not been held yet' });
    if (staff.problems.length) throw new CommitteeBusinessError(Object.fromEntries(staff.problems.map((p, i) => [i === 0 ? 'publish' : `publish-${i}`, p])));
    await inTransaction(this.db, async (trx) => {
      const minutes = await this.repo.lockMinutes(trx, meetingId);
      if (minutes.publishedAt) throw new CommitteeBusinessError({ publish: 'The minutes are already published' });
      await this.repo.publish(trx, meetingId, actor.email);
      const meeting = (await this.business.lockMeeting(trx, meetingId))!;
      if (meeting.status !== 'minutes-draft' && meeting.status !== 'minutes-agreed') await this.business.updateMeeting(trx, meetingId, { status: 'minutes-draft', statusReason: null });
      await recordAudit(trx, [{ actor: actor.email, action: 'minutes:publish-draft', entity: 'meeting', entityKey: String(meetingId), before: { status: meeting.status }, after: { status: 'minutes-draft' }, reason: null }]);
    });
  }

  /** Records that a later meeting of the committee agreed the published draft minutes as the correct record; they are then locked (audited). */
  async agree(meetingId: number, input: { meeting: string }, actor: Actor): Promise<void> {
    requireManager(actor, 'record the agreement of minutes');
    const staff = await this.staffMinutes(meetingId, actor);
    if (!staff) throw new CommitteeBusinessError({ agreedAt: 'There is no such meeting' });
    const at = staff.laterMeetings.find((m) => String(m.id) === clean(input.meeting));
    if (!staff.published) throw new CommitteeBusinessError({ agreedAt: 'Publish the draft minutes first: a meeting agrees the minutes it has seen' });
    if (staff.agreed) throw new CommitteeBusinessError({ agreedAt: 'The minutes are already agreed' });
    if (!at) throw new CommitteeBusinessError({ agreedAt: 'Select the later meeting of the committee that agreed the minutes' });
    if (at.date > new Date().toISOString().slice(0, 10)) throw new CommitteeBusinessError({ agreedAt: `The meeting of ${formatDate(at.date)} has not been held yet` });
    await inTransaction(this.db, async (trx) => {
      const minutes = await this.repo.lockMinutes(trx, meetingId);
      if (minutes.state === 'agreed') throw new CommitteeBusinessError({ agreedAt: 'The minutes are already agreed' });
      await this.repo.agree(trx, meetingId, at.id, at.date, actor.email);
      const meeting = (await this.business.lockMeeting(trx, meetingId))!;
      if (meeting.status !== 'minutes-agreed') await this.business.updateMeeting(trx, meetingId, { status: 'minutes-agreed', statusReason: null });
      await recordAudit(trx, [{ actor: actor.email, action: 'minutes:agree', entity: 'meeting', entityKey: String(meetingId), before: { state: 'draft', status: meeting.status }, after: { state: 'agreed', agreedAtMeeting: at.id, agreedOn: at.date }, reason: null }]);
    });
  }
}

/** A motion of published minutes, for open civic data. */
export interface PublishedMotion {
  /** Stable within Townhall: meeting-item-position. */
  id: string;
  meeting: MeetingView;
  itemNumber: string;
  itemTitle: string;
  text: string;
  mover: Person;
  seconder: Person | null;
  counts: VoteCounts | null;
  result: 'carried' | 'lost' | null;
  named: { person: Person; choice: VoteChoice }[];
  minutesState: 'draft' | 'agreed';
}

