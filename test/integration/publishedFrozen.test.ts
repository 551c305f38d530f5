/**
 * Published means frozen (issue 9): what a committee period published is what the public get, byte for
 * byte, whatever happens to other periods afterwards; no public output is computed from a draft; a
 * reopen-and-republish makes a new version, the earlier one still retrievable and the change listed.
 *
 * The two leaks the probe found, on every output — pages, PDF, Word, HTML, Markdown and JSON papers, the
 * report endpoint, open data, the indicator page and its chart:
 * 1. a draft figure (888888) saved in Q1 2018/19, a period never published, next to the published Q2 2018/19;
 * 2. Q2 2017/18 reopened and a figure changed (987654): the published Q2 2018/19 compared with it.
 * And a crawl of every public page reachable from the home page (with the files of the periods the
 * drafts could reach) finds neither draft.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { buildServer } from '../../src/web/server.ts';
import { kindsFor } from '../../src/web/components/report-pages/viewModel.ts';
import { publishedDemo } from '../support/demo.ts';
import { engines, type TestDatabase } from '../support/db.ts';
import { saveResultAsOfficer } from '../support/entry.ts';
import { text } from '../support/html.ts';
import { STAFF } from '../support/staff.ts';

const SLUG = 'community-leadership-committee';
const FORMATS = ['pdf', 'docx', 'html', 'md', 'json'] as const;
const hasPdftotext = !spawnSync('pdftotext', ['-v']).error;
if (!hasPdftotext) console.warn('publishedFrozen: pdftotext (poppler-utils) is not installed: PDFs are compared byte for byte but their text is not searched');

/** The public outputs of a committee's period: its pages, every paper in every format, the report endpoint. */
function periodOutputs(urlPeriod: string, key: string, label: string): string[] {
  const base = `/committees/${SLUG}/${urlPeriod}`;
  const q = encodeURIComponent(label);
  return [
    base,
    `${base}/actions`,
    `${base}/reports`,
    ...kindsFor(key).flatMap((kind) => FORMATS.map((format) => `${base}/reports/${kind}.${format}`)),
    `/reports/performance?committee=${SLUG}&period=${q}`,
    `/reports/performance?committee=${SLUG}&period=${q}&format=md`,
  ];
}

const Q2_2018 = periodOutputs('2018-19-q2', '2018-Q2', 'Q2 2018/19');
const Q2_2017 = periodOutputs('2017-18-q2', '2017-Q2', 'Q2 2017/18');
const SHARED = ['/', '/open-data', '/open-data/indicator-results.csv', '/open-data/indicator-results.json', '/indicators/cg-c27'];

/** What a person reads in a response: PDF text, the Word document's text, or the body as text. */
function readable(url: string, body: Buffer, dir: string): string {
  if (/\.pdf(\?|$)/.test(url)) {
    if (!hasPdftotext) return '';
    const file = join(dir, 'paper.pdf');
    writeFileSync(file, body);
    return spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).stdout;
  }
  if (/\.docx(\?|$)/.test(url)) {
    const files = unzipSync(body);
    return Object.entries(files)
      .filter(([name]) => name.startsWith('word/') && name.endsWith('.xml'))
      .map(([, data]) => strFromU8(data).replace(/<[^>]+>/g, ''))
      .join('\n');
  }
  return body.toString('utf8');
}

