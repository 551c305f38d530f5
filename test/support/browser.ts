/**
 * Browser tests drive Debian's Chromium through playwright-core (no browser download).
 * When Chromium is missing they are skipped, and `npm test` says so loudly (scripts/test.js).
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM_PATH);

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** WCAG 2.2 AA and axe's best-practice rules (landmarks, headings, regions): every page is checked against both. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/**
 * The demo council served on a local port, Chromium, and a browser context signed in as a
 * performance officer: what the staff-page browser tests share. `problems` collects axe violations
 * and page errors; a test asserts it is empty.
 */
export interface StaffSite {
  base: string;
  t: import('./db.ts').TestDatabase;
  context: import('playwright-core').BrowserContext;
  problems: string[];
  /** Runs axe on the page and records any violation under `label`. */
  axe(page: import('playwright-core').Page, label: string): Promise<void>;
  /** Opens `path` in a new page, recording page errors; the response must be 200. */
  open(path: string): Promise<import('playwright-core').Page>;
  close(): Promise<void>;
}

/** A test database, the app served from it on a local port, and Chromium. */
export interface DemoSite {
  base: string;
  browser: Browser;
  t: import('./db.ts').TestDatabase;
  close(): Promise<void>;
}

/** The app on a new PGlite test database that `setup` fills, served on a local port, and Chromium. */
export async function openSite(setup: (t: import('./db.ts').TestDatabase) => Promise<void>, options: { testStaff?: boolean } = {}): Promise<DemoSite> {
  const [{ buildServer }, { createTestDatabase }, { allowTestStaff }] = await Promise.all([
    import('../../src/web/server.ts'),
    import('./db.ts'),
    import('./staff.ts'),
  ]);
  const t = await createTestDatabase('pglite');
  await setup(t);
  const server = buildServer(t.app);
  if (options.testStaff) allowTestStaff(server);
  const base = await server.listen({ port: 0, host: '127.0.0.1' });
  const browser = await launchBrowser();
  return {
    base,
    browser,
    t,
    async close() {
      await browser.close();
      await server.close();
      await t.dispose();
    },
  };
}

/** The demo council (optionally published) served on a local port, and Chromium. */
export async function openDemoSite(options: { publish?: boolean; testStaff?: boolean } = {}): Promise<DemoSite> {
  const { DEMO_WORKBOOK } = await import('../../src/app.ts');
  return openSite(async (t) => {
    const outcome = await t.app.imports.importFile(DEMO_WORKBOOK);
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
    if (options.publish) await t.app.publication.publishAllWithData('demo', 'test');
  }, options);
}

/** axe's WCAG 2.2 AA violations on the page, one line each: where (`label`, else the URL), rule, elements. */
export async function axeViolations(page: import('playwright-core').Page, label = page.url()): Promise<string[]> {
  const { AxeBuilder } = await import('@axe-core/playwright');
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return results.violations.map((v) => `${label} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

export async function openStaffSite(options: { publish?: boolean } = {}): Promise<StaffSite> {
  const { signInAs } = await import('./auth.ts');
  const site = await openDemoSite(options);
  const { base, browser, t } = site;
  const officer = await signInAs(t.app, 'performance-officer', { email: 'officer@council.gov.uk', name: 'Olu Officer' });
  const context = await browser.newContext();
  const [name, value] = officer.cookie.split('=') as [string, string];
  await context.addCookies([{ name, value, url: base }]);
  const problems: string[] = [];
  return {
    base,
    t,
    context,
    problems,
    async axe(page, label) {
      problems.push(...(await axeViolations(page, label)));
    },
    async open(path) {
      const page = await context.newPage();
      page.on('pageerror', (error) => problems.push(`${path}: ${error.message}`));
      const res = await page.goto(base + path);
      if (res?.status() !== 200) throw new Error(`${path} answered ${res?.status()}`);
      return page;
    },
    async close() {
      await context.close();
      await site.close();
    },
  };
}
