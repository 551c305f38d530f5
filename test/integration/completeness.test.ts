/**
 * Completeness and scope in sign-off (issue 10, deliver 1), through the web as its users would: submit
 * and approve show what is missing and refuse until every gap is filled or marked with a reason; a data
 * owner submits their part only; publishing an incomplete period needs a reason, which the published
 * report states on the page and on the papers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/web/server.ts';
import { form, signInAs, type SignedIn } from '../support/auth.ts';
import { createTestDatabase, engines, type TestDatabase } from '../support/db.ts';
import { text } from '../support/html.ts';
import { smallCouncil, writeCsvWorkbook } from '../support/workbook.ts';

const SLUG = 'test-committee';
const Q4 = `/committees/${SLUG}/2017-18-q4`;
const SIGN_OFF = `${Q4}/sign-off`;
const T1 = `${Q4}/data-entry/indicators/t-1`;
const T2 = `${Q4}/data-entry/indicators/t-2`;
const KA1 = `${Q4}/data-entry/actions/KA1`;

describe.each(engines())('completeness in sign-off on %s', (engine) => {
  let t: TestDatabase;
  let server: ReturnType<typeof buildServer>;
  let officer: SignedIn;
  let admin: SignedIn;
  let owner: SignedIn;

  const get = (url: string, who: SignedIn | null) => server.inject({ url, headers: { accept: 'text/html', ...(who ? { cookie: who.cookie } : {}) } });
  const post = (url: string, who: SignedIn, fields: Record<string, string>) => {
    const body = form({ _csrf: who.csrfToken, ...fields });
    return server.inject({ method: 'POST', url, payload: body.payload, headers: { ...body.headers, cookie: who.cookie } });
  };
  const revision = async (url: string, who: SignedIn) => /name="revision" value="(\d+)"/.exec((await get(url, who)).body)![1]!;
  const actionVersion = async (who: SignedIn) => /name="version" value="([^"]+)"/.exec((await get(KA1, who)).body)![1]!;
  const missing = (html: string) => {
    const page = text(html);
    const from = page.indexOf('What is missing');
    return from < 0 ? '' : page.slice(from, page.indexOf('How sign-off works'));
  };

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    const outcome = await t.app.imports.importFile(await writeCsvWorkbook(smallCouncil()));
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
    server = buildServer(t.app);
    officer = await signInAs(t.app, 'performance-officer', { name: 'Pat Officer' });
    admin = await signInAs(t.app, 'administrator', { name: 'Ada Admin' });
    owner = await signInAs(t.app, 'data-owner', { name: 'Sam Owner', scope: { refs: ['T/2'], services: ['Communities'] } });
  });
  afterAll(async () => {
    await server?.close();
    await t?.dispose();
  });

  it('lists what is missing and refuses to submit until each gap is filled or marked with a reason', async () => {
    const page = await get(SIGN_OFF, officer);
    expect(missing(page.body)).toContain('What is missing: 3');
    expect(missing(page.body)).toContain('T/1 Residents satisfied with the area: no result for Q4 2017/18 (due annual)');
    expect(missing(page.body)).toContain('T/2 Repeat referrals: no result for Q4 2017/18 (due quarterly)');
    expect(missing(page.body)).toContain('KA1 Launch the volunteering hub: no update for Q4 2017/18');
    const refused = await post(SIGN_OFF, officer, { action: 'submit' });
    expect(refused.statusCode).toBe(409);
    expect(text(refused.body)).toContain('Test Committee Q4 2017/18 cannot be submitted for approval yet: 3 items are missing.');
    expect(missing(refused.body)).toContain('T/1 Residents satisfied with the area: no result');

    // A data owner sees, and is refused for, only their scope.
    const mine = await post(SIGN_OFF, owner, { action: 'submit' });
    expect(mine.statusCode).toBe(409);
    expect(text(mine.body)).toContain('2 items in your scope are missing');
    expect(missing(mine.body)).toContain('What is missing in your scope: 2');
    expect(missing(mine.body)).not.toContain('T/1');

    // Off target with no commentary and no intervention; a result marked "not collected" with no reason.
    expect((await post(T2, owner, { revision: '0', value: '120', status: 'reported', intervention: '' })).statusCode).toBe(400);
    expect((await post(T2, owner, { revision: '0', value: '120', status: 'reported', intervention: 'Review of referral routes' })).statusCode).toBe(303);
    expect((await post(T1, officer, { revision: '0', value: '', status: 'not collected' })).statusCode).toBe(303);
    const after = missing((await get(SIGN_OFF, officer)).body);
    expect(after).toContain('T/1 Residents satisfied with the area: marked "not collected" for Q4 2017/18 without a reason: give it in the note');
    expect(after).toContain('T/2 Repeat referrals: no commentary on the Q4 2017/18 result');
    expect(after).toContain('KA1 Launch the volunteering hub: no update');
  });

  it('lets a data owner submit their complete part, and the officer the rest', async () => {
    expect((await post(T2, owner, { revision: await revision(T2, owner), value: '120', status: 'reported', commentary: 'More repeat referrals', intervention: 'Review of referral routes' })).statusCode).toBe(303);
    expect((await post(KA1, owner, { version: await actionVersion(owner), rag: 'GA', commentary: 'Opening in April' })).statusCode).toBe(303);
    const part = await post(SIGN_OFF, owner, { action: 'submit' });
    expect(part.headers.location).toBe(`${SIGN_OFF}?done=part`);
    // The officer still cannot submit the whole: T/1 has no reason.
    expect((await post(SIGN_OFF, officer, { action: 'submit' })).statusCode).toBe(409);
    expect((await post(T1, officer, { revision: await revision(T1, officer), value: '', status: 'not collected', note: 'Survey moved to the spring' })).statusCode).toBe(303);
    const submitted = await post(SIGN_OFF, officer, { action: 'submit' });
    expect(submitted.headers.location).toBe(`${SIGN_OFF}?done=submit`);
    expect(text((await get(SIGN_OFF, officer)).body)).toContain('Nothing is missing');
    expect((await post(SIGN_OFF, officer, { action: 'approve' })).statusCode).toBe(303);
  });

  it('publishes a period with something missing only with a reason, which the published report states', async () => {
    // Approved, then an officer clears the commentary: one item missing again.
    expect((await post(T2, officer, { revision: await revision(T2, officer), value: '120', status: 'reported', commentary: '', intervention: 'Review of referral routes' })).statusCode).toBe(303);
    const noReason = await post(SIGN_OFF, admin, { action: 'publish' });
    expect(noReason.statusCode).toBe(400);
    expect(text(noReason.body)).toContain('Enter the reason for publishing Test Committee Q4 2017/18 with 1 item missing: the published report states it');
    const published = await post(SIGN_OFF, admin, { action: 'publish', reason: 'Commentary to follow at the meeting' });
    expect(published.statusCode).toBe(303);
    const statement = 'Published incomplete: 1 item was missing when this report was published. Reason given: Commentary to follow at the meeting';
    const dashboard = text((await get(Q4, null)).body);
    expect(dashboard).toContain(statement);
    expect(dashboard).toContain('T/2 Repeat referrals: no commentary on the Q4 2017/18 result');
    const paper = (await get(`${Q4}/reports/quarterly.md`, null)).body;
    expect(paper).toContain(statement);
    expect((await get(`/reports/performance?committee=${SLUG}&period=Q4%202017/18&format=md`, null)).body).toContain(statement);
  });
});
