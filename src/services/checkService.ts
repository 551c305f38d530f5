/**
 * `townhall check`: contradictions and gaps in the stored data — a printed figure that disagrees with
 * the computed one, a figure stated in words (commentary, notes, narrative, key-action and risk
 * commentary, target reasons) that disagrees with the stored data, a printed rating or direction that
 * agrees only because of a survey tolerance, a result without a target, a target the method cannot
 * rate, a missing result. What it can and cannot check: docs/check.md.
 */
import { parsePrintedDirection } from '../domain/direction.ts';
import { committeeNameIn } from '../domain/organisation.ts';
import { financialYearOf, formatPeriod, parseDataPeriod, periodFromKey } from '../domain/periods.ts';
import { ragLabel } from '../domain/rating.ts';
import {
  checkCount,
  checkIndicatorFigure,
  printedDirectionWithinTolerance,
  ratingWithoutTolerance,
  type CountFacts,
  type IndicatorFacts,
  type StoredResult,
  type StoredTarget,
  type Verdict,
} from '../domain/statedFigureCheck.ts';
import { extractStatedFigures, type StatedFigure } from '../domain/statedFigures.ts';
import type { Polarity, RatingValue } from '../domain/types.ts';
import type { CommitteeRecord, ReportRepository, ResultRecord, TargetRecord } from '../repositories/reportRepository.ts';
import type { IndicatorReport, PerformanceReport, ReportService } from './performanceReport.ts';
import type { ComparatorService } from './comparatorService.ts';
import type { Ranking } from '../domain/ranking.ts';

export type FindingKind =
  | 'rating'
  | 'direction'
  | 'stated-figure'
  | 'overall-status'
  | 'within-tolerance'
  | 'result-without-target'
  | 'cannot-rate'
  | 'missing-result'
  // Committee business (businessCheckService.ts).
  | 'weekday'
  | 'deadline'
  | 'unknown-person'
  | 'cover-flags'
  | 'quorum'
  | 'substitute'
  | 'standing-item-missing';

/**
 * `contradiction`: a printed or stated figure the data contradict; `judgement`: an overall status the
 * officers judged that differs from the status the data suggest (not wrong in itself — a judgement weighs
 * what the data do not hold — but to be looked at); `tolerance`: a printed rating or direction that agrees
 * with the data only because of a survey tolerance (lower severity); `gap`: something missing that a
 * report needs.
 */
export type Severity = 'contradiction' | 'judgement' | 'tolerance' | 'gap';

export const SEVERITY_OF: Record<FindingKind, Severity> = {
  rating: 'contradiction',
  direction: 'contradiction',
  'stated-figure': 'contradiction',
  'overall-status': 'judgement',
  'within-tolerance': 'tolerance',
  'result-without-target': 'gap',
  'cannot-rate': 'gap',
  'missing-result': 'gap',
  weekday: 'contradiction',
  deadline: 'contradiction',
  'unknown-person': 'contradiction',
  'cover-flags': 'contradiction',
  quorum: 'contradiction',
  substitute: 'contradiction',
  'standing-item-missing': 'gap',
};
const SEVERITY = SEVERITY_OF;

export interface Finding {
  kind: FindingKind;
  severity: Severity;
  /** The committee's name in the period's plan year. */
  committee: string;
  period: string;
  /** The indicator's ref; a priority's name for an overall status; a key action's or risk's ref; blank for narrative. */
  ref: string;
  /** Where the figure is: `printed rating`, `printed direction`, `overall status`, `commentary`, `intervention`, `note`, `target reason`, `key-action commentary`, `risk commentary`, `narrative (key successes)`, …; null for gaps. */
  field: string | null;
  /** The sentence the figure is in, for figures stated in words. */
  quote: string | null;
  /** Where and why: what is stated or printed, what is stored, and how it was computed. */
  message: string;
}

/** A figure stated in words that cannot be compared with stored data (a rank among other councils, a change against a period not stored). */
export interface NotChecked {
  committee: string;
  period: string;
  ref: string;
  field: string;
  quote: string;
  stated: string;
  why: string;
}

export interface CheckReport {
  findings: Finding[];
  notChecked: NotChecked[];
}

/** A text the check reads: where it is, whose it is, and what "this priority" means in it. */
interface Text {
  field: string;
  ref: string;
  text: string;
  /** The indicator the text belongs to (a result's commentary or note, a target's reason). */
  indicator: IndicatorFacts | null;
  thisPriority: string | null;
}

