import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { barChart, lineChart, niceScale, toPng } from '../../src/documents/charts.ts';

describe('charts', () => {
  const bars = barChart({
    id: 'c1',
    title: 'Indicators by RAG <rating>',
    description: 'Green 8 & Red 0',
    bars: [
      { label: 'Green', value: 8, display: '53% (8)', fill: '#00703c' },
      { label: 'Red', value: 0, display: '0% (0)', fill: '#d4351c' },
    ],
    header: ['Rating', 'Indicators'],
  });

  it('writes an accessible SVG: role="img", <title> and <desc> referenced by aria-labelledby, text escaped', () => {
    expect(bars.svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(bars.svg).toContain('role="img"');
    expect(bars.svg).toContain('aria-labelledby="c1-title c1-desc"');
    expect(bars.svg).toContain('<title id="c1-title">Indicators by RAG &lt;rating&gt;</title>');
    expect(bars.svg).toContain('<desc id="c1-desc">Green 8 &amp; Red 0</desc>');
    expect(bars.svg).toContain('>53% (8)</text>');
  });

  it('draws no bar for a zero count, and the longest bar for the largest', () => {
    const rects = bars.drawing.shapes.filter((s) => s.kind === 'rect');
    expect(rects).toHaveLength(1);
    expect(bars.data.rows).toEqual([
      ['Green', '53% (8)'],
      ['Red', '0% (0)'],
    ]);
  });

  it('places a trend in order with its target line', () => {
    const line = lineChart({
      id: 't',
      title: 'Trend',
      description: 'd',
      points: [
        { label: 'Q2 17/18', value: 667, display: '667' },
        { label: '17/18 EOY', value: 815, display: '815' },
        { label: 'Q2 18/19', value: 711, display: '711' },
      ],
      target: { value: 700, display: '700' },
      header: ['Period', 'Result'],
    });
    const poly = line.drawing.shapes.find((s) => s.kind === 'polyline');
    expect(poly && poly.kind === 'polyline' && poly.points.length).toBe(3);
    expect(line.svg).toContain('stroke-dasharray');
    expect(line.svg).toContain('Target 700');
    expect(line.data.rows.map((r) => r[1])).toEqual(['667', '815', '711']);
  });

  it('chooses axis ticks at 1, 2 or 5 × 10ⁿ that cover the values', () => {
    expect(niceScale(667, 815)).toEqual({ min: 650, max: 850, ticks: [650, 700, 750, 800, 850] });
    const flat = niceScale(52, 52);
    expect(flat.min).toBeLessThan(52);
    expect(flat.max).toBeGreaterThan(52);
  });

  it('rasterises a drawing to a valid PNG of the right size', () => {
    const png = toPng(bars.drawing, 2);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.readUInt32BE(16)).toBe(bars.width * 2);
    expect(png.readUInt32BE(20)).toBe(bars.height * 2);
    const idatAt = png.indexOf('IDAT');
    const length = png.readUInt32BE(idatAt - 4);
    const raw = inflateSync(png.subarray(idatAt + 4, idatAt + 4 + length));
    expect(raw.length).toBe((bars.width * 2 * 3 + 1) * bars.height * 2);
    // The green bar is painted.
    expect(raw.includes(Buffer.from([0x00, 0x70, 0x3c]))).toBe(true);
  });
});
