/**
 * Small accessible SVG charts for the reports: a bar chart (RAG distribution) and a line chart (an
 * indicator's trend). Charts only place the figures they are given — the numbers and their printed
 * forms come from the report model. Each chart is first laid out as a list of shapes, then written
 * as SVG (HTML, PDF, Word) or rasterised to PNG (the fallback Word asks for beside an SVG; text is
 * left out of the PNG, the chart's data table carries the figures).
 */
import { deflateSync } from 'node:zlib';

export type Shape =
  | { kind: 'rect'; x: number; y: number; width: number; height: number; fill: string; stroke?: string }
  | { kind: 'line'; x1: number; y1: number; x2: number; y2: number; stroke: string; width: number; dash?: boolean }
  | { kind: 'polyline'; points: [number, number][]; stroke: string; width: number }
  | { kind: 'circle'; cx: number; cy: number; r: number; fill: string }
  | { kind: 'text'; x: number; y: number; text: string; size: number; anchor?: 'start' | 'middle' | 'end'; fill?: string; bold?: boolean };

export interface Drawing {
  width: number;
  height: number;
  shapes: Shape[];
}

/** The figures behind a chart, as a table every format can print beside it. */
export interface ChartData {
  header: string[];
  rows: string[][];
}

export interface Chart {
  id: string;
  /** Short title, shown as the figure caption and the SVG <title>. */
  title: string;
  /** What the chart shows, in words: the SVG <desc> and the image's alternative text. */
  description: string;
  width: number;
  height: number;
  drawing: Drawing;
  svg: string;
  data: ChartData;
}

export interface Bar {
  label: string;
  value: number;
  /** The value as printed beside the bar ("8 (80%)"). */
  display: string;
  fill: string;
}

export interface Point {
  label: string;
  value: number;
  display: string;
}

export const FONT_FAMILY = 'Arial, Roboto, Helvetica, sans-serif';
const INK = '#0b0c0c';
const GRID = '#b1b4b6';
const LINE = '#1d70b8';

/** A horizontal bar chart: one bar per category, the printed value at the end of each bar. */
export function barChart(input: { id: string; title: string; description: string; bars: Bar[]; header: [string, string] }): Chart {
  const width = 480;
  const rowHeight = 26;
  const labelWidth = 120;
  const valueSpace = 70;
  const top = 8;
  const height = top * 2 + rowHeight * input.bars.length;
  const max = Math.max(0, ...input.bars.map((b) => b.value));
  const barArea = width - labelWidth - valueSpace - 10;
  const shapes: Shape[] = [];
  shapes.push({ kind: 'line', x1: labelWidth, y1: top, x2: labelWidth, y2: height - top, stroke: GRID, width: 1 });
  input.bars.forEach((bar, i) => {
    const y = top + i * rowHeight;
    const w = max > 0 ? (bar.value / max) * barArea : 0;
    shapes.push({ kind: 'text', x: labelWidth - 6, y: y + rowHeight / 2 + 4, text: bar.label, size: 11, anchor: 'end', fill: INK });
    if (w > 0) shapes.push({ kind: 'rect', x: labelWidth, y: y + 4, width: w, height: rowHeight - 8, fill: bar.fill, stroke: INK });
    shapes.push({ kind: 'text', x: labelWidth + w + 6, y: y + rowHeight / 2 + 4, text: bar.display, size: 11, anchor: 'start', fill: INK });
  });
  return chartOf(input, { width, height, shapes }, input.bars);
}

