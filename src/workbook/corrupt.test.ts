/**
 * Damaged and hostile files are refused with errors a person can act on (issue 9): the file, part,
 * sheet, row and column named; never a library's own message or a path on the server. A sheet that
 * cannot be read does not stop the others from being read (issue 10: every error at once).
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rezip } from '../../test/support/workbook.ts';
import type { ImportError } from './model.ts';
import { WorkbookReadError, readWorkbook, readWorkbookSheets } from './read.ts';

let dir: string;
let base: Buffer;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'townhall-corrupt-'));
  const wb = new ExcelJS.Workbook();
  const results = wb.addWorksheet('results');
  results.addRow(['ref', 'period', 'value', 'commentary']);
  for (let i = 1; i <= 40; i++) results.addRow([`T/${i}`, 'Q1 2018/19', i, `Commentary ${i}`]);
  wb.addWorksheet('targets').addRow(['ref', 'period', 'target']);
  base = Buffer.from(await wb.xlsx.writeBuffer());
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

let n = 0;
async function save(bytes: Buffer | string, name = `book-${++n}.xlsx`): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, bytes);
  return path;
}

/** The base workbook with its parts edited (JSZip writes a valid zip around them). */
async function edited(edit: (parts: Map<string, string>) => void): Promise<string> {
  return save(
    await rezip(base, (parts) => {
      const texts = new Map([...parts].map(([name, bytes]) => [name, bytes.toString('utf8')]));
      edit(texts);
      parts.clear();
      for (const [name, text] of texts) parts.set(name, Buffer.from(text));
    }),
  );
}
const SHEET = 'xl/worksheets/sheet1.xml';

