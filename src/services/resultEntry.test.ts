import { describe, expect, it } from 'vitest';
import type { PlanYearSettings } from '../domain/types.ts';
import type { SessionUser } from '../domain/access.ts';
import { editLock, isOffTarget, mayEditAction, mayEditIndicator, validateActionEntry, validateResultEntry, type RatingContext, type ResultEntryValues } from './resultEntry.ts';

const variance: PlanYearSettings = { startYear: 2018, method: { kind: 'variance', redFrom: 10 }, directionalPolicy: 'monitor' };
const ctx = (over: Partial<RatingContext> = {}): RatingContext => ({
  polarity: 'bigger',
  tolerance: null,
  target: { form: 'value', value: 90 },
  settings: variance,
  lastYear: null,
  lastYearLabel: 'Q2 2017/18',
  ...over,
});
const values = (over: Partial<ResultEntryValues> = {}): ResultEntryValues => ({
  value: '',
  status: 'reported',
  dataPeriod: '',
  note: '',
  commentary: '',
  intervention: '',
  reason: '',
  ...over,
});
const user = (role: SessionUser['role'], refs: string[] = [], services: string[] = []): SessionUser => ({ id: 1, email: 'a@b.c', name: 'A', role, scope: { refs, services } });

describe('validateResultEntry', () => {
  it('reads a value as the import does, with markers and data period hints', () => {
    const v = validateResultEntry(values({ value: '1,939 (c)', intervention: 'x' }), ctx({ target: { form: 'monitor' } }));
    expect(v.errors).toEqual({});
    expect(v.fields).toMatchObject({ value: 1939, printed: '1,939 (c)', basis: 'cumulative', status: 'reported' });
    const hinted = validateResultEntry(values({ value: '92% (Spring 2015)' }), ctx());
    expect(hinted.fields).toMatchObject({ value: 92, dataPeriod: 'Spring 2015' });
  });

  it('names the field of a value it cannot read', () => {
    expect(validateResultEntry(values({ value: 'about twelve' }), ctx()).errors).toEqual({
      value: 'Result "about twelve" is not understood: write a number such as 85%, 717, £6.8m or 8.35 days, or choose a status below',
    });
    expect(validateResultEntry(values({ value: '' }), ctx()).errors.value).toMatch(/^Enter the result, or choose a status/);
  });

  it('takes the status from text such as "Due Q3 18/19" and refuses a contradiction', () => {
    expect(validateResultEntry(values({ value: 'Due Q3 18/19' }), ctx()).fields).toMatchObject({ status: 'due', value: null });
    expect(validateResultEntry(values({ value: '', status: 'not collected' }), ctx()).fields).toMatchObject({ status: 'not collected', printed: '' });
    expect(validateResultEntry(values({ value: 'New (2016/17)', status: 'due' }), ctx()).errors.status).toMatch(/does not match/);
    expect(validateResultEntry(values({ value: '80%', status: 'not available' }), ctx()).errors.value).toMatch(/but chose the status "not available"/);
    expect(validateResultEntry(values({ value: '80%', status: 'sideways' }), ctx()).errors.status).toBe('Choose a status from the list');
  });

  it('requires comments and proposed intervention when the engine rates the result off target, saying why', () => {
    const amber = validateResultEntry(values({ value: '85%' }), ctx());
    expect(amber.rating?.value).toBe('A');
    expect(amber.errors.intervention).toMatch(/^Enter comments and proposed intervention: this result is off target \(Amber – Method A \(percentage variance\): shortfall 5 ÷ target 90 = 5\.6% off target/);
    expect(validateResultEntry(values({ value: '85%', intervention: 'Plan' }), ctx()).errors).toEqual({});
    // On target, within survey tolerance, monitor-only or not reported: not required.
    expect(validateResultEntry(values({ value: '91%' }), ctx()).errors).toEqual({});
    expect(validateResultEntry(values({ value: '87%' }), ctx({ tolerance: 4.4 })).errors).toEqual({});
    expect(validateResultEntry(values({ value: '10%' }), ctx({ target: { form: 'monitor' } })).errors).toEqual({});
    expect(validateResultEntry(values({ value: '', status: 'due' }), ctx()).errors).toEqual({});
    // Smaller is Better: above target is off target.
    expect(validateResultEntry(values({ value: '120' }), ctx({ polarity: 'smaller', target: { form: 'value', value: 100 } })).rating?.value).toBe('R');
    expect(isOffTarget(null)).toBe(false);
  });

  it('keeps the stored basis and printed rating unless the value gives new ones, and limits lengths', () => {
    expect(validateResultEntry(values({ value: '95%' }), ctx(), { basis: 'rolling', printedRag: 'G' }).fields).toMatchObject({ basis: 'rolling', printedRag: 'G' });
    expect(validateResultEntry(values({ value: '95%', note: 'x'.repeat(10_001) }), ctx()).errors.note).toMatch(/10,000 characters or fewer/);
  });
});

describe('validateActionEntry', () => {
  it('accepts the key-action ratings and refuses Amber', () => {
    expect(validateActionEntry({ rag: 'GA', commentary: ' Delayed ', reason: '' })).toEqual({ errors: {}, rag: 'GA', commentary: 'Delayed' });
    expect(validateActionEntry({ rag: 'not-rated', commentary: '', reason: '' }).rag).toBe('not-rated');
    expect(validateActionEntry({ rag: 'Amber', commentary: '', reason: '' }).errors.rag).toMatch(/^Choose a rating/);
    expect(validateActionEntry({ rag: '', commentary: '', reason: '' }).errors.rag).toMatch(/^Choose a rating/);
  });
});

describe('scope and locks', () => {
  it('lets data owners edit only their refs and services', () => {
    const owner = user('data-owner', ['CG/S3'], ['Commissioning Group']);
    expect(mayEditIndicator(owner, { ref: 'cg/s3', owner: null })).toBe(true);
    expect(mayEditIndicator(owner, { ref: 'CG/S4', owner: 'Commissioning group' })).toBe(true);
    expect(mayEditIndicator(owner, { ref: 'CG/S4', owner: null })).toBe(false);
    expect(mayEditAction(owner, { ref: 'KA-1', service: 'Commissioning Group' })).toBe(true);
    expect(mayEditAction(owner, { ref: 'KA-1', service: 'Libraries' })).toBe(false);
    expect(mayEditIndicator(user('performance-officer'), { ref: 'X', owner: null })).toBe(true);
    expect(mayEditIndicator(user('councillor'), { ref: 'X', owner: null })).toBe(false);
  });

  it('locks published cycles for everyone and approved ones for data owners', () => {
    expect(editLock('published', 'administrator', 'C Q2 2018/19')).toMatch(/^C Q2 2018\/19 is published, so its data are locked/);
    expect(editLock('approved', 'data-owner', 'C')).toMatch(/has been approved, so data owners can no longer change it/);
    expect(editLock('approved', 'performance-officer', 'C')).toBeNull();
    expect(editLock('submitted', 'data-owner', 'C')).toBeNull();
  });
});
