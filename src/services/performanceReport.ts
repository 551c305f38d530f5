/**
 * The committee performance report model (docs/report-model.md): per indicator its inputs, RAG with
 * its reason, long- and short-term direction of travel; the summaries; key actions; and every place
 * where a figure printed in a source document disagrees with the computed one. Every number in every
 * report format comes from here: templates never compute.
 */
import type { PositionAtInput, ReportPosition } from '../domain/ranking.ts';
import { directionAgrees, directionOfTravel, formatDirection } from '../domain/direction.ts';
import { basisMarker, formatTargetForReport, formatValue, polarityText } from '../domain/format.ts';
import {
  financialYearOf,
  formatFinancialYear,
  formatPeriod,
  formatShortPeriod,
  parseDataPeriod,
  parsePeriod,
  periodFromKey,
  periodKey,
  previousPeriod,
  samePeriodLastYear,
} from '../domain/periods.ts';
import { allInForceIn } from '../domain/inForce.ts';
import { committeeNameIn, currentCommitteeName, termsOfReferenceIn } from '../domain/organisation.ts';
import { resolvePaperDetails, type PaperDetails } from '../domain/paperDetails.ts';
import { methodKey, methodName, ragLabel, type KeyEntry } from '../domain/rating.ts';
import { ratingBasisKey, rateResult, significanceApplies } from '../domain/significance.ts';
import { summariseIndicators, summariseKeyActions, type IndicatorSummary, type KeyActionSummary } from '../domain/summary.ts';
import type {
  ActionRag,
  DataPeriod,
  Direction,
  DirectionalPolicy,
  SignificanceLevel,
  Period,
  PlanYearSettings,
  Polarity,
  Rating,
  RatingValue,
  Target,
} from '../domain/types.ts';
import type {
  BenchmarkRecord,
  IndicatorRecord,
  KeyActionRecord,
  ReportRepository,
  ResultRecord,
  TargetRecord,
} from '../repositories/reportRepository.ts';
import type { StoredPanels } from '../repositories/panelRepository.ts';
import { VersionedCache } from './dataVersion.ts';
import { plainCopy } from './plainCopy.ts';
import { buildPanels, buildPriorityStatuses, type PriorityStatusView, type ReportPanels } from './reportPanels.ts';

export class ReportError extends Error {}

/**
 * What a report being published compares with: the results as last published, never a draft
 * (publicationService.ts). A comparison period of the committee that was never published is shown as
 * "Not published".
 */
export interface PublishedComparisons {
  /** The latest published results of these indicators in these periods. */
  results(indicatorIds: number[], periods: string[]): Promise<ResultRecord[]>;
  /** Whether the committee's period (a period key) has been published. */
  isPublished(periodKey: string): boolean;
}

/** The status of a comparison whose period was never published. */
export const NOT_PUBLISHED = 'not-published';

export interface ReportResult {
  period: string;
  value: number | null;
  /** The value as the report prints it, derived from value and unit ("27.9%", "Due Q3 18/19"). */
  display: string;
  /** The value cell as it was typed or published. */
  printed: string;
  dataPeriod: DataPeriod | null;
  status: string;
  numerator: number | null;
  denominator: number | null;
  commentary: string | null;
  intervention: string | null;
  note: string | null;
}

export interface DirectionView extends Direction {
  /** "↓ W +6.6%". */
  text: string;
}

export interface Contradiction {
  /** The indicator's ref. */
  ref: string;
  period: string;
  kind: 'rating' | 'direction';
  printed: string;
  computed: string;
  message: string;
}

