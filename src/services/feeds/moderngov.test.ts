import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import type { FeedCommittee, FeedMeeting, FeedPerson } from './model.ts';
import { agendaHtml, getCommitteesXml, getMeetingXml, moderngovDate, moderngovTime } from './moderngov.ts';
import { escapeXml } from './xml.ts';

/** Every element's name and text, in document order; throws on anything not well-formed. */
function read(xml: string): { name: string; text: string; attributes: Record<string, string> }[] {
  const parser = new SaxesParser();
  const out: { name: string; text: string; attributes: Record<string, string> }[] = [];
  const open: { name: string; text: string; attributes: Record<string, string> }[] = [];
  parser.on('error', (e) => {
    throw e;
  });
  parser.on('opentag', (tag) => {
    const node = { name: tag.name, text: '', attributes: tag.attributes as Record<string, string> };
    out.push(node);
    open.push(node);
  });
  parser.on('text', (t) => {
    if (open.length) open[open.length - 1]!.text += t;
  });
  parser.on('closetag', () => open.pop());
  parser.write(xml).close();
  return out;
}

const committee: FeedCommittee = { id: 3, slug: 'clc', name: 'Community Leadership Committee', formerNames: [], shortName: null, quorum: 3, url: 'https://t.example/committees/clc/members', contact: null };
const meeting: FeedMeeting = {
  id: 12,
  uid: 'u@townhall',
  sequence: 1,
  committeeId: 3,
  committeeSlug: 'clc',
  committeeName: 'Community Leadership Committee',
  date: '2018-11-21',
  startTime: '19:00',
  venue: 'Hendon Town Hall',
  status: 'agenda-published',
  statusReason: null,
  createdAt: new Date(),
  updatedAt: new Date(),
  url: 'https://t.example/meetings/12',
};
const reuben: FeedPerson = { id: 5, slug: 'reuben-thompstone', name: 'Reuben Thompstone', kind: 'councillor', party: 'Conservative', ward: 'Golders Green', jobTitle: null, email: null, phone: null, url: 'https://t.example/councillors/reuben-thompstone' };

describe('the ModernGov-shaped web service’s XML', () => {
  it('writes dates, times and booleans as ModernGov does', () => {
    expect(moderngovDate('2018-11-21')).toBe('21/11/2018');
    expect([moderngovTime('19:00'), moderngovTime('10:30'), moderngovTime('12:00'), moderngovTime('00:15')]).toEqual(['7.00 pm', '10.30 am', '12.00 pm', '12.15 am']);
    const committees = read(getCommitteesXml([committee]));
    expect(committees.map((e) => [e.name, e.text.trim()])).toEqual([
      ['committees', ''],
      ['committeescount', '1'],
      ['committee', ''],
      ['committeeid', '3'],
      ['committeetitle', 'Community Leadership Committee'],
      ['committeedeleted', 'False'],
      ['committeeexpired', 'False'],
      ['committeecategory', 'Committees'],
    ]);
  });

  it('lists the agenda items it is given, numbered, with exempt ones restricted, showing only their placeholder and no link', () => {
    const xml = getMeetingXml({
      meeting,
      committee,
      agenda: [
        { id: 101, number: '1', title: 'Minutes of the last meeting', text: 'To approve the minutes.\nAs a correct record.', restricted: false, documents: [{ id: 9, title: 'Minutes', url: 'https://t.example/papers/9', restricted: false }] },
        { id: 102, number: '5.1', title: 'Exempt appendix', text: 'Secret text', restricted: true, placeholder: 'By virtue of paragraph 1 of Part 1 of Schedule 12A of the Local Government Act 1972.', documents: [{ id: 10, title: 'Appendix B', url: 'https://t.example/papers/10', restricted: true }] },
      ],
      attendees: [{ person: reuben, role: 'chairman' }],
    });
    const elements = read(xml);
    const item = (n: number) => {
      const starts = elements.map((e, i) => (e.name === 'agendaitem' ? i : -1)).filter((i) => i >= 0);
      return elements.slice(starts[n]!, starts[n + 1] ?? elements.findIndex((e) => e.name === 'attendees'));
    };
    const text = (els: typeof elements, name: string) => els.find((e) => e.name === name)?.text;
    expect(item(0).map((e) => e.name)).toEqual([
      'agendaitem', 'agendaitemid', 'agendaitemtitle', 'agendatext', 'agendaitemnumber', 'agendaitemsubnumber', 'fulldisplaynumberformat', 'isrestricted', 'isdisplayallowed', 'meetingdate', 'meetingtime',
      'linkeddocuments', 'linkeddoc', 'attachmentid', 'title', 'isurl', 'url', 'isrestricted', 'meetingdate', 'committeetitle', 'ownertitle',
    ]);
    // <agendatext> is HTML, as ModernGov's is: the parser gives back the markup, escaped once more inside.
    expect(text(item(0), 'agendatext')).toBe('<p>To approve the minutes.</p>\n<p>As a correct record.</p>');
    expect(text(item(0), 'url')).toBe('https://t.example/papers/9');
    expect([text(item(1), 'agendaitemnumber'), text(item(1), 'agendaitemsubnumber'), text(item(1), 'fulldisplaynumberformat'), text(item(1), 'isrestricted')]).toEqual(['5', '1', '5.1.', 'True']);
    expect(xml).not.toContain('Secret text');
    expect(text(item(1), 'agendatext')).toBe('<p>By virtue of paragraph 1 of Part 1 of Schedule 12A of the Local Government Act 1972.</p>');
    expect(xml).not.toContain('papers/10');
    expect(elements.find((e) => e.name === 'attendee')!.attributes).toEqual({
      membertype: 'U', memberid: '5', name: 'Councillor Reuben Thompstone', roledescription: 'Chairman', attendance: 'Expected', politicalparty: 'Conservative', ward: 'Golders Green',
    });
    expect([text(elements, 'agendapublished'), text(elements, 'minutepublished')]).toEqual(['True', 'False']);
  });

  it('escapes markup in text and attributes and drops characters XML cannot carry, so the document stays well-formed', () => {
    const hostile = `</meetinglocation><x a="1">&amp; ' " \u0001\u0008\uFFFE\uD800 ok`;
    const xml = getMeetingXml({ meeting: { ...meeting, venue: hostile, committeeName: hostile }, committee, agenda: [], attendees: [{ person: { ...reuben, name: hostile, party: hostile }, role: 'member' }] });
    const elements = read(xml);
    const clean = `</meetinglocation><x a="1">&amp; ' "  ok`;
    expect(elements.find((e) => e.name === 'meetinglocation')!.text).toBe(clean);
    expect(elements.find((e) => e.name === 'attendee')!.attributes.politicalparty).toBe(clean);
    expect(escapeXml(`a<b>&"'`)).toBe('a&lt;b&gt;&amp;&quot;&apos;');
    expect(agendaHtml('<script>alert(1)</script>')).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>');
  });
});
