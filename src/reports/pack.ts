/**
 * An agenda pack as one PDF (issue 12 deliver 6): the cover and order of business, then each paper in
 * order on an odd page, "This page is intentionally left blank" where print needs it, running page
 * numbers, a bookmark per item, tagged as the reports are. The order of business prints page ranges
 * computed from the papers as rendered (src/domain/packLayout.ts): each paper is rendered alone to count
 * its pages, the cover is rendered with the ranges until its own length settles, then the whole pack is
 * rendered once and its page count checked against the layout — a pack whose contents page would be
 * wrong is an error, never a file.
 */
import { BLANK_PAGE_TEXT, layoutPack, type PackLayout } from '../domain/packLayout.ts';
import type { Block, ReportDocument } from '../documents/model.ts';
import { renderCombinedPdf, type CombinedPdf, type PdfSection } from '../documents/pdf.ts';

export interface PackPart {
  /** The agenda item the part belongs to: its ranges are keyed by this. */
  itemKey: string;
  /** "8. Business Planning Report" (or an appendix's title under its item). */
  bookmark: string;
  document: ReportDocument;
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

export async function renderPackPdf(pack: PackDocument, render: Render = renderCombinedPdf): Promise<RenderedPack> {
  const meta = { ...pack.meta, blocks: [] } as ReportDocument;
  const pagesOf = async (document: ReportDocument, bookmark: string) => (await render(meta, [{ document, bookmark }], BLANK_PAGE_TEXT)).pageCount;

  const partPages: { itemKey: string; pages: number }[] = [];
  for (const part of pack.parts) partPages.push({ itemKey: part.itemKey, pages: await pagesOf(part.document, part.bookmark) });

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
    ...pack.parts.map((part, i) => ({ document: part.document, bookmark: part.bookmark, blankAfter: layout.parts[i]!.blankPage !== null })),
  ];
  const { pdf, pageCount } = await render(meta, sections, BLANK_PAGE_TEXT);
  if (pageCount !== layout.totalPages) {
    throw new PackLayoutError(`The pack rendered to ${pageCount} pages but its order of business was laid out for ${layout.totalPages}`);
  }
  return { pdf, layout };
}
