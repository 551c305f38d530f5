/**
 * Report papers (DOMAIN.md §9; issue 11, deliver 4 and 5; ADR 0020): the cover sheet (title, report of,
 * wards, status, urgent, key decision, enclosures each with its own status, officer contacts), the
 * standard sections numbered by the system from a per-council template, the clearance record (never
 * published) and exempt information under Part 1 of Schedule 12A of the Local Government Act 1972 — who is
 * entitled to see it, and the placeholder everyone else sees. Pure.
 */
import { inForceOn, type Membership } from './membership.ts';
import type { Role } from './access.ts';

/** The seven paragraphs of Part 1 of Schedule 12A (what makes information exempt). */
export const SCHEDULE_12A_PARAGRAPHS: Record<number, string> = {
  1: 'Information relating to any individual',
  2: 'Information which is likely to reveal the identity of an individual',
  3: 'Information relating to the financial or business affairs of any particular person (including the authority holding that information)',
  4: 'Information relating to any consultations or negotiations, or contemplated consultations or negotiations, in connection with any labour relations matter',
  5: 'Information in respect of which a claim to legal professional privilege could be maintained in legal proceedings',
  6: 'Information which reveals that the authority proposes to give a notice or to make an order or direction',
  7: 'Information relating to any action taken or to be taken in connection with the prevention, investigation or prosecution of crime',
};

export function isExemptParagraph(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 7;
}

/** What the public sees instead of exempt content: the words the packs print. */
export function exemptPlaceholder(paragraph: number): string {
  return `By virtue of paragraph ${paragraph} of Part 1 of Schedule 12A of the Local Government Act 1972.`;
}

export const PAPER_STATUSES = ['public', 'exempt', 'public-exempt-appendices'] as const;
export type PaperStatus = (typeof PAPER_STATUSES)[number];

export const PAPER_STATUS_LABELS: Record<PaperStatus, string> = {
  public: 'Public',
  exempt: 'Exempt',
  'public-exempt-appendices': 'Public with exempt appendices',
};

export const KEY_DECISION = ['key', 'non-key'] as const;
export type KeyDecision = (typeof KEY_DECISION)[number];

/** A Word or PDF file uploaded as a paper's body or an enclosure (ADR 0027), as its checks read it. */
export interface PaperFile {
  id: number;
  kind: 'pdf' | 'docx';
  /** The name it was uploaded under (shown to staff only; the public file is named from the paper). */
  filename: string;
  /** Bytes. */
  size: number;
  sha256: string;
  /** A PDF's pages (null for Word, whose pages depend on how it is rendered). */
  pageCount: number | null;
}

export interface Enclosure {
  /** "Appendix A: Corporate Plan". */
  title: string;
  /** Null: public; 1–7: exempt by that paragraph. */
  exemptParagraph: number | null;
  /** The appendix itself as text (the part a placeholder replaces when exempt). */
  body: string;
  /** The appendix uploaded as a file instead (or as well); absent or null when typed. */
  file?: PaperFile | null;
}

export interface CoverSheet {
  title: string;
  /** As printed: "Head of Governance", "Councillor Reuben Thompstone – Committee Chairman". */
  reportOf: string;
  /** "All", or the wards named. */
  wards: string;
  status: PaperStatus;
  /** For an exempt paper: the paragraph of Schedule 12A. */
  exemptParagraph: number | null;
  urgent: boolean;
  key: KeyDecision;
  enclosures: Enclosure[];
  /** The officers to contact (people), in order: at least one. */
  contactIds: number[];
}

/** What the status line of the cover prints. */
export function statusText(cover: Pick<CoverSheet, 'status' | 'exemptParagraph' | 'enclosures'>): string {
  if (cover.status === 'exempt') return `Exempt: ${exemptPlaceholder(cover.exemptParagraph ?? 0).replace(/^By virtue/, 'by virtue')}`;
  if (cover.status === 'public-exempt-appendices') {
    const paras = [...new Set(cover.enclosures.map((e) => e.exemptParagraph).filter((p): p is number => p !== null))].sort((a, b) => a - b);
    return `Public with exempt appendices (paragraph${paras.length === 1 ? '' : 's'} ${paras.join(', ')} of Part 1 of Schedule 12A)`;
  }
  return 'Public';
}

