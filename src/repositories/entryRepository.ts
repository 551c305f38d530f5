/**
 * All SQL for data entry in the web application (issue 3, item 3): one indicator result or one
 * key-action update at a time, with optimistic concurrency (result.revision; a key-action update's
 * stored content), the reporting cycle's status read inside the same transaction, and the last audit
 * event of a record (who changed it, when). Audit events are written with recordAudit (auditRepository.ts) in the caller's
 * transaction.
 */
import { sql } from 'kysely';
import type { Db } from '../db/connection.ts';
import type { CycleStatus } from '../domain/cycle.ts';
import type { ActionRag, Basis, ResultStatus } from '../domain/types.ts';
import { inTransaction } from '../db/transaction.ts';

/** A result as data entry reads and writes it. */
export interface EntryResult {
  id: number;
  revision: number;
  value: number | null;
  printed: string;
  dataPeriod: string | null;
  basis: Basis | null;
  status: ResultStatus;
  numerator: number | null;
  denominator: number | null;
  printedRag: string | null;
  commentary: string | null;
  intervention: string | null;
  note: string | null;
  updatedAt: Date;
}

/** The fields a person enters (what an import row would hold for the same result). */
export interface ResultFields {
  value: number | null;
  printed: string;
  dataPeriod: string | null;
  basis: Basis | null;
  status: ResultStatus;
  printedRag: string | null;
  commentary: string | null;
  intervention: string | null;
  note: string | null;
}

export interface EntryKeyAction {
  id: number;
  ref: string;
  title: string;
  service: string | null;
  priority: string;
  /** The plan years the action is in force (migration 0011; null: open end). */
  fromYear: number | null;
  toYear: number | null;
  /** This period's update (null when none yet). */
  rag: ActionRag | null;
  commentary: string | null;
}

export interface LastChange {
  actor: string;
  /** The actor's name when the actor is a user's email. */
  actorName: string | null;
  at: Date;
  action: string;
  reason: string | null;
}

export interface CycleEvent {
  at: Date;
  actor: string;
  actorName: string | null;
  before: string | null;
  after: string | null;
  reason: string | null;
}

type ResultRow = {
  id: number;
  revision: number;
  value: number | null;
  printed: string;
  data_period: string | null;
  basis: string | null;
  status: string;
  numerator: number | null;
  denominator: number | null;
  printed_rag: string | null;
  commentary: string | null;
  intervention: string | null;
  note: string | null;
  updated_at: Date;
};

const RESULT_COLUMNS = [
  'id',
  'revision',
  'value',
  'printed',
  'data_period',
  'basis',
  'status',
  'numerator',
  'denominator',
  'printed_rag',
  'commentary',
  'intervention',
  'note',
  'updated_at',
] as const;

/** The entered fields as the result table's columns (for an insert and an update alike). */
function resultColumns(fields: ResultFields) {
  return {
    value: fields.value,
    printed: fields.printed,
    data_period: fields.dataPeriod,
    basis: fields.basis,
    status: fields.status,
    printed_rag: fields.printedRag,
    commentary: fields.commentary,
    intervention: fields.intervention,
    note: fields.note,
  };
}

function toEntryKeyAction(r: {
  id: number;
  ref: string;
  title: string;
  service: string | null;
  from_year: number | null;
  to_year: number | null;
  priority: string;
  rag: string | null;
  commentary: string | null;
}): EntryKeyAction {
  return {
    id: r.id,
    ref: r.ref,
    title: r.title,
    service: r.service,
    priority: r.priority,
    fromYear: r.from_year,
    toYear: r.to_year,
    rag: (r.rag as ActionRag | null) ?? null,
    commentary: r.commentary ?? null,
  };
}

function toResult(r: ResultRow): EntryResult {
  return {
    id: r.id,
    revision: r.revision,
    value: r.value,
    printed: r.printed,
    dataPeriod: r.data_period,
    basis: r.basis as Basis | null,
    status: r.status as ResultStatus,
    numerator: r.numerator,
    denominator: r.denominator,
    printedRag: r.printed_rag,
    commentary: r.commentary,
    intervention: r.intervention,
    note: r.note,
    updatedAt: r.updated_at,
  };
}

export class EntryRepository {
  constructor(private readonly db: Db) {}

  async result(indicatorId: number, period: string, db: Db = this.db): Promise<EntryResult | null> {
    const row = await db
      .selectFrom('result')
      .select(RESULT_COLUMNS)
      .where('indicator_id', '=', indicatorId)
      .where('period', '=', period)
      .executeTakeFirst();
    return row ? toResult(row) : null;
  }

  /** Results of many indicators in one period, by indicator id. */
  async results(indicatorIds: number[], period: string): Promise<Map<number, EntryResult>> {
    if (!indicatorIds.length) return new Map();
    const rows = await this.db
      .selectFrom('result')
      .select([...RESULT_COLUMNS, 'indicator_id'])
      .where('indicator_id', 'in', indicatorIds)
      .where('period', '=', period)
      .execute();
    return new Map(rows.map((r) => [r.indicator_id, toResult(r)]));
  }

