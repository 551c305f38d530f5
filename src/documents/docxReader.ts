/**
 * A Word document (.docx) read into the neutral document model (ADR 0027): headings by paragraph style
 * (Title, Heading 1 to 3), paragraphs, bulleted and numbered lists, tables (header row, merged cells as
 * spans), bold and italic — so an uploaded paper renders as HTML, tagged PDF and Word like a paper written
 * in the browser. A small reader over word/document.xml (with styles.xml for style names and
 * numbering.xml for whether a list is numbered), not a converter: pictures become their description,
 * and what the model has no place for (fonts, colours, headers and footers, footnotes, comments, text
 * boxes, deleted text of tracked changes) is left out. The zip is read with fflate, the XML with saxes;
 * nothing is run and no external program is called.
 */
import { unzipSync } from 'fflate';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { slug } from './blocks.ts';
import type { Block, Cell, Run } from './model.ts';

/** A file that is not a Word document Townhall can read; the message says why, for the person uploading it. */
export class DocxReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DocxReadError';
  }
}

/** The parts read, and the most each may take when unzipped (a zip bomb is refused, not inflated). */
const PARTS = ['word/document.xml', 'word/styles.xml', 'word/numbering.xml'] as const;
const MAX_PART_BYTES = 64 * 1024 * 1024;

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** Whether the bytes start like a zip file (a .docx is one). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return ZIP_MAGIC.every((b, i) => bytes[i] === b);
}

/** The parts of a .docx this reader uses; throws DocxReadError when it is not a zip or has no word/document.xml. */
export function docxParts(bytes: Uint8Array): Partial<Record<(typeof PARTS)[number], string>> {
  if (!looksLikeZip(bytes)) throw new DocxReadError('The file is not a Word document (.docx)');
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: (f) => (PARTS as readonly string[]).includes(f.name) && f.originalSize <= MAX_PART_BYTES });
  } catch {
    throw new DocxReadError('The Word document could not be opened: it may be damaged');
  }
  if (!files['word/document.xml']) throw new DocxReadError('The file is a zip archive but not a Word document: it has no word/document.xml');
  const decoder = new TextDecoder('utf-8');
  return Object.fromEntries(Object.entries(files).map(([name, data]) => [name, decoder.decode(data)]));
}

type Tag = SaxesTagPlain;

function parse(xml: string, open: (tag: Tag) => void, close: (name: string) => void, text: (t: string) => void): void {
  const parser = new SaxesParser<{ xmlns: false; position: false }>({ xmlns: false, position: false });
  parser.on('opentag', open);
  parser.on('closetag', (tag) => close(tag.name));
  parser.on('text', text);
  parser.on('error', (error) => {
    throw new DocxReadError(`The Word document could not be read: its XML is not well-formed (${error.message})`);
  });
  parser.write(xml).close();
}

const attr = (tag: Tag, name: string): string | undefined => {
  const v = tag.attributes[name];
  return typeof v === 'string' ? v : undefined;
};

/** A toggle property (w:b, w:i) is on unless its value says off. */
const on = (tag: Tag) => !['0', 'false', 'off', 'none'].includes(attr(tag, 'w:val') ?? 'true');

/** Style id → normalised style name ("heading1", "title", "listbullet"), from word/styles.xml. */
function readStyles(xml: string | undefined): Map<string, string> {
  const names = new Map<string, string>();
  if (!xml) return names;
  let current: string | null = null;
  parse(
    xml,
    (tag) => {
      if (tag.name === 'w:style') current = attr(tag, 'w:styleId') ?? null;
      else if (tag.name === 'w:name' && current) names.set(current, (attr(tag, 'w:val') ?? '').toLowerCase().replace(/\s+/g, ''));
    },
    (name) => {
      if (name === 'w:style') current = null;
    },
    () => undefined,
  );
  return names;
}

