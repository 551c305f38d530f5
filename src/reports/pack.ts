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
