/**
 * The single entry point the CLI and the web app call to produce a report in a format. Four report
 * types: `quarterly` and `annual` (from the performance report model), `addendum` (from the Addendum
 * model, addendum.ts) and `dashboard` (from the Dashboard model, dashboard.ts). `json` returns the
 * model with the report type and the cover-sheet facts used.
 */
import type { PerformanceReport } from '../services/performanceReport.ts';
import type { Addendum } from './addendum.ts';
import { buildAddendumDocument } from './addendumDocument.ts';
import type { Dashboard } from './dashboard.ts';
import { buildDashboardDocument } from './dashboardDocument.ts';
import { buildDocument, type AnyReportKind, type ReportDocument, type ReportKind, type ReportMeta } from './document.ts';
import { renderDocx } from './docx.ts';
import { renderHtml } from './html.ts';
import { renderPdf } from './pdf.ts';

export type ReportFormat = 'html' | 'pdf' | 'docx' | 'json';

export interface RenderedReport {
  body: Buffer | string;
  contentType: string;
  extension: string;
}

export const REPORT_KINDS: readonly AnyReportKind[] = ['quarterly', 'annual', 'addendum', 'dashboard'];
export const REPORT_FORMATS: readonly ReportFormat[] = ['html', 'pdf', 'docx', 'json'];

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  json: 'application/json; charset=utf-8',
};

export type { AnyReportKind, ReportDocument, ReportKind, ReportMeta };

export interface ModelOf {
  quarterly: PerformanceReport;
  annual: PerformanceReport;
  addendum: Addendum;
  dashboard: Dashboard;
}

/** The format-neutral document of a report type. */
export function documentFor<K extends AnyReportKind>(kind: K, model: ModelOf[K], meta: ReportMeta = {}): ReportDocument {
  switch (kind) {
    case 'quarterly':
    case 'annual':
      return buildDocument(kind, model as PerformanceReport, meta);
    case 'addendum':
      return buildAddendumDocument(model as Addendum, meta);
    case 'dashboard':
      return buildDashboardDocument(model as Dashboard, meta);
  }
  throw new Error(`Unknown report type "${String(kind)}": use ${REPORT_KINDS.join(', ')}`);
}

export interface RenderOptions {
  /** Where PDFs are made: in this thread by default; the web server passes its worker (App.pdf, pdfWorkerPool.ts). */
  pdf?: (doc: ReportDocument) => Promise<Buffer>;
}

export async function renderReport<K extends AnyReportKind>(
  kind: K,
  model: ModelOf[K],
  meta: ReportMeta,
  format: ReportFormat,
  options: RenderOptions = {},
): Promise<RenderedReport> {
  if (!REPORT_KINDS.includes(kind)) throw new Error(`Unknown report type "${kind}": use ${REPORT_KINDS.join(', ')}`);
  if (!REPORT_FORMATS.includes(format)) throw new Error(`Unknown format "${String(format)}": use ${REPORT_FORMATS.join(', ')}`);
  const contentType = CONTENT_TYPES[format];
  switch (format) {
    case 'json':
      return { body: JSON.stringify({ kind, meta, report: model }, null, 2), contentType, extension: 'json' };
    case 'html':
      return { body: renderHtml(documentFor(kind, model, meta)), contentType, extension: 'html' };
    case 'pdf':
      return { body: await (options.pdf ?? renderPdf)(documentFor(kind, model, meta)), contentType, extension: 'pdf' };
    case 'docx':
      return { body: await renderDocx(documentFor(kind, model, meta)), contentType, extension: 'docx' };
  }
}
