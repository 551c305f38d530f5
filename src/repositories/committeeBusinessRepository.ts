/**
 * Committee business storage (migration 0020, ADR 0018): people, dated memberships of committees, the
 * committee facts a cover prints (quorum, short name, governance contact) and meetings. All its SQL.
 * Writes take the caller's transaction (src/services/committeeBusinessService.ts, meetingService.ts).
 */
import type { Db } from '../db/connection.ts';
import type { Membership, MembershipRole } from '../domain/membership.ts';
import type { MeetingStatus } from '../domain/meetings.ts';
import type { Person, PersonKind } from '../domain/people.ts';
import { anyInt } from './bulk.ts';

export type PersonRecord = Person;

/** A person as stored: everything but the id. */
export type PersonFields = Omit<Person, 'id'>;

/** What committee business adds to a committee. */
export interface CommitteeDetails {
  committeeId: number;
  quorum: number | null;
  shortName: string | null;
  governanceContactId: number | null;
}

export interface MembershipRecord extends Membership {
  person: Person;
}

export interface MeetingRecord {
  id: number;
  uid: string;
  committeeId: number;
  date: string;
  startTime: string;
  venue: string;
  status: MeetingStatus;
  statusReason: string | null;
  sequence: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface MeetingFields {
  committeeId: number;
  date: string;
  startTime: string;
  venue: string;
}

const PERSON_COLUMNS = ['p.id', 'p.slug', 'p.name', 'p.kind', 'p.party', 'p.ward', 'p.job_title', 'p.email', 'p.phone'] as const;

type PersonRow = { id: number; slug: string; name: string; kind: PersonKind; party: string | null; ward: string | null; job_title: string | null; email: string | null; phone: string | null };

const person = (r: PersonRow): Person => ({ id: r.id, slug: r.slug, name: r.name, kind: r.kind, party: r.party, ward: r.ward, jobTitle: r.job_title, email: r.email, phone: r.phone });

const MEETING_COLUMNS = ['id', 'uid', 'committee_id', 'meeting_date', 'start_time', 'venue', 'status', 'status_reason', 'sequence', 'created_at', 'updated_at'] as const;

type MeetingRow = {
  id: number;
  uid: string;
  committee_id: number;
  meeting_date: string;
  start_time: string;
  venue: string;
  status: MeetingStatus;
  status_reason: string | null;
  sequence: number;
  created_at: Date;
  updated_at: Date;
};

const meeting = (r: MeetingRow): MeetingRecord => ({
  id: r.id,
  uid: r.uid,
  committeeId: r.committee_id,
  date: r.meeting_date,
  startTime: r.start_time,
  venue: r.venue,
  status: r.status,
  statusReason: r.status_reason,
  sequence: r.sequence,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export class CommitteeBusinessRepository {
  constructor(private readonly db: Db) {}

  // People

  /** Everyone, by name. */
  async people(db: Db = this.db): Promise<Person[]> {
    return (await db.selectFrom('person as p').select(PERSON_COLUMNS).orderBy('p.name').execute()).map(person);
  }

  async personBySlug(slug: string, db: Db = this.db): Promise<Person | null> {
    const row = await db.selectFrom('person as p').select(PERSON_COLUMNS).where('p.slug', '=', slug).executeTakeFirst();
    return row ? person(row) : null;
  }

  async personById(id: number, db: Db = this.db): Promise<Person | null> {
    const row = await db.selectFrom('person as p').select(PERSON_COLUMNS).where('p.id', '=', id).executeTakeFirst();
    return row ? person(row) : null;
  }

  /** Locks the person's row until the transaction ends (memberships of one person are checked one writer at a time). */
  async lockPerson(trx: Db, id: number): Promise<Person | null> {
    const row = await trx.selectFrom('person as p').select(PERSON_COLUMNS).where('p.id', '=', id).forUpdate().executeTakeFirst();
    return row ? person(row) : null;
  }

  async insertPerson(trx: Db, fields: PersonFields): Promise<number> {
    const row = await trx
      .insertInto('person')
      .values({ slug: fields.slug, name: fields.name, kind: fields.kind, party: fields.party, ward: fields.ward, job_title: fields.jobTitle, email: fields.email, phone: fields.phone })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async updatePerson(trx: Db, id: number, fields: PersonFields): Promise<void> {
    await trx
      .updateTable('person')
      .set({ slug: fields.slug, name: fields.name, kind: fields.kind, party: fields.party, ward: fields.ward, job_title: fields.jobTitle, email: fields.email, phone: fields.phone, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
  }

  // Committees

  async committeeDetails(db: Db = this.db): Promise<CommitteeDetails[]> {
    const rows = await db.selectFrom('committee').select(['id', 'quorum', 'short_name', 'governance_contact_id']).orderBy('id').execute();
    return rows.map((r) => ({ committeeId: r.id, quorum: r.quorum, shortName: r.short_name, governanceContactId: r.governance_contact_id }));
  }

  /** Every committee's names, oldest first (the first is its key in the import workbook). */
  async committeeNames(db: Db = this.db): Promise<{ committeeId: number; slug: string; names: string[] }[]> {
    const rows = await db
      .selectFrom('committee as c')
      .innerJoin('committee_name as n', 'n.committee_id', 'c.id')
      .select(['c.id', 'c.slug', 'n.name'])
      .orderBy('c.id')
      .orderBy('n.from_year', (ob) => ob.asc().nullsFirst())
      .execute();
    const out = new Map<number, { committeeId: number; slug: string; names: string[] }>();
    for (const r of rows) {
      const c = out.get(r.id) ?? { committeeId: r.id, slug: r.slug, names: [] };
      c.names.push(r.name);
      out.set(r.id, c);
    }
    return [...out.values()];
  }

  async lockCommittee(trx: Db, id: number): Promise<CommitteeDetails | null> {
    const r = await trx.selectFrom('committee').select(['id', 'quorum', 'short_name', 'governance_contact_id']).where('id', '=', id).forUpdate().executeTakeFirst();
    return r ? { committeeId: r.id, quorum: r.quorum, shortName: r.short_name, governanceContactId: r.governance_contact_id } : null;
  }

  async updateCommitteeDetails(trx: Db, details: CommitteeDetails): Promise<void> {
    await trx
      .updateTable('committee')
      .set({ quorum: details.quorum, short_name: details.shortName, governance_contact_id: details.governanceContactId })
      .where('id', '=', details.committeeId)
      .execute();
  }

  // Memberships

  private membershipQuery(db: Db) {
    return db
      .selectFrom('membership as m')
      .innerJoin('person as p', 'p.id', 'm.person_id')
      .select(['m.id as membership_id', 'm.committee_id', 'm.person_id', 'm.role', 'm.from_date', 'm.to_date', ...PERSON_COLUMNS])
      .orderBy('m.from_date')
      .orderBy('m.id');
  }

  private static membership(r: PersonRow & { membership_id: number; committee_id: number; person_id: number; role: MembershipRole; from_date: string; to_date: string | null }): MembershipRecord {
    return { id: r.membership_id, committeeId: r.committee_id, personId: r.person_id, role: r.role, from: r.from_date, to: r.to_date, person: person(r) };
  }

  /** Every membership of the committees given (all committees when not given), oldest first. */
  async memberships(committeeIds?: readonly number[], db: Db = this.db): Promise<MembershipRecord[]> {
    let q = this.membershipQuery(db);
    if (committeeIds) {
      if (!committeeIds.length) return [];
      q = q.where('m.committee_id', '=', anyInt(committeeIds));
    }
    return (await q.execute()).map(CommitteeBusinessRepository.membership);
  }

  async membershipsOfPerson(personId: number, db: Db = this.db): Promise<MembershipRecord[]> {
    return (await this.membershipQuery(db).where('m.person_id', '=', personId).execute()).map(CommitteeBusinessRepository.membership);
  }

  async membershipById(id: number, db: Db = this.db): Promise<MembershipRecord | null> {
    const row = await this.membershipQuery(db).where('m.id', '=', id).executeTakeFirst();
    return row ? CommitteeBusinessRepository.membership(row) : null;
  }

  async insertMembership(trx: Db, m: Omit<Membership, 'id'>): Promise<number> {
    const row = await trx
      .insertInto('membership')
      .values({ committee_id: m.committeeId, person_id: m.personId, role: m.role, from_date: m.from, to_date: m.to })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** Changes a membership's role and last day (an import's change). */
  async updateMembership(trx: Db, id: number, changes: Pick<Membership, 'role' | 'to'>): Promise<void> {
    await trx.updateTable('membership').set({ role: changes.role, to_date: changes.to, updated_at: new Date() }).where('id', '=', id).execute();
  }

  async setMembershipEnd(trx: Db, id: number, to: string | null): Promise<void> {
    await trx.updateTable('membership').set({ to_date: to, updated_at: new Date() }).where('id', '=', id).execute();
  }

  // Meetings

  /** Meetings on days from `from` to `to` (both included), by date and time; all when not given. */
  async meetings(range: { from?: string; to?: string; committeeIds?: readonly number[] } = {}, db: Db = this.db): Promise<MeetingRecord[]> {
    let q = db.selectFrom('meeting').select(MEETING_COLUMNS);
    if (range.from) q = q.where('meeting_date', '>=', range.from);
    if (range.to) q = q.where('meeting_date', '<=', range.to);
    if (range.committeeIds) {
      if (!range.committeeIds.length) return [];
      q = q.where('committee_id', '=', anyInt(range.committeeIds));
    }
    return (await q.orderBy('meeting_date').orderBy('start_time').orderBy('id').execute()).map(meeting);
  }

  async meetingById(id: number, db: Db = this.db): Promise<MeetingRecord | null> {
    const row = await db.selectFrom('meeting').select(MEETING_COLUMNS).where('id', '=', id).executeTakeFirst();
    return row ? meeting(row) : null;
  }

  async lockMeeting(trx: Db, id: number): Promise<MeetingRecord | null> {
    const row = await trx.selectFrom('meeting').select(MEETING_COLUMNS).where('id', '=', id).forUpdate().executeTakeFirst();
    return row ? meeting(row) : null;
  }

  /** Inserts meetings; returns their ids in the order given. */
  async insertMeetings(trx: Db, rows: readonly (MeetingFields & { uid: string; status?: MeetingStatus; statusReason?: string | null })[]): Promise<number[]> {
    if (!rows.length) return [];
    const ids = await trx
      .insertInto('meeting')
      .values(
        rows.map((r) => ({
          uid: r.uid,
          committee_id: r.committeeId,
          meeting_date: r.date,
          start_time: r.startTime,
          venue: r.venue,
          // Scheduled unless said (an import brings meetings already held).
          ...(r.status ? { status: r.status, status_reason: r.statusReason ?? null } : {}),
        })),
      )
      .returning(['id', 'uid'])
      .execute();
    const byUid = new Map(ids.map((r) => [r.uid, r.id]));
    return rows.map((r) => byUid.get(r.uid)!);
  }

  /** Changes a meeting's arrangements and/or status; its sequence rises by one. */
  async updateMeeting(trx: Db, id: number, changes: Partial<MeetingFields> & { status?: MeetingStatus; statusReason?: string | null }): Promise<void> {
    await trx
      .updateTable('meeting')
      .set((eb) => ({
        ...(changes.committeeId !== undefined ? { committee_id: changes.committeeId } : {}),
        ...(changes.date !== undefined ? { meeting_date: changes.date } : {}),
        ...(changes.startTime !== undefined ? { start_time: changes.startTime } : {}),
        ...(changes.venue !== undefined ? { venue: changes.venue } : {}),
        ...(changes.status !== undefined ? { status: changes.status } : {}),
        ...(changes.statusReason !== undefined ? { status_reason: changes.statusReason } : {}),
        sequence: eb('sequence', '+', 1),
        updated_at: new Date(),
      }))
      .where('id', '=', id)
      .execute();
  }

  /** Venues used before, most used first (offered when a meeting is arranged). */
  async venues(): Promise<string[]> {
    const rows = await this.db
      .selectFrom('meeting')
      .select(['venue', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('venue')
      .orderBy('n', 'desc')
      .orderBy('venue')
      .limit(20)
      .execute();
    return rows.map((r) => r.venue);
  }
}
