/**
 * Reads the stored framework as one snapshot keyed by natural keys (ref, period, committee name…):
 * what an import is compared with and what an export writes. All SQL for reading it lives here.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { sql } from 'kysely';
import type { Db } from '../db/connection.ts';
import { financialYearOf, periodFromKey } from '../domain/periods.ts';
import type { DirectionalPolicy, RatingMethod, SignificanceLevel, Target } from '../domain/types.ts';
import type { PanelSheet } from '../workbook/panelSpecs.ts';
import type { CommitteeTerms } from '../domain/organisation.ts';
import { anyInt, anyText, arrayLiteral } from './bulk.ts';
import { termsColumn, termsOf } from './organisationRepository.ts';
import { loadPanels, type StoredPanels } from './panelRepository.ts';
import { toIndicatorDefinition, toResultRecord, type IndicatorDefinition, type ResultRecord } from './records.ts';

export interface StoredCommittee {
  id: number;
  slug: string;
  /** Terms of reference over time, oldest first (null first). */
  terms: CommitteeTerms[];
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
  /** The plan years the action is in force (migration 0011; null: open end). */
  fromYear: number | null;
  toYear: number | null;
  /** The plan years of its first and last stored update (null: none), of all its updates. */
  firstUpdateYear: number | null;
  lastUpdateYear: number | null;
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
  /** ADR 0019: null = survey and rate indicators rated by tolerance. */
  significanceLevel: SignificanceLevel | null;
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

/**
 * What a write reads (importPlan.ts, snapshotScope): the rows of the stored framework that a workbook
 * names, and those its consistency checks need. Without a scope the whole framework is read (export).
 */
export interface SnapshotScope {
  /** Indicator refs: their versions (every plan year); their targets, results and benchmarks in `measurePeriods`. */
  refs: string[];
  measurePeriods: string[];
  /** Committee names as the planner looks them up (trimmed, lower case). */
  committeeNames: string[];
  /** The slugs a new committee would take (a stored committee may hold one, or one with "-2" added). */
  committeeSlugs: string[];
  /** Plan years read: those set, and those a period or definition falls in. */
  planYears: number[];
  /** Plan years whose settings the workbook sets: their published cycles are read for every committee. */
  settingsYears: number[];
  /** Key actions by ref, and their updates in `actionPeriods`. */
  actionRefs: string[];
  actionPeriods: string[];
  /** Panel rows by sheet: the periods read (sheets not named are not read). */
  panelPeriods: Partial<Record<PanelSheet, string[]>>;
  /** Corporate outcomes the workbook declares: whether some priority already serves each. */
  corporateOutcomes: string[];
}

/** The committees a scope names (by any name, or holding a slug a new one would take), by id. */
async function committeesNamed(db: Db, scope: SnapshotScope): Promise<number[]> {
  if (!scope.committeeNames.length && !scope.committeeSlugs.length) return [];
  // lower() folds ASCII as toLowerCase() does; names with other characters are always read.
  const rows = await db
    .selectFrom('committee as c')
    .leftJoin('committee_name as n', 'n.committee_id', 'c.id')
    .select('c.id')
    .distinct()
    .where((eb) =>
      eb.or([
        eb(sql`lower(n.name)`, '=', anyText(scope.committeeNames)),
        eb('n.name', '~', '[^[:ascii:]]'),
        eb('c.slug', '=', anyText(scope.committeeSlugs)),
        eb('c.slug', 'like', sql<string>`any(${arrayLiteral(scope.committeeSlugs.map((s) => `${s}-2%`))}::text[])`),
      ]),
    )
    .execute();
  return rows.map((r) => r.id);
}

/** The committees with a published cycle in one of the plan years. */
async function committeesPublishedIn(db: Db, years: number[]): Promise<number[]> {
  if (!years.length) return [];
  const prefixes = years.flatMap((y) => [`${y}%`, `${y + 1}-0%`]);
  const rows = await db
    .selectFrom('reporting_cycle')
    .select(['committee_id', 'period'])
    .where('status', '=', 'published')
    .where('period', 'like', sql<string>`any(${arrayLiteral(prefixes)}::text[])`)
    .execute();
  return rows.filter((r) => years.includes(financialYearOf(periodFromKey(r.period)))).map((r) => r.committee_id);
}

/**
 * Indicators a scope names, read this many at a time for their targets, results and benchmarks: a
 * re-uploaded workbook names thousands, with hundreds of thousands of rows, and on the embedded database
 * each statement's rows are read in the server's thread in one go (148,000 rows: a 2 s stall, /health
 * unanswered). Twenty-five indicators' rows take tens of milliseconds, and the event loop turns between.
 */
export const REFS_PER_STATEMENT = 25;

