/**
 * Running a quarter in a real browser (Debian's Chromium), as new users would: a data owner signs in,
 * enters a result with an error and corrects it, updates a key action and submits; a performance
 * officer approves, uploads a spreadsheet through the preview, and publishes; a resident reads the
 * published dashboard. axe (WCAG 2.2 AA rules) on every page added, error states included; and a
 * keyboard-only pass through data entry (Tab, Shift+Tab, Enter, Space and typing).
 */
import ExcelJS from 'exceljs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD } from '../support/auth.ts';
import { axeViolations, hasChromium, openSite, type DemoSite } from '../support/browser.ts';
import type { TestDatabase } from '../support/db.ts';
import { smallCouncil, writeCsvWorkbook } from '../support/workbook.ts';

const axe = (page: Page) => axeViolations(page);

describe.skipIf(!hasChromium)('running a quarter in Chromium', () => {
  let site: DemoSite;
  let t: TestDatabase;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    site = await openSite(async (db) => {
      const outcome = await db.app.imports.importFile(await writeCsvWorkbook(smallCouncil()));
      if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
      await db.app.accounts.createUser({ email: 'pat@council.gov.uk', name: 'Pat Officer', role: 'performance-officer', password: TEST_PASSWORD }, 'test');
      await db.app.accounts.createUser(
        { email: 'sam@council.gov.uk', name: 'Sam Owner', role: 'data-owner', password: TEST_PASSWORD, scope: { refs: ['T/2'], services: ['Communities'] } },
        'test',
      );
    });
    ({ t, browser, base } = site);
  });
  afterAll(async () => site?.close());

  async function signIn(page: Page, email: string) {
    await page.goto(base + '/sign-in');
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(base + '/');
  }

  it('enter with an error and correct it, submit, approve, upload, publish; the public dashboard shows it; axe on every page', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems: string[] = [];
    // Forms with errors are answered 400, and the unpublished Q4 404 for the public, on purpose; Chromium logs that.
    page.on('console', (msg) => msg.type() === 'error' && !/status of (400|404)/.test(msg.text()) && problems.push(msg.text()));
    page.on('pageerror', (error) => problems.push(error.message));
    const violations: string[] = [];

    // The data owner.
    await signIn(page, 'sam@council.gov.uk');
    await page.getByRole('link', { name: 'Enter data' }).click();
    await page.waitForURL(base + '/data-entry');
    violations.push(...(await axe(page)));
    await page.getByRole('link', { name: 'Q3 2017/18, Test Committee' }).click();
    await page.waitForURL(base + '/committees/test-committee/2017-18-q3/data-entry');
    violations.push(...(await axe(page)));
    await page.getByRole('link', { name: 'Enter result T/2' }).click();
    await page.waitForURL(/\/data-entry\/indicators\/t-2$/);
    violations.push(...(await axe(page)));

    await page.getByLabel('Result', { exact: true }).fill('120');
    await page.getByLabel('Commentary (optional)').fill('Referrals rose over the winter.');
    await page.getByRole('button', { name: 'Save result' }).click();
    const summary = page.locator('.govuk-error-summary');
    await expect(summary.textContent()).resolves.toContain('Enter comments and proposed intervention: this result is off target (Red');
    // GOV.UK Frontend's script moves focus to the summary once it has run: wait for it (bounded), not for luck.
    await page.waitForFunction(() => document.activeElement?.classList.contains('govuk-error-summary'), undefined, { timeout: 15_000 });
    await expect(page.getByLabel('Result', { exact: true }).inputValue()).resolves.toBe('120');
    violations.push(...(await axe(page)));
    await summary.getByRole('link', { name: /Enter comments and proposed intervention/ }).click();
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('intervention');
    await page.keyboard.type('An extra caseworker from January.');
    await page.getByRole('button', { name: 'Save result' }).click();
    await page.waitForURL(/\/data-entry\?saved=result/);
    await expect(page.getByText('The result for T/2 has been saved.').count()).resolves.toBe(1);
    await expect(page.getByRole('row', { name: /T\/2/ }).textContent()).resolves.toContain('Red');

    await page.getByRole('link', { name: 'Update key action KA1' }).click();
    await page.waitForURL(/\/data-entry\/actions\/KA1$/);
    violations.push(...(await axe(page)));
    await page.getByRole('button', { name: 'Save key action' }).click();
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('Choose a rating');
    violations.push(...(await axe(page)));
    await page.getByLabel('Green Amber').check();
    await page.getByLabel('Commentary (optional)').fill('The hub opens in February.');
    await page.getByRole('button', { name: 'Save key action' }).click();
    await page.waitForURL(/\/data-entry\?saved=action/);

    // Sam submits their part (T/2 and the Communities key action); T/1 is someone else's.
    await page.getByRole('button', { name: 'Submit for approval' }).click();
    await page.waitForURL(/\/sign-off\?done=part$/);
    await expect(page.getByText('Your part of Test Committee Q3 2017/18 has been submitted.', { exact: false }).count()).resolves.toBe(1);
    await expect(page.locator('#parts').count()).resolves.toBe(1);
    violations.push(...(await axe(page)));
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in/);

    // The performance officer: submit the whole, then approve on the dashboard.
    await signIn(page, 'pat@council.gov.uk');
    await page.goto(base + '/committees/test-committee/2017-18-q3');
    violations.push(...(await axe(page)));
    await page.getByRole('button', { name: 'Submit for approval' }).click();
    await page.waitForURL(/\/sign-off\?done=submit$/);
    await expect(page.getByText('Test Committee Q3 2017/18 has been submitted for approval.').count()).resolves.toBe(1);
    await page.goto(base + '/committees/test-committee/2017-18-q3');
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.waitForURL(/\/sign-off\?done=approve$/);
    // Reopening an approved period needs a reason: try without one.
    await page.getByRole('button', { name: 'Reopen' }).click();
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('Enter the reason for reopening');
    violations.push(...(await axe(page)));

    // Upload a spreadsheet: an error first, then a good file, previewed and confirmed.
    await page.getByRole('link', { name: 'Upload', exact: true }).click();
    await page.waitForURL(base + '/import');
    violations.push(...(await axe(page)));
    await page.getByRole('button', { name: 'Upload and preview' }).click();
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('Select a spreadsheet (.xlsx) to upload');
    violations.push(...(await axe(page)));
    const dir = await mkdtemp(join(tmpdir(), 'townhall-upload-'));
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('results');
    ws.addRow(['ref', 'period', 'value', 'commentary']);
    ws.addRow(['T/2', 'Q4 2017/18', '97', 'Back under 100']);
    const file = join(dir, 'q4-results.xlsx');
    await writeFile(file, Buffer.from(await wb.xlsx.writeBuffer()));
    await page.getByLabel('Spreadsheet (.xlsx)').setInputFiles(file);
    await page.getByRole('button', { name: 'Upload and preview' }).click();
    await page.waitForURL(/\/import\/[A-Za-z0-9_-]+$/);
    await expect(page.locator('#changes').textContent()).resolves.toContain('T/2 Q4 2017/18');
    violations.push(...(await axe(page)));
    await page.getByRole('button', { name: 'Import these changes' }).click();
    await page.waitForURL(/\/import\?imported=1$/);
    await expect(page.getByText('The file has been imported: 1 change saved').count()).resolves.toBe(1);
    violations.push(...(await axe(page)));

    // Publish Q3.
    await page.goto(base + '/committees/test-committee/2017-18-q3/sign-off');
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.waitForURL(/\/sign-off\?done=publish$/);
    await expect(page.getByText('Test Committee Q3 2017/18 has been published').count()).resolves.toBe(1);
    violations.push(...(await axe(page)));
    // Published: the form is read-only.
    await page.goto(base + '/committees/test-committee/2017-18-q3/data-entry/indicators/t-2');
    await expect(page.getByText('is published, so its data are locked').count()).resolves.toBe(1);
    await expect(page.getByRole('button', { name: 'Save result' }).count()).resolves.toBe(0);
    violations.push(...(await axe(page)));
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in/);

    // A resident reads the published dashboard.
    await page.goto(base + '/committees/test-committee/2017-18-q3');
    await expect(page.locator('h1').textContent()).resolves.toContain('Test Committee: performance Q3 2017/18');
    const row = page.locator('tr[data-ref="T/2"]');
    await expect(row.textContent()).resolves.toContain('120');
    await expect(page.locator('#sign-off').count()).resolves.toBe(0);
    // Q4 is not published: the public cannot see it.
    const q4 = await page.goto(base + '/committees/test-committee/2017-18-q4');
    expect(q4?.status()).toBe(404);

    expect(violations).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('tells the second of two editors that the result changed, and passes axe on that page', async () => {
    const context = await browser.newContext();
    const first = await context.newPage();
    await signIn(first, 'sam@council.gov.uk');
    const url = base + '/committees/test-committee/2016-17-q4/data-entry/indicators/t-2';
    await first.goto(url);
    const second = await context.newPage();
    await second.goto(url);
    await second.getByLabel('Result', { exact: true }).fill('101');
    await second.getByRole('button', { name: 'Save result' }).click();
    await second.waitForURL(/saved=result/);
    await first.getByLabel('Result', { exact: true }).fill('99');
    await first.getByRole('button', { name: 'Save result' }).click();
    await expect(first.locator('#conflict').textContent()).resolves.toContain('Someone else changed this result while you were editing it');
    await expect(first.locator('#conflict').textContent()).resolves.toContain('101');
    await expect(first.getByLabel('Result', { exact: true }).inputValue()).resolves.toBe('99');
    expect(await axe(first)).toEqual([]);
    await context.close();
  });

  it('enters a result with the keyboard alone (Tab, Shift+Tab, Enter, Space)', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, 'sam@council.gov.uk');
    await page.goto(base + '/committees/test-committee/2016-17-q3/data-entry');
    const focused = () => page.evaluate(() => document.activeElement?.id || document.activeElement?.textContent?.replace(/\s+/g, ' ').trim() || '');
    const tabTo = async (target: string | RegExp, key: 'Tab' | 'Shift+Tab' = 'Tab') => {
      for (let i = 0; i < 60; i += 1) {
        await page.keyboard.press(key);
        const now = await focused();
        if (typeof target === 'string' ? now === target : target.test(now)) return;
      }
      throw new Error(`${key} never reached ${target}`);
    };
    await tabTo('Enter result T/2');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/data-entry\/indicators\/t-2$/);
    await tabTo('value');
    await page.keyboard.type('Due Q4 16/17');
    // The status radios are one tab stop (the checked one); Space keeps "Reported", and the text sets "Due".
    await tabTo('status');
    await page.keyboard.press('Space');
    await expect(page.locator('#status').isChecked()).resolves.toBe(true);
    await tabTo('commentary');
    await page.keyboard.type('Figures arrive in July.');
    // Back to the value with Shift+Tab, then forward to the button.
    await tabTo('value', 'Shift+Tab');
    await tabTo('Save result');
    await page.keyboard.press('Space');
    await page.waitForURL(/\/data-entry\?saved=result/);
    await expect(page.getByText('The result for T/2 has been saved.').count()).resolves.toBe(1);
    const stored = await t.handle.db.selectFrom('result').select(['status', 'printed', 'commentary']).where('period', '=', '2016-Q3').executeTakeFirstOrThrow();
    expect(stored).toEqual({ status: 'due', printed: 'Due Q4 16/17', commentary: 'Figures arrive in July.' });
    await context.close();
  });
});
