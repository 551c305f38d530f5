/**
 * The performance report's Markdown (src/reports/markdown.ts): text anyone typed — a commentary, a
 * title, a committee or priority name — stays text, never a live link, an image, HTML or a heading.
 */
import { describe, expect, it } from 'vitest';
import { renderPerformanceMarkdown } from '../../src/reports/markdown.ts';
import { fakeIndicator, fakeReport } from '../support/reportFixture.ts';

const HOSTILE = [
  '[x](javascript:alert(8))',
  '![pixel](https://evil.example/p.png)',
  '<script>alert(1)</script>',
  '<https://evil.example>',
  '<img src=x onerror=alert(2)>',
  '[ref]: javascript:alert(3)',
  '`code` *em* _em_ ~~strike~~ | pipe',
  '# Not a heading',
  '1. not a list',
  '- not a list',
  'line one\n## second line heading\n[y](javascript:alert(9))',
];

/** Every `[`, `]`, `!`, `<`, `>`, `#` a hostile string brought in is escaped; nothing starts a link, image or tag. */
function expectInert(markdown: string): void {
  expect(markdown).not.toMatch(/(^|[^\\])\[[^\]]*[^\\]\]\(/m); // [text](url)
  expect(markdown).not.toMatch(/(^|[^\\])!\[/); // ![image]
  expect(markdown).not.toMatch(/<(script|img|https?:)/i);
  expect(markdown).not.toMatch(/(^|[^\\])\[ref\]:/m);
  expect(markdown).not.toMatch(/^(#+ )?(Not a heading|second line heading)/m);
  expect(markdown).not.toMatch(/^\s*1\. not a list/m);
  expect(markdown).not.toMatch(/^\s*- not a list/m);
  // Headings are only those the renderer writes.
  for (const heading of markdown.split('\n').filter((l) => l.startsWith('#'))) expect(heading).toMatch(/^#{1,3} [^#]/);
}

describe('renderPerformanceMarkdown with hostile text', () => {
  it.each(HOSTILE)('keeps %j as text in every heading, line, list item and cell', (text) => {
    const indicator = fakeIndicator({ ref: 'X1', title: text, type: text, priority: text, commentary: text });
    indicator.result!.intervention = text;
    indicator.measuredAgainst = text;
    const report = fakeReport([indicator], [{ ref: 'A1', rag: 'G', priority: text }]);
    report.council = text;
    report.committee.name = text;
    report.priorities[0]!.outcome = text;
    report.keyActions[0]!.commentary = text;
    report.keyActions[0]!.title = text;
    const markdown = renderPerformanceMarkdown(report);
    expectInert(markdown);
    // The words survive, escaped: a reader sees what was typed.
    if (text.includes('javascript:alert(8)')) expect(markdown).toContain('\\[x\\](javascript:alert(8))');
    if (text.startsWith('<script>')) expect(markdown).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