describe.each(engines())('published means frozen on %s', (engine) => {
  let t: TestDatabase;
  let server: ReturnType<typeof buildServer>;
  let committeeId: number;
  const dir = mkdtempSync(join(tmpdir(), 'townhall-frozen-'));
  /** The public outputs as first published. */
  const baseline = new Map<string, Buffer>();

  const fetch = async (url: string, staff = false) => {
    const res = await server.inject({ url, headers: staff ? STAFF : {} });
    return { status: res.statusCode, body: res.rawPayload, res };
  };
  const fetchAll = async (urls: string[]) => {
    const out = new Map<string, Buffer>();
    for (const url of urls) {
      const { status, body } = await fetch(url);
      expect([url, status]).toEqual([url, 200]);
      out.set(url, body);
    }
    return out;
  };
  /** Every url answers the same bytes as in `before`. */
  const expectUnchanged = async (urls: string[], before: Map<string, Buffer>) => {
    const now = await fetchAll(urls);
    const changed = urls.filter((url) => Buffer.compare(now.get(url)!, before.get(url)!) !== 0);
    expect(changed).toEqual([]);
    return now;
  };
  const expectNoDraft = (outputs: Map<string, Buffer>, sentinels: RegExp) => {
    const found = [...outputs].filter(([url, body]) => sentinels.test(readable(url, body, dir))).map(([url]) => url);
    expect(found).toEqual([]);
  };

  /** Every public page reachable from the home page within the committee, its indicators and open data, and the papers of `filesOf`. */
  const crawl = async (filesOf: string[]) => {
    const seen = new Map<string, Buffer>();
    const queue = ['/', '/open-data', ...filesOf];
    const follow = (url: string) =>
      url === '/' || url.startsWith(`/committees/${SLUG}`) || url.startsWith('/indicators/') || url.startsWith('/open-data') || url.startsWith('/reports/performance');
    while (queue.length) {
      const url = queue.shift()!;
      if (seen.has(url)) continue;
      const { status, body, res } = await fetch(url);
      if (status !== 200) continue;
      seen.set(url, body);
      if (!String(res.headers['content-type']).startsWith('text/html')) continue;
      for (const m of body.toString('utf8').matchAll(/href="([^"#]+)/g)) {
        const link = m[1]!.replace(/&amp;/g, '&');
        if (!link.startsWith('/') || link.startsWith('//') || seen.has(link) || !follow(link)) continue;
        // Papers only of the periods the drafts could reach (each PDF takes a moment); every page of every period.
        if (/\/reports\/[a-z]+\.[a-z]+/.test(link) && !filesOf.some((f) => link.startsWith(f))) continue;
        queue.push(link);
      }
    }
    return seen;
  };

  beforeAll(async () => {
    ({ t, server, committeeId } = await publishedDemo(engine, SLUG));
    for (const [url, body] of await fetchAll([...Q2_2018, ...Q2_2017, ...SHARED])) baseline.set(url, body);
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await t?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows a comparison with a period never published as "Not published", never its draft', async () => {
    const report = JSON.parse(baseline.get(Q2_2018.find((u) => u.endsWith('quarterly.json'))!)!.toString()) as {
      report: { comparisons: { shortTerm: string }; indicators: { ref: string; previous: { display: string } | null; direction: { shortTerm: { text: string; reason: string } } }[] };
    };
    expect(report.report.comparisons.shortTerm).toBe('Q1 2018/19');
    const c27 = report.report.indicators.find((i) => i.ref === 'CG/C27')!;
    expect(c27.previous?.display).toBe('Not published');
    expect(c27.direction.shortTerm.reason).toBe('Not applicable: Q1 2018/19 is not published');
    expect(text(baseline.get(`/committees/${SLUG}/2018-19-q2`)!.toString())).toMatch(/Published \d{1,2} \w+ \d{4}\. Published figures do not change\./);
  });

  describe('a draft in a period never published (Q1 2018/19)', () => {
    beforeAll(async () => {
      await saveResultAsOfficer(t.app, {
        committee: SLUG,
        period: '2018-Q1',
        ref: 'CG/C27',
        value: '888888',
        commentary: 'DRAFTCOMMENT never to be published',
        intervention: 'DRAFTINTERVENTION never to be published',
      });
    }, 60_000);

    it('changes no public output of Q2 2018/19, or anything else public, by a byte', async () => {
      const now = await expectUnchanged([...Q2_2018, ...Q2_2017, ...SHARED], baseline);
      expectNoDraft(now, /888[,]?888|DRAFTCOMMENT|DRAFTINTERVENTION/);
    }, 120_000);

    it('is not public, and staff see it as a draft, labelled on the page and on the paper', async () => {
      expect((await fetch(`/committees/${SLUG}/2018-19-q1`)).status).toBe(404);
      expect((await fetch(`/reports/performance?committee=${SLUG}&period=Q1%202018/19`)).status).toBe(404);
      const page = await fetch(`/committees/${SLUG}/2018-19-q1`, true);
      expect(page.status).toBe(200);
      expect(text(page.body.toString())).toContain('Draft: these figures are not published and may change');
      const paper = await fetch(`/committees/${SLUG}/2018-19-q1/reports/quarterly.md`, true);
      expect(paper.status).toBe(200);
      expect(paper.body.toString()).toContain('DRAFT: made from figures that are not published and may change');
      expect(paper.body.toString()).toContain('888,888');
    });

    it('leaves nothing of the draft on any public page or paper a crawl reaches', async () => {
      const seen = await crawl([`/committees/${SLUG}/2018-19-q2/reports/`]);
      expect(seen.size).toBeGreaterThan(40);
      expectNoDraft(seen, /888[,]?888|DRAFTCOMMENT|DRAFTINTERVENTION/);
    }, 300_000);
  });

  describe('a published period reopened and changed (Q2 2017/18)', () => {
    beforeAll(async () => {
      await t.app.publication.setStatus(committeeId, '2017-Q2', 'open', 'test', 'Reopened to correct CG/C27');
      await saveResultAsOfficer(t.app, { committee: SLUG, period: '2017-Q2', ref: 'CG/C27', value: '987654', commentary: 'REOPENEDCOMMENT corrected' });
    }, 60_000);

    it('changes no public output while it is reopened: the public keep the version published', async () => {
      const now = await expectUnchanged([...Q2_2018, ...Q2_2017, ...SHARED], baseline);
      expectNoDraft(now, /987[,]?654|REOPENEDCOMMENT/);
    }, 120_000);

    it('leaves nothing of the correction on any public page or paper a crawl reaches while it is a draft', async () => {
      const seen = await crawl([`/committees/${SLUG}/2018-19-q2/reports/`, `/committees/${SLUG}/2017-18-q2/reports/`]);
      expectNoDraft(seen, /987[,]?654|REOPENEDCOMMENT|888[,]?888/);
    }, 300_000);

    describe('published again', () => {
      beforeAll(async () => {
        await t.app.publication.setStatus(committeeId, '2017-Q2', 'published', 'test', 'CG/C27 corrected after audit');
      }, 60_000);

      it('makes version 2 public, listing what changed, and keeps version 1 as it was, byte for byte', async () => {
        const reports = await fetch(`/committees/${SLUG}/2017-18-q2/reports`);
        const page = text(reports.body.toString());
        expect(page).toMatch(/Version 2, published \d{1,2} \w+ \d{4}/);
        expect(page).toContain('Reason: CG/C27 corrected after audit');
        expect(page).toContain('Indicator CG/C27: result 667 → 987,654; commentary changed');
        expect(page).toMatch(/Version 1, published \d{1,2} \w+ \d{4}/);
        const json = JSON.parse((await fetch(`/reports/performance?committee=${SLUG}&period=Q2%202017/18`)).body.toString()) as { indicators: { ref: string; result: { value: number } }[] };
        expect(json.indicators.find((i) => i.ref === 'CG/C27')!.result.value).toBe(987654);
        // Version 1's papers, asked for by number, are the very files first published.
        for (const url of Q2_2017.filter((u) => /\/reports\/[a-z]+\.[a-z]+$/.test(u))) {
          const v1 = await fetch(`${url}?version=1`);
          expect([url, v1.status]).toEqual([url, 200]);
          expect([url, Buffer.compare(v1.body, baseline.get(url)!)]).toEqual([url, 0]);
          expect(v1.res.headers['content-disposition']).toMatch(/-v1\.[a-z]+"$/);
        }
        const earlier = await fetch(`/committees/${SLUG}/2017-18-q2?version=1`);
        expect(earlier.status).toBe(200);
        expect(text(earlier.body.toString())).toContain('This is version 1 of 2');
        expect((await fetch(`/committees/${SLUG}/2017-18-q2?version=3`)).status).toBe(404);
      }, 120_000);

      it('still changes no output of the published Q2 2018/19, which compared with version 1', async () => {
        await expectUnchanged(Q2_2018, baseline);
      }, 120_000);

      it('shows the correction on the indicator page and in open data, now that it is published', async () => {
        const indicator = text((await fetch('/indicators/cg-c27')).body.toString());
        expect(indicator).toContain('987,654');
        const rows = JSON.parse((await fetch('/open-data/indicator-results.json')).body.toString()) as { ref: string; period: string; value: number }[];
        expect(rows.find((r) => r.ref === 'CG/C27' && r.period === 'Q2 2017/18')!.value).toBe(987654);
        // Q2 2018/19 in open data is its published version: its direction still against 667.
        const q2 = rows.find((r) => r.ref === 'CG/C27' && r.period === 'Q2 2018/19')!;
        const before = (JSON.parse(baseline.get('/open-data/indicator-results.json')!.toString()) as typeof rows).find((r) => r.ref === 'CG/C27' && r.period === 'Q2 2018/19');
        expect(q2).toEqual(before);
      });
    });
  });
});
