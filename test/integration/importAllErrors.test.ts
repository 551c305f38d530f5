/**
 * Every error of a file at once (issue 10, deliver 4): a bad number, a row for a locked (published)
 * period and an unknown ref, in three different sheets, are reported together in one run — by the
 * importer, the `townhall import` command and the web upload preview — with a sheet that cannot be read
 * reported beside them; thousands of bad rows give a capped list with the right total; and nothing is
 * written while there is any error.
 */
import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.ts';
import { MAX_ERRORS_SHOWN } from '../../src/domain/limits.ts';
import type { ImportError } from '../../src/workbook/model.ts';
import { buildServer } from '../../src/web/server.ts';
import { signInAs, type SignedIn } from '../support/auth.ts';
import { createTestDatabase, engines, type TestDatabase } from '../support/db.ts';
import { table, text } from '../support/html.ts';
import { indicatorRow, rezip, smallCouncil, writeCsvWorkbook, xlsx, type Sheets } from '../support/workbook.ts';
import { capture } from '../support/cliIo.ts';

/** The three mistakes, one per sheet: a value that is not a number, a published period, a ref nobody knows. */
function threeMistakes(): Sheets {
  return {
    results: [{ ref: 'T/2', period: 'Q3 2017/18', value: 'ninety-one' }],
    actions: [{ ref: 'KA1', committee: 'Test Committee', priority: 'Strong communities', title: 'Launch the volunteering hub', period: 'Q2 2017/18', rag: 'Red' }],
    targets: [{ ref: 'T/9', period: '2017/18', target: '50%' }],
  };
}

/** Where each of the three is reported: [sheet, row, column, value]. */
const THREE: [string, number, string, string][] = [
  ['targets', 2, 'ref', 'T/9'],
  ['results', 2, 'value', 'ninety-one'],
  ['actions', 2, 'period', 'Q2 2017/18'],
];
const where = (errors: ImportError[]) => errors.map((e) => [e.sheet, e.row, e.column, e.value]);

/** The sheets as an .xlsx file (header from the first row's keys). */
function asXlsx(sheets: Sheets): Promise<Buffer> {
  return xlsx(Object.fromEntries(Object.entries(sheets).map(([name, rows]) => [name, [Object.keys(rows![0]!), ...rows!.map((r) => Object.values(r))]])));
}


