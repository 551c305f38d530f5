/**
 * View models of the agenda and paper pages (ADR 0020): the staff agenda builder, the paper form (cover
 * sheet and sections) with its clearance, the public order of business on a meeting's page, and the
 * public paper page — whose exempt parts are the placeholders the service put there.
 */
import { AGENDA_ITEM_KIND_LABELS, type ProgrammeSource } from '../../../domain/agenda.ts';
import { formatPeriod, periodFromKey } from '../../../domain/periods.ts';
import { issueTypeLabel } from '../../../domain/workProgramme.ts';
import { partsOf, type DateParts } from '../../../domain/dateParts.ts';
import { formatStartTime } from '../../../domain/meetings.ts';
import { displayName, type Person } from '../../../domain/people.ts';
import { CLEARANCE_ROLE_LABELS, CLEARANCE_ROLES, fileDescription, PAPER_STATUS_LABELS, PAPER_STATUSES, SCHEDULE_12A_PARAGRAPHS, statusText, type NumberedHeading, type PaperFile } from '../../../domain/reportPaper.ts';
import { MAX_PAPER_FILE_MB } from '../../../services/paperFiles.ts';
import type { Block, Run } from '../../../documents/model.ts';
import { formatDate, formatLongDate } from '../../../domain/workingDays.ts';
import { CONTACT_ROWS, ENCLOSURE_ROWS, type AccountLink, type ClearanceRecord, type PaperInput, type PaperRecord, type PaperView, type PublicAgenda, type RestrictedFile, type StaffAgenda } from '../../../services/agendaService.ts';
import type { FieldErrors } from '../../../services/committeeBusinessService.ts';
import type { MeetingView } from '../../../services/meetingService.ts';
import { agendaAdminPath, clearanceAdminPath, meetingPaperEnclosureFilePath, meetingPaperFilePath, meetingPaperPath, meetingPath, paperAdminPath, personAccountAdminPath, personAdminPath, workProgrammeAdminPath, workProgrammeEntryAdminPath } from '../../urls.ts';
import { errorView } from '../admin-committee-business/viewModel.ts';

const caption = (m: MeetingView) => `${m.committeeName}, ${formatLongDate(m.date)}`;

// Staff: the agenda builder

/** "From the work programme: an entry", "… a standing item (2018-Q2)". */
function programmeText(p: ProgrammeSource): string {
  return p.source === 'entry' ? 'From the forward work programme (an entry)' : `From the forward work programme (a standing item${p.period ? `, ${periodText(p.period)}` : ''})`;
}

const periodText = (key: string) => formatPeriod(periodFromKey(key));

