/**
 * `townhall report <quarterly|annual|addendum|dashboard|work-programme>` against the demo council: every format
 * written with --out (or printed), the old `report performance` still working, and clear errors.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_WORKBOOK } from '../../src/app.ts';
import { run, type Io } from '../../src/cli/main.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';

const NEW_NAME = 'Community Leadership and Libraries Committee';
const OLD_NAME = 'Community Leadership Committee';
const pdftotext = spawnSync('pdftotext', ['-v']).error ? null : 'pdftotext';

describe('townhall report <type>', () => {
  let t: TestDatabase;
  let dir: string;
  const cli = async (...argv: string[]) => {
    const stdout: string[] = [];
    const stderr: string[] = [];
    const io: Io = { out: (x) => stdout.push(x), err: (x) => stderr.push(x), isTTY: false };
    const code = await run(argv, io, async () => ({ ...t.app, close: async () => undefined }));
    return { code, out: stdout.join('\n'), err: stderr.join('\n') };
  };

  beforeAll(async () => {
    t = await createTestDatabase('pglite');
    const outcome = await t.app.imports.importFile(DEMO_WORKBOOK);
    if (!outcome.ok) throw new Error('demo import failed');
    dir = await mkdtemp(join(tmpdir(), 'townhall-cli-reports-'));
  }, 120_000);
  afterAll(async () => {
    await t?.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it.skipIf(!pdftotext)('writes the quarterly report as a PDF with the seed’s figures', async () => {
    const out = join(dir, 'q2.pdf');
    const r = await cli('report', 'quarterly', '--committee', NEW_NAME, '--period', 'Q2 2018/19', '--format', 'pdf', '--out', out, '--meeting-date', '21 November 2018');
    expect([r.code, r.out]).toEqual([0, `Wrote the quarterly report (pdf) to ${out}`]);
    const text = spawnSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' }).stdout;
    expect(text).toContain('(4)');
    expect(text).toContain('21 November 2018');
  }, 60_000);

  it('writes every type in Word and JSON, and prints HTML without --out', async () => {
    const docx = join(dir, 'addendum.docx');
    expect((await cli('report', 'addendum', '--committee', OLD_NAME, '--period', 'Q3 2016/17', '--format', 'docx', '--out', docx)).code).toBe(0);
    const xml = await (await JSZip.loadAsync(await readFile(docx))).file('word/document.xml')!.async('string');
    expect(xml).toContain('Lowered');
    const json = join(dir, 'annual.json');
    expect((await cli('report', 'annual', '--committee', OLD_NAME, '--period', '2016/17', '--format', 'json', '--out', json)).code).toBe(0);
    const parsed = JSON.parse(await readFile(json, 'utf8'));
    expect(parsed.kind).toBe('annual');
    expect(parsed.report.summary.G.count).toBe(8);
    const html = await cli('report', 'dashboard', '--unit', 'Community Safety', '--period', 'Q2 2018/19', '--format', 'html');
    expect(html.code).toBe(0);
    expect(html.out).toMatch(/^<!DOCTYPE html>/);
    expect(html.out).toContain('Community Safety: quarterly dashboard Q2 2018/19');
    const md = await cli('report', 'annual', '--committee', OLD_NAME, '--period', '2016/17', '--format', 'md');
    expect(md.code).toBe(0);
    expect(md.out).toMatch(/^# /);
    expect(md.out).toContain('CG/S9');
    expect(md.out).not.toMatch(/<(?!br>)[a-z]/i);
  }, 60_000);

  it('keeps `report performance` working (json and md)', async () => {
    const json = await cli('report', 'performance', '--committee', NEW_NAME, '--period', 'Q2 2018/19');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out).period.label).toBe('Q2 2018/19');
    const md = await cli('report', 'performance', '--committee', OLD_NAME, '--period', '2016/17', '--format', 'md');
    expect(md.code).toBe(0);
    expect(md.out).toContain('CG/S9');
  });

  it('writes a committee’s forward work programme from a date (a dated kind of the registry)', async () => {
    const gov = { email: 'gov@x', role: 'governance-officer' as const };
    const meeting = await t.app.meetings.addMeeting({ committee: 'community-leadership-committee', date: { day: '21', month: '11', year: '2018' }, startTime: '7pm', venue: 'Hendon Town Hall' }, gov);
    await t.app.workProgramme.addEntry('community-leadership-committee', { title: 'Communities Together Network: Annual Report', overview: 'The fourth annual report', reportOf: 'Community Engagement Lead', issueType: 'non-key', target: 'meeting', meeting: String(meeting.id) }, gov);
    const html = await cli('report', 'work-programme', '--committee', OLD_NAME, '--period', '2018-11-01', '--format', 'html');
    expect(html.code).toBe(0);
    expect(html.out).toContain('Community Leadership and Libraries Committee Forward Work Programme');
    expect(html.out).toContain('Communities Together Network: Annual Report');
    const docx = join(dir, 'programme.docx');
    const written = await cli('report', 'work-programme', '--committee', NEW_NAME, '--period', '2018-11-01', '--format', 'docx', '--out', docx);
    expect([written.code, written.out]).toEqual([0, `Wrote the work-programme (docx) to ${docx}`]);
    const xml = await (await JSZip.loadAsync(await readFile(docx))).file('word/document.xml')!.async('string');
    expect(xml).toContain('Communities Together Network: Annual Report');
  });

  it('writes a meeting’s minutes only once published (the minutes kind of the registry)', async () => {
    const none = await cli('report', 'minutes', '--committee', NEW_NAME, '--period', '2018-06-12', '--format', 'html');
    expect(none.code).not.toBe(0);
    expect(none.err).toContain('No published minutes of the Community Leadership and Libraries Committee on 2018-06-12');
  });

  it('explains a bad type, format, period, committee or missing --out', async () => {
    const cases: [string[], RegExp][] = [
      [['report', 'weekly', '--committee', NEW_NAME, '--period', 'Q2 2018/19'], /report type is one of quarterly, annual, addendum, dashboard, work-programme, minutes \(or performance\), not "weekly"/],
      [['report', 'quarterly', '--committee', NEW_NAME, '--period', 'Q2 2018/19', '--format', 'rtf'], /--format is one of html, pdf, docx, md, json, not "rtf"/],
      [['report', 'quarterly', '--committee', NEW_NAME, '--period', 'Q7 2018/19', '--format', 'html'], /"Q7 2018\/19" is not a period/],
      [['report', 'quarterly', '--committee', NEW_NAME, '--period', '2018/19', '--format', 'html'], /is for a quarter/],
      [['report', 'addendum', '--committee', OLD_NAME, '--period', 'Q2 2016/17', '--format', 'html'], /Q3 position/],
      [['report', 'quarterly', '--committee', 'Parks Committee', '--period', 'Q2 2018/19', '--format', 'html'], /No committee called "Parks Committee"/],
      [['report', 'quarterly', '--committee', NEW_NAME, '--period', 'Q2 2018/19', '--format', 'pdf'], /--format pdf needs --out <file>/],
      [['report', 'annual', '--period', '2016/17', '--format', 'html'], /needs --committee <name>/],
      [['report', 'annual', '--unit', 'Parks', '--period', '2016/17', '--format', 'html'], /--unit is for the dashboard/],
      [['report', 'work-programme', '--committee', NEW_NAME, '--period', 'Q2 2018/19', '--format', 'html'], /The work programme runs from a date: give e.g. 2018-11-21, not Q2 2018\/19/],
      [['report', 'work-programme', '--committee', 'Parks Committee', '--period', '2018-11-21', '--format', 'html'], /No committee is called "Parks Committee"/],
      [['report', 'work-programme', '--period', '2018-11-21', '--format', 'html'], /needs --committee <name>/],
    ];
    for (const [argv, message] of cases) {
      const r = await cli(...argv);
      expect([argv.join(' '), r.code]).toEqual([argv.join(' '), 2]);
      expect(r.err).toMatch(message);
    }
  });
});
