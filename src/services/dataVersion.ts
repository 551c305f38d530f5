/**
 * Caching that can never show stale data: values are kept under the data version they were built at
 * (migration 0006: every write to report data bumps it in the same transaction). Reading the version
 * is one tiny query; when it has moved on, the value is rebuilt.
 */
export { currentDataVersion } from '../repositories/dataVersion.ts';

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
