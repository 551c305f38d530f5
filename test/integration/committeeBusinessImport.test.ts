/**
 * Committee business in the import workbook (issue 11, deliver 11; ADR 0023): the demo's people,
 * memberships, committee details and meetings exported, imported into an empty database and exported
 * again give the same files; a file's errors are all reported at once with sheet, row and column, and
 * nothing of a file with an error is written; a dry run lists the changes; every change is audited.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoIfEmpty } from '../../src/app.ts';
import { describeChange } from '../../src/services/importService.ts';
import { createTestDatabase, engines, type TestDatabase } from '../support/db.ts';
import { smallCouncil, writeCsvWorkbook, type Sheets } from '../support/workbook.ts';

const count = async (t: TestDatabase, table: 'person' | 'membership' | 'meeting' | 'audit_event') =>
  Number((await t.handle.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

async function filesOf(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const f of (await readdir(dir)).sort()) out.set(f, await readFile(join(dir, f), 'utf8'));
  return out;
}

const business = (): Sheets => ({
  ...smallCouncil(),
  people: [
    { name: 'Reuben Thompstone', kind: 'councillor', party: 'Conservative', ward: 'Golders Green' },
    { name: 'Sara Conway', kind: 'councillor' },
    { name: 'Abigail Lewis', kind: 'officer', job_title: 'Governance Services contact', email: 'abigail.lewis@example.gov.uk' },
  ],
  committee_details: [{ committee: 'Test Committee', quorum: '3', short_name: 'TC', governance_contact: 'Abigail Lewis' }],
  memberships: [
    { committee: 'Test Committee', person: 'Reuben Thompstone', role: 'Chairman', from_date: '2018-06-12', to_date: '' },
    { committee: 'Test Committee', person: 'Sara Conway', role: 'Member', from_date: '12/06/2018', to_date: '2019-05-20' },
  ],
  meetings: [
    { committee: 'Test Committee', date: '2018-11-21', start_time: '7pm', venue: 'Hendon Town Hall', status: 'held', status_reason: '', uid: '' },
    { committee: 'Test Committee', date: '21 January 2019', start_time: '19:00', venue: 'Hendon Town Hall', status: '', status_reason: '', uid: '' },
  ],
});

describe.each(engines())('committee business in the import workbook on %s', (engine) => {
  let demo: TestDatabase;
  /** The demo exported (before any other test database is disposed: they share the embedded engine's session). */
  let demoXlsx: string;
  let demoCsv: Map<string, string>;
  const dirs: string[] = [];
  const tempDir = async () => {
    const d = await mkdtemp(join(tmpdir(), 'townhall-cb-'));
    dirs.push(d);
    return d;
  };

  beforeAll(async () => {
    demo = await createTestDatabase(engine);
    expect(await loadDemoIfEmpty(demo.app)).toBe(true);
    const dir = await tempDir();
    demoXlsx = join(dir, 'demo.xlsx');
    await demo.app.exports.exportTo(demoXlsx, 'xlsx');
    await demo.app.exports.exportTo(join(dir, 'csv'), 'csv');
    demoCsv = await filesOf(join(dir, 'csv'));
  }, 300_000);
  afterAll(async () => {
    await demo?.dispose();
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('round-trips the demo: export, import into an empty database, export again gives the same files', async () => {
    const first = join(await tempDir(), 'first');
    const exported = await demo.app.exports.exportTo(first, 'csv');
    expect(await filesOf(first)).toEqual(demoCsv);
    expect(exported.committeeBusiness!.people.length).toBeGreaterThan(20);
    expect(exported.committeeBusiness!.meetings).toHaveLength((await demo.app.meetings.meetings({})).length);
    const files = await filesOf(first);
    expect(files.get('meetings.csv')).toContain('2018-11-21,19:00,"Hendon Town Hall, The Burroughs, London NW4 4BG",held');
    expect(files.get('meetings.csv')).not.toMatch(/weekday|Wednesday/i);

    const empty = await createTestDatabase(engine);
    try {
      const outcome = await empty.app.imports.importFile(first, { actor: 'test' });
      expect(outcome.ok, JSON.stringify(!outcome.ok && outcome.errors.slice(0, 5))).toBe(true);
      const second = join(await tempDir(), 'second');
      await empty.app.exports.exportTo(second, 'csv');
      expect(await filesOf(second)).toEqual(files);
      // The membership on the cover of 21 November 2018, as the demo has it.
      const on = async (t: TestDatabase) => {
        const m = (await t.app.committeeBusiness.committeeMembership('community-leadership-committee', '2018-11-21'))!.membership;
        const names = (people: { name: string }[]) => people.map((p) => p.name);
        return [names(m.chairman), names(m.viceChairman), names(m.members), names(m.substitutes)];
      };
      expect(await on(empty)).toEqual(await on(demo));
      // Importing the same file again changes nothing.
      const again = await empty.app.imports.importFile(first, { dryRun: true });
      expect(again.ok && again.changes).toEqual([]);
    } finally {
      await empty.dispose();
    }
  });

  it('round-trips through an .xlsx workbook too', async () => {
    const dir = await tempDir();
    const empty = await createTestDatabase(engine);
    try {
      const outcome = await empty.app.imports.importFile(demoXlsx);
      expect(outcome.ok, JSON.stringify(!outcome.ok && outcome.errors.slice(0, 5))).toBe(true);
      await empty.app.exports.exportTo(join(dir, 'b'), 'csv');
      const b = await filesOf(join(dir, 'b'));
      for (const sheet of ['people.csv', 'committee_details.csv', 'memberships.csv', 'meetings.csv', 'agenda_items.csv', 'work_programme.csv', 'standing_items.csv']) expect(b.get(sheet)).toBe(demoCsv.get(sheet));
    } finally {
      await empty.dispose();
    }
  });

  it('dry-runs (listing the changes, writing nothing), then imports with every change audited', async () => {
    const t = await createTestDatabase(engine);
    try {
      const dir = await writeCsvWorkbook(business());
      dirs.push(dir);
      const dry = await t.app.imports.importFile(dir, { dryRun: true });
      expect(dry.ok).toBe(true);
      if (!dry.ok) return;
      const lines = dry.changes.map(describeChange);
      expect(lines).toContain('add person Reuben Thompstone');
      expect(lines).toContain('add membership Test Committee / Sara Conway from 2018-06-12');
      expect(lines).toContain('add meeting Test Committee 2019-01-21');
      expect(dry.summary.meeting).toEqual({ add: 2, change: 0 });
      expect(await count(t, 'person')).toBe(0);
      expect(await count(t, 'meeting')).toBe(0);

      const real = await t.app.imports.importFile(dir, { actor: 'cli:test', reason: 'Setting up' });
      expect(real.ok).toBe(true);
      expect(await count(t, 'person')).toBe(3);
      const m = (await t.app.committeeBusiness.committeeMembership('test-committee', '2018-11-21'))!;
      expect(m.details.quorum).toBe(3);
      expect(m.governanceContact?.name).toBe('Abigail Lewis');
      expect(m.membership.chairman.map((p) => p.name)).toEqual(['Reuben Thompstone']);
      expect(m.membership.members.map((p) => p.name)).toEqual(['Sara Conway']);
      const meetings = await t.app.meetings.meetings();
      expect(meetings.map((x) => [x.date, x.startTime, x.status])).toEqual([
        ['2018-11-21', '19:00', 'held'],
        ['2019-01-21', '19:00', 'scheduled'],
      ]);
      const audit = await t.handle.db.selectFrom('audit_event').select(['action', 'actor', 'reason']).where('action', 'in', ['person:add', 'membership:add', 'meeting:add', 'committee:details']).execute();
      expect(audit).toHaveLength(3 + 2 + 2 + 1);
      expect(new Set(audit.map((a) => `${a.actor}|${a.reason}`))).toEqual(new Set(['cli:test|Setting up']));

      // A change: the meeting rearranged (its uid kept, its sequence raised), a membership ended.
      const sheets = business();
      sheets.meetings![1]!.start_time = '18:30';
      sheets.memberships![0]!.to_date = '2019-05-20';
      const changed = await writeCsvWorkbook(sheets);
      dirs.push(changed);
      const before = meetings[1]!;
      const outcome = await t.app.imports.importFile(changed);
      expect(outcome.ok && outcome.changes.map(describeChange).sort()).toEqual([
        'change meeting Test Committee 2019-01-21: startTime "19:00" → "18:30"',
        'change membership Test Committee / Reuben Thompstone from 2018-06-12: to (blank) → "2019-05-20"',
      ]);
      const after = (await t.app.meetings.meeting(before.id))!;
      expect([after.uid, after.startTime, after.sequence]).toEqual([before.uid, '18:30', before.sequence + 1]);
    } finally {
      await t.dispose();
    }
  });

  it('reports every error of every sheet at once, located by sheet, row and column, and writes nothing', async () => {
    const t = await createTestDatabase(engine);
    try {
      const sheets = business();
      sheets.people!.push({ name: 'Councillor Danny Rich', kind: 'councillor' }, { name: 'Jo Bloggs', kind: 'alderman' }, { name: 'reuben  thompstone', kind: 'councillor' });
      sheets.committee_details![0]!.governance_contact = 'Sara Conway';
      sheets.memberships!.push(
        { committee: 'Test Committee', person: 'Nobody Known', role: 'Member', from_date: '2018-06-12', to_date: '' },
        { committee: 'Test Committee', person: 'Sara Conway', role: 'Substitute', from_date: '2019-01-01', to_date: '' },
        { committee: 'Test Committee', person: 'Abigail Lewis', role: 'Treasurer', from_date: '2018-02-30', to_date: '' },
        { committee: 'No Such Committee', person: 'Reuben Thompstone', role: 'Member', from_date: '2018-06-12', to_date: '' },
      );
      sheets.meetings!.push(
        { committee: 'Test Committee', date: 'Wednesday 21 November 2018', start_time: '25:00', venue: '', status: 'cancelled', status_reason: '', uid: '' },
        { committee: 'Test Committee', date: '2019-01-21', start_time: '19:00', venue: 'Hendon Town Hall', status: '', status_reason: '', uid: '' },
      );
      sheets.meetings = sheets.meetings!.map((r, i) => ({ ...r, weekday: i === 1 ? 'Monday' : '' }));
      sheets.targets!.push({ ref: 'T/9', period: '2017/18', target: '5' });
      const dir = await writeCsvWorkbook(sheets);
      dirs.push(dir);
      const outcome = await t.app.imports.importFile(dir);
      expect(outcome.ok).toBe(false);
      if (outcome.ok) return;
      const located = outcome.errors.map((e) => `${e.sheet} ${e.row ?? '-'} ${e.column ?? '-'}`);
      expect(located).toEqual([
        'targets 5 ref',
        'people 5 name',
        'people 6 kind',
        'people 7 name',
        'committee_details 2 governance_contact',
        'memberships 4 person',
        'memberships 5 from_date',
        'memberships 6 role',
        'memberships 6 from_date',
        'memberships 7 committee',
        'meetings 3 weekday',
        'meetings 4 date',
        'meetings 4 start_time',
        'meetings 4 venue',
        'meetings 4 status_reason',
        'meetings 5 date',
      ]);
      const text = outcome.errors.map((e) => e.message).join('\n');
      expect(text).toContain('Enter the name without “Councillor”');
      expect(text).toContain('No person called "Nobody Known"');
      expect(text).toContain('Sara Conway is already Member of Test Committee 12 June 2018 to 20 May 2019 (on row 3)');
      expect(text).toContain('Committee "No Such Committee" is not known');
      expect(text).toContain('The weekday is computed from the date');
      expect(text).toContain('Test Committee already meets on Monday 21 January 2019 (row 3)');
      // All or nothing: not even the valid rows of the performance sheets are written.
      for (const table of ['person', 'membership', 'meeting'] as const) expect(await count(t, table)).toBe(0);
      expect(Number((await t.handle.db.selectFrom('committee').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)).toBe(0);
    } finally {
      await t.dispose();
    }
  });

  it('refuses changes a meeting may not take and a membership overlapping a stored one', async () => {
    const t = await createTestDatabase(engine);
    try {
      const dir = await writeCsvWorkbook(business());
      dirs.push(dir);
      expect((await t.app.imports.importFile(dir)).ok).toBe(true);
      const sheets = business();
      sheets.meetings![0]!.venue = 'Barnet House'; // held: its arrangements are history
      sheets.meetings![1]!.status = 'minutes agreed'; // scheduled → minutes agreed: reachable, accepted
      sheets.memberships!.push({ committee: 'Test Committee', person: 'Reuben Thompstone', role: 'Member', from_date: '2019-01-01', to_date: '' });
      sheets.people![2]!.kind = 'councillor'; // the governance contact
      sheets.people![2]!.job_title = '';
      const again = await writeCsvWorkbook(sheets);
      dirs.push(again);
      const outcome = await t.app.imports.importFile(again);
      expect(outcome.ok).toBe(false);
      if (outcome.ok) return;
      expect(outcome.errors.map((e) => `${e.sheet} ${e.row} ${e.column}: ${e.message}`)).toEqual([
        'committee_details 2 governance_contact: Abigail Lewis is a councillor: the governance contact is an officer',
        'memberships 4 from_date: Reuben Thompstone is already Chairman of Test Committee from 12 June 2018 (on row 2): one person holds one seat on a committee at a time — end that membership the day before this one starts',
        'meetings 2 date: The meeting of Wednesday 21 November 2018 is held: its date, start time and venue can no longer be changed',
      ]);
      const held = (await t.app.meetings.meetings()).find((m) => m.date === '2018-11-21')!;
      expect(held.venue).toBe('Hendon Town Hall');
    } finally {
      await t.dispose();
    }
  });
});
