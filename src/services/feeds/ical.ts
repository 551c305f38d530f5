/**
 * iCal feeds of meetings (RFC 5545; issue 11, deliver 10; ADR 0021), written with ical-generator (pinned
 * to 10.x, the last line that runs on Node 20). Each meeting is one VEVENT:
 *
 * - UID: the meeting's uid, stable through every change, so a calendar that subscribed updates the event
 *   instead of adding a second one; SEQUENCE: the meeting's sequence, raised by every change.
 * - DTSTART;TZID=Europe/London: the wall time in London, with a VTIMEZONE for Europe/London (GMT/BST), so
 *   a 7pm meeting stays at 7pm in summer and in winter on every calendar, whatever the server's time zone.
 *   No DTEND: a meeting's end is not known (RFC 5545 §3.6.1: the event then ends when it starts).
 * - STATUS: CANCELLED for a cancelled meeting, TENTATIVE while postponed, CONFIRMED otherwise; the summary
 *   says so too, for calendars that do not show STATUS.
 * - LOCATION: the venue; URL: the meeting's page; DESCRIPTION: its status, the reason for a cancellation or
 *   postponement (as the page shows it) and the link.
 *
 * Text is escaped by the library (backslash, comma, semicolon, newlines) and long lines folded at 75 octets.
 */
import ical, { escape, ICalCalendarMethod, ICalEventStatus, type ICalTemporalPlainDateTimeStub, type ICalTemporalZonedDateTimeStub } from 'ical-generator';
import { LONDON, londonInstant } from '../../domain/londonTime.ts';
import { formatLongDate } from '../../domain/workingDays.ts';
import { formatStartTime, MEETING_STATUS_LABELS, type MeetingStatus } from '../../domain/meetings.ts';
import type { FeedMeeting } from './model.ts';

/**
 * Europe/London as a VTIMEZONE: GMT in winter, BST (UTC+1) from 01:00 UTC on the last Sunday of March to
 * 01:00 UTC on the last Sunday of October (the rule since 1996).
 */
export const LONDON_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/London',
  'X-LIC-LOCATION:Europe/London',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0000',
  'TZOFFSETTO:+0100',
  'TZNAME:BST',
  'DTSTART:19700329T010000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0000',
  'TZNAME:GMT',
  'DTSTART:19701025T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

const ICAL_STATUS: Record<MeetingStatus, ICalEventStatus> = {
  scheduled: ICalEventStatus.CONFIRMED,
  'agenda-published': ICalEventStatus.CONFIRMED,
  held: ICalEventStatus.CONFIRMED,
  'minutes-draft': ICalEventStatus.CONFIRMED,
  'minutes-agreed': ICalEventStatus.CONFIRMED,
  cancelled: ICalEventStatus.CANCELLED,
  postponed: ICalEventStatus.TENTATIVE,
};

/**
 * A London wall time in the form ical-generator takes for a time in a named zone (its documented Temporal
 * PlainDateTime shape): the digits are written as they are after TZID=Europe/London, never converted
 * through the server's own time zone as a JavaScript Date would be.
 */
class LondonWallTime implements ICalTemporalPlainDateTimeStub {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second = 0;

  constructor(
    private readonly date: string,
    private readonly time: string,
  ) {
    this.year = Number(date.slice(0, 4));
    this.month = Number(date.slice(5, 7));
    this.day = Number(date.slice(8, 10));
    this.hour = Number(time.slice(0, 2));
    this.minute = Number(time.slice(3, 5));
  }

  toString(): string {
    return `${this.date}T${this.time}:00`;
  }
  toJSON(): string {
    return this.toString();
  }
  toPlainDate() {
    const { year, month, day, date } = this;
    return { year, month, day, toString: () => date, toJSON: () => date };
  }
  toZonedDateTime(timeZone: string): ICalTemporalZonedDateTimeStub {
    if (timeZone !== LONDON) throw new RangeError(`Meetings are held in ${LONDON} time, not ${timeZone}`);
    const instant = londonInstant(this.date, this.time);
    const zoned: ICalTemporalZonedDateTimeStub = {
      year: this.year,
      month: this.month,
      day: this.day,
      hour: this.hour,
      minute: this.minute,
      second: 0,
      timeZoneId: LONDON,
      toInstant: () => ({ epochMilliseconds: instant.getTime(), toJSON: () => instant.toISOString(), toString: () => instant.toISOString(), toZonedDateTimeISO: () => zoned }),
      toJSON: () => this.toString(),
      toString: () => this.toString(),
      toPlainDateTime: () => this,
      withTimeZone: () => zoned,
    };
    return zoned;
  }
}

function summaryOf(m: FeedMeeting): string {
  if (m.status === 'cancelled') return `Cancelled: ${m.committeeName}`;
  if (m.status === 'postponed') return `Postponed: ${m.committeeName}`;
  return m.committeeName;
}

function descriptionOf(m: FeedMeeting): string {
  const lines = [`${m.committeeName}, ${formatLongDate(m.date)} at ${formatStartTime(m.startTime)}.`, `Status: ${MEETING_STATUS_LABELS[m.status]}.`];
  if ((m.status === 'cancelled' || m.status === 'postponed') && m.statusReason) lines.push(`Reason: ${m.statusReason}`);
  lines.push(`Details, deadlines and papers: ${m.url}`);
  return lines.join('\n');
}

export interface CalendarOptions {
  /** The calendar's name (X-WR-CALNAME): "Meetings of Barnet Council", "Community Leadership Committee". */
  name: string;
  description: string;
  /** The page the calendar shows (the calendar of meetings, a committee's page). */
  url: string;
  meetings: readonly FeedMeeting[];
}

/** The iCal text of a calendar of meetings. */
export function meetingsCalendar(options: CalendarOptions): string {
  const calendar = ical({
    // The library writes the calendar's name and description as given: escaped here like every other text.
    name: escape(options.name, false),
    description: escape(options.description, false),
    url: options.url,
    prodId: { company: 'Townhall', product: 'Meetings', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
    // The VTIMEZONE of the events' zone. No calendar-wide zone: DTSTAMP, CREATED and LAST-MODIFIED are
    // then written in UTC ('Z'), as RFC 5545 requires; the events carry TZID=Europe/London themselves.
    timezone: { name: null, generator: (zone) => (zone === LONDON ? LONDON_VTIMEZONE : null) },
    x: { 'X-WR-TIMEZONE': LONDON },
    // Calendar apps that poll ask again after this long (REFRESH-INTERVAL, X-PUBLISHED-TTL).
    ttl: 60 * 60 * 6,
  });
  for (const m of options.meetings) {
    calendar.createEvent({
      id: m.uid,
      sequence: m.sequence,
      start: new LondonWallTime(m.date, m.startTime),
      timezone: LONDON,
      stamp: m.updatedAt,
      created: m.createdAt,
      lastModified: m.updatedAt,
      summary: summaryOf(m),
      description: descriptionOf(m),
      location: m.venue,
      url: m.url,
      status: ICAL_STATUS[m.status],
    });
  }
  return calendar.toString();
}
