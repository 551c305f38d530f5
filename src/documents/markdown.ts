/**
 * Markdown for any document: the renderer of the neutral model (GitHub-flavoured tables), and the
 * escaping it uses. Every piece of text is escaped, so nothing in a document — a commentary, a title —
 * becomes a live link, an image, HTML or formatting: what was typed is what is read. (The performance
 * report model's own Markdown, src/reports/markdown.ts, is written with the same escaping.)
 */
import type { Block, Cell, ReportDocument, Run, TableBlock } from './model.ts';

/** Escapes text for Markdown prose: HTML, links, emphasis, code and headings stay literal text. */
export function mdText(text: string | null | undefined): string {
  return (text ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|#!~])/g, '\\$1')
    .replace(/\s*\r?\n\s*/g, ' ');
}

/** A line of prose that would otherwise start a list ("1. ", "- ") keeps its marker as text. */
function literalLineStart(line: string): string {
  return line.replace(/^(\s*)([-+])(\s)/, '$1\\$2$3').replace(/^(\s*\d+)([.)])(\s)/, '$1\\$2$3');
}

/** Text that stands as a line of prose on its own: escaped as prose, and never read as a list item. */
export function mdLine(text: string | null | undefined): string {
  return literalLineStart(mdText(text));
}

/** Escapes text for a Markdown table cell (pipes, line breaks, HTML and emphasis characters). */
export function mdCell(text: string | null | undefined): string {
  return (text ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|#])/g, '\\$1')
    .replace(/\r?\n/g, '<br>');
}

function runs(list: Run[]): string {
  return list
    .map((r) => {
      if (typeof r === 'string') return mdText(r);
      const text = mdText(r.text);
      const mark = r.bold ? '**' : r.italic ? '_' : '';
      if (!mark || !text.trim()) return text;
      // Emphasis closes only against a character: spaces go outside the markers.
      const [, before, inner, after] = /^(\s*)(.*?)(\s*)$/s.exec(text)!;
      return `${before}${mark}${inner}${mark}${after}`;
    })
    .join('');
}

function cellText(c: Cell): string {
  const notes = c.notes?.length ? ` [${c.notes.join(', ')}]` : '';
  const parts = [`${c.text}${c.suffix ? ` ${c.suffix}` : ''}`, c.detail, ...(c.items ?? []).map((i) => `• ${i}`)].filter((p): p is string => !!p);
  return parts.map(mdCell).join('<br>') + notes;
}

/**
 * Lays rows of cells out on a grid of `width` columns as HTML would, honouring colSpan and rowSpan:
 * a cell's text stands in its first slot only, or (`fill`, for headers) in every slot it covers.
 */
function grid(rows: Cell[][], width: number, fill = false): string[][] {
  const out: string[][] = rows.map(() => Array.from({ length: width }, () => ''));
  const taken = rows.map(() => Array.from({ length: width }, () => false));
  rows.forEach((row, r) => {
    let col = 0;
    for (const cell of row) {
      while (col < width && taken[r]![col]) col += 1;
      if (col >= width) break;
      const text = cellText(cell);
      for (let dr = 0; dr < (cell.rowSpan ?? 1) && r + dr < rows.length; dr += 1) {
        for (let dc = 0; dc < (cell.colSpan ?? 1) && col + dc < width; dc += 1) {
          taken[r + dr]![col + dc] = true;
          if (fill || (dr === 0 && dc === 0)) out[r + dr]![col + dc] = text;
        }
      }
      col += cell.colSpan ?? 1;
    }
  });
  return out;
}

function table(t: TableBlock): string[] {
  const width = t.widths.length;
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  // Markdown has one header row: each column is named by the header texts above it, top to bottom.
  const headerGrid = t.headless ? [] : grid(t.header, width, true);
  const names = Array.from({ length: width }, (_, c) => [...new Set(headerGrid.map((row) => row[c]!).filter(Boolean))].join(' ') || ' ');
  return [`**${mdText(t.caption)}**`, '', line(names), line(Array.from({ length: width }, () => '---')), ...grid(t.rows, width).map(line)];
}

function block(b: Block): string[] {
  switch (b.kind) {
    case 'heading':
      return [`${'#'.repeat(b.level)} ${mdText(b.text)}`];
    case 'paragraph':
      return [literalLineStart(runs(b.runs))];
    case 'list':
      return b.items.map((item, i) => `${b.ordered ? `${i + 1}.` : '-'} ${runs(item)}`);
    case 'keyValue':
      return [`**${mdText(b.caption)}**`, '', ...b.items.map((i) => `- **${mdText(i.key)}:** ${i.value.map(mdText).join('; ')}`)];
    case 'table':
      return table(b);
    case 'chart':
      return [`_${mdText(b.chart.title)}:_ ${mdText(b.chart.description)}`];
    case 'footnotes':
      return b.items.map((n) => `${n.number}. ${mdText(n.text)}`);
    case 'pageBreak':
      return [];
  }
}

/** The document as Markdown: every block in order (its cover heading first), a blank line between blocks. */
export function renderMarkdown(doc: ReportDocument): string {
  const parts = doc.blocks.map(block).filter((p) => p.some((l) => l.trim()));
  return parts.map((p) => p.join('\n')).join('\n\n') + '\n';
}
