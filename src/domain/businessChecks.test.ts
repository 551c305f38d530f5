import { describe, expect, it } from 'vitest';
import { comparableTitle, mentionMatches, missingStandingItems, personMentions, titleIsEntry, unknownCouncillors } from './businessChecks.ts';

const COUNCILLORS = ['Reuben Thompstone', 'David Longstaff', 'Charlie O-Macauley', 'Sara Conway'];

describe('councillors named in papers', () => {
  it('reads names after Councillor and Cllr., stopping at a role', () => {
    expect(personMentions('Report of Cllr. Thompstone, Chairman of the Committee').map((m) => m.name)).toEqual(['Thompstone']);
    expect(personMentions('Councillor Reuben Thompstone – Committee Chairman').map((m) => m.name)).toEqual(['Reuben Thompstone']);
    expect(personMentions('Councillor Thompstone Chairman of Committee').map((m) => m.name)).toEqual(['Thompstone']);
    expect(personMentions('the councillors agreed')).toEqual([]);
  });

  it('matches a whole name, a family name, or first and family name', () => {
    expect(mentionMatches({ text: '', name: 'Thompstone' }, COUNCILLORS)).toBe(true);
    expect(mentionMatches({ text: '', name: 'Charlie O-Macauley' }, COUNCILLORS)).toBe(true);
    expect(mentionMatches({ text: '', name: 'Charlie Macauley' }, COUNCILLORS)).toBe(false);
    expect(mentionMatches({ text: '', name: 'Sarah Conway' }, COUNCILLORS)).toBe(false);
  });

  it('reports each unknown name once', () => {
    const text = 'Councillor Thompstone and Councillor Sarah Conway moved; Councillor Sarah Conway seconded. Cllr Weeden-Sanz abstained.';
    expect(unknownCouncillors(text, COUNCILLORS).map((m) => m.name)).toEqual(['Sarah Conway', 'Weeden-Sanz']);
  });
});

describe('standing items missing from an agenda', () => {
  it('compares titles loosely and counts a placed performance report as its quarter', () => {
    expect(comparableTitle('Nomination for Assets of Community Value (if any)')).toBe(comparableTitle('Nomination for Assets of Community Value'));
    const expected = [
      { title: 'Corporate Grants', period: null },
      { title: 'Nomination for Assets of Community Value (if any)', period: null },
      { title: 'Q2 2018/19 Performance Report', period: '2018-Q2' },
    ];
    const agenda = ['Minutes of last meeting', 'Nomination for Assets of Community Value', 'Quarter 2 2018/19 Community Leadership and Libraries Committee Performance Report'];
    expect(missingStandingItems(expected, agenda, ['2018-Q2']).map((e) => e.title)).toEqual(['Corporate Grants']);
    expect(missingStandingItems(expected, agenda, []).map((e) => e.title)).toEqual(['Corporate Grants', 'Q2 2018/19 Performance Report']);
    // A typed year after the title still is the item (12 June 2018: "Nomination for Assets of Community Value 2018").
    expect(missingStandingItems([expected[1]!], ['Nomination for Assets of Community Value 2018'], [])).toEqual([]);
  });
});

describe('agenda items and their work programme entries', () => {
  it('matches the same title, or every word of a title of three or more', () => {
    expect(titleIsEntry('Communities Together Network Annual Report 2018', 'Communities Together Network: Annual Report')).toBe(true);
    expect(titleIsEntry('Business Planning Report', 'Business Paper')).toBe(false);
    expect(titleIsEntry('Corporate Grants', 'Corporate grants')).toBe(true);
    expect(titleIsEntry('Grants to community groups', 'Corporate Grants')).toBe(false);
  });
});
