/**
 * Reads an import workbook (docs/import-template.md) into raw text cells: an `.xlsx` file, or a
 * folder of `<sheet>.csv` files (a single `<sheet>.csv` file is read as that one sheet).
 * No interpretation beyond turning each cell into the text a person sees; `validateWorkbook` does the rest.
 * A sheet that cannot be read is reported and the other sheets are still read (`readWorkbookSheets`), so
 * that every error of a file can be reported at once; only a file that cannot be opened at all stops here.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type ExcelJS from 'exceljs';
import { formatNumber } from '../domain/cells.ts';
import { MAX_ROWS_PER_SHEET } from '../domain/limits.ts';
import { SHEETS, type ImportError, type RawWorkbook, type SheetName, type SheetRow } from './model.ts';
import { WorkbookReadError, refuse } from './readError.ts';
import {
  XmlSyntaxError,
  decodeEscapes,
  excelSerialToDate,
  isDateFormat,
  parseXml,
  parseXmlAround,
  readCellFormats,
  readRelationships,
  readSharedStrings,
  readWorkbookXml,
  xmlDecodeAgain,
  type XmlHandlers,
} from './xlsxParts.ts';
import { scanSheetData } from './sheetScan.ts';
import { openZip, type ZipPart } from './zip.ts';
import type { SaxesTagPlain } from 'saxes';

export { WorkbookReadError } from './readError.ts';

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

/** What reading a file gave: the rows of every sheet that could be read, and an error for each problem. */
export interface ReadOutcome {
  raw: RawWorkbook;
  errors: ImportError[];
  /** Template sheets that could not be read (no row of theirs is in `raw`); every sheet when the file itself could not be. */
  unread: Set<SheetName>;
}

/** The errors met while reading, and the sheets they cost: one sheet's refusal does not stop the others. */
class ReadLog {
  readonly errors: ImportError[] = [];
  readonly unread = new Set<SheetName>();

  /** A refusal while reading `sheet` (null: a sheet not in the template) is logged, and the sheet left unread. */
  refused(error: unknown, sheet: SheetName | null): void {
    if (!(error instanceof WorkbookReadError)) throw error;
    this.errors.push(...error.errors);
    if (sheet) this.unread.add(sheet);
  }

  async sheet<T>(sheet: SheetName | null, read: () => Promise<T>): Promise<T | undefined> {
    try {
      return await read();
    } catch (error) {
      this.refused(error, sheet);
      return undefined;
    }
  }
}

/**
 * Reads a workbook file (`.xlsx`, `.csv`) or a folder of CSV files. Sheets not in the template are ignored.
 * A sheet that cannot be read whole and as meant — damaged, cut short, hostile, or laid out so that rows
 * would be lost — is reported with errors naming the file, part, sheet, row and column, and left out; the
 * other sheets are read. A file that cannot be opened at all (not a zip, no list of sheets) gives only its errors.
 * `name` is the file's name as the person knows it (an upload's own name, not the server's copy).
 */
export async function readWorkbookSheets(path: string, options: { name?: string } = {}): Promise<ReadOutcome> {
  const name = options.name ?? basename(path);
  const log = new ReadLog();
  try {
    const info = await stat(path);
    let raw: RawWorkbook;
    if (info.isDirectory()) raw = await readCsvFolder(path, log);
    else if (extname(path).toLowerCase() === '.csv') {
      const sheet = sheetNameOf(basename(path, extname(path)));
      const rows = sheet ? await log.sheet(sheet, () => readCsvSheet(path, sheet, name)) : undefined;
      raw = sheet && rows ? { [sheet]: rows } : {};
    } else raw = await readXlsx(await readFile(path), name, log);
    return { raw, errors: log.errors, unread: log.unread };
  } catch (error) {
    let errors: ImportError[];
    if (error instanceof WorkbookReadError) errors = error.errors;
    else if ((error as NodeJS.ErrnoException).code === 'ENOENT') errors = located(name, `There is no file or folder called ${name}`);
    // Whatever a library says about a file it could not read is no help to the person importing it.
    else errors = located(name, `The file could not be read as an .xlsx workbook or CSV file: save it again from the spreadsheet program (Excel Workbook .xlsx, or CSV UTF-8) and import the new copy`);
    return { raw: {}, errors: [...log.errors, ...errors], unread: new Set(SHEETS) };
  }
}

