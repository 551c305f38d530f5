/**
 * Feeds and open civic data of committee business (issue 11, deliver 10; ADR 0021): iCal feeds of
 * meetings (the council's and each committee's), a Popolo / Open Civic Data export, and a read-only web
 * service shaped like ModernGov's mgWebService.asmx.
 *
 * What the public may see is decided here, once for every format: committees, their meetings (every
 * status: a cancelled meeting is shown as cancelled), councillors with the details their public page
 * shows, dated memberships, and officers only as the governance contact a committee's page names — no
 * other officer, no audit reason, nothing a staff page alone shows. Agenda items come from
 * AgendaService.publishedAgendas: published agendas only, exempt items as their Schedule 12A placeholder,
 * papers' public links only (never a draft, never exempt content).
 *
 * Each answer is the same for everyone until the data change: it is kept under the data version it was
 * built at (src/services/dataVersion.ts; every table these read bumps it) and the address it links to, so
 * a calendar app polling the council's feed of thousands of meetings costs one build per change.
 */
import { inForceOn, MEMBERSHIP_ROLE_LABELS, type MembershipRole } from '../domain/membership.ts';
import { currentCommitteeName } from '../domain/organisation.ts';
import { sortKey, type Person } from '../domain/people.ts';
import type { IsoDate } from '../domain/workingDays.ts';
import type { CommitteeBusinessService, CommitteeBusinessView } from './committeeBusinessService.ts';
import { VersionedCache, type DataVersionWatcher } from './dataVersion.ts';
import { meetingsCalendar } from './feeds/ical.ts';
import type { AgendaService, PublishedAgendaLine } from './agendaService.ts';
import type { FeedAgendaItem, FeedCommittee, FeedLinks, FeedMeeting, FeedPerson } from './feeds/model.ts';
import { getCommitteesXml, getCouncillorsByWardXml, getMeetingsXml, getMeetingXml, type MeetingAttendee, type WardCouncillors } from './feeds/moderngov.ts';
import { popoloExport, type PopoloExport } from './feeds/popolo.ts';
import type { OutcomesService } from './outcomesService.ts';
import type { MeetingService, MeetingSummary } from './meetingService.ts';
import type { OrganisationService } from './organisationService.ts';

/** What a person shows the public: councillors their page's details; officers only as a committee's contact. */
function feedPerson(p: Person, links: FeedLinks): FeedPerson {
  return {
    id: p.id,
    slug: p.slug,
    name: p.name,
    kind: p.kind,
    party: p.kind === 'councillor' ? p.party : null,
    ward: p.kind === 'councillor' ? p.ward : null,
    jobTitle: p.kind === 'officer' ? p.jobTitle : null,
    email: p.email,
    phone: p.phone,
    url: p.kind === 'councillor' ? links.councillor(p.slug) : null,
  };
}

function feedCommittee(v: CommitteeBusinessView, links: FeedLinks): FeedCommittee {
  const name = currentCommitteeName(v.committee);
  return {
    id: v.committee.id,
    slug: v.committee.slug,
    name,
    formerNames: [...new Set(v.committee.names.map((n) => n.name).filter((n) => n !== name))].reverse(),
    shortName: v.details.shortName,
    quorum: v.details.quorum,
    url: links.committee(v.committee.slug),
    contact: v.governanceContact ? feedPerson(v.governanceContact, links) : null,
  };
}

function feedMeeting(m: MeetingSummary, links: FeedLinks): FeedMeeting {
  return {
    id: m.id,
    uid: m.uid,
    sequence: m.sequence,
    committeeId: m.committeeId,
    committeeSlug: m.committee.slug,
    committeeName: m.committeeName,
    date: m.date,
    startTime: m.startTime,
    venue: m.venue,
    status: m.status,
    statusReason: m.status === 'cancelled' || m.status === 'postponed' ? m.statusReason : null,
    createdAt: m.createdAt,
    updatedAt: m.updatedAt,
    url: links.meeting(m.id),
  };
}

/** A published agenda's lines as the feeds carry them: a restricted paper has no link. */
function feedAgenda(meetingId: number, lines: readonly PublishedAgendaLine[], links: FeedLinks): FeedAgendaItem[] {
  return lines.map((l) => ({
    id: l.itemId,
    number: l.number,
    title: l.title,
    text: l.restricted ? null : l.text,
    restricted: l.restricted,
    placeholder: l.placeholder,
    documents: l.paper ? [{ id: l.paper.id, title: l.paper.title, url: l.paper.restricted ? null : links.paper(meetingId, l.paper.id), restricted: l.paper.restricted }] : [],
  }));
}