  async cycleStatus(committeeId: number, period: string, db: Db = this.db): Promise<CycleStatus> {
    const row = await db
      .selectFrom('reporting_cycle')
      .select('status')
      .where('committee_id', '=', committeeId)
      .where('period', '=', period)
      .executeTakeFirst();
    return row?.status ?? 'open';
  }

  /** Reads the cycle's status inside a transaction, locking its row (if any) against a concurrent sign-off step. */
  async lockCycleStatus(trx: Db, committeeId: number, period: string): Promise<CycleStatus> {
    const row = await trx
      .selectFrom('reporting_cycle')
      .select('status')
      .where('committee_id', '=', committeeId)
      .where('period', '=', period)
      .forShare()
      .executeTakeFirst();
    return row?.status ?? 'open';
  }

  /** Inserts a result unless one exists; null when another one was stored meanwhile. */
  async insertResult(trx: Db, indicatorId: number, period: string, planYear: number, fields: ResultFields): Promise<EntryResult | null> {
    const row = await trx
      .insertInto('result')
      .values({
        indicator_id: indicatorId,
        period,
        plan_year: planYear,
        ...resultColumns(fields),
        printed_direction: sql<string>`null`,
      })
      .onConflict((oc) => oc.columns(['indicator_id', 'period']).doNothing())
      .returning(RESULT_COLUMNS)
      .executeTakeFirst();
    return row ? toResult(row) : null;
  }

  /** Updates a result only if it still has `revision`; null when it changed meanwhile. */
  async updateResult(trx: Db, id: number, revision: number, fields: ResultFields): Promise<EntryResult | null> {
    const row = await trx
      .updateTable('result')
      .set({
        ...resultColumns(fields),
        revision: sql<number>`revision + 1`,
        updated_at: sql<Date>`now()`,
      })
      .where('id', '=', id)
      .where('revision', '=', revision)
      .returning(RESULT_COLUMNS)
      .executeTakeFirst();
    return row ? toResult(row) : null;
  }

  /**
   * Every key action of a committee, with its plan years and its update for `period` (null RAG when
   * none). Which are in force in the period's plan year is the service's to decide (domain/inForce.ts).
   */
  async keyActions(committeeId: number, period: string): Promise<EntryKeyAction[]> {
    const rows = await this.keyActionQuery(this.db, committeeId, period).orderBy('p.id').orderBy('a.ref').execute();
    return rows.map(toEntryKeyAction);
  }

  async keyAction(committeeId: number, ref: string, period: string, db: Db = this.db): Promise<EntryKeyAction | null> {
    const row = await this.keyActionQuery(db, committeeId, period).where('a.ref', '=', ref).executeTakeFirst();
    return row ? toEntryKeyAction(row) : null;
  }

  private keyActionQuery(db: Db, committeeId: number, period: string) {
    return db
      .selectFrom('key_action as a')
      .innerJoin('committee_priority as p', 'p.id', 'a.priority_id')
      .leftJoin('key_action_update as u', (join) => join.onRef('u.key_action_id', '=', 'a.id').on('u.period', '=', period))
      .select(['a.id', 'a.ref', 'a.title', 'a.service', 'a.from_year', 'a.to_year', 'p.name as priority', 'u.rag', 'u.commentary'])
      .where('a.committee_id', '=', committeeId);
  }

  /** Locks the key action's row for the rest of the transaction (so two saves queue up). */
  async lockKeyAction(trx: Db, id: number): Promise<void> {
    await sql`select id from key_action where id = ${id} for update`.execute(trx);
  }

  async upsertKeyActionUpdate(trx: Db, actionId: number, period: string, planYear: number, rag: ActionRag, commentary: string | null): Promise<void> {
    await trx
      .insertInto('key_action_update')
      .values({ key_action_id: actionId, period, plan_year: planYear, rag, commentary })
      .onConflict((oc) => oc.columns(['key_action_id', 'period']).doUpdateSet({ rag, commentary }))
      .execute();
  }

