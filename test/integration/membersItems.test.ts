/**
 * Members' items on both engines (issue 11, deliver 6 and 13; ADR 0025): a councillor member submits an
 * item and is refused a second one; a substitute may submit, a non-member and a former member may not;
 * every problem at once; the window closes with the report clearance deadline and with publication; the
 * governance check is recorded (who, when, why) and audited; only an accepted item reaches the agenda, as
 * a numbered sub-item of "Members' items" with its paper, and the public sees it once the agenda is
 * published.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOT_VISIBLE, type Role } from '../../src/domain/access.ts';
import { NotAllowedError } from '../../src/services/committeeBusinessService.ts';
import type { MembersItemService } from '../../src/services/membersItemService.ts';
import { createTestDatabase, engines, type TestDatabase } from '../support/db.ts';
import { smallCouncil, writeCsvWorkbook } from '../support/workbook.ts';
import { errorsOf } from '../support/businessErrors.ts';

const GOV = { id: 0, email: 'governance@council.gov.uk', role: 'governance-officer' as const };
const ADMIN = { email: 'admin@council.gov.uk', role: 'administrator' as const };
const SLUG = 'test-committee';
const d = (iso: string) => ({ day: iso.slice(8, 10), month: iso.slice(5, 7), year: iso.slice(0, 4) });
const NONE = { day: '', month: '', year: '' };
// The meeting of 21 November 2018: its agenda is published on 13 November, papers go to governance on 6 November.
const BEFORE = '2018-11-01';
const CLOSING = '2018-11-06';
const AFTER = '2018-11-07';


describe.each(engines())('members’ items on %s', (engine) => {
  let t: TestDatabase;
  let meetingId: number;
  let items: MembersItemService;
  const users = new Map<string, { id: number; email: string; role: Role }>();
  const item = (over: Partial<{ meeting: string; title: string; request: string }> = {}) => ({ meeting: String(meetingId), title: 'Libraries Access and Summer Reading Scheme', request: 'I request that the report on the impact of the library changes includes an assessment of the Summer Reading Scheme.', ...over });

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    expect((await t.app.imports.importFile(await writeCsvWorkbook(smallCouncil()))).ok).toBe(true);
    const b = t.app.committeeBusiness;
    await b.addPerson({ name: 'Sara Conway', kind: 'councillor' }, GOV);
    await b.addPerson({ name: 'Alison Moore', kind: 'councillor' }, GOV);
    await b.addPerson({ name: 'Old Member', kind: 'councillor' }, GOV);
    await b.addPerson({ name: 'Other Councillor', kind: 'councillor' }, GOV);
    await b.addPerson({ name: 'Abigail Lewis', kind: 'officer', jobTitle: 'Governance Officer' }, GOV);
    await b.addMembership(SLUG, { person: 'sara-conway', role: 'member', from: d('2018-05-22'), to: NONE }, GOV);
    await b.addMembership(SLUG, { person: 'alison-moore', role: 'substitute', from: d('2018-05-22'), to: NONE }, GOV);
    await b.addMembership(SLUG, { person: 'old-member', role: 'member', from: d('2014-05-22'), to: d('2018-05-21') }, GOV);
    await b.changeCommitteeDetails(SLUG, { quorum: '3', governanceContact: 'abigail-lewis' }, GOV);
    meetingId = (await t.app.meetings.addMeeting({ committee: SLUG, date: d('2018-11-21'), startTime: '7pm', venue: 'Hendon Town Hall' }, GOV)).id;
    const make = async (key: string, role: Role, person: string | null) => {
      const u = await t.app.accounts.createUser({ email: `${key}@council.gov.uk`, name: key, role, password: null }, 'test');
      if (person) await t.app.agendas.linkAccount(u.id, person, ADMIN);
      users.set(key, { id: u.id, email: u.email, role });
    };
    await make('member', 'councillor', 'sara-conway');
    await make('substitute', 'councillor', 'alison-moore');
    await make('former', 'councillor', 'old-member');
    await make('other', 'councillor', 'other-councillor');
    await make('unlinked', 'councillor', null);
    await make('officer', 'performance-officer', null);
    items = t.app.membersItems.asOf(BEFORE);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  const audit = (action: string) => t.handle.db.selectFrom('audit_event').selectAll().where('action', '=', action).orderBy('id').execute();
  const user = (key: string) => users.get(key)!;

  it('lists the meeting as open to members and substitutes only, before its agenda is published', async () => {
    const member = (await items.personOf(user('member')))!;
    expect((await items.openMeetings(member)).map((o) => [o.meeting.id, o.seat, o.closes])).toEqual([[meetingId, 'member', CLOSING]]);
    expect((await items.openMeetings((await items.personOf(user('substitute')))!)).map((o) => o.seat)).toEqual(['substitute']);
    expect(await items.openMeetings((await items.personOf(user('former')))!)).toEqual([]);
    expect(await items.openMeetings(member)).toHaveLength(1);
    expect(await t.app.membersItems.asOf(AFTER).openMeetings(member)).toEqual([]);
  });

  it('refuses roles that are not councillors or governance', async () => {
    await expect(items.submit(item(), user('officer'))).rejects.toBeInstanceOf(NotAllowedError);
    await expect(items.forCheck(user('member'))).rejects.toBeInstanceOf(NotAllowedError);
    await expect(items.check(1, { decision: 'accepted', reason: '' }, user('member'))).rejects.toBeInstanceOf(NotAllowedError);
  });

  it('gives every problem at once', async () => {
    expect(await errorsOf(items.submit(item({ meeting: '', title: ' ', request: '' }), user('unlinked')))).toEqual({
      meeting: 'Your account is not linked to a councillor: ask an administrator to link it. Select the meeting the item is for',
      title: 'Enter the title of your item',
      request: 'Enter what you are asking the committee to consider',
    });
    expect(await errorsOf(items.submit(item({ title: 'x'.repeat(201) }), user('other')))).toEqual({
      meeting: 'You are not a member or appointed substitute of the Test Committee on Wednesday 21 November 2018',
      title: 'Title must be 200 characters or fewer',
    });
  });

  it('refuses a non-member and a former member, and takes nothing after the closing date', async () => {
    expect((await errorsOf(items.submit(item(), user('former')))).meeting).toBe('You are not a member or appointed substitute of the Test Committee on Wednesday 21 November 2018');
    expect((await errorsOf(items.submit(item(), user('other')))).meeting).toMatch(/^You are not a member/);
    expect((await errorsOf(t.app.membersItems.asOf(AFTER).submit(item(), user('member')))).meeting).toBe('Members’ items for the meeting on Wednesday 21 November 2018 closed on Tuesday 6 November 2018');
    expect(await t.handle.db.selectFrom('members_item').selectAll().execute()).toEqual([]);
  });

  let memberItem: number;
  let substituteItem: number;
  it('takes one item from a member on the closing date and refuses a second', async () => {
    memberItem = await t.app.membersItems.asOf(CLOSING).submit(item(), user('member'));
    expect((await errorsOf(items.submit(item({ title: 'Fly-tipping' }), user('member')))).meeting).toBe(
      'You already have an item for the meeting on Wednesday 21 November 2018: a member may have one item only on an agenda',
    );
    const mine = await items.itemsOf((await items.personOf(user('member')))!);
    expect(mine.map((i) => [i.title, i.status, i.statusLabel])).toEqual([['Libraries Access and Summer Reading Scheme', 'submitted', 'Waiting for the governance check']]);
    expect((await audit('members-item:submit')).map((a) => [a.actor, a.entity_key])).toEqual([['member@council.gov.uk', String(memberItem)]]);
    // The database holds the rule too.
    await expect(
      t.handle.db.insertInto('members_item').values({ meeting_id: meetingId, person_id: mine[0]!.personId, title: 'x', request: 'y', submitted_by: 'sql', check_reason: null, checked_by: null, checked_at: null, agenda_item_id: null }).execute(),
    ).rejects.toThrow();
  });

  it('allows an appointed substitute', async () => {
    substituteItem = await items.submit(item({ title: 'Parking by the library', request: 'That the committee consider the parking.' }), user('substitute'));
    expect(substituteItem).toBeGreaterThan(memberItem);
  });

  it('shows an item to its member and to governance only', async () => {
    expect(await items.item(memberItem, user('other'))).toBe(NOT_VISIBLE);
    expect(await items.item(memberItem, user('substitute'))).toBe(NOT_VISIBLE);
    expect(await items.item(memberItem, null)).toBe(NOT_VISIBLE);
    expect(await items.item(memberItem, user('officer'))).toBe(NOT_VISIBLE);
    expect(await items.item(memberItem, user('member'))).not.toBe(NOT_VISIBLE);
    expect(await items.item(memberItem, GOV)).not.toBe(NOT_VISIBLE);
    expect((await items.forCheck(GOV)).map((i) => i.id)).toEqual([substituteItem, memberItem]);
  });

  it('records the check: a refusal needs its reason; acceptance needs a started agenda', async () => {
    expect(await errorsOf(items.check(memberItem, { decision: '', reason: '' }, GOV))).toEqual({ decision: 'Select whether the item is accepted' });
    expect(await errorsOf(items.check(substituteItem, { decision: 'not-accepted', reason: ' ' }, GOV))).toEqual({ reason: 'Enter why the item is not accepted: how it falls outside the committee’s terms of reference' });
    expect(await errorsOf(items.check(memberItem, { decision: 'accepted', reason: '' }, GOV))).toEqual({ decision: 'Start the meeting’s agenda before accepting the item: it goes under “Members’ items”' });
    await items.check(substituteItem, { decision: 'not-accepted', reason: 'Parking is for the Environment Committee.' }, GOV);
    const refused = await items.item(substituteItem, user('substitute'));
    expect(refused).not.toBe(NOT_VISIBLE);
    if (refused === NOT_VISIBLE) return;
    expect([refused.status, refused.checkReason, refused.checkedBy, refused.checkedAt instanceof Date, refused.agendaItemId]).toEqual(['not-accepted', 'Parking is for the Environment Committee.', GOV.email, true, null]);
    expect((await errorsOf(items.check(substituteItem, { decision: 'accepted', reason: '' }, GOV))).decision).toMatch(/^The item was checked by governance@council\.gov\.uk on /);
  });

  it('puts an accepted item on the agenda under Members’ items, numbered, with its paper; the public sees it once published', async () => {
    await t.app.agendas.startAgenda(meetingId, GOV);
    await t.app.agendas.addReport(meetingId, { title: 'Business Planning Report' }, GOV);
    await items.check(memberItem, { decision: 'accepted', reason: 'Libraries are within the terms of reference.' }, GOV);
    const staff = (await t.app.agendas.staffAgenda(meetingId, GOV))!;
    expect(staff.lines.map((l) => `${l.number}. ${l.title}`)).toEqual([
      '1. Minutes of last meeting',
      '2. Absence of Members (If any)',
      "3. Declaration of Members' Disclosable Pecuniary interests and Non Pecuniary interests (If any)",
      '4. Report of the Monitoring Officer (If any)',
      '5. Public Comments and Questions (If any)',
      "6. Members' Items (If any)",
      "6.1. Member's Item - Cllr Sara Conway",
      '7. Business Planning Report',
      '8. Test Committee Forward Work Programme',
      '9. Any item(s) the Chairman decides are urgent',
    ].map((l) => l.replace('6.1.', '6.1.')));
    // A report added later still goes before the closing items; the sub-item stays under item 6.
    await t.app.agendas.addReport(meetingId, { title: 'Prevent Update' }, GOV);
    const after = (await t.app.agendas.staffAgenda(meetingId, GOV))!.lines.map((l) => `${l.number} ${l.title}`);
    expect(after.slice(5, 9)).toEqual(["6 Members' Items (If any)", "6.1 Member's Item - Cllr Sara Conway", '7 Business Planning Report', '8 Prevent Update']);
    // Moving item 6 takes its sub-item along; the sub-item itself does not move.
    const line = (await t.app.agendas.staffAgenda(meetingId, GOV))!.lines;
    const parent = line.find((l) => l.item?.kind === 'members-items')!.item!.id;
    const sub = line.find((l) => l.item?.kind === 'member-item')!.item!;
    await t.app.agendas.moveItem(meetingId, parent, 'down', GOV);
    expect((await t.app.agendas.staffAgenda(meetingId, GOV))!.lines.slice(5, 8).map((l) => `${l.number} ${l.title}`)).toEqual(['6 Business Planning Report', "7 Members' Items (If any)", "7.1 Member's Item - Cllr Sara Conway"]);
    expect(await errorsOf(t.app.agendas.moveItem(meetingId, sub.id, 'up', GOV))).toHaveProperty('item');
    expect(await errorsOf(t.app.agendas.removeItem(meetingId, parent, GOV))).toEqual({ item: "“Members' Items” has members’ items under it: it cannot be taken off the agenda" });
    await t.app.agendas.moveItem(meetingId, parent, 'up', GOV);

    const view = await items.item(memberItem, user('member'));
    if (view === NOT_VISIBLE) throw new Error('not visible');
    expect([view.status, view.lineNumber, view.checkedBy, view.checkReason]).toEqual(['accepted', '6.1', GOV.email, 'Libraries are within the terms of reference.']);
    const paper = (await t.handle.db.selectFrom('paper').selectAll().where('id', '=', view.paperId!).executeTakeFirstOrThrow());
    expect([paper.title, paper.report_of, paper.wards, paper.status, paper.key_decision]).toEqual(['Libraries Access and Summer Reading Scheme', 'Councillor Sara Conway', 'All', 'public', 'non-key']);
    expect(paper.recommendations).toEqual(['That the Committee’s instructions in relation to this Member’s item are requested.']);
    expect(String((paper.sections as Record<string, string>).why)).toContain(item().request);
    expect((await audit('members-item:check')).map((a) => [a.entity_key, a.actor])).toEqual([
      [String(substituteItem), GOV.email],
      [String(memberItem), GOV.email],
    ]);
    expect((await audit('agenda:add-members-item'))).toHaveLength(1);

    // Before publication the public sees neither the agenda nor the paper.
    expect(await t.app.agendas.publicAgenda(meetingId, 'Test Committee')).toBeNull();
    expect(await t.app.agendas.paper(meetingId, view.paperId!, null)).toBe(NOT_VISIBLE);
    // The reports need papers or "to follow" before publication.
    for (const l of (await t.app.agendas.staffAgenda(meetingId, GOV))!.lines.filter((x) => x.item?.kind === 'report')) await t.app.agendas.setToFollow(meetingId, l.item!.id, true, GOV);
    await t.app.agendas.publishAgenda(meetingId, GOV);
    const published = (await t.app.agendas.publicAgenda(meetingId, 'Test Committee'))!;
    expect(published.lines.filter((l) => l.number.startsWith('6')).map((l) => [l.number, l.title, l.paperId])).toEqual([
      ['6', "Members' Items (If any)", null],
      ['6.1', "Member's Item - Cllr Sara Conway", view.paperId],
    ]);
    // The refused item is nowhere on it.
    expect(JSON.stringify(published)).not.toContain('Parking');
    const publicPaper = await t.app.agendas.paper(meetingId, view.paperId!, null);
    expect(publicPaper).not.toBe(NOT_VISIBLE);
    if (publicPaper !== NOT_VISIBLE) expect([publicPaper.itemNumber, publicPaper.cover.title, publicPaper.contacts.map((c) => c.name)]).toEqual(['6.1', 'Libraries Access and Summer Reading Scheme', ['Abigail Lewis']]);
  });

  it('takes no item once the agenda is published', async () => {
    await t.app.committeeBusiness.addPerson({ name: 'Late Member', kind: 'councillor' }, GOV);
    await t.app.committeeBusiness.addMembership(SLUG, { person: 'late-member', role: 'member', from: d('2018-05-22'), to: NONE }, GOV);
    expect((await errorsOf(items.submit({ ...item(), member: 'late-member' }, GOV))).meeting).toBe(
      'The agenda of the meeting on Wednesday 21 November 2018 is no longer open: it is published, or the meeting is cancelled or postponed',
    );
    expect((await errorsOf(items.submit(item(), user('member')))).meeting).toMatch(/is no longer open.*\. You already have an item/);
  });
});