/** numId → whether its first level is numbered (anything but a bullet), from word/numbering.xml. */
function readNumbering(xml: string | undefined): Map<string, boolean> {
  const ordered = new Map<string, boolean>();
  if (!xml) return ordered;
  const abstractOrdered = new Map<string, boolean>();
  const numToAbstract = new Map<string, string>();
  let abstract: string | null = null;
  let level: string | null = null;
  let num: string | null = null;
  parse(
    xml,
    (tag) => {
      if (tag.name === 'w:abstractNum') abstract = attr(tag, 'w:abstractNumId') ?? null;
      else if (tag.name === 'w:lvl') level = attr(tag, 'w:ilvl') ?? null;
      else if (tag.name === 'w:numFmt' && abstract !== null && level === '0') abstractOrdered.set(abstract, !['bullet', 'none'].includes(attr(tag, 'w:val') ?? 'bullet'));
      else if (tag.name === 'w:num') num = attr(tag, 'w:numId') ?? null;
      else if (tag.name === 'w:abstractNumId' && num !== null) numToAbstract.set(num, attr(tag, 'w:val') ?? '');
    },
    (name) => {
      if (name === 'w:abstractNum') abstract = null;
      else if (name === 'w:lvl') level = null;
      else if (name === 'w:num') num = null;
    },
    () => undefined,
  );
  for (const [n, a] of numToAbstract) ordered.set(n, abstractOrdered.get(a) ?? false);
  return ordered;
}

interface Paragraph {
  style: string;
  numId: string | null;
  runs: Run[];
}

interface TableCell {
  paragraphs: string[];
  colSpan: number;
  /** "restart" opens a vertical merge, "continue" is covered by the cell above. */
  vMerge: 'restart' | 'continue' | null;
  bold: boolean;
}

interface TableRow {
  cells: TableCell[];
  header: boolean;
}

type Item = { kind: 'p'; p: Paragraph } | { kind: 'table'; rows: TableRow[] };

/** The body of word/document.xml as paragraphs and tables, in order. */
function readBody(xml: string): Item[] {
  const items: Item[] = [];
  // The element path: what a tag means depends on where it is (a w:b in run properties, a w:t in a deleted run).
  const path: string[] = [];
  const tables: { rows: TableRow[]; row: TableRow | null; cell: TableCell | null }[] = [];
  let para: Paragraph | null = null;
  let run: { bold: boolean; italic: boolean; text: string } | null = null;
  let inText = false;
  let deleted = 0;
  let fieldInstruction = false;

  const pushRun = () => {
    if (!run || !para || !run.text) return;
    para.runs.push(run.bold || run.italic ? { text: run.text, ...(run.bold ? { bold: true } : {}), ...(run.italic ? { italic: true } : {}) } : run.text);
  };

  parse(
    xml,
    (tag) => {
      const name = tag.name;
      const parent = path[path.length - 1];
      path.push(name);
      if (name === 'w:del' || name === 'w:moveFrom') deleted++;
      if (name === 'w:tbl') tables.push({ rows: [], row: null, cell: null });
      const table = tables[tables.length - 1];
      if (name === 'w:tr' && table && tables.length === 1) table.row = { cells: [], header: false };
      else if (name === 'w:tblHeader' && table?.row && parent === 'w:trPr' && on(tag)) table.row.header = true;
      else if (name === 'w:tc' && table?.row && tables.length === 1) table.cell = { paragraphs: [], colSpan: 1, vMerge: null, bold: false };
      else if (name === 'w:gridSpan' && table?.cell && parent === 'w:tcPr') table.cell.colSpan = Math.max(1, Math.min(63, Number(attr(tag, 'w:val')) || 1));
      else if (name === 'w:vMerge' && table?.cell && parent === 'w:tcPr') table.cell.vMerge = attr(tag, 'w:val') === 'restart' ? 'restart' : 'continue';
      else if (name === 'w:p' && !para) para = { style: '', numId: null, runs: [] };
      else if (name === 'w:pStyle' && para && parent === 'w:pPr') para.style = attr(tag, 'w:val') ?? '';
      else if (name === 'w:numId' && para && parent === 'w:numPr') para.numId = attr(tag, 'w:val') ?? null;
      else if (name === 'w:r' && para) run = { bold: false, italic: false, text: '' };
      else if ((name === 'w:b' || name === 'w:bCs') && run && parent === 'w:rPr') run.bold = run.bold || on(tag);
      else if ((name === 'w:i' || name === 'w:iCs') && run && parent === 'w:rPr') run.italic = run.italic || on(tag);
      else if (name === 'w:t' && run && !deleted) inText = true;
      else if (name === 'w:instrText') fieldInstruction = true;
      else if ((name === 'w:tab' || name === 'w:br' || name === 'w:cr') && run && !deleted && parent === 'w:r') run.text += name === 'w:tab' ? '\t' : ' ';
      else if (name === 'w:noBreakHyphen' && run && !deleted) run.text += '-';
      else if (name === 'wp:docPr' && para && !deleted) {
        // A picture: its description (alternative text) stands in for it.
        const description = (attr(tag, 'descr') ?? attr(tag, 'title') ?? '').trim();
        para.runs.push({ text: description ? `[Picture: ${description}]` : '[Picture without a description]', italic: true });
      }
    },
    (name) => {
      path.pop();
      if (name === 'w:del' || name === 'w:moveFrom') deleted--;
      else if (name === 'w:t') inText = false;
      else if (name === 'w:instrText') fieldInstruction = false;
      else if (name === 'w:r') {
        pushRun();
        run = null;
      } else if (name === 'w:p' && para && path.lastIndexOf('w:p') === -1) {
        const table = tables[tables.length - 1];
        if (table?.cell) {
          const text = plain(para.runs).trim();
          if (text) table.cell.paragraphs.push(text);
          if (para.runs.length && para.runs.every((r) => typeof r !== 'string' && r.bold)) table.cell.bold = true;
        } else if (!tables.length) items.push({ kind: 'p', p: para });
        para = null;
      } else if (name === 'w:tc') {
        const table = tables[tables.length - 1];
        if (table?.cell && table.row && tables.length === 1) table.row.cells.push(table.cell);
        if (table && tables.length === 1) table.cell = null;
      } else if (name === 'w:tr') {
        const table = tables[tables.length - 1];
        if (table?.row && tables.length === 1) table.rows.push(table.row);
        if (table && tables.length === 1) table.row = null;
      } else if (name === 'w:tbl') {
        const table = tables.pop()!;
        if (!tables.length) {
          if (table.rows.length) items.push({ kind: 'table', rows: table.rows });
        } else {
          // A table in a table's cell: its text joins the outer cell's.
          const outer = tables[tables.length - 1]!;
          const text = table.rows.map((r) => r.cells.map((c) => c.paragraphs.join(' ')).join(' ')).join(' ').trim();
          if (outer.cell && text) outer.cell.paragraphs.push(text);
        }
      }
    },
    (text) => {
      if (inText && run && !fieldInstruction && !deleted) run.text += text;
    },
  );
  return items;
}

