import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown.ts';
import type { Block, ReportDocument } from './model.ts';

const doc = (blocks: Block[]): ReportDocument => ({
  kind: 'test',
  title: 'T',
  subtitle: 'S',
  runningHead: 'R',
  council: 'C',
  committee: 'K',
  period: 'P',
  lang: 'en-GB',
  author: 'A',
  subject: 'S',
  keywords: [],
  blocks,
});

describe('renderMarkdown', () => {
  it('writes headings, paragraphs with emphasis, lists and footnotes', () => {
    const md = renderMarkdown(
      doc([
        { kind: 'heading', level: 1, text: 'Quarterly report', id: 'q' },
        { kind: 'paragraph', runs: ['Plan year ', { text: '2018/19 ', bold: true }, 'and ', { text: 'notes', italic: true }] },
        { kind: 'list', items: [['first'], ['second']], ordered: true },
        { kind: 'pageBreak' },
        { kind: 'footnotes', items: [{ number: 1, text: 'Provisional.' }] },
      ]),
    );
    expect(md).toBe('# Quarterly report\n\nPlan year **2018/19** and _notes_\n\n1. first\n2. second\n\n1. Provisional.\n');
  });

  it('writes a table with its caption, header rows merged per column, spans laid out on the grid', () => {
    const md = renderMarkdown(
      doc([
        {
          kind: 'table',
          id: 't',
          caption: 'Ratings',
          header: [[{ text: 'Service', rowSpan: 2 }, { text: 'Budget', colSpan: 2 }], [{ text: '£000' }, { text: '%', align: 'right' }]],
          rows: [[{ text: 'Libraries', suffix: '(G)', notes: [2], rowSpan: 2 }, { text: '8' }, { text: '1%' }], [{ text: '9' }, { text: '2%' }], [{ text: 'Total', colSpan: 2 }, { text: '3%' }]],
          widths: [2, 1, 1],
        },
      ]),
    );
    expect(md).toBe('**Ratings**\n\n| Service | Budget £000 | Budget % |\n| --- | --- | --- |\n| Libraries (G) [2] | 8 | 1% |\n|  | 9 | 2% |\n| Total |  | 3% |\n');
  });

  it('keeps typed text literal: no live link, image, HTML or table break', () => {
    const hostile = '[x](javascript:alert(8)) ![i](http://e/x.png) <script>alert(1)</script> a|b *bold* # not a heading';
    const md = renderMarkdown(
      doc([
        { kind: 'paragraph', runs: [hostile] },
        { kind: 'table', id: 't', caption: 'c', header: [[{ text: 'h' }]], rows: [[{ text: hostile }]], widths: [1] },
      ]),
    );
    // Every bracket is escaped, so no link or image can form; HTML is entities; a pipe cannot end a cell.
    expect(md).not.toMatch(/(?<!\\)[[\]]/);
    expect(md).toContain('\\[x\\](javascript:alert(8))');
    expect(md).not.toContain('<script');
    expect(md).toContain('&lt;script&gt;');
    expect(md).toContain('a\\|b');
    expect(renderMarkdown(doc([{ kind: 'paragraph', runs: ['1. not a list'] }, { kind: 'paragraph', runs: ['- nor this'] }]))).toBe('1\\. not a list\n\n\\- nor this\n');
  });
});
