/**
 * The reports page of a committee and period: which report types apply to the period and a download
 * link for each format. Pure; the route supplies what the viewer may see.
 */
import { formatPeriod, periodFromKey } from '../../../domain/periods.ts';
import { DOCUMENT_KINDS, kindOf, type AnyReportKind } from '../../../reports/kinds.ts';
import type { ReportFormat } from '../../../reports/render.ts';
import { dashboardPath, periodSlug, reportFilePath } from '../../urls.ts';

export const FORMAT_LABELS: Record<ReportFormat, string> = {
  pdf: 'PDF (A4, for the agenda pack)',
  docx: 'Word document',
  html: 'Web page (HTML)',
  md: 'Plain text (Markdown)',
  json: 'Data (JSON)',
};
const FORMAT_ORDER: ReportFormat[] = ['pdf', 'docx', 'html', 'md', 'json'];

/** The report types a period has, as the registry's kinds offer them (a year → annual; a quarter → quarterly and dashboard, and at Q3 the addendum for next year). */
export function kindsFor(periodKey: string): AnyReportKind[] {
  const p = periodFromKey(periodKey);
  return DOCUMENT_KINDS.filter((k) => k.offeredFor(p))
    .sort((a, b) => a.rank - b.rank)
    .map((k) => k.id);
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

export function buildReportsView(x: { council: string | null; committeeName: string; committeeSlug: string; periodKey: string }): ReportsView {
  const periodLabel = formatPeriod(periodFromKey(x.periodKey));
  return {
    pageTitle: `Reports: ${x.committeeName}, ${periodLabel}`,
    council: x.council,
    committeeName: x.committeeName,
    periodLabel,
    dashboardHref: dashboardPath(x.committeeSlug, x.periodKey),
    reports: kindsFor(x.periodKey).map((kind) => {
      const { title, description } = kindOf(kind);
      return {
        kind,
        title,
        description: description(periodLabel),
        links: FORMAT_ORDER.map((format) => ({ format, text: `${title} — ${FORMAT_LABELS[format]}`, href: reportFilePath(x.committeeSlug, x.periodKey, kind, format) })),
      };
    }),
  };
}
