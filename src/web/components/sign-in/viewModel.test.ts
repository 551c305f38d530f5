import { describe, expect, it } from 'vitest';
import { buildSignInView, safeNext } from './viewModel.ts';

describe('sign-in next path', () => {
  it.each([
    ['/admin/users', '/admin/users'],
    ['/reports/performance?committee=x&period=2016%2F17', '/reports/performance?committee=x&period=2016%2F17'],
    ['/a/../admin', '/admin'],
    ['https://evil.example/', '/'],
    ['//evil.example/', '/'],
    ['/\\evil.example', '/'],
    ['\\\\evil.example', '/'],
    ['javascript:alert(1)', '/'],
    ['/\t/evil.example', '/'],
    ['/sign-out', '/'],
    ['', '/'],
    [undefined, '/'],
  ])('%s → %s', (next, expected) => {
    expect(safeNext(next)).toBe(expected);
  });
});

describe('sign-in view', () => {
  it('links each error in the summary to its field', () => {
    const view = buildSignInView({ email: 'a@b.c', errors: { email: 'Enter your email address', password: 'Enter your password' } });
    expect(view.errorSummary).toEqual([
      { text: 'Enter your email address', href: '#email' },
      { text: 'Enter your password', href: '#password' },
    ]);
    expect(view.errors.password).toEqual({ text: 'Enter your password' });
    expect(buildSignInView({}).errorSummary).toBeNull();
  });
});
