/**
 * Meeting outcomes storage (migration 0029, ADR 0026): a meeting's minutes and their state, attendance,
 * declarations of interest, each agenda item's minutes with its motions, named votes and actions. All
 * its SQL. Writes take the caller's transaction (src/services/outcomesService.ts); a replace writes the
 * whole of what it replaces.
 */
import type { Db } from '../db/connection.ts';
import type { AttendanceEntry, AttendanceStatus } from '../domain/attendance.ts';
import type { InterestType } from '../domain/declarations.ts';
import type { ResolutionNode } from '../domain/resolutions.ts';
import type { CastingVote, NamedVote, VoteCounts } from '../domain/votes.ts';
import { anyInt } from './bulk.ts';

export type MinutesState = 'draft' | 'agreed';

export interface MinutesRecord {
  meetingId: number;
  state: MinutesState;
  finishedAt: string | null;
  publishedAt: Date | null;
  publishedBy: string | null;
  agreedAtMeetingId: number | null;
  agreedOn: string | null;
  agreedRecordedBy: string | null;
}

export interface DeclarationRecord {
  personId: number;
  itemId: number;
  type: InterestType;
  detail: string;
  withdrew: boolean;
}

export interface MotionRecord {
  text: string;
  moverId: number;
  seconderId: number | null;
  amendments: string[];
  /** Null: no vote was taken. */
  counts: VoteCounts | null;
  castingVote: CastingVote;
  /** A recorded vote: who voted how (empty when the vote was not recorded by name). */
  named: NamedVote[];
}

export interface ActionFields {
  text: string;
  ownerId: number | null;
  targetMeetingId: number | null;
  reportBack: boolean;
  workProgrammeEntryId: number | null;
}

export interface ActionRecord extends ActionFields {
  id: number;
  itemId: number;
  position: number;
}

export interface ItemMinutesFields {
  discussion: string;
  resolutions: ResolutionNode[];
  resolvedUnanimously: boolean;
  noBusiness: boolean;
  motions: MotionRecord[];
}

export interface ItemMinutesRecord extends ItemMinutesFields {
  itemId: number;
  actions: ActionRecord[];
}

const MINUTES_COLUMNS = ['meeting_id', 'state', 'finished_at', 'published_at', 'published_by', 'agreed_at_meeting_id', 'agreed_on', 'agreed_recorded_by'] as const;

const minutesOf = (r: {
  meeting_id: number;
  state: MinutesState;
  finished_at: string | null;
  published_at: Date | null;
  published_by: string | null;
  agreed_at_meeting_id: number | null;
  agreed_on: string | null;
  agreed_recorded_by: string | null;
}): MinutesRecord => ({
  meetingId: r.meeting_id,
  state: r.state,
  finishedAt: r.finished_at,
  publishedAt: r.published_at,
  publishedBy: r.published_by,
  agreedAtMeetingId: r.agreed_at_meeting_id,
  agreedOn: r.agreed_on,
  agreedRecordedBy: r.agreed_recorded_by,
});

const json = (value: unknown) => JSON.stringify(value) as never;

export class OutcomesRepository {
  constructor(private readonly db: Db) {}

  async minutes(meetingId: number, db: Db = this.db): Promise<MinutesRecord | null> {
    const r = await db.selectFrom('minutes').select(MINUTES_COLUMNS).where('meeting_id', '=', meetingId).executeTakeFirst();
    return r ? minutesOf(r) : null;
  }

  /** The minutes of the meetings given that have any. */
  async minutesOf(meetingIds: readonly number[], db: Db = this.db): Promise<MinutesRecord[]> {
    if (!meetingIds.length) return [];
    const rows = await db.selectFrom('minutes').select(MINUTES_COLUMNS).where('meeting_id', '=', anyInt(meetingIds)).orderBy('meeting_id').execute();
    return rows.map(minutesOf);
  }

  /** The meetings whose minutes are published (as draft or agreed). */
  async publishedMinutes(db: Db = this.db): Promise<MinutesRecord[]> {
    const rows = await db.selectFrom('minutes').select(MINUTES_COLUMNS).where('published_at', 'is not', null).orderBy('meeting_id').execute();
    return rows.map(minutesOf);
  }