const NARRATIVE_FIELDS = {
  success: 'narrative (key successes)',
  challenge: 'narrative (key challenges)',
  perception: "narrative (residents' perception)",
  equalities: 'narrative (equalities)',
  escalation: 'narrative (strategic issues and escalations)',
} as const;

export class CheckService {
  constructor(
    private readonly repo: ReportRepository,
    private readonly reports: ReportService,
    /** Ranks stated in words are checked against the ranks computed from comparator values (issue 13). */
    private readonly comparators: ComparatorService | null = null,
    /** Committee business: agendas and papers (businessCheckService.ts). */
    private readonly business: { findings(): Promise<Finding[]> } | null = null,
  ) {}

  /** Each indicator's positions among its comparators in the report's period, computed from the stored values. */
  private async rankingsOf(report: PerformanceReport): Promise<Map<string, Ranking[]>> {
    const out = new Map<string, Ranking[]>();
    if (!this.comparators) return out;
    for (const i of report.indicators) {
      const value = i.result?.status === 'reported' ? i.result.value : null;
      const positions = await this.comparators.positionsByRef(i.ref, { polarity: i.polarity, unit: i.unit, periods: [{ key: report.period.key, value }] });
      if (positions) out.set(i.ref, positions.groups.flatMap((g) => g.periods.map((p) => p.ranking)));
    }
    return out;
  }

  /** Every finding (CheckReport.findings). */
  async check(): Promise<Finding[]> {
    return (await this.run()).findings;
  }

  /** Every finding, and the figures stated in words that could not be checked. */
  async run(): Promise<CheckReport> {
    const out: CheckReport = { findings: [], notChecked: [] };
    for (const committee of await this.repo.listCommittees()) {
      const history = new Map((await this.repo.indicatorHistory(committee.id)).map((h) => [h.ref, h]));
      const periods = [...new Set([...(await this.repo.resultPeriods(committee.id)), ...(await this.repo.textPeriods(committee.id))])];
      for (const period of sortPeriods(periods)) {
        const planYear = Number(period.slice(0, 4));
        const settings = await this.repo.planYear(planYear);
        if (!settings) continue;
        const label = formatPeriod(periodFromKey(period));
        const report = await this.reports.performanceReport({ committee: committee.slug, period: label });
        checkReport(report, settings, history, out, await this.rankingsOf(report));
      }
      await this.checkTargetReasons(committee, history, out);
    }
    if (this.business) out.findings.push(...(await this.business.findings()));
    return out;
  }

  /** The reasons given for targets ("Lowered from 53% in 2016/17: … the 48% result at Q1 16/17") against the indicator's targets and results. */
  private async checkTargetReasons(committee: CommitteeRecord, history: Map<string, History>, out: CheckReport): Promise<void> {
    const definitions = new Map<number, Awaited<ReturnType<ReportRepository['indicatorsInForce']>>>();
    for (const h of history.values()) {
      for (const t of h.targets) {
        if (!t.reason?.trim()) continue;
        const period = periodFromKey(t.period);
        const planYear = financialYearOf(period);
        if (!definitions.has(planYear)) definitions.set(planYear, await this.repo.indicatorsInForce(committee.id, planYear));
        const definition = definitions.get(planYear)!.find((d) => d.indicatorId === h.indicatorId);
        if (!definition) continue;
        const facts: IndicatorFacts = {
          ...factsOf(h),
          title: definition.title,
          unit: definition.unit,
          polarity: definition.polarity as Polarity,
          tolerance: definition.tolerance,
          period,
          qualifier: t.spec.form === 'value' ? (t.spec.qualifier ?? null) : null,
          benchmark: null,
          context: 'target',
        };
        const where = { committee: committeeNameIn(committee, planYear), period: formatPeriod(period) };
        readText({ field: 'target reason', ref: h.ref, text: t.reason, indicator: facts, thisPriority: definition.priority }, where, null, new Map(), out);
      }
    }
  }
}

/** "1 point", "4.5 points". */
function points(n: number): string {
  const text = String(Number(n.toFixed(2)));
  return `${text} ${text === '1' ? 'point' : 'points'}`;
}

type History = Awaited<ReturnType<ReportRepository['indicatorHistory']>>[number];

/** Period keys in time order: years before their quarters' successors, as the reports list them. */
function sortPeriods(keys: string[]): string[] {
  return [...keys].sort((a, b) => a.localeCompare(b));
}

