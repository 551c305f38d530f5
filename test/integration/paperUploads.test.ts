/**
 * Papers uploaded as Word or PDF files (issue 11 deliver 4, issue 12 deliver 6; ADR 0027), on both
 * engines: the checks of a file by its content with every problem named by its field and nothing written;
 * the bytes stored and kept across saves, dropped when removed; a Word body read into the document model
 * and shown on the public page; a PDF served as it is; exempt files only to those entitled (each download
 * audited), the placeholder — never the bytes — to everyone else; drafts never public; what the agenda
 * pack is given for each paper; and the paper form posted as multipart through the web server.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOT_VISIBLE, ROLES, type Role } from '../../src/domain/access.ts';
import { exemptPlaceholder } from '../../src/domain/reportPaper.ts';
import type { PaperInput, PaperView } from '../../src/services/agendaService.ts';
import { buildServer } from '../../src/web/server.ts';
import { renderDocx } from '../../src/documents/docx.ts';
import { renderHtml } from '../../src/documents/html.ts';
import { renderPdf } from '../../src/documents/pdf.ts';
import { agendaPaperDocument, agendaPaperParts } from '../../src/reports/agendaPaperDocument.ts';
import { renderPackPdf } from '../../src/reports/pack.ts';
import { PDFDocument } from 'pdf-lib';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signInAs } from '../support/auth.ts';
import { createTestDatabase, engines, type TestDatabase } from '../support/db.ts';
import { makeDocx, makePdf, multipartForm } from '../support/paperFiles.ts';
import { smallCouncil, writeCsvWorkbook } from '../support/workbook.ts';
import { errorsOf } from '../support/businessErrors.ts';

const GOV = { email: 'governance@council.gov.uk', role: 'governance-officer' as const };
const SLUG = 'test-committee';
const d = (iso: string) => ({ day: iso.slice(8, 10), month: iso.slice(5, 7), year: iso.slice(0, 4) });
const NONE = { day: '', month: '', year: '' };
const SECRET = 'Names of the individuals referred';


describe.each(engines())('uploaded papers on %s', (engine) => {
  let t: TestDatabase;
  let meetingId: number;
  let wordItem: number;
  let pdfItem: number;
  let wordPaper: number;
  let pdfPaper: number;
  let docx: Buffer;
  let exemptPdf: Buffer;
  let bodyPdf: Buffer;
  const users = new Map<string, { id: number; email: string; role: Role }>();

  const input = (over: Partial<PaperInput> = {}): PaperInput => ({
    title: 'Library Strategy',
    reportOf: 'Head of Libraries',
    wards: 'All',
    status: 'public-exempt-appendices',
    exemptParagraph: '',
    urgent: 'no',
    key: 'key',
    contacts: ['sam-rosengard'],
    enclosures: [{ title: 'Appendix 1: Staffing', paragraph: '1', body: '' }],
    sections: {},
    recommendations: '',
    ...over,
  });

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    expect((await t.app.imports.importFile(await writeCsvWorkbook(smallCouncil()))).ok).toBe(true);
    const b = t.app.committeeBusiness;
    await b.addPerson({ name: 'Reuben Thompstone', kind: 'councillor' }, GOV);
    await b.addPerson({ name: 'Other Councillor', kind: 'councillor' }, GOV);
    await b.addPerson({ name: 'Sam Rosengard', kind: 'officer', jobTitle: 'Libraries Officer' }, GOV);
    await b.addMembership(SLUG, { person: 'reuben-thompstone', role: 'chairman', from: d('2018-05-22'), to: NONE }, GOV);
    meetingId = (await t.app.meetings.addMeeting({ committee: SLUG, date: d('2018-11-21'), startTime: '7pm', venue: 'Hendon Town Hall' }, GOV)).id;
    const admin = { email: 'admin@council.gov.uk', role: 'administrator' as const };
    const make = async (key: string, role: Role, person: string | null) => {
      const u = await t.app.accounts.createUser({ email: `${key}@council.gov.uk`, name: key, role, password: null }, 'test');
      if (person) await t.app.agendas.linkAccount(u.id, person, admin);
      users.set(key, { id: u.id, email: u.email, role });
    };
    for (const role of ROLES) await make(role, role, null);
    await make('chairman', 'councillor', 'reuben-thompstone');
    await make('other-councillor', 'councillor', 'other-councillor');
    await t.app.agendas.startAgenda(meetingId, GOV);
    wordItem = await t.app.agendas.addReport(meetingId, { title: 'Library Strategy' }, GOV);
    pdfItem = await t.app.agendas.addReport(meetingId, { title: 'Grants Report', toFollow: true }, GOV);
    docx = await makeDocx();
    exemptPdf = await makePdf(3, SECRET);
    bodyPdf = await makePdf(2, 'Grants awarded');
  });
  afterAll(async () => {
    await t?.dispose();
  });

  const files = () => t.handle.db.selectFrom('paper_file').select(['id', 'paper_id', 'kind', 'filename', 'size', 'sha256', 'page_count']).orderBy('id').execute();
  const audit = (action: string) => t.handle.db.selectFrom('audit_event').selectAll().where('action', '=', action).orderBy('id').execute();
  const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

  it('refuses files that are not what they claim, every problem named by its field at once, and writes nothing', async () => {
    const oldWord = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(100)]);
    const errors = await errorsOf(
      t.app.agendas.savePaper(
        meetingId,
        wordItem,
        input({
          title: '',
          bodyFile: { filename: 'paper.pdf', bytes: Buffer.from('%PDF-1.7\nnot really a pdf') },
          enclosures: [
            { title: 'Appendix 1', paragraph: '1', body: '', file: { filename: 'appendix.pdf', bytes: Buffer.from('just some text') } },
            { title: 'Appendix 2', paragraph: '', body: '', file: { filename: 'old.doc', bytes: oldWord } },
            { title: 'Appendix 3', paragraph: '', body: '', file: { filename: 'empty.docx', bytes: Buffer.alloc(0) } },
            { title: 'Appendix 4', paragraph: '', body: '', file: { problem: 'too-large' } },
            { title: 'Appendix 5', paragraph: '', body: '', file: { filename: 'fake.docx', bytes: Buffer.from('PK\u0003\u0004 not a zip at all') } },
          ],
        }),
        GOV,
      ),
    );
    expect(errors).toEqual({
      title: 'Enter the title of the report',
      bodyFile: 'The file of the paper is a PDF that could not be read: it may be damaged',
      enclosure1File: 'The file of enclosure 1 must be a PDF or a Word document (.docx)',
      enclosure2File: 'The file of enclosure 2 is an older Word document (.doc): save it as a Word document (.docx) or a PDF and upload that',
      enclosure3File: 'The file of enclosure 3 is empty',
      enclosure4File: 'The file of enclosure 4 must be smaller than 20 MB',
      enclosure5File: 'The file of enclosure 5: the Word document could not be opened: it may be damaged',
    });
    expect(await files()).toEqual([]);
    expect(await t.handle.db.selectFrom('paper').select('id').execute()).toEqual([]);
  });

  it('stores a Word body read into the document model and an exempt PDF appendix with its pages counted', async () => {
    wordPaper = await t.app.agendas.savePaper(
      meetingId,
      wordItem,
      input({ bodyFile: { filename: 'C:\\Users\\me\\Library Strategy.docx', bytes: docx }, enclosures: [{ title: 'Appendix 1: Staffing', paragraph: '1', body: '', file: { filename: 'staffing.pdf', bytes: exemptPdf } }] }),
      GOV,
    );
    const stored = await files();
    expect(stored.map((f) => [f.paper_id, f.kind, f.filename, f.size, f.sha256, f.page_count])).toEqual([
      [wordPaper, 'docx', 'Library Strategy.docx', docx.length, sha(docx), null],
      [wordPaper, 'pdf', 'staffing.pdf', exemptPdf.length, sha(exemptPdf), 3],
    ]);
    const view = (await t.app.agendas.paper(meetingId, wordPaper, { id: users.get('governance-officer')!.id, email: GOV.email, role: GOV.role })) as PaperView;
    expect(view.file?.kind).toBe('docx');
    expect(view.document?.filter((b) => b.kind === 'heading').map((b) => (b.kind === 'heading' ? `${b.level} ${b.text}` : ''))).toEqual(['1 Library Strategy', '1 Summary', '1 Recommendations', '2 Options', '3 Detail']);
    expect(view.enclosures[0]!.file?.pageCount).toBe(3);
    // Bytes out are the bytes in.
    const download = await t.app.agendas.paperFile(meetingId, wordPaper, 1, { id: users.get('governance-officer')!.id, email: GOV.email, role: GOV.role });
    expect(download !== NOT_VISIBLE && !download.restricted && download.bytes.equals(exemptPdf)).toBe(true);
    const [added] = await audit('paper:add');
    expect(added!.after).toMatchObject({ file: { filename: 'Library Strategy.docx', kind: 'docx', sha256: sha(docx) }, enclosures: [{ file: { filename: 'staffing.pdf', pageCount: 3 } }] });
  });

  it('keeps the files when the form is saved again without them, and drops a file removed', async () => {
    await t.app.agendas.savePaper(meetingId, wordItem, input({ wards: 'Hendon', enclosures: [{ title: 'Appendix 1: Staffing', paragraph: '1', body: '' }, { title: 'Appendix 2: Map', paragraph: '', body: 'A map', file: { filename: 'map.pdf', bytes: bodyPdf } }] }), GOV);
    expect((await files()).map((f) => f.filename)).toEqual(['Library Strategy.docx', 'staffing.pdf', 'map.pdf']);
    // Appendix 1's title cleared while it keeps its file: named, not dropped.
    expect(await errorsOf(t.app.agendas.savePaper(meetingId, wordItem, input({ enclosures: [{ title: '', paragraph: '1', body: '' }] }), GOV))).toEqual({ enclosure1Title: 'Enter the title of enclosure 1' });
    await t.app.agendas.savePaper(meetingId, wordItem, input({ enclosures: [{ title: 'Appendix 1: Staffing', paragraph: '1', body: '' }, { title: 'Appendix 2: Map', paragraph: '', body: 'A map', removeFile: 'yes' }] }), GOV);
    expect((await files()).map((f) => f.filename)).toEqual(['Library Strategy.docx', 'staffing.pdf']);
    const paper = (await t.app.agendas.paper(meetingId, wordPaper, { id: users.get('administrator')!.id, email: 'a', role: 'administrator' })) as PaperView;
    expect(paper.enclosures.map((e) => [e.title, e.file?.filename ?? null])).toEqual([
      ['Appendix 1: Staffing', 'staffing.pdf'],
      ['Appendix 2: Map', null],
    ]);
  });

  it('lets an uploaded body stand for the summary and recommendations when the agenda is published', async () => {
    const staff = await t.app.agendas.staffAgenda(meetingId, GOV);
    expect(staff!.problems).toEqual([]);
    await t.app.agendas.publishAgenda(meetingId, GOV);
  });

  it('serves exempt files only to those entitled, each download audited; everyone else gets the placeholder, never the bytes', async () => {
    const viewer = (key: string) => (key === 'anonymous' ? null : { id: users.get(key)!.id, email: users.get(key)!.email, role: users.get(key)!.role });
    const before = (await audit('paper:exempt-file')).length;
    const outcome: Record<string, string> = {};
    for (const key of ['anonymous', ...ROLES, 'chairman', 'other-councillor']) {
      const r = await t.app.agendas.paperFile(meetingId, wordPaper, 1, viewer(key));
      outcome[key] = r === NOT_VISIBLE ? 'not found' : r.restricted ? r.placeholder : r.bytes.equals(exemptPdf) ? 'bytes' : 'other bytes';
      // The Word body is public: everyone has it.
      const body = await t.app.agendas.paperFile(meetingId, wordPaper, 'paper', viewer(key));
      expect(body !== NOT_VISIBLE && !body.restricted && body.bytes.equals(docx) && body.mediaType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    }
    const placeholder = exemptPlaceholder(1);
    expect(outcome).toEqual({
      anonymous: placeholder,
      administrator: 'bytes',
      'governance-officer': 'bytes',
      'performance-officer': placeholder,
      'data-owner': placeholder,
      councillor: placeholder,
      chairman: 'bytes',
      'other-councillor': placeholder,
    });
    const after = await audit('paper:exempt-file');
    expect(after.slice(before).map((a) => a.actor).sort()).toEqual(['administrator@council.gov.uk', 'chairman@council.gov.uk', 'governance-officer@council.gov.uk']);
    // The public view has no file of the exempt appendix and a placeholder in its place; the Word body's blocks.
    const pub = (await t.app.agendas.paper(meetingId, wordPaper, null)) as PaperView;
    expect(pub.enclosures[0]).toMatchObject({ file: null, document: null, placeholder });
    expect(pub.document?.some((b) => b.kind === 'table')).toBe(true);
    // No such enclosure, or no file on it.
    expect(await t.app.agendas.paperFile(meetingId, wordPaper, 2, null)).toBe(NOT_VISIBLE);
    expect(await t.app.agendas.paperFile(meetingId, wordPaper, 9, null)).toBe(NOT_VISIBLE);
  });

  it('keeps a draft paper’s file from the public', async () => {
    pdfPaper = await t.app.agendas.savePaper(meetingId, pdfItem, input({ title: 'Grants Report', status: 'public', enclosures: [], bodyFile: { filename: 'grants.pdf', bytes: bodyPdf } }), GOV);
    expect(await t.app.agendas.paperFile(meetingId, pdfPaper, 'paper', null)).toBe(NOT_VISIBLE);
    const councillor = users.get('councillor')!;
    expect(await t.app.agendas.paperFile(meetingId, pdfPaper, 'paper', councillor)).toBe(NOT_VISIBLE);
    const gov = await t.app.agendas.paperFile(meetingId, pdfPaper, 'paper', users.get('governance-officer')!);
    expect(gov !== NOT_VISIBLE && !gov.restricted && gov.downloadName).toBe('grants-report.pdf');
  });

  it('gives the agenda pack each paper’s pages: PDF bytes, Word blocks, or the placeholder', async () => {
    const summary = (papers: Awaited<ReturnType<typeof t.app.agendas.paperPages>>) =>
      papers.map((p) => [p.title, p.body.kind, p.body.kind === 'pdf' ? p.body.pageCount : null, ...p.enclosures.map((e) => `${e.title}: ${e.pages.kind}`)]);
    expect(summary(await t.app.agendas.paperPages(meetingId, null))).toEqual([['Library Strategy', 'document', null, 'Appendix 1: Staffing: placeholder', 'Appendix 2: Map: written']]);
    const full = await t.app.agendas.paperPages(meetingId, users.get('governance-officer')!);
    expect(summary(full)).toEqual([
      ['Library Strategy', 'document', null, 'Appendix 1: Staffing: pdf', 'Appendix 2: Map: written'],
      ['Grants Report', 'pdf', 2],
    ]);
    const pages = full[0]!.enclosures[0]!.pages;
    expect(pages.kind === 'pdf' && pages.bytes.equals(exemptPdf)).toBe(true);
  });

  it('renders a Word paper like a written one (HTML, PDF, Word), and packs a PDF paper’s own pages', { timeout: 60_000 }, async () => {
    const full = await t.app.agendas.paperPages(meetingId, users.get('governance-officer')!);
    const word = agendaPaperDocument(full[0]!, 'Test Borough Council');
    const html = renderHtml(word);
    expect(html).toContain('<h2 id="body-summary">Summary</h2>');
    expect(html).toContain('<strong>funded</strong>');
    expect((await renderDocx(word)).subarray(0, 2).toString()).toBe('PK');
    const pdf = await renderPdf(word);
    const publicPack = await t.app.agendas.paperPages(meetingId, null);
    const publicWord = agendaPaperDocument(publicPack[0]!, 'Test Borough Council');
    expect(renderHtml(publicWord)).toContain(exemptPlaceholder(1));
    const meta = { ...word, title: 'Agenda pack' };
    const { blocks: _b, ...packMeta } = meta;
    const parts = full.flatMap((p) => agendaPaperParts(p, 'Test Borough Council'));
    // Cover and Word body; the exempt appendix's 3 PDF pages; the typed appendix; the grants paper's cover; its 4 PDF pages.
    expect(parts.map((p) => [p.bookmark, p.pdf?.pageCount ?? null])).toEqual([
      ['7. Library Strategy', null],
      ['7. Library Strategy: Appendix 1: Staffing', 3],
      ['7. Library Strategy: Appendix 2: Map', null],
      ['8. Grants Report', null],
      ['8. Grants Report: the report', 2],
    ]);
    const { pdf: packed, layout } = await renderPackPdf({ meta: packMeta, front: () => [{ kind: 'heading', level: 1, text: 'Agenda', id: 'agenda' }], frontBookmark: 'Agenda', parts });
    expect((await PDFDocument.load(packed)).getPageCount()).toBe(layout.totalPages);
    if (spawnSync('pdftotext', ['-v']).error) return;
    const dir = mkdtempSync(join(tmpdir(), 'paper-'));
    writeFileSync(join(dir, 'word.pdf'), pdf);
    writeFileSync(join(dir, 'pack.pdf'), packed);
    const text = (f: string) => spawnSync('pdftotext', ['-layout', join(dir, f), '-'], { encoding: 'utf8' }).stdout;
    expect(text('word.pdf')).toMatch(/Library Strategy[^]*Summary[^]*funded/);
    const packText = text('pack.pdf');
    expect(packText).toContain(`${SECRET} (page 3)`);
    expect(packText).toContain('Grants awarded (page 2)');
  });

  describe('through the web server', () => {
    let server: ReturnType<typeof buildServer>;
    beforeAll(async () => {
      server = buildServer(t.app);
      await server.ready();
    });
    afterAll(async () => {
      await server?.close();
    });

    it('saves the paper form posted with a file, names a bad file in the error summary, and serves the PDF with its size and pages', async () => {
      const officer = await signInAs(t.app, 'governance-officer');
      const url = `/admin/meetings/${meetingId}/agenda/items/${pdfItem}/paper`;
      const fields = { title: 'Grants Report', reportOf: 'Grants Manager', wards: 'All', status: 'public', exemptParagraph: '', urgent: 'no', key: 'non-key', contact1: 'sam-rosengard', recommendations: '' };
      const send = (body: { payload: Buffer; headers: Record<string, string> }) =>
        server.inject({ method: 'POST', url: `${url}?_csrf=${encodeURIComponent(officer.csrfToken)}`, payload: body.payload, headers: { ...body.headers, cookie: officer.cookie } });
      const bad = await send(multipartForm({ ...fields, wards: '' }, { bodyFile: { filename: 'grants.pdf', bytes: Buffer.from('hello'), type: 'application/pdf' } }));
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('<a href="#wards">Enter the wards, or All</a>');
      expect(bad.body).toContain('<a href="#bodyFile">The file of the paper must be a PDF or a Word document (.docx)</a>');
      expect(bad.body).toContain('choose them again');
      // A file over the limit is cut off as it arrives and named on its field; the form's other fields stay as typed.
      const huge = await send(multipartForm({ ...fields, title: 'Grants Report (kept)', enclosure1Title: 'Appendix A' }, { enclosure1File: { filename: 'huge.pdf', bytes: Buffer.alloc(21 * 1024 * 1024, 0x25), type: 'application/pdf' } }));
      expect(huge.statusCode).toBe(400);
      expect(huge.body).toContain('<a href="#enclosure1File">The file of enclosure 1 must be smaller than 20 MB</a>');
      expect(huge.body).toContain('value="Grants Report (kept)"');
      const twoPages = await makePdf(4, 'Grants in four pages');
      const ok = await send(multipartForm(fields, { bodyFile: { filename: 'grants-v2.pdf', bytes: twoPages, type: 'application/pdf' } }));
      expect(ok.statusCode).toBe(303);
      const form = await server.inject({ url, headers: { cookie: officer.cookie } });
      expect(form.body).toContain('grants-v2.pdf (PDF, 2 KB, 4 pages)');
      expect(form.body).toContain('enctype="multipart/form-data"');
      // Published (it was to follow), then public: the page links the file with its size and pages.
      expect((await server.inject({ method: 'POST', url: `/admin/meetings/${meetingId}/agenda`, payload: new URLSearchParams({ _csrf: officer.csrfToken, action: 'publish-paper', item: String(pdfItem) }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: officer.cookie } })).statusCode).toBe(303);
      const page = await server.inject(`/meetings/${meetingId}/papers/${pdfPaper}`);
      expect(page.body).toContain(`<a class="govuk-link" href="/meetings/${meetingId}/papers/${pdfPaper}/file">Read the paper</a> (PDF, 2 KB, 4 pages)`);
      const file = await server.inject(`/meetings/${meetingId}/papers/${pdfPaper}/file`);
      expect([file.statusCode, file.headers['content-type'], file.headers['content-disposition']]).toEqual([200, 'application/pdf', 'inline; filename="grants-report.pdf"']);
      expect(file.rawPayload.equals(twoPages)).toBe(true);
      // The Word paper's page: its headings under the page's h1, its table with header cells, the exempt appendix a placeholder.
      const word = await server.inject(`/meetings/${meetingId}/papers/${wordPaper}`);
      expect(word.body).toContain('<h2 class="govuk-heading-m" id="paper-summary">Summary</h2>');
      expect(word.body).toContain('<strong>funded</strong>');
      expect(word.body).toContain('<th scope="col" class="govuk-table__header">Visits</th>');
      expect(word.body).toContain(exemptPlaceholder(1));
      const restricted = await server.inject(`/meetings/${meetingId}/papers/${wordPaper}/enclosures/1/file`);
      expect([restricted.statusCode, String(restricted.headers['content-type']).startsWith('text/html'), restricted.headers['cache-control']]).toEqual([200, true, 'no-store']);
      expect(restricted.body).toContain(exemptPlaceholder(1));
      expect(restricted.rawPayload.includes(exemptPdf.subarray(200, 400))).toBe(false);
      expect((await server.inject(`/meetings/${meetingId}/papers/${wordPaper}/enclosures/0/file`)).statusCode).toBe(404);
      expect((await server.inject(`/meetings/${meetingId}/papers/${wordPaper}/enclosures/x/file`)).statusCode).toBe(404);
    });
  });
});
