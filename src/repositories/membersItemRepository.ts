/**
 * Members' items storage (migration 0027, ADR 0025): items submitted for meetings and the governance
 * officer's check. All its SQL. Writes take the caller's transaction (src/services/membersItemService.ts).
 */
import type { Db } from '../db/connection.ts';
import type { MembersItemStatus } from '../domain/membersItems.ts';

export interface MembersItemRecord {
  id: number;
  meetingId: number;
  personId: number;
  title: string;
  request: string;
  submittedBy: string;
  submittedAt: Date;
  status: MembersItemStatus;
  checkReason: string | null;
  checkedBy: string | null;
  checkedAt: Date | null;
  agendaItemId: number | null;
}

const COLUMNS = ['id', 'meeting_id', 'person_id', 'title', 'request', 'submitted_by', 'submitted_at', 'status', 'check_reason', 'checked_by', 'checked_at', 'agenda_item_id'] as const;

type Row = {
  id: number;
  meeting_id: number;
  person_id: number;
  title: string;
  request: string;
  submitted_by: string;
  submitted_at: Date;
  status: MembersItemStatus;
  check_reason: string | null;
  checked_by: string | null;
  checked_at: Date | null;
  agenda_item_id: number | null;
};

const record = (r: Row): MembersItemRecord => ({
  id: r.id,
  meetingId: r.meeting_id,
  personId: r.person_id,
  title: r.title,
  request: r.request,
  submittedBy: r.submitted_by,
  submittedAt: r.submitted_at,
  status: r.status,
  checkReason: r.check_reason,
  checkedBy: r.checked_by,
  checkedAt: r.checked_at,
  agendaItemId: r.agenda_item_id,
});

export class MembersItemRepository {
  constructor(private readonly db: Db) {}

  async byId(id: number, db: Db = this.db): Promise<MembersItemRecord | null> {
    const r = await db.selectFrom('members_item').select(COLUMNS).where('id', '=', id).executeTakeFirst();
    return r ? record(r) : null;
  }

  /** Locks the item's row until the transaction ends: one check at a time. */
  async lock(trx: Db, id: number): Promise<MembersItemRecord | null> {
    const r = await trx.selectFrom('members_item').select(COLUMNS).where('id', '=', id).forUpdate().executeTakeFirst();
    return r ? record(r) : null;
  }

  async ofPerson(personId: number, db: Db = this.db): Promise<MembersItemRecord[]> {
    return (await db.selectFrom('members_item').select(COLUMNS).where('person_id', '=', personId).orderBy('submitted_at', 'desc').orderBy('id', 'desc').execute()).map(record);
  }

  async ofMeeting(meetingId: number, db: Db = this.db): Promise<MembersItemRecord[]> {
    return (await db.selectFrom('members_item').select(COLUMNS).where('meeting_id', '=', meetingId).orderBy('id').execute()).map(record);
  }

  /** Every item, newest first. */
  async all(db: Db = this.db): Promise<MembersItemRecord[]> {
    return (await db.selectFrom('members_item').select(COLUMNS).orderBy('submitted_at', 'desc').orderBy('id', 'desc').execute()).map(record);
  }

  async insert(trx: Db, item: { meetingId: number; personId: number; title: string; request: string; submittedBy: string; submittedAt: Date }): Promise<number> {
    const r = await trx
      .insertInto('members_item')
      .values({ meeting_id: item.meetingId, person_id: item.personId, title: item.title, request: item.request, submitted_by: item.submittedBy, submitted_at: item.submittedAt, check_reason: null, checked_by: null, checked_at: null, agenda_item_id: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    return r.id;
  }

  async recordCheck(trx: Db, id: number, check: { status: Exclude<MembersItemStatus, 'submitted'>; reason: string | null; by: string; agendaItemId: number | null }): Promise<void> {
    await trx
      .updateTable('members_item')
      .set({ status: check.status, check_reason: check.reason, checked_by: check.by, checked_at: new Date(), agenda_item_id: check.agendaItemId })
      .where('id', '=', id)
      .execute();
  }
}
