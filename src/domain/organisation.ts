/**
 * The organisation both businesses share: a council's committees with their names over time and terms
 * of reference, and the priorities a committee commissions. Performance reporting reads committees and
 * priorities; committee business adds people, memberships and meetings beside them. Pure.
 */
import { inForceIn } from './inForce.ts';

/** A committee's name from a plan year on (null: from the start). */
export interface CommitteeName {
  name: string;
  fromYear: number | null;
}

/** One committee record, read the same way by every page, paper and form. */
export interface Committee {
  id: number;
  /** Its URL form: community-leadership-committee. */
  slug: string;
  termsOfReference: string | null;
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
  const planYear = date.getUTCMonth() >= 3 ? date.getUTCFullYear() : date.getUTCFullYear() - 1;
  return committeeNameIn(committee, planYear);
}

/** The name it has now (the last it was given). */
export function currentCommitteeName(committee: Pick<Committee, 'names' | 'slug'>): string {
  return committee.names[committee.names.length - 1]?.name ?? committee.slug;
}
