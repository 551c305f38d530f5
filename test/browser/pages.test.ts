/**
 * The read pages in a real browser (Debian's Chromium): home, a dashboard, an indicator page and the
 * key actions page pass axe (WCAG 2.2 AA rules) for the public and for staff; filters and sorting work
 * with JavaScript disabled. Screenshots of the dashboard and an indicator page go to the temp folder.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, openDemoSite, WCAG_TAGS, type DemoSite } from '../support/browser.ts';
import { STAFF } from '../support/staff.ts';

const SLUG = 'community-leadership-committee';
const PAGES = ['/', `/committees/${SLUG}/2016-17`, `/committees/${SLUG}/2018-19-q2`, '/indicators/cg-c27', '/indicators/cg-s9', '/indicators/cg-s4', `/committees/${SLUG}/2016-17/actions`];
export const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR ?? tmpdir();

describe.skipIf(!hasChromium)('read pages in Chromium', () => {
  let site: DemoSite;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    site = await openDemoSite({ publish: true, testStaff: true });
    ({ browser, base } = site);
  });
  afterAll(async () => {
    await site?.close();
  });

  async function audit(context: BrowserContext, path: string): Promise<string[]> {
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (msg) => msg.type() === 'error' && problems.push(msg.text()));
    page.on('pageerror', (error) => problems.push(error.message));
    const res = await page.goto(base + path);
    expect([path, res?.status()]).toEqual([path, 200]);
    const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
    await page.close();
    return [...results.violations.map((v) => `${path} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`), ...problems];
  }

  const cases = PAGES.flatMap((path) => [
    { path, who: 'public', headers: {} },
    { path, who: 'staff', headers: STAFF },
  ]);
  it.each(cases)('$path passes axe with zero violations ($who)', async ({ path, headers }) => {
    const context = await browser.newContext({ extraHTTPHeaders: headers });
    expect(await audit(context, path)).toEqual([]);
    await context.close();
  });

  it('fits a 390 px phone: nothing off-screen sideways, each indicator’s rating and direction on screen and labelled; axe clean', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    for (const path of PAGES) {
      await page.goto(base + path);
      expect([path, await page.evaluate(() => document.documentElement.scrollWidth)]).toEqual([path, 390]);
    }
    await page.goto(`${base}/committees/${SLUG}/2018-19-q2`);
    const cells = page.locator('table.th-indicators tbody tr').first().locator('td');
    for (const label of ['Rating', 'Direction of travel (against Q2 2017/18)']) {
      const cell = cells.and(page.locator(`[data-label="${label}"]`));
      const box = (await cell.boundingBox())!;
      expect([label, box.x >= 0 && box.x + box.width <= 390]).toEqual([label, true]);
      expect(await cell.evaluate((el) => getComputedStyle(el, '::before').content)).toBe(JSON.stringify(label));
    }
    const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
    expect(results.violations.map((v) => v.id)).toEqual([]);
    await context.close();
  });

  it('filters and sorts with JavaScript disabled', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base}/committees/${SLUG}/2016-17`);
    await page.selectOption('#filter-rating', 'G');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/rating=G/);
    const ratings = await page.locator('table.th-indicators tbody tr td:nth-child(7)').allTextContents();
    expect(ratings.length).toBe(8);
    expect(ratings.every((r) => r.trim() === 'Green')).toBe(true);

    // Sort by ref, then reverse it: the filter is kept.
    await page.locator('table.th-indicators').first().getByRole('link', { name: /^Ref/ }).click();
    await page.waitForURL(/sort=ref&order=asc/);
    await page.locator('table.th-indicators').first().getByRole('link', { name: /^Ref/ }).click();
    await page.waitForURL(/sort=ref&order=desc/);
    expect(page.url()).toContain('rating=G');
    await expect(page.locator('table.th-indicators').first().locator('th[aria-sort="descending"]').textContent()).resolves.toContain('Ref');
    const refs = (await page.locator('table.th-indicators').first().locator('tbody tr td:first-child').allTextContents()).map((r) => r.trim());
    expect(refs).toEqual([...refs].sort((a, b) => b.localeCompare(a, 'en-GB', { numeric: true })));

    // The period switcher is plain links.
    await page.getByRole('link', { name: 'Q2 2018/19' }).click();
    await page.waitForURL(/2018-19-q2$/);
    await expect(page.locator('h1').textContent()).resolves.toContain('Q2 2018/19');
    await context.close();
  });

  it('takes screenshots of the dashboard and an indicator page', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${base}/committees/${SLUG}/2016-17`);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'townhall-dashboard.png'), fullPage: true });
    await page.goto(`${base}/indicators/cg-c27`);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'townhall-indicator.png'), fullPage: true });
    await page.goto(`${base}/indicators/cg-s4`);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'townhall-indicator-s4.png'), fullPage: true });
    await context.close();
  });
});
