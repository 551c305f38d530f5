/**
 * The committee reports of the demo council in every format: the document model's structure per
 * report type, the HTML page, the PDF (its text extracted with pdftotext) and the Word file (its XML),
 * and that every figure in the rendered tables is the report model's own (one source of truth).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { PDFDocument, PDFName } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_WORKBOOK } from '../../src/app.ts';
import { formatMoney, formatMoneyPercent } from '../../src/domain/format.ts';
import { formatPercentage } from '../../src/domain/summary.ts';
import { renderHtml } from '../../src/documents/html.ts';
import type { Block, Cell, ReportDocument, TableBlock } from '../../src/documents/model.ts';
import { shareText } from '../../src/reports/performanceBlocks.ts';
import { buildDocument } from '../../src/reports/performanceDocument.ts';
import { documentFor, renderReport } from '../../src/reports/render.ts';
import type { Addendum } from '../../src/reports/addendum.ts';
import type { Dashboard } from '../../src/reports/dashboard.ts';
import { liveReportSources, loadReportModel } from '../../src/reports/load.ts';
import { ReportRepository } from '../../src/repositories/reportRepository.ts';
import type { PerformanceReport } from '../../src/services/performanceReport.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';

const OLD_NAME = 'Community Leadership Committee';
const NEW_NAME = 'Community Leadership and Libraries Committee';

const pdftotext = spawnSync('pdftotext', ['-v']).error ? null : 'pdftotext';
if (!pdftotext) console.warn('\n*** pdftotext (Debian poppler-utils) is not installed: the PDF text tests are SKIPPED. apt-get install -y poppler-utils ***\n');

let t: TestDatabase;
let q2: PerformanceReport;
let annual: PerformanceReport;
let addendum: Addendum;
let dashboard: Dashboard;

beforeAll(async () => {
  t = await createTestDatabase('pglite');
  const outcome = await t.app.imports.importFile(DEMO_WORKBOOK);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors, null, 2));
  q2 = await t.app.reports.performanceReport({ committee: NEW_NAME, period: 'Q2 2018/19' });
  annual = await t.app.reports.performanceReport({ committee: OLD_NAME, period: '2016/17' });
  const sources = liveReportSources(t.app.reports, new ReportRepository(t.handle.db));
  addendum = await loadReportModel(sources, { kind: 'addendum', committee: OLD_NAME, period: 'Q3 2016/17' });
  dashboard = await loadReportModel(sources, { kind: 'dashboard', committee: NEW_NAME, period: 'Q2 2018/19' });
}, 120_000);
afterAll(async () => t?.dispose());

const tables = (d: ReportDocument) => d.blocks.filter((b): b is TableBlock => b.kind === 'table');
const headings = (d: ReportDocument, level?: number) =>
  d.blocks.filter((b): b is Extract<Block, { kind: 'heading' }> => b.kind === 'heading' && (!level || b.level === level)).map((b) => b.text);
const rowOf = (table: TableBlock, ref: string) => table.rows.find((r) => r.some((c) => c.detail?.startsWith(ref) || c.text === ref))!;
const texts = (row: Cell[]) => row.map((c) => c.text + (c.suffix ?? ''));
const footnoteTexts = (d: ReportDocument) => d.blocks.flatMap((b) => (b.kind === 'footnotes' ? b.items.map((i) => i.text) : []));

describe('quarterly report (as the Q2 2018/19 report, seed 002)', () => {
  let doc: ReportDocument;
  beforeAll(() => {
    doc = buildDocument('quarterly', q2, { meetingDate: '21 November 2018', reportOf: 'Committee Chairman' });
  });

  it('prints "Report of" and the officer stored with the report; what the caller gives for one paper wins', () => {
    const stored = { ...q2, paper: { reportOf: 'Councillor Reuben Thompstone – Committee Chairman', officer: { name: 'Alaine Clarke', role: 'Head of Performance and Risk', email: 'alaine.clarke@barnet.gov.uk', phone: '020 8359 2000' } } };
    const cover = (d: ReportDocument) => {
      const block = d.blocks.find((b) => b.kind === 'keyValue');
      return block && block.kind === 'keyValue' ? Object.fromEntries(block.items.map((i) => [i.key, i.value.join('; ')])) : {};
    };
    expect(cover(buildDocument('quarterly', stored))).toMatchObject({
      'Report of': 'Councillor Reuben Thompstone – Committee Chairman',
      'Officer Contact Details': 'Alaine Clarke, Head of Performance and Risk, alaine.clarke@barnet.gov.uk, Tel: 020 8359 2000',
    });
    expect(cover(buildDocument('quarterly', stored, { reportOf: 'Strategic Director for Communities' }))['Report of']).toBe('Strategic Director for Communities');
    expect(cover(buildDocument('annual', stored))['Report of']).toBe('Councillor Reuben Thompstone – Committee Chairman');
  });

  it('has the cover sheet with defaults for what is not supplied', () => {
    const cover = doc.blocks.find((b) => b.kind === 'keyValue');
    expect(cover && cover.kind === 'keyValue' && Object.fromEntries(cover.items.map((i) => [i.key, i.value.join('; ')]))).toEqual({
      Title: 'Quarter 2 2018/19 Community Leadership and Libraries Committee Performance Report',
      'Report of': 'Committee Chairman',
      Wards: 'All',
      Status: 'Public',
      Urgent: 'No',
      Key: 'No',
      Enclosures: 'None',
    });
    expect(doc.subtitle).toBe('Community Leadership and Libraries Committee, 21 November 2018');
  });

  it('has the sections of a committee report in order, one level-1 heading, and a section per priority', () => {
    expect(headings(doc, 1)).toHaveLength(1);
    expect(headings(doc, 2)).toEqual([
      'Summary',
      'Officer Recommendations',
      '1. Purpose of report',
      '2. Reasons for recommendations',
      '3. Alternative options considered and not recommended',
      '4. Post decision implementation',
      '5. Implications of decision',
      '6. Background papers',
      'Key to ratings and symbols',
    ]);
    const h3 = headings(doc, 3);
    for (const p of q2.priorities) expect(h3).toContain(p.name);
    expect(h3).toContain('Overview of performance');
    expect(h3).toContain('Figures that differ from the published report');
    expect(h3.filter((h) => h.startsWith('5.'))).toHaveLength(9);
  });

  it('lists the priorities with their key activities (table 1)', () => {
    const t1 = tables(doc)[0]!;
    expect(t1.caption).toBe('Table 1: Community Leadership and Libraries Committee priorities for 2018/19');
    expect(t1.rows.map((r) => r[0]!.text)).toEqual(q2.priorities.map((p) => p.name));
    expect(t1.rows[0]![1]!.items).toHaveLength(5);
  });

  it("prints each indicator's row as 002 does: EOY, targets, result, DOT, same quarter last year, benchmark", () => {
    const safer = tables(doc).find((t) => t.caption.includes('Indicators — Safer communities'))!;
    expect(safer.header.map((r) => r.map((c) => c.text))).toEqual([
      ['Indicator', 'Polarity', '17/18 EOY', '18/19 Target', 'Q2 18/19', 'Q2 17/18', 'Benchmarking'],
      ['Target', 'Result', 'RAG', 'DOT', 'Result'],
    ]);
    expect(texts(rowOf(safer, 'CG/C27'))).toEqual([
      'Racist and religious hate crime (r)',
      'Smaller is Better',
      '815',
      'Monitor',
      'Monitor',
      '711',
      'Monitor',
      '↓ W +6.6%',
      '667',
      'No benchmark available',
    ]);
    expect(texts(rowOf(safer, 'CG/C4')).slice(5, 9)).toEqual(['27.9%', 'Monitor', '↓ W +26.8%', '22%']);
    // An annual survey indicator not due this quarter: its status, never a zero.
    const s4 = texts(rowOf(safer, 'CG/S4'));
    expect(s4[2]).toBe('60% (Autumn 2017)');
    expect(s4[5]).toBe(q2.indicators.find((i) => i.ref === 'CG/S4')!.result!.display);
    expect(s4[5]).toMatch(/^Due/);
    expect(s4[6]).toBe('Not rated');
  });

  it('footnotes the data period, the survey tolerance (numbered once) and the contradicted DOT', () => {
    const notes = footnoteTexts(doc);
    expect(notes).toContain('Data period: Rolling 12 months to Aug 2018.');
    // The survey tolerance note keeps one number wherever it is printed.
    const tolerance = doc.blocks.flatMap((b) => (b.kind === 'footnotes' ? b.items.filter((i) => i.text.startsWith('There is a +/-4.4%pts tolerance')) : []));
    expect(tolerance.length).toBeGreaterThan(1);
    expect(new Set(tolerance.map((i) => i.number)).size).toBe(1);
    expect(notes.some((n) => n.startsWith('The source document printed ↓ W +5.3%; the data give ↓ W +5.2%'))).toBe(true);
    const safer = tables(doc).find((t) => t.caption.includes('Safer communities'))!;
    const dot = rowOf(safer, 'CG/CR1')[7]!;
    expect(dot.text).toBe('↓ W +5.2%');
    expect(dot.notes).toHaveLength(1);
  });

  it('lists the contradictions found in the source document', () => {
    const table = tables(doc).find((t) => t.id === 'table-contradictions')!;
    expect(texts(table.rows[0]!).slice(0, 5)).toEqual(['CG/CR1', 'Q2 2018/19', 'Direction of travel', '↓ W +5.3%', '↓ W +5.2%']);
  });

  it('prints the key of the method used (method A) and the DOT and marker keys', () => {
    const key = tables(doc).find((t) => t.id === 'table-key-indicators')!;
    expect(key.rows.slice(0, 3).map((r) => r[0]!.text)).toEqual(['Green', 'Amber', 'Red']);
    expect(key.rows[1]![1]!.text).toBe('Up to 9.9% off target');
    const html = renderHtml(doc);
    expect(html).toContain('Improving (↑ I), Worsening (↓ W) or Same (→ S)');
    expect(html).toContain('(r) rolling 12 months');
  });

  it('charts the RAG distribution and the trend of each indicator with three or more results', () => {
    const charts = doc.blocks.filter((b) => b.kind === 'chart').map((b) => (b.kind === 'chart' ? b.chart : null)!);
    expect(charts[0]!.id).toBe('chart-rag');
    expect(charts.slice(1).map((c) => c.id)).toEqual(['chart-trend-cg-c27', 'chart-trend-cg-c4', 'chart-trend-cg-cr1', 'chart-trend-cg-c3']);
    const c27 = charts[1]!;
    expect(c27.data.rows).toEqual([
      ['Q2 17/18', '667'],
      ['17/18 EOY', '815'],
      ['Q2 18/19', '711'],
    ]);
    for (const c of charts) {
      expect(c.svg).toContain('role="img"');
      expect(c.svg).toMatch(/<title id="[^"]+">[^<]+<\/title><desc id="[^"]+">[^<]+<\/desc>/);
    }
  });

  it('uses what the caller supplies instead of the defaults', () => {
    const d = buildDocument('quarterly', q2, {
      title: 'Q2 performance',
      wards: 'Burnt Oak',
      status: 'Exempt',
      urgent: true,
      keyDecision: true,
      enclosures: ['Appendix A: risks'],
      officerContacts: [{ name: 'A Officer', role: 'Head of Performance', email: 'a.officer@example.gov.uk' }],
      recommendations: ['Note the report.'],
      sections: { backgroundPapers: ['Council, 6 March 2018'] },
    });
    const cover = d.blocks.find((b) => b.kind === 'keyValue');
    const values = cover && cover.kind === 'keyValue' ? cover.items.map((i) => i.value.join('; ')) : [];
    // Nothing says who the report is of: the line is left out, never printed empty.
    expect(values).toEqual(['Q2 performance', 'Burnt Oak', 'Exempt', 'Yes', 'Yes', 'Appendix A: risks', 'A Officer, Head of Performance, a.officer@example.gov.uk']);
    const html = renderHtml(d);
    expect(html).toContain('<li>Note the report.</li>');
    expect(html).toContain('Council, 6 March 2018');
  });
});

describe('annual report (as the 2016/17 annual report, seed 004 Appendix A)', () => {
  let doc: ReportDocument;
  beforeAll(() => {
    doc = buildDocument('annual', annual, { meetingDate: '21 June 2017' });
  });

  it('prints the overview counts as 004 did (percentages of all indicators)', () => {
    const html = renderHtml(doc);
    expect(html).toContain('15 indicators are reported for 2016/17. Of these, 53% (8) are Green, 7% (1) is Green Amber, 7% (1) is Red Amber and 33% (5) are Monitor.');
    expect(html).toContain('12 indicators have been given a Direction of Travel (DOT) status against 2015/16. 58% (7) have improved or maintained performance and 42% (5) have worsened.');
    const overview = tables(doc).find((t) => t.id === 'table-overview')!;
    expect(texts(overview.rows[0]!)).toEqual(['All indicators', '53% (8)', '7% (1)', '7% (1)', '0% (0)', '33% (5)', '0% (0)', '15', '58% (7)', '42% (5)']);
    expect(overview.rows.map((r) => r[0]!.text)).toEqual(['All indicators', 'CPI', 'SPI']);
  });

  it('has Appendix A after a page break, with commissioning intentions and indicators per priority', () => {
    const at = doc.blocks.findIndex((b) => b.kind === 'heading' && b.text.startsWith('Appendix A'));
    expect(doc.blocks[at - 1]!.kind).toBe('pageBreak');
    const intentions = tables(doc).filter((t) => t.id.startsWith('table-actions-'));
    expect(intentions.map((t) => t.rows.length)).toEqual([9, 3, 3]);
    expect(intentions[0]!.header[0]!.map((c) => c.text)).toEqual(['Commissioning Intention', 'RAG', 'Commentary', 'Service']);
    expect(intentions[0]!.rows[0]![1]).toMatchObject({ text: 'Green', rag: 'G' });
    const indicatorTables = tables(doc).filter((t) => t.id.startsWith('table-indicators-'));
    expect(indicatorTables).toHaveLength(2);
    expect(indicatorTables[0]!.header[0]!.map((c) => c.text)).toEqual([
      'Type',
      'Ref',
      'Indicator',
      'Polarity',
      'Period covered',
      '2016/17 Target',
      '2016/17 Result',
      '2015/16 Result',
      'DOT Long Term (from 2015/16)',
      'Benchmarking',
    ]);
    // The emergency preparedness priority has intentions but no indicators.
    expect(doc.blocks.some((b) => b.kind === 'paragraph' && b.runs.join('') === 'There are no indicators linked to this priority.')).toBe(true);
  });

  it('prints results with their RAG, the long-term DOT, "New (2016/17)" and comment rows', () => {
    const strong = tables(doc).find((t) => t.id === 'table-indicators-strong-and-active-communities')!;
    const s9 = rowOf(strong, 'CG/S9');
    expect(texts(s9)).toEqual([
      'CPI',
      'CG/S9',
      expect.stringContaining('volunteer'),
      'Bigger is Better',
      'Spring 2016',
      '29%',
      '23% (RA)',
      '26%',
      '↓ W -11.5%',
      'National 24% (2010/11 Community Life Survey)',
    ]);
    expect(s9[6]!.rag).toBe('RA');
    expect(texts(rowOf(strong, 'CG/S16')).slice(5, 9)).toEqual(['90%', '85% (GA)', '88%', '↓ W -3.4%']);
    expect(rowOf(strong, 'CG/C8')[8]!.text).toBe('New (2016/17)');
    const comment = strong.rows[strong.rows.indexOf(s9) + 1]!;
    expect(comment).toHaveLength(1);
    expect(comment[0]!.colSpan).toBe(10);
    expect(comment[0]!.text).toContain('The data will be further explored');
  });

  it('prints the key of method B and the key of activities', () => {
    const key = tables(doc).find((t) => t.id === 'table-key-indicators')!;
    expect(key.rows.slice(0, 4).map((r) => texts(r).slice(0, 2))).toEqual([
      ['Green', '100% or more'],
      ['Green Amber', '> 80% < 100%'],
      ['Red Amber', '> 65% < 80%'],
      ['Red', '< 65%'],
    ]);
    const actions = tables(doc).find((t) => t.id === 'table-key-actions')!;
    expect(actions.rows[0]!.map((c) => c.text)).toEqual(['Green', 'Action on track or met']);
  });
});

/** The value at a dotted path of the model ("indicators.3.result.display"). */
function at(model: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((v, key) => (v === null || v === undefined ? v : (v as Record<string, unknown>)[key]), model);
}

