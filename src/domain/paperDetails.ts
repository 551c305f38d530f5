/**
 * Who a committee paper is from (DOMAIN §9, the report cover sheet): "Report of" (an officer's title or
 * the committee chairman) and the officer to contact. Set on the committee as the default of all its
 * papers and, for one committee period's papers, overridden. Pure: the rules for what is set, what a
 * paper prints and what is missing.
 *
 * "Report of" and the officer are resolved separately — a period may have its own "Report of" and keep the
 * committee's officer — but an officer is always whole: a period's officer never takes the default's email
 * or phone number, which would be someone else's.
 */
import { MAX_NAME } from './limits.ts';

export interface OfficerContact {
  name: string;
  /** Job title. */
  role: string | null;
  email: string | null;
  phone: string | null;
}

/** What a committee (default) or a committee period (override) has set; nulls are not set. */
export interface PaperDetails {
  reportOf: string | null;
  officer: OfficerContact | null;
}

export const NO_PAPER_DETAILS: PaperDetails = Object.freeze({ reportOf: null, officer: null });

/** Where each printed detail comes from. */
export type DetailSource = 'period' | 'committee' | null;

export interface ResolvedPaperDetails extends PaperDetails {
  from: { reportOf: DetailSource; officer: DetailSource };
}

/** The details a paper of the period prints: the period's where set, else the committee's. */
export function resolvePaperDetails(committee: PaperDetails | null, period: PaperDetails | null): ResolvedPaperDetails {
  const reportOf = period?.reportOf ?? committee?.reportOf ?? null;
  const officer = period?.officer ?? committee?.officer ?? null;
  return {
    reportOf,
    officer,
    from: {
      reportOf: period?.reportOf ? 'period' : committee?.reportOf ? 'committee' : null,
      officer: period?.officer ? 'period' : committee?.officer ? 'committee' : null,
    },
  };
}

/** What a paper lacks: the staff pages say so, and the paper leaves the line out rather than print it blank. */
export function missingPaperDetails(details: PaperDetails): string[] {
  const out: string[] = [];
  if (!details.reportOf) out.push('“Report of” is not set: the cover sheet leaves it out');
  if (!details.officer) out.push('No officer contact is set: the cover sheet leaves “Officer Contact Details” out');
  return out;
}

/** "Alaine Clarke, Head of Performance and Risk, alaine.clarke@barnet.gov.uk, Tel: 020 8359 4369". */
export function officerText(o: OfficerContact): string {
  return [o.name, o.role, o.email, o.phone && `Tel: ${o.phone}`].filter(Boolean).join(', ');
}

/** The form's fields, as typed. */
export interface PaperDetailsInput {
  report_of: string;
  officer_name: string;
  officer_role: string;
  officer_email: string;
  officer_phone: string;
}

export const PAPER_DETAIL_FIELDS = ['report_of', 'officer_name', 'officer_role', 'officer_email', 'officer_phone'] as const;

const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;
/** Digits, spaces and the signs phone numbers are written with: 020 8359 4369, +44 20 8359 4369, (020) 8359 4369 ext. 12. */
const PHONE = /^[+()0-9][0-9 ()+-]*(?:\s*(?:ext\.?|extension|x)\s*[0-9]+)?$/i;

/** Validates the form; errors by field, worded for GOV.UK error messages. */
export function parsePaperDetails(input: PaperDetailsInput): { ok: true; details: PaperDetails } | { ok: false; errors: Record<string, string> } {
  const t = (s: string | undefined) => (s ?? '').trim().replace(/\s+/g, ' ');
  const v = Object.fromEntries(PAPER_DETAIL_FIELDS.map((f) => [f, t(input[f])])) as Record<(typeof PAPER_DETAIL_FIELDS)[number], string>;
  const errors: Record<string, string> = {};
  const what: Record<(typeof PAPER_DETAIL_FIELDS)[number], string> = {
    report_of: '“Report of”',
    officer_name: 'The officer’s name',
    officer_role: 'The job title',
    officer_email: 'The email address',
    officer_phone: 'The phone number',
  };
  for (const f of PAPER_DETAIL_FIELDS) {
    if (v[f].length > MAX_NAME) errors[f] = `${what[f]} must be ${MAX_NAME.toLocaleString('en-GB')} characters or fewer`;
  }
  if (!v.officer_name && (v.officer_role || v.officer_email || v.officer_phone)) {
    errors.officer_name ??= 'Enter the officer’s name, or clear the job title, email address and phone number';
  }
  if (v.officer_email && !EMAIL.test(v.officer_email)) errors.officer_email ??= 'Enter an email address in the correct format, like name@council.gov.uk';
  if (v.officer_phone && (!PHONE.test(v.officer_phone) || (v.officer_phone.match(/[0-9]/g) ?? []).length < 6)) {
    errors.officer_phone ??= 'Enter a phone number, like 020 8359 4369';
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  const orNull = (s: string) => (s === '' ? null : s);
  return {
    ok: true,
    details: {
      reportOf: orNull(v.report_of),
      officer: v.officer_name ? { name: v.officer_name, role: orNull(v.officer_role), email: orNull(v.officer_email), phone: orNull(v.officer_phone) } : null,
    },
  };
}

/** Stored details as form values. */
export function paperDetailsInput(details: PaperDetails | null): PaperDetailsInput {
  return {
    report_of: details?.reportOf ?? '',
    officer_name: details?.officer?.name ?? '',
    officer_role: details?.officer?.role ?? '',
    officer_email: details?.officer?.email ?? '',
    officer_phone: details?.officer?.phone ?? '',
  };
}

/** Whether nothing is set. */
export function isEmptyPaperDetails(details: PaperDetails | null): boolean {
  return !details || (details.reportOf === null && details.officer === null);
}
