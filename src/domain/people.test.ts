import { describe, expect, it } from 'vitest';
import { displayName, personSlug, sameName, sortKey } from './people.ts';

describe('people', () => {
  it('makes one slug of a name however it is typed', () => {
    expect(personSlug('Charlie O-Macauley')).toBe('charlie-o-macauley');
    expect(personSlug('  Zoë  Brontë ')).toBe('zoe-bronte');
    expect(personSlug('!!!')).toBe('person');
    expect(sameName('Nagus Narenthira', 'nagus  narenthira')).toBe(true);
    expect(sameName('Nagus Narenthira', 'Nagus Narnethira')).toBe(false);
  });
  it('prints councillors with their title and sorts by family name', () => {
    expect(displayName({ name: 'Reuben Thompstone', kind: 'councillor' })).toBe('Councillor Reuben Thompstone');
    expect(displayName({ name: 'Abigail Lewis', kind: 'officer' })).toBe('Abigail Lewis');
    expect([sortKey('Reema Patel'), sortKey('Brian Gordon')].sort()[0]).toBe(sortKey('Brian Gordon'));
  });
});
