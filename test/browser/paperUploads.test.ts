/**
 * Papers uploaded as Word or PDF in Chromium (ADR 0027): a governance officer fills in the cover sheet and
 * uploads the paper as a PDF with a Word appendix and an exempt PDF appendix (after an error naming the
 * file that is neither), publishes the agenda; a resident reads the paper page — the PDF linked with its
 * size and pages, the Word appendix as the page's own headings and table, the exempt appendix as the
 * Schedule 12A placeholder — and opens the placeholder page instead of the exempt file. The paper form with
 * its uploads (and its errors), the public paper page with a PDF paper and the placeholder page pass axe
 * (WCAG 2.2 AA and best practice).
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exemptPlaceholder } from '../../src/domain/reportPaper.ts';
import { TEST_PASSWORD } from '../support/auth.ts';
import { axeViolations, hasChromium, openSite, type DemoSite } from '../support/browser.ts';
import { makeDocx, makePdf } from '../support/paperFiles.ts';
import { smallCouncil, writeCsvWorkbook } from '../support/workbook.ts';

const SLUG = 'test-committee';
const GOV = { email: 'test', role: 'governance-officer' as const };

describe.skipIf(!hasChromium)('uploaded papers in Chromium', () => {
  let site: DemoSite;
  let context: BrowserContext;
  let page: Page;
  let meetingId: number;
  let itemId: number;
  const problems: string[] = [];
  const axe = async (label: string) => problems.push(...(await axeViolations(page, label)));

  beforeAll(async () => {
    site = await openSite(async (t) => {
      expect((await t.app.imports.importFile(await writeCsvWorkbook(smallCouncil()))).ok).toBe(true);
      await t.app.accounts.createUser({ email: 'gov@council.gov.uk', name: 'Gina Governance', role: 'governance-officer', password: TEST_PASSWORD }, 'test');
      await t.app.committeeBusiness.addPerson({ name: 'Sam Rosengard', kind: 'officer', jobTitle: 'Grants Manager' }, GOV);
      meetingId = (await t.app.meetings.addMeeting({ committee: SLUG, date: { day: '21', month: '11', year: '2018' }, startTime: '19:00', venue: 'Hendon Town Hall' }, GOV)).id;
      await t.app.agendas.startAgenda(meetingId, GOV);
      itemId = await t.app.agendas.addReport(meetingId, { title: 'Corporate Grants' }, GOV);
    });
    context = await site.browser.newContext();
    page = await context.newPage();
    page.on('console', (msg) => msg.type() === 'error' && !msg.text().includes('status of 400') && problems.push(msg.text()));
    page.on('pageerror', (error) => problems.push(error.message));
  });
  afterAll(async () => {
    await context?.close();
    await site?.close();
  });

  it('uploads a paper as a PDF with its appendices, and a resident reads it', async () => {
    const form = `/admin/meetings/${meetingId}/agenda/items/${itemId}/paper`;
    await page.goto(`${site.base}/sign-in?next=${encodeURIComponent(form)}`);
    await page.getByLabel('Email address').fill('gov@council.gov.uk');
    await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${site.base}${form}`);
    await axe('paper form with uploads');

    const pdf = await makePdf(3, 'Corporate grants awarded');
    const docx = await makeDocx('Grants go to community groups');
    const exempt = await makePdf(2, 'Applicants’ accounts');
    await page.getByLabel('Report of').fill('Grants Manager');
    await page.getByLabel('Officer contact', { exact: true }).selectOption('sam-rosengard');
    await page.getByLabel('Public with exempt appendices').check();
    await page.locator('#bodyFile').setInputFiles({ name: 'grants.pdf', mimeType: 'application/pdf', buffer: pdf });
    await page.locator('#enclosure1Title').fill('Appendix A: Grants policy');
    await page.locator('#enclosure1File').setInputFiles({ name: 'policy.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: docx });
    await page.locator('#enclosure2Title').fill('Appendix B: Applicants’ accounts');
    await page.locator('#enclosure2Paragraph').selectOption('3');
    await page.locator('#enclosure2File').setInputFiles({ name: 'accounts.pdf', mimeType: 'application/pdf', buffer: Buffer.from('not a pdf at all') });
    await page.getByRole('button', { name: 'Save the paper' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('The file of enclosure 2 must be a PDF or a Word document (.docx)');
    expect(await page.locator('main').textContent()).toContain('choose them again');
    await axe('paper form with uploads (errors)');
    await page.getByRole('link', { name: 'The file of enclosure 2 must be a PDF or a Word document (.docx)' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('enclosure2File');

    await page.locator('#bodyFile').setInputFiles({ name: 'grants.pdf', mimeType: 'application/pdf', buffer: pdf });
    await page.locator('#enclosure1File').setInputFiles({ name: 'policy.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: docx });
    await page.locator('#enclosure2File').setInputFiles({ name: 'accounts.pdf', mimeType: 'application/pdf', buffer: exempt });
    await page.getByRole('button', { name: 'Save the paper' }).click();
    await page.waitForURL(`${site.base}/admin/meetings/${meetingId}/agenda`);
    await page.goto(`${site.base}${form}`);
    expect(await page.locator('main').textContent()).toMatch(/grants\.pdf \(PDF, \d+ KB, 3 pages\)/);
    await axe('paper form with uploaded files');
    await page.goto(`${site.base}/admin/meetings/${meetingId}/agenda`);
    await page.getByRole('button', { name: 'Publish the agenda' }).click();
    await page.waitForURL(/\?done=published$/);

    // A resident.
    await context.clearCookies();
    await page.goto(`${site.base}/meetings/${meetingId}`);
    await page.getByRole('link', { name: 'Corporate Grants' }).click();
    await page.waitForURL(/\/papers\/\d+$/);
    const main = (await page.locator('main').textContent())!;
    expect(main).toMatch(/Read the paper \(PDF, \d+ KB, 3 pages\)/);
    expect(main).toContain('Grants go to community groups');
    expect(main).toContain(exemptPlaceholder(3));
    expect(await page.locator('main table th').allTextContents()).toEqual(expect.arrayContaining(['Library', 'Visits']));
    await axe('paper page with a PDF paper');
    const file = await page.request.get(await page.getByRole('link', { name: 'Read the paper' }).getAttribute('href').then((h) => `${site.base}${h}`));
    expect([file.status(), file.headers()['content-type'], Buffer.from(await file.body()).equals(pdf)]).toEqual([200, 'application/pdf', true]);
    const paperUrl = page.url();
    await page.goto(`${paperUrl}/enclosures/2/file`);
    expect(await page.locator('main').textContent()).toContain(exemptPlaceholder(3));
    await axe('exempt file placeholder');
    expect(problems).toEqual([]);
  });
});