/** GetMeetings' question: a committee (null: all) and the days from and to (both included). */
export interface MeetingsQuery {
  committeeId: number | null;
  from: IsoDate | null;
  to: IsoDate | null;
}

export class CivicDataService {
  readonly #cache = new VersionedCache<string | null>(64);

  constructor(
    private readonly organisation: OrganisationService,
    private readonly business: CommitteeBusinessService,
    private readonly meetings: MeetingService,
    private readonly agendas: AgendaService,
    private readonly dataVersion: DataVersionWatcher,
    /** Motions and votes of published minutes (ADR 0026); none without it. */
    private readonly outcomes: Pick<OutcomesService, 'publishedVotes'> | null = null,
  ) {}

  /** The answer kept for this question and these links at the current data version, or built now. */
  private async cached(links: FeedLinks, question: unknown[], build: () => Promise<string | null>): Promise<string | null> {
    return this.#cache.get(JSON.stringify([links.meetings, ...question]), await this.dataVersion.current(), build);
  }

  private async councilName(): Promise<string> {
    return (await this.organisation.councilName()) ?? 'The council';
  }

  /**
   * The iCal feed of every meeting of the council, or of one committee's (by its slug); null when there is
   * no such committee.
   */
  calendar(links: FeedLinks, committeeSlug: string | null = null): Promise<string | null> {
    return this.cached(links, ['calendar', committeeSlug], () => this.buildCalendar(links, committeeSlug));
  }

  private async buildCalendar(links: FeedLinks, committeeSlug: string | null): Promise<string | null> {
    const council = await this.councilName();
    if (committeeSlug === null) {
      const meetings = await this.meetings.meetings();
      return meetingsCalendar({
        name: `${council}: meetings`,
        description: `Every meeting of the committees of ${council}`,
        url: links.meetings,
        meetings: meetings.map((m) => feedMeeting(m, links)),
      });
    }
    const committee = await this.organisation.committeeBySlug(committeeSlug);
    if (!committee) return null;
    const name = currentCommitteeName(committee);
    const meetings = await this.meetings.meetings({ committeeIds: [committee.id] });
    return meetingsCalendar({
      name: `${name}: meetings`,
      description: `The meetings of ${name}, ${council}`,
      url: links.committee(committee.slug),
      meetings: meetings.map((m) => feedMeeting(m, links)),
    });
  }

  /** The Popolo export as JSON text. */
  async popoloJson(links: FeedLinks): Promise<string> {
    return (await this.cached(links, ['popolo'], async () => JSON.stringify(await this.popolo(links), null, 2) + '\n'))!;
  }

  /** Popolo / Open Civic Data: councillors, the council, its committees and parties, wards, memberships and meetings. */
  async popolo(links: FeedLinks): Promise<PopoloExport> {
    const [council, committees, people, memberships, meetings, votes] = await Promise.all([
      this.councilName(),
      this.business.committees(),
      this.business.people(),
      this.business.memberships(),
      this.meetings.meetings(),
      this.outcomes ? this.outcomes.publishedVotes() : Promise.resolve([]),
    ]);
    const councillors = people.filter((p) => p.kind === 'councillor').sort((a, b) => sortKey(a.name).localeCompare(sortKey(b.name)));
    const ids = new Set(councillors.map((p) => p.id));
    const agendas = await this.agendas.publishedAgendas(meetings.map((m) => ({ id: m.id, committeeName: m.committeeName })));
    return popoloExport({
      council: { name: council, url: links.committees },
      committees: committees.map((c) => feedCommittee(c, links)),
      councillors: councillors.map((p) => feedPerson(p, links)),
      // Only councillors sit on committees (the service refuses officers); kept to them all the same.
      memberships: memberships.filter((m) => ids.has(m.personId)).map((m) => ({ id: m.id, committeeId: m.committeeId, personId: m.personId, role: m.role, from: m.from, to: m.to })),
      meetings: meetings.map((m) => ({ ...feedMeeting(m, links), agenda: feedAgenda(m.id, agendas.get(m.id) ?? [], links) })),
      // Published minutes only, exempt items left out (OutcomesService.publishedVotes decides).
      motions: votes.map((v) => ({
        id: v.id,
        meetingId: v.meeting.id,
        committeeId: v.meeting.committeeId,
        date: v.meeting.date,
        startTime: v.meeting.startTime,
        itemNumber: v.itemNumber,
        itemTitle: v.itemTitle,
        text: v.text,
        moverId: v.mover.id,
        seconderId: v.seconder?.id ?? null,
        counts: v.counts,
        result: v.result,
        named: v.named.map((n) => ({ personId: n.person.id, choice: n.choice })),
        agreed: v.minutesState === 'agreed',
        url: `${links.meeting(v.meeting.id)}/minutes`,
      })),
    });
  }

