/**
 * Framework administration (issue 3 item 7, docs/administration.md): plan years and their rating
 * methods, committees (names by plan year, terms of reference), priorities, indicator definitions
 * (a version per plan year) and targets (next year's, with a reason when lowered).
 *
 * Every change is a one-row workbook put through the import pipeline — `validateWorkbook` then
 * `ImportService.importData` — so a form gets exactly the importer's validation, versioning,
 * audit events (who, when, before → after, reason) and published-cycle lock. Its errors come back
 * keyed by form field (the workbook column names). On top of the importer, this service refuses
 * changes the importer would allow but that would rewrite a published report: a plan year's rating
 * method, an indicator definition or a committee name in force in a plan year with a published cycle.
 */
import {
  BASIS_WORDS,
  FREQUENCY_WORDS,
  POLARITY_WORDS,
  UNIT_WORDS,
  formatNumber,
  parseBasis,
  parseFrequency,
  parsePolarity,
  parseTargetText,
  parseUnit,
} from '../domain/cells.ts';
import { inForceIn } from '../domain/inForce.ts';
import { MAX_NAME, MAX_TEXT } from '../domain/limits.ts';
import { committeeNameIn } from '../domain/organisation.ts';
import { financialYearOf, formatFinancialYear, formatPeriod, parseFinancialYear, parsePeriod, periodFromKey, periodKey, samePeriodLastYear } from '../domain/periods.ts';
import type { DirectionalPolicy, Polarity, RatingMethod, Target } from '../domain/types.ts';
import {
  FrameworkAdminRepository,
  type AdminCommittee,
  type AdminIndicatorSummary,
  type AdminPlanYear,
  type AdminPriority,
  type AdminTarget,
  type AdminVersion,
} from '../repositories/frameworkAdminRepository.ts';

export type { AdminCommittee, AdminIndicatorSummary, AdminPlanYear, AdminPriority, AdminTarget, AdminVersion };
import type { ImportError, RawWorkbook, SheetName } from '../workbook/model.ts';
import { validateWorkbook } from '../workbook/validate.ts';
import type { ImportService } from './importService.ts';

/** Error messages by form field. */
export type FieldErrors = Record<string, string>;

export type AdminOutcome = { ok: true; changed: number } | { ok: false; errors: FieldErrors };

export interface Actor {
  /** Recorded in the audit log (the user's email). */
  label: string;
}

export { MAX_NAME, MAX_TEXT };

// ---------------------------------------------------------------------------------------------
// Form inputs: every value as typed.

export interface PlanYearInput {
  plan_year: string;
  rag_method: string;
  formula: string;
  green_from: string;
  green_amber_from: string;
  red_amber_from: string;
  red_from: string;
  high_risk_from: string;
  directional_targets: string;
  reason: string;
}

export interface CommitteeInput {
  name: string;
  from_plan_year: string;
  terms_of_reference: string;
  reason: string;
}

/** Terms of reference from a plan year (blank: from the start), until the committee's next. */
export interface TermsInput {
  from_plan_year: string;
  terms_of_reference: string;
  reason: string;
}

export interface PriorityInput {
  priority: string;
  outcome: string;
  corporate_outcome: string;
  reason: string;
}

export interface IndicatorInput {
  ref: string;
  plan_year: string;
  title: string;
  /** A committee_priority id: it names the committee too. */
  priority: string;
  type: string;
  polarity: string;
  unit: string;
  frequency: string;
  basis: string;
  source: string;
  tolerance: string;
  definition: string;
  measured_against: string;
  owner: string;
  footnote: string;
  reason: string;
}

export interface TargetInput {
  period: string;
  target: string;
  reason: string;
}

// ---------------------------------------------------------------------------------------------

const t = (s: string | undefined) => (s ?? '').trim();