function factsOf(h: History): Pick<IndicatorFacts, 'ref' | 'results' | 'targets'> {
  return {
    ref: h.ref,
    results: h.results.map(storedResult),
    targets: h.targets.map(storedTarget),
  };
}

function storedResult(r: ResultRecord): StoredResult {
  return { period: periodFromKey(r.period), value: r.value, status: r.status, dataPeriod: r.dataPeriod ? parseDataPeriod(r.dataPeriod) : null };
}

function storedTarget(t: TargetRecord): StoredTarget {
  return { period: periodFromKey(t.period), spec: t.spec, printed: t.printed };
}

/** What the check knows of an indicator of a report, for the words of its period. */
function indicatorFacts(i: IndicatorReport, report: PerformanceReport, history: Map<string, History>): IndicatorFacts {
  const h = history.get(i.ref);
  const spec = i.target?.spec;
  return {
    ref: i.ref,
    title: i.title,
    unit: i.unit,
    polarity: i.polarity,
    tolerance: i.tolerance,
    period: periodFromKey(report.period.key),
    qualifier: spec?.form === 'value' ? (spec.qualifier ?? null) : null,
    results: h ? h.results.map(storedResult) : [],
    targets: h ? h.targets.map(storedTarget) : [],
    benchmark: i.benchmark?.text ?? null,
    context: 'result',
  };
}

function checkReport(
  report: PerformanceReport,
  settings: NonNullable<Awaited<ReturnType<ReportRepository['planYear']>>>,
  history: Map<string, History>,
  out: CheckReport,
  rankings: Map<string, Ranking[]> = new Map(),
): void {
  const committee = report.committee.name;
  const label = report.period.label;
  const add = (kind: FindingKind, ref: string, field: string | null, message: string, quote: string | null = null) =>
    out.findings.push({ kind, severity: SEVERITY[kind], committee, period: label, ref, field, quote, message });

  // Printed figures: contradictions, and agreements that only a tolerance makes.
  for (const c of report.contradictions) {
    const i = report.indicators.find((x) => x.ref === c.ref);
    if (c.kind === 'direction' && i && printedDirectionWithinTolerance(parsePrintedDirection(c.printed), i.direction.longTerm)) {
      add(
        'within-tolerance',
        c.ref,
        'printed direction',
        `${c.ref} ${label}: printed direction of travel "${c.printed}" agrees only because of the ±${i.tolerance} point survey tolerance: the data give "${c.computed}" (${i.direction.longTerm.reason})`,
      );
      continue;
    }
    add(c.kind, c.ref, c.kind === 'rating' ? 'printed rating' : 'printed direction', c.message);
  }

  // Overall statuses: the officers' judgement against the status the data suggest.
  for (const s of report.priorityStatuses) {
    if (!s.judgement || s.agrees !== false) continue;
    add(
      'overall-status',
      s.priority,
      'overall status',
      `overall status of "${s.priority}": officers judged ${s.judgement.status} ("${s.judgement.reason}"), but the data suggest ${s.computed} (${s.reasons.join('; ')})`,
    );
  }
  for (const i of report.indicators) {
    const without = ratingWithoutTolerance(
      i.printed.rating,
      { value: i.rating.value, reason: i.rating.reason },
      {
        polarity: i.polarity,
        target: i.rating.reason.target,
        result: i.rating.reason.result,
        tolerance: i.tolerance,
        baseline: i.lastYear?.status === 'reported' ? i.lastYear.value : null,
        previousResult: i.lastYear?.status === 'reported' ? i.lastYear.value : null,
        previousLabel: report.comparisons.longTerm,
      },
      settings,
    );
    if (without) {
      const r = i.rating.reason;
      add(
        'within-tolerance',
        i.ref,
        'printed rating',
        `${i.ref} ${label}: printed rating ${i.printed.rating} agrees only because of the ±${i.tolerance} point survey tolerance: ` +
          `${i.result?.display ?? r.result} misses the target ${i.target?.display ?? ''} by ${points(Math.abs((r.result ?? 0) - (r.comparedWith ?? 0)))}; ` +
          `without it, ${ragLabel(without.value as RatingValue)} (${without.reason.text})`,
      );
    }
  }

  // Gaps.
  for (const i of report.indicators) {
    const hasValue = i.result?.status === 'reported' && i.result.value !== null;
    if (hasValue && !i.target) {
      add('result-without-target', i.ref, null, `${i.ref} ${label}: result ${i.result!.display} has no target for ${report.period.kind === 'year' ? label : `${label} or ${report.period.planYear}`}`);
    } else if (hasValue && i.target && i.rating.value === 'not-rated' && i.target.spec.form !== 'not-applicable') {
      add('cannot-rate', i.ref, null, `${i.ref} ${label}: target "${i.target.display}" cannot be rated: ${i.rating.reason.text}`);
    }
    const expected = report.period.kind === 'year' || i.frequency === 'monthly' || i.frequency === 'quarterly';
    if (!i.result && expected) add('missing-result', i.ref, null, `${i.ref} ${label}: no result recorded (not even "due" or "not available")`);
  }

  // Words.
  const facts = new Map(report.indicators.map((i) => [i.ref, { ...indicatorFacts(i, report, history), rankings: rankings.get(i.ref) ?? [] }]));
  const counts: Omit<CountFacts, 'thisPriority'> = {
    indicators: report.indicators.map((i) => ({ ref: i.ref, priority: i.priority, rating: i.rating.value, direction: i.direction.longTerm.status })),
    keyActions: report.keyActions.map((a) => ({ ref: a.ref, priority: a.priority, rag: a.rag })),
    risks: report.panels.risks.map((r) => ({ ref: r.ref, priority: r.priority, highLevel: r.highLevel, kind: r.kind })),
    priorities: report.priorities.map((p) => p.name),
    periodLabel: label,
  };
  const where = { committee, period: label };
  const texts: Text[] = [];
  for (const i of report.indicators) {
    for (const field of ['commentary', 'intervention', 'note'] as const) {
      const text = i.result?.[field];
      if (text?.trim()) texts.push({ field, ref: i.ref, text, indicator: facts.get(i.ref)!, thisPriority: i.priority });
    }
  }
  for (const a of report.keyActions) {
    if (a.commentary?.trim()) texts.push({ field: 'key-action commentary', ref: a.ref, text: a.commentary, indicator: null, thisPriority: a.priority });
  }
  for (const r of report.panels.risks) {
    if (r.commentary?.trim()) texts.push({ field: 'risk commentary', ref: r.ref, text: r.commentary, indicator: null, thisPriority: r.priority });
  }
  for (const [kind, field] of Object.entries(NARRATIVE_FIELDS) as [keyof typeof NARRATIVE_FIELDS, string][]) {
    for (const item of report.panels.narrative[kind]) {
      for (const text of [item.text, item.actionRequired]) if (text?.trim()) texts.push({ field, ref: '', text, indicator: null, thisPriority: null });
    }
  }
  for (const t of texts) readText(t, where, counts, facts, out);
}

