/**
 * Blocks shared by the performance papers (quarterly and annual reports, addendum, dashboard): shares,
 * short periods, the RAG chart, the keys, indicator footnotes, "how each indicator is measured" and
 * trend charts. Every figure is read from the models and only formatted.
 */
import { formatShortPeriod, monthsOf, parsePeriod } from '../domain/periods.ts';
import { formatPercentage, type IndicatorCounts } from '../domain/summary.ts';
import { heading, para, slug, small, th, type Footnotes } from '../documents/blocks.ts';
import { barChart, lineChart, type Chart } from '../documents/charts.ts';
import { RAG_FILL, type Block, type Cell, type Run } from '../documents/model.ts';
import type { IndicatorReport, PerformanceReport, ReportResult } from '../services/performanceReport.ts';

/** "Q2 2017/18" → "Q2 17/18"; "2017/18" → "17/18"; anything else unchanged. */
export function shortPeriod(label: string): string {
  const p = parsePeriod(label);
  return p ? formatShortPeriod(p) : label;
}

/** "53% (8)", as the reports print a share. */
export const shareText = (count: number, percentage: number | null) => (percentage === null ? String(count) : `${formatPercentage(percentage)} (${count})`);

/**
 * The bar chart of indicators by RAG rating (then Monitor and not rated) for a period. RAG shares are
 * of the rated indicators, or with `ofTotal` (the annual report) of all indicators.
 */
export function ragChart(s: IndicatorCounts, keyCols: readonly { rating: PerformanceReport['method']['key'][number]['rating']; label: string }[], periodLabel: string, ofTotal = false): Block {
  const bars = [
    ...keyCols.map((c) => ({
      label: c.label,
      value: s[c.rating].count,
      display: shareText(s[c.rating].count, ofTotal ? s[c.rating].percentageOfTotal : s[c.rating].percentage),
      fill: RAG_FILL[c.rating],
    })),
    { label: 'Monitor', value: s.monitor.count, display: shareText(s.monitor.count, s.monitor.percentage), fill: RAG_FILL.monitor },
    { label: 'Not rated', value: s.notRated.count, display: shareText(s.notRated.count, s.notRated.percentage), fill: RAG_FILL['not-rated'] },
  ];
  return {
    kind: 'chart',
    chart: barChart({
      id: 'chart-rag',
      title: `Indicators by RAG rating, ${periodLabel}`,
      description: `Bar chart of the ${s.total} indicators by rating: ${bars.map((b) => `${b.label} ${b.display}`).join('; ')}.`,
      bars,
      header: ['Rating', ofTotal ? 'Indicators (% of all)' : 'Indicators (% of rated; Monitor and not rated: % of all)'],
    }),
  };
}

export const ACTION_KEY: Record<'G' | 'GA' | 'RA' | 'R' | 'not-rated', { label: string; description: string }> = {
  G: { label: 'Green', description: 'Action on track or met' },
  GA: { label: 'Green Amber', description: 'Action delayed, low impact' },
  RA: { label: 'Red Amber', description: 'Action delayed, medium impact' },
  R: { label: 'Red', description: 'Risk of not delivering or high impact' },
  'not-rated': { label: 'Not rated', description: 'Not due or not applicable' },
};

export const TYPE_NAMES: Record<string, string> = {
  CPI: 'Corporate Plan Indicator',
  SPI: 'Commissioning Plan Indicator',
  MPI: 'Management Agreement Indicator',
  KPI: 'Contract Indicator',
};

export function contradictionNotes(i: IndicatorReport, notes: Footnotes, what: 'rating' | 'direction'): number[] {
  if (what === 'direction' && i.printed.directionAgrees === false) {
    return notes.add(`The source document printed ${i.printed.direction}; the data give ${i.direction.longTerm.text} (${i.direction.longTerm.reason}).`);
  }
  if (what === 'rating' && i.printed.ratingAgrees === false) {
    return notes.add(`The source document printed the rating ${i.printed.rating}; the data give ${i.rating.label} (${i.rating.reason.text}).`);
  }
  return [];
}

