/**
 * Renders report PDFs on a worker thread. A committee paper takes pdfmake a few hundred milliseconds
 * of uninterrupted work; on the web server's own thread that would stall every other request for
 * as long. The worker also has a heap of its own, so its layout work is not slowed by the
 * collections of the server's heap, nor they by it (bench/reportsBench.ts). One worker, started on
 * the first PDF and kept (its parsed fonts and word layouts are reused); it holds nothing else, so
 * a process with no PDF to make exits as if it were not there. If the worker dies, the PDFs it had
 * in hand fail with the reason and the next PDF starts a new worker.
 */
import { Worker } from 'node:worker_threads';
import type { ReportDocument } from './model.ts';
import type { CombinedPdf, PdfSection } from './pdf.ts';
import type { PdfJob, PdfJobResult } from './pdfWorker.ts';

export interface PdfRenderer {
  render(doc: ReportDocument): Promise<Buffer>;
}

interface Pending {
  resolve(result: CombinedPdf): void;
  reject(error: Error): void;
}

export class PdfWorkerPool implements PdfRenderer {
  #worker: Worker | null = null;
  readonly #pending = new Map<number, Pending>();
  #nextId = 0;

  render = async (doc: ReportDocument): Promise<Buffer> => (await this.#post((id) => ({ id, doc }))).pdf;

  /** Several documents as one PDF (renderCombinedPdf, an agenda pack), on the worker: the PDF and its page count. */
  renderCombined = (meta: ReportDocument, sections: readonly PdfSection[], blankText: string): Promise<CombinedPdf> =>
    this.#post((id) => ({ id, combined: { meta, sections: [...sections], blankText } }));

  #post(job: (id: number) => PdfJob): Promise<CombinedPdf> {
    const worker = (this.#worker ??= this.#start());
    const id = ++this.#nextId;
    return new Promise<CombinedPdf>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage(job(id));
    });
  }

  /**
   * Starts the worker and has it set a small paper in both fonts (parsing them, compiling the layout
   * code), so that the first real paper is as quick as the rest. For a server to call once it is up.
   */
  async warm(): Promise<void> {
    await this.render({
      kind: 'quarterly',
      title: 'Warm-up',
      subtitle: '',
      runningHead: 'Warm-up',
      council: '',
      committee: '',
      period: '',
      lang: 'en-GB',
      author: '',
      subject: '',
      keywords: [],
      blocks: [
        { kind: 'heading', level: 1, text: 'Warm-up', id: 'warm-up' },
        { kind: 'paragraph', runs: ['Direction of travel ', { text: '↑ I', bold: true }, ' → ↓'] },
        { kind: 'table', id: 'warm-up-table', caption: 'Warm-up', header: [[{ text: 'Ref' }]], rows: [[{ text: 'W/1' }]], widths: [1] },
      ],
    });
  }

  #start(): Worker {
    const worker = new Worker(new URL('./pdfWorkerEntry.js', import.meta.url));
    worker.unref();
    worker.on('message', (result: PdfJobResult) => {
      const job = this.#pending.get(result.id);
      if (!job) return;
      this.#pending.delete(result.id);
      if (this.#pending.size === 0) worker.unref();
      if ('error' in result) job.reject(new Error(`The PDF could not be made: ${result.error}`));
      else job.resolve({ pdf: Buffer.from(result.pdf), pageCount: result.pageCount ?? 0 });
    });
    worker.on('error', (error) => this.#lost(worker, error));
    worker.on('exit', (code) => this.#lost(worker, new Error(`The PDF worker stopped (exit code ${code})`)));
    return worker;
  }

  /** The worker is gone: what it had in hand fails; the next PDF starts a new one. */
  #lost(worker: Worker, error: Error): void {
    if (this.#worker !== worker) return;
    this.#worker = null;
    const pending = [...this.#pending.values()];
    this.#pending.clear();
    for (const job of pending) job.reject(error);
  }

  async close(): Promise<void> {
    const worker = this.#worker;
    if (!worker) return;
    this.#lost(worker, new Error('The PDF worker was closed'));
    await worker.terminate();
  }
}