const located = (sheet: string, message: string): ImportError[] => [{ sheet, row: null, column: null, value: null, message }];

/**
 * Reads a workbook as `readWorkbookSheets` does, but all or nothing: any error (of every sheet) is thrown
 * as one `WorkbookReadError`.
 */
export async function readWorkbook(path: string, options: { name?: string } = {}): Promise<RawWorkbook> {
  const read = await readWorkbookSheets(path, options);
  if (read.errors.length) throw new WorkbookReadError(read.errors);
  return read.raw;
}

/** The header must be on row 1: rows above it would be read as data and the sheet's columns lost. */
function checkHeader(sheet: string, headerEmpty: boolean, firstRowWithCells: number | null): void {
  if (!headerEmpty || firstRowWithCells === null) return;
  refuse(sheet, `Row 1 of the ${sheet} sheet is empty, but row ${firstRowWithCells} has cells: the column names must be on row 1. Delete the empty rows above the column names`, { row: 1 });
}

function checkRowCount(sheet: string, rows: number, row: number): void {
  if (rows > MAX_ROWS_PER_SHEET) {
    refuse(sheet, `The ${sheet} sheet has more than ${MAX_ROWS_PER_SHEET.toLocaleString('en-GB')} rows, more than the importer takes: split it into smaller workbooks`, { row });
  }
}

// ---------------------------------------------------------------------------------------------
// CSV

async function readCsvFolder(dir: string, log: ReadLog): Promise<RawWorkbook> {
  const out: RawWorkbook = {};
  const seen = new Set<SheetName>();
  const files = (await readdir(dir)).sort();
  for (const file of files) {
    if (extname(file).toLowerCase() !== '.csv') continue;
    const sheet = sheetNameOf(basename(file, extname(file)));
    if (!sheet || seen.has(sheet)) continue;
    seen.add(sheet);
    const rows = await log.sheet(sheet, () => readCsvSheet(join(dir, file), sheet, file));
    if (rows) out[sheet] = rows;
  }
  return out;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The line (1-based) of byte `offset`. */
function lineAt(bytes: Buffer, offset: number): number {
  let line = 1;
  for (let i = bytes.indexOf(10); i !== -1 && i < offset; i = bytes.indexOf(10, i + 1)) line++;
  return line;
}

/** A CSV file's text: refused when it is not text (NUL bytes) or not UTF-8, naming the file and line. */
function csvText(bytes: Buffer, sheet: string, file: string): string {
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    refuse(sheet, `${file} is not a text file (it has a NUL byte on line ${lineAt(bytes, nul)}): save the sheet as CSV UTF-8 and import it again`, { row: lineAt(bytes, nul) });
  }
  try {
    return utf8.decode(bytes);
  } catch {
    // Find the first byte that does not decode, for the line number.
    let lo = 0;
    let hi = bytes.length;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      try {
        utf8.decode(bytes.subarray(0, mid), { stream: true });
        utf8.decode();
        lo = mid;
      } catch {
        hi = mid;
      }
    }
    const line = lineAt(bytes, lo);
    return refuse(sheet, `${file} is not UTF-8 text (line ${line} has bytes that are not UTF-8): save the sheet as CSV UTF-8 and import it again`, { row: line });
  }
}

