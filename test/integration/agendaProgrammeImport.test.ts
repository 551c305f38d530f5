/**
 * Agendas and forward work programmes in the import workbook (issue 11, deliver 11; ADR 0023 amended):
 * the demo's orders of business, programme entries and standing item rules exported, imported into an
 * empty database and exported again give the same sheets; a published agenda is refused with a located
 * error; every error is located by sheet, row and column and nothing of a file with one is written; a dry
 * run lists the changes; every change is audited.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoIfEmpty } from '../../src/app.ts';
import { formatLongDate } from '../../src/domain/workingDays.ts';
import { describeChange } from '../../src/services/importService.ts';
import { committeeBusinessRows, type CommitteeBusinessData } from '../../src/workbook/committeeBusinessSheets.ts';
import { createTestDatabase, engines, type TestDatabase } from '../support/db.ts';
import { writeCsvWorkbook, type Sheets } from '../support/workbook.ts';

const count = async (t: TestDatabase, table: 'agenda' | 'agenda_item' | 'work_programme_entry' | 'standing_item_rule') =>
  Number((await t.handle.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

async function filesOf(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const f of (await readdir(dir)).sort()) out.set(f, await readFile(join(dir, f), 'utf8'));
  return out;
}

const SHEETS = ['agenda_items.csv', 'work_programme.csv', 'standing_items.csv'];

describe.each(engines())('agendas and work programmes in the import workbook on %s', (engine) => {
  let demo: TestDatabase;
  let exported: CommitteeBusinessData;
  let demoCsv: Map<string, string>;
  /** The demo's whole export (written before any other test database is disposed: they share the embedded engine's session). */
  let demoDir: string;
  const dirs: string[] = [];
  const tempDir = async () => {
    const d = await mkdtemp(join(tmpdir(), 'townhall-wp-'));
    dirs.push(d);
    return d;
  };
  /** The demo's own rows of the three sheets, as text rows, edited by `edit`, written as a workbook of those sheets alone. */
  const demoSheets = async (edit: (s: Sheets) => void) => {
    const rows = committeeBusinessRows(exported);
    const sheets: Sheets = { agenda_items: rows.agenda_items, work_programme: rows.work_programme, standing_items: rows.standing_items };
    edit(sheets);
    const dir = await writeCsvWorkbook(sheets);
    dirs.push(dir);
    return dir;
  };

  beforeAll(async () => {
    demo = await createTestDatabase(engine);
    expect(await loadDemoIfEmpty(demo.app)).toBe(true);
    const dir = await tempDir();
    demoDir = join(dir, 'csv');
    exported = (await demo.app.exports.exportTo(demoDir, 'csv')).committeeBusiness!;
    demoCsv = await filesOf(demoDir);
  }, 300_000);
  afterAll(async () => {
    await demo?.dispose();
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('refuses a change to a published agenda, and locates every error by sheet, row and column, writing nothing', async () => {
    const published = await demo.handle.db.selectFrom('agenda as a').innerJoin('meeting as m', 'm.id', 'a.meeting_id').select('m.meeting_date').where('a.published_at', 'is not', null).execute();
    expect(published.length).toBeGreaterThan(0);
    const day = String(published[0]!.meeting_date);
    const before = { items: await count(demo, 'agenda_item'), entries: await count(demo, 'work_programme_entry'), rules: await count(demo, 'standing_item_rule') };
    let rowOf = 0;
    const dir = await demoSheets((s) => {
      const items = s.agenda_items!;
      // The published agenda's "absence of members" item loses or gains its "(If any)".
      rowOf = items.findIndex((r) => r.meeting_date === day && r.kind === 'absence') + 2;
      items[rowOf - 2]!.if_any = items[rowOf - 2]!.if_any === 'yes' ? 'no' : 'yes';
      items.push({ committee: 'Community Leadership Committee', meeting_date: '2018-11-22', position: '1', kind: 'minutes', title: 'Minutes', if_any: '', part: '', to_follow: '' });
      items.push({ committee: 'Community Leadership Committee', meeting_date: '2018-11-22', position: 'x', kind: 'lunch', title: 'Lunch', if_any: '', part: 'exempt', to_follow: '' });
      items.push({ committee: 'Community Leadership Committee', meeting_date: '2018-11-22', position: '2', kind: 'minutes', title: 'Minutes', if_any: '', part: 'exempt', to_follow: 'yes' });
      s.work_programme!.push(
        { committee: 'Community Leadership Committee', meeting_date: '2030-01-01', target_month: '', title: 'A new report', overview: 'Decide', report_of: 'Director', contributors: '', issue_type: 'key' },
        { committee: 'Community Leadership Committee', meeting_date: '', target_month: '2030-13', title: 'Another', overview: '', report_of: 'Director', contributors: '', issue_type: 'important' },
      );
      s.standing_items![0]!.overview = 'Words changed';
      s.standing_items!.push({ committee: 'No Such Committee', kind: 'every-meeting', title: 'Grants', overview: 'x', report_of: 'y', contributors: '', issue_type: '', lag_days: '400', from_date: '2019-01-01', to_date: '2018-01-01' });
    });
    const outcome = await demo.app.imports.importFile(dir);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    const wp = exported.workProgramme.length + 2;
    const si = exported.standingItems.length + 2;
    const ai = exported.agendaItems.length + 2;
    const located = outcome.errors.map((e) => `${e.sheet} ${e.row ?? '-'} ${e.column ?? '-'}`);
    expect(located).toEqual([
      `agenda_items ${rowOf} if_any`,
      `agenda_items ${ai} meeting_date`,
      `agenda_items ${ai + 1} position`,
      `agenda_items ${ai + 1} kind`,
      `agenda_items ${ai + 2} part`,
      `agenda_items ${ai + 2} to_follow`,
      `work_programme ${wp} meeting_date`,
      `work_programme ${wp + 1} overview`,
      `work_programme ${wp + 1} issue_type`,
      `work_programme ${wp + 1} target_month`,
      'standing_items 2 overview',
      `standing_items ${si} lag_days`,
      `standing_items ${si} to_date`,
    ]);
    const text = outcome.errors.map((e) => e.message).join('\n');
    expect(text).toContain('is published: its order of business can no longer change');
    expect(text).toContain('Community Leadership Committee has no meeting on Thursday 22 November 2018');
    expect(text).toContain('Only reports can be exempt');
    expect(text).toContain('keeps its words');
    expect({ items: await count(demo, 'agenda_item'), entries: await count(demo, 'work_programme_entry'), rules: await count(demo, 'standing_item_rule') }).toEqual(before);
  });

  it('keeps the entries of a held meeting as they were, and aims new entries only at stored meetings still to happen', async () => {
    const held = (await demo.app.meetings.meetings({})).filter((m) => m.status === 'held' || m.status === 'minutes-agreed' || m.status === 'minutes-draft');
    const heldDays = new Set(held.map((m) => m.date));
    const index = exported.workProgramme.findIndex((e) => e.meetingDate !== null && heldDays.has(e.meetingDate));
    expect(index).toBeGreaterThan(-1);
    const entry = exported.workProgramme[index]!;
    const dir = await demoSheets((s) => {
      s.work_programme![index]!.overview = 'Rewritten after the meeting';
      s.work_programme!.push({ ...s.work_programme![index]!, title: 'A report added afterwards' });
    });
    const outcome = await demo.app.imports.importFile(dir);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.errors.map((e) => `${e.sheet} ${e.row} ${e.column}: ${e.message}`)).toEqual([
      `work_programme ${index + 2} overview: The meeting of ${formatLongDate(entry.meetingDate!)} has been held: its entries are the record of what it took and cannot be changed`,
      expect.stringMatching(new RegExp(`^work_programme ${exported.workProgramme.length + 2} meeting_date: The meeting of ${formatLongDate(entry.meetingDate!)} is .+: aim the report at a meeting still to happen$`)),
    ]);
  });

  it('round-trips the demo: its agendas, programme entries and standing items export, import into an empty database and export the same', async () => {
    expect(exported.agendaItems.length).toBeGreaterThan(10);
    expect(exported.workProgramme.length).toBeGreaterThan(5);
    expect(exported.standingItems.length).toBeGreaterThan(0);
    expect(exported.agendaItems.length).toBe(await count(demo, 'agenda_item'));
    expect(exported.workProgramme.length).toBe(await count(demo, 'work_programme_entry'));
    expect(demoCsv.get('agenda_items.csv')!.replace(/^\uFEFF/, '').split(/\r?\n/)[0]).toBe('committee,meeting_date,position,kind,title,if_any,part,to_follow');
    expect(demoCsv.get('agenda_items.csv')).toContain('Community Leadership Committee,2018-11-21,1,minutes,Minutes of last meeting,no,public,no');
    // Importing the demo's own export into the demo changes nothing (its published agendas included).
    const dir = await tempDir();
    const same = await demo.app.imports.importFile(demoDir, { dryRun: true });
    expect(same.ok && same.changes).toEqual([]);

    const empty = await createTestDatabase(engine);
    try {
      const outcome = await empty.app.imports.importFile(demoDir, { actor: 'test' });
      expect(outcome.ok, JSON.stringify(!outcome.ok && outcome.errors.slice(0, 5))).toBe(true);
      await empty.app.exports.exportTo(join(dir, 'second'), 'csv');
      const second = await filesOf(join(dir, 'second'));
      for (const sheet of SHEETS) expect(second.get(sheet), sheet).toBe(demoCsv.get(sheet));
      expect(await count(empty, 'agenda')).toBe(await count(demo, 'agenda'));
      // The programme the public sees is the same, standing items computed from the imported rules.
      const programme = async (t: TestDatabase) => (await t.app.workProgramme.programme('community-leadership-committee', '2018-11-01'))!.programme.sections.map((s) => [s.heading, s.items.map((i) => i.title)]);
      expect(await programme(empty)).toEqual(await programme(demo));
      // Audited: the agendas started and items added, the entries and rules added.
      const actions = await empty.handle.db.selectFrom('audit_event').select('action').where('action', 'in', ['agenda:start', 'agenda:add-item', 'work-programme:add', 'standing-item:add']).execute();
      expect(actions.filter((a) => a.action === 'agenda:add-item')).toHaveLength(exported.agendaItems.length);
      expect(actions.filter((a) => a.action === 'work-programme:add')).toHaveLength(exported.workProgramme.length);
    } finally {
      await empty.dispose();
    }
  });

  it('dry-runs the changes of a draft agenda and a programme, then writes them with their audit events', async () => {
    const t = await createTestDatabase(engine);
    try {
      // The demo's export as a whole, so its meetings are added, then a second file that changes things.
      expect((await t.app.imports.importFile(demoDir)).ok).toBe(true);
      const meeting = exported.agendaItems.find((i) => i.meetingDate !== exported.agendaItems[0]!.meetingDate) ?? exported.agendaItems[0]!;
      const day = meeting.meetingDate;
      const rule = exported.standingItems.find((r) => r.to === null)!;
      const file = await demoSheets((s) => {
        const rows = s.agenda_items!.filter((r) => r.meeting_date === day);
        const report = rows.findIndex((r) => r.kind === 'report');
        // A new report, to follow, after the reports; the report moved to the exempt part.
        const last = Math.max(...rows.map((r) => Number(r.position)));
        s.agenda_items!.push({ committee: rows[0]!.committee!, meeting_date: day, position: String(last * 10), kind: 'report', title: 'Late report', if_any: 'no', part: 'exempt', to_follow: 'yes' });
        expect(report).toBeGreaterThan(-1);
        s.work_programme!.push({ committee: rule.committee, meeting_date: '', target_month: 'June 2031', title: 'Libraries review', overview: 'To note the review', report_of: 'Head of Libraries', contributors: '', issue_type: 'non-key' });
        s.standing_items!.find((r) => r.title === rule.title && r.from_date === rule.from)!.to_date = '2031-03-31';
      });
      const dry = await t.app.imports.importFile(file, { dryRun: true });
      expect(dry.ok, JSON.stringify(!dry.ok && dry.errors.slice(0, 5))).toBe(true);
      if (!dry.ok) return;
      const lines = dry.changes.map(describeChange);
      expect(lines).toContain(`add agenda item ${meeting.committee} ${day} item ${exported.agendaItems.filter((i) => i.meetingDate === day).length + 1}: Late report`);
      expect(lines).toContain(`add work programme entry ${rule.committee} / Libraries review (month 2031-06)`);
      expect(lines).toContain(`change standing item ${rule.committee} / ${rule.title} from ${rule.from}: to (blank) → "2031-03-31"`);
      expect(dry.summary.agenda_item).toEqual({ add: 1, change: 0 });
      const entries = await count(t, 'work_programme_entry');
      const real = await t.app.imports.importFile(file, { actor: 'cli:test', reason: 'Programme update' });
      expect(real.ok).toBe(true);
      expect(await count(t, 'work_programme_entry')).toBe(entries + 1);
      const audit = await t.handle.db.selectFrom('audit_event').select(['action', 'actor', 'reason']).where('reason', '=', 'Programme update').execute();
      expect(audit.map((a) => a.action).sort()).toEqual(['agenda:add-item', 'standing-item:end', 'work-programme:add']);
      // Importing it again changes nothing.
      const again = await t.app.imports.importFile(file, { dryRun: true });
      expect(again.ok && again.changes).toEqual([]);
    } finally {
      await t.dispose();
    }
  });
});
