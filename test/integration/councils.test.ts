/**
 * Many councils in one installation (issue 13 item 5, ADR 0030): two councils, each with its framework,
 * committee business, users, exempt papers and published data, served by one server. Every route is
 * crawled as each council's visitors and staff, on that council's host, looking for anything of the other
 * council: its name (the second council's data is the demo's with "Barnet" made "Havering"), the names its
 * people, meetings, papers and members' items were made with, and its exempt appendix's bytes. A session of
 * one council is nobody on the other's site; a host no council names is refused once the main council names
 * its own.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { councilSchema, DEMO_WORKBOOK, type App } from '../../src/app.ts';
import { pendingMigrations } from '../../src/db/migrate.ts';
import type { Role } from '../../src/domain/access.ts';
import { buildServer } from '../../src/web/server.ts';
import { run } from '../../src/cli/main.ts';
import { signInAs } from '../support/auth.ts';
import { createTestDatabase, engines, type TestDatabase } from '../support/db.ts';
import { populateCouncil, realUrl, routesFromTree, type CouncilMarks } from '../support/routes.ts';
import { capture } from '../support/cliIo.ts';

/** Names in no template, fixture or demo file: found on a page, they can only have come from that council. */
const BARNET_MARKS: CouncilMarks = {
  user: 'member@barnet.test',
  councillor: 'Ingrid Pemberley',
  officer: 'Toby Marchwood',
  venue: 'Colindale Assembly Rooms',
  report: 'Brent Cross Regeneration Report',
  exempt: 'Exempt appendix: Brent Cross land values',
  membersItem: 'Totteridge Footpaths',
  entry: 'Review of the Mill Hill depot',
};

const HAVERING_MARKS: CouncilMarks = {
  user: 'member@havering.test',
  councillor: 'Zadie Quarrington',
  officer: 'Ottoline Vexford',
  venue: 'Romford Civic Centre',
  report: 'Rainham Riverside Report',
  exempt: 'Confidential appendix: Rainham wharf rents',
  membersItem: 'Upminster Parks Access',
  entry: 'Survey of Hornchurch allotments',
};

/** The demo workbook with every "Barnet" made "Havering": the second council's framework. */
async function haveringWorkbook(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'townhall-havering-'));
  for (const file of (await readdir(DEMO_WORKBOOK)).filter((f) => f.endsWith('.csv'))) {
    const text = await readFile(join(DEMO_WORKBOOK, file), 'utf8');
    await writeFile(join(dir, file), text.replace(/Barnet/g, 'Havering').replace(/barnet/g, 'havering').replace(/BARNET/g, 'HAVERING'));
  }
  return dir;
}

interface Side {
  app: App;
  host: string;
  marks: CouncilMarks;
  params: Record<string, string>;
  exemptFile: Buffer;
  /** Words of this council no page of the other may show. */
  words: RegExp;
}

