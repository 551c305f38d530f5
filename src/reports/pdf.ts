/**
 * The report document as an A4 PDF, generated in-process with pdfmake (no browser): a running header
 * with the report title and a footer with "Page N of M" on every page, table header rows repeated on
 * each page, charts embedded as SVG, and an outline of the headings. pdf-lib then sets the document's
 * metadata (title, author, subject, keywords, language). Fonts come from npm packages: pdfmake's own
 * Roboto for text and DejaVu Sans (dejavu-fonts-ttf) for the arrows ↑ ↓ → that Roboto lacks.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import pdfmake from 'pdfmake';
import type { Content, TableCell } from 'pdfmake';
import { PDFDocument } from 'pdf-lib';
import type { Block, Cell, ReportDocument, Run, TableBlock } from './document.ts';
import { RAG_FILL, RAG_INK } from './document.ts';
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

type Inline = { text: string; font?: string; bold?: boolean; italics?: boolean; sup?: boolean; color?: string; fontSize?: number };

/** Splits text so that glyphs missing from Roboto are set in DejaVu. */
function glyphRuns(text: string, style: Omit<Inline, 'text'> = {}): Inline[] {
  return text
    .split(FALLBACK)
    .filter((t) => t !== '')
    .map((t) => (FALLBACK.test(t) ? { ...style, text: t, font: 'DejaVu' } : { ...style, text: t }));
}

const runsOf = (rs: Run[]): Inline[] =>
  rs.flatMap((r) => (typeof r === 'string' ? glyphRuns(r) : glyphRuns(r.text, { bold: r.bold, italics: r.italic })));

const noteRuns = (notes: number[] | undefined): Inline[] => (notes?.length ? [{ text: ` ${notes.join(',')}`, sup: true, fontSize: 6 }] : []);

function cellContent(cell: Cell, header: boolean, dense: boolean): TableCell {
  const size = dense ? 7.5 : 9;
  const colour = cell.rag ? RAG_INK[cell.rag] : INK;
  const stack: Content[] = [];
  if (cell.text || cell.suffix || cell.notes?.length) stack.push({ text: [...glyphRuns(cell.text + (cell.suffix ?? ''), { bold: header || cell.bold, color: colour }), ...noteRuns(cell.notes)] });
  if (cell.detail) stack.push({ text: glyphRuns(cell.detail, { color: cell.rag ? colour : '#505a5f' }), fontSize: size - 1 });
  if (cell.items?.length) stack.push({ ul: cell.items.map((i) => ({ text: glyphRuns(i) })), margin: [0, 1, 0, 0] });
  const out: Record<string, unknown> = {
    stack,
    fontSize: size,
    alignment: cell.align ?? 'left',
  };
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
    { text: glyphRuns(t.caption), style: 'caption', colSpan: columns, border: [false, false, false, true], margin: [-4, 0, 0, 0] } as TableCell,
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

function blockContent(b: Block, doc: ReportDocument): Content[] {
  switch (b.kind) {
    case 'heading': {
      const style = `h${b.level}`;
      return [{ text: glyphRuns(b.text), style, headlineLevel: b.level, outline: true, outlineText: b.text, id: b.id } as Content];
    }
    case 'paragraph':
      return [{ text: runsOf(b.runs), style: b.style === 'small' ? 'small' : b.style === 'lead' ? 'lead' : 'body' } as Content];
    case 'list': {
      const items = b.items.map((i) => ({ text: runsOf(i) }));
      const style = b.style === 'small' ? 'small' : 'body';
      return [(b.ordered ? { ol: items, style, margin: [0, 0, 0, 6] } : { ul: items, style, margin: [0, 0, 0, 6] }) as Content];
    }
    case 'keyValue':
      return [
        {
          table: {
            widths: widthsOf([30, 70]),
            body: b.items.map((i) => [
              { text: i.key, bold: true, fillColor: '#f3f2f1', fontSize: 10 },
              { stack: i.value.map((v) => ({ text: glyphRuns(v) })), fontSize: 10 },
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
            { text: glyphRuns(c.title), style: 'caption' },
            { columns: [{ svg: c.svg, width }, { width: '*', stack: [dataTable], margin: [0, 6, 0, 0] }], columnGap: 16 },
          ],
        } as Content,
      ];
    }
    case 'footnotes':
      return [
        {
          stack: b.items.map((f) => ({ text: [{ text: `${f.number} `, sup: true, fontSize: 6 }, ...glyphRuns(f.text)] })),
          style: 'footnotes',
        } as Content,
      ];
    case 'pageBreak':
      return [{ text: '', pageBreak: 'after' } as Content];
  }
  void doc;
}

export function pdfDefinition(doc: ReportDocument): TDocumentDefinitions {
  const content = doc.blocks.flatMap((b) => blockContent(b, doc));
  return {
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: PAGE.margins,
    language: doc.lang,
    info: { title: doc.title, author: doc.author, subject: doc.subject, keywords: doc.keywords.join(', '), creator: 'Townhall', producer: 'Townhall (pdfmake, pdf-lib)' },
    header: () => ({
      margin: [PAGE.margins[0], 22, PAGE.margins[2], 0],
      stack: [
        {
          columns: [
            { text: glyphRuns(doc.runningHead), width: '*', fontSize: 7.5, color: '#505a5f' },
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

let configured = false;
function configure() {
  if (configured) return;
  pdfmake.setFonts(FONTS);
  // Nothing is fetched: no URLs, and only the font files on disk.
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((path: string) => path.startsWith(ROBOTO) || path.startsWith(DEJAVU));
  configured = true;
}

export async function renderPdf(doc: ReportDocument): Promise<Buffer> {
  configure();
  pdfmake.setFonts(FONTS);
  const raw = await pdfmake.createPdf(pdfDefinition(doc)).getBuffer();
  const pdf = await PDFDocument.load(raw, { updateMetadata: false });
  pdf.setTitle(doc.title, { showInWindowTitleBar: true });
  pdf.setAuthor(doc.author);
  pdf.setSubject(doc.subject);
  pdf.setKeywords(doc.keywords);
  pdf.setLanguage(doc.lang);
  pdf.setCreator('Townhall');
  pdf.setProducer('Townhall (pdfmake, pdf-lib)');
  return Buffer.from(await pdf.save());
}
