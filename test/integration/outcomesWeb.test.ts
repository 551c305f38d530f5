/**
 * Minutes pages through the web server (fastify inject), on both engines (ADR 0026): attendance,
 * declarations and an item's minutes recorded through their GOV.UK forms — every error in the summary,
 * each linking to a field on the page — the draft published, the public page and its PDF, Word and HTML
 * files with the exempt item's minutes only for those entitled, and agreed minutes locked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exemptPlaceholder } from '../../src/domain/reportPaper.ts';
import { buildServer } from '../../src/web/server.ts';
import { signInAs, type SignedIn } from '../support/auth.ts';
import { createTestDatabase, engines, type TestDatabase } from '../support/db.ts';
import { smallCouncil, writeCsvWorkbook } from '../support/workbook.ts';

const SLUG = 'test-committee';
const GOV = { email: 'setup', role: 'governance-officer' as const };
const NONE = { day: '', month: '', year: '' };
const SECRET = 'The preferred bidder offered <b>£1.2m</b>';
const d = (iso: string) => ({ day: iso.slice(8, 10), month: iso.slice(5, 7), year: iso.slice(0, 4) });

describe.each(engines())('minutes pages on %s', (engine) => {
  let t: TestDatabase;
  let server: ReturnType<typeof buildServer>;
  let officer: SignedIn;
  let member: SignedIn;
  let other: SignedIn;
  let meetingId: number;
  let laterId: number;
  let reportItem: number;
  let exemptItem: number;

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    expect((await t.app.imports.importFile(await writeCsvWorkbook(smallCouncil()))).ok).toBe(true);
    server = buildServer(t.app);
    const b = t.app.committeeBusiness;
    for (const name of ['Carol Chair', 'Mary Member', 'Max Member', 'Sue Sub']) await b.addPerson({ name, kind: 'councillor' }, GOV);
    await b.addPerson({ name: 'Sam Officer', kind: 'officer', jobTitle: 'Head of Procurement' }, GOV);
    for (const [person, role] of [['carol-chair', 'chairman'], ['mary-member', 'member'], ['max-member', 'member'], ['sue-sub', 'substitute']] as const) {
      await b.addMembership(SLUG, { person, role, from: d('2018-05-22'), to: NONE }, GOV);
    }
    await b.changeCommitteeDetails(SLUG, { quorum: '2' }, GOV);
    meetingId = (await t.app.meetings.addMeeting({ committee: SLUG, date: d('2018-06-12'), startTime: '7pm', venue: 'Hendon Town Hall' }, GOV)).id;
    laterId = (await t.app.meetings.addMeeting({ committee: SLUG, date: d('2018-09-13'), startTime: '7pm', venue: 'Hendon Town Hall' }, GOV)).id;
    const a = t.app.agendas;
    await a.startAgenda(meetingId, GOV);
    reportItem = await a.addReport(meetingId, { title: 'Library Strategy' }, GOV);
    exemptItem = await a.addReport(meetingId, { title: 'Contract award' }, GOV);
    const paper = { reportOf: 'Director', wards: 'All', exemptParagraph: '', urgent: 'no', key: 'non-key', contacts: ['sam-officer'], enclosures: [], sections: { summary: 'S.' }, recommendations: 'That the Committee agree' };
    await a.savePaper(meetingId, reportItem, { ...paper, title: 'Library Strategy', status: 'public' }, GOV);
    await a.setPart(meetingId, exemptItem, 'exempt', GOV);
    await a.savePaper(meetingId, exemptItem, { ...paper, title: 'Contract award', status: 'exempt', exemptParagraph: '3' }, GOV);
    await a.publishAgenda(meetingId, GOV);
    officer = await signInAs(t.app, 'governance-officer');
    member = await signInAs(t.app, 'councillor', { email: 'mary@test.example' });
    other = await signInAs(t.app, 'councillor', { email: 'someone@test.example' });
    await t.app.agendas.setAccountOfPerson('mary-member', member.userId, { email: 'admin', role: 'administrator' });
  });
  afterAll(async () => {
    await server?.close();
    await t?.dispose();
  });

  const post = (url: string, fields: Record<string, string>, as: SignedIn = officer) =>
    server.inject({ method: 'POST', url, payload: new URLSearchParams({ _csrf: as.csrfToken, ...fields }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: as.cookie } });
  const get = (url: string, as: SignedIn | null = officer) => server.inject({ url, headers: as ? { cookie: as.cookie } : {} });
  const summary = (html: string) => [...html.matchAll(/<a href="(#[^"]+)">([^<]+)<\/a>/g)].filter((m) => html.indexOf('govuk-error-summary') < m.index!).map((m) => [m[1]!, m[2]!]);
  /** Every error links to an element of the page. */
  const linked = (html: string) => summary(html).every(([href]) => html.includes(`id="${href!.slice(1)}"`));

  const admin = () => `/admin/meetings/${meetingId}/minutes`;

  it('records attendance through its form, every error at once, each linked to its field', async () => {
    expect((await get(admin())).body).toContain('Record the attendance');
    const url = `${admin()}/attendance`;
    const form = (await get(url)).body;
    expect(form).toContain('Carol Chair (Chairman)');
    const bad = await post(url, { 'status-carol-chair': 'present', 'status-mary-member': 'present', 'status-sue-sub': 'present', 'inPlaceOf-sue-sub': 'mary-member', other1: 'carol-chair', finishedAt: '25.99' });
    expect(bad.statusCode).toBe(400);
    expect(summary(bad.body).map(([h]) => h)).toEqual(['#other1', '#finishedAt', '#inPlaceOf-sue-sub']);
    expect(linked(bad.body)).toBe(true);
    const ok = await post(url, { 'status-carol-chair': 'present', 'status-mary-member': 'present', 'status-max-member': 'apologies', 'status-sue-sub': 'present', 'inPlaceOf-sue-sub': 'max-member', other1: 'sam-officer', finishedAt: '20.28pm' });
    expect(ok.statusCode).toBe(303);
    const page = (await get(admin())).body;
    expect(page).toContain('3 voting members present; the quorum is 2: quorate');
    expect(page).toContain('8.28pm');
  });

  it('records declarations and an item’s minutes, refusing votes that do not fit who was present', async () => {
    const decl = `${admin()}/declarations`;
    const bad = await post(decl, { declaration1Person: 'carol-chair', declaration1Item: String(reportItem), declaration1Type: 'disclosable-pecuniary', declaration1Detail: '' });
    expect(bad.statusCode).toBe(400);
    expect(summary(bad.body).map(([h]) => h)).toEqual(['#declaration1Detail', '#declaration1Withdrew']);
    expect(linked(bad.body)).toBe(true);
    expect((await post(decl, { declaration1Person: 'mary-member', declaration1Item: String(reportItem), declaration1Type: 'non-pecuniary', declaration1Detail: 'A member of the Friends of the Library', declaration1Withdrew: '' })).statusCode).toBe(303);

    const item = `${admin()}/items/${reportItem}`;
    expect((await get(item)).body).toContain('Library Strategy');
    const tooMany = await post(item, { motion1Text: 'That the strategy be agreed', motion1Mover: 'carol-chair', motion1For: '3', motion1Against: '1', motion1Abstain: '0', 'motion2Text': '', resolutions: '- orphan part' });
    expect(tooMany.statusCode).toBe(400);
    expect(summary(tooMany.body).map(([h]) => h)).toEqual(['#motion1For', '#resolutions']);
    expect(linked(tooMany.body)).toBe(true);
    expect(tooMany.body).toContain('4 votes are recorded (3 for, 1 against) but only 3 voting members were present');
    const ok = await post(item, {
      discussion: 'The Chairman introduced the report.',
      motion1Text: 'That the strategy be agreed',
      motion1Mover: 'carol-chair',
      motion1Seconder: 'mary-member',
      motion1For: '',
      'motion1Vote-carol-chair': 'for',
      'motion1Vote-mary-member': 'against',
      'motion1Vote-sue-sub': 'abstain',
      motion1Casting: '',
      resolutions: 'That the Committee note the report\nThat the strategy be agreed\n- subject to the amendment',
      action1Text: 'Report back on opening hours',
      action1Owner: 'sam-officer',
      action1Target: String(laterId),
      action1ReportBack: 'yes',
    });
    expect(ok.statusCode).toBe(303);
    expect((await post(`${admin()}/items/${exemptItem}`, { discussion: SECRET, resolutions: 'That the contract be awarded' })).statusCode).toBe(303);
  });

  it('publishes the draft minutes; the public page and its files show the exempt item only to those entitled', async () => {
    const publicUrl = `/meetings/${meetingId}/minutes`;
    expect((await get(publicUrl, null)).statusCode).toBe(404);
    expect((await get(`${publicUrl}/minutes.pdf`, null)).statusCode).toBe(404);
    expect((await post(admin(), { action: 'publish' })).statusCode).toBe(303);
    const page = await get(publicUrl, null);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Draft: these minutes are to be agreed');
    expect(page.body).toContain('Councillor Sue Sub, in place of Councillor Max Member');
    expect(page.body).toContain('The motion was lost.');
    expect(page.body).toContain('(2) That the strategy be agreed');
    expect(page.body).toContain('(i) subject to the amendment');
    expect(page.body).toContain('The meeting finished at 8.28pm.');
    expect(page.body).toContain(exemptPlaceholder(3));
    expect(page.body).not.toContain('preferred bidder');
    expect((await get(`/meetings/${meetingId}`, null)).body).toContain(`href="${publicUrl}"`);
    for (const [as, sees] of [[null, false], [other, false], [member, true], [officer, true]] as const) {
      const html = (await get(`${publicUrl}/minutes.html`, as)).body;
      expect(html.includes('preferred bidder'), String(as?.email)).toBe(sees);
      expect(html).not.toContain('<b>£1.2m</b>');
    }
    const pdf = await get(`${publicUrl}/minutes.pdf`, null);
    expect([pdf.statusCode, pdf.headers['content-type']]).toEqual([200, 'application/pdf']);
    const docx = await get(`${publicUrl}/minutes.docx`, null);
    expect(docx.statusCode).toBe(200);
    expect((await get(`${publicUrl}/minutes.exe`, null)).statusCode).toBe(404);
  });

  it('records agreement at a later meeting and locks the minutes', async () => {
    const bad = await post(admin(), { action: 'agree', agreedAt: '' });
    expect(bad.statusCode).toBe(400);
    expect(summary(bad.body)).toEqual([['#agreedAt', 'Select the later meeting of the committee that agreed the minutes']]);
    expect((await post(admin(), { action: 'agree', agreedAt: String(laterId) })).statusCode).toBe(303);
    expect((await get(`/meetings/${meetingId}/minutes`, null)).body).toContain('Agreed as the correct record at the meeting of 13 September 2018.');
    const locked = await post(`${admin()}/items/${reportItem}`, { discussion: 'Changed' });
    expect(locked.statusCode).toBe(400);
    expect(summary(locked.body).map(([h]) => h)).toEqual(['#reason']);
  });
});
