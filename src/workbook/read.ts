/**
 * Reads an import workbook (docs/import-template.md) into raw text cells: an `.xlsx` file, or a
 * folder of `<sheet>.csv` files (a single `<sheet>.csv` file is read as that one sheet).
 * No interpretation beyond turning each cell into the text a person sees; `validateWorkbook` does the rest.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
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
  // `readXlsxCells` is 2–3× faster than exceljs's whole-workbook reader and gives the same text. It
  // declines (null) the few files whose layout it does not model, and any error it meets is left for
  // the whole-workbook reader to report in its own words.
  const quick = await readXlsxCells(file).catch(() => null);
  return quick ?? readXlsxWhole(file);
}

/** The whole-workbook reader: exceljs's in-memory model. The reference for what a cell's text is. */
export async function readXlsxWhole(file: string): Promise<RawWorkbook> {
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

// ---------------------------------------------------------------------------------------------
// XLSX, cells read directly
//
// The same steps as exceljs's whole-workbook reader (lib/xlsx/xlsx.js `load`): the zip through JSZip,
// workbook.xml, its relationships, shared strings and styles through exceljs's own parsers. Only the
// template's worksheets are then parsed, here, from the same SAX events, straight into the value
// exceljs would give each cell (lib/xlsx/xform/sheet/cell-xform.js: strings, numbers, dates by number
// format, booleans, errors, formulas' cached results, inline and rich text) and through the same
// `valueText` — without building exceljs's worksheet model, which is most of its time.
// Not exceljs's streaming WorkbookReader: it intermittently loses workbook.xml when that is the zip's
// last entry, as exceljs writes it (exceljs#3064), and its cells differ from the whole reader's in
// places (formula results that are booleans, errors or dates; inline rich text; `_x000D_` escapes).
// Files this does not model are declined and read whole: merged cells (exceljs copies the first
// cell's value into the others), rows without numbers or out of order, cells without references.

interface SaxNode {
  name: string;
  attributes: Record<string, string>;
}
type SaxEvent = { eventType: 'opentag'; value: SaxNode } | { eventType: 'text'; value: string } | { eventType: 'closetag'; value: SaxNode };
type SharedString = string | { richText: { text?: string | null }[] };
interface ZipEntry {
  name: string;
  dir: boolean;
  async(type: 'string'): Promise<string>;
}
interface Xform<M> {
  parseStream(chunks: AsyncIterable<string>): Promise<M>;
}

/**
 * exceljs's internal parsers and its own copy of JSZip (untyped; exceljs 4.4), loaded on first use so
 * that an exceljs without them only sends every file to the whole-workbook reader.
 */
function exceljsInternals() {
  const fromExceljs = createRequire(createRequire(import.meta.url).resolve('exceljs'));
  return {
    JSZip: fromExceljs('jszip') as { loadAsync(data: Buffer): Promise<{ files: Record<string, ZipEntry> }> },
    WorkbookXform: fromExceljs('./lib/xlsx/xform/book/workbook-xform.js') as new () => Xform<{
      sheets?: { id: number; name: string; rId: string }[];
      properties?: { date1904?: boolean };
    }>,
    RelationshipsXform: fromExceljs('./lib/xlsx/xform/core/relationships-xform.js') as new () => Xform<{ Id: string; Target: string }[]>,
    SharedStringsXform: fromExceljs('./lib/xlsx/xform/strings/shared-strings-xform.js') as new () => Xform<unknown> & {
      getString(index: number): SharedString | undefined;
    },
    StylesXform: fromExceljs('./lib/xlsx/xform/style/styles-xform.js') as new () => Xform<unknown> & {
      getStyleModel(id: number): { numFmt?: string } | null;
    },
    parseSax: fromExceljs('./lib/utils/parse-sax.js') as (chunks: AsyncIterable<string>) => AsyncIterable<SaxEvent[]>,
    utils: fromExceljs('./lib/utils/utils.js') as {
      isDateFmt(numFmt: string | undefined): boolean;
      excelToDate(value: unknown, date1904: boolean | undefined): Date;
      xmlDecode(text: string): string;
    },
  };
}
let internals: ReturnType<typeof exceljsInternals> | null = null;

/** `_x000D_` → CR, as exceljs decodes the text of rich text runs (text-xform.js). */
const decodeEscapes = (text: string): string =>
  text.includes('_x') ? text.replace(/_x([0-9A-F]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;

async function* chunksOf(text: string): AsyncIterable<string> {
  for (let i = 0; i < text.length; i += 65_536) yield text.substring(i, i + 65_536);
}

interface SheetContext {
  sharedStrings: { getString(index: number): SharedString | undefined } | null;
  styles: { getStyleModel(id: number): { numFmt?: string } | null } | null;
  date1904: boolean | undefined;
}

/** The template's sheets as `readXlsxWhole` reads them, or null when this file is better read whole. */
export async function readXlsxCells(file: string): Promise<RawWorkbook | null> {
  internals ??= exceljsInternals();
  const { JSZip, WorkbookXform, RelationshipsXform, SharedStringsXform, StylesXform } = internals;
  const zip = await JSZip.loadAsync(await readFile(file));
  const entries = new Map<string, ZipEntry>();
  for (const entry of Object.values(zip.files)) {
    if (!entry.dir) entries.set(entry.name.startsWith('/') ? entry.name.slice(1) : entry.name, entry);
  }
  const parsePart = async <X extends Xform<unknown>>(name: string, xform: X): Promise<{ xform: X; model: Awaited<ReturnType<X['parseStream']>> } | null> => {
    const entry = entries.get(name);
    if (!entry) return null;
    const model = (await xform.parseStream(chunksOf(await entry.async('string')))) as Awaited<ReturnType<X['parseStream']>>;
    return { xform, model };
  };
  const workbook = (await parsePart('xl/workbook.xml', new WorkbookXform()))?.model;
  const rels = new Map(((await parsePart('xl/_rels/workbook.xml.rels', new RelationshipsXform()))?.model ?? []).map((r) => [r.Id, r]));
  const context: SheetContext = {
    sharedStrings: (await parsePart('xl/sharedStrings.xml', new SharedStringsXform()))?.xform ?? null,
    styles: (await parsePart('xl/styles.xml', new StylesXform()))?.xform ?? null,
    date1904: workbook?.properties?.date1904,
  };
  // Worksheets in workbook order, matched to their files as exceljs does (workbook-xform.js `reconcile`).
  const out: RawWorkbook = {};
  for (const sheet of workbook?.sheets ?? []) {
    const rel = rels.get(sheet.rId);
    if (!rel) continue;
    const path = `xl/${rel.Target.replace(/^(\s|\/xl\/)+/, '')}`;
    const entry = entries.get(path);
    if (!entry || !/xl\/worksheets\/sheet(\d+)[.]xml/.test(path)) continue;
    const name = sheetNameOf(sheet.name);
    if (!name || out[name]) continue;
    const rows = await readSheetXml(await entry.async('string'), context);
    if (!rows) return null;
    out[name] = rows;
  }
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
  runs: string[] | null;
}

/** One worksheet's rows as `readWorksheet` gives them, or null when the sheet has merged cells or odd rows. */
async function readSheetXml(xml: string, context: SheetContext): Promise<SheetRow[] | null> {
  const { sharedStrings, styles, date1904 } = context;
  const { parseSax, utils: excelUtils } = internals!;
  const numFmts = new Map<number, string | undefined>();
  const numFmtOf = (styleId: number): string | undefined => {
    if (!styleId || !styles) return undefined;
    if (!numFmts.has(styleId)) numFmts.set(styleId, styles.getStyleModel(styleId)?.numFmt);
    return numFmts.get(styleId);
  };
  const sharedString = (index: number): SharedString => {
    const s = sharedStrings?.getString(index);
    // Without the string, exceljs's whole reader fails or gives the index: leave it to that reader.
    if (s === undefined || s === null) throw new Error(`No shared string ${index}`);
    return s;
  };

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

  const endRow = () => {
    if (rowNumber === 1) {
      columns = headerColumns(Array.from(texts, (h) => h ?? ''));
      nameAt = [];
      for (const [index, name] of columns) nameAt[index] = name;
      return;
    }
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

  const endCell = (c: CellState) => {
    const numFmt = numFmtOf(c.styleId);
    let value: unknown;
    if ((c.formula || c.shareType) && c.runs) throw new Error('Rich text in a formula cell');
    if (c.formula || c.shareType) {
      let result: unknown;
      if (c.value) {
        if (c.t === 'str') result = excelUtils.xmlDecode(c.value);
        else if (c.t === 'b') result = parseInt(c.value, 10) !== 0;
        else if (c.t === 'e') result = { error: c.value };
        else result = parseFloat(c.value);
      }
      if (result !== undefined && numFmt && excelUtils.isDateFmt(numFmt)) result = excelUtils.excelToDate(result, date1904);
      value = { formula: c.formula, result };
    } else if (c.runs) {
      // Rich text runs outside an inline string are not something exceljs reads sensibly: read whole.
      if (c.t !== 'inlineStr') throw new Error('Rich text in a cell that is not an inline string');
      value = { richText: c.runs.map((text) => ({ text })) };
    } else if (c.value !== undefined) {
      switch (c.t) {
        case 's':
          value = sharedString(parseInt(c.value, 10));
          break;
        case 'str':
          value = excelUtils.xmlDecode(c.value);
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
        default: {
          const n = parseFloat(c.value);
          value = numFmt && excelUtils.isDateFmt(numFmt) ? excelUtils.excelToDate(n, date1904) : n;
        }
      }
    } else {
      return;
    }
    texts[c.col] = value === null || value === undefined ? '' : typeof value === 'string' ? value : valueText(value, numFmt);
  };

  for await (const events of parseSax(chunksOf(xml))) {
    for (const event of events) {
      if (event.eventType === 'text') {
        if (!cell) continue;
        if (inRun) {
          if (runText) runText.push(event.value);
        } else if (current === 'f') cell.formula = cell.formula ? cell.formula + event.value : event.value;
        else if (current === 'v' || current === 't') {
          // After a rich text run, exceljs drops plain text.
          if (!cell.runs) cell.value = cell.value ? cell.value + event.value : event.value;
        }
        continue;
      }
      const node = event.value;
      if (event.eventType === 'opentag') {
        if (cell) {
          if (inRun) {
            if (node.name === 't') runText = [];
            continue;
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
          continue;
        }
        switch (node.name) {
          case 'sheetData':
            inSheetData = true;
            break;
          case 'row':
            if (inSheetData) {
              rowNumber = parseInt(node.attributes.r ?? '', 10);
              if (!(rowNumber > lastRow)) return null;
              lastRow = rowNumber;
              texts = [];
            }
            break;
          case 'c':
            if (inSheetData && rowNumber) {
              const col = columnOf(node.attributes.r);
              if (!col) return null;
              cell = { col, t: node.attributes.t, styleId: parseInt(node.attributes.s ?? '', 10) || 0, formula: undefined, shareType: undefined, value: undefined, runs: null };
              current = null;
            }
            break;
          case 'mergeCell':
            merged = true;
            break;
        }
      } else {
        if (cell) {
          if (inRun) {
            if (node.name === 'r') {
              (cell.runs ??= []).push(runText ? decodeEscapes(runText.join('')) : '');
              inRun = false;
              runText = null;
            }
            continue;
          }
          if (node.name === 'c') {
            endCell(cell);
            cell = null;
          } else if (node.name === 'f' || node.name === 'v' || node.name === 'is' || node.name === 't') current = null;
          continue;
        }
        if (node.name === 'row' && inSheetData && rowNumber) {
          endRow();
          rowNumber = 0;
        } else if (node.name === 'sheetData') inSheetData = false;
      }
    }
  }
  return merged ? null : rows;
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
