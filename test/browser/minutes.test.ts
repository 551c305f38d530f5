/**
 * Minutes in Chromium (ADR 0026): a governance officer records attendance (after an error) and an item's
 * minutes (after an error), publishes the draft minutes; a resident reads them with the exempt item as its
 * placeholder. Every new page type — the staff overview, attendance, declarations and item forms (error
 * states included) and the public minutes page — passes axe (WCAG 2.2 AA and best practice).
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_WORKBOOK } from '../../src/app.ts';
import { exemptPlaceholder } from '../../src/domain/reportPaper.ts';
import { TEST_PASSWORD } from '../support/auth.ts';
import { axeViolations, hasChromium, openSite, type DemoSite } from '../support/browser.ts';

const SLUG = 'community-leadership-committee';
const GOV = { email: 'test', role: 'governance-officer' as const };
const NONE = { day: '', month: '', year: '' };

describe.skipIf(!hasChromium)('minutes in Chromium', () => {
  let site: DemoSite;
  let context: BrowserContext;
  let page: Page;
  let meetingId: number;
  let reportItem: number;
  const problems: string[] = [];
  const axe = async (label: string) => problems.push(...(await axeViolations(page, label)));

  beforeAll(async () => {
    site = await openSite(async (t) => {
      expect((await t.app.imports.importFile(DEMO_WORKBOOK)).ok).toBe(true);
      await t.app.accounts.createUser({ email: 'gov@council.gov.uk', name: 'Gina Governance', role: 'governance-officer', password: TEST_PASSWORD }, 'test');
      const b = t.app.committeeBusiness;
      for (const name of ['Carol Chair', 'Mary Member', 'Max Member', 'Sue Sub']) await b.addPerson({ name, kind: 'councillor' }, GOV);
      await b.addPerson({ name: 'Sam Officer', kind: 'officer', jobTitle: 'Head of Procurement' }, GOV);
      for (const [person, role] of [['carol-chair', 'chairman'], ['mary-member', 'member'], ['max-member', 'member'], ['sue-sub', 'substitute']] as const) {
        await b.addMembership(SLUG, { person, role, from: { day: '22', month: '5', year: '2018' }, to: NONE }, GOV);
      }
      await b.changeCommitteeDetails(SLUG, { quorum: '2' }, GOV);
      meetingId = (await t.app.meetings.addMeeting({ committee: SLUG, date: { day: '12', month: '6', year: '2018' }, startTime: '19:00', venue: 'Hendon Town Hall' }, GOV)).id;
      const a = t.app.agendas;
      await a.startAgenda(meetingId, GOV);
      reportItem = await a.addReport(meetingId, { title: 'Library Strategy' }, GOV);
      const exempt = await a.addReport(meetingId, { title: 'Contract award' }, GOV);
      const paper = { reportOf: 'Director', wards: 'All', urgent: 'no', key: 'non-key', contacts: ['sam-officer'], enclosures: [], sections: { summary: 'S.' }, recommendations: 'That the Committee agree' };
      await a.savePaper(meetingId, reportItem, { ...paper, title: 'Library Strategy', status: 'public', exemptParagraph: '' }, GOV);
      await a.setPart(meetingId, exempt, 'exempt', GOV);
      await a.savePaper(meetingId, exempt, { ...paper, title: 'Contract award', status: 'exempt', exemptParagraph: '3' }, GOV);
      await a.publishAgenda(meetingId, GOV);
      await t.app.outcomes.recordItem(meetingId, exempt, { discussion: 'The preferred bidder', resolutions: '', resolvedUnanimously: '', noBusiness: '', motions: [], actions: [] }, GOV);
    });
    context = await site.browser.newContext();
    page = await context.newPage();
    page.on('console', (msg) => msg.type() === 'error' && !msg.text().includes('status of 400') && problems.push(msg.text()));
    page.on('pageerror', (error) => problems.push(error.message));
  });
  afterAll(async () => {
    await context?.close();
    await site?.close();
  });

  it('lets a governance officer record and publish the minutes, and a resident read them', async () => {
    const admin = `/admin/meetings/${meetingId}/minutes`;
    await page.goto(`${site.base}/sign-in?next=${encodeURIComponent(admin)}`);
    await page.getByLabel('Email address').fill('gov@council.gov.uk');
    await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${site.base}${admin}`);
    await axe('minutes (staff overview)');

    await page.getByRole('link', { name: 'Record the attendance' }).click();
    await page.waitForURL(/\/attendance$/);
    await axe('attendance');
    await page.locator('#status-carol-chair').check();
    await page.locator('#status-mary-member').check();
    await page.getByLabel('When the meeting finished').fill('25.99');
    await page.getByRole('button', { name: 'Save the attendance' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Enter the time the meeting finished');
    await axe('attendance (errors)');
    await page.locator('input[name="status-max-member"][value="apologies"]').check();
    await page.locator('input[name="status-sue-sub"][value="present"]').check();
    await page.getByLabel('In place of').selectOption('max-member');
    await page.getByLabel('When the meeting finished').fill('20.28pm');
    await page.getByRole('button', { name: 'Save the attendance' }).click();
    await page.waitForURL(`${site.base}${admin}?done=saved`);
    expect(await page.locator('main').textContent()).toContain('3 voting members present; the quorum is 2: quorate');

    await page.goto(`${site.base}${admin}/declarations`);
    await axe('declarations');

    await page.goto(`${site.base}${admin}/items/${reportItem}`);
    await axe('item minutes');
    await page.locator('#motion1Text').fill('That the strategy be agreed');
    await page.locator('#motion1Mover').selectOption('carol-chair');
    await page.locator('#motion1For').fill('4');
    await page.locator('#motion1Against').fill('0');
    await page.locator('#motion1Abstain').fill('0');
    await page.getByRole('button', { name: 'Save the item’s minutes' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('only 3 voting members were present');
    await axe('item minutes (errors)');
    await page.locator('#motion1For').fill('3');
    await page.locator('#resolutions').fill('That the strategy be agreed');
    await page.getByRole('button', { name: 'Save the item’s minutes' }).click();
    await page.waitForURL(`${site.base}${admin}?done=saved`);
    await page.getByRole('button', { name: 'Publish the draft minutes' }).click();
    await page.waitForURL(`${site.base}${admin}?done=published`);
    await axe('minutes (published, agree form)');

    const reader = await site.browser.newContext();
    const resident = await reader.newPage();
    await resident.goto(`${site.base}/meetings/${meetingId}`);
    await resident.getByRole('link', { name: 'Minutes of the meeting' }).click();
    await resident.waitForURL(/\/minutes$/);
    const text = await resident.locator('main').textContent();
    expect(text).toContain('The motion was carried unanimously.');
    expect(text).toContain('RESOLVED: That the strategy be agreed');
    expect(text).toContain(exemptPlaceholder(3));
    expect(text).not.toContain('preferred bidder');
    problems.push(...(await axeViolations(resident, 'minutes (public)')));
    await reader.close();
    expect(problems).toEqual([]);
  });
});
