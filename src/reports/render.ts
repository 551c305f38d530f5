/**
 * The single entry point the CLI and the web app call to produce a report in a format. The report
 * types are the kinds of the registry (kinds.ts): each builds its neutral document (src/documents),
 * which the renderers there lay out as HTML, PDF, Word or Markdown. `json` returns the model with the report type
 * and the cover-sheet facts used. The PDF and Word renderers (pdfmake, docx: heavy to load) are loaded on
 * first use, so a program that makes neither — the `townhall` command for most commands — never loads them.
 */
import { renderHtml } from '../documents/html.ts';
import { renderMarkdown } from '../documents/markdown.ts';
import type { ReportDocument } from '../documents/model.ts';
import { markDraft } from '../documents/paper.ts';
import type { ReportMeta } from './kind.ts';
import { kindOf, REPORT_KINDS, type AnyReportKind, type ReportModels } from './kinds.ts';

export type ReportFormat = 'html' | 'pdf' | 'docx' | 'md' | 'json';

export interface RenderedReport {
  body: Buffer | string;
  contentType: string;
  extension: string;
}

export const REPORT_FORMATS: readonly ReportFormat[] = ['html', 'pdf', 'docx', 'md', 'json'];

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  md: 'text/markdown; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

export type { AnyReportKind, ReportDocument, ReportMeta };

/** The format-neutral document of a report type. */
export function documentFor<K extends AnyReportKind>(kind: K, model: ReportModels[K], meta: ReportMeta = {}): ReportDocument {
  const built = kindOf(kind).build(model, meta);
  const doc = meta.issued ? { ...built, issued: meta.issued } : built;
  return meta.draft ? markDraft(doc, meta.draft) : doc;
}

export interface RenderOptions {
  /** Where PDFs are made: in this thread by default; the web server passes its worker (App.pdf, pdfWorkerPool.ts). */
  pdf?: (doc: ReportDocument) => Promise<Buffer>;
}

export async function renderReport<K extends AnyReportKind>(
  kind: K,
  model: ReportModels[K],
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
      return { body: await (options.pdf ?? (await import('../documents/pdf.ts')).renderPdf)(documentFor(kind, model, meta)), contentType, extension: 'pdf' };
    case 'docx':
      return { body: await (await import('../documents/docx.ts')).renderDocx(documentFor(kind, model, meta)), contentType, extension: 'docx' };
    case 'md':
      return { body: renderMarkdown(documentFor(kind, model, meta)), contentType, extension: 'md' };
  }
}
