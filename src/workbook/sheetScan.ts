/**
 * A fast path for the bulk of a worksheet's XML: the rows of `<sheetData>` as spreadsheet programs (and
 * exceljs) write them — `<row r="2" …><c r="A2" t="s"><v>17</v></c>…</row>` — scanned by hand instead of
 * by saxes, giving the handlers exactly the events saxes would give (issue 10, deliver 7; ADR 0016).
 *
 * It accepts a strict subset of XML and nothing else: elements `row`, `c` and `v` only, in that nesting,
 * no whitespace between tags, attributes written ` name="value"` with no entity, `<`, control character
 * or non-BMP character in the value, no duplicate attribute, and cell text with no `&`, `]`, `<`, control
 * character or character from U+D800 up. Everything it accepts is well-formed XML whose saxes events are
 * the ones it emits; at the first thing outside the subset it stops (before emitting any event for it)
 * and returns false, and the caller reads the sheet again with saxes from the start — so a workbook with
 * inline strings, formulas, rich text, entities, comments or damage reads, and fails, exactly as before.
 */
import type { SaxesTagPlain } from 'saxes';
import type { XmlHandlers } from './xlsxParts.ts';

const LT = 60; // <
const GT = 62; // >
const SLASH = 47; // /
const SPACE = 32;
const QUOTE = 34; // "
const EQUALS = 61; // =
const AMP = 38; // &
const BRACKET = 93; // ]

/** A character that may start an attribute name here (ASCII letters, `_`, `:`). */
function nameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58;
}

/** A character that may continue an attribute name here (also digits, `-`, `.`). */
function nameChar(c: number): boolean {
  return nameStart(c) || (c >= 48 && c <= 57) || c === 45 || c === 46;
}

/** Whether `xml` has `word` at `at`. */
function at(xml: string, i: number, word: string): boolean {
  return xml.startsWith(word, i);
}

/**
 * Scans `xml[from, to)` (the content of `<sheetData>`), emitting each element's open, text and close
 * events to `handlers`. Returns true when the whole range was in the subset and emitted; false when it
 * stopped at something outside it (the events before that are the ones saxes would have emitted too).
 */
export function scanSheetData(xml: string, from: number, to: number, handlers: XmlHandlers): boolean {
  let i = from;
  const text = handlers.text;

  /**
   * Reads the attributes and the end of an open tag whose name ends just before `i`. Returns the tag
   * (and moves `i` past it), or null when it is outside the subset.
   */
  const openTag = (name: string): SaxesTagPlain | null => {
    const attributes: Record<string, string> = {};
    for (;;) {
      if (i >= to) return null;
      const c = xml.charCodeAt(i);
      if (c === GT) {
        i += 1;
        return { name, attributes, isSelfClosing: false };
      }
      if (c === SLASH) {
        if (xml.charCodeAt(i + 1) !== GT || i + 1 >= to) return null;
        i += 2;
        return { name, attributes, isSelfClosing: true };
      }
      if (c !== SPACE) return null;
      i += 1;
      const nameFrom = i;
      if (i >= to || !nameStart(xml.charCodeAt(i))) return null;
      i += 1;
      while (i < to && nameChar(xml.charCodeAt(i))) i += 1;
      const attribute = xml.slice(nameFrom, i);
      if (i + 1 >= to || xml.charCodeAt(i) !== EQUALS || xml.charCodeAt(i + 1) !== QUOTE) return null;
      i += 2;
      const valueFrom = i;
      for (;;) {
        if (i >= to) return null;
        const v = xml.charCodeAt(i);
        if (v === QUOTE) break;
        if (v < SPACE || v === LT || v === AMP || v >= 0xd800) return null;
        i += 1;
      }
      if (attributes[attribute] !== undefined || attribute === '__proto__') return null;
      attributes[attribute] = xml.slice(valueFrom, i);
      i += 1;
    }
  };

  while (i < to) {
    // A row: `<row …>` … `</row>`, or `<row …/>`.
    if (!at(xml, i, '<row')) return false;
    i += 4;
    const after = xml.charCodeAt(i);
    if (after !== SPACE && after !== GT && after !== SLASH) return false;
    const row = openTag('row');
    if (!row) return false;
    handlers.open(row);
    if (row.isSelfClosing) {
      handlers.close(row);
      continue;
    }
    for (;;) {
      if (at(xml, i, '</row>')) {
        i += 6;
        if (i > to) return false;
        handlers.close(row);
        break;
      }
      // A cell: `<c …>` then `<v>text</v>` (or nothing), then `</c>`; or `<c …/>`.
      if (!at(xml, i, '<c')) return false;
      i += 2;
      const next = xml.charCodeAt(i);
      if (next !== SPACE && next !== GT && next !== SLASH) return false;
      const cell = openTag('c');
      if (!cell) return false;
      handlers.open(cell);
      if (cell.isSelfClosing) {
        handlers.close(cell);
        continue;
      }
      if (at(xml, i, '<v>')) {
        i += 3;
        const textFrom = i;
        for (;;) {
          if (i >= to) return false;
          const c = xml.charCodeAt(i);
          if (c === LT) break;
          if (c < SPACE || c === AMP || c === BRACKET || c >= 0xd800) return false;
          i += 1;
        }
        if (!at(xml, i, '</v>') || i + 4 > to) return false;
        const v: SaxesTagPlain = { name: 'v', attributes: {}, isSelfClosing: false };
        handlers.open(v);
        if (i > textFrom && text) text(xml.slice(textFrom, i));
        handlers.close(v);
        i += 4;
      }
      if (!at(xml, i, '</c>') || i + 4 > to) return false;
      i += 4;
      handlers.close(cell);
    }
  }
  return true;
}
