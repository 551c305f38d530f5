/**
 * Members' items in Chromium (ADR 0025): a councillor linked to Sara Conway submits an item (after the
 * error summary) and sees the confirmation and their items; a governance officer lists the items and
 * records a check (after an error). Every new page type, error states included, passes axe.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoIfEmpty } from '../../src/app.ts';
import { TEST_PASSWORD } from '../support/auth.ts';
import { axeViolations, hasChromium, openSite, type DemoSite } from '../support/browser.ts';

const SLUG = 'community-leadership-committee';

describe.skipIf(!hasChromium)('members’ items in Chromium', () => {
  let site: DemoSite;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];
  const axe = async (label: string) => problems.push(...(await axeViolations(page, label)));

  beforeAll(async () => {
    site = await openSite(async (t) => {
      await loadDemoIfEmpty(t.app);
      const admin = { email: 'test', role: 'administrator' as const };
      const cllr = await t.app.accounts.createUser({ email: 'cllr@council.gov.uk', name: 'Sara Conway', role: 'councillor', password: TEST_PASSWORD }, 'test');
      await t.app.agendas.linkAccount(cllr.id, 'sara-conway', admin);
      await t.app.accounts.createUser({ email: 'gov@council.gov.uk', name: 'Gina Governance', role: 'governance-officer', password: TEST_PASSWORD }, 'test');
      // A meeting a few weeks ahead of today, so its items are open now.
      const ahead = new Date(Date.now() + 42 * 86_400_000);
      await t.app.meetings.addMeeting({ committee: SLUG, date: { day: String(ahead.getUTCDate()), month: String(ahead.getUTCMonth() + 1), year: String(ahead.getUTCFullYear()) }, startTime: '19:00', venue: 'Hendon Town Hall' }, admin);
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

  const signIn = async (email: string, next: string) => {
    await page.goto(`${site.base}/sign-in?next=${encodeURIComponent(next)}`);
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${site.base}${next}`);
  };

  it('lets a councillor submit an item, with every error at once first', async () => {
    await signIn('cllr@council.gov.uk', '/members-items');
    expect(await page.locator('main').textContent()).toContain('Meetings open for items');
    await axe('councillor’s members’ items');
    await page.getByRole('button', { name: 'Submit a member’s item' }).click();
    await page.waitForURL(/\/members-items\/new$/);
    await axe('submit a member’s item');
    await page.getByRole('button', { name: 'Submit the item' }).click();
    const summary = page.locator('.govuk-error-summary');
    expect(await summary.textContent()).toContain('Select the meeting the item is for');
    expect(await summary.textContent()).toContain('Enter the title of your item');
    expect(await summary.textContent()).toContain('Enter what you are asking the committee to consider');
    await axe('submit a member’s item with errors');
    await page.getByLabel('Meeting').selectOption({ index: 1 });
    await page.getByLabel('Title of your item').fill('Library opening hours');
    await page.getByLabel('Your item', { exact: true }).fill('That the committee receive a report on library opening hours.');
    await page.getByRole('button', { name: 'Submit the item' }).click();
    await page.waitForURL(/\/members-items\/\d+\?done=submitted$/);
    expect(await page.locator('.govuk-panel').textContent()).toContain('Member’s item submitted');
    await axe('member’s item confirmation');
    await page.goto(`${site.base}/members-items`);
    expect(await page.locator('table').textContent()).toContain('Waiting for the governance check');
  });

  it('lets governance record the check', async () => {
    await context.clearCookies();
    await signIn('gov@council.gov.uk', '/admin/members-items');
    await axe('governance members’ items');
    await page.getByRole('link', { name: 'Library opening hours' }).click();
    await page.waitForURL(/\/admin\/members-items\/\d+$/);
    await axe('check a member’s item');
    await page.getByLabel('Not accepted').check();
    await page.getByRole('button', { name: 'Record the check' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Enter why the item is not accepted');
    await axe('check a member’s item with errors');
    await page.getByLabel('Reason').fill('Opening hours are for the Policy and Resources Committee.');
    await page.getByRole('button', { name: 'Record the check' }).click();
    await page.waitForURL(/\?done=checked$/);
    expect(await page.locator('main').textContent()).toContain('Opening hours are for the Policy and Resources Committee.');
    expect(problems).toEqual([]);
  });
});
