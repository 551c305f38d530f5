/**
 * Templates of agendas and papers on both engines (issue 11, deliver 3 and 4; ADR 0020): a committee's
 * standard items and the council's report sections are changed by governance officers and administrators
 * only, all or nothing with every error located on its row, audited; a new agenda starts from the saved
 * template and papers are numbered by the saved sections.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../src/domain/access.ts';
import { readAgendaTemplate, readSectionTemplate, type SectionRowInput, type TemplateRowInput } from '../../src/services/agendaService.ts';
import { NotAllowedError } from '../../src/services/committeeBusinessService.ts';
import { buildPaperFormView, paperValues } from '../../src/web/components/agendas/viewModel.ts';
import { createTestDatabase, engines, type TestDatabase } from '../support/db.ts';
import { smallCouncil, writeCsvWorkbook } from '../support/workbook.ts';
import { errorsOf } from '../support/businessErrors.ts';

const GOV = { email: 'governance@council.gov.uk', role: 'governance-officer' as const };
const SLUG = 'test-committee';
const d = (iso: string) => ({ day: iso.slice(8, 10), month: iso.slice(5, 7), year: iso.slice(0, 4) });
const row = (kind: string, title: string, order = '', ifAny = ''): TemplateRowInput => ({ kind, title, ifAny, order });
const section = (key: string, title: string, numbered = 'yes', subsections = '', order = ''): SectionRowInput => ({ key, title, numbered, subsections, order });


describe('reading the template forms', () => {
  it('locates every error on its row and field at once', () => {
    const { errors } = readAgendaTemplate([row('minutes', 'Minutes'), row('report', 'A report'), row('absence', '', 'x'), row('', ''), row('declarations', 'y'.repeat(501))]);
    expect(errors).toEqual({
      item2Kind: 'Select what item 2 is',
      item3Order: 'The order of item 3 must be a whole number from 1 to 99',
      item3Title: 'Enter the title of item 3',
      item5Title: 'The title of item 5 must be 500 characters or fewer',
    });
  });

  it('orders rows by their order numbers and refuses a kind twice or urgent business not last', () => {
    expect(readAgendaTemplate([row('urgent', 'Urgent', '9'), row('minutes', 'Minutes', '1'), row('standing', 'Grants', '', 'yes')]).items).toEqual([
      { kind: 'minutes', title: 'Minutes', ifAny: false },
      { kind: 'standing', title: 'Grants', ifAny: true },
      { kind: 'urgent', title: 'Urgent', ifAny: false },
    ]);
    expect(readAgendaTemplate([row('minutes', 'Minutes'), row('minutes', 'Minutes again')]).errors).toEqual({ item2Kind: 'Item 2: the template already has “Minutes of the last meeting”' });
    expect(readAgendaTemplate([row('urgent', 'Urgent'), row('minutes', 'Minutes')]).errors).toEqual({ item1Order: 'Item 1: urgent business must come last' });
    expect(readAgendaTemplate([row('', '')]).errors).toEqual({ item1Kind: 'Enter at least one standard item' });
  });

  it('refuses a section key twice, a bad key, sub-sections of the recommendations, and a template without a summary', () => {
    expect(readSectionTemplate([section('summary', 'Summary', ''), section('recommendations', 'Recommendations', '', 'A'), section('Why me', 'Why'), section('summary', 'Again')]).errors).toEqual({
      section2Subsections: 'The recommendations are a numbered list: they have no sub-sections',
      section3Key: 'The key of section 3 must start with a letter and have only lower-case letters, digits and dashes (40 at most)',
      section4Key: 'Section 4 has the same key as section 1',
    });
    expect(readSectionTemplate([section('recommendations', 'Recommendations', '')]).errors).toEqual({ section1Key: 'The template needs a “summary” section' });
  });
});

describe.each(engines())('template pages’ services on %s', (engine) => {
  let t: TestDatabase;
  let grants: { meeting: number; item: number };
  beforeAll(async () => {
    t = await createTestDatabase(engine);
    expect((await t.app.imports.importFile(await writeCsvWorkbook(smallCouncil()))).ok).toBe(true);
  });
  afterAll(async () => {
    await t?.dispose();
  });
  const audit = (action: string) => t.handle.db.selectFrom('audit_event').selectAll().where('action', '=', action).orderBy('id').execute();

  it('lets only governance officers and administrators change templates', async () => {
    for (const role of ROLES.filter((r) => r !== 'administrator' && r !== 'governance-officer')) {
      const actor = { email: `${role}@x`, role };
      await expect(t.app.agendas.agendaTemplateForm(SLUG, actor)).rejects.toBeInstanceOf(NotAllowedError);
      await expect(t.app.agendas.changeAgendaTemplate(SLUG, [row('minutes', 'Minutes')], '', actor)).rejects.toBeInstanceOf(NotAllowedError);
      await expect(t.app.agendas.sectionTemplateForm(actor)).rejects.toBeInstanceOf(NotAllowedError);
      await expect(t.app.agendas.changeSectionTemplate([section('summary', 'Summary')], '', actor)).rejects.toBeInstanceOf(NotAllowedError);
    }
    expect(await audit('agenda-template:set')).toEqual([]);
  });

  it('saves a committee’s template all or nothing, audited, and starts new agendas from it', async () => {
    const before = (await t.app.agendas.agendaTemplateForm(SLUG, GOV))!;
    expect(before.own).toBe(false);
    expect(await errorsOf(t.app.agendas.changeAgendaTemplate(SLUG, [row('minutes', 'Minutes'), row('absence', '')], '', GOV))).toEqual({ item2Title: 'Enter the title of item 2' });
    expect((await t.app.agendas.agendaTemplateForm(SLUG, GOV))!.own).toBe(false);
    await t.app.agendas.changeAgendaTemplate(SLUG, [row('minutes', 'Minutes of the previous meeting'), row('public-questions', 'Questions', '', 'yes'), row('urgent', 'Urgent business')], 'Shorter agendas', GOV);
    const [event] = await audit('agenda-template:set');
    expect(event).toMatchObject({ actor: GOV.email, entity: 'committee', reason: 'Shorter agendas' });
    const meeting = (await t.app.meetings.addMeeting({ committee: SLUG, date: d('2019-03-13'), startTime: '7pm', venue: 'Hendon Town Hall' }, GOV)).id;
    await t.app.agendas.startAgenda(meeting, GOV);
    grants = { meeting, item: await t.app.agendas.addReport(meeting, { title: 'Grants' }, GOV) };
    expect((await t.app.agendas.staffAgenda(meeting, GOV))!.lines.map((l) => `${l.number}. ${l.title}`)).toEqual(['1. Minutes of the previous meeting', '2. Questions (If any)', '3. Grants', '4. Urgent business']);
  });

  it('saves the council’s section template, audited, and numbers papers by it', async () => {
    await t.app.agendas.changeSectionTemplate([section('summary', 'Summary', ''), section('recommendations', 'Recommendations', ''), section('why', 'Why', 'yes', 'First\nSecond'), section('background', 'Background papers')], '', GOV);
    expect((await audit('paper-sections:set')).length).toBe(1);
    const form = await t.app.agendas.sectionTemplateForm(GOV);
    expect(form.own).toBe(true);
    expect(form.sections.map((s) => s.key)).toEqual(['summary', 'recommendations', 'why', 'background']);
    // A paper's form is numbered by the saved template, and the view puts the recommendations where it says.
    const paperForm = (await t.app.agendas.paperForm(grants.meeting, grants.item, GOV))!;
    expect(paperForm.headings.map((h) => `${h.number} ${h.title}`.trim())).toEqual(['Summary', 'Recommendations', '1 Why', '1.1 First', '1.2 Second', '2 Background papers']);
    await t.app.agendas.changeSectionTemplate([section('summary', 'Summary', ''), section('why', 'Why'), section('recommendations', 'Recommendations', '')], '', GOV);
    const reordered = (await t.app.agendas.paperForm(grants.meeting, grants.item, GOV))!;
    const view = buildPaperFormView(reordered, paperValues(null, 'Grants', []));
    expect(view.sections.map((s) => s.label)).toEqual(['Summary', '1 Why', 'Recommendations']);
    expect(view.sections.map((s) => s.recommendations)).toEqual([false, false, true]);
  });
});
