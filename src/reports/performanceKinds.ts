/**
 * The four performance report kinds, the first entries of the registry (kinds.ts): the quarterly and
 * annual reports (the performance report model, performanceDocument.ts), the addendum for next year
 * (the Addendum model of the Q1–Q3 reports and next year's indicators and targets, addendumDocument.ts)
 * and the quarterly dashboard of a committee or a delivery unit (dashboardDocument.ts).
 */
import { basisMarker } from '../domain/format.ts';
import { financialYearOf, formatFinancialYear, parsePeriod, periodKey } from '../domain/periods.ts';
import type { Period, Polarity } from '../domain/types.ts';
import { committeeNameIn } from '../domain/organisation.ts';
import { ReportError, type PerformanceReport } from '../services/performanceReport.ts';
import { buildAddendum, type Addendum } from './addendum.ts';
import { buildAddendumDocument } from './addendumDocument.ts';
import { buildDashboard, type Dashboard } from './dashboard.ts';
import { buildDashboardDocument } from './dashboardDocument.ts';
import { defineKind, type ReportRequest, type ReportSources } from './kind.ts';
import { buildDocument } from './performanceDocument.ts';

const forQuarter = (noun: string) => (p: Period, label: string) => (p.kind === 'quarter' ? null : `The ${noun} is for a quarter: give e.g. Q2 2018/19, not ${label}`);
const isQuarter = (p: Period) => p.kind === 'quarter';
/** The report of the request's committee and period, or ReportError when the reader may not see it. */
async function visibleReport(sources: ReportSources, committee: string, period: string): Promise<PerformanceReport> {
  const report = await sources.report(committee, period);
  if (!report) throw new ReportError(`No published report of ${committee} for ${period}`);
  return report;
}

const performanceReport = (sources: ReportSources, req: ReportRequest) => visibleReport(sources, req.committee!, req.period);

export const quarterlyKind = defineKind({
  id: 'quarterly',
  title: 'Quarterly performance report',
  description: (period) =>
    `The committee performance report for ${period}: budget forecasts, overall status per priority, key activities, indicators with RAG and direction of travel, high level risks and the key.`,
  noun: 'quarterly report',
  refusePeriod: forQuarter('quarterly report'),
  offeredFor: isQuarter,
  rank: 1,
  load: performanceReport,
  build: (model: PerformanceReport, meta) => buildDocument('quarterly', model, meta),
});

export const annualKind = defineKind({
  id: 'annual',
  title: 'Annual performance report',
  description: (period) =>
    `The annual performance report for ${period} with its Appendix A: commissioning intentions and indicators per priority, the overview counts and the key.`,
  noun: 'annual report',
  refusePeriod: (p, label) => (p.kind === 'year' ? null : `The annual report is for a financial year: give e.g. 2016/17, not ${label}`),
  offeredFor: (p) => p.kind === 'year',
  rank: 1,
  load: performanceReport,
  build: (model: PerformanceReport, meta) => buildDocument('annual', model, meta),
});

export const addendumKind = defineKind({
  id: 'addendum',
  title: 'Addendum for next year (targets)',
  description: (period) =>
    `The addendum to the Commissioning Plan for next year: the ${period} position against this year's targets beside next year's targets, marked raised, lowered, new or monitor.`,
  noun: 'addendum report',
  refusePeriod: (p, label) =>
    p.kind === 'quarter' && p.quarter === 3
      ? null
      : `The addendum is built from the Q3 position of a year: give e.g. Q3 2016/17 (for the ${formatFinancialYear(financialYearOf(p) + 1)} addendum), not ${label}`,
  offeredFor: (p) => p.kind === 'quarter' && p.quarter === 3,
  rank: 3,
  load: (sources, req) => loadAddendum(sources, req.committee!, req.period),
  build: (model: Addendum, meta) => buildAddendumDocument(model, meta),
});

export const dashboardKind = defineKind({
  id: 'dashboard',
  title: 'Delivery-unit quarterly dashboard',
  description: (period) =>
    `The quarterly dashboard for ${period}: a one-page summary, finance, performance overview by indicator type, short- and long-term direction of travel, interventions, key actions and risk.`,
  noun: 'dashboard',
  forUnit: true,
  refusePeriod: forQuarter('dashboard'),
  offeredFor: isQuarter,
  rank: 2,
  load: loadDashboard,
  build: (model: Dashboard, meta) => buildDashboardDocument(model, meta),
});

async function loadAddendum(sources: ReportSources, committeeName: string, periodText: string): Promise<Addendum> {
  const stored = await sources.publishedAddendum?.(committeeName, periodText);
  if (stored) return stored;
  const { repo } = sources;
  const period = parsePeriod(periodText)!;
  const year = financialYearOf(period);
  const label = formatFinancialYear(year);
  const quarters: PerformanceReport[] = [];
  // Q1 and Q2 when the reader may see them (the Q3 position falls back to them); Q3 always.
  for (const q of [1, 2] as const) {
    const report = await sources.report(committeeName, `Q${q} ${label}`);
    if (report) quarters.push(report);
  }
  quarters.push(await visibleReport(sources, committeeName, `Q3 ${label}`));
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

async function loadDashboard(sources: ReportSources, req: ReportRequest): Promise<Dashboard> {
  const { repo } = sources;
  if (req.committee) {
    const report = await visibleReport(sources, req.committee, req.period);
    return buildDashboard([report], { kind: 'committee', name: report.committee.name });
  }
  const unit = req.unit!.trim();
  const committees = await repo.listCommittees();
  if (!committees.length) throw new ReportError('No committees are stored yet: import a workbook first, e.g. townhall import demo/barnet');
  // Every committee's report of the period the reader may see (for the public, those published).
  const all: PerformanceReport[] = [];
  for (const c of committees) {
    const report = await sources.report(c.slug, req.period);
    if (report) all.push(report);
  }
  if (!all.length) throw new ReportError(`No committee has a published report for ${req.period}`);
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
