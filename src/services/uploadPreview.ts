/**
 * An upload's preview as it is kept with the upload (migration 0009) and shown: for a file with errors,
 * the listing of its errors (the first MAX_ERRORS_SHOWN, the rest counted by sheet); otherwise the digest
 * of its whole plan, every change counted by kind of record, and the first MAX_CHANGES_SHOWN changes.
 * Made from a plan here, in the upload worker process (workbookWorker.ts) or, after a confirmation found
 * the data changed, in the service; plain data, so it is kept as JSON and sent between threads as is.
 */
import { createHash } from 'node:crypto';
import { MAX_CHANGES_SHOWN } from '../domain/limits.ts';
import type { FrameworkSnapshot, SnapshotScope } from '../repositories/frameworkRepository.ts';
import type { ImportError } from '../workbook/model.ts';
import { errorsToShow, type CheckedFile, type ErrorListing } from './importCheck.ts';
import type { Change, Entity, ImportPlan } from './importPlan.ts';

/** How many changes of one kind of record a plan has: added and changed. */
export interface ChangeCount {
  entity: Entity;
  add: number;
  change: number;
}

export type PreviewOutcome =
  | {
      ok: true;
      /** The digest of the whole plan (planDigest): confirming writes only a plan with this digest. */
      digest: string;
      /** Every change of the plan. */
      total: number;
      /** Every change of the plan counted by kind of record, in the order first met. */
      counts: ChangeCount[];
      /** The first MAX_CHANGES_SHOWN changes, in the plan's order. */
      changes: Change[];
    }
  | { ok: false; errors: ErrorListing };

/**
 * The preview of a plan: its errors' listing, or its digest, counts and first changes. `digest`: the
 * plan's digest when the caller has it already (it costs a second for the largest plans).
 */
export function previewOf(plan: ImportPlan, options: { digest?: string; maxChanges?: number } = {}): PreviewOutcome {
  if (plan.errors.length) return { ok: false, errors: errorsToShow(plan.errors) };
  const counts = new Map<Entity, ChangeCount>();
  for (const c of plan.changes) {
    const count = counts.get(c.entity) ?? { entity: c.entity, add: 0, change: 0 };
    count[c.kind] += 1;
    counts.set(c.entity, count);
  }
  return {
    ok: true,
    digest: options.digest ?? planDigest(plan.changes),
    total: plan.changes.length,
    counts: [...counts.values()],
    changes: plan.changes.slice(0, options.maxChanges ?? MAX_CHANGES_SHOWN),
  };
}

/** A preview of nothing but these errors (a file that could not be read at all, or is gone). */
export function previewOfErrors(errors: ImportError[]): PreviewOutcome {
  return { ok: false, errors: errorsToShow(errors) };
}

/**
 * Stable JSON of a value, object keys sorted (by UTF-16 code unit): the same record gives the same text
 * whatever order its keys were set in. As JSON.stringify would write it otherwise (undefined members left
 * out, undefined in an array as null, toJSON honoured), written out by hand: a replacer that sorts every
 * object took twice as long over the hundreds of thousands of changes of a large upload.
 */
function canonical(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i++) text += (i ? ',' : '') + canonical(value[i]);
    return `${text}]`;
  }
  const withToJson = value as { toJSON?: () => unknown };
  if (typeof withToJson.toJSON === 'function') return canonical(withToJson.toJSON());
  const record = value as Record<string, unknown>;
  let text = '{';
  let first = true;
  for (const key of Object.keys(record).sort()) {
    const member = record[key];
    if (member === undefined || typeof member === 'function') continue;
    text += `${first ? '' : ','}${JSON.stringify(key)}:${canonical(member)}`;
    first = false;
  }
  return `${text}}`;
}

/** A stable digest of a plan: the same changes with the same before and after give the same digest. */
export function planDigest(changes: Change[]): string {
  const hash = createHash('sha256');
  for (const c of changes) hash.update(canonical([c.entity, c.key, c.kind, c.before, c.after])).update('\n');
  return hash.digest('base64url');
}

/**
 * The snapshot's lists that can hold hundreds of thousands of rows: the pool sends them to the worker in
 * slices, each a message of its own, since a message is copied into the channel in one go, in the
 * server's thread.
 */
export const SNAPSHOT_LISTS = ['targets', 'results', 'benchmarks'] as const satisfies readonly (keyof FrameworkSnapshot)[];
export type SnapshotList = (typeof SNAPSHOT_LISTS)[number];

/** Why a workbook could not be read in a worker process (WorkbookWorkerPool). */
export type ReaderFailureReason = 'memory' | 'time' | 'stopped' | 'busy';

/** Reading an upload failed for a reason of the server's, not of the file's cells. */
export class ReaderFailure extends Error {
  constructor(
    readonly reason: ReaderFailureReason,
    message: string,
  ) {
    super(message);
    this.name = 'ReaderFailure';
  }
}

/**
 * What a person is told when their upload could not be read, located at the file (the name it was
 * uploaded with): never a stack, a path or a 500.
 */
export function readerFailureError(fileName: string, failure: ReaderFailure): ImportError {
  const message: Record<ReaderFailureReason, string> = {
    memory:
      'The file is too large to read: it needs more memory than the server allows for one upload. Split it into smaller workbooks (fewer rows in each sheet) and upload them one at a time',
    time: 'The file is too large to read: reading it took longer than the server allows for one upload. Split it into smaller workbooks (fewer rows in each sheet) and upload them one at a time',
    stopped: 'The file could not be read: the server stopped reading it unexpectedly. Upload it again; if this happens again, save it again from the spreadsheet program, or split it into smaller workbooks',
    busy: 'The file could not be read now: the server is reading many other uploads. Upload it again in a few minutes',
  };
  return { sheet: fileName, row: null, column: null, value: null, message: message[failure.reason] };
}

/**
 * Reads uploaded workbooks away from the thread that serves requests (WorkbookWorkerPool). Either
 * method rejects with a ReaderFailure when the reading itself failed (out of memory, too long, the
 * reader stopped, too many waiting); a file that cannot be read as a workbook is not a failure: its
 * errors are in the outcome.
 */
export interface UploadReader {
  /** Reads and validates the workbook at `path` (named `name` in errors). */
  check(path: string, name: string): Promise<CheckedFile>;
  /**
   * Reads and validates the workbook, compares it with the stored data `snapshot(scope)` loads for what
   * it names, and returns its preview.
   */
  preview(path: string, name: string, snapshot: (scope: SnapshotScope) => Promise<FrameworkSnapshot>): Promise<PreviewOutcome>;
}
