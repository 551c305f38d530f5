/**
 * The forward work programme in Chromium (issue 11, deliver 7, 9 and 13): a governance officer signs
 * in, adds a report to the programme (after an error), changes it, adds and ends a standing item; the
 * public programme and every staff page type — error states included — pass axe (WCAG 2.2 AA and best
 * practice), and fit a 390 px phone without sideways scrolling.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs, TEST_PASSWORD } from '../support/auth.ts';
import { axeViolations, hasChromium, openSite, type DemoSite } from '../support/browser.ts';

const SLUG = 'community-leadership-committee';
const GOV = { email: 'setup@council.gov.uk', role: 'governance-officer' as const };
const NONE = { day: '', month: '', year: '' };

describe.skipIf(!hasChromium)('forward work programme in Chromium', () => {
  let site: DemoSite;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];
  const axe = async (label: string) => problems.push(...(await axeViolations(page, label)));

  beforeAll(async () => {
    const { DEMO_WORKBOOK } = await import('../../src/app.ts');
    site = await openSite(async (t) => {
      const outcome = await t.app.imports.importFile(DEMO_WORKBOOK);
      if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
      for (const [day, month, year] of [
        ['21', '11', '2018'],
        ['7', '3', '2019'],
      ] as const) {
        await t.app.meetings.addMeeting({ committee: SLUG, date: { day, month, year }, startTime: '7pm', venue: 'Hendon Town Hall' }, GOV);
      }
      await t.app.workProgramme.addRule(
        SLUG,
        { kind: 'quarterly-performance', title: '{quarter} Performance Report', overview: 'Quarter {n} ({quarter}) {year}', reportOf: 'Head of Performance and Risk', issueType: 'non-key', from: { day: '1', month: '6', year: '2018' }, to: NONE },
        GOV,
      );
      await t.app.accounts.createUser({ email: 'gov@council.gov.uk', name: 'Gina Governance', role: 'governance-officer', password: TEST_PASSWORD }, 'test');
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

  it('adds, changes and takes off reports and standing items as a governance officer, axe clean on every page', async () => {
    const base = site.base;
    const programme = `/admin/committees/${SLUG}/work-programme`;
    await page.goto(`${base}/sign-in?next=${encodeURIComponent(`${programme}?from=2018-11-01`)}`);
    await page.getByLabel('Email address').fill('gov@council.gov.uk');
    await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}${programme}?from=2018-11-01`);
    expect(await page.locator('main').textContent()).toContain('Q2 Performance Report');
    await axe('work programme (staff)');

    await page.getByRole('button', { name: 'Add a report' }).click();
    await page.waitForURL(`${base}${programme}/new`);
    await axe('add report');
    await page.getByRole('button', { name: 'Add the report' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    expect(await page.title()).toMatch(/^Error: /);
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Select the issue type: key, non-key or urgent');
    await axe('add report (errors)');
    await page.getByRole('link', { name: 'Enter the title of the report' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('title');
    await page.getByLabel('Title of the report').fill('Annual review of the library system');
    await page.getByLabel('Overview of the decision').fill('Report on the changes and impact of the new library system.');
    await page.getByLabel('Report of', { exact: true }).fill('Strategic Director Children and Young People');
    await page.getByLabel('Non-key', { exact: true }).check();
    await page.getByLabel('At a meeting', { exact: true }).check();
    await page.getByLabel('Meeting (if at a meeting)').selectOption({ label: 'Thursday 7 March 2019, 7.00pm' });
    await page.getByRole('button', { name: 'Add the report' }).click();
    await page.waitForURL(/\?done=added$/);
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('The report has been added');

    await page.goto(`${base}${programme}?from=2018-11-01`);
    await page.getByRole('link', { name: 'Change Annual review of the library system' }).click();
    await axe('change report');
    await page.getByLabel('Key', { exact: true }).check();
    await page.getByRole('button', { name: 'Save the changes' }).click();
    await page.waitForURL(/\?done=changed$/);
    await page.goto(`${base}${programme}?from=2018-11-01`);
    await page.getByRole('link', { name: 'Take off Annual review of the library system' }).click();
    await axe('take off report');
    await page.getByRole('button', { name: 'Take it off the programme' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    await axe('take off report (errors)');

    // Standing items.
    await page.goto(`${base}${programme}/rules`);
    await axe('standing items');
    await page.getByRole('button', { name: 'Add a standing item' }).click();
    await axe('add standing item');
    await page.getByRole('button', { name: 'Add the standing item' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    await axe('add standing item (errors)');
    await page.getByLabel('At every meeting').check();
    await page.getByLabel('Title', { exact: true }).fill('Corporate Grants');
    await page.getByLabel('Overview of the decision').fill('Assessments of grant applications');
    await page.getByLabel('Report of', { exact: true }).fill('Grants Manager');
    await page.getByLabel('Non-key', { exact: true }).check();
    const from = page.getByRole('group', { name: 'First day of the rule' });
    await from.getByLabel('Day').fill('12');
    await from.getByLabel('Month').fill('6');
    await from.getByLabel('Year').fill('2018');
    await page.getByRole('button', { name: 'Add the standing item' }).click();
    await page.waitForURL(/\?done=added$/);
    await page.getByRole('link', { name: 'End the standing item Corporate Grants' }).click();
    await axe('end standing item');
    await page.getByRole('button', { name: 'End the standing item' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    await axe('end standing item (errors)');

    // The public page, as anyone sees it.
    await page.goto(`${base}/committees/${SLUG}/work-programme?from=2018-11-01`);
    expect(await page.locator('h1').textContent()).toBe('Community Leadership and Libraries Committee Forward Work Programme');
    expect(await page.locator('main').textContent()).toContain('Corporate Grants');
    await axe('work programme (public)');
    await page.goto(`${base}/committees/${SLUG}/work-programme?from=2018-13-01`);
    await axe('work programme (public, error)');
    expect(problems).toEqual([]);
  });

  it('fits a 390 px phone on every page type, public and staff', async () => {
    const phone = await site.browser.newContext({ viewport: { width: 390, height: 844 } });
    const p = await phone.newPage();
    for (const path of [`/committees/${SLUG}/work-programme?from=2018-11-01`, `/committees/${SLUG}/work-programme`]) {
      await p.goto(site.base + path);
      expect([path, await p.evaluate(() => document.documentElement.scrollWidth)]).toEqual([path, 390]);
      problems.push(...(await axeViolations(p, `${path} at 390px`)));
    }
    await phone.close();
    const officer = await signInAs(site.t.app, 'governance-officer');
    const staff = await site.browser.newContext({ viewport: { width: 390, height: 844 } });
    const [name, value] = officer.cookie.split('=') as [string, string];
    await staff.addCookies([{ name, value, url: site.base }]);
    const s = await staff.newPage();
    const entry = await site.t.app.workProgramme.addEntry(SLUG, { title: 'Business Paper', overview: 'Priorities for the next five years.', reportOf: 'Head of Performance and Risk', issueType: 'non-key', target: 'unscheduled' }, GOV);
    const admin = `/admin/committees/${SLUG}/work-programme`;
    for (const path of [`${admin}?from=2018-11-01`, `${admin}/new`, `${admin}/entries/${entry.id}`, `${admin}/entries/${entry.id}/remove`, `${admin}/rules`, `${admin}/rules/new`]) {
      await s.goto(site.base + path);
      expect([path, await s.evaluate(() => document.documentElement.scrollWidth)]).toEqual([path, 390]);
    }
    await staff.close();
    expect(problems).toEqual([]);
  });
});
