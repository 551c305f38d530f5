/**
 * Agendas and report papers (issue 11, deliver 3, 4 and 5; ADR 0020). Governance officers and
 * administrators build a meeting's agenda from its committee's template, add reports, reorder them, mark
 * them exempt or "to follow", write papers (cover sheet and sections), record clearance and publish the
 * agenda. Each write is validated (every error at once) and written in one transaction with its audit
 * events; once published, an agenda's order and its papers no longer change (a paper "to follow" is
 * written and then published on its own).
 *
 * WHO MAY SEE WHAT is decided here: the public sees a published agenda and its published papers, with
 * exempt papers and appendices replaced by the Schedule 12A placeholder; exempt content is shown only to
 * those entitled (src/domain/reportPaper.ts `exemptEntitlement`), and every such view is audited. Drafts
 * are seen only by managers and the officers named on the paper. Clearance is never published.
 */
import { canAuthorPapers, canManageCommitteeBusiness, NOT_VISIBLE, type NotVisible, type SessionUser } from '../domain/access.ts';
import {
  AGENDA_ITEM_KIND_LABELS,
  agendaTemplateProblems,
  DEFAULT_AGENDA_TEMPLATE,
  exclusionMotion,
  isAgendaItemKind,
  inOrder,
  itemsFromTemplateAndProgramme,
  move,
  moveToPart,
  orderOfBusiness,
  publicationProblems,
  reportInsertIndex,
  type AgendaItem,
  type AgendaLine,
  type AgendaPart,
  type TemplateItem,
} from '../domain/agenda.ts';
import { readDateParts, type DateParts } from '../domain/dateParts.ts';
import {
  CLEARANCE_ROLE_LABELS,
  CLEARANCE_ROLES,
  coverProblems,
  DEFAULT_SECTIONS,
  exemptEntitlement,
  exemptPlaceholder,
  hasExemptContent,
  KEY_DECISION,
  numberSections,
  PAPER_STATUSES,
  paperComplete,
  readRecommendations,
  RECOMMENDATIONS_KEY,
  sectionTemplateProblems,
  type ClearanceRole,
  type CoverSheet,
  type Entitlement,
  type Enclosure,
  type KeyDecision,
  type NumberedHeading,
  type PaperFile,
  type PaperStatus,
  type SectionTemplate,
} from '../domain/reportPaper.ts';
import type { Person } from '../domain/people.ts';
import { inTransaction } from '../db/transaction.ts';
import type { Db } from '../db/connection.ts';
import type { AgendaRecord, AgendaRepository, ClearanceRecord, NewPaperFile, PaperFields, PaperRecord } from '../repositories/agendaRepository.ts';
import { slug } from '../documents/blocks.ts';
import type { Block } from '../documents/model.ts';
import { readPaperFile, type UploadedFile } from './paperFiles.ts';
import { recordAudit } from '../repositories/auditRepository.ts';
import type { CommitteeBusinessRepository } from '../repositories/committeeBusinessRepository.ts';
import { CommitteeBusinessError, NotAllowedError, requireManager, type Actor, type FieldErrors } from './committeeBusinessService.ts';
import type { MeetingService, MeetingView } from './meetingService.ts';
import type { ProgrammeItem } from '../domain/workProgramme.ts';
import type { WorkProgrammeService } from './workProgrammeService.ts';

export type { AccountLink, ClearanceRecord, PaperRecord } from '../repositories/agendaRepository.ts';

export const MAX_TITLE = 500;
export const MAX_SECTION = 20_000;
export const MAX_ENCLOSURE_BODY = 50_000;
/** Enclosure rows on the paper form. */
export const ENCLOSURE_ROWS = 4;
/** Contact selects on the paper form. */
export const CONTACT_ROWS = 3;

/** The agenda as its staff page shows it. */
export interface StaffAgenda {
  meeting: MeetingView;
  agenda: AgendaRecord | null;
  lines: AgendaLine[];
  papers: Map<number, PaperRecord>;
  /** What keeps it from being published now (empty: it may be). */
  problems: string[];
  /** The motion's words when there is an exempt part. */
  motion: string | null;
  published: boolean;
  /** The rows the forward work programme gives the meeting (entries aimed at it, then its standing items). */
  programme: ProgrammeItem[];
}

/** The agenda as the meeting page shows it to its viewer: published only. */
export interface PublicAgenda {
  lines: (AgendaLine & { paperId: number | null; toFollow: boolean })[];
  motion: string | null;
  publishedAt: Date;
}

/** A line of a published agenda as feeds carry it: titles, numbers and placeholders, never content. */
export interface PublishedAgendaLine {
  /** "1", "2", … as the order of business numbers it. */
  number: string;
  /** As printed. */
  title: string;
  /** The item; null for the motion to exclude the press and public. */
  itemId: number | null;
  /** An exempt item: its only text is the Schedule 12A placeholder, its paper has no link. */
  restricted: boolean;
  /** The motion's words, or "To follow."; null otherwise (and always for a restricted item). */
  text: string | null;
  /** A restricted item's Schedule 12A placeholder. */
  placeholder: string | null;
  /** The published paper under the item (none while it is to follow). */
  paper: { id: number; title: string; restricted: boolean } | null;
}

/** A paper as its viewer may see it. */
export interface PaperView {
  paper: PaperRecord;
  meeting: MeetingView;
  /** Its item's number in the order of business. */
  itemNumber: string;
  cover: CoverSheet;
  contacts: Person[];
  headings: (NumberedHeading & { text: string })[];
  recommendations: string[];
  /** The viewer's entitlement to exempt content (null: they see placeholders). */
  entitlement: Entitlement;
  /** The exempt paper's placeholder, when the viewer sees it instead of the paper. */
  placeholder: string | null;
  /** Each enclosure: its body (and file, and a Word file's blocks), or the placeholder. */
  enclosures: (Enclosure & { placeholder: string | null; file: PaperFile | null; document: Block[] | null })[];
  /** The body uploaded as a file, when the viewer may see it (ADR 0027). */
  file: PaperFile | null;
  /** A Word body read into the document model, when the viewer may see it. */
  document: Block[] | null;
  /** Whether the paper is public yet (its agenda published, not to follow). */
  published: boolean;
}

/** A paper's file as its viewer may download it. */
export interface PaperFileDownload {
  restricted: false;
  bytes: Buffer;
  file: PaperFile;
  /** Whether the file is exempt (its viewer is entitled: never kept by a cache). */
  exempt: boolean;
  /** Named from the paper's title, never the name it was uploaded under. */
  downloadName: string;
  mediaType: string;
}

/** What someone not entitled gets instead of an exempt file: the placeholder, never the bytes. */
export interface RestrictedFile {
  restricted: true;
  title: string;
  paperTitle: string;
  meeting: MeetingView;
  itemNumber: string;
  placeholder: string;
}

/** What the agenda pack prints for a paper's body or an enclosure. */
export type PaperPages =
  | { kind: 'pdf'; bytes: Buffer; pageCount: number }
  | { kind: 'document'; blocks: Block[] }
  | { kind: 'written' }
  | { kind: 'placeholder'; text: string };

export interface PackPaper {
  itemNumber: string;
  paperId: number;
  title: string;
  /** The paper as the viewer may see it (cover sheet, written sections). */
  view: PaperView;
  body: PaperPages;
  enclosures: { title: string; pages: PaperPages }[];
}

export interface PaperInput {
  title: string;
  reportOf: string;
  wards: string;
  status: string;
  exemptParagraph: string;
  urgent: string;
  key: string;
  /** People's slugs, blanks ignored. */
  contacts: string[];
  /**
   * Each enclosure row of the form; `file` a file uploaded for it, `removeFile` "yes" to drop the one it
   * has (row n of the form is enclosure n of the paper as stored).
   */
  enclosures: { title: string; paragraph: string; body: string; file?: UploadedFile | null; removeFile?: string }[];
  /** The paper's body uploaded as a Word or PDF file (ADR 0027); it replaces the sections typed. */
  bodyFile?: UploadedFile | null;
  /** "yes": drop the body's file (the sections typed become the body again). */
  removeBodyFile?: string;
  /** Section text by field. */
  sections: Record<string, string>;
  /** One per line. */
  recommendations: string;
  reason?: string;
}

export interface ClearanceInput {
  role: string;
  name: string;
  date: DateParts;
}

type Viewer = Pick<SessionUser, 'id' | 'email' | 'role'> | null;

