import { describe, expect, it } from 'vitest';
import { committeeNameIn, committeeNameOn, currentCommitteeName } from './organisation.ts';

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