export interface IndicatorReport {
  ref: string;
  title: string;
  type: string;
  priority: string;
  polarity: Polarity;
  polarityText: string;
  unit: string;
  frequency: string;
  basis: string;
  basisMarker: string;
  source: string | null;
  tolerance: number | null;
  definition: string | null;
  measuredAgainst: string | null;
  owner: string | null;
  footnote: string | null;
  /** The target the result is rated against (the period's, else the year's). */
  target: { period: string; spec: Target; printed: string; display: string } | null;
  annualTarget: { period: string; spec: Target; printed: string; display: string } | null;
  result: ReportResult | null;
  rating: { value: RatingValue; label: string; reason: Rating['reason'] };
  direction: { longTerm: DirectionView; shortTerm: DirectionView };
  /** Same period last year. */
  lastYear: ReportResult | null;
  /** Previous period (short term). */
  previous: ReportResult | null;
  /** The previous financial year's year-end result ("17/18 EOY"). */
  previousYearEnd: ReportResult | null;
  benchmark: { text: string; label: string | null; value: number | null; source: string | null; period: string | null } | null;
  printed: { rating: string | null; ratingAgrees: boolean | null; direction: string | null; directionAgrees: boolean | null };
  /**
   * The confidence level the plan year rates this survey or rate indicator by (ADR 0019); null: by the
   * fixed tolerance. Absent from versions published before significance existed.
   */
  significanceLevel?: SignificanceLevel | null;
  /**
   * The council's position in each comparator group for the report's period, computed from the comparator
   * values stored when the report was built (ADR 0024; kept as published). Absent from versions published
   * before positions were reported; empty when no group has values for the period.
   */
  positions?: ReportPosition[];
}

export type { ReportPosition };

export interface KeyActionReport {
  ref: string;
  title: string;
  priority: string;
  service: string | null;
  rag: ActionRag;
  ragLabel: string;
  commentary: string | null;
}

export interface PerformanceReport {
  council: string | null;
  /** `termsOfReference`: the text in force in the period's plan year (null: none recorded for that year). */
  committee: { slug: string; name: string; currentName: string; termsOfReference: string | null };
  period: { label: string; short: string; key: string; kind: Period['kind']; planYear: string };
  /** Who the papers are from: "Report of" and the officer to contact, the period's own else the committee's (null: not set). */
  paper: PaperDetails;
  comparisons: { longTerm: string; shortTerm: string; previousYearEnd: string };
  method: {
    kind: PlanYearSettings['method']['kind'];
    name: string;
    settings: PlanYearSettings['method'];
    key: KeyEntry[];
    directionalPolicy: DirectionalPolicy;
    directionalPolicyText: string;
    /**
     * How survey and rate indicators are rated (ADR 0019): by the fixed survey tolerance, or by significance
     * at a level; `text` is the key line. Absent from versions published before significance existed.
     */
    ratingBasis?: { kind: 'tolerance' | 'significance'; level: SignificanceLevel | null; text: string };
  };
  priorities: { name: string; outcome: string | null; indicators: string[]; keyActions: string[] }[];
  indicators: IndicatorReport[];
  summary: IndicatorSummary;
  /** Every key action in force in the period's plan year; one not updated in the period is not rated. */
  keyActions: KeyActionReport[];
  /** Of all of `keyActions`, not rated included. */
  keyActionSummary: KeyActionSummary;
  /** Finance, risk, workforce, customer experience and narrative (src/services/reportPanels.ts). */
  panels: ReportPanels;
  /** Overall status per priority: the officers' judgement with its reason, and the computed suggestion with its reasons. */
  priorityStatuses: PriorityStatusView[];
  contradictions: Contradiction[];
  /**
   * Set on a report published while something was missing (issue 10, deliver 1): the reason recorded
   * when it was published and what was missing then; the papers and pages state it.
   */
  incomplete?: { reason: string; gaps: string[] } | null;
}

const ACTION_LABELS: Record<ActionRag, string> = {
  G: 'Green',
  GA: 'Green Amber',
  RA: 'Red Amber',
  R: 'Red',
  'not-rated': 'Not rated',
};


export class ReportService {
  /** Reports built at a data version (src/services/dataVersion.ts): a cached report is never stale. */
  readonly #cache = new VersionedCache<PerformanceReport>(128);

  /**
   * `positionsAt`: each indicator's position among its comparators for a period (ComparatorService), printed
   * in the papers' "How we compare"; without it the report has no positions.
   */
  constructor(
    private readonly repo: ReportRepository,
    private readonly positionsAt?: (period: string, inputs: readonly PositionAtInput[]) => Promise<Map<number, ReportPosition[]>>,
  ) {}

