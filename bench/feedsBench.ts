/**
 * Committee business under load (issue 11, deliver 13; a benchmark, not a test): a council of 30 committees
 * × 10 years of monthly meetings (3,600 meetings), 300 councillors and their memberships, built with bulk
 * writes through the services (a cycle of 120 meetings per committee in one transaction, as a governance
 * officer makes it). Then, under 50 connections (autocannon) on one server in this process, next to the
 * same server's /health: a meeting's page, a committee's iCal feed (120 meetings) and the council's iCal
 * feed (every meeting; also as calendar apps ask for it, gzip-compressed). Each is printed with p95 and throughput, and as ratios to /health's: p95 ÷ /health's
 * p95 and throughput ÷ /health's throughput. Targets, as for the dashboard in (c): p95 < 50 ms and at least
 * 30% of /health's throughput (the council's whole feed, 3,600 events, is printed but not counted).
 *
 * BENCH_ONLY=feeds runs it alone; BENCH_QUICK=1 builds 30 committees × 2 years; BENCH_WEB_SECONDS per run.
 */
import { loadConfig } from '../src/config.ts';
import { buildServer } from '../src/web/server.ts';
import type { App } from '../src/app.ts';
import { openBenchDatabase, type Engine } from './engines.ts';
import { generateSheets, reportShape, toWorkbookData } from './generate.ts';
import { count, ms, table, time } from './stats.ts';
import { load, type Load } from './webBench.ts';

const CONNECTIONS = 50;
const COMMITTEES = 30;
const P95_TARGET_MS = 50;
const THROUGHPUT_TARGET = 0.3;
const ACTOR = { email: 'bench@townhall.example', role: 'governance-officer' as const };
const NONE = { day: '', month: '', year: '' };

interface Council {
  committees: number;
  meetings: number;
  people: number;
  memberships: number;
  meetingPath: string;
  committeeFeedPath: string;
  committeeMeetings: number;
}

/** 30 committees (the import), 10 councillors each and 3 substitutes, and a cycle of monthly meetings each. */
async function buildCouncil(app: App, years: number): Promise<Council> {
  const imported = await app.imports.importData(toWorkbookData(generateSheets(reportShape(COMMITTEES * 2, 1, COMMITTEES))), { actor: 'bench', reason: 'benchmark council' });
  if (!imported.ok) throw new Error(`The bench council does not import: ${JSON.stringify(imported.errors.slice(0, 3))}`);
  const committees = (await app.organisation.committees()).slice(0, COMMITTEES);
  let people = 0;
  let memberships = 0;
  let meetings = 0;
  for (const [c, committee] of committees.entries()) {
    for (let i = 0; i < 13; i++) {
      const person = await app.committeeBusiness.addPerson({ name: `Member ${c + 1}-${i + 1} Bench`, kind: 'councillor', party: ['Conservative', 'Labour', 'Liberal Democrat'][i % 3], ward: `Ward ${(c * 13 + i) % 24}` }, ACTOR);
      people += 1;
      const role = i === 0 ? 'chairman' : i === 1 ? 'vice-chairman' : i < 10 ? 'member' : 'substitute';
      await app.committeeBusiness.addMembership(committee.slug, { person: person.slug, role, from: { day: '1', month: '1', year: '2016' }, to: NONE }, ACTOR);
      memberships += 1;
    }
    const cycle = {
      committee: committee.slug,
      from: { day: '1', month: '1', year: '2016' },
      to: { day: '31', month: '12', year: String(2016 + years - 1) },
      weekday: 'Wednesday',
      week: '3',
      pattern: 'per-year',
      months: [],
      perYear: '12',
      startTime: '19:00',
      venue: 'Hendon Town Hall, The Burroughs, London NW4 4BG',
    };
    const preview = await app.meetings.previewCycle(cycle);
    meetings += (await app.meetings.addCycle(cycle, preview.dates.map((d) => d.date), ACTOR)).length;
  }
  const first = committees[0]!;
  const ofFirst = await app.meetings.meetings({ committeeIds: [first.id] });
  const middle = ofFirst[Math.floor(ofFirst.length / 2)]!;
  return { committees: committees.length, meetings, people, memberships, meetingPath: `/meetings/${middle.id}`, committeeFeedPath: `/committees/${first.slug}/meetings.ics`, committeeMeetings: ofFirst.length };
}

