/**
 * The XML of an .xlsx file's parts, read with saxes — a maintained, non-validating SAX parser that never
 * reads a DTD and knows only XML's five predefined entities, so no entity is ever expanded, external or
 * internal (read.ts also refuses any part that declares a document type or entities) — through its public
 * API only. Here: the list of sheets (xl/workbook.xml), where each sheet's part is (xl/_rels/workbook.xml.rels),
 * the shared text (xl/sharedStrings.xml) and each cell style's number format (xl/styles.xml), each read as
 * exceljs 4.4's whole-workbook reader reads it, so that a cell's text is the same whichever of the two
 * readers read it (read.ts; read.test.ts compares them); and the number-format rules that reader applies
 * to a cell — which formats are dates, and Excel's serial day numbers as dates (1900 and 1904 systems).
 * No file inside exceljs is used: an exceljs update cannot break this reader (docs/decisions/0011-xlsx-reader.md).
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';

/** XML that is not well-formed, where saxes found it (1-based line and column). */
export class XmlSyntaxError extends Error {
  constructor(
    readonly line: number | null,
    readonly column: number | null,
    reason: string,
  ) {
    super(reason);
    this.name = 'XmlSyntaxError';
  }

  /** ` near line 2, column 113`, or nothing when the position is not known. */
  get where(): string {
    return this.line === null ? '' : ` near line ${this.line}, column ${this.column}`;
  }
}

export interface XmlHandlers {
  open(tag: SaxesTagPlain): void;
  close(tag: SaxesTagPlain): void;
  /** Character data (entities decoded; CDATA sections are not text here, as exceljs ignores them too). */
  text?(text: string): void;
}

/** A saxes parser that calls `handlers` and throws an XmlSyntaxError at the first fault. */
function saxesFor(handlers: XmlHandlers): SaxesParser<{ xmlns: false; position: true }> {
  const parser = new SaxesParser<{ xmlns: false; position: true }>({ xmlns: false, position: true });
  parser.on('opentag', handlers.open);
  parser.on('closetag', handlers.close);
  if (handlers.text) parser.on('text', handlers.text);
  // saxes calls this instead of throwing its own error; throwing here stops the parse at the first fault.
  parser.on('error', (error) => {
    const m = /^(\d+):(\d+): ([^]*)$/.exec(error.message);
    throw m ? new XmlSyntaxError(Number(m[1]), Number(m[2]), m[3]!) : new XmlSyntaxError(null, null, error.message);
  });
  return parser;
}

/**
 * Parses a whole XML document, calling the handlers in document order. Throws XmlSyntaxError at the first
 * place the XML is not well-formed (and at the end, when elements are left open); an error a handler throws
 * is passed on as it is, which is how a handler stops the parse early.
 */
export function parseXml(xml: string, handlers: XmlHandlers): void {
  const parser = saxesFor(handlers);
  parser.write(xml);
  parser.close();
}

/**
 * Parses `xml` as `parseXml` does, except for `xml[from, to)`: saxes reads the document up to `from`, then
 * `middle` is called to emit that range's events itself (it returns false when it cannot, and the parse
 * stops there with false), then saxes reads the rest. For a range of whole elements in which `middle`
 * emits what saxes would, the events are parseXml's. Error positions after the range are not parseXml's.
 */
export function parseXmlAround(xml: string, from: number, to: number, handlers: XmlHandlers, middle: () => boolean): boolean {
  const parser = saxesFor(handlers);
  parser.write(xml.slice(0, from));
  if (!middle()) return false;
  parser.write(xml.slice(to));
  parser.close();
  return true;
}

// ---------------------------------------------------------------------------------------------
// Text

/**
 * `&lt;` → `<` and the other four predefined entities, once more, as exceljs decodes sheet names and
 * formula string results after the XML parser already has (utils.js `xmlDecode`): `&amp;lt;` reads `<`.
 */
export function xmlDecodeAgain(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&([a-z]*);/g, (entity, name: string) => {
    switch (name) {
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'amp':
        return '&';
      case 'apos':
        return "'";
      case 'quot':
        return '"';
      default:
        return entity;
    }
  });
}

