/**
 * Bulk writes: one INSERT … SELECT FROM unnest(array, array, …) per chunk, one array parameter per
 * column. Works the same on PGlite and PostgreSQL and avoids both row-by-row round trips and the
 * 65,535-parameter limit of multi-row VALUES.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/connection.ts';

export interface BulkColumn {
  name: string;
  /** The column's SQL type for the array cast: 'integer', 'text', 'double precision', 'jsonb'. */
  type: 'integer' | 'text' | 'double precision' | 'jsonb';
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
  if (!IDENT.test(table) || columns.some((c) => !IDENT.test(c.name))) throw new Error('Invalid identifier in bulk insert');
  const out: R[] = [];
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    const arrays = columns.map((c, i) =>
      chunk.map((row) => {
        const v = row[i];
        if (v === undefined || v === null) return null;
        return c.type === 'jsonb' ? JSON.stringify(v) : v;
      }),
    );
    // jsonb[] cannot be cast from text[] element-wise on every server: pass text[] and cast each element.
    const selects = columns.map((c, i) =>
      c.type === 'jsonb' ? sql`c${sql.raw(String(i))}::jsonb` : sql`c${sql.raw(String(i))}`,
    );
    const unnestArgs = columns.map((c, i) =>
      sql`${arrayLiteral(arrays[i]!)}::${sql.raw(c.type === 'jsonb' ? 'text' : c.type)}[]`,
    );
    const aliases = columns.map((_c, i) => sql.raw(`c${i}`));
    const query = sql<R>`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c.name)))})
      select ${sql.join(selects)} from unnest(${sql.join(unnestArgs)}) as u(${sql.join(aliases)})
      ${typeof tail === 'string' ? sql.raw(tail) : tail}`;
    const result = await query.execute(db);
    out.push(...result.rows);
  }
  return out;
}

/**
 * A PostgreSQL array literal ({"a","b",NULL}) passed as one text parameter: both drivers send it
 * unchanged, so arrays behave the same on PGlite and PostgreSQL.
 */
export function arrayLiteral(values: unknown[]): string {
  const items = values.map((v) => {
    if (v === null || v === undefined) return 'NULL';
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw new Error(`Cannot store non-finite number ${v}`);
      return String(v);
    }
    return `"${String(v).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  });
  return `{${items.join(',')}}`;
}
