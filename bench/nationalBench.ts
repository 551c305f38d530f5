/**
 * National scale on PostgreSQL (`BENCH_ONLY=national npm run bench`; issue 13 deliver 6, ADR 0029): the
 * comparator store of every council's values of 1,000 indicators over 40 quarters — 400 areas × 1,000 ×
 * 40 = 16 million rows, loaded with COPY — and, each next to a floor measured in the same run:
 *
 *   1. ranking one indicator across all councils for one period, as the indicator page does it
 *      (ComparatorService.positions, a named group of all 400 areas and the London boroughs) ÷ a bare
 *      SELECT of the same rows. Goals: under 100 ms and ≤ 3×.
 *   2. recomputing every indicator's ranks for one period (1,000 positions) ÷ one SELECT of all the
 *      period's rows. Goal: under 60 s.
 *   3. the council's own committee report (performanceReport) with the 16 million rows present ÷ the same
 *      report on a second store holding the council alone (the same import), runs alternated. Goal: no
 *      slower (≤ 1.1×, the noise of a loaded machine).
 *
 * PostgreSQL only (BENCH_DATABASE_URL or TEST_DATABASE_URL); a fresh schema dropped afterwards. Sizes:
 * BENCH_NATIONAL_AREAS, BENCH_NATIONAL_INDICATORS, BENCH_NATIONAL_QUARTERS (BENCH_QUICK=1: 400 × 100 × 8).
 * Many councils in one installation (issue 13 deliver 5) is not built yet: the other councils are here as
 * comparator areas, which is the data the rankings read.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { inTransaction } from '../src/db/transaction.ts';
import { englishLocalAuthorities } from '../src/domain/areas.ts';
import { ComparatorRepository } from '../src/repositories/comparatorRepository.ts';
import { ReportRepository } from '../src/repositories/reportRepository.ts';
import { ReportService } from '../src/services/performanceReport.ts';
import { openBenchDatabase, postgresUrl, type BenchDatabase } from './engines.ts';
import { committeeName, generateSheets, reportShape, toWorkbookData } from './generate.ts';
import { loadStore } from './reportBench.ts';
import { count, median, ms, ratio, table, time } from './stats.ts';

const positive = (name: string, fallback: number): number => {
  const n = Number(process.env[name]);
  return Number.isInteger(n) && n > 0 ? n : fallback;
};

export const NATIONAL_TARGETS = { rankMs: 100, rankRatio: 3, recomputeMs: 60_000, dashboardRatio: 1.1 };

/** 400 area codes: the London boroughs and the City (real codes), then unitary-style codes made up for the bench. */
function areaCodes(n: number): { code: string; name: string }[] {
  const london = englishLocalAuthorities().areas.map((a) => ({ code: a.code, name: a.name }));
  const out = london.slice(0, n);
  for (let i = 1; out.length < n; i++) out.push({ code: `E06${String(900000 + i).padStart(6, '0')}`, name: `Bench area ${i}` });
  return out;
}

/** Quarter keys going back from 2024-Q4: '2024-Q4', '2024-Q3', … */
function quarterKeys(n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const q = 4 - (i % 4);
    out.push(`${2024 - Math.floor(i / 4)}-Q${q}`);
  }
  return out;
}

/** The CSV rows of every area's value of every indicator in every quarter, generated as they are streamed. */
function* comparatorRows(indicatorIds: readonly number[], quarters: readonly string[], areas: readonly { code: string; name: string }[]): Generator<string> {
  let seed = 7;
  const next = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 4294967296;
  };
  const name = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  for (const id of indicatorIds) {
    for (const period of quarters) {
      let chunk = '';
      for (const a of areas) chunk += `${id},${period},${a.code},${name(a.name)},${(20 + next() * 70).toFixed(2)},LG Inform (bench)\n`;
      yield chunk;
    }
  }
}

async function copyComparators(db: BenchDatabase, indicatorIds: readonly number[], quarters: readonly string[], areas: readonly { code: string; name: string }[]): Promise<number> {
  const client = new pg.Client({ connectionString: postgresUrl()! });
  await client.connect();
  try {
    await client.query(`set search_path to ${db.schema}`);
    const stream = client.query(copyFrom('copy comparator_value (indicator_id, period, area_code, area_name, value, source) from stdin with (format csv)'));
    await pipeline(Readable.from(comparatorRows(indicatorIds, quarters, areas)), stream);
    await client.query('analyze comparator_value');
    return Number(stream.rowCount);
  } finally {
    await client.end();
  }
}