export function buildAgendaView(a: StaffAgenda, errors: FieldErrors = {}, values: { title: string } = { title: '' }, notice: string | null = null) {
  const m = a.meeting;
  const editable = a.agenda !== null && !a.published;
  return {
    pageTitle: 'Agenda',
    caption: caption(m),
    backHref: meetingPath(m.id),
    action: agendaAdminPath(m.id),
    notice,
    started: a.agenda !== null,
    published: a.published,
    publishedText: a.agenda?.publishedAt ? `Published on ${formatDate(a.agenda.publishedAt.toISOString().slice(0, 10))} by ${a.agenda.publishedBy}` : null,
    editable,
    cancelled: m.status === 'cancelled',
    motion: a.motion,
    problems: a.problems,
    values,
    ...errorView(errors, { title: '#title' }),
    programmeHref: workProgrammeAdminPath(m.committee.slug),
    programme: a.programme.map((row) => ({
      title: row.title,
      reportOf: row.reportOf,
      issueType: issueTypeLabel(row.issueType),
      source: row.source === 'entry' ? 'Entry' : `Standing item${row.period ? ` (${periodText(row.period)})` : ''}`,
      href: row.source === 'entry' ? workProgrammeEntryAdminPath(m.committee.slug, row.entryId) : null,
    })),
    lines: a.lines.map((l, i) => {
      const item = l.item;
      const paper = item?.paperId != null ? a.papers.get(item.paperId) : undefined;
      const isReport = item?.kind === 'report';
      // Members' items stand under their standard item and move with it: neighbours are the lines around them.
      const top = (x: (typeof a.lines)[number]) => x.item?.kind !== 'member-item';
      const previous = a.lines.slice(0, i).reverse().find(top)?.item;
      const next = a.lines.slice(i + 1).find(top)?.item;
      return {
        number: l.number,
        title: l.title,
        id: item?.id ?? null,
        part: l.part,
        kind: item ? AGENDA_ITEM_KIND_LABELS[item.kind] : 'Motion',
        paper: paper ? `${paper.cover.title} (${statusText(paper.cover)})` : isReport ? 'No paper yet' : item?.ifAny ? 'No paper (if any)' : '',
        toFollow: item?.toFollow ?? false,
        fromProgramme: item?.programme ? programmeText(item.programme) : null,
        paperHref: item && (isReport || item.kind === 'members-items' || item.kind === 'member-item') ? paperAdminPath(m.id, item.id) : null,
        paperAction: paper ? 'Change the paper' : 'Write the paper',
        canUp: editable && item !== null && item.kind !== 'urgent' && item.kind !== 'member-item' && previous != null && previous.part === l.part,
        canDown: editable && item !== null && item.kind !== 'urgent' && item.kind !== 'member-item' && next != null && next.part === l.part && next.kind !== 'urgent',
        canFollow: editable && isReport,
        canPart: editable && isReport && !paper,
        canRemove: editable && item !== null && !paper,
        publishPaper: a.published && item?.toFollow === true && paper !== undefined,
      };
    }),
  };
}

// Staff: the paper form

export type PaperValues = Omit<Required<PaperInput>, 'sections' | 'bodyFile' | 'enclosures'> & {
  sections: Record<string, string>;
  enclosures: { title: string; paragraph: string; body: string; removeFile: string }[];
};

export function paperValues(paper: PaperRecord | null, title: string, people: readonly Person[]): PaperValues {
  const slugs = new Map(people.map((p) => [p.id, p.slug]));
  const enclosures = Array.from({ length: Math.max(ENCLOSURE_ROWS, (paper?.cover.enclosures.length ?? 0) + 1) }, (_, i) => {
    const e = paper?.cover.enclosures[i];
    return { title: e?.title ?? '', paragraph: e?.exemptParagraph ? String(e.exemptParagraph) : '', body: e?.body ?? '', removeFile: '' };
  });
  return {
    title: paper?.cover.title ?? title,
    reportOf: paper?.cover.reportOf ?? '',
    wards: paper?.cover.wards ?? 'All',
    status: paper?.cover.status ?? 'public',
    exemptParagraph: paper?.cover.exemptParagraph ? String(paper.cover.exemptParagraph) : '',
    urgent: paper ? (paper.cover.urgent ? 'yes' : 'no') : 'no',
    key: paper?.cover.key ?? 'non-key',
    contacts: Array.from({ length: CONTACT_ROWS }, (_, i) => slugs.get(paper?.cover.contactIds[i] ?? -1) ?? ''),
    enclosures,
    sections: { ...(paper?.sections ?? {}) },
    recommendations: (paper?.recommendations ?? []).map((r, i) => `${i + 1}. ${r}`).join('\n'),
    reason: '',
    removeBodyFile: '',
  };
}

const paragraphChoices = (selected: string, publicText: string) => [
  { value: '', text: publicText, selected: selected === '' },
  ...Object.entries(SCHEDULE_12A_PARAGRAPHS).map(([n, text]) => ({ value: n, text: `Exempt: paragraph ${n} (${text.length > 60 ? `${text.slice(0, 57)}…` : text})`, selected: selected === n })),
];

