/**
 * Meeting outcomes on both engines (issue 12; ADR 0026): attendance with the substitute rules and the
 * quorum, votes checked against the voting members present, results computed (tie and casting vote),
 * report-back actions making work-programme entries, draft minutes hidden until published, exempt items'
 * minutes per role, agreed minutes locked with corrections needing a reason, every change audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOT_VISIBLE, ROLES, type Role } from '../../src/domain/access.ts';
import { exemptPlaceholder } from '../../src/domain/reportPaper.ts';
import type { PaperInput } from '../../src/services/agendaService.ts';
import { NotAllowedError } from '../../src/services/committeeBusinessService.ts';
import { readFinishingTime, readResolutions, type ItemInput, type MotionInput } from '../../src/services/outcomesService.ts';
import type { MinutesModel } from '../../src/reports/minutesDocument.ts';
import { createTestDatabase, engines, type TestDatabase } from '../support/db.ts';
import { smallCouncil, writeCsvWorkbook } from '../support/workbook.ts';
import { errorsOf } from '../support/businessErrors.ts';

const GOV = { email: 'governance@council.gov.uk', role: 'governance-officer' as const };
const ADMIN = { email: 'admin@council.gov.uk', role: 'administrator' as const };
const SLUG = 'test-committee';
const d = (iso: string) => ({ day: iso.slice(8, 10), month: iso.slice(5, 7), year: iso.slice(0, 4) });
const NONE = { day: '', month: '', year: '' };
const SECRET = 'The preferred bidder offered £1.2m';


const paper = (over: Partial<PaperInput> = {}): PaperInput => ({
  title: 'Report',
  reportOf: 'Strategic Director',
  wards: 'All',
  status: 'public',
  exemptParagraph: '',
  urgent: 'no',
  key: 'non-key',
  contacts: ['sam-officer'],
  enclosures: [],
  sections: { summary: 'Summary.', why: 'Why.' },
  recommendations: '1. That the Committee note the report',
  ...over,
});

const motion = (over: Partial<MotionInput> = {}): MotionInput => ({ text: '', mover: '', seconder: '', amendments: '', for: '', against: '', abstain: '', casting: '', named: {}, ...over });
const item = (over: Partial<ItemInput> = {}): ItemInput => ({ discussion: '', resolutions: '', resolvedUnanimously: '', noBusiness: '', motions: [], actions: [], ...over });

describe.each(engines())('meeting outcomes on %s', (engine) => {
  let t: TestDatabase;
  let meetingId: number;
  let laterId: number;
  let reportItem: number;
  let exemptItem: number;
  const users = new Map<string, { id: number; email: string; role: Role }>();

  const present = (rows: [string, string, string?][], others: string[] = [], finishedAt = '20.28pm', reason = '') =>
    t.app.outcomes.recordAttendance(meetingId, { rows: rows.map(([person, status, inPlaceOf]) => ({ person, status, inPlaceOf: inPlaceOf ?? '' })), others, finishedAt, reason }, GOV);
  const FULL: [string, string, string?][] = [
    ['carol-chair', 'present'],
    ['victor-vice', 'present'],
    ['mary-member', 'present'],
    ['max-member', 'apologies'],
    ['nina-member', 'present'],
    ['sue-sub', 'present', 'max-member'],
  ];
  const audit = (action: string) => t.handle.db.selectFrom('audit_event').selectAll().where('action', '=', action).orderBy('id').execute();

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    expect((await t.app.imports.importFile(await writeCsvWorkbook(smallCouncil()))).ok).toBe(true);
    const b = t.app.committeeBusiness;
    for (const name of ['Carol Chair', 'Victor Vice', 'Mary Member', 'Max Member', 'Nina Member', 'Sue Sub', 'Other Councillor']) await b.addPerson({ name, kind: 'councillor' }, GOV);
    await b.addPerson({ name: 'Sam Officer', kind: 'officer', jobTitle: 'Head of Procurement' }, GOV);
    const seat = (person: string, role: string) => b.addMembership(SLUG, { person, role, from: d('2018-05-22'), to: NONE }, GOV);
    await seat('carol-chair', 'chairman');
    await seat('victor-vice', 'vice-chairman');
    await seat('mary-member', 'member');
    await seat('max-member', 'member');
    await seat('nina-member', 'member');
    await seat('sue-sub', 'substitute');
    await b.changeCommitteeDetails(SLUG, { quorum: '3' }, GOV);
    meetingId = (await t.app.meetings.addMeeting({ committee: SLUG, date: d('2018-06-12'), startTime: '7pm', venue: 'Hendon Town Hall' }, GOV)).id;
    laterId = (await t.app.meetings.addMeeting({ committee: SLUG, date: d('2018-09-13'), startTime: '7pm', venue: 'Hendon Town Hall' }, GOV)).id;
    await t.app.agendas.startAgenda(meetingId, GOV);
    reportItem = await t.app.agendas.addReport(meetingId, { title: 'Library Strategy' }, GOV);
    exemptItem = await t.app.agendas.addReport(meetingId, { title: 'Contract award' }, GOV);
    await t.app.agendas.savePaper(meetingId, reportItem, paper({ title: 'Library Strategy' }), GOV);
    await t.app.agendas.setPart(meetingId, exemptItem, 'exempt', GOV);
    await t.app.agendas.savePaper(meetingId, exemptItem, paper({ title: 'Contract award', status: 'exempt', exemptParagraph: '3' }), GOV);
    await t.app.agendas.publishAgenda(meetingId, GOV);
    const make = async (key: string, role: Role, person: string | null) => {
      const u = await t.app.accounts.createUser({ email: `${key}@council.gov.uk`, name: key, role, password: null }, 'test');
      if (person) await t.app.agendas.linkAccount(u.id, person, ADMIN);
      users.set(key, { id: u.id, email: u.email, role });
    };
    for (const role of ROLES) await make(role, role, null);
    await make('member', 'councillor', 'mary-member');
    await make('other-councillor', 'councillor', 'other-councillor');
    await make('author', 'performance-officer', 'sam-officer');
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('reads finishing times and resolution trees', () => {
    expect(readFinishingTime('20.28pm')).toBe('20:28');
    expect(readFinishingTime('8.28pm')).toBe('20:28');
    expect(readFinishingTime('20:28')).toBe('20:28');
    expect(readFinishingTime('13.05am')).toBeNull();
    expect(readResolutions('Note the report\n- part one\n-- detail\nAgree the plan').resolutions).toEqual([{ text: 'Note the report', parts: [{ text: 'part one', parts: [{ text: 'detail' }] }] }, { text: 'Agree the plan' }]);
    expect(readResolutions('- orphan').error).toMatch(/no resolution before it/);
  });

  it('refuses every role but governance officers and administrators', async () => {
    for (const role of ROLES.filter((r) => r !== 'administrator' && r !== 'governance-officer')) {
      const actor = { email: `${role}@x`, role };
      await expect(t.app.outcomes.staffMinutes(meetingId, actor)).rejects.toBeInstanceOf(NotAllowedError);
      await expect(t.app.outcomes.recordAttendance(meetingId, { rows: [], others: [], finishedAt: '' }, actor)).rejects.toBeInstanceOf(NotAllowedError);
      await expect(t.app.outcomes.recordItem(meetingId, reportItem, item(), actor)).rejects.toBeInstanceOf(NotAllowedError);
      await expect(t.app.outcomes.publishDraft(meetingId, actor)).rejects.toBeInstanceOf(NotAllowedError);
    }
  });

  it('applies the substitute rules, reporting every problem at once and writing nothing', async () => {
    const errors = await errorsOf(
      present(
        [
          ['carol-chair', 'present'],
          ['victor-vice', 'present', 'max-member'],
          ['mary-member', 'present'],
          ['sue-sub', 'present', 'mary-member'],
          ['nina-member', 'maybe'],
        ],
        ['carol-chair', 'nobody'],
        '18:00',
      ),
    );
    expect(errors).toMatchObject({
      'status-nina-member': expect.stringContaining('Select whether'),
      other1: expect.stringContaining('is on the committee'),
      other2: expect.stringContaining('from the list'),
      finishedAt: expect.stringContaining('not after it started'),
      'inPlaceOf-victor-vice': expect.stringContaining('cannot attend in place of another member'),
      'inPlaceOf-sue-sub': expect.stringContaining('who was present'),
    });
    expect(await t.handle.db.selectFrom('attendance').selectAll().execute()).toEqual([]);
    expect(await errorsOf(present([['sue-sub', 'apologies', 'max-member']]))).toHaveProperty('inPlaceOf-sue-sub');
  });

  it('records an inquorate meeting, then refuses any decision at it', async () => {
    await present([
      ['carol-chair', 'present'],
      ['victor-vice', 'apologies'],
      ['mary-member', 'absent'],
      ['max-member', 'apologies'],
      ['nina-member', 'present'],
      ['sue-sub', 'present'],
    ]);
    const staff = (await t.app.outcomes.staffMinutes(meetingId, GOV))!;
    expect(staff.summary.quorate).toBe(false);
    expect(staff.summary.voters).toHaveLength(2);
    const errors = await errorsOf(t.app.outcomes.recordItem(meetingId, reportItem, item({ resolutions: 'Note the report', motions: [motion({ text: 'That the report be noted', mover: 'carol-chair', for: '2', against: '0', abstain: '0' })] }), GOV));
    expect(errors.resolutions).toMatch(/not quorate: 2 voting members were present and the quorum is 3/);
    expect(errors.motion1For).toMatch(/not quorate/);
  });

  it('checks votes against the voting members present, and computes the result', async () => {
    await present(FULL, ['sam-officer']);
    const staff = (await t.app.outcomes.staffMinutes(meetingId, GOV))!;
    expect(staff.summary.voters).toHaveLength(5);
    expect(staff.summary.others).toHaveLength(1);
    const errors = await errorsOf(
      t.app.outcomes.recordItem(
        meetingId,
        reportItem,
        item({
          motions: [
            motion({ text: 'Too many votes', mover: 'carol-chair', seconder: 'carol-chair', for: '4', against: '2', abstain: '0' }),
            motion({ text: 'An absent voter', mover: 'max-member', named: { 'max-member': 'for', 'mary-member': 'for' } }),
            motion({ text: 'Casting without a tie', mover: 'mary-member', for: '3', against: '1', abstain: 'x', casting: 'for' }),
          ],
        }),
        GOV,
      ),
    );
    expect(Object.keys(errors).sort()).toEqual(['motion1For', 'motion1Seconder', 'motion2Mover', 'motion2Named', 'motion3Abstain', 'motion3Casting'].sort());
    expect(errors.motion1For).toContain('6 votes are recorded');

    await t.app.outcomes.recordItem(
      meetingId,
      reportItem,
      item({
        discussion: 'The Chairman introduced the report.\n\nMembers asked about opening hours.',
        resolutions: 'That the Committee note the report\nThat the strategy be agreed\n- with the amendment\n- and the action plan',
        motions: [
          motion({ text: 'That the strategy be agreed', mover: 'carol-chair', seconder: 'victor-vice', amendments: 'Add opening hours', for: '2', against: '2', abstain: '1', casting: 'for' }),
          motion({ text: 'That the report be noted', mover: 'mary-member', named: { 'carol-chair': 'for', 'victor-vice': 'for', 'mary-member': 'for', 'nina-member': 'for', 'sue-sub': 'for' } }),
        ],
        actions: [{ text: 'Report back on opening hours', owner: 'sam-officer', target: String(laterId), reportBack: 'yes' }, { text: 'Circulate the plan', owner: '', target: '', reportBack: '' }],
      }),
      GOV,
    );
    const model = (await t.app.outcomes.minutesModel(meetingId, users.get('administrator')!)) as MinutesModel;
    const m = model.items.find((i) => i.title === 'Library Strategy')!;
    expect(m.discussion).toHaveLength(2);
    expect(m.motions[1]!.counts).toEqual({ for: 5, against: 0, abstain: 0 });
    expect(model.votingPresent).toBe(5);
    expect(model.finishedAt).toBe('20:28');
    expect(model.present.find((p) => p.name.includes('Sue Sub'))!.inPlaceOf).toContain('Max Member');
    expect(model.othersInAttendance).toEqual([{ name: 'Sam Officer', jobTitle: 'Head of Procurement' }]);
    const votes = await t.app.outcomes.publishedVotes();
    expect(votes).toEqual([]);
    // Attendance that no longer fits the votes is refused.
    const refused = Object.values(await errorsOf(present(FULL.map(([p, s, r]) => (p === 'nina-member' ? [p, 'absent'] : [p, s, r])))));
    expect(refused).toHaveLength(3);
    expect(refused[0]).toMatch(/^Item \d+, motion 1: 5 votes are recorded \(2 for, 2 against, 1 abstaining\) but only 4 voting members were present: change the votes first$/);
    expect(refused.slice(1).join(' ')).toMatch(/motion 2: .*Nina Member is recorded as voting for but is not a voting member present/);
  });

  it('makes a work-programme entry for a report-back action, and removes it when it no longer reports back', async () => {
    const entries = () => t.handle.db.selectFrom('work_programme_entry').select(['id', 'title', 'meeting_id', 'report_of']).execute();
    expect(await entries()).toEqual([expect.objectContaining({ title: 'Report back on opening hours', meeting_id: laterId, report_of: 'Head of Procurement' })]);
    expect((await audit('work-programme:add')).length).toBe(1);
    expect(await errorsOf(t.app.outcomes.recordItem(meetingId, reportItem, item({ actions: [{ text: 'Report back', owner: '', target: '999999', reportBack: 'yes' }] }), GOV))).toEqual({
      action1Owner: expect.stringContaining('Name the owner of action 1'),
      action1Target: expect.stringContaining('Select a later meeting'),
    });
  });

  it('keeps the minutes from the public until published as draft, and the exempt item from those not entitled', async () => {
    await t.app.outcomes.recordItem(meetingId, exemptItem, item({ discussion: SECRET, resolutions: 'That the contract be awarded', motions: [motion({ text: `Award: ${SECRET}`, mover: 'carol-chair', for: '5', against: '0', abstain: '0' })] }), GOV);
    expect(await t.app.outcomes.minutesModel(meetingId, null)).toBe(NOT_VISIBLE);
    expect(await t.app.outcomes.minutesModel(meetingId, users.get('member')!)).toBe(NOT_VISIBLE);
    await t.app.outcomes.publishDraft(meetingId, GOV);
    expect((await t.app.meetings.meeting(meetingId))!.status).toBe('minutes-draft');
    // Open data carries the public items' motions only: never the exempt item's.
    const published = await t.app.outcomes.publishedVotes();
    expect(published.map((v) => v.result)).toEqual(['carried', 'carried']);
    expect(JSON.stringify(published)).not.toContain(SECRET);
    const entitled = ['administrator', 'governance-officer', 'member', 'author'];
    const before = (await audit('minutes:exempt-view')).length;
    const viewers: [string, Parameters<typeof t.app.outcomes.minutesModel>[1]][] = [['anonymous', null], ...[...users.entries()].map(([k, u]) => [k, u] as [string, typeof u])];
    for (const [key, viewer] of viewers) {
      const model = (await t.app.outcomes.minutesModel(meetingId, viewer)) as MinutesModel;
      expect(model.status).toBe('draft');
      const exempt = model.items.find((i) => i.title === 'Contract award')!;
      if (entitled.includes(key)) expect(JSON.stringify(exempt), key).toContain(SECRET);
      else {
        expect(JSON.stringify(model), key).not.toContain(SECRET);
        expect(exempt.exemptPlaceholder, key).toBe(exemptPlaceholder(3));
      }
    }
    expect((await audit('minutes:exempt-view')).slice(before).map((a) => a.actor).sort()).toEqual(entitled.map((k) => users.get(k)!.email).sort());
  });

  it('locks agreed minutes: a correction needs a reason and is audited', async () => {
    expect(await errorsOf(t.app.outcomes.agree(meetingId, { meeting: String(meetingId) }, GOV))).toHaveProperty('agreedAt');
    await t.app.outcomes.agree(meetingId, { meeting: String(laterId) }, GOV);
    const model = (await t.app.outcomes.minutesModel(meetingId, null)) as MinutesModel;
    expect(model.status).toBe('agreed');
    expect(model.agreedAt).toEqual({ date: '2018-09-13' });
    expect((await t.app.meetings.meeting(meetingId))!.status).toBe('minutes-agreed');
    expect(await errorsOf(t.app.outcomes.agree(meetingId, { meeting: String(laterId) }, GOV))).toEqual({ agreedAt: 'The minutes are already agreed' });
    const change = item({ discussion: 'Corrected.', resolutions: 'That the Committee note the report' });
    expect(await errorsOf(t.app.outcomes.recordItem(meetingId, reportItem, change, GOV))).toEqual({ reason: expect.stringContaining('locked') });
    expect(await errorsOf(present(FULL))).toEqual({ reason: expect.stringContaining('locked') });
    await t.app.outcomes.recordItem(meetingId, reportItem, { ...change, reason: 'The minutes misspelt a name' }, GOV);
    const corrections = await audit('minutes:correct-item');
    expect(corrections).toHaveLength(1);
    expect(corrections[0]!.reason).toBe('The minutes misspelt a name');
    // The report-back action went, and so did its work-programme entry.
    expect(await t.handle.db.selectFrom('work_programme_entry').selectAll().execute()).toEqual([]);
    expect((await audit('work-programme:remove')).length).toBe(1);
  });
});
