/**
 * Reading one sheet of the import workbook: a cursor over its rows that parses cells and records errors
 * with sheet, row, column and value; duplicate keys; folded vocabularies. Shared by the framework
 * sheets (validate.ts) and the panel sheets (panels.ts).
 */
import { parseNumberText } from '../domain/cells.ts';
import { FIRST_PLAN_YEAR, LAST_PLAN_YEAR } from '../domain/limits.ts';
import { formatFinancialYear, parsePeriod } from '../domain/periods.ts';
import type { Period } from '../domain/types.ts';
import { COLUMNS, label } from './columns.ts';
import type { ImportError, SheetName, SheetRow } from './model.ts';

export function oneOf(words: Iterable<string>): string {
  return [...new Set(words)].join(', ');
}

export class Sheet {
  private readonly missing: Set<string>;
  row = 0;
  cells: Record<string, string> = {};
  /** Whether the current row had an error. */
  bad = false;

  constructor(
    readonly name: SheetName,
    readonly rows: SheetRow[],
    private readonly errors: ImportError[],
  ) {
    this.missing = new Set();
    if (rows.length === 0) return;
    for (const spec of COLUMNS[name]) {
      if (spec.required !== 'yes') continue;
      if (!rows.some((r) => Object.prototype.hasOwnProperty.call(r.cells, spec.name))) {
        this.missing.add(spec.name);
        errors.push({
          sheet: name,
          row: null,
          column: spec.name,
          value: null,
          message: `The ${name} sheet has no "${spec.name}" column (${label(spec.name).toLowerCase()} is required)`,
        });
      }
    }
  }

  /** Whether a required column is missing: then no row of the sheet is taken in. */
  get lacksColumns(): boolean {
    return this.missing.size > 0;
  }

  at(r: SheetRow): void {
    this.row = r.row;
    this.cells = r.cells;
    this.bad = false;
  }

  text(column: string): string {
    const v = this.cells[column];
    return v === undefined ? '' : v.trim();
  }

  optional(column: string): string | null {
    const v = this.text(column);
    return v === '' ? null : v;
  }

  error(column: string | null, value: string | null, message: string, row: number | null = this.row): void {
    this.bad = true;
    this.errors.push({ sheet: this.name, row, column, value, message });
  }

  /** The cell's text; an error when blank (none when the whole column is missing: reported once). */
  required(column: string): string | null {
    const v = this.text(column);
    if (v !== '') return v;
    this.bad = true;
    if (!this.missing.has(column)) this.error(column, '', `${label(column)} is missing`);
    return null;
  }

  vocab<T>(column: string, value: string | null, parse: (t: string) => T | null, words: Iterable<string>): T | null {
    if (value === null) return null;
    const parsed = parse(value);
    if (parsed === null) this.error(column, value, `${label(column)} "${value}" is not one of: ${oneOf(words)}`);
    return parsed;
  }

  number(column: string, opts: { min?: number; integer?: boolean } = {}): number | null {
    const v = this.optional(column);
    if (v === null) return null;
    const n = parseNumberText(v.replace(/^±\s*/, '').replace(/\s*(points?|pts?|percentage points?)$/i, ''));
    if (!n || n.qualifier) {
      this.error(column, v, `${label(column)} "${v}" is not a number`);
      return null;
    }
    if (opts.min !== undefined && n.value < opts.min) {
      this.error(column, v, `${label(column)} "${v}" must be ${opts.min} or more`);
      return null;
    }
    return n.value;
  }

  /** A plan year (`2016/17`): null when blank or wrong (with an error). */
  planYear(column: string, value: string | null): number | null {
    if (value === null) return null;
    const p = parsePeriodCached(value);
    if (p?.kind === 'year' && this.inRange(column, value, p)) return p.startYear;
    if (p?.kind === 'year') return null;
    this.error(column, value, `${label(column)} "${value}" is not a financial year: write it like 2016/17`);
    return null;
  }

  /** A period within the plan years the importer takes (FIRST_PLAN_YEAR…LAST_PLAN_YEAR), or an error. */
  private inRange(column: string, value: string, p: Period): boolean {
    const year = p.kind === 'month' ? (p.month >= 4 ? p.year : p.year - 1) : p.startYear;
    if (year >= FIRST_PLAN_YEAR && year <= LAST_PLAN_YEAR) return true;
    this.error(column, value, `${label(column)} "${value}" is outside the plan years the importer takes (${formatFinancialYear(FIRST_PLAN_YEAR)} to ${formatFinancialYear(LAST_PLAN_YEAR)})`);
    return false;
  }

  period(column: string, value: string | null, kinds: readonly Period['kind'][]): Period | null {
    if (value === null) return null;
    const p = parsePeriodCached(value);
    if (p && kinds.includes(p.kind)) return this.inRange(column, value, p) ? p : null;
    const examples = kinds.includes('month') ? '2016/17, Q2 2016/17 or Aug 2018' : '2016/17 or Q2 2016/17';
    this.error(column, value, `${label(column)} "${value}" is not a period: write it like ${examples}`);
    return null;
  }
}

/**
 * Memoises a parser of cell text: the same periods, benchmarks and printed directions repeat on
 * thousands of rows. Results are flat objects, copied on the way out so that callers own their data.
 */
export function memo<T extends object>(parse: (text: string) => T | null): (text: string) => T | null {
  const cache = new Map<string, T | null>();
  return (text) => {
    let v = cache.get(text);
    if (v === undefined) {
      v = parse(text);
      if (cache.size >= 10_000) cache.clear();
      cache.set(text, v);
    }
    return v && { ...v };
  };
}

const parsePeriodCached = memo(parsePeriod);

/** Case and spacing folded, for matching names and refs within the file. */
export function key(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ');
}

/** Reports the second and later rows that repeat a key (given in parts: ref, then period…). */
export class Duplicates {
  private readonly first = new Map<string, Map<string, number>>();
  /** True when the key was seen before (and an error was recorded). */
  check(sheet: Sheet, k: [string, string], column: string | null, value: string | null, what: string): boolean {
    let inner = this.first.get(k[0]);
    if (!inner) {
      inner = new Map();
      this.first.set(k[0], inner);
    }
    const firstRow = inner.get(k[1]);
    if (firstRow === undefined) {
      inner.set(k[1], sheet.row);
      return false;
    }
    sheet.error(column, value, `${what} appears more than once (first on row ${firstRow})`);
    return true;
  }
}

export function folded<T>(table: Record<string, T>): (text: string) => T | null {
  return (text) => {
    const k = text.toLowerCase().replace(/[\s\-_./]+/g, '');
    return Object.prototype.hasOwnProperty.call(table, k) ? table[k]! : null;
  };
}
