/**
 * Benchmarking (issue 13, deliverables 2 and 3; docs/benchmarking.md, ADR 0024): comparator values in
 * from LG Inform / Fingertips CSV files (all or nothing, every error at once, audited), the council's own
 * area and its named groups, and an indicator's positions among its comparators, computed — never typed.
 *
 * Who may see what: comparator values are public data, but the council's own value of a period is its
 * result; positions are computed only for the periods the caller passes (the indicator page passes the
 * periods the viewer may see), so an unpublished result never shows through a rank.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { englandGroup, englishLocalAuthorities, findArea, londonBoroughsGroup, regionGroup, type Area, type ComparatorGroup } from '../domain/areas.ts';
import { GSS_CODE, groupNameError, parseComparatorCsv, parseGroupCsv, type ComparatorRow, type LocatedError } from '../domain/comparatorCsv.ts';
import { formatValue } from '../domain/format.ts';
import { rankArea, type AreaValue, type PositionAtInput, type Ranking, type ReportPosition } from '../domain/ranking.ts';
import type { Polarity } from '../domain/types.ts';
import type { Db } from '../db/connection.ts';
import { inTransaction } from '../db/transaction.ts';
import { recordAudit, type AuditEntry } from '../repositories/auditRepository.ts';
import type { ComparatorRepository, ComparatorValueRecord, RankingValueRecord } from '../repositories/comparatorRepository.ts';
import type { Repositories } from '../repositories/index.ts';
import type { IndicatorHistory } from './committeePerformance.ts';
import { VersionedCache } from './dataVersion.ts';

export const ENGLAND_CODE = 'E92000001';

const LONDON_REGION = 'E12000007';

/**
 * The share of a region's or England's local authorities that must have a value in a period for the
 * council to be ranked among them: ranks in groups this wide are shown only from (nearly) national data.
 */
export const WIDE_GROUP_COVERAGE = 0.5;

const isWideGroup = (group: ComparatorGroup) => group.id === 'england' || group.id.startsWith('region:');

export interface ComparatorImportOptions {
  /** The council's indicator ref every row belongs to, for a file without a ref column. */
  indicator?: string | null;
  source?: string | null;
  dryRun?: boolean;
  actor: string;
  reason?: string | null;
}

export interface GroupImportOptions {
  actor: string;
  reason?: string | null;
  /** Check only: the outcome as it would be, nothing written. */
  dryRun?: boolean;
}

export type GroupImportOutcome =
  /** nameError: what is wrong with the group's name; errors: the file's, located by row and column. */
  | { ok: false; nameError: string | null; errors: LocatedError[] }
  /** name: as stored (a group replaced keeps its name's spelling); replaced: a group of that name was there. */
  | { ok: true; dryRun: boolean; name: string; replaced: boolean; areas: number; codes: string[] };

export type ComparatorImportOutcome =
  | { ok: false; errors: LocatedError[] }
  | {
      ok: true;
      dryRun: boolean;
      added: number;
      changed: number;
      unchanged: number;
      skippedBreakdowns: number;
      /** "CG/CR1 Q2 2018/19: 33 values". */
      periods: string[];
    };

/** The council's value and its comparators' in one group for one period, ranked. */
export interface PeriodPosition {
  period: string;
  ranking: Ranking;
  /** Any value in the ranking was assumed (the demo's): pages say so beside it. */
  illustrative: boolean;
  /** The codes of the areas whose value was assumed. */
  illustrativeAreas: string[];
  /** The region's own value (e.g. London as a whole), when imported: shown, never used to rank. */
  region: { name: string; value: number } | null;
  sources: string[];
}

export interface GroupPositions {
  group: ComparatorGroup;
  /** Oldest first: only periods with the council's value and at least one other area's. */
  periods: PeriodPosition[];
}

export interface IndicatorPositions {
  areaCode: string;
  areaName: string;
  groups: GroupPositions[];
}

export type { PositionAtInput };

export interface PositionInput {
  indicatorId: number;
  polarity: Polarity | null;
  unit: string;
  /** The periods the viewer may see, with the council's reported value (null when none). */
  periods: { key: string; value: number | null }[];
}

interface RankingSetting {
  areaCode: string | null;
  own: Area | undefined;
  groups: readonly ComparatorGroup[];
}

let shippedNameMap: Map<string, string> | undefined;
/** The shipped local authorities' names by code. */
const shippedNames = (): Map<string, string> => (shippedNameMap ??= new Map(englishLocalAuthorities().areas.map((a) => [a.code, a.name])));

