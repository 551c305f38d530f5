/**
 * View models for /admin/framework/committees: the list, a committee's page (names by plan year,
 * terms of reference, priorities, the change form), the add form and the priority form.
 */
import { formatFinancialYear } from '../../../../domain/periods.ts';
import type { AdminCommittee, AdminPriority } from '../../../../services/frameworkAdminService.ts';
import type { CommitteeInput, FieldErrors, PriorityInput } from '../../../../services/frameworkAdminService.ts';
import { errorView, type ErrorView } from '../shared.ts';
import { ROUTES, committeeAdminPath, prioritiesAdminPath, priorityAdminPath } from '../../../urls.ts';

export const COMMITTEE_FIELDS = ['name', 'from_plan_year', 'terms_of_reference', 'reason'] as const;
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
    termsOfReference: string | null;
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
          names: c.names.map((n) => ({ name: n.name, from: n.fromYear === null ? 'From the start' : `From ${formatFinancialYear(n.fromYear)}` })),
          termsOfReference: c.termsOfReference,
          priorities: c.priorities.map((p) => ({ name: p.name, outcome: p.outcome ?? '', corporateOutcome: p.corporateOutcome ?? '', href: priorityAdminPath(c.slug, p.id) })),
          newPriorityHref: `${prioritiesAdminPath(c.slug)}/new`,
        }
      : null,
    noticeText: input.notice ?? null,
    ...errorView(input.errors ?? {}, COMMITTEE_FIELDS),
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
