/**
 * Caching that can never show stale data: values are kept under the data version they were built at
 * (migration 0006: every write to report data bumps it in the same transaction). Reading the version
 * is one tiny query; when it has moved on, the value is rebuilt.
 */
import type { DataVersionRepository } from '../repositories/dataVersion.ts';


/** A small least-recently-used cache of values built at a data version. */
export class VersionedCache<T> {
  readonly #entries = new Map<string, { version: string; value: Promise<T> }>();

  constructor(private readonly capacity = 256) {}

  async get(key: string, version: string, build: () => Promise<T>): Promise<T> {
    const hit = this.#entries.get(key);
    if (hit && hit.version === version) {
      this.#entries.delete(key);
      this.#entries.set(key, hit);
      return hit.value;
    }
    const value = build();
    this.#entries.set(key, { version, value });
    value.catch(() => {
      if (this.#entries.get(key)?.value === value) this.#entries.delete(key);
    });
    while (this.#entries.size > this.capacity) this.#entries.delete(this.#entries.keys().next().value!);
    return value;
  }

  clear(): void {
    this.#entries.clear();
  }
}

/**
 * The current data version without a query per call, on the embedded database: there this process is
 * the only writer and PGlite delivers the trigger's notification before the writing statement returns,
 * so the version read once is trusted until a change is notified. On PostgreSQL other processes write
 * too and notifications arrive a moment after commit, so the version is read for every call: a page
 * withdrawn from publication must not be served even for that moment. Calls made while the event loop
 * is on one turn share one read, sent at the end of that turn — after every one of them was made, so
 * each still sees every change committed before it asked.
 */
export class DataVersionWatcher {
  #known: string | null = null;
  #epoch = 0;
  #listening: Promise<boolean> | null = null;
  #listens = false;
  #stop: (() => Promise<void>) | null = null;
  #nextRead: Promise<string> | null = null;

  constructor(private readonly source: DataVersionRepository) {}

  #start(): Promise<boolean> {
    if (!this.source.notifiedBeforeCommitReturns) return Promise.resolve(false);
    return (this.#listening ??= this.source
      .listen((event) => {
        this.#epoch += 1;
        this.#known = null;
        if (event === 'lost') {
          this.#listens = false;
          this.#listening = Promise.resolve(false);
        }
      })
      .then((stop) => {
        this.#stop = stop;
        this.#listens = true;
        return true;
      })
      .catch(() => false));
  }

  async current(): Promise<string> {
    const listening = await this.#start();
    if (listening && this.#known !== null) return this.#known;
    return (this.#nextRead ??= new Promise<string>((resolve, reject) => {
      setImmediate(() => {
        // From here on, a new call waits for a read sent after it.
        this.#nextRead = null;
        const epoch = this.#epoch;
        this.source.read().then((version) => {
          // Kept only if no change was notified while it was being read.
          if (this.#listens && epoch === this.#epoch) this.#known = version;
          resolve(version);
        }, reject);
      });
    }));
  }

  async stop(): Promise<void> {
    await this.#stop?.();
    this.#stop = null;
    this.#listens = false;
    this.#known = null;
    this.#listening = Promise.resolve(false);
  }
}
