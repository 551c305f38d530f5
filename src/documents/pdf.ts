/**
 * The report document as an A4 PDF, generated in-process with pdfmake (no browser): a running header
 * with the report title and a footer with "Page N of M" on every page, table header rows repeated on
 * each page, charts embedded as SVG, and an outline of the headings; tagged (a structure tree of
 * headings, paragraphs, lists, tables with header cells, figures with alternative text: `Tag`), with its
 * title shown in the viewer's title bar, its metadata (title, author, subject, keywords) and language.
 * Fonts come from npm packages: pdfmake's own Roboto for text and DejaVu Sans (dejavu-fonts-ttf) for
 * the arrows ↑ ↓ → that Roboto lacks.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import pdfmake from 'pdfmake';
import type { Content, TableCell } from 'pdfmake';
import { RAG_FILL, RAG_INK, type Block, type Cell, type ReportDocument, type Run, type TableBlock } from './model.ts';
import { toGrid } from './grid.ts';

type TDocumentDefinitions = Parameters<typeof pdfmake.createPdf>[0];

const require = createRequire(import.meta.url);
const ROBOTO = dirname(require.resolve('pdfmake/fonts/Roboto/Roboto-Regular.ttf'));
const DEJAVU = dirname(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'));

const FONTS = {
  Roboto: {
    normal: join(ROBOTO, 'Roboto-Regular.ttf'),
    bold: join(ROBOTO, 'Roboto-Medium.ttf'),
    italics: join(ROBOTO, 'Roboto-Italic.ttf'),
    bolditalics: join(ROBOTO, 'Roboto-MediumItalic.ttf'),
  },
  DejaVu: {
    normal: join(DEJAVU, 'DejaVuSans.ttf'),
    bold: join(DEJAVU, 'DejaVuSans-Bold.ttf'),
    italics: join(DEJAVU, 'DejaVuSans-Oblique.ttf'),
    bolditalics: join(DEJAVU, 'DejaVuSans-BoldOblique.ttf'),
  },
};

/** Characters Roboto has no glyph for, set in DejaVu Sans. */
const FALLBACK = /([↑↓→←✓✗−])/;

const PAGE = { width: 595.28, height: 841.89, margins: [42, 56, 42, 48] as [number, number, number, number] };
const CONTENT_WIDTH = PAGE.width - PAGE.margins[0] - PAGE.margins[2];
const INK = '#0b0c0c';
const RULE = '#b1b4b6';

type PdfNode = { headlineLevel?: number; pageNumbers?: number[]; startPosition?: { verticalRatio?: number } };

/** How a run of text is set. */
interface TextStyle {
  fontSize: number;
  color?: string;
  bold?: boolean;
  italics?: boolean;
  alignment?: 'left' | 'center' | 'right';
  sup?: boolean;
}

/** The text styles of the document (the paragraph styles' sizes and colours). */
const T = {
  body: { fontSize: 9.5 },
  lead: { fontSize: 11 },
  small: { fontSize: 8, color: '#383f43' },
  caption: { fontSize: 9, bold: true },
  footnote: { fontSize: 7.5, color: '#383f43' },
  running: { fontSize: 7.5, color: '#505a5f' },
  h1: { fontSize: 17, bold: true },
  h2: { fontSize: 13, bold: true },
  h3: { fontSize: 11, bold: true },
} satisfies Record<string, TextStyle>;

type Inline = { text: string; font?: string; bold?: boolean; italics?: boolean; sup?: boolean; color?: string; fontSize: number; alignment?: string };

const inline = (text: string, s: TextStyle, font?: string): Inline => {
  const out: Inline = { text, fontSize: s.fontSize };
  if (font) out.font = font;
  if (s.bold) out.bold = true;
  if (s.italics) out.italics = true;
  if (s.sup) out.sup = true;
  if (s.color && s.color !== INK) out.color = s.color;
  if (s.alignment && s.alignment !== 'left') out.alignment = s.alignment;
  return out;
};

/** Splits text so that glyphs missing from Roboto are set in DejaVu. */
function glyphRuns(text: string, style: TextStyle): Inline[] {
  if (!FALLBACK.test(text)) return [inline(text, style)];
  return text
    .split(FALLBACK)
    .filter((t) => t !== '')
    .map((t) => (FALLBACK.test(t) ? inline(t, style, 'DejaVu') : inline(t, style)));
}

const runsOf = (rs: Run[], style: TextStyle): Inline[] =>
  rs.flatMap((r) => (typeof r === 'string' ? glyphRuns(r, style) : glyphRuns(r.text, { ...style, bold: r.bold || style.bold, italics: r.italic })));

const noteRuns = (notes: number[] | undefined, style: TextStyle): Inline[] =>
  notes?.length ? [inline(` ${notes.join(',')}`, { ...style, bold: false, fontSize: 6 / 0.58, sup: true })] : [];

