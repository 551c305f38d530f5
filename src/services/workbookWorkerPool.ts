/**
 * Reads uploaded workbooks on worker threads (ADR 0006), as report PDFs are made on one (ADR 0008): a
 * workbook at the size limits takes seconds of uninterrupted parsing and hundreds of megabytes, which on
 * the web server's own thread would stall every other request — /health included — for as long.
 *
 * - **Bounded concurrency**: at most `size` workers, each reading one file at a time; further files wait
 *   in a queue of at most `maxQueued`, beyond which a file is refused at once as `busy` (each waiting
 *   file holds a request open).
 * - **Bounded memory**: each worker has a heap of its own, capped (`memoryMb`, V8's old generation);
 *   a file that needs more stops that worker, not the server, and fails as `memory`.
 * - **Bounded time**: a job taking longer than `timeoutMs` has its worker stopped, and fails as `time`.
 * - A worker that stops for any other reason fails its job as `stopped`; the next job starts a new one.
 *   Either way the caller gets a ReaderFailure, which the upload service shows as an error located at
 *   the file — never a 500, never a dead server.
 *
 * Workers are started when needed and stopped after `idleMs` without work (a worker that read a large
 * file gives its memory back); an idle worker never keeps a process alive.
 */
import { Worker } from 'node:worker_threads';
import type { FrameworkSnapshot, SnapshotScope } from '../repositories/frameworkRepository.ts';
import type { CheckedFile } from './importCheck.ts';
import { ReaderFailure, type PreviewOutcome, type UploadReader } from './uploadPreview.ts';
import type { WorkbookJob, WorkbookJobReply } from './workbookWorker.ts';

export interface WorkbookWorkerOptions {
  /** Workers at most (files read at once). Default 2. */
  size?: number;
  /** Files waiting for a worker at most; one more is refused (`busy`). Default 16. */
  maxQueued?: number;
  /**
   * Each worker's heap (V8 old generation), in MB. Default 1536: a workbook of 500,000 rows and 103 MB of
   * XML needs between 256 and 384 MB; the limits allow 250 MB of XML (src/domain/limits.ts).
   */
  memoryMb?: number;
  /** Longest a file may take, from the moment a worker takes it. Default 5 minutes. */
  timeoutMs?: number;
  /** An idle worker is stopped after this long. Default 30 s. */
  idleMs?: number;
  /** The worker's entry module (tests point it elsewhere). Default workbookWorkerEntry.js. */
  entry?: URL;
}

export const WORKBOOK_WORKER_DEFAULTS: Required<Omit<WorkbookWorkerOptions, 'entry'>> = {
  size: 2,
  maxQueued: 16,
  memoryMb: 1536,
  timeoutMs: 5 * 60 * 1000,
  idleMs: 30 * 1000,
};

/** What a job may do with its worker: send it the next message, or give it back. */
interface JobIo {
  send(job: WorkbookJob): void;
  end(): void;
}

/** One job's side of the conversation with a worker. */
interface Conversation {
  /** A reply from the worker: the job answers it, or gives the worker back (`io.end`). */
  onReply(reply: WorkbookJobReply, io: JobIo): void;
  fail(error: Error): void;
}

interface Slot {
  worker: Worker;
  job: { id: number; conversation: Conversation; timer: NodeJS.Timeout } | null;
  idle: NodeJS.Timeout | null;
  /** Why the pool stopped this worker itself (a job too long, the pool closed). */
  stopping: ReaderFailure | null;
}

interface Queued {
  start(slot: Slot): void;
  fail(error: Error): void;
}

/** Exceptions in the worker that mean the file needs more than a worker may have. */
const RESOURCE_ERROR = /allocation failed|Invalid string length|Invalid array length|Maximum call stack size exceeded|out of memory/i;

export class WorkbookWorkerPool implements UploadReader {
  readonly #options: Required<Omit<WorkbookWorkerOptions, 'entry'>>;
  readonly #entry: URL;
  readonly #slots = new Set<Slot>();
  readonly #queue: Queued[] = [];
  #nextId = 0;
  #started = 0;
  #jobs = 0;

