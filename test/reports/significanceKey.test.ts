/**
 * The key of a report says how survey and rate indicators were rated (ADR 0019): by the fixed tolerance
 * or by significance at the plan year's level, in HTML, PDF, Word and Markdown; a version published before
 * the rating basis existed prints as it did (ADR 0012).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { ratingBasisKey, significanceKey } from '../../src/domain/significance.ts';
import { renderReport } from '../../src/reports/render.ts';
import type { PerformanceReport } from '../../src/services/performanceReport.ts';
import { fakeIndicator, fakeReport } from '../support/reportFixture.ts';

const withBasis = (level: 95 | 99.8 | null): PerformanceReport => {
  const r = fakeReport([fakeIndicator({ ref: 'CG/S4' })]);
  return { ...r, method: { ...r.method, ratingBasis: { kind: level ? 'significance' : 'tolerance', level, text: ratingBasisKey(level) } } };
};
const text = (s: string) => s.replace(/<[^>]+>/g, ' ').replace(/&#39;|&#x27;/g, "'").replace(/\s+/g, ' ');

describe('the key names the rating basis', () => {
  it('HTML and Markdown: significance at 99.8%, or the fixed tolerance', async () => {
    const html = text(String((await renderReport('quarterly', withBasis(99.8), {}, 'html')).body));
    expect(html).toContain('Survey and rate indicators: rated by significance at 99.8%.');
    expect(html).toContain(text(significanceKey(99.8)));
    const tolerance = text(String((await renderReport('quarterly', withBasis(null), {}, 'html')).body));
    expect(tolerance).toContain('Survey indicators: rated by tolerance.');
    expect(tolerance).not.toContain('rated by significance');
    const md = String((await renderReport('quarterly', withBasis(95), {}, 'md')).body);
    expect(md).toContain('Rated by statistical significance at 95% confidence');
  });

  it('Word: the key line is in the document', async () => {
    const docx = (await renderReport('quarterly', withBasis(95), {}, 'docx')).body as Uint8Array;
    const xml = await (await JSZip.loadAsync(docx)).file('word/document.xml')!.async('string');
    expect(text(xml)).toContain('rated by significance at 95%');
  });

  it.skipIf(spawnSync('pdftotext', ['-v']).error)('PDF: the key line is in the text', async () => {
    const pdf = (await renderReport('quarterly', withBasis(95), {}, 'pdf')).body as Uint8Array;
    const dir = mkdtempSync(join(tmpdir(), 'sig-'));
    writeFileSync(join(dir, 'r.pdf'), pdf);
    const out = spawnSync('pdftotext', ['-layout', join(dir, 'r.pdf'), '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
    expect(out).toContain('rated by significance at 95%');
  });

  it('a version published before the basis existed prints no basis line', async () => {
    const html = text(String((await renderReport('quarterly', fakeReport([fakeIndicator({ ref: 'CG/S4' })]), {}, 'html')).body));
    expect(html).not.toContain('rated by significance');
    expect(html).not.toContain('rated by tolerance');
  });
});
