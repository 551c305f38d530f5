/**
 * Forward work programme services on both engines (issue 11, deliver 7, 8 and 13): entries aimed at a
 * meeting, a later month or to be scheduled, every error of a form at once, roles refused, audit events,
 * several entries made all at once or not at all, standing items computed from rules, the rows a
 * meeting's agenda starts from, and entries of a held meeting kept as the record.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotAllowedError } from '../../src/services/committeeBusinessService.ts';
import type { EntryInput } from '../../src/services/workProgrammeService.ts';
import { createTestDatabase, engines, type TestDatabase } from '../support/db.ts';
import { smallCouncil, writeCsvWorkbook } from '../support/workbook.ts';
import { errorsOf } from '../support/businessErrors.ts';

const GOV = { email: 'governance@council.gov.uk', role: 'governance-officer' as const };
const ADMIN = { email: 'admin@council.gov.uk', role: 'administrator' as const };
const SLUG = 'test-committee';
const d = (iso: string) => ({ day: iso.slice(8, 10), month: iso.slice(5, 7), year: iso.slice(0, 4) });
const NONE = { day: '', month: '', year: '' };


const entry = (over: Partial<EntryInput>): Partial<EntryInput> => ({
  title: 'Progress report on anti-social behaviour hotspots',
  overview: 'Relevant to Priority 1 of the Community Safety Strategy.',
  reportOf: 'Assistant Director Community Safety and Regulatory Services',
  issueType: 'non-key',
  target: 'unscheduled',
  ...over,
});

describe.each(engines())('forward work programme on %s', (engine) => {
  let t: TestDatabase;
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    t = await createTestDatabase(engine);
    expect((await t.app.imports.importFile(await writeCsvWorkbook(smallCouncil()))).ok).toBe(true);
    for (const [key, date] of [
      ['june', '2018-06-12'],
      ['nov', '2018-11-21'],
      ['jan', '2019-01-16'],
      ['mar', '2019-03-07'],
    ] as const) {
      ids[key] = (await t.app.meetings.addMeeting({ committee: SLUG, date: d(date), startTime: '7pm', venue: 'Hendon Town Hall' }, GOV)).id;
    }
  });
  afterAll(async () => {
    await t?.dispose();
  });

  const audit = (entity: string) => t.handle.db.selectFrom('audit_event').selectAll().where('entity', '=', entity).orderBy('id').execute();
  const count = async () => Number((await t.handle.db.selectFrom('work_programme_entry').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  it('refuses every role but governance officers and administrators, writing nothing', async () => {
    for (const role of ['performance-officer', 'data-owner', 'councillor'] as const) {
      const actor = { email: `${role}@x`, role };
      await expect(t.app.workProgramme.addEntry(SLUG, entry({}), actor)).rejects.toBeInstanceOf(NotAllowedError);
      await expect(t.app.workProgramme.addEntries(SLUG, [entry({})], actor)).rejects.toBeInstanceOf(NotAllowedError);
      await expect(t.app.workProgramme.changeEntry(1, entry({}), actor)).rejects.toBeInstanceOf(NotAllowedError);
      await expect(t.app.workProgramme.removeEntry(1, { reason: 'x' }, actor)).rejects.toBeInstanceOf(NotAllowedError);
      await expect(t.app.workProgramme.addRule(SLUG, {}, actor)).rejects.toBeInstanceOf(NotAllowedError);
      await expect(t.app.workProgramme.endRule(1, { to: d('2019-01-01') }, actor)).rejects.toBeInstanceOf(NotAllowedError);
    }
    expect(await count()).toBe(0);
    expect(await audit('work_programme_entry')).toEqual([]);
  });

  it('returns every error of the entry form at once, in the form’s order', async () => {
    const errors = await errorsOf(t.app.workProgramme.addEntry(SLUG, { title: '', overview: ' ', reportOf: 'x'.repeat(301), issueType: 'maybe', target: 'later', laterMonth: '13', laterYear: '2019', reason: 'x'.repeat(2001) }, GOV));
    expect(Object.keys(errors)).toEqual(['title', 'overview', 'reportOf', 'issueType', 'later', 'reason']);
    expect(errors.title).toBe('Enter the title of the report');
    expect(errors.later).toBe('The later date must be a real month and year');
    expect(await errorsOf(t.app.workProgramme.addEntry(SLUG, entry({ target: 'soon' }), GOV))).toEqual({ target: 'Select when the committee takes the report' });
    expect(await errorsOf(t.app.workProgramme.addEntry(SLUG, entry({ target: 'meeting', meeting: '' }), GOV))).toEqual({ meeting: 'Select the meeting' });
    expect(await count()).toBe(0);
  });

  it('adds entries aimed at a meeting, a later month and to be scheduled, each audited', async () => {
    const hotspot = await t.app.workProgramme.addEntry(SLUG, entry({ target: 'meeting', meeting: String(ids.nov), reason: 'Agreed at the June meeting' }), GOV);
    expect(hotspot).toMatchObject({ title: 'Progress report on anti-social behaviour hotspots', issueType: 'non-key', target: { kind: 'meeting', meetingId: ids.nov } });
    const library = await t.app.workProgramme.addEntry(SLUG, entry({ title: 'Annual review of the library system', issueType: 'key', target: 'later', laterMonth: 'June', laterYear: '2019' }), ADMIN);
    expect(library.target).toEqual({ kind: 'month', month: '2019-06' });
    const old = await t.app.workProgramme.addEntry(SLUG, entry({ title: 'Business planning', issueType: 'not-stated' }), GOV);
    expect(old).toMatchObject({ issueType: null, target: { kind: 'unscheduled' } });
    const events = await audit('work_programme_entry');
    expect(events.map((e) => [e.action, e.entity_key, e.actor])).toEqual([
      ['work-programme:add', String(hotspot.id), GOV.email],
      ['work-programme:add', String(library.id), ADMIN.email],
      ['work-programme:add', String(old.id), GOV.email],
    ]);
    expect(events[0]!.after).toMatchObject({ committee: SLUG, issueType: 'non-key', target: { meeting: ids.nov, date: '2018-11-21' } });
    expect(events[0]!.reason).toBe('Agreed at the June meeting');
  });

  it('makes several entries all at once or none, with each entry’s errors located', async () => {
    const before = await count();
    const errors = await errorsOf(t.app.workProgramme.addEntries(SLUG, [entry({ title: 'Fine' }), entry({ title: '', issueType: '' }), entry({ title: 'Elsewhere', target: 'meeting', meeting: '999999' })], GOV));
    expect(errors).toEqual({ '2.title': 'Enter the title of the report', '2.issueType': 'Select the issue type: key, non-key or urgent' });
    // Every form is right, but one meeting is not the committee's: the check in the transaction refuses the lot.
    const refused = await errorsOf(t.app.workProgramme.addEntries(SLUG, [entry({ title: 'Fine' }), entry({ title: 'Elsewhere', target: 'meeting', meeting: '999999' })], GOV));
    expect(refused).toEqual({ '2.meeting': 'Select a meeting of this committee' });
    expect(await count()).toBe(before);
    const made = await t.app.workProgramme.addEntries(SLUG, [entry({ title: 'One', target: 'meeting', meeting: String(ids.mar) }), entry({ title: 'Two', target: 'meeting', meeting: String(ids.mar) })], GOV);
    expect(made.map((e) => e.title)).toEqual(['One', 'Two']);
    expect(await count()).toBe(before + 2);
  });

  it('computes standing items from rules and shows the programme from a date', async () => {
    const ruleErrors = await errorsOf(t.app.workProgramme.addRule(SLUG, { kind: 'weekly', title: '', overview: '', reportOf: '', issueType: '', lagDays: '-1', from: NONE, to: d('2018-02-30') }, GOV));
    expect(Object.keys(ruleErrors)).toEqual(['kind', 'title', 'overview', 'reportOf', 'issueType', 'lagDays', 'from', 'to']);
    await t.app.workProgramme.addRule(SLUG, { kind: 'every-meeting', title: 'Corporate Grants (Standing item)', overview: 'Assessments of grant applications', reportOf: 'Grants Manager', issueType: 'non-key', from: d('2018-06-12'), to: NONE }, GOV);
    const perf = await t.app.workProgramme.addRule(
      SLUG,
      { kind: 'quarterly-performance', title: '{quarter} Performance Report', overview: 'Priorities for Quarter {n} ({quarter}) {year}', reportOf: 'Head of Performance and Risk', issueType: 'non-key', from: d('2018-06-12'), to: NONE },
      GOV,
    );
    expect(perf.lagDays).toBe(42);
    const view = (await t.app.workProgramme.programme(SLUG, '2018-11-01'))!;
    expect(view.programme.span).toBe('November 2018 - March 2019');
    expect(view.programme.sections.map((s) => s.heading)).toEqual(['21 November 2018', '16 January 2019', '7 March 2019', 'June 2019', 'To be scheduled']);
    const nov = view.programme.sections[0]!;
    expect(nov.items.map((i) => [i.title, i.source])).toEqual([
      ['Progress report on anti-social behaviour hotspots', 'entry'],
      ['Corporate Grants (Standing item)', 'standing'],
      ['Q2 Performance Report', 'standing'],
    ]);
    // 16 January 2019 is within six weeks of the end of Q3: it receives no performance report; 7 March takes Q3.
    expect(view.programme.sections[1]!.items.map((i) => i.title)).toEqual(['Corporate Grants (Standing item)']);
    expect(view.programme.sections[2]!.items.map((i) => i.title)).toEqual(['One', 'Two', 'Corporate Grants (Standing item)', 'Q3 Performance Report']);

    // Cancelling the January meeting takes it off; ending the grants rule after November takes grants off March.
    await t.app.meetings.moveMeeting(ids.jan!, { to: 'cancelled', reason: 'No business' }, GOV);
    const grants = (await t.app.workProgramme.rules((await t.app.organisation.committeeBySlug(SLUG))!.id))[0]!;
    expect(await errorsOf(t.app.workProgramme.endRule(grants.id, { to: d('2018-01-01') }, GOV))).toEqual({ to: 'The date the rule ends must be on or after the date it starts, 12 June 2018' });
    await t.app.workProgramme.endRule(grants.id, { to: d('2018-12-31'), reason: 'Grants now go to the Policy and Resources Committee' }, GOV);
    const after = (await t.app.workProgramme.programme(SLUG, '2018-11-01'))!;
    expect(after.programme.sections.map((s) => s.heading)).toEqual(['21 November 2018', '7 March 2019', 'June 2019', 'To be scheduled']);
    expect(after.programme.sections[1]!.items.map((i) => i.title)).toEqual(['One', 'Two', 'Q3 Performance Report']);
    expect((await audit('standing_item_rule')).map((e) => e.action)).toEqual(['standing-item:add', 'standing-item:add', 'standing-item:end']);
  });

  it('gives an agenda the rows of a meeting: its entries, then its standing items with their quarter', async () => {
    const rows = (await t.app.workProgramme.meetingItems(ids.nov!))!;
    expect(rows.meeting.date).toBe('2018-11-21');
    expect(rows.items.map((i) => [i.title, i.source === 'standing' ? i.period : null])).toEqual([
      ['Progress report on anti-social behaviour hotspots', null],
      ['Corporate Grants (Standing item)', null],
      ['Q2 Performance Report', '2018-Q2'],
    ]);
    expect(await t.app.workProgramme.meetingItems(999999)).toBeNull();
  });

  it('changes and removes entries with a reason, refuses a past meeting as a target, and keeps the entries of a held meeting', async () => {
    const [hotspot] = (await t.app.workProgramme.meetingItems(ids.nov!))!.items;
    const id = hotspot!.source === 'entry' ? hotspot!.entryId : 0;
    const moved = await t.app.workProgramme.changeEntry(id, entry({ issueType: 'key', target: 'meeting', meeting: String(ids.mar), reason: 'Deferred' }), GOV);
    expect(moved).toMatchObject({ issueType: 'key', target: { kind: 'meeting', meetingId: ids.mar } });
    const change = (await audit('work_programme_entry')).filter((e) => e.action === 'work-programme:change');
    expect(change).toHaveLength(1);
    expect(change[0]!.before).toMatchObject({ issueType: 'non-key', target: { meeting: ids.nov } });
    expect(change[0]!.after).toMatchObject({ issueType: 'key', target: { meeting: ids.mar } });

    // The cancelled January meeting is not a target.
    expect(await errorsOf(t.app.workProgramme.changeEntry(id, entry({ target: 'meeting', meeting: String(ids.jan) }), GOV))).toEqual({
      meeting: 'The meeting of 16 January 2019 is cancelled: aim the report at a meeting still to happen',
    });

    expect(await errorsOf(t.app.workProgramme.removeEntry(id, { reason: ' ' }, GOV))).toEqual({ reason: 'Enter the reason the report is taken off the programme' });
    await t.app.workProgramme.removeEntry(id, { reason: 'Withdrawn by the service' }, GOV);
    expect(await t.app.workProgramme.entry(id)).toBeNull();
    const removed = (await audit('work_programme_entry')).at(-1)!;
    expect([removed.action, removed.after, removed.reason]).toEqual(['work-programme:remove', null, 'Withdrawn by the service']);

    // Once the March meeting is held, its entries are the record of what it took.
    const one = (await t.app.workProgramme.meetingItems(ids.mar!))!.items[0]!;
    const oneId = one.source === 'entry' ? one.entryId : 0;
    for (const to of ['agenda-published', 'held']) await t.app.meetings.moveMeeting(ids.mar!, { to }, GOV);
    expect((await t.app.workProgramme.entry(oneId))!.editable).toBe(false);
    expect(Object.values(await errorsOf(t.app.workProgramme.changeEntry(oneId, entry({ title: 'Changed' }), GOV)))[0]).toMatch(/has been held/);
    expect(Object.values(await errorsOf(t.app.workProgramme.removeEntry(oneId, { reason: 'x' }, GOV)))[0]).toMatch(/has been held/);
    expect((await t.app.workProgramme.entry(oneId))!.title).toBe('One');
  });

  it('answers null for a committee that does not exist', async () => {
    expect(await t.app.workProgramme.programme('no-such-committee')).toBeNull();
  });
});