  constructor(options: WorkbookWorkerOptions = {}) {
    this.#options = {
      size: Math.max(1, options.size ?? WORKBOOK_WORKER_DEFAULTS.size),
      maxQueued: Math.max(0, options.maxQueued ?? WORKBOOK_WORKER_DEFAULTS.maxQueued),
      memoryMb: options.memoryMb ?? WORKBOOK_WORKER_DEFAULTS.memoryMb,
      timeoutMs: options.timeoutMs ?? WORKBOOK_WORKER_DEFAULTS.timeoutMs,
      idleMs: options.idleMs ?? WORKBOOK_WORKER_DEFAULTS.idleMs,
    };
    this.#entry = options.entry ?? new URL('./workbookWorkerEntry.js', import.meta.url);
  }

  /** Workers started so far, jobs taken so far, and jobs running and waiting now. */
  get stats(): { workersStarted: number; jobsStarted: number; running: number; queued: number } {
    return { workersStarted: this.#started, jobsStarted: this.#jobs, running: [...this.#slots].filter((s) => s.job).length, queued: this.#queue.length };
  }

  check(path: string, name: string): Promise<CheckedFile> {
    return this.#run<CheckedFile>((id, resolve, reject) => ({
      first: { id, type: 'check', path, name },
      conversation: {
        onReply: (reply, io) => {
          io.end();
          if (reply.type === 'checked') resolve(reply.checked);
          else reject(unexpected(reply));
        },
        fail: reject,
      },
    }));
  }

  preview(path: string, name: string, snapshot: (scope: SnapshotScope) => Promise<FrameworkSnapshot>): Promise<PreviewOutcome> {
    return this.#run<PreviewOutcome>((id, resolve, reject) => ({
      first: { id, type: 'preview', path, name },
      conversation: {
        onReply: (reply, io) => {
          if (reply.type === 'scope') {
            // The worker waits, holding the file read, while this thread loads the stored data it names.
            snapshot(reply.scope).then(
              (loaded) => io.send({ id, type: 'snapshot', snapshot: loaded }),
              (error: unknown) => {
                io.send({ id, type: 'drop' });
                io.end();
                reject(error instanceof Error ? error : new Error(String(error)));
              },
            );
            return;
          }
          io.end();
          if (reply.type === 'preview') resolve(reply.preview);
          else reject(unexpected(reply));
        },
        fail: reject,
      },
    }));
  }

  /** Stops every worker; jobs running or waiting fail. The pool starts workers again if used after. */
  async close(): Promise<void> {
    const closing = new ReaderFailure('stopped', 'The upload reader was closed');
    for (const queued of this.#queue.splice(0)) queued.fail(closing);
    await Promise.all([...this.#slots].map((slot) => this.#stop(slot, closing)));
  }

  #run<T>(make: (id: number, resolve: (value: T) => void, reject: (error: Error) => void) => { first: WorkbookJob; conversation: Conversation }): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const queued: Queued = {
        start: (slot) => {
          const id = ++this.#nextId;
          let settled = false;
          const settle = <A extends unknown[]>(fn: (...args: A) => void) => (...args: A) => {
            if (settled) return;
            settled = true;
            fn(...args);
          };
          const { first, conversation } = make(id, settle(resolve), settle(reject));
          this.#jobs += 1;
          this.#begin(slot, id, conversation);
          slot.worker.postMessage(first);
        },
        fail: reject,
      };
      const free = [...this.#slots].find((s) => !s.job && !s.stopping);
      if (free) return queued.start(free);
      if (this.#slots.size < this.#options.size) return queued.start(this.#startWorker());
      if (this.#queue.length >= this.#options.maxQueued) {
        return reject(new ReaderFailure('busy', `${this.#queue.length} uploads are already waiting to be read`));
      }
      this.#queue.push(queued);
    });
  }

  #startWorker(): Slot {
    const worker = new Worker(this.#entry, { resourceLimits: { maxOldGenerationSizeMb: this.#options.memoryMb } });
    this.#started += 1;
    const slot: Slot = { worker, job: null, idle: null, stopping: null };
    this.#slots.add(slot);
    worker.on('message', (reply: WorkbookJobReply) => {
      const job = slot.job;
      if (!job || reply.id !== job.id) return;
      if (reply.type === 'error') {
        // A resource the file exhausted is the file's size; anything else is a fault of the reader's code.
        const failure = RESOURCE_ERROR.test(reply.error) ? new ReaderFailure('memory', `The upload reader ran out of room: ${firstLine(reply.error)}`) : new Error(`The upload reader failed: ${reply.error}`);
        this.#end(slot);
        job.conversation.fail(failure);
        return;
      }
      // Only while the job still holds this worker: a job that failed meanwhile (stopped for time) has let go.
      const holds = () => slot.job === job;
      job.conversation.onReply(reply, {
        send: (next) => {
          if (holds()) slot.worker.postMessage(next);
        },
        end: () => {
          if (holds()) this.#end(slot);
        },
      });
    });
    worker.on('error', (error: Error & { code?: string }) => {
      this.#lost(slot, error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new ReaderFailure('memory', `The upload reader ran out of memory (${this.#options.memoryMb} MB)`) : new ReaderFailure('stopped', `The upload reader stopped: ${error.message}`));
    });
    worker.on('exit', (code) => this.#lost(slot, slot.stopping ?? new ReaderFailure('stopped', `The upload reader stopped (exit code ${code})`)));
    return slot;
  }

  #begin(slot: Slot, id: number, conversation: Conversation): void {
    if (slot.idle) clearTimeout(slot.idle);
    slot.idle = null;
    slot.worker.ref();
    const timer = setTimeout(() => {
      void this.#stop(slot, new ReaderFailure('time', `The upload took longer than ${Math.round(this.#options.timeoutMs / 1000)} s to read`));
    }, this.#options.timeoutMs);
    timer.unref();
    slot.job = { id, conversation, timer };
  }

  /** The slot's job is done: the next waiting job takes the worker, or it idles (and stops after idleMs). */
  #end(slot: Slot): void {
    if (slot.job) clearTimeout(slot.job.timer);
    slot.job = null;
    const next = this.#queue.shift();
    if (next) return next.start(slot);
    slot.worker.unref();
    slot.idle = setTimeout(() => void this.#stop(slot, new ReaderFailure('stopped', 'idle')), this.#options.idleMs);
    slot.idle.unref();
  }

  /** The worker is gone (crashed, ran out of memory, or stopped by the pool): its job fails with `failure`. */
  #lost(slot: Slot, failure: Error): void {
    if (!this.#slots.delete(slot)) return;
    if (slot.idle) clearTimeout(slot.idle);
    const job = slot.job;
    if (job) clearTimeout(job.timer);
    slot.job = null;
    job?.conversation.fail(failure);
    // A job waiting for a worker gets a new one.
    const next = this.#queue.shift();
    if (next) next.start(this.#startWorker());
  }

  async #stop(slot: Slot, failure: ReaderFailure): Promise<void> {
    slot.stopping ??= failure;
    await slot.worker.terminate();
    this.#lost(slot, slot.stopping);
  }
}

function unexpected(reply: WorkbookJobReply): Error {
  return new Error(`The upload reader answered ${reply.type} out of turn`);
}

const firstLine = (text: string) => text.split('\n')[0] ?? text;
