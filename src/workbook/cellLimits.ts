/**
 * Limits every cell of an import is held to, before any sheet is validated (docs/import-template.md,
 * "Limits"; the numbers are src/domain/limits.ts): text no longer than the web forms take, no control
 * characters (refused, not stripped: a person cannot see them to know what was removed), numbers
 * within ±MAX_NUMBER that do not overflow or underflow, and at most MAX_ROWS_PER_SHEET rows.
 */
import { MAX_LONG_TEXT, MAX_NUMBER, MAX_ROWS_PER_SHEET, MAX_TITLE } from '../domain/limits.ts';
import type { ImportError, RawWorkbook } from './model.ts';
import { PANELS, PANEL_SHEETS } from './panelSpecs.ts';

/** Columns whose cells are numbers (possibly with a unit, a rating or a note), by sheet. */
const NUMERIC: Partial<Record<string, ReadonlySet<string>>> = {
  settings: new Set(['green_from', 'green_amber_from', 'red_amber_from', 'red_from', 'high_risk_from']),
  indicators: new Set(['tolerance']),
  targets: new Set(['target']),
  results: new Set(['value', 'benchmark', 'numerator', 'denominator']),
  ...Object.fromEntries(PANEL_SHEETS.map((sheet) => [sheet, new Set(PANELS[sheet].fields.filter((f) => ['money', 'number', 'count', 'score', 'riskScore'].includes(f.kind)).map((f) => f.name))])),
};

const MAX_LENGTH: Record<string, number> = { title: MAX_TITLE };

// C0 controls other than tab, line feed and carriage return; DEL and C1 controls; non-characters; lone surrogates.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// A quick first test (any surrogate counts), so that the exact one runs only on the few cells that need it.
// eslint-disable-next-line no-control-regex -- as above
const MAYBE_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uD800-\uDFFF\uFFFE\uFFFF]/;
/** Every number written in a cell: `1,939`, `85.5`, `1e308`, `-.5`. */
const NUMBERS = /(\d[\d,]*(?:\.\d*)?|\.\d+)(e[-+]?\d+)?/gi;

const codePoint = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
const shown = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}…` : text).replace(CONTROL, (c) => `[${codePoint(c)}]`);

/** Why a number in a cell is out of range, or null. */
export function numberProblem(text: string): string | null {
  for (const m of text.matchAll(NUMBERS)) {
    const mantissa = m[1]!.replace(/,/g, '');
    const value = Number(`${mantissa}${m[2] ?? ''}`);
    if (!Number.isFinite(value) || Math.abs(value) > MAX_NUMBER) {
      return `${m[0]} is too large: numbers must be between -${MAX_NUMBER.toLocaleString('en-GB')} and ${MAX_NUMBER.toLocaleString('en-GB')}`;
    }
    if (value === 0 && /[1-9]/.test(mantissa)) return `${m[0]} is too small to store: it would be stored as 0`;
  }
  return null;
}

/** Adds an error for every cell over a limit. */
export function checkCellLimits(raw: RawWorkbook, errors: ImportError[]): void {
  for (const [sheet, rows] of Object.entries(raw)) {
    if (!rows) continue;
    if (rows.length > MAX_ROWS_PER_SHEET) {
      errors.push({ sheet, row: null, column: null, value: null, message: `The ${sheet} sheet has ${rows.length.toLocaleString('en-GB')} rows, more than the ${MAX_ROWS_PER_SHEET.toLocaleString('en-GB')} the importer takes: split it into smaller workbooks` });
    }
    const numeric = NUMERIC[sheet];
    for (const { row, cells } of rows) {
      for (const column in cells) {
        const text = cells[column]!;
        if (text === '') continue;
        const max = MAX_LENGTH[column] ?? MAX_LONG_TEXT;
        const at = { sheet, row, column };
        if (text.length > max) {
          errors.push({ ...at, value: shown(text), message: `The ${column.replace(/_/g, ' ')} is ${text.length.toLocaleString('en-GB')} characters long: it must be ${max.toLocaleString('en-GB')} characters or fewer` });
          continue;
        }
        const control = MAYBE_CONTROL.test(text) ? CONTROL.exec(text) : null;
        if (control) {
          errors.push({ ...at, value: shown(text), message: `The cell contains a control character (${codePoint(control[0])}) that cannot be seen or printed, at character ${control.index + 1}: delete it and type the text again` });
          continue;
        }
        const problem = numeric?.has(column) ? numberProblem(text) : null;
        if (problem) errors.push({ ...at, value: shown(text), message: problem });
      }
    }
  }
}