/** Indicators (all, or the scope's refs) with their versions, and their targets, results and benchmarks. */
async function readIndicators(db: Db, scope: SnapshotScope | undefined, refsPerStatement: number) {
  const scoped = scope !== undefined;
  const refs = scope?.refs ?? [];
  const measurePeriods = scope?.measurePeriods ?? [];
  // A scope that names no indicator (or no period of one) reads none of them.
  const noIndicators = scoped && !refs.length;
  const noMeasures = noIndicators || (scoped && !measurePeriods.length);
  const [indicators, versions] = await Promise.all([
    noIndicators
      ? Promise.resolve([])
      : db
          .selectFrom('indicator')
          .select(['id', 'ref'])
          .$if(scoped, (q) => q.where('ref', '=', anyText(refs)))
          .orderBy('ref')
          .execute(),
    noIndicators
      ? Promise.resolve([])
      : db
          .selectFrom('indicator_version as v')
          .innerJoin('indicator as i', 'i.id', 'v.indicator_id')
          .innerJoin('committee_priority as p', 'p.id', 'v.priority_id')
          .selectAll('v')
          .select(['i.ref', 'p.name as priority'])
          .$if(scoped, (q) => q.where('i.ref', '=', anyText(refs)))
          .orderBy('i.ref')
          .orderBy('v.from_year', (ob) => ob.asc().nullsFirst())
          .execute(),
  ]);
  const measures = (pieceRefs: string[] | null) =>
    Promise.all([
      db
        .selectFrom('target as t')
        .innerJoin('indicator as i', 'i.id', 't.indicator_id')
        .select(['t.id', 'i.ref', 't.period', 't.spec', 't.printed', 't.reason'])
        .$if(pieceRefs !== null, (q) => q.where('i.ref', '=', anyText(pieceRefs!)).where('t.period', '=', anyText(measurePeriods)))
        .orderBy('i.ref')
        .orderBy('t.period')
        .execute(),
      db
        .selectFrom('result as r')
        .innerJoin('indicator as i', 'i.id', 'r.indicator_id')
        .selectAll('r')
        .select('i.ref')
        .$if(pieceRefs !== null, (q) => q.where('i.ref', '=', anyText(pieceRefs!)).where('r.period', '=', anyText(measurePeriods)))
        .orderBy('i.ref')
        .orderBy('r.period')
        .execute(),
      db
        .selectFrom('benchmark as b')
        .innerJoin('indicator as i', 'i.id', 'b.indicator_id')
        .selectAll('b')
        .select('i.ref')
        .$if(pieceRefs !== null, (q) => q.where('i.ref', '=', anyText(pieceRefs!)).where('b.period', '=', anyText(measurePeriods)))
        .orderBy('i.ref')
        .orderBy('b.period')
        .execute(),
    ]);
  if (noMeasures) return [indicators, versions, [], [], []] as const;
  // Whole (an export): one statement each.
  if (!scoped) return [indicators, versions, ...(await measures(null))] as const;
  // Scoped: the stored indicators a piece at a time, in the order read, so the rows come in the same
  // order as one statement would give them (by ref, then period).
  const targets: Awaited<ReturnType<typeof measures>>[0] = [];
  const results: Awaited<ReturnType<typeof measures>>[1] = [];
  const benchmarks: Awaited<ReturnType<typeof measures>>[2] = [];
  for (let at = 0; at < indicators.length; at += refsPerStatement) {
    if (at > 0) await nextTurn();
    const [t, r, b] = await measures(indicators.slice(at, at + refsPerStatement).map((i) => i.ref));
    targets.push(...t);
    results.push(...r);
    benchmarks.push(...b);
  }
  return [indicators, versions, targets, results, benchmarks] as const;
}