function cellContent(cell: Cell, header: boolean, dense: boolean): TableCell {
  const size = dense ? 7.5 : 9;
  const colour = cell.rag ? RAG_INK[cell.rag] : INK;
  const alignment = cell.align ?? 'left';
  const style: TextStyle = { fontSize: size, color: colour, bold: header || cell.bold, alignment };
  const lines: Content[] = [];
  const main = cell.text || cell.suffix || cell.notes?.length ? [...glyphRuns(cell.text + (cell.suffix ?? ''), style), ...noteRuns(cell.notes, style)] : null;
  if (cell.detail) lines.push({ text: glyphRuns(cell.detail, { fontSize: size - 1, color: cell.rag ? colour : '#505a5f', alignment }) } as Content);
  if (cell.items?.length) lines.push({ ul: cell.items.map((i) => ({ text: glyphRuns(i, { fontSize: size, color: colour }) })), margin: [0, 1, 0, 0] } as Content);
  // Most cells hold one line of text: a plain text node lays out much faster than a stack (speed, bench/reportsBench.ts).
  const out: Record<string, unknown> =
    lines.length === 0 ? { text: main ?? '' } : { stack: main ? [{ text: main }, ...lines] : lines };
  out.fontSize = size;
  if (cell.align && cell.align !== 'left') out.alignment = cell.align;
  if (cell.colSpan && cell.colSpan > 1) out.colSpan = cell.colSpan;
  if (cell.rowSpan && cell.rowSpan > 1) out.rowSpan = cell.rowSpan;
  if (cell.rag) out.fillColor = RAG_FILL[cell.rag];
  else if (header) out.fillColor = '#e8ebed';
  return out as TableCell;
}

function widthsOf(weights: number[], total = CONTENT_WIDTH): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  // pdfmake adds cell padding (4 + 4) and rules to each column's width.
  return weights.map((w) => (w / sum) * (total - weights.length * 8.5));
}

const tableLayout = {
  hLineWidth: () => 0.5,
  vLineWidth: () => 0.5,
  hLineColor: () => RULE,
  vLineColor: () => RULE,
  paddingLeft: () => 4,
  paddingRight: () => 4,
  paddingTop: () => 2.5,
  paddingBottom: () => 2.5,
};

/**
 * A table with its caption as the first header row (spanning every column, without rules), so the
 * caption never parts from its table and is repeated, with the column headers, on every page.
 */
function tableContent(t: TableBlock, width = CONTENT_WIDTH): Content {
  const columns = t.widths.length;
  const headerGrid = toGrid(t.header, columns);
  const bodyGrid = toGrid(t.rows, columns);
  const dense = !!t.dense;
  const captionRow: TableCell[] = [
    { text: glyphRuns(t.caption, T.caption), style: 'caption', colSpan: columns, border: [false, false, false, true], margin: [-4, 0, 0, 0] } as TableCell,
    ...Array.from({ length: columns - 1 }, () => ({}) as TableCell),
  ];
  const body: TableCell[][] = [
    captionRow,
    ...headerGrid.map((row) => row.map((g) => (g ? cellContent(g.cell, true, dense) : ({} as TableCell)))),
    ...bodyGrid.map((row) => row.map((g) => (g ? cellContent(g.cell, false, dense) : ({} as TableCell)))),
  ];
  return {
    id: t.id,
    table: { headerRows: t.header.length + 1, dontBreakRows: true, keepWithHeaderRows: 1, widths: widthsOf(t.widths, width), body },
    layout: tableLayout,
    margin: [0, 4, 0, 8],
  } as Content;
}

