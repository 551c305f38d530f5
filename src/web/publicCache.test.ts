import { describe, expect, it } from 'vitest';
import { cacheKey, preferredEncoding } from './publicCache.ts';

describe('preferredEncoding', () => {
  it('prefers Brotli, then gzip, and sends the page as it is when neither is accepted', () => {
    expect(preferredEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(preferredEncoding('gzip, deflate')).toBe('gzip');
    expect(preferredEncoding('deflate')).toBe('identity');
    expect(preferredEncoding(undefined)).toBe('identity');
    expect(preferredEncoding('')).toBe('identity');
  });

  it('honours q-values, including q=0 refusals and the wildcard', () => {
    expect(preferredEncoding('br;q=0, gzip;q=0.5')).toBe('gzip');
    expect(preferredEncoding('BR;Q=0, GZIP;q=0')).toBe('identity');
    expect(preferredEncoding('*')).toBe('br');
    expect(preferredEncoding('*;q=0, identity')).toBe('identity');
    expect(preferredEncoding('gzip;q=0, *;q=1')).toBe('br');
  });
});

describe('cacheKey', () => {
  const reads = ['rating', 'sort', 'order'];
  it('keeps only the parameters the page reads, in its order, single values only', () => {
    expect(cacheKey('p', { x: '1', order: 'desc', sort: 'ref' }, reads, null)).toBe('p?sort=ref&order=desc');
    expect(cacheKey('p', { rating: ['G', 'R'], sort: '', x: '2' }, reads, null)).toBe('p?');
    expect(cacheKey('p', undefined, [], null)).toBe('p?');
  });

  it('drops a value the page does not accept, once that is known', () => {
    const accepted = { rating: ['G', 'R'], sort: ['ref'], order: ['asc', 'desc'] };
    expect(cacheKey('p', { rating: 'junk', sort: 'ref' }, reads, accepted)).toBe('p?sort=ref');
    expect(cacheKey('p', { rating: 'G' }, reads, accepted)).toBe('p?rating=G');
    expect(cacheKey('p', { rating: 'a&b=c' }, reads, null)).toBe('p?rating=a%26b%3Dc');
  });
});
