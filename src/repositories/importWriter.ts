/**
 * Applies an import plan inside the caller's transaction: bulk upserts per table in dependency order,
 * natural keys resolved to ids, and one audit event per change (who, when, before → after, why).
 */
import { sql } from 'kysely';
import type { Db } from '../db/connection.ts';
import type { Change, Entity } from '../services/importPlan.ts';
import { PANELS, PANEL_SHEETS } from '../workbook/panelSpecs.ts';
import { bulkInsert, bulkInsertColumns, type BulkColumn, type BulkValues } from './bulk.ts';
import { writePanelRows } from './panelRepository.ts';

type Row = Record<string, unknown>;

function byEntity(changes: Change[]): Map<Entity, Change[]> {
  const map = new Map<Entity, Change[]>();
  for (const c of changes) {
    const list = map.get(c.entity) ?? [];
    list.push(c);
    map.set(c.entity, list);
  }
  return map;
}

/** A target's stored fields: `after` key → column. */
const TARGET_FIELDS: readonly (readonly [string, BulkColumn])[] = [
  ['spec', { name: 'spec', type: 'jsonb' }],
  ['printed', { name: 'printed', type: 'text' }],
  ['reason', { name: 'reason', type: 'text' }],
];

/** A result's stored fields: `after` key → column. */
const RESULT_FIELDS: readonly (readonly [string, BulkColumn])[] = [
  ['value', { name: 'value', type: 'double precision' }],
  ['printed', { name: 'printed', type: 'text' }],
  ['dataPeriod', { name: 'data_period', type: 'text' }],
  ['basis', { name: 'basis', type: 'text' }],
  ['status', { name: 'status', type: 'text' }],
  ['numerator', { name: 'numerator', type: 'double precision' }],
  ['denominator', { name: 'denominator', type: 'double precision' }],
  ['printedRag', { name: 'printed_rag', type: 'text' }],
  ['printedDirection', { name: 'printed_direction', type: 'jsonb' }],
  ['commentary', { name: 'commentary', type: 'text' }],
  ['intervention', { name: 'intervention', type: 'text' }],
  ['note', { name: 'note', type: 'text' }],
];

/**
 * Whether the server can build this `after` object from the inserted columns exactly as
 * `JSON.stringify(after)` would store it: exactly these keys, none undefined, each value of its
 * column's JSON type (a jsonb column takes any JSON value).
 */
function auditable(after: Row, fields: readonly (readonly [string, BulkColumn])[]): boolean {
  let keys = 0;
  for (const key in after) {
    if (Object.prototype.hasOwnProperty.call(after, key)) keys += 1;
  }
  if (keys !== fields.length) return false;
  for (const [field, column] of fields) {
    if (!Object.prototype.hasOwnProperty.call(after, field)) return false;
    const v = after[field];
    if (v === undefined) return false;
    if (v === null || column.type === 'jsonb') continue;
    if (column.type === 'text' ? typeof v !== 'string' : typeof v !== 'number' || !Number.isFinite(v)) return false;
  }
  return true;
}

export interface ApplyOptions {
  actor: string;
  reason: string | null;
}

