import { describe, expect, it } from 'vitest';
import { checkDeclarations, isInterestType, type Declaration } from './declarations.ts';

const items = new Map([
  ['6', "item 6, Members' items"],
  ['9', 'item 9, Update on the Metropolitan Police merger'],
]);
const name = (id: number) => `Councillor ${id}`;

describe('declarations of interest', () => {
  it('accepts the declaration of 12 June 2018: a non-pecuniary interest in the members\' item by a member present', () => {
    const d: Declaration = { personId: 5, itemKey: '6', type: 'non-pecuniary', detail: 'Trustee of Barnet Community Library', withdrew: false };
    expect(checkDeclarations([d], new Set([5]), items, name)).toEqual([]);
  });

  it('reports every problem: not present, an item not on the agenda, no detail, a pecuniary interest without withdrawing, twice', () => {
    const problems = checkDeclarations(
      [
        { personId: 7, itemKey: '12', type: 'non-pecuniary', detail: ' ', withdrew: false },
        { personId: 5, itemKey: '9', type: 'disclosable-pecuniary', detail: 'Owns land near the station', withdrew: false },
        { personId: 5, itemKey: '9', type: 'disclosable-pecuniary', detail: 'Owns land near the station', withdrew: true },
      ],
      new Set([5]),
      items,
      name,
    );
    expect(problems.map((p) => [p.code, p.index])).toEqual([
      ['not-present', 0],
      ['unknown-item', 0],
      ['no-detail', 0],
      ['pecuniary-not-withdrawn', 1],
      ['declared-twice', 2],
    ]);
    expect(problems[3]!.message).toBe('Councillor 5 declared a disclosable pecuniary interest in item 9, Update on the Metropolitan Police merger but is not recorded as withdrawing, and no dispensation is recorded');
  });

  it('accepts a pecuniary interest with a dispensation recorded', () => {
    expect(checkDeclarations([{ personId: 5, itemKey: '9', type: 'disclosable-pecuniary', detail: 'Dispensation granted by the Monitoring Officer', withdrew: false }], new Set([5]), items)).toEqual([]);
    expect(isInterestType('non-pecuniary')).toBe(true);
    expect(isInterestType('pecuniary')).toBe(false);
  });
});