const itemAudit = (i: Pick<AgendaItem, 'kind' | 'title' | 'part' | 'toFollow' | 'position' | 'programme'>) => ({
  kind: i.kind,
  title: i.title,
  part: i.part,
  toFollow: i.toFollow,
  position: i.position,
  ...(i.programme ? { programme: i.programme } : {}),
});
const fileAudit = (f: PaperFile | null | undefined) => (f ? { filename: f.filename, kind: f.kind, size: f.size, sha256: f.sha256, pageCount: f.pageCount } : null);
const coverAudit = (c: CoverSheet) => ({
  title: c.title,
  reportOf: c.reportOf,
  wards: c.wards,
  status: c.status,
  exemptParagraph: c.exemptParagraph,
  urgent: c.urgent,
  key: c.key,
  enclosures: c.enclosures.map((e) => ({ title: e.title, exemptParagraph: e.exemptParagraph, file: fileAudit(e.file) })),
  contactIds: c.contactIds,
});

const optional = (t: string | undefined) => (t ?? '').trim();

export class AgendaService {
  constructor(
    private readonly db: Db,
    private readonly repo: AgendaRepository,
    private readonly business: CommitteeBusinessRepository,
    private readonly meetings: MeetingService,
    private readonly workProgramme: WorkProgrammeService,
  ) {}

  // Templates

  /** The committee's template of standard items (its own, or the one shipped). */
  async agendaTemplate(committeeId: number): Promise<TemplateItem[]> {
    return (await this.repo.agendaTemplate(committeeId)) ?? [...DEFAULT_AGENDA_TEMPLATE];
  }

  /** The council's template of report sections (its own, or the one shipped). */
  async sectionTemplate(): Promise<SectionTemplate[]> {
    return (await this.repo.sectionTemplate()) ?? [...DEFAULT_SECTIONS];
  }

  /** Stores the council's section template (audited); refused with every problem when it is not usable. */
  async setSectionTemplate(sections: SectionTemplate[], actor: Actor, reason: string | null = null): Promise<void> {
    requireManager(actor, 'change the template of report sections');
    const problems = sectionTemplateProblems(sections);
    if (problems.length) throw new CommitteeBusinessError({ sections: problems.join('; ') });
    const before = await this.sectionTemplate();
    await inTransaction(this.db, async (trx) => {
      await this.repo.setSectionTemplate(trx, sections);
      await recordAudit(trx, [{ actor: actor.email, action: 'paper-sections:set', entity: 'council', entityKey: '1', before: { sections: before }, after: { sections }, reason }]);
    });
  }

  /** Stores a committee's template of standard items (audited); refused with every problem when it is not usable. */
  async setAgendaTemplate(committeeId: number, items: TemplateItem[], actor: Actor, reason: string | null = null): Promise<void> {
    requireManager(actor, 'change a committee’s agenda template');
    const problems = agendaTemplateProblems(items);
    if (problems.length) throw new CommitteeBusinessError({ items: problems.join('; ') });
    const before = await this.agendaTemplate(committeeId);
    await inTransaction(this.db, async (trx) => {
      await this.repo.setAgendaTemplate(trx, committeeId, items);
      await recordAudit(trx, [{ actor: actor.email, action: 'agenda-template:set', entity: 'committee', entityKey: String(committeeId), before: { items: before }, after: { items }, reason }]);
    });
  }

  /** A committee's agenda template form (managers only); null when there is no such committee. */
  async agendaTemplateForm(slug: string, actor: Actor): Promise<{ committeeId: number; committeeName: string; slug: string; items: TemplateItem[]; own: boolean } | null> {
    requireManager(actor, 'change a committee’s agenda template');
    const committee = (await this.business.committeeNames()).find((c) => c.slug === slug);
    if (!committee) return null;
    const own = await this.repo.agendaTemplate(committee.committeeId);
    // Its latest name (names are ordered oldest first).
    const name = committee.names[committee.names.length - 1] ?? committee.slug;
    return { committeeId: committee.committeeId, committeeName: name, slug: committee.slug, items: own ?? [...DEFAULT_AGENDA_TEMPLATE], own: own !== null };
  }

  /** The template form posted: its rows read and checked with every error at once, then stored (audited). */
  async changeAgendaTemplate(slug: string, rows: readonly TemplateRowInput[], reasonText: string, actor: Actor): Promise<TemplateItem[]> {
    const form = await this.agendaTemplateForm(slug, actor);
    if (!form) throw new CommitteeBusinessError({ item1Kind: 'There is no such committee' });
    const { items, errors } = readAgendaTemplate(rows);
    const reason = optional(reasonText);
    if (reason.length > 2000) errors.reason = 'Reason must be 2,000 characters or fewer';
    if (Object.keys(errors).length) throw new CommitteeBusinessError(errors);
    await this.setAgendaTemplate(form.committeeId, items, actor, reason || null);
    return items;
  }

  /** The council's section template form (managers only). */
  async sectionTemplateForm(actor: Actor): Promise<{ sections: SectionTemplate[]; own: boolean }> {
    requireManager(actor, 'change the template of report sections');
    const own = await this.repo.sectionTemplate();
    return { sections: own ?? [...DEFAULT_SECTIONS], own: own !== null };
  }

  /** The section template form posted: read and checked with every error at once, then stored (audited). */
  async changeSectionTemplate(rows: readonly SectionRowInput[], reasonText: string, actor: Actor): Promise<SectionTemplate[]> {
    requireManager(actor, 'change the template of report sections');
    const { sections, errors } = readSectionTemplate(rows);
    const reason = optional(reasonText);
    if (reason.length > 2000) errors.reason = 'Reason must be 2,000 characters or fewer';
    if (Object.keys(errors).length) throw new CommitteeBusinessError(errors);
    await this.setSectionTemplate(sections, actor, reason || null);
    return sections;
  }

  // Staff: building an agenda

  /** A meeting's agenda for its staff page (managers only); null when there is no such meeting. */
  async staffAgenda(meetingId: number, actor: Actor): Promise<StaffAgenda | null> {
    requireManager(actor, 'build agendas');
    const meeting = await this.meetings.meeting(meetingId);
    if (!meeting) return null;
    const [agenda, items, papers, programme] = await Promise.all([this.repo.agenda(meetingId), this.repo.items(meetingId), this.repo.papersOfMeeting(meetingId), this.workProgramme.meetingItems(meetingId)]);
    const lines = orderOfBusiness(items, meeting.committeeName);
    const byId = new Map(papers.map((p) => [p.id, p]));
    const problems = agenda ? publicationProblems(lines, new Map(papers.map((p) => [p.id, { complete: paperComplete(p.sections, p.recommendations, p.file), title: p.cover.title }]))) : [];
    return { meeting, agenda, lines, papers: byId, problems: [...problems, ...this.partProblems(lines, byId)], motion: this.motion(items, byId), published: agenda?.publishedAt != null, programme: programme?.items ?? [] };
  }

  /** An exempt item's paper must be exempt (or the item to follow); a public item's paper must not be. */
  private partProblems(lines: readonly AgendaLine[], papers: ReadonlyMap<number, PaperRecord>): string[] {
    const out: string[] = [];
    for (const l of lines) {
      const paper = l.item?.paperId != null ? papers.get(l.item.paperId) : undefined;
      if (!l.item || !paper) continue;
      if (l.part === 'exempt' && paper.cover.status !== 'exempt') out.push(`Item ${l.number}, ${l.title}: it is in the exempt part but its paper is not marked exempt`);
    }
    return out;
  }

  private motion(items: readonly AgendaItem[], papers: ReadonlyMap<number, PaperRecord>): string | null {
    const exempt = items.filter((i) => i.part === 'exempt');
    if (!exempt.length) return null;
    const paragraphs = exempt.map((i) => (i.paperId !== null ? papers.get(i.paperId)?.cover.exemptParagraph : null)).filter((p): p is number => typeof p === 'number');
    return exclusionMotion(paragraphs);
  }

  private async editable(trx: Db, meetingId: number): Promise<AgendaRecord> {
    const agenda = await this.repo.lockAgenda(trx, meetingId);
    if (!agenda) throw new CommitteeBusinessError({ agenda: 'Start the agenda first' });
    if (agenda.publishedAt) throw new CommitteeBusinessError({ agenda: 'The agenda is published: its order of business can no longer change' });
    return agenda;
  }

