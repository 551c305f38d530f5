/**
 * In a real browser (Debian's Chromium): the status page renders and has no axe violations (WCAG 2.2 AA rules).
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_WORKBOOK } from '../../src/app.ts';
import { buildServer } from '../../src/web/server.ts';
import { hasChromium, launchBrowser } from '../support/browser.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';

describe.skipIf(!hasChromium)('status page in Chromium', () => {
  let t: TestDatabase;
  let server: ReturnType<typeof buildServer>;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    t = await createTestDatabase('pglite');
    await t.app.imports.importFile(DEMO_WORKBOOK);
    server = buildServer(t.app);
    base = await server.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await t?.dispose();
  });

  it('renders the committees and passes axe with zero violations', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (msg) => msg.type() === 'error' && problems.push(msg.text()));
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(base + '/');
    // GOV.UK Frontend's script ran under the Content-Security-Policy.
    await expect(page.locator('body.govuk-frontend-supported').count()).resolves.toBe(1);
    await expect(page.locator('h1').textContent()).resolves.toBe('Townhall');
    await expect(page.locator('link[href="/stylesheets/govuk-frontend.min.css"]').count()).resolves.toBe(1);
    await expect(page.getByText('Community Leadership and Libraries Committee (from 2018/19)')).toBeTruthy();
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
