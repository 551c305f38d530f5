/**
 * View models for /admin/framework/committees: the list, a committee's page (names by plan year, terms of
 * reference over time, who its papers are from, priorities, the rename form), the add form, the terms of
 * reference form and the priority form.
 */
import type { PaperDetails } from '../../../../domain/paperDetails.ts';
import { formatFinancialYear } from '../../../../domain/periods.ts';
import type { AdminCommittee, AdminPriority, TermsInput } from '../../../../services/frameworkAdminService.ts';
import type { CommitteeInput, FieldErrors, PriorityInput } from '../../../../services/frameworkAdminService.ts';
import { errorView, type ErrorView } from '../shared.ts';
import { detailRows, type SummaryRow } from '../../paper-details/viewModel.ts';
import { ROUTES, committeeAdminPath, committeePaperAdminPath, prioritiesAdminPath, priorityAdminPath, termsAdminPath, yearSlug } from '../../../urls.ts';

export const COMMITTEE_FIELDS = ['name', 'from_plan_year', 'terms_of_reference', 'reason'] as const;
export const RENAME_FIELDS = ['name', 'from_plan_year', 'reason'] as const;
export const TERMS_FIELDS = ['from_plan_year', 'terms_of_reference', 'reason'] as const;

/** "From the start", "From 2018/19". */
const fromText = (year: number | null) => (year === null ? 'From the start' : `From ${formatFinancialYear(year)}`);

/** The URL form of a terms-of-reference year: `start` or `2018-19`. */
export const termsYearSlug = (year: number | null) => (year === null ? 'start' : yearSlug(year));
export const PRIORITY_FIELDS = ['priority', 'outcome', 'corporate_outcome', 'reason'] as const;

export const currentName = (c: Pick<AdminCommittee, 'names' | 'slug'>) => c.names.at(-1)?.name ?? c.slug;

export interface CommitteeListView {
  pageTitle: string;
  notice: string | null;
  committees: { name: string; href: string; earlier: string; priorities: number }[];
}

export function buildCommitteeListView(committees: AdminCommittee[], notice: string | null = null): CommitteeListView {
  return {
    pageTitle: 'Committees and priorities',
    notice,
    committees: committees.map((c) => ({
      name: currentName(c),
      href: committeeAdminPath(c.slug),
      earlier: c.names
        .slice(0, -1)
        .map((n) => n.name)
        .join('; '),
      priorities: c.priorities.length,
    })),
  };
}

export interface CommitteeFormView extends ErrorView {
  pageTitle: string;
  mode: 'add' | 'change';
  action: string;
  values: CommitteeInput;
  committee: {
    name: string;
    names: { name: string; from: string }[];
    /** Terms of reference over time, oldest first: when each applies (until the next), its lines, a link to change it. */
    terms: { from: string; until: string; lines: string[]; changeHref: string }[];
    termsHref: string;
    /** Who its papers are from, by default. */
    paper: SummaryRow[];
    paperHref: string;
    priorities: { name: string; outcome: string; corporateOutcome: string; href: string }[];
    newPriorityHref: string;
  } | null;
  noticeText: string | null;
}

export const EMPTY_COMMITTEE: CommitteeInput = { name: '', from_plan_year: '', terms_of_reference: '', reason: '' };

export function buildCommitteeFormView(input: {
  mode: 'add' | 'change';
  values: CommitteeInput;
  committee?: AdminCommittee | null;
  paper?: PaperDetails | null;
  errors?: FieldErrors;
  notice?: string | null;
}): CommitteeFormView {
  const c = input.committee ?? null;
  return {
    pageTitle: c ? currentName(c) : 'Add a committee',
    mode: input.mode,
    action: c ? committeeAdminPath(c.slug) : ROUTES.adminCommittees,
    values: input.values,
    committee: c
      ? {
          name: currentName(c),
          names: c.names.map((n) => ({ name: n.name, from: fromText(n.fromYear) })),
          terms: c.terms.map((t, i) => {
            const next = c.terms[i + 1];
            return {
              from: fromText(t.fromYear),
              until: next?.fromYear != null ? `Until ${formatFinancialYear(next.fromYear - 1)}` : 'Until further notice',
              lines: t.text.split('\n').filter((l) => l.trim()),
              changeHref: `${termsAdminPath(c.slug)}?from=${termsYearSlug(t.fromYear)}`,
            };
          }),
          termsHref: termsAdminPath(c.slug),
          paper: detailRows(input.paper ?? null),
          paperHref: committeePaperAdminPath(c.slug),
          priorities: c.priorities.map((p) => ({ name: p.name, outcome: p.outcome ?? '', corporateOutcome: p.corporateOutcome ?? '', href: priorityAdminPath(c.slug, p.id) })),
          newPriorityHref: `${prioritiesAdminPath(c.slug)}/new`,
        }
      : null,
    noticeText: input.notice ?? null,
    ...errorView(input.errors ?? {}, COMMITTEE_FIELDS),
  };
}

export interface TermsFormView extends ErrorView {
  pageTitle: string;
  committeeName: string;
  action: string;
  backHref: string;
  values: TermsInput;
  /** What is stored, oldest first. */
  terms: { from: string; lines: string[] }[];
}

export function buildTermsFormView(input: { committee: AdminCommittee; values: TermsInput; errors?: FieldErrors }): TermsFormView {
  const c = input.committee;
  return {
    pageTitle: 'Terms of reference',
    committeeName: currentName(c),
    action: termsAdminPath(c.slug),
    backHref: committeeAdminPath(c.slug),
    values: input.values,
    terms: c.terms.map((t) => ({ from: fromText(t.fromYear), lines: t.text.split('\n').filter((l) => l.trim()) })),
    ...errorView(input.errors ?? {}, TERMS_FIELDS),
  };
}

/** The form's values to change the text from a year (`from`: `start` or `2018-19`), or to add one. */
export function termsInputFor(committee: AdminCommittee, from: string | undefined): TermsInput {
  const found = from ? committee.terms.find((t) => termsYearSlug(t.fromYear) === from) : undefined;
  return {
    from_plan_year: found?.fromYear != null ? formatFinancialYear(found.fromYear) : '',
    terms_of_reference: found?.text ?? '',
    reason: '',
  };
}

export interface PriorityFormView extends ErrorView {
  pageTitle: string;
  mode: 'add' | 'change';
  action: string;
  committeeName: string;
  backHref: string;
  values: PriorityInput;
  corporateOutcomes: string[];
}

export function buildPriorityFormView(input: {
  committee: AdminCommittee;
  priority: AdminPriority | null;
  values: PriorityInput;
  corporateOutcomes: string[];
  errors?: FieldErrors;
}): PriorityFormView {
  const { committee, priority } = input;
  return {
    pageTitle: priority ? priority.name : 'Add a priority',
    mode: priority ? 'change' : 'add',
    action: priority ? priorityAdminPath(committee.slug, priority.id) : prioritiesAdminPath(committee.slug),
    committeeName: currentName(committee),
    backHref: committeeAdminPath(committee.slug),
    values: input.values,
    corporateOutcomes: input.corporateOutcomes,
    ...errorView(input.errors ?? {}, PRIORITY_FIELDS),
  };
}

export function priorityToInput(p: AdminPriority): PriorityInput {
  return { priority: p.name, outcome: p.outcome ?? '', corporate_outcome: p.corporateOutcome ?? '', reason: '' };
}
