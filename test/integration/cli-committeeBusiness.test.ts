/**
 * The `townhall` commands of committee business against a real database holding the demo: meetings
 * (list and show, weekday and deadlines computed), people, memberships on a date, and the
 * committee-business sheets through import (dry run, located errors) and export.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoIfEmpty } from '../../src/app.ts';
import { run } from '../../src/cli/main.ts';
import { createTestDatabase, engines, type TestDatabase } from '../support/db.ts';
import { writeCsvWorkbook } from '../support/workbook.ts';
import { capture } from '../support/cliIo.ts';


describe.each(engines())('townhall committee-business commands on %s', (engine) => {
  let t: TestDatabase;
  let dir: string;
  const cli = async (...argv: string[]) => {
    const io = capture();
    const code = await run(argv, io, async () => ({ ...t.app, close: async () => undefined }));
    return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
  };

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    expect(await loadDemoIfEmpty(t.app)).toBe(true);
    dir = await mkdtemp(join(tmpdir(), 'townhall-cli-cb-'));
  }, 300_000);
  afterAll(async () => {
    await t?.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it('lists meetings with their computed weekdays, by committee and dates', async () => {
    const all = await cli('meetings', 'list');
    expect(all.code).toBe(0);
    const lines = all.out.split('\n');
    const stored = await t.app.meetings.meetings({});
    expect(lines).toHaveLength(stored.length);
    // The earliest: the previous meeting the decisions of 8 March 2017 name (seed 004).
    expect(lines[0]).toMatch(/^\s+\d+ {2}Wednesday 23 November 2016, 7\.00pm {2}Community Leadership Committee {2}Hendon Town Hall, The Burroughs, London NW4 4BG {2}\(Minutes agreed\)$/);
    expect(lines.find((l) => l.includes('21 June 2017'))).toMatch(/^\s+\d+ {2}Wednesday 21 June 2017, 7\.00pm {2}Community Leadership Committee {2}Hendon Town Hall, The Burroughs, London NW4 4BG {2}\(Minutes agreed\)$/);
    expect(lines.find((l) => l.includes('21 November 2018'))).toContain('Wednesday 21 November 2018, 7.00pm');
    const some = await cli('meetings', 'list', '--committee', 'community-leadership-committee', '--from', '2018-01-01', '--to', '21/11/2018');
    expect(some.out.split('\n').map((l) => l.replace(/^\s+\d+ {2}/, '').split(',')[0])).toEqual(['Thursday 15 March 2018', 'Tuesday 12 June 2018', 'Wednesday 21 November 2018']);
    expect((await cli('meetings', 'list', '--from', '2019-04-01')).out).toBe('No meetings');
    const bad = await cli('meetings', 'list', '--from', '2018-02-30');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--from "2018-02-30" is not a real date');
    const unknown = await cli('meetings', 'list', '--committee', 'Nope Committee');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('No committee is called "Nope Committee"');
  });

  it('shows a meeting with its weekday, deadlines and membership computed from its date', async () => {
    const id = (await t.app.meetings.meetings({ from: '2018-11-21', to: '2018-11-21' }))[0]!.id;
    const shown = await cli('meetings', 'show', String(id));
    expect(shown.code).toBe(0);
    expect(shown.out).toContain('Date:        Wednesday 21 November 2018');
    expect(shown.out).toContain('Time:        7.00pm');
    expect(shown.out).toContain('Quorum:      3');
    // The pack printed "Thursday 16 November": the date is a Friday, and the weekday is computed.
    expect(shown.out).toContain('Public questions and comments: 10am on Friday 16 November 2018');
    expect(shown.out).toContain('Chairman:      Councillor Reuben Thompstone');
    expect(shown.out).toContain('Vice-Chairman: Councillor David Longstaff');
    const none = await cli('meetings', 'show', '999999');
    expect(none.code).toBe(1);
    expect(none.err).toContain('there is no meeting 999999');
    expect((await cli('meetings', 'show', 'abc')).code).toBe(2);
  });

  it('lists people and a committee’s membership on a date', async () => {
    const officers = await cli('people', 'list', '--kind', 'officer');
    const lines = officers.out.split('\n');
    expect(lines).toHaveLength((await t.app.committeeBusiness.people()).filter((p) => p.kind === 'officer').length);
    expect(lines).toContain('Maria Lugangira (officer): Governance Service contact; maria.lugangira@barnet.gov.uk; 020 8359 2761');
    expect(lines.every((l) => l.includes('(officer)'))).toBe(true);
    expect((await cli('people', 'list')).out).toContain('Councillor Charlie O-Macauley');
    expect((await cli('people', 'list', '--kind', 'alderman')).code).toBe(2);
    const june2017 = await cli('memberships', 'Community Leadership Committee', '--on', '2017-06-21');
    expect(june2017.code).toBe(0);
    expect(june2017.out).toContain('Community Leadership Committee on 21 June 2017 (quorum 3)');
    expect(june2017.out).toContain('Chairman:      Councillor David Longstaff');
    expect(june2017.out).toContain('Vice-Chairman: Councillor Graham Old');
    // From 8 March 2017, whose decisions list the set with Councillor Brayne in Councillor Patel's seat (seed 004).
    expect(june2017.out).toContain('Councillor Graham Old, Vice-Chairman, 8 March 2017 to 11 June 2018');
    expect(june2017.out).toContain('Councillor Brayne, Member, 8 March 2017 to 20 June 2017');
    expect(june2017.out).toContain('Councillor Reema Patel, Member, from 21 June 2017');
    const nov2018 = await cli('memberships', 'community-leadership-committee', '--on', '21 November 2018');
    expect(nov2018.out).toContain('Chairman:      Councillor Reuben Thompstone');
    expect((await cli('memberships')).code).toBe(2);
  });

  it('exports the committee-business sheets and imports them: dry run listed, errors located, nothing written', async () => {
    const out = join(dir, 'export');
    const exported = await cli('export', out);
    expect(exported.code).toBe(0);
    expect(exported.out).toMatch(/, \d+ people, \d+ memberships, \d+ meetings, \d+ agenda items, \d+ work programme entries and \d+ standing items to /);
    expect(await readFile(join(out, 'agenda_items.csv'), 'utf8')).toContain('Community Leadership Committee,2018-11-21,1,minutes,Minutes of last meeting,no,public,no');
    expect(await readFile(join(out, 'meetings.csv'), 'utf8')).toContain('Community Leadership Committee,2018-11-21,19:00');

    const sheets = {
      meetings: [
        { committee: 'Community Leadership Committee', date: '2019-03-13', start_time: '7pm', venue: 'Hendon Town Hall', status: '', status_reason: '', uid: '' },
        { committee: 'Community Leadership Committee', date: '2019-02-30', start_time: 'evening', venue: 'Hendon Town Hall', status: '', status_reason: '', uid: '' },
      ],
      memberships: [{ committee: 'Community Leadership Committee', person: 'Ann Nobody', role: 'Member', from_date: '2019-01-01', to_date: '' }],
    };
    const bad = await writeCsvWorkbook(sheets);
    const refused = await cli('import', bad);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('Nothing was imported: 3 errors');
    expect(refused.err).toContain('memberships, row 2, column person: No person called "Ann Nobody"');
    expect(refused.err).toContain('meetings, row 3, column date: Date "2019-02-30" is not a real date');
    expect(refused.err).toContain('meetings, row 3, column start_time: Start time "evening" is not a time of day');

    const good = await writeCsvWorkbook({ meetings: [sheets.meetings[0]!] });
    const dry = await cli('import', good, '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('add meeting Community Leadership Committee 2019-03-13');
    expect(dry.out).toContain('Would import 1 changes (meeting: 1 added, 0 changed)');
    expect((await cli('meetings', 'list', '--from', '2019-03-08')).out).toBe('No meetings');
    const real = await cli('import', good);
    expect(real.out).toContain('Imported 1 changes');
    expect((await cli('meetings', 'list', '--from', '2019-03-08')).out).toContain('Wednesday 13 March 2019, 7.00pm');
    await rm(bad, { recursive: true, force: true });
    await rm(good, { recursive: true, force: true });
  });

  it('imports agenda items and work programme entries: dry run listed, a published agenda and an unknown meeting refused with their places', async () => {
    const entry = { committee: 'Community Leadership Committee', meeting_date: '', target_month: '2031-06', title: 'Libraries review', overview: 'To note the review', report_of: 'Head of Libraries', contributors: '', issue_type: 'key' };
    const good = await writeCsvWorkbook({ work_programme: [entry] });
    const dry = await cli('import', good, '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('add work programme entry Community Leadership Committee / Libraries review (month 2031-06)');
    expect(dry.out).toContain('Would import 1 changes (work programme entry: 1 added, 0 changed)');

    const bad = await writeCsvWorkbook({
      agenda_items: [{ committee: 'Community Leadership Committee', meeting_date: '2018-11-21', position: '1', kind: 'minutes', title: 'Minutes of last meeting', if_any: 'no', part: 'public', to_follow: 'no' }],
      work_programme: [{ ...entry, target_month: '', meeting_date: '2031-06-01' }],
    });
    const refused = await cli('import', bad);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('agenda_items, row 2, column title: The agenda of Wednesday 21 November 2018 has');
    expect(refused.err).toContain('work_programme, row 2, column meeting_date: Community Leadership Committee has no meeting on Sunday 1 June 2031');
    await rm(bad, { recursive: true, force: true });
    await rm(good, { recursive: true, force: true });
  });
});
