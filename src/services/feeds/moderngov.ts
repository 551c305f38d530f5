/**
 * A read-only web service shaped like ModernGov's mgWebService.asmx (issue 11, deliver 10; ADR 0021):
 * GetCommittees, GetMeetings, GetMeeting and GetCouncillorsByWard answer XML with ModernGov's element
 * names (lower case, as its HTTP GET answers carry them), so scrapers and tools written for the ~200
 * ModernGov councils read Townhall unchanged. The mapping, and what is left empty, is in
 * docs/civic-data.md. Pure: the service (src/services/civicDataService.ts) decides what is public.
 *
 * ModernGov's own forms are kept: dates dd/mm/yyyy, times "7.00 pm", booleans True/False, HTML in
 * <agendatext> (escaped, as ModernGov sends it).
 */
import type { MeetingStatus } from '../../domain/meetings.ts';
import type { MembershipRole } from '../../domain/membership.ts';
import { displayName } from '../../domain/people.ts';
import type { FeedAgendaItem, FeedCommittee, FeedMeeting, FeedPerson } from './model.ts';
import { el, xmlDocument, type XmlElement } from './xml.ts';

/** '2018-11-21' → '21/11/2018'. */
export const moderngovDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** '19:00' → '7.00 pm'; '10:30' → '10.30 am'. */
export function moderngovTime(time: string): string {
  const [h, m] = time.split(':').map(Number) as [number, number];
  return `${h % 12 === 0 ? 12 : h % 12}.${String(m).padStart(2, '0')} ${h < 12 ? 'am' : 'pm'}`;
}

/** ModernGov's meeting statuses: a meeting is Confirmed until it is cancelled (or, here, postponed). */
export const MODERNGOV_STATUS: Record<MeetingStatus, string> = {
  scheduled: 'Confirmed',
  'agenda-published': 'Confirmed',
  held: 'Confirmed',
  'minutes-draft': 'Confirmed',
  'minutes-agreed': 'Confirmed',
  cancelled: 'Cancelled',
  postponed: 'Postponed',
};

const AGENDA_PUBLISHED: readonly MeetingStatus[] = ['agenda-published', 'held', 'minutes-draft', 'minutes-agreed'];

/** How ModernGov names a seat on a committee in <attendee roledescription>. */
export const MODERNGOV_ROLE: Record<MembershipRole, string> = {
  chairman: 'Chairman',
  'vice-chairman': 'Vice-Chairman',
  member: 'Committee Member',
  substitute: 'Substitute',
};

/** ModernGov's category of a committee; Townhall does not group committees. */
const CATEGORY = 'Committees';

const committeeElements = (c: FeedCommittee) => [
  el('committeeid', c.id),
  el('committeetitle', c.name),
  el('committeedeleted', false),
  el('committeeexpired', false),
  el('committeecategory', CATEGORY),
];

/** GetCommittees: every committee. */
export function getCommitteesXml(committees: readonly FeedCommittee[]): string {
  return xmlDocument(el('committees', [el('committeescount', committees.length), ...committees.map((c) => el('committee', committeeElements(c)))]));
}