  /**
   * Starts a meeting's agenda from its committee's template and — unless told not to — the forward work
   * programme's rows for the meeting (entries aimed at it, then its standing items), which become reports
   * where the template places them, each linked to its row (audited).
   */
  async startAgenda(meetingId: number, actor: Actor, options: { fromProgramme?: boolean } = {}): Promise<void> {
    requireManager(actor, 'build agendas');
    const meeting = await this.business.meetingById(meetingId);
    if (!meeting) throw new CommitteeBusinessError({ agenda: 'There is no such meeting' });
    if (meeting.status === 'cancelled') throw new CommitteeBusinessError({ agenda: 'The meeting is cancelled' });
    const template = await this.agendaTemplate(meeting.committeeId);
    const programme = options.fromProgramme === false ? [] : ((await this.workProgramme.meetingItems(meetingId))?.items ?? []);
    await inTransaction(this.db, async (trx) => {
      if (await this.repo.lockAgenda(trx, meetingId)) throw new CommitteeBusinessError({ agenda: 'The meeting already has an agenda' });
      await this.repo.insertAgenda(trx, meetingId);
      const items = itemsFromTemplateAndProgramme(template, programme).map((i, n) => ({ ...i, position: n + 1 }));
      await this.repo.insertItems(trx, meetingId, items);
      await recordAudit(trx, [{ actor: actor.email, action: 'agenda:start', entity: 'meeting', entityKey: String(meetingId), before: null, after: { items: items.map(itemAudit) }, reason: null }]);
    });
  }

  /** Adds a report to the public part, before the work programme and urgent business (audited). */
  async addReport(meetingId: number, input: { title: string; toFollow?: boolean; standing?: boolean }, actor: Actor): Promise<number> {
    requireManager(actor, 'build agendas');
    const title = optional(input.title).replace(/\s+/g, ' ');
    if (!title) throw new CommitteeBusinessError({ title: 'Enter the title of the report' });
    if (title.length > MAX_TITLE) throw new CommitteeBusinessError({ title: `Title must be ${MAX_TITLE} characters or fewer` });
    return inTransaction(this.db, (trx) => this.insertReport(trx, meetingId, { title, standing: input.standing === true, toFollow: input.toFollow === true }, actor));
  }

  /**
   * Adds a report (or a standing "(If any)" item) to the public part of a draft agenda, before the work
   * programme and urgent business, in the caller's transaction (audited): addReport, and services that
   * add a report with its paper in one transaction (the performance report, agendaPackService.ts).
   */
  async insertReport(trx: Db, meetingId: number, input: { title: string; standing: boolean; toFollow: boolean }, actor: Actor): Promise<number> {
    await this.editable(trx, meetingId);
    const items = inOrder(await this.repo.items(meetingId, trx));
    const publicItems = items.filter((i) => i.part === 'public');
    const at = reportInsertIndex(publicItems);
    const reordered = [...publicItems.slice(0, at), null, ...publicItems.slice(at), ...items.filter((i) => i.part === 'exempt')];
    const positions = new Map<number, number>();
    let newPosition = 0;
    reordered.forEach((i, n) => (i ? positions.set(i.id, n + 1) : (newPosition = n + 1)));
    await this.repo.setPositions(trx, positions);
    // A standing item "(If any)" (a nomination for assets of community value) has no paper of its own.
    const kind = input.standing ? 'standing' : 'report';
    const toFollow = kind === 'report' && input.toFollow;
    const title = input.title;
    const [id] = await this.repo.insertItems(trx, meetingId, [{ position: newPosition, kind, title, ifAny: kind === 'standing', part: 'public', toFollow }]);
    await recordAudit(trx, [{ actor: actor.email, action: 'agenda:add-report', entity: 'agenda_item', entityKey: String(id), before: null, after: { meeting: meetingId, ...itemAudit({ kind, title, part: 'public', toFollow, position: newPosition }) }, reason: null }]);
    return id!;
  }

  /** Takes an item without a paper off a draft agenda (a standard item this meeting does not have; audited). */
  async removeItem(meetingId: number, itemId: number, actor: Actor): Promise<void> {
    requireManager(actor, 'build agendas');
    await inTransaction(this.db, async (trx) => {
      await this.editable(trx, meetingId);
      const items = await this.repo.items(meetingId, trx);
      const item = items.find((i) => i.id === itemId);
      if (!item) throw new CommitteeBusinessError({ item: 'There is no such item on this agenda' });
      if (item.paperId !== null) throw new CommitteeBusinessError({ item: `“${item.title}” has a paper: it cannot be taken off the agenda` });
      if (item.kind === 'members-items' && items.some((i) => i.kind === 'member-item')) throw new CommitteeBusinessError({ item: `“${item.title}” has members’ items under it: it cannot be taken off the agenda` });
      await this.repo.deleteItem(trx, itemId);
      const positions = new Map(inOrder(items.filter((i) => i.id !== itemId)).map((i, n) => [i.id, n + 1]));
      await this.repo.setPositions(trx, positions);
      await recordAudit(trx, [{ actor: actor.email, action: 'agenda:remove', entity: 'agenda_item', entityKey: String(itemId), before: { meeting: meetingId, ...itemAudit(item) }, after: null, reason: null }]);
    });
  }

  /** Moves an item one place up or down within its part (audited). */
  async moveItem(meetingId: number, itemId: number, direction: string, actor: Actor): Promise<void> {
    requireManager(actor, 'build agendas');
    if (direction !== 'up' && direction !== 'down') throw new CommitteeBusinessError({ item: 'Choose up or down' });
    await inTransaction(this.db, async (trx) => {
      await this.editable(trx, meetingId);
      const items = await this.repo.items(meetingId, trx);
      const item = items.find((i) => i.id === itemId);
      if (!item) throw new CommitteeBusinessError({ item: 'There is no such item on this agenda' });
      const positions = move(items, itemId, direction);
      if (!positions) throw new CommitteeBusinessError({ item: `“${item.title}” cannot move ${direction}: it is at the ${direction === 'up' ? 'top' : 'end'} of its part, or urgent business closes the part` });
      await this.repo.setPositions(trx, positions);
      await recordAudit(trx, [{ actor: actor.email, action: 'agenda:move', entity: 'agenda_item', entityKey: String(itemId), before: { position: item.position }, after: { position: positions.get(itemId) }, reason: null }]);
    });
  }

  /** Moves a report without a paper to the exempt part or back (a written paper's status decides its part). */
  async setPart(meetingId: number, itemId: number, part: string, actor: Actor): Promise<void> {
    requireManager(actor, 'build agendas');
    if (part !== 'public' && part !== 'exempt') throw new CommitteeBusinessError({ item: 'Choose the public or the exempt part' });
    await inTransaction(this.db, async (trx) => {
      await this.editable(trx, meetingId);
      const items = await this.repo.items(meetingId, trx);
      const item = items.find((i) => i.id === itemId);
      if (!item) throw new CommitteeBusinessError({ item: 'There is no such item on this agenda' });
      if (item.paperId !== null) throw new CommitteeBusinessError({ item: 'The item has a paper: change the paper’s status on its cover sheet' });
      const positions = moveToPart(items, itemId, part);
      if (!positions) throw new CommitteeBusinessError({ item: 'Only reports can be exempt' });
      await this.repo.setPositions(trx, positions);
      await this.repo.updateItem(trx, itemId, { part });
      await recordAudit(trx, [{ actor: actor.email, action: 'agenda:part', entity: 'agenda_item', entityKey: String(itemId), before: { part: item.part }, after: { part }, reason: null }]);
    });
  }

  /** Marks a report's paper "to follow", or not (audited). */
  async setToFollow(meetingId: number, itemId: number, toFollow: boolean, actor: Actor): Promise<void> {
    requireManager(actor, 'build agendas');
    await inTransaction(this.db, async (trx) => {
      await this.editable(trx, meetingId);
      const item = (await this.repo.items(meetingId, trx)).find((i) => i.id === itemId);
      if (!item || item.kind !== 'report') throw new CommitteeBusinessError({ item: 'Only a report’s paper can be to follow' });
      await this.repo.updateItem(trx, itemId, { toFollow });
      await recordAudit(trx, [{ actor: actor.email, action: 'agenda:to-follow', entity: 'agenda_item', entityKey: String(itemId), before: { toFollow: item.toFollow }, after: { toFollow }, reason: null }]);
    });
  }

