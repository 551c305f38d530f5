/**
 * Reads the stored framework as one snapshot keyed by natural keys (ref, period, committee name…):
 * what an import is compared with and what an export writes. All SQL for reading it lives here.
 */
import type { Db } from '../db/connection.ts';
import type { DirectionalPolicy, RatingMethod, Target } from '../domain/types.ts';
import { loadPanels, type StoredPanels } from './panelRepository.ts';
import { toIndicatorDefinition, toResultRecord, type IndicatorDefinition, type ResultRecord } from './records.ts';

export interface StoredCommittee {
  id: number;
  slug: string;
  termsOfReference: string | null;
  names: { name: string; fromYear: number | null }[];
}

export interface StoredVersion extends IndicatorDefinition {
  id: number;
  ref: string;
  priority: string;
}

export interface StoredTarget {
  id: number;
  ref: string;
  period: string;
  spec: Target;
  printed: string;
  reason: string | null;
}

export interface StoredResult extends ResultRecord {
  ref: string;
}

export interface StoredBenchmark {
  id: number;
  ref: string;
  period: string;
  text: string;
  label: string | null;
  value: number | null;
  source: string | null;
  dataPeriod: string | null;
}

export interface StoredAction {
  id: number;
  committeeId: number;
  ref: string;
  priorityId: number;
  priority: string;
  title: string;
  service: string | null;
}

export interface StoredActionUpdate {
  id: number;
  actionId: number;
  period: string;
  rag: string;
  commentary: string | null;
}

export interface StoredPlanYear {
  startYear: number;
  method: RatingMethod;
  directionalPolicy: DirectionalPolicy;
  highRiskFrom: number;
}

export interface FrameworkSnapshot {
  council: string | null;
  planYears: StoredPlanYear[];
  committees: StoredCommittee[];
  priorities: { id: number; committeeId: number; name: string; outcome: string | null; corporateOutcome: string | null }[];
  /** The corporate outcomes some priority serves. */
  corporateOutcomes: string[];
  indicators: { id: number; ref: string }[];
  versions: StoredVersion[];
  targets: StoredTarget[];
  results: StoredResult[];
  benchmarks: StoredBenchmark[];
  actions: StoredAction[];
  actionUpdates: StoredActionUpdate[];
  panels: StoredPanels;
  /** (committee, period) cycles that are published: their data are locked. */
  publishedCycles: { committeeId: number; period: string }[];
}

export type SnapshotScope = { refs?: string[] };

