import { describe, expect, it } from 'vitest';
import { inTimeZone } from '../../../test/support/timeZone.ts';
import { meetingsCalendar } from './ical.ts';
import type { FeedMeeting } from './model.ts';

const meeting = (over: Partial<FeedMeeting> = {}): FeedMeeting => ({
  id: 7,
  uid: 'a1b2@townhall',
  sequence: 0,
  committeeId: 1,
  committeeSlug: 'community-leadership-committee',
  committeeName: 'Community Leadership Committee',
  date: '2018-11-21',
  startTime: '19:00',
  venue: 'Hendon Town Hall',
  status: 'scheduled',
  statusReason: null,
  createdAt: new Date('2018-06-01T09:00:00Z'),
  updatedAt: new Date('2018-11-01T10:30:00Z'),
  url: 'https://townhall.example/meetings/7',
  ...over,
});

const calendar = (meetings: FeedMeeting[], name = 'Community Leadership Committee: meetings') => meetingsCalendar({ name, description: 'Its meetings', url: 'https://townhall.example/committees', meetings });
const unfolded = (ics: string) => ics.replace(/\r\n[ \t]/g, '').split('\r\n');

describe('the iCal feed of meetings', () => {
  it('writes each meeting at its London wall time with TZID, whatever the server’s own time zone', () => {
    const outputs = ['UTC', 'America/Los_Angeles', 'Asia/Tokyo'].map((zone) =>
      inTimeZone(zone, () => unfolded(calendar([meeting({ date: '2017-06-21' }), meeting({ uid: 'c3', date: '2018-03-25', startTime: '10:00' })])).filter((l) => /^(DTSTART;|DTSTAMP|CREATED|LAST-MODIFIED)/.test(l))),
    );
    expect(outputs[0]).toEqual([
      'DTSTAMP:20181101T103000Z',
      'DTSTART;TZID=Europe/London:20170621T190000',
      'CREATED:20180601T090000Z',
      'LAST-MODIFIED:20181101T103000Z',
      'DTSTAMP:20181101T103000Z',
      // The day the clocks go forward: 10am is still 10am.
      'DTSTART;TZID=Europe/London:20180325T100000',
      'CREATED:20180601T090000Z',
      'LAST-MODIFIED:20181101T103000Z',
    ]);
    expect(outputs[1]).toEqual(outputs[0]);
    expect(outputs[2]).toEqual(outputs[0]);
  });

  it('describes Europe/London’s summer and winter time once, and names the zone', () => {
    const ics = calendar([meeting(), meeting({ uid: 'other' })]);
    expect(ics.match(/BEGIN:VTIMEZONE/g)).toHaveLength(1);
    expect(ics).toContain('BEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0000\r\nTZOFFSETTO:+0100\r\nTZNAME:BST');
    expect(ics).toContain('RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU');
    expect(ics).toContain('X-WR-TIMEZONE:Europe/London');
  });

  it('marks cancelled and postponed meetings, with the reason the page gives', () => {
    const lines = unfolded(calendar([meeting({ status: 'cancelled', statusReason: 'No business', sequence: 4 }), meeting({ uid: 'p', status: 'postponed', statusReason: 'Election' })]));
    expect(lines).toContain('STATUS:CANCELLED');
    expect(lines).toContain('SUMMARY:Cancelled: Community Leadership Committee');
    expect(lines).toContain('SEQUENCE:4');
    expect(lines).toContain('STATUS:TENTATIVE');
    expect(lines.find((l) => l.startsWith('DESCRIPTION:') && l.includes('Election'))).toContain('Reason: Election');
  });

  it('escapes text, so no name, venue or reason can add a property or end an event', () => {
    const hostile = 'Room 1;\r\nEND:VEVENT\r\nBEGIN:VEVENT, \\ "x"';
    const ics = calendar([meeting({ venue: hostile, committeeName: hostile, status: 'cancelled', statusReason: hostile })], hostile);
    expect(ics.match(/^BEGIN:VEVENT$/gm)).toHaveLength(1);
    expect(ics.match(/^END:VEVENT$/gm)).toHaveLength(1);
    const lines = unfolded(ics);
    expect(lines).toContain('LOCATION:Room 1\\;\\nEND:VEVENT\\nBEGIN:VEVENT\\, \\\\ "x"');
    expect(lines).toContain('X-WR-CALNAME:Room 1\\;\\nEND:VEVENT\\nBEGIN:VEVENT\\, \\\\ "x"');
    // Lines are folded at 75 octets.
    expect(ics.split('\r\n').every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
  });
});
