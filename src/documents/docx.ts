/**
 * The report document as a Word file (docx): real Heading 1/2/3 styles, real tables whose header rows
 * repeat on each page, a header with the report title and a footer with "Page N of M" on every page,
 * A4. Charts are embedded as SVG with the PNG fallback Word requires (rasterised here without a
 * browser: bars, lines and points, no text), each followed by its data table. Computes nothing.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type ParagraphChild,
} from 'docx';
import { toPng } from './charts.ts';
import { RAG_FILL, RAG_INK, type Block, type Cell, type ReportDocument, type Run, type TableBlock } from './model.ts';

const FONT = 'Arial';
const hex = (c: string) => c.replace('#', '').toUpperCase();
/** A4 with 2 cm side margins, in twentieths of a point. */
const PAGE = { width: 11906, height: 16838, margin: { top: 1134, bottom: 1134, left: 1134, right: 1134, header: 567, footer: 567 } };
const CONTENT = PAGE.width - PAGE.margin.left - PAGE.margin.right;

const HEADINGS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;

const textRuns = (rs: Run[], size?: number): TextRun[] =>
  rs.map((r) => (typeof r === 'string' ? new TextRun({ text: r, size }) : new TextRun({ text: r.text, bold: r.bold, italics: r.italic, size })));

const noteRuns = (notes: number[] | undefined, size: number): TextRun[] =>
  notes?.length ? [new TextRun({ text: ` ${notes.join(',')}`, superScript: true, size })] : [];

const border = { style: BorderStyle.SINGLE, size: 4, color: 'B1B4B6' };
const borders = { top: border, bottom: border, left: border, right: border };

function cellOf(cell: Cell, width: number, header: boolean, dense: boolean): TableCell {
  const size = dense ? 15 : 18;
  const colour = cell.rag ? hex(RAG_INK[cell.rag]) : undefined;
  const alignment = cell.align === 'center' ? AlignmentType.CENTER : cell.align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT;
  const children: Paragraph[] = [
    new Paragraph({
      alignment,
      spacing: { before: 20, after: 20 },
      children: [new TextRun({ text: cell.text + (cell.suffix ?? ''), bold: header || cell.bold, size, color: colour }), ...noteRuns(cell.notes, size - 4)],
    }),
  ];
  if (cell.detail) children.push(new Paragraph({ alignment, children: [new TextRun({ text: cell.detail, size: size - 2, color: colour ?? '505A5F' })] }));
  for (const item of cell.items ?? []) children.push(new Paragraph({ numbering: { reference: 'bullets', level: 0 }, children: [new TextRun({ text: item, size })] }));
  return new TableCell({
    children,
    columnSpan: cell.colSpan,
    rowSpan: cell.rowSpan,
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlign.TOP,
    borders,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    shading: cell.rag
      ? { fill: hex(RAG_FILL[cell.rag]), type: ShadingType.CLEAR, color: 'auto' }
      : header
        ? { fill: 'E8EBED', type: ShadingType.CLEAR, color: 'auto' }
        : undefined,
  });
}

function widthsOf(weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => Math.floor((w / sum) * CONTENT));
}

/** The width of a cell starting at column `col` spanning `span` columns. */
const spanWidth = (widths: number[], col: number, span: number) => widths.slice(col, col + span).reduce((a, b) => a + b, 0);

function rowsOf(rows: Cell[][], widths: number[], header: boolean, dense: boolean): TableRow[] {
  // Column positions, accounting for cells spanned from rows above.
  const covered = new Set<string>();
  return rows.map((row, r) => {
    let c = 0;
    const cells = row.map((cell) => {
      while (covered.has(`${r},${c}`)) c++;
      const span = cell.colSpan ?? 1;
      for (let dr = 1; dr < (cell.rowSpan ?? 1); dr++) for (let dc = 0; dc < span; dc++) covered.add(`${r + dr},${c + dc}`);
      const out = cellOf(cell, spanWidth(widths, c, span), header, dense);
      c += span;
      return out;
    });
    return new TableRow({ children: cells, tableHeader: header, cantSplit: true });
  });
}

function captionOf(text: string): Paragraph {
  return new Paragraph({ style: 'Caption', keepNext: true, children: [new TextRun({ text })] });
}

