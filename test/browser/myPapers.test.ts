/**
 * Report authors in Chromium (ADR 0020): an officer whose account is linked to the person named as a
 * paper's contact lists their papers, drafts the sections of one (after an error) and sees it saved; the
 * cover sheet is shown, not changed. Every state passes axe (WCAG 2.2 AA and best practice).
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoIfEmpty } from '../../src/app.ts';
import { TEST_PASSWORD } from '../support/auth.ts';
import { axeViolations, hasChromium, openSite, type DemoSite } from '../support/browser.ts';

const SLUG = 'community-leadership-committee';
const GOV = { email: 'test', role: 'governance-officer' as const };

describe.skipIf(!hasChromium)('report authors in Chromium', () => {
  let site: DemoSite;
  let context: BrowserContext;
  let page: Page;
  let paperId: number;
  const problems: string[] = [];
  const axe = async (label: string) => problems.push(...(await axeViolations(page, label)));

  beforeAll(async () => {
    site = await openSite(async (t) => {
      await loadDemoIfEmpty(t.app);
      const user = await t.app.accounts.createUser({ email: 'sam@council.gov.uk', name: 'Sam Rosengard', role: 'performance-officer', password: TEST_PASSWORD }, 'test');
      await t.app.agendas.linkAccount(user.id, 'sam-rosengard', { email: 'admin', role: 'administrator' });
      const meeting = (await t.app.meetings.addMeeting({ committee: SLUG, date: { day: '13', month: '3', year: '2019' }, startTime: '19:00', venue: 'Hendon Town Hall' }, GOV)).id;
      await t.app.agendas.startAgenda(meeting, GOV, { fromProgramme: false });
      const item = await t.app.agendas.addReport(meeting, { title: 'Prevent update' }, GOV);
      paperId = await t.app.agendas.savePaper(
        meeting,
        item,
        { title: 'Prevent update', reportOf: 'Strategic Lead, Safer Communities', wards: 'All', status: 'public', exemptParagraph: '', urgent: 'no', key: 'non-key', contacts: ['sam-rosengard'], enclosures: [], sections: {}, recommendations: '' },
        GOV,
      );
    });
    context = await site.browser.newContext();
    page = await context.newPage();
    page.on('console', (msg) => msg.type() === 'error' && !msg.text().includes('status of 400') && problems.push(msg.text()));
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${site.base}/sign-in?next=${encodeURIComponent('/my-papers')}`);
    await page.getByLabel('Email address').fill('sam@council.gov.uk');
    await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${site.base}/my-papers`);
  });
  afterAll(async () => {
    await context?.close();
    await site?.close();
  });

  it('lists the officer’s papers and lets them draft the sections of one', async () => {
    // The demo's published Prevent paper names Sam too: listed as published.
    expect(await page.locator('main').textContent()).toContain('Published');
    await axe('my papers');
    await page.getByRole('link', { name: 'Prevent update' }).click();
    await page.waitForURL(`${site.base}/my-papers/${paperId}`);
    expect(await page.locator('.govuk-summary-list').textContent()).toContain('Strategic Lead, Safer Communities');
    await axe('draft form');
    await page.locator('#section-summary').fill('An update on Prevent in Barnet.');
    await page.getByLabel('Recommendations', { exact: true }).fill('That the Committee note the report');
    await page.getByLabel('Note for the audit log (optional)').fill('x'.repeat(2001));
    await page.getByRole('button', { name: 'Save the draft' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    expect(await page.title()).toMatch(/^Error: /);
    await axe('draft form (errors)');
    await page.getByLabel('Note for the audit log (optional)').fill('First draft');
    await page.getByRole('button', { name: 'Save the draft' }).click();
    await page.waitForURL(/\?done=saved$/);
    expect(await page.locator('#section-summary').inputValue()).toBe('An update on Prevent in Barnet.');
    await axe('draft form (saved)');
    expect(problems).toEqual([]);
  });
});
