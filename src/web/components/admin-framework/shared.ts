/**
 * Pieces shared by the framework administration pages: reading form bodies, the GOV.UK error
 * summary (in the order fields appear, each linking to its field) and inline error messages.
 */
import type { FieldErrors } from '../../../services/frameworkAdminService.ts';

export type Body = Record<string, unknown> | undefined;

/** A form field's text ('' when absent or not a string: a repeated field is ignored). */
export function field(body: Body, key: string): string {
  const v = body?.[key];
  return typeof v === 'string' ? v : '';
}

/** Reads `keys` from a body as strings. */
export function fields<K extends string>(body: Body, keys: readonly K[]): Record<K, string> {
  return Object.fromEntries(keys.map((k) => [k, field(body, k)])) as Record<K, string>;
}

export interface ErrorView {
  errorSummary: { text: string; href: string }[] | null;
  errors: Record<string, { text: string }>;
}

/** The error summary (fields in `order` first, in that order) and the inline messages. */
export function errorView(errors: FieldErrors, order: readonly string[]): ErrorView {
  const rank = (k: string) => {
    const i = order.indexOf(k);
    return i < 0 ? order.length : i;
  };
  const keys = Object.keys(errors).sort((a, b) => rank(a) - rank(b));
  return {
    errorSummary: keys.length ? keys.map((k) => ({ text: errors[k]!, href: `#${k}` })) : null,
    errors: Object.fromEntries(keys.map((k) => [k, { text: errors[k]! }])),
  };
}

/** Radio or select items with the checked / selected one marked. */
export function choiceItems(choices: { value: string; text: string; hint?: string }[], selected: string, kind: 'radios' | 'select' = 'radios') {
  return choices.map((c) => ({
    value: c.value,
    text: c.text,
    ...(c.hint ? { hint: { text: c.hint } } : {}),
    ...(kind === 'radios' ? { checked: c.value === selected } : { selected: c.value === selected }),
  }));
}

export const SAVED_NOTICE = 'Your changes have been saved and recorded in the audit log.';
export const UNCHANGED_NOTICE = 'Nothing was changed: the values are the same as those stored.';

/** The notice after a post-redirect-get (`?saved=1` / `?saved=0`). */
export function noticeFrom(query: unknown): string | null {
  const saved = (query as { saved?: unknown } | undefined)?.saved;
  return saved === '1' ? SAVED_NOTICE : saved === '0' ? UNCHANGED_NOTICE : null;
}
