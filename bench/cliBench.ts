/**
 * The `townhall` command benchmark (`BENCH_ONLY=cli npm run bench`): read commands on the demo council,
 * each run as a user runs it — a new `node bin/townhall.js …` process on an embedded data directory
 * (loaded with the demo, as `npm start` does on first start) — timed from spawn to exit, ÷ a bare
 * `node -e 0` start measured alternately in the same run. Target: each command ≤ 20× the bare start
 * (issue 10: under 2 s on the development machine, where a bare start takes ~100 ms; ADR 0014).
 *
 * The bundle (.cache/cli) is built once before timing, as the first command after an edit would.
 * PostgreSQL is not timed here: a command on it starts no embedded database. BENCH_CLI_RUNS (default 5)
 * runs of each command, median. A missed target is printed as MISSES TARGET; the script exits 0.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDemoIfEmpty, openApp } from '../src/app.ts';
import { median, ms, ratio, table, time, verdict } from './stats.ts';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const BIN = join(ROOT, 'bin', 'townhall.js');
export const CLI_TARGET = 20;

const positive = (name: string, fallback: number): number => {
  const n = Number(process.env[name]);
  return Number.isInteger(n) && n > 0 ? n : fallback;
};

interface Command {
  name: string;
  args: string[];
  /** Exit code the command gives on the demo (check: 1, it finds contradictions). */
  code: number;
}

const NEW_NAME = 'Community Leadership and Libraries Committee';
const OLD_NAME = 'Community Leadership Committee';

function commands(out: string): Command[] {
  return [
    { name: '--help (no database)', args: ['--help'], code: 0 },
    { name: 'check', args: ['check'], code: 1 },
    { name: 'report performance (md)', args: ['report', 'performance', '--committee', NEW_NAME, '--period', 'Q2 2018/19', '--format', 'md'], code: 0 },
    { name: 'report performance (json)', args: ['report', 'performance', '--committee', OLD_NAME, '--period', '2016/17'], code: 0 },
    { name: 'report quarterly (html)', args: ['report', 'quarterly', '--committee', NEW_NAME, '--period', 'Q2 2018/19', '--format', 'html'], code: 0 },
    { name: 'report annual (md)', args: ['report', 'annual', '--committee', OLD_NAME, '--period', '2016/17', '--format', 'md'], code: 0 },
    { name: 'report dashboard (pdf)', args: ['report', 'dashboard', '--unit', 'Community Safety', '--period', 'Q2 2018/19', '--format', 'pdf', '--out', join(out, 'dashboard.pdf')], code: 0 },
    { name: 'report quarterly (pdf)', args: ['report', 'quarterly', '--committee', NEW_NAME, '--period', 'Q2 2018/19', '--format', 'pdf', '--out', join(out, 'q2.pdf')], code: 0 },
    { name: 'export (csv)', args: ['export', join(out, 'export')], code: 0 },
    { name: 'publish (open data)', args: ['publish', '--out', join(out, 'open-data')], code: 0 },
  ];
}

/** Runs a process to its end; returns its wall-clock time. Throws when it does not exit as expected. */
function timed(argv: string[], env: NodeJS.ProcessEnv, expected: number): number {
  const started = performance.now();
  const child = spawnSync(process.execPath, argv, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  const elapsed = performance.now() - started;
  if (child.status !== expected) {
    throw new Error(`node ${argv.join(' ')} exited ${child.status} (expected ${expected}):\n${child.stderr}`);
  }
  return elapsed;
}

export interface CliRow {
  command: string;
  floor: number;
  measured: number;
}

export async function cliBenchmark(log: (text?: string) => void = (t = '') => process.stdout.write(`${t}\n`)): Promise<CliRow[]> {
  const runs = positive('BENCH_CLI_RUNS', 5);
  log();
  const title = '(e) The townhall command: read commands on the demo council, each a new process ÷ `node -e 0`';
  log(title);
  log('='.repeat(title.length));
  const dir = await mkdtemp(join(tmpdir(), 'townhall-bench-cli-'));
  try {
    const dataDir = join(dir, 'data');
    const load = await time(async () => {
      const app = await openApp({ DATABASE_URL: undefined, DATA_DIR: dataDir });
      try {
        await loadDemoIfEmpty(app);
      } finally {
        await app.close();
      }
    });
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
    delete env.DATABASE_URL;
    // Build the bundle if an edit made it stale, untimed (the first command after an edit pays this once).
    const build = timed([BIN, '--help'], env, 0);
    log(`Demo council loaded into ${dataDir} in ${ms(load.ms)}; bundle checked or built in ${ms(build)}; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}.`);
    log(`${runs} runs of each command, alternating with a bare \`node -e 0\`; medians.`);
    log();
    const rows: CliRow[] = [];
    for (const command of commands(dir)) {
      const floors: number[] = [];
      const times: number[] = [];
      timed([BIN, ...command.args], env, command.code); // warm the file cache, untimed
      for (let i = 0; i < runs; i++) {
        floors.push(timed(['-e', '0'], env, 0));
        times.push(timed([BIN, ...command.args], env, command.code));
      }
      rows.push({ command: command.name, floor: median(floors), measured: median(times) });
    }
    log(
      table(
        ['command', 'node -e 0 (floor)', 'townhall', 'ratio', 'target'],
        rows.map((r) => [r.command, ms(r.floor), ms(r.measured), ratio(r.measured, r.floor), verdict(r.measured, r.floor, CLI_TARGET)]),
        'lrrrl',
      ),
    );
    return rows;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await cliBenchmark();
}
