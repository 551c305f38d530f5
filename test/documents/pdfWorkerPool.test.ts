/**
 * Report PDFs made on the worker thread (src/documents/pdfWorkerPool.ts): the same paper as in this
 * thread, errors reported with their reason, a new worker after one has gone, and a process that
 * has made its PDFs still exits on its own.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import type { ReportDocument } from '../../src/documents/model.ts';
import { renderPdf } from '../../src/documents/pdf.ts';
import { PdfWorkerPool } from '../../src/documents/pdfWorkerPool.ts';
import { paper } from '../support/paper.ts';

const pdftotext = spawnSync('pdftotext', ['-v']).error ? null : 'pdftotext';
const root = new URL('../..', import.meta.url);

const textOf = (pdf: Buffer) => {
  const file = join(mkdtempSync(join(tmpdir(), 'townhall-pdf-worker-')), 'paper.pdf');
  writeFileSync(file, pdf);
  return spawnSync(pdftotext!, ['-layout', file, '-'], { encoding: 'utf8' }).stdout;
};

describe('PDFs on the worker thread', () => {
  const pool = new PdfWorkerPool();
  afterAll(() => pool.close());

  it('makes the same paper as this thread does', async () => {
    const doc = paper('Worker paper');
    const [inWorker, here] = await Promise.all([pool.render(doc), renderPdf(doc)]);
    const pages = async (pdf: Buffer) => (await PDFDocument.load(pdf)).getPageCount();
    expect(await pages(inWorker)).toBe(await pages(here));
    expect(await pages(inWorker)).toBeGreaterThan(1);
    expect((await PDFDocument.load(inWorker, { updateMetadata: false })).getTitle()).toBe('Worker paper');
    if (pdftotext) {
      expect(textOf(inWorker)).toBe(textOf(here));
      expect(textOf(inWorker)).toContain('T/80');
    }
  });

  it('warms up on a small paper of its own, then makes the next as usual', async () => {
    await pool.warm();
    expect((await PDFDocument.load(await pool.render(paper('After warming')), { updateMetadata: false })).getTitle()).toBe('After warming');
  });

  it('makes several at once, each its own', async () => {
    const titles = ['First', 'Second', 'Third'];
    const pdfs = await Promise.all(titles.map((t) => pool.render(paper(t))));
    for (const [i, pdf] of pdfs.entries()) expect((await PDFDocument.load(pdf, { updateMetadata: false })).getTitle()).toBe(titles[i]);
  });

  it('reports a document it cannot set, and carries on', async () => {
    const broken = { ...paper('Broken'), blocks: null } as unknown as ReportDocument;
    await expect(pool.render(broken)).rejects.toThrow(/The PDF could not be made: TypeError/);
    expect((await pool.render(paper('After'))).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('starts a new worker after the last one was closed', async () => {
    await pool.render(paper('Before closing'));
    await pool.close();
    expect((await pool.render(paper('After closing'))).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('does not keep a process alive once its PDFs are made', () => {
    const script = join(mkdtempSync(join(tmpdir(), 'townhall-pdf-exit-')), 'exit.mts');
    writeFileSync(
      script,
      `import { PdfWorkerPool } from ${JSON.stringify(new URL('src/documents/pdfWorkerPool.ts', root).href)};
      import { paper } from ${JSON.stringify(new URL('test/support/paper.ts', root).href)};
      const pdf = await new PdfWorkerPool().render(paper('Exit'));
      console.log(pdf.subarray(0, 5).toString());`,
    );
    const run = spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: fileURLToPath(root), encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).not.toMatch(/Error/);
    expect([run.status, run.stdout.trim()]).toEqual([0, '%PDF-']);
  });
});
