/**
 * Committee business pages and forms through the web server (fastify inject), on both engines: every
 * public page, every staff form with its GOV.UK error summary naming each field, the post-redirect-get
 * of each write, escaping, and public pages that change when the data do.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_WORKBOOK } from '../../src/app.ts';
import { buildServer } from '../../src/web/server.ts';
import { form, signInAs, type SignedIn } from '../support/auth.ts';
import { createTestDatabase, engines, type TestDatabase } from '../support/db.ts';

const SLUG = 'community-leadership-committee';
const XSS = `<script>alert(1)</script>`;

describe.each(engines())('committee business pages on %s', (engine) => {
  let t: TestDatabase;
  let server: ReturnType<typeof buildServer>;
  let officer: SignedIn;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
    expect((await t.app.imports.importFile(DEMO_WORKBOOK)).ok).toBe(true);
    server = buildServer(t.app);
    officer = await signInAs(t.app, 'governance-officer');
  });
  afterAll(async () => {
    await server?.close();
    await t?.dispose();
  });

  const post = (url: string, fields: Record<string, string | string[]>) => {
    const search = new URLSearchParams();
    for (const [k, v] of Object.entries({ _csrf: officer.csrfToken, ...fields })) for (const x of Array.isArray(v) ? v : [v]) search.append(k, x);
    return server.inject({ method: 'POST', url, payload: search.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: officer.cookie } });
  };
  const get = (url: string, signedIn = true) => server.inject({ url, headers: signedIn ? { cookie: officer.cookie } : {} });
  const summary = (html: string) => [...html.matchAll(/<a href="(#[^"]+)">([^<]+)<\/a>/g)].filter((m) => html.indexOf('govuk-error-summary') < m.index!).map((m) => [m[1], m[2]]);

  it('adds a person, with every error named in the summary first', async () => {
    const bad = await post('/admin/people', { name: '', kind: '', email: 'nope', phone: 'x' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('<title>Error: Add a person');
    expect(summary(bad.body)).toEqual([
      ['#name', 'Enter the person’s name as they spell it'],
      ['#kind', 'Select whether the person is a councillor or an officer'],
      ['#email', 'Enter an email address in the correct format, like name@example.gov.uk'],
      ['#phone', 'Enter a telephone number, like 020 8359 2761'],
    ]);
    const ok = await post('/admin/people', { name: 'Reuben Thompstone', kind: 'councillor', party: `Conservative ${XSS}`, ward: 'Golders Green' });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/admin/people?added=reuben-thompstone');
    expect((await get(ok.headers.location!)).body).toContain('Reuben Thompstone has been added.');
    expect((await post('/admin/people', { name: 'Abigail Lewis', kind: 'officer', jobTitle: 'Governance Officer', email: 'abigail.lewis@barnet.gov.uk' })).statusCode).toBe(303);
    const change = await get('/admin/people/reuben-thompstone');
    expect(change.statusCode).toBe(200);
    expect(change.body).toContain('value="Reuben Thompstone"');
    expect((await get('/admin/people/nobody')).statusCode).toBe(404);
  });

  it('sets the committee’s details and adds and ends memberships', async () => {
    const page = await get(`/admin/committees/${SLUG}`);
    expect(page.statusCode).toBe(200);
    const bad = await post(`/admin/committees/${SLUG}`, { quorum: 'x', shortName: '', governanceContact: 'reuben-thompstone' });
    expect(bad.statusCode).toBe(400);
    expect(summary(bad.body).map((s) => s[0])).toEqual(['#quorum', '#governanceContact']);
    expect((await post(`/admin/committees/${SLUG}`, { quorum: '3', shortName: 'CLC', governanceContact: 'abigail-lewis' })).headers.location).toBe(`/admin/committees/${SLUG}?saved=1`);

    expect((await get(`/admin/committees/${SLUG}/memberships/new`)).statusCode).toBe(200);
    const badMember = await post(`/admin/committees/${SLUG}/memberships`, { person: '', role: '', 'from-day': '31', 'from-month': '2', 'from-year': '2018' });
    expect(badMember.statusCode).toBe(400);
    expect(summary(badMember.body)).toEqual([
      ['#person', 'Select the councillor'],
      ['#role', 'Select the role: Chairman, Vice-Chairman, Member or Substitute'],
      ['#from-day', 'The date the membership starts must be a real date'],
    ]);
    expect(badMember.body).toContain('govuk-input--error');
    const added = await post(`/admin/committees/${SLUG}/memberships`, { person: 'reuben-thompstone', role: 'chairman', 'from-day': '22', 'from-month': '5', 'from-year': '2018' });
    expect(added.headers.location).toBe(`/admin/committees/${SLUG}?added=1`);
    const after = await get(added.headers.location!);
    expect(after.body).toContain('The membership has been added.');
    const endHref = /href="(\/admin\/committees\/[^"]+\/memberships\/\d+\/end)"/.exec(after.body)![1]!;
    expect((await get(endHref)).statusCode).toBe(200);
    expect(summary((await post(endHref, {})).body)).toEqual([['#to-day', 'Enter the last day of the membership']]);
    expect((await post(endHref, { 'to-day': '1', 'to-month': '1', 'to-year': '2030' })).statusCode).toBe(303);
  });

  it('arranges a meeting and shows it with its weekday, deadlines and membership on the day', async () => {
    expect((await get('/admin/meetings/new')).statusCode).toBe(200);
    const bad = await post('/admin/meetings', { committee: '', 'date-day': '21', startTime: 'soon', venue: '' });
    expect(summary(bad.body)).toEqual([
      ['#committee', 'Select the committee'],
      ['#date-day', 'The date of the meeting must include a month and a year'],
      ['#startTime', 'Enter the start time as a time of day, like 7pm or 19:00'],
      ['#venue', 'Enter the venue'],
    ]);
    const made = await post('/admin/meetings', { committee: SLUG, 'date-day': '21', 'date-month': '11', 'date-year': '2018', startTime: '7.00pm', venue: `Hendon Town Hall ${XSS}` });
    expect(made.statusCode).toBe(303);
    const href = made.headers.location!;
    expect(href).toMatch(/^\/meetings\/\d+$/);
    const page = await get(href, false);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Community Leadership and Libraries Committee');
    expect(page.body).toContain('Wednesday 21 November 2018');
    expect(page.body).toContain('7.00pm');
    // The deadlines, computed: the questions deadline is Friday 16 November (the pack printed "Thursday").
    expect(page.body).toContain('10am on Friday 16 November 2018');
    expect(page.body).toContain('Tuesday 13 November 2018');
    expect(page.body).toContain('Tuesday 6 November 2018');
    expect(page.body).toContain('How this date is worked out');
    expect(page.body).toContain('Councillor Reuben Thompstone');
    expect(page.body).not.toContain('<script>alert(1)');
    expect(page.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    // Cached for the public until the data change.
    expect((await get(href, false)).headers['x-townhall-cache']).toBe('hit');

    const id = href.split('/').pop()!;
    expect((await get(`/admin/meetings/${id}`)).statusCode).toBe(200);
    expect(summary((await post(`/admin/meetings/${id}`, { 'date-day': '28', 'date-month': '11', 'date-year': '2018', startTime: '19:00', venue: 'Hendon Town Hall' })).body)).toEqual([
      ['#reason', 'Enter the reason for the change: the meeting’s page and calendars show the new arrangements'],
    ]);
    expect((await get(`/admin/meetings/${id}/status`)).statusCode).toBe(200);
    expect(summary((await post(`/admin/meetings/${id}/status`, { to: 'postponed' })).body)).toEqual([['#reason', 'Enter the reason the meeting is postponed: its page shows it']]);
    expect((await post(`/admin/meetings/${id}/status`, { to: 'postponed', reason: 'Snow' })).statusCode).toBe(303);
    const postponed = await get(href, false);
    expect(postponed.headers['x-townhall-cache']).toBeUndefined();
    expect(postponed.body).toContain('This meeting is postponed: Snow');
  });

  it('previews a cycle, then arranges the dates ticked', async () => {
    expect((await get('/admin/meetings/cycle')).statusCode).toBe(200);
    const bad = await post('/admin/meetings/cycle', { step: 'preview', pattern: 'listed' });
    expect(bad.statusCode).toBe(400);
    expect(summary(bad.body).map((s) => s[0])).toEqual(['#committee', '#from-day', '#to-day', '#weekday', '#week', '#months', '#startTime', '#venue']);
    const fields = { committee: SLUG, 'from-day': '1', 'from-month': '1', 'from-year': '2019', 'to-day': '31', 'to-month': '12', 'to-year': '2019', weekday: 'Monday', week: '-1', pattern: 'listed', months: ['5', '10'], startTime: '7pm', venue: 'Hendon Town Hall' };
    const preview = await post('/admin/meetings/cycle', { ...fields, step: 'preview' });
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('Monday 27 May 2019');
    expect(preview.body).toContain('Not a working day: Spring bank holiday');
    expect(preview.body).toContain('Monday 28 October 2019');
    const none = await post('/admin/meetings/cycle', { ...fields, step: 'confirm' });
    expect(summary(none.body)).toEqual([['#dates', 'Select the dates to arrange meetings on']]);
    const made = await post('/admin/meetings/cycle', { ...fields, step: 'confirm', dates: ['2019-10-28'] });
    expect(made.headers.location).toBe('/admin/meetings?added=1');
    expect((await get(made.headers.location!)).body).toContain('1 meeting has been arranged.');
  });

  it('serves the public pages: committees, a committee’s members on a date, a councillor, the calendar', async () => {
    const committees = await get('/committees', false);
    expect(committees.statusCode).toBe(200);
    expect(committees.body).toContain('Community Leadership and Libraries Committee');
    const members = await get(`/committees/${SLUG}/members?on=2018-11-21`, false);
    expect(members.statusCode).toBe(200);
    expect(members.body).toContain('Members on Wednesday 21 November 2018');
    expect(members.body).toContain('Councillor Reuben Thompstone');
    expect(members.body).toContain('Quorum');
    const before = await get(`/committees/${SLUG}/members?on=2017-06-21`, false);
    expect(before.body).not.toContain('Councillor Reuben Thompstone');
    expect(before.body).toContain('Community Leadership Committee');
    const badDate = await get(`/committees/${SLUG}/members?on=2018-02-30`, false);
    expect(badDate.statusCode).toBe(400);
    expect(summary(badDate.body)).toEqual([['#on', 'Enter the date as year, month and day, like 2018-11-21']]);
    expect((await get('/committees/nope/members', false)).statusCode).toBe(404);
    const councillor = await get('/councillors/reuben-thompstone', false);
    expect(councillor.statusCode).toBe(200);
    expect(councillor.body).toContain('Chairman');
    expect(councillor.body).toContain('Wednesday 21 November 2018');
    expect(councillor.body).not.toContain('<script>alert(1)');
    expect((await get('/councillors/abigail-lewis', false)).statusCode).toBe(404);
    const calendar = await get('/meetings?month=2018-11', false);
    expect(calendar.statusCode).toBe(200);
    expect(calendar.body).toContain('November 2018');
    expect(calendar.body).toContain('Wednesday 21 November 2018');
    expect(calendar.body).toContain('href="/meetings?month=2018-12"');
    expect((await get('/meetings?month=2018-13', false)).statusCode).toBe(400);
    expect((await get('/meetings', false)).statusCode).toBe(200);
    expect((await get('/meetings/999999', false)).statusCode).toBe(404);
    expect((await get('/meetings/abc', false)).statusCode).toBe(404);
  });

  it('refuses the staff pages to roles that do not manage committee business', async () => {
    const councillor = await signInAs(t.app, 'councillor');
    const res = await server.inject({ url: '/admin/people', headers: { cookie: councillor.cookie } });
    expect(res.statusCode).toBe(403);
    const body = form({ _csrf: councillor.csrfToken, name: 'Someone', kind: 'officer' });
    const posted = await server.inject({ method: 'POST', url: '/admin/people', payload: body.payload, headers: { ...body.headers, cookie: councillor.cookie } });
    expect(posted.statusCode).toBe(403);
    expect(await t.app.committeeBusiness.personBySlug('someone')).toBeNull();
  });
});
