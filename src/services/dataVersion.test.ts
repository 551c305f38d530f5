import { describe, expect, it } from 'vitest';
import { VersionedCache } from './dataVersion.ts';

describe('VersionedCache', () => {
  it('serves a value only at the version it was built at', async () => {
    const cache = new VersionedCache<number>();
    let builds = 0;
    const build = async () => ++builds;
    expect(await cache.get('a', '1', build)).toBe(1);
    expect(await cache.get('a', '1', build)).toBe(1);
    expect(await cache.get('a', '2', build)).toBe(2);
    expect(await cache.get('b', '2', build)).toBe(3);
  });

  it('forgets failures and the least recently used entries', async () => {
    const cache = new VersionedCache<string>(2);
    await expect(cache.get('x', '1', async () => Promise.reject(new Error('no')))).rejects.toThrow('no');
    expect(await cache.get('x', '1', async () => 'built again')).toBe('built again');
    await cache.get('y', '1', async () => 'y');
    await cache.get('z', '1', async () => 'z');
    expect(await cache.get('x', '1', async () => 'rebuilt')).toBe('rebuilt');
  });
});