function contentOfBlock(b: Block, doc: ReportDocument): Content[] {
  switch (b.kind) {
    case 'heading': {
      const style = `h${b.level}`;
      return [{ text: glyphRuns(b.text, T[style as 'h1' | 'h2' | 'h3']), style, headlineLevel: b.level, outline: true, outlineText: b.text, id: b.id } as Content];
    }
    case 'paragraph':
      return [
        {
          text: runsOf(b.runs, b.style === 'small' ? T.small : b.style === 'lead' ? T.lead : T.body),
          style: b.style === 'small' ? 'small' : b.style === 'lead' ? 'lead' : 'body',
          ...(b.indent ? { margin: [21 * b.indent, 0, 0, 6] } : {}),
        } as Content,
      ];
    case 'list': {
      const items = b.items.map((i) => ({ text: runsOf(i, b.style === 'small' ? T.small : T.body) }));
      const style = b.style === 'small' ? 'small' : 'body';
      return [(b.ordered ? { ol: items, style, margin: [0, 0, 0, 6] } : { ul: items, style, margin: [0, 0, 0, 6] }) as Content];
    }
    case 'keyValue':
      return [
        {
          table: {
            widths: widthsOf([30, 70]),
            body: b.items.map((i) => [
              { text: [inline(i.key, { fontSize: 10, bold: true })], fillColor: '#f3f2f1', fontSize: 10 },
              { stack: i.value.map((v) => ({ text: glyphRuns(v, { fontSize: 10 }) })), fontSize: 10 },
            ]),
          },
          layout: { ...tableLayout, paddingTop: () => 5, paddingBottom: () => 5 },
          margin: [0, 4, 0, 14],
        } as Content,
      ];
    case 'table':
      return [tableContent(b)];
    case 'chart': {
      const c = b.chart;
      const width = Math.min(CONTENT_WIDTH * 0.62, c.width);
      const data: TableBlock = {
        kind: 'table',
        id: `${c.id}-data`,
        caption: 'Data for this chart',
        header: [c.data.header.map((h) => ({ text: h }))],
        rows: c.data.rows.map((r) => r.map((v) => ({ text: v }))),
        widths: [50, 50],
        dense: true,
      };
      const dataTable = tableContent(data, CONTENT_WIDTH - width - 16);
      return [
        {
          unbreakable: true,
          margin: [0, 0, 0, 10],
          stack: [
            { text: glyphRuns(c.title, T.caption), style: 'caption' },
            { columns: [{ svg: c.svg, width }, { width: '*', stack: [dataTable], margin: [0, 6, 0, 0] }], columnGap: 16 },
          ],
        } as Content,
      ];
    }
    case 'footnotes':
      return [
        {
          stack: b.items.map((f) => ({ text: [inline(`${f.number} `, { ...T.footnote, fontSize: 6 / 0.58, sup: true }), ...glyphRuns(f.text, T.footnote)] })),
          style: 'footnotes',
        } as Content,
      ];
    case 'pageBreak':
      return [{ text: '', pageBreak: 'after' } as Content];
  }
  void doc;
}

// ---------------------------------------------------------------------------------------------
// Tagged PDF (PDF/UA structure): what each piece of text is, in reading order
// ---------------------------------------------------------------------------------------------

/**
 * A node of the PDF's logical structure (ISO 32000 §14.8: Document, H1–H3, P, L/LI/LBody, Table/TR/TH/TD,
 * Caption, Figure). Text nodes carry their leaf in `_tag` (pdfmake copies it onto every word and so onto
 * every line); the renderer marks each line's content with its tag and, once every page is drawn, builds
 * the structure tree from these nodes. Anything drawn without a tag — rules, fills, list bullets, the
 * running header and footer — is marked as an artifact.
 */
export interface Tag {
  role: string;
  root: Tag;
  children: Tag[];
  /** pdfkit's marked-content references, in drawing order. */
  contents: object[];
  alt?: string;
  scope?: 'Column' | 'Row';
  /** The page a header cell or caption was first drawn on (pdfkit's page object). */
  page?: object;
}

function newTag(role: string, parent?: Tag, extra: Partial<Pick<Tag, 'alt' | 'scope'>> = {}): Tag {
  const tag = { role, children: [], contents: [], ...extra } as unknown as Tag;
  tag.root = parent ? parent.root : tag;
  parent?.children.push(tag);
  return tag;
}

type Node = Record<string, unknown>;

/** Gives every word of `node` (text, stacks and columns within it) the tag `tag`. */
function mark(node: unknown, tag: Tag): void {
  if (!node || typeof node !== 'object') return;
  const n = node as Node;
  if (n.text !== undefined) {
    const items = Array.isArray(n.text) ? (n.text as unknown[]) : [n.text];
    n.text = items.map((item) => (typeof item === 'object' && item !== null ? Object.assign(item, { _tag: tag }) : { text: String(item), _tag: tag }));
  }
  for (const key of ['stack', 'columns'] as const) if (Array.isArray(n[key])) for (const child of n[key] as unknown[]) mark(child, tag);
}

/** A table: the caption row as its Caption, then a TR per row of TH (header rows) or TD cells. */
function markTable(node: Node, parent: Tag, captionRow: boolean, headerRows: number, rowHeaders = false): void {
  const table = newTag('Table', parent);
  const body = (node.table as { body: Node[][] }).body;
  body.forEach((row, r) => {
    if (captionRow && r === 0) {
      mark(row[0], newTag('Caption', table));
      return;
    }
    const tr = newTag('TR', table);
    row.forEach((cell, c) => {
      if (!cell || Object.keys(cell).length === 0) return; // the space a spanning cell covers
      const header = r < headerRows || (rowHeaders && c === 0);
      mark(cell, newTag(header ? 'TH' : 'TD', tr, header ? { scope: r < headerRows ? 'Column' : 'Row' } : {}));
    });
  });
}

