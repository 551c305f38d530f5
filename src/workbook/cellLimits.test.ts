/**
 * Limits on import cells (docs/import-template.md, "Limits"): each refused with sheet, row and column.
 */
import { describe, expect, it } from 'vitest';
import { validateWorkbook } from './validate.ts';

describe('limits on cells', () => {
  const validate = (cells: Record<string, string>, sheet = 'results') => {
    const outcome = validateWorkbook({ [sheet]: [{ row: 2, cells }] });
    return outcome.ok ? [] : outcome.errors;
  };
  const result = (over: Record<string, string>) => ({ ref: 'T/1', period: 'Q1 2018/19', value: '5', commentary: '', ...over });

  it('refuses absurd numbers, naming the cell', () => {
    for (const value of ['1e308%', '99999999999999999999999999999', '1e-400']) {
      expect(validate(result({ value }))).toEqual(expect.arrayContaining([expect.objectContaining({ sheet: 'results', row: 2, column: 'value', message: expect.stringMatching(/too (large|small)/) })]));
    }
    expect(validate(result({ value: '£6.8m' })).filter((e) => e.column === 'value')).toEqual([]);
  });

  it('refuses periods that do not exist', () => {
    for (const value of ['Due Q9 18/19', 'New (2099/00)']) {
      expect(validate(result({ value })).some((e) => e.column === 'value' && e.row === 2)).toBe(true);
    }
    expect(validate(result({ value: 'Due Q3 18/19' }))).toEqual([]);
    expect(validate(result({ period: 'Q1 2099/00' })).some((e) => e.column === 'period' && /outside the plan years/.test(e.message))).toBe(true);
  });

  it('refuses control characters and text longer than the web forms take', () => {
    expect(validate(result({ commentary: 'a\u0000b' }))).toEqual([expect.objectContaining({ column: 'commentary', message: expect.stringContaining('control character (U+0000)') })]);
    expect(validate(result({ commentary: 'x'.repeat(10_001) }))).toEqual([expect.objectContaining({ column: 'commentary', message: expect.stringContaining('10,000 characters or fewer') })]);
    expect(validate(result({ commentary: 'x'.repeat(10_000), value: '1,939' }))).toEqual([]);
    expect(validate({ ref: 'T/1', title: 'x'.repeat(401) }, 'indicators').some((e) => e.column === 'title' && /400 characters or fewer/.test(e.message))).toBe(true);
  });
});