const plain = (runs: readonly Run[]) => runs.map((r) => (typeof r === 'string' ? r : r.text)).join('');

/** Neighbouring runs of the same look joined, tabs and runs of spaces as one space, the ends trimmed. */
function tidy(runs: readonly Run[]): Run[] {
  const out: Run[] = [];
  for (const r of runs) {
    const text = (typeof r === 'string' ? r : r.text).replace(/[\t ]+/g, ' ');
    const bold = typeof r !== 'string' && r.bold === true;
    const italic = typeof r !== 'string' && r.italic === true;
    const last = out[out.length - 1];
    const lastBold = last !== undefined && typeof last !== 'string' && last.bold === true;
    const lastItalic = last !== undefined && typeof last !== 'string' && last.italic === true;
    if (last !== undefined && lastBold === bold && lastItalic === italic) {
      const joined = (typeof last === 'string' ? last : last.text) + text;
      out[out.length - 1] = bold || italic ? { text: joined.replace(/ {2,}/g, ' '), ...(bold ? { bold } : {}), ...(italic ? { italic } : {}) } : joined.replace(/ {2,}/g, ' ');
    } else out.push(bold || italic ? { text, ...(bold ? { bold } : {}), ...(italic ? { italic } : {}) } : text);
  }
  // Trim the ends.
  const trim = (i: number, f: (s: string) => string) => {
    const r = out[i];
    if (r === undefined) return;
    out[i] = typeof r === 'string' ? f(r) : { ...r, text: f(r.text) };
  };
  trim(0, (s) => s.trimStart());
  trim(out.length - 1, (s) => s.trimEnd());
  return out.filter((r) => (typeof r === 'string' ? r : r.text).length > 0);
}

/** Heading level of a paragraph style name: Title and Heading 1 are 1, Heading 2 is 2, Heading 3 (and lower) 3. */
function headingLevel(styleName: string): 1 | 2 | 3 | null {
  if (styleName === 'title') return 1;
  const m = /^heading([1-9])$/.exec(styleName);
  if (!m) return null;
  return Math.min(3, Number(m[1])) as 1 | 2 | 3;
}