export function buildPaperFormView(
  form: { meeting: MeetingView; number: string; item: { id: number; title: string; toFollow: boolean }; paper: PaperRecord | null; headings: NumberedHeading[]; officers: Person[]; clearances: ClearanceRecord[]; locked: boolean },
  values: PaperValues,
  errors: FieldErrors = {},
  clearance: { values: { role: string; name: string; date: DateParts }; errors: FieldErrors } = { values: { role: '', name: '', date: partsOf(null) }, errors: {} },
  notice: string | null = null,
  /** Whether files were chosen on the form being shown again (a browser cannot keep them: they are chosen again). */
  uploaded = false,
) {
  const m = form.meeting;
  const officers = form.officers.filter((p) => p.kind === 'officer');
  const hrefs: Record<string, string> = { status: '#status', urgent: '#urgent', key: '#key', contact1: '#contact1', bodyFile: '#bodyFile' };
  for (const h of form.headings) hrefs[`section-${h.field}`] = `#section-${h.field.replace('.', '-')}`;
  for (let i = 1; i <= values.enclosures.length; i++) {
    hrefs[`enclosure${i}Title`] = `#enclosure${i}Title`;
    hrefs[`enclosure${i}Paragraph`] = `#enclosure${i}Paragraph`;
    hrefs[`enclosure${i}Body`] = `#enclosure${i}Body`;
    hrefs[`enclosure${i}File`] = `#enclosure${i}File`;
  }
  const clearanceErrors = errorView(clearance.errors, { role: '#role', name: '#clearanceName', date: '#clearanceDate-day' });
  return {
    pageTitle: `Item ${form.number}: ${form.paper ? 'change the paper' : 'write the paper'}`,
    caption: caption(m),
    backHref: agendaAdminPath(m.id),
    action: paperAdminPath(m.id, form.item.id),
    clearanceAction: clearanceAdminPath(m.id, form.item.id),
    publicHref: form.paper ? meetingPaperPath(m.id, form.paper.id) : null,
    locked: form.locked,
    notice,
    // The form posts files: multipart, its CSRF token in the action (src/web/auth/plugin.ts).
    multipart: true,
    uploadedAgain: uploaded && Object.keys(errors).length > 0,
    maxFileMb: MAX_PAPER_FILE_MB,
    bodyFile: form.paper?.file ? { text: `${form.paper.file.filename} (${fileDescription(form.paper.file)})`, removeChecked: values.removeBodyFile === 'yes' } : null,
    values,
    ...errorView(errors, hrefs),
    statuses: PAPER_STATUSES.map((s) => ({ value: s, text: PAPER_STATUS_LABELS[s], checked: values.status === s })),
    paragraphs: paragraphChoices(values.exemptParagraph, 'Not exempt'),
    urgentItems: [
      { value: 'yes', text: 'Yes', checked: values.urgent === 'yes' },
      { value: 'no', text: 'No', checked: values.urgent === 'no' },
    ],
    keyItems: [
      { value: 'key', text: 'Key decision', checked: values.key === 'key' },
      { value: 'non-key', text: 'Non-key', checked: values.key === 'non-key' },
    ],
    contacts: values.contacts.map((slug, i) => ({
      id: `contact${i + 1}`,
      label: i === 0 ? 'Officer contact' : `Officer contact ${i + 1} (optional)`,
      items: [{ value: '', text: 'None', selected: slug === '' }, ...officers.map((p) => ({ value: p.slug, text: [p.name, p.jobTitle].filter(Boolean).join(', '), selected: p.slug === slug }))],
    })),
    enclosures: values.enclosures.map((e, i) => {
      const file = form.paper?.cover.enclosures[i]?.file ?? null;
      return { n: i + 1, title: e.title, body: e.body, paragraphs: paragraphChoices(e.paragraph, 'Public'), file: file ? { text: `${file.filename} (${fileDescription(file)})`, removeChecked: e.removeFile === 'yes' } : null };
    }),
    // In the template's order: the recommendations (a list) wherever the council's template places them.
    sections: form.headings.map((h) =>
      h.field === 'recommendations'
        ? { recommendations: true, label: [h.number, h.title].filter(Boolean).join(' ') }
        : { recommendations: false, id: `section-${h.field.replace('.', '-')}`, name: `section-${h.field}`, label: [h.number, h.title].filter(Boolean).join(' '), level: h.level, value: values.sections[h.field] ?? '', error: errors[`section-${h.field}`] ? { text: errors[`section-${h.field}`]! } : undefined },
    ),
    clearance: {
      rows: CLEARANCE_ROLES.map((r) => {
        const c = form.clearances.find((x) => x.role === r);
        return [{ text: CLEARANCE_ROLE_LABELS[r] }, { text: c ? c.name : 'Not recorded' }, { text: c ? formatDate(c.clearedOn) : '' }];
      }),
      roles: [{ value: '', text: 'Select', selected: clearance.values.role === '' }, ...CLEARANCE_ROLES.map((r) => ({ value: r, text: CLEARANCE_ROLE_LABELS[r], selected: clearance.values.role === r }))],
      values: clearance.values,
      dateItems: [
        { name: 'day', label: 'Day', value: clearance.values.date.day, classes: `govuk-input--width-2${clearanceErrors.errors.date ? ' govuk-input--error' : ''}` },
        { name: 'month', label: 'Month', value: clearance.values.date.month, classes: `govuk-input--width-2${clearanceErrors.errors.date ? ' govuk-input--error' : ''}` },
        { name: 'year', label: 'Year', value: clearance.values.date.year, classes: `govuk-input--width-4${clearanceErrors.errors.date ? ' govuk-input--error' : ''}` },
      ],
      ...clearanceErrors,
      available: form.paper !== null,
    },
  };
}