/** Tags the pdfmake nodes `contentOfBlock` made for block `b`. */
function markBlock(b: Block, nodes: Content[], root: Tag): void {
  const node = nodes[0] as Node | undefined;
  if (!node) return;
  switch (b.kind) {
    case 'heading':
      return mark(node, newTag(`H${b.level}`, root));
    case 'paragraph':
      return mark(node, newTag('P', root));
    case 'list': {
      const list = newTag('L', root);
      for (const item of (node.ul ?? node.ol) as Node[]) mark(item, newTag('LBody', newTag('LI', list)));
      return;
    }
    case 'keyValue':
      return markTable(node, root, false, 0, true);
    case 'table':
      return markTable(node, root, true, b.header.length + 1);
    case 'chart': {
      const [title, row] = node.stack as [Node, { columns: [Node, { stack: [Node] }] }];
      mark(title, newTag('P', root));
      row.columns[0]._tag = newTag('Figure', root, { alt: `${b.chart.title}. ${b.chart.description}` });
      return markTable(row.columns[1].stack[0], root, true, 2);
    }
    case 'footnotes':
      for (const note of node.stack as Node[]) mark(note, newTag('P', root));
      return;
    case 'pageBreak':
      return;
  }
}

/**
 * Headings are kept with what follows them. A run of headings and the short block after it (a
 * paragraph, a short list, the cover sheet, footnotes, a chart) form one unbreakable stack: no re-layout.
 * A heading followed by a table keeps `headlineLevel`, and `pageBreakBefore` moves it to the next page
 * when it would be left at the foot — which costs pdfmake a second layout of the whole document, so it
 * is kept for the case where grouping cannot be used (a table may be longer than a page).
 */
function contentOf(doc: ReportDocument, root: Tag): Content[] {
  const out: Content[] = [];
  const blocks = doc.blocks;
  const blockContent = (b: Block, d: ReportDocument) => {
    const nodes = contentOfBlock(b, d);
    markBlock(b, nodes, root);
    return nodes;
  };
  for (let i = 0; i < blocks.length; i++) {
    if (blocks[i]!.kind !== 'heading') {
      out.push(...blockContent(blocks[i]!, doc));
      continue;
    }
    let j = i;
    while (j < blocks.length && blocks[j]!.kind === 'heading') j++;
    const next = blocks[j];
    const short =
      next &&
      (next.kind === 'paragraph' || next.kind === 'keyValue' || next.kind === 'footnotes' || next.kind === 'chart' || (next.kind === 'list' && next.items.length <= 4));
    if (short) {
      const stack = blocks.slice(i, j + 1).flatMap((b) => blockContent(b, doc));
      for (const node of stack) delete (node as { headlineLevel?: number }).headlineLevel;
      out.push({ unbreakable: true, stack } as Content);
      i = j;
    } else {
      for (let k = i; k < j; k++) out.push(...blockContent(blocks[k]!, doc));
      i = j - 1;
    }
  }
  return out;
}

export function pdfDefinition(doc: ReportDocument): TDocumentDefinitions {
  const content = contentOf(doc, newTag('Document'));
  return {
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: PAGE.margins,
    language: doc.lang,
    // Tagged PDF (MarkInfo, structure tree): PDF 1.7, the version PDF/UA builds on.
    version: '1.7',
    tagged: true,
    displayTitle: true,
    info: {
      title: doc.title,
      author: doc.author,
      subject: doc.subject,
      keywords: doc.keywords.join(', '),
      creator: 'Townhall',
      producer: 'Townhall (pdfmake)',
      // A published paper's dates are its publication's (the file's ID is made from them): the same bytes every time.
      ...(doc.issued ? { creationDate: doc.issued, modDate: doc.issued } : {}),
    },
    header: () => ({
      margin: [PAGE.margins[0], 22, PAGE.margins[2], 0],
      stack: [
        {
          columns: [
            { text: glyphRuns(doc.runningHead, T.running), width: '*', fontSize: 7.5, color: '#505a5f' },
            { text: doc.council, width: 'auto', fontSize: 7.5, color: '#505a5f', alignment: 'right' },
          ],
        },
        { canvas: [{ type: 'line', x1: 0, y1: 4, x2: CONTENT_WIDTH, y2: 4, lineWidth: 0.5, lineColor: RULE }] },
      ],
    }),
    footer: (currentPage: number, pageCount: number) => ({
      margin: [PAGE.margins[0], 14, PAGE.margins[2], 0],
      columns: [
        { text: `${doc.committee}, ${doc.period}`, fontSize: 7.5, color: '#505a5f' },
        { text: `Page ${currentPage} of ${pageCount}`, fontSize: 8, alignment: 'right' },
      ],
    }),
    content,
    defaultStyle: { font: 'Roboto', fontSize: 9.5, lineHeight: 1.15, color: INK },
    styles: {
      h1: { fontSize: 17, bold: true, margin: [0, 0, 0, 8] },
      h2: { fontSize: 13, bold: true, margin: [0, 14, 0, 6] },
      h3: { fontSize: 11, bold: true, margin: [0, 10, 0, 4] },
      lead: { fontSize: 11, margin: [0, 0, 0, 8] },
      body: { margin: [0, 0, 0, 6] },
      small: { fontSize: 8, color: '#383f43', margin: [0, 0, 0, 4] },
      caption: { fontSize: 9, bold: true, margin: [0, 4, 0, 3] },
      footnotes: { fontSize: 7.5, color: '#383f43', margin: [0, 0, 0, 10] },
    },
    // Never leave a heading or a table caption alone at the foot of a page.
    pageBreakBefore: (node: PdfNode, queries: { getFollowingNodesOnPage(): PdfNode[] }) => {
      if (!node.headlineLevel) return false;
      const following = queries.getFollowingNodesOnPage();
      const next = following[0];
      const nearFoot = (node.startPosition?.verticalRatio ?? 0) > 0.8;
      return following.every((n) => !!n.headlineLevel) || (nearFoot && !!next && (next.pageNumbers?.length ?? 1) > 1);
    },
  } as TDocumentDefinitions;
}

