/**
 * The panels of the quarterly report, the addendum and the dashboard of the demo council: structure,
 * figures equal to the engine's, the seeds' figures (002 Table 2 "(4)", Table 3 as the officers judged it,
 * STR024, §5.4's terms of reference of 2018/19 only; 001's CG/C7 "more realistic target"), the cover
 * sheet's "Report of" and officer, PDF text (pdftotext -layout) and Word XML.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_WORKBOOK } from '../../src/app.ts';
import { formatMoney } from '../../src/domain/format.ts';
import type { Addendum } from '../../src/reports/addendum.ts';
import type { Dashboard } from '../../src/reports/dashboard.ts';
import type { Block, ReportDocument, TableBlock } from '../../src/documents/model.ts';
import { liveReportSources, loadReportModel } from '../../src/reports/load.ts';
import { documentFor, renderReport, type AnyReportKind } from '../../src/reports/render.ts';
import { ReportRepository } from '../../src/repositories/reportRepository.ts';
import type { PerformanceReport } from '../../src/services/performanceReport.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';

const OLD_NAME = 'Community Leadership Committee';
const NEW_NAME = 'Community Leadership and Libraries Committee';
const pdftotext = spawnSync('pdftotext', ['-v']).error ? null : 'pdftotext';

let t: TestDatabase;
let q2: PerformanceReport;
let addendum: Addendum;
let dashboard: Dashboard;

beforeAll(async () => {
  t = await createTestDatabase('pglite');
  const outcome = await t.app.imports.importFile(DEMO_WORKBOOK);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
  const sources = liveReportSources(t.app.reports, new ReportRepository(t.handle.db));
  q2 = await loadReportModel(sources, { kind: 'quarterly', committee: NEW_NAME, period: 'Q2 2018/19' });
  addendum = await loadReportModel(sources, { kind: 'addendum', committee: OLD_NAME, period: 'Q3 2016/17' });
  dashboard = await loadReportModel(sources, { kind: 'dashboard', committee: NEW_NAME, period: 'Q2 2018/19' });
}, 120_000);
afterAll(async () => t?.dispose());

const tables = (d: ReportDocument) => d.blocks.filter((b): b is TableBlock => b.kind === 'table');
const table = (d: ReportDocument, id: string) => tables(d).find((x) => x.id === id)!;
const texts = (row: { text: string }[]) => row.map((c) => c.text);
const headings = (d: ReportDocument) => d.blocks.filter((b): b is Extract<Block, { kind: 'heading' }> => b.kind === 'heading').map((b) => b.text);
const runText = (runs: (string | { text: string })[]) => runs.map((r) => (typeof r === 'string' ? r : r.text)).join('');
const footnotes = (d: ReportDocument) => d.blocks.flatMap((b) => (b.kind === 'footnotes' ? b.items.map((i) => i.text) : []));

describe('quarterly report panels (as 002)', () => {
  let doc: ReportDocument;
  beforeAll(() => {
    doc = documentFor('quarterly', q2);
  });

  it('prints Table 2, the revenue forecast, in £000 with brackets, from the model', () => {
    const rev = table(doc, 'table-revenue');
    expect(rev.caption).toBe('Table 2: Revenue forecast (Q2 2018/19)');
    expect(texts(rev.rows[0]!)).toEqual(['Community Safety', '1,939', '1,935', '(4)', '0', '1,935', '(4)', '(0.2%)']);
    expect(texts(rev.rows[1]!)).toEqual(['Libraries and Community Engagement', '3,474', '3,474', '0', '0', '3,474', '0', '0.0%']);
    const total = q2.panels.revenue!.total;
    expect(texts(rev.rows[2]!).slice(1, 4)).toEqual([formatMoney(total.revisedBudget), formatMoney(total.forecast), formatMoney(total.variance)]);
    expect(rev.header[1]!.map((c) => c.text)).toEqual(['', '£000', '£000', '£000', '£000', '£000', '£000', '%']);
  });

  it('prints Table 3, the overall status per priority as the officers judged it, with its reason — the council\'s Amber, not the computed Green', () => {
    const status = table(doc, 'table-priority-status');
    expect(status.caption).toBe('Table 3: Overall status for priorities (Q2 2018/19)');
    expect(status.header[0]!.map((c) => c.text)).toEqual(['Community Leadership and Libraries Committee priorities', 'Overall status', 'Reason']);
    expect(status.rows.map((r) => [r[0]!.text, r[1]!.text + (r[1]!.suffix ?? '')])).toEqual(q2.priorityStatuses.map((s) => [s.priority, s.judgement!.status]));
    expect(status.rows.map((r) => r[1]!.text)).toEqual(['Amber', 'Amber', 'Green']);
    expect(status.rows[1]![2]!.text).toBe(q2.priorityStatuses[1]!.judgement!.reason);
    // The computed suggestion is the staff's (sign-off, check): the paper prints no footnote or contradiction of it.
    expect(footnotes(doc).join(' ')).not.toContain('Tackling issues');
    expect(tables(doc).find((x) => x.id === 'table-contradictions')!.rows.some((r) => r[2]!.text === 'Overall status')).toBe(false);
  });

  it('where no judgement is recorded, prints the computed status marked "computed", with its reasons, and says so', () => {
    const unjudged = structuredClone(q2);
    for (const s of unjudged.priorityStatuses) Object.assign(s, { judgement: null, status: s.computed, source: 'computed', agrees: null });
    const d = documentFor('quarterly', unjudged);
    const status = table(d, 'table-priority-status');
    expect(status.rows.map((r) => r[1]!.text + (r[1]!.suffix ?? ''))).toEqual(['Amber (computed)', 'Green (computed)', 'Green (computed)']);
    expect(status.rows[0]![2]).toMatchObject({ text: 'No overall status was recorded by officers. Computed from the data:', items: ['high-level risk STR024 (score 15)'] });
    expect(d.blocks.some((b) => b.kind === 'paragraph' && runText(b.runs).startsWith('Where officers recorded no judgement, the status computed from the data is shown instead'))).toBe(true);
    expect(doc.blocks.some((b) => b.kind === 'paragraph' && runText(b.runs).startsWith('Where officers recorded no judgement'))).toBe(false);
  });

  it('prints in 5.4 the terms of reference in force in Q2 2018/19 only, without authoring notes', () => {
    const at = doc.blocks.findIndex((b) => b.kind === 'heading' && b.text === '5.4 Legal and Constitutional References');
    const next = doc.blocks.findIndex((b, i) => i > at && b.kind === 'heading');
    const paragraphs = doc.blocks.slice(at + 1, next).map((b) => (b.kind === 'paragraph' ? runText(b.runs) : ''));
    expect(paragraphs).toEqual([
      "The Council's Constitution sets out the responsibilities of all council committees. The responsibilities of the Community Leadership and Libraries Committee include:",
      ...q2.committee.termsOfReference!.split('\n'),
    ]);
    expect(paragraphs[1]).toMatch(/^\(1\) Responsibility for libraries/);
    expect(paragraphs.join(' ')).not.toMatch(/Annex A|extracts|printed in the reports|Safer Communities Strategy through CCTV/);
  });

  it('says in 5.2 and 5.5 what the report holds, never "None arising" beside a budget or a risk it prints', () => {
    const blocks = doc.blocks;
    const after = (title: string) => {
      const at = blocks.findIndex((b) => b.kind === 'heading' && b.text.startsWith(title));
      const next = blocks[at + 1]!;
      return next.kind === 'paragraph' ? next.runs.map((r) => (typeof r === 'string' ? r : r.text)).join('') : '';
    };
    expect(after('5.5 Risk Management')).toBe(
      'The report lists one high level risk (residual score of 15 or more) for Q2 2018/19: STR024 Tri-borough reorganisation of the Met Police.',
    );
    // 1,935 + 3,474 against 1,939 + 3,474 (Table 2): (4) favourable.
    expect(after('5.2 Resources')).toBe(
      'The forecast revenue outturn for Q2 2018/19 (after reserve movements) is £5.409m against a revised budget of £5.413m: a favourable variance of £0.004m, set out under Budget forecasts.',
    );
  });

  it('prints each priority’s high-level risks after its indicators, and says when there are none', () => {
    const h = headings(doc);
    expect(h.indexOf('Budget forecasts')).toBeLessThan(h.indexOf('Committee priorities'));
    const risks = table(doc, 'table-risks-safer-communities');
    expect(texts(risks.rows[0]!).slice(0, 4)).toEqual(['STR024', 'Tri-borough reorganisation of the Met Police', 'Strategic', '15']);
    expect(risks.rows[0]![4]!.text).toContain('tri-borough format with Harrow and Brent');
    const at = doc.blocks.indexOf(risks);
    expect(doc.blocks.slice(0, at).map((b) => b.kind === 'table' && b.id).includes('table-indicators-safer-communities')).toBe(true);
    const paras = doc.blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.runs.map((r) => (typeof r === 'string' ? r : r.text)).join('')] : []));
    expect(paras).toContain('There is one high level risk linked to this priority. This is a strategic risk.');
    expect(paras.filter((p) => p === 'There are no high level risks linked to this priority.')).toHaveLength(2);
    expect(h).toContain('Strategic issues/escalations');
  });
});

describe('addendum for 2017/18 (Q3 2016/17 position, as 001)', () => {
  let doc: ReportDocument;
  beforeAll(() => {
    doc = documentFor('addendum', addendum, { meetingDate: '8 March 2017' });
  });

  it('compares this year’s targets with next year’s, with the reason of a lowered target', () => {
    const c7 = addendum.rows.find((r) => r.ref === 'CG/C7')!;
    expect(c7.change).toMatchObject({ kind: 'lowered', label: 'Lowered', text: 'Lowered from 53% to 50%' });
    expect(c7.change.reason).toContain('more realistic target');
    expect(c7.position).toMatchObject({ period: 'Q1 2016/17', display: '48%' });
    expect(c7.position.rating.value).toBe('GA');
    const byRef = Object.fromEntries(addendum.rows.map((r) => [r.ref, r.change.kind]));
    expect(byRef).toMatchObject({ 'CG/S4': 'unchanged', 'CG/C3': 'to-monitor', 'CG/C4': 'to-monitor', 'CG/C27': 'unchanged', 'CG/CR1': 'new-indicator', 'CG/S16': 'not-set' });
    // 001 §1.5: Q3 results 76% (belonging), 85% (satisfied) and 81% (backgrounds) against 74%, 90% and 85%.
    const pos = (ref: string) => [addendum.rows.find((r) => r.ref === ref)!.position.display, addendum.rows.find((r) => r.ref === ref)!.target!.display];
    expect([pos('CG/S5'), pos('CG/S16'), pos('CG/C5')]).toEqual([
      ['76%', '74%'],
      ['85%', '90%'],
      ['81%', '85%'],
    ]);
    // 001 §1.4: S4 was not reported in Q3; the Q1 result (66%) is shown with a note.
    const s4 = addendum.rows.find((r) => r.ref === 'CG/S4')!;
    expect(s4.position).toMatchObject({ period: 'Q1 2016/17', display: '66%' });
    expect(s4.position.note).toContain('Not reported in Q3 2016/17');
    expect(addendum.changes).toMatchObject({ lowered: 1, 'to-monitor': 2, 'new-indicator': 1 });
  });

  it('is a committee paper with Appendix A per priority and the keys', () => {
    expect(doc.title).toBe('Community Leadership Committee Commissioning Plan – 2017/18 addendum');
    const h = headings(doc);
    expect(h).toEqual(expect.arrayContaining(['Summary', 'Recommendations', '1. Why this report is needed', 'Summary of Q3 2016/17 position against 2016/17 targets', 'Summary of the 2017/18 targets', 'Key to ratings and symbols']));
    expect(h.some((x) => x.startsWith('Appendix A: '))).toBe(true);
    const safe = table(doc, 'table-addendum-safe-communities');
    const c3 = safe.rows.find((r) => r[0]!.detail?.startsWith('CG/C3'))!;
    expect(texts(c3).slice(2)).toEqual(['Increase', 'No result', 'Monitor', 'Monitor', 'Monitor']);
    const strong = table(doc, 'table-addendum-strong-and-active-communities');
    const c7 = strong.rows.find((r) => r[0]!.detail?.startsWith('CG/C7'))!;
    expect(texts(c7).slice(2)).toEqual(['53%', '48%', 'Green Amber', '50%', 'Lowered']);
    expect(c7[6]!.detail).toContain('Reason: Lowered from 53% in 2016/17: it was felt that this was a more realistic target');
    expect(table(doc, 'table-key-changes').rows.map((r) => r[0]!.text)).toContain('Lowered');
    expect(table(doc, 'table-key-indicators').rows[0]![1]!.text).toBe('100% or more');
  });
});

describe('quarterly dashboard (committee and delivery unit)', () => {
  let doc: ReportDocument;
  beforeAll(() => {
    doc = documentFor('dashboard', dashboard);
  });

  it('summarises on the first page: finance, RAG distribution, DOT and key actions, then a page break', () => {
    const first = doc.blocks.findIndex((b) => b.kind === 'pageBreak');
    const ids = doc.blocks.slice(0, first).flatMap((b) => (b.kind === 'table' ? [b.id] : []));
    expect(ids).toEqual(['table-summary-finance', 'table-summary-indicators', 'table-summary-direction', 'table-summary-actions']);
    expect(texts(table(doc, 'table-summary-finance').rows[0]!)).toEqual(['Revenue: variance after reserve movements Adv/(fav)', '(4)', '(0.1%)']);
    expect(texts(table(doc, 'table-summary-indicators').rows[0]!)).toEqual(['0', '0', '0', '44% (4)', '56% (5)']);
    expect(texts(table(doc, 'table-summary-direction').rows[0]!)).toEqual(['Q2 2017/18 (long term)', '0% (0)', '100% (4)']);
    expect(texts(table(doc, 'table-summary-actions').rows[0]!)).toEqual(['0% (0)', '0% (0)', '0% (0)', '0% (0)', '100% (11)']);
  });

  it('has the overview by type with expected-to-report counts, both DOTs per indicator, and every section', () => {
    const overview = table(doc, 'table-overview');
    expect(overview.rows.map((r) => r[0]!.text)).toEqual(['CPI', 'All']);
    expect(texts(overview.rows[1]!)).toEqual(['All', '0', '0', '0', '0', '4', '0', '4', '0', '0', '4', '4']);
    expect(dashboard.total).toEqual({ expected: 4, reported: 4 });
    const safer = table(doc, 'table-indicators-community-leadership-and-libraries-committee-safer-communities');
    const c27 = safer.rows.find((r) => r[0]!.detail?.startsWith('CG/C27'))!;
    expect(texts(c27).slice(2)).toEqual(['Monitor', '711', 'Monitor', 'N/A', 'Not applicable', '667', '↓ W +6.6%']);
    expect(headings(doc)).toEqual(
      expect.arrayContaining(['Key successes', 'Key challenges', 'Residents’ perception', 'Workforce', 'Finance', 'Performance overview', 'Indicators', 'Comments and proposed interventions', 'Key actions', 'Customer experience', 'Risk', 'Equalities']),
    );
    expect(table(doc, 'table-risks').rows[0]![0]!.text).toBe('STR024');
  });

  it('for a delivery unit selects the service’s rows and recomputes the totals with the domain', async () => {
    const sources = liveReportSources(t.app.reports, new ReportRepository(t.handle.db));
    const unit = await loadReportModel(sources, { kind: 'dashboard', unit: 'community safety', period: 'Q2 2018/19' });
    expect(unit.scope).toEqual({ kind: 'unit', name: 'community safety', committees: [NEW_NAME] });
    expect(unit.panels.revenue!.lines.map((l) => l.service)).toEqual(['Community Safety']);
    expect(unit.panels.revenue!.total.varianceAfterReserves).toBe(-4);
    // The service's own indicators and key activities (demo owners: demo/barnet/SOURCES.md), with their summaries.
    expect(unit.indicators.map((i) => i.ref).sort()).toEqual(['CG/C27', 'CG/C3', 'CG/C4', 'CG/CR1', 'CG/S4']);
    expect(unit.keyActions.map((a) => a.ref)).toEqual(['KA-SC-01', 'KA-SC-02', 'KA-SC-03', 'KA-SC-04', 'KA-SC-05', 'KA-DV-01', 'KA-DV-02', 'KA-DV-03']);
    expect(unit.priorities.map((p) => p.name)).toEqual(['Safer communities', 'Tackling issues with domestic violence, mental health and substance misuse']);
    expect(unit.panelNotes[0]).toContain('recorded per committee');
    await expect(loadReportModel(sources, { kind: 'dashboard', unit: 'Parks', period: 'Q2 2018/19' })).rejects.toThrow(/Units on record: Community Safety; Libraries and Community Engagement$/);
  });
});

describe('PDF and Word of the four report types', () => {
  const out = mkdtempSync(join(tmpdir(), 'townhall-papers-'));
  const pdf = async (kind: AnyReportKind, model: unknown) => {
    const rendered = await renderReport(kind, model as never, { meetingDate: '21 November 2018' }, 'pdf');
    const file = join(out, `${kind}.pdf`);
    writeFileSync(file, rendered.body);
    const pages = (await PDFDocument.load(rendered.body as Buffer)).getPageCount();
    // Every type is a tagged PDF whose marked content pdfinfo reads without a complaint, starting at its H1.
    const structure = spawnSync('pdfinfo', ['-struct', file], { encoding: 'utf8' });
    expect([kind, structure.stderr]).toEqual([kind, '']);
    expect(structure.stdout.startsWith('Document\n  H1 (block)\n')).toBe(true);
    return { text: spawnSync(pdftotext!, ['-layout', file, '-'], { encoding: 'utf8' }).stdout, pages };
  };
  const pageNumbers = (text: string, pages: number) => {
    for (let n = 1; n <= pages; n++) expect(text).toContain(`Page ${n} of ${pages}`);
  };

  it.skipIf(!pdftotext)('quarterly PDF: the revenue table "(4)", the overall status "Amber", STR024', async () => {
    const { text, pages } = await pdf('quarterly', q2);
    expect(text).toMatch(/Community Safety\s+1,939\s+1,935\s+\(4\)\s+0\s+1,935\s+\(4\)\s+\(0\.2%\)/);
    expect(text).toMatch(/Safer communities\s+Amber/);
    // The officers' Amber for "Tackling issues…", never the computed Green; the 2018/19 terms of reference only.
    expect(text).toMatch(/Tackling issues with domestic violence,\s+Amber/);
    expect(text).not.toContain('(computed)');
    expect(text).toContain('(1) Responsibility for libraries, culture, civic events');
    expect(text).not.toMatch(/Annex A|extracts printed|through CCTV/);
    // No paper details stored: no blank "Report of" or "Officer Contact Details" on the cover sheet.
    expect(text).not.toContain('Report of');
    expect(text).not.toContain('Officer Contact Details');
    expect(text).toContain('Table 3: Overall status for priorities (Q2 2018/19)');
    expect(text).toContain('STR024');
    pageNumbers(text, pages);
  }, 60_000);

  it.skipIf(!pdftotext)('quarterly PDF: "Report of" and the officer stored with the report on the cover sheet; --report-of wins', async () => {
    const withDetails = { ...structuredClone(q2), paper: { reportOf: 'Councillor Reuben Thompstone – Committee Chairman', officer: { name: 'Alaine Clarke', role: 'Head of Performance and Risk', email: 'alaine.clarke@barnet.gov.uk', phone: null } } };
    const { text } = await pdf('quarterly', withDetails);
    expect(text).toMatch(/Report of\s+Councillor Reuben Thompstone – Committee Chairman/);
    expect(text).toMatch(/Officer Contact Details\s+Alaine Clarke, Head of Performance and Risk, alaine\.clarke@barnet\.gov\.uk/);
    const rendered = await renderReport('quarterly', withDetails as never, { reportOf: 'Strategic Director for Communities' }, 'html');
    expect(String(rendered.body)).toContain('Strategic Director for Communities');
    expect(String(rendered.body)).not.toContain('Reuben Thompstone');
  }, 60_000);

  it.skipIf(!pdftotext)('addendum PDF: raised/lowered markers with CG/C7’s reason, and page numbers', async () => {
    const { text, pages } = await pdf('addendum', addendum);
    expect(text).toContain('Lowered');
    expect(text).toMatch(/more\s+realistic\s+target/);
    expect(text).toContain('Moved to monitor (was Increase)');
    expect(text).toContain('Appendix A: Community Leadership Committee Commissioning Plan');
    pageNumbers(text, pages);
  }, 60_000);

  it.skipIf(!pdftotext)('dashboard PDF: summary, overview and the revenue variance', async () => {
    const { text, pages } = await pdf('dashboard', dashboard);
    expect(text).toContain('Finance at a glance');
    expect(text).toContain('Performance overview by indicator type');
    expect(text).toContain('↓ W +6.6%');
    expect(text).toMatch(/\(4\)/);
    pageNumbers(text, pages);
  }, 60_000);

  const documentXml = async (kind: AnyReportKind, model: unknown) => {
    const rendered = await renderReport(kind, model as never, {}, 'docx');
    const zip = await JSZip.loadAsync(rendered.body as Buffer);
    return (await zip.file('word/document.xml')!.async('string')).replace(/<\/w:t><\/w:r><w:r>(<w:rPr>(?:(?!<\/w:r>).)*?<\/w:rPr>)?<w:t[^>]*>/g, '');
  };

  it('Word: real headings and tables with repeating header rows for the new types; figures in the XML', async () => {
    const q = await documentXml('quarterly', q2);
    expect(q).toContain('>(4)<');
    expect(q).toContain('>Table 2: Revenue forecast (Q2 2018/19)<');
    expect(q).toContain('>STR024<');
    const a = await documentXml('addendum', addendum);
    expect(a).toContain('<w:pStyle w:val="Heading1"/>');
    expect(a).toContain('<w:tblHeader/>');
    expect(a).toContain('>Lowered<');
    expect(a).toMatch(/more realistic target/);
    const d = await documentXml('dashboard', dashboard);
    expect(d).toContain('<w:pStyle w:val="Heading2"/>');
    expect(d).toContain('>Performance overview<');
    expect(d).toContain('asvg:svgBlip');
  }, 60_000);
});
