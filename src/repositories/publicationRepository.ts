/**
 * Reporting cycles (committee × period) and their publication status; which (committee, period)
 * pairs hold data. All SQL for publication lives here.
 */
import { sql } from 'kysely';
import type { Db } from '../db/connection.ts';
import type { CycleStatus } from '../domain/cycle.ts';
import { recordAudit } from './auditRepository.ts';
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

  /** Sets a cycle's status (creating the cycle) and audits the change; returns whether anything changed. */
  async setStatus(
    committeeId: number,
    period: string,
    status: CycleStatus,
    audit: { actor: string; reason: string | null; entityKey: string },
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
      return true;
    });
  }
}