export async function nationalBenchmark(quick: boolean, log: (text?: string) => void): Promise<{ missed: number; total: number } | null> {
  const heading = '(i) National scale on PostgreSQL: ranks across all councils, and a council’s report with them present';
  log();
  log(heading);
  log('='.repeat(heading.length));
  if (!postgresUrl()) {
    log('Skipped: set BENCH_DATABASE_URL or TEST_DATABASE_URL to a PostgreSQL database.');
    return null;
  }
  const AREAS = positive('BENCH_NATIONAL_AREAS', 400);
  const INDICATORS = positive('BENCH_NATIONAL_INDICATORS', quick ? 100 : 1000);
  const QUARTERS = positive('BENCH_NATIONAL_QUARTERS', quick ? 8 : 40);
  const db = await openBenchDatabase('postgres');
  const alone = await openBenchDatabase('postgres');
  try {
    // The council's own framework: INDICATORS quarterly indicators over two plan years, in both stores.
    const data = toWorkbookData(generateSheets(reportShape(INDICATORS, 2, 10)));
    const loaded = await loadStore(db, data);
    await loadStore(alone, data);
    log(`Council framework: ${count(data.indicators.length)} indicators, ${count(data.results.length)} results (imported in ${ms(loaded.ms)}), in the national store and in a store of its own`);
    const reportRequest = { committee: committeeName(3), period: 'Q2 2016/17' };
    const reportOf = (store: BenchDatabase) => {
      const reportRepo = new ReportRepository(store.handle.db);
      return () => new ReportService(reportRepo).performanceReport(reportRequest);
    };

    const areas = areaCodes(AREAS);
    const repo = new ComparatorRepository(db.handle.db);
    await inTransaction(db.handle.db, async (trx) => {
      await repo.setCouncilArea(trx, 'E09000003');
      await repo.writeGroup(trx, 'All councils (bench)', areas.map((a) => a.code));
    });
    const indicatorIds = (await db.handle.db.selectFrom('indicator').select('id').orderBy('id').execute()).map((r) => r.id);
    const quarters = quarterKeys(QUARTERS);
    const copied = await time(() => copyComparators(db, indicatorIds, quarters, areas));
    log(`Comparator values: ${count(copied.value)} rows (${count(areas.length)} areas × ${count(indicatorIds.length)} indicators × ${count(quarters.length)} quarters), COPY and ANALYZE in ${ms(copied.ms)} (${count(Math.round(copied.value / (copied.ms / 1000)))} rows/s)`);

    const period = quarters[1]!;
    const kdb = db.handle.db;
    const one = indicatorIds[Math.floor(indicatorIds.length / 2)]!;
    const rankOne = () => db.app.comparators.positions({ indicatorId: one, polarity: 'bigger', unit: 'percent', periods: [{ key: period, value: null }] });
    const check = await rankOne();
    const groups = check?.groups.map((g) => `${g.group.name}: ${g.periods[0]?.ranking.size ?? 0} areas`).join('; ') ?? 'none';
    const floorOne = () => kdb.selectFrom('comparator_value').select(['area_code', 'value']).where('indicator_id', '=', one).where('period', '=', period).execute();
    // Alternate measured and floor runs so background load affects both alike; a few milliseconds each,
    // so 41 of each: on a shared machine the median of 15 swung between runs by 2×.
    const rankMs: number[] = [];
    const floorMs: number[] = [];
    await rankOne();
    await floorOne();
    for (let i = 0; i < 41; i++) {
      rankMs.push((await time(rankOne)).ms);
      floorMs.push((await time(floorOne)).ms);
    }

    const recompute = await time(async () => {
      for (const id of indicatorIds) await db.app.comparators.positions({ indicatorId: id, polarity: 'bigger', unit: 'percent', periods: [{ key: period, value: null }] });
    });
    const floorAll = await time(() => kdb.selectFrom('comparator_value').select(['indicator_id', 'area_code', 'value']).where('period', '=', period).execute());

    // The report with the national store present, next to the council's store alone, runs alternated.
    const [national, own] = [reportOf(db), reportOf(alone)];
    await national();
    await own();
    const after: number[] = [];
    const before: number[] = [];
    for (let i = 0; i < 15; i++) {
      after.push((await time(national)).ms);
      before.push((await time(own)).ms);
    }

    const rows = [
      ['rank one indicator, one period (positions)', ms(median(floorMs)), ms(median(rankMs)), ratio(median(rankMs), median(floorMs)), `< ${NATIONAL_TARGETS.rankMs} ms and ≤ ${NATIONAL_TARGETS.rankRatio}×`],
      [`recompute all ranks, one period (${count(indicatorIds.length)} indicators)`, ms(floorAll.ms), ms(recompute.ms), ratio(recompute.ms, floorAll.ms), `< ${NATIONAL_TARGETS.recomputeMs / 1000} s`],
      ['committee report: national store ÷ the council alone', ms(median(before)), ms(median(after)), ratio(median(after), median(before)), `≤ ${NATIONAL_TARGETS.dashboardRatio}×`],
    ];
    log(`Ranked in: ${groups}; period ${period}`);
    log(table(['measure', 'floor', 'measured', 'ratio', 'goal'], rows, 'lrrrl'));
    const verdicts = [
      median(rankMs) < NATIONAL_TARGETS.rankMs && median(rankMs) / median(floorMs) <= NATIONAL_TARGETS.rankRatio,
      recompute.ms < NATIONAL_TARGETS.recomputeMs,
      median(after) / median(before) <= NATIONAL_TARGETS.dashboardRatio,
    ];
    verdicts.forEach((ok, i) => log(`  ${rows[i]![0]}: ${ok ? 'PASS' : 'FAIL'}`));
    return { missed: verdicts.filter((v) => !v).length, total: verdicts.length };
  } finally {
    await db.dispose();
    await alone.dispose();
  }
}
