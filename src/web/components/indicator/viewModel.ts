/**
 * The indicator page: how it is measured and what it is measured against (the 2017 minute), its
 * definition history by plan year, target history, results over time (SVG chart + the same data as a
 * table) with the reason behind each rating, commentary history, and — for staff — its audit history.
 * Per-period figures come from the report model of that period; the caller passes only periods the
 * viewer may see.
 */
import { inForceIn } from '../../../domain/inForce.ts';
import { formatTargetForReport, formatValue, polarityText } from '../../../domain/format.ts';
import { comparePeriods, formatFinancialYear, formatPeriod, formatShortPeriod, monthsOf, periodFromKey } from '../../../domain/periods.ts';
import type { IndicatorAuditRecord, IndicatorHistory, IndicatorPeriodData, IndicatorVersionRecord } from '../../../services/committeePerformance.ts';
import { lineChart, type ChartSeries } from '../../charts/lineChart.ts';
import { dashboardPath, periodSlug } from '../../urls.ts';
import { paragraphs } from '../key-actions/viewModel.ts';
import type { IndicatorPositions } from '../../../services/comparatorService.ts';
import { buildPositionsView, type PositionsView } from './positions.ts';
import { METHOD_NAMES, type ConfidenceInterval, type ConfidenceLevel } from '../../../domain/confidence.ts';
import { changeSignificance, intervalFormat, resultInterval } from '../../../domain/significance.ts';
import { cycleStatusTag, presentDirection, type DirectionPresentation, type TagView } from '../shared/present.ts';

/** An indicator's history as the viewer may see it (app.performance.indicatorHistory). */
export type IndicatorPageInput = IndicatorHistory;
export type IndicatorPeriodInput = IndicatorPeriodData;

export interface SummaryRow {
  key: string;
  value: string;
}

export interface ResultRow {
  id: string;
  period: string;
  dashboardHref: string;
  committeeName: string;
  status: TagView | null;
  result: string;
  basisMarker: string;
  dataPeriod: string;
  numeratorDenominator: string;
  /** "95% confidence interval: 62.7% to 70.9% (Wilson score interval)", one per level; empty without numerator and denominator. */
  intervals: string[];
  /** Whether the change from the previous result with an interval is statistically significant (null: nothing to compare). */
  change: string | null;
  target: string;
  rating: { value: string; label: string };
  reason: string;
  override: string | null;
  direction: DirectionPresentation;
  benchmark: string;
}

export interface AuditView {
  at: string;
  actor: string;
  action: string;
  record: string;
  changes: string[];
  reason: string;
}

export interface IndicatorPageView {
  pageTitle: string;
  ref: string;
  title: string;
  committeeName: string;
  measurement: {
    how: string[];
    howFacts: SummaryRow[];
    against: string[];
    againstFacts: SummaryRow[];
  };
  details: SummaryRow[];
  /**
   * Each definition version, newest first. A definition or "measured against" text the same as the one at
   * the top of the page (the version in force now) is not printed again: `…AsAbove` says so instead.
   */
  versions: { heading: string; rows: SummaryRow[]; definition: string[]; definitionAsAbove: boolean; measuredAgainst: string[]; measuredAgainstAsAbove: boolean }[];
  targets: { planYear: string; period: string; target: string }[];
  chart: string;
  /** How it compares with other areas (issue 13): null when no comparator values are held. */
  positions: PositionsView | null;
  results: ResultRow[];
  commentary: { period: string; id: string; commentary: string[]; intervention: string[] }[];
  /** The audit history slot: null = not shown to this viewer. */
  audit: AuditView[] | null;
}

const UNIT_TEXT: Record<string, string> = {
  percent: 'Percentage',
  number: 'Number',
  currency: 'Money (£)',
  days: 'Days',
  rate: 'Rate per 1,000 population',
};
const FREQUENCY_TEXT: Record<string, string> = {
  monthly: 'Monthly',
  quarterly: 'Quarterly',
  biannual: 'Twice a year',
  annual: 'Annually',
};
const BASIS_TEXT: Record<string, string> = {
  discrete: 'The months of the period (no marker)',
  cumulative: 'Cumulative from the start of the financial year (c)',
  snapshot: 'Snapshot at the end of the period (s)',
  rolling: 'Rolling 12 months (r)',
};

