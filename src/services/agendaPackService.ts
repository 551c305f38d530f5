/**
 * One system (issue 12 deliver 6 and 7, ADR 0028): the committee's quarterly performance report placed on
 * a meeting's agenda as a paper whose body is a published version of the framework's report — its cover
 * filled from the framework and the work programme, never retyped, and a later version of the same period
 * shown beside it — and the agenda pack: the cover and order of business, then every published paper in
 * order, as one PDF. Who may see what is decided here and in AgendaService: a pack holds the viewer's
 * view of each paper (the Schedule 12A placeholder for exempt information unless they are entitled, and
 * every exempt view audited there).
 */
import { NOT_VISIBLE, PUBLIC_AUDIENCE, type NotVisible, type SessionUser } from '../domain/access.ts';
import { inOrder, orderOfBusiness } from '../domain/agenda.ts';
import { monthsOf, periodFromKey, formatPeriod } from '../domain/periods.ts';
import type { Person } from '../domain/people.ts';
import type { ProgrammeItem } from '../domain/workProgramme.ts';
import { readRecommendations, type CoverSheet } from '../domain/reportPaper.ts';
import { formatDate, type IsoDate } from '../domain/workingDays.ts';
import { inTransaction } from '../db/transaction.ts';
import type { Db } from '../db/connection.ts';
import type { ReportDocument } from '../documents/model.ts';
import { agendaPaperParts } from '../reports/agendaPaperDocument.ts';
import { exemptPlaceholderDocument, packFront, packMeta, writtenPaperDocument, type PackCover, type PackLine } from '../reports/agendaPackDocument.ts';
import { kindOf } from '../reports/kinds.ts';
import type { PackDocument, PackPart } from '../reports/pack.ts';
import { defaultTitle, quarterlyRecommendation, quarterlySummary } from '../reports/performanceDocument.ts';
import type { AgendaPackRepository, PerformancePaperLink } from '../repositories/agendaPackRepository.ts';
import type { AgendaRepository } from '../repositories/agendaRepository.ts';
import { recordAudit } from '../repositories/auditRepository.ts';
import type { CommitteeBusinessRepository } from '../repositories/committeeBusinessRepository.ts';
import type { PublicationMeta, PublicationRepository } from '../repositories/publicationRepository.ts';
import type { AgendaService } from './agendaService.ts';
import { CommitteeBusinessError, requireManager, type Actor } from './committeeBusinessService.ts';
import type { MeetingService, MeetingView } from './meetingService.ts';
import type { OrganisationService } from './organisationService.ts';
import type { OutcomesService } from './outcomesService.ts';
import type { PaperService } from './paperService.ts';
import { sortPeriodKeys } from './publicationService.ts';
import type { WorkProgrammeService } from './workProgrammeService.ts';

type Viewer = Pick<SessionUser, 'id' | 'email' | 'role'> | null;

/** A published quarter that may go on a meeting's agenda. */
export interface PerformanceChoice {
  period: string;
  label: string;
  version: number;
  publishedAt: Date;
  /** The quarter the work programme places at this meeting. */
  programmed: boolean;
}

export interface PerformancePlacement {
  meeting: MeetingView;
  choices: PerformanceChoice[];
  /** The quarter suggested: the work programme's for this meeting, else the latest that ended before it. */
  suggested: string | null;
  /** Officers who may be the paper's contact. */
  officers: Person[];
  /** The officer the framework names for the committee's papers, when a person of committee business. */
  suggestedContact: string | null;
  /** "Report of" for the suggested quarter: the framework's paper details, else the work programme's item. */
  suggestedReportOf: string | null;
  /** Quarters already on the agenda. */
  placed: string[];
}

export interface PlacementInput {
  period?: string;
  contact?: string;
  /** Blank: the framework's paper details of the quarter, else the work programme's quarterly item. */
  reportOf?: string;
  summary?: string;
  recommendations?: string;
}

/** What a paper that is the performance report carries, and what was published since. */
export interface PerformancePaper {
  link: PerformancePaperLink;
  label: string;
  /** Versions of the same period published after the one on the agenda, newest first. */
  later: PublicationMeta[];
}

