/**
 * Web benchmark (issue 3 item 9; a benchmark, not a test): the public committee dashboard under 50
 * concurrent connections with autocannon, next to the same server's `/health`. The server runs in
 * this process on 127.0.0.1 on a port the benchmark opens (port 0: the system picks a free one);
 * each run lasts BENCH_WEB_SECONDS (default 10) and stops by itself; the server is closed after.
 *
 * Targets: dashboard p95 latency < 50 ms, and dashboard throughput ≥ 30% of `/health`'s, both judged on
 * requests without Accept-Encoding (the page sent whole); the same page as a browser asks for it
 * (compressed) is printed beside, not counted.
 * p95 is computed from every response time autocannon reports (its histogram has p90 and p97.5).
 *
 * A third run asks for the dashboard with a unique `?x=N` on every request (a query string the page does
 * not read): the public page cache must answer it as the plain page, not rebuild it each time. It is
 * compared with a run asking for the same `?x=0` every time, its requests built the same way: autocannon
 * runs in this process, and building each request anew costs it time the server then does not get, which
 * the plain run's prebuilt requests do not pay (issue 9, deliver 5: "the same throughput as without").
 *
 * The dashboard is measured twice: with NODE_ENV=production (templates compiled once, as a deployment
 * should run) and with NODE_ENV unset, as `npm start` runs it (templates are compiled once either way;
 * only NODE_ENV=development recompiles them on every request, as the profile shows). Then a profile of one dashboard request: what its parts cost alone.
 *
 * Then pages no cache answers, under 200 connections (issue 9, deliver 5: "uncached pages on PGlite hold
 * 200 connections without timeouts"): a public indicator page (not a cached route) and the dashboard as a
 * signed-in councillor sees it (signed-in users are never served from the page cache), next to /health,
 * each counting timeouts (no answer within autocannon's 10 s), errors and non-2xx answers. No target: a
 * timeout or an error is a failure, printed as such.
 */
import autocannon from 'autocannon';
import { loadDemoIfEmpty, type App } from '../src/app.ts';
import type { DatabaseHandle } from '../src/db/connection.ts';
import { ReportRepository } from '../src/repositories/reportRepository.ts';
import { buildDashboardView } from '../src/web/components/dashboard/viewModel.ts';
import { loadConfig } from '../src/config.ts';
import { buildServer } from '../src/web/server.ts';
import { createViewEnvironment } from '../src/web/views.ts';
import { SESSION_COOKIE } from '../src/web/auth/plugin.ts';
import { openBenchDatabase, type Engine } from './engines.ts';
import { count, median, sample, table } from './stats.ts';

const CONNECTIONS = 50;
/** Connections for the pages no cache answers (issue 9, deliver 5). */
const UNCACHED_CONNECTIONS = 200;
/** A public page outside the page cache: the demo's CG/C27 (its results over the years and its chart). */
export const INDICATOR_PATH = '/indicators/cg-c27';
const P95_TARGET_MS = 50;
const THROUGHPUT_TARGET = 0.3;
export const DASHBOARD_PATH = '/committees/community-leadership-committee/2018-19-q2';
/** What every current browser sends: the public page cache answers it with the page compressed once (src/web/publicCache.ts). */
const BROWSER_HEADERS = { 'accept-encoding': 'gzip, deflate, br, zstd' };

