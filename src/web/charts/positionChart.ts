/**
 * A position chart (issue 13, deliverable 3): every area of a comparator group as a horizontal bar,
 * best first, the council's own bar told apart by colour, a hatched pattern and its label in bold (never by
 * colour alone), with the group's median as a dashed line. Server-side SVG, as lineChart.ts: role="img"
 * with <title> and <desc>; the page prints the same figures as a table beside it. Presentation
 * attributes only, so it renders under a Content-Security-Policy without 'unsafe-inline'.
 */
import { escapeHtml } from '../escape.ts';
import { niceTicks } from './lineChart.ts';

export interface PositionBar {
  label: string;
  value: number;
  /** "=3rd". */
  rank: string;
  highlight: boolean;
}

export interface PositionChartInput {
  /** Unique on the page. */
  id: string;
  title: string;
  description: string;
  /** Best first. */
  bars: PositionBar[];
  median: number | null;
  formatValue: (value: number) => string;
  width?: number;
}

const TEXT = '#0b0c0c';
const GRID = '#b1b4b6';
const BAR = '#505a5f';
const OWN = '#1d70b8';
const fmt = (n: number) => Number(n.toFixed(1)).toString();

export function positionChart(input: PositionChartInput): string {
  const width = input.width ?? 640;
  const rowHeight = 18;
  const left = 200;
  const right = width - 72;
  const top = 8;
  const plotBottom = top + input.bars.length * rowHeight;
  const height = plotBottom + 56;
  const titleId = `${input.id}-title`;
  const descId = `${input.id}-desc`;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="th-chart" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${escapeHtml(titleId)} ${escapeHtml(descId)}" font-size="13">`,
    `<title id="${escapeHtml(titleId)}">${escapeHtml(input.title)}</title><desc id="${escapeHtml(descId)}">${escapeHtml(input.description)}</desc>`,
    `<defs><pattern id="${escapeHtml(input.id)}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="${OWN}"/><line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" stroke-width="2"/></pattern></defs>`,
  ];
  const values = input.bars.map((b) => b.value);
  const ticks = niceTicks(Math.min(0, ...values), Math.max(...values, input.median ?? 0));
  const min = ticks[0]!;
  const max = ticks[ticks.length - 1]!;
  const sx = (v: number) => left + ((v - min) / (max - min || 1)) * (right - left);
  parts.push('<g aria-hidden="true">');
  for (const t of ticks) {
    const x = fmt(sx(t));
    parts.push(`<line x1="${x}" x2="${x}" y1="${top}" y2="${plotBottom}" stroke="${GRID}" stroke-width="1"/>`);
    parts.push(`<text x="${x}" y="${plotBottom + 16}" text-anchor="middle" fill="${TEXT}">${escapeHtml(input.formatValue(t))}</text>`);
  }
  input.bars.forEach((b, i) => {
    const y = top + i * rowHeight;
    const x0 = sx(Math.min(0, b.value));
    const x1 = sx(Math.max(0, b.value));
    const weight = b.highlight ? ' font-weight="bold"' : '';
    parts.push(`<text x="${left - 8}" y="${fmt(y + rowHeight / 2)}" dy="0.35em" text-anchor="end" fill="${TEXT}"${weight}>${escapeHtml(`${b.rank} ${b.label}`)}</text>`);
    parts.push(
      `<rect x="${fmt(x0)}" y="${fmt(y + 2)}" width="${fmt(Math.max(1, x1 - x0))}" height="${rowHeight - 4}" fill="${b.highlight ? `url(#${escapeHtml(input.id)}-hatch)` : BAR}"${b.highlight ? ` stroke="${TEXT}" stroke-width="1.5"` : ''}/>`,
    );
    parts.push(`<text x="${fmt(x1 + 4)}" y="${fmt(y + rowHeight / 2)}" dy="0.35em" fill="${TEXT}"${weight}>${escapeHtml(input.formatValue(b.value))}</text>`);
  });
  if (input.median !== null) {
    const x = fmt(sx(input.median));
    parts.push(`<line x1="${x}" x2="${x}" y1="${top}" y2="${plotBottom}" stroke="${TEXT}" stroke-width="2" stroke-dasharray="6 4"/>`);
    parts.push(`<line x1="${left}" x2="${left + 28}" y1="${plotBottom + 38}" y2="${plotBottom + 38}" stroke="${TEXT}" stroke-width="2" stroke-dasharray="6 4"/>`);
    parts.push(`<text x="${left + 36}" y="${plotBottom + 38}" dy="0.35em" fill="${TEXT}">${escapeHtml(`Median ${input.formatValue(input.median)}`)}</text>`);
  }
  parts.push('</g></svg>');
  return parts.join('');
}
