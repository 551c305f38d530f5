/**
 * People of committee business (DOMAIN.md §9): councillors (party, ward) and officers (job title, email,
 * phone), each held once so a name is spelt one way on every page, paper and cover. Pure.
 */

export const PERSON_KINDS = ['councillor', 'officer'] as const;
export type PersonKind = (typeof PERSON_KINDS)[number];

export interface Person {
  id: number;
  /** Its URL form: reuben-thompstone. */
  slug: string;
  /** The name as the person spells it: "Reuben Thompstone", "Charlie O-Macauley". */
  name: string;
  kind: PersonKind;
  /** Councillors. */
  party: string | null;
  ward: string | null;
  /** Officers (a councillor may give contact details too). */
  jobTitle: string | null;
  email: string | null;
  phone: string | null;
}

/** A URL slug from a name: "Charlie O-Macauley" → "charlie-o-macauley"; never empty. */
export function personSlug(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'person';
}

/** How the packs print a person: "Councillor Reuben Thompstone"; officers by name alone. */
export function displayName(person: Pick<Person, 'name' | 'kind'>): string {
  return person.kind === 'councillor' ? `Councillor ${person.name}` : person.name;
}

/** The key people are listed by: family name (the last word), then the whole name. */
export function sortKey(name: string): string {
  const words = name.trim().split(/\s+/);
  return `${words[words.length - 1]!.toLowerCase()} ${name.toLowerCase()}`;
}

/** The same name written another way: spaces, case and dashes do not make a second person. */
export function sameName(a: string, b: string): boolean {
  return personSlug(a) === personSlug(b);
}
