/**
 * Panel entry in Chromium: a performance officer opens the panels of a period, adds a revenue line
 * through the form (and sees an error first), and every panel page — the list, each sheet's form,
 * an edit form and an error state — passes axe (WCAG 2.2 AA rules).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PANEL_SHEETS } from '../../src/workbook/panelSpecs.ts';
import { hasChromium, openStaffSite, type StaffSite } from '../support/browser.ts';

const PANELS = '/committees/community-leadership-committee/2018-19-q2/panels';

describe.skipIf(!hasChromium)('panel entry in Chromium', () => {
  let site: StaffSite;
  const axe = (page: Page, label: string) => site.axe(page, label);
  const open = (path: string) => site.open(path);

  beforeAll(async () => {
    site = await openStaffSite({ publish: false });
  });
  afterAll(async () => {
    await site?.close();
  });

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
    expect(site.problems).toEqual([]);
  });
});
