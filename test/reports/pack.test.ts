/**
 * The agenda pack as one PDF (src/reports/pack.ts): the order of business prints the ranges the papers
 * really occupy, every paper starts on an odd page, blank pages say so, page numbers run through, each
 * item is a bookmark, and the file is tagged. Read back with pdf-lib and pdftotext (poppler-utils).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { formatPageRange } from '../../src/domain/packLayout.ts';
import type { Block, ReportDocument } from '../../src/documents/model.ts';
import { PackLayoutError, renderPackPdf, type PackDocument } from '../../src/reports/pack.ts';
import { paper } from '../support/paper.ts';
import { makePdf } from '../support/paperFiles.ts';

const pdftotext = spawnSync('pdftotext', ['-v']).error ? null : 'pdftotext';

/** A paper of `rows` table rows: about 40 rows a page. */
function paperOf(title: string, rows: number): ReportDocument {
  const base = paper(title);
  return {
    ...base,
    blocks: [
      { kind: 'heading', level: 1, text: title, id: 'top' },
      { kind: 'paragraph', runs: [`The paper called ${title}.`] },
      { kind: 'heading', level: 2, text: `${title}: the figures`, id: 'figures' },
      {
        kind: 'table',
        id: 'table-1',
        caption: 'Figures',
        header: [[{ text: 'Ref' }, { text: 'Value' }]],
        rows: Array.from({ length: rows }, (_, i) => [{ text: `${title}/${i + 1}` }, { text: String(i), align: 'right' as const }]),
        widths: [50, 50],
      },
    ],
  };
}

const items = [
  { key: '1', title: 'Minutes of last meeting', rows: 10 },
  { key: '6', title: "Members' Items", rows: 60 },
  { key: '8', title: 'Business Planning Report', rows: 150 },
];

function pack(): PackDocument {
  const meta = paper('Agenda pack');
  const { blocks: _blocks, ...rest } = meta;
  return {
    meta: { ...rest, title: 'Community Leadership Committee, 21 November 2018', committee: 'Community Leadership Committee', period: '21 November 2018' },
    frontBookmark: 'Cover and order of business',
    front: (ranges): Block[] => [
      { kind: 'heading', level: 1, text: 'Community Leadership Committee', id: 'cover' },
      {
        kind: 'table',
        id: 'order',
        caption: 'Order of business',
        header: [[{ text: 'Item No' }, { text: 'Title of Report' }, { text: 'Pages' }]],
        rows: items.map((i) => [{ text: `${i.key}.` }, { text: i.title }, { text: ranges.has(i.key) ? formatPageRange(ranges.get(i.key)!) : '' }]),
        widths: [10, 70, 20],
      },
    ],
    parts: items.map((i) => ({ itemKey: i.key, bookmark: `${i.key}. ${i.title}`, document: paperOf(i.title, i.rows) })),
  };
}