export function overrideNotes(i: IndicatorReport, notes: Footnotes): number[] {
  const o = i.rating.reason.override;
  return o ? notes.add(`Rating set by hand to ${i.rating.label} (computed: ${o.computed}). Reason: ${o.reason}`) : [];
}

export function toleranceNotes(i: IndicatorReport, notes: Footnotes): number[] {
  return i.direction.longTerm.withinTolerance ? notes.add(`${i.direction.longTerm.reason}.`) : [];
}

export function dataPeriodNotes(r: ReportResult | null, notes: Footnotes): number[] {
  return r?.status === 'reported' && r.dataPeriod ? notes.add(`Data period: ${r.dataPeriod.label}.`) : [];
}

/** "How each indicator is measured and what it is measured against" (the 2017 minute), with the reason for each rating. */
export function measuredNotes(indicators: IndicatorReport[]): Block[] {
  if (!indicators.length) return [];
  return [
    small({ text: 'How these indicators are measured and what they are measured against', bold: true }),
    {
      kind: 'list',
      style: 'small',
      items: indicators.map((i) => {
        const how = [i.definition, i.source && `Source: ${i.source}.`].filter(Boolean).join(' ');
        const against = i.measuredAgainst ? ` Measured against: ${i.measuredAgainst}` : '';
        return [{ text: `${i.ref} ${i.title}: `, bold: true }, `${how}${against} Rating: ${i.rating.reason.text}.`];
      }),
    },
  ];
}

/** At most this many trend charts in a report with many indicators. */
export const TREND_CHART_LIMIT = 12;

/**
 * Which indicators get a trend chart: every indicator with three or more results when there are at most
 * TREND_CHART_LIMIT of them; otherwise those not meeting their target (rated Amber, Green Amber, Red
 * Amber or Red), worst first, up to TREND_CHART_LIMIT. A 200-indicator committee paper with a chart for
 * every indicator would bury the ones that need attention (and take long to print).
 */
export function chartedRefs(indicators: IndicatorReport[]): Set<string> {
  const chartable = indicators.filter((i) => [i.lastYear, i.previousYearEnd, i.previous, i.result].filter((r) => r?.status === 'reported' && r.value !== null).length >= 3);
  if (chartable.length <= TREND_CHART_LIMIT) return new Set(chartable.map((i) => i.ref));
  const order = ['R', 'RA', 'A', 'GA'];
  const missed = chartable.filter((i) => order.includes(i.rating.value)).sort((a, b) => order.indexOf(a.rating.value) - order.indexOf(b.rating.value));
  return new Set(missed.slice(0, TREND_CHART_LIMIT).map((i) => i.ref));
}

/** A trend chart for an indicator with at least three results in the model, in date order. */
export function trendChart(i: IndicatorReport): Chart | null {
  const seen = new Set<string>();
  const points: { end: number; label: string; value: number; display: string }[] = [];
  for (const r of [i.lastYear, i.previousYearEnd, i.previous, i.result]) {
    if (!r || r.status !== 'reported' || r.value === null || seen.has(r.period)) continue;
    const p = parsePeriod(r.period);
    if (!p) continue;
    seen.add(r.period);
    const to = monthsOf(p).to;
    points.push({ end: to.year * 12 + to.month, label: p.kind === 'year' ? `${shortPeriod(r.period)} EOY` : shortPeriod(r.period), value: r.value, display: r.display });
  }
  if (points.length < 3) return null;
  points.sort((a, b) => a.end - b.end);
  const target = i.target?.spec.form === 'value' || i.target?.spec.form === 'threshold' ? { value: i.target.spec.value, display: i.target.display } : null;
  return lineChart({
    id: `chart-trend-${slug(i.ref)}`,
    title: `${i.title} (${i.ref}): trend`,
    description: `Line chart of ${i.title} (${i.polarityText}): ${points.map((p) => `${p.label} ${p.display}`).join('; ')}${target ? `; target ${target.display}` : ''}.`,
    points: points.map(({ label, value, display }) => ({ label, value, display })),
    target,
    header: ['Period', 'Result'],
  });
}