// Everyone: the order of business on the meeting page

export function buildPublicAgendaView(meetingId: number, agenda: PublicAgenda | null) {
  if (!agenda) return null;
  return {
    motion: agenda.motion,
    packHref: `${meetingPath(meetingId)}/agenda-pack`,
    rows: agenda.lines.map((l) => ({
      number: l.number,
      title: l.title,
      href: l.paperId !== null ? meetingPaperPath(meetingId, l.paperId) : null,
      toFollow: l.toFollow,
      exempt: l.part === 'exempt',
    })),
  };
}

// Everyone: a paper

export function buildPaperPageView(v: PaperView) {
  const m = v.meeting;
  const c = v.cover;
  return {
    pageTitle: c.title,
    caption: `${caption(m)}, item ${v.itemNumber}`,
    backHref: meetingPath(m.id),
    draft: !v.published,
    placeholder: v.placeholder,
    entitled: v.entitlement !== null && (c.status === 'exempt' || c.enclosures.some((e) => e.exemptParagraph !== null)),
    cover: [
      { key: { text: 'Meeting' }, value: { text: `${m.committeeName}, ${formatLongDate(m.date)} at ${formatStartTime(m.startTime)}` } },
      { key: { text: 'Title' }, value: { text: c.title } },
      { key: { text: 'Report of' }, value: { text: c.reportOf } },
      { key: { text: 'Wards' }, value: { text: c.wards } },
      { key: { text: 'Status' }, value: { text: statusText(c) } },
      { key: { text: 'Urgent' }, value: { text: c.urgent ? 'Yes' : 'No' } },
      { key: { text: 'Key' }, value: { text: c.key === 'key' ? 'Key decision' : 'Non-key' } },
      { key: { text: 'Enclosures' }, value: { text: c.enclosures.length ? c.enclosures.map((e) => e.title).join('; ') : 'None' } },
      { key: { text: 'Officer contact details' }, value: { text: v.contacts.map((p) => [displayName(p), p.jobTitle, p.email, p.phone].filter(Boolean).join(', ')).join('; ') || 'None' } },
    ],
    recommendations: v.recommendations,
    headings: v.headings.map((h) => ({ heading: [h.number, h.title].filter(Boolean).join(' '), level: h.level, paragraphs: h.text ? h.text.split(/\n{2,}/) : [] })),
    file: v.file ? fileLink(v.file, meetingPaperFilePath(m.id, v.paper.id), 'the paper') : null,
    document: v.document ? documentView(v.document, 'paper') : null,
    enclosures: v.enclosures.map((e, i) => ({
      title: e.title,
      placeholder: e.placeholder,
      paragraphs: e.body ? e.body.split(/\n{2,}/) : [],
      file: e.file ? fileLink(e.file, meetingPaperEnclosureFilePath(m.id, v.paper.id, i + 1), e.title) : null,
      document: e.document ? documentView(e.document, `enclosure-${i + 1}`) : null,
    })),
  };
}

