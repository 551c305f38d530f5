/**
 * Applies an import plan inside the caller's transaction: bulk upserts per table in dependency order,
 * natural keys resolved to ids, and one audit event per change (who, when, before → after, why).
 */
import { sql } from 'kysely';
import type { Db } from '../db/connection.ts';
import type { Change, Entity } from '../workbook/changes.ts';
import { PANELS, PANEL_SHEETS } from '../workbook/panelSpecs.ts';
import { recordAudit, insertAudited } from './auditRepository.ts';
import { anyInt, anyText, bulkInsert, bulkInsertColumns, type BulkColumn, type BulkValues } from './bulk.ts';
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

/** A written column: its name, SQL type and the value of one change. */
type Column = readonly [name: string, type: BulkColumn['type'], value: (c: Change) => unknown];

/**
 * One row per change, inserted in bulk; on a clash with `key` (the unique key's columns, or an
 * expression over them) every other column is updated — `also` adds assignments such as
 * `updated_at = now()` — or, with `update: false`, the stored row is kept.
 */
async function upsert(
  trx: Db,
  table: string,
  changes: Change[],
  key: { columns: string[]; target?: string },
  columns: readonly Column[],
  options: { update?: boolean; also?: string } = {},
): Promise<void> {
  if (!changes.length) return;
  const target = key.target ?? key.columns.join(', ');
  const updated = columns.map(([name]) => name).filter((name) => !key.columns.includes(name));
  const set = [...updated.map((name) => `${name} = excluded.${name}`), ...(options.also ? [options.also] : [])].join(', ');
  await bulkInsert(
    trx,
    table,
    columns.map(([name, type]) => ({ name, type })),
    changes.map((c) => columns.map(([, , value]) => value(c))),
    options.update === false || !set ? `on conflict (${target}) do nothing` : `on conflict (${target}) do update set ${set}`,
  );
}

export interface ApplyOptions {
  actor: string;
  reason: string | null;
}

/** The plan's changes by entity. */
type Changes = (e: Entity) => Change[];
type CommitteeId = (slug: unknown) => number;
type PriorityId = (slug: unknown, name: unknown) => number;

