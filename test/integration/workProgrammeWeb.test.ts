/**
 * Forward work programme pages and forms through the web server (fastify inject), on both engines: the
 * public programme from a date and its documents (HTML, PDF — its text checked with pdftotext when
 * poppler is installed —, Word), the staff forms with a GOV.UK error summary naming each field, the
 * post-redirect-get of each write, escaping, and the public page changing when an entry is added.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_WORKBOOK } from '../../src/app.ts';
import { buildServer } from '../../src/web/server.ts';
import { signInAs, type SignedIn } from '../support/auth.ts';
import { createTestDatabase, engines, type TestDatabase } from '../support/db.ts';

const SLUG = 'community-leadership-committee';
const XSS = `<script>alert(1)</script>`;
const GOV = { email: 'governance@council.gov.uk', role: 'governance-officer' as const };

function hasPdftotext(): boolean {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe.each(engines())('work programme pages on %s', (engine) => {
  let t: TestDatabase;
  let server: ReturnType<typeof buildServer>;
  let officer: SignedIn;
  let meetingId: number;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
    expect((await t.app.imports.importFile(DEMO_WORKBOOK)).ok).toBe(true);
    server = buildServer(t.app);
    officer = await signInAs(t.app, 'governance-officer');
    meetingId = (await t.app.meetings.addMeeting({ committee: SLUG, date: { day: '21', month: '11', year: '2018' }, startTime: '7pm', venue: 'Hendon Town Hall' }, GOV)).id;
    await t.app.meetings.addMeeting({ committee: SLUG, date: { day: '7', month: '3', year: '2019' }, startTime: '7pm', venue: 'Hendon Town Hall' }, GOV);
    await t.app.workProgramme.addRule(
      SLUG,
      { kind: 'quarterly-performance', title: '{quarter} Performance Report', overview: 'Quarter {n} ({quarter}) {year}', reportOf: 'Head of Performance and Risk', issueType: 'non-key', from: { day: '1', month: '6', year: '2018' }, to: { day: '', month: '', year: '' } },
      GOV,
    );
  });
  afterAll(async () => {
    await server?.close();
    await t?.dispose();
  });

  const post = (url: string, fields: Record<string, string>) => {
    const search = new URLSearchParams({ _csrf: officer.csrfToken, ...fields });
    return server.inject({ method: 'POST', url, payload: search.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: officer.cookie } });
  };
  const get = (url: string, signedIn = true) => server.inject({ url, headers: signedIn ? { cookie: officer.cookie } : {} });
  const summary = (html: string) => [...html.matchAll(/<a href="(#[^"]+)">([^<]+)<\/a>/g)].filter((m) => html.indexOf('govuk-error-summary') < m.index!).map((m) => [m[1], m[2]]);

  it('adds a report with every error named in the summary first, then shows it on the public page', async () => {
    expect((await get(`/admin/committees/${SLUG}/work-programme/new`)).statusCode).toBe(200);
    const bad = await post(`/admin/committees/${SLUG}/work-programme`, { title: '', overview: '', reportOf: '', issueType: '', target: 'later', laterMonth: 'Smarch', laterYear: '2019' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('<title>Error: Add a report to the work programme');
    expect(summary(bad.body)).toEqual([
      ['#title', 'Enter the title of the report'],
      ['#overview', 'Enter the overview of the decision'],
      ['#reportOf', 'Enter who the report is of (the officer’s post)'],
      ['#issueType', 'Select the issue type: key, non-key or urgent'],
      ['#laterMonth', 'The later date must be a real month and year'],
    ]);
    const ok = await post(`/admin/committees/${SLUG}/work-programme`, {
      title: `Anti-social behaviour hotspots ${XSS}`,
      overview: 'Priority 1 of the Community Safety Strategy.\n\nIncluding the Public Space Protection Orders.',
      reportOf: 'Assistant Director Community Safety',
      issueType: 'key',
      target: 'meeting',
      meeting: String(meetingId),
    });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe(`/admin/committees/${SLUG}/work-programme?done=added`);
    const staff = await get(ok.headers.location!);
    expect(staff.body).toContain('The report has been added.');
    expect(staff.body).not.toContain(XSS);

    const page = await get(`/committees/${SLUG}/work-programme?from=2018-11-01`, false);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Community Leadership and Libraries Committee Forward Work Programme');
    expect(page.body).toContain('November 2018 - March 2019');
    expect(page.body).toContain('Anti-social behaviour hotspots &lt;script&gt;');
    expect(page.body).not.toContain(XSS);
    expect(page.body).toContain('<p class="govuk-body">Including the Public Space Protection Orders.</p>');
    expect(page.body).toContain('Q2 Performance Report');
    expect(page.body).toContain('Yes: the performance report of Q2 2018/19');
    expect(page.body).not.toContain('Manage the work programme');
    expect(page.body).not.toContain('Take off');
    // Today (no meetings ahead in the demo) and a date that is not one.
    expect((await get(`/committees/${SLUG}/work-programme`, false)).body).toContain('No meetings are arranged from');
    const badDate = await get(`/committees/${SLUG}/work-programme?from=2018-02-30`, false);
    expect(badDate.statusCode).toBe(400);
    expect(summary(badDate.body)).toEqual([['#from', 'Enter the date as year, month and day, like 2018-11-21']]);
    expect((await get('/committees/no-such-committee/work-programme', false)).statusCode).toBe(404);
  });

  it('changes and takes off a report through its forms', async () => {
    const staff = await get(`/admin/committees/${SLUG}/work-programme?from=2018-11-01`);
    const changeHref = /href="(\/admin\/committees\/[^"]+\/work-programme\/entries\/\d+)"/.exec(staff.body)![1]!;
    const form = await get(changeHref);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Save the changes');
    const bad = await post(changeHref, { title: 'x', overview: 'y', reportOf: 'z', issueType: 'non-key', target: '' });
    expect(summary(bad.body)).toEqual([['#target', 'Select when the committee takes the report']]);
    expect((await post(changeHref, { title: 'Hotspots', overview: 'y', reportOf: 'z', issueType: 'non-key', target: 'unscheduled', reason: 'Deferred' })).headers.location).toBe(
      `/admin/committees/${SLUG}/work-programme?done=changed`,
    );
    const later = await get(`/committees/${SLUG}/work-programme?from=2018-11-01`, false);
    expect(later.body).toContain('To be scheduled');
    const removeHref = `${changeHref}/remove`;
    expect((await get(removeHref)).body).toContain('It is to be scheduled.');
    expect(summary((await post(removeHref, {})).body)).toEqual([['#reason', 'Enter the reason the report is taken off the programme']]);
    expect((await post(removeHref, { reason: 'Withdrawn' })).headers.location).toBe(`/admin/committees/${SLUG}/work-programme?done=removed`);
    expect((await get(changeHref)).statusCode).toBe(404);
    expect((await get(`/admin/committees/${SLUG}/work-programme/entries/not-a-number`)).statusCode).toBe(404);
  });

  it('adds and ends a standing item through its forms', async () => {
    expect((await get(`/admin/committees/${SLUG}/work-programme/rules/new`)).statusCode).toBe(200);
    const bad = await post(`/admin/committees/${SLUG}/work-programme/rules`, { kind: '', title: '', overview: '', reportOf: '', issueType: 'non-key', 'from-day': '31', 'from-month': '2', 'from-year': '2018' });
    expect(summary(bad.body)).toEqual([
      ['#kind', 'Select when the standing item is taken'],
      ['#title', 'Enter the title of the standing item'],
      ['#overview', 'Enter the overview of the decision'],
      ['#reportOf', 'Enter who the report is of (the officer’s post)'],
      ['#from-day', 'The date the rule starts must be a real date'],
    ]);
    const ok = await post(`/admin/committees/${SLUG}/work-programme/rules`, { kind: 'every-meeting', title: 'Corporate Grants', overview: 'Assessments of grant applications', reportOf: 'Grants Manager', issueType: 'non-key', 'from-day': '12', 'from-month': '6', 'from-year': '2018' });
    expect(ok.headers.location).toBe(`/admin/committees/${SLUG}/work-programme/rules?done=added`);
    const rules = await get(ok.headers.location!);
    expect(rules.body).toContain('The standing item has been added.');
    expect((await get(`/committees/${SLUG}/work-programme?from=2018-11-01`, false)).body).toContain('Corporate Grants');
    const endHref = /href="(\/admin\/committees\/[^"]+\/rules\/\d+\/end)">End<span class="govuk-visually-hidden"> the standing item Corporate Grants</.exec(rules.body)![1]!;
    expect(summary((await post(endHref, {})).body)).toEqual([['#to-day', 'Enter the date the rule ends']]);
    expect((await post(endHref, { 'to-day': '30', 'to-month': '11', 'to-year': '2018' })).headers.location).toBe(`/admin/committees/${SLUG}/work-programme/rules?done=ended`);
    const march = (await get(`/committees/${SLUG}/work-programme?from=2019-01-01`, false)).body;
    expect(march).not.toContain('Corporate Grants');
    expect(march).toContain('Q3 Performance Report');
  });

  it('publishes the programme as HTML, PDF and Word documents', async () => {
    await t.app.workProgramme.addEntry(SLUG, { title: 'Annual review of the library system', overview: 'Changes and impact.', reportOf: 'Strategic Director Children and Young People', issueType: 'non-key', target: 'meeting', meeting: String(meetingId) }, GOV);
    const html = await get(`/committees/${SLUG}/work-programme/work-programme.html?from=2018-11-01`, false);
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.body).toContain('Community Leadership and Libraries Committee Forward Work Programme');
    expect(html.body).toContain('Annual review of the library system');
    expect(html.body).toContain('Q2 Performance Report');

    const pdf = await get(`/committees/${SLUG}/work-programme/work-programme.pdf?from=2018-11-01`, false);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toBe(`attachment; filename="${SLUG}-work-programme-2018-11-01.pdf"`);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    if (hasPdftotext()) {
      const dir = mkdtempSync(join(tmpdir(), 'fwp-'));
      writeFileSync(join(dir, 'p.pdf'), pdf.rawPayload);
      const text = execFileSync('pdftotext', [join(dir, 'p.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      expect(text).toContain('Community Leadership and Libraries Committee Forward Work Programme');
      expect(text).toContain('November 2018 - March 2019');
      // Table cells wrap in print: each cell's words are in the text.
      for (const words of ['Annual review of the library', 'Strategic Director Children', 'Q2 Performance Report', 'Quarter 2 (Q2) 2018/19', '7 March 2019']) expect(text).toContain(words);
    }

    const docx = await get(`/committees/${SLUG}/work-programme/work-programme.docx?from=2018-11-01`, false);
    expect(docx.statusCode).toBe(200);
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await get(`/committees/${SLUG}/work-programme/work-programme.xlsx`, false)).statusCode).toBe(404);
    expect((await get(`/committees/${SLUG}/work-programme/work-programme.pdf?from=nope`, false)).statusCode).toBe(404);
  });
});
