/**
 * Builds the model of any report type from stored data, through the kind's entry in the registry
 * (kinds.ts), which reads the services and repositories the app already has. Used by the CLI, the web
 * pages and the benchmark, so all three refuse the same bad requests with the same messages.
 */
import { parsePeriod } from '../domain/periods.ts';
import { isIsoDate } from '../domain/workingDays.ts';
import { ReportError, type ReportService } from '../services/performanceReport.ts';
import type { ReportRepository } from '../repositories/reportRepository.ts';
import type { ReportRequest, ReportSources } from './kind.ts';
import { DOCUMENT_KINDS, findKind, REPORT_KINDS, type AnyReportKind, type ReportModels } from './kinds.ts';

export type { ReportRequest, ReportSources } from './kind.ts';

/** Sources of the live data as stored (staff, the CLI's drafts, tests and benchmarks): every report built now. */
export function liveReportSources(reports: ReportService, repo: ReportRepository): ReportSources {
  return { report: (committee, period) => reports.performanceReport({ committee, period }), repo };
}

/** Checks the request's shape (type, period form, committee or unit); throws ReportError with a message for people. */
export function checkRequest(req: ReportRequest): void {
  const kind = findKind(req.kind);
  if (!kind) throw new ReportError(`Unknown report type "${req.kind}": use ${REPORT_KINDS.join(', ')}`);
  if (kind.dated) {
    if (req.unit) throw new ReportError(`The ${kind.noun} is for a committee (--committee), not a delivery unit`);
    if (!req.committee) throw new ReportError(`The ${kind.noun} needs --committee <name>`);
    if (!isIsoDate(req.period)) throw new ReportError(`The ${kind.noun} runs from a date: give e.g. 2018-11-21, not ${req.period}`);
    return;
  }
  const period = parsePeriod(req.period);
  if (!period) throw new ReportError(`"${req.period}" is not a period: write Q2 2018/19 or 2016/17`);
  if (req.unit && !kind.forUnit) {
    const forUnit = DOCUMENT_KINDS.filter((k) => 'forUnit' in k && k.forUnit).map((k) => `the ${k.noun}`);
    throw new ReportError(`--unit is for ${forUnit.join(', ')}; the other reports are for a committee (--committee)`);
  }
  if (req.unit && req.committee) throw new ReportError('Give a committee or a delivery unit, not both');
  if (!req.unit && !req.committee) throw new ReportError(`The ${kind.noun} needs --committee <name>${kind.forUnit ? ' or --unit <name>' : ''}`);
  const refused = kind.refusePeriod(period, req.period);
  if (refused) throw new ReportError(refused);
}

export async function loadReportModel<K extends AnyReportKind>(sources: ReportSources, req: ReportRequest & { kind: K }): Promise<ReportModels[K]> {
  checkRequest(req);
  return (await findKind(req.kind)!.load(sources, req)) as ReportModels[K];
}
