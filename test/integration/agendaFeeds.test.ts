/**
 * The published agenda in the feeds and open data on both engines (issue 11, deliver 5 and 10; ADR 0020,
 * ADR 0021): GetMeeting and the Open Civic Data events carry a meeting's PUBLISHED order of business —
 * numbered, titled as printed, exempt items as their Schedule 12A placeholder, papers' public links — and
 * never a draft agenda, a paper "to follow", a paper's content or an exempt paper's link.
 */
import { SaxesParser } from 'saxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exemptPlaceholder } from '../../src/domain/reportPaper.ts';
import type { PaperInput } from '../../src/services/agendaService.ts';
import { buildServer } from '../../src/web/server.ts';
import { createTestDatabase, engines, type TestDatabase } from '../support/db.ts';
import { smallCouncil, writeCsvWorkbook } from '../support/workbook.ts';

const GOV = { email: 'governance@council.gov.uk', role: 'governance-officer' as const };
const SLUG = 'test-committee';
const d = (iso: string) => ({ day: iso.slice(8, 10), month: iso.slice(5, 7), year: iso.slice(0, 4) });
const HOST = 'townhall.example.gov.uk';
/** Content of papers: never in a feed, public or not. */
const SECRET_APPENDIX = 'SECRET-APPENDIX names of the individuals referred';
const SECRET_PAPER = 'SECRET-PAPER terms of the contract';
const PUBLIC_SUMMARY = 'PAPER-SUMMARY an update on Prevent';
const DRAFT_TITLE = 'DRAFT-ONLY report on a draft agenda';

interface Node {
  name: string;
  children: Node[];
  text: string;
}

