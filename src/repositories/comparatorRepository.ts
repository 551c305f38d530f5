/**
 * Benchmarking data (migration 0026): other areas' values of the council's indicators, the council's
 * named comparator groups and its own area code. Reads, and writes inside the caller's transaction.
 */
import { sql } from 'kysely';
import type { Db } from '../db/connection.ts';
import { anyInt, anyText, bulkInsert } from './bulk.ts';
import { dataVersionRow } from './dataVersion.ts';

export interface ComparatorValueRecord {
  indicatorId: number;
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

/** The part of a stored value that ranking reads. */
export type RankingValueRecord = Pick<ComparatorValueRecord, 'period' | 'areaCode' | 'areaName' | 'value' | 'source' | 'illustrative'>;

export interface ComparatorGroupRecord {
  id: number;
  name: string;
  areaCodes: string[];
}

type ValueRow = {
  indicator_id: number;
  period: string;
  area_code: string;
  area_name: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  lower_limit: number | null;
  upper_limit: number | null;
  source: string;
  illustrative: boolean;
  note: string | null;
};

const VALUE_COLUMNS = ['indicator_id', 'period', 'area_code', 'area_name', 'value', 'numerator', 'denominator', 'lower_limit', 'upper_limit', 'source', 'illustrative', 'note'] as const;

const toRecord = (r: ValueRow): ComparatorValueRecord => ({
  indicatorId: r.indicator_id,
  period: r.period,
  areaCode: r.area_code,
  areaName: r.area_name,
  value: r.value,
  numerator: r.numerator,
  denominator: r.denominator,
  lowerLimit: r.lower_limit,
  upperLimit: r.upper_limit,
  source: r.source,
  illustrative: r.illustrative,
  note: r.note,
});

export class ComparatorRepository {
  constructor(private readonly db: Db) {}

  /** The council's own area (a GSS code), or null when not set (or no council is stored). */
  async councilArea(db: Db = this.db): Promise<string | null> {
    return (await db.selectFrom('council').select('area_code').executeTakeFirst())?.area_code ?? null;
  }

