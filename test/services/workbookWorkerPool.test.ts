/**
 * The upload worker pool (src/services/workbookWorkerPool.ts): the real worker reads a workbook exactly
 * as this thread does; a worker that runs out of memory, exits, hangs or fails is a ReaderFailure (or an
 * error naming the fault) for its job only, and the pool carries on with a new worker; at most `size`
 * jobs run and `maxQueued` wait; an idle pool never keeps a process alive.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readAndValidate } from '../../src/services/importCheck.ts';
import { ReaderFailure } from '../../src/services/uploadPreview.ts';
import { WorkbookWorkerPool } from '../../src/services/workbookWorkerPool.ts';
import { xlsx } from '../support/workbook.ts';

const root = new URL('../..', import.meta.url);
const misbehaving = new URL('../support/workers/misbehaving.mjs', import.meta.url);

const failureOf = async (promise: Promise<unknown>): Promise<ReaderFailure> => {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ReaderFailure);
  return error as ReaderFailure;
};

describe('the upload worker pool', () => {
  const pools: WorkbookWorkerPool[] = [];
  const pool = (options: ConstructorParameters<typeof WorkbookWorkerPool>[0]) => {
    const made = new WorkbookWorkerPool(options);
    pools.push(made);
    return made;
  };
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.close()));
  });

  it('reads and validates a workbook as this thread does, errors and all', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'townhall-worker-read-'));
    const path = join(dir, 'upload.xlsx');
    await writeFile(
      path,
      await xlsx({
        results: [
          ['ref', 'period', 'value', 'commentary'],
          ['T/2', 'Q3 2017/18', '77', 'Up'],
          ['T/2', 'Q4 2017/18', 'lots', ''],
        ],
      }),
    );
    const workers = pool({});
    const [inWorker, here] = await Promise.all([workers.check(path, 'Q3.xlsx'), readAndValidate(path, 'Q3.xlsx')]);
    expect(inWorker).toEqual(here);
    expect(inWorker.errors.map((e) => [e.sheet, e.row, e.column])).toEqual([['results', 3, 'value']]);
    expect(inWorker.data.results.map((r) => r.ref)).toEqual(['T/2']);
    expect(workers.stats).toMatchObject({ workersStarted: 1, jobsStarted: 1, running: 0, queued: 0 });
  });

  it('fails a job whose worker runs out of memory as "memory", and reads the next on a new worker', async () => {
    const workers = pool({ entry: misbehaving, memoryMb: 64 });
    const failure = await failureOf(workers.check('/nowhere', 'oom.xlsx'));
    expect(failure.reason).toBe('memory');
    expect(failure.message).toBe('The upload reader ran out of memory (64 MB)');
    expect(await workers.check('/nowhere', 'fine.xlsx')).toMatchObject({ name: 'fine.xlsx' });
    expect(workers.stats).toMatchObject({ workersStarted: 2, jobsStarted: 2, running: 0 });
  });

  it('fails a job whose worker exits as "stopped", one that takes too long as "time", and carries on', async () => {
    // A worker process takes a few hundred ms to start on a loaded machine, which counts against a job's
    // time: the exit is seen on a pool with the usual time, the hang on one with 300 ms.
    const usual = pool({ entry: misbehaving });
    const stopped = await failureOf(usual.check('/nowhere', 'exit.xlsx'));
    expect([stopped.reason, stopped.message]).toEqual(['stopped', 'The upload reader stopped (exit code 3)']);
    const slow = await failureOf(pool({ entry: misbehaving, timeoutMs: 300 }).check('/nowhere', 'hang.xlsx'));
    expect([slow.reason, slow.message]).toEqual(['time', 'The upload took longer than 300 ms to read']);
    expect(await usual.check('/nowhere', 'fine.xlsx')).toMatchObject({ name: 'fine.xlsx' });
  });

  it('passes a fault of the reader on as an error naming it (a bug, not the file), and keeps the worker', async () => {
    const workers = pool({ entry: misbehaving });
    await expect(workers.check('/nowhere', 'throw.xlsx')).rejects.toThrow(/^The upload reader failed: TypeError: a fault of the reader/);
    expect(await workers.check('/nowhere', 'fine.xlsx')).toMatchObject({ name: 'fine.xlsx' });
    expect(workers.stats.workersStarted).toBe(1);
  });

  it('runs at most `size` jobs, queues at most `maxQueued`, and refuses one more as "busy"', async () => {
    const workers = pool({ entry: misbehaving, size: 1, maxQueued: 1 });
    const running = failureOf(workers.check('/nowhere', 'hang-1.xlsx'));
    const waiting = failureOf(workers.check('/nowhere', 'fine-2.xlsx'));
    expect(workers.stats).toMatchObject({ running: 1, queued: 1 });
    const refused = await failureOf(workers.check('/nowhere', 'fine-3.xlsx'));
    expect([refused.reason, refused.message]).toEqual(['busy', '1 uploads are already waiting to be read']);
    // Closing fails what runs and what waits.
    await workers.close();
    expect((await running).reason).toBe('stopped');
    expect((await waiting).reason).toBe('stopped');
    expect(workers.stats).toMatchObject({ running: 0, queued: 0 });
  });

  it('does not keep a process alive once its files are read', () => {
    const script = join(mkdtempSync(join(tmpdir(), 'townhall-workbook-exit-')), 'exit.mts');
    writeFileSync(
      script,
      `import { WorkbookWorkerPool } from ${JSON.stringify(new URL('src/services/workbookWorkerPool.ts', root).href)};
      const checked = await new WorkbookWorkerPool().check('/no/such/file.xlsx', 'file.xlsx');
      console.log(checked.errors[0].message);`,
    );
    const run = spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: fileURLToPath(root), encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).not.toMatch(/Error/);
    expect([run.status, run.stdout.trim()]).toEqual([0, 'There is no file or folder called file.xlsx']);
  });
});
