/**
 * The upload pages: the upload form (with its errors), and the preview of an uploaded workbook as kept
 * with it — the changes (add or change, before → after per field, from the importer's Change objects;
 * every change counted by kind of record, the first MAX_CHANGES_SHOWN listed) or the errors (sheet, row,
 * column, value; past MAX_ERRORS_SHOWN the rest counted by sheet) — with the confirm form carrying the
 * digest of what was previewed.
 */
import type { Change } from '../../../services/importPlan.ts';
import { errorCount, moreErrorsText } from '../../../services/importService.ts';
import type { PreviewOutcome, StoredUpload } from '../../../services/uploadImportService.ts';
import { formatWhen } from '../data-entry/shared.ts';
import { importPreviewPath } from '../../urls.ts';

const ENTITY_LABELS: Record<string, string> = {
  council: 'Council',
  plan_year: 'Plan year',
  committee: 'Committee',
  corporate_outcome: 'Corporate outcome',
  priority: 'Priority',
  indicator_version: 'Indicator definition',
  target: 'Target',
  result: 'Result',
  benchmark: 'Benchmark',
  key_action: 'Key action',
  key_action_update: 'Key action update',
};

export function entityLabel(entity: string): string {
  return ENTITY_LABELS[entity] ?? entity.charAt(0).toUpperCase() + entity.slice(1).replace(/_/g, ' ');
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

/** A stored or imported value as text: "(blank)" for nothing, JSON for structures. */
export function showValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '(blank)';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return canonical(value);
}

export interface FieldChange {
  field: string;
  before: string | null;
  after: string;
}

/** Each field of a change: the differing ones for a change (before → after), the filled-in ones for an addition. */
export function fieldChanges(c: Change): FieldChange[] {
  if (c.kind === 'add' || !c.before) {
    return Object.entries(c.after)
      .filter(([, v]) => v !== null && v !== undefined && v !== '')
      .map(([field, v]) => ({ field, before: null, after: showValue(v) }));
  }
  return Object.keys(c.after)
    .filter((k) => canonical(c.before![k]) !== canonical(c.after[k]))
    .map((field) => ({ field, before: showValue(c.before![field]), after: showValue(c.after[field]) }));
}

export interface UploadFormView {
  pageTitle: string;
  errorSummary: { text: string; href: string }[] | null;
  error: { text: string } | null;
  notice: string | null;
}

export function buildUploadFormView(error: string | null = null, notice: string | null = null): UploadFormView {
  return {
    pageTitle: 'Upload a spreadsheet',
    errorSummary: error ? [{ text: error, href: '#workbook' }] : null,
    error: error ? { text: error } : null,
    notice,
  };
}

export interface PreviewView {
  pageTitle: string;
  filename: string;
  uploaded: string;
  expires: string;
  stale: boolean;
  errorSummary: { text: string; href: string }[] | null;
  /** The errors listed (at most MAX_ERRORS_SHOWN). */
  errors: { sheet: string; row: string; column: string; value: string; message: string }[];
  /** How many errors the file has, e.g. "3,001 errors", and what the table's caption says. */
  errorTotal: string;
  errorCaption: string;
  /** "… and 2,501 more errors (results: 2,400; targets: 101)" when not every error is listed. */
  moreErrors: string | null;
  /** Every change, counted by kind of record. */
  summary: { entity: string; add: number; change: number }[];
  /** The changes listed (at most MAX_CHANGES_SHOWN), and the table's caption. */
  changes: { kind: string; entity: string; key: string; fields: FieldChange[] }[];
  changesCaption: string;
  /** "… and 355,378 more changes, counted in the summary" when not every change is listed. */
  moreChanges: string | null;
  /** When the stored data changed after the preview was made: what the page says about it; else null. */
  dataChanged: string | null;
  canConfirm: boolean;
  confirmAction: string;
  digest: string;
  reason: string;
  reasonError: { text: string } | null;
}

const NO_ERRORS = { shown: [], total: 0, more: 0, moreBySheet: [] };

export function buildPreviewView(input: {
  upload: StoredUpload;
  preview: PreviewOutcome;
  /** When the kept preview was made, if the stored data changed after that (KeptPreview.dataChangedSince). */
  dataChangedAfter?: Date | null;
  stale?: boolean;
  reason?: string;
  reasonError?: string | null;
  /** Why confirming failed this time although the file and data did not change (the file could not be read). */
  problem?: string | null;
}): PreviewView {
  const { upload, preview } = input;
  const changes = preview.ok ? preview.changes : [];
  const total = preview.ok ? preview.total : 0;
  const listing = preview.ok ? NO_ERRORS : preview.errors;
  const errors = listing.shown.map((e) => ({
    sheet: String(e.sheet),
    row: e.row === null ? '' : String(e.row),
    column: e.column ?? '',
    value: e.value ?? '',
    message: e.message,
  }));
  const errorTotal = errorCount(listing.total);
  const errorSummary: { text: string; href: string }[] = [];
  if (input.problem) errorSummary.push({ text: `${input.problem}. Nothing was imported`, href: '#confirm' });
  if (input.stale) errorSummary.push({ text: 'The stored data changed since your preview: nothing was imported. Check the new preview and confirm again', href: '#changes' });
  if (listing.total) errorSummary.push({ text: `The file has ${errorTotal}: nothing can be imported until ${listing.total === 1 ? 'it is' : 'they are'} corrected`, href: '#errors' });
  if (input.reasonError) errorSummary.push({ text: input.reasonError, href: '#reason' });
  return {
    pageTitle: `Preview: ${upload.filename}`,
    filename: upload.filename,
    uploaded: formatWhen(upload.uploadedAt),
    expires: formatWhen(upload.expiresAt),
    stale: Boolean(input.stale),
    errorSummary: errorSummary.length ? errorSummary : null,
    errors,
    errorTotal,
    errorCaption: listing.more ? `Errors (${listing.total.toLocaleString('en-GB')}; the first ${errors.length.toLocaleString('en-GB')} are listed)` : `Errors (${listing.total.toLocaleString('en-GB')})`,
    moreErrors: moreErrorsText(listing),
    summary: preview.ok ? preview.counts.map((c) => ({ entity: entityLabel(c.entity), add: c.add, change: c.change })) : [],
    changes: changes.map((c) => ({ kind: c.kind === 'add' ? 'Add' : 'Change', entity: entityLabel(c.entity), key: c.key, fields: fieldChanges(c) })),
    changesCaption:
      changes.length < total
        ? `Changes (${total.toLocaleString('en-GB')}; the first ${changes.length.toLocaleString('en-GB')} are listed)`
        : `Changes (${total.toLocaleString('en-GB')})`,
    moreChanges: changes.length < total ? `… and ${(total - changes.length).toLocaleString('en-GB')} more change${total - changes.length === 1 ? '' : 's'}, counted in the summary above` : null,
    dataChanged: input.dataChangedAfter
      ? `The stored data have changed since this preview was made (${formatWhen(input.dataChangedAfter)}). Importing checks the file against the data as they are then: if that would change anything other than what is listed here, nothing is imported and the new preview is shown.`
      : null,
    canConfirm: preview.ok && total > 0,
    confirmAction: importPreviewPath(upload.id),
    digest: preview.ok ? preview.digest : '',
    reason: input.reason ?? '',
    reasonError: input.reasonError ? { text: input.reasonError } : null,
  };
}
