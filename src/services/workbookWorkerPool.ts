/**
 * Reads uploaded workbooks in worker processes (ADR 0006), as report PDFs are made off the serving
 * thread (ADR 0008): a workbook at the size limits takes seconds of uninterrupted parsing and hundreds of
 * megabytes, which in the web server's own thread would stall every other request — /health included —
 * for as long. Processes rather than worker threads: an upload is a stranger's file, and a thread that
 * runs out of its heap can still abort the whole server (nodejs/node#47224, reproduced here; ADR 0006),
 * where a process that does takes only itself down.
 *
 * - **Bounded concurrency**: at most `size` workers, each reading one file at a time; further files wait
 *   in a queue of at most `maxQueued`, beyond which a file is refused at once as `busy` (each waiting
 *   file holds a request open).
 * - **Bounded memory**: each worker's heap is capped (`memoryMb`, V8's old generation); a file that needs
 *   more ends that worker, never the server, and fails as `memory`.
 * - **Bounded time**: a job taking longer than `timeoutMs` has its worker killed, and fails as `time`.
 * - A worker that ends for any other reason fails its job as `stopped`; the next job starts a new one.
 *   Either way the caller gets a ReaderFailure, which the upload service shows as an error located at
 *   the file — never a 500, never a dead server.
 *
 * Workers are started when needed (about a third of a second each) and stopped after `idleMs` without
 * work, so one that read a large file gives its memory back; an idle worker never keeps a process alive,
 * and a worker whose server has gone exits (its channel closes).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FrameworkSnapshot, SnapshotScope } from '../repositories/frameworkRepository.ts';
import type { CheckedFile } from './importCheck.ts';
import { ReaderFailure, SNAPSHOT_LISTS, type PreviewOutcome, type UploadReader } from './uploadPreview.ts';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { WorkbookJob, WorkbookJobReply } from './workbookWorker.ts';

export interface WorkbookWorkerOptions {
  /** Workers at most (files read at once). Default 2. */
  size?: number;
  /** Files waiting for a worker at most; one more is refused (`busy`). Default 16. */
  maxQueued?: number;
  /**
   * Each worker's heap (V8 old generation), in MB; at least 64. Default 1536: a workbook of 500,000 rows
   * and 103 MB of XML needs between 256 and 384 MB; the limits allow 250 MB of XML (src/domain/limits.ts).
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

/** Rows of a long list per message: copying a message into the channel is done in one go, in this thread. */
const ROWS_PER_MESSAGE = 5000;

/** Below this a worker cannot load its own code. */
const MIN_MEMORY_MB = 64;

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
  child: ChildProcess;
  job: { id: number; conversation: Conversation; timer: NodeJS.Timeout } | null;
  idle: NodeJS.Timeout | null;
  /** Why the pool ended this worker itself (a job too long, idle, the pool closed). */
  stopping: ReaderFailure | null;
  /** The end of what the worker wrote on stderr: V8 says there when it ran out of memory. */
  stderr: string;
  /** Messages for a worker that has not yet said it is listening. */
  outbox: WorkbookJob[] | null;
}

interface Queued {
  start(slot: Slot): void;
  fail(error: Error): void;
}

/** V8's last words when a heap reaches its limit ("FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory"). */
const OUT_OF_MEMORY = /heap out of memory|Reached heap limit|Allocation failed/i;
/** Exceptions in the worker that mean the file needs more than a worker may have. */
const RESOURCE_ERROR = /allocation failed|Invalid string length|Invalid array length|Maximum call stack size exceeded|out of memory/i;
const STDERR_KEPT = 4096;

export class WorkbookWorkerPool implements UploadReader {
  readonly #options: Required<Omit<WorkbookWorkerOptions, 'entry'>>;
  readonly #entry: string;
  readonly #slots = new Set<Slot>();
  readonly #queue: Queued[] = [];
  #nextId = 0;
  #started = 0;
  #jobs = 0;

