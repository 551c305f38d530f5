/**
 * Agenda and paper pages through the web server (fastify inject), on both engines (ADR 0020): the agenda
 * built and published through its staff forms with GOV.UK error summaries, every new route asked by every
 * role (anonymous, each role, a councillor member and a non-member), the exempt appendix shown only to
 * those entitled and each such view audited, and a crawl of the public pages that finds no exempt content
 * and no clearance.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../src/domain/access.ts';
import { exemptPlaceholder } from '../../src/domain/reportPaper.ts';
import { DEMO_WORKBOOK } from '../../src/app.ts';
import { buildServer } from '../../src/web/server.ts';
import { signInAs, type SignedIn } from '../support/auth.ts';
import { createTestDatabase, engines, type TestDatabase } from '../support/db.ts';

const SLUG = 'community-leadership-committee';
const SECRET = 'Exempt: names of the people referred';
const CLEARED_BY = 'Sharon Clarke Senior Lawyer';
const GOV = { email: 'setup', role: 'governance-officer' as const };

describe.each(engines())('agenda pages on %s', (engine) => {
  let t: TestDatabase;
  let server: ReturnType<typeof buildServer>;
  let officer: SignedIn;
  const who = new Map<string, SignedIn | null>();
  let meetingId: number;
  let itemId: number;
  let paperHref: string;

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    expect((await t.app.imports.importFile(DEMO_WORKBOOK)).ok).toBe(true);
    server = buildServer(t.app);
    const b = t.app.committeeBusiness;
    await b.addPerson({ name: 'Reuben Thompstone', kind: 'councillor' }, GOV);
    await b.addPerson({ name: 'Danny Rich', kind: 'councillor' }, GOV);
    await b.addPerson({ name: 'Sam Rosengard', kind: 'officer', jobTitle: 'Prevent Coordinator', email: 'sam.rosengard@barnet.gov.uk' }, GOV);
    await b.addMembership(SLUG, { person: 'reuben-thompstone', role: 'chairman', from: { day: '22', month: '5', year: '2018' }, to: { day: '', month: '', year: '' } }, GOV);
    meetingId = (await t.app.meetings.addMeeting({ committee: SLUG, date: { day: '21', month: '11', year: '2018' }, startTime: '19:00', venue: 'Hendon Town Hall' }, GOV)).id;
    officer = await signInAs(t.app, 'governance-officer');
    who.set('anonymous', null);
    for (const role of ROLES) who.set(role, role === 'governance-officer' ? officer : await signInAs(t.app, role));
    const member = await signInAs(t.app, 'councillor', { email: 'reuben@test.example' });
    const nonMember = await signInAs(t.app, 'councillor', { email: 'danny@test.example' });
    const admin = { email: 'admin', role: 'administrator' as const };
    await t.app.agendas.setAccountOfPerson('reuben-thompstone', member.userId, admin);
    await t.app.agendas.setAccountOfPerson('danny-rich', nonMember.userId, admin);
    who.set('member', member);
    who.set('non-member', nonMember);
  });
  afterAll(async () => {
    await server?.close();
    await t?.dispose();
  });

  const post = (url: string, fields: Record<string, string>, as: SignedIn = officer) =>
    server.inject({ method: 'POST', url, payload: new URLSearchParams({ _csrf: as.csrfToken, ...fields }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: as.cookie } });
  const get = (url: string, as: SignedIn | null = officer) => server.inject({ url, headers: as ? { cookie: as.cookie } : {} });
  const summary = (html: string) => [...html.matchAll(/<a href="(#[^"]+)">([^<]+)<\/a>/g)].filter((m) => html.indexOf('govuk-error-summary') < m.index!).map((m) => [m[1], m[2]]);

  it('builds the agenda through its forms, with every error named', async () => {
    const agenda = `/admin/meetings/${meetingId}/agenda`;
    expect((await get(agenda)).body).toContain('Start the agenda');
    expect((await post(agenda, { action: 'start' })).statusCode).toBe(303);
    const bad = await post(agenda, { action: 'add', title: ' ' });
    expect(bad.statusCode).toBe(400);
    expect(summary(bad.body)).toEqual([['#title', 'Enter the title of the report']]);
    expect((await post(agenda, { action: 'add', title: 'Prevent and Community Engagement Update' })).statusCode).toBe(303);
    const page = (await get(agenda)).body;
    expect(page).toContain('7.</td>');
    itemId = Number(/\/agenda\/items\/(\d+)\/paper">Write the paper<span class="govuk-visually-hidden">: item 7</.exec(page)![1]);
    const form = `/admin/meetings/${meetingId}/agenda/items/${itemId}/paper`;
    expect((await get(form)).statusCode).toBe(200);
    const badPaper = await post(form, { title: '', reportOf: '', wards: '', status: 'public', urgent: 'no', key: 'non-key', contact1: '', enclosure1Title: 'Appendix 1', enclosure1Paragraph: '1' });
    expect(badPaper.statusCode).toBe(400);
    expect(summary(badPaper.body).map((s) => s[0])).toEqual(['#title', '#reportOf', '#wards', '#status', '#contact1']);
    const saved = await post(form, {
      title: 'Prevent and Community Engagement Update',
      reportOf: 'Chairman of the Committee',
      wards: 'All',
      status: 'public-exempt-appendices',
      exemptParagraph: '',
      urgent: 'no',
      key: 'non-key',
      contact1: 'sam-rosengard',
      enclosure1Title: 'Appendix 1: case studies',
      enclosure1Paragraph: '1',
      enclosure1Body: SECRET,
      'section-summary': 'Summary of the Prevent work.',
      recommendations: 'That the Committee note the report',
    });
    expect(saved.statusCode).toBe(303);
    const clearance = `/admin/meetings/${meetingId}/agenda/items/${itemId}/clearance`;
    const badClearance = await post(clearance, { role: '', clearanceName: '' });
    expect(badClearance.statusCode).toBe(400);
    expect(summary(badClearance.body).map((s) => s[0])).toEqual(['#role', '#clearanceName', '#clearanceDate-day']);
    expect((await post(clearance, { role: 'legal', clearanceName: CLEARED_BY, 'clearanceDate-day': '1', 'clearanceDate-month': '11', 'clearanceDate-year': '2018' })).statusCode).toBe(303);
    expect((await get(form)).body).toContain(CLEARED_BY);
    expect((await get(`/meetings/${meetingId}`, null)).body).toContain('The agenda has not been published yet');
    const published = await post(agenda, { action: 'publish' });
    expect(published.headers.location).toBe(`${agenda}?done=published`);
    const meetingPage = (await get(`/meetings/${meetingId}`, null)).body;
    paperHref = /href="(\/meetings\/\d+\/papers\/\d+)"/.exec(meetingPage)![1]!;
    expect(meetingPage).toContain('Prevent and Community Engagement Update');
  });

  it('answers each new route for each role: staff pages for managers only, exempt content for the entitled only, each view audited', async () => {
    const staffPages = [`/admin/meetings/${meetingId}/agenda`, `/admin/meetings/${meetingId}/agenda/items/${itemId}/paper`];
    const entitled = new Set(['administrator', 'governance-officer', 'member']);
    const before = await t.handle.db.selectFrom('audit_event').select('actor').where('action', '=', 'paper:exempt-view').execute();
    for (const [key, as] of who) {
      for (const url of staffPages) {
        const res = await get(url, as);
        if (key === 'administrator' || key === 'governance-officer') expect(res.statusCode, `${key} ${url}`).toBe(200);
        else expect(res.statusCode, `${key} ${url}`).toBe(as ? 403 : 302);
      }
      const account = await get('/admin/people/reuben-thompstone/account', as);
      expect(account.statusCode, key).toBe(key === 'administrator' ? 200 : as ? 403 : 302);
      const paper = await get(paperHref, as);
      expect(paper.statusCode, key).toBe(200);
      if (entitled.has(key)) {
        expect(paper.body, key).toContain(SECRET);
        expect(paper.headers['cache-control'], key).toMatch(/no-store/);
      } else {
        expect(paper.body, key).not.toContain(SECRET);
        expect(paper.body, key).toContain(exemptPlaceholder(1));
      }
      expect(paper.body).not.toContain(CLEARED_BY);
    }
    const after = await t.handle.db.selectFrom('audit_event').select('actor').where('action', '=', 'paper:exempt-view').execute();
    expect(after.length - before.length).toBe(entitled.size);
  });

  it('lets an administrator link an account to a person, and refuses a governance officer', async () => {
    const admin = who.get('administrator')!;
    const page = await get('/admin/people/reuben-thompstone/account', admin);
    expect(page.body).toContain('Linked now: ');
    const bad = await post('/admin/people/reuben-thompstone/account', { user: '999999' }, admin);
    expect(bad.statusCode).toBe(400);
    expect(summary(bad.body)).toEqual([['#user', 'Select an account from the list']]);
    expect((await post('/admin/people/reuben-thompstone/account', { user: '' }, officer)).statusCode).toBe(403);
  });

  it('finds no exempt content and no clearance on any public page', async () => {
    const seen = new Set<string>();
    const queue = ['/', '/meetings?month=2018-11', `/meetings/${meetingId}`, '/committees'];
    while (queue.length && seen.size < 200) {
      const url = queue.shift()!;
      if (seen.has(url)) continue;
      seen.add(url);
      const res = await get(url, null);
      expect(res.body, url).not.toContain(SECRET);
      expect(res.body, url).not.toContain(CLEARED_BY);
      if (!String(res.headers['content-type'] ?? '').includes('text/html')) continue;
      for (const m of res.body.matchAll(/href="(\/(?:meetings|committees|councillors)[^"#?]*(?:\?[^"#]*)?)"/g)) if (!seen.has(m[1]!.replace(/&amp;/g, '&'))) queue.push(m[1]!.replace(/&amp;/g, '&'));
    }
    expect(seen.has(paperHref)).toBe(true);
  });
});
