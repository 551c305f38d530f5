import { describe, expect, it } from 'vitest';
import { preferredEncoding } from './publicCache.ts';

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