export class ComparatorService {
  readonly #settings = new VersionedCache<RankingSetting>(1);

  constructor(private readonly repositories: Pick<Repositories, 'db'> & { comparators: ComparatorRepository }) {}

  private get repo(): ComparatorRepository {
    return this.repositories.comparators;
  }

  /** The council's own area code, or null when not set. */
  councilArea(): Promise<string | null> {
    return this.repo.councilArea();
  }

  /** Sets the council's own area (an ONS GSS code); audited. */
  async setCouncilArea(code: string, actor: string, reason: string | null = null): Promise<{ ok: true } | { ok: false; message: string }> {
    const c = code.trim().toUpperCase();
    if (!GSS_CODE.test(c)) return { ok: false, message: `"${code}" is not an ONS GSS code (a letter and eight digits, e.g. E09000003)` };
    return inTransaction(this.repositories.db, async (trx) => {
      const before = await this.repo.councilArea(trx);
      if (!(await this.repo.setCouncilArea(trx, c))) return { ok: false as const, message: 'No council is stored yet: import the framework first' };
      if (before !== c) {
        await recordAudit(trx, [{ actor, action: 'set council area', entity: 'council', entityKey: '1', before: { areaCode: before }, after: { areaCode: c }, reason }]);
      }
      return { ok: true as const };
    });
  }

  /** The council's named groups. */
  groups() {
    return this.repo.groups();
  }

  /** A named group by id, or null. */
  group(id: number) {
    return this.repo.groupById(this.repositories.db, id);
  }

  /** Removes a named group; audited. False when there is no such group. */
  async removeGroup(id: number, actor: string, reason: string | null = null): Promise<boolean> {
    return inTransaction(this.repositories.db, async (trx) => {
      const before = await this.repo.groupById(trx, id, true);
      if (!before) return false;
      await this.repo.deleteGroup(trx, id);
      await recordAudit(trx, [{ actor, action: 'remove comparator group', entity: 'comparator_group', entityKey: before.name, before: { areas: before.areaCodes }, after: null, reason }]);
      return true;
    });
  }

  /** Imports a named group (its areas from a CSV file's area code column), replacing a group of that name; audited. */
  async importGroup(name: string, path: string, actor: string, reason: string | null = null): Promise<{ ok: true; areas: number } | { ok: false; errors: LocatedError[] }> {
    const file = basename(path);
    const outcome = await this.saveGroup(name, await readRecords(path, file), file, { actor, reason });
    if (outcome.ok) return outcome;
    return { ok: false, errors: [...(outcome.nameError ? [{ sheet: file, row: null, column: null, value: null, message: outcome.nameError }] : []), ...outcome.errors] };
  }

  /** As importGroup, from an uploaded file's bytes; with dryRun, checks and saves nothing. */
  async importGroupBytes(name: string, bytes: Uint8Array, file: string, options: GroupImportOptions): Promise<GroupImportOutcome> {
    return this.saveGroup(name, await parseRecords(bytes, file), file, options);
  }

  /** Every error at once (the name's and the file's); nothing written unless all is well. */
  private async saveGroup(name: string, read: RecordsRead, file: string, options: GroupImportOptions): Promise<GroupImportOutcome> {
    const trimmed = name.trim();
    const nameError = groupNameError(trimmed);
    const parsed = read.ok ? parseGroupCsv(read.records, file) : read;
    if (nameError || !parsed.ok) return { ok: false, nameError, errors: parsed.ok ? [] : parsed.errors };
    const codes = parsed.codes;
    if (options.dryRun) {
      const before = (await this.repo.groups()).find((g) => g.name.toLowerCase() === trimmed.toLowerCase());
      return { ok: true, dryRun: true, name: before?.name ?? trimmed, replaced: before !== undefined, areas: codes.length, codes };
    }
    return inTransaction(this.repositories.db, async (trx) => {
      const before = await this.repo.lockGroup(trx, trimmed);
      const stored = before?.name ?? trimmed;
      await this.repo.writeGroup(trx, stored, codes);
      await recordAudit(trx, [
        {
          actor: options.actor,
          action: before ? 'replace comparator group' : 'add comparator group',
          entity: 'comparator_group',
          entityKey: stored,
          before: before ? { areas: before.areaCodes } : null,
          after: { areas: codes },
          reason: options.reason ?? null,
        },
      ]);
      return { ok: true as const, dryRun: false, name: stored, replaced: before !== null, areas: codes.length, codes };
    });
  }

