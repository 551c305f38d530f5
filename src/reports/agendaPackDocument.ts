/**
 * The agenda pack's own pages and its written papers as neutral documents (issue 12 deliver 6, ADR 0028):
 * the cover (committee, date with its weekday, time, venue, quorum, the members and substitutes in force
 * on the date, the public-questions deadline with how it was worked out, the governance contact) with the
 * order of business and each item's page range; a report paper written in Townhall (its cover sheet, the
 * council's numbered sections, the recommendations and its appendices); and the page that stands in for
 * exempt information in a pack for those not entitled to it. Lays out what it is given; the ranges come
 * from the rendered papers (src/reports/pack.ts), everything else from the services.
 */
import { heading, para, small, th } from '../documents/blocks.ts';
import type { Block, ReportDocument } from '../documents/model.ts';
import { coverBlocks } from '../documents/paper.ts';
import { formatPageRange, type PackLayout } from '../domain/packLayout.ts';
import { displayName, type Person } from '../domain/people.ts';
import { statusText, type CoverSheet, type NumberedHeading } from '../domain/reportPaper.ts';
import { formatStartTime } from '../domain/meetings.ts';
import { formatDeadline, type Deadline } from '../domain/meetingDeadlines.ts';
import type { MembershipOnDate } from '../domain/membership.ts';
import { formatLongDate, type IsoDate } from '../domain/workingDays.ts';

/** One line of the order of business as the pack prints it. */
export interface PackLine {
  number: string;
  title: string;
  /** The key of the pack's part(s) under it; null when it has no pages (an "(If any)" item, the motion). */
  partKey: string | null;
  /** Printed in place of a page range: "To follow". */
  note: string | null;
}

export interface PackCover {
  council: string;
  committeeName: string;
  date: IsoDate;
  startTime: string;
  venue: string;
  quorum: number | null;
  membership: MembershipOnDate<Person>;
  publicQuestions: Deadline | null;
  governanceContact: Person | null;
  lines: PackLine[];
  /** The words of the motion to exclude the press and public, when there is an exempt part. */
  motion: string | null;
  /** Whether the pack carries exempt information (a full pack for someone entitled to it). */
  full: boolean;
  /** A supplementary pack: the papers published after the agenda, listed with their numbers on it. */
  supplementary: boolean;
}

const names = (people: readonly Person[]) => people.map((p) => displayName(p)).join(', ');

/** The file's facts: title, running head, footer. */
export function packMeta(cover: PackCover): Omit<ReportDocument, 'blocks'> {
  const when = formatLongDate(cover.date);
  const title = `${cover.committeeName}, ${when}: ${cover.supplementary ? 'supplementary agenda pack' : 'agenda pack'}${cover.full ? ' (including exempt information)' : ''}`;
  return {
    kind: cover.supplementary ? 'supplementary-pack' : 'agenda-pack',
    title,
    subtitle: when,
    runningHead: `${cover.committeeName} — ${when}${cover.full ? ' — NOT FOR PUBLICATION: contains exempt information' : ''}`,
    council: cover.council,
    committee: cover.committeeName,
    period: when,
    lang: 'en-GB',
    author: cover.council || cover.committeeName,
    subject: `Agenda and papers of the ${cover.committeeName}, ${when}`,
    keywords: [cover.committeeName, 'agenda', 'committee papers'],
  };
}

