/**
 * Framework administration in Chromium: a performance officer adds the next plan year, changes its
 * rating method (seeing the key it prints), and adds next year's target with a reason after being
 * told one is needed. Every admin page — and its error states — passes axe (WCAG 2.2 AA rules).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, openStaffSite, type StaffSite } from '../support/browser.ts';

const SLUG = 'community-leadership-committee';

describe.skipIf(!hasChromium)('framework administration in Chromium', () => {
  let site: StaffSite;
  let t: StaffSite['t'];
  const axe = (page: Page, label: string) => site.axe(page, label);
  const open = (path: string) => site.open(path);

  beforeAll(async () => {
    site = await openStaffSite({ publish: true });
    ({ t } = site);
  });
  afterAll(async () => {
    await site?.close();
  });

  it('adds next plan year and changes its rating method, seeing the printed key', async () => {
    const page = await open('/admin/framework');
    await axe(page, 'overview');
    await page.getByRole('link', { name: 'Plan years and rating methods' }).click();
    await axe(page, 'plan years');
    await page.getByRole('button', { name: 'Add a plan year' }).click();
    expect(await page.getByLabel('Plan year').inputValue()).toBe('2019/20');
    await axe(page, 'add plan year');

    // An error: the plan year typed wrongly. The summary names the field; the value is kept.
    await page.getByLabel('Plan year').fill('next year');
    await page.getByRole('button', { name: 'Add plan year' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Enter the plan year as a financial year, like 2019/20');
    expect(await page.getByLabel('Plan year').inputValue()).toBe('next year');
    expect(await page.title()).toMatch(/^Error: /);
    await axe(page, 'add plan year (error)');
    await page.getByRole('link', { name: 'Enter the plan year as a financial year, like 2019/20' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('plan_year');
    await page.getByLabel('Plan year').fill('2019/20');
    await page.getByRole('button', { name: 'Add plan year' }).click();
    await page.waitForURL(/\/admin\/framework\/plan-years\?saved=1$/);
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('saved');

    // Change 2019/20 to method B: first without a reason, then with one.
    await page.getByRole('link', { name: /2019\/20/ }).click();
    await page.getByLabel('Method B: percentage of targeted improvement achieved').check();
    await page.getByLabel('Green Amber from (% achieved)').fill('85');
    await page.getByRole('button', { name: 'Preview the key' }).click();
    expect(await page.getByRole('table', { name: 'The key these settings would print' }).textContent()).toContain('> 85% < 100%');
    await axe(page, 'plan year preview');
    await page.getByRole('button', { name: 'Save rating method' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Enter the reason for the change');
    await axe(page, 'plan year (error)');
    await page.getByLabel('Reason for the change').fill('The 2019/20 addendum returns to the four-band key');
    await page.getByRole('button', { name: 'Save rating method' }).click();
    await page.waitForURL(/2019-20\?saved=1$/);
    expect(await page.getByRole('table', { name: 'The key printed on 2019/20 reports now' }).textContent()).toContain('Green Amber');
    await axe(page, 'plan year');

    // A published plan year is locked, and says so.
    await page.goto(site.base + '/admin/framework/plan-years/2018-19');
    expect(await page.locator('.govuk-warning-text').textContent()).toContain('published reports');
    await axe(page, 'locked plan year');
    await page.close();

    const stored = await t.handle.db.selectFrom('plan_year').select('rating_method').where('start_year', '=', 2019).executeTakeFirstOrThrow();
    expect(stored.rating_method).toEqual({ kind: 'achievement', formula: 'ratio', greenFrom: 100, greenAmberFrom: 85, redAmberFrom: 65 });
  });

  it("adds next year's target with a reason when it is lowered", async () => {
    const page = await open('/admin/framework/indicators');
    await axe(page, 'indicators');
    await page.getByRole('link', { name: 'CG/S4', exact: true }).click();
    await axe(page, 'indicator');
    await page.getByRole('link', { name: /Targets, including next year's/ }).click();
    expect(await page.locator('.govuk-inset-text').textContent()).toContain("This year's target (2018/19): 68%");
    await axe(page, 'targets');
    expect(await page.getByLabel('Period').inputValue()).toBe('2019/20');
    await page.getByLabel('Target', { exact: true }).fill('65%');
    await page.getByRole('button', { name: 'Save target' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Enter the reason the target is lower than 2018/19’s (68%)');
    expect(await page.getByLabel('Target', { exact: true }).inputValue()).toBe('65%');
    await axe(page, 'targets (error)');
    await page.getByLabel('Reason').fill('The survey moves online in 2019/20; a lower baseline is expected');
    await page.getByRole('button', { name: 'Save target' }).click();
    await page.waitForURL(/targets\?saved=1$/);
    expect(await page.getByRole('table', { name: 'Targets by period' }).textContent()).toContain('The survey moves online in 2019/20');
    await page.close();

    const audit = await t.handle.db.selectFrom('audit_event').selectAll().where('entity', '=', 'target').where('entity_key', '=', 'CG/S4 2019/20').executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor: 'officer@council.gov.uk', reason: 'The survey moves online in 2019/20; a lower baseline is expected' });
  });

  it('passes axe on every other admin page and its error state', async () => {
    const priorityId = (await t.app.framework.committees()).find((c) => c.slug === SLUG)!.priorities[0]!.id;
    const pages: { path: string; submit?: string }[] = [
      { path: '/admin/framework/committees' },
      { path: '/admin/framework/committees/new', submit: 'Add committee' },
      { path: `/admin/framework/committees/${SLUG}`, submit: 'Rename the committee' },
      { path: `/admin/framework/committees/${SLUG}/terms`, submit: 'Save terms of reference' },
      { path: `/admin/framework/committees/${SLUG}/terms?from=2018-19` },
      { path: `/admin/framework/committees/${SLUG}/priorities/new`, submit: 'Add priority' },
      { path: `/admin/framework/committees/${SLUG}/priorities/${priorityId}`, submit: 'Save changes' },
      { path: '/admin/framework/indicators/new', submit: 'Add indicator' },
      { path: '/admin/framework/indicators/cg-s4', submit: 'Save definition' },
    ];
    for (const { path, submit } of pages) {
      const page = await open(path);
      await axe(page, path);
      if (submit) {
        await page.getByRole('button', { name: submit }).click();
        // The answer is a new page: wait for its error summary (waitForLoadState may see the old page).
        await page.locator('.govuk-error-summary').waitFor({ state: 'visible' });
        await axe(page, `${path} (error)`);
      }
      await page.close();
    }
    expect(site.problems).toEqual([]);
  });
});
