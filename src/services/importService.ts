/**
 * Import use case: read → validate → compare with what is stored → (dry run: list) or write it all in
 * one transaction. Nothing is written unless the whole file is valid.
 */
import type { Db } from '../db/connection.ts';
import { loadSnapshot } from '../repositories/frameworkRepository.ts';
import { applyImportChanges } from '../repositories/importWriter.ts';
import type { ImportError, WorkbookData } from '../workbook/model.ts';
import { basename } from 'node:path';
import { WorkbookReadError, readWorkbook } from '../workbook/read.ts';
import { validateWorkbook } from '../workbook/validate.ts';
import { describeChange, planImport, snapshotScope, type Change } from './importPlan.ts';
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
  | { ok: false; errors: ImportError[] };

export class ImportService {
  constructor(private readonly db: Db) {}

  async importFile(path: string, options: ImportOptions = {}): Promise<ImportOutcome> {
    const progress = options.onProgress ?? (() => undefined);
    progress('read', path);
    const name = options.fileName ?? basename(path);
    let raw;
    try {
      raw = await readWorkbook(path, { name });
    } catch (error) {
      return { ok: false, errors: readErrors(error, name) };
    }
    progress('validate', `${Object.values(raw).reduce((n, rows) => n + (rows?.length ?? 0), 0)} rows`);
    const validated = validateWorkbook(raw);
    if (!validated.ok) return validated;
    return this.importData(validated.data, options);
  }

  async importData(data: WorkbookData, options: ImportOptions = {}): Promise<ImportOutcome> {
    const progress = options.onProgress ?? (() => undefined);
    progress('compare', `${data.results.length} results, ${data.targets.length} targets`);
    const run = async (db: Db): Promise<ImportOutcome> => {
      const snapshot = await loadSnapshot(db, snapshotScope(data));
      const plan = planImport(data, snapshot);
      if (plan.errors.length) return { ok: false, errors: plan.errors };
      const summary = summarise(plan.changes);
      if (options.dryRun || plan.changes.length === 0) {
        return { ok: true, dryRun: Boolean(options.dryRun), changes: plan.changes, summary };
      }
      progress('write', `${plan.changes.length} changes`);
      await applyImportChanges(db, plan.changes, { actor: options.actor ?? 'import', reason: options.reason ?? null });
      return { ok: true, dryRun: false, changes: plan.changes, summary };
    };
    // Compare and write in one transaction so nothing changes in between and a failure leaves nothing behind.
    const outcome = options.dryRun ? await run(this.db) : await inTransaction(this.db, run);
    progress('done', outcome.ok ? `${outcome.changes.length} changes` : `${outcome.errors.length} errors`);
    return outcome;
  }
}

/** A reader's refusal as located errors; anything else as one plain sentence (never a library's words). */
export function readErrors(error: unknown, fileName: string): ImportError[] {
  if (error instanceof WorkbookReadError) return error.errors;
  return [{ sheet: fileName, row: null, column: null, value: null, message: 'The file could not be read: save it again from the spreadsheet program and import the new copy' }];
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