/** Required and length checks with GOV.UK wording, before the importer's checks. */
class Checks {
  readonly errors: FieldErrors = {};
  required(field: string, value: string, message: string): void {
    if (!t(value) && !this.errors[field]) this.errors[field] = message;
  }
  max(field: string, value: string, max: number, what: string): void {
    if (t(value).length > max && !this.errors[field]) this.errors[field] = `${what} must be ${max.toLocaleString('en-GB')} characters or fewer`;
  }
  add(field: string, message: string): void {
    this.errors[field] ??= message;
  }
  get ok(): boolean {
    return Object.keys(this.errors).length === 0;
  }
}

/** The importer's wording is for spreadsheets; say it for a form. */
export function formMessage(message: string): string {
  return message
    .replace(/: add a row for it to the settings sheet/, ': add the plan year under “Plan years and rating methods” first')
    .replace(/ in the indicators sheet or already stored/, '')
    .replace(/rag_method (variance|achievement)/g, 'method $1');
}

/** Importer errors → field errors; `fields` maps a workbook column to the form field showing it. */
export function toFieldErrors(errors: ImportError[], fields: Record<string, string>, fallback: string): FieldErrors {
  const out: FieldErrors = {};
  for (const e of errors) {
    const field = (e.column && fields[e.column]) || fallback;
    out[field] ??= formMessage(e.message);
  }
  return out;
}

function yearLabel(y: number | null): string {
  return y === null ? 'the first year on record' : formatFinancialYear(y);
}

/** Is `a` a lower (worse) target than `b` for an indicator of `polarity`? Only numbers compare. */
export function isLowered(a: Target, b: Target, polarity: Polarity): boolean {
  const num = (x: Target) => (x.form === 'value' || x.form === 'threshold' ? x.value : null);
  const qual = (x: Target) => (x.form === 'value' ? (x.qualifier ?? null) : null);
  const na = num(a);
  const nb = num(b);
  if (na === null || nb === null || qual(a) !== qual(b)) return false;
  return polarity === 'bigger' ? na < nb : na > nb;
}

export class FrameworkAdminService {
  private readonly repo: FrameworkAdminRepository;

  constructor(
    repo: FrameworkAdminRepository,
    private readonly imports: ImportService,
  ) {
    this.repo = repo;
  }

  // What the framework forms show (read as stored, for staff).
  planYears(): Promise<AdminPlanYear[]> {
    return this.repo.planYears();
  }

  committees(): Promise<AdminCommittee[]> {
    return this.repo.committees();
  }

  corporateOutcomes(): Promise<string[]> {
    return this.repo.corporateOutcomes();
  }

  indicators(): Promise<AdminIndicatorSummary[]> {
    return this.repo.indicators();
  }

  versions(indicatorId: number): Promise<AdminVersion[]> {
    return this.repo.versions(indicatorId);
  }

  targets(indicatorId: number): Promise<AdminTarget[]> {
    return this.repo.targets(indicatorId);
  }

  /** The (committee, period) cycles that are published, with their plan year: what the forms may no longer change. */
  publishedCycles(): Promise<{ committeeId: number; period: string; planYear: number }[]> {
    return this.repo.publishedCycles();
  }

  /** Validates a one-row workbook and imports it; errors by form field. */
  private async apply(raw: RawWorkbook, fields: Record<string, string>, fallback: string, actor: Actor, reason: string): Promise<AdminOutcome> {
    const validated = validateWorkbook(raw);
    if (!validated.ok) return { ok: false, errors: toFieldErrors(validated.errors, fields, fallback) };
    const outcome = await this.imports.importData(validated.data, { actor: actor.label, reason: t(reason) || null });
    if (!outcome.ok) return { ok: false, errors: toFieldErrors(outcome.errors, fields, fallback) };
    return { ok: true, changed: outcome.changes.length };
  }

  private static row(sheet: SheetName, cells: Record<string, string>): RawWorkbook {
    return { [sheet]: [{ row: 2, cells: Object.fromEntries(Object.entries(cells).map(([k, v]) => [k, t(v)])) }] };
  }