const yearHeading = (fromYear: number | null) => (fromYear === null ? 'From the start' : `From ${formatFinancialYear(fromYear)}`);

const endMonth = (key: string) => {
  const to = monthsOf(periodFromKey(key)).to;
  return to.year * 12 + to.month;
};

export function buildIndicatorView(input: IndicatorPageInput, positions: IndicatorPositions | null = null): IndicatorPageView {
  const current = input.versions[input.versions.length - 1]!;
  const periods = [...input.periods].sort((a, b) => comparePeriods(periodFromKey(a.key), periodFromKey(b.key)));
  const targets = [...input.targets].sort((a, b) => comparePeriods(periodFromKey(a.period), periodFromKey(b.period)));
  const latestYearTarget = [...targets].reverse().find((t) => periodFromKey(t.period).kind === 'year') ?? null;
  const latestBenchmark = [...periods].reverse().find((p) => p.indicator.benchmark)?.indicator.benchmark ?? null;
  const tolerance = current.tolerance === null ? null : `±${formatValue(current.tolerance, 'number')} points: a difference within it is not statistically significant`;

  const measurement = {
    how: paragraphs(current.definition),
    howFacts: [
      { key: 'Source', value: current.source ?? 'Not recorded' },
      { key: 'Unit', value: UNIT_TEXT[current.unit] ?? current.unit },
      { key: 'Frequency', value: FREQUENCY_TEXT[current.frequency] ?? current.frequency },
      { key: 'Basis', value: BASIS_TEXT[current.basis] ?? current.basis },
      ...(tolerance ? [{ key: 'Survey tolerance', value: tolerance }] : []),
    ],
    against: paragraphs(current.measuredAgainst),
    againstFacts: [
      { key: 'Polarity', value: polarityText(current.polarity) },
      ...(latestYearTarget
        ? [
            {
              key: `Target ${formatFinancialYear(latestYearTarget.planYear)}`,
              value: formatTargetForReport(latestYearTarget.spec, latestYearTarget.printed, current.unit),
            },
          ]
        : []),
      ...(latestBenchmark ? [{ key: 'Benchmark', value: latestBenchmark.text }] : []),
    ],
  };

  // Confidence intervals of results with a numerator and denominator (ADR 0019): 95% always, 99.8% too when
  // the plan year rates by it; the change from the previous result with an interval, as Fingertips reads it.
  let previousInterval: { label: string; interval: ConfidenceInterval } | null = null;
  const results: ResultRow[] = periods.map((p) => {
    const i = p.indicator;
    const label = formatPeriod(periodFromKey(p.key));
    const format = intervalFormat(i.unit);
    const levels: ConfidenceLevel[] = i.significanceLevel === 99.8 ? [95, 99.8] : [95];
    const counts = i.result && i.result.status === 'reported' ? i.result : null;
    const found = counts ? levels.map((level) => resultInterval(i, counts, level)) : [];
    const intervals = found.flatMap((f) =>
      f.interval ? [`${f.interval.level}% confidence interval: ${format(f.interval.lower)} to ${format(f.interval.upper)} (${METHOD_NAMES[f.interval.method]})`] : [],
    );
    const problem = counts && counts.numerator !== null && counts.denominator !== null ? (found[0]?.problem ?? null) : null;
    const current = found[0]?.interval ? { label, interval: found[0].interval } : null;
    const change = current && previousInterval ? changeSignificance(current, previousInterval, i.polarity, format).text : null;
    if (current) previousInterval = current;
    return {
      id: `period-${periodSlug(p.key)}`,
      period: label,
      dashboardHref: dashboardPath(p.committee.slug, p.key),
      committeeName: p.committee.name,
      status: p.status ? cycleStatusTag(p.status) : null,
      result: i.result?.display ?? 'No result',
      basisMarker: i.result?.status === 'reported' ? i.basisMarker : '',
      dataPeriod: i.result?.dataPeriod?.label ?? '',
      numeratorDenominator:
        i.result && i.result.numerator !== null && i.result.denominator !== null
          ? `${formatValue(i.result.numerator, 'number')} of ${formatValue(i.result.denominator, 'number')}`
          : '',
      intervals: problem ? [`No confidence interval: ${problem}`] : intervals,
      change,
      target: i.target?.display ?? 'No target',
      rating: { value: i.rating.value, label: i.rating.label },
      reason: i.rating.reason.text,
      override: i.rating.reason.override
        ? `Overridden: the computed rating was ${i.rating.reason.override.computed}. Reason: ${i.rating.reason.override.reason}`
        : null,
      direction: presentDirection(i.direction.longTerm),
      benchmark: i.benchmark?.text ?? '',
    };
  });

  return {
    pageTitle: `${input.ref} ${current.title}`,
    ref: input.ref,
    title: current.title,
    committeeName: current.committeeName,
    measurement,
    details: [
      { key: 'Reference', value: input.ref },
      { key: 'Type', value: current.type },
      { key: 'Committee', value: current.committeeName },
      { key: 'Priority', value: current.priority },
      { key: 'Polarity', value: polarityText(current.polarity) },
      { key: 'Frequency', value: FREQUENCY_TEXT[current.frequency] ?? current.frequency },
      { key: 'Basis', value: BASIS_TEXT[current.basis] ?? current.basis },
      { key: 'Source', value: current.source ?? 'Not recorded' },
      { key: 'Survey tolerance', value: tolerance ?? 'None' },
      { key: 'Owner', value: current.owner ?? 'Not recorded' },
      ...(current.footnote ? [{ key: 'Footnote', value: current.footnote }] : []),
    ],
    versions: [...input.versions].reverse().map((v) => ({
      heading: yearHeading(v.fromYear),
      rows: [
        { key: 'Title', value: v.title },
        { key: 'Committee', value: v.committeeName },
        { key: 'Priority', value: v.priority },
        { key: 'Type', value: v.type },
        { key: 'Polarity', value: polarityText(v.polarity) },
        { key: 'Unit', value: UNIT_TEXT[v.unit] ?? v.unit },
        { key: 'Frequency', value: FREQUENCY_TEXT[v.frequency] ?? v.frequency },
        { key: 'Basis', value: BASIS_TEXT[v.basis] ?? v.basis },
        { key: 'Source', value: v.source ?? 'Not recorded' },
        { key: 'Owner', value: v.owner ?? 'Not recorded' },
      ],
      ...asAbove('definition', v.definition, current.definition),
      ...asAbove('measuredAgainst', v.measuredAgainst, current.measuredAgainst),
    })),
    targets: targets.map((t) => {
      const period = periodFromKey(t.period);
      return {
        planYear: formatFinancialYear(t.planYear),
        period: period.kind === 'year' ? 'Whole year' : formatPeriod(period),
        target: formatTargetForReport(t.spec, t.printed, unitIn(input.versions, t.planYear)),
      };
    }),
    chart: buildChart(input.ref, current.title, current.unit, periods),
    positions: buildPositionsView(positions, current.unit),
    results,
    commentary: periods
      .map((p) => ({
        period: formatPeriod(periodFromKey(p.key)),
        id: `commentary-${periodSlug(p.key)}`,
        commentary: paragraphs(p.indicator.result?.commentary ?? null),
        intervention: paragraphs(p.indicator.result?.intervention ?? null),
      }))
      .filter((c) => c.commentary.length > 0 || c.intervention.length > 0)
      .reverse(),
    audit: input.audit === null ? null : input.audit.map(auditView),
  };
}

