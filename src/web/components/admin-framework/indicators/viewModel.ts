/**
 * View models for /admin/framework/indicators: the list, an indicator's definition history with the
 * form for a new version, the add form, and its targets with next year's beside this year's.
 */
import { BASIS_WORDS, FREQUENCY_WORDS, POLARITY_WORDS, UNIT_WORDS } from '../../../../domain/cells.ts';
import { comparePeriods, formatFinancialYear, formatPeriod, periodFromKey } from '../../../../domain/periods.ts';
import type { Basis, Frequency, Polarity, Unit } from '../../../../domain/types.ts';
import type { AdminCommittee, AdminIndicatorSummary, AdminTarget, AdminVersion } from '../../../../services/frameworkAdminService.ts';
import { committeeNameIn } from '../../../../domain/organisation.ts';
import { CHOICES, type FieldErrors, type IndicatorInput, type TargetInput } from '../../../../services/frameworkAdminService.ts';
import { ROUTES, indicatorAdminPath, indicatorPath, targetsAdminPath } from '../../../urls.ts';
import { choiceItems, errorView, type ErrorView } from '../shared.ts';
import { currentName } from '../committees/viewModel.ts';

export const INDICATOR_FIELDS = [
  'ref',
  'plan_year',
  'title',
  'priority',
  'type',
  'polarity',
  'unit',
  'frequency',
  'basis',
  'source',
  'tolerance',
  'definition',
  'measured_against',
  'owner',
  'footnote',
  'reason',
] as const;
export const TARGET_FIELDS = ['period', 'target', 'reason'] as const;

export const EMPTY_INDICATOR: IndicatorInput = {
  ref: '',
  plan_year: '',
  title: '',
  priority: '',
  type: '',
  polarity: '',
  unit: '',
  frequency: '',
  basis: 'discrete',
  source: '',
  tolerance: '',
  definition: '',
  measured_against: '',
  owner: '',
  footnote: '',
  reason: '',
};

export interface IndicatorListView {
  pageTitle: string;
  notice: string | null;
  indicators: { ref: string; href: string; title: string; committee: string; versions: number }[];
}

export function buildIndicatorListView(indicators: AdminIndicatorSummary[], committees: AdminCommittee[], notice: string | null = null): IndicatorListView {
  const byId = new Map(committees.map((c) => [c.id, c]));
  return {
    pageTitle: 'Indicators and targets',
    notice,
    indicators: indicators.map((i) => ({
      ref: i.ref,
      href: indicatorAdminPath(i.ref),
      title: i.title,
      committee: byId.has(i.committeeId) ? currentName(byId.get(i.committeeId)!) : '',
      versions: i.versions,
    })),
  };
}

const FIELD_LABELS: Record<string, string> = {
  title: 'title',
  committeeId: 'committee',
  priority: 'priority',
  type: 'type',
  polarity: 'polarity',
  unit: 'unit',
  frequency: 'frequency',
  basis: 'basis',
  source: 'source',
  tolerance: 'tolerance',
  definition: 'definition',
  measuredAgainst: 'what it is measured against',
  owner: 'owner',
  footnote: 'footnote',
};

/** The fields a version changed from the one before it. */
export function changedFields(previous: AdminVersion | undefined, version: AdminVersion): string {
  if (!previous) return 'First definition';
  const changed = Object.keys(FIELD_LABELS).filter((k) => previous[k as keyof AdminVersion] !== version[k as keyof AdminVersion]);
  return changed.length ? `Changed: ${changed.map((k) => FIELD_LABELS[k]).join(', ')}` : 'No change';
}

export interface VersionRow {
  from: string;
  title: string;
  committee: string;
  priority: string;
  type: string;
  polarity: string;
  unit: string;
  frequency: string;
  basis: string;
  source: string;
  tolerance: string;
  definition: string;
  measuredAgainst: string;
  owner: string;
  changes: string;
}

export function versionRows(versions: AdminVersion[], committees: AdminCommittee[]): VersionRow[] {
  const byId = new Map(committees.map((c) => [c.id, c]));
  return versions.map((v, i) => {
    const committee = byId.get(v.committeeId);
    return {
      from: v.fromYear === null ? 'From the start' : `From ${formatFinancialYear(v.fromYear)}`,
      title: v.title,
      committee: committee ? committeeNameIn(committee, v.fromYear ?? Number.NEGATIVE_INFINITY) : '',
      priority: v.priority,
      type: v.type,
      polarity: POLARITY_WORDS[v.polarity as Polarity] ?? v.polarity,
      unit: UNIT_WORDS[v.unit as Unit] ?? v.unit,
      frequency: FREQUENCY_WORDS[v.frequency as Frequency] ?? v.frequency,
      basis: BASIS_WORDS[v.basis as Basis] ?? v.basis,
      source: v.source ?? '',
      tolerance: v.tolerance === null ? '' : `±${v.tolerance}`,
      definition: v.definition ?? '',
      measuredAgainst: v.measuredAgainst ?? '',
      owner: v.owner ?? '',
      changes: changedFields(versions[i - 1], v),
    };
  });
}