  /** Plan years that hold a published cycle, of the given committees (all when omitted). */
  private async publishedYears(committeeIds?: number[]): Promise<Map<number, string[]>> {
    const [cycles, committees] = await Promise.all([this.repo.publishedCycles(), this.repo.committees()]);
    const nameOf = new Map(committees.map((c) => [c.id, c]));
    const out = new Map<number, string[]>();
    for (const c of cycles) {
      if (committeeIds && !committeeIds.includes(c.committeeId)) continue;
      const committee = nameOf.get(c.committeeId);
      const list = out.get(c.planYear) ?? [];
      list.push(`${committee ? committeeNameIn(committee, c.planYear) : c.committeeId} ${formatPeriod(periodFromKey(c.period))}`);
      out.set(c.planYear, list);
    }
    return out;
  }

  // Plan years --------------------------------------------------------------------------------

  async savePlanYear(mode: 'add' | 'change', input: PlanYearInput, actor: Actor, stored: AdminPlanYear | null): Promise<AdminOutcome> {
    const c = new Checks();
    const year = mode === 'change' ? stored!.startYear : parseFinancialYear(t(input.plan_year));
    if (mode === 'add') {
      c.required('plan_year', input.plan_year, 'Enter the plan year, like 2019/20');
      if (t(input.plan_year) && year === null) c.add('plan_year', 'Enter the plan year as a financial year, like 2019/20');
      if (year !== null && (await this.repo.planYears()).some((y) => y.startYear === year)) {
        c.add('plan_year', `Plan year ${formatFinancialYear(year)} already exists: change it from the list of plan years`);
      }
    }
    c.required('rag_method', input.rag_method, 'Select the rating method');
    if (mode === 'change') c.required('reason', input.reason, 'Enter the reason for the change');
    c.max('reason', input.reason, MAX_TEXT, 'The reason');
    if (!c.ok) return { ok: false, errors: c.errors };

    const cells = planYearCells(input, year!);
    // The survey rating basis (ADR 0019) is set by import; the form has no field for it and keeps it.
    if (mode === 'change' && stored!.significanceLevel) cells.survey_rating = `significance ${stored!.significanceLevel}%`;
    const raw = FrameworkAdminService.row('settings', cells);
    if (mode === 'change') {
      const parsed = settingsFromInput(input, year!);
      const same =
        parsed !== null &&
        JSON.stringify(parsed.method) === JSON.stringify(stored!.method) &&
        parsed.directionalPolicy === stored!.directionalPolicy &&
        parsed.highRiskFrom === stored!.highRiskFrom;
      const published = (await this.publishedYears()).get(year!);
      if (parsed !== null && !same && published?.length) {
        return {
          ok: false,
          errors: {
            rag_method: `${formatFinancialYear(year!)} has published reports (${summarise(published)}), so its rating method is locked: changing it would change their ratings. Reopen them (with a reason) first`,
          },
        };
      }
    }
    const fields = Object.fromEntries(Object.keys(cells).map((k) => [k, k]));
    return this.apply(raw, { ...fields, plan_year: mode === 'add' ? 'plan_year' : 'rag_method' }, 'rag_method', actor, input.reason);
  }

  // Committees --------------------------------------------------------------------------------

  async addCommittee(input: CommitteeInput, actor: Actor): Promise<AdminOutcome & { slug?: string }> {
    const c = new Checks();
    c.required('name', input.name, 'Enter the name of the committee');
    c.max('name', input.name, MAX_NAME, 'The name');
    c.max('terms_of_reference', input.terms_of_reference, MAX_TEXT * 4, 'The terms of reference');
    c.max('reason', input.reason, MAX_TEXT, 'The reason');
    const committees = await this.repo.committees();
    const taken = committees.find((x) => x.names.some((n) => n.name.toLowerCase() === t(input.name).toLowerCase()));
    if (t(input.name) && taken) c.add('name', `There is already a committee called “${t(input.name)}”`);
    if (!c.ok) return { ok: false, errors: c.errors };
    const outcome = await this.apply(
      FrameworkAdminService.row('committees', { committee: input.name, from_plan_year: input.from_plan_year, terms_of_reference: normaliseLines(input.terms_of_reference) }),
      { committee: 'name', name: 'name', from_plan_year: 'from_plan_year', terms_of_reference: 'terms_of_reference' },
      'name',
      actor,
      input.reason,
    );
    if (!outcome.ok) return outcome;
    const created = (await this.repo.committees()).find((x) => x.names.some((n) => n.name.toLowerCase() === t(input.name).toLowerCase()));
    return { ...outcome, slug: created?.slug };
  }