  /** The newest audit event of a record, with the actor's name when the actor is a user. */
  async lastChange(entity: string, entityKey: string): Promise<LastChange | null> {
    const row = await this.db
      .selectFrom('audit_event as e')
      .leftJoin('app_user as u', (join) => join.on(sql`lower(e.actor)`, '=', sql`u.email`))
      .select(['e.actor', 'u.name', 'e.at', 'e.action', 'e.reason'])
      .where('e.entity', '=', entity)
      .where('e.entity_key', '=', entityKey)
      .orderBy('e.id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? { actor: row.actor, actorName: row.name ?? null, at: row.at, action: row.action, reason: row.reason } : null;
  }

  /** The status changes of one reporting cycle (audit key "Committee Q2 2018/19"), newest first. */
  async cycleEvents(entityKey: string, limit = 50): Promise<CycleEvent[]> {
    const rows = await this.db
      .selectFrom('audit_event as e')
      .leftJoin('app_user as u', (join) => join.on(sql`lower(e.actor)`, '=', sql`u.email`))
      .select(['e.at', 'e.actor', 'u.name', 'e.before', 'e.after', 'e.reason'])
      .where('e.entity', '=', 'reporting_cycle')
      .where('e.entity_key', '=', entityKey)
      .orderBy('e.id', 'desc')
      .limit(limit)
      .execute();
    const status = (v: Record<string, unknown> | null) => (v && typeof v.status === 'string' ? v.status : null);
    return rows.map((r) => ({ at: r.at, actor: r.actor, actorName: r.name ?? null, before: status(r.before), after: status(r.after), reason: r.reason }));
  }

  /**
   * Moves a cycle from one of `from` to `to` (creating the row for an open cycle) and lets `record` write
   * the audit event, in one transaction; returns the status found when it was not one of `from`
   * (nothing written then).
   */
  async transition(
    committeeId: number,
    period: string,
    from: readonly CycleStatus[],
    to: CycleStatus,
    record: (trx: Db, before: CycleStatus) => Promise<void>,
  ): Promise<{ ok: true; before: CycleStatus } | { ok: false; current: CycleStatus }> {
    return inTransaction(this.db, async (trx) => {
      const found = await sql<{ status: CycleStatus }>`select status from reporting_cycle
        where committee_id = ${committeeId} and period = ${period} for update`.execute(trx);
      const before = found.rows[0]?.status ?? 'open';
      if (!from.includes(before)) return { ok: false as const, current: before };
      await trx
        .insertInto('reporting_cycle')
        .values({ committee_id: committeeId, period, status: to })
        .onConflict((oc) => oc.columns(['committee_id', 'period']).doUpdateSet({ status: to, updated_at: sql`now()` }))
        .execute();
      await record(trx, before);
      return { ok: true as const, before };
    });
  }

  /** The submitted parts of a committee's period, oldest first, with who submitted each. */
  async submissions(committeeId: number, period: string): Promise<ScopeSubmission[]> {
    const rows = await this.db
      .selectFrom('scope_submission as s')
      .innerJoin('app_user as u', 'u.id', 's.user_id')
      .select(['s.user_id', 'u.email', 'u.name', 's.refs', 's.submitted_at'])
      .where('s.committee_id', '=', committeeId)
      .where('s.period', '=', period)
      .orderBy('s.id')
      .execute();
    return rows.map((r) => ({ userId: r.user_id, email: r.email, name: r.name, refs: r.refs, at: r.submitted_at }));
  }

  /**
   * Records a data owner's submitted part of an open period and, when the parts together cover every
   * ref of `all`, moves the period to submitted (`record` writes the audit events), in one transaction
   * that locks the cycle's row; returns the status found when it was not open (nothing written then).
   */
  async submitScope(
    committeeId: number,
    period: string,
    userId: number,
    refs: string[],
    all: string[],
    record: (trx: Db, complete: boolean) => Promise<void>,
  ): Promise<{ ok: true; complete: boolean } | { ok: false; current: CycleStatus }> {
    return inTransaction(this.db, async (trx) => {
      // The row exists (open) before it is locked, so two parts submitted at once are taken in turn.
      await trx.insertInto('reporting_cycle').values({ committee_id: committeeId, period, status: 'open' }).onConflict((oc) => oc.columns(['committee_id', 'period']).doNothing()).execute();
      const found = await sql<{ status: CycleStatus }>`select status from reporting_cycle
        where committee_id = ${committeeId} and period = ${period} for update`.execute(trx);
      const current = found.rows[0]?.status ?? 'open';
      if (current !== 'open') return { ok: false as const, current };
      await trx.insertInto('scope_submission').values({ committee_id: committeeId, period, user_id: userId, refs: JSON.stringify(refs) }).execute();
      const parts = await trx.selectFrom('scope_submission').select('refs').where('committee_id', '=', committeeId).where('period', '=', period).execute();
      const covered = new Set(parts.flatMap((p) => p.refs));
      const complete = all.every((ref) => covered.has(ref));
      if (complete) {
        await trx.updateTable('reporting_cycle').set({ status: 'submitted', updated_at: sql`now()` }).where('committee_id', '=', committeeId).where('period', '=', period).execute();
      }
      await record(trx, complete);
      return { ok: true as const, complete };
    });
  }

  /** Clears the submitted parts of a period (when it is reopened, inside that step's transaction). */
  async clearSubmissions(trx: Db, committeeId: number, period: string): Promise<void> {
    await trx.deleteFrom('scope_submission').where('committee_id', '=', committeeId).where('period', '=', period).execute();
  }
}

/** A data owner's submitted part of a period. */
export interface ScopeSubmission {
  userId: number;
  email: string;
  name: string;
  refs: string[];
  at: Date;
}