  /** Imports comparator values from a CSV file: every error at once, nothing written unless all is well. */
  async importCsv(path: string, options: ComparatorImportOptions): Promise<ComparatorImportOutcome> {
    const file = basename(path);
    const read = await readRecords(path, file);
    if (!read.ok) return read;
    return this.importRecords(read.records, file, options);
  }

  /** As importCsv, from an uploaded file's bytes. */
  async importBytes(bytes: Buffer, file: string, options: ComparatorImportOptions): Promise<ComparatorImportOutcome> {
    const read = await parseRecords(bytes, file);
    if (!read.ok) return read;
    return this.importRecords(read.records, file, options);
  }

  /** As importCsv, from records already read (csv-parse output; row 1 the header). */
  async importRecords(records: string[][], file: string, options: ComparatorImportOptions): Promise<ComparatorImportOutcome> {
    const parsed = parseComparatorCsv(records, { file, indicator: options.indicator ?? null, source: options.source ?? null });
    if (!parsed.ok) return parsed;
    const indicators = await this.repo.indicatorsByRef(parsed.rows.map((r) => r.ref));
    const errors: LocatedError[] = [];
    for (const r of parsed.rows) {
      if (!indicators.has(r.ref.toLowerCase())) {
        errors.push({ sheet: file, row: options.indicator ? null : r.row, column: options.indicator ? '--indicator' : 'Ref', value: r.ref, message: `No indicator ${r.ref} is stored: import the framework first, or check the ref` });
        if (options.indicator) break;
      }
    }
    if (errors.length) return { ok: false, errors };
    const values = parsed.rows.map((r): ComparatorValueRecord => toRecord(r, indicators.get(r.ref.toLowerCase())!.id));
    const ids = [...new Set(values.map((v) => v.indicatorId))];
    const refById = new Map([...indicators.values()].map((i) => [i.id, i.ref]));
    const work = async (trx: Db) => {
      const stored = new Map((await this.repo.valuesOf(ids, trx, !options.dryRun)).map((v) => [valueKey(v), v]));
      let added = 0;
      let changed = 0;
      let unchanged = 0;
      const byPeriod = new Map<string, { before: Record<string, unknown>; after: Record<string, unknown>; count: number }>();
      const written: ComparatorValueRecord[] = [];
      for (const v of values) {
        const old = stored.get(valueKey(v));
        if (old && sameValue(old, v)) {
          unchanged++;
          continue;
        }
        if (old) changed++;
        else added++;
        written.push(v);
        const key = `${refById.get(v.indicatorId)} ${v.period}`;
        const entry = byPeriod.get(key) ?? { before: {}, after: {}, count: 0 };
        if (old) entry.before[v.areaCode] = audited(old);
        entry.after[v.areaCode] = audited(v);
        entry.count++;
        byPeriod.set(key, entry);
      }
      if (!options.dryRun && written.length) {
        await this.repo.upsertValues(trx, written);
        const events: AuditEntry[] = [...byPeriod].map(([key, e]) => ({
          actor: options.actor,
          action: 'import comparator values',
          entity: 'comparator_value',
          entityKey: key,
          before: Object.keys(e.before).length ? e.before : null,
          after: e.after,
          reason: options.reason ?? `From ${file}`,
        }));
        await recordAudit(trx, events);
      }
      return { added, changed, unchanged, periods: [...byPeriod].map(([key, e]) => `${key}: ${e.count} ${e.count === 1 ? 'value' : 'values'}`) };
    };
    const counts = options.dryRun ? await work(this.repositories.db) : await inTransaction(this.repositories.db, work);
    return { ok: true, dryRun: options.dryRun === true, skippedBreakdowns: parsed.skippedBreakdowns, ...counts };
  }

  /**
   * The positions of an indicator in the periods of its history as a viewer may see it
   * (CommitteePerformanceService.indicatorHistory leaves out the periods the viewer may not see, so no
   * unpublished result is ranked here), with the polarity and unit of the definition in force now.
   */
  positionsInHistory(indicatorId: number, history: IndicatorHistory): Promise<IndicatorPositions | null> {
    const current = history.versions[history.versions.length - 1];
    if (!current) return Promise.resolve(null);
    return this.positions({
      indicatorId,
      polarity: current.polarity === 'bigger' || current.polarity === 'smaller' ? current.polarity : null,
      unit: current.unit,
      periods: history.periods.map((p) => ({ key: p.key, value: p.indicator.result?.status === 'reported' ? p.indicator.result.value : null })),
    });
  }

