/**
 * A small server-side SVG line chart (docs/decisions/0005-charts.md): series of points on a numeric
 * x axis (the caller decides what x means, e.g. the month a period ends), nice y ticks, a legend,
 * markers of different shapes so no series is told apart by colour alone. Accessible: role="img" with
 * <title> and <desc>; pages print the same data as a table beside it.
 *
 * Output is a string of SVG markup; every text in it is escaped here. Only presentation attributes
 * are used (no style attributes), so it renders under a Content-Security-Policy without 'unsafe-inline'.
 */
import { escapeHtml } from '../escape.ts';

export type Marker = 'circle' | 'square' | 'diamond' | 'triangle';

export interface ChartPoint {
  x: number;
  y: number;
  /** Read out on hover: "Q2 2018/19: 711". */
  label: string;
}

export interface ChartSeries {
  name: string;
  colour: string;
  marker: Marker;
  /** Join the points with a line (dashed when `dashed`). */
  line: boolean;
  dashed?: boolean;
  points: ChartPoint[];
}

export interface ChartInput {
  /** Unique on the page: ids of <title> and <desc> derive from it. */
  id: string;
  title: string;
  description: string;
  series: ChartSeries[];
  xTicks: { x: number; label: string }[];
  /** Formats a y tick ("25%"). */
  formatY?: (value: number) => string;
  width?: number;
  height?: number;
}

const TEXT = '#0b0c0c';
const GRID = '#b1b4b6';

