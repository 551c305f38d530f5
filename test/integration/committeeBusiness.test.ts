/**
 * Committee business services on both engines (issue 11, deliver 1, 2 and 13): people, memberships,
 * committees' cover facts and meetings — every error of a form at once, audit events, roles refused,
 * the membership on a date, and a cycle of meetings made all at once or not at all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotAllowedError } from '../../src/services/committeeBusinessService.ts';
import { createTestDatabase, engines, type TestDatabase } from '../support/db.ts';
import { smallCouncil, writeCsvWorkbook } from '../support/workbook.ts';
import { errorsOf } from '../support/businessErrors.ts';

const GOV = { email: 'governance@council.gov.uk', role: 'governance-officer' as const };
const ADMIN = { email: 'admin@council.gov.uk', role: 'administrator' as const };
const SLUG = 'test-committee';
const d = (iso: string) => ({ day: iso.slice(8, 10), month: iso.slice(5, 7), year: iso.slice(0, 4) });
const NONE = { day: '', month: '', year: '' };


describe.each(engines())('committee business on %s', (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
    expect((await t.app.imports.importFile(await writeCsvWorkbook(smallCouncil()))).ok).toBe(true);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  const audit = (entity: string) => t.handle.db.selectFrom('audit_event').selectAll().where('entity', '=', entity).orderBy('id').execute();

  it('adds people once, with every error of the form at once, and audits each change', async () => {
    const errors = await errorsOf(t.app.committeeBusiness.addPerson({ name: '', kind: 'alien', email: 'not an email', phone: 'call me', reason: 'x'.repeat(2001) }, GOV));
    expect(Object.keys(errors)).toEqual(['name', 'kind', 'email', 'phone', 'reason']);
    expect(errors.name).toBe('Enter the person’s name as they spell it');

    const reuben = await t.app.committeeBusiness.addPerson({ name: ' Reuben  Thompstone ', kind: 'councillor', party: 'Conservative', ward: 'Golders Green' }, GOV);
    expect(reuben).toMatchObject({ slug: 'reuben-thompstone', name: 'Reuben Thompstone', party: 'Conservative', jobTitle: null });
    // One spelling: the same name typed again is refused, whatever its case.
    expect(await errorsOf(t.app.committeeBusiness.addPerson({ name: 'reuben thompstone', kind: 'councillor' }, GOV))).toEqual({
      name: 'Councillor Reuben Thompstone is already held: change their details rather than adding them again',
    });
    expect(await errorsOf(t.app.committeeBusiness.addPerson({ name: 'Councillor Alan Old', kind: 'councillor' }, GOV))).toHaveProperty('name');
    await t.app.committeeBusiness.addPerson({ name: 'Abigail Lewis', kind: 'officer', jobTitle: 'Governance Officer', email: 'Abigail.Lewis@barnet.gov.uk', phone: '020 8359 2761' }, ADMIN);
    const changed = await t.app.committeeBusiness.changePerson('reuben-thompstone', { name: 'Reuben Thompstone', kind: 'councillor', party: 'Conservative', ward: 'Garden Suburb', reason: 'Ward boundaries changed' }, GOV);
    expect(changed.ward).toBe('Garden Suburb');
    const events = await audit('person');
    expect(events.map((e) => [e.action, e.entity_key, e.actor])).toEqual([
      ['person:add', 'reuben-thompstone', GOV.email],
      ['person:add', 'abigail-lewis', ADMIN.email],
      ['person:change', 'reuben-thompstone', GOV.email],
    ]);
    expect(events[2]!.before).toMatchObject({ ward: 'Golders Green' });
    expect(events[2]!.after).toMatchObject({ ward: 'Garden Suburb' });
    expect(events[2]!.reason).toBe('Ward boundaries changed');
  });

  it('refuses every role but governance officers and administrators', async () => {
    for (const role of ['performance-officer', 'data-owner', 'councillor'] as const) {
      const actor = { email: `${role}@x`, role };
      await expect(t.app.committeeBusiness.addPerson({ name: 'Someone Else', kind: 'officer' }, actor)).rejects.toBeInstanceOf(NotAllowedError);
      await expect(t.app.committeeBusiness.changeCommitteeDetails(SLUG, { quorum: '3' }, actor)).rejects.toBeInstanceOf(NotAllowedError);
      await expect(t.app.committeeBusiness.addMembership(SLUG, { person: 'reuben-thompstone', role: 'member', from: d('2018-05-22'), to: NONE }, actor)).rejects.toBeInstanceOf(NotAllowedError);
      await expect(t.app.meetings.addMeeting({ committee: SLUG, date: d('2018-11-21'), startTime: '7pm', venue: 'Hendon Town Hall' }, actor)).rejects.toBeInstanceOf(NotAllowedError);
      await expect(t.app.meetings.moveMeeting(1, { to: 'cancelled', reason: 'x' }, actor)).rejects.toBeInstanceOf(NotAllowedError);
    }
    expect(await t.app.committeeBusiness.personBySlug('someone-else')).toBeNull();
  });

  it('sets quorum, short name and governance contact, checked and audited', async () => {
    const errors = await errorsOf(t.app.committeeBusiness.changeCommitteeDetails(SLUG, { quorum: 'three', shortName: 'x'.repeat(101), governanceContact: 'reuben-thompstone' }, GOV));
    expect(Object.keys(errors)).toEqual(['quorum', 'shortName', 'governanceContact']);
    await t.app.committeeBusiness.changeCommitteeDetails(SLUG, { quorum: '3', shortName: 'CLC', governanceContact: 'abigail-lewis', reason: 'From the constitution' }, GOV);
    const view = (await t.app.committeeBusiness.committeeMembership(SLUG, '2018-11-21'))!;
    expect(view.details).toMatchObject({ quorum: 3, shortName: 'CLC' });
    expect(view.governanceContact?.name).toBe('Abigail Lewis');
    expect((await audit('committee')).at(-1)).toMatchObject({ action: 'committee:details', entity_key: SLUG, reason: 'From the constitution' });
  });

  it('holds dated memberships, refuses an overlapping seat, and gives the membership in force on any date', async () => {
    await t.app.committeeBusiness.addPerson({ name: 'David Longstaff', kind: 'councillor', party: 'Conservative' }, GOV);
    await t.app.committeeBusiness.addPerson({ name: 'Wendy Prentice', kind: 'councillor' }, GOV);
    const errors = await errorsOf(t.app.committeeBusiness.addMembership(SLUG, { person: 'abigail-lewis', role: 'boss', from: { day: '31', month: '2', year: '2018' }, to: d('2017-01-01') }, GOV));
    expect(errors).toEqual({
      person: 'Abigail Lewis is an officer: only councillors are members of committees',
      role: 'Select the role: Chairman, Vice-Chairman, Member or Substitute',
      from: 'The date the membership starts must be a real date',
    });
    const chair = await t.app.committeeBusiness.addMembership(SLUG, { person: 'david-longstaff', role: 'chairman', from: d('2017-05-16'), to: NONE, reason: 'Annual council' }, GOV);
    await t.app.committeeBusiness.addMembership(SLUG, { person: 'wendy-prentice', role: 'substitute', from: d('2017-05-16'), to: NONE }, GOV);
    await t.app.committeeBusiness.addMembership(SLUG, { person: 'reuben-thompstone', role: 'member', from: d('2017-05-16'), to: d('2018-05-21') }, GOV);
    // Reuben becomes Chairman from 22 May 2018 — while David's chairmanship has no end: both may be
    // stored (a person holds one seat at a time; the committee's chair changing is two people's records).
    const clash = await errorsOf(t.app.committeeBusiness.addMembership(SLUG, { person: 'david-longstaff', role: 'vice-chairman', from: d('2018-05-22'), to: NONE }, GOV));
    expect(clash.from).toContain('Councillor David Longstaff is already Chairman of this committee from 16 May 2017');
    await t.app.committeeBusiness.endMembership(SLUG, chair.id, { to: d('2018-05-21'), reason: 'Annual council 2018' }, GOV);
    await t.app.committeeBusiness.addMembership(SLUG, { person: 'david-longstaff', role: 'vice-chairman', from: d('2018-05-22'), to: NONE }, GOV);
    await t.app.committeeBusiness.addMembership(SLUG, { person: 'reuben-thompstone', role: 'chairman', from: d('2018-05-22'), to: NONE }, GOV);
    expect(await errorsOf(t.app.committeeBusiness.endMembership(SLUG, chair.id, { to: d('2016-01-01') }, GOV))).toEqual({ to: 'The last day of the membership must be the same as or after the day it started, 16 May 2017' });

    const names = (date: string) =>
      t.app.committeeBusiness.committeeMembership(SLUG, date).then((v) => {
        const m = v!.membership;
        return { chairman: m.chairman.map((p) => p.name), vice: m.viceChairman.map((p) => p.name), members: m.members.map((p) => p.name), substitutes: m.substitutes.map((p) => p.name) };
      });
    expect(await names('2017-06-21')).toEqual({ chairman: ['David Longstaff'], vice: [], members: ['Reuben Thompstone'], substitutes: ['Wendy Prentice'] });
    expect(await names('2018-05-21')).toEqual({ chairman: ['David Longstaff'], vice: [], members: ['Reuben Thompstone'], substitutes: ['Wendy Prentice'] });
    expect(await names('2018-11-21')).toEqual({ chairman: ['Reuben Thompstone'], vice: ['David Longstaff'], members: [], substitutes: ['Wendy Prentice'] });
    expect(await names('2017-05-15')).toEqual({ chairman: [], vice: [], members: [], substitutes: [] });

    const reuben = (await t.app.committeeBusiness.personMemberships('reuben-thompstone'))!;
    expect(reuben.memberships.map((m) => [m.role, m.from, m.to])).toEqual([
      ['chairman', '2018-05-22', null],
      ['member', '2017-05-16', '2018-05-21'],
    ]);
    const events = await audit('membership');
    expect(events.map((e) => e.action)).toEqual(['membership:add', 'membership:add', 'membership:add', 'membership:end', 'membership:add', 'membership:add']);
    expect(events[3]).toMatchObject({ before: { to: null }, after: { to: '2018-05-21' }, reason: 'Annual council 2018' });
  });

  it('arranges a meeting with its weekday and deadlines computed, and moves it through its statuses', async () => {
    const errors = await errorsOf(t.app.meetings.addMeeting({ committee: 'nope', date: { day: '21', month: '', year: '' }, startTime: 'evening', venue: '' }, GOV));
    expect(errors).toEqual({
      committee: 'Select the committee',
      date: 'The date of the meeting must include a month and a year',
      startTime: 'Enter the start time as a time of day, like 7pm or 19:00',
      venue: 'Enter the venue',
    });
    const meeting = await t.app.meetings.addMeeting({ committee: SLUG, date: d('2018-11-21'), startTime: '7.00pm', venue: 'Hendon Town Hall, The Burroughs, London NW4 4BG' }, GOV);
    expect(meeting).toMatchObject({ date: '2018-11-21', startTime: '19:00', status: 'scheduled', sequence: 0 });
    expect(meeting.uid).toMatch(/@townhall$/);
    expect(await errorsOf(t.app.meetings.addMeeting({ committee: SLUG, date: d('2018-11-21'), startTime: '10am', venue: 'Hendon' }, GOV))).toEqual({
      date: 'The committee already meets on Wednesday 21 November 2018: change that meeting instead',
    });

    const view = (await t.app.meetings.meeting(meeting.id))!;
    expect(view.deadlines!.map((x) => [x.kind, x.date, x.time])).toEqual([
      ['reportClearance', '2018-11-06', null],
      ['agendaPublication', '2018-11-13', null],
      ['publicQuestions', '2018-11-16', '10:00'],
    ]);
    expect(view.committeeOnDate.membership.chairman.map((p) => p.name)).toEqual(['Reuben Thompstone']);
    expect(view.steps).toEqual(['agenda-published', 'postponed', 'cancelled']);

    // Status steps: only those allowed; postponing needs a reason; every step raises the sequence.
    expect(await errorsOf(t.app.meetings.moveMeeting(meeting.id, { to: 'minutes-agreed' }, GOV))).toEqual({ to: 'A meeting that is scheduled cannot become minutes agreed' });
    expect(await errorsOf(t.app.meetings.moveMeeting(meeting.id, { to: 'postponed' }, GOV))).toEqual({ reason: 'Enter the reason the meeting is postponed: its page shows it' });
    const postponed = await t.app.meetings.moveMeeting(meeting.id, { to: 'postponed', reason: 'Election purdah' }, GOV);
    expect(postponed).toMatchObject({ status: 'postponed', statusReason: 'Election purdah', sequence: 1 });
    const changed = await t.app.meetings.changeMeeting(meeting.id, { date: d('2018-11-28'), startTime: '19:00', venue: 'Hendon Town Hall', reason: 'Rearranged' }, GOV);
    expect(changed).toMatchObject({ date: '2018-11-28', sequence: 2 });
    const again = await t.app.meetings.moveMeeting(meeting.id, { to: 'scheduled', reason: 'Rearranged for 28 November' }, GOV);
    expect(again).toMatchObject({ status: 'scheduled', statusReason: null, sequence: 3 });
    for (const to of ['agenda-published', 'held', 'minutes-draft', 'minutes-agreed']) await t.app.meetings.moveMeeting(meeting.id, { to }, GOV);
    expect(await errorsOf(t.app.meetings.changeMeeting(meeting.id, { date: d('2018-11-29'), startTime: '19:00', venue: 'x', reason: 'x' }, GOV))).toEqual({
      date: 'The meeting is minutes agreed: its arrangements can no longer be changed',
    });
    const events = await audit('meeting');
    expect(events.map((e) => e.action)).toEqual(['meeting:add', 'meeting:status', 'meeting:change', 'meeting:status', 'meeting:status', 'meeting:status', 'meeting:status', 'meeting:status']);
    expect(events[2]).toMatchObject({ before: { date: '2018-11-21' }, after: { date: '2018-11-28' }, reason: 'Rearranged' });
  });

  it('previews a cycle from a pattern with bank holidays flagged, and makes the chosen dates all at once or not at all', async () => {
    const base = { committee: SLUG, from: d('2019-01-01'), to: d('2019-12-31'), weekday: 'Monday', week: '-1', pattern: 'listed', months: ['5', '8', '10'], perYear: '', startTime: '19:00', venue: 'Hendon Town Hall' };
    const errors = await errorsOf(t.app.meetings.previewCycle({ ...base, committee: '', from: NONE, weekday: 'Funday', week: '9', months: [], startTime: '' }));
    expect(Object.keys(errors)).toEqual(['committee', 'from', 'weekday', 'week', 'months', 'startTime']);
    const preview = await t.app.meetings.previewCycle(base);
    expect(preview.dates.map((x) => [x.date, x.warning])).toEqual([
      ['2019-05-27', 'Not a working day: Spring bank holiday, a bank holiday'],
      ['2019-08-26', 'Not a working day: Summer bank holiday, a bank holiday'],
      ['2019-10-28', null],
    ]);
    const before = (await t.app.meetings.meetings()).length;
    const auditBefore = (await audit('meeting')).length;
    // A date the pattern does not make refuses the lot.
    expect(await errorsOf(t.app.meetings.addCycle(base, ['2019-10-28', '2019-10-29'], GOV))).toEqual({ dates: 'Select only dates the pattern makes' });
    // So does a date the committee already meets on — checked in the transaction, after nothing was written.
    await t.app.meetings.addMeeting({ committee: SLUG, date: d('2019-10-28'), startTime: '19:00', venue: 'Hendon Town Hall' }, GOV);
    expect(await errorsOf(t.app.meetings.addCycle(base, ['2019-08-26', '2019-10-28'], GOV))).toEqual({ dates: 'The committee already meets on Monday 28 October 2019: change that meeting instead' });
    expect((await t.app.meetings.meetings()).length).toBe(before + 1);
    expect((await t.app.meetings.previewCycle(base)).dates.map((x) => x.existing)).toEqual([false, false, true]);
    const made = await t.app.meetings.addCycle({ ...base, reason: 'Calendar of meetings 2019' }, ['2019-05-27', '2019-08-26'], GOV);
    expect(made.map((m) => m.date)).toEqual(['2019-05-27', '2019-08-26']);
    const events = (await audit('meeting')).slice(auditBefore);
    expect(events.map((e) => [e.action, e.reason])).toEqual([
      ['meeting:add', null],
      ['meeting:add', 'Calendar of meetings 2019'],
      ['meeting:add', 'Calendar of meetings 2019'],
    ]);
    const perYear = await t.app.meetings.previewCycle({ ...base, pattern: 'per-year', perYear: '4', months: [], weekday: 'Wednesday', week: '3', from: d('2018-06-01'), to: d('2019-05-31') });
    expect(perYear.dates.map((x) => x.date)).toEqual(['2018-06-20', '2018-09-19', '2018-12-19', '2019-03-20']);
  });

  it('lists a councillor’s meetings: those of committees they served on the day', async () => {
    const reuben = (await t.app.committeeBusiness.personBySlug('reuben-thompstone'))!;
    const { upcoming, past } = await t.app.meetings.ofPerson(reuben);
    expect([...upcoming, ...past].every((m) => m.committee.slug === SLUG)).toBe(true);
    expect(past.map((m) => m.date)).toContain('2018-11-28');
    const abigail = (await t.app.committeeBusiness.personBySlug('abigail-lewis'))!;
    expect(await t.app.meetings.ofPerson(abigail)).toEqual({ upcoming: [], past: [] });
  });
});
