/**
 * Comparator values from a CSV file in the shapes LG Inform and Fingertips export (issue 13, deliver 2).
 * Pure: takes the file's records (csv-parse output) and returns every row read or every error found,
 * each located by row (the spreadsheet row: the header is row 1) and column, as the performance import.
 *
 * Columns are found by name, case and spacing ignored:
 * - area code: "Area Code" (Fingertips, LG Inform), "ONS code", "GSS code", "Code";
 * - area name: "Area Name", "Area", "Name";
 * - period: "Time period" (Fingertips), "Period";
 * - value: "Value", "Data value";
 * - optional: "Lower CI 95.0 limit" / "Lower limit", "Upper CI 95.0 limit" / "Upper limit", "Count" /
 *   "Numerator", "Denominator", "Source", "Illustrative" (yes/no), "Note" / "Value note";
 * - the indicator: a "Ref" (or "Townhall ref", "Indicator ref") column holding the council's indicator
 *   ref, or — for a file of one indicator — the ref given with the import (`--indicator CG/CR1`). A
 *   Fingertips file's "Indicator ID" must then be the same on every row.
 * Fingertips rows broken down by a category ("Category Type" not blank: deprivation deciles, …) are
 * breakdowns, not areas' values: they are counted and left out.
 */
import { parsePeriod, periodKey } from './periods.ts';

export interface LocatedError {
  sheet: string;
  row: number | null;
  column: string | null;
  value: string | null;
  message: string;
}

export interface ComparatorRow {
  row: number;
  ref: string;
  period: string;
  areaCode: string;
  areaName: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  lowerLimit: number | null;
  upperLimit: number | null;
  source: string;
  illustrative: boolean;
  note: string | null;
}

export interface ComparatorCsvOptions {
  /** The file's name, for error locations. */
  file: string;
  /** The council's indicator ref every row belongs to (a file of one indicator without a ref column). */
  indicator?: string | null;
  /** Where the values come from, when the file has no "Source" column. */
  source?: string | null;
}

export type ComparatorCsvResult = { ok: true; rows: ComparatorRow[]; skippedBreakdowns: number } | { ok: false; errors: LocatedError[] };

/** GSS codes: England (E92), regions (E12), local authorities, and the other nations' codes. */
export const GSS_CODE = /^[EWSNK]\d{8}$/;

const ALIASES: Record<string, string[]> = {
  ref: ['ref', 'townhall ref', 'indicator ref'],
  areaCode: ['area code', 'ons code', 'gss code', 'code', 'areacode'],
  areaName: ['area name', 'area', 'name', 'areaname'],
  period: ['time period', 'period'],
  value: ['value', 'data value'],
  lower: ['lower ci 95.0 limit', 'lower ci 95 limit', 'lower limit', 'lower ci'],
  upper: ['upper ci 95.0 limit', 'upper ci 95 limit', 'upper limit', 'upper ci'],
  numerator: ['count', 'numerator'],
  denominator: ['denominator'],
  source: ['source'],
  illustrative: ['illustrative'],
  note: ['note', 'value note'],
  indicatorId: ['indicator id'],
  indicatorName: ['indicator name'],
  categoryType: ['category type'],
};

const HEADER_TEXT: Record<string, string> = {
  areaCode: 'Area Code',
  areaName: 'Area Name',
  period: 'Time period',
  value: 'Value',
  ref: 'Ref',
};

const normalise = (h: string) => h.replace(/^\uFEFF/, '').trim().toLowerCase().replace(/[_\s]+/g, ' ');

/** A number as exported: "1,234.5", " 71.1 "; blank → null; anything else → NaN. */
function numberCell(text: string): number | null {
  const t = text.trim().replace(/,/g, '');
  if (t === '') return null;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) return Number.NaN;
  return Number(t);
}

