/**
 * The result form of one indicator in one period: what the result is measured against (target,
 * polarity, rating method, last year), the fields (result, status, data period, note, commentary,
 * comments and proposed intervention, reason), GOV.UK errors naming each field, and — when someone
 * else saved the result meanwhile — their values, who saved them and when.
 */
import type { CycleStatus } from '../../../domain/cycle.ts';
import { formatTargetForReport, polarityText } from '../../../domain/format.ts';
import { methodName, ragLabel } from '../../../domain/rating.ts';
import type { EntryResult, LastChange } from '../../../services/entryService.ts';
import type { IndicatorEntry } from '../../../services/entryService.ts';
import { editLock, ENTRY_STATUSES, type ResultEntryValues } from '../../../services/resultEntry.ts';
import type { SessionUser } from '../../../domain/access.ts';
import { resultText } from '../data-entry/viewModel.ts';
import { actorText, errorSummary, formatWhen, inlineErrors, type FieldErrors } from '../data-entry/shared.ts';
import { entryPath, resultEntryPath } from '../../urls.ts';

export const RESULT_FIELDS = ['value', 'status', 'dataPeriod', 'note', 'commentary', 'intervention', 'reason'] as const;

const STATUS_TEXT: Record<string, { text: string; hint: string }> = {
  reported: { text: 'Reported', hint: 'The result is given above.' },
  due: { text: 'Due', hint: 'Not reported this period, for example "Due Q3 18/19".' },
  'not available': { text: 'Not available', hint: 'The data are not available yet.' },
  'not collected': { text: 'Not collected', hint: 'Not collected this period, for example between survey waves.' },
  new: { text: 'New', hint: 'A new indicator: no comparable earlier result.' },
};

/** The form's values from a stored result (or empty for a new one). */
export function valuesFromStored(stored: EntryResult | null): ResultEntryValues {
  return {
    value: stored?.printed ?? '',
    status: stored?.status ?? 'reported',
    dataPeriod: stored?.dataPeriod ?? '',
    note: stored?.note ?? '',
    commentary: stored?.commentary ?? '',
    intervention: stored?.intervention ?? '',
    reason: '',
  };
}

export interface ResultFormInput {
  committeeSlug: string;
  period: string;
  cycleLabel: string;
  status: CycleStatus;
  user: SessionUser;
  entry: IndicatorEntry;
  values: ResultEntryValues;
  /** The revision the form carries (0: no result yet). */
  revision: number;
  errors?: FieldErrors;
  /** Someone else saved this result after the form was opened: their values (nothing of the user's was written). */
  conflict?: { current: EntryResult | null; lastChange: LastChange | null } | null;
  /** The last change of the stored result, shown under the heading. */
  lastChange?: LastChange | null;
  /** A lock message when a save was refused because the cycle is locked. */
  refused?: string | null;
}

export interface SummaryRow {
  key: { text: string };
  value: { text: string };
}

/** GOV.UK summary-list rows; a blank value reads "(blank)". */
export function summaryRows(rows: { key: string; value: string }[]): SummaryRow[] {
  return rows.map((r) => ({ key: { text: r.key }, value: { text: r.value || '(blank)' } }));
}

/** What every entry form page shows (results and key-action updates). */
export interface EntryFormView {
  pageTitle: string;
  cycleLabel: string;
  ref: string;
  title: string;
  facts: SummaryRow[];
  /** The values, read-only (a locked cycle). */
  storedRows: SummaryRow[];
  action: string;
  backHref: string;
  errors: Record<string, { text: string }>;
  errorSummary: { text: string; href: string }[] | null;
  readOnly: boolean;
  lock: string | null;
  lastChanged: string | null;
  conflict: { heading: string; paragraphs: string[]; rows: SummaryRow[] } | null;
}

export type ChoiceItem = { value: string; text: string; hint: { text: string }; checked: boolean };