async function prepare(app: App, workbook: string, marks: CouncilMarks, host: string, name: RegExp): Promise<Side> {
  const imported = await app.imports.importFile(workbook);
  expect(imported.ok, JSON.stringify(imported.ok ? null : imported.errors.slice(0, 3))).toBe(true);
  await app.publication.publishAllWithData('test', 'test');
  const { params, exemptFile } = await populateCouncil(app, marks);
  const escaped = Object.values(marks).map((m) => m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return { app, host, marks, params, exemptFile, words: new RegExp(`${name.source}|${escaped.join('|')}`, 'i') };
}

describe('two councils in one installation', () => {
  let t: TestDatabase;
  let server: ReturnType<typeof buildServer>;
  let barnet: Side;
  let havering: Side;
  let routes: { method: string; url: string }[];
  let haveringDir: string;

  beforeAll(async () => {
    t = await createTestDatabase('pglite');
    const added = await t.app.installation.add({ slug: 'havering', name: 'London Borough of Havering', hostnames: ['havering.test'] }, 'test');
    expect(added.ok).toBe(true);
    haveringDir = await haveringWorkbook();
    // "Chipping Barnet" is a ward in the Word fixture every council's test paper is made from.
    barnet = await prepare(t.app, DEMO_WORKBOOK, BARNET_MARKS, 'barnet.test', /(?<!Chipping )Barnet/);
    havering = await prepare(await t.app.forCouncil('havering'), haveringDir, HAVERING_MARKS, 'havering.test', /Havering/);
    server = buildServer(t.app);
    await server.ready();
    routes = routesFromTree(server.printRoutes({ commonPrefix: false })).filter((r) => r.method === 'GET');
  }, 240_000);
  afterAll(async () => {
    await server?.close();
    await t?.dispose();
    if (haveringDir) await rm(haveringDir, { recursive: true, force: true });
  });

  const visitors: (Role | 'anonymous')[] = ['anonymous', 'administrator', 'governance-officer', 'councillor'];

  /** Every GET route on `side`'s host as each visitor: nothing of `other` in any response. */
  async function crawl(side: Side, other: Side): Promise<string[]> {
    const leaks: string[] = [];
    let pages = 0;
    for (const who of visitors) {
      const cookie = who === 'anonymous' ? '' : (await signInAs(side.app, who, { email: `${who}@${side.host}` })).cookie;
      for (const route of routes) {
        const path = realUrl(route.url, side.params);
        const res = await server.inject({ url: path, headers: { host: side.host, cookie, accept: 'text/html' } });
        expect([path, who, res.statusCode < 500]).toEqual([path, who, true]);
        pages += 1;
        const found = other.words.exec(res.body);
        if (found) leaks.push(`${who} ${path} on ${side.host}: "${found[0]}" near ${JSON.stringify(res.body.slice(Math.max(0, found.index - 80), found.index + 80))}`);
        if (res.rawPayload.includes(other.exemptFile)) leaks.push(`${who} ${path} on ${side.host}: the other council's exempt appendix`);
      }
    }
    expect(pages).toBeGreaterThan(100);
    return leaks;
  }

  it("never shows Barnet's data on any page of Havering's site, to anyone", async () => {
    expect(await crawl(havering, barnet)).toEqual([]);
  }, 300_000);

  it("never shows Havering's data on any page of Barnet's site, to anyone", async () => {
    expect(await crawl(barnet, havering)).toEqual([]);
  }, 300_000);

  it("changes nothing of Barnet's, whatever Havering's administrator posts to any route", async () => {
    const before = { audit: await barnet.app.audit.count({}), version: await barnet.app.dataVersion.current() };
    const haveringBefore = await havering.app.audit.count({});
    const admin = await signInAs(havering.app, 'administrator', { email: 'poster@havering.test' });
    const posts = routesFromTree(server.printRoutes({ commonPrefix: false })).filter((r) => r.method === 'POST' && r.url !== '/sign-out');
    expect(posts.length).toBeGreaterThan(50);
    for (const route of posts) {
      const path = realUrl(route.url, havering.params);
      const res = await server.inject({ method: 'POST', url: path, headers: { host: 'havering.test', cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: `_csrf=${encodeURIComponent(admin.csrfToken)}` });
      expect([path, res.statusCode < 500]).toEqual([path, true]);
    }
    expect({ audit: await barnet.app.audit.count({}), version: await barnet.app.dataVersion.current() }).toEqual(before);
    // The posts did change Havering's own data (an empty form still removes, publishes or ends things).
    expect(await havering.app.audit.count({})).toBeGreaterThan(haveringBefore);
  }, 300_000);

  it("shows each council its own data at the same address (and the public page cache keeps them apart)", async () => {
    for (const path of ['/', '/committees/community-leadership-committee/2018-19-q2', '/open-data/datapackage.json', `/meetings/${havering.params[':meeting']}`]) {
      const onBarnet = await server.inject({ url: path, headers: { host: 'barnet.test' } });
      const onHavering = await server.inject({ url: path, headers: { host: 'havering.test' } });
      expect([path, onBarnet.statusCode, onHavering.statusCode]).toEqual([path, 200, 200]);
      expect([path, havering.words.test(onHavering.body)]).toEqual([path, true]);
      expect([path, barnet.words.test(onHavering.body)]).toEqual([path, false]);
      expect([path, havering.words.test(onBarnet.body)]).toEqual([path, false]);
    }
  });

  it("treats one council's session as nobody on the other's site", async () => {
    const admin = await signInAs(barnet.app, 'administrator');
    const own = await server.inject({ url: '/admin/users', headers: { host: 'barnet.test', cookie: admin.cookie } });
    expect(own.statusCode).toBe(200);
    const elsewhere = await server.inject({ url: '/admin/users', headers: { host: 'havering.test', cookie: admin.cookie } });
    expect(elsewhere.statusCode).toBe(302);
    expect(elsewhere.headers.location).toMatch(/^\/sign-in\?next=/);
    // Signing in on Havering's site with Barnet's account fails: the account is not Havering's.
    const users = await havering.app.accounts.listUsers();
    expect(users.some((u) => u.email === admin.email)).toBe(false);
  });

  it('refuses a host no council names once the main council names its own', async () => {
    expect((await server.inject({ url: '/', headers: { host: 'elsewhere.test' } })).statusCode).toBe(200);
    expect((await t.app.installation.update({ slug: 'main', name: 'London Borough of Barnet', hostnames: ['barnet.test'] }, 'test')).ok).toBe(true);
    const refused = await server.inject({ url: '/', headers: { host: 'elsewhere.test' } });
    expect(refused.statusCode).toBe(404);
    expect(refused.body).toContain('no council’s site is at this address');
    expect((await server.inject({ url: '/', headers: { host: 'BARNET.test:3000' } })).statusCode).toBe(200);
    expect((await t.app.installation.update({ slug: 'main', name: 'London Borough of Barnet', hostnames: [] }, 'test')).ok).toBe(true);
  });
});


describe.each(engines())('councils on the command line, on %s', (engine) => {
  let t: TestDatabase;
  const cli = async (...argv: string[]) => {
    const io = capture();
    const code = await run(argv, io, async () => ({ ...t.app, close: async () => undefined }) as App);
    return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
  };
  beforeAll(async () => {
    t = await createTestDatabase(engine);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('adds, lists and changes councils, each error named at once, and runs commands as one council', async () => {
    const bad = await cli('councils', 'add', 'Bad Slug', '--name', ' ', '--host', 'not a host');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('--slug: A council’s short name must be');
    expect(bad.err).toContain('--name: Enter the council’s name');
    expect(bad.err).toContain('--host: "not a host" is not a host name');
    const added = await cli('councils', 'add', 'harrow', '--name', 'London Borough of Harrow', '--host', 'Harrow.Test');
    expect(added.code).toBe(0);
    expect(added.out).toContain('harrow: London Borough of Harrow (schema ');
    expect(added.out).toContain('site: harrow.test)');
    const taken = await cli('councils', 'add', 'brent', '--name', 'Brent', '--host', 'harrow.test');
    expect(taken.err).toContain('"harrow.test" is already the site of London Borough of Harrow (harrow)');
    const list = await cli('councils', 'list');
    expect(list.out.split('\n')).toEqual([
      "main: This installation's council (the installation's schema; site: any host no other council names)",
      expect.stringMatching(/^harrow: London Borough of Harrow \(schema \w+_council_harrow; site: harrow\.test\)$/),
    ]);
    expect((await cli('councils', 'set', 'harrow', '--no-hosts')).out).toContain('site: no host names yet');
    // A command skips migrating only when every council's schema is current.
    expect(await pendingMigrations(t.handle)).toEqual([]);
    const schema = councilSchema(t.handle.schema, 'harrow');
    await sql`delete from ${sql.table(`${schema}.schema_migrations`)} where name = '0001_framework.sql'`.execute(t.handle.db);
    expect(await pendingMigrations(t.handle)).toEqual([`${schema}: 0001_framework.sql`]);
    await sql`insert into ${sql.table(`${schema}.schema_migrations`)} (name) values ('0001_framework.sql')`.execute(t.handle.db);
    // Each council's own data: the import goes to Harrow's schema only.
    expect((await cli('--council', 'harrow', 'import', DEMO_WORKBOOK)).code).toBe(0);
    expect((await cli('--council', 'harrow', 'meetings', 'list')).code).toBe(0);
    const harrowApp = await t.app.forCouncil('harrow');
    expect(await harrowApp.organisation.hasFramework()).toBe(true);
    expect(await t.app.organisation.hasFramework()).toBe(false);
    const unknown = await cli('--council', 'brent', 'check');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('There is no council "brent" in this installation (councils: main, harrow)');
    // Every change is in the council's own audit log.
    const audit = await harrowApp.audit.list({ entity: 'council_site' }, 10, 0);
    expect(audit.map((e) => e.action)).toEqual(['update', 'create']);
    expect(await t.app.audit.count({ entity: 'council_site' })).toBe(0);
  });
});
