/**
 * The read pages against a real database with the demo council: home, committee dashboards, key
 * actions and indicator pages render the report model's figures; unpublished data never reaches the
 * public; free text comes back inert.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_WORKBOOK } from '../../src/app.ts';
import { buildServer } from '../../src/web/server.ts';
import { publishedDemo } from '../support/demo.ts';
import { createTestDatabase, engines, type TestDatabase } from '../support/db.ts';
import { table, tables, text } from '../support/html.ts';
import { saveResultAsOfficer } from '../support/entry.ts';
import { allowTestStaff, STAFF } from '../support/staff.ts';
import { indicatorRow, smallCouncil, writeCsvWorkbook } from '../support/workbook.ts';

const chart = (html: string) => /<svg[^>]*class="th-chart"[\s\S]*?<\/svg>/.exec(html)![0];
const SLUG = 'community-leadership-committee';
const ANNUAL = `/committees/${SLUG}/2016-17`;
const Q2 = `/committees/${SLUG}/2018-19-q2`;

describe.each(engines())('read pages on %s', (engine) => {
  let t: TestDatabase;
  let server: ReturnType<typeof buildServer>;
  let committeeId: number;

  const get = (url: string, staff = false) => server.inject({ url, headers: staff ? STAFF : {} });
  const setStatus = (period: string, status: 'open' | 'submitted' | 'approved' | 'published') =>
    t.app.publication.setStatus(committeeId, period, status, 'test');

  beforeAll(async () => {
    ({ t, server, committeeId } = await publishedDemo(engine, SLUG));
  });
  afterAll(async () => {
    await server?.close();
    await t?.dispose();
  });

  describe('publication', () => {
    it('publishes every period of the demo that has data', async () => {
      expect(await t.app.publication.publishedPeriods(committeeId)).toEqual([
        '2015-Q3',
        '2015',
        '2016-Q1',
        '2016-Q3',
        '2016',
        '2017-Q2',
        '2017',
        '2018-Q2',
      ]);
      expect(await t.app.publication.isPublished(committeeId, '2018-Q2')).toBe(true);
      expect(await t.app.publication.isPublished(committeeId, '2018-Q3')).toBe(false);
      expect(await t.app.publication.status(committeeId, '2018-Q3')).toBe('open');
      // Publishing again changes nothing.
      expect(await t.app.publication.publishAllWithData('demo', 'again')).toBe(0);
    });
  });

  describe('home', () => {
    it('shows the council, the committee under its names, the current period and dashboard links', async () => {
      const res = await get('/');
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('London Borough of Barnet');
      expect(res.body).toContain('Community Leadership and Libraries Committee (from 2018/19)');
      expect(res.body).toContain('Formerly Community Leadership Committee.');
      expect(res.body).toContain('The latest published period is Q2 2018/19.');
      expect(res.body).toContain(`href="${Q2}"`);
      expect(res.body).toContain(`href="${ANNUAL}"`);
      expect(res.body).not.toContain('What is due from whom');
      expect(res.body).not.toContain('>Published</strong>');
    });

    it('shows staff the status of each period and what is due from whom', async () => {
      const res = await get('/', true);
      expect(res.body).toContain('The latest period is Q2 2018/19.');
      expect(res.body).toContain('What is due from whom');
      expect(res.body).toContain('Nothing is outstanding');
      expect(res.body).toContain('>Published</strong>');
    });
  });

  describe('committee dashboard', () => {
    it('redirects the committee to its current period, and ?period= to that period', async () => {
      const res = await get(`/committees/${SLUG}`);
      expect(res.statusCode).toBe(302);
      expect(res.headers.location).toBe(Q2);
      const chosen = await get(`/committees/${SLUG}?period=2016-17`);
      expect(chosen.headers.location).toBe(ANNUAL);
      expect((await get('/committees/nope')).statusCode).toBe(404);
      expect((await get(`/committees/${SLUG}/2016-18`)).statusCode).toBe(404);
      expect((await get(`/committees/${SLUG}/2030-31`)).statusCode).toBe(404);
    });

    it('2016/17: the summary of the annual report, with its denominators, under the name of the time', async () => {
      const res = await get(ANNUAL);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('<h1 class="govuk-heading-xl">Community Leadership Committee: performance 2016/17</h1>');
      expect(res.body).toContain('renamed Community Leadership and Libraries Committee');
      const ratings = table(res.body, 'Indicator ratings');
      expect(ratings.caption).toContain('of the 10 indicators with a RAG rating');
      expect(ratings.rows.slice(1)).toEqual([
        ['Green', '8', '80%'],
        ['Green Amber', '1', '10%'],
        ['Red Amber', '1', '10%'],
        ['Red', '0', '0%'],
      ]);
      expect(res.body).toContain('Of all 15 indicators, 5 are Monitor');
      const dot = table(res.body, 'Direction of travel against 2015/16');
      expect(dot.caption).toContain('of the 12 indicators with a direction of travel');
      expect(dot.rows.slice(1)).toEqual([
        ['Improved or same', '7', '58%'],
        ['Worsened', '5', '42%'],
      ]);
      const actions = table(res.body, 'Key actions');
      expect(actions.caption).toContain('of all 15 key actions');
      // The method's key is printed.
      const key = table(res.body, 'Method B');
      expect(key.rows).toContainEqual(['Green Amber', '> 80% < 100%', 'Target not met, but 80% or more of targeted improvement achieved']);
    });

    it('2016/17: indicators grouped by priority with target, result, data period, RAG as text and direction', async () => {
      const res = await get(ANNUAL);
      const groups = tables(res.body).filter((x) => x.html.includes('data-ref='));
      expect(groups.length).toBeGreaterThan(0);
      const rows = groups.flatMap((g) => g.rows.slice(1));
      expect(rows).toHaveLength(15);
      const s9 = rows.find((r) => r[0] === 'CG/S9')!;
      expect(s9[6]).toBe('Red Amber');
      const s3 = rows.find((r) => r[0] === 'CG/S3')!;
      expect(s3[4]).toContain('21% reduction');
      expect(s3[4]).toContain('(r)');
      expect(s3[5]).toBe('12 months up to March 2017');
      expect(res.body).toContain('<strong class="th-rag th-rag--RA">Red Amber</strong>');
      expect(res.body).toContain('href="/indicators/cg-s9"');
      // Period switcher: every published period, the current one marked.
      expect(res.body).toContain(`href="${ANNUAL}" aria-current="page"`);
      expect(res.body).toContain(`href="/committees/${SLUG}/2015-16-q3"`);
    });

    it('Q2 2018/19: hate crime worsened by 6.6%, under the new name', async () => {
      const res = await get(Q2);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('Community Leadership and Libraries Committee: performance Q2 2018/19');
      const rows = tables(res.body).flatMap((x) => (x.html.includes('data-ref=') ? x.rows.slice(1) : []));
      const hate = rows.find((r) => r[0] === 'CG/C27')!;
      expect(hate[7]).toBe('↓ W +6.6%');
      expect(hate[6]).toBe('Monitor');
      expect(res.body).toContain('worsening compared with Q2 2017/18');
      expect(table(res.body, 'Method A').rows.map((r) => r[0])).toEqual(['Rating', 'Green', 'Amber', 'Red']);
    });

    it('filters by rating, type and priority with a GET form', async () => {
      const res = await get(`${ANNUAL}?rating=G`);
      const rows = tables(res.body).flatMap((x) => (x.html.includes('data-ref=') ? x.rows.slice(1) : []));
      expect(rows).toHaveLength(8);
      expect(rows.every((r) => r[6] === 'Green')).toBe(true);
      expect(res.body).toContain('Showing indicators with Rating: Green');
      expect(res.body).toMatch(/<option value="G" selected>Green<\/option>/);
      // The summary still counts the whole report.
      expect(table(res.body, 'Indicator ratings').rows[1]).toEqual(['Green', '8', '80%']);

      const spi = await get(`${ANNUAL}?type=SPI&rating=monitor`);
      const spiRows = tables(spi.body).flatMap((x) => (x.html.includes('data-ref=') ? x.rows.slice(1) : []));
      expect(spiRows.length).toBeGreaterThan(0);
      expect(spiRows.every((r) => r[2] === 'SPI' && r[6] === 'Monitor')).toBe(true);

      const none = await get(`${ANNUAL}?rating=R`);
      expect(none.body).toContain('No indicators match these filters.');
      // Unknown values are ignored rather than failing.
      expect((await get(`${ANNUAL}?rating=<x>&sort=evil`)).statusCode).toBe(200);
    });

    it('sorts server-side by a column, with aria-sort and links that keep the filters', async () => {
      const res = await get(`${ANNUAL}?sort=rating&order=desc&type=CPI`);
      expect(res.body).toContain('aria-sort="descending"');
      const first = tables(res.body).find((x) => x.html.includes('data-ref='))!;
      const ratings = first.rows.slice(1).map((r) => r[6]);
      const order = ['Green', 'Green Amber', 'Red Amber', 'Red', 'Monitor', 'Not rated'];
      expect([...ratings].sort((a, b) => order.indexOf(b!) - order.indexOf(a!))).toEqual(ratings);
      // The heading link toggles the order and keeps the filter.
      expect(res.body).toContain(`href="${ANNUAL}?type=CPI&amp;sort=rating&amp;order=asc#indicators"`);
      const byRef = await get(`${ANNUAL}?sort=ref&order=desc`);
      const refs = tables(byRef.body).find((x) => x.html.includes('data-ref='))!.rows.slice(1).map((r) => r[0]!);
      expect(refs).toEqual([...refs].sort((a, b) => b.localeCompare(a, 'en-GB', { numeric: true })));
    });
  });

  describe('key actions', () => {
    it('lists the key actions with the key-action key, summary and commentary', async () => {
      const res = await get(`${ANNUAL}/actions`);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('Community Leadership Committee: key actions 2016/17');
      const summary = table(res.body, 'Key actions by rating');
      expect(summary.caption).toContain('of all 15 key actions');
      expect(table(res.body, 'Key:').rows).toContainEqual(['Red Amber', 'Delayed, medium impact']);
      expect(res.body).toContain('CI-SC-01');
      expect(res.body).toContain('The Barnet Safer Communities Partnership continues to work');
    });
  });

  describe('indicator page', () => {
    it('shows how it is measured and what against, the reason for each rating, targets, definitions and a chart', async () => {
      const res = await get('/indicators/cg-s9');
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('How it is measured');
      expect(res.body).toContain('What it is measured against');
      expect(res.body).toMatch(/<svg [^>]*role="img"[^>]*aria-labelledby="chart-cg-s9-title chart-cg-s9-desc"/);
      const results = table(res.body, 'Results, targets, ratings');
      const annual = results.rows.find((r) => r[0] === '2016/17')!;
      expect(annual[3]).toContain('Red Amber');
      expect(annual[3]).toContain('79.3%');
      expect(res.body).toContain('Targets by plan year');
      expect(res.body).toContain('Definition by plan year');
      expect(res.body).not.toContain('Audit history');
    });

    it('shows a survey result’s confidence interval and whether its change is significant (CG/S4, counts derived in SOURCES.md)', async () => {
      const res = await get('/indicators/cg-s4');
      expect(res.statusCode).toBe(200);
      const rows = table(res.body, 'Results, targets, ratings').rows;
      const latest = rows.find((r) => r[0] === '2016/17')!;
      expect(latest[1]).toContain('332 of 496');
      expect(latest[1]).toContain('95% confidence interval: 62.7% to 70.9% (Wilson score interval)');
      expect(latest[1]).toContain('The 95% confidence intervals of 2016/17 (62.7% to 70.9%) and 2015/16 (59.6% to 68.0%) overlap: the change is not statistically significant');
    });

    it('plots results, targets and benchmarks and lists the same data', async () => {
      const res = await get('/indicators/cg-c27');
      const svg = chart(res.body);
      expect(svg).toContain('Result (quarter), Q2 2018/19: 711');
      expect(svg).toContain('Result (quarter), Q2 2017/18: 667');
      const results = table(res.body, 'Results, targets, ratings');
      expect(results.rows.find((r) => r[0] === 'Q2 2018/19')![4]).toBe('↓ W +6.6%');
    });

    it('accepts the ref itself and redirects to the slug; unknown refs are not found', async () => {
      const res = await get('/indicators/CG%2FS3');
      expect(res.statusCode).toBe(301);
      expect(res.headers.location).toBe('/indicators/cg-s3');
      expect((await get('/indicators/cg-zz')).statusCode).toBe(404);
    });

    it('shows staff the audit history', async () => {
      const res = await get('/indicators/cg-c27', true);
      expect(res.body).toContain('Audit history');
      const audit = table(res.body, "Changes to this indicator's");
      expect(audit.rows.some((r) => r.some((c) => c.includes('CG/C27 Q2 2018/19')))).toBe(true);
      expect(audit.rows.some((r) => r.some((c) => c.includes('CG/C2 ')))).toBe(false);
    });
  });

  describe('unpublished data never reaches the public', () => {
    // A draft figure in Q3 2018/19, a period never published (issue 9: draft data must not leak).
    const Q3 = `/committees/${SLUG}/2018-19-q3`;
    beforeAll(async () => {
      await saveResultAsOfficer(t.app, { committee: SLUG, period: '2018-Q3', ref: 'CG/C27', value: '888888', commentary: 'Draft note 888888' });
    });
    afterAll(async () => {
      await sql`delete from result where period = '2018-Q3'`.execute(t.handle.db);
    });

    it('the dashboard and key actions answer 404 to the public and render for staff as a draft with the status', async () => {
      expect((await get(Q3)).statusCode).toBe(404);
      expect((await get(`${Q3}/actions`)).statusCode).toBe(404);
      expect((await get(`${Q3}?rating=G`)).statusCode).toBe(404);
      expect((await get(`${Q3}/reports`)).statusCode).toBe(404);
      const staff = await get(Q3, true);
      expect(staff.statusCode).toBe(200);
      expect(staff.body).toContain('>Open</strong>');
      expect(text(staff.body)).toContain('Draft: these figures are not published and may change (status: open). Nothing of this period is published yet.');
      expect((await get(`${Q3}/actions`, true)).statusCode).toBe(200);
    });

    it('the public is sent to the latest published period, and home does not mention the unpublished one', async () => {
      expect((await get(`/committees/${SLUG}`)).headers.location).toBe(Q2);
      expect((await get(`/committees/${SLUG}`, true)).headers.location).toBe(Q3);
      const home = await get('/');
      expect(home.body).not.toContain('Q3 2018/19');
      expect(home.body).not.toContain('2018-19-q3');
      const dashboard = await get(Q2);
      expect(dashboard.body).not.toContain('2018-19-q3');
      expect(dashboard.body).not.toContain('888');
    });

    it('the indicator page and its chart leave the unpublished results out', async () => {
      const res = await get('/indicators/cg-c27');
      expect(res.statusCode).toBe(200);
      expect(table(res.body, 'Results, targets, ratings').rows.map((r) => r[0])).not.toContain('Q3 2018/19');
      expect(table(res.body, 'Results, targets, ratings').rows.map((r) => r[0])).toContain('Q2 2018/19');
      expect(chart(res.body)).not.toContain('888');
      expect(chart(res.body)).not.toContain('Q3 18/19');
      expect(chart(res.body)).toContain('711');
      expect(res.body).not.toContain('888');
      const staff = await get('/indicators/cg-c27', true);
      expect(staff.body).toContain('Result (quarter), Q3 2018/19: 888,888');
    });

    it('the report endpoint refuses the public (JSON and markdown) and serves staff', async () => {
      const url = `/reports/performance?committee=${SLUG}&period=Q3%202018/19`;
      const json = await get(url);
      expect(json.statusCode).toBe(404);
      expect(json.body).not.toContain('888');
      expect((await get(`${url}&format=md`)).statusCode).toBe(404);
      const staff = await get(url, true);
      expect(staff.statusCode).toBe(200);
      expect(staff.json().period.key).toBe('2018-Q3');
      expect((await get(`/reports/performance?committee=${SLUG}&period=2016/17`)).statusCode).toBe(200);
    });
  });

  describe('a reopened period', () => {
    beforeAll(async () => {
      await setStatus('2018-Q2', 'approved');
    });
    afterAll(async () => {
      await setStatus('2018-Q2', 'published');
    });

    it('stays published to the public as it was published, and is a draft to staff', async () => {
      const res = await get(Q2);
      expect(res.statusCode).toBe(200);
      expect(text(res.body)).toMatch(/Published \d{1,2} \w+ \d{4}\. Published figures do not change\./);
      const staff = await get(Q2, true);
      expect(staff.body).toContain('>Approved</strong>');
      expect(text(staff.body)).toMatch(/Draft: these figures are not published and may change \(status: approved\)\. The public see version 1, published/);
      expect((await get(`/reports/performance?committee=${SLUG}&period=Q2%202018/19`)).statusCode).toBe(200);
    });
  });

  describe('what is due', () => {
    it('staff see what is due from whom in the latest period', async () => {
      await sql`delete from result where period = '2018-Q2' and indicator_id = (select id from indicator where ref = 'CG/C27')`.execute(t.handle.db);
      try {
        const res = await get('/', true);
        const due = res.body.slice(res.body.indexOf('What is due from whom'));
        // Owed by its owner (the demo's 2018/19 owners: demo/barnet/SOURCES.md).
        expect(text(due)).toMatch(/Community Safety CG\/C27 Racist and religious hate crime/);
        expect(text(due)).toContain('Q2 2018/19');
      } finally {
        // Put it back as it was.
        await t.app.imports.importFile(DEMO_WORKBOOK);
      }
    });
  });
});

describe.each(engines())('free text on the read pages on %s', (engine) => {
  const XSS = `<script>alert(1)</script><img src=x onerror=alert(2)>"'`;
  let t: TestDatabase;
  let server: ReturnType<typeof buildServer>;

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    const sheets = smallCouncil();
    const committee = `Committee ${XSS}`;
    sheets.indicators = [
      indicatorRow({
        committee,
        title: `Title ${XSS}`,
        priority: `Priority ${XSS}`,
        source: `Source ${XSS}`,
        definition: `Definition ${XSS}`,
        measured_against: `Against ${XSS}`,
        owner: `Owner ${XSS}`,
        footnote: `Footnote ${XSS}`,
      }),
      indicatorRow({ ref: 'T/2', committee, title: `Second ${XSS}`, priority: `Priority ${XSS}`, frequency: 'quarterly', unit: 'number' }),
    ];
    for (const r of sheets.results!) {
      r.commentary = `Commentary ${XSS}`;
      r.intervention = `Intervention ${XSS}`;
    }
    sheets.actions = [
      { ref: 'KA1', committee, priority: `Priority ${XSS}`, title: `Action ${XSS}`, service: `Service ${XSS}`, period: '2017/18', rag: 'Green', commentary: `Action commentary ${XSS}` },
    ];
    const outcome = await t.app.imports.importFile(await writeCsvWorkbook(sheets));
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
    await t.app.publication.publishAllWithData('test', 'test');
    server = buildServer(t.app);
    allowTestStaff(server);
  });
  afterAll(async () => {
    await server?.close();
    await t?.dispose();
  });

  it('comes back inert on every page, for the public and for staff', async () => {
    const slug = (await t.handle.db.selectFrom('committee').select('slug').executeTakeFirstOrThrow()).slug;
    const pages = [
      '/',
      `/committees/${slug}/2017-18`,
      `/committees/${slug}/2017-18-q2`,
      `/committees/${slug}/2017-18/actions`,
      '/indicators/t-1',
      '/indicators/t-2',
    ];
    for (const staff of [false, true]) {
      for (const url of pages) {
        const res = await server.inject({ url, headers: staff ? STAFF : {} });
        expect([url, res.statusCode]).toEqual([url, 200]);
        expect(res.body).not.toContain('<script>alert');
        expect(res.body).not.toContain('<img src=x');
        expect(res.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      }
    }
    const indicator = (await server.inject('/indicators/t-1')).body;
    for (const field of ['Title', 'Priority', 'Source', 'Definition', 'Against', 'Owner', 'Footnote', 'Commentary', 'Intervention', 'Committee']) {
      expect([field, indicator.includes(`${field} &lt;script&gt;`)]).toEqual([field, true]);
    }
    const actions = (await server.inject(`/committees/${slug}/2017-18/actions`)).body;
    for (const field of ['Action', 'Service', 'Action commentary', 'Priority', 'Committee']) {
      expect([field, actions.includes(`${field} &lt;script&gt;`)]).toEqual([field, true]);
    }
  });
});