export async function applyImportChanges(trx: Db, changes: Change[], options: ApplyOptions): Promise<void> {
  const groups = byEntity(changes);
  const get = (e: Entity) => groups.get(e) ?? [];
  await writeSettings(trx, get);
  const { committeeId, committeeIds } = await writeCommittees(trx, get, changes);
  const priorityId = await writePriorities(trx, get, committeeId, committeeIds);
  const indicatorId = await writeIndicators(trx, get, committeeId, priorityId);
  const audited = await writeMeasures(trx, get, indicatorId, options);
  await writeActions(trx, get, committeeId, priorityId, committeeIds);
  await writePanels(trx, get, committeeId, priorityId);
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

/** Council and plan years. */
async function writeSettings(trx: Db, get: Changes): Promise<void> {
  for (const c of get('council')) {
    await sql`insert into council (id, name) values (1, ${c.after.name as string})
      on conflict (id) do update set name = excluded.name`.execute(trx);
  }

  await upsert(
    trx,
    'plan_year',
    get('plan_year'),
    { columns: ['start_year'] },
    [
      ['start_year', 'integer', (c) => c.where.startYear],
      ['rating_method', 'jsonb', (c) => c.after.method],
      ['directional_policy', 'text', (c) => c.after.directionalPolicy],
      ['high_risk_from', 'integer', (c) => c.after.highRiskFrom],
      ['significance_level', 'double precision', (c) => c.after.significanceLevel ?? null],
    ],
    { also: 'updated_at = now()' },
  );
}

/** Committees and their names; returns the id of a committee the changes name, by slug, and all those ids. */
async function writeCommittees(trx: Db, get: Changes, changes: Change[]): Promise<{ committeeId: CommitteeId; committeeIds: number[] }> {
  // Committees and their names.
  for (const c of get('committee')) {
    const slug = c.where.committee as string;
    const names = c.after.names as { name: string; fromYear: number | null }[];
    const terms = c.after.terms as { fromYear: number | null; text: string }[];
    const row = await sql<{ id: number }>`insert into committee (slug) values (${slug})
      on conflict (slug) do update set slug = excluded.slug
      returning id`.execute(trx);
    const id = row.rows[0]!.id;
    await trx.deleteFrom('committee_name').where('committee_id', '=', id).execute();
    await trx
      .insertInto('committee_name')
      .values(names.map((n) => ({ committee_id: id, name: n.name, from_year: n.fromYear })))
      .execute();
    // Terms of reference over time (migration 0016), replaced as the names are.
    await trx.deleteFrom('committee_terms').where('committee_id', '=', id).execute();
    if (terms.length) await trx.insertInto('committee_terms').values(terms.map((t) => ({ committee_id: id, from_year: t.fromYear, text: t.text }))).execute();
  }
  // Ids of what the changes name only: their committees, and those committees' priorities.
  const named = new Set<string>();
  for (const c of changes) {
    if (typeof c.where.committee === 'string') named.add(c.where.committee);
    if (typeof c.after.committee === 'string') named.add(c.after.committee);
  }
  const slugs = [...named];
  const committeeIds = new Map(
    (slugs.length ? await trx.selectFrom('committee').select(['id', 'slug']).where('slug', '=', anyText(slugs)).execute() : []).map((c) => [c.slug, c.id]),
  );
  const committeeId = (slug: unknown) => {
    const id = committeeIds.get(slug as string);
    if (id === undefined) throw new Error(`Committee ${String(slug)} was not written`);
    return id;
  };
  return { committeeId, committeeIds: [...committeeIds.values()] };
}

/** Corporate outcomes and priorities; returns the id of a priority of a committee the changes name. */
async function writePriorities(trx: Db, get: Changes, committeeId: CommitteeId, committeeIds: number[]): Promise<PriorityId> {
  await upsert(trx, 'corporate_outcome', get('corporate_outcome'), { columns: ['name'] }, [['name', 'text', (c) => c.after.name]], { update: false });
  if (get('priority').length) {
    const outcomes = [...new Set(get('priority').map((c) => c.after.corporateOutcome).filter((o): o is string => typeof o === 'string'))];
    const outcomeIds = new Map(
      (outcomes.length ? await trx.selectFrom('corporate_outcome').select(['id', 'name']).where('name', '=', anyText(outcomes)).execute() : []).map((o) => [o.name, o.id]),
    );
    await upsert(trx, 'committee_priority', get('priority'), { columns: ['committee_id', 'name'] }, [
      ['committee_id', 'integer', (c) => committeeId(c.where.committee)],
      ['name', 'text', (c) => c.after.name],
      ['outcome', 'text', (c) => c.after.outcome],
      ['corporate_outcome_id', 'integer', (c) => (c.after.corporateOutcome === null ? null : outcomeIds.get(c.after.corporateOutcome as string))],
    ]);
  }
  const priorityIds = new Map(
    (committeeIds.length
      ? await trx.selectFrom('committee_priority').select(['id', 'committee_id', 'name']).where('committee_id', '=', anyInt(committeeIds)).execute()
      : []
    ).map((p) => [
      `${p.committee_id}|${p.name}`,
      p.id,
    ]),
  );
  return (slug: unknown, name: unknown) => {
    const id = priorityIds.get(`${committeeId(slug)}|${String(name)}`);
    if (id === undefined) throw new Error(`Priority ${String(name)} was not written`);
    return id;
  };
}

/** The indicators every ref names (created when new) and their versions; returns an indicator's id by ref. */
async function writeIndicators(trx: Db, get: Changes, committeeId: CommitteeId, priorityId: PriorityId): Promise<(ref: unknown) => number> {
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

  const text = (field: string): Column => [field.replace(/[A-Z]/g, (l) => `_${l.toLowerCase()}`), 'text', (c) => c.after[field]];
  await upsert(trx, 'indicator_version', get('indicator_version'), { columns: ['indicator_id', 'from_year'], target: 'indicator_id, coalesce(from_year, 0)' }, [
    ['indicator_id', 'integer', (c) => indicatorId(c.where.ref)],
    ['from_year', 'integer', (c) => c.where.fromYear],
    text('title'),
    ['committee_id', 'integer', (c) => committeeId(c.after.committee)],
    ['priority_id', 'integer', (c) => priorityId(c.after.committee, c.after.priority)],
    ...['type', 'polarity', 'unit', 'frequency', 'basis', 'source'].map(text),
    ['tolerance', 'double precision', (c) => c.after.tolerance],
    ...['definition', 'measuredAgainst', 'owner', 'footnote'].map(text),
  ]);
  return indicatorId;
}

/**
 * Another transaction added a record this import planned to add, after the import read the store: the
 * plan is stale. Raised as a serialization failure (SQLSTATE 40001), so `inTransaction` runs the import
 * again from the start — it then reads the record and plans a change to it (or nothing) instead.
 */
export class AddedMeanwhileError extends Error {
  readonly code = '40001';
  constructor(entity: string, cause: unknown) {
    super(`Another transaction added a ${entity} this import was adding; the import runs again`, { cause });
  }
}

/** A unique violation (23505) on the natural key of `entity`. */
function isKeyClash(error: unknown, entity: string): boolean {
  const e = error as { code?: unknown; constraint?: unknown } | null;
  return e?.code === '23505' && e.constraint === `${entity}_indicator_id_period_key`;
}

/**
 * Targets, results and benchmarks, most of an import. Returns the changes whose audit events the
 * insert wrote itself.
 */
async function writeMeasures(trx: Db, get: Changes, indicatorId: (ref: unknown) => number, options: ApplyOptions): Promise<Set<Change>> {
  // Targets and results, most of an import. New rows are inserted plainly (no ON CONFLICT: the plan read
  // the store in this transaction and found none of them, and a row another transaction added since is a
  // clash that runs the import again, AddedMeanwhileError) and get their audit events from the insert itself.
  const audited = new Set<Change>();
  const writeTable = async (entity: 'target' | 'result', fields: readonly (readonly [string, BulkColumn])[], tail: string) => {
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
        await insertAudited(trx, entity, columns, '', {
          actor: options.actor,
          action: 'import:add',
          entity,
          reason: options.reason,
          keys: list.map((c) => c.key),
          after: fields.map(([field, column]) => [field, column.name] as const),
        }).catch((error: unknown) => {
          throw isKeyClash(error, entity) ? new AddedMeanwhileError(entity, error) : error;
        });
      } else {
        await bulkInsertColumns(trx, entity, columns, tail);
      }
    }
  };
  await writeTable(
    'target',
    TARGET_FIELDS,
    'on conflict (indicator_id, period) do update set spec = excluded.spec, printed = excluded.printed, reason = excluded.reason',
  );
  await writeTable(
    'result',
    RESULT_FIELDS,
    `on conflict (indicator_id, period) do update set ${RESULT_FIELDS.map(([, c]) => `${c.name} = excluded.${c.name}`).join(', ')},
      revision = result.revision + 1, updated_at = now()`,
  );

  await upsert(trx, 'benchmark', get('benchmark'), { columns: ['indicator_id', 'period'] }, [
    ['indicator_id', 'integer', (c) => indicatorId(c.where.ref)],
    ['period', 'text', (c) => c.where.period],
    ['text', 'text', (c) => c.after.text],
    ['label', 'text', (c) => c.after.label],
    ['value', 'double precision', (c) => c.after.value],
    ['source', 'text', (c) => c.after.source],
    ['data_period', 'text', (c) => c.after.period],
  ]);
  return audited;
}

