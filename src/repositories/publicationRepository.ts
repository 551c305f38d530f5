/**
 * Reporting cycles (committee × period) and their publication status; which (committee, period)
 * pairs hold data. All SQL for publication lives here.
 */
import { sql } from 'kysely';
import type { Db } from '../db/connection.ts';
import type { CycleStatus } from '../domain/cycle.ts';
import { recordAudit } from './auditRepository.ts';
import { arrayLiteral } from './bulk.ts';
import type { ResultRecord } from './records.ts';

/** One published version of a committee's period, without its models. */
export interface PublicationMeta {
  id: number;
  committeeId: number;
  /** Period key: '2018-Q2', '2016'. */
  period: string;
  version: number;
  publishedAt: Date;
  publishedBy: string;
  reason: string | null;
  /** What changed from the previous version, for people; empty for the first. */
  changes: string[];
}

/** A published version with its models as stored (written by the publication service, which reads them back). */
export interface PublicationRecord extends PublicationMeta {
  report: unknown;
  addendum: unknown;
}

/** What a new version stores. */
export interface NewPublication {
  committeeId: number;
  period: string;
  publishedBy: string;
  reason: string | null;
  report: unknown;
  addendum: unknown;
  changes: string[];
  /** The period's results as published. */
  results: ResultRecord[];
}

const META_COLUMNS = ['id', 'committee_id', 'period', 'version', 'published_at', 'published_by', 'reason', 'changes'] as const;

type MetaRow = { id: number; committee_id: number; period: string; version: number; published_at: Date; published_by: string; reason: string | null; changes: unknown };

const toMeta = (r: MetaRow): PublicationMeta => ({
  id: r.id,
  committeeId: r.committee_id,
  period: r.period,
  version: r.version,
  publishedAt: r.published_at,
  publishedBy: r.published_by,
  reason: r.reason,
  changes: Array.isArray(r.changes) ? r.changes.map(String) : [],
});
import { inTransaction } from '../db/transaction.ts';

export interface CycleRecord {
  committeeId: number;
  /** Period key: '2018-Q2', '2016'. */
  period: string;
  status: CycleStatus;
  updatedAt: Date;
}

export class PublicationRepository {
  constructor(private readonly db: Db) {}

  async cycles(committeeId?: number): Promise<CycleRecord[]> {
    let query = this.db.selectFrom('reporting_cycle').select(['committee_id', 'period', 'status', 'updated_at']);
    if (committeeId !== undefined) query = query.where('committee_id', '=', committeeId);
    const rows = await query.execute();
    return rows.map((r) => ({ committeeId: r.committee_id, period: r.period, status: r.status, updatedAt: r.updated_at }));
  }

  async cycle(committeeId: number, period: string): Promise<CycleRecord | null> {
    const r = await this.db
      .selectFrom('reporting_cycle')
      .select(['committee_id', 'period', 'status', 'updated_at'])
      .where('committee_id', '=', committeeId)
      .where('period', '=', period)
      .executeTakeFirst();
    return r ? { committeeId: r.committee_id, period: r.period, status: r.status, updatedAt: r.updated_at } : null;
  }

  /**
   * Every (committee, period) holding a result or a key-action update. A result belongs to the
   * committee of its indicator's definition in force in the result's plan year.
   */
  async periodsWithData(committeeId?: number): Promise<{ committeeId: number; period: string }[]> {
    const filter = committeeId === undefined ? sql`true` : sql`committee_id = ${committeeId}`;
    const rows = await sql<{ committee_id: number; period: string }>`
      select distinct committee_id, period from (
        select v.committee_id, r.period
        from result r
        join indicator_version v on v.indicator_id = r.indicator_id
          and coalesce(v.from_year, -1) = (
            select max(coalesce(w.from_year, -1)) from indicator_version w
            where w.indicator_id = r.indicator_id and coalesce(w.from_year, -1) <= r.plan_year)
        union all
        select a.committee_id, u.period
        from key_action_update u join key_action a on a.id = u.key_action_id
      ) d where ${filter}`.execute(this.db);
    return rows.rows.map((r) => ({ committeeId: r.committee_id, period: r.period }));
  }

  /** The latest published version of a committee's period (or `version` of it), with its models; null when none. */
  async publication(committeeId: number, period: string, version?: number): Promise<PublicationRecord | null> {
    let query = this.db
      .selectFrom('publication')
      .select([...META_COLUMNS, 'report', 'addendum'])
      .where('committee_id', '=', committeeId)
      .where('period', '=', period);
    if (version !== undefined) query = query.where('version', '=', version);
    const r = await query.orderBy('version', 'desc').limit(1).executeTakeFirst();
    return r ? { ...toMeta(r), report: r.report, addendum: r.addendum } : null;
  }

  /** A publication by id, with its models. */
  async publicationById(id: number): Promise<PublicationRecord | null> {
    const r = await this.db.selectFrom('publication').select([...META_COLUMNS, 'report', 'addendum']).where('id', '=', id).executeTakeFirst();
    return r ? { ...toMeta(r), report: r.report, addendum: r.addendum } : null;
  }