export interface ResultFormView extends EntryFormView {
  values: ResultEntryValues;
  revision: number;
  statusItems: ChoiceItem[];
}

export function buildResultFormView(input: ResultFormInput): ResultFormView {
  const { entry } = input;
  const ind = entry.indicator;
  const lock = input.refused ?? editLock(input.status, input.user.role, input.cycleLabel);
  const errors = input.errors ?? {};
  const target = formatTargetForReport(entry.target?.spec ?? null, entry.target?.printed ?? null, ind.unit);
  const facts = [
    { key: 'Target', value: target || 'No target for this period' },
    { key: 'Polarity', value: polarityText(ind.polarity) },
    { key: 'How it is rated', value: `${methodName(entry.ratingContext.settings.method)}${ind.tolerance !== null ? `; results within ±${ind.tolerance} points of the target are Green (survey tolerance)` : ''}` },
    { key: `Result ${entry.ratingContext.lastYearLabel}`, value: entry.ratingContext.lastYear === null ? 'None' : String(entry.ratingContext.lastYear) },
  ];
  if (ind.definition) facts.splice(1, 0, { key: 'How it is measured', value: ind.definition });
  if (entry.rating) facts.push({ key: 'Rating of the stored result', value: `${ragLabel(entry.rating.value)}: ${entry.rating.reason.text}` });

  let conflict: ResultFormView['conflict'] = null;
  if (input.conflict) {
    const c = input.conflict.current;
    const who = input.conflict.lastChange;
    conflict = {
      heading: 'Someone else changed this result while you were editing it',
      paragraphs: [
        who ? `${actorText(who.actor, who.actorName)} saved it on ${formatWhen(who.at)}.` : 'It was changed by another person or an import.',
        'Your changes have not been saved. Their values are below; your entries are still in the form. Check both, change the form if needed, and save again to replace their values.',
      ],
      rows: summaryRows([
        { key: 'Result', value: c ? resultText(c, ind.unit) : 'Removed' },
        { key: 'Status', value: c ? (STATUS_TEXT[c.status]?.text ?? c.status) : '' },
        { key: 'Data period', value: c?.dataPeriod ?? '' },
        { key: 'Note', value: c?.note ?? '' },
        { key: 'Commentary', value: c?.commentary ?? '' },
        { key: 'Comments and proposed intervention', value: c?.intervention ?? '' },
      ]),
    };
  }

  return {
    pageTitle: `${ind.ref} result for ${input.cycleLabel}`,
    cycleLabel: input.cycleLabel,
    ref: ind.ref,
    title: ind.title,
    facts: summaryRows(facts),
    storedRows: summaryRows([
      { key: 'Result', value: input.values.value },
      { key: 'Status', value: STATUS_TEXT[input.values.status]?.text ?? input.values.status },
      { key: 'Data period', value: input.values.dataPeriod },
      { key: 'Note', value: input.values.note },
      { key: 'Commentary', value: input.values.commentary },
      { key: 'Comments and proposed intervention', value: input.values.intervention },
    ]),
    action: resultEntryPath(input.committeeSlug, input.period, ind.ref),
    backHref: entryPath(input.committeeSlug, input.period),
    values: input.values,
    revision: input.revision,
    statusItems: ENTRY_STATUSES.map((s) => ({
      value: s,
      text: STATUS_TEXT[s]!.text,
      hint: { text: STATUS_TEXT[s]!.hint },
      checked: (input.values.status || 'reported') === s,
    })),
    errors: inlineErrors(errors),
    errorSummary: conflict
      ? [{ text: 'Someone else changed this result while you were editing it: your changes have not been saved', href: '#conflict' }]
      : errorSummary(errors, RESULT_FIELDS),
    readOnly: lock !== null,
    lock,
    lastChanged: input.lastChange ? `Last changed by ${actorText(input.lastChange.actor, input.lastChange.actorName)} on ${formatWhen(input.lastChange.at)}.` : null,
    conflict,
  };
}