function multipart(filename: string, bytes: Buffer) {
  const boundary = '----townhallAllErrorsBoundary';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="workbook"; filename="${filename}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe.each(engines())('every error of a file at once on %s', (engine) => {
  let t: TestDatabase;
  let dir: string;
  let server: ReturnType<typeof buildServer>;
  let officer: SignedIn;

  /** Everything an import writes, summed up: equal before and after means nothing was written. */
  const fingerprint = async () =>
    (
      await sql<{ f: string }>`select (select count(*) from audit_event) || ':' || (select count(*) from result) || ':' || (select count(*) from target) || ':' || (select count(*) from indicator) || ':' || (select count(*) from key_action_update) || ':' || (select coalesce(string_agg(rag || coalesce(commentary, ''), ',' order by id), '') from key_action_update) as f`.execute(
        t.handle.db,
      )
    ).rows[0]!.f;

  const cli = async (...argv: string[]) => {
    const io = capture();
    const code = await run(argv, io, async () => ({ ...t.app, close: async () => undefined }));
    return { code, out: io.stdout.join('\n'), err: io.stderr };
  };

  const upload = async (filename: string, bytes: Buffer) => {
    const up = multipart(filename, bytes);
    const res = await server.inject({ method: 'POST', url: `/import?_csrf=${encodeURIComponent(officer.csrfToken)}`, payload: up.payload, headers: { ...up.headers, cookie: officer.cookie } });
    expect(res.statusCode).toBe(303);
    const preview = await server.inject({ url: res.headers.location as string, headers: { accept: 'text/html', cookie: officer.cookie } });
    expect(preview.statusCode).toBe(200);
    return preview.body;
  };

  const csv = async (sheets: Sheets) => {
    const folder = await writeCsvWorkbook(sheets);
    const path = join(dir, `csv-${Math.random().toString(36).slice(2)}`);
    await rename(folder, path);
    return path;
  };

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    dir = await mkdtemp(join(tmpdir(), 'townhall-all-errors-'));
    const outcome = await t.app.imports.importFile(await csv(smallCouncil()));
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
    // Q2 2017/18 of the test committee is published: its data are locked.
    const committeeId = (await t.handle.db.selectFrom('committee').select('id').where('slug', '=', 'test-committee').executeTakeFirstOrThrow()).id;
    await t.app.publication.setStatus(committeeId, '2017-Q2', 'published', 'test');
    server = buildServer(t.app);
    officer = await signInAs(t.app, 'performance-officer');
  });
  afterAll(async () => {
    await server?.close();
    await t?.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it('the importer reports the bad number, the locked period and the unknown ref together, from CSV and .xlsx, and writes nothing', async () => {
    const before = await fingerprint();
    const xlsxPath = join(dir, 'three.xlsx');
    await writeFile(xlsxPath, await asXlsx(threeMistakes()));
    for (const path of [await csv(threeMistakes()), xlsxPath]) {
      for (const dryRun of [false, true]) {
        const outcome = await t.app.imports.importFile(path, { dryRun });
        expect(outcome.ok).toBe(false);
        if (outcome.ok) return;
        expect(where(outcome.errors)).toEqual(THREE);
        expect(outcome.errors.map((e) => e.message)).toEqual([
          'No indicator "T/9" in the indicators sheet or already stored',
          expect.stringMatching(/^Value "ninety-one" is not understood/),
          'Test Committee Q2 2017/18 is published, so its data are locked: reopen it (with a reason) before changing them',
        ]);
      }
    }
    expect(await fingerprint()).toBe(before);
    // Each mistake on its own is an error: with the other two corrected, the file imports.
    const fixed = threeMistakes();
    fixed.results![0]!.value = '91';
    fixed.actions![0]!.period = 'Q3 2017/18';
    fixed.targets![0]!.ref = 'T/2';
    expect(await t.app.imports.importFile(await csv(fixed), { dryRun: true })).toMatchObject({ ok: true });
  });

  it('townhall import lists all three in one run and exits 1', async () => {
    const before = await fingerprint();
    const res = await cli('import', await csv(threeMistakes()));
    expect(res.code).toBe(1);
    expect(res.err[0]).toMatch(/^Nothing was imported: 3 errors in /);
    expect(res.err.slice(1)).toEqual([
      '  targets, row 2, column ref: No indicator "T/9" in the indicators sheet or already stored (value: "T/9")',
      expect.stringMatching(/^ {2}results, row 2, column value: Value "ninety-one" is not understood: .* \(value: "ninety-one"\)$/),
      '  actions, row 2, column period: Test Committee Q2 2017/18 is published, so its data are locked: reopen it (with a reason) before changing them (value: "Q2 2017/18")',
    ]);
    expect(await fingerprint()).toBe(before);
  });

  it('the upload preview lists all three, with a sheet that cannot be read beside them, and offers no import', async () => {
    const before = await fingerprint();
    const sheets: Sheets = { ...threeMistakes(), risks: [{ committee: 'Test Committee', period: 'Q3 2017/18', risk_ref: 'R1', title: 'Flooding', kind: 'strategic', residual_score: '12' }] };
    // The risks sheet (the fourth part) cut in half: reported, and the other sheets still checked.
    const bytes = await rezip(await asXlsx(sheets), (parts) => {
      const xml = parts.get('xl/worksheets/sheet4.xml')!;
      parts.set('xl/worksheets/sheet4.xml', xml.subarray(0, Math.floor(xml.length / 2)));
    });
    const page = await upload('Q3 returns.xlsx', bytes);
    const errors = table(page, /^Errors/);
    expect(errors.caption).toBe('Errors (4)');
    expect(errors.rows.slice(1).map((r) => r.slice(0, 4))).toEqual([
      ['targets', '2', 'ref', 'T/9'],
      ['results', '2', 'value', 'ninety-one'],
      ['actions', '2', 'period', 'Q2 2017/18'],
      ['risks', '1', '', ''],
    ]);
    expect(errors.rows[4]![4]).toMatch(/^The risks sheet is cut short/);
    expect(text(page)).toContain('The file has 4 errors: nothing can be imported until they are corrected');
    expect(page).not.toContain('Import these changes');
    expect(page).not.toContain('more errors');
    expect(await fingerprint()).toBe(before);
  });

  it('an error that follows only from a refused row is not repeated; a ref that is truly unknown still is', async () => {
    const outcome = await t.app.imports.importFile(
      await csv({
        indicators: [indicatorRow({ ref: 'T/8', unit: 'furlongs' })],
        settings: [{ plan_year: '2019/20', rag_method: 'guesswork' }],
        results: [
          { ref: 'T/8', period: '2017/18', value: '5' },
          { ref: 'T/7', period: '2017/18', value: '5' },
          { ref: 'T/1', period: '2019/20', value: '5' },
          { ref: 'T/1', period: '2020/21', value: '5' },
        ],
      }),
    );
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(where(outcome.errors)).toEqual([
      ['settings', 2, 'rag_method', 'guesswork'],
      ['indicators', 2, 'unit', 'furlongs'],
      ['results', 3, 'ref', 'T/7'],
      ['results', 5, 'period', '2020/21'],
    ]);
    expect(outcome.errors[3]!.message).toBe('No rating method for plan year 2020/21: add a row for it to the settings sheet');

    // A changed definition of T/1 in force in every year would change the published Q2 2017/18; with a
    // (refused) version from 2017/18 beside it, it would change only 2016/17: the refusal is the one error.
    const retitled = indicatorRow({ title: 'Residents satisfied with their area' });
    const locked = await t.app.imports.importFile(await csv({ indicators: [retitled] }));
    expect(!locked.ok && where(locked.errors)).toEqual([['indicators', 2, 'plan_year', 'T/1']]);
    const withLater = await t.app.imports.importFile(await csv({ indicators: [retitled, indicatorRow({ plan_year: '2017/18', unit: 'furlongs' })] }));
    expect(!withLater.ok && where(withLater.errors)).toEqual([['indicators', 3, 'unit', 'furlongs']]);
  });

  describe('thousands of bad rows', () => {
    const BAD_RESULTS = 3000;
    const UNKNOWN_TARGETS = 200;
    const TOTAL = BAD_RESULTS + UNKNOWN_TARGETS;
    const MORE = TOTAL - MAX_ERRORS_SHOWN;
    const n = (x: number) => x.toLocaleString('en-GB');
    const thousands = (): Sheets => ({
      targets: Array.from({ length: UNKNOWN_TARGETS }, (_, i) => ({ ref: `X/${i}`, period: '2017/18', target: '5' })),
      results: Array.from({ length: BAD_RESULTS }, (_, i) => ({ ref: `R/${i}`, period: 'Q3 2017/18', value: `lots-${i}` })),
    });

    it('the importer returns every error; the CLI lists the first MAX_ERRORS_SHOWN and counts the rest', async () => {
      const before = await fingerprint();
      const path = await csv(thousands());
      const outcome = await t.app.imports.importFile(path);
      expect(outcome.ok).toBe(false);
      if (outcome.ok) return;
      expect(outcome.errors).toHaveLength(TOTAL);
      // Workbook order: the targets sheet's errors, then the results sheet's, row by row.
      expect(where(outcome.errors.slice(0, 2))).toEqual([
        ['targets', 2, 'ref', 'X/0'],
        ['targets', 3, 'ref', 'X/1'],
      ]);
      expect(where([outcome.errors.at(-1)!])).toEqual([['results', BAD_RESULTS + 1, 'value', `lots-${BAD_RESULTS - 1}`]]);

      const res = await cli('import', path);
      expect(res.code).toBe(1);
      expect(res.err[0]).toBe(`Nothing was imported: ${n(TOTAL)} errors in ${path} (the first ${n(MAX_ERRORS_SHOWN)} are listed)`);
      expect(res.err).toHaveLength(1 + MAX_ERRORS_SHOWN + 1);
      expect(res.err[MAX_ERRORS_SHOWN]).toMatch(new RegExp(`^ {2}results, row ${MAX_ERRORS_SHOWN - UNKNOWN_TARGETS + 1}, column value: `));
      expect(res.err.at(-1)).toBe(`  … and ${n(MORE)} more errors (results: ${n(MORE)})`);
      expect(await fingerprint()).toBe(before);
    }, 60_000);

    it('the upload preview lists the first MAX_ERRORS_SHOWN and says how many more', async () => {
      const before = await fingerprint();
      const page = await upload('thousands.xlsx', await asXlsx(thousands()));
      const errors = table(page, /^Errors/);
      expect(errors.caption).toBe(`Errors (${n(TOTAL)}; the first ${n(MAX_ERRORS_SHOWN)} are listed)`);
      expect(errors.rows).toHaveLength(1 + MAX_ERRORS_SHOWN);
      expect(text(page)).toContain(`The file has ${n(TOTAL)} errors: nothing can be imported until they are corrected`);
      expect(text(page)).toContain(`… and ${n(MORE)} more errors (results: ${n(MORE)}). Correct the errors listed and upload the file again to see the rest.`);
      expect(page).not.toContain('Import these changes');
      expect(await fingerprint()).toBe(before);
    }, 60_000);
  });
});