  /** Every version of a committee's period, newest first (without models). */
  async versions(committeeId: number, period: string): Promise<PublicationMeta[]> {
    const rows = await this.db
      .selectFrom('publication')
      .select(META_COLUMNS)
      .where('committee_id', '=', committeeId)
      .where('period', '=', period)
      .orderBy('version', 'desc')
      .execute();
    return rows.map(toMeta);
  }

  /** The latest version of every published (committee, period), or of one committee's (without models). */
  async latestVersions(committeeId?: number): Promise<PublicationMeta[]> {
    let query = this.db
      .selectFrom('publication as p')
      .select(META_COLUMNS.map((c) => `p.${c}` as const))
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('publication as later')
              .select(sql`1`.as('one'))
              .whereRef('later.committee_id', '=', 'p.committee_id')
              .whereRef('later.period', '=', 'p.period')
              .whereRef('later.version', '>', 'p.version'),
          ),
        ),
      );
    if (committeeId !== undefined) query = query.where('p.committee_id', '=', committeeId);
    return (await query.orderBy('p.committee_id').orderBy('p.period').execute()).map(toMeta);
  }

  /**
   * The results of these indicators and periods as last published (the latest publication holding
   * each): what a later publication compares with, never the live row.
   */
  async publishedResults(indicatorIds: number[], periods: string[]): Promise<ResultRecord[]> {
    if (!indicatorIds.length || !periods.length) return [];
    const rows = await sql<{ record: ResultRecord }>`
      select distinct on (r.indicator_id, r.period) r.record
      from published_result r
      where r.indicator_id = any(${arrayLiteral(indicatorIds)}::int[]) and r.period = any(${arrayLiteral(periods)}::text[])
      order by r.indicator_id, r.period, r.publication_id desc`.execute(this.db);
    return rows.rows.map((r) => r.record);
  }

  /** Published (committee, period) pairs whose cycle is published but have no stored version (kept from before versions were). */
  async publishedWithoutVersion(): Promise<{ committeeId: number; period: string }[]> {
    const rows = await this.db
      .selectFrom('reporting_cycle as c')
      .select(['c.committee_id', 'c.period'])
      .where('c.status', '=', 'published')
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('publication as p').select(sql`1`.as('one')).whereRef('p.committee_id', '=', 'c.committee_id').whereRef('p.period', '=', 'c.period'))),
      )
      .execute();
    return rows.map((r) => ({ committeeId: r.committee_id, period: r.period }));
  }

  /** Runs `fn` in one transaction. */
  inTransaction<T>(fn: (trx: Db) => Promise<T>): Promise<T> {
    return inTransaction(this.db, fn);
  }

  /** Stores a new version (the next number for its committee and period) and its results; returns it. */
  async insertPublication(trx: Db, p: NewPublication): Promise<PublicationMeta> {
    const last = await trx
      .selectFrom('publication')
      .select(sql<number>`coalesce(max(version), 0)`.as('version'))
      .where('committee_id', '=', p.committeeId)
      .where('period', '=', p.period)
      .executeTakeFirstOrThrow();
    const row = await trx
      .insertInto('publication')
      .values({
        committee_id: p.committeeId,
        period: p.period,
        version: Number(last.version) + 1,
        published_by: p.publishedBy,
        reason: p.reason,
        report: JSON.stringify(p.report),
        addendum: p.addendum === null || p.addendum === undefined ? null : JSON.stringify(p.addendum),
        changes: JSON.stringify(p.changes),
      } as never)
      .returning(META_COLUMNS)
      .executeTakeFirstOrThrow();
    // Multi-row statements of at most 1,000 rows (4 parameters each, well under PostgreSQL's 65,535).
    for (let i = 0; i < p.results.length; i += 1000) {
      await trx
        .insertInto('published_result')
        .values(p.results.slice(i, i + 1000).map((r) => ({ publication_id: row.id, indicator_id: r.indicatorId, period: r.period, record: JSON.stringify(r) }) as never))
        .execute();
    }
    return toMeta(row);
  }

  /**
   * Sets a cycle's status (creating the cycle) and audits the change; `alsoWrite` writes in the same
   * transaction (a publication). Returns whether anything changed.
   */
  async setStatus(
    committeeId: number,
    period: string,
    status: CycleStatus,
    audit: { actor: string; reason: string | null; entityKey: string },
    alsoWrite?: (trx: Db) => Promise<void>,
  ): Promise<boolean> {
    return inTransaction(this.db, async (trx) => {
      const before = await trx
        .selectFrom('reporting_cycle')
        .select('status')
        .where('committee_id', '=', committeeId)
        .where('period', '=', period)
        .executeTakeFirst();
      if (before?.status === status) return false;
      await trx
        .insertInto('reporting_cycle')
        .values({ committee_id: committeeId, period, status })
        .onConflict((oc) => oc.columns(['committee_id', 'period']).doUpdateSet({ status, updated_at: sql`now()` }))
        .execute();
      await recordAudit(trx, [
        {
          actor: audit.actor,
          action: 'cycle:status',
          entity: 'reporting_cycle',
          entityKey: audit.entityKey,
          before: before ? { status: before.status } : null,
          after: { status },
          reason: audit.reason,
        },
      ]);
      await alsoWrite?.(trx);
      return true;
    });
  }
}
