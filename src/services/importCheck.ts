/**
 * The import's stages that need no database: reading and validating a file, comparing it with a
 * snapshot of what is stored (given), ordering its errors and listing them. Pure but for reading the
 * file, so they run as well in the upload worker process (workbookWorker.ts) as in the import service.
 */
import { MAX_ERRORS_SHOWN } from '../domain/limits.ts';
import type { FrameworkSnapshot } from '../repositories/frameworkRepository.ts';
import { SHEETS, nothingWithheld, type ImportError, type Withheld, type WorkbookData } from '../workbook/model.ts';
import { readWorkbookSheets } from '../workbook/read.ts';
import { validateWorkbook } from '../workbook/validate.ts';
import { planImport, type ImportPlan } from './importPlan.ts';
import { validateCommitteeBusiness } from './committeeBusinessValidate.ts';

export type ImportStage = 'read' | 'validate' | 'compare' | 'write' | 'done';
export type ProgressListener = (stage: ImportStage, detail: string) => void;

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
  // The committee-business sheets (people, memberships, meetings…): validated beside the performance ones.
  const businessErrors: ImportError[] = [];
  const committeeBusiness = validateCommitteeBusiness(read.raw, businessErrors, read.unread);
  return {
    data: { ...validated.data, committeeBusiness },
    errors: [...read.errors, ...(validated.ok ? [] : validated.errors), ...businessErrors],
    withheld,
    nothingRead: read.errors.length > 0 && Object.keys(read.raw).length === 0,
  };
}

/**
 * Compares a checked file with `snapshot` (what is stored, as loaded for the file's scope): its changes,
 * and every error — the file's own and those of the comparison (unknown refs, locked periods, clashes
 * with stored data) — in workbook order. `snapshot` may be null only when nothing of the file could be
 * read (`nothingRead`): then there is nothing to compare.
 */
export function planWithSnapshot(checked: CheckedFile, snapshot: FrameworkSnapshot | null): ImportPlan {
  if (checked.nothingRead) return { errors: orderErrors(checked.errors), changes: [] };
  if (!snapshot) throw new Error('planWithSnapshot: a file that was read is compared with a snapshot of the stored data');
  const plan = planImport(checked.data, snapshot, checked.withheld);
  return { errors: orderErrors([...checked.errors, ...plan.errors]), changes: plan.changes };
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

