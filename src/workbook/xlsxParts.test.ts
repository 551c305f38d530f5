/**
 * The workbook-wide parts of an .xlsx file read with saxes (xlsxParts.ts): each as exceljs 4.4 reads it.
 * read.test.ts compares whole files with exceljs's reader; these pin the rules one by one.
 */
import { describe, expect, it } from 'vitest';
import {
  BUILTIN_NUMBER_FORMATS,
  XmlSyntaxError,
  decodeEscapes,
  excelSerialToDate,
  isDateFormat,
  parseXml,
  readCellFormats,
  readRelationships,
  readSharedStrings,
  readWorkbookXml,
  xmlDecodeAgain,
} from './xlsxParts.ts';

const MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const sst = (items: string) => `${DECL}<sst ${MAIN} count="9" uniqueCount="9">${items}</sst>`;

describe('parseXml', () => {
  it('gives open, text and close in document order, entities decoded', () => {
    const seen: string[] = [];
    parseXml('<a x="1 &amp; 2"><b>t &lt; u</b><c/></a>', {
      open: (tag) => seen.push(`<${tag.name}${tag.attributes.x ? ` x=${tag.attributes.x}` : ''}>`),
      close: (tag) => seen.push(`</${tag.name}>`),
      text: (text) => seen.push(text),
    });
    expect(seen).toEqual(['<a x=1 & 2>', '<b>', 't < u', '</b>', '<c>', '</c>', '</a>']);
  });

  it('refuses XML that is not well-formed with where it breaks, never the parser’s own words', () => {
    const error = (() => {
      try {
        parseXml('<a>\n  <b></c>\n</a>', { open() {}, close() {} });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(XmlSyntaxError);
    expect((error as XmlSyntaxError).line).toBe(2);
    expect((error as XmlSyntaxError).where).toMatch(/^ near line 2, column \d+$/);
  });

  it('refuses an element left open, and text after the root', () => {
    expect(() => parseXml('<a><b></b>', { open() {}, close() {} })).toThrow(XmlSyntaxError);
    expect(() => parseXml('<a/>junk', { open() {}, close() {} })).toThrow(XmlSyntaxError);
  });

  it('expands no entity but the five XML predefines (an undefined one is an error, never looked up)', () => {
    expect(() => parseXml('<a>&xxe;</a>', { open() {}, close() {}, text() {} })).toThrow(XmlSyntaxError);
    const texts: string[] = [];
    parseXml('<a>&#65;&#x42;&quot;</a>', { open() {}, close() {}, text: (t) => texts.push(t) });
    expect(texts.join('')).toBe('AB"');
  });

  it('passes on a handler’s own error as it is (how a reader stops early)', () => {
    const stop = new Error('stop');
    expect(() =>
      parseXml('<a><b/></a>', {
        open: (tag) => {
          if (tag.name === 'b') throw stop;
        },
        close() {},
      }),
    ).toThrow(stop);
  });
});

describe('readWorkbookXml', () => {
  it('lists the sheets in tab order with their relationship ids, and the date system', () => {
    const xml =
      `${DECL}<workbook ${MAIN} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
      '<workbookPr date1904="1" defaultThemeVersion="164011"/><bookViews><workbookView/></bookViews>' +
      '<sheets><sheet name="Results" sheetId="3" r:id="rId3"/><sheet name="A &amp;amp; B" sheetId="1" r:id="rId1" state="hidden"/><sheet name="No rel" sheetId="2"/></sheets>' +
      '<definedNames><definedName name="_xlnm.Print_Area" localSheetId="0">Results!$A$1:$B$2</definedName></definedNames></workbook>';
    expect(readWorkbookXml(xml)).toEqual({
      sheets: [
        { name: 'Results', rId: 'rId3' },
        // exceljs decodes a sheet name once more after the XML parser (utils.js xmlDecode).
        { name: 'A & B', rId: 'rId1' },
        { name: 'No rel', rId: undefined },
      ],
      date1904: true,
    });
  });

  it('is the 1900 system unless date1904 is "1", as exceljs reads it', () => {
    const book = (pr: string) => `<workbook ${MAIN}>${pr}<sheets/></workbook>`;
    expect(readWorkbookXml(book('')).date1904).toBe(false);
    expect(readWorkbookXml(book('<workbookPr date1904="0"/>')).date1904).toBe(false);
    expect(readWorkbookXml(book('<workbookPr date1904="true"/>')).date1904).toBe(false);
    expect(readWorkbookXml(book('<workbookPr date1904="1"/>')).date1904).toBe(true);
  });
});

describe('readRelationships', () => {
  it('maps each relationship id to its target', () => {
    const xml =
      `${DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
      '<Relationship Target="/xl/worksheets/sheet2.xml" Id="rId2" Type="worksheet"/></Relationships>';
    expect([...readRelationships(xml)]).toEqual([
      ['rId1', 'worksheets/sheet1.xml'],
      ['rId2', '/xl/worksheets/sheet2.xml'],
    ]);
  });
});

describe('readSharedStrings', () => {
  it('reads plain and rich text, leaving out phonetic guides and formatting', () => {
    const items =
      '<si><t>plain</t></si>' +
      '<si><t xml:space="preserve">  spaced  </t></si>' +
      '<si><r><t xml:space="preserve">Rich </t></r><r><rPr><b/><sz val="11"/><rFont val="Calibri"/></rPr><t>text</t></r></si>' +
      '<si><r><t>東京</t></r><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/></si>' +
      '<si><t>漢字</t><rPh sb="0" eb="2"><t>カンジ</t></rPh></si>' +
      '<si><t>a &amp; b &lt;c&gt; &quot;d&quot;</t></si>';
    expect(readSharedStrings(sst(items))).toEqual(['plain', '  spaced  ', 'Rich text', '東京', '漢字', 'a & b <c> "d"']);
  });

  it('keeps every item’s place: empty items, an empty run, a run without text', () => {
    const items = '<si/><si><t/></si><si><r><t></t></r></si><si><r><rPr><b/></rPr></r><r><t>x</t></r></si><si><t>last</t></si>';
    expect(readSharedStrings(sst(items))).toEqual(['', '', '', 'x', 'last']);
  });

  it('decodes _xHHHH_ escapes in plain text and in runs (upper-case hex only, as exceljs)', () => {
    const items = '<si><t>two_x000D__x000A_lines</t></si><si><r><t>run_x0041_</t></r></si><si><t>lower_x000d_case</t></si><si><t>_x00_ short</t></si>';
    expect(readSharedStrings(sst(items))).toEqual(['two\r\nlines', 'runA', 'lower_x000d_case', '_x00_ short']);
  });

  it('joins text the parser gives in pieces (entities, character references)', () => {
    expect(readSharedStrings(sst('<si><t>A&#10;B&#x2013;C&amp;D</t></si>'))).toEqual(['A\nB–C&D']);
  });

  it('takes the last <t> or the runs after it, as exceljs does', () => {
    expect(readSharedStrings(sst('<si><r><t>run</t></r><t>then plain</t></si>'))).toEqual(['then plain']);
  });

  it('refuses malformed shared text', () => {
    expect(() => readSharedStrings(sst('<si><t>open</si>'))).toThrow(XmlSyntaxError);
  });
});

describe('readCellFormats', () => {
  const styles = (numFmts: string, xfs: string, extra = '') =>
    `${DECL}<styleSheet ${MAIN}>${numFmts}<fonts count="1"><font><sz val="11"/></font></fonts>` +
    '<cellStyleXfs count="1"><xf numFmtId="14" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    `<cellXfs count="9">${xfs}</cellXfs>${extra}</styleSheet>`;

  it('gives each style id its custom or built-in number format', () => {
    const xml = styles(
      '<numFmts count="3"><numFmt numFmtId="164" formatCode="0.0%"/><numFmt numFmtId="165" formatCode="dd/mm/yyyy"/><numFmt numFmtId="166" formatCode="0\\%"/></numFmts>',
      '<xf numFmtId="0" fontId="0"/><xf numFmtId="164"/><xf numFmtId="14" applyNumberFormat="1"><alignment horizontal="left"/></xf>' +
        '<xf numFmtId="165"/><xf numFmtId="9"/><xf numFmtId="30"/><xf numFmtId="999"/><xf/><xf numFmtId="166"/>',
      // A differential format's numFmt is not one of the workbook's number formats.
      '<dxfs count="1"><dxf><numFmt numFmtId="9" formatCode="yyyy"/></dxf></dxfs>',
    );
    expect(readCellFormats(xml)).toEqual([
      undefined, // General
      '0.0%',
      'mm-dd-yy', // built-in 14
      'dd/mm/yyyy',
      '0%',
      undefined, // 30: an East Asian locale's date, not one exceljs knows
      undefined, // unknown
      undefined, // no numFmtId
      '0%', // `0\%`: the backslash dropped, as exceljs reads format codes
    ]);
  });

  it('only <cellXfs> styles count, and a workbook without them has none', () => {
    expect(readCellFormats(styles('', ''))).toEqual([]);
    expect(readCellFormats(`<styleSheet ${MAIN}/>`)).toEqual([]);
  });

  it('an empty custom format code falls back to the built-in one of its id', () => {
    expect(readCellFormats(styles('<numFmts count="1"><numFmt numFmtId="10" formatCode=""/></numFmts>', '<xf numFmtId="0"/><xf numFmtId="10"/>'))).toEqual([undefined, '0.00%']);
  });
});

describe('number formats and dates', () => {
  it('a format is a date’s when it has y, m, d, h, s, M or b outside [brackets] and "quotes" (exceljs isDateFmt)', () => {
    const dates = ['dd/mm/yyyy', 'mmm-yy', 'd-mmm-yy', 'h:mm', '[h]:mm:ss', 'mm:ss', '[$-809]dd mmmm yyyy;@', 'YYYY-MM-DD', 'MMM', 'yyyy"年"m"月"'];
    const notDates = [undefined, '', 'General', '0', '0.00%', '#,##0.00 "£"', '[Red]0.00', '0.0 "days"', '"Q"0', '@', '0.00E+00', '[$£-809]#,##0'];
    for (const f of dates) expect(isDateFormat(f), f).toBe(true);
    for (const f of notDates) expect(isDateFormat(f), String(f)).toBe(false);
  });

  it('the built-in date formats are 14–22 and 45–47; the East Asian ones (27–36, 50–58) are unknown, as in exceljs', () => {
    const dateIds = [...BUILTIN_NUMBER_FORMATS].filter(([, f]) => isDateFormat(f)).map(([id]) => id);
    expect(dateIds).toEqual([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);
    for (const id of [27, 30, 36, 50, 58]) expect(BUILTIN_NUMBER_FORMATS.has(id)).toBe(false);
  });

  it('serial numbers as UTC dates in the 1900 system (Excel’s leap-day bug included) and the 1904 system', () => {
    const iso = (serial: number, date1904 = false) => excelSerialToDate(serial, date1904).toISOString();
    expect(iso(43313)).toBe('2018-08-01T00:00:00.000Z');
    expect(iso(43327.395833333336)).toBe('2018-08-15T09:30:00.000Z');
    expect(iso(61)).toBe('1900-03-01T00:00:00.000Z');
    expect(iso(1)).toBe('1899-12-31T00:00:00.000Z'); // Excel says 1900-01-01: its fictitious 1900-02-29 shifts days 1–60
    expect(iso(0, true)).toBe('1904-01-01T00:00:00.000Z');
    expect(iso(43313 - 1462, true)).toBe('2018-08-01T00:00:00.000Z');
    expect(iso(0.5)).toBe('1899-12-30T12:00:00.000Z');
    expect(Number.isNaN(excelSerialToDate(Number.NaN, false).getTime())).toBe(true);
  });
});

describe('text escapes', () => {
  it('decodes the predefined entities once more, as exceljs does for sheet names and formula text', () => {
    expect(xmlDecodeAgain('a &amp; b &lt;c&gt; &apos;d&apos; &quot;e&quot; &nbsp; &#65;')).toBe('a & b <c> \'d\' "e" &nbsp; &#65;');
    expect(xmlDecodeAgain('plain')).toBe('plain');
  });

  it('decodes _xHHHH_', () => {
    expect(decodeEscapes('a_x000D_b_x0009_c')).toBe('a\rb\tc');
    expect(decodeEscapes('no escapes')).toBe('no escapes');
  });
});
