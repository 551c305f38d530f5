/**
 * The comparator upload page: the form, every error of a refused file (located by row and column, the
 * first MAX_ERRORS_SHOWN listed), or what was (or would be) imported.
 */
import type { ComparatorImportOutcome } from '../../../services/comparatorService.ts';
import { errorCount, errorsToShow, formatImportErrors, moreErrorsText } from '../../../services/importService.ts';

export interface ComparatorImportView {
  pageTitle: string;
  indicator: string;
  errorSummary: { text: string; href: string }[] | null;
  fileError: string | null;
  /** The refused file's errors, one line each. */
  errors: { heading: string; lines: string[]; more: string | null } | null;
  done: { heading: string; lines: string[] } | null;
}

export function buildComparatorImportView(input: { fileError?: string; indicator?: string; filename?: string; outcome?: ComparatorImportOutcome }): ComparatorImportView {
  const base = { indicator: input.indicator ?? '', errors: null, done: null };
  if (input.fileError) {
    return { ...base, pageTitle: 'Error: Upload comparator values', errorSummary: [{ text: input.fileError, href: '#values' }], fileError: input.fileError };
  }
  const outcome = input.outcome;
  if (!outcome) return { ...base, pageTitle: 'Upload comparator values', errorSummary: null, fileError: null };
  if (!outcome.ok) {
    const listing = errorsToShow(outcome.errors);
    const message = `Nothing was imported: ${errorCount(listing.total)} in ${input.filename ?? 'the file'}`;
    return {
      ...base,
      pageTitle: 'Error: Upload comparator values',
      errorSummary: [{ text: message, href: '#file-errors' }],
      fileError: null,
      errors: { heading: message, lines: formatImportErrors(listing.shown), more: moreErrorsText(listing) },
    };
  }
  return {
    ...base,
    pageTitle: 'Upload comparator values',
    errorSummary: null,
    fileError: null,
    done: {
      heading: `${outcome.dryRun ? 'Checked: nothing saved. The file would import' : 'Imported'} ${outcome.added} new and ${outcome.changed} changed values (${outcome.unchanged} unchanged)`,
      lines: [...outcome.periods, ...(outcome.skippedBreakdowns ? [`${outcome.skippedBreakdowns} rows broken down by category were left out`] : [])],
    },
  };
}
