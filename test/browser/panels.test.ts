/**
 * Panel entry in Chromium: a performance officer opens the panels of a period, adds a revenue line
 * through the form (and sees an error first), and every panel page — the list, each sheet's form,
 * an edit form and an error state — passes axe (WCAG 2.2 AA rules).
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_WORKBOOK } from '../../src/app.ts';
import { PANEL_SHEETS } from '../../src/workbook/panelSpecs.ts';
import { buildServer } from '../../src/web/server.ts';
import { signInAs } from '../support/auth.ts';
import { hasChromium, launchBrowser } from '../support/browser.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';

const PANELS = '/committees/community-leadership-committee/2018-19-q2/panels';
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

describe.skipIf(!hasChromium)('panel entry in Chromium', () => {
  let t: TestDatabase;
  let server: ReturnType<typeof buildServer>;
  let browser: Browser;
  let context: BrowserContext;
  let base: string;
  const problems: string[] = [];

  beforeAll(async () => {
    t = await createTestDatabase('pglite');
    await t.app.imports.importFile(DEMO_WORKBOOK);
    server = buildServer(t.app);
    base = await server.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
    const officer = await signInAs(t.app, 'performance-officer', { email: 'officer@council.gov.uk', name: 'Olu Officer' });
    context = await browser.newContext();
    const [name, value] = officer.cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: base }]);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
    await t?.dispose();
  });

  async function axe(page: Page, label: string): Promise<void> {
    const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
    problems.push(...results.violations.map((v) => `${label} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`));
  }

  async function open(path: string): Promise<Page> {
    const page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`${path}: ${error.message}`));
    const res = await page.goto(base + path);
    expect([path, res?.status()]).toEqual([path, 200]);
    return page;
  }

  it('adds a revenue line through the form, after fixing an error, and every page passes axe', async () => {
    const list = await open(PANELS);
    await axe(list, 'panels');
    await list.getByRole('link', { name: 'Add a revenue line' }).click();
    await list.getByRole('textbox', { name: 'Service', exact: true }).fill('Parks');
    await list.getByRole('textbox', { name: 'Revised budget', exact: true }).fill('lots');
    await list.getByRole('textbox', { name: 'Forecast', exact: true }).fill('1,250');
    await list.getByRole('button', { name: 'Save' }).click();
    expect(await list.locator('.govuk-error-summary').innerText()).toContain('Revised budget "lots" is not a number');
    await axe(list, 'revenue form with errors');
    await list.getByRole('textbox', { name: 'Revised budget', exact: true }).fill('1,000');
    await list.getByRole('button', { name: 'Save' }).click();
    await list.waitForURL(/\/panels\?saved=1/);
    expect(await list.locator('[data-sheet="revenue"]').innerText()).toMatch(/Parks\s+1,000\s+1,250\s+0\s+250\s+250/);
    await axe(list, 'panels after saving');
    await list.close();

    for (const sheet of PANEL_SHEETS) {
      const page = await open(`${PANELS}/${sheet}/new`);
      await axe(page, `${sheet} form`);
      await page.close();
    }
    const risk = await open(PANELS);
    await risk.locator('[data-sheet="risks"] a').first().click();
    await axe(risk, 'risk edit form');
    await risk.close();
    expect(problems).toEqual([]);
  });
});
