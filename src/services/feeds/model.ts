/**
 * What the feeds and open civic data are made from (ADR 0021): the public facts of committee business,
 * gathered by src/services/civicDataService.ts — which decides what the public may see — and written
 * out by the pure builders beside this file (iCal, Popolo / Open Civic Data JSON, ModernGov-shaped XML).
 * Links are absolute URLs, made by the caller (the web knows the addresses of its pages).
 */
import type { MeetingStatus } from '../../domain/meetings.ts';
import type { MembershipRole } from '../../domain/membership.ts';

/** A meeting as the public sees it. */
export interface FeedMeeting {
  id: number;
  /** Stable for calendars: the same meeting keeps it through every change. */
  uid: string;
  /** Rises with every change of the meeting. */
  sequence: number;
  committeeId: number;
  committeeSlug: string;
  /** The committee's name on the meeting's date. */
  committeeName: string;
  date: string;
  /** 'HH:MM', London time. */
  startTime: string;
  venue: string;
  status: MeetingStatus;
  /** Why it was cancelled or postponed (shown on its page). */
  statusReason: string | null;
  createdAt: Date;
  updatedAt: Date;
  /** The meeting's page. */
  url: string;
}

/** A committee as the public sees it. */
export interface FeedCommittee {
  id: number;
  slug: string;
  /** Its name now, and the names it had before (newest first). */
  name: string;
  formerNames: string[];
  shortName: string | null;
  quorum: number | null;
  /** The committee's members page. */
  url: string;
  /** Its governance contact: an officer whose name and contact details the committee's page shows. */
  contact: FeedPerson | null;
}

/** A person as the public sees them: councillors, and officers named as a committee's contact. */
export interface FeedPerson {
  id: number;
  slug: string;
  name: string;
  kind: 'councillor' | 'officer';
  party: string | null;
  ward: string | null;
  jobTitle: string | null;
  email: string | null;
  phone: string | null;
  /** A councillor's page; null for officers (they have none). */
  url: string | null;
}

export interface FeedMembership {
  id: number;
  committeeId: number;
  personId: number;
  role: MembershipRole;
  from: string;
  to: string | null;
}

/**
 * An agenda item as the public may see it, for GetMeeting and the Open Civic Data events. Made from the
 * PUBLISHED agenda only (src/services/agendaService.ts `publishedAgendas`): none while a meeting's agenda
 * is a draft. An exempt item is restricted: its only text is the Schedule 12A placeholder and its paper
 * carries no link.
 */
export interface FeedAgendaItem {
  /** The agenda item; null for the motion to exclude the press and public, which the system adds. */
  id: number | null;
  /** "1", "2", "5.1" — as the agenda numbers it. */
  number: string;
  title: string;
  /** Plain text shown under the title: the motion's words, "To follow." (never written for a restricted item). */
  text: string | null;
  restricted: boolean;
  /** A restricted item's Schedule 12A placeholder ("By virtue of paragraph N …"): all it shows. */
  placeholder?: string | null;
  documents: { id: number; title: string; url: string | null; restricted: boolean }[];
}

/** The addresses of the public pages a feed links to, absolute (made by the web, which owns them). */
export interface FeedLinks {
  /** The calendar of meetings. */
  meetings: string;
  /** The committees page. */
  committees: string;
  meeting(id: number): string;
  committee(slug: string): string;
  councillor(slug: string): string;
  /** A report paper's public page. */
  paper(meetingId: number, paperId: number): string;
}