const msText = (v: number) => (Number.isFinite(v) ? `${v.toFixed(1)} ms` : '-');

export async function feedsBenchmark(engines: Engine[], quick: boolean, log: (text?: string) => void): Promise<{ missed: number; total: number }> {
  const seconds = Number(process.env.BENCH_WEB_SECONDS) > 0 ? Number(process.env.BENCH_WEB_SECONDS) : 10;
  const years = quick ? 2 : 10;
  const title = `(g) Committee business: a meeting's page and the iCal feeds of ${COMMITTEES} committees × ${years} years of meetings vs /health, ${CONNECTIONS} connections, ${seconds} s each (autocannon)`;
  log();
  log(title);
  log('='.repeat(title.length));
  let missed = 0;
  let total = 0;
  for (const engine of engines) {
    const db = await openBenchDatabase(engine);
    try {
      const built = await time(() => buildCouncil(db.app, years));
      const council = built.value;
      log();
      log(
        `${engine}: ${count(council.committees)} committees, ${count(council.people)} councillors, ${count(council.memberships)} memberships, ${count(council.meetings)} meetings ` +
          `(built through the services in ${ms(built.ms)}; ${db.where})`,
      );
      const server = buildServer(db.app, { config: loadConfig({ NODE_ENV: 'production' }) });
      const runs: { label: string; path: string; counted: boolean; headers?: Record<string, string>; load?: Load }[] = [
        { label: '/health', path: '/health', counted: false },
        { label: `a meeting's page (${council.meetingPath})`, path: council.meetingPath, counted: true },
        { label: `a committee's iCal feed (${count(council.committeeMeetings)} meetings)`, path: council.committeeFeedPath, counted: true },
        { label: `the council's iCal feed (${count(council.meetings)} meetings)`, path: '/meetings.ics', counted: false },
        { label: `the council's iCal feed, gzip (as calendar apps ask)`, path: '/meetings.ics', counted: false, headers: { 'accept-encoding': 'gzip' } },
      ];
      try {
        const base = await server.listen({ port: 0, host: '127.0.0.1' });
        for (const r of runs) await load(base, r.path, 2, 10);
        for (const r of runs) r.load = await load(base, r.path, seconds, CONNECTIONS, r.headers ?? {});
      } finally {
        await server.close();
      }
      const health = runs[0]!.load!;
      log();
      log(
        table(
          ['route', 'requests', 'req/s', 'p50', 'p95', 'p99', 'p95 ÷ /health', 'req/s ÷ /health', 'non-2xx', 'errors'],
          runs.map(({ label, load: l }) => [
            label,
            count(l!.requests),
            count(Math.round(l!.perSecond)),
            msText(l!.p50),
            msText(l!.p95),
            msText(l!.p99),
            `${(l!.p95 / health.p95).toFixed(1)}×`,
            `${((l!.perSecond / health.perSecond) * 100).toFixed(1)}%`,
            count(l!.non2xx),
            count(l!.errors),
          ]),
          'lrrrrrrrrr',
        ),
      );
      log();
      for (const r of runs.filter((r) => r.counted)) {
        const l = r.load!;
        const p95ok = l.p95 < P95_TARGET_MS;
        const share = l.perSecond / health.perSecond;
        const shareOk = share >= THROUGHPUT_TARGET;
        total += 2;
        missed += Number(!p95ok) + Number(!shareOk);
        log(`${r.label}: p95 ${msText(l.p95)} ${p95ok ? 'meets' : 'MISSES'} < ${P95_TARGET_MS} ms; throughput ${(share * 100).toFixed(1)}% of /health ${shareOk ? 'meets' : 'MISSES'} ≥ ${THROUGHPUT_TARGET * 100}%`);
        if (l.non2xx || l.errors) log(`WARNING: ${l.non2xx} non-2xx responses and ${l.errors} errors`);
      }
    } finally {
      await db.dispose();
    }
  }
  return { missed, total };
}