async function refusal(path: string, name?: string): Promise<ImportError[]> {
  const error = await readWorkbook(path, name ? { name } : {}).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WorkbookReadError);
  const errors = (error as WorkbookReadError).errors;
  for (const e of errors) {
    expect(e.message).not.toMatch(/undefined|Cannot read|Bug :|End of data|Invalid row number|entity\.|\bat \w+ \(|\/tmp\//);
    expect(e.sheet).not.toContain('/');
  }
  return errors;
}

describe('corrupt .xlsx files are refused', () => {
  it('one byte changed (CRC error), naming the part', async () => {
    const bytes = Buffer.from(base);
    const zip = await JSZip.loadAsync(base);
    // A byte in the middle of the first stored or compressed part's data.
    const sheetStart = bytes.indexOf(Buffer.from(SHEET)) + SHEET.length + 10;
    bytes[sheetStart] = bytes[sheetStart]! ^ 0xff;
    expect(Object.keys(zip.files).length).toBeGreaterThan(3);
    const [error] = await refusal(await save(bytes), 'framework.xlsx');
    expect(error!.sheet).toBe('framework.xlsx');
    expect(error!.message).toMatch(/^The file is not a readable .xlsx workbook: part xl\/worksheets\/sheet1.xml is damaged/);
  });

  it('a file cut short', async () => {
    const [error] = await refusal(await save(base.subarray(0, Math.floor(base.length / 2)), 'cut.xlsx'));
    expect(error!.message).toContain('it is cut short');
  });

  it('a sheet whose XML is cut in half: names the sheet and the last row read', async () => {
    const [error] = await refusal(await edited((parts) => parts.set(SHEET, parts.get(SHEET)!.slice(0, Math.floor(parts.get(SHEET)!.length / 2)))));
    expect(error!.sheet).toBe('results');
    expect(error!.message).toMatch(/^The results sheet is cut short after row \d+/);
    expect(error!.row).toBeGreaterThan(1);
  });

  it('malformed sheet XML and an undefined entity', async () => {
    const [error] = await refusal(await edited((parts) => parts.set(SHEET, parts.get(SHEET)!.replace('<v>', '<v>&bogus;'))));
    expect(error!.sheet).toBe('results');
    expect(error!.message).toMatch(/^The results sheet is damaged: its XML \(xl\/worksheets\/sheet1.xml\) is not well-formed near line \d+, column \d+, at row \d+/);
  });

  it('a DTD or external entity anywhere', async () => {
    const path = await edited((parts) =>
      parts.set(SHEET, parts.get(SHEET)!.replace('?>', '?><!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>')),
    );
    const [error] = await refusal(path);
    expect(error!.message).toContain('Part xl/worksheets/sheet1.xml declares a document type or entities');
  });

  it('an empty row 1 with the header on row 2: refused, saying where the header is', async () => {
    const path = await edited((parts) => parts.set(SHEET, parts.get(SHEET)!.replace(/<row r="(\d+)"/g, (_m, r: string) => `<row r="${Number(r) + 1}"`).replace(/ r="([A-Z]+)(\d+)"/g, (_m, c: string, r: string) => ` r="${c}${Number(r) + 1}"`)));
    const [error] = await refusal(path);
    expect(error).toMatchObject({ sheet: 'results', row: 1 });
    expect(error!.message).toContain('Row 1 of the results sheet is empty, but row 2 has cells: the column names must be on row 1');
  });

  it('two rows with the same row number', async () => {
    const [error] = await refusal(await edited((parts) => parts.set(SHEET, parts.get(SHEET)!.replace('<row r="3"', '<row r="2"'))));
    expect(error).toMatchObject({ sheet: 'results', row: 2 });
    expect(error!.message).toContain('Row 2 appears twice in the results sheet');
  });

  it('a sheet listed in xl/workbook.xml whose part is missing', async () => {
    const [error] = await refusal(await edited((parts) => parts.delete(SHEET)));
    expect(error!.sheet).toBe('results');
    expect(error!.message).toContain('The sheet "results" is listed in xl/workbook.xml, but its part xl/worksheets/sheet1.xml is missing');
  });

  it('xl/workbook.xml missing, or malformed', async () => {
    const [missing] = await refusal(await edited((parts) => parts.delete('xl/workbook.xml')));
    expect(missing!.message).toContain('it has no part xl/workbook.xml');
    const [malformed] = await refusal(await edited((parts) => parts.set('xl/workbook.xml', parts.get('xl/workbook.xml')!.replace('<sheets>', '<sheets><<'))));
    expect(malformed!.message).toMatch(/^Part xl\/workbook.xml of the workbook is damaged: its XML is not well-formed near line \d+, column \d+/);
  });

  it('a shared string that is not there names the row and column', async () => {
    const [error] = await refusal(await edited((parts) => parts.set(SHEET, parts.get(SHEET)!.replace(/(<c r="D5"[^>]*t="s"[^>]*><v>)\d+/, '$19999'))));
    expect(error).toMatchObject({ sheet: 'results', row: 5, column: 'commentary' });
  });

  it('a file that is not a zip, by the name the person uploaded', async () => {
    const [error] = await refusal(await save('PK\x03\x04 not really a zip'), 'my results.xlsx');
    expect(error!.sheet).toBe('my results.xlsx');
  });
});

describe('CSV files', () => {
  it('a binary results.csv (NUL bytes) is refused naming the file and line', async () => {
    const folder = join(dir, 'binary');
    await mkdir(folder);
    await writeFile(join(folder, 'results.csv'), Buffer.concat([Buffer.from('ref,period,value\nT/1,2018/19,'), Buffer.from([0, 1, 2, 0xff]), Buffer.from('\n')]));
    const [error] = await refusal(folder);
    expect(error).toMatchObject({ sheet: 'results', row: 2 });
    expect(error!.message).toContain('results.csv is not a text file (it has a NUL byte on line 2)');
  });

  it('invalid UTF-8 is refused, not silently replaced', async () => {
    const path = join(dir, 'results.csv');
    await writeFile(path, Buffer.concat([Buffer.from('ref,period,value,commentary\nT/1,2018/19,5,ok\nT/2,2018/19,6,caf'), Buffer.from([0xe9]), Buffer.from('\n')]));
    const [error] = await refusal(path);
    expect(error!.message).toContain('results.csv is not UTF-8 text (line 3');
  });

  it('an empty first line above the header is refused', async () => {
    const path = join(dir, 'targets.csv');
    await writeFile(path, '\nref,period,target\nT/1,2018/19,5\n');
    const [error] = await refusal(path);
    expect(error!.message).toContain('Row 1 of the targets sheet is empty, but row 2 has cells');
  });
});

describe('a sheet that cannot be read does not stop the others (readWorkbookSheets)', () => {
  /** results (sheet1), targets (sheet2) and actions (sheet3), each with a data row. */
  let three: Buffer;
  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('results').addRows([['ref', 'period', 'value'], ['T/1', 'Q1 2018/19', 5]]);
    wb.addWorksheet('targets').addRows([['ref', 'period', 'target'], ['T/1', '2018/19', 6]]);
    wb.addWorksheet('actions').addRows([['ref', 'period', 'rag'], ['KA1', '2018/19', 'G']]);
    three = Buffer.from(await wb.xlsx.writeBuffer());
  });
  const parts = async (edit: (parts: Map<string, Buffer>) => void) => save(await rezip(three, edit));
  const text = (parts: Map<string, Buffer>, name: string, edit: (xml: string) => string) => parts.set(name, Buffer.from(edit(parts.get(name)!.toString('utf8'))));

  it('two damaged sheets are both reported, and the third is read', async () => {
    const path = await parts((p) => {
      text(p, 'xl/worksheets/sheet1.xml', (xml) => xml.replace(/(<row r="2".*?<v>)/, '$1&bogus;'));
      text(p, 'xl/worksheets/sheet3.xml', (xml) => xml.replace('<row r="2"', '<row r="1"'));
    });
    const read = await readWorkbookSheets(path);
    expect(read.errors.map((e) => [e.sheet, e.row])).toEqual([
      ['results', 2],
      ['actions', 1],
    ]);
    expect([...read.unread].sort()).toEqual(['actions', 'results']);
    expect(Object.keys(read.raw)).toEqual(['targets']);
    expect(read.raw.targets![0]!.cells).toEqual({ ref: 'T/1', period: '2018/19', target: '6' });
    // All or nothing: readWorkbook throws every error at once.
    await expect(readWorkbook(path)).rejects.toMatchObject({ errors: read.errors });
  });

  it('a part whose checksum fails costs only its sheet', async () => {
    const bytes = Buffer.from(three);
    const name = Buffer.from('xl/worksheets/sheet2.xml');
    // The local header's name, then the part's compressed data just after it.
    const at = bytes.indexOf(name) + name.length + 10;
    bytes[at] = bytes[at]! ^ 0xff;
    const read = await readWorkbookSheets(await save(bytes), { name: 'q1.xlsx' });
    expect(read.errors).toHaveLength(1);
    expect(read.errors[0]).toMatchObject({ sheet: 'q1.xlsx' });
    expect(read.errors[0]!.message).toMatch(/^The file is not a readable .xlsx workbook: part xl\/worksheets\/sheet2.xml is damaged/);
    expect([...read.unread]).toEqual(['targets']);
    expect(Object.keys(read.raw).sort()).toEqual(['actions', 'results']);
  });

  it('damage to a part every sheet is read through (the shared text) leaves every sheet unread', async () => {
    const read = await readWorkbookSheets(await parts((p) => text(p, 'xl/sharedStrings.xml', (xml) => xml.replace('<sst', '<!DOCTYPE x><sst'))));
    expect(read.errors).toHaveLength(1);
    expect(read.errors[0]!.message).toContain('Part xl/sharedStrings.xml declares a document type');
    expect(read.raw).toEqual({});
    expect(read.unread.size).toBeGreaterThan(3);
  });

  it('a sheet that needs the whole-workbook reader is reported as not read when another sheet is damaged', async () => {
    const path = await parts((p) => {
      text(p, 'xl/worksheets/sheet1.xml', (xml) => xml.replace('</sheetData>', '</sheetData><mergeCells count="1"><mergeCell ref="D2:E2"/></mergeCells>'));
      text(p, 'xl/worksheets/sheet2.xml', (xml) => xml.slice(0, Math.floor(xml.length / 2)));
    });
    const read = await readWorkbookSheets(path);
    expect(read.errors.map((e) => e.sheet)).toEqual(['targets', 'results']);
    expect(read.errors[1]!.message).toMatch(/^The results sheet was not read: it has merged cells/);
    expect(Object.keys(read.raw)).toEqual(['actions']);
  });

  it('CSV: a binary file costs only its sheet', async () => {
    const folder = join(dir, 'partly-binary');
    await mkdir(folder);
    await writeFile(join(folder, 'results.csv'), Buffer.from('ref,period,value\nT/1,2018/19,\u0000\n'));
    await writeFile(join(folder, 'targets.csv'), 'ref,period,target\n\nT/1,2018/19,6\n');
    await writeFile(join(folder, 'actions.csv'), '\nref,period,rag\nKA1,2018/19,G\n');
    const read = await readWorkbookSheets(folder);
    expect(read.errors.map((e) => [e.sheet, e.row])).toEqual([
      ['actions', 1],
      ['results', 2],
    ]);
    expect(read.raw).toEqual({ targets: [{ row: 3, cells: { ref: 'T/1', period: '2018/19', target: '6' } }] });
  });
});
