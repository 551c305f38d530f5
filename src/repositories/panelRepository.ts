/**
 * SQL for the panel tables (finance, risk, workforce, customer experience, narrative, priority status),
 * driven by their specs (src/workbook/panelSpecs.ts): read them all, read one committee's period, and
 * write imported rows in bulk.
 */
import { sql } from 'kysely';
import type { Db } from '../db/connection.ts';
import { PANELS, PANEL_SHEETS, type PanelSheet, type PanelSpec } from '../workbook/panelSpecs.ts';
import { arrayLiteral, bulkInsert, type BulkColumn } from './bulk.ts';

/** A stored panel row: values by field name; a `priority` field holds the priority's name. */
export interface StoredPanelRow {
  id: number;
  committeeId: number;
  period: string;
  values: Record<string, string | number | null>;
}

export type StoredPanels = Record<PanelSheet, StoredPanelRow[]>;

/** Stored column of a field: `priority` is kept as `priority_id`. */
const column = (field: string) => (field === 'priority' ? 'priority_id' : field);

function selectPanel(db: Db, spec: PanelSpec, where: { committeeId?: number; period?: string; committeeIds?: number[]; periods?: string[] }) {
  const fields = spec.fields.map((f) =>
    f.kind === 'priority' ? sql`(select p.name from committee_priority p where p.id = t.priority_id) as priority` : sql.ref(`t.${f.name}`),
  );
  const conditions = [sql`true`];
  if (where.committeeId !== undefined) conditions.push(sql`t.committee_id = ${where.committeeId}`);
  if (where.period !== undefined) conditions.push(sql`t.period = ${where.period}`);
  if (where.committeeIds !== undefined) conditions.push(sql`t.committee_id = any(${arrayLiteral(where.committeeIds)}::integer[])`);
  if (where.periods !== undefined) conditions.push(sql`t.period = any(${arrayLiteral(where.periods)}::text[])`);
  const order = spec.key.map((k) => sql.ref(`t.${column(k)}`));
  return sql<Record<string, string | number | null> & { id: number; committee_id: number; period: string }>`
    select t.id, t.committee_id, t.period, ${sql.join(fields)}
    from ${sql.table(spec.table)} as t
    where ${sql.join(conditions, sql` and `)}
    order by t.committee_id, t.period, ${sql.join(order)}`.execute(db);
}

function toStored(spec: PanelSpec, row: Record<string, string | number | null> & { id: number; committee_id: number; period: string }): StoredPanelRow {
  return {
    id: row.id,
    committeeId: row.committee_id,
    period: row.period,
    values: Object.fromEntries(spec.fields.map((f) => [f.name, row[f.name] ?? null])),
  };
}

/**
 * Every panel row, or (with `scope`) those of some committees in the periods given per sheet (a sheet
 * without periods is not read).
 */
export async function loadPanels(db: Db, scope?: { committeeIds: number[]; periods: Partial<Record<PanelSheet, string[]>> }): Promise<StoredPanels> {
  const out = {} as StoredPanels;
  for (const sheet of PANEL_SHEETS) {
    const spec = PANELS[sheet];
    const periods = scope?.periods[sheet];
    if (scope && !(periods?.length && scope.committeeIds.length)) out[sheet] = [];
    else out[sheet] = (await selectPanel(db, spec, scope ? { committeeIds: scope.committeeIds, periods } : {})).rows.map((r) => toStored(spec, r));
  }
  return out;
}

/**
 * One committee's panels for one period (the report reads these): one statement for the eight tables,
 * each table's rows as one JSON array in the key's order (eight statements cost a committee report more
 * than its own rows: most periods have no panel rows at all).
 */
export async function loadPanelsFor(db: Db, committeeId: number, period: string): Promise<StoredPanels> {
  const arrays = PANEL_SHEETS.map((sheet) => {
    const spec = PANELS[sheet];
    const fields = spec.fields.map((f) =>
      f.kind === 'priority'
        ? sql`${sql.lit(f.name)}::text, (select p.name from committee_priority p where p.id = t.priority_id)`
        : sql`${sql.lit(f.name)}::text, ${sql.ref(`t.${f.name}`)}`,
    );
    const order = spec.key.map((k) => sql.ref(`t.${column(k)}`));
    return sql`(select coalesce(json_agg(json_build_object('id', t.id, ${sql.join(fields)}) order by ${sql.join(order)}), '[]'::json)
      from ${sql.table(spec.table)} as t where t.committee_id = ${committeeId} and t.period = ${period}) as ${sql.ref(sheet)}`;
  });
  const row = (await sql<Record<PanelSheet, ({ id: number } & Record<string, string | number | null>)[]>>`select ${sql.join(arrays)}`.execute(db)).rows[0]!;
  const out = {} as StoredPanels;
  for (const sheet of PANEL_SHEETS) {
    const spec = PANELS[sheet];
    out[sheet] = row[sheet].map((r) => toStored(spec, { ...r, committee_id: committeeId, period }));
  }
  return out;
}

export interface PanelWrite {
  committeeId: number;
  period: string;
  planYear: number;
  /** Values by field name; a `priority` field already resolved to the priority's id. */
  values: Record<string, string | number | null>;
}

/** Upserts rows of one panel by committee, period and the spec's key. */
export async function writePanelRows(trx: Db, sheet: PanelSheet, rows: PanelWrite[]): Promise<void> {
  if (!rows.length) return;
  const spec = PANELS[sheet];
  const columns: BulkColumn[] = [
    { name: 'committee_id', type: 'integer' },
    { name: 'period', type: 'text' },
    { name: 'plan_year', type: 'integer' },
    ...spec.fields.map((f): BulkColumn => ({
      name: column(f.name),
      type: f.kind === 'text' || f.kind === 'enum' ? 'text' : f.kind === 'money' || f.kind === 'number' ? 'double precision' : 'integer',
      // (count, score, riskScore and priority ids are integers)
    })),
  ];
  const conflict = ['committee_id', 'period', ...spec.key.map(column)].join(', ');
  const updates = spec.fields
    .map((f) => column(f.name))
    .filter((c) => !spec.key.map(column).includes(c))
    .map((c) => `${c} = excluded.${c}`);
  await bulkInsert(
    trx,
    spec.table,
    columns,
    rows.map((r) => [r.committeeId, r.period, r.planYear, ...spec.fields.map((f) => r.values[f.name] ?? null)]),
    updates.length ? `on conflict (${conflict}) do update set ${updates.join(', ')}` : `on conflict (${conflict}) do nothing`,
  );
}