  /**
   * Each indicator's position in every group for one period (a report's), as the report model carries it,
   * by indicator id: only indicators with comparator values stored for the period (one read finds them).
   */
  async positionsAt(period: string, inputs: readonly PositionAtInput[]): Promise<Map<number, ReportPosition[]>> {
    const out = new Map<number, ReportPosition[]>();
    const withValues = new Set(await this.repo.indicatorsWithValuesIn(inputs.map((i) => i.indicatorId), period));
    for (const input of inputs) {
      if (!withValues.has(input.indicatorId)) continue;
      const found = await this.positions({ indicatorId: input.indicatorId, polarity: input.polarity, unit: input.unit, periods: [{ key: period, value: input.value }] });
      const positions = (found?.groups ?? []).flatMap((g) =>
        g.periods
          .filter((p) => p.period === period)
          .map((p): ReportPosition => ({
            group: g.group.name,
            sentence: p.ranking.sentence,
            summary: p.ranking.summary,
            rank: p.ranking.area?.rankLabel ?? null,
            size: p.ranking.size,
            illustrative: p.illustrative,
            sources: p.sources,
          })),
      );
      if (positions.length) out.set(input.indicatorId, positions);
    }
    return out;
  }

  /** As `positions`, for an indicator given by ref (null when no such indicator is stored). */
  async positionsByRef(ref: string, input: Omit<PositionInput, 'indicatorId'>): Promise<IndicatorPositions | null> {
    const found = (await this.repo.indicatorsByRef([ref])).get(ref.toLowerCase());
    return found ? this.positions({ ...input, indicatorId: found.id }) : null;
  }

  /**
   * The council's position among its comparators for each of the given periods: within the London
   * boroughs (when its area is a London borough), its region (elsewhere) and England — those two only in a
   * period when most of their areas have a value — and within each named group that holds its area.
   * Null when the council's area is not set or no comparator value is stored for the indicator.
   */
  async positions(input: PositionInput): Promise<IndicatorPositions | null> {
    // Only the periods asked for: a national store holds every council's values of every quarter. The
    // council's area and its groups are kept under the data version the rows were read at (ADR 0029):
    // a request is one statement, unless the version has moved since they were read.
    const { version, values: stored } = await this.repo.rankingValuesOf(input.indicatorId, input.periods.map((p) => p.key));
    const setting = await this.#rankingSetting(version);
    const { areaCode, own } = setting;
    if (!areaCode) return null;
    if (stored.length === 0) return (await this.repo.hasValues(input.indicatorId)) ? { areaCode, areaName: own?.name ?? areaCode, groups: [] } : null;
    // A name from the shipped list of local authorities, else as stored with the area's earliest value.
    const storedNames = new Map<string, { period: string; name: string }>();
    for (const v of stored) {
      const seen = storedNames.get(v.areaCode);
      if (!seen || v.period < seen.period) storedNames.set(v.areaCode, { period: v.period, name: v.areaName });
    }
    const nameOf = (code: string) => shippedNames().get(code) ?? storedNames.get(code)?.name ?? code;
    const groups: ComparatorGroup[] = setting.groups.map((g) => ({ ...g, areaCodes: [...g.areaCodes] }));
    const byPeriod = new Map<string, Map<string, RankingValueRecord>>();
    for (const v of stored) {
      const m = byPeriod.get(v.period) ?? new Map<string, RankingValueRecord>();
      m.set(v.areaCode, v);
      byPeriod.set(v.period, m);
    }
    const format = (n: number) => formatValue(n, input.unit);
    const regionCode = own?.regionCode ?? null;
    const out: GroupPositions[] = groups.map((group) => ({
      group,
      periods: input.periods.flatMap((p): PeriodPosition[] => {
        const values = byPeriod.get(p.key);
        if (!values) return [];
        const ownValue = values.get(areaCode)?.value ?? p.value;
        const areaValues: AreaValue[] = group.areaCodes.map((code) => ({
          code,
          name: nameOf(code),
          value: code === areaCode ? ownValue : (values.get(code)?.value ?? null),
        }));
        const present = areaValues.filter((a) => a.value !== null);
        if (ownValue === null || present.length < 2) return [];
        if (isWideGroup(group) && present.length < group.areaCodes.length * WIDE_GROUP_COVERAGE) return [];
        const ranking = rankArea({ areaCode, groupName: group.name, values: areaValues, polarity: input.polarity, englandValue: values.get(ENGLAND_CODE)?.value ?? null, format });
        const used = group.areaCodes.map((c) => values.get(c)).filter((v): v is RankingValueRecord => v !== undefined);
        const region = regionCode ? values.get(regionCode) : undefined;
        return [
          {
            period: p.key,
            ranking,
            illustrative: used.some((v) => v.illustrative),
            illustrativeAreas: used.filter((v) => v.illustrative).map((v) => v.areaCode),
            region: region && region.value !== null ? { name: region.areaName, value: region.value } : null,
            sources: [...new Set(used.map((v) => v.source))],
          },
        ];
      }),
    }));
    return { areaCode, areaName: nameOf(areaCode), groups: out.filter((g) => g.periods.length > 0) };
  }