  /** The minutes' row, made when missing, locked until the transaction ends: one writer of a meeting's minutes at a time. */
  async lockMinutes(trx: Db, meetingId: number): Promise<MinutesRecord> {
    await trx.insertInto('minutes').values({ meeting_id: meetingId, finished_at: null, published_at: null, published_by: null, agreed_at_meeting_id: null, agreed_on: null, agreed_recorded_by: null }).onConflict((oc) => oc.column('meeting_id').doNothing()).execute();
    const r = await trx.selectFrom('minutes').select(MINUTES_COLUMNS).where('meeting_id', '=', meetingId).forUpdate().executeTakeFirstOrThrow();
    return minutesOf(r);
  }

  async setFinishedAt(trx: Db, meetingId: number, finishedAt: string | null): Promise<void> {
    await trx.updateTable('minutes').set({ finished_at: finishedAt, updated_at: new Date() }).where('meeting_id', '=', meetingId).execute();
  }

  async publish(trx: Db, meetingId: number, by: string): Promise<void> {
    await trx.updateTable('minutes').set({ published_at: new Date(), published_by: by, updated_at: new Date() }).where('meeting_id', '=', meetingId).execute();
  }

  async agree(trx: Db, meetingId: number, atMeetingId: number, on: string, by: string): Promise<void> {
    await trx.updateTable('minutes').set({ state: 'agreed', agreed_at_meeting_id: atMeetingId, agreed_on: on, agreed_recorded_by: by, updated_at: new Date() }).where('meeting_id', '=', meetingId).execute();
  }

  async touch(trx: Db, meetingId: number): Promise<void> {
    await trx.updateTable('minutes').set({ updated_at: new Date() }).where('meeting_id', '=', meetingId).execute();
  }

  // Attendance

  async attendance(meetingId: number, db: Db = this.db): Promise<AttendanceEntry[]> {
    const rows = await db.selectFrom('attendance').select(['person_id', 'status', 'in_place_of']).where('meeting_id', '=', meetingId).orderBy('person_id').execute();
    return rows.map((r) => ({ personId: r.person_id, status: r.status, inPlaceOf: r.in_place_of }));
  }

  async replaceAttendance(trx: Db, meetingId: number, entries: readonly { personId: number; status: AttendanceStatus; inPlaceOf: number | null }[]): Promise<void> {
    await trx.deleteFrom('attendance').where('meeting_id', '=', meetingId).execute();
    if (!entries.length) return;
    await trx
      .insertInto('attendance')
      .values(entries.map((e) => ({ meeting_id: meetingId, person_id: e.personId, status: e.status, in_place_of: e.inPlaceOf })))
      .execute();
  }

  // Declarations

  async declarations(meetingId: number, db: Db = this.db): Promise<DeclarationRecord[]> {
    const rows = await db.selectFrom('declaration').select(['person_id', 'agenda_item_id', 'interest_type', 'detail', 'withdrew']).where('meeting_id', '=', meetingId).orderBy('position').execute();
    return rows.map((r) => ({ personId: r.person_id, itemId: r.agenda_item_id, type: r.interest_type, detail: r.detail, withdrew: r.withdrew }));
  }

  async replaceDeclarations(trx: Db, meetingId: number, declarations: readonly DeclarationRecord[]): Promise<void> {
    await trx.deleteFrom('declaration').where('meeting_id', '=', meetingId).execute();
    if (!declarations.length) return;
    await trx
      .insertInto('declaration')
      .values(declarations.map((d, i) => ({ meeting_id: meetingId, position: i + 1, person_id: d.personId, agenda_item_id: d.itemId, interest_type: d.type, detail: d.detail, withdrew: d.withdrew })))
      .execute();
  }

  // Item minutes