  /** The report for a committee (any of its names) and period. Each caller gets its own copy. */
  async performanceReport(request: { committee: string; period: string }): Promise<PerformanceReport> {
    const period = parsePeriod(request.period);
    const key = `${request.committee.trim().toLowerCase()}|${period ? periodKey(period) : request.period}`;
    const version = await this.repo.dataVersion();
    return plainCopy(await this.#cache.get(key, version, () => this.#build(request)));
  }

  /** The report of a committee (by slug) for a period key, or null when it has none (e.g. no rating method that year). */
  async reportFor(committeeSlug: string, periodKey: string): Promise<PerformanceReport | null> {
    try {
      return await this.performanceReport({ committee: committeeSlug, period: formatPeriod(periodFromKey(periodKey)) });
    } catch (error) {
      if (error instanceof ReportError) return null;
      throw error;
    }
  }

  /**
   * The report of a committee's period as it is to be published: the period's own data as stored now,
   * every comparison with what was published (never a draft). Not cached. With the period's own
   * results as stored (what the publication keeps).
   */
  async publishableReport(request: { committee: string; period: string }, published: PublishedComparisons): Promise<{ report: PerformanceReport; results: ResultRecord[] }> {
    let own: ResultRecord[] = [];
    const report = await this.#build(request, published, (rows) => {
      own = rows;
    });
    return { report, results: own };
  }

  async #build(
    request: { committee: string; period: string },
    published?: PublishedComparisons,
    keepOwn?: (results: ResultRecord[]) => void,
  ): Promise<PerformanceReport> {
    const { committee, period, planYear, settings } = await this.#resolve(request);
    const keys = comparisonKeys(period);
    const inForce = await this.repo.indicatorsInForce(committee.id, planYear);
    const ids = inForce.map((i) => i.indicatorId);
    const comparedKeys = [...new Set([keys.longTerm, keys.shortTerm, keys.yearEnd])].filter((k) => k !== keys.period);
    const [targets, results, benchmarks, committeeActions, council, storedPanels, paperDetails] = await Promise.all([
      this.repo.targets(ids, [...new Set([keys.period, keys.annual, keys.lastYearAnnual])]),
      published
        ? Promise.all([this.repo.results(ids, [keys.period]), published.results(ids, comparedKeys)]).then(([mine, compared]) => {
            keepOwn?.(mine);
            return [...mine, ...compared, ...notPublished(ids, comparedKeys, compared, published)];
          })
        : this.repo.results(ids, [keys.period, ...comparedKeys]),
      this.repo.benchmarks(ids, [keys.period]),
      this.repo.keyActions(committee.id, keys.period),
      this.repo.councilName(),
      this.repo.panels(committee.id, keys.period),
      this.repo.paperDetails(committee.id, keys.period),
    ]);
    // Two questions only some indicators need answered, each a probe or two per indicator: whether it has
    // a target this plan year (asked only of those without a result this period, which are in the report
    // either way) and its first plan year (to tell a new one: asked only of those without a result for
    // the same period last year).
    const found = new Set(results.map((r) => `${r.indicatorId}|${r.period}`));
    const [withTargets, firstYears] = await Promise.all([
      this.repo.indicatorsWithTargetsIn(ids.filter((id) => !found.has(`${id}|${keys.period}`)), planYear),
      this.repo.firstYears(ids.filter((id) => !found.has(`${id}|${keys.longTerm}`))),
    ]);
    const { indicators, contradictions } = buildIndicators({ inForce, period, settings, keys, targets, results, benchmarks, withTargets, firstYears });
    if (this.positionsAt) {
      // How the council compares in the period, from the comparator values stored now (kept as published).
      const idOf = new Map(inForce.map((i) => [i.ref, i.indicatorId]));
      const positions = await this.positionsAt(
        keys.period,
        indicators.flatMap((i) => {
          const indicatorId = idOf.get(i.ref);
          if (indicatorId === undefined) return [];
          const polarity = i.polarity === 'bigger' || i.polarity === 'smaller' ? i.polarity : null;
          return [{ indicatorId, polarity, unit: i.unit, value: i.result?.status === 'reported' ? i.result.value : null }];
        }),
      );
      for (const i of indicators) {
        const indicatorId = idOf.get(i.ref);
        i.positions = (indicatorId === undefined ? undefined : positions.get(indicatorId)) ?? [];
      }
    }
    // Every key action in force in the plan year is reported and counted; one not updated this period is not rated.
    const actions = allInForceIn(committeeActions, planYear);
    const keyActions: KeyActionReport[] = actions.map((a: KeyActionRecord) => {
      const rag = (a.rag ?? 'not-rated') as ActionRag;
      return { ref: a.ref, title: a.title, priority: a.priority, service: a.service, rag, ragLabel: ACTION_LABELS[rag], commentary: a.commentary };
    });
    const panels = buildPanels(storedPanels, settings.highRiskFrom);
    const priorities = buildPriorities({ period, inForce, actions, indicators, keyActions, panels, storedPanels });
    return {
      council,
      committee: {
        slug: committee.slug,
        name: committeeNameIn(committee, planYear),
        currentName: currentCommitteeName(committee),
        termsOfReference: termsOfReferenceIn(committee, planYear),
      },
      period: {
        label: formatPeriod(period),
        short: formatShortPeriod(period),
        key: keys.period,
        kind: period.kind,
        planYear: formatFinancialYear(planYear),
      },
      paper: (({ reportOf, officer }) => ({ reportOf, officer }))(resolvePaperDetails(paperDetails.committee, paperDetails.period)),
      comparisons: {
        longTerm: formatPeriod(keys.longTermPeriod),
        shortTerm: formatPeriod(keys.shortTermPeriod),
        previousYearEnd: formatPeriod(keys.yearEndPeriod),
      },
      method: methodOf(settings),
      priorities: priorities.priorities,
      indicators,
      summary: summariseIndicators(
        indicators.map((i) => ({ type: i.type, rating: i.rating.value, direction: i.direction.longTerm.status })),
      ),
      keyActions,
      keyActionSummary: summariseKeyActions(keyActions.map((a) => a.rag)),
      panels,
      priorityStatuses: priorities.statuses,
      contradictions,
    };
  }

  /** The committee, period, plan year and its settings of a request; ReportError (for people) when any is missing. */
  async #resolve(request: { committee: string; period: string }) {
    const period = parsePeriod(request.period);
    if (!period) throw new ReportError(`"${request.period}" is not a period: write Q2 2018/19 or 2016/17`);
    const committee = await this.repo.findCommittee(request.committee);
    if (!committee) {
      const known = (await this.repo.listCommittees()).flatMap((c) => c.names.map((n) => n.name));
      throw new ReportError(
        known.length
          ? `No committee called "${request.committee}". Known: ${known.join('; ')}`
          : 'No committees are stored yet: import a workbook first, e.g. townhall import demo/barnet',
      );
    }
    const planYear = financialYearOf(period);
    const settings = await this.repo.planYear(planYear);
    if (!settings) throw new ReportError(`No rating method is set for plan year ${formatFinancialYear(planYear)}`);
    return { committee, period, planYear, settings };
  }
}

