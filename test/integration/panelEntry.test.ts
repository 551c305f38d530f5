/**
 * Panel entry through the web forms (src/web/components/panel-entry), on the demo council: a row is
 * saved through the importer (validation, audit, published lock), computed figures appear beside
 * the typed ones, errors name the field and keep the values typed, and free text is shown inert.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_WORKBOOK } from '../../src/app.ts';
import { loadPanelsFor, type StoredPanels } from '../../src/repositories/panelRepository.ts';
import { buildServer } from '../../src/web/server.ts';
import { form, signInAs, type SignedIn } from '../support/auth.ts';
import { createTestDatabase, engines, type TestDatabase } from '../support/db.ts';
import { text } from '../support/html.ts';

const SLUG = 'community-leadership-committee';
const PERIOD = '2018-19-q2';
const PANELS = `/committees/${SLUG}/${PERIOD}/panels`;
const PAYLOAD = `<script>alert(1)</script>"'><img src=x onerror=alert(1)>`;

describe.each(engines())('panel entry on %s', (engine) => {
  let t: TestDatabase;
  let server: ReturnType<typeof buildServer>;
  let officer: SignedIn;

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    expect((await t.app.imports.importFile(DEMO_WORKBOOK)).ok).toBe(true);
    server = buildServer(t.app);
    officer = await signInAs(t.app, 'performance-officer', { email: 'panels-officer@council.gov.uk' });
  });
  afterAll(async () => {
    await server?.close();
    await t?.dispose();
  });

  const get = (url: string, who: SignedIn = officer) => server.inject({ url, headers: { cookie: who.cookie, accept: 'text/html' } });
  const post = (url: string, fields: Record<string, string>, who: SignedIn = officer) => {
    const body = form({ _csrf: who.csrfToken, ...fields });
    return server.inject({ method: 'POST', url, payload: body.payload, headers: { ...body.headers, cookie: who.cookie } });
  };
  const audit = () =>
    t.handle.db.selectFrom('audit_event').selectAll().where('actor', '=', 'panels-officer@council.gov.uk').orderBy('id').execute();
  /** The panels stored for Q2 2018/19 of the committee. */
  const stored = async (): Promise<StoredPanels> => loadPanelsFor(t.handle.db, (await t.app.entry.cycle(SLUG, '2018-Q2'))!.committee.id, '2018-Q2');
  const revenueRow = async (service: string) => (await stored()).revenue.find((r) => r.values.service === service)!;
  const revenueId = async (service: string) => (await revenueRow(service)).id;

  it('lists every panel with the demo rows and the computed variance, linked from data entry', async () => {
    const page = await get(PANELS);
    expect(page.statusCode).toBe(200);
    const body = text(page.body);
    for (const title of ['Revenue budget', 'Capital programme', 'Savings', 'Risks', 'Workforce', 'Customer experience', 'Narrative', 'Overall status of priorities']) expect(body).toContain(title);
    expect(body).toContain('Community Safety');
    expect(body).toContain('STR024');
    const entry = await get(`/committees/${SLUG}/${PERIOD}/data-entry`);
    expect(entry.body).toContain(`href="${PANELS}"`);
  });

  it('adds a revenue line and shows its computed variance', async () => {
    const form = await get(`${PANELS}/revenue/new`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('name="_csrf"');
    expect(form.body).toContain('name="revised_budget"');
    const res = await post(`${PANELS}/revenue`, { service: 'Parks', revised_budget: '1,000', forecast: '1,250', reserve_movements: '(50)', comments: 'Storm damage', reason: 'Q2 monitoring' });
    expect([res.statusCode, res.body.slice(0, 2000)]).toEqual([303, '']);
    expect(res.headers.location).toMatch(new RegExp(`^${PANELS}\\?saved=1`));
    const page = text((await get(PANELS)).body);
    // Variance 1,250 − 1,000 = 250; after reserves 1,200 − 1,000 = 200.
    expect(page).toMatch(/Parks\s+1,000\s+1,250\s+\(50\)\s+250\s+200/);
    const event = (await audit()).at(-1)!;
    expect(event).toMatchObject({ reason: 'Q2 monitoring' });
    expect(JSON.stringify(event.after)).toContain('1250');
  });

  it('changes a stored row, keeping its key, and audits before → after with the reason', async () => {
    const id = await revenueId('Parks');
    const edit = await get(`${PANELS}/revenue/${id}`);
    expect(edit.statusCode).toBe(200);
    expect(edit.body).toContain('value="1250"');
    const res = await post(`${PANELS}/revenue/${id}`, { service: 'Renamed', revised_budget: '1000', forecast: '900', reserve_movements: '0', reason: 'Revised forecast' });
    expect(res.statusCode).toBe(303);
    expect((await stored()).revenue.find((r) => r.id === id)!.values).toMatchObject({ service: 'Parks', forecast: 900 });
    const event = (await audit()).at(-1)!;
    expect(event).toMatchObject({ reason: 'Revised forecast' });
    expect(JSON.stringify(event.before)).toContain('1250');
    expect(JSON.stringify(event.after)).toContain('900');
    expect(text((await get(PANELS)).body)).toMatch(/Parks\s+1,000\s+900\s+0\s+\(100\)\s+\(100\)/);
  });

  it('refuses a bad money value with an inline error on that field, keeping what was typed', async () => {
    const res = await post(`${PANELS}/revenue`, { service: 'Libraries extra', revised_budget: 'lots', forecast: '12' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('govuk-error-summary');
    expect(res.body).toContain('href="#revised_budget"');
    const inline = /<p id="revised_budget-error"[^>]*>([\s\S]*?)<\/p>/.exec(res.body);
    expect(text(inline?.[1] ?? '')).toContain('Revised budget "lots" is not a number');
    expect(res.body).toContain('value="lots"');
    expect(res.body).toContain('value="Libraries extra"');
  });

  it('refuses a risk whose residual score is not likelihood × impact, and a duplicate key', async () => {
    const res = await post(`${PANELS}/risks`, { risk_ref: 'NEW1', title: 'Flooding', kind: 'service', residual_likelihood: '3', residual_impact: '4', residual_score: '16' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('href="#residual_score"');
    expect(text(res.body)).toContain('Residual score 16 is not likelihood 3 × impact 4 = 12');
    const dup = await post(`${PANELS}/risks`, { risk_ref: 'STR024', title: 'Again', kind: 'strategic', residual_score: '4' });
    expect(dup.statusCode).toBe(400);
    expect(text(dup.body)).toContain('There is already a risk STR024 for this period');
    const ok = await post(`${PANELS}/risks`, { risk_ref: 'NEW1', title: 'Flooding', kind: 'service', residual_likelihood: '4', residual_impact: '5', priority: 'Safer communities' });
    expect([ok.statusCode, ok.body.slice(0, 1500)]).toEqual([303, '']);
    expect(text((await get(PANELS)).body)).toMatch(/NEW1\s+Flooding\s+Safer communities\s+4\s+5\s+20\s+Yes/);
  });

  it('adds narrative items in order and shows free text inert', async () => {
    for (const item of [PAYLOAD, 'Second success']) {
      const res = await post(`${PANELS}/narrative`, { kind: 'success', text: item, reason: PAYLOAD });
      expect([res.statusCode, res.body.slice(0, 1500)]).toEqual([303, '']);
    }
    const rows = (await stored()).narrative.filter((r) => r.values.kind === 'success').map((r) => ({ text: r.values.text, position: Number(r.values.position) })).sort((a, b) => a.position - b.position);
    expect(rows.slice(-2)).toEqual([expect.objectContaining({ text: PAYLOAD }), expect.objectContaining({ text: 'Second success' })]);
    expect(rows.at(-1)!.position).toBe(rows.at(-2)!.position + 1);
    const bad = await post(`${PANELS}/revenue`, { service: PAYLOAD, revised_budget: 'x', forecast: '1', comments: PAYLOAD });
    for (const page of [(await get(PANELS)).body, bad.body, (await get('/admin/audit')).body]) {
      expect(page).not.toContain('<script>alert(1)');
      expect(page).not.toMatch(/<img[^>]*onerror/i);
      expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    }
  });

  it('records the overall status as the officers\' judgement, with its reason, the data\'s suggestion shown beside it', async () => {
    const res = await post(`${PANELS}/priority_status`, { priority: 'Safer communities', judgement: 'Red' });
    expect(res.statusCode).toBe(400);
    // A new row for a priority that has one: refused before the importer.
    expect(text(res.body)).toContain('There is already a priority status Safer communities');
    const id = (await stored()).priority_status.find((r) => r.values.priority === 'Safer communities')!.id;
    // The form shows what the data suggest for the priority, to weigh, not to copy. (Earlier tests here add
    // a high-level risk to the priority: the suggestion is the report's, whatever it is now.)
    const suggested = (await t.app.reports.performanceReport({ committee: SLUG, period: 'Q2 2018/19' })).priorityStatuses[0]!;
    expect(suggested.computed).not.toBe('Green');
    const opened = text((await get(`${PANELS}/priority_status/${id}`)).body);
    expect(opened).toContain('Suggested by the data');
    expect(opened).toContain(`Safer communities : ${suggested.computed} (judged Amber) ${suggested.reasons.join(' ')}`);
    const change = await post(`${PANELS}/priority_status/${id}`, { judgement: 'Green' });
    expect(change.statusCode).toBe(400);
    expect(change.body).toContain('href="#judgement_reason"');
    expect(text(change.body)).toContain('Give the reason for the overall status: what the judgement weighs');
    const saved = await post(`${PANELS}/priority_status/${id}`, { judgement: 'Green', judgement_reason: 'Risks mitigated by the October plan', reason: 'Reviewed at the October board' });
    expect([saved.statusCode, saved.body.slice(0, 1500)]).toEqual([303, '']);
    const event = (await audit()).at(-1)!;
    expect([event.entity, event.action, event.reason]).toEqual(['priority_status', 'import:change', 'Reviewed at the October board']);
    expect(event.after).toMatchObject({ judgement: 'Green', judgement_reason: 'Risks mitigated by the October plan' });
    const report = await t.app.reports.performanceReport({ committee: SLUG, period: 'Q2 2018/19' });
    expect(report.priorityStatuses[0]).toMatchObject({ priority: 'Safer communities', status: 'Green', source: 'judgement', computed: suggested.computed, agrees: false });
    // The panels page lists the judgement, its reason and the suggestion, saying where they differ.
    expect(text((await get(PANELS)).body)).toContain(`Safer communities Green Risks mitigated by the October plan ${suggested.computed}: ${suggested.reasons.join('; ')} (differs from the judgement)`);
  });

  it('says which priorities have no judgement and links to record one, with the priority chosen', async () => {
    const id = (await stored()).priority_status.find((r) => r.values.priority === 'Co-ordinating a package of measures to support community activity and resilience')!.id;
    await sql`delete from priority_status where id = ${id}`.execute(t.handle.db);
    const page = await get(PANELS);
    const body = text(page.body);
    expect(body).toContain('No overall status is recorded for this priority');
    const href = `${PANELS}/priority_status/new?priority=${encodeURIComponent('Co-ordinating a package of measures to support community activity and resilience')}`;
    expect(page.body).toContain(`href="${href.replace(/&/g, '&amp;')}"`);
    const opened = await get(href);
    expect(opened.body).toMatch(/<option value="Co-ordinating a package of measures to support community activity and resilience" selected>/);
    const report = await t.app.reports.performanceReport({ committee: SLUG, period: 'Q2 2018/19' });
    expect(report.priorityStatuses.find((s) => s.priority.startsWith('Co-ordinating'))).toMatchObject({ status: 'Green', source: 'computed', judgement: null });
  });

  it('404s an unknown sheet or row', async () => {
    expect((await get(`${PANELS}/nonsense/new`)).statusCode).toBe(404);
    expect((await get(`${PANELS}/revenue/999999`)).statusCode).toBe(404);
    expect((await get(`/committees/${SLUG}/2099-00/panels`)).statusCode).toBe(404);
  });

  it('lets performance officers and administrators in, and no one else', async () => {
    const admin = await signInAs(t.app, 'administrator');
    expect((await get(PANELS, admin)).statusCode).toBe(200);
    for (const role of ['data-owner', 'governance-officer', 'councillor'] as const) {
      const who = await signInAs(t.app, role);
      expect([role, (await get(PANELS, who)).statusCode]).toEqual([role, 403]);
      expect([role, (await post(`${PANELS}/revenue`, { service: 'X', revised_budget: '1', forecast: '1' }, who)).statusCode]).toEqual([role, 403]);
      // The data-entry page does not offer them the panels.
      if (role === 'data-owner') expect((await get(`/committees/${SLUG}/${PERIOD}/data-entry`, who)).body).not.toContain(`href="${PANELS}"`);
    }
    expect((await server.inject({ url: PANELS, headers: { accept: 'text/html' } })).headers.location).toBe(`/sign-in?next=${encodeURIComponent(PANELS)}`);
  });

  it('refuses a change in a published period with the importer’s message, and writes nothing', async () => {
    await t.app.publication.publishAllWithData('demo', 'test');
    const page = text((await get(PANELS)).body);
    expect(page).toContain('is published, so its data are locked');
    const id = await revenueId('Parks');
    const before = (await audit()).length;
    const res = await post(`${PANELS}/revenue/${id}`, { revised_budget: '1000', forecast: '1', reason: 'Late change' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('govuk-error-summary');
    expect(text(res.body)).toContain('Q2 2018/19 is published, so its data are locked: reopen it (with a reason) before changing them');
    expect(res.body).toContain('value="1"');
    expect((await revenueRow('Parks')).values.forecast).toBe(900);
    expect((await audit()).length).toBe(before);
  });
});
