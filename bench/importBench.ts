/**
 * Import benchmark: a generated .xlsx workbook imported into an empty database, against the floor of
 * exceljs alone reading the same file and touching every row's values.
 */
import ExcelJS from 'exceljs';
import type { ImportStage } from '../src/services/importService.ts';
import type { WorkbookData } from '../src/workbook/model.ts';
import { EMPTY_PANELS, writeWorkbook } from '../src/workbook/write.ts';
import type { BenchDatabase } from './engines.ts';
import { median, now, sample } from './stats.ts';

export async function writeImportWorkbook(data: WorkbookData, path: string): Promise<void> {
  await writeWorkbook(data, path, 'xlsx');
}

/** The floor: exceljs reads the whole file and every row's values are touched. Returns the cell count. */
export async function exceljsRead(path: string): Promise<number> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  let cells = 0;
  workbook.eachSheet((worksheet) => {
    worksheet.eachRow((row) => {
      for (const value of row.values as unknown[]) if (value !== undefined && value !== null) cells += 1;
    });
  });
  return cells;
}

export type StageName = Exclude<ImportStage, 'done'>;
export const STAGES: StageName[] = ['read', 'validate', 'compare', 'write'];
export const STAGE_MEANING: Record<StageName, string> = {
  read: 'readWorkbook: unzip, parse, cells to text',
  validate: 'validateWorkbook',
  compare: 'begin, loadSnapshot, planImport',
  write: 'applyImportChanges + commit',
};

export interface ImportRun {
  totalMs: number;
  stages: Record<StageName, number>;
  changes: number;
}

/** Imports the file into the (empty) database, timing each stage the import service reports. */
export async function importOnce(db: BenchDatabase, path: string): Promise<ImportRun> {
  const marks: { stage: ImportStage; at: number }[] = [];
  const start = now();
  const outcome = await db.app.imports.importFile(path, {
    actor: 'bench',
    onProgress: (stage) => marks.push({ stage, at: now() }),
  });
  const totalMs = now() - start;
  if (!outcome.ok) {
    throw new Error(`Import failed: ${outcome.errors.slice(0, 3).map((e) => JSON.stringify(e)).join('\n')}`);
  }
  const stages: Record<StageName, number> = { read: 0, validate: 0, compare: 0, write: 0 };
  marks.forEach((m, i) => {
    if (m.stage === 'done') return;
    const end = marks[i + 1]?.at ?? start + totalMs;
    stages[m.stage] += end - m.at;
  });
  return { totalMs, stages, changes: outcome.changes.length };
}

/**
 * A one-row write into the store just imported, as an admin form or a panel-row save makes it: one
 * target changed (a new value each time) through ImportService.importData. Returns the median of `runs`
 * (after one warm-up). What it reads of the store is what the import snapshot's scope names.
 */
export async function oneRowWrite(db: BenchDatabase, data: WorkbookData, runs: number): Promise<number> {
  const target = data.targets[Math.floor(data.targets.length / 2)]!;
  let value = 1_000;
  const samples = await sample(runs, async () => {
    value += 1;
    const outcome = await db.app.imports.importData(
      {
        ...{ settings: [], committees: [], terms: [], priorities: [], indicators: [], results: [], actions: [], panels: EMPTY_PANELS() },
        targets: [{ ...target, target: { form: 'value', value }, printed: String(value) }],
      },
      { actor: 'bench', reason: 'one-row write' },
    );
    if (!outcome.ok || outcome.changes.length !== 1) throw new Error(`One-row write failed: ${JSON.stringify(outcome).slice(0, 300)}`);
  });
  return median(samples);
}