/** A "Not published" comparison for each indicator of each compared period never published. */
function notPublished(ids: number[], comparedKeys: string[], found: ResultRecord[], published: PublishedComparisons): ResultRecord[] {
  const have = new Set(found.map((r) => `${r.indicatorId}|${r.period}`));
  const out: ResultRecord[] = [];
  for (const period of comparedKeys) {
    if (published.isPublished(period)) continue;
    for (const indicatorId of ids) {
      if (have.has(`${indicatorId}|${period}`)) continue;
      out.push({
        id: 0,
        indicatorId,
        period,
        value: null,
        printed: '',
        dataPeriod: null,
        basis: null,
        status: NOT_PUBLISHED,
        numerator: null,
        denominator: null,
        printedRag: null,
        printedDirection: null,
        commentary: null,
        intervention: null,
        note: null,
        overrideRag: null,
        overrideReason: null,
        revision: 0,
      });
    }
  }
  return out;
}

/** The periods a report compares: the same period last year (long term), the previous period (short term), last year's end. */
function comparisonKeys(period: Period) {
  const planYear = financialYearOf(period);
  const longTermPeriod = samePeriodLastYear(period);
  const shortTermPeriod = previousPeriod(period);
  const yearEndPeriod: Period = { kind: 'year', startYear: planYear - 1 };
  return {
    longTermPeriod,
    shortTermPeriod,
    yearEndPeriod,
    period: periodKey(period),
    annual: periodKey({ kind: 'year', startYear: planYear }),
    longTerm: periodKey(longTermPeriod),
    shortTerm: periodKey(shortTermPeriod),
    yearEnd: periodKey(yearEndPeriod),
    lastYearAnnual: periodKey({ kind: 'year', startYear: planYear - 1 }),
  };
}