/**
 * Speed (bench/reportsBench.ts): pdfmake opens every font afresh for each document, so each PDF paid
 * again for parsing the font file (fontkit) and for shaping every word (OpenType layout). Both depend
 * only on the font file, so they are done once per process: the parsed font is kept per file and each
 * document gets its own embedded font (its own glyph subset) around it; the word-layout cache
 * (pdfkit's `layoutCache`: word → glyphs and positions) is shared per parsed font, and dropped when it
 * grows past `LAYOUT_CACHE_LIMIT` words (a long-running server).
 */
const LAYOUT_CACHE_LIMIT = 200_000;
type Embedded = { font: object; layoutCache?: Record<string, unknown>; constructor: new (doc: unknown, font: object, id: string) => Embedded };
type PdfmakeDoc = {
  fontCache: Record<string, Record<string, Embedded>>;
  _fontFamilies: Record<string, Embedded>;
  _fontCount: number;
  getFontType(bold: boolean, italics: boolean): string;
  getFontFile(family: string, bold: boolean, italics: boolean): string | null;
};
const parsedFonts = new Map<string, { font: object; Embedded: Embedded['constructor'] }>();
const layoutCaches = new WeakMap<object, { docs: number; cache: Record<string, unknown> }>();
let fontsShared = false;

function sharedLayoutCache(font: object): Record<string, unknown> {
  let shared = layoutCaches.get(font);
  if (shared && ++shared.docs % 64 === 0 && Object.keys(shared.cache).length > LAYOUT_CACHE_LIMIT) shared = undefined;
  if (!shared) {
    shared = { docs: 0, cache: Object.create(null) as Record<string, unknown> };
    layoutCaches.set(font, shared);
  }
  return shared.cache;
}

/**
 * pdfmake looks up ~20 text properties for every word through its style stack (`getStyleProperty`),
 * walking every enclosing style each time; that was most of the layout time of a long report. A word
 * without the property and without a named style of its own would add nothing by being pushed, so the
 * answer depends only on the stack: it is memoised per stack state (any push or pop clears the memo).
 */
function memoiseStyleLookups(): void {
  type Stack = { _memo?: Map<string, unknown> | null; getProperty(p: string): unknown; push(x: unknown): void; pop(n?: number): void };
  const SCS = (require('pdfmake/js/StyleContextStack') as {
    default: { prototype: Stack; getStyleProperty(item: Record<string, unknown>, stack: Stack | null, property: string, fallback: unknown): unknown };
  }).default;
  const proto = SCS.prototype;
  const push = proto.push;
  const pop = proto.pop;
  proto.push = function (this: Stack, x: unknown) {
    this._memo = null;
    return push.call(this, x);
  };
  proto.pop = function (this: Stack, n?: number) {
    this._memo = null;
    return pop.call(this, n);
  };
  const original = SCS.getStyleProperty;
  SCS.getStyleProperty = function (item, stack, property, fallback) {
    const own = item[property];
    if (own !== undefined && own !== null) return own;
    if (!stack) return fallback;
    if (typeof item !== 'object' || item.style !== undefined || item.section !== undefined) return original.call(this, item, stack, property, fallback);
    const memo = (stack._memo ??= new Map());
    let value = memo.get(property);
    if (value === undefined && !memo.has(property)) {
      value = stack.getProperty(property);
      memo.set(property, value);
    }
    return value !== undefined && value !== null ? value : fallback;
  };
}