  constructor(options: WorkbookWorkerOptions = {}) {
    this.#options = {
      size: Math.max(1, options.size ?? WORKBOOK_WORKER_DEFAULTS.size),
      maxQueued: Math.max(0, options.maxQueued ?? WORKBOOK_WORKER_DEFAULTS.maxQueued),
      memoryMb: Math.max(MIN_MEMORY_MB, options.memoryMb ?? WORKBOOK_WORKER_DEFAULTS.memoryMb),
      timeoutMs: options.timeoutMs ?? WORKBOOK_WORKER_DEFAULTS.timeoutMs,
      idleMs: options.idleMs ?? WORKBOOK_WORKER_DEFAULTS.idleMs,
    };
    this.#entry = fileURLToPath(options.entry ?? new URL('./workbookWorkerEntry.js', import.meta.url));
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
            // The worker waits, holding the file read, while the server loads the stored data it names.
            snapshot(reply.scope)
              .then(async (loaded) => {
                // The long lists a slice a message, with a turn of the event loop between, then the rest.
                for (const list of SNAPSHOT_LISTS) {
                  for (let at = 0; at < loaded[list].length; at += ROWS_PER_MESSAGE) {
                    io.send({ id, type: 'rows', list, rows: loaded[list].slice(at, at + ROWS_PER_MESSAGE) });
                    await nextTurn();
                  }
                }
                io.send({ id, type: 'snapshot', snapshot: { ...loaded, targets: [], results: [], benchmarks: [] } });
              })
              .catch((error: unknown) => {
                io.send({ id, type: 'drop' });
                io.end();
                reject(error instanceof Error ? error : new Error(String(error)));
              });
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
          const once =
            <A extends unknown[]>(fn: (...args: A) => void) =>
            (...args: A) => {
              if (settled) return;
              settled = true;
              fn(...args);
            };
          const { first, conversation } = make(id, once(resolve), once(reject));
          this.#jobs += 1;
          this.#begin(slot, id, conversation);
          this.#send(slot, first);
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
    const child = fork(this.#entry, [], {
      // Only the heap limit: not the server's own flags (an --inspect port, a loader already registered).
      execArgv: [`--max-old-space-size=${this.#options.memoryMb}`],
      // Structured clone, as between threads: the checked file's sets arrive as sets.
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    this.#started += 1;
    const slot: Slot = { child, job: null, idle: null, stopping: null, stderr: '', outbox: [] };
    this.#slots.add(slot);
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (text: string) => {
      slot.stderr = (slot.stderr + text).slice(-STDERR_KEPT);
    });
    child.on('message', (reply: WorkbookJobReply) => {
      if (reply.type === 'ready') {
        const waiting = slot.outbox ?? [];
        slot.outbox = null;
        for (const message of waiting) child.send(message);
        return;
      }
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
          if (holds()) this.#send(slot, next);
        },
        end: () => {
          if (holds()) this.#end(slot);
        },
      });
    });
    child.on('error', (error) => this.#lost(slot, slot.stopping ?? new ReaderFailure('stopped', `The upload reader stopped: ${error.message}`)));
    // 'close': the process has exited and its stderr is read to the end.
    child.on('close', (code, signal) => {
      const why = slot.stopping ?? (OUT_OF_MEMORY.test(slot.stderr) ? new ReaderFailure('memory', `The upload reader ran out of memory (${this.#options.memoryMb} MB)`) : new ReaderFailure('stopped', `The upload reader stopped (${signal ? `signal ${signal}` : `exit code ${code}`})`));
      this.#lost(slot, why);
    });
    return slot;
  }

  /** Sends to the worker, or keeps the message until it is listening (messages sent before are lost). */
  #send(slot: Slot, message: WorkbookJob): void {
    if (slot.outbox) slot.outbox.push(message);
    else slot.child.send(message);
  }

  /** Whether the worker may keep this process alive: only while it has a job. */
  #hold(slot: Slot, held: boolean): void {
    const handles = [slot.child, slot.child.channel, slot.child.stderr] as ({ ref(): void; unref(): void } | null | undefined)[];
    for (const handle of handles) {
      if (held) handle?.ref();
      else handle?.unref();
    }
  }

  #begin(slot: Slot, id: number, conversation: Conversation): void {
    if (slot.idle) clearTimeout(slot.idle);
    slot.idle = null;
    this.#hold(slot, true);
    const timer = setTimeout(() => {
      void this.#stop(slot, new ReaderFailure('time', `The upload took longer than ${duration(this.#options.timeoutMs)} to read`));
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
    this.#hold(slot, false);
    slot.idle = setTimeout(() => void this.#stop(slot, new ReaderFailure('stopped', 'The upload reader was idle')), this.#options.idleMs);
    slot.idle.unref();
  }

  /** The worker is gone (ended by itself, out of memory, or by the pool): its job fails with `failure`. */
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

  /** Ends the worker (killed: it may be busy) and waits until it has gone. */
  async #stop(slot: Slot, failure: ReaderFailure): Promise<void> {
    slot.stopping ??= failure;
    if (!this.#slots.has(slot)) return;
    const gone = new Promise<void>((resolve) => slot.child.once('close', () => resolve()));
    if (slot.child.exitCode === null && slot.child.signalCode === null) slot.child.kill('SIGKILL');
    await gone;
  }
}

function unexpected(reply: WorkbookJobReply): Error {
  return new Error(`The upload reader answered ${reply.type} out of turn`);
}

const firstLine = (text: string) => text.split('\n')[0] ?? text;

const duration = (ms: number) => (ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`);
