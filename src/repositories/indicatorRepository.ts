/**
 * Reads one indicator's whole history for its page: every definition version, every target, the
 * periods it has results in, and its audit events. Figures for a period come from the report model.
 */
import { sql } from 'kysely';
import type { Db } from '../db/connection.ts';
import type { Target } from '../domain/types.ts';
import type { AuditEntry } from './auditRepository.ts';
import { toIndicatorDefinition, type IndicatorDefinition } from './records.ts';

export interface IndicatorVersionRecord extends IndicatorDefinition {
  /** The version's own id (the framework forms edit a version by it). */
  id: number;
  priority: string;
}

/** An audit event of an indicator, with its id and time. */
export interface IndicatorAuditRecord extends AuditEntry {
  id: number;
  at: Date;
}

/** The audit entities that belong to an indicator's page. */
export const INDICATOR_AUDIT_ENTITIES = ['indicator_version', 'target', 'result', 'benchmark'] as const;

export class IndicatorRepository {
  constructor(private readonly db: Db) {}

  async refs(): Promise<{ id: number; ref: string }[]> {
    return this.db.selectFrom('indicator').select(['id', 'ref']).orderBy('ref').execute();
  }

  /** Every definition, oldest first (null = from the start). */
  async versions(indicatorId: number): Promise<IndicatorVersionRecord[]> {
    const rows = await this.db
      .selectFrom('indicator_version as v')
      .innerJoin('committee_priority as p', 'p.id', 'v.priority_id')
      .selectAll('v')
      .select('p.name as priority')
      .where('v.indicator_id', '=', indicatorId)
      .orderBy('v.from_year', (ob) => ob.asc().nullsFirst())
      .execute();
    return rows.map((v) => ({ ...toIndicatorDefinition(v), id: v.id, priority: v.priority }));
  }

  async targets(indicatorId: number): Promise<{ period: string; planYear: number; spec: Target; printed: string }[]> {
    const rows = await this.db
      .selectFrom('target')
      .select(['period', 'plan_year', 'spec', 'printed'])
      .where('indicator_id', '=', indicatorId)
      .execute();
    return rows.map((t) => ({ period: t.period, planYear: t.plan_year, spec: t.spec, printed: t.printed }));
  }

  /** The periods the indicator has a result in (any status). */
  async resultPeriods(indicatorId: number): Promise<{ period: string; planYear: number }[]> {
    const rows = await this.db.selectFrom('result').select(['period', 'plan_year']).where('indicator_id', '=', indicatorId).execute();
    return rows.map((r) => ({ period: r.period, planYear: r.plan_year }));
  }

  /** Audit events of the indicator's definitions, targets, results and benchmarks, newest first. */
  async auditEvents(ref: string, limit = 200): Promise<IndicatorAuditRecord[]> {
    const rows = await this.db
      .selectFrom('audit_event')
      .select(['id', 'at', 'actor', 'action', 'entity', 'entity_key', 'before', 'after', 'reason'])
      .where('entity', 'in', [...INDICATOR_AUDIT_ENTITIES])
      .where((eb) => eb.or([eb('entity_key', '=', ref), eb(sql`left(entity_key, ${ref.length + 1})`, '=', `${ref} `)]))
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      actor: r.actor,
      action: r.action,
      entity: r.entity,
      entityKey: r.entity_key,
      before: r.before,
      after: r.after,
      reason: r.reason,
    }));
  }
}
