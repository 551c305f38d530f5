/**
 * Committee business in Chromium (issue 11, deliver 13): a governance officer signs in, adds a person
 * (after an error), makes them Chairman of a committee, arranges a meeting and a cycle of meetings, and
 * postpones one; every new page type — public and staff, error states included — passes axe (WCAG 2.2
 * AA and best practice), and fits a 390 px phone without sideways scrolling.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs, TEST_PASSWORD } from '../support/auth.ts';
import { axeViolations, hasChromium, openDemoSite, type DemoSite } from '../support/browser.ts';

const SLUG = 'community-leadership-committee';

describe.skipIf(!hasChromium)('committee business in Chromium', () => {
  let site: DemoSite;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];
  const axe = async (label: string) => problems.push(...(await axeViolations(page, label)));

  beforeAll(async () => {
    site = await openDemoSite({ publish: true });
    await site.t.app.accounts.createUser({ email: 'gov@council.gov.uk', name: 'Gina Governance', role: 'governance-officer', password: TEST_PASSWORD }, 'test');
    context = await site.browser.newContext();
    page = await context.newPage();
    page.on('console', (msg) => msg.type() === 'error' && !msg.text().includes('status of 400') && problems.push(msg.text()));
    page.on('pageerror', (error) => problems.push(error.message));
  });
  afterAll(async () => {
    await context?.close();
    await site?.close();
  });

  it('creates a person, a membership and meetings as a governance officer, axe clean on every page', async () => {
    const base = site.base;
    await page.goto(`${base}/sign-in?next=/admin/people`);
    await page.getByLabel('Email address').fill('gov@council.gov.uk');
    await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}/admin/people`);
    await axe('people');

    // A person: first with nothing chosen, then correctly.
    await page.getByRole('button', { name: 'Add a person' }).click();
    await axe('add person');
    await page.getByRole('button', { name: 'Add person' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Select whether the person is a councillor or an officer');
    expect(await page.title()).toMatch(/^Error: /);
    await axe('add person (errors)');
    await page.getByRole('link', { name: 'Enter the person’s name as they spell it' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('name');
    await page.getByLabel('Name', { exact: true }).fill('Reuben Thompstone');
    await page.getByLabel('Councillor', { exact: true }).check();
    await page.getByLabel('Party (councillors)').fill('Conservative');
    await page.getByLabel('Ward (councillors)').fill('Golders Green');
    await page.getByRole('button', { name: 'Add person' }).click();
    await page.waitForURL(/\/admin\/people\?added=reuben-thompstone$/);
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('Reuben Thompstone has been added');
    await page.getByRole('link', { name: 'Change Reuben Thompstone' }).click();
    await axe('change person');

    // A membership: Chairman from 22 May 2018.
    await page.goto(`${base}/admin/committees`);
    await axe('committees (staff)');
    await page.getByRole('link', { name: 'Community Leadership and Libraries Committee' }).click();
    await axe('committee (staff)');
    await page.getByLabel('Quorum').fill('three');
    await page.getByRole('button', { name: 'Save details' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Enter the quorum as a whole number');
    await axe('committee (staff, errors)');
    await page.getByLabel('Quorum').fill('3');
    await page.getByRole('button', { name: 'Save details' }).click();
    await page.waitForURL(/\?saved=1$/);
    await page.getByRole('button', { name: 'Add a member' }).click();
    await axe('add member');
    await page.getByRole('button', { name: 'Add member' }).click();
    await axe('add member (errors)');
    await page.getByLabel('Councillor', { exact: true }).selectOption('reuben-thompstone');
    await page.getByLabel('Chairman', { exact: true }).check();
    const from = page.getByRole('group', { name: 'First day of the membership' });
    await from.getByLabel('Day').fill('22');
    await from.getByLabel('Month').fill('5');
    await from.getByLabel('Year').fill('2018');
    await page.getByRole('button', { name: 'Add member' }).click();
    await page.waitForURL(/\?added=1$/);
    await page.getByRole('link', { name: /^End/ }).first().click();
    await axe('end membership');

    // A meeting.
    await page.goto(`${base}/admin/meetings`);
    await axe('meetings (staff)');
    await page.getByRole('button', { name: 'Arrange a meeting', exact: true }).click();
    await axe('arrange meeting');
    await page.getByRole('button', { name: 'Arrange meeting' }).click();
    expect(await page.locator('.govuk-error-summary li').count()).toBe(4);
    await axe('arrange meeting (errors)');
    await page.getByLabel('Committee').selectOption(SLUG);
    const date = page.getByRole('group', { name: 'Date of the meeting' });
    await date.getByLabel('Day').fill('21');
    await date.getByLabel('Month').fill('11');
    await date.getByLabel('Year').fill('2018');
    await page.getByLabel('Start time').fill('7.00pm');
    await page.getByLabel('Venue').fill('Hendon Town Hall, The Burroughs, London NW4 4BG');
    await page.getByRole('button', { name: 'Arrange meeting' }).click();
    await page.waitForURL(/\/meetings\/\d+$/);
    const meetingUrl = page.url();
    expect(await page.locator('h1').textContent()).toBe('Wednesday 21 November 2018');
    expect(await page.locator('main').textContent()).toContain('10am on Friday 16 November 2018');
    await page.getByText('How this date is worked out').nth(2).click();
    expect(await page.locator('main').textContent()).toContain('10:00 on the third working day before the meeting');
    await axe('meeting (staff view)');
    await page.getByRole('link', { name: 'Change the date, time or venue' }).click();
    await axe('change meeting');
    await page.goto(meetingUrl);
    await page.getByRole('link', { name: 'Change the status' }).click();
    await axe('meeting status');
    await page.getByLabel('Postpone the meeting').check();
    await page.getByRole('button', { name: 'Change status' }).click();
    await axe('meeting status (errors)');
    await page.getByLabel('Reason').fill('Snow');
    await page.getByRole('button', { name: 'Change status' }).click();
    await page.waitForURL(meetingUrl);
    expect(await page.locator('.govuk-warning-text').textContent()).toContain('This meeting is postponed: Snow');

    // A cycle: previewed with the bank holidays flagged, then two dates arranged.
    await page.goto(`${base}/admin/meetings/cycle`);
    await axe('cycle');
    await page.getByRole('button', { name: 'Preview the dates' }).click();
    await axe('cycle (errors)');
    await page.getByLabel('Committee').selectOption(SLUG);
    for (const [legend, day, month, year] of [
      ['First day of the cycle', '1', '1', '2019'],
      ['Last day of the cycle', '31', '12', '2019'],
    ] as const) {
      const group = page.getByRole('group', { name: legend });
      await group.getByLabel('Day').fill(day);
      await group.getByLabel('Month').fill(month);
      await group.getByLabel('Year').fill(year);
    }
    await page.getByLabel('Which week of the month').selectOption('-1');
    await page.getByLabel('Day of the week').selectOption('Monday');
    await page.getByLabel('The months I tick').check();
    await page.getByLabel('May').check();
    await page.getByLabel('October').check();
    await page.getByLabel('Start time').fill('7pm');
    await page.getByLabel('Venue').fill('Hendon Town Hall');
    await page.getByRole('button', { name: 'Preview the dates' }).click();
    expect(await page.locator('main').textContent()).toContain('Not a working day: Spring bank holiday');
    await axe('cycle preview');
    await page.getByRole('button', { name: 'Arrange these meetings' }).click();
    await page.waitForURL(/\/admin\/meetings\?added=2$/);

    // The public pages, signed out.
    await context.clearCookies();
    for (const [path, label] of [
      ['/committees', 'committees'],
      [`/committees/${SLUG}/members`, 'committee members'],
      [`/committees/${SLUG}/members?on=2018-11-21`, 'committee members on a date'],
      [`/committees/${SLUG}/members?on=21/11/2018`, 'committee members (error)'],
      ['/councillors/reuben-thompstone', 'councillor'],
      ['/meetings?month=2018-11', 'calendar'],
      [new URL(meetingUrl).pathname, 'meeting'],
    ] as const) {
      const res = await page.goto(base + path);
      expect([path, res?.status()]).toEqual([path, path.includes('21/11') ? 400 : 200]);
      await axe(label);
    }
    expect(problems).toEqual([]);
  });

  it('fits a 390 px phone on every new page type, public and staff', async () => {
    const phone = await site.browser.newContext({ viewport: { width: 390, height: 844 } });
    const p = await phone.newPage();
    const meeting = (await site.t.app.meetings.meetings())[0]!;
    for (const path of ['/committees', `/committees/${SLUG}/members?on=2018-11-21`, '/councillors/reuben-thompstone', '/meetings?month=2018-11', `/meetings/${meeting.id}`]) {
      await p.goto(site.base + path);
      expect([path, await p.evaluate(() => document.documentElement.scrollWidth)]).toEqual([path, 390]);
      problems.push(...(await axeViolations(p, `${path} at 390px`)));
    }
    await phone.close();
    // The staff pages too, signed in.
    const officer = await signInAs(site.t.app, 'governance-officer');
    const staff = await site.browser.newContext({ viewport: { width: 390, height: 844 } });
    const [name, value] = officer.cookie.split('=') as [string, string];
    await staff.addCookies([{ name, value, url: site.base }]);
    const s = await staff.newPage();
    for (const path of ['/admin/people', '/admin/people/new', '/admin/committees', `/admin/committees/${SLUG}`, `/admin/committees/${SLUG}/memberships/new`, '/admin/meetings', '/admin/meetings/new', '/admin/meetings/cycle', `/admin/meetings/${meeting.id}`, `/admin/meetings/${meeting.id}/status`]) {
      await s.goto(site.base + path);
      expect([path, await s.evaluate(() => document.documentElement.scrollWidth)]).toEqual([path, 390]);
    }
    await staff.close();
    expect(problems).toEqual([]);
  });
});
