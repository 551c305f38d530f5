/**
 * An agenda pack as one PDF (issue 12 deliver 6): the cover and order of business, then each paper in
 * order on an odd page, "This page is intentionally left blank" where print needs it, running page
 * numbers, a bookmark per item, tagged as the reports are. The order of business prints page ranges
 * computed from the papers as rendered (src/domain/packLayout.ts): each paper is rendered alone to count
 * its pages, the cover is rendered with the ranges until its own length settles, then the whole pack is
 * rendered once and its page count checked against the layout — a pack whose contents page would be
 * wrong is an error, never a file. Page counts are remembered by content, so a pack built again (or a
 * paper already counted) costs one render.
 */
import { createHash } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import { BLANK_PAGE_TEXT, layoutPack, type PackLayout } from '../domain/packLayout.ts';
import type { Block, ReportDocument } from '../documents/model.ts';
import { renderCombinedPdf, type CombinedPdf, type PdfSection } from '../documents/pdf.ts';

export interface PackPart {
  /** The agenda item the part belongs to: its ranges are keyed by this. */
  itemKey: string;
  /** "8. Business Planning Report" (or an appendix's title under its item). */
  bookmark: string;
  document: ReportDocument;
  /**
   * A paper uploaded as a PDF (ADR 0027; `AgendaService.paperPages`): its own pages are the part's. The
   * pack lays out a page for each, headed by `document`'s first heading (the item's title; its bookmark)
   * and with the pack's running header and page number, and draws the uploaded page onto it, scaled to fit
   * between them. The uploaded pages keep their look and carry no tags of the pack's structure.
   */
  pdf?: { bytes: Buffer; pageCount: number };
}

/** Room for the part's heading above an uploaded PDF's first page (points). */
const UPLOADED_HEADING_BAND = 40;
/** The content area of an A4 page of the pack, inside its margins (src/documents/pdf.ts PAGE). */
const CONTENT_BOX = { left: 42, right: 42, top: 56, bottom: 48 };

/** The part as it is laid out: an uploaded PDF's stand-in is its heading, then a page for each of its pages. */
function laidOut(part: PackPart): ReportDocument {
  if (!part.pdf) return part.document;
  const heading = part.document.blocks.find((b) => b.kind === 'heading') ?? ({ kind: 'heading', level: 1, text: part.bookmark, id: 'uploaded' } as Block);
  return { ...part.document, blocks: [heading, ...Array.from({ length: part.pdf.pageCount - 1 }, () => ({ kind: 'pageBreak' }) as Block)] };
}

/** Draws each uploaded PDF's pages onto the pages laid out for them. */
async function drawUploadedPages(pdf: Buffer, parts: readonly PackPart[], layout: PackLayout): Promise<Buffer> {
  if (!parts.some((p) => p.pdf)) return pdf;
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  for (const [i, part] of parts.entries()) {
    if (!part.pdf) continue;
    const source = await PDFDocument.load(part.pdf.bytes, { updateMetadata: false, ignoreEncryption: false });
    const embedded = await doc.embedPdf(source, source.getPageIndices());
    embedded.forEach((page, j) => {
      const target = doc.getPage(layout.parts[i]!.start - 1 + j);
      const { width, height } = target.getSize();
      const boxWidth = width - CONTENT_BOX.left - CONTENT_BOX.right;
      const boxHeight = height - CONTENT_BOX.top - CONTENT_BOX.bottom - (j === 0 ? UPLOADED_HEADING_BAND : 0);
      const scale = Math.min(boxWidth / page.width, boxHeight / page.height);
      target.drawPage(page, {
        x: CONTENT_BOX.left + (boxWidth - page.width * scale) / 2,
        y: CONTENT_BOX.bottom + (boxHeight - page.height * scale),
        xScale: scale,
        yScale: scale,
      });
    });
  }
  return Buffer.from(await doc.save());
}

