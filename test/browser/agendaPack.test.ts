/**
 * The agenda pack and the performance report on the agenda in Chromium (ADR 0028): a resident goes from
 * the 21 November 2018 meeting to its agenda pack's index (page ranges of the rendered pack, the exempt
 * item tagged) and downloads the PDF; a governance officer places a published quarter on a new agenda
 * (after an error) and sees the paper's note of the version it carries. Every new page type passes axe
 * (WCAG 2.2 AA and best practice), and the pages work on a phone-sized screen.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoIfEmpty } from '../../src/app.ts';
import { TEST_PASSWORD } from '../support/auth.ts';
import { axeViolations, hasChromium, openSite, type DemoSite } from '../support/browser.ts';

const SLUG = 'community-leadership-committee';

describe.skipIf(!hasChromium)('the agenda pack in Chromium', () => {
  let site: DemoSite;
  let context: BrowserContext;
  let page: Page;
  let demoMeeting: number;
  let newMeeting: number;
  const problems: string[] = [];
  const axe = async (label: string) => problems.push(...(await axeViolations(page, label)));

  beforeAll(async () => {
    site = await openSite(async (t) => {
      await loadDemoIfEmpty(t.app);
      await t.app.accounts.createUser({ email: 'gov@council.gov.uk', name: 'Gina Governance', role: 'governance-officer', password: TEST_PASSWORD }, 'test');
      const committee = (await t.app.organisation.committeeBySlug(SLUG))!;
      const { past, upcoming } = await t.app.meetings.ofCommittee(committee.id);
      demoMeeting = [...past, ...upcoming].find((m) => m.date === '2018-11-21')!.id;
      newMeeting = (await t.app.meetings.addMeeting({ committee: SLUG, date: { day: '13', month: '3', year: '2019' }, startTime: '19:00', venue: 'Hendon Town Hall' }, { email: 'test', role: 'governance-officer' })).id;
    });
    context = await site.browser.newContext({ viewport: { width: 375, height: 740 } });
    page = await context.newPage();
    page.on('console', (msg) => msg.type() === 'error' && !msg.text().includes('status of 400') && problems.push(msg.text()));
    page.on('pageerror', (error) => problems.push(error.message));
  }, 300_000);
  afterAll(async () => {
    await context?.close();
    await site?.close();
  });

  it('takes a resident from the meeting to the pack’s index and its PDF', async () => {
    await page.goto(`${site.base}/meetings/${demoMeeting}`);
    await page.getByRole('link', { name: /The agenda pack/ }).click();
    await page.waitForURL(/\/agenda-pack$/);
    const rows = await page.locator('tbody tr').allTextContents();
    expect(rows.find((r) => r.includes('Minutes of last meeting'))).toMatch(/3\s*-\s*\d+/);
    expect(rows.find((r) => r.includes('Business Planning Report'))).toMatch(/\d+\s*-\s*\d+/);
    expect(rows.find((r) => r.includes('Prevent and Community Engagement Update'))).toBeTruthy();
    await axe('agenda pack index');
    const download = page.getByRole('link', { name: /Download the agenda pack \(PDF, \d+ pages/ });
    const response = await page.request.get(`${site.base}${await download.getAttribute('href')}`);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('application/pdf');
    expect((await response.body()).subarray(0, 5).toString()).toBe('%PDF-');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
  });

  it('lets a governance officer place the published quarter on a new agenda', async () => {
    const agenda = `/admin/meetings/${newMeeting}/agenda`;
    await page.goto(`${site.base}/sign-in?next=${encodeURIComponent(agenda)}`);
    await page.getByLabel('Email address').fill('gov@council.gov.uk');
    await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${site.base}${agenda}`);
    await page.getByRole('button', { name: 'Start the agenda' }).click();
    await page.waitForURL(`${site.base}${agenda}`);
    await page.getByRole('link', { name: /Place the committee’s performance report/ }).click();
    await page.waitForURL(/\/performance-report$/);
    await axe('place the performance report');
    await page.getByLabel('Officer to contact about the report').selectOption('');
    await page.getByRole('button', { name: 'Place the report on the agenda' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    const summary = await page.locator('.govuk-error-summary').textContent();
    expect(summary).toContain('Select the officer to contact about the report');
    expect(summary).toContain('Enter who the report is from');
    await axe('place the performance report (errors)');
    await page.getByLabel('Report of', { exact: true }).fill('Head of Performance and Risk');
    await page.getByLabel('Officer to contact about the report').selectOption('alaine-clarke');
    await page.getByRole('button', { name: 'Place the report on the agenda' }).click();
    await page.waitForURL(`${site.base}${agenda}`);
    const row = page.locator('tr', { hasText: 'Quarter 2 2018/19' });
    await row.first().waitFor();
    expect(await row.first().textContent()).toContain('Performance Report');
    expect(problems).toEqual([]);
  });
});
