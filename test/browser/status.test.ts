/**
 * In a real browser (Debian's Chromium): the status page renders and has no axe violations (WCAG 2.2 AA rules).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, hasChromium, openDemoSite, type DemoSite } from '../support/browser.ts';

describe.skipIf(!hasChromium)('status page in Chromium', () => {
  let site: DemoSite;
  beforeAll(async () => {
    site = await openDemoSite();
  });
  afterAll(async () => site?.close());

  it('renders the committees and passes axe with zero violations', async () => {
    const { base, browser } = site;
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
    expect(await axeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