function parseXml(xml: string): Node {
  const parser = new SaxesParser();
  const root: Node = { name: '#document', children: [], text: '' };
  const stack = [root];
  parser.on('error', (error) => {
    throw error;
  });
  parser.on('opentag', (tag) => {
    const node: Node = { name: tag.name, children: [], text: '' };
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

const child = (node: Node, name: string) => node.children.find((c) => c.name === name);
const textOf = (node: Node, name: string) => child(node, name)?.text ?? '';

const paperInput = (over: Partial<PaperInput> = {}): PaperInput => ({
  title: 'Prevent and Community Engagement Update',
  reportOf: 'Chairman of the Committee',
  wards: 'All',
  status: 'public-exempt-appendices',
  exemptParagraph: '',
  urgent: 'no',
  key: 'non-key',
  contacts: ['sam-rosengard'],
  enclosures: [{ title: 'Appendix 1: Prevent case studies', paragraph: '1', body: SECRET_APPENDIX }],
  sections: { summary: PUBLIC_SUMMARY },
  recommendations: 'That the Committee note the report',
  ...over,
});

describe.each(engines())('published agendas in the feeds on %s', (engine) => {
  let t: TestDatabase;
  let server: ReturnType<typeof buildServer>;
  let published: number;
  let draft: number;
  let preventPaper: number;
  let exemptPaper: number;

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    expect((await t.app.imports.importFile(await writeCsvWorkbook(smallCouncil()))).ok).toBe(true);
    await t.app.committeeBusiness.addPerson({ name: 'Sam Rosengard', kind: 'officer', jobTitle: 'Prevent Coordinator' }, GOV);
    const a = t.app.agendas;
    published = (await t.app.meetings.addMeeting({ committee: SLUG, date: d('2018-11-21'), startTime: '7pm', venue: 'Hendon Town Hall' }, GOV)).id;
    draft = (await t.app.meetings.addMeeting({ committee: SLUG, date: d('2019-03-13'), startTime: '7pm', venue: 'Hendon Town Hall' }, GOV)).id;
    await a.startAgenda(published, GOV);
    const prevent = await a.addReport(published, { title: 'Prevent and Community Engagement Update' }, GOV);
    preventPaper = await a.savePaper(published, prevent, paperInput(), GOV);
    await a.addReport(published, { title: 'Nomination for Assets of Community Value', toFollow: true }, GOV);
    const contract = await a.addReport(published, { title: 'Contract award' }, GOV);
    exemptPaper = await a.savePaper(published, contract, paperInput({ title: 'Contract award', status: 'exempt', exemptParagraph: '3', enclosures: [], sections: { summary: SECRET_PAPER } }), GOV);
    await a.startAgenda(draft, GOV);
    const drafted = await a.addReport(draft, { title: DRAFT_TITLE }, GOV);
    await a.savePaper(draft, drafted, paperInput({ title: DRAFT_TITLE }), GOV);
    server = buildServer(t.app);
    await server.ready();
  });
  afterAll(async () => {
    await server?.close();
    await t?.dispose();
  });

  const get = async (url: string) => {
    const res = await server.inject({ url, headers: { host: HOST } });
    expect(res.statusCode, url).toBe(200);
    return res.body;
  };
  const getMeeting = async (id: number) => parseXml(await get(`/mgWebService.asmx/GetMeeting?lMeetingId=${id}`));

  it('carries no agenda item of an agenda not yet published', async () => {
    for (const id of [published, draft]) {
      const xml = await get(`/mgWebService.asmx/GetMeeting?lMeetingId=${id}`);
      expect(child(parseXml(xml), 'agendaitems')!.children).toEqual([]);
      expect(xml).not.toContain('Prevent');
      expect(xml).not.toContain(DRAFT_TITLE);
    }
    const popolo = await get('/open-data/popolo.json');
    expect(popolo).not.toContain('Prevent');
    expect(popolo).not.toContain(DRAFT_TITLE);
  });

  it('carries the published order of business: numbered, exempt items as their placeholder, public papers linked, nothing exempt', async () => {
    await t.app.agendas.publishAgenda(published, GOV);
    const xml = await get(`/mgWebService.asmx/GetMeeting?lMeetingId=${published}`);
    const items = child(parseXml(xml), 'agendaitems')!.children;
    const staff = (await t.app.agendas.staffAgenda(published, GOV))!;
    expect(items.map((i) => `${textOf(i, 'agendaitemnumber')}. ${textOf(i, 'agendaitemtitle')}`)).toEqual(staff.lines.map((l) => `${l.number}. ${l.title}`));
    const byTitle = (title: string) => items.find((i) => textOf(i, 'agendaitemtitle') === title)!;

    const prevent = byTitle('Prevent and Community Engagement Update');
    const doc = child(child(prevent, 'linkeddocuments')!, 'linkeddoc')!;
    expect([textOf(prevent, 'isrestricted'), textOf(doc, 'attachmentid'), textOf(doc, 'url'), textOf(doc, 'isrestricted')]).toEqual([
      'False',
      String(preventPaper),
      `http://${HOST}/meetings/${published}/papers/${preventPaper}`,
      'False',
    ]);
    // The paper's page the link leads to answers the public.
    expect(await get(`/meetings/${published}/papers/${preventPaper}`)).toContain('Prevent and Community Engagement Update');

    const toFollow = byTitle('Nomination for Assets of Community Value');
    expect(child(toFollow, 'linkeddocuments')!.children).toEqual([]);
    expect(textOf(toFollow, 'agendatext')).toBe('<p>To follow.</p>');

    const motion = byTitle('Motion to exclude the press and public');
    expect(textOf(motion, 'agendatext')).toContain('paragraph 3 of Part 1 of Schedule 12A');
    expect(Number(textOf(motion, 'agendaitemnumber')) + 1).toBe(Number(textOf(byTitle('Contract award'), 'agendaitemnumber')));

    const contract = byTitle('Contract award');
    const exemptDoc = child(child(contract, 'linkeddocuments')!, 'linkeddoc')!;
    expect([textOf(contract, 'isrestricted'), textOf(contract, 'agendatext'), textOf(exemptDoc, 'url'), textOf(exemptDoc, 'isrestricted')]).toEqual([
      'True',
      `<p>${exemptPlaceholder(3)}</p>`,
      '',
      'True',
    ]);

    for (const secret of [SECRET_APPENDIX, SECRET_PAPER, PUBLIC_SUMMARY, `papers/${exemptPaper}`]) expect(xml).not.toContain(secret);
    // The draft agenda of the other meeting stays out.
    expect(child(await getMeeting(draft), 'agendaitems')!.children).toEqual([]);
  });

  it('gives the Open Civic Data event the same agenda, and nothing of the draft', async () => {
    const text = await get('/open-data/popolo.json');
    const events = (JSON.parse(text) as { events: { id: string; agenda: { order: string; description: string; notes: string[]; media: { links: { url: string }[] }[] }[] }[] }).events;
    const event = events.find((e) => e.id === `meeting/${published}`)!;
    const staff = (await t.app.agendas.staffAgenda(published, GOV))!;
    expect(event.agenda.map((i) => `${i.order}. ${i.description}`)).toEqual(staff.lines.map((l) => `${l.number}. ${l.title}`));
    const prevent = event.agenda.find((i) => i.description === 'Prevent and Community Engagement Update')!;
    expect(prevent.media.flatMap((m) => m.links.map((l) => l.url))).toEqual([`http://${HOST}/meetings/${published}/papers/${preventPaper}`]);
    const contract = event.agenda.find((i) => i.description === 'Contract award')!;
    expect([contract.notes, contract.media]).toEqual([[exemptPlaceholder(3)], []]);
    expect(events.find((e) => e.id === `meeting/${draft}`)!.agenda).toEqual([]);
    for (const secret of [SECRET_APPENDIX, SECRET_PAPER, PUBLIC_SUMMARY, DRAFT_TITLE, `papers/${exemptPaper}`]) expect(text).not.toContain(secret);
  });
});
