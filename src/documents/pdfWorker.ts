/**
 * The PDF worker thread (started by PdfWorkerPool through pdfWorkerEntry.js): renders each report
 * document it is sent and sends the PDF back, its bytes transferred rather than copied.
 */
import { parentPort } from 'node:worker_threads';
import type { ReportDocument } from './model.ts';
import { renderCombinedPdf, renderPdf, type PdfSection } from './pdf.ts';

/** One document, or several as one PDF (an agenda pack: renderCombinedPdf). */
export type PdfJob = { id: number; doc: ReportDocument } | { id: number; combined: { meta: ReportDocument; sections: PdfSection[]; blankText: string } };
export type PdfJobResult = { id: number; pdf: ArrayBuffer; pageCount?: number } | { id: number; error: string };

const port = parentPort;
if (!port) throw new Error('src/documents/pdfWorker.ts runs in a worker thread (see PdfWorkerPool)');

port.on('message', (job: PdfJob) => {
  const { id } = job;
  const work = 'doc' in job ? renderPdf(job.doc).then((pdf) => ({ pdf, pageCount: undefined })) : renderCombinedPdf(job.combined.meta, job.combined.sections, job.combined.blankText);
  work.then(
    ({ pdf, pageCount }) => {
      const bytes = pdf.buffer.slice(pdf.byteOffset, pdf.byteOffset + pdf.byteLength) as ArrayBuffer;
      port.postMessage({ id, pdf: bytes, ...(pageCount !== undefined ? { pageCount } : {}) } satisfies PdfJobResult, [bytes]);
    },
    (error: unknown) => port.postMessage({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies PdfJobResult),
  );
});