  /** The minutes of a meeting's items that have any, by item id. */
  async itemMinutes(meetingId: number, db: Db = this.db): Promise<Map<number, ItemMinutesRecord>> {
    const items = await db
      .selectFrom('item_minutes as m')
      .innerJoin('agenda_item as i', 'i.id', 'm.agenda_item_id')
      .select(['m.agenda_item_id', 'm.discussion', 'm.resolutions', 'm.resolved_unanimously', 'm.no_business'])
      .where('i.meeting_id', '=', meetingId)
      .execute();
    const motions = await db
      .selectFrom('motion as mo')
      .innerJoin('agenda_item as i', 'i.id', 'mo.agenda_item_id')
      .select(['mo.id', 'mo.agenda_item_id', 'mo.text', 'mo.mover_id', 'mo.seconder_id', 'mo.amendments', 'mo.votes_for', 'mo.votes_against', 'mo.votes_abstain', 'mo.casting_vote'])
      .where('i.meeting_id', '=', meetingId)
      .orderBy('mo.agenda_item_id')
      .orderBy('mo.position')
      .execute();
    const named = motions.length
      ? await db.selectFrom('named_vote').select(['motion_id', 'person_id', 'choice']).where('motion_id', '=', anyInt(motions.map((m) => m.id))).orderBy('motion_id').orderBy('person_id').execute()
      : [];
    const actions = await this.actionsWhere(db, { meetingId });
    const out = new Map<number, ItemMinutesRecord>();
    for (const r of items) {
      out.set(r.agenda_item_id, { itemId: r.agenda_item_id, discussion: r.discussion, resolutions: r.resolutions, resolvedUnanimously: r.resolved_unanimously, noBusiness: r.no_business, motions: [], actions: [] });
    }
    for (const m of motions) {
      out.get(m.agenda_item_id)?.motions.push({
        text: m.text,
        moverId: m.mover_id,
        seconderId: m.seconder_id,
        amendments: m.amendments,
        counts: m.votes_for === null ? null : { for: m.votes_for, against: m.votes_against ?? 0, abstain: m.votes_abstain ?? 0 },
        castingVote: m.casting_vote,
        named: named.filter((n) => n.motion_id === m.id).map((n) => ({ personId: n.person_id, choice: n.choice })),
      });
    }
    for (const a of actions) out.get(a.itemId)?.actions.push(a);
    return out;
  }

  private async actionsWhere(db: Db, where: { meetingId?: number; itemId?: number }): Promise<ActionRecord[]> {
    let q = db
      .selectFrom('meeting_action as a')
      .innerJoin('agenda_item as i', 'i.id', 'a.agenda_item_id')
      .select(['a.id', 'a.agenda_item_id', 'a.position', 'a.text', 'a.owner_id', 'a.target_meeting_id', 'a.report_back', 'a.work_programme_entry_id']);
    if (where.meetingId !== undefined) q = q.where('i.meeting_id', '=', where.meetingId);
    if (where.itemId !== undefined) q = q.where('a.agenda_item_id', '=', where.itemId);
    const rows = await q.orderBy('a.agenda_item_id').orderBy('a.position').execute();
    return rows.map((r) => ({ id: r.id, itemId: r.agenda_item_id, position: r.position, text: r.text, ownerId: r.owner_id, targetMeetingId: r.target_meeting_id, reportBack: r.report_back, workProgrammeEntryId: r.work_programme_entry_id }));
  }

  async actionsOfItem(itemId: number, db: Db = this.db): Promise<ActionRecord[]> {
    return this.actionsWhere(db, { itemId });
  }

  /** Replaces an item's minutes, motions (with their named votes) and actions; returns the actions' ids in order. */
  async replaceItem(trx: Db, itemId: number, fields: ItemMinutesFields, actions: readonly ActionFields[]): Promise<number[]> {
    await trx
      .insertInto('item_minutes')
      .values({ agenda_item_id: itemId, discussion: fields.discussion, resolutions: json(fields.resolutions), resolved_unanimously: fields.resolvedUnanimously, no_business: fields.noBusiness })
      .onConflict((oc) =>
        oc.column('agenda_item_id').doUpdateSet({ discussion: fields.discussion, resolutions: json(fields.resolutions), resolved_unanimously: fields.resolvedUnanimously, no_business: fields.noBusiness, updated_at: new Date() }),
      )
      .execute();
    await trx.deleteFrom('motion').where('agenda_item_id', '=', itemId).execute();
    for (const [n, m] of fields.motions.entries()) {
      const { id } = await trx
        .insertInto('motion')
        .values({
          agenda_item_id: itemId,
          position: n + 1,
          text: m.text,
          mover_id: m.moverId,
          seconder_id: m.seconderId,
          amendments: json(m.amendments),
          votes_for: m.counts?.for ?? null,
          votes_against: m.counts?.against ?? null,
          votes_abstain: m.counts?.abstain ?? null,
          casting_vote: m.castingVote,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (m.named.length) await trx.insertInto('named_vote').values(m.named.map((v) => ({ motion_id: id, person_id: v.personId, choice: v.choice }))).execute();
    }
    await trx.deleteFrom('meeting_action').where('agenda_item_id', '=', itemId).execute();
    const ids: number[] = [];
    for (const [n, a] of actions.entries()) {
      const row = await trx
        .insertInto('meeting_action')
        .values({ agenda_item_id: itemId, position: n + 1, text: a.text, owner_id: a.ownerId, target_meeting_id: a.targetMeetingId, report_back: a.reportBack, work_programme_entry_id: a.workProgrammeEntryId })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.push(row.id);
    }
    return ids;
  }
}