  // The ModernGov-shaped web service (src/services/feeds/moderngov.ts).

  /** GetCommittees. */
  async getCommittees(links: FeedLinks): Promise<string> {
    return (await this.cached(links, ['GetCommittees'], async () => getCommitteesXml((await this.business.committees()).map((c) => feedCommittee(c, links)))))!;
  }

  /** GetMeetings: a committee's meetings (all committees' when none is given) between two dates. */
  async getMeetings(links: FeedLinks, query: MeetingsQuery): Promise<string> {
    return (await this.cached(links, ['GetMeetings', query.committeeId, query.from, query.to], () => this.buildGetMeetings(links, query)))!;
  }

  private async buildGetMeetings(links: FeedLinks, query: MeetingsQuery): Promise<string> {
    const committees = (await this.business.committees()).map((c) => feedCommittee(c, links));
    const asked = query.committeeId === null ? committees : committees.filter((c) => c.id === query.committeeId);
    const meetings = asked.length
      ? await this.meetings.meetings({ ...(query.from ? { from: query.from } : {}), ...(query.to ? { to: query.to } : {}), ...(query.committeeId === null ? {} : { committeeIds: [query.committeeId] }) })
      : [];
    const groups = asked
      .map((committee) => ({ committee, meetings: meetings.filter((m) => m.committeeId === committee.id).map((m) => feedMeeting(m, links)) }))
      // All committees: those that meet in the dates asked; one committee: it, even with no meetings.
      .filter((g) => query.committeeId !== null || g.meetings.length);
    return getMeetingsXml(groups);
  }

  /** GetMeeting: the meeting, its agenda as the public sees it, and its members on the day; null when there is none. */
  getMeeting(links: FeedLinks, id: number): Promise<string | null> {
    return this.cached(links, ['GetMeeting', id], () => this.buildGetMeeting(links, id));
  }

  private async buildGetMeeting(links: FeedLinks, id: number): Promise<string | null> {
    const meeting = await this.meetings.meeting(id);
    if (!meeting) return null;
    const [views, agendas] = await Promise.all([this.business.committees(), this.agendas.publishedAgendas([{ id, committeeName: meeting.committeeName }])]);
    const agenda = feedAgenda(id, agendas.get(id) ?? [], links);
    const view = views.find((v) => v.committee.id === meeting.committeeId)!;
    const on = meeting.committeeOnDate.membership;
    const seat = (role: MembershipRole) => (p: Person): MeetingAttendee => ({ person: feedPerson(p, links), role });
    const attendees = [...on.chairman.map(seat('chairman')), ...on.viceChairman.map(seat('vice-chairman')), ...on.members.map(seat('member'))];
    return getMeetingXml({ meeting: feedMeeting(meeting, links), committee: feedCommittee(view, links), agenda, attendees });
  }

  /** GetCouncillorsByWard: every councillor by ward, with the chairs they hold today as key posts. */
  async getCouncillorsByWard(links: FeedLinks): Promise<string> {
    // Key posts are those held today: today is part of the question.
    return (await this.cached(links, ['GetCouncillorsByWard', this.business.today()], () => this.buildGetCouncillorsByWard(links)))!;
  }

  private async buildGetCouncillorsByWard(links: FeedLinks): Promise<string> {
    const [people, memberships, committees] = await Promise.all([this.business.people(), this.business.memberships(), this.business.committees()]);
    const today = this.business.today();
    const names = new Map(committees.map((c) => [c.committee.id, c.name]));
    const keyPosts = (personId: number) =>
      memberships
        .filter((m) => m.personId === personId && (m.role === 'chairman' || m.role === 'vice-chairman') && inForceOn(m, today))
        .map((m) => `${MEMBERSHIP_ROLE_LABELS[m.role]}, ${names.get(m.committeeId) ?? ''}`);
    const byWard = new Map<string | null, WardCouncillors['councillors'][number][]>();
    for (const p of people.filter((p) => p.kind === 'councillor').sort((a, b) => sortKey(a.name).localeCompare(sortKey(b.name)))) {
      const ward = p.ward ?? null;
      if (!byWard.has(ward)) byWard.set(ward, []);
      byWard.get(ward)!.push({ person: feedPerson(p, links), keyPosts: keyPosts(p.id) });
    }
    const wards = [...byWard].map(([ward, councillors]) => ({ ward, councillors })).sort((a, b) => (a.ward ?? '\uffff').localeCompare(b.ward ?? '\uffff'));
    return getCouncillorsByWardXml(wards);
  }
}
