/**
 * Reads for the framework administration pages (docs/administration.md): plan years with their
 * rating methods, committees with their names and priorities, indicators with every definition
 * version and target, and which plan years hold published reporting cycles. Writes go through the
 * import pipeline (ImportService.importData), never through here.
 */
import type { Db } from '../db/connection.ts';
import type { Committee, Priority } from '../domain/organisation.ts';
import { financialYearOf, periodFromKey } from '../domain/periods.ts';
import type { DirectionalPolicy, RatingMethod, SignificanceLevel, Target } from '../domain/types.ts';
import { IndicatorRepository, type IndicatorVersionRecord } from './indicatorRepository.ts';
import { termsColumn, termsOf } from './organisationRepository.ts';

export interface AdminPlanYear {
  startYear: number;
  method: RatingMethod;
  directionalPolicy: DirectionalPolicy;
  highRiskFrom: number;
  /** ADR 0019: set by import; the admin form keeps it. */
  significanceLevel?: SignificanceLevel | null;
}

export type AdminPriority = Priority;

/** A committee with its priorities. Its first name is the one other sheets and forms may use. */
export interface AdminCommittee extends Committee {
  priorities: Priority[];
}

export type AdminVersion = IndicatorVersionRecord;

export interface AdminTarget {
  period: string;
  planYear: number;
  spec: Target;
  printed: string;
  reason: string | null;
}

export interface AdminIndicatorSummary {
  id: number;
  ref: string;
  /** The latest version's title and committee. */
  title: string;
  committeeId: number;
  versions: number;
}

export class FrameworkAdminRepository {
  constructor(private readonly db: Db) {}

  async planYears(): Promise<AdminPlanYear[]> {
    const rows = await this.db.selectFrom('plan_year').selectAll().orderBy('start_year').execute();
    return rows.map((r) => ({ startYear: r.start_year, method: r.rating_method, directionalPolicy: r.directional_policy, highRiskFrom: r.high_risk_from, significanceLevel: r.significance_level }));
  }

  async committees(): Promise<AdminCommittee[]> {
    const [committees, names, priorities] = await Promise.all([
      this.db.selectFrom('committee as c').select(['c.id', 'c.slug', termsColumn]).orderBy('c.id').execute(),
      this.db
        .selectFrom('committee_name')
        .select(['committee_id', 'name', 'from_year'])
        .orderBy('committee_id')
        .orderBy('from_year', (ob) => ob.asc().nullsFirst())
        .orderBy('id')
        .execute(),
      this.db
        .selectFrom('committee_priority as p')
        .leftJoin('corporate_outcome as o', 'o.id', 'p.corporate_outcome_id')
        .select(['p.id', 'p.committee_id', 'p.name', 'p.outcome', 'o.name as corporate_outcome'])
        .orderBy('p.id')
        .execute(),
    ]);
    return committees.map((c) => ({
      id: c.id,
      slug: c.slug,
      terms: termsOf(c.terms),
      names: names.filter((n) => n.committee_id === c.id).map((n) => ({ name: n.name, fromYear: n.from_year })),
      priorities: priorities
        .filter((p) => p.committee_id === c.id)
        .map((p) => ({ id: p.id, committeeId: p.committee_id, name: p.name, outcome: p.outcome, corporateOutcome: p.corporate_outcome })),
    }));
  }

  async corporateOutcomes(): Promise<string[]> {
    return (await this.db.selectFrom('corporate_outcome').select('name').orderBy('name').execute()).map((o) => o.name);
  }

  async indicators(): Promise<AdminIndicatorSummary[]> {
    const rows = await this.db
      .selectFrom('indicator as i')
      .innerJoin('indicator_version as v', 'v.indicator_id', 'i.id')
      .select(['i.id', 'i.ref', 'v.from_year', 'v.title', 'v.committee_id'])
      .orderBy('i.ref')
      .orderBy('v.from_year', (ob) => ob.asc().nullsFirst())
      .execute();
    const out = new Map<number, AdminIndicatorSummary>();
    for (const r of rows) {
      const s = out.get(r.id);
      if (s) {
        s.title = r.title;
        s.committeeId = r.committee_id;
        s.versions += 1;
      } else {
        out.set(r.id, { id: r.id, ref: r.ref, title: r.title, committeeId: r.committee_id, versions: 1 });
      }
    }
    return [...out.values()];
  }

  async versions(indicatorId: number): Promise<AdminVersion[]> {
    return new IndicatorRepository(this.db).versions(indicatorId);
  }

  async targets(indicatorId: number): Promise<AdminTarget[]> {
    const rows = await this.db
      .selectFrom('target')
      .select(['period', 'plan_year', 'spec', 'printed', 'reason'])
      .where('indicator_id', '=', indicatorId)
      .execute();
    return rows.map((t) => ({ period: t.period, planYear: t.plan_year, spec: t.spec, printed: t.printed, reason: t.reason }));
  }

  /** Published (committee, period) cycles with the plan year each belongs to. */
  async publishedCycles(): Promise<{ committeeId: number; period: string; planYear: number }[]> {
    const rows = await this.db.selectFrom('reporting_cycle').select(['committee_id', 'period']).where('status', '=', 'published').execute();
    return rows.map((r) => ({ committeeId: r.committee_id, period: r.period, planYear: financialYearOf(periodFromKey(r.period)) }));
  }
}