/**
 * pdfmake writes every word as its own text object (its Renderer has "TODO: line.optimizeInlines()"):
 * per word a colour, a font, a save/transform/BT…ET/restore and a fresh encoding — half of the render
 * time of a long report. Neighbouring words set alike and placed edge to edge are one run of text to
 * the PDF: they are joined before the line is drawn. The glyphs land where they did (each word's
 * position was its predecessor's position plus its measured width, which is exactly the advance the
 * joined text gets), so the page looks the same and its text extracts the same.
 */
type PdfInline = {
  text: string;
  x: number;
  width: number;
  height: number;
  font: object;
  fontSize: number;
  [property: string]: unknown;
};
const SAME_SETTING = [
  'font', 'fontSize', 'color', 'opacity', 'characterSpacing', 'height', 'sup', 'sub', 'background',
  'decoration', 'decorationColor', 'decorationStyle', 'decorationThickness', 'link', 'linkToPage', 'linkToDestination',
] as const;

export function joinInlines(inlines: PdfInline[]): PdfInline[] {
  const out: PdfInline[] = [];
  /** The last entry of `out` is a copy made here (so it may be extended in place). */
  let copied = false;
  for (const inline of inlines) {
    let last = out[out.length - 1];
    const joinable =
      last !== undefined &&
      !last._pageNodeRef &&
      !inline._pageNodeRef &&
      !last.fontFeatures &&
      !inline.fontFeatures &&
      SAME_SETTING.every((p) => last![p] === inline[p]) &&
      Math.abs(last.x + last.width - inline.x) < 1e-6;
    if (!joinable) {
      out.push(inline);
      copied = false;
      continue;
    }
    if (!copied) out[out.length - 1] = last = { ...last! };
    copied = true;
    last!.text += inline.text;
    last!.width += inline.width;
    last!.trailingCut = inline.trailingCut;
  }
  return out;
}

function joinWordsOnRender(): void {
  type Line = { inlines: PdfInline[] };
  const proto = (require('pdfmake/js/Renderer') as { default: { prototype: { renderLine(line: Line, x: number, y: number): void } } }).default.prototype;
  const renderLine = proto.renderLine;
  proto.renderLine = function (line: Line, x: number, y: number) {
    if (line.inlines.length < 2) return renderLine.call(this, line, x, y);
    const inlines = line.inlines;
    line.inlines = joinInlines(inlines);
    try {
      return renderLine.call(this, line, x, y);
    } finally {
      line.inlines = inlines;
    }
  };
}

/**
 * pdfkit turns each content-stream operator into its own small Buffer (thousands per page) and then
 * concatenates them: the operators are kept as text and made one Buffer when the stream is finished.
 */
function writeContentAsText(): void {
  type Ref = { buffer: (string | Uint8Array)[] | Buffer; _text?: string[]; write(chunk: unknown): void; finalize(): void };
  const PDFKitDocument = require('pdfkit') as { prototype: { ref(this: unknown, data: object): Ref } };
  const proto = Object.getPrototypeOf(PDFKitDocument.prototype.ref.call({ _offsets: [], _waiting: 0, compress: false }, {})) as Ref;
  const write = proto.write;
  const finalize = proto.finalize;
  const flush = (ref: Ref) => {
    if (ref._text?.length) {
      write.call(ref, Buffer.from(ref._text.join(''), 'latin1'));
      ref._text = [];
    }
  };
  proto.write = function (this: Ref, chunk: unknown) {
    if (typeof chunk !== 'string') {
      flush(this);
      return write.call(this, chunk);
    }
    (this._text ??= []).push(chunk, '\n');
  };
  proto.finalize = function (this: Ref) {
    flush(this);
    return finalize.call(this);
  };
}

/**
 * pdfmake measures every word of every cell through `widthOfString`, which walks the word character
 * by character to find its space-separated runs: the width (in thousandths of the font size) depends
 * only on the font and the text, so it is kept per parsed font, like the layout cache.
 */
type Measurer = {
  font: object;
  layout(text: string, features: unknown, onlyWidth: boolean): { advanceWidth: number };
  widthOfString(text: string, size: number, features?: unknown): number;
};
const patchedMeasurers = new WeakSet<object>();
const widthCaches = new WeakMap<object, Map<string, number>>();
function cacheWidths(proto: Measurer): void {
  if (patchedMeasurers.has(proto)) return;
  patchedMeasurers.add(proto);
  const original = proto.widthOfString;
  proto.widthOfString = function (this: Measurer, text: string, size: number, features?: unknown) {
    if (features) return original.call(this, text, size, features);
    let widths = widthCaches.get(this.font);
    if (!widths || widths.size > LAYOUT_CACHE_LIMIT) widthCaches.set(this.font, (widths = new Map()));
    let width = widths.get(text);
    if (width === undefined) {
      width = this.layout(text, null, true).advanceWidth;
      widths.set(text, width);
    }
    return (width * size) / 1000;
  };
}

