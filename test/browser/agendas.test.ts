/**
 * Agendas and papers in Chromium (ADR 0020): a resident reads the demo's 21 November 2018 agenda and the
 * Prevent paper with its exempt appendices as placeholders; a governance officer builds an agenda for a
 * new meeting (after an error), writes a paper (after errors), records clearance and publishes; an
 * administrator opens the account link of a person. Every new page type — public and staff, error states
 * included — passes axe (WCAG 2.2 AA and best practice).
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoIfEmpty } from '../../src/app.ts';
import { exemptPlaceholder } from '../../src/domain/reportPaper.ts';
import { TEST_PASSWORD } from '../support/auth.ts';
import { axeViolations, hasChromium, openSite, type DemoSite } from '../support/browser.ts';

const SLUG = 'community-leadership-committee';

describe.skipIf(!hasChromium)('agendas and papers in Chromium', () => {
  let site: DemoSite;
  let context: BrowserContext;
  let page: Page;
  let demoMeeting: number;
  let newMeeting: number;
  const problems: string[] = [];
  const axe = async (label: string) => problems.push(...(await axeViolations(page, label)));

  beforeAll(async () => {
    site = await openSite(async (t) => {
      await loadDemoIfEmpty(t.app);
      await t.app.accounts.createUser({ email: 'gov@council.gov.uk', name: 'Gina Governance', role: 'governance-officer', password: TEST_PASSWORD }, 'test');
      await t.app.accounts.createUser({ email: 'admin@council.gov.uk', name: 'Ada Admin', role: 'administrator', password: TEST_PASSWORD }, 'test');
      const committee = (await t.app.organisation.committeeBySlug(SLUG))!;
      const { past, upcoming } = await t.app.meetings.ofCommittee(committee.id);
      demoMeeting = [...past, ...upcoming].find((m) => m.date === '2018-11-21')!.id;
      newMeeting = (await t.app.meetings.addMeeting({ committee: SLUG, date: { day: '13', month: '3', year: '2019' }, startTime: '19:00', venue: 'Hendon Town Hall' }, { email: 'test', role: 'governance-officer' })).id;
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

  const signIn = async (email: string, next: string) => {
    await page.goto(`${site.base}/sign-in?next=${encodeURIComponent(next)}`);
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${site.base}${next}`);
  };

  it('shows a resident the published agenda and the exempt appendices as placeholders', async () => {
    await page.goto(`${site.base}/meetings/${demoMeeting}`);
    expect(await page.locator('table').first().textContent()).toContain('Prevent and Community Engagement Update');
    await axe('meeting with agenda');
    await page.getByRole('link', { name: 'Prevent and Community Engagement Update' }).click();
    await page.waitForURL(/\/papers\/\d+$/);
    expect(await page.locator('main').textContent()).toContain(exemptPlaceholder(1));
    await axe('paper (public)');
  });

  it('lets a governance officer build, write and publish an agenda', async () => {
    const agenda = `/admin/meetings/${newMeeting}/agenda`;
    await signIn('gov@council.gov.uk', agenda);
    await axe('agenda (not started)');
    // The demo's standing items reach this meeting: offered as reports, here left out (built by hand).
    expect(await page.locator('main').textContent()).toContain('The forward work programme for this meeting');
    await page.getByLabel('Add the work programme’s items for this meeting as reports').uncheck();
    await page.getByRole('button', { name: 'Start the agenda' }).click();
    await page.waitForURL(`${site.base}${agenda}`);
    await page.getByRole('button', { name: 'Add the report' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Enter the title of the report');
    await axe('agenda (errors)');
    await page.getByLabel('Title of the report').fill('Corporate Grants');
    await page.getByRole('button', { name: 'Add the report' }).click();
    await page.waitForURL(`${site.base}${agenda}`);
    await page.getByText('Corporate Grants').first().waitFor();
    await axe('agenda (draft)');
    await page.locator('tr', { hasText: 'Corporate Grants' }).locator('a[href$="/paper"]').click();
    await page.waitForURL(/\/paper$/);
    await axe('paper form');
    await page.getByRole('button', { name: 'Save the paper' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    expect(await page.title()).toMatch(/^Error: /);
    await axe('paper form (errors)');
    await page.getByLabel('Report of').fill('Strategic Lead for Safer Communities');
    await page.getByLabel('Officer contact', { exact: true }).selectOption('kiran-vagarwal');
    await page.locator('#section-summary').fill('Grants to community groups.');
    await page.getByLabel('Recommendations', { exact: true }).fill('That the Committee approve the grants');
    await page.getByRole('button', { name: 'Save the paper' }).click();
    await page.waitForURL(`${site.base}${agenda}`);
    await page.locator('tr', { hasText: 'Corporate Grants' }).locator('a[href$="/paper"]').click();
    await page.waitForURL(/\/paper$/);
    await page.getByRole('button', { name: 'Record clearance' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    await axe('clearance (errors)');
    await page.goto(`${site.base}${agenda}`);
    await page.getByRole('button', { name: 'Publish the agenda' }).click();
    await page.waitForURL(/\?done=published$/);
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('The agenda is published');
    await axe('agenda (published)');
  });

  it('lets an administrator link an account to a person', async () => {
    await context.clearCookies();
    await signIn('admin@council.gov.uk', '/admin/people/sam-rosengard/account');
    await axe('account of a person');
    expect(problems).toEqual([]);
  });
});
