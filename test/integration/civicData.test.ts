/**
 * Feeds and open civic data on both engines (issue 11, deliver 10 and 13; ADR 0021): the iCal feeds (a
 * stable UID, SEQUENCE rising with each change, STATUS:CANCELLED, Europe/London times across the clock
 * change, escaping), the Popolo / Open Civic Data export's shape, the ModernGov-shaped XML (element names,
 * escaping, well-formed), links to the feeds from the pages, and nothing that is not public in any of them.
 */
import { gunzipSync } from 'node:zlib';
import { SaxesParser } from 'saxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/web/server.ts';
import { createTestDatabase, engines, type TestDatabase } from '../support/db.ts';
import { smallCouncil, writeCsvWorkbook } from '../support/workbook.ts';

const GOV = { email: 'governance@council.gov.uk', role: 'governance-officer' as const };
const SLUG = 'test-committee';
const NONE = { day: '', month: '', year: '' };
const d = (iso: string) => ({ day: iso.slice(8, 10), month: iso.slice(5, 7), year: iso.slice(0, 4) });
/** Text a feed must escape: XML's, iCal's and HTML's special characters. */
const VENUE = 'Hendon Town Hall, "Committee Room 1"; <Annex> & Co';
/** Written by staff for the audit log only, never shown to the public. */
const AUDIT_REASON = 'AUDIT-ONLY reason: the chairman asked';
const SECRET_OFFICER_EMAIL = 'not.a.contact@council.gov.uk';

interface XmlTree {
  name: string;
  attributes: Record<string, string>;
  children: XmlTree[];
  text: string;
}