/** pdfkit's document, as far as tagging uses it. */
type TaggedDoc = {
  _root: { data: { MarkInfo?: unknown } };
  page: object;
  markContent(tag: string): void;
  markStructureContent(tag: string): object;
  endMarkedContent(): void;
  struct(role: string, options: object): { add(child: object): void; end(): void };
  addStructure(element: object): void;
};

/** Draws the lines and shapes inside marked content (see `Tag`), then builds the structure tree. */
function tagOnRender(): void {
  type Renderer = {
    pdfDocument: TaggedDoc;
    _tagRoot?: Tag;
    _artifactPage?: object;
    renderLine(line: { inlines: { _tag?: Tag }[] }, x: number, y: number): void;
    renderVector(vector: unknown): void;
    renderSVG(svg: { _tag?: Tag }): void;
    renderPages(pages: unknown[]): void;
  };
  const proto = (require('pdfmake/js/Renderer') as { default: { prototype: Renderer } }).default.prototype;
  /**
   * Draws inside the marked content of `tag`, or (no tag) as an artifact. Artifacts in a row share one
   * marked section (a table's rules and fills are many small shapes).
   */
  const within = <T>(renderer: Renderer, tag: Tag | undefined, draw: () => T): T => {
    const doc = renderer.pdfDocument;
    if (!doc._root.data.MarkInfo) return draw();
    // A table's caption and header rows are drawn again at the top of each page it continues on:
    // the repeats are artifacts, the table's structure has them once.
    if (tag && (tag.role === 'TH' || tag.role === 'Caption')) {
      if (tag.page && tag.page !== doc.page) tag = undefined;
      else if (tag) tag.page = doc.page;
    }
    // pdfkit closes whatever is open when a page ends: an artifact section is open only on its own page.
    const inArtifact = renderer._artifactPage === doc.page;
    if (!tag) {
      if (!inArtifact) doc.markContent('Artifact');
      renderer._artifactPage = doc.page;
      return draw();
    }
    if (inArtifact) doc.endMarkedContent();
    renderer._artifactPage = undefined;
    renderer._tagRoot ??= tag.root;
    const content = doc.markStructureContent(tag.role);
    try {
      return draw();
    } finally {
      doc.endMarkedContent();
      tag.contents.push(content);
    }
  };
  const { renderLine, renderVector, renderSVG, renderPages } = proto;
  proto.renderLine = function (this: Renderer, line, x, y) {
    return within(this, line.inlines.find((i) => i._tag)?._tag, () => renderLine.call(this, line, x, y));
  };
  proto.renderVector = function (this: Renderer, vector) {
    return within(this, undefined, () => renderVector.call(this, vector));
  };
  proto.renderSVG = function (this: Renderer, svg) {
    return within(this, svg._tag, () => renderSVG.call(this, svg));
  };
  proto.renderPages = function (this: Renderer, pages) {
    renderPages.call(this, pages);
    if (this._artifactPage === this.pdfDocument.page) this.pdfDocument.endMarkedContent();
    this._artifactPage = undefined;
    if (this._tagRoot && this.pdfDocument._root.data.MarkInfo) addStructureTree(this.pdfDocument, this._tagRoot);
  };
}

function addStructureTree(doc: TaggedDoc, root: Tag): void {
  const element = (tag: Tag) => {
    const el = doc.struct(tag.role, { ...(tag.alt ? { alt: tag.alt } : {}), ...(tag.scope ? { scope: tag.scope } : {}) });
    for (const content of tag.contents) el.add(content);
    for (const child of tag.children) el.add(element(child));
    return el;
  };
  const document = element(root);
  doc.addStructure(document);
  document.end();
}

/**
 * fontkit keeps one glyph object per glyph id and font, holding the characters it was first met for. A
 * subset being written looks up the parts of a composite glyph with no characters (Roboto Medium's ":"
 * is drawn from two "." glyphs), so with the parsed font shared, a later document's "." found a glyph
 * with no characters and its text lost the full stop (pdftotext, screen readers) though it was drawn.
 * A glyph met again with its characters gets them back.
 */
type GlyphSource = { getGlyph(id: number, characters?: number[]): { codePoints: number[] } | null };
function keepCodePoints(font: GlyphSource): void {
  const getGlyph = font.getGlyph;
  font.getGlyph = function (this: GlyphSource, id: number, characters: number[] = []) {
    const glyph = getGlyph.call(this, id, characters);
    if (glyph && glyph.codePoints.length === 0 && characters.length > 0) glyph.codePoints = characters;
    return glyph;
  };
}

