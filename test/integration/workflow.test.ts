/**
 * Running a quarter through the web application, against a real database: data entry (validation with
 * inline errors, intervention required when off target, concurrent edits, scope), key-action updates,
 * sign-off transitions and who may take them, locks after approval and publication, spreadsheet upload
 * with preview → confirm → "data changed since the preview", the role × route matrix of every route
 * added, and XSS payloads in every free-text field coming back inert.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../src/domain/access.ts';
import { buildServer } from '../../src/web/server.ts';
import { cookiesFrom, csrfFrom, form, signInAs, type SignedIn } from '../support/auth.ts';
import { createTestDatabase, engines, type TestDatabase } from '../support/db.ts';
import { text } from '../support/html.ts';
import { smallCouncil, writeCsvWorkbook, xlsx } from '../support/workbook.ts';

const SLUG = 'test-committee';
const Q3 = `/committees/${SLUG}/2017-18-q3`;
const Q4 = `/committees/${SLUG}/2017-18-q4`;
const T2 = (base: string) => `${base}/data-entry/indicators/t-2`;
const KA1 = (base: string) => `${base}/data-entry/actions/KA1`;
const XSS = `<script>alert("x")</script><img src=x onerror=alert(1)>`;

type Who = Role | 'anonymous';
const WHO: Who[] = ['anonymous', ...ROLES];
const ENTRY: Who[] = ['administrator', 'performance-officer', 'data-owner'];
const IMPORT: Who[] = ['administrator', 'performance-officer'];

export function multipart(filename: string, bytes: Buffer, contentType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet') {
  const boundary = '----townhallTestBoundary7MA4YWxkTrZu0gW';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="workbook"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe.each(engines())('running a quarter on %s', (engine) => {
  let t: TestDatabase;
  let server: ReturnType<typeof buildServer>;
  let committeeId: number;
  let officer: SignedIn;
  let officer2: SignedIn;
  let admin: SignedIn;
  let owner: SignedIn;
  let owner2: SignedIn;
  let outsider: SignedIn;

  const get = (url: string, who: SignedIn | null) => server.inject({ url, headers: { accept: 'text/html', ...(who ? { cookie: who.cookie } : {}) } });
  const post = (url: string, who: SignedIn, fields: Record<string, string>) => {
    const body = form({ _csrf: who.csrfToken, ...fields });
    return server.inject({ method: 'POST', url, payload: body.payload, headers: { ...body.headers, cookie: who.cookie } });
  };
  const result = (period: string) =>
    t.handle.db
      .selectFrom('result')
      .innerJoin('indicator', 'indicator.id', 'result.indicator_id')
      .selectAll('result')
      .where('indicator.ref', '=', 'T/2')
      .where('result.period', '=', period)
      .executeTakeFirst();
  const status = async (period: string) =>
    (await t.handle.db.selectFrom('reporting_cycle').select('status').where('committee_id', '=', committeeId).where('period', '=', period).executeTakeFirst())?.status ??
    'open';
  const audits = (entity: string, key: string) =>
    t.handle.db.selectFrom('audit_event').selectAll().where('entity', '=', entity).where('entity_key', '=', key).orderBy('id').execute();
  const revisionOf = (html: string) => Number(/name="revision" value="(\d+)"/.exec(html)![1]);

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    const outcome = await t.app.imports.importFile(await writeCsvWorkbook(smallCouncil()));
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
    committeeId = (await t.handle.db.selectFrom('committee').select('id').where('slug', '=', SLUG).executeTakeFirstOrThrow()).id;
    server = buildServer(t.app);
    officer = await signInAs(t.app, 'performance-officer', { name: 'Pat Officer' });
    officer2 = await signInAs(t.app, 'performance-officer', { name: 'Quinn Officer' });
    admin = await signInAs(t.app, 'administrator', { name: 'Ada Admin' });
    owner = await signInAs(t.app, 'data-owner', { name: 'Sam Owner', scope: { refs: ['T/2'], services: ['Communities'] } });
    owner2 = await signInAs(t.app, 'data-owner', { name: 'Robin Owner', scope: { refs: ['t/2'], services: [] } });
    outsider = await signInAs(t.app, 'data-owner', { name: 'Olly Outsider', scope: { refs: ['X/9'], services: ['Libraries'] } });
  });
  afterAll(async () => {
    await server?.close();
    await t?.dispose();
  });

  describe('data entry', () => {
    it('lists the period’s indicators and key actions in the user’s scope', async () => {
      const res = await get(`${Q3}/data-entry`, owner);
      expect(res.statusCode).toBe(200);
      const page = text(res.body);
      expect(page).toContain('Test Committee Q3 2017/18');
      expect(res.body).toContain('data-ref="T/2"');
      expect(res.body).not.toContain('data-ref="T/1"');
      expect(page).toContain('1 other indicator of this committee is outside your scope');
      expect(res.body).toContain('data-ref="KA1"');
      const all = await get(`${Q3}/data-entry`, officer);
      expect(all.body).toContain('data-ref="T/1"');
      const index = await get('/data-entry', owner);
      expect(index.statusCode).toBe(200);
      expect(index.body).toContain(`href="${Q3}/data-entry"`);
    });

    it('names the field of a value it cannot read, keeps what was typed and writes nothing', async () => {
      const res = await post(T2(Q3), owner, { revision: '0', value: 'about twelve', status: 'reported', commentary: 'Kept text' });
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('govuk-error-summary');
      expect(res.body).toContain('href="#value"');
      expect(text(res.body)).toContain('Result "about twelve" is not understood');
      expect(res.body).toContain('id="value-error"');
      expect(res.body).toMatch(/<input[^>]*id="value"[^>]*value="about twelve"/);
      expect(res.body).toContain('Kept text');
      expect(res.body).toMatch(/<title>Error: /);
      expect(await result('2017-Q3')).toBeUndefined();
    });

    it('refuses a value with a status that says there is none', async () => {
      const res = await post(T2(Q3), owner, { revision: '0', value: '95', status: 'due' });
      expect(res.statusCode).toBe(400);
      expect(text(res.body)).toContain('You entered a result (95) but chose the status "due"');
      const blank = await post(T2(Q3), owner, { revision: '0', value: '', status: 'reported' });
      expect(text(blank.body)).toContain('Enter the result, or choose a status');
    });

    it('requires comments and proposed intervention when the computed rating is off target, and says why', async () => {
      const res = await post(T2(Q3), owner, { revision: '0', value: '120', status: 'reported', commentary: 'Referrals rose' });
      expect(res.statusCode).toBe(400);
      const page = text(res.body);
      expect(page).toContain('Enter comments and proposed intervention: this result is off target (Red');
      expect(res.body).toContain('href="#intervention"');
      expect(res.body).toContain('id="intervention-error"');
      expect(await result('2017-Q3')).toBeUndefined();

      const ok = await post(T2(Q3), owner, {
        revision: '0',
        value: '120',
        status: 'reported',
        commentary: 'Referrals rose',
        intervention: 'Extra caseworker from January',
        reason: 'Q3 return',
      });
      expect(ok.statusCode).toBe(303);
      expect(ok.headers.location).toBe(`${Q3}/data-entry?saved=result&ref=T%2F2&changed=1`);
      const stored = await result('2017-Q3');
      expect(stored).toMatchObject({ value: 120, printed: '120', status: 'reported', commentary: 'Referrals rose', intervention: 'Extra caseworker from January', revision: 1 });
      const events = await audits('result', 'T/2 Q3 2017/18');
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ actor: owner.email, action: 'entry:add', before: null, reason: 'Q3 return' });
      expect(events[0]!.after).toMatchObject({ value: 120, intervention: 'Extra caseworker from January' });

      const overview = await get(`${Q3}/data-entry?saved=result&ref=T%2F2&changed=1`, owner);
      expect(text(overview.body)).toContain('The result for T/2 has been saved.');
    });

    it('does not need an intervention on target', async () => {
      const res = await post(T2(Q4), owner, { revision: '0', value: '95', status: 'reported' });
      expect(res.statusCode).toBe(303);
      // Saving the same values again changes nothing and writes no audit event.
      const again = await post(T2(Q4), owner, { revision: '1', value: '95', status: 'reported' });
      expect(again.headers.location).toContain('changed=0');
      expect(await audits('result', 'T/2 Q4 2017/18')).toHaveLength(1);
      expect((await result('2017-Q4'))!.revision).toBe(1);
    });

    it('tells the second of two concurrent editors, shows the newer value and who saved it, and overwrites nothing', async () => {
      const first = await get(T2(Q3), owner);
      const second = await get(T2(Q3), owner2);
      expect(revisionOf(first.body)).toBe(1);
      expect(revisionOf(second.body)).toBe(1);
      const saved = await post(T2(Q3), owner2, { revision: '1', value: '98', status: 'reported', commentary: 'Robin’s figure' });
      expect(saved.statusCode).toBe(303);
      const late = await post(T2(Q3), owner, { revision: '1', value: '97', status: 'reported', commentary: 'Sam’s figure' });
      expect(late.statusCode).toBe(409);
      const page = text(late.body);
      expect(page).toContain('Someone else changed this result while you were editing it');
      expect(page).toContain(`Robin Owner (${owner2.email}) saved it on`);
      expect(page).toContain('98');
      expect(page).toContain('Robin’s figure');
      expect(late.body).toMatch(/<input[^>]*id="value"[^>]*value="97"/);
      expect(revisionOf(late.body)).toBe(2);
      expect(await result('2017-Q3')).toMatchObject({ value: 98, revision: 2, commentary: 'Robin’s figure' });
      // Saving again from the refreshed form (revision 2) is a deliberate overwrite.
      const retry = await post(T2(Q3), owner, { revision: '2', value: '97', status: 'reported', commentary: 'Sam’s figure' });
      expect(retry.statusCode).toBe(303);
      expect(await result('2017-Q3')).toMatchObject({ value: 97, revision: 3 });
    });

    it('also detects an import that changed the result meanwhile', async () => {
      const form1 = await get(T2(Q3), officer);
      const dir = await writeCsvWorkbook({ results: [{ ref: 'T/2', period: 'Q3 2017/18', value: '99', commentary: 'From the import' }] });
      expect((await t.app.imports.importFile(dir, { actor: 'import-test' })).ok).toBe(true);
      const late = await post(T2(Q3), officer, { revision: String(revisionOf(form1.body)), value: '50', status: 'reported' });
      expect(late.statusCode).toBe(409);
      expect(text(late.body)).toContain('import-test saved it on');
      expect((await result('2017-Q3'))!.value).toBe(99);
    });

    it('refuses data owners outside their scope with 403 and writes nothing', async () => {
      expect((await get(T2(Q3), outsider)).statusCode).toBe(403);
      const res = await post(T2(Q3), outsider, { revision: '4', value: '1', status: 'reported' });
      expect(res.statusCode).toBe(403);
      expect(text(res.body)).toContain('Indicator T/2 is not in your scope');
      expect((await get(`${Q3}/data-entry/indicators/t-1`, owner)).statusCode).toBe(403);
      expect((await post(KA1(Q3), outsider, { version: 'none', rag: 'G' })).statusCode).toBe(403);
      expect((await result('2017-Q3'))!.value).toBe(99);
      expect((await get(`${Q3}/data-entry/indicators/no-such`, officer)).statusCode).toBe(404);
      expect((await get(`/committees/${SLUG}/2030-31-q1/data-entry`, officer)).statusCode).toBe(404);
      // A key action's ref in another case leads to its own address, as an indicator's does; an unknown one is not found.
      const otherCase = await get(`${Q3}/data-entry/actions/ka1`, officer);
      expect([otherCase.statusCode, otherCase.headers.location]).toEqual([301, KA1(Q3)]);
      expect((await get(`${Q3}/data-entry/actions/KA9`, officer)).statusCode).toBe(404);
    });

    it('updates a key action’s RAG and commentary with errors named, concurrency checked and audited', async () => {
      const bad = await post(KA1(Q3), owner, { version: 'none', rag: 'Amber', commentary: 'On its way' });
      expect(bad.statusCode).toBe(400);
      expect(text(bad.body)).toContain('Choose a rating');
      expect(bad.body).toContain('href="#rag"');
      expect(bad.body).toContain('On its way');
      const formPage = await get(KA1(Q3), owner);
      const version = /name="version" value="([^"]+)"/.exec(formPage.body)![1]!;
      expect(version).toBe('none');
      const ok = await post(KA1(Q3), owner, { version, rag: 'GA', commentary: 'Hub opens in February', reason: 'Q3 update' });
      expect(ok.statusCode).toBe(303);
      const stale = await post(KA1(Q3), officer, { version: 'none', rag: 'R', commentary: 'Overwrite?' });
      expect(stale.statusCode).toBe(409);
      expect(text(stale.body)).toContain('Someone else changed this key action');
      expect(text(stale.body)).toContain('Hub opens in February');
      const stored = await t.handle.db.selectFrom('key_action_update').selectAll().where('period', '=', '2017-Q3').executeTakeFirstOrThrow();
      expect(stored).toMatchObject({ rag: 'GA', commentary: 'Hub opens in February' });
      const events = await audits('key_action_update', 'KA1 Q3 2017/18');
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ actor: owner.email, action: 'entry:add', reason: 'Q3 update', after: { rag: 'GA', commentary: 'Hub opens in February' } });
    });
  });

  describe('sign-off', () => {
    const signOff = `${Q3}/sign-off`;

    it('moves open → submitted → approved → published, each step by its roles, audited with its reason', async () => {
      const dash = await get(Q3, owner);
      expect(dash.statusCode).toBe(200);
      expect(dash.body).toContain('id="sign-off"');
      expect(dash.body).toContain('Submit for approval');
      expect(dash.body).not.toContain('>Approve<');

      // Nobody may approve an open cycle; an outsider data owner may not submit it.
      expect((await post(signOff, officer, { action: 'approve' })).statusCode).toBe(409);
      expect((await post(signOff, outsider, { action: 'submit' })).statusCode).toBe(403);
      // The data owner submits their part (T/2 and the Communities key action); the period waits for T/1.
      const part = await post(signOff, owner, { action: 'submit', reason: 'All Q3 results in' });
      expect(part.statusCode).toBe(303);
      expect(part.headers.location).toBe(`${signOff}?done=part`);
      expect(await status('2017-Q3')).toBe('open');
      const waiting = text((await get(`${signOff}?done=part`, owner)).body);
      expect(waiting).toContain('Your part of Test Committee Q3 2017/18 has been submitted. The period goes to the performance team when every part is in.');
      expect(waiting).toContain('Nothing is missing in your scope');
      expect(waiting).toMatch(/Parts submitted by data owners Sam Owner \([^)]+\), .+?: 2 items Waiting for parts covering: No owner recorded T\/1 Residents satisfied with the area /);
      // The performance officer submits the whole (T/1 is annual: not due in Q3).
      const submitted = await post(signOff, officer, { action: 'submit' });
      expect(submitted.statusCode).toBe(303);
      expect(submitted.headers.location).toBe(`${signOff}?done=submit`);
      expect(await status('2017-Q3')).toBe('submitted');
      expect(text((await get(`${signOff}?done=submit`, owner)).body)).toContain('Test Committee Q3 2017/18 has been submitted for approval.');

      // Data owners may not approve; administrators neither (approval is the performance team's).
      expect((await post(signOff, owner, { action: 'approve' })).statusCode).toBe(403);
      expect((await post(signOff, admin, { action: 'approve' })).statusCode).toBe(403);
      const officerDash = await get(Q3, officer);
      expect(officerDash.body).toContain('>Approve</button>');
      expect((await post(signOff, officer, { action: 'approve' })).statusCode).toBe(303);
      expect(await status('2017-Q3')).toBe('approved');

      // Approved: locked for data owners, not for the performance team.
      const locked = await post(T2(Q3), owner, { revision: '4', value: '90', status: 'reported' });
      expect(locked.statusCode).toBe(409);
      expect(text(locked.body)).toContain('has been approved, so data owners can no longer change it');
      expect(text((await get(T2(Q3), owner)).body)).toContain('has been approved');
      expect((await post(KA1(Q3), owner, { version: 'x', rag: 'G' })).statusCode).toBe(409);
      const byOfficer = await post(T2(Q3), officer, { revision: '4', value: '99', status: 'reported', commentary: 'Checked', reason: 'Officer check' });
      expect(byOfficer.statusCode).toBe(303);

      expect((await post(signOff, owner, { action: 'publish' })).statusCode).toBe(403);
      expect((await post(signOff, admin, { action: 'publish', reason: 'Committee 21 Feb' })).statusCode).toBe(303);
      expect(await status('2017-Q3')).toBe('published');

      const events = await audits('reporting_cycle', 'Test Committee Q3 2017/18');
      expect(events.map((e) => [e.actor, e.before, e.after, e.reason])).toEqual([
        [owner.email, null, { refs: ['T/2', 'KA1'] }, 'All Q3 results in'],
        [officer.email, { status: 'open' }, { status: 'submitted' }, null],
        [officer.email, { status: 'submitted' }, { status: 'approved' }, null],
        [admin.email, { status: 'approved' }, { status: 'published' }, 'Committee 21 Feb'],
      ]);
      const history = text((await get(signOff, officer)).body);
      expect(history).toContain('Approved → Published');
      expect(history).toContain('Committee 21 Feb');
    });

    it('locks published data for everyone, in forms and in uploads', async () => {
      const res = await post(T2(Q3), officer, { revision: '5', value: '10', status: 'reported' });
      expect(res.statusCode).toBe(409);
      expect(text(res.body)).toContain('Test Committee Q3 2017/18 is published, so its data are locked');
      expect(res.body).not.toContain('name="revision"');
      expect((await post(KA1(Q3), admin, { version: 'x', rag: 'R' })).statusCode).toBe(409);
      expect((await result('2017-Q3'))!.value).toBe(99);

      const bytes = await xlsx({ results: [['ref', 'period', 'value'], ['T/2', 'Q3 2017/18', '11']] });
      const up = multipart('q3.xlsx', bytes);
      const uploaded = await server.inject({ method: 'POST', url: `/import?_csrf=${encodeURIComponent(officer.csrfToken)}`, payload: up.payload, headers: { ...up.headers, cookie: officer.cookie } });
      expect(uploaded.statusCode).toBe(303);
      const preview = await get(uploaded.headers.location as string, officer);
      expect(text(preview.body)).toContain('is published, so its data are locked');
      expect(preview.body).not.toContain('Import these changes');
    });

    it('reopens a published cycle only with a reason, audited', async () => {
      const dash = await get(Q3, officer);
      expect(dash.body).toContain('Reopen (you will be asked for a reason)');
      const noReason = await post(`${Q3}/sign-off`, officer, { action: 'reopen', reason: '  ' });
      expect(noReason.statusCode).toBe(400);
      expect(text(noReason.body)).toContain('Enter the reason for reopening: Test Committee Q3 2017/18 is published');
      expect(noReason.body).toContain('href="#reason-reopen"');
      expect(await status('2017-Q3')).toBe('published');
      expect((await post(`${Q3}/sign-off`, owner, { action: 'reopen', reason: 'Mine' })).statusCode).toBe(403);
      const ok = await post(`${Q3}/sign-off`, officer, { action: 'reopen', reason: 'Correct T/2 after audit' });
      expect(ok.statusCode).toBe(303);
      expect(await status('2017-Q3')).toBe('open');
      const last = (await audits('reporting_cycle', 'Test Committee Q3 2017/18')).at(-1)!;
      expect(last).toMatchObject({ actor: officer.email, before: { status: 'published' }, after: { status: 'open' }, reason: 'Correct T/2 after audit' });
      // Open again: data owners can change it.
      expect((await post(T2(Q3), owner, { revision: '5', value: '96', status: 'reported' })).statusCode).toBe(303);
    });

    it('keeps unpublished data from the public: a reopened period shows the version published until it is published again', async () => {
      const t2 = async () => {
        const res = await get(`/reports/performance?committee=${SLUG}&period=Q3%202017/18`, null);
        expect(res.statusCode).toBe(200);
        return (res.json() as { indicators: { ref: string; result: { value: number | null } | null }[] }).indicators.find((i) => i.ref === 'T/2')!.result?.value;
      };
      const pub = await get(Q3, null);
      expect(pub.statusCode).toBe(200);
      expect(text(pub.body)).toContain('Published figures do not change');
      expect(pub.body).not.toContain('Draft:');
      expect(await t2()).not.toBe(96);
      await t.app.publication.setStatus(committeeId, '2017-Q3', 'published', 'test');
      const republished = await get(Q3, null);
      expect(republished.statusCode).toBe(200);
      expect(republished.body).not.toContain('id="sign-off"');
      expect(text(republished.body)).toContain('(version 2 of 2)');
      expect(await t2()).toBe(96);
      await t.app.publication.setStatus(committeeId, '2017-Q3', 'open', 'test', 'back to open for the next tests');
    });
  });

  describe('spreadsheet upload', () => {
    const upload = async (who: SignedIn, filename: string, bytes: Buffer) => {
      const up = multipart(filename, bytes);
      return server.inject({ method: 'POST', url: `/import?_csrf=${encodeURIComponent(who.csrfToken)}`, payload: up.payload, headers: { ...up.headers, cookie: who.cookie } });
    };

    it('previews every change, confirms exactly the previewed file, and shows a new preview if the data changed meanwhile', async () => {
      const bytes = await xlsx({ results: [['ref', 'period', 'value', 'commentary'], ['T/2', 'Q1 2018/19', '', ''], ['T/2', 'Q4 2017/18', '90', 'Better']] });
      const res = await upload(officer, 'results.xlsx', bytes);
      expect(res.statusCode).toBe(303);
      const previewUrl = res.headers.location as string;
      expect(previewUrl).toMatch(/^\/import\/[A-Za-z0-9_-]{20,}$/);
      // The upload row for Q1 2018/19 has no value: an error naming sheet, row, column.
      const withError = await get(previewUrl, officer);
      expect(withError.statusCode).toBe(200);
      const errorsPage = text(withError.body);
      expect(errorsPage).toMatch(/results 2 value .*Value is missing/);
      expect(withError.body).not.toContain('Import these changes');

      const good = await xlsx({ results: [['ref', 'period', 'value', 'commentary'], ['T/2', 'Q4 2017/18', '90', 'Better']] });
      const res2 = await upload(officer, 'results.xlsx', good);
      const url = res2.headers.location as string;
      const preview = await get(url, officer);
      const page = text(preview.body);
      expect(page).toContain('Result T/2 Q4 2017/18');
      expect(page).toContain('value: 95 → 90');
      expect(page).toContain('commentary: (blank) → Better');
      const digest = /name="digest" value="([^"]+)"/.exec(preview.body)![1]!;
      // Another session (even of the same user) cannot see or confirm it.
      const other = await signInAs(t.app, 'performance-officer', { email: officer.email });
      expect((await get(url, other)).statusCode).toBe(404);
      expect((await post(url, other, { digest })).statusCode).toBe(404);
      expect((await get(url, officer2)).statusCode).toBe(404);

      // The data change between preview and confirm: nothing is written, the new preview is shown.
      expect((await post(T2(Q4), owner, { revision: '1', value: '93', status: 'reported' })).statusCode).toBe(303);
      const stale = await post(url, officer, { digest, reason: 'Q4 file' });
      expect(stale.statusCode).toBe(409);
      expect(text(stale.body)).toContain('The stored data changed after you previewed this file, so nothing was imported');
      expect(text(stale.body)).toContain('value: 93 → 90');
      expect((await result('2017-Q4'))!.value).toBe(93);

      const newDigest = /name="digest" value="([^"]+)"/.exec(stale.body)![1]!;
      expect(newDigest).not.toBe(digest);
      const done = await post(url, officer, { digest: newDigest, reason: 'Q4 file' });
      expect(done.statusCode).toBe(303);
      expect(done.headers.location).toBe('/import?imported=1');
      expect(text((await get('/import?imported=1', officer)).body)).toContain('The file has been imported: 1 change saved');
      expect(await result('2017-Q4')).toMatchObject({ value: 90, commentary: 'Better' });
      const events = await audits('result', 'T/2 Q4 2017/18');
      expect(events.at(-1)).toMatchObject({ actor: officer.email, action: 'import:change', reason: 'Q4 file' });
      // Imported: the upload is gone.
      expect((await get(url, officer)).statusCode).toBe(404);
    });

    it('refuses files that are not spreadsheets, empty or missing', async () => {
      const notXlsx = await upload(officer, 'notes.xlsx', Buffer.from('just text'));
      expect(notXlsx.statusCode).toBe(400);
      expect(text(notXlsx.body)).toContain('The selected file must be an Excel spreadsheet (.xlsx)');
      expect(notXlsx.body).toContain('href="#workbook"');
      const empty = await upload(officer, 'empty.xlsx', Buffer.alloc(0));
      expect(text(empty.body)).toMatch(/The selected file is empty|Select a spreadsheet/);
      const none = await post('/import', officer, {});
      expect(none.statusCode).toBe(400);
      expect(text(none.body)).toContain('Select a spreadsheet (.xlsx) to upload');
    });
  });

  describe('free text comes back inert', () => {
    it('escapes a script payload in every field entered, on every page that shows it', async () => {
      // The value field: not understood, echoed in the error.
      const revision = String(revisionOf((await get(T2(Q4), owner)).body));
      const bad = await post(T2(Q4), owner, { revision, value: XSS, status: 'reported' });
      expect(bad.statusCode).toBe(400);
      const saved = await post(T2(Q4), owner, {
        revision,
        value: '96',
        status: 'reported',
        dataPeriod: XSS,
        note: XSS,
        commentary: XSS,
        intervention: XSS,
        reason: XSS,
      });
      expect(saved.statusCode).toBe(303);
      expect((await post(`${Q4}/data-entry/actions/KA1`, owner, { version: 'none', rag: 'G', commentary: XSS, reason: XSS })).statusCode).toBe(303);
      expect((await post(`${Q4}/sign-off`, owner, { action: 'submit', reason: XSS })).statusCode).toBe(303);
      const pages = [
        bad,
        await get(T2(Q4), owner),
        await get(`${Q4}/data-entry/actions/KA1`, owner),
        await get(`${Q4}/sign-off`, owner),
        await get(`${Q4}/data-entry`, owner),
        await get(Q4, officer),
        await get(`${Q4}/actions`, officer),
        await get('/indicators/t-2', officer),
        await get('/admin/audit', officer),
      ];
      for (const page of pages) {
        expect(page.statusCode).toBeLessThan(500);
        expect(page.body).not.toContain('<script>alert');
        expect(page.body).not.toContain('<img src=x');
      }
      expect(pages[0]!.body).toContain('&lt;script&gt;alert(');
      expect(pages[1]!.body).toContain('&lt;script&gt;alert(');
      expect(pages[3]!.body).toContain('&lt;script&gt;alert(');
      expect(pages[7]!.body).toContain('&lt;script&gt;alert(');
      // The upload's file name is shown on the preview.
      const bytes = await xlsx({ results: [['ref', 'period', 'value'], ['T/2', 'Q4 2017/18', '96']] });
      const up = multipart(`${XSS.replace(/"/g, '')}.xlsx`, bytes);
      const res = await server.inject({ method: 'POST', url: `/import?_csrf=${encodeURIComponent(officer.csrfToken)}`, payload: up.payload, headers: { ...up.headers, cookie: officer.cookie } });
      const preview = await get(res.headers.location as string, officer);
      expect(preview.body).not.toContain('<script>alert');
      expect(preview.body).toContain('&lt;script&gt;');
    });
  });

  describe('who may use each route', () => {
    const MATRIX: { method: 'GET' | 'POST'; url: string; allowed: Who[] }[] = [
      { method: 'GET', url: '/data-entry', allowed: ENTRY },
      { method: 'GET', url: `${Q3}/data-entry`, allowed: ENTRY },
      { method: 'GET', url: T2(Q3), allowed: ENTRY },
      { method: 'POST', url: T2(Q3), allowed: ENTRY },
      { method: 'GET', url: KA1(Q3), allowed: ENTRY },
      { method: 'POST', url: KA1(Q3), allowed: ENTRY },
      { method: 'GET', url: `${Q3}/sign-off`, allowed: ENTRY },
      { method: 'POST', url: `${Q3}/sign-off`, allowed: ENTRY },
      { method: 'GET', url: '/import', allowed: IMPORT },
      { method: 'POST', url: '/import', allowed: IMPORT },
      { method: 'GET', url: '/import/unknown-upload-id', allowed: IMPORT },
      { method: 'POST', url: '/import/unknown-upload-id', allowed: IMPORT },
    ];
    const cases = MATRIX.flatMap((route) => WHO.map((who) => ({ ...route, who, allow: route.allowed.includes(who) })));
    const people = new Map<Role, SignedIn>();

    it.each(cases)('$method $url as $who → $allow', async ({ method, url, who, allow }) => {
      let cookie = '';
      let csrf = '';
      if (who === 'anonymous') {
        const page = await server.inject('/sign-in');
        cookie = cookiesFrom(page);
        csrf = csrfFrom(page.body);
      } else {
        if (!people.has(who)) {
          people.set(who, await signInAs(t.app, who, who === 'data-owner' ? { scope: { refs: ['T/2'], services: ['Communities'] } } : {}));
        }
        cookie = people.get(who)!.cookie;
        csrf = people.get(who)!.csrfToken;
      }
      const body = form({ _csrf: csrf });
      const res =
        method === 'GET'
          ? await server.inject({ url, headers: { cookie, accept: 'text/html' } })
          : await server.inject({ method, url, payload: body.payload, headers: { ...body.headers, cookie } });
      if (allow) {
        // The page; a validation error for the empty form; an unknown upload is "no longer available".
        expect([200, 400, 404]).toContain(res.statusCode);
        if (res.statusCode === 404) expect(res.body).toContain('This upload is no longer available');
        if (method === 'POST' && res.statusCode === 400) expect(res.body).toMatch(/govuk-error-summary|sign-off step was not recognised/);
      } else if (who === 'anonymous') {
        if (method === 'GET') {
          expect(res.statusCode).toBe(302);
          expect(res.headers.location).toBe(`/sign-in?next=${encodeURIComponent(url)}`);
        } else {
          expect(res.statusCode).toBe(401);
        }
      } else {
        expect(res.statusCode).toBe(403);
        expect(res.body).toContain('You do not have permission to use this page');
      }
    });

    it('changed nothing while walking the matrix', async () => {
      expect(await status('2017-Q3')).toBe('open');
    });
  });
});
