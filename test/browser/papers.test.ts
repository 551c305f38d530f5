/**
 * What a committee paper prints that is not a figure, in Chromium (issue 10, deliver 3): a performance
 * officer adds terms of reference from a plan year, sets who the committee's papers are from and a
 * period's own "Report of" (each after fixing an error), records the overall status of a priority with the
 * data's suggestion beside it, and reads both on the sign-off page — every page and error state passing
 * axe (WCAG 2.2 AA rules).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, openStaffSite, type StaffSite } from '../support/browser.ts';

const SLUG = 'community-leadership-committee';
const ADMIN = `/admin/framework/committees/${SLUG}`;
const Q2 = `/committees/${SLUG}/2018-19-q2`;

describe.skipIf(!hasChromium)('committee papers in Chromium', () => {
  let site: StaffSite;
  const axe = (page: Page, label: string) => site.axe(page, label);
  const open = (path: string) => site.open(path);

  beforeAll(async () => {
    site = await openStaffSite({ publish: false });
  }, 300_000);
  afterAll(async () => {
    await site?.close();
  });

  it('adds terms of reference from a plan year on the committee page', async () => {
    const page = await open(ADMIN);
    await axe(page, 'committee page');
    expect(await page.locator('#terms-of-reference + p + table').innerText()).toMatch(/From 2018\/19\s+Until further notice/);
    await page.getByRole('button', { name: 'Add terms of reference from a plan year' }).click();
    await page.getByRole('textbox', { name: 'Applies from plan year (optional)' }).fill('2019');
    await page.getByRole('textbox', { name: 'Terms of reference', exact: true }).fill('(1) Libraries.\n(2) Community safety.');
    await page.getByRole('button', { name: 'Save terms of reference' }).click();
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('Enter the plan year as a financial year, like 2019/20');
    await axe(page, 'terms form with an error');
    await page.getByRole('textbox', { name: 'Applies from plan year (optional)' }).fill('2019/20');
    await page.getByRole('button', { name: 'Save terms of reference' }).click();
    await page.waitForURL(/\?saved=1#terms-of-reference$/);
    expect(await page.locator('#terms-of-reference + p + table').innerText()).toMatch(/From 2019\/20\s+Until further notice\s+\(1\) Libraries\.\s+\(2\) Community safety\./);
    await page.close();
    expect(site.problems).toEqual([]);
  });

  it('sets who the committee’s papers are from, then a period’s own “Report of”', async () => {
    const page = await open(ADMIN);
    await page.getByRole('button', { name: 'Change who the papers are from' }).click();
    await axe(page, 'committee paper form');
    await page.getByRole('textbox', { name: 'Report of (optional)' }).fill('Councillor Reuben Thompstone – Committee Chairman');
    await page.getByRole('textbox', { name: 'Job title' }).fill('Head of Performance and Risk');
    await page.getByRole('textbox', { name: 'Email address' }).fill('alaine.clarke@barnet.gov.uk');
    await page.getByRole('button', { name: 'Save' }).click();
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('Enter the officer’s name, or clear the job title, email address and phone number');
    await axe(page, 'committee paper form with an error');
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Alaine Clarke');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/\?saved=1#papers$/);
    expect(await page.locator('#papers ~ .govuk-summary-list').first().innerText()).toContain('Alaine Clarke, Head of Performance and Risk, alaine.clarke@barnet.gov.uk');
    await page.close();

    const period = await open(`${Q2}/sign-off`);
    await axe(period, 'sign-off with papers and statuses');
    expect(await period.locator('#paper ~ .govuk-summary-list').first().innerText()).toContain('Councillor Reuben Thompstone – Committee Chairman (the committee’s, for all its papers)');
    await period.getByRole('link', { name: 'Change who this period’s papers are from' }).click();
    await axe(period, 'period paper form');
    await period.getByRole('textbox', { name: 'Report of (optional)' }).fill('Strategic Director for Communities');
    await period.getByRole('button', { name: 'Save' }).click();
    await period.waitForURL(/\/paper\?saved=1$/);
    expect(await period.locator('.govuk-summary-list').first().innerText()).toMatch(/Strategic Director for Communities \(set for this period\)[\s\S]*Alaine Clarke.*\(the committee’s, for all its papers\)/);
    await axe(period, 'period paper form saved');
    await period.close();
    expect(site.problems).toEqual([]);
  });

  it('records an overall status with the data’s suggestion beside it; sign-off shows which differ', async () => {
    const page = await open(`${Q2}/panels`);
    await axe(page, 'panels with overall statuses');
    await page.locator('[data-sheet="priority_status"] a').first().click();
    expect(await page.locator('#suggestion').innerText()).toMatch(/Safer communities\s*: Amber \(judged Amber\)[\s\S]*high-level risk STR024 \(score 15\)/);
    await page.getByRole('radio', { name: 'Green' }).check();
    await page.getByRole('textbox', { name: 'Reason for the overall status (optional)' }).fill('');
    await page.getByRole('button', { name: 'Save changes' }).click();
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('Give the reason for the overall status: what the judgement weighs');
    await axe(page, 'overall status form with an error');
    await page.getByRole('textbox', { name: 'Reason for the overall status (optional)' }).fill('STR024 mitigated by the October plan');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForURL(/\/panels\?saved=1/);
    expect(await page.locator('[data-sheet="priority_status"]').innerText()).toMatch(/Safer communities\s+Green\s+STR024 mitigated by the October plan\s+Amber: high-level risk STR024 \(score 15\) \(differs from the judgement\)/);
    await page.close();

    const signOff = await open(`${Q2}/sign-off`);
    const statuses = await signOff.locator('#overall-status ~ table').first().innerText();
    expect(statuses).toMatch(/Safer communities\s+Green Differs from the data/);
    expect(statuses).toMatch(/Tackling issues with domestic violence, mental health and substance misuse\s+Amber Differs from the data/);
    await axe(signOff, 'sign-off after a judgement');
    await signOff.close();
    expect(site.problems).toEqual([]);
  });
});