function shareFontWork(): void {
  if (fontsShared) return;
  fontsShared = true;
  memoiseStyleLookups();
  joinWordsOnRender();
  tagOnRender();
  writeContentAsText();
  const proto = (require('pdfmake/js/PDFDocument') as { default: { prototype: { provideFont(this: PdfmakeDoc, f: string, b: boolean, i: boolean): Embedded } } }).default.prototype;
  const original = proto.provideFont;
  proto.provideFont = function (this: PdfmakeDoc, family: string, bold: boolean, italics: boolean): Embedded {
    const type = this.getFontType(bold, italics);
    const cached = this.fontCache[family]?.[type];
    if (cached) return cached;
    const path = this.getFontFile(family, bold, italics);
    const parsed = path === null ? undefined : parsedFonts.get(path);
    let embedded: Embedded;
    if (!parsed || path === null) {
      embedded = original.call(this, family, bold, italics);
      if (path !== null && embedded.font) {
        keepCodePoints(embedded.font as GlyphSource);
        parsedFonts.set(path, { font: embedded.font, Embedded: embedded.constructor });
      }
    } else {
      embedded = new parsed.Embedded(this, parsed.font, `F${++this._fontCount}`);
      this._fontFamilies[path] = embedded;
      (this.fontCache[family] ??= {})[type] = embedded;
    }
    if (embedded.layoutCache) embedded.layoutCache = sharedLayoutCache(embedded.font);
    cacheWidths(embedded.constructor.prototype as Measurer);
    return embedded;
  };
}

let configured = false;
function configure() {
  if (configured) return;
  shareFontWork();
  pdfmake.setFonts(FONTS);
  // Nothing is fetched: no URLs, and only the font files on disk.
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((path: string) => path.startsWith(ROBOTO) || path.startsWith(DEJAVU));
  configured = true;
}

export async function renderPdf(doc: ReportDocument): Promise<Buffer> {
  configure();
  return Buffer.from(await pdfmake.createPdf(pdfDefinition(doc)).getBuffer());
}

/** One section of a combined PDF (an agenda pack): a document started on a new page, under a bookmark. */
export interface PdfSection {
  document: ReportDocument;
  /** The section's top-level bookmark ("8. Business Planning Report"); its headings are nested under it. */
  bookmark: string;
  /** A page saying `blankText` follows the section (it ends on an odd page and the next starts on the right). */
  blankAfter?: boolean;
}

export interface CombinedPdf {
  pdf: Buffer;
  pageCount: number;
}

/** Gives every id in `nodes` the prefix `prefix` (ids must be unique in one PDF) and returns the first heading's node. */
function prefixIds(nodes: unknown[], prefix: string): Node[] {
  const headings: Node[] = [];
  const walk = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(walk);
    const n = node as Node;
    if (typeof n.id === 'string') n.id = `${prefix}${n.id}`;
    if (n.outline) headings.push(n);
    for (const key of ['stack', 'columns', 'ul', 'ol']) if (Array.isArray(n[key])) walk(n[key]);
    const table = n.table as { body?: unknown[] } | undefined;
    if (table?.body) walk(table.body);
  };
  walk(nodes);
  return headings;
}

/**
 * Several documents as one tagged PDF: each section starts on a new page (a blank page saying `blankText`
 * after it where asked), page numbers run through the whole, the footer says `meta.committee, meta.period`,
 * and each section is a bookmark with its headings under it. One structure tree holds every section, in
 * order. The page count is pdfmake's own (the footer's), so a caller can check its layout against it.
 */
export async function renderCombinedPdf(meta: ReportDocument, sections: readonly PdfSection[], blankText: string): Promise<CombinedPdf> {
  configure();
  const root = newTag('Document');
  const content: Content[] = [];
  sections.forEach((section, i) => {
    const nodes = contentOf(section.document, root);
    const headings = prefixIds(nodes, `s${i}-`);
    const first = headings[0];
    if (first) {
      first.outlineText = section.bookmark;
      first.outlineExpanded = false;
      for (const h of headings.slice(1)) h.outlineParentId = first.id;
    }
    if (i > 0 && nodes[0]) (nodes[0] as unknown as Node).pageBreak = 'before';
    content.push(...nodes);
    if (section.blankAfter) {
      const blank = { text: blankText, pageBreak: 'before', alignment: 'center', margin: [0, 320, 0, 0], style: 'body' } as Node;
      mark(blank, newTag('P', root));
      content.push(blank as unknown as Content);
    }
  });
  const definition = pdfDefinition({ ...meta, blocks: [] });
  definition.content = content;
  let pageCount = 0;
  const footer = definition.footer as (page: number, count: number) => Content;
  definition.footer = (page: number, count: number) => {
    pageCount = count;
    return footer(page, count);
  };
  const pdf = Buffer.from(await pdfmake.createPdf(definition).getBuffer());
  return { pdf, pageCount };
}
