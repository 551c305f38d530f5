/**
 * Builds the model of any report type from stored data, through the services and repositories the app
 * already has: the quarterly and annual reports are the performance report model; the addendum reads
 * the Q1–Q3 reports of the year and next year's indicators and targets; the dashboard reads the
 * committee's report, or every committee's for a delivery unit. Used by the CLI, the web pages and
 * the benchmark, so all three refuse the same bad requests with the same messages.
 */
import { basisMarker } from '../domain/format.ts';
import { financialYearOf, formatFinancialYear, parsePeriod, periodKey } from '../domain/periods.ts';
import type { Polarity } from '../domain/types.ts';
import type { ReportRepository } from '../repositories/reportRepository.ts';
import { committeeNameIn, ReportError, type PerformanceReport, type ReportService } from '../services/performanceReport.ts';
import { buildAddendum, type Addendum } from './addendum.ts';
import { buildDashboard, type Dashboard } from './dashboard.ts';
import type { AnyReportKind } from './document.ts';

export const ALL_REPORT_KINDS: readonly AnyReportKind[] = ['quarterly', 'annual', 'addendum', 'dashboard'];

export const REPORT_KIND_TITLES: Record<AnyReportKind, string> = {
  quarterly: 'Quarterly performance report',
  annual: 'Annual performance report',
  addendum: 'Addendum for next year (targets)',
  dashboard: 'Delivery-unit quarterly dashboard',
};

export interface ReportModels {
  quarterly: PerformanceReport;
  annual: PerformanceReport;
  addendum: Addendum;
  dashboard: Dashboard;
}

export type AnyReportModel = ReportModels[AnyReportKind];

export interface ReportRequest {
  kind: AnyReportKind;
  committee?: string | null;
  unit?: string | null;
  period: string;
}

export interface ReportSources {
  reports: ReportService;
  repo: ReportRepository;
  /**
   * Whether the viewer may see a period of the committee (publication, src/web/visibility.ts). The
   * addendum falls back to Q1/Q2 results when Q3 has none: only those of visible periods are used.
   */
  visiblePeriod?: (periodKey: string) => Promise<boolean>;
}

/** Checks the request's shape (type, period form, committee or unit); throws ReportError with a message for people. */
export function checkRequest(req: ReportRequest): void {
  if (!ALL_REPORT_KINDS.includes(req.kind)) throw new ReportError(`Unknown report type "${req.kind}": use ${ALL_REPORT_KINDS.join(', ')}`);
  const period = parsePeriod(req.period);
  if (!period) throw new ReportError(`"${req.period}" is not a period: write Q2 2018/19 or 2016/17`);
  if (req.unit && req.kind !== 'dashboard') throw new ReportError('--unit is for the dashboard; the other reports are for a committee (--committee)');
  if (req.unit && req.committee) throw new ReportError('Give a committee or a delivery unit, not both');
  if (!req.unit && !req.committee) throw new ReportError(req.kind === 'dashboard' ? 'The dashboard needs --committee <name> or --unit <name>' : `The ${req.kind} report needs --committee <name>`);
  const label = req.period;
  if (req.kind === 'annual' && period.kind !== 'year') throw new ReportError(`The annual report is for a financial year: give e.g. 2016/17, not ${label}`);
  if ((req.kind === 'quarterly' || req.kind === 'dashboard') && period.kind !== 'quarter') {
    throw new ReportError(`The ${req.kind === 'dashboard' ? 'dashboard' : 'quarterly report'} is for a quarter: give e.g. Q2 2018/19, not ${label}`);
  }
  if (req.kind === 'addendum' && (period.kind !== 'quarter' || period.quarter !== 3)) {
    throw new ReportError(`The addendum is built from the Q3 position of a year: give e.g. Q3 2016/17 (for the ${formatFinancialYear(financialYearOf(period) + 1)} addendum), not ${label}`);
  }
}

export async function loadReportModel<K extends AnyReportKind>(sources: ReportSources, req: ReportRequest & { kind: K }): Promise<ReportModels[K]> {
  checkRequest(req);
  const { reports } = sources;
  switch (req.kind) {
    case 'quarterly':
    case 'annual':
      return (await reports.performanceReport({ committee: req.committee!, period: req.period })) as ReportModels[K];
    case 'addendum':
      return (await loadAddendum(sources, req.committee!, req.period)) as ReportModels[K];
    case 'dashboard':
      return (await loadDashboard(sources, req)) as ReportModels[K];
  }
  throw new ReportError(`Unknown report type "${req.kind}"`);
}

async function loadAddendum({ reports, repo, visiblePeriod }: ReportSources, committeeName: string, periodText: string): Promise<Addendum> {
  const period = parsePeriod(periodText)!;
  const year = financialYearOf(period);
  const label = formatFinancialYear(year);
  const quarters = [];
  for (const q of [1, 2, 3] as const) {
    if (q < 3 && visiblePeriod && !(await visiblePeriod(periodKey({ kind: 'quarter', startYear: year, quarter: q })))) continue;
    quarters.push(await reports.performanceReport({ committee: committeeName, period: `Q${q} ${label}` }));
  }
  const committee = (await repo.findCommittee(committeeName))!;
  const next = year + 1;
  const inForce = await repo.indicatorsInForce(committee.id, next);
  const ids = inForce.map((i) => i.indicatorId);
  const [targets, firstYears] = await Promise.all([repo.targets(ids, [periodKey({ kind: 'year', startYear: next })]), repo.firstYears(ids)]);
  const refOf = new Map(inForce.map((i) => [i.indicatorId, i.ref]));
  return buildAddendum({
    quarters,
    nextYear: formatFinancialYear(next),
    nextCommitteeName: committeeNameIn(committee, next),
    nextIndicators: inForce.map((i) => ({
      ref: i.ref,
      title: i.title,
      type: i.type,
      priority: i.priority,
      priorityOutcome: i.priorityOutcome,
      polarity: i.polarity as Polarity,
      unit: i.unit,
      basisMarker: basisMarker(i.basis),
      isNew: (firstYears.get(i.indicatorId) ?? next) >= next,
    })),
    nextTargets: new Map(targets.map((t) => [refOf.get(t.indicatorId)!, { spec: t.spec, printed: t.printed, reason: t.reason }])),
  });
}

async function loadDashboard({ reports, repo }: ReportSources, req: ReportRequest): Promise<Dashboard> {
  if (req.committee) {
    const report = await reports.performanceReport({ committee: req.committee, period: req.period });
    return buildDashboard([report], { kind: 'committee', name: report.committee.name });
  }
  const unit = req.unit!.trim();
  const committees = await repo.listCommittees();
  if (!committees.length) throw new ReportError('No committees are stored yet: import a workbook first, e.g. townhall import demo/barnet');
  const all: PerformanceReport[] = [];
  for (const c of committees) all.push(await reports.performanceReport({ committee: c.slug, period: req.period }));
  const dashboard = buildDashboard(all, { kind: 'unit', name: unit });
  if (!dashboard.scope.committees.length) {
    const known = new Set<string>();
    for (const r of all) {
      for (const i of r.indicators) if (i.owner) known.add(i.owner);
      for (const a of r.keyActions) if (a.service) known.add(a.service);
      for (const l of r.panels.revenue?.lines ?? []) known.add(l.service);
    }
    throw new ReportError(
      `No indicator owner, key-action service or panel row is "${unit}" in ${req.period}.${known.size ? ` Units on record: ${[...known].sort().join('; ')}` : ''}`,
    );
  }
  return dashboard;
}