/**
 * Whether the cover's statuses agree: an exempt paper names its paragraph; an appendix may be exempt only
 * under a paper marked exempt or "public with exempt appendices" (the packs show a restricted appendix
 * under a report marked public — Townhall refuses it); a paper "with exempt appendices" has one.
 * Returns errors by field.
 */
export function coverProblems(cover: CoverSheet): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!cover.title.trim()) errors.title = 'Enter the title of the report';
  if (!cover.reportOf.trim()) errors.reportOf = 'Enter who the report is of, like Head of Governance';
  if (!cover.wards.trim()) errors.wards = 'Enter the wards, or All';
  if (cover.status === 'exempt' && !isExemptParagraph(cover.exemptParagraph)) errors.exemptParagraph = 'Select the paragraph of Schedule 12A that makes the report exempt';
  const exemptEnclosures = cover.enclosures.filter((e) => e.exemptParagraph !== null);
  if (cover.status === 'public' && exemptEnclosures.length) errors.status = 'An appendix is exempt: select “public with exempt appendices”, or make the appendix public';
  if (cover.status === 'public-exempt-appendices' && !exemptEnclosures.length) errors.status = 'No appendix is exempt: select “public”, or mark the exempt appendix';
  cover.enclosures.forEach((e, i) => {
    if (!e.title.trim()) errors[`enclosure${i + 1}`] = `Enter the title of enclosure ${i + 1}`;
    else if (e.exemptParagraph !== null && !isExemptParagraph(e.exemptParagraph)) errors[`enclosure${i + 1}`] = `Select the paragraph of Schedule 12A for enclosure ${i + 1}`;
  });
  if (!cover.contactIds.length) errors.contacts = 'Select at least one officer to contact';
  return errors;
}

/** Whether anything on the paper is exempt (the paper, or an appendix). */
export function hasExemptContent(cover: Pick<CoverSheet, 'status' | 'enclosures'>): boolean {
  return cover.status === 'exempt' || cover.enclosures.some((e) => e.exemptParagraph !== null);
}

// Sections

/** One section of the council's template. */
export interface SectionTemplate {
  /** Stable key the content is stored under: "why", "implications". */
  key: string;
  /** "Why this report is needed". */
  title: string;
  /** Numbered 1, 2, … (the summary and recommendations are not). */
  numbered: boolean;
  /** Sub-sections numbered 5.1, 5.2, … under a numbered section. */
  subsections: string[];
}

/** The standard sections as DOMAIN.md §9 and Barnet's covers set them out; shipped as the default. */
export const DEFAULT_SECTIONS: readonly SectionTemplate[] = Object.freeze([
  { key: 'summary', title: 'Summary', numbered: false, subsections: [] },
  { key: 'recommendations', title: 'Recommendations', numbered: false, subsections: [] },
  { key: 'why', title: 'Why this report is needed', numbered: true, subsections: [] },
  { key: 'reasons', title: 'Reasons for recommendations', numbered: true, subsections: [] },
  { key: 'alternatives', title: 'Alternative options considered and not recommended', numbered: true, subsections: [] },
  { key: 'implementation', title: 'Post decision implementation', numbered: true, subsections: [] },
  {
    key: 'implications',
    title: 'Implications of decision',
    numbered: true,
    subsections: [
      'Corporate Priorities and Performance',
      'Resources (Finance & Value for Money, Procurement, Staffing, IT, Property, Sustainability)',
      'Social Value',
      'Legal and Constitutional References',
      'Risk Management',
      'Equalities and Diversity',
      'Corporate Parenting',
      'Consultation and Engagement',
      'Insight',
    ],
  },
  { key: 'background', title: 'Background papers', numbered: true, subsections: [] },
]);

/** The key of the recommendations: a numbered list rather than text. */
export const RECOMMENDATIONS_KEY = 'recommendations';

/** A section or sub-section heading with the number the system gives it. */
export interface NumberedHeading {
  /** "5.2", or "" for an unnumbered section. */
  number: string;
  title: string;
  /** Where its text is stored: the section's key, or "key.n" for sub-section n. */
  field: string;
  level: 2 | 3;
}

