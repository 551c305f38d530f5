/**
 * Agendas and report papers on both engines (issue 11, deliver 3, 4, 5 and 13; ADR 0020): an agenda built
 * from the template, reports added, reordered, marked exempt and to follow, all-or-nothing papers with
 * every error at once, publication checks, clearance never shown, and exempt content shown only to those
 * entitled — every role, a councillor member against a non-member and a former member — with each exempt
 * view audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOT_VISIBLE, ROLES, type Role } from '../../src/domain/access.ts';
import { exemptPlaceholder } from '../../src/domain/reportPaper.ts';
import type { PaperInput, PaperView } from '../../src/services/agendaService.ts';
import { NotAllowedError } from '../../src/services/committeeBusinessService.ts';
import { createTestDatabase, engines, type TestDatabase } from '../support/db.ts';
import { smallCouncil, writeCsvWorkbook } from '../support/workbook.ts';
import { errorsOf } from '../support/businessErrors.ts';

const GOV = { email: 'governance@council.gov.uk', role: 'governance-officer' as const };
const ADMIN = { email: 'admin@council.gov.uk', role: 'administrator' as const };
const SLUG = 'test-committee';
const d = (iso: string) => ({ day: iso.slice(8, 10), month: iso.slice(5, 7), year: iso.slice(0, 4) });
const NONE = { day: '', month: '', year: '' };
const SECRET = 'Names of the individuals referred under Prevent';


const paperInput = (over: Partial<PaperInput> = {}): PaperInput => ({
  title: 'Prevent and Community Engagement Update',
  reportOf: 'Chairman of the Community Leadership and Libraries Committee',
  wards: 'All',
  status: 'public-exempt-appendices',
  exemptParagraph: '',
  urgent: 'no',
  key: 'non-key',
  contacts: ['sam-rosengard'],
  enclosures: [
    { title: 'Appendix 1: Prevent case studies', paragraph: '1', body: SECRET },
    { title: 'Appendix 2: Engagement events', paragraph: '', body: 'Public list of events' },
  ],
  sections: { summary: 'An update on Prevent.', why: 'The committee asked for it.', 'implications.9': 'Insight text' },
  recommendations: '1. That the Committee note the report\n2. That the Committee agree the action plan',
  ...over,
});

describe.each(engines())('agendas and papers on %s', (engine) => {
  let t: TestDatabase;
  let meetingId: number;
  let preventItem: number;
  let paperId: number;
  const users = new Map<string, { id: number; email: string; role: Role }>();

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    expect((await t.app.imports.importFile(await writeCsvWorkbook(smallCouncil()))).ok).toBe(true);
    const b = t.app.committeeBusiness;
    await b.addPerson({ name: 'Reuben Thompstone', kind: 'councillor' }, GOV);
    await b.addPerson({ name: 'Alison Moore', kind: 'councillor' }, GOV);
    await b.addPerson({ name: 'Old Member', kind: 'councillor' }, GOV);
    await b.addPerson({ name: 'Other Councillor', kind: 'councillor' }, GOV);
    await b.addPerson({ name: 'Sam Rosengard', kind: 'officer', jobTitle: 'Prevent Coordinator' }, GOV);
    await b.addPerson({ name: 'Other Officer', kind: 'officer' }, GOV);
    await b.addMembership(SLUG, { person: 'reuben-thompstone', role: 'chairman', from: d('2018-05-22'), to: NONE }, GOV);
    await b.addMembership(SLUG, { person: 'alison-moore', role: 'substitute', from: d('2018-05-22'), to: NONE }, GOV);
    await b.addMembership(SLUG, { person: 'old-member', role: 'member', from: d('2014-05-22'), to: d('2018-05-21') }, GOV);
    meetingId = (await t.app.meetings.addMeeting({ committee: SLUG, date: d('2018-11-21'), startTime: '7pm', venue: 'Hendon Town Hall' }, GOV)).id;
    const people = new Map((await b.people()).map((p) => [p.slug, p.id]));
    const make = async (key: string, role: Role, person: string | null) => {
      const u = await t.app.accounts.createUser({ email: `${key}@council.gov.uk`, name: key, role, password: null }, 'test');
      if (person) await t.app.agendas.linkAccount(u.id, person, ADMIN);
      users.set(key, { id: u.id, email: u.email, role });
      expect(person === null || people.has(person)).toBe(true);
    };
    for (const role of ROLES) await make(role, role, null);
    await make('chairman', 'councillor', 'reuben-thompstone');
    await make('substitute', 'councillor', 'alison-moore');
    await make('former', 'councillor', 'old-member');
    await make('other-councillor', 'councillor', 'other-councillor');
    await make('author', 'performance-officer', 'sam-rosengard');
    await make('other-officer', 'data-owner', 'other-officer');
  });
  afterAll(async () => {
    await t?.dispose();
  });

  const audit = (action: string) => t.handle.db.selectFrom('audit_event').selectAll().where('action', '=', action).orderBy('id').execute();
  const lines = async () => (await t.app.agendas.staffAgenda(meetingId, GOV))!.lines.map((l) => `${l.number}. ${l.title}${l.item?.toFollow ? ' (to follow)' : ''}`);

  it('refuses every role but governance officers and administrators', async () => {
    for (const role of ROLES.filter((r) => r !== 'administrator' && r !== 'governance-officer')) {
      const actor = { email: `${role}@x`, role };
      await expect(t.app.agendas.startAgenda(meetingId, actor)).rejects.toBeInstanceOf(NotAllowedError);
      await expect(t.app.agendas.staffAgenda(meetingId, actor)).rejects.toBeInstanceOf(NotAllowedError);
      await expect(t.app.agendas.savePaper(meetingId, 1, paperInput(), actor)).rejects.toBeInstanceOf(NotAllowedError);
      await expect(t.app.agendas.linkAccount(1, '', actor)).rejects.toBeInstanceOf(NotAllowedError);
    }
    await expect(t.app.agendas.linkAccount(1, '', GOV)).rejects.toBeInstanceOf(NotAllowedError);
  });

  it('starts the agenda from the template and numbers the reports in between', async () => {
    await t.app.agendas.startAgenda(meetingId, GOV);
    expect(await errorsOf(t.app.agendas.startAgenda(meetingId, GOV))).toEqual({ agenda: 'The meeting already has an agenda' });
    await t.app.agendas.addReport(meetingId, { title: 'Business Planning Report' }, GOV);
    preventItem = await t.app.agendas.addReport(meetingId, { title: 'Prevent and Community Engagement Update' }, ADMIN);
    const acv = await t.app.agendas.addReport(meetingId, { title: 'Nomination for Assets of Community Value', toFollow: true }, GOV);
    expect(await errorsOf(t.app.agendas.addReport(meetingId, { title: '  ' }, GOV))).toEqual({ title: 'Enter the title of the report' });
    await t.app.agendas.moveItem(meetingId, acv, 'up', GOV);
    const got = await lines();
    expect(got[6]).toBe('7. Business Planning Report');
    expect(got[7]).toBe('8. Nomination for Assets of Community Value (to follow)');
    expect(got[8]).toBe('9. Prevent and Community Engagement Update');
    expect(got[9]).toMatch(/^10\. .* Forward Work Programme$/);
    expect(got[10]).toBe('11. Any item(s) the Chairman decides are urgent');
    expect((await audit('agenda:add-report')).length).toBe(3);
  });

  it('refuses a paper with every error at once and writes nothing', async () => {
    const errors = await errorsOf(
      t.app.agendas.savePaper(meetingId, preventItem, paperInput({ title: '', status: 'public', urgent: '', key: 'maybe', contacts: ['nobody'], enclosures: [{ title: '', paragraph: '9', body: 'x' }] }), GOV),
    );
    expect(Object.keys(errors)).toEqual(['title', 'urgent', 'key', 'enclosure1Title', 'enclosure1Paragraph', 'contact1']);
    // An exempt appendix under a report marked public (as the 002 pack has it) is refused.
    expect(await errorsOf(t.app.agendas.savePaper(meetingId, preventItem, paperInput({ status: 'public' }), GOV))).toHaveProperty('status');
    expect(await t.app.agendas.paperForm(meetingId, preventItem, GOV)).toMatchObject({ paper: null });
  });

  it('writes the paper, records clearance, and will not publish an agenda with a report without a paper', async () => {
    paperId = await t.app.agendas.savePaper(meetingId, preventItem, paperInput(), GOV);
    const form = (await t.app.agendas.paperForm(meetingId, preventItem, GOV))!;
    expect(form.paper!.cover.enclosures.map((e) => e.exemptParagraph)).toEqual([1, null]);
    expect(form.headings.find((h) => h.field === 'implications.9')!.number).toBe('5.9');
    await t.app.agendas.recordClearance(meetingId, preventItem, { role: 'legal', name: 'Sharon Clarke', date: d('2018-11-01') }, GOV);
    expect(await errorsOf(t.app.agendas.recordClearance(meetingId, preventItem, { role: 'mayor', name: '', date: NONE }, GOV))).toHaveProperty('role');
    expect((await t.app.agendas.paperForm(meetingId, preventItem, GOV))!.clearances).toMatchObject([{ role: 'legal', name: 'Sharon Clarke', clearedOn: '2018-11-01' }]);
    const problems = await errorsOf(t.app.agendas.publishAgenda(meetingId, GOV));
    expect(Object.values(problems)).toEqual(['Item 7, Business Planning Report: write its paper or mark it “to follow”']);
  });

  it('keeps a paper from everyone but managers and its named officers until the agenda is published', async () => {
    expect(await t.app.agendas.paper(meetingId, paperId, null)).toBe(NOT_VISIBLE);
    expect(await t.app.agendas.paper(meetingId, paperId, users.get('chairman')!)).toBe(NOT_VISIBLE);
    expect(await t.app.agendas.publicAgenda(meetingId, 'X')).toBeNull();
    expect(await t.app.agendas.paper(meetingId, paperId, users.get('author')!)).not.toBe(NOT_VISIBLE);
  });

  it('publishes, then shows exempt appendices only to those entitled, auditing each such view', async () => {
    const business = (await t.app.agendas.staffAgenda(meetingId, GOV))!.lines.find((l) => l.title === 'Business Planning Report')!.item!;
    await t.app.agendas.setToFollow(meetingId, business.id, true, GOV);
    await t.app.agendas.publishAgenda(meetingId, GOV);
    expect((await t.app.meetings.meeting(meetingId))!.status).toBe('agenda-published');
    expect(await errorsOf(t.app.agendas.addReport(meetingId, { title: 'Late' }, GOV))).toHaveProperty('agenda');
    expect(await errorsOf(t.app.agendas.savePaper(meetingId, preventItem, paperInput(), GOV))).toHaveProperty('title');
    const published = (await t.app.agendas.publicAgenda(meetingId, 'X'))!;
    expect(published.lines.find((l) => l.paperId === paperId)!.number).toBe('9');

    const entitled = ['administrator', 'governance-officer', 'chairman', 'substitute', 'author'];
    const before = (await audit('paper:exempt-view')).length;
    const viewers: [string, Parameters<typeof t.app.agendas.paper>[2]][] = [['anonymous', null], ...[...users.entries()].map(([k, u]) => [k, u] as [string, typeof u])];
    for (const [key, viewer] of viewers) {
      const view = (await t.app.agendas.paper(meetingId, paperId, viewer)) as PaperView;
      const shown = JSON.stringify(view.enclosures);
      if (entitled.includes(key)) {
        expect(shown, key).toContain(SECRET);
        expect(view.entitlement, key).not.toBeNull();
      } else {
        expect(shown, key).not.toContain(SECRET);
        expect(view.enclosures[0]!.placeholder, key).toBe(exemptPlaceholder(1));
        expect(view.enclosures[1]!.body, key).toBe('Public list of events');
      }
      expect(view.headings.find((h) => h.field === 'why')!.text).toBe('The committee asked for it.');
    }
    const views = (await audit('paper:exempt-view')).slice(before);
    expect(views.map((v) => v.actor).sort()).toEqual(entitled.map((k) => users.get(k)!.email).sort());
  });

  it('hides a whole exempt paper, and moves its item to the exempt part after the motion', async () => {
    const m2 = (await t.app.meetings.addMeeting({ committee: SLUG, date: d('2019-03-13'), startTime: '7pm', venue: 'Hendon Town Hall' }, GOV)).id;
    await t.app.agendas.startAgenda(m2, GOV);
    const item = await t.app.agendas.addReport(m2, { title: 'Contract award' }, GOV);
    const id = await t.app.agendas.savePaper(m2, item, paperInput({ title: 'Contract award', status: 'exempt', exemptParagraph: '3', enclosures: [] }), GOV);
    const staff = (await t.app.agendas.staffAgenda(m2, GOV))!;
    const last = staff.lines.slice(-2);
    expect(last.map((l) => l.title)).toEqual(['Motion to exclude the press and public', 'Contract award']);
    expect(staff.motion).toContain('paragraph 3 of Part 1 of Schedule 12A');
    await t.app.agendas.publishAgenda(m2, GOV);
    const anonymous = (await t.app.agendas.paper(m2, id, null)) as PaperView;
    expect(anonymous.placeholder).toBe(exemptPlaceholder(3));
    expect(anonymous.headings).toEqual([]);
    expect(anonymous.recommendations).toEqual([]);
    const member = (await t.app.agendas.paper(m2, id, users.get('chairman')!)) as PaperView;
    expect(member.placeholder).toBeNull();
    expect(member.recommendations).toHaveLength(2);
  });
});
