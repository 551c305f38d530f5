/**
 * Every installed package supports the Node versions Townhall promises (package.json `engines`: the
 * machines run Node 20; councils deploy 22 and 24), so `npm install` gives no EBADENGINE warning.
 * Read from the lock file, which is what `npm ci` installs: a dependency update that needs a newer Node
 * fails here, and is pinned on purpose instead (docs/decisions/0017-pins-for-node-20.md).
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const read = (name: string) => JSON.parse(readFileSync(resolve(ROOT, name), 'utf8')) as Record<string, unknown>;

interface LockedPackage {
  version?: string;
  engines?: { node?: string } | string[];
  optional?: boolean;
  dev?: boolean;
}

const lock = read('package-lock.json') as { packages: Record<string, LockedPackage> };
const promised = (read('package.json') as { engines: { node: string } }).engines.node;

/** The lowest Node version we promise, and the current releases of the lines councils deploy. */
const NODES = [semver.minVersion(promised)!.version, '20.20.0', '22.13.0', '24.0.0'];

describe('installed packages and the Node versions we promise', () => {
  it('promises Node 20 and later', () => {
    expect(semver.satisfies('20.19.0', promised)).toBe(true);
    expect(semver.satisfies('24.0.0', promised)).toBe(true);
  });

  it.each(NODES)('every locked package supports Node %s', (node) => {
    const refused = Object.entries(lock.packages)
      .filter(([path]) => path !== '')
      .flatMap(([path, p]) => {
        const range = p.engines && !Array.isArray(p.engines) ? p.engines.node : undefined;
        if (!range || semver.satisfies(node, range, { includePrerelease: true })) return [];
        return [`${path.replace(/^.*node_modules\//, '')}@${p.version} needs node ${range}`];
      });
    expect(refused).toEqual([]);
  });
});
