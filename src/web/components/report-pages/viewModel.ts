/**
 * The reports page of a committee and period: which report types apply to the period and a download
 * link for each format. Pure; the route supplies what the viewer may see.
 */
import { formatPeriod, periodFromKey } from '../../../domain/periods.ts';
import { REPORT_KIND_TITLES } from '../../../reports/load.ts';
import type { AnyReportKind, ReportFormat } from '../../../reports/render.ts';
import { dashboardPath, periodSlug, reportFilePath } from '../../urls.ts';

export const FORMAT_LABELS: Record<ReportFormat, string> = {
  pdf: 'PDF (A4, for the agenda pack)',
  docx: 'Word document',
  html: 'Web page (HTML)',
  json: 'Data (JSON)',
};
const FORMAT_ORDER: ReportFormat[] = ['pdf', 'docx', 'html', 'json'];

/** The report types a period has: a year → annual; a quarter → quarterly and dashboard, and at Q3 the addendum for next year. */
export function kindsFor(periodKey: string): AnyReportKind[] {
  const p = periodFromKey(periodKey);
  if (p.kind === 'year') return ['annual'];
  if (p.kind === 'quarter') return p.quarter === 3 ? ['quarterly', 'dashboard', 'addendum'] : ['quarterly', 'dashboard'];
  return [];
}

export function fileName(committeeSlug: string, periodKey: string, kind: AnyReportKind, format: ReportFormat): string {
  return `${committeeSlug}-${periodSlug(periodKey)}-${kind}.${format}`;
}

export interface ReportsView {
  pageTitle: string;
  council: string | null;
  committeeName: string;
  periodLabel: string;
  dashboardHref: string;
  reports: { kind: AnyReportKind; title: string; description: string; links: { href: string; text: string; format: ReportFormat }[] }[];
}

const DESCRIPTIONS = (period: string): Record<AnyReportKind, string> => ({
  quarterly: `The committee performance report for ${period}: budget forecasts, overall status per priority, key activities, indicators with RAG and direction of travel, high level risks and the key.`,
  annual: `The annual performance report for ${period} with its Appendix A: commissioning intentions and indicators per priority, the overview counts and the key.`,
  addendum: `The addendum to the Commissioning Plan for next year: the ${period} position against this year's targets beside next year's targets, marked raised, lowered, new or monitor.`,
  dashboard: `The quarterly dashboard for ${period}: a one-page summary, finance, performance overview by indicator type, short- and long-term direction of travel, interventions, key actions and risk.`,
});

export function buildReportsView(x: { council: string | null; committeeName: string; committeeSlug: string; periodKey: string }): ReportsView {
  const periodLabel = formatPeriod(periodFromKey(x.periodKey));
  const descriptions = DESCRIPTIONS(periodLabel);
  return {
    pageTitle: `Reports: ${x.committeeName}, ${periodLabel}`,
    council: x.council,
    committeeName: x.committeeName,
    periodLabel,
    dashboardHref: dashboardPath(x.committeeSlug, x.periodKey),
    reports: kindsFor(x.periodKey).map((kind) => ({
      kind,
      title: REPORT_KIND_TITLES[kind],
      description: descriptions[kind],
      links: FORMAT_ORDER.map((format) => ({ format, text: `${REPORT_KIND_TITLES[kind]} — ${FORMAT_LABELS[format]}`, href: reportFilePath(x.committeeSlug, x.periodKey, kind, format) })),
    })),
  };
}