export interface AgendaPack {
  meeting: MeetingView;
  cover: PackCover;
  document: PackDocument;
  /** Whether the pack carries exempt information (the viewer is entitled to some). */
  full: boolean;
  /** The items that have pages, with their bookmark, in order. */
  parts: { key: string; number: string; title: string; paperId: number | null; placeholder: boolean }[];
  /** Papers published after the agenda (a supplementary pack holds them). */
  followed: number;
}

const isQuarterKey = (key: string) => /^\d{4}-Q[1-4]$/.test(key);

/** The work programme's quarterly performance item for the quarter at the meeting, else the one it has (the same rule: who reports it). */
function programmedItem(items: readonly ProgrammeItem[], period: string | null): ProgrammeItem | undefined {
  const performance = items.filter((i) => i.source === 'standing' && i.period !== null);
  return performance.find((i) => i.source === 'standing' && i.period === period) ?? performance[0];
}

/** The first day after a quarter: the month after its last, as an ISO date. */
function dayAfter(periodKey: string): IsoDate {
  const to = monthsOf(periodFromKey(periodKey)).to;
  const next = to.month === 12 ? { year: to.year + 1, month: 1 } : { year: to.year, month: to.month + 1 };
  return `${next.year}-${String(next.month).padStart(2, '0')}-01`;
}

export class AgendaPackService {
  constructor(
    private readonly db: Db,
    private readonly repo: AgendaPackRepository,
    private readonly agendaRepo: AgendaRepository,
    private readonly publications: PublicationRepository,
    private readonly business: CommitteeBusinessRepository,
    private readonly agendas: AgendaService,
    private readonly meetings: MeetingService,
    private readonly papers: PaperService,
    private readonly organisation: OrganisationService,
    private readonly workProgramme: WorkProgrammeService,
    /** The minutes of the previous meeting, item 1 of the pack (ADR 0026); none without it. */
    private readonly outcomes: Pick<OutcomesService, 'minutesModel' | 'minutesVisible'> | null = null,
  ) {}

  /** The published minutes of the committee's meeting before this one, as the viewer may see them (item 1 of a pack). */
  private async previousMinutes(meeting: MeetingView, viewer: Viewer): Promise<ReportDocument | null> {
    if (!this.outcomes) return null;
    const earlier = (await this.meetings.meetings({ committeeIds: [meeting.committeeId], to: meeting.date }))
      .filter((m) => m.date < meeting.date && m.status !== 'cancelled' && m.status !== 'postponed')
      .sort((a, b) => (a.date < b.date ? 1 : -1))[0];
    // Only minutes published (as a draft for agreement, or agreed): never a staff draft in a pack.
    if (!earlier || !(await this.outcomes.minutesVisible(earlier.id, null))) return null;
    const model = await this.outcomes.minutesModel(earlier.id, viewer);
    return model === NOT_VISIBLE ? null : kindOf('minutes').build(model, {});
  }

  // The performance report on the agenda

  /** What the placement form offers for a meeting (managers only); null for no such meeting. */
  async placement(meetingId: number, actor: Actor): Promise<PerformancePlacement | null> {
    requireManager(actor, 'build agendas');
    const meeting = await this.meetings.meeting(meetingId);
    if (!meeting) return null;
    const [latest, programme, people, papers] = await Promise.all([
      this.publications.latestVersions(meeting.committeeId),
      this.workProgramme.meetingItems(meetingId),
      this.business.people(),
      this.agendaRepo.papersOfMeeting(meetingId),
    ]);
    const programmed = programme?.items.find((i) => i.source === 'standing' && i.period !== null);
    const programmedPeriod = programmed?.source === 'standing' ? programmed.period : null;
    const keys = sortPeriodKeys(latest.filter((p) => isQuarterKey(p.period) && dayAfter(p.period) <= meeting.date).map((p) => p.period));
    const choices = keys
      .reverse()
      .map((key) => latest.find((p) => p.period === key)!)
      .map((p) => ({ period: p.period, label: formatPeriod(periodFromKey(p.period)), version: p.version, publishedAt: p.publishedAt, programmed: p.period === programmedPeriod }));
    const suggested = choices.find((c) => c.programmed)?.period ?? choices[0]?.period ?? null;
    const links = await this.repo.performanceLinks(papers.map((p) => p.id));
    const officers = people.filter((p) => p.kind === 'officer');
    let suggestedContact: string | null = null;
    let suggestedReportOf: string | null = null;
    if (suggested) {
      const { model } = await this.papers.paper({ kind: 'quarterly', committee: meeting.committee.slug, period: formatPeriod(periodFromKey(suggested)) }, PUBLIC_AUDIENCE);
      const officer = model.paper.officer?.name.trim().toLowerCase();
      suggestedContact = officers.find((p) => p.name.toLowerCase() === officer)?.slug ?? null;
      suggestedReportOf = model.paper.reportOf?.trim() || programmedItem(programme?.items ?? [], suggested)?.reportOf || null;
    }
    return { meeting, choices, suggested, officers, suggestedContact, suggestedReportOf, placed: [...links.values()].map((l) => l.period) };
  }