/** Committees (all, or those of `committeeIds`) with their names, priorities, key actions and updates, panels and published cycles. */
function readCommittees(db: Db, scope: SnapshotScope | undefined, committeeIds: number[]) {
  const scoped = scope !== undefined;
  const none = scoped && !committeeIds.length;
  const actionRefs = scope?.actionRefs ?? [];
  return Promise.all([
    none
      ? Promise.resolve([])
      : db
          .selectFrom('committee as c')
          .select(['c.id', 'c.slug', termsColumn])
          .$if(scoped, (q) => q.where('c.id', '=', anyInt(committeeIds)))
          .orderBy('c.id')
          .execute(),
    none
      ? Promise.resolve([])
      : db
          .selectFrom('committee_name')
          .selectAll()
          .$if(scoped, (q) => q.where('committee_id', '=', anyInt(committeeIds)))
          .orderBy('committee_id')
          .orderBy('from_year', (ob) => ob.asc().nullsFirst())
          .execute(),
    none
      ? Promise.resolve([])
      : db
          .selectFrom('committee_priority as p')
          .leftJoin('corporate_outcome as o', 'o.id', 'p.corporate_outcome_id')
          .select(['p.id', 'p.committee_id', 'p.name', 'p.outcome', 'o.name as corporate_outcome'])
          .$if(scoped, (q) => q.where('p.committee_id', '=', anyInt(committeeIds)))
          .orderBy('p.id')
          .execute(),
    none || (scoped && !actionRefs.length)
      ? Promise.resolve([])
      : db
          .selectFrom('key_action as a')
          .innerJoin('committee_priority as p', 'p.id', 'a.priority_id')
          .selectAll('a')
          .select('p.name as priority')
          .select([
            sql<number | null>`(select min(u.plan_year) from key_action_update u where u.key_action_id = a.id)`.as('first_update_year'),
            sql<number | null>`(select max(u.plan_year) from key_action_update u where u.key_action_id = a.id)`.as('last_update_year'),
          ])
          .$if(scoped, (q) => q.where('a.committee_id', '=', anyInt(committeeIds)).where('a.ref', '=', anyText(actionRefs)))
          .orderBy('a.committee_id')
          .orderBy('a.ref')
          .execute(),
    none || (scoped && !actionRefs.length)
      ? Promise.resolve([])
      : db
          .selectFrom('key_action_update as u')
          .selectAll('u')
          .$if(scoped, (q) =>
            q
              .innerJoin('key_action as a', 'a.id', 'u.key_action_id')
              .where('a.committee_id', '=', anyInt(committeeIds))
              .where('a.ref', '=', anyText(actionRefs))
              .where('u.period', '=', anyText(scope!.actionPeriods)),
          )
          .orderBy('u.key_action_id')
          .orderBy('u.period')
          .execute(),
    scoped ? loadPanels(db, { committeeIds, periods: scope.panelPeriods }) : loadPanels(db),
    none
      ? Promise.resolve([])
      : db
          .selectFrom('reporting_cycle')
          .select(['committee_id', 'period'])
          .where('status', '=', 'published')
          .$if(scoped, (q) => q.where('committee_id', '=', anyInt(committeeIds)))
          .execute(),
  ]);
}

/**
 * The stored framework, whole (no scope: what an export writes) or only what a write touches
 * (`scope`: what an import of a workbook is compared with). Rows are in the same order either way.
 * `refsPerStatement`: indicators whose targets, results and benchmarks are read per statement (scoped).
 */
export async function loadSnapshot(db: Db, scope?: SnapshotScope, options: { refsPerStatement?: number } = {}): Promise<FrameworkSnapshot> {
  const scoped = scope !== undefined;
  const [council, planYears, named, publishedCommittees, outcomes, indicatorRows] = await Promise.all([
    db.selectFrom('council').select('name').executeTakeFirst(),
    db
      .selectFrom('plan_year')
      .selectAll()
      .$if(scoped, (q) => q.where('start_year', '=', anyInt(scope!.planYears)))
      .orderBy('start_year')
      .execute(),
    scoped ? committeesNamed(db, scope) : Promise.resolve([]),
    scoped ? committeesPublishedIn(db, scope.settingsYears) : Promise.resolve([]),
    scoped && scope.corporateOutcomes.length
      ? db
          .selectFrom('corporate_outcome as o')
          .innerJoin('committee_priority as p', 'p.corporate_outcome_id', 'o.id')
          .select('o.name')
          .distinct()
          .where('o.name', '=', anyText(scope.corporateOutcomes))
          .execute()
      : Promise.resolve([]),
    readIndicators(db, scope, Math.max(1, options.refsPerStatement ?? REFS_PER_STATEMENT)),
  ]);
  const [indicators, versions, targets, results, benchmarks] = indicatorRows;
  // The committees read: those named, those of the versions read, those published in a plan year set.
  const committeeIds = scoped ? [...new Set([...named, ...publishedCommittees, ...versions.map((v) => v.committee_id)])] : [];
  const [committees, names, priorities, actions, actionUpdates, panels, publishedCycles] = await readCommittees(db, scope, committeeIds);

  return {
    council: council?.name ?? null,
    planYears: planYears.map((y) => ({
      startYear: y.start_year,
      method: y.rating_method,
      directionalPolicy: y.directional_policy,
      highRiskFrom: y.high_risk_from,
      significanceLevel: y.significance_level,
    })),
    committees: committees.map((c) => ({
      id: c.id,
      slug: c.slug,
      terms: termsOf(c.terms),
      names: names.filter((n) => n.committee_id === c.id).map((n) => ({ name: n.name, fromYear: n.from_year })),
    })),
    priorities: priorities.map((p) => ({
      id: p.id,
      committeeId: p.committee_id,
      name: p.name,
      outcome: p.outcome,
      corporateOutcome: p.corporate_outcome,
    })),
    // Some priority serves these: a priority read, or (scoped) one elsewhere serving an outcome declared.
    corporateOutcomes: [
      ...new Set([...priorities.map((p) => p.corporate_outcome).filter((o): o is string => o !== null), ...outcomes.map((o) => o.name)]),
    ],
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
      fromYear: a.from_year,
      toYear: a.to_year,
      firstUpdateYear: a.first_update_year,
      lastUpdateYear: a.last_update_year,
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
