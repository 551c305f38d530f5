/**
 * Minutes of a meeting as a neutral document (issue 12 deliver 5), laid out as the council prints its
 * decisions (the minutes of 12 June 2018 in ../shared/seeds/002…): title and date, members present (roles,
 * substitutes "in place of"), apologies, others in attendance, then each agenda item in order with its
 * discussion, declarations, motions with mover, seconder and votes, numbered resolutions, actions, and the
 * time the meeting finished. Everything computed is computed here from the model: the weekday, the
 * motion's result from its votes, "unanimously" only when it was, the resolutions' numbers. A draft says
 * so on every page; exempt items reach this builder already replaced by their placeholder when the reader
 * is not entitled (the service decides). Pure.
 */
import { heading, para, th } from '../documents/blocks.ts';
import type { Block, ReportDocument } from '../documents/model.ts';
import { markDraft } from '../documents/paper.ts';
import { INTEREST_TYPE_LABELS, type InterestType } from '../domain/declarations.ts';
import { formatStartTime } from '../domain/meetings.ts';
import { numberResolutions, type ResolutionNode } from '../domain/resolutions.ts';
import { voteOutcome, type CastingVote, type VoteCounts } from '../domain/votes.ts';
import { formatDate, formatLongDate, type IsoDate } from '../domain/workingDays.ts';

export interface MinutesMotion {
  text: string;
  mover: string;
  seconder: string | null;
  amendments: string[];
  counts: VoteCounts | null;
  castingVote: CastingVote;
  /** Named votes, when the vote was recorded by name. */
  named?: { for: string[]; against: string[]; abstain: string[] };
}

export interface MinutesItem {
  /** "1", "6", "9". */
  number: string;
  title: string;
  /** The placeholder printed instead of the item's minutes when the reader may not see them. */
  exemptPlaceholder?: string;
  discussion: string[];
  motions: MinutesMotion[];
  resolutions: ResolutionNode[];
  /** A resolution agreed by every voting member present without a vote ("unanimously agreed"). */
  resolvedUnanimously?: boolean;
  actions: { text: string; owner: string | null; target: string | null }[];
  /** What the minutes say when the item had no business: "None." */
  none?: boolean;
}

export interface MinutesModel {
  council: string;
  committee: string;
  date: IsoDate;
  startTime: string;
  venue: string;
  /** "20:28"; null when not recorded. */
  finishedAt: string | null;
  status: 'draft' | 'agreed';
  /** When agreed: the meeting that agreed them as the correct record. */
  agreedAt?: { date: IsoDate };
  present: { name: string; role: string | null; inPlaceOf: string | null }[];
  apologies: string[];
  absent: string[];
  othersInAttendance: { name: string; jobTitle: string | null }[];
  declarations: { member: string; item: string; type: InterestType; detail: string; withdrew: boolean }[];
  items: MinutesItem[];
  votingPresent: number;
}

function motionBlocks(motion: MinutesMotion, votingPresent: number): Block[] {
  const out: Block[] = [para(`${motion.mover} moved: ${motion.text}`, motion.seconder ? ` The motion was seconded by ${motion.seconder}.` : ' The motion was not seconded.')];
  for (const amendment of motion.amendments) out.push(para(`Amendment: ${amendment}`));
  if (!motion.counts) return out;
  const outcome = voteOutcome(motion.counts, motion.castingVote, votingPresent);
  const rows = [
    [th('For'), { text: String(motion.counts.for), align: 'right' as const }, { text: motion.named?.for.join(', ') ?? '' }],
    [th('Against'), { text: String(motion.counts.against), align: 'right' as const }, { text: motion.named?.against.join(', ') ?? '' }],
    [th('Abstain'), { text: String(motion.counts.abstain), align: 'right' as const }, { text: motion.named?.abstain.join(', ') ?? '' }],
  ];
  out.push({ kind: 'table', id: `votes-${slugOf(motion.text)}`, caption: 'Votes on the motion', header: [[th('Vote'), th('Number', { align: 'right' }), th('Members (a recorded vote)')]], rows, widths: [20, 15, 65] });
  const result = outcome.decidedByCastingVote
    ? `The votes being equal, the Chairman gave a casting vote ${motion.castingVote}, and the motion was therefore ${outcome.result}.`
    : `The motion was therefore ${outcome.result}${outcome.unanimous ? ' unanimously' : ''}.`;
  out.push(para({ text: result, bold: true }));
  return out;
}

function slugOf(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 40);
}

