/**
 * A committee's forward work programme as a document (issue 11, deliver 7), laid out as the Barnet
 * programmes print it: the title and the months it spans, the governance contact, then for each meeting
 * (and each later month, and what is to be scheduled) a table — title of report, overview of decision,
 * report of (officer), issue type (non-key / key / urgent). Standing items say so. Lays out the
 * `WorkProgrammeView` only; computes nothing.
 */
import { heading, para, small, tableCounter, th } from '../documents/blocks.ts';
import type { Block, Cell, ReportDocument } from '../documents/model.ts';
import { issueTypeLabel, type ProgrammeItem } from '../domain/workProgramme.ts';
import { formatDate } from '../domain/workingDays.ts';
import type { WorkProgrammeView } from '../services/workProgrammeService.ts';
import type { ReportMeta } from './kind.ts';

const HEADER: Cell[] = [th('Title of report'), th('Overview of decision'), th('Report of (officer)'), th('Issue type (non-key / key / urgent)')];

function row(item: ProgrammeItem): Cell[] {
  const title: Cell = { text: item.title, ...(item.source === 'standing' ? { detail: 'Standing item' } : {}) };
  const reportOf: Cell = { text: item.reportOf, ...(item.contributors ? { detail: `Contributing: ${item.contributors}` } : {}) };
  return [title, { text: item.overview }, reportOf, { text: issueTypeLabel(item.issueType) }];
}

/** "Contact: Abigail Lewis 020 8359 4369 abigail.lewis@barnet.gov.uk", when the committee has a governance contact. */
export function contactLine(view: WorkProgrammeView): string | null {
  const c = view.governanceContact;
  return c ? ['Contact:', c.name, c.phone, c.email].filter(Boolean).join(' ') : null;
}

export function buildWorkProgrammeDocument(view: WorkProgrammeView, meta: ReportMeta = {}): ReportDocument {
  const nextTable = tableCounter();
  const council = view.council ?? '';
  const span = view.programme.span;
  const blocks: Block[] = [heading(1, view.title, 'work-programme')];
  if (span) blocks.push(para({ text: span, bold: true }));
  const contact = contactLine(view);
  if (contact) blocks.push(para(contact));
  if (!view.programme.sections.length) blocks.push(para(`No meetings are arranged from ${formatDate(view.programme.from)}, and nothing is waiting to be scheduled.`));
  for (const section of view.programme.sections) {
    const id = section.meetingId !== null ? `meeting-${section.meetingId}` : section.when ? `month-${section.when}` : 'to-be-scheduled';
    blocks.push(heading(2, section.heading, id));
    if (section.kind === 'month') blocks.push(small('No meeting is arranged in this month yet.'));
    if (!section.items.length) {
      blocks.push(para('No business is planned for this meeting yet.'));
      continue;
    }
    blocks.push({ kind: 'table', id: `table-${nextTable()}`, caption: section.kind === "unscheduled" ? "Reports to be scheduled" : `The business of ${section.heading}`, header: [HEADER], rows: section.items.map(row), widths: [3, 5, 3, 2] });
  }
  const title = span ? `${view.title} ${span}` : view.title;
  return {
    kind: 'work-programme',
    title,
    subtitle: span ?? view.committeeName,
    runningHead: view.title,
    council,
    committee: view.committeeName,
    period: span ?? formatDate(view.programme.from),
    lang: 'en-GB',
    author: meta.author?.trim() || council || view.committeeName,
    subject: `Forward work programme, ${view.committeeName}${span ? `, ${span}` : ''}`,
    keywords: [view.committeeName, 'forward work programme', 'committee'],
    blocks,
  };
}