  /**
   * Publishes the agenda: every report has a complete paper or is to follow, every exempt item's paper is
   * exempt. The meeting becomes "agenda published" when it was scheduled (its iCal sequence rises).
   */
  async publishAgenda(meetingId: number, actor: Actor): Promise<void> {
    requireManager(actor, 'publish agendas');
    const view = await this.staffAgenda(meetingId, actor);
    if (!view) throw new CommitteeBusinessError({ agenda: 'There is no such meeting' });
    if (!view.agenda) throw new CommitteeBusinessError({ agenda: 'Start the agenda first' });
    if (view.problems.length) throw new CommitteeBusinessError(Object.fromEntries(view.problems.map((p, i) => [`problem${i + 1}`, p])));
    await inTransaction(this.db, async (trx) => {
      const agenda = await this.repo.lockAgenda(trx, meetingId);
      if (agenda?.publishedAt) throw new CommitteeBusinessError({ agenda: 'The agenda is already published' });
      const meeting = (await this.business.lockMeeting(trx, meetingId))!;
      if (meeting.status === 'cancelled') throw new CommitteeBusinessError({ agenda: 'The meeting is cancelled' });
      await this.repo.publishAgenda(trx, meetingId, actor.email);
      if (meeting.status === 'scheduled') await this.business.updateMeeting(trx, meetingId, { status: 'agenda-published' });
      await recordAudit(trx, [
        { actor: actor.email, action: 'agenda:publish', entity: 'meeting', entityKey: String(meetingId), before: { status: meeting.status }, after: { status: meeting.status === 'scheduled' ? 'agenda-published' : meeting.status, items: view.lines.map((l) => `${l.number}. ${l.title}`) }, reason: null },
      ]);
    });
  }

  // Papers

  /** A paper's form: the item, its paper if written, the section headings, the people who may be contacts. */
  async paperForm(meetingId: number, itemId: number, actor: Actor): Promise<{ meeting: MeetingView; item: AgendaItem; number: string; paper: PaperRecord | null; headings: NumberedHeading[]; officers: Person[]; clearances: ClearanceRecord[]; locked: boolean } | null> {
    requireManager(actor, 'write papers');
    const staff = await this.staffAgenda(meetingId, actor);
    const line = staff?.lines.find((l) => l.item?.id === itemId);
    if (!staff || !line?.item || line.item.kind === 'standing' || (line.item.kind !== 'report' && line.item.kind !== 'members-items' && line.item.kind !== 'member-item')) return null;
    const paper = line.item.paperId !== null ? (staff.papers.get(line.item.paperId) ?? null) : null;
    const [template, people, clearances] = await Promise.all([this.sectionTemplate(), this.business.people(), paper ? this.repo.clearances(paper.id) : Promise.resolve([])]);
    return { meeting: staff.meeting, item: line.item, number: line.number, paper, headings: numberSections(template), officers: people, clearances, locked: staff.published && !line.item.toFollow };
  }

  /** Writes (or rewrites) the paper of an agenda item, all or nothing (audited). Its status decides the item's part. */
  async savePaper(meetingId: number, itemId: number, input: PaperInput, actor: Actor): Promise<number> {
    requireManager(actor, 'write papers');
    const template = await this.sectionTemplate();
    const people = await this.business.people();
    // The files the paper has now: a row keeping its file needs a title like any other.
    const current = (await this.repo.items(meetingId)).find((i) => i.id === itemId)?.paperId;
    const currentPaper = current != null ? await this.repo.paper(current) : null;
    const keeps = (i: number) => currentPaper?.cover.enclosures[i]?.file != null && input.enclosures?.[i]?.removeFile !== 'yes';
    const rowsIn = (input.enclosures ?? []).map((e, i) => ({ ...e, hasFile: e.file != null || keeps(i) }));
    const { fields, errors, rows } = readPaper({ ...input, enclosures: rowsIn }, template, people);
    // Every uploaded file read and checked before anything is written, its problems with the form's others.
    let bodyUpload: NewPaperFile | null = null;
    if (input.bodyFile) {
      const read = await readPaperFile(input.bodyFile, 'The file of the paper');
      if ('error' in read) errors.bodyFile = read.error;
      else bodyUpload = read;
    }
    const enclosureUploads = new Map<number, NewPaperFile>();
    for (const [i, e] of (input.enclosures ?? []).entries()) {
      if (!e.file) continue;
      const read = await readPaperFile(e.file, `The file of enclosure ${i + 1}`);
      if ('error' in read) errors[`enclosure${i + 1}File`] = read.error;
      else enclosureUploads.set(i, read);
    }
    if (Object.keys(errors).length) throw new CommitteeBusinessError(errors);
    const reason = optional(input.reason) || null;
    return inTransaction(this.db, async (trx) => {
      const agenda = await this.repo.lockAgenda(trx, meetingId);
      if (!agenda) throw new CommitteeBusinessError({ title: 'Start the agenda first' });
      const items = await this.repo.items(meetingId, trx);
      const item = items.find((i) => i.id === itemId);
      if (!item || (item.kind !== 'report' && item.kind !== 'members-items' && item.kind !== 'member-item')) throw new CommitteeBusinessError({ title: 'There is no such report on this agenda' });
      if (agenda.publishedAt && !item.toFollow) throw new CommitteeBusinessError({ title: 'The agenda is published with this paper: it can no longer change' });
      const part: AgendaPart = fields.cover.status === 'exempt' ? 'exempt' : 'public';
      if (part !== item.part) {
        if (agenda.publishedAt) throw new CommitteeBusinessError({ status: `The agenda is published with this item in the ${item.part} part: its status cannot move it` });
        if (item.kind !== 'report') throw new CommitteeBusinessError({ status: 'Only reports can be exempt' });
        await this.repo.setPositions(trx, moveToPart(items, itemId, part)!);
        await this.repo.updateItem(trx, itemId, { part });
      }
      const before = item.paperId !== null ? await this.repo.paper(item.paperId, trx) : null;
      const noFiles: PaperFields = { ...fields, file: null, cover: { ...fields.cover, enclosures: fields.cover.enclosures.map((e) => ({ ...e, file: null })) } };
      const id = before ? before.id : await this.repo.insertPaper(trx, itemId, noFiles);
      // The body's file: the one uploaded now, else the one it had unless removed.
      const file = bodyUpload ? await this.repo.insertFile(trx, id, bodyUpload, actor.email) : input.removeBodyFile === 'yes' ? null : (before?.file ?? null);
      const enclosures: Enclosure[] = [];
      for (const [k, e] of fields.cover.enclosures.entries()) {
        const row = rows[k]!;
        const upload = enclosureUploads.get(row);
        const kept = input.enclosures?.[row]?.removeFile === 'yes' ? null : (before?.cover.enclosures[row]?.file ?? null);
        enclosures.push({ ...e, file: upload ? await this.repo.insertFile(trx, id, upload, actor.email) : kept });
      }
      const written: PaperFields = { ...fields, file, cover: { ...fields.cover, enclosures } };
      await this.repo.updatePaper(trx, id, written);
      await this.repo.deleteUnusedFiles(trx, id);
      await recordAudit(trx, [
        {
          actor: actor.email,
          action: before ? 'paper:change' : 'paper:add',
          entity: 'paper',
          entityKey: String(id),
          before: before ? { ...coverAudit(before.cover), file: fileAudit(before.file) } : null,
          after: { meeting: meetingId, item: itemId, ...coverAudit(written.cover), file: fileAudit(file) },
          reason,
        },
      ]);
      return id;
    });
  }

  /** Publishes a paper that was to follow, once the agenda is published and the paper complete (audited). */
  async publishToFollow(meetingId: number, itemId: number, actor: Actor): Promise<void> {
    requireManager(actor, 'publish papers');
    await inTransaction(this.db, async (trx) => {
      const agenda = await this.repo.lockAgenda(trx, meetingId);
      if (!agenda?.publishedAt) throw new CommitteeBusinessError({ item: 'Publish the agenda first: the paper goes out with it' });
      const item = (await this.repo.items(meetingId, trx)).find((i) => i.id === itemId);
      if (!item?.toFollow) throw new CommitteeBusinessError({ item: 'The item is not to follow' });
      const paper = item.paperId !== null ? await this.repo.paper(item.paperId, trx) : null;
      if (!paper || !paperComplete(paper.sections, paper.recommendations, paper.file)) throw new CommitteeBusinessError({ item: 'Write the paper first: its cover sheet, summary and recommendations' });
      if ((item.part === 'exempt') !== (paper.cover.status === 'exempt')) throw new CommitteeBusinessError({ item: 'The paper’s status does not match its part of the agenda' });
      // Published after the agenda: it goes out in a supplementary pack (ADR 0028).
      await this.repo.updateItem(trx, itemId, { toFollow: false, followedAt: new Date() });
      await recordAudit(trx, [{ actor: actor.email, action: 'paper:publish', entity: 'paper', entityKey: String(paper.id), before: { toFollow: true }, after: { toFollow: false }, reason: null }]);
    });
  }

