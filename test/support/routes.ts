/**
 * The app's routes for tests that visit every one (test/integration/roleMatrix.test.ts,
 * test/integration/hostileInput.test.ts): the demo council published and served, the route tree Fastify
 * prints, and a real URL for each pattern.
 */
import { expect } from 'vitest';
import { DEMO_WORKBOOK, type App } from '../../src/app.ts';
import { buildServer } from '../../src/web/server.ts';
import { createTestDatabase, type TestDatabase } from './db.ts';
import { makeDocx, makePdf } from './paperFiles.ts';
export const SLUG = 'community-leadership-committee';
export const PERIOD = '2018-19-q2';

/** Every method + route in Fastify's route tree (`printRoutes({ commonPrefix: false })`). */
export function routesFromTree(tree: string): { method: string; url: string }[] {
  const out: { method: string; url: string }[] = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^([\s│]*)(?:└──|├──) (.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    stack.length = depth;
    stack.push(m[2]!);
    const url = stack.join('').replace(/^\/+/, '/');
    for (const method of (m[3] ?? '').split(',').map((s) => s.trim()).filter(Boolean)) out.push({ method, url });
  }
  return out;
}

/**
 * A real URL for a route pattern, with values from the demo council (`params`: the ids a test made —
 * `:id` a user, `:year` a plan year, `:priority` a priority of the committee, `:entry` and `:rule` an
 * entry and a standing item rule of its work programme).
 */
export function realUrl(pattern: string, params: Record<string, string>): string {
  if (pattern === '/*') return '/public/townhall.css';
  if (pattern === '/reports/performance') return `/reports/performance?committee=${SLUG}&period=Q2%202018/19`;
  // The ModernGov-shaped web service: GetMeeting of the test's meeting (its other operations take no parameter or optional ones).
  if (pattern === '/mgWebService.asmx/:operation') return `/mgWebService.asmx/GetMeeting?lMeetingId=${params[':meeting']}`;
  if (pattern === '/mgwebservice.asmx/:operation') return `/mgwebservice.asmx/getmeetings?lcommitteeid=0&sfromdate=01/01/2018&stodate=31/12/2018`;
  return pattern
    .replace('/comparators/groups/:id', `/comparators/groups/${params[':group']}`)
    .replace('/work-programme/:file', '/work-programme/work-programme.html')
    .replace('/minutes/:file', '/minutes/minutes.html')
    .replace(':entry', params[':entry']!)
    .replace(':rule', params[':rule']!)
    .replace('/councillors/:slug', `/councillors/${params[':person']}`)
    .replace('/admin/people/:slug', `/admin/people/${params[':person']}`)
    .replace('/memberships/:id', `/memberships/${params[':membership']}`)
    .replace('/meetings/:id', `/meetings/${params[':meeting']}`)
    .replace('/papers/:paper', `/papers/${params[':paper']}`)
    .replace('/members-items/:item', `/members-items/${params[':membersItem']}`)
    .replace('/enclosures/:n', '/enclosures/1')
    .replace('/items/:item', `/items/${params[':item']}`)
    .replace('/committees/:slug/priorities/:id', `/committees/${SLUG}/priorities/${params[':priority']}`)
    .replace('/admin/framework/indicators/:slug', '/admin/framework/indicators/cg-s4')
    .replace(':slug', SLUG)
    .replace(':period', PERIOD)
    .replace('/panels/:sheet', '/panels/revenue')
    .replace(':rowKey', '1')
    .replace('/data-entry/indicators/:ref', '/data-entry/indicators/cg-s4')
    .replace('/data-entry/actions/:ref', '/data-entry/actions/ci-sc-01')
    .replace('/indicators/:ref', '/indicators/cg-s4')
    .replace('/import/:id', '/import/1')
    .replace('/reports/:file', '/reports/quarterly.html')
    .replace('/open-data/:file', '/open-data/datapackage.json')
    .replace(':year', params[':year']!)
    .replace(':id', params[':id']!);
}


export interface EveryRoute {
  t: TestDatabase;
  server: ReturnType<typeof buildServer>;
  /** Values for `realUrl`: a user to edit, a plan year, a priority. */
  params: Record<string, string>;
  /** Every method and route registered, but HEAD (covered by its GET). */
  routes: { method: string; url: string }[];
  /** The exempt appendix's PDF (ADR 0027): no public route may return its bytes. */
  exemptFile: Buffer;
}

/** The names a council's test data is made with (`populateCouncil`): a second council's differ, so a crawl can tell them apart. */
export interface CouncilMarks {
  user: string;
  councillor: string;
  officer: string;
  venue: string;
  report: string;
  exempt: string;
  membersItem: string;
  entry: string;
}

export const DEMO_MARKS: CouncilMarks = {
  user: 'target@council.gov.uk',
  councillor: 'Reuben Thompstone',
  officer: 'Abigail Lewis',
  venue: 'Hendon Town Hall',
  report: 'Business Planning Report',
  exempt: 'Exempt appendix: commercial terms',
  membersItem: 'Libraries Access',
  entry: 'Annual review',
};

