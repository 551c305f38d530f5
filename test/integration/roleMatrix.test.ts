/**
 * The route × role matrix for the WHOLE app (issue 3 item 8). Every route Fastify has registered is
 * listed (from `printRoutes`), and each must appear in EXPECTED below with who may use it — so a
 * new route, protected or not, fails this test until someone decides its access here. Each route is
 * then called as every role and anonymously, with real parameter values from the demo council:
 * GETs, and POSTs with a valid CSRF token (the role decides) and without one (always refused).
 *
 * Allowed: anything but the access refusals (a page, a redirect, a 400 for the empty form, a 404 for
 * a thing that is not there). Denied: anonymous GET → redirect to /sign-in?next=…, anonymous POST →
 * 401, signed in without the role → 403 "You do not have permission".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../src/domain/access.ts';
import { buildServer } from '../../src/web/server.ts';
import { cookiesFrom, csrfFrom, expectRefused, form, signInAs, type SignedIn } from '../support/auth.ts';
import type { TestDatabase } from '../support/db.ts';
import { everyRoute, PERIOD, realUrl, SLUG } from '../support/routes.ts';

type Who = Role | 'anonymous';
const WHO: Who[] = ['anonymous', ...ROLES];
const EVERYONE: Who[] = WHO;
const ADMIN: Who[] = ['administrator'];
const FRAMEWORK: Who[] = ['administrator', 'performance-officer'];
/** Data entry and sign-off (src/services/resultEntry.ts ENTRY_ROLES, src/services/signOff.ts SIGN_OFF_ROLES). */
const ENTRY: Who[] = ['administrator', 'performance-officer', 'data-owner'];
/** Committee business: governance officers and administrators (src/domain/access.ts COMMITTEE_BUSINESS_ROLES). */
const GOVERNANCE: Who[] = ['administrator', 'governance-officer'];
/** Report authors (src/domain/access.ts REPORT_AUTHOR_ROLES): every officer's role, not councillors. */
const AUTHORS: Who[] = ['administrator', 'performance-officer', 'data-owner', 'governance-officer'];


