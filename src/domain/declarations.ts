/**
 * Declarations of interest at a meeting (DOMAIN.md §9, issue 12 deliver 2): which member, on which item,
 * the type of interest, the detail, and whether the member withdrew from the item. A declaration is made
 * by someone present at the meeting, on an item of its agenda. Pure.
 */

export const INTEREST_TYPES = ['disclosable-pecuniary', 'non-pecuniary', 'other-registrable'] as const;
export type InterestType = (typeof INTEREST_TYPES)[number];

export const INTEREST_TYPE_LABELS: Record<InterestType, string> = {
  'disclosable-pecuniary': 'Disclosable pecuniary interest',
  'non-pecuniary': 'Non-pecuniary interest',
  'other-registrable': 'Other registrable interest',
};

export interface Declaration {
  personId: number;
  /** The agenda item's key (its id as text). */
  itemKey: string;
  type: InterestType;
  detail: string;
  withdrew: boolean;
}

export interface DeclarationProblem {
  code: 'not-present' | 'unknown-item' | 'no-detail' | 'pecuniary-not-withdrawn' | 'declared-twice';
  index: number;
  message: string;
}

export function isInterestType(value: unknown): value is InterestType {
  return typeof value === 'string' && (INTEREST_TYPES as readonly string[]).includes(value);
}

/**
 * What is wrong with a meeting's declarations: each must be by someone present, on an item of the
 * agenda, with its detail; a member with a disclosable pecuniary interest must withdraw (Localism Act
 * 2011 s.31, unless dispensed — the record then says so in its detail); one declaration per member per
 * item and type. Every problem is listed.
 */
export function checkDeclarations(
  declarations: readonly Declaration[],
  present: ReadonlySet<number>,
  items: ReadonlyMap<string, string>,
  nameOf: (personId: number) => string = (id) => `person ${id}`,
): DeclarationProblem[] {
  const problems: DeclarationProblem[] = [];
  const seen = new Set<string>();
  declarations.forEach((d, index) => {
    const who = nameOf(d.personId);
    const item = items.get(d.itemKey);
    if (!present.has(d.personId)) problems.push({ code: 'not-present', index, message: `${who} declared an interest but is not recorded as present` });
    if (item === undefined) problems.push({ code: 'unknown-item', index, message: `${who} declared an interest in an item that is not on the agenda (${d.itemKey})` });
    if (d.detail.trim() === '') problems.push({ code: 'no-detail', index, message: `${who}'s declaration${item ? ` on ${item}` : ''} gives no detail of the interest` });
    if (d.type === 'disclosable-pecuniary' && !d.withdrew && !/dispensation/i.test(d.detail)) {
      problems.push({ code: 'pecuniary-not-withdrawn', index, message: `${who} declared a disclosable pecuniary interest${item ? ` in ${item}` : ''} but is not recorded as withdrawing, and no dispensation is recorded` });
    }
    const key = `${d.personId}|${d.itemKey}|${d.type}`;
    if (seen.has(key)) problems.push({ code: 'declared-twice', index, message: `${who}'s ${INTEREST_TYPE_LABELS[d.type].toLowerCase()}${item ? ` in ${item}` : ''} is recorded twice` });
    seen.add(key);
  });
  return problems;
}
