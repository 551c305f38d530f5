/**
 * Import use case: read → validate → compare with what is stored → (dry run: list) or write it all in
 * one transaction. Every stage runs as far as it can, so that a file's errors are all reported at once:
 * a sheet that cannot be read is reported and the others are read; the rows that are valid are checked
 * against the database (unknown refs, locked periods, clashes) even when other rows are not. Nothing is
 * written unless the whole file is valid.
 */
import type { Db } from '../db/connection.ts';
import { loadSnapshot } from '../repositories/frameworkRepository.ts';
import { applyImportChanges } from '../repositories/importWriter.ts';
import { nothingWithheld, type ImportError, type WorkbookData } from '../workbook/model.ts';
import { basename } from 'node:path';
import { orderErrors, planWithSnapshot, readAndValidate, type CheckedFile, type ProgressListener } from './importCheck.ts';
import { describeChange, snapshotScope, type Change, type ImportPlan } from './importPlan.ts';
import { inTransaction } from '../db/transaction.ts';
import type { ImportExtension } from './importExtension.ts';

// The stages that need no database live in importCheck.ts (they also run in the upload worker process).
export {
  errorCount,
  errorsToShow,
  moreErrorsText,
  orderErrors,
  planWithSnapshot,
  readAndValidate,
  type CheckedFile,
  type ErrorListing,
  type ImportStage,
  type ProgressListener,
} from './importCheck.ts';

/**
 * Compares a checked file with what `db` stores: its changes, and every error — the file's own and
 * those of the comparison (unknown refs, locked periods, clashes with stored data) — in workbook order.
 */
export async function planChecked(db: Db, checked: CheckedFile): Promise<ImportPlan> {
  return planWithSnapshot(checked, checked.nothingRead ? null : await loadSnapshot(db, snapshotScope(checked.data)));
}

export interface ImportOptions {
  dryRun?: boolean;
  actor?: string;
  reason?: string | null;
  onProgress?: ProgressListener;
  /** The file's name as the person knows it (an upload's own name), for messages; default: the path's last part. */
  fileName?: string;
}

export type ImportOutcome =
  | { ok: true; dryRun: boolean; changes: Change[]; summary: Record<string, { add: number; change: number }> }
  /** Every error of the file, in workbook order (see `orderErrors`); `errorsToShow` caps a listing. */
  | { ok: false; errors: ImportError[] };

export class ImportService {
  constructor(
    private readonly db: Db,
    private readonly extensions: readonly ImportExtension[] = [],
  ) {}

  async importFile(path: string, options: ImportOptions = {}): Promise<ImportOutcome> {
    const progress = options.onProgress ?? (() => undefined);
    progress('read', path);
    return this.importChecked(await readAndValidate(path, options.fileName ?? basename(path), progress), options);
  }

  /** Imports data already validated (the framework and panel forms build one-row workbooks). */
  async importData(data: WorkbookData, options: ImportOptions = {}): Promise<ImportOutcome> {
    return this.importChecked({ data, errors: [], withheld: nothingWithheld(), nothingRead: false }, options);
  }

  private planWithExtensions(db: Db, checked: CheckedFile): Promise<ImportPlan> {
    return planAll(db, checked, this.extensions);
  }

  private async importChecked(checked: CheckedFile, options: ImportOptions): Promise<ImportOutcome> {
    const progress = options.onProgress ?? (() => undefined);
    const { data } = checked;
    progress('compare', `${data.results.length} results, ${data.targets.length} targets`);
    const run = async (db: Db): Promise<ImportOutcome> => {
      const plan = await this.planWithExtensions(db, checked);
      if (plan.errors.length) return { ok: false, errors: plan.errors };
      const summary = summarise(plan.changes);
      if (options.dryRun || plan.changes.length === 0) {
        return { ok: true, dryRun: Boolean(options.dryRun), changes: plan.changes, summary };
      }
      progress('write', `${plan.changes.length} changes`);
      const audit = { actor: options.actor ?? 'import', reason: options.reason ?? null };
      const own = (c: Change) => this.extensions.some((x) => x.owns(c));
      await applyImportChanges(db, this.extensions.length ? plan.changes.filter((c) => !own(c)) : plan.changes, audit);
      for (const extension of this.extensions) await extension.apply(db, plan.changes, audit);
      return { ok: true, dryRun: false, changes: plan.changes, summary };
    };
    // Compare and write in one transaction so nothing changes in between and a failure leaves nothing
    // behind. A file with errors is only compared, never written.
    const readOnly = options.dryRun || checked.errors.length > 0;
    const outcome = readOnly ? await run(this.db) : await inTransaction(this.db, run);
    progress('done', outcome.ok ? `${outcome.changes.length} changes` : `${outcome.errors.length} errors`);
    return outcome;
  }
}

/** The performance plan and the extensions', their errors in workbook order. */
async function planAll(db: Db, checked: CheckedFile, extensions: readonly ImportExtension[]): Promise<ImportPlan> {
  const plan = await planChecked(db, checked);
  if (!extensions.length || checked.nothingRead) return plan;
  const errors = [...plan.errors];
  const changes = [...plan.changes];
  for (const extension of extensions) {
    const more = await extension.plan(db, checked);
    errors.push(...more.errors);
    changes.push(...more.changes);
  }
  return { errors: orderErrors(errors), changes };
}

function summarise(changes: Change[]): Record<string, { add: number; change: number }> {
  const out: Record<string, { add: number; change: number }> = {};
  for (const c of changes) {
    const s = (out[c.entity] ??= { add: 0, change: 0 });
    s[c.kind] += 1;
  }
  return out;
}

export function formatImportErrors(errors: ImportError[]): string[] {
  return errors.map((e) => {
    const where = [e.sheet, e.row !== null ? `row ${e.row}` : null, e.column ? `column ${e.column}` : null]
      .filter(Boolean)
      .join(', ');
    return `${where}: ${e.message}${e.value !== null && e.value !== undefined ? ` (value: ${JSON.stringify(e.value)})` : ''}`;
  });
}

export { describeChange };
