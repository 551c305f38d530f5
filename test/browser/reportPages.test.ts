/**
 * The report pages, the open data page and the four HTML reports themselves in Chromium: axe (WCAG 2.2
 * AA rules) finds no violations, for the public and for staff. Skipped without Chromium.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, openDemoSite, WCAG_TAGS, type DemoSite } from '../support/browser.ts';
import { STAFF } from '../support/staff.ts';

const SLUG = 'community-leadership-committee';
const PAGES = [`/committees/${SLUG}/2018-19-q2/reports`, `/committees/${SLUG}/2016-17-q3/reports`, `/committees/${SLUG}/2016-17/reports`, '/open-data'];
const REPORTS = [
  `/committees/${SLUG}/2018-19-q2/reports/quarterly.html`,
  `/committees/${SLUG}/2016-17/reports/annual.html`,
  `/committees/${SLUG}/2016-17-q3/reports/addendum.html`,
  `/committees/${SLUG}/2018-19-q2/reports/dashboard.html`,
];
const TAGS = WCAG_TAGS;

describe.skipIf(!hasChromium)('report pages in Chromium', () => {
  let site: DemoSite;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    site = await openDemoSite({ publish: true, testStaff: true });
    ({ browser, base } = site);
  }, 120_000);
  afterAll(async () => {
    await site?.close();
  });

  const violations = async (page: Page, label: string) =>
    (await new AxeBuilder({ page }).withTags(TAGS).analyze()).violations.map((v) => `${label} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);

  it.each(PAGES.flatMap((path) => [{ path, who: 'public' }, { path, who: 'staff' }]))('$path passes axe ($who)', async ({ path, who }) => {
    const context = await browser.newContext({ extraHTTPHeaders: who === 'staff' ? STAFF : {} });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    expect((await page.goto(base + path))?.status()).toBe(200);
    expect([...(await violations(page, path)), ...problems]).toEqual([]);
    await context.close();
  }, 60_000);

  it.each(REPORTS)('the downloaded report %s passes axe as a page of its own', async (path) => {
    const res = await fetch(base + path);
    expect(res.status).toBe(200);
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.setContent(await res.text());
    expect(await violations(page, path)).toEqual([]);
    await context.close();
  }, 60_000);
});
