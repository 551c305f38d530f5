/**
 * Report authors draft their papers, on both engines (issue 11, deliver 8; ADR 0020): an officer's account
 * linked to a person named as a paper's contact may write that paper's sections and recommendations while
 * it is a draft — not another paper's, not its cover sheet, not once published; a councillor's account, an
 * officer's account not linked or linked to someone else is refused; governance still publishes. Each
 * draft saved is audited. The pages /my-papers and /my-papers/:paper answer the same.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOT_VISIBLE, type Role } from '../../src/domain/access.ts';
import type { PaperInput } from '../../src/services/agendaService.ts';
import { CommitteeBusinessError, NotAllowedError } from '../../src/services/committeeBusinessService.ts';
import { buildServer } from '../../src/web/server.ts';
import { signInAs, type SignedIn } from '../support/auth.ts';
import { createTestDatabase, engines, type TestDatabase } from '../support/db.ts';
import { smallCouncil, writeCsvWorkbook } from '../support/workbook.ts';

const GOV = { email: 'governance@council.gov.uk', role: 'governance-officer' as const };
const ADMIN = { email: 'admin@council.gov.uk', role: 'administrator' as const };
const SLUG = 'test-committee';
const d = (iso: string) => ({ day: iso.slice(8, 10), month: iso.slice(5, 7), year: iso.slice(0, 4) });

const paperInput = (title: string, contact: string): PaperInput => ({
  title,
  reportOf: 'Strategic Lead, Safer Communities',
  wards: 'All',
  status: 'public',
  exemptParagraph: '',
  urgent: 'no',
  key: 'non-key',
  contacts: [contact],
  enclosures: [],
  sections: { summary: 'Governance wrote this summary.' },
  recommendations: 'That the Committee note the report',
});

describe.each(engines())('report authors on %s', (engine) => {
  let t: TestDatabase;
  let server: ReturnType<typeof buildServer>;
  let meetingId: number;
  let ownPaper: number;
  let otherPaper: number;
  const who = new Map<string, SignedIn>();
  const viewer = (key: string) => {
    const s = who.get(key)!;
    return { id: s.userId, email: s.email, role: s.role };
  };

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    expect((await t.app.imports.importFile(await writeCsvWorkbook(smallCouncil()))).ok).toBe(true);
    const b = t.app.committeeBusiness;
    await b.addPerson({ name: 'Sam Rosengard', kind: 'officer', jobTitle: 'Prevent Coordinator' }, GOV);
    await b.addPerson({ name: 'Other Officer', kind: 'officer' }, GOV);
    await b.addPerson({ name: 'Reuben Thompstone', kind: 'councillor' }, GOV);
    meetingId = (await t.app.meetings.addMeeting({ committee: SLUG, date: d('2018-11-21'), startTime: '7pm', venue: 'Hendon Town Hall' }, GOV)).id;
    await t.app.agendas.startAgenda(meetingId, GOV);
    const a = await t.app.agendas.addReport(meetingId, { title: 'Prevent and Community Engagement Update' }, GOV);
    ownPaper = await t.app.agendas.savePaper(meetingId, a, paperInput('Prevent and Community Engagement Update', 'sam-rosengard'), GOV);
    const b2 = await t.app.agendas.addReport(meetingId, { title: 'Business Planning Report' }, GOV);
    otherPaper = await t.app.agendas.savePaper(meetingId, b2, paperInput('Business Planning Report', 'other-officer'), GOV);
    server = buildServer(t.app);
    await server.ready();
    const make = async (key: string, role: Role, person: string | null) => {
      const s = await signInAs(t.app, role, { email: `${key}@council.gov.uk` });
      if (person) await t.app.agendas.linkAccount(s.userId, person, ADMIN);
      who.set(key, s);
    };
    await make('author', 'performance-officer', 'sam-rosengard');
    await make('other', 'data-owner', 'other-officer');
    await make('unlinked', 'performance-officer', null);
    await make('councillor', 'councillor', 'reuben-thompstone');
  });
  afterAll(async () => {
    await server?.close();
    await t?.dispose();
  });

  const post = (url: string, as: SignedIn, fields: Record<string, string>) =>
    server.inject({ method: 'POST', url, payload: new URLSearchParams({ _csrf: as.csrfToken, ...fields }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: as.cookie } });
  const get = (url: string, as: SignedIn) => server.inject({ url, headers: { cookie: as.cookie } });
  const stored = async (id: number) => (await t.app.agendas.paperForm(meetingId, (await t.handle.db.selectFrom('paper').select('agenda_item_id').where('id', '=', id).executeTakeFirstOrThrow()).agenda_item_id, GOV))!.paper!;

  it('lets the officer named on a paper draft its sections and recommendations, audited, the cover sheet untouched', async () => {
    expect((await t.app.agendas.papersOfAuthor(viewer('author'))).map((p) => p.paper.id)).toEqual([ownPaper]);
    const form = await t.app.agendas.authorForm(ownPaper, viewer('author'));
    expect(form).not.toBe(NOT_VISIBLE);
    await t.app.agendas.saveDraftSections(ownPaper, { sections: { summary: 'The author’s summary.', why: 'The committee asked.' }, recommendations: '1. Note\n2. Agree the plan', reason: 'First draft' }, viewer('author'));
    const paper = await stored(ownPaper);
    expect(paper.sections).toEqual({ summary: 'The author’s summary.', why: 'The committee asked.' });
    expect(paper.recommendations).toEqual(['Note', 'Agree the plan']);
    expect(paper.cover.title).toBe('Prevent and Community Engagement Update');
    const events = await t.handle.db.selectFrom('audit_event').selectAll().where('action', '=', 'paper:draft').execute();
    expect(events).toMatchObject([{ actor: 'author@council.gov.uk', entity: 'paper', entity_key: String(ownPaper), reason: 'First draft' }]);
  });

  it('refuses every error at once and writes nothing', async () => {
    const errors = await t.app.agendas.saveDraftSections(ownPaper, { sections: { summary: 'x'.repeat(20_001), why: 'y'.repeat(20_001) }, recommendations: 'z'.repeat(20_001), reason: '' }, viewer('author')).then(
      () => ({}),
      (e: unknown) => (e instanceof CommitteeBusinessError ? e.errors : Promise.reject(e)),
    );
    expect(Object.keys(errors)).toEqual(['section-summary', 'section-why', 'recommendations']);
    expect((await stored(ownPaper)).sections.summary).toBe('The author’s summary.');
  });

  it('refuses another officer’s paper, an account not linked, and a councillor named on nothing', async () => {
    await expect(t.app.agendas.saveDraftSections(otherPaper, { sections: { summary: 'Hijack' }, recommendations: 'x' }, viewer('author'))).rejects.toBeInstanceOf(NotAllowedError);
    expect(await t.app.agendas.authorForm(otherPaper, viewer('author'))).toBe(NOT_VISIBLE);
    await expect(t.app.agendas.saveDraftSections(ownPaper, { sections: { summary: 'Hijack' }, recommendations: 'x' }, viewer('other'))).rejects.toBeInstanceOf(NotAllowedError);
    await expect(t.app.agendas.saveDraftSections(ownPaper, { sections: { summary: 'Hijack' }, recommendations: 'x' }, viewer('unlinked'))).rejects.toBeInstanceOf(NotAllowedError);
    await expect(t.app.agendas.saveDraftSections(ownPaper, { sections: { summary: 'Hijack' }, recommendations: 'x' }, viewer('councillor'))).rejects.toBeInstanceOf(NotAllowedError);
    await expect(t.app.agendas.papersOfAuthor(viewer('councillor'))).rejects.toBeInstanceOf(NotAllowedError);
    // Authors do not manage agendas: no cover sheet, no publication.
    await expect(t.app.agendas.savePaper(meetingId, 1, paperInput('x', 'sam-rosengard'), viewer('author'))).rejects.toBeInstanceOf(NotAllowedError);
    await expect(t.app.agendas.publishAgenda(meetingId, viewer('author'))).rejects.toBeInstanceOf(NotAllowedError);
    expect((await stored(ownPaper)).sections.summary).toBe('The author’s summary.');
    expect((await stored(otherPaper)).sections.summary).toBe('Governance wrote this summary.');
  });

  it('answers the same on the pages: the author’s list and form, 404 for anyone else’s paper', async () => {
    const list = await get('/my-papers', who.get('author')!);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Prevent and Community Engagement Update');
    expect(list.body).not.toContain('Business Planning Report');
    expect((await get(`/my-papers/${ownPaper}`, who.get('author')!)).body).toContain('The author’s summary.');
    expect((await get(`/my-papers/${ownPaper}`, who.get('other')!)).statusCode).toBe(404);
    expect((await post(`/my-papers/${ownPaper}`, who.get('other')!, { 'section-summary': 'Hijack', recommendations: 'x' })).statusCode).toBe(404);
    expect((await get(`/my-papers/${ownPaper}`, who.get('councillor')!)).statusCode).toBe(403);
    const bad = await post(`/my-papers/${ownPaper}`, who.get('author')!, { 'section-summary': 'Kept on the form', recommendations: 'Note', reason: 'r'.repeat(2001) });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('govuk-error-summary');
    expect(bad.body).toContain('Kept on the form');
    expect((await stored(ownPaper)).sections.summary).toBe('The author’s summary.');
    const ok = await post(`/my-papers/${ownPaper}`, who.get('author')!, { 'section-summary': 'Written in the browser.', recommendations: 'Note' });
    expect(ok.statusCode).toBe(303);
    expect((await stored(ownPaper)).sections.summary).toBe('Written in the browser.');
  });

  it('stops the author once the agenda is published; governance publishes', async () => {
    await t.app.agendas.publishAgenda(meetingId, GOV);
    const form = await t.app.agendas.authorForm(ownPaper, viewer('author'));
    expect(form !== NOT_VISIBLE && form.locked).toBe(true);
    await expect(t.app.agendas.saveDraftSections(ownPaper, { sections: { summary: 'Too late' }, recommendations: 'x' }, viewer('author'))).rejects.toBeInstanceOf(CommitteeBusinessError);
    expect((await stored(ownPaper)).sections.summary).toBe('Written in the browser.');
    expect((await get('/my-papers', who.get('author')!)).body).toContain('Published');
  });
});