describe('the agenda pack PDF', () => {
  it('lays every paper on an odd page, with page ranges, blank pages, running numbers, bookmarks and tags', { timeout: 60_000 }, async () => {
    const { pdf, layout } = await renderPackPdf(pack());
    const doc = await PDFDocument.load(pdf);
    expect(doc.getPageCount()).toBe(layout.totalPages);
    for (const part of layout.parts) expect(part.start % 2).toBe(1);
    expect(layout.parts.some((p) => p.blankPage !== null)).toBe(true);
    // Tagged, with an outline.
    const catalog = doc.catalog;
    expect(catalog.get(PDFName.of('StructTreeRoot'))).toBeDefined();
    expect(catalog.get(PDFName.of('MarkInfo'))).toBeDefined();
    const outlines = catalog.lookup(PDFName.of('Outlines'), PDFDict);
    const titles = (parent: PDFDict): string[] => {
      const out: string[] = [];
      for (let item = parent.lookupMaybe(PDFName.of('First'), PDFDict); item; item = item.lookupMaybe(PDFName.of('Next'), PDFDict)) {
        out.push(item.lookup(PDFName.of('Title'), PDFString, PDFHexString).decodeText());
      }
      return out;
    };
    // A bookmark per item, the paper's own headings under it.
    expect(titles(outlines)).toEqual(['Cover and order of business', ...items.map((i) => `${i.key}. ${i.title}`)]);
    let second = outlines.lookup(PDFName.of('First'), PDFDict).lookup(PDFName.of('Next'), PDFDict);
    expect(titles(second)).toEqual(['Minutes of last meeting: the figures']);
    second = second.lookup(PDFName.of('Next'), PDFDict);
    expect(titles(second)).toEqual(["Members' Items: the figures"]);

    if (!pdftotext) return;
    const dir = mkdtempSync(join(tmpdir(), 'pack-'));
    const file = join(dir, 'pack.pdf');
    writeFileSync(file, pdf);
    const page = (n: number) => spawnSync(pdftotext, ['-layout', '-f', String(n), '-l', String(n), file, '-'], { encoding: 'utf8' }).stdout;
    const front = page(1);
    for (const i of items) {
      const range = layout.ranges.get(i.key)!;
      expect(front).toMatch(new RegExp(`${i.key}\\.\\s+${i.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s+${range.from}\\s*-\\s*${range.to}`));
      // The paper's title is on the first page of its range.
      expect(page(range.from)).toContain(i.title);
    }
    for (const part of layout.parts) if (part.blankPage !== null) expect(page(part.blankPage)).toContain('This page is intentionally left blank');
    expect(page(layout.totalPages)).toContain(`Page ${layout.totalPages} of ${layout.totalPages}`);
    const outline = spawnSync('pdfinfo', ['-struct', file], { encoding: 'utf8' });
    if (!outline.error) expect(outline.stdout).toContain('Document');
  });

  it('merges an uploaded PDF paper’s own pages, under its heading, with the pack’s page numbers and bookmark (ADR 0027)', { timeout: 60_000 }, async () => {
    const uploaded = await makePdf(3, 'Uploaded grants report');
    const base = pack();
    const parts = [base.parts[0]!, { itemKey: '7', bookmark: '7. Corporate Grants', document: { ...paper('Corporate Grants'), blocks: [{ kind: 'heading', level: 1, text: 'Corporate Grants', id: 'grants' }] as Block[] }, pdf: { bytes: uploaded, pageCount: 3 } }, base.parts[2]!];
    const { pdf, layout } = await renderPackPdf({ ...base, parts });
    const doc = await PDFDocument.load(pdf);
    expect(doc.getPageCount()).toBe(layout.totalPages);
    const placed = layout.parts[1]!;
    expect([placed.start % 2, placed.end - placed.start + 1]).toEqual([1, 3]);
    expect(layout.parts[2]!.start % 2).toBe(1);
    // Its bookmark, as every item's, still points at a page of the pack after the uploaded pages are drawn.
    const outlines = doc.catalog.lookup(PDFName.of('Outlines'), PDFDict);
    const bookmarks: string[] = [];
    for (let item = outlines.lookupMaybe(PDFName.of('First'), PDFDict); item; item = item.lookupMaybe(PDFName.of('Next'), PDFDict)) bookmarks.push(item.lookup(PDFName.of('Title'), PDFString, PDFHexString).decodeText());
    expect(bookmarks).toEqual(['Cover and order of business', '1. Minutes of last meeting', '7. Corporate Grants', '8. Business Planning Report']);
    expect(doc.catalog.get(PDFName.of('StructTreeRoot'))).toBeDefined();
    if (!pdftotext) return;
    const dir = mkdtempSync(join(tmpdir(), 'pack-'));
    const file = join(dir, 'pack.pdf');
    writeFileSync(file, pdf);
    const page = (n: number) => spawnSync(pdftotext, ['-layout', '-f', String(n), '-l', String(n), file, '-'], { encoding: 'utf8' }).stdout;
    for (let j = 0; j < 3; j++) {
      const text = page(placed.start + j);
      expect(text).toContain(`Uploaded grants report (page ${j + 1})`);
      expect(text).toContain(`Page ${placed.start + j} of ${layout.totalPages}`);
    }
    expect(page(placed.start)).toContain('Corporate Grants');
    expect(page(placed.start + 3)).not.toContain('Uploaded grants report');
  });

  it('refuses a pack whose rendering disagrees with its layout', async () => {
    let calls = 0;
    // A renderer that adds a page to the whole pack only: the order of business would be wrong.
    const lying = async (_meta: ReportDocument, sections: readonly { document: ReportDocument }[]) => {
      calls++;
      return { pdf: Buffer.from(''), pageCount: sections.length > 1 ? 99 : 2 };
    };
    await expect(renderPackPdf(pack(), lying)).rejects.toThrow(PackLayoutError);
    expect(calls).toBeGreaterThan(items.length);
  });
});