/**
 * Reads one text: each figure it states is compared with the indicator it belongs to (or the one the
 * sentence names by ref), each count with the report's items; disagreements become findings, figures
 * that cannot be compared go to `notChecked`.
 */
function readText(t: Text, where: { committee: string; period: string }, counts: Omit<CountFacts, 'thisPriority'> | null, indicators: Map<string, IndicatorFacts>, out: CheckReport): void {
  for (const figure of extractStatedFigures(t.text)) {
    let verdict: Verdict;
    let ref = t.ref;
    if (figure.kind === 'count') {
      if (!counts) continue;
      verdict = checkCount(figure, { ...counts, thisPriority: t.thisPriority });
    } else {
      // A sentence that names another indicator's ref is about that indicator.
      const named = figure.ref && figure.ref !== t.indicator?.ref ? (indicators.get(figure.ref) ?? null) : null;
      const facts = named ?? (figure.ref && figure.ref !== t.indicator?.ref ? null : t.indicator);
      if (!facts) continue;
      if (named) ref = named.ref;
      verdict = checkIndicatorFigure(figure, named ? { ...named, context: 'result' } : facts);
    }
    record(verdict, figure, t, ref, where, out);
  }
}

function record(verdict: Verdict, figure: StatedFigure, t: Text, ref: string, where: { committee: string; period: string }, out: CheckReport): void {
  if (verdict.outcome === 'agrees' || verdict.outcome === 'not-about') return;
  const at = `${ref ? `${ref} ` : ''}${where.period} ${t.field}`;
  if (verdict.outcome === 'cannot-check') {
    out.notChecked.push({ ...where, ref, field: t.field, quote: figure.quote, stated: verdict.stated, why: verdict.why });
    return;
  }
  out.findings.push({
    kind: 'stated-figure',
    severity: 'contradiction',
    ...where,
    ref,
    field: t.field,
    quote: figure.quote,
    message: `${at}: "${figure.quote}" states ${verdict.stated}, but ${verdict.stored}`,
  });
}
