/**
 * The update form of one key action in one period: RAG (with the key-action key, DOMAIN §7) and
 * commentary, GOV.UK errors naming each field, and — when someone else saved the update meanwhile —
 * their values, who saved them and when.
 */
import type { CycleStatus } from '../../../domain/cycle.ts';
import type { EntryKeyAction, LastChange } from '../../../services/entryService.ts';
import { actionVersion } from '../../../services/entryService.ts';
import { editLock, type ActionEntryValues } from '../../../services/resultEntry.ts';
import type { SessionUser } from '../../../domain/access.ts';
import { actorText, errorSummary, formatWhen, inlineErrors, type FieldErrors } from '../data-entry/shared.ts';
import { summaryRows, type ChoiceItem, type EntryFormView } from '../result-entry/viewModel.ts';
import { actionEntryPath, entryPath } from '../../urls.ts';

export const ACTION_FIELDS = ['rag', 'commentary', 'reason'] as const;

/** The key-action RAG key (DOMAIN §7), best first. */
export const ACTION_RAG_ITEMS: { value: string; text: string; hint: string }[] = [
  { value: 'G', text: 'Green', hint: 'On track or met.' },
  { value: 'GA', text: 'Green Amber', hint: 'Delayed, low impact.' },
  { value: 'RA', text: 'Red Amber', hint: 'Delayed, medium impact.' },
  { value: 'R', text: 'Red', hint: 'Risk of not delivering, or high impact.' },
  { value: 'not-rated', text: 'Not rated', hint: 'Not due this period, or not applicable.' },
];

const ragText = (rag: string | null) => (rag === null ? 'No update yet' : (ACTION_RAG_ITEMS.find((i) => i.value === rag)?.text ?? rag));

export function actionValuesFromStored(action: EntryKeyAction): ActionEntryValues {
  return { rag: action.rag ?? '', commentary: action.commentary ?? '', reason: '' };
}

export interface ActionFormInput {
  committeeSlug: string;
  period: string;
  cycleLabel: string;
  status: CycleStatus;
  user: SessionUser;
  action: EntryKeyAction;
  values: ActionEntryValues;
  /** The version the form carries (actionVersion of what it showed). */
  version?: string;
  errors?: FieldErrors;
  conflict?: { current: EntryKeyAction | null; lastChange: LastChange | null } | null;
  lastChange?: LastChange | null;
  refused?: string | null;
}

export interface ActionFormView extends EntryFormView {
  values: ActionEntryValues;
  version: string;
  ragItems: ChoiceItem[];
}

export function buildActionFormView(input: ActionFormInput): ActionFormView {
  const a = input.action;
  const lock = input.refused ?? editLock(input.status, input.user.role, input.cycleLabel);
  const errors = input.errors ?? {};
  let conflict: ActionFormView['conflict'] = null;
  if (input.conflict) {
    const who = input.conflict.lastChange;
    conflict = {
      heading: 'Someone else changed this key action while you were editing it',
      paragraphs: [
        who ? `${actorText(who.actor, who.actorName)} saved it on ${formatWhen(who.at)}.` : 'It was changed by another person or an import.',
        'Your changes have not been saved. Their values are below; your entries are still in the form. Check both, change the form if needed, and save again to replace their values.',
      ],
      rows: summaryRows([
        { key: 'Rating', value: ragText(input.conflict.current?.rag ?? null) },
        { key: 'Commentary', value: input.conflict.current?.commentary ?? '' },
      ]),
    };
  }
  return {
    pageTitle: `Key action ${a.ref} for ${input.cycleLabel}`,
    cycleLabel: input.cycleLabel,
    ref: a.ref,
    title: a.title,
    facts: summaryRows([
      { key: 'Priority', value: a.priority },
      { key: 'Service', value: a.service ?? '' },
    ]),
    storedRows: summaryRows([
      { key: 'Rating', value: ragText(input.values.rag || null) },
      { key: 'Commentary', value: input.values.commentary },
    ]),
    action: actionEntryPath(input.committeeSlug, input.period, a.ref),
    backHref: entryPath(input.committeeSlug, input.period),
    values: input.values,
    version: input.version ?? actionVersion(a),
    ragItems: ACTION_RAG_ITEMS.map((i) => ({ value: i.value, text: i.text, hint: { text: i.hint }, checked: input.values.rag === i.value })),
    errors: inlineErrors(errors),
    errorSummary: conflict
      ? [{ text: 'Someone else changed this key action while you were editing it: your changes have not been saved', href: '#conflict' }]
      : errorSummary(errors, ACTION_FIELDS),
    readOnly: lock !== null,
    lock,
    lastChanged: input.lastChange ? `Last changed by ${actorText(input.lastChange.actor, input.lastChange.actorName)} on ${formatWhen(input.lastChange.at)}.` : null,
    conflict,
  };
}