/** `METHOD /route/:pattern` → who may use it. HEAD is covered by its GET. */
const EXPECTED: Record<string, Who[]> = {
  // Public pages: everyone (the public sees published data only: test/integration/pages.test.ts).
  'GET /': EVERYONE,
  'GET /health': EVERYONE,
  'GET /*': EVERYONE,
  'GET /committees/:slug': EVERYONE,
  'GET /committees/:slug/:period': EVERYONE,
  'GET /committees/:slug/:period/actions': EVERYONE,
  'GET /indicators/:ref': EVERYONE,
  'GET /reports/performance': EVERYONE,
  'GET /import-template.xlsx': EVERYONE,
  // Committee papers and open data (another engineer's slices: no requireRole; publication visibility
  // decides what the public sees, as on the dashboard).
  'GET /committees/:slug/:period/reports': EVERYONE,
  'GET /committees/:slug/:period/reports/:file': EVERYONE,
  'GET /open-data': EVERYONE,
  'GET /open-data/:file': EVERYONE,
  // Accounts (docs/accounts.md).
  'GET /sign-in': EVERYONE,
  'POST /sign-in': EVERYONE,
  'POST /sign-out': EVERYONE,
  'GET /admin/users': ADMIN,
  'POST /admin/users': ADMIN,
  'GET /admin/users/new': ADMIN,
  'GET /admin/users/:id': ADMIN,
  'POST /admin/users/:id': ADMIN,
  'GET /admin/users/:id/password': ADMIN,
  'POST /admin/users/:id/password': ADMIN,
  'GET /admin/audit': FRAMEWORK,
  'GET /admin/audit.csv': FRAMEWORK,
  // Framework administration (docs/administration.md).
  'GET /admin/framework': FRAMEWORK,
  'GET /admin/framework/plan-years': FRAMEWORK,
  'POST /admin/framework/plan-years': FRAMEWORK,
  'GET /admin/framework/plan-years/new': FRAMEWORK,
  'GET /admin/framework/plan-years/:year': FRAMEWORK,
  'POST /admin/framework/plan-years/:year': FRAMEWORK,
  'GET /admin/framework/committees': FRAMEWORK,
  'POST /admin/framework/committees': FRAMEWORK,
  'GET /admin/framework/committees/new': FRAMEWORK,
  'GET /admin/framework/committees/:slug': FRAMEWORK,
  'POST /admin/framework/committees/:slug': FRAMEWORK,
  'GET /admin/framework/committees/:slug/terms': FRAMEWORK,
  'POST /admin/framework/committees/:slug/terms': FRAMEWORK,
  'GET /admin/framework/committees/:slug/paper': FRAMEWORK,
  'POST /admin/framework/committees/:slug/paper': FRAMEWORK,
  'POST /admin/framework/committees/:slug/priorities': FRAMEWORK,
  'GET /admin/framework/committees/:slug/priorities/new': FRAMEWORK,
  'GET /admin/framework/committees/:slug/priorities/:id': FRAMEWORK,
  'POST /admin/framework/committees/:slug/priorities/:id': FRAMEWORK,
  'GET /admin/framework/indicators': FRAMEWORK,
  'POST /admin/framework/indicators': FRAMEWORK,
  'GET /admin/framework/indicators/new': FRAMEWORK,
  'GET /admin/framework/indicators/:slug': FRAMEWORK,
  'POST /admin/framework/indicators/:slug': FRAMEWORK,
  'GET /admin/framework/indicators/:slug/targets': FRAMEWORK,
  'POST /admin/framework/indicators/:slug/targets': FRAMEWORK,
  // Running a quarter (another engineer's slices, as their requireRole calls enforce; data owners are
  // further limited to their scope, which here includes CG/S4 and CI-SC-01).
  'GET /data-entry': ENTRY,
  'GET /committees/:slug/:period/data-entry': ENTRY,
  'GET /committees/:slug/:period/data-entry/indicators/:ref': ENTRY,
  'POST /committees/:slug/:period/data-entry/indicators/:ref': ENTRY,
  'GET /committees/:slug/:period/data-entry/actions/:ref': ENTRY,
  'POST /committees/:slug/:period/data-entry/actions/:ref': ENTRY,
  'GET /committees/:slug/:period/sign-off': ENTRY,
  'POST /committees/:slug/:period/sign-off': ENTRY,
  // Panel entry (finance, risk, workforce, customer experience, narrative, priority status):
  // performance officers and administrators (src/web/components/panel-entry).
  'GET /committees/:slug/:period/panels': FRAMEWORK,
  'POST /committees/:slug/:period/panels/:sheet': FRAMEWORK,
  'GET /committees/:slug/:period/panels/:sheet/new': FRAMEWORK,
  'GET /committees/:slug/:period/panels/:sheet/:rowKey': FRAMEWORK,
  'POST /committees/:slug/:period/panels/:sheet/:rowKey': FRAMEWORK,
  // Who a period's papers are from: performance officers and administrators (src/services/paperDetailsService.ts).
  'GET /committees/:slug/:period/paper': FRAMEWORK,
  'POST /committees/:slug/:period/paper': FRAMEWORK,
  // Spreadsheet upload with preview: performance officers and administrators.
  'GET /comparators/import': FRAMEWORK,
  'POST /comparators/import': FRAMEWORK,
  'GET /comparators/groups': FRAMEWORK,
  'POST /comparators/groups': FRAMEWORK,
  'GET /comparators/groups/:id/remove': FRAMEWORK,
  'POST /comparators/groups/:id/remove': FRAMEWORK,
  'GET /import': FRAMEWORK,
  'POST /import': FRAMEWORK,
  'GET /import/:id': FRAMEWORK,
  'POST /import/:id': FRAMEWORK,
  // Committee business (ADR 0018): people, memberships and meetings are public facts; governance officers
  // and administrators manage them (enforced again in CommitteeBusinessService and MeetingService).
  'GET /committees': EVERYONE,
  'GET /committees/:slug/members': EVERYONE,
  'GET /councillors/:slug': EVERYONE,
  'GET /meetings': EVERYONE,
  'GET /meetings/:id': EVERYONE,
  'GET /admin/people': GOVERNANCE,
  'POST /admin/people': GOVERNANCE,
  'GET /admin/people/new': GOVERNANCE,
  'GET /admin/people/:slug': GOVERNANCE,
  'POST /admin/people/:slug': GOVERNANCE,
  'GET /admin/committees': GOVERNANCE,
  'GET /admin/committees/:slug': GOVERNANCE,
  'POST /admin/committees/:slug': GOVERNANCE,
  'POST /admin/committees/:slug/memberships': GOVERNANCE,
  'GET /admin/committees/:slug/memberships/new': GOVERNANCE,
  'GET /admin/committees/:slug/memberships/:id/end': GOVERNANCE,
  'POST /admin/committees/:slug/memberships/:id/end': GOVERNANCE,
  'GET /admin/meetings': GOVERNANCE,
  'POST /admin/meetings': GOVERNANCE,
  'GET /admin/meetings/new': GOVERNANCE,
  'GET /admin/meetings/cycle': GOVERNANCE,
  'POST /admin/meetings/cycle': GOVERNANCE,
  'GET /admin/meetings/:id': GOVERNANCE,
  'POST /admin/meetings/:id': GOVERNANCE,
  'GET /admin/meetings/:id/status': GOVERNANCE,
  'POST /admin/meetings/:id/status': GOVERNANCE,
  // Forward work programmes (ADR 0022): published to everyone; governance officers and administrators
  // manage them (enforced again in WorkProgrammeService).
  'GET /committees/:slug/work-programme': EVERYONE,
  'GET /committees/:slug/work-programme/:file': EVERYONE,
  'GET /admin/committees/:slug/work-programme': GOVERNANCE,
  'POST /admin/committees/:slug/work-programme': GOVERNANCE,
  'GET /admin/committees/:slug/work-programme/new': GOVERNANCE,
  'GET /admin/committees/:slug/work-programme/entries/:entry': GOVERNANCE,
  'POST /admin/committees/:slug/work-programme/entries/:entry': GOVERNANCE,
  'GET /admin/committees/:slug/work-programme/entries/:entry/remove': GOVERNANCE,
  'POST /admin/committees/:slug/work-programme/entries/:entry/remove': GOVERNANCE,
  'GET /admin/committees/:slug/work-programme/rules': GOVERNANCE,
  'POST /admin/committees/:slug/work-programme/rules': GOVERNANCE,
  'GET /admin/committees/:slug/work-programme/rules/new': GOVERNANCE,
  'GET /admin/committees/:slug/work-programme/rules/:rule/end': GOVERNANCE,
  'POST /admin/committees/:slug/work-programme/rules/:rule/end': GOVERNANCE,
  // Feeds and open civic data of committee business (ADR 0021): public, decided by CivicDataService.
  'GET /meetings.ics': EVERYONE,
  'GET /committees/:slug/meetings.ics': EVERYONE,
  'GET /open-data/popolo.json': EVERYONE,
  'GET /mgWebService.asmx/:operation': EVERYONE,
  'GET /mgwebservice.asmx/:operation': EVERYONE,
  // Agendas and papers (ADR 0020): the paper page is public (the service hides drafts and exempt content).
  'GET /meetings/:id/papers/:paper': EVERYONE,
  // Uploaded files (ADR 0027): public; an exempt one is the placeholder page unless the viewer is entitled.
  'GET /meetings/:id/papers/:paper/file': EVERYONE,
  'GET /meetings/:id/papers/:paper/enclosures/:n/file': EVERYONE,
  'GET /admin/meetings/:id/agenda': GOVERNANCE,
  'POST /admin/meetings/:id/agenda': GOVERNANCE,
  'GET /admin/meetings/:id/agenda/items/:item/paper': GOVERNANCE,
  'POST /admin/meetings/:id/agenda/items/:item/paper': GOVERNANCE,
  'POST /admin/meetings/:id/agenda/items/:item/clearance': GOVERNANCE,
  // Members' items (ADR 0025): councillors submit and see their own; governance officers and administrators check.
  'GET /members-items': ['councillor'],
  'GET /members-items/new': ['councillor'],
  'POST /members-items/new': ['councillor'],
  'GET /members-items/:item': ['councillor'],
  'GET /admin/members-items': GOVERNANCE,
  'GET /admin/members-items/:item': GOVERNANCE,
  'POST /admin/members-items/:item': GOVERNANCE,
  // Meeting outcomes (ADR 0026): the minutes pages are public (OutcomesService hides unpublished minutes
  // and exempt items' minutes from those not entitled); governance officers and administrators record them.
  'GET /meetings/:id/minutes': EVERYONE,
  'GET /meetings/:id/minutes/:file': EVERYONE,
  'GET /admin/meetings/:id/minutes': GOVERNANCE,
  'POST /admin/meetings/:id/minutes': GOVERNANCE,
  'GET /admin/meetings/:id/minutes/attendance': GOVERNANCE,
  'POST /admin/meetings/:id/minutes/attendance': GOVERNANCE,
  'GET /admin/meetings/:id/minutes/declarations': GOVERNANCE,
  'POST /admin/meetings/:id/minutes/declarations': GOVERNANCE,
  'GET /admin/meetings/:id/minutes/items/:item': GOVERNANCE,
  'POST /admin/meetings/:id/minutes/items/:item': GOVERNANCE,
  'GET /admin/people/:slug/account': ADMIN,
  'POST /admin/people/:slug/account': ADMIN,
  // The agenda pack (ADR 0028): public, each viewer's pack holding only what they may see; placing the
  // performance report is for governance officers and administrators (enforced again in AgendaPackService).
  'GET /meetings/:id/agenda-pack': EVERYONE,
  'GET /meetings/:id/agenda-pack.pdf': EVERYONE,
  'GET /meetings/:id/agenda-pack/supplementary.pdf': EVERYONE,
  'GET /admin/meetings/:id/agenda/performance-report': GOVERNANCE,
  'POST /admin/meetings/:id/agenda/performance-report': GOVERNANCE,
  // Templates of agendas and papers (ADR 0020): governance officers and administrators.
  'GET /admin/committees/:slug/agenda-template': GOVERNANCE,
  'POST /admin/committees/:slug/agenda-template': GOVERNANCE,
  'GET /admin/paper-sections': GOVERNANCE,
  'POST /admin/paper-sections': GOVERNANCE,
  // Report authors draft their papers: officers' accounts (not councillors'); the service decides which
  // papers (those naming the account's person as a contact) and answers 404 for any other.
  'GET /my-papers': AUTHORS,
  'GET /my-papers/:paper': AUTHORS,
  'POST /my-papers/:paper': AUTHORS,
};

