/**
 * The committee paper's common parts, for every kind of paper (performance reports now; cover sheets,
 * minutes and agenda packs next): the facts of the cover sheet the data do not hold (`PaperMeta`), the
 * cover sheet itself and the standard sections 2 to 6 of a committee report. Neutral: no figures.
 */
import { heading, para } from './blocks.ts';
import type { Block, ReportDocument } from './model.ts';

export interface OfficerContact {
  name: string;
  role?: string;
  email?: string;
  phone?: string;
}

/** The standard sections of a committee report whose text is not in the data. */
export type StandardSection =
  | 'reasons'
  | 'alternatives'
  | 'postDecision'
  | 'corporatePriorities'
  | 'resources'
  | 'socialValue'
  | 'legal'
  | 'riskManagement'
  | 'equalities'
  | 'corporateParenting'
  | 'consultation'
  | 'insight'
  | 'backgroundPapers';

/** Cover-sheet fields and narrative the data do not hold. Everything is optional. */
export interface PaperMeta {
  /** Paper title; default the kind's own (e.g. "Quarter 2 2018/19 <committee> Performance Report"). */
  title?: string;
  /** The meeting date as it should be printed ("21 November 2018"); blank when not given. */
  meetingDate?: string;
  /** "Report of" (an officer or the committee chairman); the line is left out when not given. */
  reportOf?: string;
  /** Default "All". */
  wards?: string;
  /** Default "Public". */
  status?: string;
  /** Default "No". */
  urgent?: boolean;
  /** Key decision; default "No". */
  keyDecision?: boolean;
  /** Default the kind's own (e.g. "None", or "Appendix A: <appendix title>"). */
  enclosures?: string[];
  /** Officer contact details; the line is left out when none is given. */
  officerContacts?: OfficerContact[];
  /** Summary paragraphs; default the kind's own (e.g. a sentence naming the committee, period and contents). */
  summary?: string[];
  /** Recommendations; default the kind's own (e.g. the committee reviews performance). */
  recommendations?: string[];
  /** Paragraphs for "Purpose of report" / "Why this report is needed". */
  introduction?: string[];
  /** Text of the standard sections (2 to 6); defaults are neutral statements. */
  sections?: Partial<Record<StandardSection, string[]>>;
  /** Author in the file's metadata; default the council's name. */
  author?: string;
}

/**
 * The report's title and cover sheet (Title, Report of, Wards, Status, Urgent, Key, Enclosures, Officer
 * Contact Details). "Report of" and "Officer Contact Details" are left out when not given: a paper never
 * prints an empty field (the staff pages say what is missing).
 */
export function coverBlocks(title: string, committee: string, meta: PaperMeta, defaultEnclosures: string[]): Block[] {
  const yesNo = (v: boolean | undefined) => (v ? 'Yes' : 'No');
  const enclosures = meta.enclosures ?? defaultEnclosures;
  const contacts = (meta.officerContacts ?? []).map((c) => [c.name, c.role, c.email, c.phone && `Tel: ${c.phone}`].filter(Boolean).join(', ')).filter(Boolean);
  const reportOf = meta.reportOf?.trim();
  return [
    heading(1, title, 'title'),
    { kind: 'paragraph', runs: [{ text: [committee, meta.meetingDate].filter(Boolean).join(' — '), bold: true }], style: 'lead' },
    {
      kind: 'keyValue',
      id: 'cover-sheet',
      caption: 'Report details',
      items: [
        { key: 'Title', value: [title] },
        ...(reportOf ? [{ key: 'Report of', value: [reportOf] }] : []),
        { key: 'Wards', value: [meta.wards ?? 'All'] },
        { key: 'Status', value: [meta.status ?? 'Public'] },
        { key: 'Urgent', value: [yesNo(meta.urgent)] },
        { key: 'Key', value: [yesNo(meta.keyDecision)] },
        { key: 'Enclosures', value: enclosures },
        ...(contacts.length ? [{ key: 'Officer Contact Details', value: contacts }] : []),
      ],
    },
  ];
}