export async function applyImportChanges(trx: Db, changes: Change[], options: ApplyOptions): Promise<void> {
  const groups = byEntity(changes);
  const get = (e: Entity) => groups.get(e) ?? [];

  for (const c of get('council')) {
    await sql`insert into council (id, name) values (1, ${c.after.name as string})
      on conflict (id) do update set name = excluded.name`.execute(trx);
  }

  if (get('plan_year').length) {
    await bulkInsert(
      trx,
      'plan_year',
      [
        { name: 'start_year', type: 'integer' },
        { name: 'rating_method', type: 'jsonb' },
        { name: 'directional_policy', type: 'text' },
        { name: 'high_risk_from', type: 'integer' },
      ],
      get('plan_year').map((c) => [c.where.startYear, c.after.method, c.after.directionalPolicy, c.after.highRiskFrom]),
      `on conflict (start_year) do update set rating_method = excluded.rating_method,
        directional_policy = excluded.directional_policy, high_risk_from = excluded.high_risk_from, updated_at = now()`,
    );
  }

  // Committees and their names.
  for (const c of get('committee')) {
    const slug = c.where.committee as string;
    const names = c.after.names as { name: string; fromYear: number | null }[];
    const row = await sql<{ id: number }>`insert into committee (slug, terms_of_reference)
      values (${slug}, ${c.after.termsOfReference as string | null})
      on conflict (slug) do update set terms_of_reference = excluded.terms_of_reference
      returning id`.execute(trx);
    const id = row.rows[0]!.id;
    await trx.deleteFrom('committee_name').where('committee_id', '=', id).execute();
    await trx
      .insertInto('committee_name')
      .values(names.map((n) => ({ committee_id: id, name: n.name, from_year: n.fromYear })))
      .execute();
  }
  const committeeIds = new Map(
    (await trx.selectFrom('committee').select(['id', 'slug']).execute()).map((c) => [c.slug, c.id]),
  );
  const committeeId = (slug: unknown) => {
    const id = committeeIds.get(slug as string);
    if (id === undefined) throw new Error(`Committee ${String(slug)} was not written`);
    return id;
  };

  if (get('corporate_outcome').length) {
    await bulkInsert(
      trx,
      'corporate_outcome',
      [{ name: 'name', type: 'text' }],
      get('corporate_outcome').map((c) => [c.after.name]),
      'on conflict (name) do nothing',
    );
  }
  if (get('priority').length) {
    const outcomeIds = new Map((await trx.selectFrom('corporate_outcome').select(['id', 'name']).execute()).map((o) => [o.name, o.id]));
    await bulkInsert(
      trx,
      'committee_priority',
      [
        { name: 'committee_id', type: 'integer' },
        { name: 'name', type: 'text' },
        { name: 'outcome', type: 'text' },
        { name: 'corporate_outcome_id', type: 'integer' },
      ],
      get('priority').map((c) => [
        committeeId(c.where.committee),
        c.after.name,
        c.after.outcome,
        c.after.corporateOutcome === null ? null : outcomeIds.get(c.after.corporateOutcome as string),
      ]),
      'on conflict (committee_id, name) do update set outcome = excluded.outcome, corporate_outcome_id = excluded.corporate_outcome_id',
    );
  }
  const priorityIds = new Map(
    (await trx.selectFrom('committee_priority').select(['id', 'committee_id', 'name']).execute()).map((p) => [
      `${p.committee_id}|${p.name}`,
      p.id,
    ]),
  );
  const priorityId = (slug: unknown, name: unknown) => {
    const id = priorityIds.get(`${committeeId(slug)}|${String(name)}`);
    if (id === undefined) throw new Error(`Priority ${String(name)} was not written`);
    return id;
  };

  // Indicators: every ref the plan touches must exist.
  const refs = new Set<string>();
  for (const e of ['indicator_version', 'target', 'result', 'benchmark'] as const) {
    for (const c of get(e)) refs.add(c.where.ref as string);
  }
  const indicatorIds = new Map<string, number>();
  if (refs.size) {
    await bulkInsert(trx, 'indicator', [{ name: 'ref', type: 'text' }], [...refs].map((r) => [r]), 'on conflict (ref) do nothing');
    const rows = await trx.selectFrom('indicator').select(['id', 'ref']).where('ref', 'in', [...refs]).execute();
    for (const r of rows) indicatorIds.set(r.ref, r.id);
  }
  const indicatorId = (ref: unknown) => indicatorIds.get(ref as string)!;

  if (get('indicator_version').length) {
    const cols = [
      'indicator_id',
      'from_year',
      'title',
      'committee_id',
      'priority_id',
      'type',
      'polarity',
      'unit',
      'frequency',
      'basis',
      'source',
      'tolerance',
      'definition',
      'measured_against',
      'owner',
      'footnote',
    ];
    const types: Record<string, 'integer' | 'text' | 'double precision'> = {
      indicator_id: 'integer',
      from_year: 'integer',
      committee_id: 'integer',
      priority_id: 'integer',
      tolerance: 'double precision',
    };
    await bulkInsert(
      trx,
      'indicator_version',
      cols.map((name) => ({ name, type: types[name] ?? 'text' })),
      get('indicator_version').map((c) => {
        const a = c.after;
        return [
          indicatorId(c.where.ref),
          c.where.fromYear,
          a.title,
          committeeId(a.committee),
          priorityId(a.committee, a.priority),
          a.type,
          a.polarity,
          a.unit,
          a.frequency,
          a.basis,
          a.source,
          a.tolerance,
          a.definition,
          a.measuredAgainst,
          a.owner,
          a.footnote,
        ];
      }),
      `on conflict (indicator_id, coalesce(from_year, 0)) do update set ${cols
        .slice(2)
        .map((c) => `${c} = excluded.${c}`)
        .join(', ')}`,
    );
  }

  // Targets and results, most of an import. New rows get their audit events from the insert itself.
  const audited = new Set<Change>();
  const writeMeasures = async (entity: 'target' | 'result', fields: readonly (readonly [string, BulkColumn])[], tail: string) => {
    const adds: Change[] = [];
    const others: Change[] = [];
    for (const c of get(entity)) (c.kind === 'add' && auditable(c.after, fields) ? adds : others).push(c);
    for (const list of [adds, others]) {
      if (!list.length) continue;
      const columns: BulkValues[] = [
        { name: 'indicator_id', type: 'integer', values: list.map((c) => indicatorId(c.where.ref)) },
        { name: 'period', type: 'text', values: list.map((c) => c.where.period) },
        { name: 'plan_year', type: 'integer', values: list.map((c) => c.where.planYear) },
        ...fields.map(([field, column]) => ({ ...column, values: list.map((c) => c.after[field]) })),
      ];
      if (list === adds) {
        for (const c of list) audited.add(c);
        await bulkInsertColumns(trx, entity, columns, tail, {
          actor: options.actor,
          action: 'import:add',
          entity,
          reason: options.reason,
          keys: list.map((c) => c.key),
          after: fields.map(([field, column]) => [field, column.name] as const),
        });
      } else {
        await bulkInsertColumns(trx, entity, columns, tail);
      }
    }
  };
  await writeMeasures(
    'target',
    TARGET_FIELDS,
    'on conflict (indicator_id, period) do update set spec = excluded.spec, printed = excluded.printed, reason = excluded.reason',
  );
  await writeMeasures(
    'result',
    RESULT_FIELDS,
    `on conflict (indicator_id, period) do update set ${RESULT_FIELDS.map(([, c]) => `${c.name} = excluded.${c.name}`).join(', ')},
      revision = result.revision + 1, updated_at = now()`,
  );

  if (get('benchmark').length) {
    await bulkInsert(
      trx,
      'benchmark',
      [
        { name: 'indicator_id', type: 'integer' },
        { name: 'period', type: 'text' },
        { name: 'text', type: 'text' },
        { name: 'label', type: 'text' },
        { name: 'value', type: 'double precision' },
        { name: 'source', type: 'text' },
        { name: 'data_period', type: 'text' },
      ],
      get('benchmark').map((c) => [
        indicatorId(c.where.ref),
        c.where.period,
        c.after.text,
        c.after.label,
        c.after.value,
        c.after.source,
        c.after.period,
      ]),
      `on conflict (indicator_id, period) do update set text = excluded.text, label = excluded.label,
        value = excluded.value, source = excluded.source, data_period = excluded.data_period`,
    );
  }

  if (get('key_action').length) {
    await bulkInsert(
      trx,
      'key_action',
      [
        { name: 'committee_id', type: 'integer' },
        { name: 'ref', type: 'text' },
        { name: 'priority_id', type: 'integer' },
        { name: 'title', type: 'text' },
        { name: 'service', type: 'text' },
      ],
      get('key_action').map((c) => [
        committeeId(c.where.committee),
        c.where.ref,
        priorityId(c.where.committee, c.after.priority),
        c.after.title,
        c.after.service,
      ]),
      `on conflict (committee_id, ref) do update set priority_id = excluded.priority_id, title = excluded.title,
        service = excluded.service`,
    );
  }

  if (get('key_action_update').length) {
    const actionIds = new Map(
      (await trx.selectFrom('key_action').select(['id', 'committee_id', 'ref']).execute()).map((a) => [
        `${a.committee_id}|${a.ref}`,
        a.id,
      ]),
    );
    await bulkInsert(
      trx,
      'key_action_update',
      [
        { name: 'key_action_id', type: 'integer' },
        { name: 'period', type: 'text' },
        { name: 'plan_year', type: 'integer' },
        { name: 'rag', type: 'text' },
        { name: 'commentary', type: 'text' },
      ],
      get('key_action_update').map((c) => [
        actionIds.get(`${committeeId(c.where.committee)}|${c.where.ref}`),
        c.where.period,
        c.where.planYear,
        c.after.rag,
        c.after.commentary,
      ]),
      'on conflict (key_action_id, period) do update set rag = excluded.rag, commentary = excluded.commentary',
    );
  }

  for (const sheet of PANEL_SHEETS) {
    const spec = PANELS[sheet];
    await writePanelRows(
      trx,
      sheet,
      get(sheet).map((c) => {
        const values = { ...c.after } as Record<string, string | number | null>;
        for (const f of spec.fields) {
          if (f.kind === 'priority' && values[f.name] !== null) values[f.name] = priorityId(c.where.committee, values[f.name]);
        }
        return { committeeId: committeeId(c.where.committee), period: c.where.period as string, planYear: c.where.planYear as number, values };
      }),
    );
  }

  await recordAudit(
    trx,
    (audited.size ? changes.filter((c) => !audited.has(c)) : changes).map((c) => ({
      actor: options.actor,
      action: c.kind === 'add' ? 'import:add' : 'import:change',
      entity: c.entity,
      entityKey: c.key,
      before: c.before,
      after: c.after,
      reason: options.reason,
    })),
  );
}

export interface AuditEntry {
  actor: string;
  action: string;
  entity: string;
  entityKey: string;
  before: Row | null;
  after: Row | null;
  reason: string | null;
}

export async function recordAudit(trx: Db, entries: AuditEntry[]): Promise<void> {
  if (!entries.length) return;
  await bulkInsert(
    trx,
    'audit_event',
    [
      { name: 'actor', type: 'text' },
      { name: 'action', type: 'text' },
      { name: 'entity', type: 'text' },
      { name: 'entity_key', type: 'text' },
      { name: 'before', type: 'jsonb' },
      { name: 'after', type: 'jsonb' },
      { name: 'reason', type: 'text' },
    ],
    entries.map((e) => [e.actor, e.action, e.entity, e.entityKey, e.before, e.after, e.reason]),
  );
}
