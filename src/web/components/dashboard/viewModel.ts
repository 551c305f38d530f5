/**
 * The committee dashboard for a period: the report model's summary (with its denominators), the
 * indicators grouped by priority with filters and server-side sorting, a period switcher and the
 * method's key. Every figure comes from the PerformanceReport; this file only selects, orders and formats.
 */
import { incompleteText } from '../../../reports/performanceDocument.ts';
import type { CycleStatus } from '../../../domain/cycle.ts';
import { formatPercentage } from '../../../domain/summary.ts';
import { financialYearOf, formatFinancialYear, formatPeriod, formatShortPeriod, periodFromKey } from '../../../domain/periods.ts';
import { ragLabel } from '../../../domain/rating.ts';
import type { RatingValue } from '../../../domain/types.ts';
import type { IndicatorReport, PerformanceReport } from '../../../services/performanceReport.ts';
import type { VisiblePeriod } from '../../../services/publicationService.ts';
import { actionsPath, dashboardPath, indicatorPath, performanceReportPath, queryString, reportsPath } from '../../urls.ts';
import { cycleStatusTag, DIRECTION_ORDER, presentDirection, RATING_ORDER, type DirectionPresentation, type TagView } from '../shared/present.ts';

export const SORT_KEYS = ['ref', 'title', 'type', 'rating', 'direction'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

/** The query parameters the dashboard reads, in their canonical order (the public page cache keys on these only). */
export const DASHBOARD_QUERY = ['rating', 'type', 'priority', 'sort', 'order'] as const;

export type DashboardQuery = Partial<Record<(typeof DASHBOARD_QUERY)[number], string>>;

export interface DashboardInput {
  report: PerformanceReport;
  query: DashboardQuery;
  /** Periods with data the viewer may see (for the switcher). */
  periods: VisiblePeriod[];
  /** The cycle's status, shown to staff only (null for the public). */
  status: CycleStatus | null;
  /** An earlier published version shown on request ('2'): links and filters keep it; null otherwise. */
  version?: string | null;
}

export interface IndicatorRow {
  ref: string;
  title: string;
  href: string;
  type: string;
  target: string;
  result: string;
  basisMarker: string;
  dataPeriod: string;
  rating: { value: RatingValue; label: string; reason: string };
  direction: DirectionPresentation;
}

export interface SelectItem {
  value: string;
  text: string;
  selected?: boolean;
}

export interface ShareRow {
  key: string;
  label: string;
  count: number;
  percentage: string;
}

export interface DashboardView {
  pageTitle: string;
  council: string | null;
  committeeName: string;
  /** "Now called …" when the committee has been renamed since. */
  renamed: string | null;
  periodLabel: string;
  planYear: string;
  status: TagView | null;
  /** A report published while something was missing: the statement and what was missing. */
  incomplete: { text: string; gaps: string[] } | null;
  links: { actions: string; reports: string; json: string; markdown: string };
  summary: {
    total: number;
    rated: number;
    ratings: ShareRow[];
    ratingsCaption: string;
    monitor: ShareRow;
    notRated: ShareRow;
    othersText: string;
    directions: ShareRow[];
    directionsCaption: string;
    keyActions: ShareRow[];
    keyActionsCaption: string;
  };
  filters: {
    action: string;
    rating: SelectItem[];
    type: SelectItem[];
    priority: SelectItem[];
    sort: string | null;
    order: string | null;
    active: string[];
    clearHref: string;
    /** An earlier version shown on request, kept by the filter form. */
    version: string | null;
  };
  headers: { key: SortKey | null; text: string; href: string | null; ariaSort: 'ascending' | 'descending' | 'none' | null; numeric?: boolean }[];
  groups: { priority: string; id: string; rows: IndicatorRow[] }[];
  periodNav: { planYear: string; periods: { text: string; href: string; current: boolean }[] }[];
  key: { rating: string; label: string; band: string; description: string }[];
  methodName: string;
  directionalPolicyText: string;
  comparisons: { longTerm: string; shortTerm: string };
  contradictions: string[];
}

const pick = (value: string | undefined, allowed: readonly string[]) => (value && allowed.includes(value) ? value : null);

const isAre = (n: number) => (n === 1 ? 'is' : 'are');
/** "1 indicator", "9 indicators". */
const indicators = (n: number) => `${n} ${n === 1 ? 'indicator' : 'indicators'}`;

/** The values each query parameter may take on this report's dashboard: filters only by values that occur (or the method can give). */
export function dashboardQueryValues(report: PerformanceReport): Record<(typeof DASHBOARD_QUERY)[number], readonly string[]> {
  return {
    rating: [...report.method.key.map((k) => k.rating as RatingValue), 'monitor', 'not-rated'] as RatingValue[],
    type: [...new Set(report.indicators.map((i) => i.type))].sort(),
    priority: report.priorities.filter((p) => p.indicators.length > 0).map((p) => p.name),
    sort: SORT_KEYS,
    order: ['asc', 'desc'],
  };
}

export function buildDashboardView(input: DashboardInput): DashboardView {
  const { report, query } = input;
  const slug = report.committee.slug;
  const key = report.period.key;
  const base = dashboardPath(slug, key);

  // Filters: only values that occur (or the method can give) are accepted.
  const accepted = dashboardQueryValues(report);
  const ratingValues = accepted.rating as RatingValue[];
  const types = accepted.type;
  const priorities = accepted.priority;
  const rating = pick(query.rating, ratingValues);
  const type = pick(query.type, types);
  const priority = pick(query.priority, priorities);
  const sort = pick(query.sort, SORT_KEYS) as SortKey | null;
  const order = sort ? (query.order === 'desc' ? 'desc' : 'asc') : null;

  const filtered = report.indicators.filter(
    (i) => (!rating || i.rating.value === rating) && (!type || i.type === type) && (!priority || i.priority === priority),
  );
  const sorted = sort ? sortIndicators(filtered, sort, order === 'desc') : filtered;

  const version = input.version ?? null;
  const filterParams = { version, rating, type, priority };
  const headers: DashboardView['headers'] = [
    header('ref', 'Ref'),
    header('title', 'Indicator'),
    header('type', 'Type'),
    { key: null, text: 'Target', href: null, ariaSort: null },
    { key: null, text: 'Result', href: null, ariaSort: null },
    { key: null, text: 'Data period', href: null, ariaSort: null },
    header('rating', 'Rating'),
    header('direction', `Direction of travel (against ${report.comparisons.longTerm})`),
  ];
  function header(k: SortKey, text: string): DashboardView['headers'][number] {
    const current = sort === k;
    const nextOrder = current && order === 'asc' ? 'desc' : 'asc';
    return {
      key: k,
      text,
      href: `${base}${queryString({ ...filterParams, sort: k, order: nextOrder })}#indicators`,
      ariaSort: current ? (order === 'desc' ? 'descending' : 'ascending') : 'none',
    };
  }

  const s = report.summary;
  const share = (k: string, label: string, x: { count: number; percentage: number | null }): ShareRow => ({
    key: k,
    label,
    count: x.count,
    percentage: formatPercentage(x.percentage),
  });
  const ka = report.keyActionSummary;

  const byYear = new Map<number, VisiblePeriod[]>();
  for (const p of input.periods) {
    const year = financialYearOf(periodFromKey(p.key));
    byYear.set(year, [...(byYear.get(year) ?? []), p]);
  }

  return {
    pageTitle: `${report.committee.name}: performance ${report.period.label}`,
    council: report.council,
    committeeName: report.committee.name,
    renamed: report.committee.currentName !== report.committee.name ? report.committee.currentName : null,
    periodLabel: report.period.label,
    planYear: report.period.planYear,
    status: input.status ? cycleStatusTag(input.status) : null,
    incomplete: report.incomplete ? incompleteText(report.incomplete) : null,
    links: {
      actions: `${actionsPath(slug, key)}${queryString({ version })}`,
      reports: `${reportsPath(slug, key)}${queryString({ version })}`,
      json: performanceReportPath({ committee: slug, period: report.period.label }),
      markdown: performanceReportPath({ committee: slug, period: report.period.label, format: 'md' }),
    },
    summary: {
      total: s.total,
      rated: s.rated,
      ratings: report.method.key.map((k) => share(k.rating, k.label, s[k.rating])),
      ratingsCaption:
        s.rated === 0 ? 'Indicator ratings: no indicator has a RAG rating' : `Indicator ratings: percentages are of the ${indicators(s.rated)} with a RAG rating`,
      monitor: share('monitor', 'Monitor', s.monitor),
      notRated: share('not-rated', 'Not rated', s.notRated),
      othersText: `Of all ${indicators(s.total)}, ${s.monitor.count} ${isAre(s.monitor.count)} Monitor (no target to rate against, ${formatPercentage(s.monitor.percentage)}) and ${s.notRated.count} ${isAre(s.notRated.count)} not rated (${formatPercentage(s.notRated.percentage)}).`,
      directions: [share('improved', 'Improved or same', s.improvedOrSame), share('worsened', 'Worsened', s.worsened)],
      directionsCaption:
        s.withDirection === 0
          ? `Direction of travel against ${report.comparisons.longTerm}: no indicator has a direction of travel`
          : `Direction of travel against ${report.comparisons.longTerm}: percentages are of the ${indicators(s.withDirection)} with a direction of travel`,
      keyActions: [
        share('G', 'Green', ka.G),
        share('GA', 'Green Amber', ka.GA),
        share('RA', 'Red Amber', ka.RA),
        share('R', 'Red', ka.R),
        share('not-rated', 'Not rated', ka.notRated),
      ],
      keyActionsCaption: `Key actions: percentages are of all ${ka.total} key actions, including those not rated`,
    },
    filters: {
      action: `${base}#indicators`,
      rating: [{ value: '', text: 'All ratings' }, ...ratingValues.map((v) => ({ value: v, text: ragLabel(v), selected: v === rating }))],
      type: [{ value: '', text: 'All types' }, ...types.map((t) => ({ value: t, text: t, selected: t === type }))],
      priority: [{ value: '', text: 'All priorities' }, ...priorities.map((p) => ({ value: p, text: p, selected: p === priority }))],
      sort,
      order,
      active: [rating && `Rating: ${ragLabel(rating as RatingValue)}`, type && `Type: ${type}`, priority && `Priority: ${priority}`].filter(
        (x): x is string => !!x,
      ),
      clearHref: `${base}${queryString({ version, sort, order })}#indicators`,
      version,
    },
    headers,
    groups: report.priorities
      .map((p, index) => ({
        priority: p.name,
        id: `priority-${index + 1}`,
        rows: sorted.filter((i) => i.priority === p.name).map(indicatorRow),
      }))
      .filter((g) => g.rows.length > 0),
    periodNav: [...byYear.entries()]
      .sort(([a], [b]) => b - a)
      .map(([year, periods]) => ({
        planYear: formatFinancialYear(year),
        periods: periods.map((p) => {
          const period = periodFromKey(p.key);
          return {
            text: period.kind === 'year' ? `Year ${formatShortPeriod(period)}` : formatPeriod(period),
            href: dashboardPath(slug, p.key),
            current: p.key === key,
          };
        }),
      })),
    key: report.method.key.map((k) => ({ rating: k.rating, label: k.label, band: k.band, description: k.description })),
    methodName: report.method.name,
    directionalPolicyText: report.method.directionalPolicyText,
    comparisons: { longTerm: report.comparisons.longTerm, shortTerm: report.comparisons.shortTerm },
    contradictions: report.contradictions.map((c) => c.message),
  };
}

function indicatorRow(i: IndicatorReport): IndicatorRow {
  return {
    ref: i.ref,
    title: i.title,
    href: indicatorPath(i.ref),
    type: i.type,
    target: i.target?.display ?? 'No target',
    result: i.result?.display ?? 'No result',
    basisMarker: i.result?.status === 'reported' ? i.basisMarker : '',
    dataPeriod: i.result?.dataPeriod?.label ?? '',
    rating: { value: i.rating.value, label: i.rating.label, reason: i.rating.reason.text },
    direction: presentDirection(i.direction.longTerm),
  };
}

function sortIndicators(rows: IndicatorReport[], key: SortKey, descending: boolean): IndicatorReport[] {
  const text = (a: string, b: string) => a.localeCompare(b, 'en-GB', { numeric: true, sensitivity: 'base' });
  const compare: Record<SortKey, (a: IndicatorReport, b: IndicatorReport) => number> = {
    ref: (a, b) => text(a.ref, b.ref),
    title: (a, b) => text(a.title, b.title),
    type: (a, b) => text(a.type, b.type),
    rating: (a, b) => RATING_ORDER.indexOf(a.rating.value) - RATING_ORDER.indexOf(b.rating.value),
    direction: (a, b) =>
      DIRECTION_ORDER.indexOf(a.direction.longTerm.status) - DIRECTION_ORDER.indexOf(b.direction.longTerm.status),
  };
  // Stable: ties keep the report's order (by ref within priority).
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => (descending ? -1 : 1) * compare[key](a.row, b.row) || a.index - b.index)
    .map((x) => x.row);
}