export interface Load {
  path: string;
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  non2xx: number;
  errors: number;
  /** Requests not answered within autocannon's timeout (10 s); autocannon counts them among `errors` too. */
  timeouts: number;
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * One autocannon run against `base + path`; response times collected for exact percentiles.
 * `query` 'unique': every request asks for `path?x=N` with its own N, as a visitor trying to bypass the
 * public page cache would; 'same': `path?x=0` every time, each request built the same way (the control).
 */
export async function load(
  base: string,
  path: string,
  seconds: number,
  connections = CONNECTIONS,
  headers: Record<string, string> = {},
  query: 'none' | 'same' | 'unique' = 'none',
): Promise<Load> {
  const times: number[] = [];
  let n = 0;
  const requests =
    query === 'none' ? undefined : [{ setupRequest: (request: autocannon.Request) => ({ ...request, path: `${path}?x=${query === 'unique' ? ++n : 0}` }) }];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url: base + path, connections, duration: seconds, headers: { accept: 'text/html', ...headers }, requests }, (error, r) =>
      error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(r),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      times.push(responseTime);
    });
  });
  times.sort((a, b) => a - b);
  return {
    path,
    requests: result.requests.total,
    perSecond: result.requests.total / result.duration,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

const msText = (v: number) => (Number.isFinite(v) ? `${v.toFixed(1)} ms` : '-');

export async function webBenchmark(engines: Engine[], log: (text?: string) => void): Promise<{ missed: number; total: number }> {
  const seconds = Number(process.env.BENCH_WEB_SECONDS) > 0 ? Number(process.env.BENCH_WEB_SECONDS) : 10;
  const title = `(c) Web: committee dashboard (${DASHBOARD_PATH}, public) vs /health, ${CONNECTIONS} connections, ${seconds} s each (autocannon)`;
  log();
  log(title);
  log('='.repeat(title.length));
  let missed = 0;
  let total = 0;
  for (const engine of engines) {
    const db = await openBenchDatabase(engine);
    try {
      await loadDemoIfEmpty(db.app);
      const run = async (production: boolean) => {
        const server = buildServer(db.app, { config: loadConfig(production ? { NODE_ENV: 'production' } : {}) });
        try {
          const base = await server.listen({ port: 0, host: '127.0.0.1' });
          // Warm up both routes (JIT, template cache, database caches), untimed.
          await load(base, '/health', 2, 10);
          await load(base, DASHBOARD_PATH, 2, 10);
          return {
            base,
            health: await load(base, '/health', seconds),
            dashboard: await load(base, DASHBOARD_PATH, seconds),
            browser: production ? await load(base, DASHBOARD_PATH, seconds, CONNECTIONS, BROWSER_HEADERS) : null,
            same: production ? await load(base, DASHBOARD_PATH, seconds, CONNECTIONS, {}, 'same') : null,
            unique: production ? await load(base, DASHBOARD_PATH, seconds, CONNECTIONS, {}, 'unique') : null,
          };
        } finally {
          await server.close();
        }
      };
      const prod = await run(true);
      const dev = await run(false);
      const share = prod.dashboard.perSecond / prod.health.perSecond;
      const p95ok = prod.dashboard.p95 < P95_TARGET_MS;
      const shareOk = share >= THROUGHPUT_TARGET;
      total += 2;
      missed += Number(!p95ok) + Number(!shareOk);
      log();
      log(`${engine}: demo council on ${db.where}; servers on 127.0.0.1 (port 0)`);
      log();
      const row = (label: string, l: Load) => [label, count(l.requests), count(Math.round(l.perSecond)), msText(l.p50), msText(l.p95), msText(l.p99), count(l.non2xx), count(l.errors)];
      log(
        table(
          ['route', 'requests', 'req/s', 'p50', 'p95', 'p99', 'non-2xx', 'errors'],
          [
            row('/health (NODE_ENV=production)', prod.health),
            row('dashboard (NODE_ENV=production)', prod.dashboard),
            row('dashboard, as a browser asks (Accept-Encoding)', prod.browser!),
            row('dashboard, the same ?x=0, each request built anew', prod.same!),
            row('dashboard, a unique ?x=N per request', prod.unique!),
            row('/health (NODE_ENV unset, as npm start)', dev.health),
            row('dashboard (NODE_ENV unset, as npm start)', dev.dashboard),
          ],
          'lrrrrrrr',
        ),
      );
      log();
      log(`dashboard p95 ${msText(prod.dashboard.p95)}: ${p95ok ? 'meets' : 'MISSES'} target (< ${P95_TARGET_MS} ms)`);
      log(`dashboard throughput = ${(share * 100).toFixed(1)}% of /health: ${shareOk ? 'meets' : 'MISSES'} target (≥ ${THROUGHPUT_TARGET * 100}%)`);
      log(`  (as a browser asks, with Accept-Encoding: ${((prod.browser!.perSecond / prod.health.perSecond) * 100).toFixed(1)}% of /health, p95 ${msText(prod.browser!.p95)}; not counted)`);
      log(
        `  (a unique ?x=N per request, which the page does not read: ${((prod.unique!.perSecond / prod.same!.perSecond) * 100).toFixed(1)}% of the throughput with the same ?x=0 each time (requests built alike), ${((prod.unique!.perSecond / prod.dashboard.perSecond) * 100).toFixed(1)}% of the plain dashboard's; p95 ${msText(prod.unique!.p95)}; not counted)`,
      );
      for (const l of [prod.dashboard, prod.browser!, prod.same!, prod.unique!, dev.dashboard]) {
        if (l.non2xx || l.errors) log(`WARNING: ${l.non2xx} non-2xx responses and ${l.errors} errors from the dashboard`);
      }
      log();
      log(`Pages no cache answers on ${engine}, ${UNCACHED_CONNECTIONS} connections, ${seconds} s each (NODE_ENV=production):`);
      log();
      const uncached = await uncachedLoad(db.app, seconds);
      log(table(['route', 'requests', 'req/s', 'p50', 'p95', 'p99', 'non-2xx', 'errors', 'timeouts'], uncached.map((u) => [...row(u.label, u.load), count(u.load.timeouts)]), 'lrrrrrrrr'));
      for (const u of uncached) {
        total += 1;
        const failed = u.load.timeouts + u.load.errors + u.load.non2xx;
        if (failed) missed += 1;
        log(`${u.label}: ${failed ? `FAILS: ${u.load.timeouts} timeouts, ${u.load.errors} errors, ${u.load.non2xx} non-2xx` : 'no timeouts, errors or non-2xx answers'}`);
      }
      log();
      log(`Where one dashboard request's time goes on ${engine} (each part alone, median of 20, no load):`);
      log();
      log(table(['part', 'time', 'queries'], (await profileDashboard(db.app, db.handle)).map((p) => [p.name, msText(p.ms), p.queries === null ? '' : String(p.queries)]), 'lrr'));
    } finally {
      await db.dispose();
    }
  }
  return { missed, total };
}

/**
 * Pages no cache answers under UNCACHED_CONNECTIONS connections: /health, a public indicator page, and the
 * dashboard for a signed-in councillor (a session made through the account service, as signing in does).
 */
async function uncachedLoad(app: App, seconds: number): Promise<{ label: string; load: Load }[]> {
  const email = `bench-councillor-${process.pid}@townhall.example`;
  const existing = (await app.accounts.listUsers()).find((u) => u.email === email);
  const userId = existing?.id ?? (await app.accounts.createUser({ email, name: 'Bench councillor', role: 'councillor', password: 'bench password long enough 42' }, 'bench')).id;
  const cookie = `${SESSION_COOKIE}=${await app.accounts.createSession(userId)}`;
  const server = buildServer(app, { config: loadConfig({ NODE_ENV: 'production' }) });
  try {
    const base = await server.listen({ port: 0, host: '127.0.0.1' });
    await load(base, INDICATOR_PATH, 2, 10);
    await load(base, DASHBOARD_PATH, 2, 10, { cookie });
    return [
      { label: '/health', load: await load(base, '/health', seconds, UNCACHED_CONNECTIONS) },
      { label: `public indicator page (${INDICATOR_PATH}, not cached)`, load: await load(base, INDICATOR_PATH, seconds, UNCACHED_CONNECTIONS) },
      { label: 'dashboard, signed in (a councillor: never cached)', load: await load(base, DASHBOARD_PATH, seconds, UNCACHED_CONNECTIONS, { cookie }) },
    ];
  } finally {
    await server.close();
  }
}

/** Times the parts of one dashboard request on their own, counting the SQL statements each runs. */
async function profileDashboard(app: App, handle: DatabaseHandle): Promise<{ name: string; ms: number; queries: number | null }[]> {
  const executor = handle.db.getExecutor();
  const original = executor.executeQuery.bind(executor);
  let queries = 0;
  (executor as { executeQuery: typeof executor.executeQuery }).executeQuery = ((...args: Parameters<typeof executor.executeQuery>) => {
    queries += 1;
    return original(...args);
  }) as typeof executor.executeQuery;
  const parts: { name: string; ms: number; queries: number | null }[] = [];
  const part = async (name: string, fn: () => Promise<unknown>, counted = true) => {
    queries = 0;
    await fn();
    const n = queries;
    parts.push({ name, ms: median(await sample(20, fn)), queries: counted ? n : null });
  };
  try {
    const repo = new ReportRepository(handle.db);
    const committee = (await repo.listCommittees()).find((c) => c.slug === 'community-leadership-committee')!;
    const request = { committee: committee.slug, period: 'Q2 2018/19' };
    const audience = { includeUnpublished: false };
    const server = buildServer(app, { config: loadConfig({ NODE_ENV: 'production' }) });
    await server.ready();
    await part('whole request (inject, NODE_ENV=production)', () => server.inject(DASHBOARD_PATH));
    await server.close();
    const devServer = buildServer(app, { config: loadConfig({}) });
    await devServer.ready();
    await part('whole request (inject, NODE_ENV unset)', () => devServer.inject(DASHBOARD_PATH));
    await devServer.close();
    await part('  committee by slug (listCommittees)', () => repo.listCommittees());
    await part('  publication.status', () => app.publication.status(committee.id, '2018-Q2'));
    await part('  reports.performanceReport', () => app.reports.performanceReport(request));
    await part('  publication.visiblePeriods', () => app.publication.visiblePeriods(committee.id, audience));
    const report = await app.reports.performanceReport(request);
    const periods = await app.publication.visiblePeriods(committee.id, audience);
    await part('  buildDashboardView', async () => buildDashboardView({ report, query: {}, periods, status: null }), false);
    const view = { ...buildDashboardView({ report, query: {}, periods, status: null }), serviceName: 'Townhall', currentPath: DASHBOARD_PATH };
    const cached = createViewEnvironment({ recompile: false });
    await part('  render dashboard.njk (templates cached)', async () => cached.render('dashboard/dashboard.njk', view), false);
    const uncached = createViewEnvironment({ recompile: true });
    await part('  render dashboard.njk (recompiled: NODE_ENV=development)', async () => uncached.render('dashboard/dashboard.njk', view), false);
  } finally {
    (executor as { executeQuery: typeof executor.executeQuery }).executeQuery = original;
  }
  return parts;
}