  /** A rename adds a name from a plan year (history is kept). Terms of reference are set with saveTerms. */
  async changeCommittee(committee: AdminCommittee, input: Pick<CommitteeInput, 'name' | 'from_plan_year' | 'reason'>, actor: Actor): Promise<AdminOutcome> {
    const c = new Checks();
    const newName = t(input.name);
    c.required('name', input.name, 'Enter the new name');
    c.max('name', input.name, MAX_NAME, 'The new name');
    c.required('reason', input.reason, 'Enter the reason for the change');
    c.max('reason', input.reason, MAX_TEXT, 'The reason');
    if (newName) {
      c.required('from_plan_year', input.from_plan_year, `Enter the plan year the name “${newName}” applies from, like 2019/20`);
      if (committee.names.some((n) => n.name.toLowerCase() === newName.toLowerCase())) {
        c.add('name', `“${newName}” is already a name of this committee`);
      } else if ((await this.repo.committees()).some((x) => x.id !== committee.id && x.names.some((n) => n.name.toLowerCase() === newName.toLowerCase()))) {
        c.add('name', `Another committee is already called “${newName}”`);
      }
      const year = parseFinancialYear(t(input.from_plan_year));
      if (year !== null) {
        if (committee.names.some((n) => n.fromYear === year)) c.add('from_plan_year', `The committee already has a name from ${formatFinancialYear(year)}`);
        const published = [...(await this.publishedYears([committee.id]))].filter(([y]) => y >= year).flatMap(([, list]) => list);
        if (published.length) {
          c.add(
            'from_plan_year',
            `The committee has published reports from ${formatFinancialYear(year)} on (${summarise(published)}): a new name from then would change them. Choose a later plan year`,
          );
        }
      }
    }
    if (!c.ok) return { ok: false, errors: c.errors };
    return this.apply(
      FrameworkAdminService.row('committees', { committee: committee.names[0]!.name, name: newName, from_plan_year: input.from_plan_year }),
      { committee: 'name', name: 'name', from_plan_year: 'from_plan_year' },
      'name',
      actor,
      input.reason,
    );
  }

  /**
   * Terms of reference from a plan year (blank: from the start) until the committee's next ones: added, or
   * replacing the text from that year (a reason is then required). Published papers keep the terms they
   * printed; papers made from now on print the text in force in their plan year.
   */
  async saveTerms(committee: AdminCommittee, input: TermsInput, actor: Actor): Promise<AdminOutcome> {
    const c = new Checks();
    c.required('terms_of_reference', input.terms_of_reference, 'Enter the terms of reference');
    c.max('terms_of_reference', input.terms_of_reference, MAX_TEXT * 4, 'The terms of reference');
    c.max('reason', input.reason, MAX_TEXT, 'The reason');
    const yearText = t(input.from_plan_year);
    const year = yearText ? parseFinancialYear(yearText) : null;
    if (yearText && year === null) c.add('from_plan_year', 'Enter the plan year as a financial year, like 2019/20, or leave it blank for from the start');
    const replaced = committee.terms.find((x) => x.fromYear === year);
    if (replaced && replaced.text !== normaliseLines(input.terms_of_reference) && (!yearText || year !== null)) {
      c.required('reason', input.reason, `Enter the reason for changing the terms of reference ${year === null ? 'from the start' : `from ${formatFinancialYear(year)}`}`);
    }
    if (!c.ok) return { ok: false, errors: c.errors };
    return this.apply(
      FrameworkAdminService.row('terms_of_reference', {
        committee: committee.names[0]!.name,
        from_plan_year: year === null ? '' : formatFinancialYear(year),
        terms_of_reference: normaliseLines(input.terms_of_reference),
      }),
      { committee: 'terms_of_reference', from_plan_year: 'from_plan_year', terms_of_reference: 'terms_of_reference' },
      'terms_of_reference',
      actor,
      input.reason,
    );
  }