export interface IndicatorFormView extends ErrorView {
  pageTitle: string;
  mode: 'add' | 'change';
  action: string;
  ref: string | null;
  publicHref: string | null;
  targetsHref: string | null;
  values: IndicatorInput;
  versions: VersionRow[];
  planYearItems: { value: string; text: string; selected: boolean }[];
  priorityItems: { value: string; text: string; selected: boolean }[];
  polarityItems: ReturnType<typeof choiceItems>;
  unitItems: ReturnType<typeof choiceItems>;
  frequencyItems: ReturnType<typeof choiceItems>;
  basisItems: ReturnType<typeof choiceItems>;
  noticeText: string | null;
}

export function buildIndicatorFormView(input: {
  mode: 'add' | 'change';
  values: IndicatorInput;
  ref?: string | null;
  versions?: AdminVersion[];
  committees: AdminCommittee[];
  planYears: number[];
  errors?: FieldErrors;
  notice?: string | null;
}): IndicatorFormView {
  const { mode, values, committees } = input;
  const ref = input.ref ?? null;
  const versions = input.versions ?? [];
  const latest = versions.at(-1);
  return {
    pageTitle: mode === 'add' ? 'Add an indicator' : (latest?.title ?? ref ?? ''),
    mode,
    action: mode === 'add' ? ROUTES.adminIndicators : indicatorAdminPath(ref!),
    ref,
    publicHref: ref ? indicatorPath(ref) : null,
    targetsHref: ref ? targetsAdminPath(ref) : null,
    values,
    versions: versionRows(versions, committees),
    planYearItems: [
      { value: '', text: 'Choose a plan year', selected: values.plan_year === '' },
      ...[...input.planYears]
        .sort((a, b) => b - a)
        .map((y) => ({ value: formatFinancialYear(y), text: formatFinancialYear(y), selected: values.plan_year === formatFinancialYear(y) })),
    ],
    priorityItems: [
      { value: '', text: 'Choose a committee priority', selected: values.priority === '' },
      ...committees.flatMap((c) => c.priorities.map((p) => ({ value: String(p.id), text: `${currentName(c)}: ${p.name}`, selected: values.priority === String(p.id) }))),
    ],
    polarityItems: choiceItems(CHOICES.polarity, values.polarity),
    unitItems: choiceItems(CHOICES.unit, values.unit),
    frequencyItems: choiceItems(CHOICES.frequency, values.frequency),
    basisItems: choiceItems(CHOICES.basis, values.basis),
    noticeText: input.notice ?? null,
    ...errorView(input.errors ?? {}, INDICATOR_FIELDS),
  };
}

export interface TargetsView extends ErrorView {
  pageTitle: string;
  ref: string;
  title: string;
  action: string;
  backHref: string;
  values: TargetInput;
  /** This year's annual target, shown beside the form for next year's. */
  thisYear: { label: string; printed: string; reason: string } | null;
  nextYearLabel: string;
  targets: { period: string; printed: string; reason: string }[];
  noticeText: string | null;
}

/** The plan year whose targets are "this year's": the latest with an annual target (or the latest plan year). */
export function thisPlanYear(targets: AdminTarget[], planYears: number[]): number | null {
  const annual = targets.filter((x) => periodFromKey(x.period).kind === 'year').map((x) => x.planYear);
  if (annual.length) return Math.max(...annual);
  return planYears.length ? Math.max(...planYears) - 1 : null;
}

export function buildTargetsView(input: {
  ref: string;
  title: string;
  targets: AdminTarget[];
  planYears: number[];
  values?: TargetInput;
  errors?: FieldErrors;
  notice?: string | null;
}): TargetsView {
  const year = thisPlanYear(input.targets, input.planYears);
  const current = year === null ? undefined : input.targets.find((x) => x.period === String(year));
  const next = year === null ? null : year + 1;
  const values = input.values ?? { period: next === null ? '' : formatFinancialYear(next), target: '', reason: '' };
  return {
    pageTitle: `Targets for ${input.ref}`,
    ref: input.ref,
    title: input.title,
    action: targetsAdminPath(input.ref),
    backHref: indicatorAdminPath(input.ref),
    values,
    thisYear: current ? { label: formatFinancialYear(current.planYear), printed: current.printed, reason: current.reason ?? '' } : null,
    nextYearLabel: next === null ? 'next year' : formatFinancialYear(next),
    targets: [...input.targets]
      .sort((a, b) => -comparePeriods(periodFromKey(a.period), periodFromKey(b.period)))
      .map((x) => ({ period: formatPeriod(periodFromKey(x.period)), printed: x.printed, reason: x.reason ?? '' })),
    noticeText: input.notice ?? null,
    ...errorView(input.errors ?? {}, TARGET_FIELDS),
  };
}
