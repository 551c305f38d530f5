/**
 * The single entry point the CLI and the web app call to produce a committee report in a format.
 * `json` returns the report model with the report type and the cover-sheet facts used.
 */
import type { PerformanceReport } from '../services/performanceReport.ts';
import { buildDocument, type ReportDocument, type ReportKind, type ReportMeta } from './document.ts';
import { renderDocx } from './docx.ts';
import { renderHtml } from './html.ts';
import { renderPdf } from './pdf.ts';

export type ReportFormat = 'html' | 'pdf' | 'docx' | 'json';

export interface RenderedReport {
  body: Buffer | string;
  contentType: string;
  extension: string;
}

export const REPORT_KINDS: readonly ReportKind[] = ['quarterly', 'annual'];
export const REPORT_FORMATS: readonly ReportFormat[] = ['html', 'pdf', 'docx', 'json'];

export type { ReportDocument, ReportKind, ReportMeta };

export async function renderReport(kind: ReportKind, report: PerformanceReport, meta: ReportMeta, format: ReportFormat): Promise<RenderedReport> {
  if (!REPORT_KINDS.includes(kind)) throw new Error(`Unknown report type "${kind}": use ${REPORT_KINDS.join(' or ')}`);
  switch (format) {
    case 'json':
      return {
        body: JSON.stringify({ kind, meta, report }, null, 2),
        contentType: 'application/json; charset=utf-8',
        extension: 'json',
      };
    case 'html':
      return { body: renderHtml(buildDocument(kind, report, meta)), contentType: 'text/html; charset=utf-8', extension: 'html' };
    case 'pdf':
      return { body: await renderPdf(buildDocument(kind, report, meta)), contentType: 'application/pdf', extension: 'pdf' };
    case 'docx':
      return {
        body: await renderDocx(buildDocument(kind, report, meta)),
        contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        extension: 'docx',
      };
    default:
      throw new Error(`Unknown format "${String(format)}": use ${REPORT_FORMATS.join(', ')}`);
  }
}