/** Key actions and their updates. */
async function writeActions(trx: Db, get: Changes, committeeId: CommitteeId, priorityId: PriorityId, committeeIds: number[]): Promise<void> {
  await upsert(trx, 'key_action', get('key_action'), { columns: ['committee_id', 'ref'] }, [
    ['committee_id', 'integer', (c) => committeeId(c.where.committee)],
    ['ref', 'text', (c) => c.where.ref],
    ['priority_id', 'integer', (c) => priorityId(c.where.committee, c.after.priority)],
    ['title', 'text', (c) => c.after.title],
    ['service', 'text', (c) => c.after.service],
    ['from_year', 'integer', (c) => c.after.fromYear],
    ['to_year', 'integer', (c) => c.after.toYear],
  ]);

  if (get('key_action_update').length) {
    const refs = [...new Set(get('key_action_update').map((c) => c.where.ref as string))];
    const actions = await trx
      .selectFrom('key_action')
      .select(['id', 'committee_id', 'ref'])
      .where('committee_id', '=', anyInt(committeeIds))
      .where('ref', '=', anyText(refs))
      .execute();
    const actionIds = new Map(actions.map((a) => [`${a.committee_id}|${a.ref}`, a.id]));
    await upsert(trx, 'key_action_update', get('key_action_update'), { columns: ['key_action_id', 'period'] }, [
      ['key_action_id', 'integer', (c) => actionIds.get(`${committeeId(c.where.committee)}|${c.where.ref}`)],
      ['period', 'text', (c) => c.where.period],
      ['plan_year', 'integer', (c) => c.where.planYear],
      ['rag', 'text', (c) => c.after.rag],
      ['commentary', 'text', (c) => c.after.commentary],
    ]);
  }
}

/** Panel rows (a priority field resolved to its id). */
async function writePanels(trx: Db, get: Changes, committeeId: CommitteeId, priorityId: PriorityId): Promise<void> {
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
}