function resolutionBlocks(item: MinutesItem): Block[] {
  if (item.resolutions.length === 0) return [];
  const numbered = numberResolutions(item.resolutions);
  const out: Block[] = [];
  if (item.resolvedUnanimously) out.push(para('The Committee unanimously agreed the recommendations.'));
  if (numbered.length === 1 && numbered[0]!.label === '') {
    out.push(para({ text: `RESOLVED: ${numbered[0]!.text}`, bold: true }));
    return out;
  }
  out.push(para({ text: 'RESOLVED that:', bold: true }));
  for (const r of numbered) out.push({ kind: 'paragraph', runs: [`${r.label} `, { text: r.text, bold: true }], indent: Math.min(3, r.depth + 1) as 1 | 2 | 3 });
  return out;
}

function itemBlocks(item: MinutesItem, model: MinutesModel): Block[] {
  const out: Block[] = [heading(2, `${item.number}. ${item.title.toUpperCase()}`, `item-${item.number}`)];
  if (item.exemptPlaceholder) return [...out, para(item.exemptPlaceholder)];
  if (item.none) out.push(para('None.'));
  for (const p of item.discussion) out.push(para(p));
  for (const motion of item.motions) out.push(...motionBlocks(motion, model.votingPresent));
  out.push(...resolutionBlocks(item));
  if (item.actions.length) {
    out.push({
      kind: 'table',
      id: `actions-${item.number}`,
      caption: `Actions from item ${item.number}`,
      header: [[th('Action'), th('Owner'), th('To report to')]],
      rows: item.actions.map((a) => [{ text: a.text }, { text: a.owner ?? 'Not yet named' }, { text: a.target ?? 'A future meeting' }]),
      widths: [60, 20, 20],
    });
  }
  return out;
}

/** The minutes as a neutral document; a draft carries "DRAFT" on every page. */
export function minutesDocument(model: MinutesModel): ReportDocument {
  const title = `Decisions of the ${model.committee}`;
  const when = `${formatLongDate(model.date)}, ${formatStartTime(model.startTime)}, ${model.venue}`;
  const blocks: Block[] = [heading(1, title, 'minutes'), { kind: 'paragraph', style: 'lead', runs: [when] }];
  if (model.status === 'agreed' && model.agreedAt) blocks.push(para(`Agreed as the correct record at the meeting of ${formatDate(model.agreedAt.date)}.`));
  blocks.push(heading(2, 'Members present', 'present'));
  blocks.push({
    kind: 'list',
    items: model.present.map((p) => [`${p.name}${p.role ? ` (${p.role})` : ''}${p.inPlaceOf ? `, in place of ${p.inPlaceOf}` : ''}`]),
  });
  blocks.push(heading(2, 'Apologies for absence', 'apologies'), para(model.apologies.length ? model.apologies.join(', ') : 'None.'));
  if (model.absent.length) blocks.push(heading(2, 'Absent', 'absent'), para(model.absent.join(', ')));
  if (model.othersInAttendance.length) {
    blocks.push(heading(2, 'Also in attendance', 'others'), { kind: 'list', items: model.othersInAttendance.map((o) => [`${o.name}${o.jobTitle ? `, ${o.jobTitle}` : ''}`]) });
  }
  if (model.declarations.length) {
    blocks.push(heading(2, 'Declarations of interest', 'declarations'), {
      kind: 'table',
      id: 'declarations-table',
      caption: 'Declarations of interest',
      header: [[th('Member'), th('Agenda item'), th('Interest'), th('Detail'), th('Withdrew')]],
      rows: model.declarations.map((d) => [{ text: d.member }, { text: d.item }, { text: INTEREST_TYPE_LABELS[d.type] }, { text: d.detail }, { text: d.withdrew ? 'Yes' : 'No' }]),
      widths: [20, 20, 20, 30, 10],
    });
  }
  for (const item of model.items) blocks.push(...itemBlocks(item, model));
  if (model.finishedAt) blocks.push(para(`The meeting finished at ${formatStartTime(model.finishedAt)}.`));
  const doc: ReportDocument = {
    kind: 'minutes',
    title: `${title}, ${formatDate(model.date)}`,
    subtitle: `${model.committee}, ${formatDate(model.date)}`,
    runningHead: `Minutes: ${model.committee}, ${formatDate(model.date)}`,
    council: model.council,
    committee: model.committee,
    period: formatDate(model.date),
    lang: 'en-GB',
    author: model.council,
    subject: `Minutes of the ${model.committee}`,
    keywords: ['minutes', 'decisions', model.committee],
    blocks,
  };
  return model.status === 'draft' ? markDraft(doc, 'these minutes are to be agreed as the correct record at the next meeting.') : doc;
}
