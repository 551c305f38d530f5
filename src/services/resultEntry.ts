/**
 * The rules of data entry (issue 3, items 3 and 4), pure and unit-tested:
 * - a result form is read with the import's cell parsing (parseResultText) and the same value/status
 *   rules as the results sheet (src/workbook/validate.ts);
 * - "comments and proposed intervention" is required when the rating the engine computes from what
 *   was entered (rateIndicator with the period's target) is off target, i.e. rated and not Green;
 * - who may enter what: data owners only within their scope (indicator refs, or the services named as
 *   an indicator's owner or a key action's service); performance officers and administrators everything;
 * - which cycles are locked: published for everyone, approved for data owners.
 */
import type { CycleStatus } from '../domain/cycle.ts';
import { parseActionRag, parseResultText } from '../domain/cells.ts';
import { MAX_LONG_TEXT, MAX_NAME } from '../domain/limits.ts';
import { parseDataPeriod } from '../domain/periods.ts';
import { ragLabel, rateIndicator } from '../domain/rating.ts';
import type { ActionRag, Basis, PlanYearSettings, Polarity, Rating, ResultStatus, Target } from '../domain/types.ts';
import type { Role, SessionUser } from '../domain/access.ts';
import type { ResultFields } from '../repositories/entryRepository.ts';

export type FieldErrors = Record<string, string>;

/** Roles that may enter results and key-action updates (data owners within their scope). */
export const ENTRY_ROLES: readonly Role[] = ['administrator', 'performance-officer', 'data-owner'];

/** The statuses a person may choose; 'reported' means "a result is given". */
export const ENTRY_STATUSES: readonly ResultStatus[] = ['reported', 'due', 'not available', 'not collected', 'new'];

export const MAX_SHORT = MAX_NAME;
export const MAX_TEXT = MAX_LONG_TEXT;

/** What the result form sends (all text, as typed). */
export interface ResultEntryValues {
  value: string;
  status: string;
  dataPeriod: string;
  note: string;
  commentary: string;
  intervention: string;
  reason: string;
}

/** What the engine needs to rate a result of this indicator in this period. */
export interface RatingContext {
  polarity: Polarity;
  tolerance: number | null;
  target: Target | null;
  settings: PlanYearSettings;
  /** Same period last year (baseline formula and directional targets). */
  lastYear: number | null;
  lastYearLabel: string;
}

export interface ResultValidation {
  errors: FieldErrors;
  /** What would be stored (null when there are errors). */
  fields: ResultFields | null;
  /** The rating computed from what was entered (null when nothing to rate or the value is not understood). */
  rating: Rating | null;
}

const VALUE_HELP = 'write a number such as 85%, 717, £6.8m or 8.35 days, or choose a status below';
const blank = (s: string) => s.trim() === '';
const orNull = (s: string) => (blank(s) ? null : s.trim());

/** Whether a rating is off target: rated and not Green. */
export function isOffTarget(rating: Rating | null): boolean {
  return rating !== null && rating.value !== 'G' && rating.value !== 'monitor' && rating.value !== 'not-rated';
}

export function rateEntered(value: number | null, ctx: RatingContext): Rating {
  return rateIndicator(
    {
      polarity: ctx.polarity,
      target: ctx.target,
      result: value,
      tolerance: ctx.tolerance,
      baseline: ctx.lastYear,
      previousResult: ctx.lastYear,
      previousLabel: ctx.lastYearLabel,
    },
    ctx.settings,
  );
}