export interface PackDocument {
  /** Title, running head, council, footer text (committee and date), file metadata. */
  meta: Omit<ReportDocument, 'blocks'>;
  /** The cover and order of business, printed with the page ranges of each item. */
  front: (ranges: PackLayout['ranges']) => Block[];
  frontBookmark: string;
  parts: readonly PackPart[];
}

export interface RenderedPack {
  pdf: Buffer;
  layout: PackLayout;
}

export class PackLayoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PackLayoutError';
  }
}

type Render = (meta: ReportDocument, sections: readonly PdfSection[], blankText: string) => Promise<CombinedPdf>;

const MAX_FRONT_PASSES = 4;

/**
 * Pages each document renders to, remembered by its content (the same paper in the next pack, or the
 * pack built again, is not laid out twice to be counted). A remembered count is only a start: the pack
 * is checked against its layout and counted afresh when it disagrees.
 */
const pageCounts = new Map<string, number>();
const PAGE_COUNT_LIMIT = 2000;

function contentKey(document: ReportDocument): string {
  return createHash('sha256').update(JSON.stringify(document)).digest('base64');
}

function remember(key: string, pages: number): void {
  if (pageCounts.size >= PAGE_COUNT_LIMIT) pageCounts.delete(pageCounts.keys().next().value!);
  pageCounts.set(key, pages);
}

/** Forgets every remembered page count (benchmarks measure a pack whose papers were never counted). */
export function forgetPageCounts(): void {
  pageCounts.clear();
}

export async function renderPackPdf(pack: PackDocument, render: Render = renderCombinedPdf): Promise<RenderedPack> {
  try {
    return await layOutAndRender(pack, render, true);
  } catch (e) {
    if (!(e instanceof PackLayoutError)) throw e;
    return layOutAndRender(pack, render, false);
  }
}

async function layOutAndRender(pack: PackDocument, render: Render, useRemembered: boolean): Promise<RenderedPack> {
  const meta = { ...pack.meta, blocks: [] } as ReportDocument;
  const pagesOf = async (document: ReportDocument, bookmark: string) => {
    const key = contentKey(document);
    const known = useRemembered ? pageCounts.get(key) : undefined;
    if (known !== undefined) return known;
    const pages = (await render(meta, [{ document, bookmark }], BLANK_PAGE_TEXT)).pageCount;
    remember(key, pages);
    return pages;
  };

  const partPages: { itemKey: string; pages: number }[] = [];
  for (const part of pack.parts) partPages.push({ itemKey: part.itemKey, pages: part.pdf ? part.pdf.pageCount : await pagesOf(part.document, part.bookmark) });

  // The cover's length may depend on the ranges it prints (a longer number can wrap a line): settle it.
  let frontPages = 1;
  let layout = layoutPack(frontPages, partPages);
  let front: ReportDocument = { ...meta, blocks: pack.front(layout.ranges) };
  for (let pass = 0; ; pass++) {
    const pages = await pagesOf(front, pack.frontBookmark);
    if (pages === frontPages) break;
    if (pass === MAX_FRONT_PASSES) throw new PackLayoutError(`The cover and order of business do not settle at a number of pages (${frontPages} then ${pages})`);
    frontPages = pages;
    layout = layoutPack(frontPages, partPages);
    front = { ...meta, blocks: pack.front(layout.ranges) };
  }

  const sections: PdfSection[] = [
    { document: front, bookmark: pack.frontBookmark, blankAfter: layout.frontBlankPage !== null },
    ...pack.parts.map((part, i) => ({ document: laidOut(part), bookmark: part.bookmark, blankAfter: layout.parts[i]!.blankPage !== null })),
  ];
  const { pdf, pageCount } = await render(meta, sections, BLANK_PAGE_TEXT);
  if (pageCount !== layout.totalPages) {
    throw new PackLayoutError(`The pack rendered to ${pageCount} pages but its order of business was laid out for ${layout.totalPages}`);
  }
  return { pdf: await drawUploadedPages(pdf, pack.parts, layout), layout };
}
