/**
 * (f) A large upload's preview next to /health (issue 9, deliver 3; a benchmark, not a test). Issue 9
 * found a 6.3 MB workbook of ~600,000 rows taking 30–58 s to preview, holding /health for up to 12.8 s
 * and raising the server's memory from 0.6 to 3.3 GB, on every view. Here a generated workbook of about
 * 350,000 rows (BENCH_QUICK: about 35,000) is uploaded through the upload service while autocannon asks
 * /health over 10 connections, twice: read on the server's own thread (as before ADR 0006, an
 * UploadReader written here for the comparison) and in a worker process (WorkbookWorkerPool, as shipped).
 * For each: the time to store and preview it, /health's answers meanwhile (count, p50, p99, the longest),
 * the server's event-loop delay (the longest stall), and the server process's resident memory, the most
 * seen. Then the kept preview is viewed again: the time of a second view.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { loadConfig } from '../src/config.ts';
import { createRepositories } from '../src/repositories/index.ts';
import { planWithSnapshot, readAndValidate } from '../src/services/importCheck.ts';
import { snapshotScope } from '../src/services/importPlan.ts';
import { UploadImportService } from '../src/services/uploadImportService.ts';
import { previewOf, type UploadReader } from '../src/services/uploadPreview.ts';
import { buildServer } from '../src/web/server.ts';
import { writeWorkbook } from '../src/workbook/write.ts';
import { openBenchDatabase } from './engines.ts';
import { countRows, generateSheets, importShape, toWorkbookData } from './generate.ts';
import { count, table } from './stats.ts';

/** The upload read on the server's own thread, as before the worker (for the comparison only). */
const onThisThread: UploadReader = {
  check: (path, name) => readAndValidate(path, name),
  preview: async (path, name, snapshot) => {
    const checked = await readAndValidate(path, name);
    return previewOf(planWithSnapshot(checked, checked.nothingRead ? null : await snapshot(snapshotScope(checked.data))));
  },
};

const msText = (v: number) => (Number.isFinite(v) ? `${v.toFixed(0)} ms` : '-');

export async function uploadBenchmark(workDir: string, quick: boolean, log: (text?: string) => void): Promise<void> {
  const title = '(f) A large upload previewed next to /health (10 connections), on PGlite';
  log();
  log(title);
  log('='.repeat(title.length));
  const data = toWorkbookData(generateSheets(importShape(quick ? 240 : 2400, 100)));
  const path = join(workDir, 'upload.xlsx');
  await writeWorkbook(data, path, 'xlsx');
  const bytes = await readFile(path);
  log(`A workbook of ${count(countRows(data))} rows, ${(bytes.length / 1e6).toFixed(1)} MB, uploaded into an empty database.`);
  const db = await openBenchDatabase('pglite');
  try {
    const user = await db.app.accounts.createUser({ email: 'bench-officer@townhall.example', name: 'Bench officer', role: 'performance-officer', password: 'bench password long enough 42' }, 'bench');
    const sessionId = (await db.app.accounts.sessionFor(await db.app.accounts.createSession(user.id)))!.sessionId;
    const rows: string[][] = [];
    // The worker first: memory a run leaves in this process's heap would count in the next run's figure.
    for (const [label, reader] of [
      ['in a worker process (now)', db.app.workbooks],
      ['on the server’s thread (before)', onThisThread],
    ] as const) {
      const uploads = new UploadImportService(createRepositories(db.handle), { reader, dataVersion: db.app.dataVersion });
      const server = buildServer({ ...db.app, uploads }, { config: loadConfig({ NODE_ENV: 'production' }) });
      const base = await server.listen({ port: 0, host: '127.0.0.1' });
      try {
        const times: number[] = [];
        let cannon!: autocannon.Instance;
        const finished = new Promise<void>((resolve) => {
          cannon = autocannon({ url: `${base}/health`, connections: 10, duration: 600 }, () => resolve());
        });
        cannon.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
        await new Promise((resolve) => setTimeout(resolve, 1000));
        const before = times.length;
        const delay = monitorEventLoopDelay({ resolution: 10 });
        const rssBefore = process.memoryUsage().rss;
        let rss = rssBefore;
        const sampler = setInterval(() => (rss = Math.max(rss, process.memoryUsage().rss)), 50);
        delay.enable();
        const started = performance.now();
        const upload = await uploads.store(bytes, 'large.xlsx', sessionId);
        const previewMs = performance.now() - started;
        delay.disable();
        clearInterval(sampler);
        const during = times.slice(before).sort((a, b) => a - b);
        cannon.stop();
        await finished;
        const again = performance.now();
        const kept = await uploads.preview(upload);
        const againMs = performance.now() - again;
        const outcome = kept.outcome;
        const pick = (p: number) => during[Math.min(during.length - 1, Math.ceil(p * during.length) - 1)] ?? NaN;
        rows.push([
          label,
          msText(previewMs),
          count(during.length),
          msText(pick(0.5)),
          msText(pick(0.99)),
          msText(during.at(-1) ?? NaN),
          msText(delay.max / 1e6),
          `${(rssBefore / 1e9).toFixed(2)} → ${(rss / 1e9).toFixed(2)} GB`,
          msText(againMs),
          outcome.ok ? `${count(outcome.total)} changes` : `${count(outcome.errors.total)} errors`,
        ]);
        await uploads.discard(upload.id);
      } finally {
        await server.close();
      }
    }
    log();
    log(table(['read', 'store + preview', '/health answers', 'p50', 'p99', 'longest', 'event loop stall', 'server RSS (before → most)', 'view again', 'preview'], rows, 'lrrrrrrrrl'));
    log();
    log('RSS is the server process only: a worker process has its own memory, capped (--max-old-space-size, WORKBOOK_WORKER_DEFAULTS).');
  } finally {
    await db.dispose();
  }
}
