/**
 * Bulk writes: one INSERT … SELECT FROM unnest(array, array, …) per chunk, one array parameter per
 * column. Works the same on PGlite and PostgreSQL and avoids both row-by-row round trips and the
 * 65,535-parameter limit of multi-row VALUES.
 */
import { sql, type QueryResult, type RawBuilder } from 'kysely';
import type { Db } from '../db/connection.ts';

export interface BulkColumn {
  name: string;
  /** The column's SQL type for the array cast: 'integer', 'text', 'double precision', 'jsonb', 'boolean'. */
  type: 'integer' | 'text' | 'double precision' | 'jsonb' | 'boolean';
}

/** A column and its values, one per row (null or undefined for NULL; jsonb values as JS values). */
export interface BulkValues extends BulkColumn {
  values: readonly unknown[];
}

/**
 * A second statement written from the same rows in the same statement (a data-modifying CTE): `extra`
 * is one more text value per row, unnested beside the inserted columns; `statement` builds the SQL
 * that follows the insert, selecting `from u` (the unnested rows) with `value(column)` for an inserted
 * column's value and `extra` for the extra one. Used for audit events (auditRepository.ts).
 */
export interface BulkCompanion {
  extra: readonly string[];
  statement: (columns: { value: (column: string) => RawBuilder<unknown>; extra: RawBuilder<unknown> }) => RawBuilder<unknown>;
}

const IDENT = /^[a-z_][a-z0-9_]*$/;
const CHUNK = 20_000;

/**
 * Inserts `rows` (arrays in `columns` order). `tail` is the SQL after the SELECT, e.g.
 * `on conflict (indicator_id, period) do update set value = excluded.value returning id`.
 * jsonb values are passed as JSON text.
 */
export async function bulkInsert<R = unknown>(
  db: Db,
  table: string,
  columns: BulkColumn[],
  rows: unknown[][],
  tail: RawBuilder<unknown> | string = '',
): Promise<R[]> {
  return bulkInsertColumns<R>(
    db,
    table,
    columns.map((c, i) => ({ ...c, values: rows.map((row) => row[i]) })),
    tail,
  );
}

/**
 * Inserts rows given column by column (every `values` array the same length). With `companion`, the
 * same statement also runs the companion's statement on the same rows (and returns nothing).
 */
export async function bulkInsertColumns<R = unknown>(
  db: Db,
  table: string,
  columns: BulkValues[],
  tail: RawBuilder<unknown> | string = '',
  companion?: BulkCompanion,
): Promise<R[]> {
  if (!IDENT.test(table) || columns.some((c) => !IDENT.test(c.name))) throw new Error('Invalid identifier in bulk insert');
  const length = columns[0]?.values.length ?? 0;
  if (columns.some((c) => c.values.length !== length) || (companion && companion.extra.length !== length)) {
    throw new Error('Bulk insert columns differ in length');
  }
  const position = new Map(columns.map((c, i) => [c.name, i]));

  // jsonb[] cannot be cast from text[] element-wise on every server: pass text[] and cast each element.
  const value = (i: number) => (columns[i]!.type === 'jsonb' ? sql`c${sql.raw(String(i))}::jsonb` : sql`c${sql.raw(String(i))}`);
  const selects = columns.map((_c, i) => value(i));
  const aliases = columns.map((_c, i) => sql.raw(`c${i}`));
  const names = sql.join(columns.map((c) => sql.ref(c.name)));
  const tailSql = typeof tail === 'string' ? sql.raw(tail) : tail;

  // Each chunk's statement is built while the one before runs (on PostgreSQL the server writes while
  // Node builds the next arrays); a statement is sent only once the one before has succeeded.
  const statement = (start: number) => {
    const end = Math.min(start + CHUNK, length);
    const unnestArgs = columns.map(
      (c) => sql`${arrayLiteral(c.values, start, end, c.type === 'jsonb')}::${sql.raw(c.type === 'jsonb' ? 'text' : c.type)}[]`,
    );
    if (!companion) {
      return sql<R>`insert into ${sql.table(table)} (${names})
        select ${sql.join(selects)} from unnest(${sql.join(unnestArgs)}) as u(${sql.join(aliases)})
        ${tailSql}`;
    }
    const column = (name: string) => {
      const i = position.get(name);
      if (i === undefined) throw new Error(`${name} is not an inserted column`);
      return value(i);
    };
    return sql<R>`with u as (
        select * from unnest(${sql.join(unnestArgs)}, ${arrayLiteral(companion.extra, start, end)}::text[]) as u(${sql.join(aliases)}, extra)
      ), written as (
        insert into ${sql.table(table)} (${names}) select ${sql.join(selects)} from u ${tailSql}
      )
      ${companion.statement({ value: column, extra: sql`extra` })}`;
  };

  const out: R[] = [];
  let running: Promise<QueryResult<R>> | null = null;
  for (let start = 0; start < length; start += CHUNK) {
    const next = statement(start);
    if (running) out.push(...(await running).rows);
    running = next.execute(db);
  }
  if (running) out.push(...(await running).rows);
  // A companion statement returns nothing.
  return companion ? [] : out;
}

/** An array element's text, quoted (and its quotes and backslashes escaped) unless it needs neither. */
function quoted(s: string): string {
  if (s.indexOf('"') === -1 && s.indexOf('\\') === -1) return `"${s}"`;
  return `"${s.replace(/[\\"]/g, '\\$&')}"`;
}

/**
 * A PostgreSQL array literal ({"a","b",NULL}) passed as one text parameter: both drivers send it
 * unchanged, so arrays behave the same on PGlite and PostgreSQL. `values[start..end)`; with `json`,
 * each non-null value is written as its JSON text. Built by concatenation (V8 joins the pieces once, at
 * the end): an import builds tens of millions of characters of these.
 */
export function arrayLiteral(values: readonly unknown[], start = 0, end = values.length, json = false): string {
  let out = '{';
  for (let i = start; i < end; i++) {
    if (i > start) out += ',';
    const v = values[i];
    if (v === null || v === undefined) out += 'NULL';
    else if (json) out += quoted(JSON.stringify(v));
    else if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw new Error(`Cannot store non-finite number ${v}`);
      out += String(v);
    } else out += quoted(String(v));
  }
  return `${out}}`;
}

/** `= any(array)` for a Kysely where: one array parameter, whatever the number of values. */
export const anyText = (values: readonly string[]) => sql<string>`any(${arrayLiteral(values)}::text[])`;
export const anyInt = (values: readonly number[]) => sql<number>`any(${arrayLiteral(values)}::integer[])`;