  // Priorities --------------------------------------------------------------------------------

  async savePriority(committee: AdminCommittee, existing: { name: string } | null, input: PriorityInput, actor: Actor): Promise<AdminOutcome> {
    const c = new Checks();
    const name = existing ? existing.name : t(input.priority);
    if (!existing) {
      c.required('priority', input.priority, 'Enter the name of the priority');
      c.max('priority', input.priority, MAX_NAME, 'The name');
      if (name && committee.priorities.some((p) => p.name.toLowerCase() === name.toLowerCase())) c.add('priority', `The committee already has a priority called “${name}”`);
    } else {
      c.required('reason', input.reason, 'Enter the reason for the change');
    }
    c.max('outcome', input.outcome, MAX_TEXT, 'The outcome');
    c.max('corporate_outcome', input.corporate_outcome, MAX_NAME, 'The corporate plan outcome');
    c.max('reason', input.reason, MAX_TEXT, 'The reason');
    if (!c.ok) return { ok: false, errors: c.errors };
    return this.apply(
      FrameworkAdminService.row('priorities', { committee: committee.names[0]!.name, priority: name, outcome: input.outcome, corporate_outcome: input.corporate_outcome }),
      { committee: 'priority', priority: 'priority', outcome: 'outcome', corporate_outcome: 'corporate_outcome' },
      existing ? 'outcome' : 'priority',
      actor,
      input.reason,
    );
  }

  // Indicators --------------------------------------------------------------------------------

