/**
 * The organisation both businesses share: a council's committees with their names and terms of
 * reference over time, and the priorities a committee commissions. Performance reporting reads committees and
 * priorities; committee business adds people, memberships and meetings beside them. Pure.
 */
import { inForceIn } from './inForce.ts';

/** A committee's name from a plan year on (null: from the start). */
export interface CommitteeName {
  name: string;
  fromYear: number | null;
}

/** A committee's terms of reference from a plan year on (null: from the start), until the next. */
export interface CommitteeTerms {
  fromYear: number | null;
  text: string;
}

/** One committee record, read the same way by every page, paper and form. */
export interface Committee {
  id: number;
  /** Its URL form: community-leadership-committee. */
  slug: string;
  /** Its terms of reference over time, oldest first (null first). */
  terms: CommitteeTerms[];
  /** Every name it has had, oldest first. */
  names: CommitteeName[];
}

/** A priority a committee commissions, with its key outcome and the corporate-plan outcome it serves. */
export interface Priority {
  id: number;
  committeeId: number;
  name: string;
  outcome: string | null;
  corporateOutcome: string | null;
}

/** The name a committee had in a plan year (its reports of that year print it). */
export function committeeNameIn(committee: Pick<Committee, 'names' | 'slug'>, planYear: number): string {
  return inForceIn(committee.names, planYear)?.name ?? committee.slug;
}

/**
 * The name a committee had on a date (a meeting's, a paper's). Names change with the plan year, which
 * starts on 1 April (the council's annual meeting renames committees for the year ahead).
 */
export function committeeNameOn(committee: Pick<Committee, 'names' | 'slug'>, date: Date): string {
  return committeeNameIn(committee, planYearOf(date));
}

/** The name it has now (the last it was given). */
export function currentCommitteeName(committee: Pick<Committee, 'names' | 'slug'>): string {
  return committee.names[committee.names.length - 1]?.name ?? committee.slug;
}

/**
 * The terms of reference in force in a plan year: the last text whose year is null or not after it.
 * Null before the first takes effect — a paper never prints terms of reference of a later year.
 */
export function termsOfReferenceIn(committee: Pick<Committee, 'terms'>, planYear: number): string | null {
  let found: string | null = null;
  for (const t of committee.terms) if (t.fromYear === null || t.fromYear <= planYear) found = t.text;
  return found;
}

/** The terms of reference in force on a date (a meeting's): those of the plan year the date falls in. */
export function termsOfReferenceOn(committee: Pick<Committee, 'terms'>, date: Date): string | null {
  return termsOfReferenceIn(committee, planYearOf(date));
}

/** The plan year a date falls in: plan years start on 1 April. */
function planYearOf(date: Date): number {
  return date.getUTCMonth() >= 3 ? date.getUTCFullYear() : date.getUTCFullYear() - 1;
}