  /** Records who cleared a paper for a role and when (audited; never published). */
  async recordClearance(meetingId: number, itemId: number, input: ClearanceInput, actor: Actor): Promise<void> {
    requireManager(actor, 'record clearance');
    const errors: FieldErrors = {};
    const role = (CLEARANCE_ROLES as readonly string[]).includes(input.role) ? (input.role as ClearanceRole) : null;
    if (!role) errors.role = 'Select who cleared the paper';
    const name = optional(input.name).replace(/\s+/g, ' ');
    if (!name) errors.name = 'Enter the name of the person who cleared it';
    else if (name.length > MAX_TITLE) errors.name = `Name must be ${MAX_TITLE} characters or fewer`;
    const date = readDateParts(input.date, 'the date it was cleared');
    if ('error' in date) errors.date = date.error;
    if (Object.keys(errors).length) throw new CommitteeBusinessError(errors);
    await inTransaction(this.db, async (trx) => {
      const item = (await this.repo.items(meetingId, trx)).find((i) => i.id === itemId);
      if (!item || item.paperId === null) throw new CommitteeBusinessError({ role: 'Write the paper before recording its clearance' });
      const clearance = { role: role!, name, clearedOn: (date as { date: string }).date };
      await this.repo.setClearance(trx, item.paperId, clearance, actor.email);
      await recordAudit(trx, [{ actor: actor.email, action: 'paper:clearance', entity: 'paper', entityKey: String(item.paperId), before: null, after: { ...clearance, label: CLEARANCE_ROLE_LABELS[clearance.role] }, reason: null }]);
    });
  }

  // Everyone: the published agenda and papers

  /** The published agenda of a meeting, as anyone sees it (titles and numbers; never content); null before publication. */
  async publicAgenda(meetingId: number, committeeName: string): Promise<PublicAgenda | null> {
    const agenda = await this.repo.agenda(meetingId);
    if (!agenda?.publishedAt) return null;
    const [items, papers] = await Promise.all([this.repo.items(meetingId), this.repo.papersOfMeeting(meetingId)]);
    const lines = orderOfBusiness(items, committeeName).map((l) => ({ ...l, paperId: l.item && !l.item.toFollow ? l.item.paperId : null, toFollow: l.item?.toFollow ?? false }));
    return { lines, motion: this.motion(items, new Map(papers.map((p) => [p.id, p]))), publishedAt: agenda.publishedAt };
  }

  /**
   * The published agendas of the meetings given, as the feeds and open data carry them (GetMeeting, the
   * Open Civic Data events): each line numbered and titled as printed; an exempt item restricted, with the
   * Schedule 12A placeholder as its only text and its paper restricted; a paper only once it is published
   * (not to follow). Never a paper's content, never a draft: meetings whose agenda is not published are
   * absent from the answer.
   */
  async publishedAgendas(meetings: readonly { id: number; committeeName: string }[]): Promise<Map<number, PublishedAgendaLine[]>> {
    const agendas = (await this.repo.agendas(meetings.map((m) => m.id))).filter((a) => a.publishedAt !== null);
    const ids = agendas.map((a) => a.meetingId);
    const [items, heads] = await Promise.all([this.repo.itemsOfMeetings(ids), this.repo.paperHeads(ids)]);
    const names = new Map(meetings.map((m) => [m.id, m.committeeName]));
    const out = new Map<number, PublishedAgendaLine[]>();
    for (const meetingId of ids) {
      const meetingItems = items.get(meetingId) ?? [];
      const paragraphs = meetingItems.filter((i) => i.part === 'exempt').map((i) => i.exemptParagraph).filter((p): p is number => p !== null);
      const lines = orderOfBusiness(meetingItems, names.get(meetingId)!).map((line): PublishedAgendaLine => {
        const item = line.item;
        if (!item) return { number: line.number, title: line.title, itemId: null, restricted: false, text: exclusionMotion(paragraphs), placeholder: null, paper: null };
        const head = item.paperId !== null ? heads.get(item.paperId) : undefined;
        const restricted = line.part === 'exempt' || head?.status === 'exempt';
        const paragraph = item.exemptParagraph ?? head?.exemptParagraph ?? null;
        const placeholder = restricted && paragraph !== null ? exemptPlaceholder(paragraph) : null;
        const text = item.toFollow ? 'To follow.' : null;
        const paper = head && !item.toFollow ? { id: item.paperId!, title: head.title, restricted } : null;
        return { number: line.number, title: line.title, itemId: item.id, restricted, text: restricted ? null : text, placeholder, paper };
      });
      out.set(meetingId, lines);
    }
    return out;
  }

  /**
   * A paper as the viewer may see it: NOT_VISIBLE when it does not exist or is not public yet (unless the
   * viewer manages committee business or is named on it); exempt content replaced by the placeholder unless
   * the viewer is entitled. A view that shows exempt content is audited.
   */
  async paper(meetingId: number, paperId: number, viewer: Viewer): Promise<PaperView | NotVisible> {
    const access = await this.access(meetingId, paperId, viewer);
    if (access === NOT_VISIBLE) return NOT_VISIBLE;
    const { paper, meeting, line, published, entitlement } = access;
    const paperHidden = paper.cover.status === 'exempt' && entitlement === null;
    const template = await this.sectionTemplate();
    // An uploaded body replaces the sections typed (ADR 0027).
    const headings = paperHidden || paper.file ? [] : numberSections(template).map((h) => ({ ...h, text: paper.sections[h.field] ?? '' }));
    const documentOf = async (file: PaperFile | null | undefined) => (file?.kind === 'docx' ? ((await this.repo.fileDocument(file.id)) as Block[] | null) : null);
    const enclosures = await Promise.all(
      paper.cover.enclosures.map(async (e) => {
        const hidden = (e.exemptParagraph !== null || paperHidden) && entitlement === null;
        const paragraph = e.exemptParagraph ?? paper.cover.exemptParagraph ?? 1;
        return {
          title: e.title,
          exemptParagraph: e.exemptParagraph,
          body: hidden ? '' : e.body,
          placeholder: hidden ? exemptPlaceholder(paragraph) : null,
          file: hidden ? null : (e.file ?? null),
          document: hidden ? null : await documentOf(e.file),
        };
      }),
    );
    if (entitlement !== null && hasExemptContent(paper.cover)) {
      await inTransaction(this.db, (trx) =>
        recordAudit(trx, [{ actor: viewer!.email, action: 'paper:exempt-view', entity: 'paper', entityKey: String(paperId), before: null, after: { meeting: meetingId, title: paper.cover.title, entitlement }, reason: null }]),
      );
    }
    const people = new Map((await this.business.people()).map((p) => [p.id, p]));
    return {
      paper,
      meeting: meeting!,
      itemNumber: line.number,
      cover: paper.cover,
      contacts: paper.cover.contactIds.map((id) => people.get(id)).filter((p): p is Person => p !== undefined),
      headings: headings.filter((h) => h.field !== RECOMMENDATIONS_KEY),
      recommendations: paperHidden || paper.file ? [] : paper.recommendations,
      file: paperHidden ? null : paper.file,
      document: paperHidden ? null : await documentOf(paper.file),
      entitlement,
      placeholder: paperHidden ? exemptPlaceholder(paper.cover.exemptParagraph!) : null,
      enclosures,
      published,
    };
  }

  // Report authors: the officers named on a paper draft its sections

  /**
   * Whether the viewer may draft the paper's sections as its author: an officer's account (not a
   * councillor's) linked to a person named as the paper's contact, while the paper is a draft (its agenda
   * not published, or the paper still to follow). Governance officers and administrators write papers on
   * the staff agenda pages and publish them; authors never publish.
   */
  private async authorship(paper: PaperRecord, viewer: Viewer): Promise<{ personId: number } | null> {
    if (!viewer || !canAuthorPapers(viewer)) return null;
    const personId = await this.repo.personOfUser(viewer.id);
    if (personId === null || !paper.cover.contactIds.includes(personId)) return null;
    const person = await this.business.personById(personId);
    return person?.kind === 'officer' ? { personId } : null;
  }