/** Round numbers for an axis: ticks from below `min` to above `max`, about `count` of them. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [0, 1];
  if (min === max) {
    const pad = min === 0 ? 1 : Math.abs(min) * 0.1;
    min -= pad;
    max += pad;
  }
  const rough = (max - min) / Math.max(1, count - 1);
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? 10 * magnitude;
  const start = Math.floor(min / step + 1e-9) * step;
  const ticks: number[] = [];
  for (let v = start; v <= max + step * 1e-9 || ticks.length < 2; v += step) ticks.push(Number(v.toPrecision(12)));
  if (ticks[ticks.length - 1]! < max - 1e-9) ticks.push(Number((ticks[ticks.length - 1]! + step).toPrecision(12)));
  return ticks;
}

const fmt = (n: number) => Number(n.toFixed(1)).toString();

function markerPath(marker: Marker, x: number, y: number, r = 5): string {
  switch (marker) {
    case 'circle':
      return `<circle cx="${fmt(x)}" cy="${fmt(y)}" r="${r}"`;
    case 'square':
      return `<rect x="${fmt(x - r)}" y="${fmt(y - r)}" width="${2 * r}" height="${2 * r}"`;
    case 'diamond':
      return `<path d="M${fmt(x)} ${fmt(y - r - 1)}L${fmt(x + r + 1)} ${fmt(y)}L${fmt(x)} ${fmt(y + r + 1)}L${fmt(x - r - 1)} ${fmt(y)}Z"`;
    case 'triangle':
      return `<path d="M${fmt(x)} ${fmt(y - r - 1)}L${fmt(x + r + 1)} ${fmt(y + r)}L${fmt(x - r - 1)} ${fmt(y + r)}Z"`;
  }
}

export function lineChart(input: ChartInput): string {
  const width = input.width ?? 640;
  const formatY = input.formatY ?? ((v: number) => v.toLocaleString('en-GB'));
  const series = input.series.filter((s) => s.points.length > 0);
  const legendRows = Math.ceil(series.length / 2);
  const plotHeight = (input.height ?? 320) - 16 - 48;
  const margin = { left: 64, right: 24, top: 16 };
  const plotTop = margin.top;
  const plotBottom = plotTop + plotHeight;
  const height = plotBottom + 48 + legendRows * 24 + 8;
  const plotLeft = margin.left;
  const plotRight = width - margin.right;

  const ys = series.flatMap((s) => s.points.map((p) => p.y));
  const xs = [...series.flatMap((s) => s.points.map((p) => p.x)), ...input.xTicks.map((t) => t.x)];
  const titleId = `${input.id}-title`;
  const descId = `${input.id}-desc`;
  const svg = (h: number) =>
    `<svg xmlns="http://www.w3.org/2000/svg" class="th-chart" viewBox="0 0 ${width} ${h}" role="img" aria-labelledby="${escapeHtml(titleId)} ${escapeHtml(descId)}" font-size="14">`;
  const open = svg(height);
  const head = `<title id="${escapeHtml(titleId)}">${escapeHtml(input.title)}</title><desc id="${escapeHtml(descId)}">${escapeHtml(input.description)}</desc>`;
  if (ys.length === 0) {
    return `${svg(64)}${head}<text x="${width / 2}" y="40" text-anchor="middle" fill="${TEXT}">No results to chart</text></svg>`;
  }

  const yTicks = niceTicks(Math.min(...ys), Math.max(...ys));
  const yMin = yTicks[0]!;
  const yMax = yTicks[yTicks.length - 1]!;
  const xMin = Math.min(...xs);
  const xMax = Math.max(...xs);
  const pad = xMax === xMin ? 1 : (xMax - xMin) * 0.06;
  const sx = (x: number) => plotLeft + ((x - (xMin - pad)) / (xMax + pad - (xMin - pad))) * (plotRight - plotLeft);
  const sy = (y: number) => plotBottom - ((y - yMin) / (yMax - yMin || 1)) * plotHeight;

  const parts: string[] = [open, head];
  // Grid and y axis.
  parts.push('<g aria-hidden="true">');
  for (const t of yTicks) {
    const y = fmt(sy(t));
    parts.push(`<line x1="${plotLeft}" x2="${plotRight}" y1="${y}" y2="${y}" stroke="${GRID}" stroke-width="1"/>`);
    parts.push(`<text x="${plotLeft - 8}" y="${y}" dy="0.35em" text-anchor="end" fill="${TEXT}">${escapeHtml(formatY(t))}</text>`);
  }
  parts.push(`<line x1="${plotLeft}" x2="${plotRight}" y1="${plotBottom}" y2="${plotBottom}" stroke="${TEXT}" stroke-width="1"/>`);
  // X ticks: labels that would collide drop to a second row.
  const rowEnds = [-Infinity, -Infinity];
  for (const t of [...input.xTicks].sort((a, b) => a.x - b.x)) {
    const x = sx(t.x);
    const halfWidth = t.label.length * 4;
    const row = x - halfWidth > rowEnds[0]! + 6 ? 0 : 1;
    rowEnds[row] = x + halfWidth;
    parts.push(`<line x1="${fmt(x)}" x2="${fmt(x)}" y1="${plotBottom}" y2="${plotBottom + 6}" stroke="${TEXT}" stroke-width="1"/>`);
    parts.push(`<text x="${fmt(x)}" y="${plotBottom + 22 + row * 18}" text-anchor="middle" fill="${TEXT}" font-size="13">${escapeHtml(t.label)}</text>`);
  }
  parts.push('</g>');

  // Series.
  for (const s of series) {
    const points = [...s.points].sort((a, b) => a.x - b.x);
    parts.push(`<g class="th-chart__series">`);
    if (s.line && points.length > 1) {
      const d = points.map((p, i) => `${i ? 'L' : 'M'}${fmt(sx(p.x))} ${fmt(sy(p.y))}`).join('');
      parts.push(
        `<path d="${d}" fill="none" stroke="${escapeHtml(s.colour)}" stroke-width="3"${s.dashed ? ' stroke-dasharray="8 6"' : ''} aria-hidden="true"/>`,
      );
    }
    for (const p of points) {
      parts.push(`${markerPath(s.marker, sx(p.x), sy(p.y))} fill="${escapeHtml(s.colour)}" stroke="#ffffff" stroke-width="1.5"><title>${escapeHtml(`${s.name}, ${p.label}`)}</title>${closeTag(s.marker)}`);
    }
    parts.push('</g>');
  }

  // Legend, two per row, below the axis labels.
  parts.push('<g aria-hidden="true">');
  series.forEach((s, i) => {
    const x = plotLeft + (i % 2) * ((plotRight - plotLeft) / 2);
    const y = plotBottom + 56 + Math.floor(i / 2) * 24;
    if (s.line) {
      parts.push(`<line x1="${x}" x2="${x + 28}" y1="${y}" y2="${y}" stroke="${escapeHtml(s.colour)}" stroke-width="3"${s.dashed ? ' stroke-dasharray="8 6"' : ''}/>`);
    }
    parts.push(`${markerPath(s.marker, x + 14, y)} fill="${escapeHtml(s.colour)}" stroke="#ffffff" stroke-width="1.5">${closeTag(s.marker)}`);
    parts.push(`<text x="${x + 36}" y="${y}" dy="0.35em" fill="${TEXT}">${escapeHtml(s.name)}</text>`);
  });
  parts.push('</g></svg>');
  return parts.join('');
}

function closeTag(marker: Marker): string {
  return marker === 'circle' ? '</circle>' : marker === 'square' ? '</rect>' : '</path>';
}