/** A version's text, or an empty list and a flag when it is the text already shown at the top of the page. */
function asAbove<K extends 'definition' | 'measuredAgainst'>(key: K, text: string | null, shown: string | null) {
  const same = text !== null && text.trim() !== '' && text === shown;
  return { [key]: same ? [] : paragraphs(text), [`${key}AsAbove`]: same } as Record<K, string[]> & Record<`${K}AsAbove`, boolean>;
}

/** The unit of the definition in force in a plan year. */
function unitIn(versions: IndicatorVersionRecord[], planYear: number): string {
  return inForceIn(versions, planYear)?.unit ?? 'number';
}

function buildChart(ref: string, title: string, unit: string, periods: IndicatorPeriodInput[]): string {
  const results = (kind: 'year' | 'quarter' | 'month') =>
    periods
      .filter((p) => periodFromKey(p.key).kind === kind && p.indicator.result?.status === 'reported' && p.indicator.result.value !== null)
      .map((p) => ({ x: endMonth(p.key), y: p.indicator.result!.value!, label: `${formatPeriod(periodFromKey(p.key))}: ${p.indicator.result!.display}` }));
  const targets = periods.flatMap((p) => {
    const spec = p.indicator.target?.spec;
    const value = spec && (spec.form === 'value' || spec.form === 'threshold') ? spec.value : null;
    return value === null ? [] : [{ x: endMonth(p.key), y: value, label: `${formatPeriod(periodFromKey(p.key))}: ${p.indicator.target!.display}` }];
  });
  const benchmarks = periods.flatMap((p) => {
    const b = p.indicator.benchmark;
    return b && b.value !== null ? [{ x: endMonth(p.key), y: b.value, label: `${formatPeriod(periodFromKey(p.key))}: ${b.text}` }] : [];
  });
  const series: ChartSeries[] = [
    { name: 'Result (year)', colour: '#1d70b8', marker: 'circle', line: true, points: results('year') },
    { name: 'Result (quarter)', colour: '#4c2c92', marker: 'square', line: true, points: results('quarter') },
    { name: 'Result (month)', colour: '#0b0c0c', marker: 'circle', line: true, points: results('month') },
    { name: 'Target', colour: '#00703c', marker: 'diamond', line: true, dashed: true, points: targets },
    { name: 'Benchmark', colour: '#b35900', marker: 'triangle', line: false, points: benchmarks },
  ];
  const shown = series.filter((s) => s.points.length);
  const plotted = new Set(shown.flatMap((s) => s.points.map((p) => p.x)));
  return lineChart({
    id: `chart-${ref.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
    title: `${ref} ${title}: results over time`,
    description: shown.length
      ? `${shown.map((s) => `${s.name}: ${s.points.map((p) => p.label).join('; ')}`).join('. ')}. The same figures are in the table below.`
      : 'No results to chart.',
    series,
    xTicks: periods.filter((p) => plotted.has(endMonth(p.key))).map((p) => ({ x: endMonth(p.key), label: formatShortPeriod(periodFromKey(p.key)) })),
    formatY: (v) => formatValue(v, unit),
  });
}

const ENTITY_TEXT: Record<string, string> = {
  indicator_version: 'Definition',
  target: 'Target',
  result: 'Result',
  benchmark: 'Benchmark',
};

function auditView(e: IndicatorAuditRecord): AuditView {
  const show = (v: unknown) => {
    const text = v === null || v === undefined ? '(blank)' : typeof v === 'string' ? v : JSON.stringify(v);
    return text.length > 160 ? `${text.slice(0, 157)}…` : text;
  };
  const before = e.before ?? {};
  const after = e.after ?? {};
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const changes = e.before
    ? keys.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k])).map((k) => `${k}: ${show(before[k])} → ${show(after[k])}`)
    : keys.filter((k) => after[k] !== null && after[k] !== undefined).map((k) => `${k}: ${show(after[k])}`);
  return {
    at: e.at.toISOString().replace('T', ' ').slice(0, 16),
    actor: e.actor,
    action: e.action,
    record: `${ENTITY_TEXT[e.entity] ?? e.entity} ${e.entityKey}`,
    changes,
    reason: e.reason ?? '',
  };
}