  /** Whether the paper is still a draft: its agenda not published, or it is to follow. */
  private async isDraft(paper: PaperRecord, db: Db = this.db): Promise<boolean> {
    const [agenda, items] = await Promise.all([this.repo.agenda(paper.meetingId, db), this.repo.items(paper.meetingId, db)]);
    const item = items.find((i) => i.id === paper.agendaItemId);
    return !agenda?.publishedAt || item?.toFollow === true;
  }

  /** Whether a user account is linked to an officer of committee business. */
  async isLinkedOfficer(userId: number): Promise<boolean> {
    const personId = await this.repo.personOfUser(userId);
    return personId !== null && (await this.business.personById(personId))?.kind === 'officer';
  }

  /** The papers the viewer is named on as an author (officers' accounts linked to a person), newest first. */
  async papersOfAuthor(viewer: Viewer): Promise<{ paper: PaperRecord; meeting: MeetingView; draft: boolean }[]> {
    if (!viewer || !canAuthorPapers(viewer)) throw new NotAllowedError({ email: viewer?.email ?? 'anonymous', role: viewer?.role ?? 'councillor' }, 'draft papers');
    const personId = await this.repo.personOfUser(viewer.id);
    if (personId === null) return [];
    const person = await this.business.personById(personId);
    if (person?.kind !== 'officer') return [];
    const out = [];
    for (const id of await this.repo.paperIdsOfContact(personId)) {
      const paper = await this.repo.paper(id);
      const meeting = paper ? await this.meetings.meeting(paper.meetingId) : null;
      if (paper && meeting) out.push({ paper, meeting, draft: await this.isDraft(paper) });
    }
    return out;
  }

  /**
   * A paper's author form: its cover (read only), its numbered headings and their text. NOT_VISIBLE when
   * the viewer is not named on it as an officer, or there is no such paper; `locked` once published.
   */
  async authorForm(paperId: number, viewer: Viewer): Promise<{ paper: PaperRecord; meeting: MeetingView; itemNumber: string; headings: NumberedHeading[]; contacts: Person[]; locked: boolean } | NotVisible> {
    if (!viewer || !canAuthorPapers(viewer)) throw new NotAllowedError({ email: viewer?.email ?? 'anonymous', role: viewer?.role ?? 'councillor' }, 'draft papers');
    const paper = await this.repo.paper(paperId);
    if (!paper || !(await this.authorship(paper, viewer))) return NOT_VISIBLE;
    const [meeting, items, template, people] = await Promise.all([this.meetings.meeting(paper.meetingId), this.repo.items(paper.meetingId), this.sectionTemplate(), this.business.people()]);
    const line = orderOfBusiness(items, meeting!.committeeName).find((l) => l.item?.paperId === paperId);
    const byId = new Map(people.map((p) => [p.id, p]));
    return {
      paper,
      meeting: meeting!,
      itemNumber: line?.number ?? '',
      headings: numberSections(template),
      contacts: paper.cover.contactIds.map((id) => byId.get(id)).filter((p): p is Person => p !== undefined),
      locked: !(await this.isDraft(paper)),
    };
  }

  /**
   * The author saves the draft's sections and recommendations, all or nothing with every error at once
   * (audited). Refused — not allowed — for anyone not named on the paper as an officer, and once the
   * paper is published. The cover sheet, clearance and publication stay with governance.
   */
  async saveDraftSections(paperId: number, input: Pick<PaperInput, 'sections' | 'recommendations' | 'reason'>, viewer: Viewer): Promise<void> {
    if (!viewer || !canAuthorPapers(viewer)) throw new NotAllowedError({ email: viewer?.email ?? 'anonymous', role: viewer?.role ?? 'councillor' }, 'draft papers');
    const paper = await this.repo.paper(paperId);
    if (!paper || !(await this.authorship(paper, viewer))) throw new NotAllowedError({ email: viewer.email, role: viewer.role }, 'draft this paper: only the officers named as its contacts may');
    const template = await this.sectionTemplate();
    const { sections, recommendations, errors } = readSections(input, template);
    const reason = optional(input.reason);
    if (reason.length > 2000) errors.reason = 'Reason must be 2,000 characters or fewer';
    if (Object.keys(errors).length) throw new CommitteeBusinessError(errors);
    await inTransaction(this.db, async (trx) => {
      await this.repo.lockAgenda(trx, paper.meetingId);
      if (!(await this.isDraft(paper, trx))) throw new CommitteeBusinessError({ summary: 'The paper is published with its agenda: it can no longer change' });
      await this.repo.updatePaperSections(trx, paperId, sections, recommendations);
      await recordAudit(trx, [
        {
          actor: viewer.email,
          action: 'paper:draft',
          entity: 'paper',
          entityKey: String(paperId),
          before: { sections: Object.keys(paper.sections), recommendations: paper.recommendations.length },
          after: { meeting: paper.meetingId, sections: Object.keys(sections), recommendations: recommendations.length },
          reason: reason || null,
        },
      ]);
    });
  }

  /**
   * Who may see a paper and how: NOT_VISIBLE when it does not exist, is not this meeting's, or is not
   * public yet and the viewer neither manages committee business nor is named on it; else the paper with
   * the viewer's entitlement to its exempt content.
   */
  private async access(meetingId: number, paperId: number, viewer: Viewer) {
    const paper = await this.repo.paper(paperId);
    if (!paper || paper.meetingId !== meetingId) return NOT_VISIBLE;
    const [agenda, items, meeting] = await Promise.all([this.repo.agenda(meetingId), this.repo.items(meetingId), this.meetings.meeting(meetingId)]);
    const lines = orderOfBusiness(items, meeting!.committeeName);
    const line = lines.find((l) => l.item?.paperId === paperId)!;
    const published = agenda?.publishedAt != null && !line.item!.toFollow;
    const personId = viewer ? await this.repo.personOfUser(viewer.id) : null;
    const named = personId !== null && paper.cover.contactIds.includes(personId);
    if (!published && !canManageCommitteeBusiness(viewer) && !named) return NOT_VISIBLE;
    const memberships = (await this.business.memberships([meeting!.committeeId])).map((m) => ({ personId: m.personId, from: m.from, to: m.to }));
    const entitlement = exemptEntitlement(viewer ? { role: viewer.role, personId } : null, paper.cover, { date: meeting!.date, memberships });
    return { paper, meeting: meeting!, line, published, entitlement };
  }

  /**
   * The uploaded file of a paper's body (`which` "paper") or of its enclosure n (1-based), as its viewer may
   * have it: NOT_VISIBLE when the paper is not theirs to see or there is no such file; the Schedule 12A
   * placeholder — never the bytes — when the file is exempt and they are not entitled; else the bytes.
   * An entitled download of an exempt file is audited.
   */
  async paperFile(meetingId: number, paperId: number, which: 'paper' | number, viewer: Viewer): Promise<PaperFileDownload | RestrictedFile | NotVisible> {
    const access = await this.access(meetingId, paperId, viewer);
    if (access === NOT_VISIBLE) return NOT_VISIBLE;
    const { paper, meeting, line, entitlement } = access;
    const enclosure = which === 'paper' ? null : paper.cover.enclosures[which - 1];
    if (which !== 'paper' && !enclosure) return NOT_VISIBLE;
    const file = enclosure ? enclosure.file : paper.file;
    if (!file) return NOT_VISIBLE;
    const paperExempt = paper.cover.status === 'exempt';
    const exempt = paperExempt || (enclosure !== null && enclosure!.exemptParagraph !== null);
    const title = enclosure ? enclosure.title : paper.cover.title;
    if (exempt && entitlement === null) {
      const paragraph = enclosure?.exemptParagraph ?? paper.cover.exemptParagraph ?? 1;
      return { restricted: true, title, paperTitle: paper.cover.title, meeting, itemNumber: line.number, placeholder: exemptPlaceholder(paragraph) };
    }
    const bytes = await this.repo.fileContent(file.id);
    if (!bytes) return NOT_VISIBLE;
    if (exempt) {
      await inTransaction(this.db, (trx) =>
        recordAudit(trx, [{ actor: viewer!.email, action: 'paper:exempt-file', entity: 'paper', entityKey: String(paperId), before: null, after: { meeting: meetingId, title, file: fileAudit(file), entitlement }, reason: null }]),
      );
    }
    const name = [slug(paper.cover.title), enclosure ? slug(enclosure.title) : ''].filter(Boolean).join('-').slice(0, 120) || 'paper';
    return {
      restricted: false,
      bytes,
      file,
      exempt,
      downloadName: `${name}.${file.kind}`,
      mediaType: file.kind === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    };
  }