  /**
   * Places the committee's performance report of a published quarter on the meeting's draft agenda, as a
   * report with its paper, in one transaction (audited). The cover comes from the framework (the title,
   * "Report of" from the paper details, else the work programme), the key decision from the work
   * programme; the summary and recommendations are the author's, else the report's own. Every error at once.
   */
  async placePerformanceReport(meetingId: number, input: PlacementInput, actor: Actor): Promise<number> {
    const form = await this.placement(meetingId, actor);
    if (!form) throw new CommitteeBusinessError({ period: 'There is no such meeting' });
    const errors: Record<string, string> = {};
    const period = (input.period ?? '').trim() || form.suggested;
    const choice = form.choices.find((c) => c.period === period);
    if (!form.choices.length) errors.period = 'No quarter of this committee that ended before the meeting is published: publish one first';
    else if (!choice) errors.period = 'Choose a published quarter that ended before the meeting';
    else if (form.placed.includes(choice.period)) errors.period = `The ${choice.label} performance report is already on this agenda`;
    const contactSlug = (input.contact ?? '').trim() || form.suggestedContact;
    const contact = contactSlug ? form.officers.find((p) => p.slug === contactSlug) : undefined;
    if (!contact) errors.contact = 'Select the officer to contact about the report';
    const summary = (input.summary ?? '').trim();
    if (summary.length > 20_000) errors.summary = 'Summary must be 20,000 characters or fewer';
    const recommendations = readRecommendations(input.recommendations ?? '');
    if (recommendations.some((r) => r.length > 2_000)) errors.recommendations = 'Each recommendation must be 2,000 characters or fewer';
    const meeting = form.meeting;
    const programme = await this.workProgramme.meetingItems(meetingId);
    const programmed = programmedItem(programme?.items ?? [], choice?.period ?? null);
    let cover: CoverSheet | null = null;
    let sections: Record<string, string> = {};
    let recs: string[] = [];
    let publication: PublicationMeta | undefined;
    if (choice) {
      publication = (await this.publications.versions(meeting.committeeId, choice.period)).find((v) => v.version === choice.version);
      const { model } = await this.papers.paper({ kind: 'quarterly', committee: meeting.committee.slug, period: choice.label }, PUBLIC_AUDIENCE, choice.version);
      const reportOf = (input.reportOf ?? '').trim().replace(/\s+/g, ' ') || model.paper.reportOf?.trim() || programmed?.reportOf || null;
      if (!reportOf) errors.reportOf = 'Enter who the report is from: neither the paper details of the quarter nor the work programme say';
      else if (reportOf.length > 500) errors.reportOf = '“Report of” must be 500 characters or fewer';
      cover = {
        title: defaultTitle('quarterly', model),
        reportOf: reportOf ?? '',
        wards: 'All',
        status: 'public',
        exemptParagraph: null,
        urgent: programmed?.issueType === 'urgent',
        key: programmed?.issueType === 'key' ? 'key' : 'non-key',
        enclosures: [],
        contactIds: contact ? [contact.id] : [],
      };
      sections = { summary: summary || quarterlySummary(model) };
      recs = recommendations.length ? recommendations : [quarterlyRecommendation(model)];
    }
    if (Object.keys(errors).length) throw new CommitteeBusinessError(errors);
    return inTransaction(this.db, async (trx) => {
      // The item the agenda took from the work programme's quarterly performance row for this quarter, when
      // the agenda was started from the programme and it has no paper yet: the report is placed there.
      const agenda = await this.agendaRepo.lockAgenda(trx, meetingId);
      const programmed = agenda && !agenda.publishedAt
        ? (await this.agendaRepo.items(meetingId, trx)).find((i) => i.kind === 'report' && i.paperId === null && i.programme?.source === 'standing' && i.programme.period === choice!.period)
        : undefined;
      let itemId: number;
      if (programmed) {
        itemId = programmed.id;
        await this.agendaRepo.updateItem(trx, itemId, { title: cover!.title });
      } else itemId = await this.agendas.insertReport(trx, meetingId, { title: cover!.title, standing: false, toFollow: false }, actor);
      const paperId = await this.agendaRepo.insertPaper(trx, itemId, { cover: cover!, sections, recommendations: recs, file: null });
      await this.repo.insertPerformanceLink(trx, paperId, publication!.id, actor.email);
      await recordAudit(trx, [
        {
          actor: actor.email,
          action: 'paper:place-performance-report',
          entity: 'paper',
          entityKey: String(paperId),
          before: null,
          after: { meeting: meetingId, item: itemId, period: choice!.period, version: choice!.version, title: cover!.title, reportOf: cover!.reportOf, key: cover!.key },
          reason: null,
        },
      ]);
      return itemId;
    });
  }

