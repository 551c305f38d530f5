/**
 * The reports page of a committee and period: which report types apply to the period and a download
 * link for each format. Pure; the route supplies what the viewer may see.
 */
import { formatPeriod, periodFromKey } from '../../../domain/periods.ts';
import { DOCUMENT_KINDS, kindOf, type AnyReportKind } from '../../../reports/kinds.ts';
import type { ReportFormat } from '../../../reports/render.ts';
import type { PublicationMeta } from '../../../services/publicationService.ts';
import { dashboardPath, periodSlug, queryString, reportFilePath, reportsPath } from '../../urls.ts';
import { earlierVersion, publishedOn } from '../shared/publicationNotice.ts';

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

/** The download's file name; an earlier published version asked for by number ends '-v2'. */
export function fileName(committeeSlug: string, periodKey: string, kind: AnyReportKind, format: ReportFormat, version?: number): string {
  return `${committeeSlug}-${periodSlug(periodKey)}-${kind}${version === undefined ? '' : `-v${version}`}.${format}`;
}

export interface VersionRow {
  version: number;
  publishedOn: string;
  reason: string | null;
  /** What changed from the version before; empty for the first. */
  changes: string[];
  dashboardHref: string;
  reportsHref: string;
  /** The version this page shows. */
  current: boolean;
}

export interface ReportsView {
  pageTitle: string;
  council: string | null;
  committeeName: string;
  periodLabel: string;
  dashboardHref: string;
  /** Every published version, newest first (empty when nothing of the period is published). */
  versions: VersionRow[];
  reports: { kind: AnyReportKind; title: string; description: string; links: { href: string; text: string; format: ReportFormat }[] }[];
}

export function buildReportsView(x: {
  council: string | null;
  committeeName: string;
  committeeSlug: string;
  periodKey: string;
  versions: PublicationMeta[];
  /** The version the page shows (null: the latest published, or the draft). */
  shown: PublicationMeta | null;
}): ReportsView {
  const periodLabel = formatPeriod(periodFromKey(x.periodKey));
  const latest = x.versions[0]?.version ?? null;
  const version = earlierVersion(x.shown, latest);
  const withVersion = (path: string, n: number | string | null) => `${path}${queryString({ version: n === null || Number(n) === latest ? null : String(n) })}`;
  return {
    pageTitle: `Reports: ${x.committeeName}, ${periodLabel}`,
    council: x.council,
    committeeName: x.committeeName,
    periodLabel,
    dashboardHref: withVersion(dashboardPath(x.committeeSlug, x.periodKey), version),
    versions: x.versions.map((v) => ({
      version: v.version,
      publishedOn: publishedOn(v.publishedAt),
      reason: v.reason,
      changes: v.changes,
      dashboardHref: withVersion(dashboardPath(x.committeeSlug, x.periodKey), v.version),
      reportsHref: `${withVersion(reportsPath(x.committeeSlug, x.periodKey), v.version)}#reports`,
      current: x.shown?.version === v.version,
    })),
    reports: kindsFor(x.periodKey).map((kind) => {
      const { title, description } = kindOf(kind);
      return {
        kind,
        title,
        description: description(periodLabel),
        links: FORMAT_ORDER.map((format) => ({ format, text: `${title} — ${FORMAT_LABELS[format]}`, href: withVersion(reportFilePath(x.committeeSlug, x.periodKey, kind, format), version) })),
      };
    }),
  };
}
