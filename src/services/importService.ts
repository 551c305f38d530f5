/**
 * Import use case: read → validate → compare with what is stored → (dry run: list) or write it all in
 * one transaction. Every stage runs as far as it can, so that a file's errors are all reported at once:
 * a sheet that cannot be read is reported and the others are read; the rows that are valid are checked
 * against the database (unknown refs, locked periods, clashes) even when other rows are not. Nothing is
 * written unless the whole file is valid.
 */
import type { Db } from '../db/connection.ts';
import { MAX_ERRORS_SHOWN } from '../domain/limits.ts';
import { loadSnapshot } from '../repositories/frameworkRepository.ts';
import { applyImportChanges } from '../repositories/importWriter.ts';
import { SHEETS, nothingWithheld, type ImportError, type Withheld, type WorkbookData } from '../workbook/model.ts';
import { basename } from 'node:path';
import { readWorkbookSheets } from '../workbook/read.ts';
import { validateWorkbook } from '../workbook/validate.ts';
import { describeChange, planImport, snapshotScope, type Change, type ImportPlan } from './importPlan.ts';
import { inTransaction } from '../db/transaction.ts';

export type ImportStage = 'read' | 'validate' | 'compare' | 'write' | 'done';
export type ProgressListener = (stage: ImportStage, detail: string) => void;

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

/** A file read and validated as far as each stage could go. */
export interface CheckedFile {
  /** The valid rows: all of them when `errors` is empty. */
  data: WorkbookData;
  /** Every read and validation error. */
  errors: ImportError[];
  /** What was refused or could not be read, that other rows may depend on. */
  withheld: Withheld;
  /** Whether no sheet could be read at all (then there is nothing to compare with the database). */
  nothingRead: boolean;
}

/** Reads every sheet that can be read and validates every row that was read. */
export async function readAndValidate(path: string, name: string, progress: ProgressListener = () => undefined): Promise<CheckedFile> {
  const read = await readWorkbookSheets(path, { name });
  progress('validate', `${Object.values(read.raw).reduce((n, rows) => n + (rows?.length ?? 0), 0)} rows`);
  const validated = validateWorkbook(read.raw);
  const withheld = validated.ok ? nothingWithheld() : validated.withheld;
  for (const sheet of read.unread) withheld.sheets.add(sheet);
  return {
    data: validated.data,
    errors: [...read.errors, ...(validated.ok ? [] : validated.errors)],
    withheld,
    nothingRead: read.errors.length > 0 && Object.keys(read.raw).length === 0,
  };
}

/**
 * Compares a checked file with what `db` stores: its changes, and every error — the file's own and
 * those of the comparison (unknown refs, locked periods, clashes with stored data) — in workbook order.
 */
export async function planChecked(db: Db, checked: CheckedFile): Promise<ImportPlan> {
  if (checked.nothingRead) return { errors: orderErrors(checked.errors), changes: [] };
  const plan = planImport(checked.data, await loadSnapshot(db, snapshotScope(checked.data)), checked.withheld);
  return { errors: orderErrors([...checked.errors, ...plan.errors]), changes: plan.changes };
}

export class ImportService {
  constructor(private readonly db: Db) {}

  async importFile(path: string, options: ImportOptions = {}): Promise<ImportOutcome> {
    const progress = options.onProgress ?? (() => undefined);
    progress('read', path);
    return this.importChecked(await readAndValidate(path, options.fileName ?? basename(path), progress), options);
  }

  /** Imports data already validated (the framework and panel forms build one-row workbooks). */
  async importData(data: WorkbookData, options: ImportOptions = {}): Promise<ImportOutcome> {
    return this.importChecked({ data, errors: [], withheld: nothingWithheld(), nothingRead: false }, options);
  }

  private async importChecked(checked: CheckedFile, options: ImportOptions): Promise<ImportOutcome> {
    const progress = options.onProgress ?? (() => undefined);
    const { data } = checked;
    progress('compare', `${data.results.length} results, ${data.targets.length} targets`);
    const run = async (db: Db): Promise<ImportOutcome> => {
      const plan = await planChecked(db, checked);
      if (plan.errors.length) return { ok: false, errors: plan.errors };
      const summary = summarise(plan.changes);
      if (options.dryRun || plan.changes.length === 0) {
        return { ok: true, dryRun: Boolean(options.dryRun), changes: plan.changes, summary };
      }
      progress('write', `${plan.changes.length} changes`);
      await applyImportChanges(db, plan.changes, { actor: options.actor ?? 'import', reason: options.reason ?? null });
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

const SHEET_ORDER = new Map<string, number>(SHEETS.map((sheet, i) => [sheet, i]));

/**
 * Errors in the order of the workbook: the file's own first (a damaged part, a file that cannot be
 * read), then sheet by sheet in template order, each sheet's own first (a missing column), then row by
 * row; within a row, in the order found (reading, cells, references and locks).
 */
export function orderErrors(errors: ImportError[]): ImportError[] {
  const rank = (e: ImportError) => SHEET_ORDER.get(e.sheet) ?? -1;
  return errors
    .map((e, i) => ({ e, i, sheet: rank(e), row: e.row ?? 0 }))
    .sort((a, b) => a.sheet - b.sheet || a.row - b.row || a.i - b.i)
    .map((x) => x.e);
}

/** What a listing of errors shows: at most `max` (MAX_ERRORS_SHOWN), and how many more there are, by sheet. */
export interface ErrorListing {
  shown: ImportError[];
  total: number;
  /** How many are not shown (0: all are). */
  more: number;
  /** The ones not shown, counted by sheet (or file), in order. */
  moreBySheet: { sheet: string; count: number }[];
}

export function errorsToShow(errors: ImportError[], max: number = MAX_ERRORS_SHOWN): ErrorListing {
  const shown = errors.slice(0, max);
  const bySheet = new Map<string, number>();
  for (const e of errors.slice(max)) bySheet.set(String(e.sheet), (bySheet.get(String(e.sheet)) ?? 0) + 1);
  return { shown, total: errors.length, more: errors.length - shown.length, moreBySheet: [...bySheet].map(([sheet, count]) => ({ sheet, count })) };
}

const count = (n: number, noun: string) => `${n.toLocaleString('en-GB')} ${noun}${n === 1 ? '' : 's'}`;

/** "… and 2,500 more errors (results: 2,400; targets: 100)", or null when every error is shown. */
export function moreErrorsText(listing: ErrorListing): string | null {
  if (listing.more === 0) return null;
  const where = listing.moreBySheet.map((s) => `${s.sheet}: ${s.count.toLocaleString('en-GB')}`).join('; ');
  return `… and ${count(listing.more, 'more error')} (${where})`;
}

/** "3,001 errors". */
export const errorCount = (n: number): string => count(n, 'error');

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