export function parseComparatorCsv(records: readonly (readonly string[])[], options: ComparatorCsvOptions): ComparatorCsvResult {
  const errors: LocatedError[] = [];
  const sheet = options.file;
  const err = (row: number | null, column: string | null, value: string | null, message: string) => errors.push({ sheet, row, column, value, message });
  const header = records[0];
  if (!header || header.every((h) => (h ?? '').trim() === '')) {
    err(1, null, null, 'The file has no header row: the first row must name the columns (Area Code, Area Name, Time period, Value, …)');
    return { ok: false, errors };
  }
  const index: Record<string, number> = {};
  const headerText: Record<string, string> = {};
  header.forEach((h, i) => {
    const name = normalise(h ?? '');
    for (const [key, aliases] of Object.entries(ALIASES)) {
      if (index[key] === undefined && aliases.includes(name)) {
        index[key] = i;
        headerText[key] = (h ?? '').trim();
      }
    }
  });
  const indicator = options.indicator?.trim() || null;
  const required = ['areaCode', 'areaName', 'period', 'value'];
  for (const key of required) {
    if (index[key] === undefined) err(1, HEADER_TEXT[key]!, null, `No "${HEADER_TEXT[key]}" column: it names ${ALIASES[key]!.map((a) => `"${a}"`).join(', ')} (case and spacing ignored)`);
  }
  if (index.ref === undefined && !indicator) {
    err(1, 'Ref', null, 'Which indicator are these values of? Add a "Ref" column with the council\'s indicator ref on each row, or give the ref with the import (--indicator CG/CR1)');
  }
  if (index.ref !== undefined && indicator) {
    err(1, headerText.ref!, null, `The file has a "${headerText.ref}" column and the import names the indicator ${indicator}: give one or the other`);
  }
  if (errors.length) return { ok: false, errors };

  const cell = (record: readonly string[], key: string) => (index[key] === undefined ? '' : String(record[index[key]!] ?? '').trim());
  const rows: ComparatorRow[] = [];
  const seen = new Map<string, number>();
  const indicatorIds = new Map<string, number>();
  let skippedBreakdowns = 0;
  for (let i = 1; i < records.length; i++) {
    const record = records[i]!;
    const row = i + 1;
    if (record.every((c) => (c ?? '').trim() === '')) continue;
    if (cell(record, 'categoryType') !== '') {
      skippedBreakdowns++;
      continue;
    }
    const before = errors.length;
    const ref = indicator ?? cell(record, 'ref');
    if (ref === '') err(row, headerText.ref ?? 'Ref', null, 'No indicator ref');
    const id = cell(record, 'indicatorId');
    if (indicator && id !== '' && !indicatorIds.has(id)) {
      indicatorIds.set(id, row);
      if (indicatorIds.size === 2) {
        err(row, headerText.indicatorId!, id, `The file holds more than one indicator (Indicator ID ${[...indicatorIds.keys()].join(' and ')}): all its rows were to be ${indicator}. Add a "Ref" column, or import one indicator's file at a time`);
      }
    }
    const code = cell(record, 'areaCode').toUpperCase();
    if (!GSS_CODE.test(code)) err(row, headerText.areaCode!, cell(record, 'areaCode'), 'Not an ONS GSS code (a letter and eight digits, e.g. E09000003)');
    const name = cell(record, 'areaName');
    if (name === '') err(row, headerText.areaName!, null, 'No area name');
    const periodText = cell(record, 'period');
    const period = parsePeriod(periodText);
    if (!period) err(row, headerText.period!, periodText, 'Not a period Townhall reports: a financial year (2018/19), a quarter (Q2 2018/19) or a month (Sep 2018)');
    const numbers: Record<'value' | 'lower' | 'upper' | 'numerator' | 'denominator', number | null> = { value: null, lower: null, upper: null, numerator: null, denominator: null };
    for (const key of Object.keys(numbers) as (keyof typeof numbers)[]) {
      const text = cell(record, key);
      const n = numberCell(text);
      if (n !== null && !Number.isFinite(n)) err(row, headerText[key]!, text, 'Not a number');
      else numbers[key] = n;
    }
    if (numbers.denominator !== null && numbers.denominator <= 0) err(row, headerText.denominator!, cell(record, 'denominator'), 'A denominator must be more than 0');
    if (numbers.numerator !== null && numbers.numerator < 0) err(row, headerText.numerator!, cell(record, 'numerator'), 'A count cannot be negative');
    if (numbers.lower !== null && numbers.upper !== null && numbers.lower > numbers.upper) {
      err(row, headerText.lower!, cell(record, 'lower'), `The lower limit is above the upper limit (${cell(record, 'upper')})`);
    } else if (numbers.value !== null && ((numbers.lower !== null && numbers.lower > numbers.value) || (numbers.upper !== null && numbers.upper < numbers.value))) {
      err(row, headerText.value!, cell(record, 'value'), `The value is outside its confidence interval (${cell(record, 'lower')} to ${cell(record, 'upper')})`);
    }
    const illustrativeText = cell(record, 'illustrative').toLowerCase();
    if (!['', 'yes', 'no', 'true', 'false', 'y', 'n'].includes(illustrativeText)) err(row, headerText.illustrative!, cell(record, 'illustrative'), 'Write yes or no');
    const source = cell(record, 'source') || options.source?.trim() || fingertipsSource(cell(record, 'indicatorId'), cell(record, 'indicatorName')) || options.file;
    if (period && GSS_CODE.test(code) && ref !== '') {
      // Checked even on a row with other mistakes: every error at once.
      const key = `${ref.toLowerCase()}|${periodKey(period)}|${code}`;
      const first = seen.get(key);
      if (first !== undefined) {
        err(row, headerText.areaCode!, code, `${code} already has a value of ${ref} for ${periodText} on row ${first}: one value per area, indicator and period (a Fingertips file broken down by sex or age holds several: export one breakdown)`);
      } else seen.set(key, row);
    }
    if (errors.length > before || !period) continue;
    rows.push({
      row,
      ref,
      period: periodKey(period),
      areaCode: code,
      areaName: name,
      value: numbers.value,
      numerator: numbers.numerator,
      denominator: numbers.denominator,
      lowerLimit: numbers.lower,
      upperLimit: numbers.upper,
      source,
      illustrative: ['yes', 'true', 'y'].includes(illustrativeText),
      note: cell(record, 'note') || null,
    });
  }
  if (errors.length) return { ok: false, errors };
  if (rows.length === 0) {
    err(null, null, null, skippedBreakdowns ? `The file holds only breakdowns by category (${skippedBreakdowns} rows), no areas' values` : 'The file holds no values');
    return { ok: false, errors };
  }
  return { ok: true, rows, skippedBreakdowns };
}

