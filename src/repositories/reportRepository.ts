/**
 * Reads what a committee performance report needs for one period: the committee (by any of its names),
 * the plan year's method, the indicator definitions in force that year, and only the targets, results
 * and benchmarks of the periods compared. All SQL for reports lives here.
 */
import { sql, type Selectable } from 'kysely';
import type { IndicatorVersionTable } from '../db/schema.ts';
import type { PlanYearSettings, Target } from '../domain/types.ts';
import { currentDataVersion } from './dataVersion.ts';
import { OrganisationRepository, type CommitteeRecord } from './organisationRepository.ts';
import { arrayLiteral } from './bulk.ts';
import { loadPanelsFor, type StoredPanels } from './panelRepository.ts';
import { readCommitteeAndPeriodDetails } from './paperDetailsRepository.ts';
import type { PaperDetails } from '../domain/paperDetails.ts';
import { toIndicatorDefinition, toResultRecord, type IndicatorDefinition, type ResultRecord } from './records.ts';

export type { CommitteeRecord };

/** The definition in force, with its ref and priority. */
export interface IndicatorRecord extends IndicatorDefinition {
  ref: string;
  priority: string;
  /** The priority's key outcome, if recorded. */
  priorityOutcome: string | null;
}

export interface TargetRecord {
  indicatorId: number;
  period: string;
  spec: Target;
  printed: string;
  reason: string | null;
}

export type { ResultRecord };

export interface BenchmarkRecord {
  indicatorId: number;
  period: string;
  text: string;
  label: string | null;
  value: number | null;
  source: string | null;
  dataPeriod: string | null;
}

export interface KeyActionRecord {
  id: number;
  ref: string;
  title: string;
  service: string | null;
  priority: string;
  priorityId: number;
  priorityOutcome: string | null;
  /** The plan years the action is in force (migration 0011; null: open end). */
  fromYear: number | null;
  toYear: number | null;
  /** The period's update; null (both) when none was entered. */
  rag: string | null;
  commentary: string | null;
}

/** Reads a report needs; the committees and council it reads come from the organisation (OrganisationRepository). */
export class ReportRepository extends OrganisationRepository {
  /** The data version reports are built at (migration 0006). */
  dataVersion(): Promise<string> {
    return currentDataVersion(this.db);
  }

  async planYear(startYear: number): Promise<(PlanYearSettings & { highRiskFrom: number }) | null> {
    const row = await this.db.selectFrom('plan_year').selectAll().where('start_year', '=', startYear).executeTakeFirst();
    return row
      ? { startYear: row.start_year, method: row.rating_method, directionalPolicy: row.directional_policy, highRiskFrom: row.high_risk_from, significanceLevel: row.significance_level }
      : null;
  }

  /** "Report of" and the officer: the committee's default and the period's own (null: not set). */
  async paperDetails(committeeId: number, period: string): Promise<{ committee: PaperDetails | null; period: PaperDetails | null }> {
    return readCommitteeAndPeriodDetails(this.db, committeeId, period);
  }

  /** The committee's finance, risk, workforce, customer, narrative and priority-status rows for a period. */
  panels(committeeId: number, period: string): Promise<StoredPanels> {
    return loadPanelsFor(this.db, committeeId, period);
  }

