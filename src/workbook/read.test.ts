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
import { readWorkbook, readWorkbookSheets, readXlsxCells, readXlsxWhole } from './read.ts';

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

  it('reads every kind of number format as exceljs does: built-in and custom, dates, times and percentages, in both date systems', async () => {
    // Built-in formats by id (14–22 and 45–47 are dates; 27–36 and 50–58, East Asian dates, are unknown to
    // exceljs, so their cells read as numbers), then the workbook's own formats (ids 164 on).
    const builtIn = [0, 1, 2, 3, 4, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 30, 31, 36, 37, 38, 45, 46, 47, 49, 50, 57, 58];
    const custom = ['dd/mm/yyyy', 'mmm yyyy', 'mmmm yy', '[$-809]dd mmmm yyyy;@', 'yyyy-mm-dd hh:mm', '0.0%', '0\\%', '#,##0.00 "£"', '[Red]0.00', '"Q"0', '[h]:mm', 'YYYY-MM-DD', '0.0 "days"'];
    const numFmtIds = [...builtIn, ...custom.map((_f, i) => 164 + i)];
    const styles = (xfs: string) =>
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      `<numFmts count="${custom.length}">${custom.map((f, i) => `<numFmt numFmtId="${164 + i}" formatCode="${f.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"/>`).join('')}</numFmts>` +
      '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills>' +
      '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${numFmtIds.length + 1}"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>${xfs}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';
    const xfs = numFmtIds.map((id) => `<xf numFmtId="${id}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"><alignment wrapText="1"/></xf>`).join('');
    const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
    // value: a date-time serial; benchmark: a formula's cached number; numerator: 0.85; denominator: a formula's text.
    const rowsXml =
      `<row r="1">${inline('A1', 'ref')}${inline('B1', 'value')}${inline('C1', 'benchmark')}${inline('D1', 'numerator')}${inline('E1', 'denominator')}</row>` +
      numFmtIds
        .map((id, i) => {
          const r = i + 2;
          const s = i + 1;
          return `<row r="${r}">${inline(`A${r}`, `F/${id}`)}<c r="B${r}" s="${s}"><v>43327.395833333336</v></c><c r="C${r}" s="${s}"><f>B${r}+1</f><v>43328.5</v></c>` +
            `<c r="D${r}" s="${s}"><v>0.85</v></c><c r="E${r}" s="${s}" t="str"><f>"7"</f><v>7</v></c></row>`;
        })
        .join('');
    const values = new Map<string, Map<string, Record<string, string>>>();
    for (const date1904 of [false, true]) {
      const path = await rewrite(await variedWorkbook({ date1904 }), async (zip) => {
        zip.file('xl/styles.xml', styles(xfs));
        await withSheetData('Results', rowsXml)(zip);
      });
      await expectSameAsWhole(path);
      const rows = (await readWorkbook(path)).results!;
      values.set(String(date1904), new Map(rows.map((row) => [row.cells.ref!, row.cells])));
    }
    const at = (date1904: boolean, id: number | string) => values.get(String(date1904))!.get(`F/${id}`)!;
    // Numbers in their shortest form to 15 significant digits (formatNumber).
    expect(at(false, 0)).toMatchObject({ value: '43327.3958333333', numerator: '0.85', denominator: '7' });
    // exceljs makes a date of any cached formula result in a date-formatted cell, text included ("7" → day 7).
    expect(at(false, 14)).toMatchObject({ value: '2018-08-15 09:30', benchmark: '2018-08-16 12:00', numerator: '1899-12-30 20:24', denominator: '1900-01-06' });
    expect(at(false, 17)).toMatchObject({ value: 'Aug 2018', benchmark: 'Aug 2018' });
    expect(at(false, 9)).toMatchObject({ numerator: '85%' });
    expect(at(false, 30)).toMatchObject({ value: '43327.3958333333' }); // an East Asian date id: a number in both readers
    expect(at(false, 164)).toMatchObject({ value: '2018-08-15 09:30' });
    expect(at(false, 165)).toMatchObject({ value: 'Aug 2018' });
    expect(at(false, 169)).toMatchObject({ numerator: '85%' });
    expect(at(false, 172)).toMatchObject({ numerator: '0.85' }); // "Q"0: quoted text is not a date code
    // The 1904 system: the same serial is 1,462 days later.
    expect(at(true, 14)).toMatchObject({ value: '2022-08-16 09:30' });
    expect(at(true, 165)).toMatchObject({ value: 'Aug 2022' });
  });

  it('reads shared text as exceljs does: rich text, phonetic guides, empty items, escapes and entities', async () => {
    // Added after the workbook's own shared text, which its other sheets use.
    const items = [
      '<si><t>ref</t></si><si><t>commentary</t></si><si><t>note</t></si>',
      '<si><r><t xml:space="preserve">Rich </t></r><r><rPr><b/><sz val="11"/><color theme="1"/><rFont val="Calibri"/><family val="2"/></rPr><t>text_x000D_</t></r></si>',
      '<si><r><t>東京</t></r><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/></si>',
      '<si/>',
      '<si><t/></si>',
      '<si><t>a &amp; b &lt;c&gt; _x0041_ _x000d_</t></si>',
      '<si><r><rPr><i/></rPr></r><r><t>only the second run has text</t></r></si>',
      '<si><t xml:space="preserve">  padded  </t></si>',
    ].join('');
    const path = await rewrite(await variedWorkbook(), async (zip) => {
      const own = await zip.file('xl/sharedStrings.xml')!.async('string');
      const base = own.match(/<si>/g)!.length;
      zip.file('xl/sharedStrings.xml', own.replace('</sst>', `${items}</sst>`));
      const s = (ref: string, index: number) => `<c r="${ref}" t="s"><v>${base + index}</v></c>`;
      const rowsXml =
        `<row r="1">${s('A1', 0)}${s('B1', 1)}${s('C1', 2)}</row>` +
        [3, 4, 5, 6, 7, 8, 9].map((index, i) => `<row r="${i + 2}"><c r="A${i + 2}" t="inlineStr"><is><t>S/${index}</t></is></c>${s(`B${i + 2}`, index)}${s(`C${i + 2}`, index)}</row>`).join('');
      await withSheetData('Results', rowsXml)(zip);
    });
    await expectSameAsWhole(path);
    const commentary = Object.fromEntries((await readWorkbook(path)).results!.map((row) => [row.cells.ref, row.cells.commentary]));
    expect(commentary).toEqual({
      'S/3': 'Rich text', // `_x000D_` is a carriage return, trimmed at the end of the cell
      'S/4': '東京',
      'S/5': '',
      'S/6': '',
      'S/7': 'a & b <c> A _x000d_',
      'S/8': 'only the second run has text',
      'S/9': 'padded',
    });
  });

  it('refuses rich text runs where no spreadsheet program writes them, naming the cell', async () => {
    const header = '<row r="1"><c r="A1" t="inlineStr"><is><t>ref</t></is></c><c r="B1" t="inlineStr"><is><t>commentary</t></is></c></row>';
    for (const [cell, where] of [
      ['<c r="B2" t="str"><f>A2</f><is><r><t>x</t></r></is></c>', 'in a formula cell'],
      ['<c r="B2" t="s"><r><t>x</t></r></c>', 'outside an inline text cell'],
    ] as const) {
      const path = await rewrite(await variedWorkbook(), withSheetData('Results', `${header}<row r="2"><c r="A2" t="inlineStr"><is><t>R/1</t></is></c>${cell}</row>`));
      const read = await readWorkbookSheets(path);
      expect(read.errors).toEqual([expect.objectContaining({ sheet: 'results', row: 2, column: 'commentary' })]);
      expect(read.errors[0]!.message).toContain(`The cell has formatted text (rich text runs) ${where}`);
      expect([...read.unread]).toEqual(['results']);
      expect(Object.keys(read.raw)).toEqual(['targets', 'actions']);
    }
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