/** The rating method of the plan year as the report prints it. */
function methodOf(settings: PlanYearSettings & { highRiskFrom: number }): PerformanceReport['method'] {
  return {
    kind: settings.method.kind,
    name: methodName(settings.method),
    settings: settings.method,
    key: methodKey(settings.method),
    directionalPolicy: settings.directionalPolicy,
    directionalPolicyText:
      settings.directionalPolicy === 'monitor'
        ? 'Directional targets (Increase, Decrease, Sustain) are counted as Monitor and not rated.'
        : 'Directional targets (Increase, Decrease, Sustain) are rated against the same period last year.',
    ratingBasis: {
      kind: settings.significanceLevel ? 'significance' : 'tolerance',
      level: settings.significanceLevel ?? null,
      text: ratingBasisKey(settings.significanceLevel ?? null),
    },
  };
}

/** Every indicator of the report (a target this plan year or a result this period), with the contradictions found. */
function buildIndicators(o: {
  inForce: IndicatorRecord[];
  period: Period;
  settings: PlanYearSettings;
  keys: ReturnType<typeof comparisonKeys>;
  targets: TargetRecord[];
  results: ResultRecord[];
  benchmarks: BenchmarkRecord[];
  withTargets: Set<number>;
  firstYears: Map<number, number>;
}): { indicators: IndicatorReport[]; contradictions: Contradiction[] } {
  const { keys, period } = o;
  const planYear = financialYearOf(period);
  const index = <T extends { indicatorId: number; period: string }>(rows: T[]) => new Map(rows.map((r) => [`${r.indicatorId}|${r.period}`, r]));
  const targetBy = index(o.targets);
  const resultBy = index(o.results);
  const benchmarkBy = index(o.benchmarks);
  const labels = reportLabels(period, keys);
  const indicators: IndicatorReport[] = [];
  const contradictions: Contradiction[] = [];
  for (const ind of o.inForce) {
    const id = ind.indicatorId;
    const result = resultBy.get(`${id}|${keys.period}`) ?? null;
    // An indicator belongs to the report when it has a target this plan year or a result this period.
    if (!o.withTargets.has(id) && !result) continue;
    const report = buildIndicator(
      {
        ind,
        settings: o.settings,
        periodTarget: targetBy.get(`${id}|${keys.period}`) ?? null,
        annualTarget: targetBy.get(`${id}|${keys.annual}`) ?? null,
        result,
        lastYear: resultBy.get(`${id}|${keys.longTerm}`) ?? null,
        previous: resultBy.get(`${id}|${keys.shortTerm}`) ?? null,
        previousYearEnd: resultBy.get(`${id}|${keys.yearEnd}`) ?? null,
        benchmark: benchmarkBy.get(`${id}|${keys.period}`) ?? null,
        isNew: (o.firstYears.get(id) ?? planYear) >= planYear,
      },
      labels,
    );
    indicators.push(report);
    if (report.printed.ratingAgrees === false || report.printed.directionAgrees === false) contradictions.push(...contradictionsOf(report, labels.period));
  }
  return { indicators, contradictions };
}

/** What every indicator of one report prints the same: computed once per report, not per indicator. */
interface ReportLabels {
  /** The period's key and label ("Q3 2024/25"), and its plan year's ("2024/25"). */
  periodKey: string;
  period: string;
  planYear: string;
  /** The long-term and short-term comparisons' labels. */
  longTerm: string;
  shortTerm: string;
  /** A new indicator's direction of travel: "New (2024/25)". */
  newText: string;
  /** A result's period label by key (a report's results are in four periods). */
  periodLabel(key: string): string;
}

function reportLabels(period: Period, keys: ReturnType<typeof comparisonKeys>): ReportLabels {
  const planYear = formatFinancialYear(financialYearOf(period));
  const byKey = new Map<string, string>();
  return {
    periodKey: keys.period,
    period: formatPeriod(period),
    planYear,
    longTerm: formatPeriod(keys.longTermPeriod),
    shortTerm: formatPeriod(keys.shortTermPeriod),
    newText: `New (${planYear})`,
    periodLabel(key) {
      let label = byKey.get(key);
      if (label === undefined) byKey.set(key, (label = formatPeriod(periodFromKey(key))));
      return label;
    },
  };
}