/** `_x000D_` → CR: Excel's escape for a character XML cannot hold, as exceljs decodes it (upper-case hex only). */
export function decodeEscapes(text: string): string {
  return text.includes('_x') ? text.replace(/_x([0-9A-F]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;
}

// ---------------------------------------------------------------------------------------------
// xl/workbook.xml and its relationships

export interface WorkbookSheet {
  /** As the tab shows it. */
  name: string;
  /** The relationship (xl/_rels/workbook.xml.rels) that names the sheet's part; undefined when the sheet has none. */
  rId: string | undefined;
}

export interface WorkbookXml {
  /** In workbook order (the tabs' order). */
  sheets: WorkbookSheet[];
  /** Dates count days from 1904-01-01 (a Mac workbook's option) rather than from 1900. */
  date1904: boolean;
}

/** The sheets a workbook lists, and its date system (`<workbookPr date1904="1">`, as exceljs reads it). */
export function readWorkbookXml(xml: string): WorkbookXml {
  const sheets: WorkbookSheet[] = [];
  let date1904 = false;
  let inSheets = false;
  parseXml(xml, {
    open(tag) {
      if (tag.name === 'sheets') inSheets = true;
      else if (tag.name === 'sheet' && inSheets) sheets.push({ name: xmlDecodeAgain(tag.attributes.name ?? ''), rId: tag.attributes['r:id'] });
      else if (tag.name === 'workbookPr') date1904 = tag.attributes.date1904 === '1';
    },
    close(tag) {
      if (tag.name === 'sheets') inSheets = false;
    },
  });
  return { sheets, date1904 };
}

/** Relationship id → target (`rId3` → `worksheets/sheet1.xml`). */
export function readRelationships(xml: string): Map<string, string> {
  const targets = new Map<string, string>();
  parseXml(xml, {
    open(tag) {
      const { Id: id, Target: target } = tag.attributes;
      if (tag.name === 'Relationship' && id !== undefined && target !== undefined) targets.set(id, target);
    },
    close() {},
  });
  return targets;
}

// ---------------------------------------------------------------------------------------------
// xl/sharedStrings.xml

/**
 * The shared text, in order, each item as the text a person sees in a cell that uses it. An item (`<si>`)
 * is plain text (`<t>`) or rich text (runs `<r>`, each with its own `<t>`, joined); the phonetic guides
 * of East Asian text (`<rPh>`) are not part of it; `_xHHHH_` escapes are decoded; an empty item is ''.
 * Where an item holds both, the last `<t>` or the runs after it win, as in exceljs.
 */
export function readSharedStrings(xml: string): string[] {
  const strings: string[] = [];
  let inItem = false;
  let inPhonetic = false;
  let inRun = false;
  let inText = false;
  let parts: string[] = [];
  let plain: string | null = null;
  let runs: string[] | null = null;
  let runText = '';
  parseXml(xml, {
    open(tag) {
      if (inPhonetic || inText) return;
      if (!inItem) {
        if (tag.name === 'si') {
          inItem = true;
          plain = null;
          runs = null;
        }
        return;
      }
      if (tag.name === 't') {
        inText = true;
        parts = [];
      } else if (inRun) return;
      else if (tag.name === 'r') {
        inRun = true;
        runText = '';
      } else if (tag.name === 'rPh') inPhonetic = true;
    },
    text(text) {
      if (inText) parts.push(text);
    },
    close(tag) {
      if (inPhonetic) {
        if (tag.name === 'rPh') inPhonetic = false;
        return;
      }
      if (inText) {
        if (tag.name !== 't') return;
        inText = false;
        const text = decodeEscapes(parts.length === 1 ? parts[0]! : parts.join(''));
        if (inRun) runText = text;
        else {
          plain = text;
          runs = null;
        }
      } else if (inRun) {
        if (tag.name !== 'r') return;
        inRun = false;
        (runs ??= []).push(runText);
      } else if (inItem && tag.name === 'si') {
        inItem = false;
        strings.push(runs ? (runs as string[]).join('') : (plain ?? ''));
      }
    },
  });
  return strings;
}

// ---------------------------------------------------------------------------------------------
// xl/styles.xml

/**
 * Excel's built-in number formats that exceljs knows by id (lib/xlsx/defaultnumformats.js, the entries with
 * a format for every locale). A style may use one without writing it out in `<numFmts>`. The date formats
 * among them are 14–22 and 45–47; the ids Excel keeps for East Asian locales' dates (27–36, 50–58) have no
 * format here, as in exceljs, so a cell styled with one of them reads as its number in both readers.
 */
export const BUILTIN_NUMBER_FORMATS: ReadonlyMap<number, string> = new Map([
  [0, 'General'],
  [1, '0'],
  [2, '0.00'],
  [3, '#,##0'],
  [4, '#,##0.00'],
  [9, '0%'],
  [10, '0.00%'],
  [11, '0.00E+00'],
  [12, '# ?/?'],
  [13, '# ??/??'],
  [14, 'mm-dd-yy'],
  [15, 'd-mmm-yy'],
  [16, 'd-mmm'],
  [17, 'mmm-yy'],
  [18, 'h:mm AM/PM'],
  [19, 'h:mm:ss AM/PM'],
  [20, 'h:mm'],
  [21, 'h:mm:ss'],
  [22, 'm/d/yy "h":mm'],
  [37, '#,##0 ;(#,##0)'],
  [38, '#,##0 ;[Red](#,##0)'],
  [39, '#,##0.00 ;(#,##0.00)'],
  [40, '#,##0.00 ;[Red](#,##0.00)'],
  [45, 'mm:ss'],
  [46, '[h]:mm:ss'],
  [47, 'mmss.0'],
  [48, '##0.0E+0'],
  [49, '@'],
]);

/**
 * Each cell style's number format, by style id (a cell's `s`, an index into `<cellXfs>`): the workbook's
 * own format of that id (`<numFmts>`; a backslash escape read as the character it escapes, as exceljs
 * reads it), else the built-in one; undefined for General (id 0) and for ids neither knows.
 */
export function readCellFormats(xml: string): (string | undefined)[] {
  const custom = new Map<number, string>();
  const numFmtIds: number[] = [];
  let inNumFmts = false;
  let inCellXfs = false;
  // Depth inside one <xf>, so that nothing nested in it is taken for another style.
  let xfDepth = 0;
  parseXml(xml, {
    open(tag) {
      if (xfDepth > 0) {
        xfDepth++;
        return;
      }
      switch (tag.name) {
        case 'numFmts':
          inNumFmts = true;
          break;
        case 'numFmt': {
          const code = tag.attributes.formatCode;
          if (inNumFmts && code !== undefined) custom.set(parseInt(tag.attributes.numFmtId ?? '', 10), code.replace(/\\(.)/g, '$1'));
          break;
        }
        case 'cellXfs':
          inCellXfs = true;
          break;
        case 'xf':
          if (inCellXfs) {
            numFmtIds.push(parseInt(tag.attributes.numFmtId ?? '', 10));
            xfDepth = 1;
          }
          break;
      }
    },
    close(tag) {
      if (xfDepth > 0) xfDepth--;
      else if (tag.name === 'numFmts') inNumFmts = false;
      else if (tag.name === 'cellXfs') inCellXfs = false;
    },
  });
  // An id of 0 (General) or none gives no format, as a custom format that is empty gives the built-in one.
  return numFmtIds.map((id) => (id ? custom.get(id) || BUILTIN_NUMBER_FORMATS.get(id) : undefined));
}

// ---------------------------------------------------------------------------------------------
// Dates

const dateFormats = new Map<string, boolean>();

/**
 * Whether a number format shows a date or time: a year, month, day, hour, minute or second code
 * (`y m d h s`, `M`, or the Buddhist year `b`) outside `[…]` (colours, conditions, locales, elapsed time)
 * and outside quoted text — the test exceljs applies (utils.js `isDateFmt`), so that a cell is a date in
 * this reader exactly when it is one in exceljs's.
 */
export function isDateFormat(numFmt: string | undefined): boolean {
  if (!numFmt) return false;
  let known = dateFormats.get(numFmt);
  if (known === undefined) {
    known = /[ymdhMsb]/.test(numFmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
    dateFormats.set(numFmt, known);
  }
  return known;
}

/** Days from Excel's day 0 to 1970-01-01: 1899-12-30 in the 1900 system (Excel's 1900 leap-year bug included). */
const UNIX_EPOCH_1900 = 25_569;
/** The 1904 system counts from 1904-01-01, 1,462 days later. */
const DAYS_1900_TO_1904 = 1_462;
const MS_PER_DAY = 86_400_000;

/**
 * An Excel serial date-time (days, with the time of day as the fraction) as a UTC Date, to the nearest
 * millisecond, in the workbook's date system. Not a number → an invalid Date.
 */
export function excelSerialToDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - UNIX_EPOCH_1900 + (date1904 ? DAYS_1900_TO_1904 : 0)) * MS_PER_DAY));
}
