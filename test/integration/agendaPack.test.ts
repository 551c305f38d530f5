/**
 * The performance report on the agenda and the agenda pack (issue 12 delivers 6 and 7, ADR 0028), on the
 * demo: the 21 November 2018 agenda carries the Q2 2018/19 report placed from the published data; the
 * pack's order of business prints the page ranges the rendered papers give; the Prevent paper's exempt
 * appendices are placeholders in the public pack and whole (and audited) in a governance officer's; a
 * performance report placed on a new agenda is refused twice and refused for a quarter not yet ended;
 * republishing the quarter is shown beside the paper, never in place of it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoIfEmpty } from '../../src/app.ts';
import { NOT_VISIBLE } from '../../src/domain/access.ts';
import { BLANK_PAGE_TEXT, formatPageRange } from '../../src/domain/packLayout.ts';
import { renderPackPdf } from '../../src/reports/pack.ts';
import type { AgendaPack } from '../../src/services/agendaPackService.ts';
import { CommitteeBusinessError } from '../../src/services/committeeBusinessService.ts';
import { buildServer } from '../../src/web/server.ts';
import { signInAs } from '../support/auth.ts';
import { makeDocx, makePdf } from '../support/paperFiles.ts';
import { createTestDatabase, engines, type TestDatabase } from '../support/db.ts';
import { demoMeetingOn } from '../support/demoMeetings.ts';

const SLUG = 'community-leadership-committee';
const GOVERNANCE = { email: 'governance@barnet.gov.uk', role: 'governance-officer' as const };
const hasPdftotext = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

function pdfPages(pdf: Buffer): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'townhall-pack-'));
  try {
    writeFileSync(join(dir, 'pack.pdf'), pdf);
    return execFileSync('pdftotext', ['-layout', join(dir, 'pack.pdf'), '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).split('\f');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.each(engines())('the agenda pack and the performance report on the agenda on %s', (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
    expect(await loadDemoIfEmpty(t.app)).toBe(true);
  }, 300_000);
  afterAll(async () => t?.dispose());

  const meetingOn = (date: string) => demoMeetingOn(t, date);

  it('places the Q2 2018/19 report on 21 November 2018 from the published data, its cover from the framework and the work programme', async () => {
    const meeting = await meetingOn('2018-11-21');
    const staff = (await t.app.agendas.staffAgenda(meeting.id, GOVERNANCE))!;
    const line = staff.lines.find((l) => l.title.startsWith('Quarter 2 2018/19'))!;
    expect(line.number).toBe('11');
    expect(line.title).toBe('Quarter 2 2018/19 Community Leadership and Libraries Committee Performance Report');
    const paper = staff.papers.get(line.item!.paperId!)!;
    // "Report of" from the work programme's standing item (the demo sets no paper details); non-key as the programme says.
    expect(paper.cover.reportOf).toBe('Head of Performance and Risk Commissioning Group');
    expect(paper.cover.key).toBe('non-key');
    const carried = (await t.app.agendaPacks.performanceOfPaper(paper.id))!;
    expect(carried.link.period).toBe('2018-Q2');
    expect(carried.later).toEqual([]);
  });

  it('builds the public pack: ranges from the rendered papers, the exempt appendices as placeholders, papers in order on odd pages', { timeout: 240_000 }, async () => {
    const meeting = await meetingOn('2018-11-21');
    const pack = (await t.app.agendaPacks.pack(meeting.id, null)) as AgendaPack;
    expect(pack).not.toBe(NOT_VISIBLE);
    expect(pack.full).toBe(false);
    // The minutes of 12 June 2018 (1), the member's item (6.1, under Members' Items), the reports (8 to 13) and the forward work programme (14), as seed 002's pack.
    expect(pack.parts.map((p) => p.number)).toEqual(['1', '6.1', '8', '9', '10', '11', '12', '13', '14']);
    const rendered = await renderPackPdf(pack.document);
    if (!hasPdftotext) return;
    const pages = pdfPages(rendered.pdf);
    const text = pages.join('\n');
    expect(text).toContain('Order of business');
    for (const part of pack.parts) {
      const range = rendered.layout.ranges.get(part.key)!;
      expect(range.from % 2).toBe(1);
      expect(text).toMatch(new RegExp(`${part.number.replace('.', '\\.')}\\.\\s+.*\\s+${formatPageRange(range).replace(/ /g, '\\s*')}`));
    }
    // The performance report is the published Q2 2018/19 report: its computed figures, not typed ones.
    const q2 = rendered.layout.ranges.get(pack.parts.find((p) => p.number === '11')!.key)!;
    expect(pages[q2.from - 1]).toContain('Quarter 2 2018/19');
    expect(text).toContain('Head of Performance and Risk Commissioning Group');
    // Its "How we compare" is computed from the comparator values it was published with (ADR 0024).
    const q2Text = pages.slice(q2.from - 1, q2.to).join(' ').replace(/\s+/g, ' ');
    expect(q2Text).toContain('How we compare');
    expect(q2Text).toContain('Barnet is 8th lowest of 32'); // the table's columns are side by side in the text
    // Item 1: the minutes of the meeting before, 12 June 2018, as published.
    const minutes = rendered.layout.ranges.get(pack.parts.find((p) => p.number === '1')!.key)!;
    expect(pages.slice(minutes.from - 1, minutes.to).join(' ')).toContain('12 June 2018');
    // The Prevent paper's restricted appendices are placeholders; their bodies are nowhere in the public pack.
    expect(text.replace(/\s+/g, ' ')).toContain('By virtue of paragraph 1 of Part 1 of Schedule 12A');
    const prevent = (await t.app.agendas.staffAgenda(meeting.id, GOVERNANCE))!;
    const preventPaper = [...prevent.papers.values()].find((p) => p.cover.enclosures.some((e) => e.exemptParagraph !== null))!;
    expect(preventPaper.cover.title).toContain('Prevent');
    for (const e of preventPaper.cover.enclosures.filter((x) => x.exemptParagraph !== null && x.body.trim())) {
      expect(text).not.toContain(e.body.trim().slice(0, 40));
    }
    expect(text).toContain(BLANK_PAGE_TEXT);
    expect(pages.length - 1).toBe(rendered.layout.totalPages);
  });

  it('gives a governance officer the full pack with the exempt appendices, and audits the view', async () => {
    const meeting = await meetingOn('2018-11-21');
    const viewer = { id: 0, ...GOVERNANCE };
    const pack = (await t.app.agendaPacks.pack(meeting.id, viewer)) as AgendaPack;
    expect(pack.full).toBe(true);
    expect(pack.cover.full).toBe(true);
    const audit = await t.app.audit.list({ entity: 'paper', actor: GOVERNANCE.email }, 50, 0);
    expect(audit.some((a) => a.action === 'paper:exempt-view')).toBe(true);
  });

  it('serves the pack on the web: the public PDF without exempt content, a councillor of the committee not entitled unless linked, a governance officer the full pack', { timeout: 240_000 }, async () => {
    const meeting = await meetingOn('2018-11-21');
    const server = buildServer(t.app);
    try {
      const index = await server.inject({ method: 'GET', url: `/meetings/${meeting.id}/agenda-pack` });
      expect(index.statusCode).toBe(200);
      expect(index.body).toMatch(/Download the agenda pack \(PDF, \d+ pages/);
      // Item 1 is the minutes of 12 June 2018 from page 3, right after the cover and its blank page, as the pack printed them from page 5 after a longer cover.
      expect(index.body).toMatch(/Minutes of last meeting<\/td>\s*<td class="govuk-table__cell">3 - \d+</);
      expect(index.body).toMatch(/Business Planning Report<\/a>[\s\S]*?\d+ - \d+/);
      const pub = await server.inject({ method: 'GET', url: `/meetings/${meeting.id}/agenda-pack.pdf` });
      expect(pub.statusCode).toBe(200);
      expect(pub.headers['content-type']).toBe('application/pdf');
      const gov = await signInAs(t.app, 'governance-officer');
      const full = await server.inject({ method: 'GET', url: `/meetings/${meeting.id}/agenda-pack.pdf`, headers: { cookie: gov.cookie } });
      expect(full.statusCode).toBe(200);
      expect(full.headers['content-disposition']).toContain('-exempt.pdf');
      expect(full.headers['cache-control']).toContain('no-store');
      // A councillor whose account is no person of the committee sees the public pack.
      const councillor = await signInAs(t.app, 'councillor');
      const theirs = await server.inject({ method: 'GET', url: `/meetings/${meeting.id}/agenda-pack.pdf`, headers: { cookie: councillor.cookie } });
      expect(theirs.headers['content-disposition']).not.toContain('-exempt');
      if (hasPdftotext) {
        const exemptBody = 'Not held in the demo: the public pack carries only the Schedule 12A placeholder.';
        const squash = (pdf: Buffer) => pdfPages(pdf).join(' ').replace(/\s+/g, ' ');
        expect(squash(pub.rawPayload)).not.toContain(exemptBody);
        expect(squash(theirs.rawPayload)).not.toContain(exemptBody);
        expect(squash(full.rawPayload)).toContain(exemptBody);
      }
      expect((await server.inject({ method: 'GET', url: `/meetings/${(await meetingOn('2019-03-07')).id}/agenda-pack.pdf` })).statusCode).toBe(404);
      expect((await server.inject({ method: 'GET', url: '/meetings/999999/agenda-pack' })).statusCode).toBe(404);
    } finally {
      await server.close();
    }
  });

  it('has no pack before the agenda is published', async () => {
    const meeting = await meetingOn('2019-03-07');
    expect(await t.app.agendaPacks.pack(meeting.id, null)).toBe(NOT_VISIBLE);
  });

  it('places a quarter on a new agenda once, refuses a quarter not yet ended, and shows a republished quarter beside the paper', async () => {
    const meeting = await meetingOn('2019-03-07');
    await t.app.agendas.startAgenda(meeting.id, GOVERNANCE);
    const form = (await t.app.agendaPacks.placement(meeting.id, GOVERNANCE))!;
    // Only quarters ended before 7 March 2019 are offered; the work programme places Q3 2018/19 there when published.
    expect(form.choices.every((c) => c.period < '2019-Q1')).toBe(true);
    await expect(t.app.agendaPacks.placePerformanceReport(meeting.id, { period: '2019-Q1', contact: 'alaine-clarke' }, GOVERNANCE)).rejects.toBeInstanceOf(CommitteeBusinessError);
    const error = await t.app.agendaPacks.placePerformanceReport(meeting.id, { period: 'nonsense', contact: 'nobody' }, GOVERNANCE).catch((e: unknown) => e);
    expect((error as CommitteeBusinessError).errors).toMatchObject({ period: expect.any(String), contact: expect.any(String) });
    await expect(t.app.agendaPacks.placePerformanceReport(meeting.id, { period: '2018-Q2', contact: 'alaine-clarke' }, { email: 'c@x', role: 'councillor' })).rejects.toThrow();
    // The work programme places Q3 2018/19 at 7 March 2019, but the demo never published it: the latest published quarter is suggested.
    expect(form.choices.some((c) => c.period === '2018-Q3')).toBe(false);
    expect(form.suggested).toBe('2018-Q2');
    const itemId = await t.app.agendaPacks.placePerformanceReport(meeting.id, { contact: 'alaine-clarke' }, GOVERNANCE);
    const again = await t.app.agendaPacks.placePerformanceReport(meeting.id, { period: '2018-Q2', contact: 'alaine-clarke' }, GOVERNANCE).catch((e: unknown) => e);
    expect((again as CommitteeBusinessError).errors.period).toContain('already on this agenda');
    const staff = (await t.app.agendas.staffAgenda(meeting.id, GOVERNANCE))!;
    const paperId = staff.lines.find((l) => l.item?.id === itemId)!.item!.paperId!;
    const before = (await t.app.agendaPacks.performanceOfPaper(paperId))!;
    // The quarter is published again: the paper keeps its version and names the later one.
    const committee = (await t.app.organisation.committeeBySlug(SLUG))!;
    await t.app.publication.setStatus(committee.id, '2018-Q2', 'open', 'test', 'Reopened to correct a figure');
    await t.app.publication.setStatus(committee.id, '2018-Q2', 'published', 'test', 'Corrected after audit');
    const after = (await t.app.agendaPacks.performanceOfPaper(paperId))!;
    expect(after.link.version).toBe(before.link.version);
    expect(after.later.map((v) => v.version)).toEqual([before.link.version + 1]);
    expect(after.later[0]!.reason).toBe('Corrected after audit');
  });

  it('places the report on the item the agenda took from the work programme, not beside it', async () => {
    // A meeting on 14 November 2018 is the first that can take Q2 2018/19 (six weeks after the quarter): the programme gives it there.
    const meeting = await t.app.meetings.addMeeting({ committee: SLUG, date: { day: '14', month: '11', year: '2018' }, startTime: '19:00', venue: 'Hendon Town Hall' }, GOVERNANCE);
    await t.app.agendas.startAgenda(meeting.id, GOVERNANCE);
    const before = (await t.app.agendas.staffAgenda(meeting.id, GOVERNANCE))!;
    const programmed = before.lines.find((l) => l.item?.programme?.source === 'standing' && l.item.programme.period === '2018-Q2')!;
    expect(programmed).toBeTruthy();
    const form = (await t.app.agendaPacks.placement(meeting.id, GOVERNANCE))!;
    expect(form.suggested).toBe('2018-Q2');
    expect(form.choices.find((c) => c.period === '2018-Q2')!.programmed).toBe(true);
    const itemId = await t.app.agendaPacks.placePerformanceReport(meeting.id, { contact: 'alaine-clarke' }, GOVERNANCE);
    expect(itemId).toBe(programmed.item!.id);
    const after = (await t.app.agendas.staffAgenda(meeting.id, GOVERNANCE))!;
    expect(after.lines).toHaveLength(before.lines.length);
    expect(after.lines.find((l) => l.item?.id === itemId)!.title).toBe('Quarter 2 2018/19 Community Leadership and Libraries Committee Performance Report');
  });

  it('includes uploaded papers: a PDF’s own pages and a Word file’s text, the exempt PDF appendix only for those entitled', { timeout: 240_000 }, async () => {
    const meeting = await t.app.meetings.addMeeting({ committee: SLUG, date: { day: '30', month: '1', year: '2019' }, startTime: '19:00', venue: 'Hendon Town Hall' }, GOVERNANCE);
    await t.app.agendas.startAgenda(meeting.id, GOVERNANCE, { fromProgramme: false });
    const input = (title: string, extra: Record<string, unknown>) => ({ title, reportOf: 'Grants Manager', wards: 'All', status: 'public-exempt-appendices', exemptParagraph: '', urgent: 'no', key: 'non-key', contacts: ['alaine-clarke'], enclosures: [], sections: { summary: 'Summary' }, recommendations: 'That the Committee note it', ...extra });
    const pdfItem = await t.app.agendas.addReport(meeting.id, { title: 'Grants Report' }, GOVERNANCE);
    await t.app.agendas.savePaper(meeting.id, pdfItem, input('Grants Report', { status: 'public-exempt-appendices', bodyFile: { filename: 'grants.pdf', bytes: await makePdf(3, 'Grants awarded in the year') }, enclosures: [{ title: 'Appendix A: applicants', paragraph: '3', body: '', file: { filename: 'a.pdf', bytes: await makePdf(2, 'Applicant bank details') } }] }) as never, GOVERNANCE);
    const wordItem = await t.app.agendas.addReport(meeting.id, { title: 'Library Strategy' }, GOVERNANCE);
    await t.app.agendas.savePaper(meeting.id, wordItem, input('Library Strategy', { status: 'public', bodyFile: { filename: 'library.docx', bytes: await makeDocx('The library opens on Sundays') } }) as never, GOVERNANCE);
    await t.app.agendas.publishAgenda(meeting.id, GOVERNANCE);
    const publicPack = (await t.app.agendaPacks.pack(meeting.id, null)) as AgendaPack;
    const rendered = await renderPackPdf(publicPack.document);
    const staffPack = (await t.app.agendaPacks.pack(meeting.id, { id: 0, ...GOVERNANCE })) as AgendaPack;
    const full = await renderPackPdf(staffPack.document);
    if (!hasPdftotext) return;
    const text = pdfPages(rendered.pdf).join(' ').replace(/\s+/g, ' ');
    expect(text).toContain('Grants awarded in the year (page 3)');
    expect(text).toContain('The library opens on Sundays');
    expect(text).toContain('By virtue of paragraph 3 of Part 1 of Schedule 12A');
    expect(text).not.toContain('Applicant bank details');
    expect(pdfPages(full.pdf).join(' ').replace(/\s+/g, ' ')).toContain('Applicant bank details (page 2)');
    // The uploaded pages count in the order of business: the PDF report's range spans the cover sheet and its three pages.
    const range = rendered.layout.ranges.get(publicPack.parts.find((p) => p.title === 'Grants Report')!.key)!;
    expect(range.to - range.from + 1).toBeGreaterThanOrEqual(4);
  });

  it('gathers the papers published after the agenda into a supplementary pack', { timeout: 240_000 }, async () => {
    const meeting = await t.app.meetings.addMeeting({ committee: SLUG, date: { day: '27', month: '2', year: '2019' }, startTime: '19:00', venue: 'Hendon Town Hall' }, GOVERNANCE);
    await t.app.agendas.startAgenda(meeting.id, GOVERNANCE, { fromProgramme: false });
    const item = await t.app.agendas.addReport(meeting.id, { title: 'Community Safety Update', toFollow: true }, GOVERNANCE);
    await t.app.agendas.publishAgenda(meeting.id, GOVERNANCE);
    expect(await t.app.agendaPacks.pack(meeting.id, null, { supplementary: true })).toBe(NOT_VISIBLE);
    const main = (await t.app.agendaPacks.pack(meeting.id, null)) as AgendaPack;
    expect(main.cover.lines.find((l) => l.title === 'Community Safety Update')!.note).toBe('To follow');
    await t.app.agendas.savePaper(
      meeting.id,
      item,
      { title: 'Community Safety Update', reportOf: 'Community Safety Manager', wards: 'All', status: 'public', exemptParagraph: '', urgent: 'no', key: 'non-key', contacts: ['peter-clifton'], enclosures: [], sections: { summary: 'Burglaries fell in the quarter.' }, recommendations: 'That the Committee note the update' } as never,
      GOVERNANCE,
    );
    await t.app.agendas.publishToFollow(meeting.id, item, GOVERNANCE);
    const supplement = (await t.app.agendaPacks.pack(meeting.id, null, { supplementary: true })) as AgendaPack;
    expect(supplement.cover.supplementary).toBe(true);
    expect(supplement.parts.map((p) => p.title)).toEqual(['Community Safety Update']);
    expect(supplement.cover.lines.map((l) => l.title)).toEqual(['Community Safety Update']);
    expect(((await t.app.agendaPacks.pack(meeting.id, null)) as AgendaPack).followed).toBe(1);
    const server = buildServer(t.app);
    try {
      const index = await server.inject({ method: 'GET', url: `/meetings/${meeting.id}/agenda-pack` });
      expect(index.body).toContain('Download the supplementary pack: the paper published after the agenda (PDF)');
      const pdf = await server.inject({ method: 'GET', url: `/meetings/${meeting.id}/agenda-pack/supplementary.pdf` });
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-disposition']).toContain('supplementary-pack-');
      if (hasPdftotext) {
        const text = pdfPages(pdf.rawPayload).join(' ').replace(/\s+/g, ' ');
        expect(text).toContain('Supplementary agenda');
        expect(text).toContain('Burglaries fell in the quarter.');
      }
    } finally {
      await server.close();
    }
  });
});
