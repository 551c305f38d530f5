/**
 * Uploads are read in worker processes and their previews kept (issue 9, deliver 3), through the web
 * pages, on each engine:
 * - the preview is made once, on the worker, as the file is uploaded: it is what the importer's dry run
 *   finds, and viewing it again and again never reads the file again;
 * - when the stored data change after the preview, the kept preview is shown saying so; confirming finds
 *   the change, writes nothing and shows the new preview, which is kept in turn;
 * - /health is answered while a large upload is being read (ordering, not timing: answers are logged
 *   between the worker taking the file and the worker having read it);
 * - a worker that runs out of memory gives a page naming the file ("The file is too large to read"),
 *   never a 500, and the server carries on; a confirmation whose reading fails writes nothing and says why
 *   above the preview kept.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSheets, importShape, toWorkbookData } from '../../bench/generate.ts';
import type { App } from '../../src/app.ts';
import { createRepositories } from '../../src/repositories/index.ts';
import { UploadImportService } from '../../src/services/uploadImportService.ts';
import { ReaderFailure, planDigest, type UploadReader } from '../../src/services/uploadPreview.ts';
import { WorkbookWorkerPool } from '../../src/services/workbookWorkerPool.ts';
import { writeWorkbook } from '../../src/workbook/write.ts';
import { buildServer } from '../../src/web/server.ts';
import { signInAs, type SignedIn } from '../support/auth.ts';
import { createTestDatabase, engines, type TestDatabase } from '../support/db.ts';
import { text } from '../support/html.ts';
import { multipart, recordingReader } from '../support/uploads.ts';
import { smallCouncil, writeCsvWorkbook, xlsx } from '../support/workbook.ts';

const misbehaving = new URL('../support/workers/misbehaving.mjs', import.meta.url);

describe.each(engines())('uploads read on workers, previews kept, on %s', (engine) => {
  let t: TestDatabase;
  let dir: string;
  let officer: SignedIn;
  const extraPools: WorkbookWorkerPool[] = [];
  const servers: ReturnType<typeof buildServer>[] = [];

  /** A web server whose upload service reads through `reader`. */
  const serve = (reader: UploadReader) => {
    const uploads = new UploadImportService(createRepositories(t.handle), { reader, dataVersion: t.app.dataVersion });
    const server = buildServer({ ...t.app, uploads } satisfies App);
    servers.push(server);
    return server;
  };
  const upload = (server: ReturnType<typeof buildServer>, filename: string, bytes: Buffer) => {
    const up = multipart(filename, bytes);
    return server.inject({ method: 'POST', url: `/import?_csrf=${encodeURIComponent(officer.csrfToken)}`, payload: up.payload, headers: { ...up.headers, cookie: officer.cookie } });
  };
  const get = (server: ReturnType<typeof buildServer>, url: string) => server.inject({ url, headers: { accept: 'text/html', cookie: officer.cookie } });
  const confirm = (server: ReturnType<typeof buildServer>, url: string, digest: string) =>
    server.inject({
      method: 'POST',
      url,
      payload: new URLSearchParams({ _csrf: officer.csrfToken, digest, reason: 'Worker test' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: officer.cookie },
    });
  const digestOf = (html: string) => /name="digest" value="([^"]+)"/.exec(html)?.[1] ?? null;
  const storedT2 = async (period: string) =>
    (await t.handle.db.selectFrom('result as r').innerJoin('indicator as i', 'i.id', 'r.indicator_id').select('r.value').where('i.ref', '=', 'T/2').where('r.period', '=', period).executeTakeFirstOrThrow()).value;

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    dir = await mkdtemp(join(tmpdir(), 'townhall-upload-worker-'));
    const outcome = await t.app.imports.importFile(await writeCsvWorkbook(smallCouncil()));
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
    officer = await signInAs(t.app, 'performance-officer');
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    await Promise.all(extraPools.map((p) => p.close()));
    await t?.dispose();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('makes the preview once, on the worker, as the importer’s dry run finds it, and shows it again without reading the file', async () => {
    const reader = recordingReader(t.app.workbooks);
    const server = serve(reader);
    const bytes = await xlsx({ results: [['ref', 'period', 'value', 'commentary'], ['T/2', 'Q1 2017/18', '118', 'Fewer repeats']] });
    const res = await upload(server, 'q1.xlsx', bytes);
    expect(res.statusCode).toBe(303);
    expect(reader.calls).toEqual({ check: 0, preview: 1 });
    const url = res.headers.location as string;
    const first = await get(server, url);
    expect(first.statusCode).toBe(200);
    expect(text(first.body)).toContain('value: 120 → 118');
    expect(text(first.body)).toContain('Changes (1)');
    // The digest shown is the importer's own dry run's.
    const path = join(dir, 'q1.xlsx');
    await writeFile(path, bytes);
    const dryRun = await t.app.imports.importFile(path, { dryRun: true });
    expect(dryRun.ok && planDigest(dryRun.changes)).toBe(digestOf(first.body));
    // Viewed again, and again: the kept preview, the worker not asked.
    const jobs = t.app.workbooks.stats.jobsStarted;
    for (let i = 0; i < 3; i++) expect((await get(server, url)).body).toBe(first.body);
    expect(reader.calls).toEqual({ check: 0, preview: 1 });
    expect(t.app.workbooks.stats.jobsStarted).toBe(jobs);
    // Another server (the app as composed, its own upload service) shows the same kept preview.
    const another = buildServer(t.app);
    servers.push(another);
    expect(text((await get(another, url)).body)).toContain('value: 120 → 118');
    expect(t.app.workbooks.stats.jobsStarted).toBe(jobs);
  });

  it('says when the stored data changed since the kept preview; confirming then shows the new preview, and keeps it', async () => {
    const reader = recordingReader(t.app.workbooks);
    const server = serve(reader);
    const res = await upload(server, 'q2.xlsx', await xlsx({ results: [['ref', 'period', 'value'], ['T/2', 'Q2 2017/18', '90']] }));
    const url = res.headers.location as string;
    const before = await get(server, url);
    expect(text(before.body)).toContain('value: 95 → 90');
    expect(before.body).not.toContain('id="data-changed"');
    const digest = digestOf(before.body)!;

    // Someone else saves the same result meanwhile.
    const meanwhile = await t.app.imports.importFile(await writeCsvWorkbook({ results: [{ ref: 'T/2', period: 'Q2 2017/18', value: '93' }] }), { actor: 'test' });
    expect(meanwhile.ok).toBe(true);
    const kept = await get(server, url);
    expect(kept.statusCode).toBe(200);
    // The preview kept, marked as made before the change; the file not read again.
    expect(text(kept.body)).toContain('value: 95 → 90');
    expect(text(kept.body)).toMatch(/The stored data have changed since this preview was made \(.+\)\. Importing checks the file against the data as they are then/);
    expect(reader.calls).toEqual({ check: 0, preview: 1 });

    const stale = await confirm(server, url, digest);
    expect(stale.statusCode).toBe(409);
    expect(text(stale.body)).toContain('The stored data changed after you previewed this file, so nothing was imported');
    expect(text(stale.body)).toContain('value: 93 → 90');
    expect(await storedT2('2017-Q2')).toBe(93);
    expect(reader.calls).toEqual({ check: 1, preview: 1 });

    // The new preview is the one kept now, and it is current.
    const renewed = await get(server, url);
    expect(text(renewed.body)).toContain('value: 93 → 90');
    expect(renewed.body).not.toContain('id="data-changed"');
    expect(digestOf(renewed.body)).toBe(digestOf(stale.body));
    expect(reader.calls).toEqual({ check: 1, preview: 1 });
    const done = await confirm(server, url, digestOf(renewed.body)!);
    expect([done.statusCode, done.headers.location]).toEqual([303, '/import?imported=1']);
    expect(await storedT2('2017-Q2')).toBe(90);
  });

  it('answers /health while a large upload is being read', async () => {
    const path = join(dir, 'large.xlsx');
    // About 10,000 rows: a few hundred milliseconds of reading on the worker, against a millisecond per /health.
    await writeWorkbook(toWorkbookData(generateSheets(importShape(300, 24))), path, 'xlsx');
    const bytes = await readFile(path);
    const log: string[] = [];
    const server = serve(recordingReader(t.app.workbooks, log));
    // /health over a real connection, as a load balancer asks: its answer goes through the event loop's I/O.
    const base = await server.listen({ port: 0, host: '127.0.0.1' });
    let answered = false;
    const uploading = upload(server, 'large.xlsx', bytes).then((res) => {
      answered = true;
      return res;
    });
    // Wait (a turn of the event loop at a time) until the worker has the file, then ask /health until it has read it.
    while (!log.includes('preview') && !answered) await new Promise((resolve) => setImmediate(resolve));
    for (let asked = 0; !log.includes('parsed') && !answered; asked++) {
      expect(asked).toBeLessThan(100_000);
      const health = await fetch(`${base}/health`);
      expect(health.status).toBe(200);
      await health.text();
      log.push('health');
    }
    const res = await uploading;
    expect(res.statusCode).toBe(303);
    // Each /health was asked once the one before was answered: several answered before the file was read
    // means the server kept serving while it was being read. (Read on this thread, at most the one asked
    // while the file itself was read from disk got through: tried, one did, then none until it was parsed.)
    const between = log.slice(log.indexOf('preview'), log.indexOf('parsed'));
    expect(between.filter((e) => e === 'health').length).toBeGreaterThanOrEqual(3);
    expect(log.slice(-1)).toEqual(['previewed']);
    // And the preview is of the whole file: counted, the first 2,000 listed.
    const page = text((await get(server, res.headers.location as string)).body);
    expect(page).toMatch(/Changes \([\d,]+; the first 2,000 are listed\)/);
  });

  it('shows a worker that ran out of memory as the file being too large to read, never a 500, and carries on', async () => {
    const pool = new WorkbookWorkerPool({ entry: misbehaving, memoryMb: 64 });
    extraPools.push(pool);
    const server = serve(pool);
    const res = await upload(server, 'Q4 oom.xlsx', await xlsx({ results: [['ref', 'period', 'value'], ['T/2', 'Q4 2017/18', '1']] }));
    expect(res.statusCode).toBe(303);
    const page = await get(server, res.headers.location as string);
    expect(page.statusCode).toBe(200);
    const words = text(page.body);
    expect(words).toContain('The file has 1 error: nothing can be imported until it is corrected');
    expect(words).toMatch(/Q4 oom\.xlsx\s+The file is too large to read: it needs more memory than the server allows for one upload\. Split it into smaller workbooks/);
    expect(page.body).not.toContain('Import these changes');
    expect(page.body).not.toMatch(/FATAL|heap|ReaderFailure|workbookWorker/);
    // The server is alive and well, and the next upload gets a new worker.
    expect((await server.inject('/health')).statusCode).toBe(200);
    expect(pool.stats).toMatchObject({ workersStarted: 1, running: 0 });
    const next = await upload(server, 'Q4 fine.xlsx', await xlsx({ results: [['ref', 'period', 'value'], ['T/2', 'Q4 2017/18', '1']] }));
    expect(next.statusCode).toBe(303);
    expect(pool.stats.workersStarted).toBe(2);
  });

  it('writes nothing when a confirmation cannot read the file, says why above the kept preview, and lets it be confirmed again', async () => {
    let failing = true;
    const reader: UploadReader = {
      preview: (path, name, snapshot) => t.app.workbooks.preview(path, name, snapshot),
      check: (path, name) => (failing ? Promise.reject(new ReaderFailure('memory', 'out of memory')) : t.app.workbooks.check(path, name)),
    };
    const server = serve(reader);
    const res = await upload(server, 'q1 again.xlsx', await xlsx({ results: [['ref', 'period', 'value'], ['T/2', 'Q1 2017/18', '117']] }));
    const url = res.headers.location as string;
    const digest = digestOf((await get(server, url)).body)!;
    const refused = await confirm(server, url, digest);
    expect(refused.statusCode).toBe(422);
    const words = text(refused.body);
    expect(words).toContain('There is a problem The file is too large to read');
    expect(words).toContain('Nothing was imported');
    expect(words).toContain('value: 120 → 117');
    expect(digestOf(refused.body)).toBe(digest);
    expect(await storedT2('2017-Q1')).toBe(120);
    failing = false;
    const done = await confirm(server, url, digest);
    expect(done.statusCode).toBe(303);
    expect(await storedT2('2017-Q1')).toBe(117);
  });
});
