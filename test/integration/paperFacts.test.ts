/**
 * What committee papers print that is not a figure (issue 10, deliver 3), through the web forms on the
 * published demo council, on every engine: terms of reference over time (imported, added and changed by
 * the performance team, §5.4 printing those of the period only), who the papers are from ("Report of"
 * and the officer, on the committee and per period), each change audited with before → after and the
 * reason, errors naming the field — and the published versions unchanged by any of it until the period is
 * published again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_AUDIENCE } from '../../src/domain/access.ts';
import { form, signInAs, type SignedIn } from '../support/auth.ts';
import { engines } from '../support/db.ts';
import { publishedDemo, type PublishedDemo } from '../support/demo.ts';
import { text } from '../support/html.ts';

const SLUG = 'community-leadership-committee';
const NEW_NAME = 'Community Leadership and Libraries Committee';
const Q2 = '2018-19-q2';
const ADMIN = `/admin/framework/committees/${SLUG}`;
const PERIOD_PAPER = `/committees/${SLUG}/${Q2}/paper`;

describe.each(engines())('terms of reference and who papers are from, on %s', (engine) => {
  let demo: PublishedDemo;
  let officer: SignedIn;

  beforeAll(async () => {
    demo = await publishedDemo(engine, SLUG);
    officer = await signInAs(demo.t.app, 'performance-officer', { email: 'papers-officer@council.gov.uk' });
  }, 300_000);
  afterAll(async () => demo?.close());

  const get = (url: string, who: SignedIn = officer) => demo.server.inject({ url, headers: { cookie: who.cookie, accept: 'text/html' } });
  const post = (url: string, fields: Record<string, string>, who: SignedIn = officer) => {
    const body = form({ _csrf: who.csrfToken, ...fields });
    return demo.server.inject({ method: 'POST', url, payload: body.payload, headers: { ...body.headers, cookie: who.cookie } });
  };
  const audit = (entity: string) =>
    demo.t.handle.db.selectFrom('audit_event').selectAll().where('entity', '=', entity).where('actor', '=', 'papers-officer@council.gov.uk').orderBy('id').execute();
  /** The published version's report of Q2 2018/19, as the public read it. */
  const published = async () => (await demo.t.app.papers.view(SLUG, 'Q2 2018/19', PUBLIC_AUDIENCE))!;
  /** The published quarterly paper of Q2 2018/19, as the public download it (HTML). */
  const publicPaper = async () => (await demo.server.inject(`/committees/${SLUG}/${Q2}/reports/quarterly.html`)).body;
  const emptyPaper = { report_of: '', officer_name: '', officer_role: '', officer_email: '', officer_phone: '', reason: '' };
  const versionOf = (html: string) => /name="version" value="([^"]*)"/.exec(html)![1]!;

  it('imports the terms of reference of each plan year, and prints in §5.4 only those of the period', async () => {
    const committee = (await demo.t.app.framework.committees()).find((c) => c.slug === SLUG)!;
    expect(committee.terms.map((t) => t.fromYear)).toEqual([null, 2018]);
    const q2 = (await published()).report;
    expect(q2.committee.termsOfReference!.split('\n')).toHaveLength(4);
    expect(q2.committee.termsOfReference).toMatch(/^\(1\) Responsibility for libraries/);
    const html = await publicPaper();
    expect(html).toContain('(1) Responsibility for libraries, culture, civic events');
    expect(html).not.toMatch(/Annex A|extracts|Safer Communities Strategy through CCTV/);
    const annual = await demo.t.app.papers.view(SLUG, '2016/17', PUBLIC_AUDIENCE);
    expect(annual!.report.committee.termsOfReference).toMatch(/^To contribute to achieving better outcomes in the Safer Communities Strategy/);
  });

  it('lists the terms of reference over time on the committee page, each with the years it applies', async () => {
    const page = text((await get(ADMIN)).body);
    expect(page).toContain('Terms of reference');
    expect(page).toMatch(/From the start Until 2017\/18 To contribute to achieving better outcomes/);
    expect(page).toMatch(/From 2018\/19 Until further notice \(1\) Responsibility for libraries/);
    expect(page).toContain('Who its papers are from');
    expect(page).toMatch(/Report of Not set Officer contact Not set/);
  });

  it('refuses bad terms of reference, naming the field and keeping what was typed', async () => {
    const blank = await post(`${ADMIN}/terms`, { from_plan_year: '2019/20', terms_of_reference: '  ', reason: '' });
    expect(blank.statusCode).toBe(400);
    expect(blank.body).toContain('href="#terms_of_reference"');
    expect(text(blank.body)).toContain('Enter the terms of reference');
    const year = await post(`${ADMIN}/terms`, { from_plan_year: '2019', terms_of_reference: 'Libraries.', reason: '' });
    expect(year.statusCode).toBe(400);
    expect(year.body).toContain('href="#from_plan_year"');
    expect(year.body).toContain('>Libraries.</textarea>');
    // Changing the text a plan year already has needs a reason.
    const noReason = await post(`${ADMIN}/terms`, { from_plan_year: '2018/19', terms_of_reference: 'Something else.', reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('href="#reason"');
    expect(text(noReason.body)).toContain('Enter the reason for changing the terms of reference from 2018/19');
    expect(await audit('committee')).toHaveLength(0);
  });

  it('adds terms of reference from a plan year and changes a year\'s text, audited; the published versions keep what they printed', async () => {
    const before = await published();
    const beforeHtml = await publicPaper();
    const opened = await get(`${ADMIN}/terms?from=2018-19`);
    expect(opened.body).toContain('value="2018/19"');
    expect(opened.body).toContain('(4) To receive reports on relevant performance information and risk');

    const added = await post(`${ADMIN}/terms`, { from_plan_year: '2019/20', terms_of_reference: '(1) Libraries, culture and civic events.\r\n\r\n  (2) Community safety.  ', reason: '' });
    expect([added.statusCode, added.headers.location]).toEqual([303, `${ADMIN}?saved=1#terms-of-reference`]);
    const changed = await post(`${ADMIN}/terms`, { from_plan_year: '2018/19', terms_of_reference: '(1) Libraries and community safety (corrected).', reason: 'Article 7 as amended' });
    expect(changed.statusCode).toBe(303);

    const committee = (await demo.t.app.framework.committees()).find((c) => c.slug === SLUG)!;
    expect(committee.terms).toEqual([
      { fromYear: null, text: expect.stringMatching(/^To contribute/) },
      { fromYear: 2018, text: '(1) Libraries and community safety (corrected).' },
      { fromYear: 2019, text: '(1) Libraries, culture and civic events.\n(2) Community safety.' },
    ]);
    const events = await audit('committee');
    expect(events.map((e) => [e.action, e.reason])).toEqual([
      ['import:change', null],
      ['import:change', 'Article 7 as amended'],
    ]);
    expect((events[1]!.before as { terms: { fromYear: number | null; text: string }[] }).terms[1]!.text).toMatch(/^\(1\) Responsibility for libraries/);
    expect((events[1]!.after as { terms: { fromYear: number | null; text: string }[] }).terms[1]!.text).toBe('(1) Libraries and community safety (corrected).');

    // Published means frozen: the public version and its paper are as they were, byte for byte.
    const after = await published();
    expect(after.publication!.version).toBe(before.publication!.version);
    expect(after.report.committee.termsOfReference).toBe(before.report.committee.termsOfReference);
    expect(await publicPaper()).toBe(beforeHtml);
  });

  it('sets who the committee\'s papers are from, audited; errors name the field; published papers are unchanged', async () => {
    const beforeHtml = await publicPaper();
    const page = await get(`${ADMIN}/paper`);
    expect(page.statusCode).toBe(200);
    const version = versionOf(page.body);

    const bad = await post(`${ADMIN}/paper`, { ...emptyPaper, version, officer_role: 'Head of Performance', officer_email: 'not an email', officer_phone: 'call me' });
    expect(bad.statusCode).toBe(400);
    for (const field of ['officer_name', 'officer_email', 'officer_phone']) expect(bad.body).toContain(`href="#${field}"`);
    expect(text(bad.body)).toContain('Enter the officer’s name, or clear the job title, email address and phone number');
    expect(text(bad.body)).toContain('Enter an email address in the correct format, like name@council.gov.uk');
    expect(bad.body).toContain('value="not an email"');

    const saved = await post(`${ADMIN}/paper`, {
      ...emptyPaper,
      version,
      report_of: 'Councillor Reuben Thompstone – Committee Chairman',
      officer_name: 'Alaine Clarke',
      officer_role: 'Head of Performance and Risk',
      officer_email: 'alaine.clarke@barnet.gov.uk',
      reason: 'From the Q2 2018/19 cover sheet',
    });
    expect([saved.statusCode, saved.headers.location]).toEqual([303, `${ADMIN}?saved=1#papers`]);
    const [event] = await audit('paper_details');
    expect(event).toMatchObject({
      action: 'paper:add',
      entity_key: `${NEW_NAME} (all papers)`,
      before: null,
      after: { reportOf: 'Councillor Reuben Thompstone – Committee Chairman', officer: { name: 'Alaine Clarke', role: 'Head of Performance and Risk', email: 'alaine.clarke@barnet.gov.uk', phone: null } },
      reason: 'From the Q2 2018/19 cover sheet',
    });
    expect(text((await get(ADMIN)).body)).toContain('Report of Councillor Reuben Thompstone – Committee Chairman Officer contact Alaine Clarke, Head of Performance and Risk, alaine.clarke@barnet.gov.uk');

    // The form opened before the save is stale: refused, with what is stored now, the typed values kept.
    const stale = await post(`${ADMIN}/paper`, { ...emptyPaper, version, report_of: 'Strategic Director for Communities' });
    expect(stale.statusCode).toBe(409);
    expect(text(stale.body)).toContain('Someone else saved these details after you opened this page');
    expect(stale.body).toContain('value="Strategic Director for Communities"');
    expect(await audit('paper_details')).toHaveLength(1);

    // The published paper printed no "Report of" and keeps printing none.
    expect(beforeHtml).not.toContain('Report of');
    expect(await publicPaper()).toBe(beforeHtml);
    expect((await published()).report.paper).toEqual({ reportOf: null, officer: null });
  });

  it('a published period\'s own details are locked; reopened, they are set, and published again they are printed', async () => {
    const page = await get(PERIOD_PAPER);
    expect(page.statusCode).toBe(200);
    expect(text(page.body)).toContain('is published, so its papers are locked');
    expect(text(page.body)).toContain('Report of Councillor Reuben Thompstone – Committee Chairman (the committee’s, for all its papers)');
    const locked = await post(PERIOD_PAPER, { ...emptyPaper, version: versionOf(page.body), report_of: 'Strategic Director for Communities' });
    expect(locked.statusCode).toBe(409);
    expect(locked.body).toContain('href="#report_of"');

    await demo.t.app.publication.setStatus(demo.committeeId, '2018-Q2', 'open', 'test', 'Add who the paper is from');
    const open = await get(PERIOD_PAPER);
    expect(text(open.body)).not.toContain('is published, so its papers are locked');
    const saved = await post(PERIOD_PAPER, { ...emptyPaper, version: versionOf(open.body), report_of: 'Strategic Director for Communities', reason: 'The director presents Q2' });
    expect([saved.statusCode, saved.headers.location]).toEqual([303, `${PERIOD_PAPER}?saved=1`]);
    const shown = text((await get(PERIOD_PAPER)).body);
    expect(shown).toContain('Report of Strategic Director for Communities (set for this period)');
    // The officer is the committee's: the period gave none.
    expect(shown).toContain('Officer contact Alaine Clarke, Head of Performance and Risk, alaine.clarke@barnet.gov.uk (the committee’s, for all its papers)');
    expect((await audit('paper_details')).at(-1)).toMatchObject({ action: 'paper:add', entity_key: `${NEW_NAME} Q2 2018/19`, reason: 'The director presents Q2' });

    // While reopened the public keep version 1; the staff draft prints the details.
    expect((await published()).report.paper).toEqual({ reportOf: null, officer: null });
    const draft = await demo.t.app.reports.performanceReport({ committee: SLUG, period: 'Q2 2018/19' });
    expect(draft.paper).toEqual({ reportOf: 'Strategic Director for Communities', officer: { name: 'Alaine Clarke', role: 'Head of Performance and Risk', email: 'alaine.clarke@barnet.gov.uk', phone: null } });

    await demo.t.app.publication.setStatus(demo.committeeId, '2018-Q2', 'published', 'test', 'Published with who it is from');
    const v2 = await published();
    expect(v2.publication!.version).toBe(2);
    expect(v2.publication!.changes).toEqual(
      expect.arrayContaining([
        'Report of none → Strategic Director for Communities',
        'Officer contact none → Alaine Clarke, Head of Performance and Risk, alaine.clarke@barnet.gov.uk',
        'Terms of reference changed',
      ]),
    );
    const html = await publicPaper();
    expect(html).toMatch(/Report of<\/th>\s*<td[^>]*>Strategic Director for Communities/);
    expect(html).toContain('(1) Libraries and community safety (corrected).');
    // Version 1 is still there, as it was.
    const v1 = (await demo.server.inject(`/committees/${SLUG}/${Q2}/reports/quarterly.html?version=1`)).body;
    expect(v1).not.toContain('Report of');
    expect(v1).toContain('(1) Responsibility for libraries, culture, civic events');
  });

  it('the sign-off page shows who the papers are from, what is missing, and the overall statuses beside the data\'s suggestion', async () => {
    const page = text((await get(`/committees/${SLUG}/2018-19-q1/sign-off`)).body);
    expect(page).toContain('Who the papers are from');
    expect(page).toContain('Report of Councillor Reuben Thompstone – Committee Chairman (the committee’s, for all its papers)');
    const q2 = await get(`/committees/${SLUG}/${Q2}/sign-off`);
    const body = text(q2.body);
    expect(body).toContain('Overall status of priorities');
    expect(body).toMatch(/Tackling issues with domestic violence, mental health and substance misuse Amber Differs from the data .* Green no Red or Amber indicators/);
    expect(body).toContain('1 judgement differs from it');
    expect(q2.body).toContain(`href="${PERIOD_PAPER}"`);
    // Another committee period with nothing set: the staff are told, the paper leaves the lines out.
    await post(`${ADMIN}/paper`, { ...emptyPaper, version: versionOf((await get(`${ADMIN}/paper`)).body), reason: 'Cleared' });
    const missing = text((await get(`/committees/${SLUG}/2018-19-q1/sign-off`)).body);
    expect(missing).toContain('“Report of” is not set: the cover sheet leaves it out');
    expect((await audit('paper_details')).at(-1)).toMatchObject({ action: 'paper:remove', after: null, reason: 'Cleared' });
  });

  it('lets only performance officers and administrators change who papers are from', async () => {
    for (const role of ['data-owner', 'governance-officer', 'councillor'] as const) {
      const who = await signInAs(demo.t.app, role);
      expect([role, (await get(PERIOD_PAPER, who)).statusCode]).toEqual([role, 403]);
      expect([role, (await post(PERIOD_PAPER, { ...emptyPaper, version: 'none', report_of: 'X' }, who)).statusCode]).toEqual([role, 403]);
    }
    const admin = await signInAs(demo.t.app, 'administrator');
    expect((await get(`${ADMIN}/paper`, admin)).statusCode).toBe(200);
    expect((await demo.server.inject({ url: PERIOD_PAPER, headers: { accept: 'text/html' } })).headers.location).toBe(`/sign-in?next=${encodeURIComponent(PERIOD_PAPER)}`);
  });
});