function fingertipsSource(id: string, name: string): string | null {
  if (id === '' && name === '') return null;
  return `Fingertips (OHID)${id ? `, indicator ${id}` : ''}${name ? ` ${name}` : ''}`;
}

export const MAX_GROUP_NAME_LENGTH = 100;

/** What is wrong with a named group's name (already trimmed), or null. */
export function groupNameError(name: string): string | null {
  if (name === '') return 'Enter a name for the comparator group';
  if (name.length > MAX_GROUP_NAME_LENGTH) return `The group's name must be ${MAX_GROUP_NAME_LENGTH} characters or fewer`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return "The group's name must be on one line, without control characters";
  return null;
}

/** A named group's areas from a CSV file with an area code column (one area a row). */
export function parseGroupCsv(records: readonly (readonly string[])[], file: string): { ok: true; codes: string[] } | { ok: false; errors: LocatedError[] } {
  const errors: LocatedError[] = [];
  const header = records[0] ?? [];
  const at = header.findIndex((h) => ALIASES.areaCode!.includes(normalise(h ?? '')));
  if (at === -1) return { ok: false, errors: [{ sheet: file, row: 1, column: 'Area Code', value: null, message: 'No "Area Code" column' }] };
  const column = header[at]!.trim();
  const codes: string[] = [];
  const seen = new Map<string, number>();
  for (let i = 1; i < records.length; i++) {
    const text = String(records[i]![at] ?? '').trim();
    if (text === '') continue;
    const code = text.toUpperCase();
    if (!GSS_CODE.test(code)) errors.push({ sheet: file, row: i + 1, column, value: text, message: 'Not an ONS GSS code (a letter and eight digits, e.g. E09000003)' });
    else if (seen.has(code)) errors.push({ sheet: file, row: i + 1, column, value: text, message: `${code} is already on row ${seen.get(code)}` });
    else {
      seen.set(code, i + 1);
      codes.push(code);
    }
  }
  if (!errors.length && codes.length === 0) errors.push({ sheet: file, row: null, column: null, value: null, message: 'The group has no areas' });
  return errors.length ? { ok: false, errors } : { ok: true, codes };
}
