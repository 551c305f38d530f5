/**
 * A report paper of an agenda as neutral documents (issue 11 deliver 4, issue 12 deliver 6; ADR 0027):
 * the cover sheet from the form's fields, then the body — the sections written in the browser, a Word
 * upload's blocks of the document model, or the Schedule 12A placeholder — and each enclosure. Rendered by
 * the same renderers as every paper (HTML, tagged PDF, Word). An uploaded PDF is not re-laid out: the
 * agenda pack gets a part whose pages are the PDF's own (`src/reports/pack.ts`, `PackPart.pdf`).
 */
import type { Block, ReportDocument } from '../documents/model.ts';
import { displayName } from '../domain/people.ts';
import { statusText } from '../domain/reportPaper.ts';
import { formatLongDate } from '../domain/workingDays.ts';
import type { PackPaper, PaperPages } from '../services/agendaService.ts';
import type { PackPart } from './pack.ts';

/** A Word document's headings one level under the paper's (its title is the paper's level 1). */
function demoted(blocks: readonly Block[], prefix: string, by: 1 | 2): Block[] {
  return blocks.map((b) => (b.kind === 'heading' ? { ...b, level: Math.min(3, b.level + by) as 2 | 3, id: `${prefix}-${b.id}` } : b.kind === 'table' ? { ...b, id: `${prefix}-${b.id}` } : b));
}

const paragraphs = (text: string): Block[] =>
  text
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => ({ kind: 'paragraph', runs: [p] }));

function meta(p: PackPaper, council: string): Omit<ReportDocument, 'blocks'> {
  const m = p.view.meeting;
  const date = formatLongDate(m.date);
  return {
    kind: 'agenda-paper',
    title: p.title,
    subtitle: `${m.committeeName}, ${date}`,
    runningHead: `${p.title} — item ${p.itemNumber}`,
    council,
    committee: m.committeeName,
    period: date,
    lang: 'en-GB',
    author: council,
    subject: `Item ${p.itemNumber} of the agenda of ${m.committeeName}, ${date}`,
    keywords: ['committee paper', m.committeeName],
  };
}

/** The cover sheet: title, meeting, then the fields as the packs print them. */
function cover(p: PackPaper): Block[] {
  const v = p.view;
  const c = v.cover;
  return [
    { kind: 'heading', level: 1, text: c.title, id: 'title' },
    { kind: 'paragraph', style: 'lead', runs: [{ text: `${v.meeting.committeeName} — ${formatLongDate(v.meeting.date)}, item ${p.itemNumber}`, bold: true }] },
    {
      kind: 'keyValue',
      id: 'cover-sheet',
      caption: 'Report details',
      items: [
        { key: 'Title', value: [c.title] },
        { key: 'Report of', value: [c.reportOf] },
        { key: 'Wards', value: [c.wards] },
        { key: 'Status', value: [statusText(c)] },
        { key: 'Urgent', value: [c.urgent ? 'Yes' : 'No'] },
        { key: 'Key', value: [c.key === 'key' ? 'Key decision' : 'Non-key'] },
        { key: 'Enclosures', value: c.enclosures.length ? c.enclosures.map((e) => e.title) : ['None'] },
        { key: 'Officer Contact Details', value: v.contacts.map((person) => [displayName(person), person.jobTitle, person.email, person.phone && `Tel: ${person.phone}`].filter(Boolean).join(', ')) },
      ],
    },
  ];
}

/** The body as the viewer may see it (PDF pages follow as their own part). */
function body(p: PackPaper): Block[] {
  const pages = p.body;
  if (pages.kind === 'placeholder') return [{ kind: 'paragraph', runs: [pages.text] }, { kind: 'paragraph', runs: ['Document is restricted.'] }];
  if (pages.kind === 'document') return demoted(pages.blocks, 'body', 1);
  if (pages.kind === 'pdf') return [{ kind: 'paragraph', runs: [`The report follows: ${pages.pageCount} page${pages.pageCount === 1 ? '' : 's'}.`] }];
  const out: Block[] = [];
  p.view.headings.forEach((h, i) => {
    if (i === 1 && p.view.recommendations.length) out.push({ kind: 'heading', level: 2, text: 'Recommendations', id: 'recommendations' }, { kind: 'list', ordered: true, items: p.view.recommendations.map((r) => [r]) });
    const text = [h.number, h.title].filter(Boolean).join(' ');
    out.push({ kind: 'heading', level: h.level, text, id: `section-${h.field.replace('.', '-')}` }, ...paragraphs(h.text));
  });
  return out;
}

function enclosureBlocks(title: string, pages: PaperPages, body: string, n: number): Block[] {
  const heading: Block = { kind: 'heading', level: 2, text: title, id: `enclosure-${n}` };
  if (pages.kind === 'placeholder') return [heading, { kind: 'paragraph', runs: [pages.text] }, { kind: 'paragraph', runs: ['Document is restricted.'] }];
  if (pages.kind === 'document') return [heading, ...paragraphs(body), ...demoted(pages.blocks, `enclosure-${n}`, 2)];
  if (pages.kind === 'pdf') return [heading, ...paragraphs(body), { kind: 'paragraph', runs: [`It follows: ${pages.pageCount} page${pages.pageCount === 1 ? '' : 's'}.`] }];
  return [heading, ...paragraphs(body)];
}

/** The whole paper as one document (an uploaded PDF's pages are announced, not included). */
export function agendaPaperDocument(p: PackPaper, council: string): ReportDocument {
  const blocks = [...cover(p), ...body(p)];
  p.enclosures.forEach((e, i) => blocks.push(...enclosureBlocks(e.title, e.pages, p.view.enclosures[i]?.body ?? '', i + 1)));
  return { ...meta(p, council), blocks };
}

/**
 * The paper's parts of the agenda pack, under one item: the cover sheet with the body (or, for a PDF
 * paper, the cover sheet then the PDF's own pages), then each enclosure — an uploaded PDF's own pages, or
 * its text, Word blocks or placeholder.
 */
export function agendaPaperParts(p: PackPaper, council: string, itemKey = p.itemNumber): PackPart[] {
  const m = meta(p, council);
  const bookmark = `${p.itemNumber}. ${p.title}`;
  const parts: PackPart[] = [{ itemKey, bookmark, document: { ...m, blocks: [...cover(p), ...(p.body.kind === 'pdf' ? [] : body(p))] } }];
  if (p.body.kind === 'pdf') parts.push({ itemKey, bookmark: `${bookmark}: the report`, document: { ...m, blocks: [{ kind: 'heading', level: 1, text: p.title, id: 'report' }] }, pdf: { bytes: p.body.bytes, pageCount: p.body.pageCount } });
  p.enclosures.forEach((e, i) => {
    const document = { ...m, title: e.title, blocks: enclosureBlocks(e.title, e.pages, p.view.enclosures[i]?.body ?? '', i + 1).map((b, j) => (j === 0 && b.kind === 'heading' ? { ...b, level: 1 as const } : b)) };
    parts.push(e.pages.kind === 'pdf' ? { itemKey, bookmark: `${bookmark}: ${e.title}`, document: { ...document, blocks: document.blocks.slice(0, 1) }, pdf: { bytes: e.pages.bytes, pageCount: e.pages.pageCount } } : { itemKey, bookmark: `${bookmark}: ${e.title}`, document });
  });
  return parts;
}