  /**
   * The council's area and the groups it is ranked in: the London boroughs (when its area is a London
   * borough) and each named group that holds its area. Kept under a data version read before them
   * (every write to the council, a group or its areas moves it), so never older than that version.
   */
  #rankingSetting(version: string): Promise<RankingSetting> {
    return this.#settings.get('setting', version, async () => {
      const [areaCode, named] = await Promise.all([this.repo.councilArea(), this.repo.groups()]);
      if (!areaCode) return { areaCode: null, own: undefined, groups: [] };
      const own = findArea(areaCode);
      const groups: ComparatorGroup[] = [];
      if (own?.type === 'london-borough') groups.push(londonBoroughsGroup());
      // Outside London, the council's region; and every English local authority. Each is ranked only in a
      // period when most of its areas have a value (WIDE_GROUP_COVERAGE): a rank "of 32" among 296 would mislead.
      if (own && own.regionCode !== LONDON_REGION && own.type !== 'county') groups.push(regionGroup(own.regionCode));
      const england = englandGroup();
      if (england.areaCodes.includes(areaCode)) groups.push(england);
      for (const g of named) if (g.areaCodes.includes(areaCode)) groups.push({ id: `named:${g.id}`, name: g.name, areaCodes: g.areaCodes });
      return { areaCode, own, groups };
    });
  }
}

function toRecord(r: ComparatorRow, indicatorId: number): ComparatorValueRecord {
  return {
    indicatorId,
    period: r.period,
    areaCode: r.areaCode,
    areaName: r.areaName,
    value: r.value,
    numerator: r.numerator,
    denominator: r.denominator,
    lowerLimit: r.lowerLimit,
    upperLimit: r.upperLimit,
    source: r.source,
    illustrative: r.illustrative,
    note: r.note,
  };
}

const valueKey = (v: ComparatorValueRecord) => `${v.indicatorId}|${v.period}|${v.areaCode}`;

const audited = (v: ComparatorValueRecord): Record<string, unknown> => ({
  name: v.areaName,
  value: v.value,
  ...(v.numerator !== null ? { numerator: v.numerator } : {}),
  ...(v.denominator !== null ? { denominator: v.denominator } : {}),
  ...(v.lowerLimit !== null ? { lower: v.lowerLimit } : {}),
  ...(v.upperLimit !== null ? { upper: v.upperLimit } : {}),
  source: v.source,
  ...(v.illustrative ? { illustrative: true } : {}),
});

function sameValue(a: ComparatorValueRecord, b: ComparatorValueRecord): boolean {
  return JSON.stringify({ ...audited(a), note: a.note }) === JSON.stringify({ ...audited(b), note: b.note });
}

type RecordsRead = { ok: true; records: string[][] } | { ok: false; errors: LocatedError[] };

/** A CSV file's records (csv-parse), or the located reason it cannot be read. */
async function readRecords(path: string, file: string): Promise<RecordsRead> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch {
    return { ok: false, errors: [{ sheet: file, row: null, column: null, value: null, message: `No such file: ${path}` }] };
  }
  return parseRecords(bytes, file);
}

async function parseRecords(bytes: Uint8Array, file: string): Promise<RecordsRead> {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, errors: [{ sheet: file, row: null, column: null, value: null, message: `${file} is not UTF-8 text: save it as CSV UTF-8 and import it again` }] };
  }
  const { parse } = await import('csv-parse/sync');
  try {
    return { ok: true, records: parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][] };
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return { ok: false, errors: [{ sheet: file, row: line ?? null, column: null, value: null, message: `${file} is not a well-formed CSV file${line ? ` (near line ${line})` : ''}` }] };
  }
}
