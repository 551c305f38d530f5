/**
 * Who committee papers are from ("Report of" and the officer contact on the cover sheet): the form for a
 * committee's default (/admin/framework/committees/:slug/paper) and for one committee period's papers
 * (/committees/:slug/:period/paper), and the summary shown on the committee, sign-off and reports pages.
 * Pure.
 */
import {
  missingPaperDetails,
  officerText,
  PAPER_DETAIL_FIELDS,
  paperDetailsInput,
  type DetailSource,
  type PaperDetails,
  type PaperDetailsInput,
  type ResolvedPaperDetails,
} from '../../../domain/paperDetails.ts';

export type PaperFormValues = PaperDetailsInput & { reason: string; version: string };

export const PAPER_FORM_FIELDS = [...PAPER_DETAIL_FIELDS, 'reason', 'version'] as const;

/** The form's values from a body (strings only). */
export function readPaperForm(body: Record<string, unknown> | undefined): PaperFormValues {
  const get = (k: string) => (typeof body?.[k] === 'string' ? (body[k] as string) : '');
  return Object.fromEntries(PAPER_FORM_FIELDS.map((k) => [k, get(k)])) as unknown as PaperFormValues;
}

export function paperFormValues(details: PaperDetails | null, version: string): PaperFormValues {
  return { ...paperDetailsInput(details), reason: '', version };
}

export interface SummaryRow {
  key: { text: string };
  value: { text: string };
}

const SOURCE_TEXT: Record<Exclude<DetailSource, null>, string> = {
  period: 'set for this period',
  committee: 'the committee’s, for all its papers',
};

/** "Report of" and the officer as a paper prints them, each saying where it comes from, or that it is not set. */
export function resolvedRows(resolved: ResolvedPaperDetails): SummaryRow[] {
  return [
    {
      key: { text: 'Report of' },
      value: { text: resolved.reportOf ? `${resolved.reportOf} (${SOURCE_TEXT[resolved.from.reportOf!]})` : 'Not set: the cover sheet leaves it out' },
    },
    {
      key: { text: 'Officer contact' },
      value: { text: resolved.officer ? `${officerText(resolved.officer)} (${SOURCE_TEXT[resolved.from.officer!]})` : 'Not set: the cover sheet leaves it out' },
    },
  ];
}

/** Stored details as summary rows ("Not set" for what is not). */
export function detailRows(details: PaperDetails | null): SummaryRow[] {
  return [
    { key: { text: 'Report of' }, value: { text: details?.reportOf ?? 'Not set' } },
    { key: { text: 'Officer contact' }, value: { text: details?.officer ? officerText(details.officer) : 'Not set' } },
  ];
}

/** What the staff pages say is missing from the papers of a period (empty: nothing). */
export function missingFromPaper(resolved: PaperDetails): string[] {
  return missingPaperDetails(resolved);
}

export interface PaperFormView {
  pageTitle: string;
  caption: string;
  /** The committee default, or one period's papers. */
  scope: 'committee' | 'period';
  intro: string[];
  action: string;
  backHref: string;
  backText: string;
  values: PaperFormValues;
  errorSummary: { text: string; href: string }[] | null;
  errors: Record<string, { text: string }>;
  /** What the papers print now, with where each detail comes from (a period's form). */
  printed: SummaryRow[] | null;
  /** The committee's default (a period's form). */
  committeeRows: SummaryRow[] | null;
  committeeHref: string | null;
  /** Someone saved other details since the form was opened: theirs. */
  conflict: SummaryRow[] | null;
  lock: string | null;
  notice: string | null;
}

const ORDER = [...PAPER_DETAIL_FIELDS, 'reason'];

export function buildPaperFormView(args: {
  scope: 'committee' | 'period';
  /** The committee's name (its current one), or the cycle's label ("… Q2 2018/19"). */
  label: string;
  action: string;
  backHref: string;
  backText: string;
  values: PaperFormValues;
  errors?: Record<string, string>;
  resolved?: ResolvedPaperDetails | null;
  committeeDetails?: PaperDetails | null;
  committeeHref?: string | null;
  conflict?: PaperDetails | null | undefined;
  lock?: string | null;
  notice?: string | null;
}): PaperFormView {
  const errors = args.errors ?? {};
  const keys = Object.keys(errors).sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b));
  const period = args.scope === 'period';
  return {
    pageTitle: period ? 'Who this period’s papers are from' : 'Who the committee’s papers are from',
    caption: args.label,
    scope: args.scope,
    intro: period
      ? [
          'The cover sheet of every paper of this period prints “Report of” and the officer to contact. Give them here only when they differ from the committee’s: what you leave blank is taken from the committee.',
          'The officer is taken whole: if you give an officer here, none of the committee officer’s details are printed.',
        ]
      : [
          'The cover sheet of every paper of the committee prints “Report of” and the officer to contact, unless a period sets its own. Published papers keep what they printed.',
          'Leave a field blank when it is not known: the cover sheet then leaves the line out rather than print it empty.',
        ],
    action: args.action,
    backHref: args.backHref,
    backText: args.backText,
    values: args.values,
    errorSummary: keys.length ? keys.map((k) => ({ text: errors[k]!, href: `#${k}` })) : null,
    errors: Object.fromEntries(keys.map((k) => [k, { text: errors[k]! }])),
    printed: args.resolved ? resolvedRows(args.resolved) : null,
    committeeRows: period ? detailRows(args.committeeDetails ?? null) : null,
    committeeHref: args.committeeHref ?? null,
    conflict: args.conflict === undefined ? null : detailRows(args.conflict),
    lock: args.lock ?? null,
    notice: args.notice ?? null,
  };
}
