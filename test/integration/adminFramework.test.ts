/**
 * Framework administration through the web forms, on the demo council: every change goes through
 * the importer (validation, versioning, audit, published lock), errors name the field and keep the
 * values typed, and nothing published is rewritten.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_WORKBOOK } from '../../src/app.ts';
import { buildServer } from '../../src/web/server.ts';
import { form, signInAs, type SignedIn } from '../support/auth.ts';
import { createTestDatabase, engines, type TestDatabase } from '../support/db.ts';
import { text } from '../support/html.ts';

const SLUG = 'community-leadership-committee';

describe.each(engines())('framework administration on %s', (engine) => {
  let t: TestDatabase;
  let server: ReturnType<typeof buildServer>;
  let officer: SignedIn;

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    const imported = await t.app.imports.importFile(DEMO_WORKBOOK);
    expect(imported.ok).toBe(true);
    await t.app.publication.publishAllWithData('demo', 'test');
    server = buildServer(t.app);
    officer = await signInAs(t.app, 'performance-officer', { email: 'officer@council.gov.uk' });
  });
  afterAll(async () => {
    await server?.close();
    await t?.dispose();
  });

  const get = (url: string) => server.inject({ url, headers: { cookie: officer.cookie } });
  const post = (url: string, fields: Record<string, string>) => {
    const body = form({ _csrf: officer.csrfToken, ...fields });
    return server.inject({ method: 'POST', url, payload: body.payload, headers: { ...body.headers, cookie: officer.cookie } });
  };
  const audit = (entity: string) =>
    t.handle.db.selectFrom('audit_event').selectAll().where('entity', '=', entity).where('actor', '=', 'officer@council.gov.uk').orderBy('id').execute();

  const METHOD_B = { rag_method: 'achievement', formula: 'ratio', green_from: '100', green_amber_from: '80', red_amber_from: '65', directional_targets: 'monitor', high_risk_from: '15' };

  it('shows the overview and every list page', async () => {
    for (const url of ['/admin/framework', '/admin/framework/plan-years', '/admin/framework/committees', '/admin/framework/indicators', `/admin/framework/committees/${SLUG}`, '/admin/framework/indicators/cg-s4', '/admin/framework/indicators/cg-s4/targets', '/admin/framework/plan-years/2018-19']) {
      const res = await get(url);
      expect([url, res.statusCode]).toEqual([url, 200]);
    }
    const year = await get('/admin/framework/plan-years/2018-19');
    expect(text(year.body)).toContain('The key printed on 2018/19 reports now');
    expect(text(year.body)).toContain('Up to 9.9% off target');
  });

  it('refuses to change the rating method of a plan year with published reports', async () => {
    // 2018/19 uses method A (the Q2 2018/19 report's footnote); Q2 2018/19 is published.
    const res = await post('/admin/framework/plan-years/2018-19', { ...METHOD_B, reason: 'Try' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('govuk-error-summary');
    expect(res.body).toContain('href="#rag_method"');
    expect(text(res.body)).toContain('so its rating method is locked');
    const stored = await t.handle.db.selectFrom('plan_year').select('rating_method').where('start_year', '=', 2018).executeTakeFirstOrThrow();
    expect(stored.rating_method.kind).toBe('variance');
  });

  it('adds next plan year with a rating method, validated as the importer does, keeping the values on error', async () => {
    const bad = await post('/admin/framework/plan-years', { ...METHOD_B, plan_year: '2019/20', green_amber_from: '120' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#green_amber_from"');
    expect(text(bad.body)).toContain('Green Amber from (120) must be below Green from (100)');
    expect(bad.body).toContain('value="120"');

    const preview = await post('/admin/framework/plan-years', { plan_year: '2019/20', rag_method: 'variance', red_from: '15', directional_targets: 'monitor', high_risk_from: '15', action: 'preview' });
    expect(preview.statusCode).toBe(200);
    expect(text(preview.body)).toContain('Up to 14.9% off target');

    const ok = await post('/admin/framework/plan-years', { plan_year: '2019/20', rag_method: 'variance', red_from: '15', directional_targets: 'previous year', high_risk_from: '16', reason: 'New plan year' });
    expect(ok.statusCode).toBe(303);
    const stored = await t.handle.db.selectFrom('plan_year').selectAll().where('start_year', '=', 2019).executeTakeFirstOrThrow();
    expect(stored.rating_method).toEqual({ kind: 'variance', redFrom: 15 });
    expect(stored.directional_policy).toBe('previous-year');
    expect(stored.high_risk_from).toBe(16);
    const events = await audit('plan_year');
    expect(events.at(-1)).toMatchObject({ entity_key: '2019/20', reason: 'New plan year', before: null });

    // Not published: it may change, with a reason; the audit keeps before → after.
    const noReason = await post('/admin/framework/plan-years/2019-20', { ...METHOD_B });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('href="#reason"');
    const changed = await post('/admin/framework/plan-years/2019-20', { ...METHOD_B, reason: 'Back to four bands' });
    expect(changed.statusCode).toBe(303);
    const last = (await audit('plan_year')).at(-1)!;
    expect(last.before).toMatchObject({ method: { kind: 'variance', redFrom: 15 } });
    expect(last.after).toMatchObject({ method: { kind: 'achievement', formula: 'ratio' } });
    expect(last.reason).toBe('Back to four bands');
  });

  it("sets next year's target beside this year's, with a reason when lowered", async () => {
    const page = await get('/admin/framework/indicators/cg-s4/targets');
    expect(text(page.body)).toContain("This year's target (2018/19): 68%");
    expect(page.body).toContain('value="2019/20"');

    const lowered = await post('/admin/framework/indicators/cg-s4/targets', { period: '2019/20', target: '65%', reason: '' });
    expect(lowered.statusCode).toBe(400);
    expect(lowered.body).toContain('href="#reason"');
    expect(text(lowered.body)).toContain('Enter the reason the target is lower than 2018/19’s (68%)');
    expect(lowered.body).toContain('value="65%"');

    const bad = await post('/admin/framework/indicators/cg-s4/targets', { period: '2019/20', target: 'lots', reason: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#target"');
    expect(text(bad.body)).toContain('Target "lots" is not understood');

    const ok = await post('/admin/framework/indicators/cg-s4/targets', { period: '2019/20', target: '65%', reason: 'Survey method changed' });
    expect(ok.statusCode).toBe(303);
    const stored = await t.handle.db
      .selectFrom('target as t')
      .innerJoin('indicator as i', 'i.id', 't.indicator_id')
      .select(['t.printed', 't.reason', 't.spec'])
      .where('i.ref', '=', 'CG/S4')
      .where('t.period', '=', '2019')
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ printed: '65%', reason: 'Survey method changed', spec: { form: 'value', value: 65 } });
    expect((await audit('target')).at(-1)).toMatchObject({ entity_key: 'CG/S4 2019/20', reason: 'Survey method changed' });
  });

  it("surfaces the importer's published-cycle lock", async () => {
    const res = await post('/admin/framework/indicators/cg-s4/targets', { period: 'Q2 2018/19', target: '70%', reason: 'Try to change a published target' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('href="#period"');
    expect(text(res.body)).toContain('Q2 2018/19 is published, so its data are locked');
  });

  it('renames a committee from a plan year, keeping the names before it', async () => {
    const early = await post(`/admin/framework/committees/${SLUG}`, { name: 'Communities Committee', from_plan_year: '2017/18', terms_of_reference: '', reason: 'Renamed' });
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain('href="#from_plan_year"');
    expect(text(early.body)).toContain('has published reports from 2017/18 on');

    const noYear = await post(`/admin/framework/committees/${SLUG}`, { name: 'Communities Committee', from_plan_year: '', terms_of_reference: '', reason: 'Renamed' });
    expect(noYear.statusCode).toBe(400);
    expect(noYear.body).toContain('href="#from_plan_year"');

    const ok = await post(`/admin/framework/committees/${SLUG}`, { name: 'Communities Committee', from_plan_year: '2019/20', terms_of_reference: 'Responsible for communities.', reason: 'Council restructure' });
    expect(ok.statusCode).toBe(303);
    const names = await t.handle.db.selectFrom('committee_name').select(['name', 'from_year']).orderBy('from_year', (ob) => ob.asc().nullsFirst()).execute();
    expect(names.map((n) => [n.name, n.from_year])).toEqual([
      ['Community Leadership Committee', null],
      ['Community Leadership and Libraries Committee', 2018],
      ['Communities Committee', 2019],
    ]);
    // Published reports keep the name they were published with.
    const report = await server.inject(`/committees/${SLUG}/2018-19-q2`);
    expect(text(report.body)).toContain('Community Leadership and Libraries Committee');
    expect((await audit('committee')).at(-1)).toMatchObject({ reason: 'Council restructure' });
  });

  it('adds a committee, and a priority with its outcomes, then changes it', async () => {
    const empty = await post('/admin/framework/committees', { name: '', from_plan_year: '', terms_of_reference: '', reason: '' });
    expect(empty.statusCode).toBe(400);
    expect(text(empty.body)).toContain('Enter the name of the committee');
    const taken = await post('/admin/framework/committees', { name: 'community leadership committee', from_plan_year: '', terms_of_reference: '', reason: '' });
    expect(text(taken.body)).toContain('There is already a committee called');

    const added = await post('/admin/framework/committees', { name: 'Housing Committee', from_plan_year: '2019/20', terms_of_reference: 'Housing.', reason: '' });
    expect(added.statusCode).toBe(303);
    expect(added.headers.location).toBe('/admin/framework/committees/housing-committee?saved=1');

    const priority = await post('/admin/framework/committees/housing-committee/priorities', { priority: 'Good homes', outcome: 'Everyone has a home', corporate_outcome: 'A fair borough', reason: '' });
    expect(priority.statusCode).toBe(303);
    const stored = (await t.app.framework.committees()).find((c) => c.slug === 'housing-committee')!;
    expect(stored.priorities).toMatchObject([{ name: 'Good homes', outcome: 'Everyone has a home', corporateOutcome: 'A fair borough' }]);
    const id = stored.priorities[0]!.id;
    const noReason = await post(`/admin/framework/committees/housing-committee/priorities/${id}`, { outcome: 'Better homes', corporate_outcome: 'A fair borough', reason: '' });
    expect(noReason.statusCode).toBe(400);
    const changed = await post(`/admin/framework/committees/housing-committee/priorities/${id}`, { outcome: 'Better homes', corporate_outcome: 'A fair borough', reason: 'Reworded' });
    expect(changed.statusCode).toBe(303);
    expect((await audit('priority')).at(-1)).toMatchObject({ before: { outcome: 'Everyone has a home' }, after: { outcome: 'Better homes' }, reason: 'Reworded' });
  });

  it('adds an indicator and a new definition version for a plan year, leaving past years as they were', async () => {
    const committees = await t.app.framework.committees();
    const safe = committees.find((c) => c.slug === SLUG)!.priorities.find((p) => p.name === 'Safe communities')!;
    const base = { plan_year: '2019/20', title: 'Anti-social behaviour reports', priority: String(safe.id), type: 'SPI', polarity: 'smaller', unit: 'number', frequency: 'quarterly', basis: 'discrete', source: 'Met Police', tolerance: '', definition: 'Reports to the police', measured_against: 'Last year', owner: 'Community Safety', footnote: '', reason: '' };

    const missing = await post('/admin/framework/indicators', { ...base, ref: '', title: '' });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('href="#ref"');
    expect(missing.body).toContain('href="#title"');
    expect(missing.body).toContain('value="Met Police"');

    const published = await post('/admin/framework/indicators', { ...base, ref: 'CG/N1', plan_year: '2018/19' });
    expect(published.statusCode).toBe(400);
    expect(text(published.body)).toContain('would change published reports');

    const added = await post('/admin/framework/indicators', { ...base, ref: 'CG/N1' });
    expect(added.statusCode).toBe(303);
    expect(added.headers.location).toBe('/admin/framework/indicators/cg-n1?saved=1');

    const version = await post('/admin/framework/indicators/cg-s4', {
      ...base,
      title: 'Confidence in police and council (new wording)',
      polarity: 'bigger',
      unit: 'percent',
      frequency: 'biannual',
      tolerance: '4.4',
      reason: 'Retitled in the 2019/20 addendum',
    });
    expect(version.statusCode).toBe(303);
    const page = await get('/admin/framework/indicators/cg-s4');
    expect(text(page.body)).toContain('From 2019/20: Changed: title');
    expect(text(page.body)).toContain('From the start: First definition');
    // The 2018/19 report keeps the old title.
    const report = await server.inject(`/committees/${SLUG}/2018-19-q2`);
    expect(text(report.body)).toContain('Public confidence in police and council');
    expect(text(report.body)).not.toContain('new wording');
    expect((await audit('indicator_version')).at(-1)).toMatchObject({ entity_key: 'CG/S4 from 2019/20', reason: 'Retitled in the 2019/20 addendum' });
  });

  it('answers 404 for unknown things', async () => {
    for (const url of ['/admin/framework/plan-years/2030-31', '/admin/framework/plan-years/nonsense', '/admin/framework/committees/nope', '/admin/framework/committees/nope/priorities/new', `/admin/framework/committees/${SLUG}/priorities/99999`, '/admin/framework/indicators/nope', '/admin/framework/indicators/nope/targets']) {
      expect([url, (await get(url)).statusCode]).toEqual([url, 404]);
    }
  });
});