/** The key: activity RAG (unless `activities` is null), the indicator key of the method used, DOT, markers and types. */
export function keyBlocks(o: {
  method: PerformanceReport['method'];
  longTerm: string;
  shortTerm?: string;
  types: string[];
  activities: string | null;
  withDirection?: boolean;
}): Block[] {
  const m = o.method;
  const dot = o.withDirection === false
    ? []
    : [
        [
          { text: 'Direction of travel (DOT): ', bold: true },
          `Improving (↑ I), Worsening (↓ W) or Same (→ S): the result against ${o.longTerm} (the same period last year)${o.shortTerm ? ` — long term — or against ${o.shortTerm} (the previous period) — short term —` : ''}, read with the indicator's polarity. The percentage variation is (this result − the earlier result) ÷ the earlier result × 100. "New" marks an indicator with no earlier result; "Not applicable" a result with nothing comparable.`,
        ] as Run[],
      ];
  return [
    heading(2, 'Key to ratings and symbols', 'key'),
    ...(o.activities
      ? [
          heading(3, o.activities, 'key-activities'),
          {
            kind: 'table',
            id: 'table-key-actions',
            caption: 'Key: RAG rating of activities',
            header: [[th('RAG Rating'), th('Description')]],
            rows: (Object.keys(ACTION_KEY) as (keyof typeof ACTION_KEY)[]).map((k) => [{ text: ACTION_KEY[k].label, rag: k, bold: true }, { text: ACTION_KEY[k].description }]),
            widths: [25, 75],
            rowHeaders: true,
          } as Block,
        ]
      : []),
    heading(3, 'Indicators', 'key-indicators'),
    para({ text: `Rating method: ${m.name}. `, bold: true }, m.directionalPolicyText),
    // Versions published before significance existed carry no rating basis and print as they did (ADR 0012).
    ...(m.ratingBasis
      ? [para({ text: m.ratingBasis.kind === 'significance' ? `Survey and rate indicators: rated by significance at ${m.ratingBasis.level}%. ` : 'Survey indicators: rated by tolerance. ', bold: true }, m.ratingBasis.text)]
      : []),
    {
      kind: 'table',
      id: 'table-key-indicators',
      caption: `Key: RAG rating of indicators (${m.name})`,
      header: [[th('RAG Rating'), th(m.kind === 'achievement' ? 'Percentage of targeted improvement achieved' : 'Variance from target'), th('Meaning')]],
      rows: [
        ...m.key.map((k, n): Cell[] => [
          { text: k.label, rag: k.rating, bold: true, source: `method.key.${n}.label` },
          { text: k.band, source: `method.key.${n}.band` },
          { text: k.description, source: `method.key.${n}.description` },
        ]),
        [{ text: 'Monitor', rag: 'monitor', bold: true }, { text: 'No target' }, { text: 'Monitor only: not RAG rated; direction of travel still shown' }],
        [{ text: 'Not rated', rag: 'not-rated', bold: true }, { text: 'No result or no target this period' }, { text: 'Not due this period, not available or no target' }],
      ],
      widths: [20, 30, 50],
      rowHeaders: true,
    },
    {
      kind: 'list',
      items: [
        ...dot,
        [
          { text: 'Markers: ', bold: true },
          'results not for the months of the period are marked (c) cumulative from the start of the financial year, (s) snapshot at the end of the period, or (r) rolling 12 months.',
        ],
        ...(o.types.length ? [[{ text: 'Indicator types: ', bold: true }, o.types.map((t) => `${t} = ${TYPE_NAMES[t] ?? t}`).join('; ') + '.'] as Run[]] : []),
      ],
    },
  ];
}