  /** Sets the council's area; false when no council is stored yet. */
  async setCouncilArea(trx: Db, code: string | null): Promise<boolean> {
    const result = await trx.updateTable('council').set({ area_code: code }).where('id', '=', 1).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Indicators by ref, matched without regard to case: lower-case ref → id and stored ref. */
  async indicatorsByRef(refs: readonly string[], db: Db = this.db): Promise<Map<string, { id: number; ref: string }>> {
    if (!refs.length) return new Map();
    const rows = await db
      .selectFrom('indicator')
      .select(['id', 'ref'])
      .where(sql<string>`lower(ref)`, '=', anyText([...new Set(refs.map((r) => r.toLowerCase()))]))
      .execute();
    return new Map(rows.map((r) => [r.ref.toLowerCase(), r]));
  }

  /**
   * The stored values of these indicators — of the given periods only, when `periods` is given (an
   * indicator of a national store has every council's values for every quarter) — locked against a
   * concurrent import when `forUpdate`.
   */
  async valuesOf(indicatorIds: readonly number[], db: Db = this.db, forUpdate = false, periods?: readonly string[]): Promise<ComparatorValueRecord[]> {
    if (!indicatorIds.length || periods?.length === 0) return [];
    const rows = await db
      .selectFrom('comparator_value')
      .select([...VALUE_COLUMNS])
      .where('indicator_id', '=', anyInt(indicatorIds))
      .$if(periods !== undefined, (q) => q.where('period', '=', anyText([...new Set(periods)])))
      .orderBy('indicator_id')
      .orderBy('period')
      .orderBy('area_code')
      .$if(forUpdate, (q) => q.forUpdate())
      .execute();
    return rows.map(toRecord);
  }

  /** Of the given indicators, those with a comparator value stored for the period (a report's). */
  async indicatorsWithValuesIn(indicatorIds: readonly number[], period: string): Promise<number[]> {
    if (!indicatorIds.length) return [];
    const rows = await this.db
      .selectFrom('comparator_value')
      .select('indicator_id')
      .distinct()
      .where('indicator_id', 'in', [...indicatorIds])
      .where('period', '=', period)
      .execute();
    return rows.map((r) => r.indicator_id);
  }

  /**
   * What ranking reads of an indicator's values in the given periods, and no more, with the data version
   * (src/repositories/dataVersion.ts) read in the same statement: a national store's ranking is one
   * round trip, and the version is the one the rows were read at. The values in no particular order
   * (sorting 400 rows by text would cost as much as reading them).
   */
  async rankingValuesOf(indicatorId: number, periods: readonly string[], db: Db = this.db): Promise<{ version: string; values: RankingValueRecord[] }> {
    // The version's one row, joined to the values: a row of nulls when there are none.
    const { rows } = await sql<{ version: string | number; period: string | null; area_code: string; area_name: string; value: number | null; source: string; illustrative: boolean }>`
      select v.version, c.period, c.area_code, c.area_name, c.value, c.source, c.illustrative
      from (${dataVersionRow}) v
      left join comparator_value c on c.indicator_id = ${indicatorId} and c.period = ${anyText([...new Set(periods)])}`.execute(db);
    return {
      version: String(rows[0]?.version ?? '0'),
      values: rows
        .filter((r) => r.period !== null)
        .map((r) => ({ period: r.period!, areaCode: r.area_code, areaName: r.area_name, value: r.value, source: r.source, illustrative: r.illustrative })),
    };
  }

  /** Whether any comparator value is stored for the indicator. */
  async hasValues(indicatorId: number): Promise<boolean> {
    return (await this.db.selectFrom('comparator_value').select('id').where('indicator_id', '=', indicatorId).limit(1).executeTakeFirst()) !== undefined;
  }

  /** Inserts the values, replacing any stored for the same indicator, period and area. */
  async upsertValues(trx: Db, values: readonly ComparatorValueRecord[]): Promise<void> {
    if (!values.length) return;
    await bulkInsert(
      trx,
      'comparator_value',
      [
        { name: 'indicator_id', type: 'integer' },
        { name: 'period', type: 'text' },
        { name: 'area_code', type: 'text' },
        { name: 'area_name', type: 'text' },
        { name: 'value', type: 'double precision' },
        { name: 'numerator', type: 'double precision' },
        { name: 'denominator', type: 'double precision' },
        { name: 'lower_limit', type: 'double precision' },
        { name: 'upper_limit', type: 'double precision' },
        { name: 'source', type: 'text' },
        { name: 'illustrative', type: 'boolean' },
        { name: 'note', type: 'text' },
      ],
      values.map((v) => [v.indicatorId, v.period, v.areaCode, v.areaName, v.value, v.numerator, v.denominator, v.lowerLimit, v.upperLimit, v.source, v.illustrative, v.note]),
      `on conflict (indicator_id, period, area_code) do update set
        area_name = excluded.area_name, value = excluded.value, numerator = excluded.numerator, denominator = excluded.denominator,
        lower_limit = excluded.lower_limit, upper_limit = excluded.upper_limit, source = excluded.source,
        illustrative = excluded.illustrative, note = excluded.note, updated_at = now()`,
    );
  }

  /** The council's named groups with their areas, by name. */
  async groups(db: Db = this.db): Promise<ComparatorGroupRecord[]> {
    const rows = await db
      .selectFrom('comparator_group as g')
      .leftJoin('comparator_group_area as a', 'a.group_id', 'g.id')
      .select(['g.id', 'g.name', 'a.area_code'])
      .orderBy('g.name')
      .orderBy('a.area_code')
      .execute();
    const out = new Map<number, ComparatorGroupRecord>();
    for (const r of rows) {
      const g = out.get(r.id) ?? { id: r.id, name: r.name, areaCodes: [] };
      if (r.area_code) g.areaCodes.push(r.area_code);
      out.set(r.id, g);
    }
    return [...out.values()];
  }

  /** A group by name (case ignored), locked for a replacement. */
  async lockGroup(trx: Db, name: string): Promise<ComparatorGroupRecord | null> {
    const group = await trx.selectFrom('comparator_group').select(['id', 'name']).where(sql<string>`lower(name)`, '=', name.toLowerCase()).forUpdate().executeTakeFirst();
    if (!group) return null;
    const areas = await trx.selectFrom('comparator_group_area').select('area_code').where('group_id', '=', group.id).orderBy('area_code').execute();
    return { id: group.id, name: group.name, areaCodes: areas.map((a) => a.area_code) };
  }

  /** A group by id, with its areas (locked when read in a transaction for its removal), or null. */
  async groupById(db: Db, id: number, lock = false): Promise<ComparatorGroupRecord | null> {
    const query = db.selectFrom('comparator_group').select(['id', 'name']).where('id', '=', id);
    const group = await (lock ? query.forUpdate() : query).executeTakeFirst();
    if (!group) return null;
    const areas = await db.selectFrom('comparator_group_area').select('area_code').where('group_id', '=', group.id).orderBy('area_code').execute();
    return { id: group.id, name: group.name, areaCodes: areas.map((a) => a.area_code) };
  }

  /** Deletes a group (its areas go with it). */
  async deleteGroup(trx: Db, id: number): Promise<void> {
    await trx.deleteFrom('comparator_group').where('id', '=', id).execute();
  }

  /** Stores the group's areas, creating the group or replacing its areas. */
  async writeGroup(trx: Db, name: string, codes: readonly string[]): Promise<void> {
    const existing = await this.lockGroup(trx, name);
    const id =
      existing?.id ??
      (await trx.insertInto('comparator_group').values({ name }).returning('id').executeTakeFirstOrThrow()).id;
    await trx.deleteFrom('comparator_group_area').where('group_id', '=', id).execute();
    await bulkInsert(trx, 'comparator_group_area', [{ name: 'group_id', type: 'integer' }, { name: 'area_code', type: 'text' }], codes.map((c) => [id, c]));
  }
}
