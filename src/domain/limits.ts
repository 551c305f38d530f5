/**
 * Limits on what a person may enter, in one place: the web forms and the importer use the same numbers
 * (docs/import-template.md, "Limits"). Pure constants; no imports.
 */

/** Names, refs, short labels: committee and priority names, sources, owners. */
export const MAX_NAME = 200;
/** An indicator's or key action's title (the framework form allows twice a name). */
export const MAX_TITLE = 2 * MAX_NAME;
/** Definitions, outcomes, reasons in the framework forms. */
export const MAX_TEXT = 5000;
/** Commentary, intervention and reasons for a change: the longest text any form or import cell takes. */
export const MAX_LONG_TEXT = 10_000;

/** An uploaded workbook, as sent. */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
/** All the parts of an .xlsx workbook once uncompressed (a small zip can expand enormously). */
export const MAX_EXPANDED_BYTES = 250 * 1024 * 1024;
/** Rows in any one sheet (the header excluded). */
export const MAX_ROWS_PER_SHEET = 250_000;

/** The largest magnitude of any number in an import cell (a trillion: no council figure comes near). */
export const MAX_NUMBER = 1e12;
/** The earliest and latest plan years a period label may name (2000/01 … 2079/80). */
export const FIRST_PLAN_YEAR = 2000;
export const LAST_PLAN_YEAR = 2079;

/** The most errors an import lists (CLI and upload preview); the rest are counted, by sheet. */
export const MAX_ERRORS_SHOWN = 500;

/**
 * The most changes the upload preview lists (each with its fields before → after); the summary above the
 * list counts every one, by kind of record. A preview is kept with its upload (migration 0009), and the
 * listing is what is kept: a workbook at the row limits can make hundreds of thousands of changes.
 */
export const MAX_CHANGES_SHOWN = 2_000;
