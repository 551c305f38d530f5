/**
 * The report pages and open data on the web, against the demo council: the list of report types per
 * period with a link per format, each file with its content type and Content-Disposition, publication
 * visibility (the public: published cycles only; staff: all), and /open-data from published data only.
 */
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { buildServer } from '../../src/web/server.ts';
import { publishedDemo } from '../support/demo.ts';
import type { TestDatabase } from '../support/db.ts';
import { STAFF } from '../support/staff.ts';

const SLUG = 'community-leadership-committee';
const Q2 = `/committees/${SLUG}/2018-19-q2/reports`;

describe('report pages and open data', () => {
  let t: TestDatabase;
  let server: ReturnType<typeof buildServer>;
  let committeeId: number;
  const get = (url: string, staff = false) => server.inject({ url, headers: staff ? STAFF : {} });

  beforeAll(async () => {
    ({ t, server, committeeId } = await publishedDemo('pglite', SLUG));
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await t?.dispose();
  });

  it('lists the report types of a quarter with a download link per format', async () => {
    const res = await get(Q2);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toContain('Reports: Community Leadership and Libraries Committee, Q2 2018/19');
    for (const kind of ['quarterly', 'dashboard']) for (const f of ['pdf', 'docx', 'html', 'md', 'json']) expect(res.body).toContain(`href="${Q2}/${kind}.${f}"`);
    expect(res.body).not.toContain('addendum.pdf');
    const annual = await get(`/committees/${SLUG}/2016-17/reports`);
    expect(annual.body).toContain(`/committees/${SLUG}/2016-17/reports/annual.pdf`);
    const q3 = await get(`/committees/${SLUG}/2016-17-q3/reports`);
    expect(q3.body).toContain(`/committees/${SLUG}/2016-17-q3/reports/addendum.docx`);
  });

  it('serves each format with its content type and as an attachment', async () => {
    const expected: [string, string, (b: Buffer) => Promise<void> | void][] = [
      ['quarterly.pdf', 'application/pdf', (b) => expect(b.subarray(0, 5).toString()).toBe('%PDF-')],
      ['quarterly.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', async (b) => expect(await (await JSZip.loadAsync(b)).file('word/document.xml')!.async('string')).toContain('Revenue forecast')],
      ['dashboard.html', 'text/html; charset=utf-8', (b) => expect(b.toString()).toContain('<html lang="en-GB">')],
      ['quarterly.md', 'text/markdown; charset=utf-8', (b) => expect(b.toString()).toMatch(/^# Quarter 2 2018\/19 Community Leadership and Libraries Committee Performance Report\n[\s\S]*Revenue forecast[\s\S]*\| Community Safety \| 1,939 \|/)],
      ['quarterly.json', 'application/json; charset=utf-8', (b) => expect(JSON.parse(b.toString()).report.panels.revenue.total.varianceAfterReserves).toBe(-4)],
    ];
    for (const [file, type, check] of expected) {
      const res = await get(`${Q2}/${file}`);
      expect([file, res.statusCode, res.headers['content-type']]).toEqual([file, 200, type]);
      expect(res.headers['content-disposition']).toBe(`attachment; filename="${SLUG}-2018-19-q2-${file}"`);
      await check(res.rawPayload);
    }
  }, 60_000);

  it('answers 404 for a report type the period does not have, an unknown format or committee', async () => {
    for (const url of [`${Q2}/annual.pdf`, `${Q2}/quarterly.rtf`, `${Q2}/weekly.pdf`, `/committees/nope/2018-19-q2/reports`, `/committees/${SLUG}/2018-19-q9/reports`]) {
      expect([url, (await get(url)).statusCode]).toEqual([url, 404]);
    }
  });

  it('keeps a reopened cycle as published for the public, and shows staff the draft, labelled', async () => {
    const published = await get(`${Q2}/quarterly.pdf`);
    await t.app.publication.setStatus(committeeId, '2018-Q2', 'approved', 'test', 'reopened for a test');
    try {
      expect((await get(Q2)).statusCode).toBe(200);
      // The public get the published paper, byte for byte.
      const again = await get(`${Q2}/quarterly.pdf`);
      expect(again.statusCode).toBe(200);
      expect(Buffer.compare(again.rawPayload, published.rawPayload)).toBe(0);
      expect((await get(Q2, true)).statusCode).toBe(200);
      const draft = await get(`${Q2}/quarterly.json`, true);
      expect(draft.statusCode).toBe(200);
      expect(draft.json().meta.draft).toMatch(/^made from figures that are not published and may change \(.*Q2 2018\/19\)$/);
      expect((await get(`${Q2}/quarterly.json`)).json().meta.draft).toBeUndefined();
      const rows = (await get('/open-data/indicator-results.json', true)).json() as { period: string }[];
      expect(rows.some((r) => r.period === 'Q2 2018/19')).toBe(true);
    } finally {
      await t.app.publication.setStatus(committeeId, '2018-Q2', 'published', 'test');
    }
  }, 60_000);

  it('serves the open data page and files, linked from every page’s footer', async () => {
    const page = await get('/open-data');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('href="/open-data/indicator-results.csv"');
    expect(page.body).toContain('href="/open-data/datapackage.json"');
    expect((await get('/')).body).toContain('href="/open-data"');
    const csv = await get('/open-data/indicator-results.csv');
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="indicator-results.csv"');
    expect(csv.body.split('\n')[0]).toContain('ref,title,committee,priority');
    expect(csv.body).toContain('CG/C27');
    const pkg = (await get('/open-data/datapackage.json')).json() as { resources: { path: string; schema: { fields: unknown[] } }[]; title: string };
    expect(pkg.resources[0]!.path).toBe('indicator-results.csv');
    expect(pkg.title).toBe('London Borough of Barnet performance indicator results');
    expect((await get('/open-data/secrets.csv')).statusCode).toBe(404);
  });
});
