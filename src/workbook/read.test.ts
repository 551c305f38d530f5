/**
 * The quick .xlsx reader (`readXlsxCells`) must give exactly what exceljs's whole-workbook reader gives,
 * and decline (so that the whole reader is used) the files whose layout it does not model.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readWorkbook, readXlsxCells, readXlsxWhole } from './read.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'townhall-read-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

let n = 0;
const file = () => join(dir, `book-${++n}.xlsx`);

/** A workbook with every kind of cell value exceljs writes, over several sheets. */
async function variedWorkbook(options: { date1904?: boolean } = {}): Promise<string> {
  const wb = new ExcelJS.Workbook();
  if (options.date1904) wb.properties.date1904 = true;
  wb.addWorksheet('Guide').addRow(['not', 'a', 'template', 'sheet']);
  const ws = wb.addWorksheet('Results');
  ws.addRow([' Ref ', 'Period', 'Value', 'Data-Period', 'printed rating', 'Commentary', '', 'Note', 'Note', 'numerator']);
  ws.addRow(['A/1', 'Q1 2018/19', 0.85, 'Rolling 12 months', 'G', 'two\r\nlines', 'x', 1939, 'repeated header', 12]);
  ws.getCell('C2').numFmt = '0%';
  ws.addRow(['A/2', new Date(Date.UTC(2018, 7, 1)), { formula: '0.1+0.2', result: 0.30000000000000004 }, null, null, { richText: [{ text: 'Rich ' }, { text: 'text', font: { bold: true } }] }]);
  ws.getCell('B3').numFmt = 'mmm-yy';
  ws.addRow(['A/3', new Date(Date.UTC(2018, 7, 15, 9, 30)), { formula: 'A1', result: 'text result' }, null, null, { text: 'link', hyperlink: 'https://example.org' }, null, true]);
  ws.addRow([]);
  ws.addRow(['A/4', 'Q2 2018/19', { formula: 'DATE(2018,8,1)', result: new Date(Date.UTC(2018, 7, 1)) }, null, null, '   padded   ', null, false, null, -0.5]);
  ws.getCell('C6').numFmt = 'dd/mm/yyyy';
  ws.addRow(['A/5', 'Q3 2018/19', { formula: '1/0', result: { error: '#DIV/0!' } }, null, null, 'quote " & <tag> \'apos\'', null, { error: '#N/A' }, null, 1e21]);
  ws.addRow(['A/6', 'Q4 2018/19', { sharedFormula: 'C3', result: 7 }, null, null, '_x0041_ literal', null, 0.0535, null, 3]);
  ws.getCell('H8').numFmt = '0.00%';
  ws.addRow(['A/7', 'Q4 2018/19', 1234567.891, null, null, 'ünïcödé – “quotes” 🙂']);
  ws.getCell('C9').numFmt = '#,##0.00 "£"';
  ws.addRow([null, null, null, null, null, '   ']);
  ws.addRow(['A/8', 'Q4 2018/19', { formula: 'TRUE()', result: true }]);
  const targets = wb.addWorksheet('targets');
  targets.addRow(['ref', 'period', 'target']);
  targets.addRow(['A/1', '2018/19', 0.9]);
  targets.getCell('C2').numFmt = '0.0%';
  wb.addWorksheet(' results_').addRow(['ref', 'period']); // the same sheet once normalised: the first one wins
  const hidden = wb.addWorksheet('Actions', { state: 'hidden' });
  hidden.addRow(['ref', 'committee', 'period', 'rag']);
  hidden.addRow(['KA-1', 'C', 'Q1 2018/19', 'G']);
  const path = file();
  await wb.xlsx.writeFile(path);
  return path;
}

/** Rewrites one part of an .xlsx file (and optionally the order of the zip's entries). */
async function rewrite(path: string, edit: (zip: JSZip) => Promise<void>, order?: (names: string[]) => string[]): Promise<string> {
  const zip = await JSZip.loadAsync(await readFile(path));
  await edit(zip);
  const out = new JSZip();
  const names = Object.keys(zip.files).filter((name) => !zip.files[name]!.dir);
  for (const name of order ? order(names) : names) out.file(name, await zip.file(name)!.async('uint8array'));
  const target = file();
  await writeFile(target, await out.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
  return target;
}

async function sheetPath(zip: JSZip, sheetName: string): Promise<string> {
  const workbook = await zip.file('xl/workbook.xml')!.async('string');
  const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
  const rId = new RegExp(`<sheet [^>]*name="${sheetName}"[^>]*r:id="([^"]+)"`).exec(workbook)![1]!;
  const target = new RegExp(`<Relationship [^>]*Id="${rId}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ??
    new RegExp(`<Relationship [^>]*Target="([^"]+)"[^>]*Id="${rId}"`).exec(rels)![1]!;
  return `xl/${target.replace(/^\/?xl\//, '')}`;
}

/** Replaces the sheet's XML between `<sheetData>` and `</sheetData>`. */
const withSheetData = (sheetName: string, rowsXml: string, after = '') => async (zip: JSZip) => {
  const path = await sheetPath(zip, sheetName);
  const xml = await zip.file(path)!.async('string');
  zip.file(path, xml.replace(/<sheetData>[\s\S]*<\/sheetData>|<sheetData\/>/, `<sheetData>${rowsXml}</sheetData>${after}`));
};

