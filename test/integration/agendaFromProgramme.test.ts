/**
 * An agenda started from the forward work programme on both engines (issue 11, deliver 7; ADR 0020,
 * ADR 0022): the entries aimed at the meeting and the standing items its rules make for it become report
 * items, in programme order where the template places reports, each linked to its row (migration 0028);
 * a row printed "(if any)" is a standing item without a paper; the staff page offers the rows before the
 * agenda is started and says afterwards which items came from the programme; an agenda started without
 * the programme has the template's items only; an entry taken off the programme later leaves its item.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntryInput } from '../../src/services/workProgrammeService.ts';
import { buildServer } from '../../src/web/server.ts';
import { signInAs, type SignedIn } from '../support/auth.ts';
import { createTestDatabase, engines, type TestDatabase } from '../support/db.ts';
import { smallCouncil, writeCsvWorkbook } from '../support/workbook.ts';

const GOV = { email: 'governance@council.gov.uk', role: 'governance-officer' as const };
const SLUG = 'test-committee';
const d = (iso: string) => ({ day: iso.slice(8, 10), month: iso.slice(5, 7), year: iso.slice(0, 4) });
const NONE = { day: '', month: '', year: '' };

const entry = (title: string, meeting: number): Partial<EntryInput> => ({ title, overview: 'For the Committee to note.', reportOf: 'Strategic Lead, Safer Communities', issueType: 'non-key', target: 'meeting', meeting: String(meeting) });

describe.each(engines())('agendas started from the work programme on %s', (engine) => {
  let t: TestDatabase;
  let server: ReturnType<typeof buildServer>;
  let officer: SignedIn;
  const ids: Record<string, number> = {};
  const entries: Record<string, number> = {};

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    expect((await t.app.imports.importFile(await writeCsvWorkbook(smallCouncil()))).ok).toBe(true);
    for (const [key, date] of [
      ['june', '2018-06-12'],
      ['nov', '2018-11-21'],
      ['mar', '2019-03-07'],
    ] as const) {
      ids[key] = (await t.app.meetings.addMeeting({ committee: SLUG, date: d(date), startTime: '7pm', venue: 'Hendon Town Hall' }, GOV)).id;
    }
    const wp = t.app.workProgramme;
    // Added out of the order of their titles: the programme's order is the order they were added.
    entries.asb = (await wp.addEntry(SLUG, entry('Progress report on anti-social behaviour hotspots', ids.nov!), GOV)).id;
    entries.prevent = (await wp.addEntry(SLUG, entry('Prevent and Community Engagement Update', ids.nov!), GOV)).id;
    entries.elsewhere = (await wp.addEntry(SLUG, entry('Libraries review', ids.mar!), GOV)).id;
    await wp.addRule(SLUG, { kind: 'every-meeting', title: 'Nomination for Assets of Community Value (if any)', overview: 'Nominations received', reportOf: 'Community Engagement Lead', issueType: 'non-key', from: d('2018-06-12'), to: NONE }, GOV);
    await wp.addRule(SLUG, { kind: 'quarterly-performance', title: '{quarter} Performance Report', overview: 'Quarter {n}', reportOf: 'Head of Performance and Risk', issueType: 'non-key', from: d('2018-06-12'), to: NONE }, GOV);
    server = buildServer(t.app);
    await server.ready();
    officer = await signInAs(t.app, 'governance-officer');
  });
  afterAll(async () => {
    await server?.close();
    await t?.dispose();
  });

  const post = (url: string, fields: Record<string, string>) =>
    server.inject({ method: 'POST', url, payload: new URLSearchParams({ _csrf: officer.csrfToken, ...fields }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: officer.cookie } });
  const get = (url: string) => server.inject({ url, headers: { cookie: officer.cookie } });
  const stored = (meetingId: number) =>
    t.handle.db.selectFrom('agenda_item').select(['title', 'kind', 'if_any', 'work_programme_entry_id', 'standing_item_rule_id', 'standing_period']).where('meeting_id', '=', meetingId).orderBy('position').execute();

  it('offers the programme’s rows for the meeting on the staff page before the agenda is started', async () => {
    const page = await get(`/admin/meetings/${ids.nov}/agenda`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('The forward work programme for this meeting');
    expect(page.body).toContain('Prevent and Community Engagement Update');
    expect(page.body).toContain('Q2 2018/19');
    expect(page.body).not.toContain('Libraries review');
  });

  it('makes the programme’s rows reports, in programme order before the work programme and urgent business, each linked to its row', async () => {
    const res = await post(`/admin/meetings/${ids.nov}/agenda`, { action: 'start', programme: 'yes' });
    expect(res.statusCode).toBe(303);
    const staff = (await t.app.agendas.staffAgenda(ids.nov!, GOV))!;
    const titles = staff.lines.map((l) => `${l.number}. ${l.title}`);
    expect(titles.slice(6)).toEqual([
      '7. Progress report on anti-social behaviour hotspots',
      '8. Prevent and Community Engagement Update',
      '9. Nomination for Assets of Community Value (If any)',
      '10. Q2 Performance Report',
      expect.stringMatching(/^11\. .*Forward Work Programme$/),
      '12. Any item(s) the Chairman decides are urgent',
    ]);
    const rows = await stored(ids.nov!);
    const rules = await t.app.workProgramme.rules((await t.app.organisation.committeeBySlug(SLUG))!.id);
    expect(rows.slice(6, 10)).toEqual([
      { title: 'Progress report on anti-social behaviour hotspots', kind: 'report', if_any: false, work_programme_entry_id: entries.asb, standing_item_rule_id: null, standing_period: null },
      { title: 'Prevent and Community Engagement Update', kind: 'report', if_any: false, work_programme_entry_id: entries.prevent, standing_item_rule_id: null, standing_period: null },
      { title: 'Nomination for Assets of Community Value', kind: 'standing', if_any: true, work_programme_entry_id: null, standing_item_rule_id: rules[0]!.id, standing_period: null },
      { title: 'Q2 Performance Report', kind: 'report', if_any: false, work_programme_entry_id: null, standing_item_rule_id: rules[1]!.id, standing_period: '2018-Q2' },
    ]);
    expect(rows.filter((r) => r.title === 'Libraries review')).toEqual([]);
    // The template's items are not linked to the programme.
    expect(rows.slice(0, 6).every((r) => r.work_programme_entry_id === null && r.standing_item_rule_id === null)).toBe(true);
    const audit = await t.handle.db.selectFrom('audit_event').select('after').where('action', '=', 'agenda:start').where('entity_key', '=', String(ids.nov)).executeTakeFirstOrThrow();
    expect(JSON.stringify(audit.after)).toContain(`"entryId":${entries.prevent}`);
  });

  it('says on the staff page which items came from the programme', async () => {
    const page = (await get(`/admin/meetings/${ids.nov}/agenda`)).body;
    const row = (title: string) => page.split('<tr class="govuk-table__row">').find((r) => r.includes(title))!;
    expect(row('Prevent and Community Engagement Update')).toContain('From the forward work programme (an entry)');
    expect(row('Q2 Performance Report')).toContain('From the forward work programme (a standing item, Q2 2018/19)');
    expect(row('Declaration of Members')).not.toContain('From the forward work programme');
  });

  it('starts an agenda from the template alone when asked, and keeps an item whose entry is taken off the programme', async () => {
    // The form's checkbox left unticked sends nothing.
    expect((await post(`/admin/meetings/${ids.mar}/agenda`, { action: 'start' })).statusCode).toBe(303);
    const rows = await stored(ids.mar!);
    expect(rows.map((r) => r.title)).not.toContain('Libraries review');
    expect(rows.every((r) => r.work_programme_entry_id === null && r.standing_item_rule_id === null)).toBe(true);

    await t.app.workProgramme.removeEntry(entries.prevent!, { reason: 'Taken to Policy and Resources instead' }, GOV);
    const after = await stored(ids.nov!);
    expect(after.find((r) => r.title === 'Prevent and Community Engagement Update')).toMatchObject({ kind: 'report', work_programme_entry_id: null });
  });
});