const PAYLOAD = `<script>alert(1)</script>"'><img src=x onerror=alert(1)>`;

describe('the whole app: route × role', () => {
  let t: TestDatabase;
  let server: ReturnType<typeof buildServer>;
  const emails = new Map<Role, string>();
  let params: Record<string, string>;
  let routes: { method: string; url: string }[];
  let exemptFile: Buffer;

  beforeAll(async () => {
    ({ t, server, params, routes, exemptFile } = await everyRoute());
    for (const role of ROLES) {
      const scope = role === 'data-owner' ? { refs: ['CG/S4', 'CI-SC-01'], services: [] } : undefined;
      emails.set(role, (await signInAs(t.app, role, { scope })).email);
    }
  });
  afterAll(async () => {
    await server?.close();
    await t?.dispose();
  });

  /** A real URL for a route pattern. */
  const urlFor = (pattern: string) => realUrl(pattern, params);

  async function credentials(who: Who): Promise<{ cookie: string; csrf: string }> {
    if (who !== 'anonymous') {
      // A fresh session each time: POST /sign-out ends the one it is given.
      const s: SignedIn = await signInAs(t.app, who, { email: emails.get(who)! });
      return { cookie: s.cookie, csrf: s.csrfToken };
    }
    const page = await server.inject('/sign-in');
    return { cookie: cookiesFrom(page), csrf: csrfFrom(page.body) };
  }

  it('has an expected access for every registered route, and every expected route is registered', () => {
    const registered = routes.map((r) => `${r.method} ${r.url}`);
    expect(registered.filter((k) => !(k in EXPECTED)), 'routes missing from EXPECTED: decide who may use them').toEqual([]);
    expect(Object.keys(EXPECTED).filter((k) => !registered.includes(k)), 'EXPECTED lists routes that are not registered').toEqual([]);
    expect(routes.every((r) => ['GET', 'POST'].includes(r.method))).toBe(true);
  });

  const cases = Object.entries(EXPECTED).flatMap(([key, allowed]) => {
    const [method, url] = key.split(' ') as [string, string];
    return WHO.map((who) => ({ method, url, who, allow: allowed.includes(who) }));
  });

  it.each(cases)('$method $url as $who → allowed: $allow', async ({ method, url, who, allow }) => {
    const { cookie, csrf } = await credentials(who);
    const path = urlFor(url);
    const body = form({ _csrf: csrf });
    const res =
      method === 'GET'
        ? await server.inject({ url: path, headers: { cookie, accept: 'text/html' } })
        : await server.inject({ method, url: path, payload: body.payload, headers: { ...body.headers, cookie } });
    expect(res.statusCode, `${method} ${path} as ${who}: ${res.body.slice(0, 300)}`).toBeLessThan(500);
    if (String(res.headers['content-type']).startsWith('text/html')) {
      // One main landmark, the skip link's target, on every page (pages fill the layout's <main>).
      expect([path, res.body.match(/<main\b/g)?.length, res.body.match(/id="main-content"/g)?.length]).toEqual([path, 1, 1]);
    }
    // Nothing a signed-in user is sent may be kept by a cache (it can show drafts or personal details);
    // static files carry no session.
    if (who !== 'anonymous' && url !== '/*') expect([path, res.headers['cache-control']]).toEqual([path, 'no-store']);
    // The crawl of uploaded files (ADR 0027): no route gives the exempt appendix's bytes, or any part of
    // them, to anyone but those entitled (here governance officers and administrators: no councillor's
    // account is a member's).
    if (who !== 'administrator' && who !== 'governance-officer') {
      for (let at = 0; at + 256 <= exemptFile.length; at += 256) expect([path, res.rawPayload.includes(exemptFile.subarray(at, at + 256))]).toEqual([path, false]);
    }
    if (allow) {
      expect(res.statusCode).not.toBe(401);
      expect(res.statusCode).not.toBe(403);
      expect(res.headers.location ?? '').not.toMatch(/^\/sign-in\?next=/);
    } else {
      expectRefused(res, who, method, path);
    }

    // Without a CSRF token every POST is refused before any handler runs, whoever asks.
    if (method === 'POST') {
      const again = await credentials(who);
      const bare = form({});
      const refused = await server.inject({ method, url: path, payload: bare.payload, headers: { ...bare.headers, cookie: again.cookie } });
      expect(refused.statusCode).toBe(403);
      expect(refused.body).toContain('Sorry, there is a problem with this form');
    }
  });

  it('returns an XSS payload typed in every free-text field of framework administration inert on every page that shows it', async () => {
    const officer = await signInAs(t.app, 'performance-officer', { email: emails.get('performance-officer')! });
    const post = async (url: string, fields: Record<string, string>) => {
      const body = form({ _csrf: officer.csrfToken, ...fields });
      const res = await server.inject({ method: 'POST', url, payload: body.payload, headers: { ...body.headers, cookie: officer.cookie } });
      expect([url, res.statusCode, res.statusCode === 303 ? '' : res.body.slice(0, 2000)]).toEqual([url, 303, '']);
      return res;
    };
    const plan = { rag_method: 'variance', red_from: '10', directional_targets: 'monitor', high_risk_from: '15' };
    await post('/admin/framework/plan-years', { ...plan, plan_year: '2019/20', reason: PAYLOAD });
    const added = await post('/admin/framework/committees', { name: `X ${PAYLOAD}`, from_plan_year: '2019/20', terms_of_reference: PAYLOAD, reason: PAYLOAD });
    const xslug = added.headers.location!.split('?')[0]!.split('/').pop()!;
    await post(`/admin/framework/committees/${xslug}/priorities`, { priority: `P ${PAYLOAD}`, outcome: PAYLOAD, corporate_outcome: `C ${PAYLOAD}`, reason: PAYLOAD });
    await post(`/admin/framework/committees/${SLUG}`, { name: `Renamed ${PAYLOAD}`, from_plan_year: '2019/20', terms_of_reference: PAYLOAD, reason: PAYLOAD });
    const priority = (await t.app.framework.committees()).find((c) => c.slug === xslug)!.priorities[0]!;
    await post(`/admin/framework/committees/${xslug}/priorities/${priority.id}`, { outcome: `${PAYLOAD} 2`, corporate_outcome: `C ${PAYLOAD}`, reason: PAYLOAD });
    const indicator = {
      plan_year: '2019/20',
      title: `T ${PAYLOAD}`,
      priority: String(priority.id),
      type: 'SPI',
      polarity: 'bigger',
      unit: 'percent',
      frequency: 'annual',
      basis: 'discrete',
      source: PAYLOAD,
      tolerance: '',
      definition: PAYLOAD,
      measured_against: PAYLOAD,
      owner: PAYLOAD,
      footnote: PAYLOAD,
      reason: PAYLOAD,
    };
    await post('/admin/framework/indicators', { ...indicator, ref: 'X/1' });
    await post('/admin/framework/indicators/cg-s4', { ...indicator, priority: String((await t.app.framework.committees()).find((c) => c.slug === SLUG)!.priorities[0]!.id), reason: PAYLOAD });
    await post('/admin/framework/indicators/x-1/targets', { period: '2019/20', target: '50%', reason: PAYLOAD });

    const pages = [
      '/',
      '/admin/framework/plan-years',
      '/admin/framework/committees',
      `/admin/framework/committees/${xslug}`,
      `/admin/framework/committees/${xslug}/priorities/${priority.id}`,
      `/admin/framework/committees/${SLUG}`,
      '/admin/framework/indicators',
      '/admin/framework/indicators/x-1',
      '/admin/framework/indicators/x-1/targets',
      '/admin/framework/indicators/cg-s4',
      '/indicators/x-1',
      '/indicators/cg-s4',
      `/committees/${SLUG}/${PERIOD}`,
      '/admin/audit',
      '/data-entry',
    ];
    let shown = 0;
    for (const page of pages) {
      const res = await server.inject({ url: page, headers: { cookie: officer.cookie } });
      expect([page, res.statusCode]).toEqual([page, 200]);
      expect(res.body, page).not.toContain('<script>alert(1)');
      expect(res.body, page).not.toMatch(/<img[^>]*onerror/i);
      if (res.body.includes('&lt;script&gt;alert(1)&lt;/script&gt;')) shown += 1;
    }
    // The payload is shown (escaped) on the pages that display those fields.
    expect(shown).toBeGreaterThanOrEqual(10);
    // The audit CSV carries it as data: served as CSV, never sniffed as HTML.
    const csv = await server.inject({ url: '/admin/audit.csv', headers: { cookie: officer.cookie } });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['x-content-type-options']).toBe('nosniff');
  });
});