/** A line chart of results over periods, with the target as a dashed line when it is a number. */
export function lineChart(input: {
  id: string;
  title: string;
  description: string;
  points: Point[];
  target?: { value: number; display: string } | null;
  header: [string, string];
}): Chart {
  const width = 480;
  const height = 200;
  const left = 56;
  const right = 24;
  const top = 24;
  const bottom = 36;
  const values = input.points.map((p) => p.value);
  if (input.target) values.push(input.target.value);
  const { min, max, ticks } = niceScale(Math.min(...values), Math.max(...values));
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const inset = 36;
  const x = (i: number) => left + inset + (input.points.length === 1 ? (plotW - 2 * inset) / 2 : (i / (input.points.length - 1)) * (plotW - 2 * inset));
  const y = (v: number) => top + plotH - ((v - min) / (max - min)) * plotH;
  const shapes: Shape[] = [];
  for (const t of ticks) {
    shapes.push({ kind: 'line', x1: left, y1: y(t), x2: width - right, y2: y(t), stroke: '#dddddd', width: 1 });
    shapes.push({ kind: 'text', x: left - 6, y: y(t) + 4, text: tickLabel(t), size: 10, anchor: 'end', fill: '#505a5f' });
  }
  shapes.push({ kind: 'line', x1: left, y1: top + plotH, x2: width - right, y2: top + plotH, stroke: GRID, width: 1 });
  if (input.target) {
    const ty = y(input.target.value);
    shapes.push({ kind: 'line', x1: left, y1: ty, x2: width - right, y2: ty, stroke: '#d4351c', width: 1.5, dash: true });
    shapes.push({ kind: 'text', x: width - right, y: ty - 4, text: `Target ${input.target.display}`, size: 10, anchor: 'end', fill: '#d4351c' });
  }
  shapes.push({ kind: 'polyline', points: input.points.map((p, i) => [x(i), y(p.value)]), stroke: LINE, width: 2.5 });
  input.points.forEach((p, i) => {
    shapes.push({ kind: 'circle', cx: x(i), cy: y(p.value), r: 4, fill: LINE });
    shapes.push({ kind: 'text', x: x(i), y: y(p.value) - 8, text: p.display, size: 10, anchor: 'middle', fill: INK, bold: true });
    shapes.push({ kind: 'text', x: x(i), y: height - bottom + 18, text: p.label, size: 10, anchor: 'middle', fill: INK });
  });
  return chartOf(input, { width, height, shapes }, input.points);
}

/** A chart from its drawing: the accessible SVG and the data table of its labelled values. */
function chartOf(
  input: { id: string; title: string; description: string; header: [string, string] },
  drawing: Drawing,
  values: { label: string; display: string }[],
): Chart {
  return {
    id: input.id,
    title: input.title,
    description: input.description,
    width: drawing.width,
    height: drawing.height,
    drawing,
    svg: toSvg(drawing, input.id, input.title, input.description),
    data: { header: input.header, rows: values.map((v) => [v.label, v.display]) },
  };
}

/** Axis bounds and ticks at 1, 2 or 5 × 10ⁿ steps; a flat series gets a band around its value. */
export function niceScale(lo: number, hi: number): { min: number; max: number; ticks: number[] } {
  if (lo === hi) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    lo -= pad;
    hi += pad;
  }
  const raw = (hi - lo) / 4;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
  const min = Math.floor(lo / step) * step;
  const max = Math.ceil(hi / step) * step;
  const ticks: number[] = [];
  for (let t = min; t <= max + step / 1e6; t += step) ticks.push(Number(t.toFixed(10)));
  return { min, max, ticks };
}

/** One formatter for every tick label: `toLocaleString` with options builds a new formatter per call. */
const TICK_FORMAT = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });
function tickLabel(t: number): string {
  return TICK_FORMAT.format(t);
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const n = (v: number) => String(Math.round(v * 100) / 100);

/** The drawing as a standalone, accessible SVG (role="img", <title> and <desc> referenced by aria-labelledby). */
export function toSvg(d: Drawing, id: string, title: string, description: string): string {
  const body = d.shapes
    .map((s) => {
      switch (s.kind) {
        case 'rect':
          return `<rect x="${n(s.x)}" y="${n(s.y)}" width="${n(s.width)}" height="${n(s.height)}" fill="${s.fill}"${s.stroke ? ` stroke="${s.stroke}" stroke-width="0.5"` : ''}/>`;
        case 'line':
          return `<line x1="${n(s.x1)}" y1="${n(s.y1)}" x2="${n(s.x2)}" y2="${n(s.y2)}" stroke="${s.stroke}" stroke-width="${s.width}"${s.dash ? ' stroke-dasharray="6 4"' : ''}/>`;
        case 'polyline':
          return `<polyline points="${s.points.map(([px, py]) => `${n(px)},${n(py)}`).join(' ')}" fill="none" stroke="${s.stroke}" stroke-width="${s.width}"/>`;
        case 'circle':
          return `<circle cx="${n(s.cx)}" cy="${n(s.cy)}" r="${n(s.r)}" fill="${s.fill}"/>`;
        case 'text':
          return `<text x="${n(s.x)}" y="${n(s.y)}" font-family="${FONT_FAMILY}" font-size="${s.size}"${s.bold ? ' font-weight="bold"' : ''} text-anchor="${s.anchor ?? 'start'}" fill="${s.fill ?? INK}">${escapeXml(s.text)}</text>`;
      }
    })
    .join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${d.width}" height="${d.height}" viewBox="0 0 ${d.width} ${d.height}" role="img" aria-labelledby="${id}-title ${id}-desc">` +
    `<title id="${id}-title">${escapeXml(title)}</title><desc id="${id}-desc">${escapeXml(description)}</desc>` +
    `<rect x="0" y="0" width="${d.width}" height="${d.height}" fill="#ffffff"/>${body}</svg>`
  );
}