function decode(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

describe.each([
  ['quarterly', () => q2],
  ['annual', () => annual],
  ['addendum', () => addendum],
  ['dashboard', () => dashboard],
] as const)('HTML of the %s report', (kind, report) => {
  let html: string;
  beforeAll(() => {
    html = renderHtml(documentFor(kind, report() as never, { meetingDate: '<b>21 June</b>' }));
  });

  it('is a complete accessible page: lang, title, one h1, captions, scoped header cells, a print stylesheet', () => {
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="en-GB">/);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html.match(/<h1[ >]/g)).toHaveLength(1);
    expect(html).toMatch(/<h2 /);
    expect(html).toMatch(/<h3 /);
    const tableCount = html.match(/<table[ >]/g)!.length;
    expect(html.match(/<caption/g)).toHaveLength(tableCount);
    expect(html).not.toMatch(/<th(?![^>]*scope=)[ >]/);
    expect(html).toContain('@media print');
    expect(html).toContain('@page{size:A4');
    expect(html).toContain('thead{display:table-header-group}');
    expect(html).toContain('<svg xmlns="http://www.w3.org/2000/svg"');
    expect(html).toContain('&lt;b&gt;21 June&lt;/b&gt;');
    expect(html).not.toContain('<b>21 June</b>');
  });

  it('shows each RAG as text as well as colour', () => {
    for (const m of html.matchAll(/<t[dh][^>]*class="rag rag-([A-Za-z-]+)[^"]*"[^>]*>(.*?)<\/t[dh]>/g)) {
      expect(decode(m[2]!).trim().length).toBeGreaterThan(0);
    }
    expect(html).toMatch(/class="rag rag-(G|monitor)[^"]*"/);
  });

  it('prints every figure of its tables exactly as the report model holds it (one source of truth)', () => {
    const model = report();
    const sourced = [...html.matchAll(/data-source="([^"]+)"(?: data-format="([a-zA-Z]+)")?><span class="figure">(.*?)<\/span>/g)];
    expect(sourced.length).toBeGreaterThan(20);
    for (const [, path, format, printed] of sourced) {
      const value = at(model, path!);
      const text = decode(printed!);
      if (format === 'money') expect([path, text]).toEqual([path, formatMoney(value as number)]);
      else if (format === 'moneyPercent') expect([path, text]).toEqual([path, formatMoneyPercent(value as number)]);
      else if (/\.(percentage|percentageOfTotal)$/.test(path!)) {
        const parent = at(model, path!.replace(/\.[^.]+$/, '')) as { count: number };
        expect([path, text]).toEqual([path, shareText(parent.count, value as number | null)]);
      } else {
        expect([path, text]).toEqual([path, String(value)]);
      }
    }
    // And no table body holds a number the model does not: every numeric token comes from the model's
    // own printed strings, counts and (formatted) percentages.
    const known = new Set<string>();
    const numbers = (s: string) => s.match(/\d+(?:[.,]\d+)*/g) ?? [];
    const walk = (v: unknown, key = ''): void => {
      if (typeof v === 'string') numbers(v).forEach((n) => known.add(n));
      else if (typeof v === 'number') {
        known.add(String(v));
        if (/percentage/i.test(key)) numbers(formatPercentage(v)).forEach((n) => known.add(n));
        for (const printed of [formatMoney(v), formatMoneyPercent(v)]) numbers(printed).forEach((n) => known.add(n));
      } else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
    };
    walk(model);
    const bodies = [...html.matchAll(/<table id="([^"]+)"[^>]*>.*?<tbody>(.*?)<\/tbody>/gs)].filter(([, id]) => id !== 'cover-sheet');
    expect(bodies.length).toBeGreaterThan(3);
    for (const [, id, body] of bodies) {
      const cells = body!.replace(/<sup class="fnref">.*?<\/sup>/g, '').match(/<t[dh][^>]*>.*?<\/t[dh]>/gs) ?? [];
      for (const cell of cells) for (const n of numbers(decode(cell))) expect([id, n, known.has(n)]).toEqual([id, n, true]);
    }
  });
});

