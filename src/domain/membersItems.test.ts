import { describe, expect, it } from 'vitest';
import { orderOfBusiness, type AgendaItem } from './agenda.ts';
import { membersItemLineTitle, membersItemPaper, readCheck, seatOn, submissionProblems, type SubmissionFacts } from './membersItems.ts';

const M = [
  { personId: 1, role: 'member' as const, from: '2018-05-22', to: null },
  { personId: 2, role: 'substitute' as const, from: '2018-05-22', to: null },
  { personId: 3, role: 'member' as const, from: '2014-05-22', to: '2018-05-21' },
];
const facts = (over: Partial<SubmissionFacts> = {}): SubmissionFacts => ({
  personId: 1,
  meeting: { date: '2018-11-21', status: 'scheduled', agendaPublished: false, committeeName: 'Test Committee' },
  memberships: M,
  existing: 0,
  today: '2018-11-06',
  closes: '2018-11-06',
  title: 'Libraries',
  request: 'Please report',
  ...over,
});
const fmt = (d: string) => d;

describe('members’ items rules', () => {
  it('finds the seat on the meeting date: members and substitutes, not former members', () => {
    expect([seatOn(M, 1, '2018-11-21'), seatOn(M, 2, '2018-11-21'), seatOn(M, 3, '2018-11-21'), seatOn(M, 3, '2018-05-21'), seatOn(M, 4, '2018-11-21')]).toEqual(['member', 'substitute', null, 'member', null]);
  });
  it('takes a member’s first item up to and on the closing date', () => {
    expect(submissionProblems(facts(), fmt)).toEqual({});
    expect(submissionProblems(facts({ personId: 2 }), fmt)).toEqual({});
  });
  it('refuses a second item, a former member, a late item and a published agenda, all at once', () => {
    expect(submissionProblems(facts({ personId: 3, existing: 1, today: '2018-11-07', title: '', request: '' }), fmt)).toEqual({
      meeting:
        'Members’ items for the meeting on 2018-11-21 closed on 2018-11-06. You are not a member or appointed substitute of the Test Committee on 2018-11-21. You already have an item for the meeting on 2018-11-21: a member may have one item only on an agenda',
      title: 'Enter the title of your item',
      request: 'Enter what you are asking the committee to consider',
    });
    expect(submissionProblems(facts({ meeting: { ...facts().meeting!, agendaPublished: true } }), fmt).meeting).toMatch(/no longer open/);
    expect(submissionProblems(facts({ meeting: { ...facts().meeting!, status: 'cancelled' } }), fmt).meeting).toMatch(/no longer open/);
    expect(submissionProblems(facts({ personId: null, meeting: null }), fmt).meeting).toBe('Your account is not linked to a councillor: ask an administrator to link it. Select the meeting the item is for');
  });
  it('reads the check: a refusal needs its reason', () => {
    expect(readCheck({ decision: 'accepted', reason: ' ' })).toEqual({ decision: 'accepted', reason: null });
    expect(readCheck({ decision: 'not-accepted', reason: '' })).toEqual({ errors: { reason: 'Enter why the item is not accepted: how it falls outside the committee’s terms of reference' } });
    expect(readCheck({ decision: 'maybe', reason: 'x'.repeat(2001) })).toEqual({ errors: { decision: 'Select whether the item is accepted', reason: 'Reason must be 2,000 characters or fewer' } });
  });
  it('makes the paper from the template with the member’s request as its body', () => {
    const p = membersItemPaper({ title: ' Libraries ', request: 'Please report', memberName: 'Sara Conway', committeeName: 'Test Committee' });
    expect([p.title, p.reportOf, p.wards, p.recommendations.length]).toEqual(['Libraries', 'Councillor Sara Conway', 'All', 1]);
    expect(p.sections.why).toContain('Please report');
    expect(membersItemLineTitle('Sara Conway')).toBe("Member's Item - Cllr Sara Conway");
  });
  it('numbers accepted items under Members’ items, and on their own when it is gone', () => {
    const item = (id: number, position: number, kind: AgendaItem['kind'], title: string, part: AgendaItem['part'] = 'public'): AgendaItem => ({ id, position, kind, title, ifAny: false, part, toFollow: false, paperId: null, exemptParagraph: null });
    const items = [item(1, 1, 'minutes', 'Minutes'), item(2, 2, 'members-items', "Members' Items"), item(3, 3, 'report', 'A'), item(4, 4, 'report', 'B', 'exempt'), item(5, 5, 'member-item', 'X'), item(6, 6, 'member-item', 'Y')];
    expect(orderOfBusiness(items, 'C').map((l) => `${l.number} ${l.title}`)).toEqual(['1 Minutes', "2 Members' Items", '2.1 X', '2.2 Y', '3 A', '4 Motion to exclude the press and public', '5 B']);
    expect(orderOfBusiness(items.filter((i) => i.id !== 2), 'C').map((l) => `${l.number} ${l.title}`)).toEqual(['1 Minutes', '2 A', '3 X', '4 Y', '5 Motion to exclude the press and public', '6 B']);
  });
});