  /**
   * Each paper of a meeting's agenda, in order, with what the agenda pack prints for its body and each
   * enclosure (issue 12 deliver 6; ADR 0027): an uploaded PDF's bytes (its pages are merged into the pack),
   * a Word file's blocks of the document model (rendered as written papers are), "written" (the paper's
   * sections and recommendations, in the view), or the Schedule 12A placeholder when the viewer is not
   * entitled. Only the papers the viewer may see (`paper`'s rules; the public: published ones).
   */
  async paperPages(meetingId: number, viewer: Viewer): Promise<PackPaper[]> {
    const meeting = await this.meetings.meeting(meetingId);
    if (!meeting) return [];
    const lines = orderOfBusiness(await this.repo.items(meetingId), meeting.committeeName);
    const out: PackPaper[] = [];
    for (const l of lines) {
      const paperId = l.item?.paperId;
      if (paperId == null) continue;
      const view = await this.paper(meetingId, paperId, viewer);
      if (view === NOT_VISIBLE) continue;
      const pagesOf = async (placeholder: string | null, file: PaperFile | null, document: Block[] | null): Promise<PaperPages> => {
        if (placeholder !== null) return { kind: 'placeholder', text: placeholder };
        if (file?.kind === 'pdf') {
          const bytes = await this.repo.fileContent(file.id);
          if (bytes) return { kind: 'pdf', bytes, pageCount: file.pageCount! };
        }
        if (document) return { kind: 'document', blocks: document };
        return { kind: 'written' };
      };
      out.push({
        itemNumber: view.itemNumber,
        paperId,
        title: view.cover.title,
        view,
        body: await pagesOf(view.placeholder, view.file, view.document),
        enclosures: await Promise.all(view.enclosures.map(async (e) => ({ title: e.title, pages: await pagesOf(e.placeholder, e.file, e.document) }))),
      });
    }
    return out;
  }

  // Accounts linked to people

  /** Which person each user account is (administrators only). */
  async accountLinks(actor: Actor) {
    if (actor.role !== 'administrator') throw new NotAllowedError(actor, 'link accounts to people');
    return this.repo.accountLinks();
  }

  /** Makes a user account the person's (none: the person has no account), in one transaction (administrators only; audited). */
  async setAccountOfPerson(personSlug: string, userId: number | null, actor: Actor): Promise<void> {
    if (actor.role !== 'administrator') throw new NotAllowedError(actor, 'link accounts to people');
    const person = await this.business.personBySlug(personSlug);
    if (!person) throw new CommitteeBusinessError({ user: 'There is no such person' });
    const links = await this.repo.accountLinks();
    const account = userId === null ? null : links.find((l) => l.userId === userId);
    if (userId !== null && !account) throw new CommitteeBusinessError({ user: 'Select an account from the list' });
    if (account && account.personId !== null && account.personId !== person.id) throw new CommitteeBusinessError({ user: `The account ${account.email} is already another person’s: unlink it there first` });
    const current = links.find((l) => l.personId === person.id) ?? null;
    if (current?.userId === userId) return;
    await inTransaction(this.db, async (trx) => {
      const entries = [];
      if (current) {
        await this.repo.setPersonOfUser(trx, current.userId, null);
        entries.push({ actor: actor.email, action: 'user:person', entity: 'app_user', entityKey: String(current.userId), before: { personId: person.id }, after: { personId: null }, reason: null });
      }
      if (account) {
        await this.repo.setPersonOfUser(trx, account.userId, person.id);
        entries.push({ actor: actor.email, action: 'user:person', entity: 'app_user', entityKey: String(account.userId), before: { personId: account.personId }, after: { personId: person.id, person: person.slug }, reason: null });
      }
      await recordAudit(trx, entries);
    });
  }

  /** Links a user account to a person, or unlinks it (administrators only; audited). */
  async linkAccount(userId: number, personSlug: string, actor: Actor): Promise<void> {
    if (actor.role !== 'administrator') throw new NotAllowedError(actor, 'link accounts to people');
    const links = await this.repo.accountLinks();
    const account = links.find((l) => l.userId === userId);
    if (!account) throw new CommitteeBusinessError({ person: 'There is no such account' });
    const person = personSlug ? await this.business.personBySlug(personSlug) : null;
    if (personSlug && !person) throw new CommitteeBusinessError({ person: 'Select a person from the list' });
    const other = person ? links.find((l) => l.personId === person.id && l.userId !== userId) : undefined;
    if (other) throw new CommitteeBusinessError({ person: `${person!.name} is already the person of the account ${other.email}` });
    await inTransaction(this.db, async (trx) => {
      await this.repo.setPersonOfUser(trx, userId, person?.id ?? null);
      await recordAudit(trx, [{ actor: actor.email, action: 'user:person', entity: 'app_user', entityKey: String(userId), before: { personId: account.personId }, after: { personId: person?.id ?? null, person: person?.slug ?? null }, reason: null }]);
    });
  }
}

/** A paper's sections and recommendations as typed, with their errors by field ("section-why", "recommendations"). */
export function readSections(input: Pick<PaperInput, 'sections' | 'recommendations'>, template: readonly SectionTemplate[]): { sections: Record<string, string>; recommendations: string[]; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const sections: Record<string, string> = {};
  for (const h of numberSections(template)) {
    if (h.field === RECOMMENDATIONS_KEY) continue;
    const text = (input.sections?.[h.field] ?? '').replace(/\r\n/g, '\n').trim();
    if (text.length > MAX_SECTION) errors[`section-${h.field}`] = `${h.title} must be ${MAX_SECTION.toLocaleString('en-GB')} characters or fewer`;
    if (text) sections[h.field] = text;
  }
  const recommendations = readRecommendations(input.recommendations ?? '');
  if (recommendations.some((r) => r.length > MAX_SECTION)) errors.recommendations = `Each recommendation must be ${MAX_SECTION.toLocaleString('en-GB')} characters or fewer`;
  return { sections, recommendations, errors };
}

/** The paper form read into stored fields, with every error at once (keys are the form's field ids). */
export function readPaper(
  input: Omit<PaperInput, 'enclosures'> & { enclosures: (PaperInput['enclosures'][number] & { hasFile?: boolean })[] },
  template: readonly SectionTemplate[],
  people: readonly Person[],
): { fields: PaperFields; errors: FieldErrors; rows: number[] } {
  const errors: FieldErrors = {};
  const status = (PAPER_STATUSES as readonly string[]).includes(input.status) ? (input.status as PaperStatus) : null;
  const paragraph = /^[1-7]$/.test(input.exemptParagraph ?? '') ? Number(input.exemptParagraph) : null;
  const key = (KEY_DECISION as readonly string[]).includes(input.key) ? (input.key as KeyDecision) : null;
  const bySlug = new Map(people.map((p) => [p.slug, p]));
  const contactSlugs = (input.contacts ?? []).map((s) => s.trim()).filter(Boolean);
  const contacts = contactSlugs.map((s) => bySlug.get(s));
  const enclosures: Enclosure[] = [];
  const enclosureErrors: FieldErrors = {};
  // The form's row of each enclosure (blank rows are left out).
  const rows: number[] = [];
  (input.enclosures ?? []).forEach((e, i) => {
    const title = optional(e.title);
    const body = (e.body ?? '').trim();
    const p = optional(e.paragraph);
    if (!title && !body && !p && !e.hasFile) return;
    rows.push(i);
    if (!title) enclosureErrors[`enclosure${i + 1}Title`] = `Enter the title of enclosure ${i + 1}`;
    else if (title.length > MAX_TITLE) enclosureErrors[`enclosure${i + 1}Title`] = `The title of enclosure ${i + 1} must be ${MAX_TITLE} characters or fewer`;
    if (p && !/^[1-7]$/.test(p)) enclosureErrors[`enclosure${i + 1}Paragraph`] = `Select public or a paragraph of Schedule 12A for enclosure ${i + 1}`;
    if (body.length > MAX_ENCLOSURE_BODY) enclosureErrors[`enclosure${i + 1}Body`] = `Enclosure ${i + 1} must be ${MAX_ENCLOSURE_BODY.toLocaleString('en-GB')} characters or fewer`;
    enclosures.push({ title, exemptParagraph: /^[1-7]$/.test(p) ? Number(p) : null, body });
  });
  const cover: CoverSheet = {
    title: optional(input.title).replace(/\s+/g, ' '),
    reportOf: optional(input.reportOf).replace(/\s+/g, ' '),
    wards: optional(input.wards).replace(/\s+/g, ' '),
    status: status ?? 'public',
    exemptParagraph: status === 'exempt' ? paragraph : null,
    urgent: input.urgent === 'yes',
    key: key ?? 'non-key',
    enclosures,
    contactIds: [...new Set(contacts.filter((p): p is Person => p !== undefined).map((p) => p.id))],
  };
  const problems = coverProblems(cover);
  // Field order of the form.
  if (problems.title) errors.title = problems.title;
  else if (cover.title.length > MAX_TITLE) errors.title = `Title must be ${MAX_TITLE} characters or fewer`;
  if (problems.reportOf) errors.reportOf = problems.reportOf;
  else if (cover.reportOf.length > MAX_TITLE) errors.reportOf = `Report of must be ${MAX_TITLE} characters or fewer`;
  if (problems.wards) errors.wards = problems.wards;
  else if (cover.wards.length > MAX_TITLE) errors.wards = `Wards must be ${MAX_TITLE} characters or fewer`;
  if (!status) errors.status = 'Select the status of the report';
  else if (problems.status) errors.status = problems.status;
  if (status === 'exempt' && problems.exemptParagraph) errors.exemptParagraph = problems.exemptParagraph;
  if (input.urgent !== 'yes' && input.urgent !== 'no') errors.urgent = 'Select whether the report is urgent';
  if (!key) errors.key = 'Select whether it is a key decision';
  Object.assign(errors, enclosureErrors);
  if (contacts.some((p) => p === undefined)) errors.contact1 = 'Select each officer contact from the list';
  else if (problems.contacts) errors.contact1 = problems.contacts;
  const read = readSections(input, template);
  Object.assign(errors, read.errors);
  const { sections, recommendations } = read;
  if (optional(input.reason).length > 2000) errors.reason = 'Reason must be 2,000 characters or fewer';
  return { fields: { cover, sections, recommendations, file: null }, errors, rows };
}