  /**
   * The definition in force in `planYear` of every indicator that belongs to the committee that year, by
   * priority (in the order the priorities were created) and ref.
   */
  async indicatorsInForce(committeeId: number, planYear: number): Promise<IndicatorRecord[]> {
    // In force: the version with the latest from_year up to the plan year (null: from the start, counted
    // 0 as the unique index indicator_version_year counts it), found with one backward probe of that index
    // per version of the committee. Each row comes as one JSON value and is sorted here: definitions are
    // wide rows of text, and on PGlite decoding them field by field, planning a three-table join and
    // sorting them cost more than reading them (with a NOT EXISTS over later versions, the joins and the
    // sort, half of a committee report's time went here). JSON keeps every value as stored: integers,
    // text, and double precision written with the digits that read back as the same number.
    const fromYear = sql<number>`coalesce(v.from_year, 0)`;
    const versions = this.db
      .selectFrom('indicator_version as v')
      .innerJoin('committee_priority as p', 'p.id', 'v.priority_id')
      .selectAll('v')
      .select((eb) => [
        eb.selectFrom('indicator as i').select('i.ref').whereRef('i.id', '=', 'v.indicator_id').as('ref'),
        'p.name as priority',
        'p.outcome as priority_outcome',
      ])
      .where('v.committee_id', '=', committeeId)
      .where(fromYear, '<=', planYear)
      .where(fromYear, '=', (eb) =>
        eb
          .selectFrom('indicator_version as w')
          .select(sql<number>`max(coalesce(w.from_year, 0))`.as('latest'))
          .whereRef('w.indicator_id', '=', 'v.indicator_id')
          .where(sql`coalesce(w.from_year, 0)`, '<=', planYear),
      );
    type Row = Selectable<IndicatorVersionTable> & { ref: string; priority: string; priority_outcome: string | null };
    const rows = (await this.db.selectFrom(versions.as('x')).select(sql<Row>`row_to_json(x)`.as('row')).execute()).map((r) => r.row);
    // Refs in code-point order (as PostgreSQL's C collation sorts them, the same on every server).
    rows.sort((a, b) => a.priority_id - b.priority_id || (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
    return rows.map((v) => ({ ...toIndicatorDefinition(v), ref: v.ref, priority: v.priority, priorityOutcome: v.priority_outcome }));
  }

  async targets(indicatorIds: number[], periods: string[]): Promise<TargetRecord[]> {
    if (!indicatorIds.length || !periods.length) return [];
    const rows = await this.db
      .selectFrom('target')
      .select(['indicator_id', 'period', 'spec', 'printed', 'reason'])
      .where('indicator_id', 'in', indicatorIds)
      .where('period', 'in', periods)
      .execute();
    return rows.map((t) => ({ indicatorId: t.indicator_id, period: t.period, spec: t.spec, printed: t.printed, reason: t.reason }));
  }

  /** Indicator ids with any target in the plan year (to know which indicators a year's report covers). */
  async indicatorsWithTargetsIn(indicatorIds: number[], planYear: number): Promise<Set<number>> {
    if (!indicatorIds.length) return new Set();
    // One probe of the target (indicator_id, plan_year) index per id; the ids go as one array literal
    // (bulk.ts). A lateral LIMIT 1 rather than EXISTS: without table statistics (PGlite has no
    // autovacuum to gather them after an import) the planner makes EXISTS a hash join over all of the
    // year's targets.
    const rows = await sql<{ indicator_id: number }>`
      select i.id as indicator_id from unnest(${arrayLiteral(indicatorIds)}::int[]) as i(id)
      cross join lateral (select 1 from target t where t.indicator_id = i.id and t.plan_year = ${planYear} limit 1) as hit`.execute(this.db);
    return new Set(rows.rows.map((r) => r.indicator_id));
  }

  /** The first plan year with a target or result, per indicator (to tell a new indicator). */
  async firstYears(indicatorIds: number[]): Promise<Map<number, number>> {
    if (!indicatorIds.length) return new Map();
    // Two index probes per id (the (indicator_id, plan_year) indexes) rather than scanning both tables.
    const rows = await sql<{ indicator_id: number; first: number | null }>`
      select i.id as indicator_id, least(
        (select min(t.plan_year) from target t where t.indicator_id = i.id),
        (select min(r.plan_year) from result r where r.indicator_id = i.id)
      )::int as first
      from unnest(${arrayLiteral(indicatorIds)}::int[]) as i(id)`.execute(this.db);
    const out = new Map<number, number>();
    for (const r of rows.rows) if (r.first !== null) out.set(r.indicator_id, r.first);
    return out;
  }

  async results(indicatorIds: number[], periods: string[]): Promise<ResultRecord[]> {
    if (!indicatorIds.length || !periods.length) return [];
    const rows = await this.db
      .selectFrom('result')
      .selectAll()
      .where('indicator_id', 'in', indicatorIds)
      .where('period', 'in', periods)
      .execute();
    return rows.map(toResultRecord);
  }

  async benchmarks(indicatorIds: number[], periods: string[]): Promise<BenchmarkRecord[]> {
    if (!indicatorIds.length || !periods.length) return [];
    const rows = await this.db
      .selectFrom('benchmark')
      .selectAll()
      .where('indicator_id', 'in', indicatorIds)
      .where('period', 'in', periods)
      .execute();
    return rows.map((b) => ({
      indicatorId: b.indicator_id,
      period: b.period,
      text: b.text,
      label: b.label,
      value: b.value,
      source: b.source,
      dataPeriod: b.data_period,
    }));
  }

  /**
   * Every key action of the committee with its plan years and its update for `period` (null when none
   * was entered). Which are in force in a plan year is the service's to decide (domain/inForce.ts).
   */
  async keyActions(committeeId: number, period: string): Promise<KeyActionRecord[]> {
    const rows = await this.db
      .selectFrom('key_action as a')
      .innerJoin('committee_priority as p', 'p.id', 'a.priority_id')
      .leftJoin('key_action_update as u', (join) => join.onRef('u.key_action_id', '=', 'a.id').on('u.period', '=', period))
      .select([
        'a.id',
        'a.ref',
        'a.title',
        'a.service',
        'a.from_year',
        'a.to_year',
        'p.name as priority',
        'p.id as priority_id',
        'p.outcome as priority_outcome',
        'u.rag',
        'u.commentary',
      ])
      .where('a.committee_id', '=', committeeId)
      .orderBy('p.id')
      .orderBy('a.ref')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      ref: r.ref,
      title: r.title,
      service: r.service,
      priority: r.priority,
      priorityId: r.priority_id,
      priorityOutcome: r.priority_outcome,
      fromYear: r.from_year,
      toYear: r.to_year,
      rag: r.rag ?? null,
      commentary: r.commentary ?? null,
    }));
  }

  /**
   * Every result and target of the indicators that have (had) a definition under the committee, with
   * their ref: what `townhall check` compares the figures stated in words with (any period a text names).
   */
  async indicatorHistory(committeeId: number): Promise<{ indicatorId: number; ref: string; results: ResultRecord[]; targets: TargetRecord[] }[]> {
    const indicators = await sql<{ id: number; ref: string }>`
      select i.id, i.ref from indicator i
      where exists (select 1 from indicator_version v where v.indicator_id = i.id and v.committee_id = ${committeeId})
      order by i.ref`.execute(this.db);
    const ids = indicators.rows.map((i) => i.id);
    if (!ids.length) return [];
    const [results, targets] = await Promise.all([
      this.db.selectFrom('result').selectAll().where('indicator_id', 'in', ids).execute(),
      this.db.selectFrom('target').select(['indicator_id', 'period', 'spec', 'printed', 'reason']).where('indicator_id', 'in', ids).execute(),
    ]);
    return indicators.rows.map((i) => ({
      indicatorId: i.id,
      ref: i.ref,
      results: results.filter((r) => r.indicator_id === i.id).map(toResultRecord),
      targets: targets
        .filter((t) => t.indicator_id === i.id)
        .map((t) => ({ indicatorId: t.indicator_id, period: t.period, spec: t.spec, printed: t.printed, reason: t.reason })),
    }));
  }

  /** The periods in which the committee has words to read besides results' commentary: key-action updates, narrative, risks. */
  async textPeriods(committeeId: number): Promise<string[]> {
    const rows = await sql<{ period: string }>`
      select u.period from key_action_update u join key_action a on a.id = u.key_action_id where a.committee_id = ${committeeId}
      union select period from narrative_item where committee_id = ${committeeId}
      union select period from risk_assessment where committee_id = ${committeeId}
      union select period from priority_status where committee_id = ${committeeId} and judgement is not null
      order by period`.execute(this.db);
    return rows.rows.map((r) => r.period);
  }

  /** The periods with a result of an indicator that has (had) a definition under the committee, in order. */
  async resultPeriods(committeeId: number): Promise<string[]> {
    const rows = await sql<{ period: string }>`
      select distinct r.period from result r
      join indicator_version v on v.indicator_id = r.indicator_id
      where v.committee_id = ${committeeId}
      order by r.period`.execute(this.db);
    return rows.rows.map((r) => r.period);
  }
}
