/**
 * Markdown helpers for any document: text escaped for a table cell. The performance report's Markdown
 * (src/reports/markdown.ts) is written with them.
 */
/** Escapes text for a Markdown table cell (pipes, line breaks, HTML and emphasis characters). */
export function mdCell(text: string | null | undefined): string {
  return (text ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|#])/g, '\\$1')
    .replace(/\r?\n/g, '<br>');
}