export async function loadSnapshot(db: Db, scope: SnapshotScope = {}): Promise<FrameworkSnapshot> {
  const refs = scope.refs;
  const [council, planYears, committees, names, priorities, indicators] = await Promise.all([
    db.selectFrom('council').select('name').executeTakeFirst(),
    db.selectFrom('plan_year').selectAll().orderBy('start_year').execute(),
    db.selectFrom('committee').selectAll().orderBy('id').execute(),
    db.selectFrom('committee_name').selectAll().orderBy('committee_id').orderBy('from_year', (ob) => ob.asc().nullsFirst()).execute(),
    db
      .selectFrom('committee_priority as p')
      .leftJoin('corporate_outcome as o', 'o.id', 'p.corporate_outcome_id')
      .select(['p.id', 'p.committee_id', 'p.name', 'p.outcome', 'o.name as corporate_outcome'])
      .orderBy('p.id')
      .execute(),
    db.selectFrom('indicator').select(['id', 'ref']).orderBy('ref').execute(),
  ]);
  const refFilter = refs && refs.length > 0 ? refs : null;
  const versions = await db
    .selectFrom('indicator_version as v')
    .innerJoin('indicator as i', 'i.id', 'v.indicator_id')
    .innerJoin('committee_priority as p', 'p.id', 'v.priority_id')
    .selectAll('v')
    .select(['i.ref', 'p.name as priority'])
    .$if(refFilter !== null, (q) => q.where('i.ref', 'in', refFilter!))
    .orderBy('i.ref')
    .orderBy('v.from_year', (ob) => ob.asc().nullsFirst())
    .execute();
  const targets = await db
    .selectFrom('target as t')
    .innerJoin('indicator as i', 'i.id', 't.indicator_id')
    .select(['t.id', 'i.ref', 't.period', 't.spec', 't.printed', 't.reason'])
    .$if(refFilter !== null, (q) => q.where('i.ref', 'in', refFilter!))
    .orderBy('i.ref')
    .orderBy('t.period')
    .execute();
  const results = await db
    .selectFrom('result as r')
    .innerJoin('indicator as i', 'i.id', 'r.indicator_id')
    .selectAll('r')
    .select('i.ref')
    .$if(refFilter !== null, (q) => q.where('i.ref', 'in', refFilter!))
    .orderBy('i.ref')
    .orderBy('r.period')
    .execute();
  const benchmarks = await db
    .selectFrom('benchmark as b')
    .innerJoin('indicator as i', 'i.id', 'b.indicator_id')
    .selectAll('b')
    .select('i.ref')
    .$if(refFilter !== null, (q) => q.where('i.ref', 'in', refFilter!))
    .orderBy('i.ref')
    .orderBy('b.period')
    .execute();
  const actions = await db
    .selectFrom('key_action as a')
    .innerJoin('committee_priority as p', 'p.id', 'a.priority_id')
    .selectAll('a')
    .select('p.name as priority')
    .orderBy('a.committee_id')
    .orderBy('a.ref')
    .execute();
  const actionUpdates = await db.selectFrom('key_action_update').selectAll().orderBy('key_action_id').orderBy('period').execute();
  const panels = await loadPanels(db);
  const publishedCycles = await db.selectFrom('reporting_cycle').select(['committee_id', 'period']).where('status', '=', 'published').execute();

  return {
    council: council?.name ?? null,
    planYears: planYears.map((y) => ({
      startYear: y.start_year,
      method: y.rating_method,
      directionalPolicy: y.directional_policy,
      highRiskFrom: y.high_risk_from,
    })),
    committees: committees.map((c) => ({
      id: c.id,
      slug: c.slug,
      termsOfReference: c.terms_of_reference,
      names: names.filter((n) => n.committee_id === c.id).map((n) => ({ name: n.name, fromYear: n.from_year })),
    })),
    priorities: priorities.map((p) => ({
      id: p.id,
      committeeId: p.committee_id,
      name: p.name,
      outcome: p.outcome,
      corporateOutcome: p.corporate_outcome,
    })),
    corporateOutcomes: [...new Set(priorities.map((p) => p.corporate_outcome).filter((o): o is string => o !== null))],
    indicators,
    versions: versions.map((v) => ({ ...toIndicatorDefinition(v), id: v.id, ref: v.ref, priority: v.priority })),
    targets: targets.map((t) => ({ id: t.id, ref: t.ref, period: t.period, spec: t.spec, printed: t.printed, reason: t.reason })),
    results: results.map((r) => ({ ...toResultRecord(r), ref: r.ref })),
    benchmarks: benchmarks.map((b) => ({
      id: b.id,
      ref: b.ref,
      period: b.period,
      text: b.text,
      label: b.label,
      value: b.value,
      source: b.source,
      dataPeriod: b.data_period,
    })),
    actions: actions.map((a) => ({
      id: a.id,
      committeeId: a.committee_id,
      ref: a.ref,
      priorityId: a.priority_id,
      priority: a.priority,
      title: a.title,
      service: a.service,
    })),
    actionUpdates: actionUpdates.map((u) => ({
      id: u.id,
      actionId: u.key_action_id,
      period: u.period,
      rag: u.rag,
      commentary: u.commentary,
    })),
    panels,
    publishedCycles: publishedCycles.map((c) => ({ committeeId: c.committee_id, period: c.period })),
  };
}