/** The cover and order of business, with each item's page range as laid out. */
export function packFront(cover: PackCover, ranges: PackLayout['ranges']): Block[] {
  const m = cover.membership;
  const blocks: Block[] = [
    heading(1, cover.committeeName, 'agenda-cover'),
    ...(cover.supplementary ? [para({ text: 'Supplementary agenda: papers published after the agenda, under their item numbers on it', bold: true })] : []),
    {
      kind: 'keyValue',
      id: 'meeting',
      caption: 'The meeting',
      items: [
        { key: 'Date and time', value: [`${formatLongDate(cover.date)} at ${formatStartTime(cover.startTime)}`] },
        { key: 'Venue', value: [cover.venue] },
        { key: 'To', value: [`Members of the ${cover.committeeName}${cover.quorum !== null ? ` (quorum ${cover.quorum})` : ''}`] },
      ],
    },
  ];
  const membership = [
    ...(m.chairman.length ? [{ key: 'Chairman', value: [names(m.chairman)] }] : []),
    ...(m.viceChairman.length ? [{ key: 'Vice-Chairman', value: [names(m.viceChairman)] }] : []),
    { key: 'Councillors', value: m.members.length ? m.members.map((p) => displayName(p)) : ['None in force on this date'] },
    { key: 'Substitute members', value: m.substitutes.length ? m.substitutes.map((p) => displayName(p)) : ['None'] },
  ];
  blocks.push({ kind: 'keyValue', id: 'membership', caption: `Membership on ${formatLongDate(cover.date)}`, items: membership });
  if (cover.publicQuestions) {
    blocks.push(para(`Requests to submit public questions or comments must be submitted by ${formatDeadline(cover.publicQuestions)}.`));
    blocks.push(small(cover.publicQuestions.reason));
  }
  if (cover.governanceContact) {
    const c = cover.governanceContact;
    blocks.push(para(['Governance Services contact:', c.name, c.email, c.phone].filter(Boolean).join(' ')));
  }
  if (cover.full) blocks.push(para({ text: 'This pack contains exempt information that is not for publication. Do not pass it on.', bold: true }));
  blocks.push(heading(2, cover.supplementary ? 'Papers in this supplement' : 'Order of business', 'order-of-business'));
  blocks.push({
    kind: 'table',
    id: 'order-of-business-table',
    caption: 'Order of business',
    header: [[th('Item No'), th('Title of Report'), th('Pages')]],
    rows: cover.lines.map((l) => {
      const range = l.partKey !== null ? ranges.get(l.partKey) : undefined;
      return [{ text: `${l.number}.` }, { text: l.title }, { text: range ? formatPageRange(range) : (l.note ?? '') }];
    }),
    widths: [1, 8, 2],
  });
  if (cover.motion) blocks.push(para({ text: 'Motion to exclude the press and public: ', bold: true }, { text: cover.motion }));
  return blocks;
}

/** A report paper written in Townhall, as its viewer may see it: cover sheet, numbered sections, recommendations, appendices. */
export interface WrittenPaper {
  itemNumber: string;
  committeeName: string;
  meetingDate: IsoDate;
  cover: CoverSheet;
  contacts: Person[];
  headings: (NumberedHeading & { text: string })[];
  recommendations: string[];
  /** The exempt paper's placeholder, when the viewer sees it instead of the paper. */
  placeholder: string | null;
  enclosures: { title: string; body: string; placeholder: string | null }[];
}

const paragraphs = (text: string): Block[] =>
  text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => para(p));

export function writtenPaperDocument(paper: WrittenPaper, meta: Omit<ReportDocument, 'blocks' | 'kind'>): ReportDocument {
  const cover = paper.cover;
  const blocks: Block[] = coverBlocks(
    cover.title,
    paper.committeeName,
    {
      meetingDate: formatLongDate(paper.meetingDate),
      reportOf: cover.reportOf,
      wards: cover.wards,
      status: statusText(cover),
      urgent: cover.urgent,
      keyDecision: cover.key === 'key',
      officerContacts: paper.contacts.map((p) => ({ name: p.name, ...(p.jobTitle ? { role: p.jobTitle } : {}), ...(p.email ? { email: p.email } : {}), ...(p.phone ? { phone: p.phone } : {}) })),
    },
    cover.enclosures.length ? cover.enclosures.map((e) => e.title) : ['None'],
  );
  if (paper.placeholder) {
    blocks.push(para({ text: paper.placeholder, bold: true }));
  } else {
    for (const h of paper.headings) {
      if (!h.text.trim()) continue;
      blocks.push(heading(h.level, h.number ? `${h.number} ${h.title}` : h.title));
      blocks.push(...paragraphs(h.text));
    }
    if (paper.recommendations.length) {
      blocks.push(heading(2, 'Recommendations', 'recommendations'));
      blocks.push({ kind: 'list', ordered: true, items: paper.recommendations.map((r) => [{ text: r }]) });
    }
  }
  for (const e of paper.enclosures) {
    blocks.push({ kind: 'pageBreak' });
    blocks.push(heading(2, e.title));
    blocks.push(...(e.placeholder ? [para({ text: e.placeholder, bold: true })] : paragraphs(e.body)));
  }
  return { ...meta, kind: 'report-paper', title: cover.title, blocks };
}

/** The page standing in for an exempt paper in a pack for someone not entitled to it. */
export function exemptPlaceholderDocument(itemNumber: string, title: string, placeholder: string, meta: Omit<ReportDocument, 'blocks' | 'kind'>): ReportDocument {
  return {
    ...meta,
    kind: 'exempt-placeholder',
    title,
    blocks: [heading(1, `${itemNumber}. ${title}`), para({ text: 'Document is Restricted', bold: true }), para(placeholder)],
  };
}