/** A link to an uploaded file that says what it is: "Download the paper (PDF, 245 KB, 12 pages)". */
function fileLink(file: PaperFile, href: string, what: string) {
  return { href, text: `${file.kind === 'pdf' ? 'Read' : 'Download'} ${what}`, description: fileDescription(file) };
}

type RunView = { text: string; bold: boolean; italic: boolean };
const runView = (r: Run): RunView => (typeof r === 'string' ? { text: r, bold: false, italic: false } : { text: r.text, bold: r.bold === true, italic: r.italic === true });

/**
 * A Word paper's blocks (the neutral document model) for the page: headings one level under the page's
 * own (the paper's title is its h1), paragraphs with bold and italic, lists, tables with header cells.
 * Ids are prefixed so that two documents on one page never share one. What the page cannot show (a chart,
 * a page break) is left out: a Word document read by src/documents/docxReader.ts has none.
 */
export function documentView(blocks: readonly Block[], prefix: string) {
  const out: unknown[] = [];
  for (const b of blocks) {
    if (b.kind === 'heading') out.push({ kind: 'heading', tag: `h${b.level + 1}`, classes: b.level === 1 ? 'govuk-heading-m' : 'govuk-heading-s', text: b.text, id: `${prefix}-${b.id}` });
    else if (b.kind === 'paragraph') out.push({ kind: 'paragraph', runs: b.runs.map(runView) });
    else if (b.kind === 'list') out.push({ kind: 'list', ordered: b.ordered === true, items: b.items.map((runs) => runs.map(runView)) });
    else if (b.kind === 'table')
      out.push({
        kind: 'table',
        caption: b.caption,
        header: b.header.map((row) => row.map((c) => ({ text: c.text, colspan: c.colSpan ?? 1, rowspan: c.rowSpan ?? 1 }))),
        rows: b.rows.map((row) => row.map((c) => ({ text: c.text, colspan: c.colSpan ?? 1, rowspan: c.rowSpan ?? 1 }))),
      });
  }
  return out;
}

// Everyone: the placeholder instead of an exempt file

export function buildRestrictedFileView(r: RestrictedFile, meetingId: number, paperId: number) {
  return {
    pageTitle: r.title,
    caption: `${caption(r.meeting)}, item ${r.itemNumber}`,
    backHref: meetingPaperPath(meetingId, paperId),
    backText: `Back to ${r.paperTitle}`,
    placeholder: r.placeholder,
  };
}

// Administrators: which account a person is

export function buildAccountLinkView(person: Person, links: AccountLink[], errors: FieldErrors = {}) {
  const current = links.find((l) => l.personId === person.id);
  return {
    pageTitle: `User account of ${person.name}`,
    backHref: personAdminPath(person.slug),
    action: personAccountAdminPath(person.slug),
    current: current ? `${current.name} (${current.email})` : null,
    accounts: [{ value: '', text: 'No account', selected: !current }, ...links.map((l) => ({ value: String(l.userId), text: `${l.name} (${l.email})${l.personId !== null && l.personId !== person.id ? ' – linked to someone else' : ''}`, selected: current?.userId === l.userId }))],
    ...errorView(errors, { user: '#user' }),
  };
}
