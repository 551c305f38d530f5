/**
 * Agendas (DOMAIN.md §9; issue 11, deliver 3; ADR 0020): a meeting's order of business, made from the
 * committee's template of standard items with the reports in between, numbered by the system as the
 * packs print it ("1.", "2.", …), a public part then — when any item is exempt — the motion to exclude the
 * press and public and the exempt part. "(If any)" items have no papers; a report may be "to follow".
 * Pure.
 */

export const AGENDA_ITEM_KINDS = [
  'minutes',
  'absence',
  'declarations',
  'monitoring-officer',
  'public-questions',
  'members-items',
  'member-item',
  'standing',
  'report',
  'work-programme',
  'urgent',
] as const;
export type AgendaItemKind = (typeof AGENDA_ITEM_KINDS)[number];

export const AGENDA_ITEM_KIND_LABELS: Record<AgendaItemKind, string> = {
  minutes: 'Minutes of the last meeting',
  absence: 'Absence of members',
  declarations: 'Declarations of interests',
  'monitoring-officer': 'Report of the Monitoring Officer',
  'public-questions': 'Public comments and questions',
  'members-items': 'Members’ items',
  'member-item': 'Member’s item',
  standing: 'Standing item',
  report: 'Report',
  'work-programme': 'Forward work programme',
  urgent: 'Urgent business',
};

export function isAgendaItemKind(value: unknown): value is AgendaItemKind {
  return typeof value === 'string' && (AGENDA_ITEM_KINDS as readonly string[]).includes(value);
}

/** The public part, or the part from which the press and public are excluded. */
export type AgendaPart = 'public' | 'exempt';

/** One standard item of a committee's template. */
export interface TemplateItem {
  kind: AgendaItemKind;
  /** As printed, without "(If any)": "Minutes of last meeting". `{committee}` stands for the committee's name on the meeting date. */
  title: string;
  /** Printed "(If any)": the item may have nothing under it and has no paper of its own. */
  ifAny: boolean;
}

/** Where the reports go: after the opening standard items, before the work programme and urgent business. */
export const CLOSING_KINDS: readonly AgendaItemKind[] = ['work-programme', 'urgent'];

/**
 * The standard items as the London Borough of Barnet's packs print them (seeds 002 and 004), shipped as
 * every committee's template until a committee is given its own.
 */
export const DEFAULT_AGENDA_TEMPLATE: readonly TemplateItem[] = Object.freeze([
  { kind: 'minutes', title: 'Minutes of last meeting', ifAny: false },
  { kind: 'absence', title: 'Absence of Members', ifAny: true },
  { kind: 'declarations', title: "Declaration of Members' Disclosable Pecuniary interests and Non Pecuniary interests", ifAny: true },
  { kind: 'monitoring-officer', title: 'Report of the Monitoring Officer', ifAny: true },
  { kind: 'public-questions', title: 'Public Comments and Questions', ifAny: true },
  { kind: 'members-items', title: "Members' Items", ifAny: true },
  { kind: 'work-programme', title: '{committee} Forward Work Programme', ifAny: false },
  { kind: 'urgent', title: 'Any item(s) the Chairman decides are urgent', ifAny: false },
]);

/**
 * Problems with a committee's template of standard items, in order; empty when it is usable: at least one
 * item; each titled; reports are not standard items; each kind once (standing items aside); urgent
 * business, when there is any, last.
 */
export function agendaTemplateProblems(items: readonly TemplateItem[]): string[] {
  const problems: string[] = [];
  if (!items.length) problems.push('The template needs at least one standard item');
  items.forEach((item, i) => {
    if (!isAgendaItemKind(item.kind) || item.kind === 'report') problems.push(`Item ${i + 1}: reports are not standard items`);
    if (!item.title.trim()) problems.push(`Item ${i + 1} needs a title`);
    else if (item.title.length > 500) problems.push(`Item ${i + 1}: its title must be 500 characters or fewer`);
    if (item.kind !== 'standing' && items.findIndex((x) => x.kind === item.kind) < i) problems.push(`Item ${i + 1}: the template already has “${AGENDA_ITEM_KIND_LABELS[item.kind]}”`);
    if (item.kind === 'urgent' && i !== items.length - 1) problems.push(`Item ${i + 1}: urgent business must come last`);
  });
  return problems;
}

/** The title of the motion the system places before an exempt part. */
export const EXCLUSION_MOTION_TITLE = 'Motion to exclude the press and public';

/**
 * The words of the motion: the press and public are excluded for the exempt items "by virtue of
 * paragraph(s) N of Part 1 of Schedule 12A of the Local Government Act 1972".
 */
