import { describe, expect, it } from 'vitest';
import { describeTerm, inForceOn, isQuorate, membershipOn, overlapping, votingPresent, type Membership } from './membership.ts';

const p = (name: string) => ({ name });
const m = (id: number, personId: number, role: Membership['role'], from: string, to: string | null = null): Membership => ({ id, committeeId: 1, personId, role, from, to });

describe('memberships in force on a date', () => {
  it('counts the first and the last day (inclusive)', () => {
    const term = { from: '2017-05-16', to: '2018-05-21' };
    expect(inForceOn(term, '2017-05-15')).toBe(false);
    expect(inForceOn(term, '2017-05-16')).toBe(true);
    expect(inForceOn(term, '2018-05-21')).toBe(true);
    expect(inForceOn(term, '2018-05-22')).toBe(false);
    expect(inForceOn({ from: '2017-05-16', to: null }, '2099-01-01')).toBe(true);
  });

  it('refuses a second seat for one person on one committee over the same days, but not on another committee or after the first ends', () => {
    const existing = [m(1, 7, 'member', '2017-05-16', '2018-05-21'), { ...m(2, 7, 'member', '2017-01-01'), committeeId: 2 }];
    expect(overlapping({ committeeId: 1, personId: 7, from: '2018-05-21', to: null }, existing).map((x) => x.id)).toEqual([1]);
    expect(overlapping({ committeeId: 1, personId: 7, from: '2018-05-22', to: null }, existing)).toEqual([]);
    expect(overlapping({ committeeId: 1, personId: 7, from: '2016-01-01', to: '2017-05-15' }, existing)).toEqual([]);
    expect(overlapping({ committeeId: 1, personId: 7, from: '2016-01-01', to: null }, existing).map((x) => x.id)).toEqual([1]);
    expect(overlapping({ committeeId: 1, personId: 8, from: '2017-06-01', to: null }, existing)).toEqual([]);
    // Changing a membership does not collide with itself.
    expect(overlapping({ id: 1, committeeId: 1, personId: 7, from: '2017-05-16', to: '2018-01-01' }, existing)).toEqual([]);
  });

  it('orders the membership on a date as the packs print it: Chairman, Vice-Chairman, members, substitutes, by family name', () => {
    const rows = [
      { ...m(1, 1, 'substitute', '2017-05-16'), person: p('Wendy Prentice') },
      { ...m(2, 2, 'member', '2017-05-16'), person: p('Reema Patel') },
      { ...m(3, 3, 'vice-chairman', '2017-05-16', '2018-05-21'), person: p('Graham Old') },
      { ...m(4, 4, 'chairman', '2017-05-16', '2018-05-21'), person: p('David Longstaff') },
      { ...m(5, 5, 'member', '2017-05-16'), person: p('Brian Gordon') },
      { ...m(6, 6, 'substitute', '2017-05-16'), person: p('Maureen Braun') },
      { ...m(7, 4, 'vice-chairman', '2018-05-22'), person: p('David Longstaff') },
      { ...m(8, 8, 'chairman', '2018-05-22'), person: p('Reuben Thompstone') },
    ];
    const june2017 = membershipOn(rows, '2017-06-21');
    expect(june2017.chairman.map((x) => x.name)).toEqual(['David Longstaff']);
    expect(june2017.viceChairman.map((x) => x.name)).toEqual(['Graham Old']);
    expect(june2017.members.map((x) => x.name)).toEqual(['Brian Gordon', 'Reema Patel']);
    expect(june2017.substitutes.map((x) => x.name)).toEqual(['Maureen Braun', 'Wendy Prentice']);
    expect(june2017.voting).toBe(4);
    const nov2018 = membershipOn(rows, '2018-11-21');
    expect(nov2018.chairman.map((x) => x.name)).toEqual(['Reuben Thompstone']);
    expect(nov2018.viceChairman.map((x) => x.name)).toEqual(['David Longstaff']);
    expect(membershipOn(rows, '2017-05-15').voting).toBe(0);
  });

  it('describes a term', () => {
    expect(describeTerm({ from: '2017-06-21', to: null })).toBe('from 21 June 2017');
    expect(describeTerm({ from: '2017-06-21', to: '2018-05-21' })).toBe('21 June 2017 to 21 May 2018');
  });
});

describe('quorum', () => {
  it('counts Chairman, Vice-Chairman, members and substitutes in place of a member', () => {
    const present = [{ role: 'chairman' as const }, { role: 'member' as const }, { role: 'substitute' as const, inPlaceOfMember: true }, { role: 'substitute' as const }];
    expect(votingPresent(present)).toBe(3);
    expect(isQuorate(present, 3)).toBe(true);
    expect(isQuorate(present.slice(0, 2), 3)).toBe(false);
  });
});
