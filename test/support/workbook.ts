/**
 * Test-data builder for import workbooks: a small valid council framework as CSV sheets, with
 * overrides per row, written to a temporary folder the importer can read.
 */
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';

export type Sheet = Record<string, string>[];
/** Sheets by name (any sheet of the template, docs/import-template.md). */
export type Sheets = Partial<Record<string, Sheet>>;

export const indicatorRow = (over: Record<string, string> = {}) => ({
  ref: 'T/1',
  plan_year: '',
  title: 'Residents satisfied with the area',
  committee: 'Test Committee',
  priority: 'Strong communities',
  type: 'CPI',
  polarity: 'Bigger is Better',
  unit: 'percent',
  frequency: 'annual',
  basis: '',
  source: 'Residents survey',
  tolerance: '',
  definition: 'Share of residents satisfied',
  measured_against: 'Annual target',
  ...over,
});

/** A valid two-year framework: one committee, two indicators, targets, results and one key action. */
export function smallCouncil(): Sheets {
  return {
    settings: [
      { plan_year: '2016/17', council: 'Test Borough', rag_method: 'achievement', formula: 'ratio', directional_targets: 'monitor' },
      { plan_year: '2017/18', council: 'Test Borough', rag_method: 'variance', red_from: '10', directional_targets: 'monitor' },
    ],
    indicators: [indicatorRow(), indicatorRow({ ref: 'T/2', title: 'Repeat referrals', polarity: 'Smaller is Better', unit: 'number', frequency: 'quarterly' })],
    targets: [
      { ref: 'T/1', period: '2016/17', target: '80%' },
      { ref: 'T/1', period: '2017/18', target: '85%' },
      { ref: 'T/2', period: '2017/18', target: '100' },
    ],
    results: [
      { ref: 'T/1', period: '2016/17', value: '78%', data_period: 'Autumn 2016', status: '', commentary: '' },
      { ref: 'T/1', period: '2017/18', value: '86%', data_period: 'Autumn 2017', status: '', commentary: 'Up' },
      { ref: 'T/2', period: 'Q1 2017/18', value: '120', data_period: '', status: '', commentary: '' },
      { ref: 'T/2', period: 'Q2 2017/18', value: '95', data_period: '', status: '', commentary: '' },
    ],
    actions: [
      { ref: 'KA1', committee: 'Test Committee', priority: 'Strong communities', title: 'Launch the volunteering hub', service: 'Communities', period: '2017/18', rag: 'Green Amber', commentary: 'Delayed a month' },
    ],
  };
}

/** Writes the sheets as CSV files into a new temporary folder and returns its path. */
export async function writeCsvWorkbook(sheets: Sheets): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'townhall-test-'));
  await mkdir(dir, { recursive: true });
  for (const [name, rows] of Object.entries(sheets)) {
    if (!rows || rows.length === 0) continue;
    const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
    await writeFile(join(dir, `${name}.csv`), stringify(rows, { header: true, columns }));
  }
  return dir;
}

/** An .xlsx workbook of the given sheets (rows of cells, the header first), as uploaded. */
export async function xlsx(sheets: Record<string, string[][]>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    for (const r of rows) ws.addRow(r);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** An .xlsx file with its parts edited (by name; delete one to remove it), zipped again. */
export async function rezip(base: Buffer, edit: (parts: Map<string, Buffer>) => void): Promise<Buffer> {
  const zip = await JSZip.loadAsync(base);
  const parts = new Map<string, Buffer>();
  for (const [name, entry] of Object.entries(zip.files)) if (!entry.dir) parts.set(name, Buffer.from(await entry.async('uint8array')));
  edit(parts);
  const out = new JSZip();
  for (const [name, bytes] of parts) out.file(name, bytes);
  return Buffer.from(await out.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
}