/** The headings of the template, numbered: 1, 2, … and their sub-sections 5.1, 5.2, …. */
export function numberSections(template: readonly SectionTemplate[]): NumberedHeading[] {
  const out: NumberedHeading[] = [];
  let n = 0;
  for (const s of template) {
    const number = s.numbered ? String(++n) : '';
    out.push({ number, title: s.title, field: s.key, level: 2 });
    s.subsections.forEach((title, i) => out.push({ number: number ? `${number}.${i + 1}` : '', title, field: `${s.key}.${i + 1}`, level: 3 }));
  }
  return out;
}

/** Problems with a council's section template, in order; empty when it is usable. */
export function sectionTemplateProblems(template: readonly SectionTemplate[]): string[] {
  const problems: string[] = [];
  if (!template.length) problems.push('The template needs at least one section');
  const keys = new Set<string>();
  for (const s of template) {
    if (!/^[a-z][a-z0-9-]{0,39}$/.test(s.key)) problems.push(`Section “${s.title}”: its key must be lower-case letters, digits and dashes`);
    if (keys.has(s.key)) problems.push(`Two sections share the key “${s.key}”`);
    keys.add(s.key);
    if (!s.title.trim()) problems.push(`Section “${s.key}” needs a title`);
  }
  if (!keys.has('summary')) problems.push('The template needs a “summary” section');
  if (!keys.has(RECOMMENDATIONS_KEY)) problems.push('The template needs a “recommendations” section');
  return problems;
}

/** Recommendations typed one per line → the list the paper numbers 1, 2, …. */
export function readRecommendations(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim().replace(/^\d+[.)]\s*/, ''))
    .filter((l) => l.length > 0);
}

/**
 * Whether a paper may go out with the agenda: its body is an uploaded file, or its summary and at least
 * one recommendation are written.
 */
export function paperComplete(sections: Readonly<Record<string, string>>, recommendations: readonly string[], file: PaperFile | null = null): boolean {
  return file !== null || ((sections.summary ?? '').trim().length > 0 && recommendations.length > 0);
}

/** "PDF, 245 KB, 12 pages" / "Word document, 31 KB": what a link to a paper's file says about it. */
export function fileDescription(file: Pick<PaperFile, 'kind' | 'size' | 'pageCount'>): string {
  const size = file.size < 1024 * 1024 ? `${Math.max(1, Math.round(file.size / 1024))} KB` : `${(file.size / (1024 * 1024)).toFixed(1)} MB`;
  const pages = file.pageCount !== null ? `, ${file.pageCount} page${file.pageCount === 1 ? '' : 's'}` : '';
  return `${file.kind === 'pdf' ? 'PDF' : 'Word document'}, ${size}${pages}`;
}

// Clearance

export const CLEARANCE_ROLES = ['chairman', 'chief-officer', 'legal', 'finance', 'governance'] as const;
export type ClearanceRole = (typeof CLEARANCE_ROLES)[number];

export const CLEARANCE_ROLE_LABELS: Record<ClearanceRole, string> = {
  chairman: 'Committee Chairman',
  'chief-officer': 'Chief Officer',
  legal: 'Legal',
  finance: 'Finance',
  governance: 'Governance',
};

/** Who cleared the paper for one role and when — kept for staff, never published. */
export interface Clearance {
  role: ClearanceRole;
  name: string;
  /** ISO date. */
  clearedOn: string;
}

// Exempt information: who is entitled

/** Who is asking, as the decision needs it. */
export interface Viewer {
  role: Role;
  /** The person their account is linked to (a councillor's or officer's person), if any. */
  personId: number | null;
}

export type Entitlement = 'manager' | 'named-officer' | 'committee-member' | null;

/**
 * Whether a viewer may read a meeting's exempt papers and appendices: governance officers and
 * administrators; officers named as contacts on the paper; members and substitutes of the committee in
 * force on the meeting date. Anyone else (and the anonymous public) sees the placeholder.
 */
export function exemptEntitlement(
  viewer: Viewer | null,
  paper: { contactIds: readonly number[] },
  meeting: { date: string; memberships: readonly Pick<Membership, 'personId' | 'from' | 'to'>[] },
): Entitlement {
  if (!viewer) return null;
  if (viewer.role === 'administrator' || viewer.role === 'governance-officer') return 'manager';
  if (viewer.personId === null) return null;
  if (paper.contactIds.includes(viewer.personId)) return 'named-officer';
  if (viewer.role === 'councillor' && meeting.memberships.some((m) => m.personId === viewer.personId && inForceOn(m, meeting.date))) return 'committee-member';
  return null;
}
