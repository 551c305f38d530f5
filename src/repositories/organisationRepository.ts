/**
 * The organisation both businesses share (src/domain/organisation.ts): the council, its committees with
 * their names and terms of reference over time, and the plan years. Committee business adds people,
 * memberships and meetings here; performance reporting reads committees through it.
 */
import { sql, type SelectQueryBuilder } from 'kysely';
import type { Db } from '../db/connection.ts';
import type { Database } from '../db/schema.ts';
import type { Committee, CommitteeTerms } from '../domain/organisation.ts';

/** The organisation's committee record (src/domain/organisation.ts). */
export type CommitteeRecord = Committee;

/** A committee's (`c`) terms of reference over time, oldest first, as one JSON list (read with `termsOf`). */
export const termsColumn = sql<unknown>`(select json_agg(json_build_object('fromYear', t.from_year, 'text', t.text) order by t.from_year nulls first)
  from committee_terms t where t.committee_id = c.id)`.as('terms');

/** Terms of reference as the database returns them (json: text on some drivers, parsed on others). */
export function termsOf(value: unknown): CommitteeTerms[] {
  const list = (typeof value === 'string' ? JSON.parse(value) : value) as { fromYear: number | null; text: string }[] | null;
  return (list ?? []).map((t) => ({ fromYear: t.fromYear === null ? null : Number(t.fromYear), text: t.text }));
}

type CommitteeQuery = SelectQueryBuilder<Database & { c: Database['committee'] }, 'c', object>;

export class OrganisationRepository {
  constructor(protected readonly db: Db) {}

  async hasIndicators(): Promise<boolean> {
    return (await this.db.selectFrom('indicator').select('id').limit(1).executeTakeFirst()) !== undefined;
  }

  async councilName(): Promise<string | null> {
    return (await this.db.selectFrom('council').select('name').executeTakeFirst())?.name ?? null;
  }

  /** Finds a committee by any name it has had (case-insensitive), or by its slug. One query. */
  async findCommittee(name: string): Promise<CommitteeRecord | null> {
    const wanted = name.trim();
    const rows = await this.committees((q) =>
      q.where((eb) =>
        eb.or([
          eb('c.slug', '=', wanted),
          eb.exists(eb.selectFrom('committee_name as m').select('m.id').whereRef('m.committee_id', '=', 'c.id').where(sql`lower(m.name)`, '=', wanted.toLowerCase())),
        ]),
      ),
    );
    return rows[0] ?? null;
  }

  /** The committee whose URL slug this is. One query. */
  async committeeBySlug(slug: string): Promise<CommitteeRecord | null> {
    return (await this.committees((q) => q.where('c.slug', '=', slug)))[0] ?? null;
  }

  /** Every committee, by id, with its names over time. One query. */
  async listCommittees(): Promise<CommitteeRecord[]> {
    return this.committees((q) => q);
  }

  /** Committees with their names (oldest first) in one query; `where` narrows them. */
  private async committees(where: (q: CommitteeQuery) => CommitteeQuery): Promise<CommitteeRecord[]> {
    const rows = await where(this.db.selectFrom('committee as c'))
      .leftJoin('committee_name as n', 'n.committee_id', 'c.id')
      .select(['c.id', 'c.slug', 'n.name', 'n.from_year'])
      .select(termsColumn)
      .orderBy('c.id')
      .orderBy('n.from_year', (ob) => ob.asc().nullsFirst())
      .orderBy('n.id')
      .execute();
    const byId = new Map<number, CommitteeRecord>();
    for (const r of rows) {
      let committee = byId.get(r.id);
      if (!committee) byId.set(r.id, (committee = { id: r.id, slug: r.slug, terms: termsOf(r.terms), names: [] }));
      if (r.name !== null) committee.names.push({ name: r.name, fromYear: r.from_year });
    }
    return [...byId.values()];
  }

  /** Plan years with a rating method, oldest first. */
  async planYears(): Promise<number[]> {
    return (await this.db.selectFrom('plan_year').select('start_year').orderBy('start_year').execute()).map((r) => r.start_year);
  }

  /** A committee by its id. One query. */
  async committeeById(id: number): Promise<CommitteeRecord | null> {
    return (await this.committees((q) => q.where('c.id', '=', id)))[0] ?? null;
  }
}