/**
 * The report's priorities in order of first mention (indicators, key actions, risks, status rows), each
 * with its outcome, and the overall status of each: the officers' judgement and the computed suggestion.
 */
function buildPriorities(o: {
  period: Period;
  inForce: IndicatorRecord[];
  actions: KeyActionRecord[];
  indicators: IndicatorReport[];
  keyActions: KeyActionReport[];
  panels: ReportPanels;
  storedPanels: StoredPanels;
}): { priorities: PerformanceReport['priorities']; statuses: PriorityStatusView[] } {
  const priorityOutcomes = new Map<string, string | null>();
  for (const p of [...o.inForce.map((i) => [i.priority, i.priorityOutcome] as const), ...o.actions.map((a) => [a.priority, a.priorityOutcome] as const)]) {
    if (!priorityOutcomes.has(p[0]) || priorityOutcomes.get(p[0]) === null) priorityOutcomes.set(p[0], p[1]);
  }
  const priorityNames: string[] = [];
  const panelPriorities = [...o.panels.risks.map((r) => r.priority), ...o.storedPanels.priority_status.map((r) => String(r.values.priority))];
  for (const name of [...o.indicators.map((i) => i.priority), ...o.keyActions.map((a) => a.priority), ...panelPriorities]) {
    if (name !== null && !priorityNames.includes(name)) priorityNames.push(name);
  }
  const statuses = buildPriorityStatuses(
    priorityNames,
    o.indicators.map((i) => ({ ref: i.ref, priority: i.priority, rating: i.rating.value })),
    o.keyActions,
    o.panels,
    o.storedPanels,
  );
  const priorities = priorityNames.map((name) => ({
    name,
    outcome: priorityOutcomes.get(name) ?? null,
    indicators: o.indicators.filter((i) => i.priority === name).map((i) => i.ref),
    keyActions: o.keyActions.filter((a) => a.priority === name).map((a) => a.ref),
  }));
  return { priorities, statuses };
}

interface IndicatorInputs {
  ind: IndicatorRecord;
  settings: PlanYearSettings;
  periodTarget: TargetRecord | null;
  annualTarget: TargetRecord | null;
  result: ResultRecord | null;
  lastYear: ResultRecord | null;
  previous: ResultRecord | null;
  previousYearEnd: ResultRecord | null;
  benchmark: BenchmarkRecord | null;
  isNew: boolean;
}

/** A comparable value: a reported result with a number. */
const comparable = (r: ResultRecord | null) => (r && r.status === 'reported' ? r.value : null);

/** A result as the report shows it, in the unit of its indicator (with the qualifier of its target). */
function resultView(r: ResultRecord | null, unit: string, qualifier: string | null, labels: ReportLabels): ReportResult | null {
  if (!r) return null;
  return {
    period: labels.periodLabel(r.period),
    value: r.value,
    display: r.status === 'reported' ? formatValue(r.value, unit, qualifier) : r.printed || statusText(r.status),
    printed: r.printed,
    dataPeriod: r.dataPeriod ? parseDataPeriod(r.dataPeriod) : null,
    status: r.status,
    numerator: r.numerator,
    denominator: r.denominator,
    commentary: r.commentary,
    intervention: r.intervention,
    note: r.note,
  };
}

/** A target as the report shows it: the period's own, or the plan year's. */
function targetView(t: TargetRecord | null, unit: string, labels: ReportLabels): IndicatorReport['target'] {
  if (!t) return null;
  return {
    period: t.period === labels.periodKey ? labels.period : labels.planYear,
    spec: t.spec,
    printed: t.printed,
    display: formatTargetForReport(t.spec, t.printed, unit),
  };
}

/** The direction of travel of `current` against a comparison result. */
function directionView(
  inputs: { polarity: Polarity; current: number | null; tolerance: number | null },
  comparison: ResultRecord | null,
  label: string,
  isNew: boolean,
  labels: ReportLabels,
): DirectionView {
  const d = directionOfTravel({
    polarity: inputs.polarity,
    current: inputs.current,
    comparison: comparable(comparison),
    comparedWith: label,
    tolerance: inputs.tolerance,
    isNew: isNew || comparison?.status === 'new',
  });
  const text = d.status === 'new' ? labels.newText : formatDirection(d);
  if (comparison?.status === NOT_PUBLISHED && d.status === 'not-applicable') return { ...d, text, reason: `Not applicable: ${label} is not published` };
  return { ...d, text };
}

