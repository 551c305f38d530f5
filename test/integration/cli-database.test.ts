/**
 * Which database the `townhall` command uses, and one process at a time on an embedded data directory:
 * the line on stderr naming the database (never a password), the lock a server or command holds while
 * it has the directory open, the refusal naming the directory, the holder and the ways out, and stale
 * locks (a process that is gone, a pid reused) taken over.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DataDirInUseError } from '../../src/app.ts';
import { openForCommand, run } from '../../src/cli/main.ts';
import { describeDatabase, loadConfig } from '../../src/config.ts';
import { LOCK_FILE, lockDataDir, processStartOf, readLock, type LockHolder } from '../../src/db/dataDirLock.ts';
import { capture } from '../support/cliIo.ts';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));


/** A process that is running (and does nothing) for a lock to name. */
function liveProcess(): ChildProcess & { pid: number } {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 120000)'], { stdio: 'ignore' });
  if (!child.pid) throw new Error('could not start a child process');
  return child as ChildProcess & { pid: number };
}

async function writeLock(dir: string, holder: Partial<LockHolder> & { pid: number }): Promise<void> {
  const full: LockHolder = {
    hostname: hostname(),
    kind: 'server',
    purpose: 'the Townhall web server',
    since: '2026-12-05T09:00:00Z',
    processStart: processStartOf(holder.pid),
    token: 'written-by-the-test',
    ...holder,
  };
  await writeFile(join(dir, LOCK_FILE), JSON.stringify(full));
}

describe('which database the command says it uses', () => {
  it('names the embedded folder as an absolute path and which variable chose it', () => {
    expect(describeDatabase(loadConfig({ DATA_DIR: 'council-data' }), '/srv/townhall')).toBe('embedded database at /srv/townhall/council-data (DATA_DIR)');
    expect(describeDatabase(loadConfig({}), '/srv/townhall')).toBe(
      'embedded database at /srv/townhall/data (the default, ./data in the current folder; set DATA_DIR or DATABASE_URL to use another)',
    );
  });

  it('names PostgreSQL by host, port and database, never the user name or password', () => {
    const text = describeDatabase(loadConfig({ DATABASE_URL: 'postgres://townhall:s3cr%3Dt@db.council.internal:5433/performance', DATA_DIR: './data' }));
    expect(text).toBe('PostgreSQL at db.council.internal:5433/performance (DATABASE_URL; DATA_DIR is not used)');
    expect(text).not.toMatch(/s3cr|townhall@/);
    expect(describeDatabase(loadConfig({ DATABASE_URL: 'postgresql://u:p@localhost/th' }))).toBe('PostgreSQL at localhost/th (DATABASE_URL)');
  });
});

describe('one process at a time on an embedded data directory', () => {
  let dir: string;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'townhall-lock-'));
  });
  afterEach(async () => {
    for (const c of children.splice(0)) c.kill();
    await rm(join(dir, LOCK_FILE), { force: true });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses a command while a running server holds the directory, naming the directory, pid and ways out', async () => {
    const server = liveProcess();
    children.push(server);
    await writeLock(dir, { pid: server.pid });
    const io = capture();
    const code = await run(['check'], io, () => openForCommand(loadConfig({ DATA_DIR: dir }), io, 'check'));
    expect(code).toBe(2);
    const err = io.stderr.join('\n');
    expect(err).toContain(`Using embedded database at ${dir} (DATA_DIR)`);
    expect(err).toContain(`townhall: The embedded database at ${dir} is in use by the Townhall web server (pid ${server.pid}, since 2026-12-05T09:00:00Z).`);
    expect(err).toContain('Stop the Townhall web server first, or run the server and the townhall command on one PostgreSQL database (set DATABASE_URL for both).');
    expect(io.stdout).toEqual([]);
    // The server's lock is left as it was.
    expect(await readLock(dir)).toMatchObject({ pid: server.pid, token: 'written-by-the-test' });
  });

  it('refuses a server while a command holds the directory, and a second open in one process', async () => {
    const lock = await lockDataDir(dir, { kind: 'command', purpose: 'townhall import' });
    try {
      const refused = await lockDataDir(dir, { kind: 'server', purpose: 'the Townhall web server' }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(DataDirInUseError);
      expect((refused as Error).message).toContain(`is in use by townhall import (pid ${process.pid}`);
      expect((refused as Error).message).toContain('Wait for townhall import to finish, then try again.');
    } finally {
      await lock.release();
    }
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it('honours a lock from another host, saying how to remove it', async () => {
    await writeLock(dir, { pid: 1, hostname: 'other-host.council.internal' });
    const refused = await lockDataDir(dir, { kind: 'command', purpose: 'townhall check' }).catch((e: unknown) => e);
    expect((refused as Error).message).toContain('(pid 1 on other-host.council.internal');
    expect((refused as Error).message).toContain(`delete ${join(dir, LOCK_FILE)}`);
  });

  it('takes over the lock of a process that is gone', async () => {
    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    await writeLock(dir, { pid: gone, processStart: null });
    const lock = await lockDataDir(dir, { kind: 'command', purpose: 'townhall check' });
    expect(await readLock(dir)).toMatchObject({ pid: process.pid, kind: 'command', purpose: 'townhall check' });
    await lock.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it.skipIf(!processStartOf(process.pid))('takes over a lock whose pid now belongs to another process (started at another time)', async () => {
    const other = liveProcess();
    children.push(other);
    await writeLock(dir, { pid: other.pid, processStart: '1' });
    const lock = await lockDataDir(dir, { kind: 'server', purpose: 'the Townhall web server' });
    expect(await readLock(dir)).toMatchObject({ pid: process.pid });
    await lock.release();
  });

  it('opens the database past a stale lock, says which it uses, and leaves no lock behind', async () => {
    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    await writeLock(dir, { pid: gone });
    const io = capture();
    const code = await run(['check'], io, () => openForCommand(loadConfig({ DATA_DIR: dir }), io, 'check'));
    expect(io.stderr).toEqual([`Using embedded database at ${dir} (DATA_DIR)`]);
    expect([code, io.stdout.at(-1)]).toEqual([0, 'No contradictions or gaps found']);
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  }, 120_000);

  it('the installed command (bin/townhall.js) says the same and exits 2', async () => {
    const server = liveProcess();
    children.push(server);
    await writeLock(dir, { pid: server.pid });
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dir };
    delete env.DATABASE_URL;
    const cli = spawnSync(process.execPath, [join(ROOT, 'bin/townhall.js'), 'report', 'performance', '--committee', 'X', '--period', '2016/17'], { env, encoding: 'utf8' });
    expect(cli.status).toBe(2);
    expect(cli.stderr).toContain(`Using embedded database at ${dir} (DATA_DIR)`);
    expect(cli.stderr).toContain(`is in use by the Townhall web server (pid ${server.pid}`);
    expect(await readFile(join(dir, LOCK_FILE), 'utf8')).toContain('written-by-the-test');
  }, 120_000);
});
