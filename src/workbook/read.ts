/**
 * Reads an import workbook (docs/import-template.md) into raw text cells: an `.xlsx` file, or a
 * folder of `<sheet>.csv` files (a single `<sheet>.csv` file is read as that one sheet).
 * No interpretation beyond turning each cell into the text a person sees; `validateWorkbook` does the rest.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { formatNumber } from '../domain/cells.ts';
import { SHEETS, type RawWorkbook, type SheetName, type SheetRow } from './model.ts';

/** `Data period`, `data-period`, ` DATA_PERIOD ` → `data_period`. */
export function normaliseHeader(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

function sheetNameOf(text: string): SheetName | null {
  const name = normaliseHeader(text);
  return (SHEETS as readonly string[]).includes(name) ? (name as SheetName) : null;
}

/**
 * CSV formula-injection convention, shared by the writer and the reader.
 *
 * A spreadsheet program opening a CSV file may run a cell that starts with `=`, `@`, tab or CR, or
 * with `+` or `-` followed by something other than a digit or `.`, as a formula. The writer makes such
 * text cells inert by prefixing one `'` (`=HYPERLINK(…)` → `'=HYPERLINK(…)`, `-data lag` → `'-data lag`).
 * Numbers as typed (`-3`, `+44`, `-0.5`, `-.5`) and a lone `-` or `+` are left alone: they are data,
 * and a spreadsheet reads them as numbers or text, never as formulas.
 * The reader removes exactly one leading `'` from a cell whose text after its leading `'`s would be
 * dangerous; to keep this reversible the writer also prefixes text that already starts with `'`s
 * followed by a dangerous start (`'=A1` is written `''=A1`).
 */
function dangerousStart(text: string): boolean {
  const c = text.charAt(0);
  if (c === '=' || c === '@' || c === '\t' || c === '\r') return true;
  if (c === '+' || c === '-') {
    const next = text.charAt(1);
    return next !== '' && !/[0-9.]/.test(next);
  }
  return false;
}

export function escapeCsvCell(text: string): string {
  return dangerousStart(text.replace(/^'+/, '')) ? `'${text}` : text;
}

export function unescapeCsvCell(text: string): string {
  return text.startsWith("'") && dangerousStart(text.replace(/^'+/, '')) ? text.slice(1) : text;
}

/** Reads a workbook file (`.xlsx`, `.csv`) or a folder of CSV files. Sheets not in the template are ignored. */
export async function readWorkbook(path: string): Promise<RawWorkbook> {
  const info = await stat(path);
  if (info.isDirectory()) return readCsvFolder(path);
  if (extname(path).toLowerCase() === '.csv') {
    const sheet = sheetNameOf(basename(path, extname(path)));
    return sheet ? { [sheet]: await readCsvSheet(path) } : {};
  }
  return readXlsx(path);
}

// ---------------------------------------------------------------------------------------------
// CSV

async function readCsvFolder(dir: string): Promise<RawWorkbook> {
  const out: RawWorkbook = {};
  const files = (await readdir(dir)).sort();
  for (const file of files) {
    if (extname(file).toLowerCase() !== '.csv') continue;
    const sheet = sheetNameOf(basename(file, extname(file)));
    if (!sheet || out[sheet]) continue;
    out[sheet] = await readCsvSheet(join(dir, file));
  }
  return out;
}

async function readCsvSheet(file: string): Promise<SheetRow[]> {
  const content = await readFile(file, 'utf8');
  const records = parse(content, {
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
  }) as string[][];
  const header = records[0];
  if (!header) return [];
  const columns = headerColumns(header);
  const rows: SheetRow[] = [];
  // A record is one spreadsheet row, however many lines its quoted cells span: row = record index + 1.
  for (let i = 1; i < records.length; i++) {
    const record = records[i]!;
    const cells: Record<string, string> = {};
    let empty = true;
    for (const [index, name] of columns) {
      const raw = record[index];
      const text = raw === undefined || raw === '' ? '' : unescapeCsvCell(raw).trim();
      if (text !== '') empty = false;
      cells[name] = text;
    }
    if (!empty) rows.push({ row: i + 1, cells });
  }
  return rows;
}

/** Column index → normalised name; blank and repeated headers are ignored (the first wins). */
function headerColumns(header: readonly string[]): [number, string][] {
  const seen = new Set<string>();
  const columns: [number, string][] = [];
  header.forEach((text, index) => {
    const name = normaliseHeader(text ?? '');
    if (name === '' || seen.has(name)) return;
    seen.add(name);
    columns.push([index, name]);
  });
  return columns;
}

// ---------------------------------------------------------------------------------------------
// XLSX

async function readXlsx(file: string): Promise<RawWorkbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const out: RawWorkbook = {};
  workbook.eachSheet((worksheet) => {
    const sheet = sheetNameOf(worksheet.name);
    if (!sheet || out[sheet]) return;
    out[sheet] = readWorksheet(worksheet);
  });
  return out;
}

function readWorksheet(worksheet: ExcelJS.Worksheet): SheetRow[] {
  const headerRow = worksheet.getRow(1);
  const header: string[] = [];
  headerRow.eachCell((cell, col) => {
    header[col] = cellText(cell);
  });
  const columns = headerColumns(Array.from(header, (h) => h ?? ''));
  // Column number → name, for the cells a row actually has (no cells are created for gaps).
  const nameAt: (string | undefined)[] = [];
  for (const [index, name] of columns) nameAt[index] = name;
  const rows: SheetRow[] = [];
  worksheet.eachRow((row, rowNumber) => {
    if (rowNumber === 1) return;
    // Every row has every column, in header order (one object shape for all rows).
    const cells: Record<string, string> = {};
    for (const [, name] of columns) cells[name] = '';
    let empty = true;
    row.eachCell((cell, col) => {
      const name = nameAt[col];
      if (name === undefined) return;
      const text = cellText(cell).trim();
      if (text === '') return;
      empty = false;
      cells[name] = text;
    });
    if (!empty) rows.push({ row: rowNumber, cells });
  });
  return rows;
}

/** The text a person sees in a cell: numbers in their shortest form, percent-formatted 0.85 as `85%`. */
export function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  return valueText(value, cell.numFmt);
}

function valueText(value: unknown, numFmt: string | undefined): string {
  if (value === null || value === undefined) return '';
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      return numFmt && isPercentFormat(numFmt) ? `${formatNumber(value * 100)}%` : formatNumber(value);
    case 'boolean':
      return value ? 'TRUE' : 'FALSE';
    case 'object':
      break;
    default:
      return String(value);
  }
  if (value instanceof Date) return dateText(value, numFmt);
  const v = value as Record<string, unknown>;
  if (Array.isArray(v.richText)) return (v.richText as { text?: string }[]).map((r) => r.text ?? '').join('');
  if ('formula' in v || 'sharedFormula' in v) return valueText(v.result, numFmt);
  if ('text' in v) return valueText(v.text, numFmt);
  if (typeof v.error === 'string') return v.error;
  return '';
}

const percentFormats = new Map<string, boolean>();
function isPercentFormat(numFmt: string): boolean {
  let known = percentFormats.get(numFmt);
  if (known === undefined) {
    // A % outside quoted text and not escaped with a backslash.
    known = /%/.test(numFmt.replace(/"[^"]*"|\\./g, ''));
    percentFormats.set(numFmt, known);
  }
  return known;
}

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A date cell: month-year formats (no day) as `Aug 2018`, which parsePeriod understands; other dates
 * as `2018-08-15` (with `hh:mm` when there is a time of day). Spreadsheet dates are read as UTC.
 */
function dateText(date: Date, numFmt: string | undefined): string {
  if (Number.isNaN(date.getTime())) return '';
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth();
  const fmt = (numFmt ?? '').replace(/"[^"]*"|\\./g, '').toLowerCase();
  if (fmt !== '' && !/d/.test(fmt) && /m/.test(fmt) && /y/.test(fmt)) return `${MONTH_NAMES[m]} ${y}`;
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = `${y}-${pad(m + 1)}-${pad(date.getUTCDate())}`;
  const h = date.getUTCHours();
  const min = date.getUTCMinutes();
  return h === 0 && min === 0 ? day : `${day} ${pad(h)}:${pad(min)}`;
}
