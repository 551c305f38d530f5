/**
 * The PDF worker thread (started by PdfWorkerPool through pdfWorkerEntry.js): renders each report
 * document it is sent and sends the PDF back, its bytes transferred rather than copied.
 */
import { parentPort } from 'node:worker_threads';
import type { ReportDocument } from './model.ts';
import { renderPdf } from './pdf.ts';

export interface PdfJob {
  id: number;
  doc: ReportDocument;
}
export type PdfJobResult = { id: number; pdf: ArrayBuffer } | { id: number; error: string };

const port = parentPort;
if (!port) throw new Error('src/documents/pdfWorker.ts runs in a worker thread (see PdfWorkerPool)');

port.on('message', ({ id, doc }: PdfJob) => {
  renderPdf(doc).then(
    (pdf) => {
      const bytes = pdf.buffer.slice(pdf.byteOffset, pdf.byteOffset + pdf.byteLength) as ArrayBuffer;
      port.postMessage({ id, pdf: bytes } satisfies PdfJobResult, [bytes]);
    },
    (error: unknown) => port.postMessage({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies PdfJobResult),
  );
});