export function validateResultEntry(
  values: ResultEntryValues,
  ctx: RatingContext,
  existing: { basis: Basis | null; printedRag: string | null } | null = null,
): ResultValidation {
  const errors: FieldErrors = {};
  const printed = values.value.trim();
  let status: ResultStatus = 'reported';
  const chosen = ENTRY_STATUSES.find((s) => s === values.status.trim()) ?? null;
  if (!blank(values.status) && chosen === null) errors.status = 'Choose a status from the list';

  let parsed = null;
  if (printed.length > MAX_SHORT) errors.value = `Result must be ${MAX_SHORT} characters or fewer`;
  else {
    parsed = parseResultText(printed);
    if (parsed === null) errors.value = `Result "${printed}" is not understood: ${VALUE_HELP}`;
  }
  if (parsed) {
    status = parsed.status;
    if (chosen !== null && chosen !== 'reported') {
      if (parsed.status !== 'reported' && parsed.status !== chosen) {
        errors.status = `Status "${chosen}" does not match the result "${printed}": clear the result or choose the status it says`;
      } else if (parsed.value !== null && chosen !== 'new') {
        errors.value = `You entered a result (${printed}) but chose the status "${chosen}": clear the result, or choose "Reported"`;
      }
      status = chosen;
    }
    if (status === 'reported' && parsed.value === null && !errors.value) {
      errors.value = 'Enter the result, or choose a status (due, not available, not collected, new)';
    }
  }

  const dataPeriodText = orNull(values.dataPeriod) ?? parsed?.dataPeriodHint ?? null;
  if (dataPeriodText !== null && dataPeriodText.length > MAX_SHORT) errors.dataPeriod = `Data period must be ${MAX_SHORT} characters or fewer`;
  for (const [field, label] of [
    ['note', 'Note'],
    ['commentary', 'Commentary'],
    ['intervention', 'Comments and proposed intervention'],
    ['reason', 'Reason for the change'],
  ] as const) {
    if (values[field].length > MAX_TEXT) errors[field] = `${label} must be ${MAX_TEXT.toLocaleString('en-GB')} characters or fewer`;
  }

  const value = parsed && status !== 'due' && status !== 'not available' && status !== 'not collected' ? parsed.value : null;
  const rating = parsed && !errors.value && !errors.status ? rateEntered(status === 'reported' ? value : null, ctx) : null;
  if (isOffTarget(rating) && blank(values.intervention) && !errors.intervention) {
    errors.intervention = `Enter comments and proposed intervention: this result is off target (${ragLabel(rating!.value)} – ${rating!.reason.text})`;
  }

  if (Object.keys(errors).length || !parsed) return { errors, fields: null, rating };
  return {
    errors,
    rating,
    fields: {
      value,
      printed,
      dataPeriod: dataPeriodText === null ? null : parseDataPeriod(dataPeriodText).label,
      basis: parsed.basisHint ?? existing?.basis ?? null,
      status,
      printedRag: parsed.printedRag ?? existing?.printedRag ?? null,
      commentary: orNull(values.commentary),
      intervention: orNull(values.intervention),
      note: orNull(values.note),
    },
  };
}

export interface ActionEntryValues {
  rag: string;
  commentary: string;
  reason: string;
}

export function validateActionEntry(values: ActionEntryValues): { errors: FieldErrors; rag: ActionRag | null; commentary: string | null } {
  const errors: FieldErrors = {};
  const rag = blank(values.rag) ? null : parseActionRag(values.rag);
  if (rag === null) errors.rag = 'Choose a rating: Green, Green Amber, Red Amber, Red or Not rated';
  if (values.commentary.length > MAX_TEXT) errors.commentary = `Commentary must be ${MAX_TEXT.toLocaleString('en-GB')} characters or fewer`;
  if (values.reason.length > MAX_TEXT) errors.reason = `Reason for the change must be ${MAX_TEXT.toLocaleString('en-GB')} characters or fewer`;
  return { errors, rag, commentary: orNull(values.commentary) };
}

const fold = (s: string) => s.trim().toLowerCase();

/** May this user enter the result of an indicator (its ref and the owner named in its definition)? */
export function mayEditIndicator(user: SessionUser, indicator: { ref: string; owner: string | null }): boolean {
  if (user.role === 'administrator' || user.role === 'performance-officer') return true;
  if (user.role !== 'data-owner') return false;
  const ref = fold(indicator.ref);
  const owner = indicator.owner === null ? null : fold(indicator.owner);
  return user.scope.refs.some((r) => fold(r) === ref) || (owner !== null && user.scope.services.some((s) => fold(s) === owner));
}

/** May this user update a key action (its service, or its ref listed in the scope)? */
export function mayEditAction(user: SessionUser, action: { ref: string; service: string | null }): boolean {
  if (user.role === 'administrator' || user.role === 'performance-officer') return true;
  if (user.role !== 'data-owner') return false;
  const service = action.service === null ? null : fold(action.service);
  return (service !== null && user.scope.services.some((s) => fold(s) === service)) || user.scope.refs.some((r) => fold(r) === fold(action.ref));
}

/** Why this user may not change data of a cycle in `status` (null when they may). */
export function editLock(status: CycleStatus, role: Role, cycleName: string): string | null {
  if (status === 'published') {
    return `${cycleName} is published, so its data are locked. A performance officer or administrator can reopen it, with a reason, to correct it.`;
  }
  if (status === 'approved' && role === 'data-owner') {
    return `${cycleName} has been approved, so data owners can no longer change it. Ask a performance officer to make the change or to reopen it.`;
  }
  return null;
}
