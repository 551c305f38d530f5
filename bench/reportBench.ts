/**
 * Report benchmark: `performanceReport({committee, period})` on a large store, against the floor of a
 * bare SELECT of the rows the report reads (that committee's results and targets for the periods
 * the report compares), both through the same Kysely handle.
 */
import { financialYearOf, parsePeriod, periodKey, previousPeriod, samePeriodLastYear } from '../src/domain/periods.ts';
import type { Period } from '../src/domain/types.ts';
import { ReportRepository } from '../src/repositories/reportRepository.ts';
import { ReportService } from '../src/services/performanceReport.ts';
import type { WorkbookData } from '../src/workbook/model.ts';
import type { BenchDatabase } from './engines.ts';
import { median, sample, time } from './stats.ts';

export interface ReportRequest {
  committee: string;
  period: string;
}

export async function loadStore(db: BenchDatabase, data: WorkbookData): Promise<{ ms: number; changes: number }> {
  const { ms, value } = await time(() => db.app.imports.importData(data, { actor: 'bench', reason: 'benchmark store' }));
  if (!value.ok) throw new Error(`Loading the report store failed: ${JSON.stringify(value.errors.slice(0, 3))}`);
  return { ms, changes: value.changes.length };
}

/** The periods the report reads, as the report service derives them. */
export function reportPeriods(periodText: string): { planYear: number; results: string[]; targets: string[] } {
  const period = parsePeriod(periodText);
  if (!period) throw new Error(`Not a period: ${periodText}`);
  const planYear = financialYearOf(period);
  const year = (startYear: number): Period => ({ kind: 'year', startYear });
  return {
    planYear,
    results: [...new Set([period, samePeriodLastYear(period), previousPeriod(period), year(planYear - 1)].map(periodKey))],
    targets: [...new Set([period, year(planYear), year(planYear - 1)].map(periodKey))],
  };
}

export interface ReportMeasurement {
  reportMs: number[];
  floorMs: number[];
  indicators: number;
  floorRows: { results: number; targets: number };
  reportIndicators: number;
  /** Median ms of each repository read on its own, and of the report built from cached reads. */
  breakdown: { name: string; ms: number; rows: number }[];
}

export async function measureReport(db: BenchDatabase, request: ReportRequest, runs: number): Promise<ReportMeasurement> {
  const kdb = db.handle.db;
  const repo = new ReportRepository(kdb);
  const committee = await repo.findCommittee(request.committee);
  if (!committee) throw new Error(`No committee ${request.committee}`);
  const periods = reportPeriods(request.period);
  const ids = (await repo.indicatorsInForce(committee.id, periods.planYear)).map((i) => i.indicatorId);

  const floor = async () => {
    const results = await kdb
      .selectFrom('result')
      .selectAll()
      .where('indicator_id', 'in', ids)
      .where('period', 'in', periods.results)
      .execute();
    const targets = await kdb
      .selectFrom('target')
      .select(['indicator_id', 'period', 'spec', 'printed', 'reason'])
      .where('indicator_id', 'in', ids)
      .where('period', 'in', periods.targets)
      .execute();
    return { results: results.length, targets: targets.length };
  };
  // A new ReportService for every report: the service keeps built reports (by data version), and this
  // measures building one.
  const report = () => new ReportService(repo).performanceReport(request);

  // Alternate report and floor runs so that background load affects both alike.
  await report();
  const floorRows = await floor();
  const reportMs: number[] = [];
  const floorMs: number[] = [];
  let reportIndicators = 0;
  for (let i = 0; i < runs; i++) {
    const r = await time(report);
    reportMs.push(r.ms);
    reportIndicators = r.value.indicators.length;
    floorMs.push((await time(floor)).ms);
  }

  return { reportMs, floorMs, indicators: ids.length, floorRows, reportIndicators, breakdown: await breakdown(repo, committee.id, request, ids, periods, runs) };
}

/**
 * Where a report's time goes: each repository read the report makes, timed alone (median of `runs`),
 * and the report assembled from reads that were cached beforehand (the JavaScript part).
 */
async function breakdown(
  repo: ReportRepository,
  committeeId: number,
  request: ReportRequest,
  ids: number[],
  periods: ReturnType<typeof reportPeriods>,
  runs: number,
): Promise<{ name: string; ms: number; rows: number }[]> {
  const key = periodKey(parsePeriod(request.period)!);
  const size = (v: unknown): number =>
    v instanceof Map || v instanceof Set ? v.size : Array.isArray(v) ? v.length : v === null || v === undefined ? 0 : 1;
  // The report asks two questions only of some indicators (performanceReport.ts): whether one without a
  // result this period has a target this plan year, and the first plan year of one without a result for
  // the same period last year.
  const found = new Set((await repo.results(ids, periods.results)).map((r) => `${r.indicatorId}|${r.period}`));
  const lastYear = periodKey(samePeriodLastYear(parsePeriod(request.period)!));
  const withoutResult = ids.filter((id) => !found.has(`${id}|${key}`));
  const withoutLastYear = ids.filter((id) => !found.has(`${id}|${lastYear}`));
  const reads: [string, () => Promise<unknown>][] = [
    ['dataVersion', () => repo.dataVersion()],
    ['findCommittee', () => repo.findCommittee(request.committee)],
    ['planYear', () => repo.planYear(periods.planYear)],
    ['indicatorsInForce', () => repo.indicatorsInForce(committeeId, periods.planYear)],
    ['targets', () => repo.targets(ids, periods.targets)],
    ['results', () => repo.results(ids, periods.results)],
    ['benchmarks', () => repo.benchmarks(ids, [key])],
    [`indicatorsWithTargetsIn (${withoutResult.length} without a result)`, () => repo.indicatorsWithTargetsIn(withoutResult, periods.planYear)],
    [`firstYears (${withoutLastYear.length} without last year's)`, () => repo.firstYears(withoutLastYear)],
    ['keyActions', () => repo.keyActions(committeeId, key)],
    ['councilName', () => repo.councilName()],
    ['panels', () => repo.panels(committeeId, key)],
    ['paperDetails', () => repo.paperDetails(committeeId, key)],
  ];
  const out: { name: string; ms: number; rows: number }[] = [];
  for (const [name, read] of reads) {
    const rows = size(await read());
    out.push({ name: `repo.${name}`, ms: median(await sample(runs, read, 0)), rows });
  }

  // The same report over a repository whose every read was made once beforehand: pure JavaScript.
  const cache = new Map<string, unknown>();
  const cached = new Proxy(repo, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const k = `${String(prop)}:${JSON.stringify(args)}`;
        if (!cache.has(k)) cache.set(k, (value as (...a: unknown[]) => unknown).apply(target, args));
        return cache.get(k);
      };
    },
  });
  const build = () => new ReportService(cached).performanceReport(request);
  out.push({ name: 'report built from cached reads (JS only)', ms: median(await sample(runs, build)), rows: 0 });
  return out;
}
