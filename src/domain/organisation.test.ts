import { describe, expect, it } from 'vitest';
import { committeeNameIn, committeeNameOn, currentCommitteeName, termsOfReferenceIn, termsOfReferenceOn } from './organisation.ts';

const committee = {
  slug: 'community-leadership-committee',
  names: [
    { name: 'Community Leadership Committee', fromYear: null },
    { name: 'Community Leadership and Libraries Committee', fromYear: 2018 },
  ],
};

describe('committee names over time', () => {
  it('by plan year', () => {
    expect(committeeNameIn(committee, 2016)).toBe('Community Leadership Committee');
    expect(committeeNameIn(committee, 2018)).toBe('Community Leadership and Libraries Committee');
  });
  it('by date: a plan year starts on 1 April', () => {
    expect(committeeNameOn(committee, new Date('2018-03-31T12:00:00Z'))).toBe('Community Leadership Committee');
    expect(committeeNameOn(committee, new Date('2018-04-01T12:00:00Z'))).toBe('Community Leadership and Libraries Committee');
    expect(committeeNameOn(committee, new Date('2018-06-12T12:00:00Z'))).toBe('Community Leadership and Libraries Committee');
  });
  it('now, and the slug when it has no name', () => {
    expect(currentCommitteeName(committee)).toBe('Community Leadership and Libraries Committee');
    expect(committeeNameIn({ slug: 'x', names: [] }, 2018)).toBe('x');
  });
});

describe('terms of reference over time', () => {
  const terms = [
    { fromYear: null, text: 'Annex A functions' },
    { fromYear: 2018, text: 'Article 7 responsibilities' },
  ];
  it('by plan year: each text until the next', () => {
    expect(termsOfReferenceIn({ terms }, 2015)).toBe('Annex A functions');
    expect(termsOfReferenceIn({ terms }, 2017)).toBe('Annex A functions');
    expect(termsOfReferenceIn({ terms }, 2018)).toBe('Article 7 responsibilities');
    expect(termsOfReferenceIn({ terms }, 2020)).toBe('Article 7 responsibilities');
  });
  it('none before the first takes effect: a later year\'s text is never printed for an earlier one', () => {
    const later = [{ fromYear: 2018, text: 'Article 7 responsibilities' }];
    expect(termsOfReferenceIn({ terms: later }, 2017)).toBeNull();
    expect(termsOfReferenceIn({ terms: [] }, 2018)).toBeNull();
  });
  it('by date: a meeting reads the plan year its date falls in', () => {
    expect(termsOfReferenceOn({ terms }, new Date('2018-03-31T12:00:00Z'))).toBe('Annex A functions');
    expect(termsOfReferenceOn({ terms }, new Date('2018-11-21T12:00:00Z'))).toBe('Article 7 responsibilities');
  });
});