/** GetMeetings: meetings grouped by committee, each committee with its count. */
export function getMeetingsXml(groups: readonly { committee: FeedCommittee; meetings: readonly FeedMeeting[] }[]): string {
  const count = groups.reduce((n, g) => n + g.meetings.length, 0);
  return xmlDocument(
    el('getmeetings', [
      el('meetingscount', count),
      el('committeescount', groups.length),
      ...groups.map((g) =>
        el('committee', [
          el('committeeid', g.committee.id),
          el('committeetitle', g.committee.name),
          el('committeemeetingcount', g.meetings.length),
          el(
            'committeemeetings',
            g.meetings.map((m) =>
              el('meeting', [el('meetingid', m.id), el('meetingdate', moderngovDate(m.date)), el('meetingstatus', MODERNGOV_STATUS[m.status]), el('meetingtime', moderngovTime(m.startTime)), el('iswebcast', false)]),
            ),
          ),
        ]),
      ),
    ]),
  );
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Plain text as the HTML ModernGov puts in <agendatext>: one paragraph per line. */
export function agendaHtml(text: string): string {
  return text
    .split(/\r?\n+/)
    .filter((line) => line.trim())
    .map((line) => `<p>${line.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!)}</p>`)
    .join('\n');
}

function agendaItem(item: FeedAgendaItem, meeting: FeedMeeting, committee: FeedCommittee): XmlElement {
  const [number, sub] = item.number.split('.', 2);
  return el('agendaitem', [
    el('agendaitemid', item.id),
    el('agendaitemtitle', item.title),
    // A restricted item's only text is its Schedule 12A placeholder: never its own text.
    el('agendatext', item.restricted ? (item.placeholder ? agendaHtml(item.placeholder) : null) : item.text ? agendaHtml(item.text) : null),
    el('agendaitemnumber', number),
    el('agendaitemsubnumber', sub ?? null),
    el('fulldisplaynumberformat', `${item.number}.`),
    el('isrestricted', item.restricted),
    el('isdisplayallowed', true),
    el('meetingdate', moderngovDate(meeting.date)),
    el('meetingtime', moderngovTime(meeting.startTime)),
    el(
      'linkeddocuments',
      item.documents.map((d) =>
        el('linkeddoc', [
          el('attachmentid', d.id),
          el('title', d.title),
          el('isurl', false),
          el('url', d.restricted ? null : d.url),
          el('isrestricted', d.restricted),
          el('meetingdate', moderngovDate(meeting.date)),
          el('committeetitle', committee.name),
          el('ownertitle', item.title),
        ]),
      ),
    ),
  ]);
}

export interface MeetingAttendee {
  person: FeedPerson;
  role: MembershipRole;
}

export interface GetMeetingInput {
  meeting: FeedMeeting;
  committee: FeedCommittee;
  /** The agenda as the public may see it, in order; empty while the meeting has no agenda. */
  agenda: readonly FeedAgendaItem[];
  /** The committee's Chairman, Vice-Chairman and members on the meeting's date (substitutes are not expected). */
  attendees: readonly MeetingAttendee[];
}

/** GetMeeting: one meeting, its agenda items with their linked documents, and its expected attendees. */
export function getMeetingXml(input: GetMeetingInput): string {
  const { meeting: m, committee } = input;
  const upcoming = m.status === 'scheduled' || m.status === 'agenda-published' || m.status === 'postponed';
  return xmlDocument(
    el('meeting', [
      el('meetingid', m.id),
      el('meetingdate', moderngovDate(m.date)),
      el('meetingstatus', MODERNGOV_STATUS[m.status]),
      el('isdisplayallowed', true),
      el('meetingtime', moderngovTime(m.startTime)),
      el('meetingactualstarttime'),
      el('meetingplannedfinishtime'),
      el('meetingactualfinishtime'),
      el('meetinglocation', m.venue),
      el('iswebcast', false),
      el('agendaid', m.id),
      el('agendapublished', AGENDA_PUBLISHED.includes(m.status)),
      el('decisionpublished', false),
      el('minutepublished', m.status === 'minutes-agreed'),
      el('meetingroom'),
      el('committeeid', committee.id),
      el('committeetitle', m.committeeName),
      el('url', m.url),
      el(
        'agendaitems',
        input.agenda.map((item) => agendaItem(item, m, committee)),
      ),
      el(
        'attendees',
        input.attendees.map((a) =>
          el('attendee', [el('url', a.person.url)], {
            membertype: 'U',
            memberid: a.person.id,
            name: displayName(a.person),
            roledescription: MODERNGOV_ROLE[a.role],
            // Attendance is not recorded yet: members are expected at a meeting still to come.
            attendance: upcoming ? 'Expected' : null,
            politicalparty: a.person.party,
            ward: a.person.ward,
          }),
        ),
      ),
    ]),
  );
}

export interface WardCouncillors {
  /** The ward's name; null for councillors whose ward is not recorded (written as an empty <wardtitle>). */
  ward: string | null;
  councillors: readonly { person: FeedPerson; keyPosts: readonly string[] }[];
}

/** GetCouncillorsByWard: every councillor, grouped by ward. */
export function getCouncillorsByWardXml(wards: readonly WardCouncillors[]): string {
  return xmlDocument(
    el('councillorsbyward', [
      el(
        'wards',
        wards.map((w) =>
          el('ward', [
            el('wardtitle', w.ward),
            el('councillors', [
              el('councillorcount', w.councillors.length),
              ...w.councillors.map(({ person: p, keyPosts }) =>
                el('councillor', [
                  el('councillorid', p.id),
                  el('fullusername', displayName(p)),
                  el('photosmallurl'),
                  el('photobigurl'),
                  el('politicalpartytitle', p.party),
                  el('politicalgrouptitle'),
                  el('districttitle'),
                  el('representing'),
                  el('keyposts', keyPosts.join('; ')),
                  el('workaddress', [el('phone', p.phone), el('email', p.email)]),
                ]),
              ),
            ]),
          ]),
        ),
      ),
    ]),
  );
}