describe('PDF', () => {
  const out = mkdtempSync(join(tmpdir(), 'townhall-reports-'));
  const text = async (kind: 'quarterly' | 'annual', report: PerformanceReport) => {
    const rendered = await renderReport(kind, report, { meetingDate: '21 November 2018' }, 'pdf');
    const file = join(out, `${kind}.pdf`);
    writeFileSync(file, rendered.body);
    const run = spawnSync(pdftotext!, ['-layout', file, '-'], { encoding: 'utf8' });
    return { pdf: rendered.body as Buffer, text: run.stdout, rendered };
  };

  it('is an A4 PDF with the title, author, subject and language set', async () => {
    const rendered = await renderReport('quarterly', q2, {}, 'pdf');
    expect(rendered.contentType).toBe('application/pdf');
    expect(rendered.extension).toBe('pdf');
    const pdf = await PDFDocument.load(rendered.body as Buffer, { updateMetadata: false });
    expect(pdf.getTitle()).toBe('Quarter 2 2018/19 Community Leadership and Libraries Committee Performance Report');
    expect(pdf.getAuthor()).toBe('London Borough of Barnet');
    expect(pdf.getSubject()).toContain('Q2 2018/19');
    const { width, height } = pdf.getPage(0).getSize();
    expect([Math.round(width), Math.round(height)]).toEqual([595, 842]);
    expect(String(pdf.catalog.get(PDFName.of('Lang')))).toBe('(en-GB)');
    expect(pdf.getKeywords()).toContain('performance');
    expect([pdf.getCreator(), pdf.getProducer()]).toEqual(['Townhall', 'Townhall (pdfmake)']);
    expect(String(pdf.catalog.lookup(PDFName.of('ViewerPreferences')))).toContain('/DisplayDocTitle true');
    // Tagged: marked, with a structure tree (its contents are checked with pdfinfo below).
    expect(String(pdf.catalog.lookup(PDFName.of('MarkInfo')))).toContain('/Marked true');
    expect(pdf.catalog.get(PDFName.of('StructTreeRoot'))).toBeDefined();
    // Each chart is a Figure whose alternative text says what it shows.
    const figures = pdf.context
      .enumerateIndirectObjects()
      .map(([, object]) => String(object))
      .filter((text) => text.includes('/S /Figure'));
    expect(figures.length).toBeGreaterThan(0);
    for (const figure of figures) expect(figure).toMatch(/\/Alt \(.+\)/);
  }, 60_000);

  it.skipIf(!pdftotext)('is a tagged PDF: headings, paragraphs, lists and tables (header cells with their scope) in reading order', async () => {
    const rendered = await renderReport('quarterly', q2, {}, 'pdf');
    const file = join(out, 'tagged.pdf');
    writeFileSync(file, rendered.body);
    const run = spawnSync('pdfinfo', ['-struct-text', file], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const tree = run.stdout;
    expect(tree.startsWith('Document\n  H1 (block)\n    "Quarter 2 2018/19 Community Leadership and Libraries ')).toBe(true);
    expect(tree).toContain('\n  Table (block)\n    Caption\n      "Table 5: Indicators — Safer communities"');
    expect(tree).toMatch(/TH:\n\s+\/Scope \/Column\n\s+"Indicator"/);
    expect(tree).toMatch(/TD\n\s+"711/);
    expect(tree).toContain('\n  L (block)\n    LI (block)\n      LBody (block)');
    expect(tree).toContain('\n  Figure\n');
    // A table continued on a later page repeats its header row on paper, not in the structure.
    expect(tree.match(/"Table \d+: Indicators — Safer communities"/g)).toHaveLength(1);
  }, 60_000);

  it.skipIf(!pdftotext)('quarterly: the key figures, the contradiction and "Page N of M" on every page', async () => {
    const { text: t, pdf } = await text('quarterly', q2);
    expect(t).toContain('↓ W +6.6%');
    expect(t).toMatch(/\b711\b/);
    expect(t).toContain('↓ W +5.2%');
    expect(t).toContain('The source document printed ↓ W +5.3%; the data give ↓ W +5.2%');
    expect(t).toContain('No benchmark');
    expect(t).toMatch(/crime \(r\)/);
    const pages = (await PDFDocument.load(pdf)).getPageCount();
    for (let n = 1; n <= pages; n++) expect(t).toContain(`Page ${n} of ${pages}`);
    expect(t.split('\f').filter((p) => p.trim()).every((p) => p.includes('Quarter 2 2018/19 Community Leadership and Libraries Committee Performance Report'))).toBe(true);
  }, 60_000);

  it.skipIf(!pdftotext)('annual: the 2016/17 overview (8 Green) and the table of results', async () => {
    const { text: t } = await text('annual', annual);
    expect(t).toContain('53% (8) are Green');
    expect(t).toMatch(/All indicators\s+53% \(8\)\s+7% \(1\)\s+7% \(1\)/);
    expect(t).toContain('23% (RA)');
    expect(t).toContain('Page 1 of');
    expect(t).toContain('Green Amber');
  }, 60_000);
});

describe('Word', () => {
  const unzip = async (kind: 'quarterly' | 'annual', report: PerformanceReport) => {
    const rendered = await renderReport(kind, report, {}, 'docx');
    expect(rendered.extension).toBe('docx');
    expect(rendered.contentType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    return JSZip.loadAsync(rendered.body as Buffer);
  };
  const xml = async (zip: JSZip, path: string) => (await zip.file(path)!.async('string')).replace(/<\/w:t><\/w:r><w:r>(<w:rPr>(?:(?!<\/w:r>).)*?<\/w:rPr>)?<w:t[^>]*>/g, '');

  it('quarterly: real headings, tables with repeating header rows, key figures, page numbers, SVG charts with PNG fallback', async () => {
    const zip = await unzip('quarterly', q2);
    const doc = await xml(zip, 'word/document.xml');
    for (const style of ['Heading1', 'Heading2', 'Heading3']) expect(doc).toContain(`<w:pStyle w:val="${style}"/>`);
    expect(doc.match(/<w:tbl>/g)!.length).toBeGreaterThan(5);
    expect(doc).toContain('<w:tblHeader/>');
    expect(doc).toContain('>711<');
    expect(doc).toContain('>↓ W +6.6%<');
    expect(doc).toContain('>↓ W +5.2%<');
    expect(doc).toContain('>No benchmark available<');
    expect(doc).toContain('asvg:svgBlip');
    expect(doc).toMatch(/descr="[^"]*Racist and religious hate crime/);
    const styles = await xml(zip, 'word/styles.xml');
    expect(styles).toContain('w:styleId="Heading1"');
    expect(styles).toContain('<w:lang w:val="en-GB"/>');
    const footers = await Promise.all(Object.keys(zip.files).filter((f) => /word\/footer\d*\.xml/.test(f)).map((f) => xml(zip, f)));
    expect(footers.join('')).toMatch(/PAGE[\s\S]*NUMPAGES/);
    const headers = await Promise.all(Object.keys(zip.files).filter((f) => /word\/header\d*\.xml/.test(f)).map((f) => xml(zip, f)));
    expect(headers.join('')).toContain('Quarter 2 2018/19 Community Leadership and Libraries Committee Performance Report');
    expect(Object.keys(zip.files).filter((f) => f.startsWith('word/media/') && f.endsWith('.png')).length).toBe(5);
    const core = await xml(zip, 'docProps/core.xml');
    expect(core).toContain('<dc:title>Quarter 2 2018/19 Community Leadership and Libraries Committee Performance Report</dc:title>');
    const section = doc.match(/<w:pgSz [^>]+>/)![0];
    expect(section).toContain('w:w="11906"');
    expect(section).toContain('w:h="16838"');
  }, 60_000);

  it('annual: the overview counts and results with RAG', async () => {
    const doc = await xml(await unzip('annual', annual), 'word/document.xml');
    expect(doc).toContain('>53% (8)<');
    expect(doc).toContain('>23% (RA)<');
    expect(doc).toContain('>Green Amber<');
  }, 60_000);
});

describe('renderReport', () => {
  it('returns each format with its content type and extension; json carries the model', async () => {
    const html = await renderReport('annual', annual, {}, 'html');
    expect([html.contentType, html.extension]).toEqual(['text/html; charset=utf-8', 'html']);
    const json = await renderReport('quarterly', q2, { wards: 'All' }, 'json');
    expect(json.extension).toBe('json');
    const parsed = JSON.parse(json.body as string);
    expect(parsed.kind).toBe('quarterly');
    expect(parsed.meta).toEqual({ wards: 'All' });
    expect(parsed.report.summary.total).toBe(q2.summary.total);
  });

  it('refuses an unknown format or report type', async () => {
    await expect(renderReport('quarterly', q2, {}, 'rtf' as never)).rejects.toThrow(/Unknown format/);
    await expect(renderReport('weekly' as never, q2 as never, {}, 'html')).rejects.toThrow(/Unknown report type/);
  });
});
