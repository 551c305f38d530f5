/**
 * Townhall benchmarks (`npm run bench`). Speed is judged by ratios to a floor measured in the same
 * run, never by absolute times:
 *
 *   (a) import: `ImportService.importFile` of a generated .xlsx workbook (~1,000 indicators, 100,000
 *       results plus targets) into an empty database ÷ exceljs alone reading the same file. Target ≤ 1.0×
 *       (issue 10, deliver 7), on each engine.
 *       Then (no target) a one-row write into the imported store, as an admin form makes it.
 *   (b) report: `performanceReport` for one committee and quarter on a store of 2,000 indicators ×
 *       40 quarters ÷ a bare SELECT of the result and target rows the report reads. Target ≤ 2× (issue 10,
 *       deliver 7), on each engine; the report service's cache is bypassed (a new service per run).
 *
 * Each runs on PGlite (a fresh temporary data directory) and, when BENCH_DATABASE_URL or
 * TEST_DATABASE_URL is set, on PostgreSQL in a fresh schema that is dropped afterwards.
 * Each ratio is printed with its target and PASS or FAIL (a FAIL is also counted in the summary); the
 * script still exits 0 (it is a benchmark, not a test).
 *
 *   (c) web (bench/webBench.ts): the committee dashboard under 50 connections (autocannon) next to
 *       /health. Targets p95 < 50 ms and ≥ 30% of /health's throughput.
 *   (d) committee papers (bench/reportsBench.ts): the four report types in the four formats for every
 *       committee of a 2,000-indicator council, on PGlite. Target: a quarterly PDF in under 1 s.
 *   (e) the townhall command (bench/cliBench.ts): read commands on the demo council, each a new process,
 *       ÷ a bare `node -e 0` start. Target ≤ 20×.
 *   (f) a large upload (bench/uploadBench.ts): a ~350,000-row workbook stored and previewed while /health
 *       is asked, read on the server's thread (as before) and in a worker process (now). No target.
 *   (g) committee business (bench/feedsBench.ts): a meeting's page and the iCal feeds of a council of 30
 *       committees × 10 years of meetings under 50 connections, p95 and throughput as ratios to /health's.
 *       Targets as (c): p95 < 50 ms and ≥ 30% of /health's throughput.
 *   (h) the agenda pack (bench/packBench.ts): 12 papers as one PDF next to the papers alone; under 3 s.
 *   (i) national scale (bench/nationalBench.ts, PostgreSQL only, only with BENCH_ONLY=national): 16 million
 *       comparator values loaded with COPY; ranking one indicator across 400 councils (< 100 ms, ≤ 3× a bare
 *       SELECT), recomputing a period's ranks (< 60 s), a council's report with them present (≤ 1.1×).
 *
 * Environment: BENCH_QUICK=1 runs a ~10× smaller data set (for trying the script out);
 * BENCH_ONLY=import|report|web|reports|cli|upload|feeds|pack|national runs one benchmark; BENCH_WEB_SECONDS (default 10) per autocannon run; BENCH_IMPORT_RUNS (default 2), BENCH_REPORT_RUNS (default 10), BENCH_CLI_RUNS (default 5).
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchEngines, openBenchDatabase, type BenchDatabase, type Engine } from './engines.ts';
import { committeeName, countRows, generateSheets, importShape, reportShape, toWorkbookData } from './generate.ts';
import { exceljsRead, importOnce, oneRowWrite, STAGE_MEANING, STAGES, writeImportWorkbook, type ImportRun, type StageName } from './importBench.ts';
import { loadStore, measureReport, type ReportMeasurement } from './reportBench.ts';
import { cliBenchmark, CLI_TARGET } from './cliBench.ts';
import { collectGarbage, count, median, ms, ratio, table, time, verdict } from './stats.ts';
import { reportsBenchmark } from './reportsBench.ts';
import { packBenchmark } from './packBench.ts';
import { nationalBenchmark } from './nationalBench.ts';
import { uploadBenchmark } from './uploadBench.ts';
import { feedsBenchmark } from './feedsBench.ts';
import { webBenchmark } from './webBench.ts';

const QUICK = process.env.BENCH_QUICK === '1';
const ONLY = process.env.BENCH_ONLY ?? '';
const positive = (name: string, fallback: number): number => {
  const n = Number(process.env[name]);
  return Number.isInteger(n) && n > 0 ? n : fallback;
};
const IMPORT_RUNS = positive('BENCH_IMPORT_RUNS', 2);
const ONE_ROW_RUNS = 5;
const REPORT_RUNS = positive('BENCH_REPORT_RUNS', 10);
const IMPORT_TARGET = 1;
const REPORT_TARGET = 2;

const IMPORT_SIZE = QUICK ? { indicators: 100, resultsPerIndicator: 100 } : { indicators: 1000, resultsPerIndicator: 100 };
const REPORT_SIZE = QUICK ? { indicators: 200, planYears: 10, committees: 10 } : { indicators: 2000, planYears: 10, committees: 10 };
const REPORT_REQUEST = { committee: committeeName(3), period: 'Q3 2024/25' };

interface SummaryRow {
  benchmark: string;
  engine: Engine;
  floor: number;
  measured: number;
  target: number;
}

const summary: SummaryRow[] = [];
const cleanups: (() => Promise<void>)[] = [];

function log(text = ''): void {
  process.stdout.write(`${text}\n`);
}

function heading(text: string): void {
  log();
  log(text);
  log('='.repeat(text.length));
}

async function withDatabase<T>(engine: Engine, fn: (db: BenchDatabase) => Promise<T>): Promise<T> {
  const db = await openBenchDatabase(engine);
  cleanups.push(db.dispose);
  try {
    return await fn(db);
  } finally {
    await db.dispose();
  }
}

// (a) Import ----------------------------------------------------------------------------------

async function importBenchmark(workDir: string, engines: Engine[]): Promise<void> {
  heading('(a) Import: ImportService.importFile(.xlsx) into an empty database ÷ exceljs reading the same file');
  const setup = await time(async () => {
    const data = toWorkbookData(generateSheets(importShape(IMPORT_SIZE.indicators, IMPORT_SIZE.resultsPerIndicator)));
    const path = join(workDir, 'import.xlsx');
    await writeImportWorkbook(data, path);
    return { data, path };
  });
  const { data, path } = setup.value;
  const bytes = (await stat(path)).size;
  log(
    `Workbook: ${count(data.settings.length)} plan years, ${count(data.committees.length)} committees, ${count(data.priorities.length)} priorities, ` +
      `${count(data.indicators.length)} indicator rows, ${count(data.targets.length)} targets, ` +
      `${count(data.results.length)} results, ${count(data.actions.length)} action rows ` +
      `(${count(countRows(data))} rows, ${(bytes / 1e6).toFixed(1)} MB .xlsx; generated and written in ${ms(setup.ms)})`,
  );

  // Warm up exceljs and the import code paths' JIT once, untimed.
  await exceljsRead(path);

  const floors = new Map<Engine, number[]>();
  const runs = new Map<Engine, ImportRun[]>();
  const oneRow = new Map<Engine, number>();
  for (const engine of engines) {
    floors.set(engine, []);
    runs.set(engine, []);
    // Alternate floor and import so that background load on the machine affects both alike.
    for (let i = 0; i < IMPORT_RUNS; i++) {
      await collectGarbage();
      floors.get(engine)!.push((await time(() => exceljsRead(path))).ms);
      await collectGarbage();
      const last = i === IMPORT_RUNS - 1;
      const run = await withDatabase(engine, async (db) => {
        const imported = await importOnce(db, path);
        // Once per engine, into the store just imported: a one-row write (what an admin form makes).
        if (last) oneRow.set(engine, await oneRowWrite(db, data, ONE_ROW_RUNS));
        return imported;
      });
      runs.get(engine)!.push(run);
      log(`  ${engine} run ${i + 1}/${IMPORT_RUNS}: exceljs read ${ms(floors.get(engine)!.at(-1)!)}, import ${ms(run.totalMs)} (${count(run.changes)} changes)`);
    }
  }

  log();
  log(`Median of ${IMPORT_RUNS} run(s) each, floor and import alternating:`);
  log();
  const rows: string[][] = [];
  for (const engine of engines) {
    const floor = median(floors.get(engine)!);
    const total = median(runs.get(engine)!.map((r) => r.totalMs));
    rows.push([engine, ms(floor), ms(total), ratio(total, floor), verdict(total, floor, IMPORT_TARGET)]);
    summary.push({ benchmark: 'import ÷ exceljs read', engine, floor, measured: total, target: IMPORT_TARGET });
  }
  log(table(['engine', 'exceljs read (floor)', 'importFile', 'import ÷ read', 'target'], rows));
  log();
  log(`A one-row write (one target changed, ImportService.importData) into the imported store, median of ${ONE_ROW_RUNS}:`);
  log();
  log(
    table(
      ['engine', 'one-row write', '÷ exceljs read'],
      engines.map((engine) => [engine, ms(oneRow.get(engine)!), ratio(oneRow.get(engine)!, median(floors.get(engine)!))]),
    ),
  );

  for (const engine of engines) {
    const engineRuns = runs.get(engine)!;
    const floor = median(floors.get(engine)!);
    const total = median(engineRuns.map((r) => r.totalMs));
    log();
    log(`Where import time goes on ${engine} (onProgress stages, median of ${engineRuns.length}):`);
    log();
    const stageMs = (s: StageName) => median(engineRuns.map((r) => r.stages[s]));
    log(
      table(
        ['stage', 'time', 'share', '× floor', 'covers'],
        STAGES.map((s) => [s, ms(stageMs(s)), `${((stageMs(s) / total) * 100).toFixed(0)}%`, ratio(stageMs(s), floor), STAGE_MEANING[s]]),
      ),
    );
  }
}

// (b) Report ----------------------------------------------------------------------------------

async function reportBenchmark(engines: Engine[]): Promise<void> {
  heading('(b) Report: performanceReport({committee, period}) ÷ a bare SELECT of the rows it reads');
  const setup = await time(async () =>
    toWorkbookData(generateSheets(reportShape(REPORT_SIZE.indicators, REPORT_SIZE.planYears, REPORT_SIZE.committees))),
  );
  const data = setup.value;
  log(
    `Store: ${count(REPORT_SIZE.indicators)} indicators (${count(data.indicators.length)} definitions) over ${REPORT_SIZE.committees} committees, ` +
      `${REPORT_SIZE.planYears} financial years: ${count(data.results.length)} results and ${count(data.targets.length)} targets ` +
      `(40 quarters + 10 year-ends each), ${count(data.actions.length)} key-action updates; generated in ${ms(setup.ms)}, ` +
      `loaded with ImportService.importData (no xlsx).`,
  );
  log(`Report: committee "${REPORT_REQUEST.committee}", period ${REPORT_REQUEST.period}; warm-up once, then ${REPORT_RUNS} runs alternating report and floor.`);

  const measured = new Map<Engine, ReportMeasurement>();
  for (const engine of engines) {
    await collectGarbage();
    await withDatabase(engine, async (db) => {
      const load = await loadStore(db, data);
      log(`  ${engine}: store loaded in ${ms(load.ms)} (${count(load.changes)} changes)`);
      measured.set(engine, await measureReport(db, REPORT_REQUEST, REPORT_RUNS));
    });
  }

  log();
  const rows: string[][] = [];
  for (const engine of engines) {
    const m = measured.get(engine)!;
    const floor = median(m.floorMs);
    const report = median(m.reportMs);
    rows.push([engine, ms(floor), ms(report), ratio(report, floor), verdict(report, floor, REPORT_TARGET)]);
    summary.push({ benchmark: 'report ÷ bare SELECT', engine, floor, measured: report, target: REPORT_TARGET });
  }
  log(table(['engine', 'bare SELECT (floor)', 'performanceReport', 'report ÷ SELECT', 'target'], rows));
  for (const engine of engines) {
    const m = measured.get(engine)!;
    log();
    log(
      `${engine}: the committee has ${count(m.indicators)} indicators in force (${count(m.reportIndicators)} in the report); ` +
        `the floor reads ${count(m.floorRows.results)} results + ${count(m.floorRows.targets)} targets.`,
    );
    log(`Where report time goes on ${engine} (each read alone, median of ${REPORT_RUNS}; the report runs them via Promise.all):`);
    log();
    const floor = median(m.floorMs);
    log(table(['part', 'time', '× floor', 'rows'], m.breakdown.map((b) => [b.name, ms(b.ms), ratio(b.ms, floor), b.rows ? count(b.rows) : '']), 'lrrr'));
  }
}

// ---------------------------------------------------------------------------------------------

let webMissed: { missed: number; total: number } | null = null;
let papersMissed: { missed: number; total: number } | null = null;
let packMissed: { missed: number; total: number } | null = null;
let nationalMissed: { missed: number; total: number } | null = null;
let feedsMissed: { missed: number; total: number } | null = null;

async function main(): Promise<void> {
  const engines = benchEngines();
  log(`Townhall benchmarks${QUICK ? ' (BENCH_QUICK: reduced sizes)' : ''}`);
  log(
    `Node ${process.version}, ${cpus().length} CPU(s) (${cpus()[0]?.model ?? 'unknown'}), load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}; engines: ${engines.join(', ')}`,
  );
  log('Times are wall-clock; only the ratios to the floor measured in the same run are meaningful.');

  const workDir = await mkdtemp(join(tmpdir(), 'townhall-bench-'));
  cleanups.push(() => rm(workDir, { recursive: true, force: true }));
  try {
    if (ONLY === '' || ONLY === 'import') await importBenchmark(workDir, engines);
    if (ONLY === '' || ONLY === 'report') await reportBenchmark(engines);
    // (c) the committee dashboard under load (bench/webBench.ts); BENCH_ONLY=web runs it alone.
    if (ONLY === '' || ONLY === 'web') webMissed = await webBenchmark(engines, log);
    // (d) committee papers in every format (bench/reportsBench.ts); BENCH_ONLY=reports runs it alone.
    if (ONLY === '' || ONLY === 'reports') papersMissed = await reportsBenchmark(log);
    // (e) the townhall command on the demo council (bench/cliBench.ts); BENCH_ONLY=cli runs it alone.
    if (ONLY === '' || ONLY === 'cli') {
      for (const row of await cliBenchmark(log)) {
        summary.push({ benchmark: `townhall ${row.command} ÷ node -e 0`, engine: 'pglite', floor: row.floor, measured: row.measured, target: CLI_TARGET });
      }
    }
    // (f) a large upload next to /health (bench/uploadBench.ts); BENCH_ONLY=upload runs it alone.
    if (ONLY === '' || ONLY === 'upload') await uploadBenchmark(workDir, QUICK, log);
    // (g) committee business: a meeting's page and the iCal feeds (bench/feedsBench.ts); BENCH_ONLY=feeds runs it alone.
    if (ONLY === '' || ONLY === 'feeds') feedsMissed = await feedsBenchmark(engines, QUICK, log);
    // (h) the agenda pack as one PDF (bench/packBench.ts); BENCH_ONLY=pack runs it alone.
    if (ONLY === '' || ONLY === 'pack') packMissed = await packBenchmark(log);
    // (i) national scale on PostgreSQL (bench/nationalBench.ts): run alone (BENCH_ONLY=national), it loads 16 million rows.
    if (ONLY === 'national') nationalMissed = await nationalBenchmark(QUICK, log);
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }

  if (summary.length) heading('Summary');
  if (summary.length) log(
    table(
      ['benchmark', 'engine', 'floor', 'measured', 'ratio', 'target'],
      summary.map((s) => [s.benchmark, s.engine, ms(s.floor), ms(s.measured), ratio(s.measured, s.floor), verdict(s.measured, s.floor, s.target)]),
      'llrrrl',
    ),
  );
  const missed = summary.filter((s) => s.measured / s.floor > s.target);
  log();
  if (summary.length) log(missed.length ? `${missed.length} of ${summary.length} ratios MISS THEIR TARGET.` : `All ${summary.length} ratios meet their targets.`);
  if (papersMissed) log(papersMissed.missed ? 'Committee papers: the quarterly PDF MISSES its target (see (d)).' : 'Committee papers: the quarterly PDF meets its target (see (d)).');
  if (feedsMissed) log(feedsMissed.missed ? `Committee business: ${feedsMissed.missed} of ${feedsMissed.total} targets MISSED (see (g)).` : `Committee business: all ${feedsMissed.total} targets met (see (g)).`);
  if (nationalMissed) log(nationalMissed.missed ? `National scale: ${nationalMissed.missed} of ${nationalMissed.total} goals MISSED (see (i)).` : `National scale: all ${nationalMissed.total} goals met (see (i)).`);
  if (packMissed) log(packMissed.missed ? 'Agenda pack: MISSES its target (see (h)).' : 'Agenda pack: meets its target (see (h)).');
  if (webMissed) log(webMissed.missed ? `Web: ${webMissed.missed} of ${webMissed.total} targets MISSED (see (c)).` : `Web: all ${webMissed.total} targets met (see (c)).`);
}

async function cleanUpAll(): Promise<void> {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
}

process.once('SIGINT', () => {
  void cleanUpAll().finally(() => process.exit(130));
});

try {
  await main();
} catch (error) {
  await cleanUpAll();
  throw error;
}