// Templates: the forms' rows

/** A row of the agenda template form; a row with no kind and no title is left out. */
export interface TemplateRowInput {
  kind: string;
  title: string;
  /** 'yes' when printed "(If any)". */
  ifAny: string;
  /** Its place, a whole number; blank keeps the row's place. */
  order: string;
}

/** A row of the section template form; a row with no key and no title is left out. */
export interface SectionRowInput {
  key: string;
  title: string;
  /** 'yes' when numbered 1, 2, …. */
  numbered: string;
  /** One sub-section per line. */
  subsections: string;
  order: string;
}

export const MAX_TEMPLATE_ROWS = 40;
export const MAX_SUBSECTIONS = 30;
const MAX_HEADING = 200;

/** The rows in the order asked for: by their order number, then where they are on the form. */
function ordered<R extends { order: string }>(rows: readonly R[], errors: FieldErrors, field: (n: number) => string, what: (n: number) => string): { row: R; n: number }[] {
  const out: { row: R; n: number; at: number }[] = [];
  rows.forEach((row, i) => {
    const order = optional(row.order);
    let at = i + 1;
    if (order) {
      if (/^\d{1,2}$/.test(order) && Number(order) >= 1) at = Number(order);
      else errors[field(i + 1)] = `The order of ${what(i + 1)} must be a whole number from 1 to 99`;
    }
    out.push({ row, n: i + 1, at });
  });
  return out.sort((a, b) => a.at - b.at || a.n - b.n);
}

/** The agenda template form read into standard items, with every error at once, located by row and field. */
export function readAgendaTemplate(rows: readonly TemplateRowInput[]): { items: TemplateItem[]; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const used = rows.slice(0, MAX_TEMPLATE_ROWS).map((r) => ({ ...r, title: optional(r.title).replace(/\s+/g, ' ') }));
  const kept = used.map((r, i) => ({ r, i })).filter(({ r }) => optional(r.kind) || r.title);
  const items: TemplateItem[] = [];
  const rowOf: number[] = [];
  for (const { row, n } of ordered(
    kept.map(({ r, i }) => ({ ...r, n: i + 1 })),
    errors,
    (k) => `item${kept[k - 1]!.i + 1}Order`,
    (k) => `item ${kept[k - 1]!.i + 1}`,
  )) {
    const at = kept[n - 1]!.i + 1;
    const kind = row.kind;
    if (!isAgendaItemKind(kind) || kind === 'report') errors[`item${at}Kind`] = `Select what item ${at} is`;
    if (!row.title) errors[`item${at}Title`] = `Enter the title of item ${at}`;
    else if (row.title.length > MAX_TITLE) errors[`item${at}Title`] = `The title of item ${at} must be ${MAX_TITLE} characters or fewer`;
    if (isAgendaItemKind(kind) && kind !== 'report') {
      items.push({ kind, title: row.title, ifAny: row.ifAny === 'yes' });
      rowOf.push(at);
    }
  }
  if (!kept.length) errors.item1Kind = 'Enter at least one standard item';
  if (!Object.keys(errors).length) {
    // The rules of the order, each on the row it is about.
    items.forEach((item, i) => {
      const at = rowOf[i]!;
      if (item.kind !== 'standing' && items.findIndex((x) => x.kind === item.kind) < i) errors[`item${at}Kind`] = `Item ${at}: the template already has “${AGENDA_ITEM_KIND_LABELS[item.kind]}”`;
      else if (item.kind === 'urgent' && i !== items.length - 1) errors[`item${at}Order`] = `Item ${at}: urgent business must come last`;
    });
    const left = agendaTemplateProblems(items);
    if (left.length && !Object.keys(errors).length) errors.item1Kind = left.join('; ');
  }
  return { items, errors };
}

/** The section template form read into sections, with every error at once, located by row and field. */
export function readSectionTemplate(rows: readonly SectionRowInput[]): { sections: SectionTemplate[]; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const used = rows.slice(0, MAX_TEMPLATE_ROWS).map((r) => ({ ...r, key: optional(r.key).toLowerCase(), title: optional(r.title).replace(/\s+/g, ' ') }));
  const kept = used.map((r, i) => ({ r, i })).filter(({ r }) => r.key || r.title);
  const sections: SectionTemplate[] = [];
  const seen = new Map<string, number>();
  for (const { n } of ordered(
    kept.map(({ r, i }) => ({ ...r, n: i + 1 })),
    errors,
    (k) => `section${kept[k - 1]!.i + 1}Order`,
    (k) => `section ${kept[k - 1]!.i + 1}`,
  )) {
    const { r: row, i } = kept[n - 1]!;
    const at = i + 1;
    if (!row.key) errors[`section${at}Key`] = `Enter the key of section ${at}`;
    else if (!/^[a-z][a-z0-9-]{0,39}$/.test(row.key)) errors[`section${at}Key`] = `The key of section ${at} must start with a letter and have only lower-case letters, digits and dashes (40 at most)`;
    else if (seen.has(row.key)) errors[`section${at}Key`] = `Section ${at} has the same key as section ${seen.get(row.key)}`;
    if (row.key) seen.set(row.key, seen.get(row.key) ?? at);
    if (!row.title) errors[`section${at}Title`] = `Enter the heading of section ${at}`;
    else if (row.title.length > MAX_HEADING) errors[`section${at}Title`] = `The heading of section ${at} must be ${MAX_HEADING} characters or fewer`;
    const subsections = (row.subsections ?? '')
      .split(/\r?\n/)
      .map((l) => l.trim().replace(/\s+/g, ' '))
      .filter(Boolean);
    if (subsections.length > MAX_SUBSECTIONS) errors[`section${at}Subsections`] = `Section ${at} may have ${MAX_SUBSECTIONS} sub-sections at most`;
    else if (subsections.some((l) => l.length > MAX_HEADING)) errors[`section${at}Subsections`] = `Each sub-section heading of section ${at} must be ${MAX_HEADING} characters or fewer`;
    else if (subsections.length && row.key === RECOMMENDATIONS_KEY) errors[`section${at}Subsections`] = 'The recommendations are a numbered list: they have no sub-sections';
    sections.push({ key: row.key, title: row.title, numbered: row.numbered === 'yes', subsections });
  }
  if (!kept.length) errors.section1Key = 'Enter at least one section';
  else if (!Object.keys(errors).length) {
    const problems = sectionTemplateProblems(sections);
    if (problems.length) errors.section1Key = problems.join('; ');
  }
  return { sections, errors };
}
