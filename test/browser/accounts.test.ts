/**
 * Accounts in a real browser (Debian's Chromium): sign in as an administrator, add a user with an
 * error and correct it, see them listed; axe (WCAG 2.2 AA rules) on the sign-in, users and audit
 * pages; a keyboard-only pass through the sign-in form.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD } from '../support/auth.ts';
import { axeViolations, hasChromium, openSite, type DemoSite } from '../support/browser.ts';

const axe = (page: Page) => axeViolations(page);

describe.skipIf(!hasChromium)('accounts in Chromium', () => {
  let site: DemoSite;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    site = await openSite(async (db) => {
      await db.app.accounts.createUser({ email: 'ada@council.gov.uk', name: 'Ada Admin', role: 'administrator', password: TEST_PASSWORD }, 'test');
    });
    ({ browser, base } = site);
  });
  afterAll(async () => site?.close());

  it('signs in, adds a user with an error then corrects it, and passes axe on every page', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems: string[] = [];
    // Forms with errors are answered 400 on purpose; Chromium logs that. Anything else is a problem.
    page.on('console', (msg) => msg.type() === 'error' && !msg.text().includes('status of 400') && problems.push(msg.text()));
    page.on('pageerror', (error) => problems.push(error.message));
    const violations: string[] = [];

    // Asking for an admin page while signed out leads to sign-in, and back afterwards.
    await page.goto(base + '/admin/users');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    violations.push(...(await axe(page)));
    await page.getByRole('button', { name: 'Sign in' }).click();
    // The form's answer is a new page: wait for it (isVisible() would look at whichever page is there now).
    await page.locator('.govuk-error-summary').waitFor({ state: 'visible' });
    violations.push(...(await axe(page)));
    await page.getByLabel('Email address').fill('ada@council.gov.uk');
    await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(base + '/admin/users');
    await expect(page.locator('h1').textContent()).resolves.toBe('Users');
    await expect(page.getByText('Signed in as Ada Admin').count()).resolves.toBe(1);
    violations.push(...(await axe(page)));

    await page.getByRole('button', { name: 'Add a user' }).click();
    await page.waitForURL(base + '/admin/users/new');
    violations.push(...(await axe(page)));
    await page.getByLabel('Full name').fill('Sam Owner');
    await page.getByLabel('Email address').fill('sam.owner@council');
    await page.getByLabel('Data owner').check();
    await page.getByLabel('Indicator refs').fill('CG/S3');
    await page.getByLabel('Password', { exact: true }).fill('a good long password');
    await page.getByRole('button', { name: 'Add user' }).click();
    const summary = page.locator('.govuk-error-summary');
    await expect(summary.textContent()).resolves.toContain('Enter an email address in the correct format');
    // GOV.UK Frontend moves focus to the error summary.
    // GOV.UK Frontend's script moves focus to the summary once it has run: wait for it (bounded), not for luck.
    await page.waitForFunction(() => document.activeElement?.classList.contains('govuk-error-summary'), undefined, { timeout: 15_000 });
    violations.push(...(await axe(page)));
    await summary.getByRole('link', { name: /Enter an email address/ }).click();
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('email');
    await page.getByLabel('Email address').fill('sam.owner@council.gov.uk');
    await expect(page.getByLabel('Data owner').isChecked()).resolves.toBe(true);
    await page.getByLabel('Password', { exact: true }).fill('a good long password');
    await page.getByRole('button', { name: 'Add user' }).click();
    await page.waitForURL(/\/admin\/users\?added=\d+$/);
    await expect(page.getByText('Sam Owner has been added.').count()).resolves.toBe(1);
    const row = page.getByRole('row', { name: /Sam Owner/ });
    await expect(row.textContent()).resolves.toContain('sam.owner@council.gov.uk');
    await expect(row.textContent()).resolves.toContain('Indicators: CG/S3');

    await page.getByRole('link', { name: 'Audit log', exact: true }).click();
    await page.waitForURL(base + '/admin/audit');
    await expect(page.getByRole('cell', { name: 'sam.owner@council.gov.uk' }).count()).resolves.toBeGreaterThan(0);
    violations.push(...(await axe(page)));

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(base + '/sign-in?signed-out=1');
    await expect(page.getByText('You have signed out.').count()).resolves.toBe(1);
    violations.push(...(await axe(page)));

    expect(violations).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('signs in with the keyboard alone (Tab and Enter)', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(base + '/sign-in?next=/admin/audit');
    const focused = () => page.evaluate(() => document.activeElement?.id || document.activeElement?.textContent?.trim() || '');
    const tabTo = async (id: string) => {
      for (let i = 0; i < 30; i += 1) {
        await page.keyboard.press('Tab');
        if ((await focused()) === id) return;
      }
      throw new Error(`Tab never reached #${id}`);
    };
    await tabTo('email');
    await page.keyboard.type('ada@council.gov.uk');
    await page.keyboard.press('Tab');
    await expect(focused()).resolves.toBe('password');
    await page.keyboard.type(TEST_PASSWORD);
    // Past the password input's "Show" button to the Sign in button.
    await tabTo('Sign in');
    await page.keyboard.press('Enter');
    await page.waitForURL(base + '/admin/audit');
    await expect(page.locator('h1').textContent()).resolves.toBe('Audit log');
    await context.close();
  });
});