/** The demo council, published, on PGlite, with its server ready and the values `realUrl` needs. */
export async function everyRoute(): Promise<EveryRoute> {
  const t = await createTestDatabase('pglite');
  expect((await t.app.imports.importFile(DEMO_WORKBOOK)).ok).toBe(true);
  await t.app.publication.publishAllWithData('demo', 'test');
  const server = buildServer(t.app);
  await server.ready();
  const { params, exemptFile } = await populateCouncil(t.app, DEMO_MARKS);
  const routes = routesFromTree(server.printRoutes({ commonPrefix: false })).filter((r) => r.method !== 'HEAD');
  return { t, server, params, routes, exemptFile };
}

/**
 * A council's things for every route's real URL (its framework imported and published first): a user to
 * edit, a councillor and membership, a meeting with a published agenda whose report has an exempt PDF
 * appendix, a work programme entry and standing item, a member's item; named by `marks`.
 */
export async function populateCouncil(app: App, marks: CouncilMarks): Promise<{ params: Record<string, string>; exemptFile: Buffer }> {
  const user = await app.accounts.createUser({ email: marks.user, name: 'Target', role: 'councillor', password: null }, 'test');
  const priority = (await app.framework.committees()).find((c) => c.slug === SLUG)!.priorities[0]!;
  // Committee business: a councillor, their membership and a meeting (ADR 0018).
  const actor = { email: 'test', role: 'governance-officer' as const };
  const person = await app.committeeBusiness.addPerson({ name: marks.councillor, kind: 'councillor', party: 'Conservative' }, actor);
  const membership = await app.committeeBusiness.addMembership(SLUG, { person: person.slug, role: 'chairman', from: { day: '22', month: '5', year: '2018' }, to: { day: '', month: '', year: '' } }, actor);
  const meeting = await app.meetings.addMeeting({ committee: SLUG, date: { day: '21', month: '11', year: '2018' }, startTime: '19:00', venue: marks.venue }, actor);
  // The forward work programme (ADR 0022): an entry aimed at the meeting and a standing item rule.
  const entry = await app.workProgramme.addEntry(SLUG, { title: marks.entry, overview: 'Of the library system', reportOf: 'Strategic Director', issueType: 'non-key', target: 'meeting', meeting: String(meeting.id) }, actor);
  const rule = await app.workProgramme.addRule(SLUG, { kind: 'every-meeting', title: 'Corporate Grants', overview: 'Assessments of grant applications', reportOf: 'Grants Manager', issueType: 'non-key', from: { day: '1', month: '6', year: '2018' }, to: { day: '', month: '', year: '' } }, actor);
  // Agendas and papers (ADR 0020): the meeting's agenda published with one report whose appendix is exempt.
  const officer = await app.committeeBusiness.addPerson({ name: marks.officer, kind: 'officer', jobTitle: 'Governance Officer' }, actor);
  // Started from the template alone: the programme's rows would be reports without papers.
  await app.agendas.startAgenda(meeting.id, actor, { fromProgramme: false });
  const item = await app.agendas.addReport(meeting.id, { title: marks.report }, actor);
  // Its body uploaded as a Word document, its exempt appendix as a PDF (ADR 0027).
  const exemptFile = await makePdf(2, marks.exempt);
  const paper = await app.agendas.savePaper(
    meeting.id,
    item,
    {
      title: marks.report,
      reportOf: 'Head of Governance',
      wards: 'All',
      status: 'public-exempt-appendices',
      exemptParagraph: '',
      urgent: 'no',
      key: 'key',
      contacts: [officer.slug],
      enclosures: [{ title: 'Appendix A', paragraph: '3', body: 'Exempt appendix', file: { filename: 'appendix-a.pdf', bytes: exemptFile } }],
      bodyFile: { filename: 'business-planning.docx', bytes: await makeDocx() },
      sections: { summary: 'Summary' },
      recommendations: 'That the Committee agree',
    },
    actor,
  );
  // A member's item (ADR 0025): the target user is the councillor; their item accepted before publication.
  await app.agendas.linkAccount(user.id, person.slug, { email: 'test', role: 'administrator' });
  await app.committeeBusiness.changeCommitteeDetails(SLUG, { quorum: '3', governanceContact: officer.slug }, actor);
  const membersItem = await app.membersItems.asOf('2018-11-01').submit({ meeting: String(meeting.id), title: marks.membersItem, request: 'That the committee consider library access.' }, { id: user.id, email: user.email, role: 'councillor' });
  await app.membersItems.check(membersItem, { decision: 'accepted', reason: '' }, { id: 0, ...actor });
  await app.agendas.publishAgenda(meeting.id, actor);
  // A named comparator group, for /comparators/groups/:id/remove.
  const added = await app.comparators.importGroupBytes('Nearest neighbours', Buffer.from('Area Code\nE09000004\nE09000006\n'), 'neighbours.csv', { actor: 'test' });
  if (!added.ok) throw new Error(JSON.stringify(added));
  const group = (await app.comparators.groups()).find((g) => g.name === 'Nearest neighbours')!.id;
  const params = {
    ':membersItem': String(membersItem),
    ':id': String(user.id),
    ':year': '2018-19',
    ':priority': String(priority.id),
    ':person': person.slug,
    ':membership': String(membership.id),
    ':meeting': String(meeting.id),
    ':entry': String(entry.id),
    ':rule': String(rule.id),
    ':item': String(item),
    ':paper': String(paper),
    ':group': String(group),
  };
  return { params, exemptFile };
}