  /** The published version a paper carries and the versions of its period published since; null when it is not the performance report. */
  async performanceOfPaper(paperId: number): Promise<PerformancePaper | null> {
    const link = (await this.repo.performanceLinks([paperId])).get(paperId);
    if (!link) return null;
    const versions = await this.publications.versions(link.committeeId, link.period);
    return { link, label: formatPeriod(periodFromKey(link.period)), later: versions.filter((v) => v.version > link.version) };
  }

  // The agenda pack

  /**
   * The agenda pack of a meeting as the viewer may see it: NOT_VISIBLE until its agenda is published.
   * Papers to follow are listed, not included; exempt papers and appendices are their placeholders unless
   * the viewer is entitled (AgendaService.paper decides and audits).
   */
  async pack(meetingId: number, viewer: Viewer, options: { supplementary?: boolean } = {}): Promise<AgendaPack | NotVisible> {
    const agenda = await this.agendaRepo.agenda(meetingId);
    const meeting = agenda?.publishedAt ? await this.meetings.meeting(meetingId) : null;
    if (!meeting) return NOT_VISIBLE;
    const [items, council, followed] = await Promise.all([this.agendaRepo.items(meetingId), this.organisation.councilName(), this.repo.followedItems(meetingId)]);
    const supplementary = options.supplementary === true;
    // A supplementary pack: the papers published after the agenda (they were to follow), numbered as on it.
    if (supplementary && followed.size === 0) return NOT_VISIBLE;
    // Each paper as the viewer may see it, with its uploaded pages (AgendaService decides, and audits exempt views).
    const packPapers = new Map((await this.agendas.paperPages(meetingId, viewer)).map((p) => [p.paperId, p]));
    const lines = orderOfBusiness(inOrder(items), meeting.committeeName).filter((l) => !supplementary || (l.item !== null && followed.has(l.item.id)));
    const paperIds = items.map((i) => i.paperId).filter((id): id is number => id !== null);
    const links = await this.repo.performanceLinks(paperIds);
    const deadlines = meeting.deadlines ?? [];
    const cover: PackCover = {
      council: council ?? '',
      committeeName: meeting.committeeName,
      date: meeting.date,
      startTime: meeting.startTime,
      venue: meeting.venue,
      quorum: meeting.committeeOnDate.details.quorum,
      membership: meeting.committeeOnDate.membership,
      publicQuestions: deadlines.find((d) => d.kind === 'publicQuestions') ?? null,
      governanceContact: meeting.committeeOnDate.governanceContact,
      lines: [],
      motion: null,
      full: false,
      supplementary,
    };
    const meta = packMeta(cover);
    const parts: PackPart[] = [];
    const listed: AgendaPack['parts'] = [];
    const packLines: PackLine[] = [];
    let full = false;
    for (const line of lines) {
      const item = line.item;
      if (!item) {
        cover.motion = line.title;
        packLines.push({ number: line.number, title: line.title, partKey: null, note: null });
        continue;
      }
      const key = `item-${item.id}`;
      const bookmark = `${line.number}. ${line.title}`;
      let document: ReportDocument | null = null;
      let placeholder = false;
      // Uploaded papers (ADR 0027): a PDF's own pages, a Word file's blocks, as parts of their item.
      let uploaded: PackPart[] | null = null;
      const packPaper = item.paperId !== null && !item.toFollow ? packPapers.get(item.paperId) : undefined;
      if (packPaper) {
        const view = packPaper.view;
        if (view.entitlement !== null && (view.cover.status !== 'public' || view.cover.enclosures.some((e) => e.exemptParagraph !== null))) full = true;
        const link = links.get(packPaper.paperId);
        const hasUpload = packPaper.body.kind === 'pdf' || packPaper.body.kind === 'document' || packPaper.enclosures.some((e) => e.pages.kind === 'pdf' || e.pages.kind === 'document');
        if (view.placeholder) {
          placeholder = true;
          document = exemptPlaceholderDocument(line.number, line.title, view.placeholder, meta);
        } else if (link) {
          document = await this.performanceDocument(meeting, view.cover, view.contacts, view.paper.sections.summary ?? '', view.recommendations, link);
        } else if (hasUpload) {
          uploaded = agendaPaperParts({ ...packPaper, itemNumber: line.number }, cover.council, key);
        } else {
          document = writtenPaperDocument(
            {
              itemNumber: line.number,
              committeeName: meeting.committeeName,
              meetingDate: meeting.date,
              cover: view.cover,
              contacts: view.contacts,
              headings: view.headings,
              recommendations: view.recommendations,
              placeholder: null,
              enclosures: view.enclosures.map((e) => ({ title: e.title, body: e.body, placeholder: e.placeholder })),
            },
            meta,
          );
        }
      } else if (item.kind === 'minutes') {
        document = await this.previousMinutes(meeting, viewer);
      } else if (item.kind === 'work-programme') {
        const view = await this.workProgramme.programme(meeting.committee.slug, meeting.date);
        if (view) document = kindOf('work-programme').build(view, {});
      }
      const itemParts = uploaded?.length ? uploaded : document ? [{ itemKey: key, bookmark, document }] : [];
      parts.push(...itemParts);
      if (itemParts.length) listed.push({ key, number: line.number, title: line.title, paperId: item.paperId, placeholder });
      packLines.push({ number: line.number, title: line.title, partKey: itemParts.length ? key : null, note: item.toFollow ? 'To follow' : null });
    }
    cover.lines = packLines;
    cover.full = full;
    const frontMeta = packMeta(cover);
    return {
      meeting,
      cover,
      full,
      parts: listed,
      followed: followed.size,
      document: { meta: frontMeta, front: (ranges) => packFront(cover, ranges), frontBookmark: 'Cover and order of business', parts },
    };
  }

  /** The performance report's paper: the published version it carries, with the cover and narrative of its agenda paper. */
  private async performanceDocument(meeting: MeetingView, cover: CoverSheet, contacts: Person[], summary: string, recommendations: string[], link: PerformancePaperLink): Promise<ReportDocument> {
    const { model, issued } = await this.papers.paper({ kind: 'quarterly', committee: meeting.committee.slug, period: formatPeriod(periodFromKey(link.period)) }, PUBLIC_AUDIENCE, link.version);
    return kindOf('quarterly').build(model, {
      title: cover.title,
      meetingDate: formatDate(meeting.date),
      reportOf: cover.reportOf,
      wards: cover.wards,
      urgent: cover.urgent,
      keyDecision: cover.key === 'key',
      officerContacts: contacts.map((p) => ({ name: p.name, ...(p.jobTitle ? { role: p.jobTitle } : {}), ...(p.email ? { email: p.email } : {}), ...(p.phone ? { phone: p.phone } : {}) })),
      ...(summary.trim() ? { summary: summary.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean) } : {}),
      ...(recommendations.length ? { recommendations } : {}),
      ...(issued ? { issued } : {}),
    });
  }
}