/** Sections 2 to 6 of a committee report; the caller's text where given, neutral defaults otherwise. */
export function standardBlocks(
  meta: PaperMeta,
  d: {
    committee: string;
    termsOfReference: string | null;
    reasons: string;
    corporatePriorities: string;
    insight: string;
    alternatives?: string;
    postDecision?: string;
    /** 5.2, from the report's data (its budget panels); default "None arising". */
    resources?: string[];
    /** 5.5, from the report's data (the risks it lists); default "None arising". */
    riskManagement?: string[];
  },
): Block[] {
  const text = (key: StandardSection, fallback: string[]) => (meta.sections?.[key] ?? fallback).map((p) => para(p));
  const tor = d.termsOfReference?.split('\n').filter((l) => l.trim()) ?? [];
  const legal = tor.length
    ? [`The Council's Constitution sets out the responsibilities of all council committees. The responsibilities of the ${d.committee} include:`, ...tor]
    : ['None arising from this report.'];
  return [
    heading(2, `2. Reasons for recommendations`, 'reasons'),
    ...text('reasons', [d.reasons]),
    heading(2, '3. Alternative options considered and not recommended', 'alternatives'),
    ...text('alternatives', [d.alternatives ?? 'None.']),
    heading(2, '4. Post decision implementation', 'post-decision'),
    ...text('postDecision', [d.postDecision ?? 'None.']),
    heading(2, '5. Implications of decision', 'implications'),
    heading(3, '5.1 Corporate Priorities and Performance'),
    ...text('corporatePriorities', [d.corporatePriorities]),
    heading(3, '5.2 Resources (Finance and Value for Money, Procurement, Staffing, IT, Property, Sustainability)', '5-2-resources'),
    ...text('resources', d.resources ?? ['None arising from this report.']),
    heading(3, '5.3 Social Value'),
    ...text('socialValue', ['None arising from this report.']),
    heading(3, '5.4 Legal and Constitutional References'),
    ...(meta.sections?.legal ? text('legal', []) : legal.map((p) => para(p))),
    heading(3, '5.5 Risk Management'),
    ...text('riskManagement', d.riskManagement ?? ['None arising from this report.']),
    heading(3, '5.6 Equalities and Diversity'),
    ...text('equalities', ['None arising from this report.']),
    heading(3, '5.7 Corporate Parenting'),
    ...text('corporateParenting', ['There are no implications for Corporate Parenting in relation to this report.']),
    heading(3, '5.8 Consultation and Engagement'),
    ...text('consultation', ['None arising from this report.']),
    heading(3, '5.9 Insight'),
    ...text('insight', [d.insight]),
    heading(2, '6. Background papers', 'background-papers'),
    ...text('backgroundPapers', ['None.']),
  ];
}

/**
 * A paper made from figures that are not published (a draft, staff only) says so where no reader can
 * miss it: "DRAFT" before the title and in every page header, and the reason straight under the title.
 */
export function markDraft(doc: ReportDocument, reason: string): ReportDocument {
  const warning: Block = { kind: 'paragraph', style: 'lead', runs: [{ text: `DRAFT: ${reason}`, bold: true }] };
  // Straight after the title (the paper still opens with its heading), or first when it has none.
  const at = doc.blocks[0]?.kind === 'heading' ? 1 : 0;
  return {
    ...doc,
    title: `DRAFT: ${doc.title}`,
    runningHead: `DRAFT, not published: ${doc.runningHead}`,
    blocks: [...doc.blocks.slice(0, at), warning, ...doc.blocks.slice(at)],
  };
}

/**
 * The cover-sheet facts a paper's model holds (who it is from), under the caller's: a `--report-of` given
 * for one paper wins over the stored one.
 */
export function withPaperDetails(
  meta: PaperMeta,
  details: { reportOf: string | null; officer: { name: string; role: string | null; email: string | null; phone: string | null } | null } | null | undefined,
): PaperMeta {
  const officer = details?.officer;
  return {
    ...meta,
    reportOf: meta.reportOf?.trim() || details?.reportOf || undefined,
    officerContacts: meta.officerContacts?.length
      ? meta.officerContacts
      : officer
        ? [{ name: officer.name, ...(officer.role ? { role: officer.role } : {}), ...(officer.email ? { email: officer.email } : {}), ...(officer.phone ? { phone: officer.phone } : {}) }]
        : undefined,
  };
}
