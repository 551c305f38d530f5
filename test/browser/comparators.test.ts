/**
 * How it compares, in Chromium (issue 13, deliverable 3): the demo's overall crime rate page shows
 * Barnet's position among the London boroughs, computed ("8th lowest of 32"), with its two charts and
 * their tables; the page passes axe (WCAG 2.2 AA and best practice) for the public and for staff, and the
 * public page fits a 390 px phone without sideways scrolling.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadComparatorsDemo } from '../../src/app.ts';
import { signInAs } from '../support/auth.ts';
import { axeViolations, hasChromium, openSite, type DemoSite } from '../support/browser.ts';

describe.skipIf(!hasChromium)('indicator page with comparators in Chromium', () => {
  let site: DemoSite;

  beforeAll(async () => {
    const { DEMO_WORKBOOK } = await import('../../src/app.ts');
    site = await openSite(async (t) => {
      const outcome = await t.app.imports.importFile(DEMO_WORKBOOK);
      if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
      await t.app.publication.publishAllWithData('demo', 'test');
      await loadComparatorsDemo(t.app);
    });
  });
  afterAll(async () => {
    await site?.close();
  });

  it('shows the computed position with its charts, axe clean for the public and staff, and fits a phone', async () => {
    const problems: string[] = [];
    const officer = await signInAs(site.t.app, 'performance-officer', { email: 'officer@council.gov.uk', name: 'Olu Officer' });
    for (const who of ['public', 'staff'] as const) {
      const context = await site.browser.newContext({ viewport: { width: 390, height: 844 } });
      if (who === 'staff') {
        const [name, value] = officer.cookie.split('=') as [string, string];
        await context.addCookies([{ name, value, url: site.base }]);
      }
      const page = await context.newPage();
      page.on('pageerror', (error) => problems.push(error.message));
      const res = await page.goto(`${site.base}/indicators/cg-cr1`);
      expect(res?.status()).toBe(200);
      const section = page.locator('#position-1');
      expect(await section.textContent()).toBe('Among the London boroughs');
      expect(await page.locator('main').textContent()).toContain('Barnet is 8th lowest of 32 London boroughs');
      // Both charts have a name and a description; the position chart names every area.
      const charts = page.locator('svg[role="img"][aria-labelledby^="position-1"]');
      expect(await charts.count()).toBe(2);
      expect(await page.locator('#position-1-chart-desc').textContent()).toContain('8th Barnet 71.1');
      // The table of every area is there behind "Every area's value".
      await page.getByText("Every area's value, Q2 2018/19").click();
      expect(await page.getByRole('rowheader', { name: /Barnet/ }).count()).toBeGreaterThan(0);
      problems.push(...(await axeViolations(page, `indicator (${who})`)));
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      // Staff also see the audit history, whose table is wider than a phone (as on every indicator page): the public page is the one checked.
      if (who === 'public') expect(overflow).toBeLessThanOrEqual(0);
      await context.close();
    }
    expect(problems).toEqual([]);
  });

  it('the comparator upload page and its error state are axe clean', async () => {
    const officer = await signInAs(site.t.app, 'performance-officer', { email: 'upload@council.gov.uk', name: 'Una Upload' });
    const context = await site.browser.newContext();
    const [name, value] = officer.cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: site.base }]);
    const page = await context.newPage();
    const problems: string[] = [];
    await page.goto(`${site.base}/comparators/import`);
    problems.push(...(await axeViolations(page, 'comparator upload')));
    await page.getByRole('button', { name: 'Upload' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Select a CSV file to upload');
    expect(await page.title()).toMatch(/^Error: /);
    problems.push(...(await axeViolations(page, 'comparator upload (errors)')));
    await context.close();
    expect(problems).toEqual([]);
  });

  it('the comparator groups page, its error state, a group added and its removal are axe clean', async () => {
    const admin = await signInAs(site.t.app, 'administrator', { email: 'groups@council.gov.uk', name: 'Gita Groups' });
    const context = await site.browser.newContext();
    const [name, value] = admin.cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: site.base }]);
    const page = await context.newPage();
    const problems: string[] = [];
    await page.goto(`${site.base}/comparators/groups`);
    problems.push(...(await axeViolations(page, 'comparator groups')));
    await page.getByRole('button', { name: 'Upload' }).click();
    const summary = page.locator('.govuk-error-summary');
    expect(await summary.textContent()).toContain('Enter a name for the comparator group');
    expect(await summary.textContent()).toContain('Select a CSV file to upload');
    expect(await page.title()).toMatch(/^Error: /);
    problems.push(...(await axeViolations(page, 'comparator groups (errors)')));
    await page.getByLabel('Group name').fill('Nearest neighbours');
    await page.getByLabel('CSV file').setInputFiles({ name: 'neighbours.csv', mimeType: 'text/csv', buffer: Buffer.from('Area Code\nE09000003\nE09000004\n') });
    await page.getByRole('button', { name: 'Upload' }).click();
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('Added the group Nearest neighbours: 2 areas');
    await page.locator('summary', { hasText: '2 areas in Nearest neighbours' }).click();
    expect(await page.locator('main').textContent()).toContain('Bexley (E09000004)');
    problems.push(...(await axeViolations(page, 'comparator groups (added)')));
    await page.getByRole('link', { name: 'Remove Nearest neighbours' }).click();
    expect(await page.locator('h1').textContent()).toBe('Remove the group Nearest neighbours?');
    problems.push(...(await axeViolations(page, 'remove comparator group')));
    await page.getByRole('button', { name: 'Remove group' }).click();
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('Removed the group Nearest neighbours');
    await context.close();
    expect(problems).toEqual([]);
  });
});
