/**
 * Popolo / Open Civic Data JSON of committee business (issue 11, deliver 10; ADR 0021): one document with
 * the Popolo collections `persons`, `organizations`, `memberships`, `areas` and `events` (the layout of a
 * Popolo export, as EveryPolitician and pupa write it). Events follow Open Civic Data's event (status,
 * timezone, location object) as Popolo's own event is a draft. What the standards lack — substitutes,
 * quorum, governance contacts as a role, exempt status — and how it is written is in docs/civic-data.md.
 * Pure: the service (src/services/civicDataService.ts) decides what is public.
 */
import { LONDON, londonIso } from '../../domain/londonTime.ts';
import { MEETING_STATUS_LABELS, type MeetingStatus } from '../../domain/meetings.ts';
import { MEMBERSHIP_ROLE_LABELS } from '../../domain/membership.ts';
import { personSlug } from '../../domain/people.ts';
import type { FeedAgendaItem, FeedCommittee, FeedMeeting, FeedMembership, FeedPerson } from './model.ts';

export interface PopoloInput {
  council: { name: string; url: string };
  committees: readonly FeedCommittee[];
  /** Councillors (officers appear only as a committee's contact). */
  councillors: readonly FeedPerson[];
  memberships: readonly FeedMembership[];
  /** Each with its published agenda as the public may see it (empty while there is none). */
  meetings: readonly (FeedMeeting & { agenda?: readonly FeedAgendaItem[] })[];
  /** Motions of published minutes, exempt items left out (ADR 0026); the service decides which. */
  motions?: readonly FeedMotion[];
}

/**
 * An Open Civic Data event's agenda: each item's order and description; an exempt item's note is its
 * Schedule 12A placeholder; a public paper is linked as the item's media (a restricted one is not).
 */
function ocdAgenda(items: readonly FeedAgendaItem[]) {
  return items.map((item) => ({
    order: item.number,
    description: item.title,
    subjects: [] as string[],
    notes: item.restricted ? (item.placeholder ? [item.placeholder] : []) : item.text ? [item.text] : [],
    related_entities: [] as unknown[],
    media: item.documents.filter((d) => !d.restricted && d.url).map((d) => ({ note: d.title, links: [{ media_type: 'text/html', url: d.url! }] })),
    restricted: item.restricted,
  }));
}

/** A motion of published minutes, with its votes when one was taken (the result computed by src/domain/votes.ts). */
export interface FeedMotion {
  id: string;
  meetingId: number;
  committeeId: number;
  /** The meeting's date and start time (the vote's time is not recorded). */
  date: string;
  startTime: string;
  itemNumber: string;
  itemTitle: string;
  text: string;
  moverId: number;
  seconderId: number | null;
  counts: { for: number; against: number; abstain: number } | null;
  result: 'carried' | 'lost' | null;
  named: { personId: number; choice: 'for' | 'against' | 'abstain' }[];
  /** Whether the minutes are agreed as the correct record (else draft minutes). */
  agreed: boolean;
  url: string;
}

const POPOLO_OPTION = { for: 'yes', against: 'no', abstain: 'abstain' } as const;

/** Open Civic Data's event statuses. */
export const OCD_STATUS: Record<MeetingStatus, 'confirmed' | 'tentative' | 'cancelled' | 'passed'> = {
  scheduled: 'confirmed',
  'agenda-published': 'confirmed',
  held: 'passed',
  'minutes-draft': 'passed',
  'minutes-agreed': 'passed',
  cancelled: 'cancelled',
  postponed: 'tentative',
};

export const COUNCIL_ID = 'council';
export const personId = (id: number) => `person/${id}`;
export const committeeId = (id: number) => `committee/${id}`;
export const partyId = (party: string) => `party/${personSlug(party)}`;
export const wardId = (ward: string) => `ward/${personSlug(ward)}`;
export const meetingId = (id: number) => `meeting/${id}`;

/** "Reuben Thompstone" → "Thompstone, Reuben" (the family name is the last word, as Townhall sorts). */
function sortName(name: string): string {
  const words = name.trim().split(/\s+/);
  return words.length < 2 ? name : `${words[words.length - 1]}, ${words.slice(0, -1).join(' ')}`;
}

const compact = <T extends Record<string, unknown>>(o: T): Partial<T> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as Partial<T>;

function contactDetails(p: Pick<FeedPerson, 'email' | 'phone'>, label?: string) {
  return [
    ...(p.email ? [compact({ type: 'email', value: p.email, label })] : []),
    ...(p.phone ? [compact({ type: 'voice', value: p.phone, label })] : []),
  ];
}

