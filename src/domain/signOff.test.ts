import { describe, expect, it } from 'vitest';
import { availableActions, isSignOffAction, reasonRequired } from './signOff.ts';

describe('sign-off rules', () => {
  it('offers each role the steps it may take from each status', () => {
    expect(availableActions('open', 'data-owner')).toEqual(['submit']);
    expect(availableActions('open', 'councillor')).toEqual([]);
    expect(availableActions('submitted', 'performance-officer')).toEqual(['approve', 'reopen']);
    expect(availableActions('submitted', 'administrator')).toEqual(['reopen']);
    expect(availableActions('submitted', 'data-owner')).toEqual([]);
    expect(availableActions('approved', 'administrator')).toEqual(['publish', 'reopen']);
    expect(availableActions('published', 'performance-officer')).toEqual(['reopen']);
    expect(availableActions('published', null)).toEqual([]);
  });

  it('needs a reason to reopen an approved or published cycle only', () => {
    expect(reasonRequired('reopen', 'published')).toBe(true);
    expect(reasonRequired('reopen', 'approved')).toBe(true);
    expect(reasonRequired('reopen', 'submitted')).toBe(false);
    expect(reasonRequired('publish', 'approved')).toBe(false);
    expect(isSignOffAction('publish')).toBe(true);
    expect(isSignOffAction('delete')).toBe(false);
  });
});