  /**
   * Adds an indicator, or a definition version from the chosen plan year (a version already from
   * that year is changed). Refused when a published report would show the changed definition.
   */
  async saveIndicator(mode: 'add' | 'change', input: IndicatorInput, actor: Actor, existing: { id: number; ref: string } | null): Promise<AdminOutcome> {
    const c = new Checks();
    const ref = mode === 'change' ? existing!.ref : t(input.ref);
    if (mode === 'add') {
      c.required('ref', input.ref, 'Enter the ref, like CG/S3');
      c.max('ref', input.ref, 40, 'The ref');
      if (ref && (await this.repo.indicators()).some((i) => i.ref.toLowerCase() === ref.toLowerCase())) c.add('ref', `Indicator ${ref} already exists: change it from the list of indicators`);
    } else {
      c.required('reason', input.reason, 'Enter the reason for the change');
    }
    c.required('plan_year', input.plan_year, 'Select the plan year the definition applies from');
    c.required('title', input.title, 'Enter the title');
    c.max('title', input.title, MAX_NAME * 2, 'The title');
    c.required('priority', input.priority, 'Select the committee and priority');
    c.required('type', input.type, 'Enter the type, like CPI or SPI');
    c.required('polarity', input.polarity, 'Select the polarity');
    c.required('unit', input.unit, 'Select the unit');
    c.required('frequency', input.frequency, 'Select how often it is reported');
    for (const [field, what] of [
      ['source', 'The source'],
      ['owner', 'The owner'],
    ] as const) {
      c.max(field, input[field], MAX_NAME, what);
    }
    for (const [field, what] of [
      ['definition', 'The definition'],
      ['measured_against', 'What it is measured against'],
      ['footnote', 'The footnote'],
      ['reason', 'The reason'],
    ] as const) {
      c.max(field, input[field], MAX_TEXT, what);
    }
    const committees = await this.repo.committees();
    const priority = committees.flatMap((x) => x.priorities).find((p) => String(p.id) === t(input.priority));
    if (t(input.priority) && !priority) c.add('priority', 'Select the committee and priority from the list');
    const year = parseFinancialYear(t(input.plan_year));
    if (t(input.plan_year) && year === null) c.add('plan_year', 'Select the plan year the definition applies from');
    if (!c.ok) return { ok: false, errors: c.errors };

    const committee = committees.find((x) => x.id === priority!.committeeId)!;
    // A definition from `year` is in force until the next version: published reports in that span are
    // locked (a new indicator would add a row to them, a changed one rewrite its row).
    {
      const versions = existing ? await this.repo.versions(existing.id) : [];
      const next = versions.find((v) => v.fromYear !== null && v.fromYear > year!)?.fromYear ?? Infinity;
      const inForce = inForceIn(versions, year!);
      const committeeIds = [...new Set([committee.id, ...(inForce ? [inForce.committeeId] : [])])];
      const published = [...(await this.publishedYears(committeeIds))].filter(([y]) => y >= year! && y < next).flatMap(([, list]) => list);
      if (published.length) {
        return {
          ok: false,
          errors: {
            plan_year: `A definition from ${formatFinancialYear(year!)} would change published reports (${summarise(published)}). Choose a later plan year, or reopen them (with a reason) first`,
          },
        };
      }
    }
    const cells: Record<string, string> = {
      ref,
      plan_year: formatFinancialYear(year!),
      title: input.title,
      committee: committee.names[0]!.name,
      priority: priority!.name,
      type: input.type,
      polarity: input.polarity,
      unit: input.unit,
      frequency: input.frequency,
      basis: input.basis,
      source: input.source,
      tolerance: input.tolerance,
      definition: input.definition,
      measured_against: input.measured_against,
      owner: input.owner,
      footnote: input.footnote,
    };
    const fields = Object.fromEntries(Object.keys(cells).map((k) => [k, k]));
    return this.apply(FrameworkAdminService.row('indicators', cells), { ...fields, committee: 'priority' }, 'title', actor, input.reason);
  }

  // Targets -----------------------------------------------------------------------------------

  /** Sets the target of a period (next year's, in an addendum); a lowered or changed target needs a reason. */
  async saveTarget(indicator: { id: number; ref: string }, input: TargetInput, actor: Actor): Promise<AdminOutcome> {
    const c = new Checks();
    c.required('period', input.period, 'Enter the period, like 2019/20 or Q1 2019/20');
    c.required('target', input.target, 'Enter the target, like 72%, Monitor or Increase');
    c.max('target', input.target, MAX_NAME, 'The target');
    c.max('reason', input.reason, MAX_TEXT, 'The reason');
    const period = t(input.period) ? parsePeriod(t(input.period)) : null;
    if (t(input.period) && (!period || period.kind === 'month')) c.add('period', 'Enter the period as a plan year or a quarter, like 2019/20 or Q1 2019/20');
    const target = t(input.target) ? parseTargetText(t(input.target)) : null;
    if (period && target && !t(input.reason)) {
      const [targets, versions] = await Promise.all([this.repo.targets(indicator.id), this.repo.versions(indicator.id)]);
      const key = periodKey(period);
      const stored = targets.find((x) => x.period === key);
      const lastYear = targets.find((x) => x.period === periodKey(samePeriodLastYear(period)));
      const version = inForceIn(versions, financialYearOf(period));
      const polarity = version ? parsePolarity(version.polarity) : null;
      if (lastYear && polarity && isLowered(target, lastYear.spec, polarity)) {
        c.add('reason', `Enter the reason the target is lower than ${formatPeriod(periodFromKey(lastYear.period))}’s (${lastYear.printed})`);
      } else if (stored && stored.printed !== t(input.target)) {
        c.add('reason', `Enter the reason for changing the target from ${stored.printed}`);
      }
    }
    if (!c.ok) return { ok: false, errors: c.errors };
    return this.apply(
      FrameworkAdminService.row('targets', { ref: indicator.ref, period: input.period, target: input.target, reason: input.reason }),
      { ref: 'target', period: 'period', target: 'target', reason: 'reason' },
      'target',
      actor,
      input.reason,
    );
  }
}

