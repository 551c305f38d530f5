import { describe, expect, it } from 'vitest';
import { DEFAULT_SCRYPT, generatePassword, hashPassword, needsRehash, parseHash, verifyPassword } from './passwords.ts';

describe('password hashing (scrypt)', () => {
  it('stores the parameters and a per-user salt in the hash string', async () => {
    const a = await hashPassword('a long enough password');
    const b = await hashPassword('a long enough password');
    expect(a).toMatch(/^scrypt\$N=32768,r=8,p=1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(a).not.toBe(b);
    expect(parseHash(a)!.salt.length).toBe(16);
    expect(parseHash(a)!.params).toEqual(DEFAULT_SCRYPT);
  });

  it('verifies the right password and rejects others', async () => {
    const stored = await hashPassword('correct horse battery staple');
    await expect(verifyPassword(stored, 'correct horse battery staple')).resolves.toBe(true);
    await expect(verifyPassword(stored, 'correct horse battery stapler')).resolves.toBe(false);
    await expect(verifyPassword(stored, '')).resolves.toBe(false);
  });

  it('verifies with the parameters stored in the hash, and asks for a re-hash when they are weaker', async () => {
    const weak = await hashPassword('another good password', { N: 1024, r: 8, p: 1 });
    await expect(verifyPassword(weak, 'another good password')).resolves.toBe(true);
    expect(needsRehash(weak)).toBe(true);
    expect(needsRehash(await hashPassword('x'.repeat(12)))).toBe(false);
  });

  it('rejects malformed hashes and absurd parameters without throwing', async () => {
    await expect(verifyPassword('', 'x')).resolves.toBe(false);
    await expect(verifyPassword('plain-text-password', 'plain-text-password')).resolves.toBe(false);
    expect(parseHash('scrypt$N=3000,r=8,p=1$c2FsdHNhbHQ=$a2V5a2V5a2V5a2V5a2V5a2V5')).toBeNull();
    expect(parseHash('scrypt$N=4194304,r=8,p=1$c2FsdHNhbHQ=$a2V5a2V5a2V5a2V5a2V5a2V5')).toBeNull();
  });

  it('treats Unicode compatibility forms of a password alike', async () => {
    const stored = await hashPassword('ﬁne password 12');
    await expect(verifyPassword(stored, 'fine password 12')).resolves.toBe(true);
  });

  it('generates random passwords from an unambiguous alphabet', () => {
    const p = generatePassword();
    expect(p).toHaveLength(20);
    expect(p).toMatch(/^[a-km-np-zA-HJ-NP-Z2-9]+$/);
    expect(generatePassword()).not.toBe(p);
  });
});