/** Parses XML with a conforming parser (throws on anything not well-formed) into a tree. */
function parseXml(xml: string): XmlTree {
  const parser = new SaxesParser();
  const root: XmlTree = { name: '#document', attributes: {}, children: [], text: '' };
  const stack = [root];
  parser.on('error', (error) => {
    throw error;
  });
  parser.on('opentag', (tag) => {
    const node: XmlTree = { name: tag.name, attributes: tag.attributes as Record<string, string>, children: [], text: '' };
    stack[stack.length - 1]!.children.push(node);
    stack.push(node);
  });
  parser.on('text', (text) => {
    stack[stack.length - 1]!.text += text;
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.write(xml).close();
  return root.children[0]!;
}

const child = (node: XmlTree, name: string) => node.children.find((c) => c.name === name);
const names = (node: XmlTree) => node.children.map((c) => c.name);
const all = (node: XmlTree, name: string): XmlTree[] => [...(node.name === name ? [node] : []), ...node.children.flatMap((c) => all(c, name))];

/** An iCal text's events, each as its unfolded property lines. */
function events(ics: string): string[][] {
  const lines = ics.replace(/\r\n[ \t]/g, '').split('\r\n');
  const out: string[][] = [];
  let current: string[] | null = null;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') current = [];
    else if (line === 'END:VEVENT') {
      out.push(current!);
      current = null;
    } else current?.push(line);
  }
  return out;
}

const prop = (event: string[], name: string) => event.find((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`));

describe.each(engines())('feeds and open civic data on %s', (engine) => {
  let t: TestDatabase;
  let server: ReturnType<typeof buildServer>;
  let summer: number;
  let winter: number;
  let uid: string;

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    expect((await t.app.imports.importFile(await writeCsvWorkbook(smallCouncil()))).ok).toBe(true);
    const cb = t.app.committeeBusiness;
    const reuben = await cb.addPerson({ name: 'Reuben Thompstone', kind: 'councillor', party: 'Conservative', ward: 'Golders Green', email: 'reuben@barnet.gov.uk' }, GOV);
    const anne = await cb.addPerson({ name: 'Anne <b>Hutton</b> & "Co"', kind: 'councillor', party: 'Labour', ward: 'Burnt Oak & Colindale' }, GOV);
    await cb.addPerson({ name: 'Abigail Lewis', kind: 'officer', jobTitle: 'Governance Officer', email: 'abigail.lewis@barnet.gov.uk', phone: '020 8359 2761' }, GOV);
    await cb.addPerson({ name: 'Private Officer', kind: 'officer', jobTitle: 'Analyst', email: SECRET_OFFICER_EMAIL, phone: '020 0000 0000' }, GOV);
    await cb.changeCommitteeDetails(SLUG, { quorum: '3', shortName: 'CLC', governanceContact: 'abigail-lewis' }, GOV);
    await cb.addMembership(SLUG, { person: reuben.slug, role: 'chairman', from: d('2017-05-22'), to: NONE }, GOV);
    await cb.addMembership(SLUG, { person: anne.slug, role: 'substitute', from: d('2017-05-22'), to: d('2019-05-01') }, GOV);
    // 21 June 2017 is in British Summer Time (UTC+1); 21 November 2018 in Greenwich Mean Time.
    const s = await t.app.meetings.addMeeting({ committee: SLUG, date: d('2017-06-21'), startTime: '7pm', venue: VENUE }, GOV);
    const w = await t.app.meetings.addMeeting({ committee: SLUG, date: d('2018-11-21'), startTime: '19:00', venue: 'Hendon Town Hall' }, GOV);
    summer = s.id;
    winter = w.id;
    uid = s.uid;
    server = buildServer(t.app);
    await server.ready();
  });
  afterAll(async () => {
    await server?.close();
    await t?.dispose();
  });

  const get = (url: string) => server.inject({ url, headers: { host: 'townhall.example.gov.uk' } });
  const committeeFeed = async () => {
    const res = await get(`/committees/${SLUG}/meetings.ics`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    return res.body;
  };

  it('gives each meeting a stable UID, Europe/London wall times with a VTIMEZONE, the venue escaped and a link to its page', async () => {
    const ics = await committeeFeed();
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(ics).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/London');
    const [june, november] = events(ics);
    expect(prop(june!, 'UID')).toBe(`UID:${uid}`);
    expect(prop(june!, 'SEQUENCE')).toBe('SEQUENCE:0');
    // 7pm in London both in summer and in winter: the wall time with its zone, never shifted to UTC.
    expect(prop(june!, 'DTSTART')).toBe('DTSTART;TZID=Europe/London:20170621T190000');
    expect(prop(november!, 'DTSTART')).toBe('DTSTART;TZID=Europe/London:20181121T190000');
    expect(prop(june!, 'LOCATION')).toBe('LOCATION:Hendon Town Hall\\, "Committee Room 1"\\; <Annex> & Co');
    expect(prop(june!, 'URL')).toBe(`URL;VALUE=URI:http://townhall.example.gov.uk/meetings/${summer}`);
    expect(prop(june!, 'STATUS')).toBe('STATUS:CONFIRMED');
    expect(prop(june!, 'DTSTAMP')).toMatch(/^DTSTAMP:\d{8}T\d{6}Z$/);
  });

  it('raises SEQUENCE with every change and keeps the UID; a cancelled meeting is STATUS:CANCELLED', async () => {
    await t.app.meetings.changeMeeting(summer, { date: d('2017-06-21'), startTime: '18:30', venue: VENUE, reason: AUDIT_REASON }, GOV);
    let [june] = events(await committeeFeed());
    expect([prop(june!, 'UID'), prop(june!, 'SEQUENCE'), prop(june!, 'DTSTART')]).toEqual([`UID:${uid}`, 'SEQUENCE:1', 'DTSTART;TZID=Europe/London:20170621T183000']);
    await t.app.meetings.moveMeeting(summer, { to: 'cancelled', reason: 'No business to transact' }, GOV);
    [june] = events(await committeeFeed());
    expect([prop(june!, 'UID'), prop(june!, 'SEQUENCE'), prop(june!, 'STATUS')]).toEqual([`UID:${uid}`, 'SEQUENCE:2', 'STATUS:CANCELLED']);
    expect(prop(june!, 'SUMMARY')).toBe('SUMMARY:Cancelled: Test Committee');
    expect(prop(june!, 'DESCRIPTION')).toContain('Reason: No business to transact');
    // The council's feed has every committee's meetings, the same events.
    const council = events((await get('/meetings.ics')).body);
    expect(council.map((e) => prop(e, 'UID'))).toEqual(expect.arrayContaining([`UID:${uid}`]));
    expect(council.find((e) => prop(e, 'UID') === `UID:${uid}`)).toEqual(june);
    expect((await get('/committees/no-such-committee/meetings.ics')).statusCode).toBe(404);
    // Compressed for calendar apps that ask: the same text.
    const plain = (await get('/meetings.ics')).body;
    const packed = await server.inject({ url: '/meetings.ics', headers: { host: 'townhall.example.gov.uk', 'accept-encoding': 'gzip' } });
    expect([packed.headers['content-encoding'], packed.headers.vary]).toEqual(['gzip', 'Accept-Encoding']);
    expect(gunzipSync(packed.rawPayload).toString('utf8')).toBe(plain);
  });

  it('exports Popolo / Open Civic Data: persons, organisations, areas, dated memberships with substitutes, and events with offsets', async () => {
    const res = await get('/open-data/popolo.json');
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const popolo = res.json();
    expect(Object.keys(popolo)).toEqual(['persons', 'organizations', 'areas', 'memberships', 'events', 'motions', 'vote_events']);
    const reuben = popolo.persons.find((p: { name: string }) => p.name === 'Reuben Thompstone');
    expect(reuben).toMatchObject({ sort_name: 'Thompstone, Reuben', email: 'reuben@barnet.gov.uk', identifiers: [{ scheme: 'townhall-slug', identifier: 'reuben-thompstone' }] });
    expect(reuben.links[0].url).toBe('http://townhall.example.gov.uk/councillors/reuben-thompstone');
    const committee = popolo.organizations.find((o: { classification: string; name: string }) => o.classification === 'committee' && o.name === 'Test Committee');
    expect(committee).toMatchObject({ parent_id: 'council', other_names: [{ name: 'CLC', note: 'Short name' }] });
    expect(committee.contact_details).toEqual([
      { type: 'email', value: 'abigail.lewis@barnet.gov.uk', label: 'Abigail Lewis, Governance Officer' },
      { type: 'voice', value: '020 8359 2761', label: 'Abigail Lewis, Governance Officer' },
    ]);
    expect(popolo.organizations.filter((o: { classification: string }) => o.classification === 'party').map((o: { name: string }) => o.name)).toEqual(['Conservative', 'Labour']);
    expect(popolo.areas.map((a: { name: string }) => a.name)).toEqual(['Burnt Oak & Colindale', 'Golders Green']);
    const seats = popolo.memberships.filter((m: { organization_id: string }) => m.organization_id === committee.id);
    expect(seats.map((m: { role: string; start_date: string; end_date?: string }) => [m.role, m.start_date, m.end_date ?? null])).toEqual([
      ['Chairman', '2017-05-22', null],
      ['Substitute', '2017-05-22', '2019-05-01'],
    ]);
    expect(popolo.memberships).toContainEqual({ id: `councillor/${reuben.id.split('/')[1]}`, person_id: reuben.id, organization_id: 'council', role: 'Councillor', area_id: 'ward/golders-green', on_behalf_of_id: 'party/conservative' });
    const june = popolo.events.find((e: { id: string }) => e.id === `meeting/${summer}`);
    const november = popolo.events.find((e: { id: string }) => e.id === `meeting/${winter}`);
    expect(june).toMatchObject({ start_date: '2017-06-21T18:30:00+01:00', timezone: 'Europe/London', status: 'cancelled', location: { name: VENUE }, organization_id: committee.id, identifiers: [{ scheme: 'icalendar-uid', identifier: uid }] });
    expect(november).toMatchObject({ start_date: '2018-11-21T19:00:00+00:00', status: 'confirmed' });
  });

  it('answers GetCommittees, GetMeetings, GetMeeting and GetCouncillorsByWard with ModernGov’s element names, escaped and well-formed', async () => {
    const committees = parseXml((await get('/mgWebService.asmx/GetCommittees')).body);
    expect(committees.name).toBe('committees');
    const committee = all(committees, 'committee').find((c) => child(c, 'committeetitle')!.text === 'Test Committee')!;
    expect(names(committee)).toEqual(['committeeid', 'committeetitle', 'committeedeleted', 'committeeexpired', 'committeecategory']);
    const committeeId = child(committee, 'committeeid')!.text;

    const meetingsRes = await get(`/mgWebService.asmx/GetMeetings?lCommitteeId=${committeeId}&sFromDate=01/01/2017&sToDate=31/12/2017`);
    expect(meetingsRes.headers['content-type']).toBe('text/xml; charset=utf-8');
    const meetings = parseXml(meetingsRes.body);
    expect(names(meetings)).toEqual(['meetingscount', 'committeescount', 'committee']);
    const listed = all(meetings, 'meeting');
    expect(listed.map((m) => [names(m), child(m, 'meetingdate')!.text, child(m, 'meetingstatus')!.text, child(m, 'meetingtime')!.text])).toEqual([
      [['meetingid', 'meetingdate', 'meetingstatus', 'meetingtime', 'iswebcast'], '21/06/2017', 'Cancelled', '6.30 pm'],
    ]);
    // Every committee (lCommitteeId=0), the dates as yyyy-mm-dd, the names in lower case as some clients send them.
    const both = parseXml((await get('/mgwebservice.asmx/getmeetings?lcommitteeid=0&sfromdate=2017-01-01&stodate=2018-12-31')).body);
    expect(all(both, 'meetingid').map((m) => Number(m.text))).toEqual([summer, winter]);

    const meeting = parseXml((await get(`/mgWebService.asmx/GetMeeting?lMeetingId=${winter}`)).body);
    expect(meeting.name).toBe('meeting');
    expect(names(meeting)).toEqual(expect.arrayContaining(['meetingid', 'meetingdate', 'meetingstatus', 'meetingtime', 'meetinglocation', 'agendapublished', 'minutepublished', 'agendaitems', 'attendees']));
    expect([child(meeting, 'meetingdate')!.text, child(meeting, 'meetingtime')!.text, child(meeting, 'meetingstatus')!.text]).toEqual(['21/11/2018', '7.00 pm', 'Confirmed']);
    // No agenda yet: an empty <agendaitems>. The members on the day are expected (substitutes are not).
    expect(child(meeting, 'agendaitems')!.children).toEqual([]);
    expect(all(meeting, 'attendee').map((a) => [a.attributes.name, a.attributes.roledescription, a.attributes.attendance, a.attributes.politicalparty])).toEqual([
      ['Councillor Reuben Thompstone', 'Chairman', 'Expected', 'Conservative'],
    ]);
    // The venue's quotes, ampersand and angle brackets come back exactly as typed.
    const cancelled = parseXml((await get(`/mgWebService.asmx/GetMeeting?lMeetingId=${summer}`)).body);
    expect(child(cancelled, 'meetinglocation')!.text).toBe(VENUE);

    const wards = parseXml((await get('/mgWebService.asmx/GetCouncillorsByWard')).body);
    expect(wards.name).toBe('councillorsbyward');
    expect(all(wards, 'wardtitle').map((w) => w.text)).toEqual(['Burnt Oak & Colindale', 'Golders Green']);
    const anne = all(wards, 'councillor').find((c) => child(c, 'fullusername')!.text.startsWith('Councillor Anne'))!;
    expect(child(anne, 'fullusername')!.text).toBe('Councillor Anne <b>Hutton</b> & "Co"');
    expect(names(anne).slice(0, 2)).toEqual(['councillorid', 'fullusername']);
    const reuben = all(wards, 'councillor').find((c) => child(c, 'fullusername')!.text === 'Councillor Reuben Thompstone')!;
    expect(child(reuben, 'keyposts')!.text).toBe('Chairman, Test Committee');
    expect(child(child(reuben, 'workaddress')!, 'email')!.text).toBe('reuben@barnet.gov.uk');
  });

  it('refuses what it cannot read and finds nothing that is not there', async () => {
    expect((await get('/mgWebService.asmx/GetMeeting?lMeetingId=abc')).statusCode).toBe(400);
    expect((await get('/mgWebService.asmx/GetMeetings?sFromDate=31/02/2018')).statusCode).toBe(400);
    expect((await get('/mgWebService.asmx/GetMeeting?lMeetingId=999999')).statusCode).toBe(404);
    expect((await get('/mgWebService.asmx/GetAttachment')).statusCode).toBe(404);
  });

  it('puts nothing in any feed that the public pages do not show', async () => {
    const outputs = await Promise.all(
      ['/meetings.ics', `/committees/${SLUG}/meetings.ics`, '/open-data/popolo.json', '/mgWebService.asmx/GetCommittees', '/mgWebService.asmx/GetMeetings', `/mgWebService.asmx/GetMeeting?lMeetingId=${summer}`, `/mgWebService.asmx/GetMeeting?lMeetingId=${winter}`, '/mgWebService.asmx/GetCouncillorsByWard'].map(async (url) => {
        const res = await get(url);
        expect([url, res.statusCode]).toEqual([url, 200]);
        return res.body;
      }),
    );
    for (const body of outputs) {
      // An officer who is not a committee's contact, and the reason staff gave the audit log for a change.
      expect(body).not.toContain(SECRET_OFFICER_EMAIL);
      expect(body).not.toContain('Private Officer');
      expect(body).not.toContain('AUDIT-ONLY');
    }
  });

  it('links to the feeds from the calendar and the committee’s page, and announces them in the head', async () => {
    const calendar = (await get('/meetings?month=2018-11')).body;
    expect(calendar).toContain('<link rel="alternate" type="text/calendar" href="/meetings.ics" title="All meetings (iCal)">');
    expect(calendar).toMatch(/<a class="govuk-link" href="\/meetings.ics">Subscribe to every meeting in your calendar app/);
    const committee = (await get(`/committees/${SLUG}/members`)).body;
    expect(committee).toContain(`<link rel="alternate" type="text/calendar" href="/committees/${SLUG}/meetings.ics"`);
    expect(committee).toContain(`href="/committees/${SLUG}/meetings.ics">Subscribe to this committee’s meetings`);
    const openData = (await get('/open-data')).body;
    expect(openData).toContain('href="/open-data/popolo.json"');
    expect(openData).toContain('href="/mgWebService.asmx/GetCommittees"');
  });
});
