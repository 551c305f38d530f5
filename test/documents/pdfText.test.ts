/**
 * The text of a PDF (what pdftotext and screen readers read) keeps every character it draws, however
 * many PDFs the process has made before. Fonts are parsed once per process (src/documents/pdf.ts), so
 * this is checked in a new process, where no earlier test has laid out the characters already.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const pdftotext = spawnSync('pdftotext', ['-v']).error ? null : 'pdftotext';
const root = new URL('../..', import.meta.url);

describe('the text of a PDF', () => {
  it.skipIf(!pdftotext)('keeps the full stop of bold text made after a paper whose bold text had only colons', { timeout: 60_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'townhall-pdf-text-'));
    const script = join(dir, 'two.mts');
    writeFileSync(
      script,
      `import { writeFileSync } from 'node:fs';
      import { renderPdf } from ${JSON.stringify(new URL('src/documents/pdf.ts', root).href)};
      const base = { kind: 'minutes', title: 'Minutes', subtitle: 'Committee', runningHead: 'Minutes', council: 'Council', committee: 'Committee', period: '12 June 2018', lang: 'en-GB', author: 'Council', subject: 'Minutes', keywords: [] };
      const bold = (text) => ({ ...base, blocks: [{ kind: 'paragraph', runs: [{ text, bold: true }] }] });
      // Roboto Medium draws ":" from two "." glyphs: writing the first paper's font subset meets "." with no character.
      await renderPdf(bold('RESOLVED: noted'));
      writeFileSync(${JSON.stringify(join(dir, 'second.pdf'))}, await renderPdf(bold('The motion was therefore lost.')));`,
    );
    const run = spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: fileURLToPath(root), encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).toBe('');
    const text = spawnSync('pdftotext', [join(dir, 'second.pdf'), '-'], { encoding: 'utf8' }).stdout;
    expect(text).toContain('The motion was therefore lost.');
    expect(readFileSync(join(dir, 'second.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  });
});