/** The drawing's shapes (without text) rasterised to a PNG at `scale` pixels per unit. */
export function toPng(d: Drawing, scale = 2): Buffer {
  const w = Math.ceil(d.width * scale);
  const h = Math.ceil(d.height * scale);
  const px = Buffer.alloc(w * h * 3, 0xff);
  const put = (x: number, y: number, [r, g, b]: [number, number, number]) => {
    if (x < 0 || y < 0 || x >= w || y >= h) return;
    const i = (y * w + x) * 3;
    px[i] = r;
    px[i + 1] = g;
    px[i + 2] = b;
  };
  const fillRect = (x0: number, y0: number, x1: number, y1: number, c: [number, number, number]) => {
    for (let y = Math.max(0, Math.floor(y0)); y < Math.min(h, Math.ceil(y1)); y++) for (let x = Math.max(0, Math.floor(x0)); x < Math.min(w, Math.ceil(x1)); x++) put(x, y, c);
  };
  const stroke = (x1: number, y1: number, x2: number, y2: number, width: number, c: [number, number, number], dash = false) => {
    const length = Math.hypot(x2 - x1, y2 - y1);
    const steps = Math.max(1, Math.ceil(length));
    const half = Math.max(0.5, width / 2);
    for (let i = 0; i <= steps; i++) {
      if (dash && Math.floor(i / (5 * scale)) % 2 === 1) continue;
      const t = i / steps;
      const x = x1 + (x2 - x1) * t;
      const y = y1 + (y2 - y1) * t;
      fillRect(x - half, y - half, x + half, y + half, c);
    }
  };
  for (const s of d.shapes) {
    switch (s.kind) {
      case 'rect':
        fillRect(s.x * scale, s.y * scale, (s.x + s.width) * scale, (s.y + s.height) * scale, rgb(s.fill));
        break;
      case 'line':
        stroke(s.x1 * scale, s.y1 * scale, s.x2 * scale, s.y2 * scale, s.width * scale, rgb(s.stroke), s.dash);
        break;
      case 'polyline':
        for (let i = 1; i < s.points.length; i++) {
          const [ax, ay] = s.points[i - 1]!;
          const [bx, by] = s.points[i]!;
          stroke(ax * scale, ay * scale, bx * scale, by * scale, s.width * scale, rgb(s.stroke));
        }
        break;
      case 'circle': {
        const r = s.r * scale;
        const c = rgb(s.fill);
        for (let y = -r; y <= r; y++) for (let x = -r; x <= r; x++) if (x * x + y * y <= r * r) put(Math.round(s.cx * scale + x), Math.round(s.cy * scale + y), c);
        break;
      }
      case 'text':
        break;
    }
  }
  return encodePng(w, h, px);
}

function rgb(hex: string): [number, number, number] {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  return m ? [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16)] : [0, 0, 0];
}

const CRC_TABLE = Array.from({ length: 256 }, (_, i) => {
  let c = i;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An 8-bit RGB PNG. */
function encodePng(w: number, h: number, rgbPixels: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(w, 0);
  header.writeUInt32BE(h, 4);
  header[8] = 8;
  header[9] = 2;
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) rgbPixels.copy(raw, y * (w * 3 + 1) + 1, y * w * 3, (y + 1) * w * 3);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
