/**
 * Reading the append-only audit log (audit_event): newest first, filtered by entity and actor.
 * Writing goes through recordAudit (importWriter.ts).
 */
import type { Db } from '../db/connection.ts';

export interface AuditFilter {
  /** Exact entity name, e.g. "app_user", "result". */
  entity?: string | null;
  /** Part of the actor, case-insensitive. */
  actor?: string | null;
}

export interface AuditRow {
  id: number;
  at: Date;
  actor: string;
  action: string;
  entity: string;
  entity_key: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  reason: string | null;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export class AuditRepository {
  constructor(private readonly db: Db) {}

  private filtered(filter: AuditFilter) {
    let q = this.db.selectFrom('audit_event');
    if (filter.entity) q = q.where('entity', '=', filter.entity);
    if (filter.actor) q = q.where('actor', 'ilike', `%${escapeLike(filter.actor)}%`);
    return q;
  }

  async count(filter: AuditFilter): Promise<number> {
    const row = await this.filtered(filter)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Newest first; `limit` rows after skipping `offset`. */
  async list(filter: AuditFilter, limit: number, offset = 0): Promise<AuditRow[]> {
    const rows = await this.filtered(filter)
      .select(['id', 'at', 'actor', 'action', 'entity', 'entity_key', 'before', 'after', 'reason'])
      .orderBy('id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute();
    return rows as AuditRow[];
  }

  async entities(): Promise<string[]> {
    const rows = await this.db.selectFrom('audit_event').select('entity').distinct().orderBy('entity').execute();
    return rows.map((r) => r.entity);
  }
}