function tableBlock(rows: readonly TableRow[], n: number): Block {
  // Vertically merged cells: the cell that opens the merge spans the rows whose cell continues it.
  const grid = rows.map((r) => r.cells.map((c) => ({ c, rowSpan: 1 })));
  grid.forEach((row, ri) => {
    let col = 0;
    for (const cell of row) {
      if (cell.c.vMerge === 'restart') {
        for (let below = ri + 1; below < grid.length; below++) {
          let at = 0;
          const next = grid[below]!.find((x) => {
            const hit = at === col;
            at += x.c.colSpan;
            return hit;
          });
          if (next?.c.vMerge !== 'continue') break;
          cell.rowSpan++;
        }
      }
      col += cell.c.colSpan;
    }
  });
  const toCell = (x: { c: TableCell; rowSpan: number }): Cell => ({
    text: x.c.paragraphs.join(' '),
    ...(x.c.colSpan > 1 ? { colSpan: x.c.colSpan } : {}),
    ...(x.rowSpan > 1 ? { rowSpan: x.rowSpan } : {}),
  });
  const cellsOf = (row: { c: TableCell; rowSpan: number }[]) => row.filter((x) => x.c.vMerge !== 'continue').map(toCell);
  // Header rows: those the document marks as repeating; else the first row (a table needs headers to be read).
  let headerCount = 0;
  while (headerCount < rows.length && rows[headerCount]!.header) headerCount++;
  if (headerCount === 0 && rows.length > 1) headerCount = 1;
  const columns = Math.max(1, ...rows.map((r) => r.cells.reduce((s, c) => s + c.colSpan, 0)));
  return {
    kind: 'table',
    id: `table-${n}`,
    caption: `Table ${n}`,
    header: grid.slice(0, headerCount).map(cellsOf),
    rows: grid.slice(headerCount).map(cellsOf),
    widths: Array.from({ length: columns }, () => 1),
    ...(headerCount === 0 ? { headless: true } : {}),
  };
}

/**
 * The Word document's body as blocks of the neutral model. Throws DocxReadError when the file is not a
 * readable .docx (not a zip, no word/document.xml, XML not well-formed).
 */
export function readDocx(bytes: Uint8Array): Block[] {
  const parts = docxParts(bytes);
  const styles = readStyles(parts['word/styles.xml']);
  const numbering = readNumbering(parts['word/numbering.xml']);
  const items = readBody(parts['word/document.xml']!);
  const blocks: Block[] = [];
  const ids = new Map<string, number>();
  const uniqueId = (text: string) => {
    const base = slug(text) || 'heading';
    const n = (ids.get(base) ?? 0) + 1;
    ids.set(base, n);
    return n === 1 ? base : `${base}-${n}`;
  };
  let tables = 0;
  let list = null as { ordered: boolean; key: string; items: Run[][] } | null;
  const closeList = () => {
    if (list) blocks.push({ kind: 'list', ordered: list.ordered, items: list.items });
    list = null;
  };
  for (const item of items) {
    if (item.kind === 'table') {
      closeList();
      blocks.push(tableBlock(item.rows, ++tables));
      continue;
    }
    const p = item.p;
    const styleName = styles.get(p.style) ?? p.style.toLowerCase().replace(/\s+/g, '');
    const runs = tidy(p.runs);
    if (!runs.length) continue;
    const level = headingLevel(styleName);
    if (level !== null) {
      closeList();
      const text = plain(runs);
      blocks.push({ kind: 'heading', level, text, id: uniqueId(text) });
      continue;
    }
    const styledList = /^list(bullet|number)[0-9]?$/.exec(styleName);
    if (p.numId !== null && p.numId !== '0') {
      const key = `num-${p.numId}`;
      const ordered = numbering.get(p.numId) ?? false;
      if (list?.key !== key) {
        closeList();
        list = { ordered, key, items: [] };
      }
      list!.items.push(runs);
    } else if (styledList) {
      const key = `style-${styledList[1]}`;
      if (list?.key !== key) {
        closeList();
        list = { ordered: styledList[1] === 'number', key, items: [] };
      }
      list!.items.push(runs);
    } else {
      closeList();
      blocks.push({ kind: 'paragraph', runs });
    }
  }
  closeList();
  if (!blocks.length) throw new DocxReadError('The Word document has no text');
  return blocks;
}
