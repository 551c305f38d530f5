/**
 * View models for /admin/framework/plan-years: the list of plan years with their rating methods,
 * and the add / change form with the printed key the chosen method produces.
 */
import { formatFinancialYear } from '../../../../domain/periods.ts';
import { methodKey, methodName } from '../../../../domain/rating.ts';
import type { DirectionalPolicy, RatingMethod } from '../../../../domain/types.ts';
import type { AdminPlanYear } from '../../../../services/frameworkAdminService.ts';
import { settingsFromInput, type FieldErrors, type PlanYearInput } from '../../../../services/frameworkAdminService.ts';
import { choiceItems, errorView, type ErrorView } from '../shared.ts';
import { ROUTES, planYearPath } from '../../../urls.ts';

export const PLAN_YEAR_FIELDS = [
  'plan_year',
  'rag_method',
  'formula',
  'green_from',
  'green_amber_from',
  'red_amber_from',
  'red_from',
  'directional_targets',
  'high_risk_from',
  'reason',
] as const;

/** `2018` → `2018-19` (the URL form of a plan year). */

export function yearFromSlug(slug: string): number | null {
  const m = /^(\d{4})-(\d{2})$/.exec(slug);
  if (!m) return null;
  const start = Number(m[1]);
  return (start + 1) % 100 === Number(m[2]) ? start : null;
}

const POLICY_TEXT: Record<DirectionalPolicy, string> = {
  monitor: 'Counted under Monitor (no rating)',
  'previous-year': 'Rated against the same period last year',
};

export function describeMethod(method: RatingMethod): string {
  if (method.kind === 'variance') return `${methodName(method)}: Red from ${method.redFrom}% off target`;
  return `${methodName(method)}, ${method.formula === 'ratio' ? 'result ÷ target' : '(result − baseline) ÷ (target − baseline)'}: bands ${method.greenFrom} / ${method.greenAmberFrom} / ${method.redAmberFrom}%`;
}

export interface PlanYearListView {
  pageTitle: string;
  notice: string | null;
  years: { label: string; href: string; method: string; policy: string; highRiskFrom: number; locked: boolean }[];
}

export function buildPlanYearListView(years: AdminPlanYear[], publishedYears: Set<number>, notice: string | null = null): PlanYearListView {
  return {
    pageTitle: 'Plan years and rating methods',
    notice,
    years: [...years]
      .sort((a, b) => b.startYear - a.startYear)
      .map((y) => ({
        label: formatFinancialYear(y.startYear),
        href: planYearPath(y.startYear),
        method: describeMethod(y.method),
        policy: POLICY_TEXT[y.directionalPolicy],
        highRiskFrom: y.highRiskFrom,
        locked: publishedYears.has(y.startYear),
      })),
  };
}

/** A stored plan year as form values. */
export function planYearToInput(y: AdminPlanYear): PlanYearInput {
  const m = y.method;
  return {
    plan_year: formatFinancialYear(y.startYear),
    rag_method: m.kind,
    formula: m.kind === 'achievement' ? m.formula : 'ratio',
    green_from: m.kind === 'achievement' ? String(m.greenFrom) : '100',
    green_amber_from: m.kind === 'achievement' ? String(m.greenAmberFrom) : '80',
    red_amber_from: m.kind === 'achievement' ? String(m.redAmberFrom) : '65',
    red_from: m.kind === 'variance' ? String(m.redFrom) : '10',
    directional_targets: y.directionalPolicy === 'previous-year' ? 'previous year' : 'monitor',
    high_risk_from: String(y.highRiskFrom),
    reason: '',
  };
}

export const EMPTY_PLAN_YEAR: PlanYearInput = {
  plan_year: '',
  rag_method: '',
  formula: 'ratio',
  green_from: '100',
  green_amber_from: '80',
  red_amber_from: '65',
  red_from: '10',
  directional_targets: 'monitor',
  high_risk_from: '15',
  reason: '',
};

export interface KeyView {
  caption: string;
  rows: { rating: string; label: string; band: string; description: string }[];
  policy: string;
}

export function keyView(method: RatingMethod, policy: DirectionalPolicy, caption: string): KeyView {
  return {
    caption,
    rows: methodKey(method).map((k) => ({ rating: k.rating, label: k.label, band: k.band, description: k.description })),
    policy: `Directional targets (Increase, Decrease, Sustain): ${POLICY_TEXT[policy].toLowerCase()}.`,
  };
}

export interface PlanYearFormView extends ErrorView {
  pageTitle: string;
  mode: 'add' | 'change';
  action: string;
  values: PlanYearInput;
  locked: string[];
  methodItems: ReturnType<typeof choiceItems>;
  formulaItems: ReturnType<typeof choiceItems>;
  policyItems: ReturnType<typeof choiceItems>;
  /** The printed key of the stored method (change) and of the values in the form, when they differ. */
  storedKey: KeyView | null;
  formKey: KeyView | null;
}

export function buildPlanYearFormView(input: {
  mode: 'add' | 'change';
  values: PlanYearInput;
  errors?: FieldErrors;
  stored?: AdminPlanYear | null;
  /** Published cycles of this plan year (change). */
  published?: string[];
}): PlanYearFormView {
  const { mode, values, stored = null } = input;
  const year = stored?.startYear ?? null;
  const title = mode === 'add' ? 'Add a plan year' : `Rating method for ${formatFinancialYear(year!)}`;
  const storedKey = stored ? keyView(stored.method, stored.directionalPolicy, `The key printed on ${formatFinancialYear(stored.startYear)} reports now`) : null;
  const parsed = settingsFromInput(values, year ?? 2000);
  const differs = parsed && (!stored || JSON.stringify(parsed.method) !== JSON.stringify(stored.method) || parsed.directionalPolicy !== stored.directionalPolicy);
  return {
    pageTitle: title,
    mode,
    action: mode === 'add' ? ROUTES.adminPlanYears : planYearPath(year!),
    values,
    locked: input.published ?? [],
    methodItems: choiceItems(
      [
        { value: 'variance', text: 'Method A: percentage variance', hint: 'On target = Green; up to the Red threshold off target = Amber; the threshold or more = Red.' },
        { value: 'achievement', text: 'Method B: percentage of targeted improvement achieved', hint: 'Four bands: Green, Green Amber, Red Amber, Red.' },
      ],
      values.rag_method,
    ),
    formulaItems: choiceItems(
      [
        { value: 'ratio', text: 'Result ÷ target', hint: 'Target ÷ result for Smaller is Better. Reproduces the published 2016/17 ratings.' },
        { value: 'baseline', text: '(Result − baseline) ÷ (target − baseline)', hint: "The baseline is the previous year's result." },
      ],
      values.formula,
    ),
    policyItems: choiceItems(
      [
        { value: 'monitor', text: POLICY_TEXT.monitor, hint: 'As the 2016/17 annual report did.' },
        { value: 'previous year', text: POLICY_TEXT['previous-year'] },
      ],
      values.directional_targets,
    ),
    storedKey,
    formKey: parsed && differs ? keyView(parsed.method, parsed.directionalPolicy, stored ? 'The key these settings would print' : 'The key reports will print') : null,
    ...errorView(input.errors ?? {}, PLAN_YEAR_FIELDS),
  };
}
