/**
 * The template pages in Chromium (ADR 0020): a governance officer changes the demo committee's agenda
 * template (after errors located on their rows: a blank title, an order that is not a number, urgent
 * business not last) and the council's sections of report papers (after errors: a key twice, no summary),
 * and sees the numbering each gives. Every state passes axe (WCAG 2.2 AA and best practice).
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoIfEmpty } from '../../src/app.ts';
import { TEST_PASSWORD } from '../support/auth.ts';
import { axeViolations, hasChromium, openSite, type DemoSite } from '../support/browser.ts';

const SLUG = 'community-leadership-committee';

describe.skipIf(!hasChromium)('agenda and paper templates in Chromium', () => {
  let site: DemoSite;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];
  const axe = async (label: string) => problems.push(...(await axeViolations(page, label)));

  beforeAll(async () => {
    site = await openSite(async (t) => {
      await loadDemoIfEmpty(t.app);
      await t.app.accounts.createUser({ email: 'gov@council.gov.uk', name: 'Gina Governance', role: 'governance-officer', password: TEST_PASSWORD }, 'test');
    });
    context = await site.browser.newContext();
    page = await context.newPage();
    page.on('console', (msg) => msg.type() === 'error' && !msg.text().includes('status of 400') && problems.push(msg.text()));
    page.on('pageerror', (error) => problems.push(error.message));
    const next = `/admin/committees/${SLUG}/agenda-template`;
    await page.goto(`${site.base}/sign-in?next=${encodeURIComponent(next)}`);
    await page.getByLabel('Email address').fill('gov@council.gov.uk');
    await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${site.base}${next}`);
  });
  afterAll(async () => {
    await context?.close();
    await site?.close();
  });

  const preview = async () => (await page.locator('main ol.govuk-list li').allTextContents()).map((t) => t.trim());

  it('changes a committee’s agenda template, refusing a bad form with every error on its row', async () => {
    await page.getByRole('link', { name: 'Back to the committee' }).waitFor();
    expect((await preview())[0]).toBe('1. Minutes of last meeting');
    await axe('agenda template');
    await page.locator('#item2Title').fill('');
    await page.locator('#item3Order').fill('first');
    await page.locator('#item8Order').fill('1');
    await page.getByRole('button', { name: 'Save the template' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    expect(await page.title()).toMatch(/^Error: /);
    const summary = await page.locator('.govuk-error-summary').textContent();
    expect(summary).toContain('Enter the title of item 2');
    expect(summary).toContain('The order of item 3 must be a whole number from 1 to 99');
    await axe('agenda template (errors)');
    // Put right; move public questions before the monitoring officer; add a standing item "(If any)".
    await page.locator('#item2Title').fill('Absence of Members');
    await page.locator('#item3Order').fill('3');
    await page.locator('#item8Order').fill('8');
    await page.locator('#item5Order').fill('4');
    await page.locator('#item4Order').fill('5');
    await page.locator('#item9Kind').selectOption('standing');
    await page.locator('#item9Title').fill('Nomination for Assets of Community Value');
    await page.locator('#item9IfAny').check();
    await page.locator('#item9Order').fill('6');
    await page.getByRole('button', { name: 'Save the template' }).click();
    await page.waitForURL(/\?done=saved$/);
    const lines = await preview();
    // Two rows with the same order number keep the order they have on the form.
    expect(lines.slice(3, 7)).toEqual(['4. Public Comments and Questions (If any)', '5. Report of the Monitoring Officer (If any)', "6. Members' Items (If any)", '7. Nomination for Assets of Community Value (If any)']);
    expect(lines.at(-1)).toBe('9. Any item(s) the Chairman decides are urgent');
    await axe('agenda template (saved)');
  });

  it('refuses urgent business that is not last', async () => {
    await page.locator('#item9Order').fill('2');
    await page.getByRole('button', { name: 'Save the template' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('urgent business must come last');
  });

  it('changes the sections of report papers and their numbering', async () => {
    await page.goto(`${site.base}/admin/paper-sections`);
    await axe('paper sections');
    const headings = async () => (await page.locator('main ul.govuk-list li').allTextContents()).map((t) => t.trim());
    expect(await headings()).toContain('5.9 Insight');
    await page.locator('#section1Key').fill('why');
    await page.getByRole('button', { name: 'Save the template' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Section 3 has the same key as section 1');
    await axe('paper sections (errors)');
    await page.locator('#section1Key').fill('summary');
    // A new numbered section given the order of the reasons (row 4): it goes after them, with two sub-sections.
    await page.locator('#section9Key').fill('climate');
    await page.locator('#section9Title').fill('Climate impact');
    await page.locator('#section9Numbered').check();
    await page.locator('#section9Subsections').fill('Carbon\nAdaptation');
    await page.locator('#section9Order').fill('4');
    await page.getByRole('button', { name: 'Save the template' }).click();
    await page.waitForURL(/\?done=saved$/);
    const list = await headings();
    expect(list.slice(0, 8)).toEqual(['Summary', 'Recommendations', '1 Why this report is needed', '2 Reasons for recommendations', '3 Climate impact', '3.1 Carbon', '3.2 Adaptation', '4 Alternative options considered and not recommended']);
    expect(list).toContain('6.9 Insight');
    await axe('paper sections (saved)');
    expect(problems).toEqual([]);
  });
});
