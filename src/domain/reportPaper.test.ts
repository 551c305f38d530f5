import { describe, expect, it } from 'vitest';
import { coverProblems, DEFAULT_SECTIONS, exemptEntitlement, exemptPlaceholder, numberSections, readRecommendations, sectionTemplateProblems, statusText, type CoverSheet } from './reportPaper.ts';

const cover = (over: Partial<CoverSheet> = {}): CoverSheet => ({
  title: 'Prevent and Community Engagement Update',
  reportOf: 'Chairman of the Community Leadership and Libraries Committee',
  wards: 'All',
  status: 'public',
  exemptParagraph: null,
  urgent: false,
  key: 'non-key',
  enclosures: [],
  contactIds: [7],
  ...over,
});

describe('cover sheet', () => {
  it('refuses an exempt appendix under a report marked public (the contradiction of the 002 pack)', () => {
    const errors = coverProblems(cover({ enclosures: [{ title: 'Appendix 1', exemptParagraph: 1, body: '' }] }));
    expect(errors.status).toMatch(/public with exempt appendices/);
    expect(coverProblems(cover({ status: 'public-exempt-appendices', enclosures: [{ title: 'Appendix 1', exemptParagraph: 1, body: '' }] }))).toEqual({});
  });

  it('needs the paragraph of an exempt paper, an exempt appendix under “with exempt appendices”, and a contact', () => {
    const errors = coverProblems(cover({ status: 'exempt', exemptParagraph: 9, contactIds: [], title: ' ' }));
    expect(Object.keys(errors)).toEqual(['title', 'exemptParagraph', 'contacts']);
    expect(coverProblems(cover({ status: 'public-exempt-appendices' })).status).toMatch(/No appendix is exempt/);
  });

  it('prints the status with its paragraphs', () => {
    expect(statusText(cover())).toBe('Public');
    expect(statusText(cover({ status: 'exempt', exemptParagraph: 3 }))).toBe('Exempt: by virtue of paragraph 3 of Part 1 of Schedule 12A of the Local Government Act 1972.');
    const enclosures = [
      { title: 'A', exemptParagraph: 1, body: '' },
      { title: 'B', exemptParagraph: null, body: '' },
    ];
    expect(statusText(cover({ status: 'public-exempt-appendices', enclosures }))).toBe('Public with exempt appendices (paragraph 1 of Part 1 of Schedule 12A)');
  });

  it('words the placeholder as the Act does', () => {
    expect(exemptPlaceholder(1)).toBe('By virtue of paragraph 1 of Part 1 of Schedule 12A of the Local Government Act 1972.');
  });
});

describe('sections', () => {
  it('numbers the default sections and the implications’ sub-sections as the packs do', () => {
    const headings = numberSections(DEFAULT_SECTIONS);
    expect(headings.slice(0, 3).map((h) => [h.number, h.title])).toEqual([
      ['', 'Summary'],
      ['', 'Recommendations'],
      ['1', 'Why this report is needed'],
    ]);
    const implications = headings.find((h) => h.field === 'implications')!;
    expect(implications.number).toBe('5');
    expect(headings.find((h) => h.field === 'implications.9')).toMatchObject({ number: '5.9', title: 'Insight', level: 3 });
    expect(headings[headings.length - 1]).toMatchObject({ number: '6', title: 'Background papers' });
  });

  it('renumbers when a council’s template adds a section', () => {
    const template = [...DEFAULT_SECTIONS.slice(0, 3), { key: 'context', title: 'Strategic context', numbered: true, subsections: [] }, ...DEFAULT_SECTIONS.slice(3)];
    const headings = numberSections(template);
    expect(headings.find((h) => h.field === 'context')!.number).toBe('2');
    expect(headings.find((h) => h.field === 'background')!.number).toBe('7');
    expect(sectionTemplateProblems(template)).toEqual([]);
    expect(sectionTemplateProblems([DEFAULT_SECTIONS[2]!, DEFAULT_SECTIONS[2]!])).toHaveLength(3);
  });

  it('reads recommendations one per line, dropping typed numbers', () => {
    expect(readRecommendations('1. That the Committee note the report\n\n2) That it agree\r\nthird')).toEqual(['That the Committee note the report', 'That it agree', 'third']);
  });
});

describe('who may see exempt information', () => {
  const meeting = { date: '2018-11-21', memberships: [{ personId: 10, from: '2018-05-22', to: null }, { personId: 11, from: '2014-05-22', to: '2018-05-21' }] };
  const paper = { contactIds: [20] };
  it('lets governance officers, administrators, named officers and members in force on the date see it', () => {
    expect(exemptEntitlement({ role: 'governance-officer', personId: null }, paper, meeting)).toBe('manager');
    expect(exemptEntitlement({ role: 'administrator', personId: null }, paper, meeting)).toBe('manager');
    expect(exemptEntitlement({ role: 'performance-officer', personId: 20 }, paper, meeting)).toBe('named-officer');
    expect(exemptEntitlement({ role: 'councillor', personId: 10 }, paper, meeting)).toBe('committee-member');
  });
  it('refuses the public, other staff, unlinked councillors and members whose term ended before the meeting', () => {
    expect(exemptEntitlement(null, paper, meeting)).toBeNull();
    expect(exemptEntitlement({ role: 'performance-officer', personId: 21 }, paper, meeting)).toBeNull();
    expect(exemptEntitlement({ role: 'data-owner', personId: null }, paper, meeting)).toBeNull();
    expect(exemptEntitlement({ role: 'councillor', personId: null }, paper, meeting)).toBeNull();
    expect(exemptEntitlement({ role: 'councillor', personId: 11 }, paper, meeting)).toBeNull();
    expect(exemptEntitlement({ role: 'councillor', personId: 12 }, paper, meeting)).toBeNull();
  });
});