export function exclusionMotion(paragraphs: readonly number[]): string {
  const list = [...new Set(paragraphs)].sort((a, b) => a - b);
  return `That under Section 100A(4) of the Local Government Act 1972 the public be excluded from the meeting for the following item(s) of business on the grounds that they involve the likely disclosure of exempt information as defined in ${paragraphsText(list)} of Part 1 of Schedule 12A of the Act.`;
}

function paragraphsText(list: readonly number[]): string {
  if (list.length === 0) return 'Part 1';
  if (list.length === 1) return `paragraph ${list[0]}`;
  return `paragraphs ${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;
}

/** An item as stored: its place in the order is `position` (the numbers are never stored). */
export interface AgendaItem {
  id: number;
  position: number;
  kind: AgendaItemKind;
  title: string;
  ifAny: boolean;
  part: AgendaPart;
  /** A paper is due but not yet published with the agenda: the order of business prints "To follow". */
  toFollow: boolean;
  /** The paper under the item, if it has one (a member's item may gain one later). */
  paperId: number | null;
  /** The Schedule 12A paragraph (1–7) that makes an exempt item's paper exempt. */
  exemptParagraph: number | null;
  /** Where in the forward work programme the item came from, when the agenda was started from it. */
  programme?: ProgrammeSource | null;
}

/** A work programme row an agenda item came from: an entry, or a rule's standing item (for a period). */
export type ProgrammeSource = { source: 'entry'; entryId: number } | { source: 'standing'; ruleId: number; period: string | null };

/** A line of the order of business, numbered. */
export interface AgendaLine<I extends AgendaItem = AgendaItem> {
  /** "7" — the number the system gives it. */
  number: string;
  /** As printed: "Absence of Members (If any)". */
  title: string;
  /** The item, or null for the motion the system adds before the exempt part. */
  item: I | null;
  part: AgendaPart;
}

/** The title as printed: `{committee}` filled in, "(If any)" added. */
export function printedTitle(item: Pick<AgendaItem, 'title' | 'ifAny'>, committeeName: string): string {
  const title = item.title.replace(/\{committee\}/g, committeeName);
  return item.ifAny ? `${title} (If any)` : title;
}

/** The items in their order: the public part, then the exempt part, each by position. */
export function inOrder<I extends AgendaItem>(items: readonly I[]): I[] {
  const rank = (i: I) => (i.part === 'public' ? 0 : 1);
  return [...items].sort((a, b) => rank(a) - rank(b) || a.position - b.position || a.id - b.id);
}

/**
 * The order of business: every item numbered from 1 in order; when there is an exempt part, the motion to
 * exclude the press and public is numbered before it. A member's item accepted for the agenda
 * (`member-item`, ADR 0025) is a sub-item of the "Members' items" standard item, numbered under it
 * ("6.1", "6.2") in the order of its position; were that item taken off, they stand as items of their own
 * at the end of the public part.
 */
export function orderOfBusiness<I extends AgendaItem>(items: readonly I[], committeeName: string): AgendaLine<I>[] {
  const subs = items.filter((i) => i.kind === 'member-item').sort((a, b) => a.position - b.position || a.id - b.id);
  const ordered = inOrder(items.filter((i) => i.kind !== 'member-item'));
  const lines: AgendaLine<I>[] = [];
  let n = 0;
  let motion = false;
  let placed = subs.length === 0;
  const place = (under: string | null) => {
    subs.forEach((s, k) => lines.push({ number: under === null ? String(++n) : `${under}.${k + 1}`, title: printedTitle(s, committeeName), item: s, part: 'public' }));
    placed = true;
  };
  for (const item of ordered) {
    if (item.part === 'exempt' && !motion) {
      if (!placed) place(null);
      motion = true;
      lines.push({ number: String(++n), title: EXCLUSION_MOTION_TITLE, item: null, part: 'exempt' });
    }
    lines.push({ number: String(++n), title: printedTitle(item, committeeName), item, part: item.part });
    if (item.kind === 'members-items' && item.part === 'public' && !placed) place(String(n));
  }
  if (!placed) place(null);
  return lines;
}

/** The item made from a template entry (without id or position). */
export type NewAgendaItem = Omit<AgendaItem, 'id' | 'position'>;

/** The items of a new agenda: the template's, in order, public, none to follow. */
export function itemsFromTemplate(template: readonly TemplateItem[]): NewAgendaItem[] {
  return template.map((t) => ({ kind: t.kind, title: t.title, ifAny: t.ifAny, part: 'public', toFollow: false, paperId: null, exemptParagraph: null }));
}

/** A row of the meeting's forward work programme, as an agenda needs it. */
export type ProgrammeRow = ProgrammeSource & { title: string };

const IF_ANY = /\s*\(if any\)\s*$/i;

/**
 * The items of a new agenda started from the template and the meeting's forward work programme: the
 * programme's rows become reports, in programme order, where the template places reports (before the work
 * programme and urgent business), each linked to its row. A row printed "(if any)" — nominations of assets
 * of community value — is a standing item without a paper of its own.
 */
export function itemsFromTemplateAndProgramme(template: readonly TemplateItem[], programme: readonly ProgrammeRow[]): NewAgendaItem[] {
  const items = itemsFromTemplate(template);
  const reports: NewAgendaItem[] = programme.map((row) => {
    const ifAny = IF_ANY.test(row.title);
    const programmeSource: ProgrammeSource = row.source === 'entry' ? { source: 'entry', entryId: row.entryId } : { source: 'standing', ruleId: row.ruleId, period: row.period };
    return { kind: ifAny ? 'standing' : 'report', title: row.title.replace(IF_ANY, '').trim() || row.title, ifAny, part: 'public', toFollow: false, paperId: null, exemptParagraph: null, programme: programmeSource };
  });
  const at = reportInsertIndex(items);
  return [...items.slice(0, at), ...reports, ...items.slice(at)];
}

/**
 * Where a new report goes in the public part: before the first closing item (work programme, urgent
 * business), or last. Returns the index in `inOrder(items)` filtered to the public part.
 */
export function reportInsertIndex(publicItems: readonly Pick<AgendaItem, 'kind'>[]): number {
  const i = publicItems.findIndex((item) => CLOSING_KINDS.includes(item.kind));
  return i === -1 ? publicItems.length : i;
}

/**
 * The items' positions after `id` moves one place up or down within its part; null when it cannot
 * (first or last of its part, or it would pass the urgent item, which closes its part).
 */
export function move<I extends AgendaItem>(items: readonly I[], id: number, direction: 'up' | 'down'): Map<number, number> | null {
  const item = items.find((i) => i.id === id);
  if (!item || item.kind === 'member-item') return null;
  // Members' items move with the standard item they stand under.
  const part = inOrder(items).filter((i) => i.part === item.part && i.kind !== 'member-item');
  const at = part.findIndex((i) => i.id === id);
  const to = direction === 'up' ? at - 1 : at + 1;
  if (to < 0 || to >= part.length) return null;
  if (item.kind === 'urgent' || part[to]!.kind === 'urgent') return null;
  const reordered = [...part];
  [reordered[at], reordered[to]] = [reordered[to]!, reordered[at]!];
  return renumber(items, item.part, reordered);
}

/**
 * Moves an item to the other part (a report becomes exempt, or public again): it goes before the urgent
 * item of its new part, or last. Standard items stay in the public part. Returns every item's position,
 * or null when the item cannot move.
 */
export function moveToPart<I extends AgendaItem>(items: readonly I[], id: number, part: AgendaPart): Map<number, number> | null {
  const item = items.find((i) => i.id === id);
  if (!item || item.part === part || item.kind !== 'report') return null;
  const target = inOrder(items).filter((i) => i.part === part && i.id !== id);
  const urgent = target.findIndex((i) => i.kind === 'urgent');
  target.splice(urgent === -1 ? target.length : urgent, 0, item);
  return renumber(items, part, target);
}

function renumber<I extends AgendaItem>(items: readonly I[], part: AgendaPart, reordered: readonly I[]): Map<number, number> {
  const positions = new Map<number, number>();
  let p = 0;
  // The other part keeps its order; every position is rewritten so positions stay 1..n in order.
  const other = inOrder(items).filter((i) => i.part !== part && !reordered.some((r) => r.id === i.id));
  const [first, second] = part === 'public' ? [reordered, other] : [other, reordered];
  for (const i of [...first, ...second]) positions.set(i.id, ++p);
  return positions;
}

/** Problems that keep an agenda from being published, in order; empty when it may be. */
export function publicationProblems(lines: readonly AgendaLine[], papers: ReadonlyMap<number, { complete: boolean; title: string }>): string[] {
  const problems: string[] = [];
  for (const line of lines) {
    const item = line.item;
    if (!item || item.kind !== 'report') continue;
    if (item.toFollow) continue;
    const paper = item.paperId === null ? null : papers.get(item.paperId);
    if (!paper) problems.push(`Item ${line.number}, ${line.title}: write its paper or mark it “to follow”`);
    else if (!paper.complete) problems.push(`Item ${line.number}, ${line.title}: its paper is not complete (cover sheet, summary and recommendations), or mark it “to follow”`);
  }
  return problems;
}