async function expectSameAsWhole(path: string): Promise<void> {
  const whole = await readXlsxWhole(path);
  const streamed = await readXlsxCells(path);
  expect(streamed).not.toBeNull();
  expect(streamed).toEqual(whole);
  expect(Object.keys(streamed!)).toEqual(Object.keys(whole));
  expect(await readWorkbook(path)).toEqual(whole);
}

describe('readXlsxCells', () => {
  it('reads every kind of cell exactly as the whole-workbook reader', async () => {
    const path = await variedWorkbook();
    await expectSameAsWhole(path);
    const raw = await readWorkbook(path);
    expect(Object.keys(raw)).toEqual(['results', 'targets', 'actions']);
    expect(raw.results![0]!.cells).toMatchObject({ ref: 'A/1', value: '85%', note: '1939', numerator: '12' });
    expect(raw.results!.map((r) => r.row)).toEqual([2, 3, 4, 6, 7, 8, 9, 11]);
  });

  it('reads 1904-based dates', async () => {
    await expectSameAsWhole(await variedWorkbook({ date1904: true }));
  });

  it('reads the files the template writer writes', async () => {
    const { writeBlankTemplate } = await import('./write.ts');
    const path = file();
    await writeBlankTemplate(path, 'xlsx');
    await expectSameAsWhole(path);
  });

  it('reads inline strings, rich inline strings, typed formula results, escapes and empty cells as exceljs does', async () => {
    const rowsXml =
      '<row r="1"><c r="A1" t="inlineStr"><is><t>ref</t></is></c><c r="B1" t="inlineStr"><is><t>value</t></is></c>' +
      '<c r="C1" t="inlineStr"><is><t>commentary</t></is></c><c r="D1" t="inlineStr"><is><t>note</t></is></c></row>' +
      '<row r="2"><c r="A2" t="inlineStr"><is><t>X/1</t></is></c><c r="B2" t="b"><f>1=1</f><v>1</v></c>' +
      '<c r="C2" t="inlineStr"><is><r><t>Rich </t></r><r><rPr><b/></rPr><t>inline_x000D_</t></r></is></c><c r="D2" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>' +
      '<row r="3"><c r="A3" t="str"><v>a &amp;amp; b</v></c><c r="B3"/><c r="C3" t="inlineStr"><is><t>plain_x000D_inline</t></is></c><c r="D3" t="e"><v>#REF!</v></c></row>' +
      '<row r="5"><c r="A5" s="0"><v>5</v></c><c r="B5" t="str"><f>A5&amp;"x"</f><v>5x</v></c><c r="C5" t="b"><v>0</v></c><c r="D5"><f>A5</f></c></row>';
    const path = await rewrite(await variedWorkbook(), withSheetData('Results', rowsXml));
    await expectSameAsWhole(path);
  });

  it('decodes _xHHHH_ escapes in shared strings as exceljs does', async () => {
    const path = await rewrite(await variedWorkbook(), async (zip) => {
      const xml = await zip.file('xl/sharedStrings.xml')!.async('string');
      zip.file('xl/sharedStrings.xml', xml.replace('>Rolling 12 months<', '>Rolling_x000D__x000A_12 months<'));
    });
    await expectSameAsWhole(path);
    expect((await readWorkbook(path)).results![0]!.cells.data_period).toBe('Rolling\r\n12 months');
  });

  it('declines merged cells and rows out of order; readWorkbook still reads them whole', async () => {
    const base = await variedWorkbook();
    const merged = await rewrite(base, async (zip) => {
      const path = await sheetPath(zip, 'Results');
      const xml = await zip.file(path)!.async('string');
      zip.file(path, xml.replace('</sheetData>', '</sheetData><mergeCells count="1"><mergeCell ref="F2:G2"/></mergeCells>'));
    });
    const unordered = await rewrite(
      base,
      withSheetData('targets', '<row r="2"><c r="A2" t="inlineStr"><is><t>A/1</t></is></c></row><row r="1"><c r="A1" t="inlineStr"><is><t>ref</t></is></c></row>'),
    );
    for (const path of [merged, unordered]) {
      expect(await readXlsxCells(path)).toBeNull();
      expect(await readWorkbook(path)).toEqual(await readXlsxWhole(path));
    }
  });

  it('reads the parts of the zip in any order', async () => {
    const base = await variedWorkbook();
    const parts = ['[Content_Types].xml', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml', 'xl/styles.xml'];
    const metadataFirst = await rewrite(base, async () => undefined, (names) => [...parts, ...names.filter((f) => !parts.includes(f))]);
    const metadataLast = await rewrite(base, async () => undefined, (names) => [...names.filter((f) => !parts.includes(f)), ...parts]);
    await expectSameAsWhole(metadataFirst);
    await expectSameAsWhole(metadataLast);
  });

  it('a file that is not a workbook is refused in words a person can act on, not the zip library’s', async () => {
    const path = join(dir, 'not.xlsx');
    await writeFile(path, 'not a zip file');
    const whole = await readXlsxWhole(path).then(
      () => 'no error',
      (e: Error) => e.message,
    );
    expect(whole).toMatch(/central directory/);
    await expect(readWorkbook(path)).rejects.toThrow('The file is not a readable .xlsx workbook: it is not a zip archive');
    await expect(readWorkbook(path)).rejects.not.toThrow(whole);
  });
});