/** The settings sheet row a plan-year form stands for: only the chosen method's columns. */
export function planYearCells(input: PlanYearInput, year: number): Record<string, string> {
  const method = t(input.rag_method);
  const cells: Record<string, string> = {
    plan_year: formatFinancialYear(year),
    rag_method: method,
    high_risk_from: input.high_risk_from,
    directional_targets: input.directional_targets,
  };
  if (method === 'achievement') {
    Object.assign(cells, { formula: input.formula, green_from: input.green_from, green_amber_from: input.green_amber_from, red_amber_from: input.red_amber_from });
  } else {
    cells.red_from = input.red_from;
  }
  return cells;
}

/** The method, policy and threshold a plan-year form gives, as the importer reads them; null when invalid. */
export function settingsFromInput(input: PlanYearInput, year: number): { method: RatingMethod; directionalPolicy: DirectionalPolicy; highRiskFrom: number } | null {
  if (!t(input.rag_method)) return null;
  const cells = Object.fromEntries(Object.entries(planYearCells(input, year)).map(([k, v]) => [k, t(v)]));
  const validated = validateWorkbook({ settings: [{ row: 2, cells }] });
  if (!validated.ok) return null;
  const s = validated.data.settings[0]!;
  return { method: s.method, directionalPolicy: s.directionalPolicy, highRiskFrom: s.highRiskFrom };
}

/** Text as typed in a box: line ends as \n, spaces at line ends and blank lines dropped (papers print one responsibility per line). */
export function normaliseLines(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .join('\n');
}

function summarise(list: string[]): string {
  return list.length <= 3 ? list.join(', ') : `${list.slice(0, 3).join(', ')} and ${list.length - 3} more`;
}

/** The vocabularies the forms offer, as the workbook words the validator reads. */
export const CHOICES = {
  polarity: Object.entries(POLARITY_WORDS).map(([value, text]) => ({ value, text })),
  unit: Object.entries(UNIT_WORDS).map(([value]) => ({ value, text: { percent: 'Percentage (%)', number: 'Number', currency: 'Money (£)', days: 'Days', rate: 'Rate (per 1,000 population)' }[value]! })),
  frequency: Object.entries(FREQUENCY_WORDS).map(([value]) => ({ value, text: { monthly: 'Monthly', quarterly: 'Quarterly', biannual: 'Twice a year (survey waves)', annual: 'Annual' }[value]! })),
  basis: Object.entries(BASIS_WORDS).map(([value]) => ({
    value,
    text: { discrete: 'The months of the period', cumulative: 'Cumulative from the start of the year (c)', snapshot: 'Snapshot at the end of the period (s)', rolling: 'Rolling 12 months (r)' }[value]!,
  })),
};

/** Stored codes → form values (the codes themselves: the validator reads them). */
export function versionToInput(v: AdminVersion, ref: string, planYear: number | null): IndicatorInput {
  return {
    ref,
    plan_year: planYear === null ? '' : formatFinancialYear(planYear),
    title: v.title,
    priority: String(v.priorityId),
    type: v.type,
    polarity: parsePolarity(v.polarity) ?? v.polarity,
    unit: parseUnit(v.unit) ?? v.unit,
    frequency: parseFrequency(v.frequency) ?? v.frequency,
    basis: parseBasis(v.basis) ?? v.basis,
    source: v.source ?? '',
    tolerance: v.tolerance === null ? '' : formatNumber(v.tolerance),
    definition: v.definition ?? '',
    measured_against: v.measuredAgainst ?? '',
    owner: v.owner ?? '',
    footnote: v.footnote ?? '',
    reason: '',
  };
}

export { yearLabel };