function tableOf(t: TableBlock): (Paragraph | Table)[] {
  const widths = widthsOf(t.widths);
  const dense = !!t.dense;
  return [
    captionOf(t.caption),
    new Table({
      width: { size: CONTENT, type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      rows: [...rowsOf(t.header, widths, true, dense), ...rowsOf(t.rows, widths, false, dense)],
    }),
    new Paragraph({ spacing: { after: 120 }, children: [] }),
  ];
}

function blockOf(b: Block): (Paragraph | Table)[] {
  switch (b.kind) {
    case 'heading':
      return [new Paragraph({ heading: HEADINGS[b.level], keepNext: true, children: [new TextRun({ text: b.text })] })];
    case 'paragraph':
      return [
        new Paragraph({
          spacing: { after: 120 },
          ...(b.indent ? { indent: { left: 425 * b.indent } } : {}),
          children: textRuns(b.runs, b.style === 'small' ? 16 : b.style === 'lead' ? 24 : undefined),
        }),
      ];
    case 'list':
      return b.items.map(
        (item) =>
          new Paragraph({
            numbering: { reference: b.ordered ? 'numbers' : 'bullets', level: 0 },
            spacing: { after: 60 },
            children: textRuns(item, b.style === 'small' ? 16 : undefined),
          }),
      );
    case 'keyValue': {
      const widths = widthsOf([30, 70]);
      return [
        new Table({
          width: { size: CONTENT, type: WidthType.DXA },
          columnWidths: widths,
          layout: TableLayoutType.FIXED,
          rows: b.items.map(
            (i) =>
              new TableRow({
                cantSplit: true,
                children: [
                  new TableCell({
                    width: { size: widths[0]!, type: WidthType.DXA },
                    borders,
                    margins: { top: 80, bottom: 80, left: 100, right: 100 },
                    shading: { fill: 'F3F2F1', type: ShadingType.CLEAR, color: 'auto' },
                    children: [new Paragraph({ children: [new TextRun({ text: i.key, bold: true })] })],
                  }),
                  new TableCell({
                    width: { size: widths[1]!, type: WidthType.DXA },
                    borders,
                    margins: { top: 80, bottom: 80, left: 100, right: 100 },
                    children: i.value.map((v) => new Paragraph({ children: [new TextRun({ text: v })] })),
                  }),
                ],
              }),
          ),
        }),
        new Paragraph({ spacing: { after: 200 }, children: [] }),
      ];
    }
    case 'table':
      return tableOf(b);
    case 'chart': {
      const c = b.chart;
      // 72 px per inch at 1:1; a 480-unit chart prints 12.7 cm wide.
      const width = Math.min(c.width, 500);
      const height = Math.round((c.height / c.width) * width);
      const image: ParagraphChild = new ImageRun({
        type: 'svg',
        data: Buffer.from(c.svg, 'utf8'),
        transformation: { width, height },
        fallback: { type: 'png', data: toPng(c.drawing, 2) },
        altText: { name: c.id, title: c.title, description: c.description },
      });
      const data: TableBlock = {
        kind: 'table',
        id: `${c.id}-data`,
        caption: `Data: ${c.title}`,
        header: [c.data.header.map((h) => ({ text: h }))],
        rows: c.data.rows.map((r) => r.map((v) => ({ text: v }))),
        widths: [40, 60],
        dense: true,
      };
      return [captionOf(c.title), new Paragraph({ keepNext: true, children: [image] }), ...tableOf(data)];
    }
    case 'footnotes':
      return b.items.map(
        (f) =>
          new Paragraph({
            spacing: { after: 40 },
            children: [new TextRun({ text: `${f.number} `, superScript: true, size: 14 }), new TextRun({ text: f.text, size: 15, color: '383F43' })],
          }),
      );
    case 'pageBreak':
      return [new Paragraph({ pageBreakBefore: true, children: [] })];
  }
}

export async function renderDocx(doc: ReportDocument): Promise<Buffer> {
  const small = { size: 15, color: '505A5F', font: FONT };
  const document = new Document({
    title: doc.title,
    subject: doc.subject,
    creator: doc.author,
    description: doc.subject,
    keywords: doc.keywords.join(', '),
    styles: {
      default: {
        document: { run: { font: FONT, size: 20, language: { value: doc.lang } }, paragraph: { spacing: { line: 264 } } },
        heading1: { run: { font: FONT, size: 32, bold: true, color: '0B0C0C' }, paragraph: { spacing: { before: 120, after: 200 } } },
        heading2: { run: { font: FONT, size: 26, bold: true, color: '0B0C0C' }, paragraph: { spacing: { before: 320, after: 120 } } },
        heading3: { run: { font: FONT, size: 22, bold: true, color: '0B0C0C' }, paragraph: { spacing: { before: 240, after: 100 } } },
        caption: { run: { font: FONT, size: 18, bold: true, italics: false, color: '0B0C0C' }, paragraph: { spacing: { before: 120, after: 60 } } },
      },
    },
    numbering: {
      config: [
        { reference: 'bullets', levels: [{ level: 0, format: LevelFormat.BULLET, text: '•', alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 360, hanging: 260 } } } }] },
        { reference: 'numbers', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 360, hanging: 300 } } } }] },
      ],
    },
    sections: [
      {
        properties: { page: { size: { width: PAGE.width, height: PAGE.height }, margin: PAGE.margin } },
        headers: {
          default: new Header({
            children: [
              new Paragraph({
                border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: 'B1B4B6', space: 4 } },
                children: [new TextRun({ text: doc.runningHead, ...small }), new TextRun({ text: doc.council ? `\t${doc.council}` : '', ...small })],
                tabStops: [{ type: 'right', position: CONTENT }],
              }),
            ],
          }),
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                tabStops: [{ type: 'right', position: CONTENT }],
                children: [
                  new TextRun({ text: `${doc.committee}, ${doc.period}`, ...small }),
                  new TextRun({ children: ['\tPage ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES], size: 16, font: FONT }),
                ],
              }),
            ],
          }),
        },
        children: doc.blocks.flatMap(blockOf),
      },
    ],
  });
  const packed = await Packer.toBuffer(document);
  return doc.issued ? withDates(packed, doc.issued) : packed;
}

/**
 * The package as the same bytes every time for the same document and `at`: the core properties' created
 * and modified dates and every zip entry's time set to `at` (docx stamps the time of packing), and the
 * drawings numbered from 1 in the document (docx numbers them by a counter that runs across documents).
 */
export function withDates(packed: Buffer, at: Date): Buffer {
  const files = unzipSync(packed);
  const body = files['word/document.xml'];
  if (body) {
    let n = 0;
    files['word/document.xml'] = strToU8(strFromU8(body).replace(/<wp:docPr id="\d+"/g, () => `<wp:docPr id="${++n}"`));
  }
  const core = files['docProps/core.xml'];
  if (core) {
    const stamp = at.toISOString().replace(/\.\d{3}Z$/, 'Z');
    files['docProps/core.xml'] = strToU8(strFromU8(core).replace(/(<dcterms:(created|modified)\b[^>]*>)[^<]*(<\/dcterms:\2>)/g, `$1${stamp}$3`));
  }
  return Buffer.from(zipSync(files, { mtime: at }));
}