export function popoloExport(input: PopoloInput) {
  const parties = [...new Set(input.councillors.map((p) => p.party).filter((p): p is string => !!p))].sort();
  const wards = [...new Set(input.councillors.map((p) => p.ward).filter((w): w is string => !!w))].sort();
  const committees = new Map(input.committees.map((c) => [c.id, c]));

  const persons = input.councillors.map((p) =>
    compact({
      id: personId(p.id),
      name: p.name,
      sort_name: sortName(p.name),
      honorific_prefix: 'Councillor',
      email: p.email,
      identifiers: [{ scheme: 'townhall-slug', identifier: p.slug }],
      contact_details: contactDetails(p),
      links: p.url ? [{ url: p.url, note: 'Councillor page' }] : [],
    }),
  );

  const organizations = [
    { id: COUNCIL_ID, name: input.council.name, classification: 'council', links: [{ url: input.council.url, note: 'Committees' }] },
    ...input.committees.map((c) =>
      compact({
        id: committeeId(c.id),
        name: c.name,
        other_names: [...(c.shortName ? [{ name: c.shortName, note: 'Short name' }] : []), ...c.formerNames.map((name) => ({ name, note: 'Former name' }))],
        classification: 'committee',
        parent_id: COUNCIL_ID,
        identifiers: [{ scheme: 'townhall-slug', identifier: c.slug }],
        // Popolo has no quorum, terms of reference or governance contact: the contact's details are the
        // committee's contact details, labelled with whose they are.
        contact_details: c.contact ? contactDetails(c.contact, [c.contact.name, c.contact.jobTitle].filter(Boolean).join(', ')) : [],
        links: [{ url: c.url, note: 'Members and meetings' }],
      }),
    ),
    ...parties.map((name) => ({ id: partyId(name), name, classification: 'party' })),
  ];

  const areas = wards.map((name) => ({ id: wardId(name), name, classification: 'ward', parent_id: null }));

  const memberships = [
    // Seats on committees, dated; a substitute's seat has the role "Substitute" (Popolo has no such concept).
    ...input.memberships
      .filter((m) => committees.has(m.committeeId))
      .map((m) =>
        compact({
          id: `membership/${m.id}`,
          person_id: personId(m.personId),
          organization_id: committeeId(m.committeeId),
          role: MEMBERSHIP_ROLE_LABELS[m.role],
          start_date: m.from,
          end_date: m.to,
        }),
      ),
    // Each councillor's seat on the council, for their ward and party (Townhall does not record terms of office).
    ...input.councillors.map((p) =>
      compact({
        id: `councillor/${p.id}`,
        person_id: personId(p.id),
        organization_id: COUNCIL_ID,
        role: 'Councillor',
        area_id: p.ward ? wardId(p.ward) : null,
        on_behalf_of_id: p.party ? partyId(p.party) : null,
      }),
    ),
    ...input.councillors
      .filter((p) => p.party)
      .map((p) => ({ id: `party-member/${p.id}`, person_id: personId(p.id), organization_id: partyId(p.party!), role: 'Member' })),
  ];

  const events = input.meetings.map((m) =>
    compact({
      id: meetingId(m.id),
      name: m.committeeName,
      classification: 'committee-meeting',
      description: `${MEETING_STATUS_LABELS[m.status]}${(m.status === 'cancelled' || m.status === 'postponed') && m.statusReason ? `: ${m.statusReason}` : ''}`,
      start_date: londonIso(m.date, m.startTime),
      timezone: LONDON,
      all_day: false,
      status: OCD_STATUS[m.status],
      location: { name: m.venue },
      organization_id: committeeId(m.committeeId),
      identifiers: [{ scheme: 'icalendar-uid', identifier: m.uid }],
      links: [{ url: m.url, note: 'Meeting page' }],
      agenda: ocdAgenda(m.agenda ?? []),
      updated_at: m.updatedAt.toISOString(),
    }),
  );

  // Popolo motions and vote events (https://www.popoloproject.com/specs/motion.html, vote-event.html).
  const motionList = input.motions ?? [];
  const motions = motionList.map((m) =>
    compact({
      id: `motion/${m.id}`,
      organization_id: committeeId(m.committeeId),
      creator_id: personId(m.moverId),
      text: m.text,
      classification: 'motion',
      date: londonIso(m.date, m.startTime),
      requirement: 'majority of the votes cast, the Chairman having a casting vote on a tie',
      result: m.result === null ? undefined : m.result === 'carried' ? 'pass' : 'fail',
      sources: [{ url: m.url, note: `Minutes (${m.agreed ? 'agreed' : 'draft'}), item ${m.itemNumber}: ${m.itemTitle}` }],
      extras: { event_id: meetingId(m.meetingId), seconder_id: m.seconderId === null ? null : personId(m.seconderId), agenda_item: m.itemNumber },
    }),
  );
  const vote_events = motionList
    .filter((m) => m.counts !== null)
    .map((m) =>
      compact({
        id: `vote-event/${m.id}`,
        motion_id: `motion/${m.id}`,
        organization_id: committeeId(m.committeeId),
        start_date: londonIso(m.date, m.startTime),
        result: m.result === 'carried' ? 'pass' : 'fail',
        counts: (['for', 'against', 'abstain'] as const).map((c) => ({ option: POPOLO_OPTION[c], value: m.counts![c] })),
        votes: m.named.map((v) => ({ voter_id: personId(v.personId), option: POPOLO_OPTION[v.choice] })),
      }),
    );

  return { persons, organizations, areas, memberships, events, motions, vote_events };
}

export type PopoloExport = ReturnType<typeof popoloExport>;
