/**
 * One process at a time on an embedded database's data directory. PGlite is PostgreSQL compiled to
 * WebAssembly running inside the process that opened it: two processes opening the same directory (a
 * web server and a `townhall` command) would each run their own PostgreSQL over the same files and
 * corrupt them. So whoever opens a data directory first writes `townhall.lock` into it — its pid,
 * host, process start time and what it is — and removes it on close; anyone else is refused with
 * DataDirInUseError, which names the directory, the holder and the ways out.
 *
 * A lock whose process is gone (killed, crashed, the machine restarted) is taken over: the pid is not
 * running, or on Linux it is running but started at another time than the lock says (the pid was
 * reused, e.g. pid 1 in a restarted container). A lock written on another host (a shared folder) cannot
 * be checked from here, so it is honoured and the message says how to remove it.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';

export const LOCK_FILE = 'townhall.lock';

/** Who opens a data directory: the web server, a `townhall` command, or anything else (tests, benchmarks). */
export interface LockPurpose {
  kind: 'server' | 'command' | 'other';
  /** For people: "the Townhall web server", "townhall check". */
  purpose: string;
}

/** What a lock file says about the process holding the directory. */
export interface LockHolder extends LockPurpose {
  pid: number;
  hostname: string;
  /** When it was taken (ISO 8601). */
  since: string;
  /** Linux: the process's start time in clock ticks since boot (/proc/<pid>/stat), to detect a reused pid. */
  processStart: string | null;
  /** Identifies this lock, so that a process removes only a lock it wrote. */
  token: string;
}

export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    const where = holder.hostname === hostname() ? `pid ${holder.pid}` : `pid ${holder.pid} on ${holder.hostname}`;
    const lines = [
      `The embedded database at ${dataDir} is in use by ${holder.purpose} (${where}, since ${holder.since}).`,
      'The embedded database (PGlite) runs inside the process that opens it, so one process at a time can use a data directory.',
      holder.kind === 'command'
        ? `Wait for ${holder.purpose} to finish, then try again.`
        : `Stop ${holder.kind === 'server' ? holder.purpose : 'it'} first, or run the server and the townhall command on one PostgreSQL database (set DATABASE_URL for both).`,
    ];
    if (holder.hostname !== hostname()) {
      lines.push(`That host cannot be checked from here: if nothing there uses the directory any more, delete ${join(dataDir, LOCK_FILE)}.`);
    }
    super(lines.join('\n'));
    this.name = 'DataDirInUseError';
  }
}

export interface DataDirLock {
  readonly path: string;
  readonly holder: LockHolder;
  /** Removes the lock file if it is still ours. Safe to call twice. */
  release(): Promise<void>;
}

/** Lock files this process holds (path → token): a second open of the same directory in this process is refused too. */
const heldHere = new Map<string, string>();

/** `/proc/<pid>/stat` field 22 (start time), or null where there is no /proc. */
export function processStartOf(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may contain spaces: count fields after it.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the process a lock names still holds it (see the file's comment). */
export function holderAlive(holder: LockHolder, path: string): boolean {
  if (holder.hostname !== hostname()) return true;
  if (holder.pid === process.pid) return heldHere.get(path) === holder.token;
  if (!isRunning(holder.pid)) return false;
  const start = processStartOf(holder.pid);
  return !(start && holder.processStart && start !== holder.processStart);
}

/** Text from a lock file as printed: no control characters, not overlong (the file is anyone's to write). */
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const printable = (text: string): string => text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').slice(0, 200);

function parseHolder(text: string): LockHolder | null {
  try {
    const h = JSON.parse(text) as Partial<LockHolder>;
    if (typeof h.pid !== 'number' || typeof h.hostname !== 'string') return null;
    return {
      pid: h.pid,
      hostname: printable(h.hostname),
      kind: h.kind === 'server' || h.kind === 'command' ? h.kind : 'other',
      purpose: typeof h.purpose === 'string' ? printable(h.purpose) : 'another process',
      since: typeof h.since === 'string' ? printable(h.since) : 'an unknown time',
      processStart: typeof h.processStart === 'string' ? h.processStart : null,
      token: typeof h.token === 'string' ? h.token : '',
    };
  } catch {
    return null;
  }
}

/** Reads the lock file: its holder, null when there is none, or 'unreadable' (not a lock we can parse). */
export async function readLock(dataDir: string): Promise<LockHolder | null | 'unreadable'> {
  try {
    return parseHolder(await readFile(join(resolve(dataDir), LOCK_FILE), 'utf8')) ?? 'unreadable';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * Takes the data directory for this process (creating the directory if needed), or throws
 * DataDirInUseError. The lock file appears whole or not at all: it is written under a temporary name
 * and hard-linked into place, which fails if a lock is already there.
 */
export async function lockDataDir(dataDir: string, purpose: LockPurpose): Promise<DataDirLock> {
  const dir = resolve(dataDir);
  const path = join(dir, LOCK_FILE);
  await mkdir(dir, { recursive: true });
  const holder: LockHolder = {
    pid: process.pid,
    hostname: hostname(),
    kind: purpose.kind,
    purpose: purpose.purpose,
    since: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    processStart: processStartOf(process.pid),
    token: randomUUID(),
  };
  const temporary = join(dir, `${LOCK_FILE}.${process.pid}.${holder.token}.tmp`);
  await writeFile(temporary, `${JSON.stringify(holder, null, 2)}\n`, { mode: 0o644 });
  try {
    // Three tries: a stale lock removed, then someone else's new lock found, is the most a race gives.
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await link(temporary, path);
        heldHere.set(path, holder.token);
        return lockOf(path, holder);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const current = await readLock(dir);
      if (current === null) continue; // released meanwhile
      if (current !== 'unreadable' && holderAlive(current, path)) throw new DataDirInUseError(dir, current);
      // Stale (or not a lock at all: written by no version of Townhall, so nobody is relying on it): take it over.
      await unlink(path).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
    }
    const current = await readLock(dir);
    throw current && current !== 'unreadable' ? new DataDirInUseError(dir, current) : new Error(`Could not lock ${dir}: ${LOCK_FILE} keeps changing`);
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
}

function lockOf(path: string, holder: LockHolder): DataDirLock {
  let released = false;
  return {
    path,
    holder,
    async release() {
      if (released) return;
      released = true;
      heldHere.delete(path);
      const current = parseHolder(await readFile(path, 'utf8').catch(() => ''));
      if (current?.token === holder.token) await unlink(path).catch(() => undefined);
    },
  };
}