function buildIndicator(x: IndicatorInputs, labels: ReportLabels): IndicatorReport {
  const { ind } = x;
  const polarity = ind.polarity as Polarity;
  const unit = ind.unit;
  const chosen = x.periodTarget ?? x.annualTarget;
  const qualifier = chosen?.spec.form === 'value' ? (chosen.spec.qualifier ?? null) : null;

  const current = comparable(x.result);
  const tolerance = ind.tolerance;
  const subject = { unit, tolerance, source: ind.source };
  const { rating } = rateResult(
    {
      polarity,
      target: chosen?.spec ?? null,
      result: current,
      tolerance,
      baseline: comparable(x.lastYear),
      previousResult: comparable(x.lastYear),
      previousLabel: labels.longTerm,
      override: x.result?.overrideRag ? { value: x.result.overrideRag as RatingValue, reason: x.result.overrideReason ?? '' } : null,
    },
    subject,
    { numerator: x.result?.numerator ?? null, denominator: x.result?.denominator ?? null },
    x.settings,
  );
  const isNew = x.lastYear?.status === 'new' || (x.lastYear === null && x.isNew);
  const measured = { polarity, current, tolerance };
  const longTerm = directionView(measured, x.lastYear, labels.longTerm, isNew, labels);
  const shortTerm = directionView(measured, x.previous, labels.shortTerm, false, labels);

  const printedRating = x.result?.printedRag ?? null;
  const printedDirection = x.result?.printedDirection ?? null;
  const basis = x.result?.basis ?? ind.basis;
  return {
    ref: ind.ref,
    title: ind.title,
    type: ind.type,
    priority: ind.priority,
    polarity,
    polarityText: polarityText(polarity),
    unit,
    frequency: ind.frequency,
    basis,
    basisMarker: basisMarker(basis),
    source: ind.source,
    tolerance,
    definition: ind.definition,
    measuredAgainst: ind.measuredAgainst,
    owner: ind.owner,
    footnote: ind.footnote,
    target: targetView(chosen, unit, labels),
    annualTarget: targetView(x.annualTarget, unit, labels),
    result: resultView(x.result, unit, qualifier, labels),
    rating: { value: rating.value, label: ragLabel(rating.value), reason: rating.reason },
    direction: { longTerm, shortTerm },
    lastYear: resultView(x.lastYear, unit, qualifier, labels),
    previous: resultView(x.previous, unit, qualifier, labels),
    previousYearEnd: resultView(x.previousYearEnd, unit, qualifier, labels),
    benchmark: x.benchmark && {
      text: x.benchmark.text,
      label: x.benchmark.label,
      value: x.benchmark.value,
      source: x.benchmark.source,
      period: x.benchmark.dataPeriod,
    },
    printed: {
      rating: printedRating,
      ratingAgrees: printedRating === null ? null : printedRating === rating.value,
      direction: printedDirection?.text ?? null,
      directionAgrees: printedDirection === null ? null : directionAgrees(printedDirection, longTerm),
    },
    significanceLevel: x.settings.significanceLevel && significanceApplies(subject) ? x.settings.significanceLevel : null,
  };
}

function statusText(status: string): string {
  if (status === NOT_PUBLISHED) return 'Not published';
  return status === 'due' ? 'Due' : status.charAt(0).toUpperCase() + status.slice(1);
}

function contradictionsOf(i: IndicatorReport, period: string): Contradiction[] {
  const out: Contradiction[] = [];
  if (i.printed.ratingAgrees === false) {
    out.push({
      ref: i.ref,
      period,
      kind: 'rating',
      printed: i.printed.rating!,
      computed: i.rating.value,
      message: `${i.ref} ${period}: printed rating ${i.printed.rating} but the data give ${i.rating.label} (${i.rating.reason.text})`,
    });
  }
  if (i.printed.directionAgrees === false) {
    out.push({
      ref: i.ref,
      period,
      kind: 'direction',
      printed: i.printed.direction!,
      computed: i.direction.longTerm.text,
      message: `${i.ref} ${period}: printed direction of travel "${i.printed.direction}" but the data give "${i.direction.longTerm.text}" (${i.direction.longTerm.reason})`,
    });
  }
  return out;
}