async function readCsvSheet(path: string, sheet: string, file: string): Promise<SheetRow[]> {
  const content = csvText(await readFile(path), sheet, file);
  // Loaded here, not at the top: most programs that import this file never read a CSV file.
  const { parse } = await import('csv-parse/sync');
  let records: string[][];
  try {
    records = parse(content, {
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    }) as string[][];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return refuse(sheet, `${file} is not a well-formed CSV file${line ? ` (near line ${line}: a quoted cell is not closed)` : ''}`, { row: line ?? null });
  }
  const header = records[0];
  if (!header) return [];
  const blank = (record: string[]) => record.every((cell) => (cell ?? '').trim() === '');
  const firstWithCells = records.findIndex((record, i) => i > 0 && !blank(record));
  checkHeader(sheet, blank(header), firstWithCells === -1 ? null : firstWithCells + 1);
  checkRowCount(sheet, records.length - 1, records.length);
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

/** The parts every sheet is read through: damage to one of them leaves no sheet readable. */
const SHARED_PARTS = ['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml', 'xl/styles.xml'];

/** A zip's parts, checked (CRC, sizes, no DTD); damaged ones are logged, and thrown when every sheet needs them. */
function checkedParts(bytes: Buffer, file: string, log: ReadLog): { parts: Map<string, ZipPart>; damaged: Set<string> } {
  const { parts, damaged } = openZip(bytes, file);
  for (const part of parts.values()) {
    if (/\.(xml|rels)$/i.test(part.name) && (part.bytes.includes('<!DOCTYPE') || part.bytes.includes('<!ENTITY'))) {
      damaged.set(part.name, located(file, `Part ${part.name} declares a document type or entities, which workbooks never need: the file is refused`)[0]!);
      parts.delete(part.name);
    }
  }
  if (SHARED_PARTS.some((name) => damaged.has(name))) throw new WorkbookReadError([...damaged.values()]);
  log.errors.push(...damaged.values());
  return { parts, damaged: new Set(damaged.keys()) };
}

async function readXlsx(bytes: Buffer, file: string, log: ReadLog): Promise<RawWorkbook> {
  // Every part is checked (CRC, sizes, no DTD) before either reader sees the file.
  const { parts, damaged } = checkedParts(bytes, file, log);
  // `readXlsxCells` is 2–3× faster than exceljs's whole-workbook reader and gives the same text. It
  // declines (null) the few files whose layout it does not model; what it refuses stays refused, and
  // any other error it meets is left for the whole-workbook reader — which reads only whole files.
  const quick = await readPartsCells(parts, file, damaged, log).catch((error: unknown) => {
    if (error instanceof WorkbookReadError || log.errors.length) throw error;
    return null;
  });
  return quick ?? wholeFromBytes(bytes, log);
}

/** The whole-workbook reader: exceljs's in-memory model. The reference for what a cell's text is. */
export async function readXlsxWhole(file: string): Promise<RawWorkbook> {
  const log = new ReadLog();
  const raw = await wholeFromBytes(await readFile(file), log);
  if (log.errors.length) throw new WorkbookReadError(log.errors);
  return raw;
}

async function wholeFromBytes(bytes: Buffer, log: ReadLog): Promise<RawWorkbook> {
  // exceljs is loaded on first use (it takes longer to load than most commands take to run).
  const { default: excel } = await import('exceljs');
  const workbook = new excel.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const out: RawWorkbook = {};
  const seen = new Set<SheetName>();
  workbook.eachSheet((worksheet) => {
    const sheet = sheetNameOf(worksheet.name);
    if (!sheet || seen.has(sheet)) return;
    seen.add(sheet);
    try {
      out[sheet] = readWorksheet(worksheet);
    } catch (error) {
      log.refused(error, sheet);
    }
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// XLSX, cells read directly
//
// The quick reader, which reads nearly every file: the steps of exceljs's whole-workbook reader
// (lib/xlsx/xlsx.js `load`), done here through public, maintained APIs only — the zip by zip.ts (which
// also checks every part's CRC and sizes); workbook.xml, its relationships, the shared text and the
// styles by xlsxParts.ts with saxes; then only the template's worksheets, parsed here with saxes straight
// into the value exceljs would give each cell (strings, numbers, dates by number format in the 1900 or
// 1904 system, booleans, errors, formulas' cached results, inline and rich text) and through the same
// `valueText` — without building exceljs's worksheet model, which is most of its time. read.test.ts
// holds it to the whole reader's text cell for cell (docs/decisions/0011-xlsx-reader.md).
// No file inside exceljs is reached into (eslint.config.js refuses it): an exceljs update can change
// only the whole reader. Not exceljs's streaming WorkbookReader either: it intermittently loses
// workbook.xml when that is the zip's last entry, as exceljs writes it (exceljs#3064), and its cells
// differ from the whole reader's in places (formula results that are booleans, errors or dates; inline
// rich text; `_x000D_` escapes).
// Files this does not model are declined and read whole: merged cells (exceljs copies the first cell's
// value into the others), rows without numbers or out of order, cells without references. Rich text runs
// outside an inline string, which no spreadsheet program writes, are refused.

/** The workbook-wide parts every sheet is read with. */
interface SheetContext {
  /** The shared text, each item as a cell shows it (null: the workbook has no xl/sharedStrings.xml). */
  sharedStrings: string[] | null;
  /** Each style's number format, by style id (null: no xl/styles.xml). */
  formats: (string | undefined)[] | null;
  date1904: boolean;
}

/** The template's sheets as `readXlsxWhole` reads them, or null when this file is better read whole. */
export async function readXlsxCells(file: string): Promise<RawWorkbook | null> {
  const log = new ReadLog();
  const { parts, damaged } = checkedParts(await readFile(file), basename(file), log);
  const raw = await readPartsCells(parts, basename(file), damaged, log);
  if (log.errors.length) throw new WorkbookReadError(log.errors);
  return raw;
}

/** A part's XML text; refused when it is not UTF-8 (never silently replaced). */
function partText(part: ZipPart, file: string): string {
  try {
    return utf8.decode(part.bytes);
  } catch {
    return refuse(file, `Part ${part.name} of the workbook is not UTF-8 text: the workbook is damaged. Save it again from the spreadsheet program and import the new copy`);
  }
}

/** The sheet row an XML error is in: the last `<row r="…">` before its line and column. */
function rowOfError(xml: string, error: XmlSyntaxError): number | null {
  if (error.line === null || error.column === null) return null;
  let offset = 0;
  for (let line = 1; line < error.line && offset !== -1; line++) offset = xml.indexOf('\n', offset) + 1 || -1;
  if (offset === -1) return null;
  const at = xml.lastIndexOf('<row ', offset + error.column);
  const r = at === -1 ? null : /^<row\b[^>]*?\br="(\d+)"/.exec(xml.slice(at, at + 200));
  return r ? Number(r[1]) : null;
}

/** Whether XML text ends by closing the element it opened first (a cut-off part does not). */
function xmlComplete(xml: string): boolean {
  // The first element after the declaration and any comments (looked for in the first few kB only).
  const root = /<([A-Za-z_][\w.:-]*)[^>]*?(\/?)>/.exec(xml.slice(0, 4096).replace(/<\?[^]*?\?>|<!--[^]*?-->/g, ''));
  if (!root) return false;
  if (root[2] === '/') return true;
  let end = xml.length;
  while (end > 0 && xml.charCodeAt(end - 1) <= 32) end--;
  const close = `</${root[1]}>`;
  return xml.startsWith(close, end - close.length);
}

/**
 * The template's sheets read straight from their parts. A sheet that is refused, or whose part is damaged
 * (`damagedParts`, already logged), is logged and left out; the others are read. Null when some sheet is
 * better read whole and nothing was refused (with a refusal, such a sheet is reported as not read).
 */
async function readPartsCells(parts: Map<string, ZipPart>, file: string, damagedParts: Set<string>, log: ReadLog): Promise<RawWorkbook | null> {
  const damaged = (name: string, what: string): never => refuse(file, `Part ${name} of the workbook is damaged: ${what}. Save the workbook again from the spreadsheet program and import the new copy`);
  /** A workbook-wide part read by `read`; null when the file has no such part. */
  const readPart = <T>(name: string, read: (xml: string) => T): T | null => {
    const part = parts.get(name);
    if (!part) return null;
    const xml = partText(part, file);
    if (!xmlComplete(xml)) damaged(name, 'its XML is cut short');
    try {
      return read(xml);
    } catch (error) {
      if (error instanceof XmlSyntaxError) return damaged(name, `its XML is not well-formed${error.where}`);
      throw error;
    }
  };
  const workbook = readPart('xl/workbook.xml', readWorkbookXml);
  if (!workbook) return refuse(file, 'The file is not an Excel workbook: it has no part xl/workbook.xml (the list of its sheets). Save it again from the spreadsheet program as an Excel Workbook (.xlsx)');
  if (!workbook.sheets.length) damaged('xl/workbook.xml', 'it lists no sheets');
  const rels = readPart('xl/_rels/workbook.xml.rels', readRelationships) ?? new Map<string, string>();
  const context: SheetContext = {
    sharedStrings: readPart('xl/sharedStrings.xml', readSharedStrings),
    formats: readPart('xl/styles.xml', readCellFormats),
    date1904: workbook.date1904,
  };
  // Worksheets in workbook order, matched to their files as exceljs does (workbook-xform.js `reconcile`).
  const out: RawWorkbook = {};
  const seen = new Set<SheetName>();
  const declined: SheetName[] = [];
  for (const sheet of workbook.sheets) {
    const name = sheetNameOf(sheet.name);
    await log.sheet(name, async () => {
      const target = sheet.rId === undefined ? undefined : rels.get(sheet.rId);
      if (target === undefined) {
        if (name) damaged('xl/_rels/workbook.xml.rels', `it does not say which part holds the sheet "${sheet.name}"`);
        return;
      }
      const path = `xl/${target.replace(/^(\s|\/xl\/)+/, '')}`;
      if (damagedParts.has(path)) {
        if (name) log.unread.add(name);
        return;
      }
      const entry = parts.get(path);
      if (!entry) refuse(name ?? sheet.name, `The sheet "${sheet.name}" is listed in xl/workbook.xml, but its part ${path} is missing from the file: the workbook is damaged`);
      if (!/xl\/worksheets\/sheet(\d+)[.]xml/.test(path)) return;
      if (!name || seen.has(name)) return;
      seen.add(name);
      const rows = readSheetXml(partText(entry, file), context, { sheet: name, part: path });
      if (rows) out[name] = rows;
      else declined.push(name);
    });
  }
  if (declined.length === 0) return out;
  if (log.errors.length === 0) return null;
  // The whole-workbook reader reads only a workbook without damage: these sheets wait for the repair.
  for (const name of declined) {
    log.errors.push(...located(name, `The ${name} sheet was not read: it has merged cells or rows out of order, which are read only from a workbook without damage, and this one has the damage listed. Repair it and import the file again to have this sheet checked`));
    log.unread.add(name);
  }
  return out;
}

/** `3` → `C`. */
function columnLetter(col: number): string {
  let out = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
  return out;
}

/** `C12` → 3; 0 when the reference is missing or malformed. */
function columnOf(ref: string | undefined): number {
  if (!ref) return 0;
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    col = col * 26 + (c - 64);
  }
  return i > 0 && i < ref.length ? col : 0;
}

interface CellState {
  col: number;
  t: string | undefined;
  styleId: number;
  formula: string | undefined;
  shareType: string | undefined;
  value: string | undefined;
  /** Rich text runs' texts (`<r>`), when the cell has any. */
  runs: string[] | null;
}

/** Thrown by a sheet's XML handlers to stop reading a sheet that is better read whole. */
const DECLINE = Symbol('read this sheet whole');

/** Returned by a fast read of a sheet that met something outside sheetScan.ts's subset: read it with saxes. */
const FALLBACK = Symbol('read this sheet with saxes');

/** One worksheet's rows as `readWorksheet` gives them, or null when the sheet is better read whole. */
function readSheetXml(xml: string, context: SheetContext, where: { sheet: SheetName; part: string }): SheetRow[] | null {
  if (!xmlComplete(xml)) {
    const last = [...xml.matchAll(/<row\b[^>]*\br="(\d+)"/g)].at(-1)?.[1];
    refuse(where.sheet, `The ${where.sheet} sheet is cut short${last ? ` after row ${last}` : ''} (its part ${where.part} ends early): the workbook is damaged. Save it again from the spreadsheet program and import the new copy`, { row: last ? Number(last) : null });
  }
  // The rows scanned by hand (sheetScan.ts) when they are written as spreadsheet programs write them,
  // the rest of the part by saxes; at anything else, the whole part again by saxes alone.
  const fast = readSheetXmlWith(xml, context, where, true);
  return fast === FALLBACK ? (readSheetXmlWith(xml, context, where, false) as SheetRow[] | null) : fast;
}

function readSheetXmlWith(xml: string, context: SheetContext, where: { sheet: SheetName; part: string }, fast: boolean): SheetRow[] | null | typeof FALLBACK {
  const { sharedStrings, formats, date1904 } = context;
  // Style 0 (a cell without `s`) gives no number format, as in exceljs (cell-xform.js `reconcile`).
  const numFmtOf = (styleId: number): string | undefined => (styleId && formats ? formats[styleId] : undefined);
  const columnName = (col: number) => nameAt[col] ?? columnLetter(col);
  const sharedString = (index: number, col: number): string => {
    const s = sharedStrings?.[index];
    if (s === undefined) {
      refuse(where.sheet, `The cell refers to text number ${index} of the workbook's shared text (xl/sharedStrings.xml), which is not there: the workbook is damaged`, { row: rowNumber, column: columnName(col) });
    }
    return s;
  };
  /** A formula's cached result or a number, as a date when its format is a date's (exceljs `excelToDate`, which coerces). */
  const maybeDate = (value: unknown, numFmt: string | undefined): unknown => (isDateFormat(numFmt) ? excelSerialToDate(Number(value), date1904) : value);

  let columns: [number, string][] | null = null;
  let nameAt: (string | undefined)[] = [];
  const rows: SheetRow[] = [];
  let inSheetData = false;
  let rowNumber = 0;
  let lastRow = 0;
  let texts: (string | undefined)[] = [];
  let cell: CellState | null = null;
  let current: 'f' | 'v' | 't' | null = null;
  let inRun = false;
  let runText: string[] | null = null;
  let merged = false;
  let headerEmpty = true;
  let firstBelowEmptyHeader: number | null = null;
  let rowCount = 0;
  const seenRows = new Set<number>();

  const endRow = () => {
    if (rowNumber === 1) {
      columns = headerColumns(Array.from(texts, (h) => h ?? ''));
      nameAt = [];
      for (const [index, name] of columns) nameAt[index] = name;
      headerEmpty = columns.length === 0;
      return;
    }
    if (headerEmpty && firstBelowEmptyHeader === null && texts.some((t) => t !== undefined && t.trim() !== '')) firstBelowEmptyHeader = rowNumber;
    columns ??= [];
    const cells: Record<string, string> = {};
    for (const [, name] of columns) cells[name] = '';
    let empty = true;
    texts.forEach((raw, col) => {
      const name = nameAt[col];
      if (name === undefined || raw === undefined) return;
      const text = raw.trim();
      if (text === '') return;
      empty = false;
      cells[name] = text;
    });
    if (!empty) rows.push({ row: rowNumber, cells });
  };

  /** The cell's value as exceljs's cell-xform.js gives it (`parseClose` and `reconcile`), then its text. */
  const endCell = (c: CellState) => {
    const numFmt = numFmtOf(c.styleId);
    let value: unknown;
    // Runs of rich text belong in an inline string (`<is>`); anywhere else no spreadsheet program writes
    // them, and exceljs reads them as nonsense or fails.
    if (c.runs && (c.formula || c.shareType || c.t !== 'inlineStr')) {
      refuse(where.sheet, `The cell has formatted text (rich text runs) ${c.formula || c.shareType ? 'in a formula cell' : 'outside an inline text cell'}, where spreadsheet programs never write it: the workbook is damaged. Save it again from the spreadsheet program and import the new copy`, { row: rowNumber, column: columnName(c.col) });
    }
    if (c.formula || c.shareType) {
      let result: unknown;
      if (c.value) {
        if (c.t === 'str') result = xmlDecodeAgain(c.value);
        else if (c.t === 'b') result = parseInt(c.value, 10) !== 0;
        else if (c.t === 'e') result = { error: c.value };
        else result = parseFloat(c.value);
      }
      value = { formula: c.formula, result: result === undefined ? undefined : maybeDate(result, numFmt) };
    } else if (c.runs) {
      value = { richText: c.runs.map((text) => ({ text })) };
    } else if (c.value !== undefined) {
      switch (c.t) {
        case 's':
          value = sharedString(parseInt(c.value, 10), c.col);
          break;
        case 'str':
          value = xmlDecodeAgain(c.value);
          break;
        case 'inlineStr':
          value = c.value;
          break;
        case 'b':
          value = parseInt(c.value, 10) !== 0;
          break;
        case 'e':
          value = { error: c.value };
          break;
        default:
          value = maybeDate(parseFloat(c.value), numFmt);
      }
    } else {
      return;
    }
    texts[c.col] = typeof value === 'string' ? value : valueText(value, numFmt);
  };

  const handlers: XmlHandlers = {
    text(text) {
      if (!cell) return;
      if (inRun) {
        if (runText) runText.push(text);
      } else if (current === 'f') cell.formula = cell.formula ? cell.formula + text : text;
      else if (current === 'v' || current === 't') {
        // After a rich text run, exceljs drops plain text.
        if (!cell.runs) cell.value = cell.value ? cell.value + text : text;
      }
    },
    open(node) {
      if (cell) {
        if (inRun) {
          if (node.name === 't') runText = [];
          return;
        }
        switch (node.name) {
          case 'f':
            current = 'f';
            cell.shareType = node.attributes.t;
            break;
          case 'v':
            current = 'v';
            break;
          case 't':
            current = 't';
            break;
          case 'r':
            inRun = true;
            runText = null;
            break;
        }
        return;
      }
      switch (node.name) {
        case 'sheetData':
          inSheetData = true;
          break;
        case 'row':
          if (inSheetData) {
            rowNumber = parseInt(node.attributes.r ?? '', 10);
            if (seenRows.has(rowNumber)) {
              refuse(where.sheet, `Row ${rowNumber} appears twice in the ${where.sheet} sheet (part ${where.part}): the workbook is damaged`, { row: rowNumber });
            }
            seenRows.add(rowNumber);
            checkRowCount(where.sheet, ++rowCount, rowNumber);
            if (!(rowNumber > lastRow)) throw DECLINE;
            lastRow = rowNumber;
            texts = [];
          }
          break;
        case 'c':
          if (inSheetData && rowNumber) {
            const col = columnOf(node.attributes.r);
            if (!col) throw DECLINE;
            cell = { col, t: node.attributes.t, styleId: parseInt(node.attributes.s ?? '', 10) || 0, formula: undefined, shareType: undefined, value: undefined, runs: null };
            current = null;
          }
          break;
        case 'mergeCell':
          merged = true;
          break;
      }
    },
    close(node) {
      if (cell) {
        if (inRun) {
          if (node.name === 'r') {
            (cell.runs ??= []).push(runText ? decodeEscapes(runText.join('')) : '');
            inRun = false;
            runText = null;
          }
          return;
        }
        if (node.name === 'c') {
          endCell(cell);
          cell = null;
        } else if (node.name === 'f' || node.name === 'v' || node.name === 'is' || node.name === 't') current = null;
        return;
      }
      if (node.name === 'row' && inSheetData && rowNumber) {
        endRow();
        rowNumber = 0;
      } else if (node.name === 'sheetData') inSheetData = false;
    },
  };

  try {
    if (fast) {
      // The one `<sheetData>` tag (no other spelling of it anywhere before) and the first `</sheetData>` after it.
      const from = xml.indexOf('<sheetData>');
      const to = from === -1 ? -1 : xml.indexOf('</sheetData>', from);
      if (from === -1 || to === -1 || xml.indexOf('<sheetData') !== from) return FALLBACK;
      // saxes must have just opened sheetData at `from` (not read the tag inside a comment, CDATA, …).
      let last: SaxesTagPlain | null = null;
      const tracked: XmlHandlers = {
        open(node) {
          last = node;
          handlers.open(node);
        },
        close(node) {
          last = null;
          handlers.close(node);
        },
        text(text) {
          last = null;
          handlers.text!(text);
        },
      };
      const read = parseXmlAround(xml, from + '<sheetData>'.length, to, tracked, () => {
        const open = last as SaxesTagPlain | null;
        return open !== null && open.name === 'sheetData' && !open.isSelfClosing && inSheetData && scanSheetData(xml, from + '<sheetData>'.length, to, handlers);
      });
      if (!read) return FALLBACK;
    } else parseXml(xml, handlers);
  } catch (error) {
    if (error === DECLINE) return null;
    if (!(error instanceof XmlSyntaxError)) throw error;
    if (fast) return FALLBACK;
    const row = rowOfError(xml, error) ?? (rowNumber || lastRow || null);
    refuse(where.sheet, `The ${where.sheet} sheet is damaged: its XML (${where.part}) is not well-formed${error.where}${row ? `, at row ${row}` : ''}`, { row });
  }
  if (merged) return null;
  checkHeader(where.sheet, headerEmpty, firstBelowEmptyHeader);
  return rows;
}

function readWorksheet(worksheet: ExcelJS.Worksheet): SheetRow[] {
  const headerRow = worksheet.getRow(1);
  const header: string[] = [];
  headerRow.eachCell((cell, col) => {
    header[col] = cellText(cell);
  });
  const columns = headerColumns(Array.from(header, (h) => h ?? ''));
  const sheet = sheetNameOf(worksheet.name) ?? worksheet.name;
  checkRowCount(sheet, worksheet.rowCount - 1, worksheet.rowCount);
  // Column number → name, for the cells a row actually has (no cells are created for gaps).
  const nameAt: (string | undefined)[] = [];
  for (const [index, name] of columns) nameAt[index] = name;
  const rows: SheetRow[] = [];
  worksheet.eachRow((row, rowNumber) => {
    if (rowNumber === 1) return;
    if (columns.length === 0 && row.hasValues) checkHeader(sheet, true, rowNumber);
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
