/**
 * The `townhall` command line against a real database: import (with dry run and errors), export,
 * template, report performance (json and md), check.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_WORKBOOK } from '../../src/app.ts';
import { SHEETS } from '../../src/workbook/model.ts';
import { run } from '../../src/cli/main.ts';
import type { PerformanceReport } from '../../src/services/performanceReport.ts';
import { createTestDatabase, engines, type TestDatabase } from '../support/db.ts';
import { indicatorRow, smallCouncil, writeCsvWorkbook } from '../support/workbook.ts';
import { capture } from '../support/cliIo.ts';


describe.each(engines())('townhall CLI on %s', (engine) => {
  let t: TestDatabase;
  let dir: string;
  const cli = async (...argv: string[]) => {
    const io = capture();
    // The CLI closes the app it opened; the test database outlives each command.
    const code = await run(argv, io, async () => ({ ...t.app, close: async () => undefined }));
    return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
  };

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    dir = await mkdtemp(join(tmpdir(), 'townhall-cli-'));
  });
  afterAll(async () => {
    await t?.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it('prints usage and fails on an unknown command', async () => {
    expect((await cli('--help')).code).toBe(0);
    const bad = await cli('frobnicate');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('Unknown command "frobnicate"');
  });

  it('dry-runs, imports, and re-imports the demo council with no changes', async () => {
    const dry = await cli('import', DEMO_WORKBOOK, '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('add result CG/C27 Q2 2018/19');
    expect(dry.out).toMatch(/Would import \d+ changes/);
    expect(Number((await t.handle.db.selectFrom('result').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)).toBe(0);
    const real = await cli('import', DEMO_WORKBOOK);
    expect(real.out).toMatch(/Imported \d+ changes/);
    expect(real.err).toBe(''); // stages are printed on a terminal, or when asked (--progress)
    const again = await cli('import', DEMO_WORKBOOK, '--progress');
    expect(again.err).toMatch(/^\[\d+\.\ds\] read: .*\n\[\d+\.\ds\] validate: \d+ rows\n\[\d+\.\ds\] compare: .*\n\[\d+\.\ds\] done: 0 changes$/);
    expect(again.out).toBe('No changes: everything in the file is already stored');
  });

  it('names every bad cell and exits non-zero', async () => {
    const sheets = smallCouncil();
    sheets.indicators = [indicatorRow({ frequency: 'fortnightly' })];
    const bad = await writeCsvWorkbook(sheets);
    try {
      const res = await cli('import', bad);
      expect(res.code).toBe(1);
      expect(res.err).toContain('Nothing was imported');
      expect(res.err).toContain('indicators, row 2, column frequency');
      expect(res.err).toContain('"fortnightly"');
    } finally {
      await rm(bad, { recursive: true, force: true });
    }
  });

  it('writes a JSON report whose every rating has its reason', async () => {
    const res = await cli('report', 'performance', '--committee', 'Community Leadership and Libraries Committee', '--period', '2016/17', '--format', 'json');
    expect(res.code).toBe(0);
    const report = JSON.parse(res.out) as PerformanceReport;
    expect(report.committee.name).toBe('Community Leadership Committee');
    expect(report.summary.G.count).toBe(8);
    for (const i of report.indicators) expect(i.rating.reason.text).toBeTruthy();
  });

  it('writes a markdown report with the key and the contradiction', async () => {
    const res = await cli('report', 'performance', '--committee', 'community leadership committee', '--period', 'Q2 2018/19', '--format', 'md');
    expect(res.code).toBe(0);
    expect(res.out).toContain('# Community Leadership and Libraries Committee: performance report Q2 2018/19');
    expect(res.out).toContain('↓ W +6.6%');
    expect(res.out).toContain('## Key');
    expect(res.out).toContain('10% or more off target');
    expect(res.out).toContain('printed direction of travel "↓ W +5.3%"');
  });

  it('explains a committee or period it cannot find', async () => {
    const res = await cli('report', 'performance', '--committee', 'Planning Committee', '--period', 'Q2 2018/19');
    expect(res.code).toBe(2);
    expect(res.err).toContain('No committee called "Planning Committee"');
    expect(res.err).toContain('Community Leadership and Libraries Committee');
    const period = await cli('report', 'performance', '--committee', 'Community Leadership Committee', '--period', 'Q7');
    expect(period.err).toContain('"Q7" is not a period');
  });

  it('exports and writes a blank template', async () => {
    const out = join(dir, 'export');
    expect((await cli('export', out)).code).toBe(0);
    expect((await readdir(out)).sort()).toEqual([...SHEETS].map((s) => `${s}.csv`).sort());
    expect((await cli('template', join(dir, 'blank.xlsx'))).code).toBe(0);
  });

  it('check lists the contradiction and exits 1', async () => {
    const res = await cli('check');
    expect(res.code).toBe(1);
    expect(res.out).toContain('[direction] Community Leadership and Libraries Committee, Q2 2018/19');
    expect(res.out).toMatch(/\d+ findings/);
  });
});
