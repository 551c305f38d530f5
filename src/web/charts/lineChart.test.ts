import { describe, expect, it } from 'vitest';
import { lineChart, niceTicks, type ChartInput } from './lineChart.ts';

const base: ChartInput = {
  id: 'chart-1',
  title: 'Results over time',
  description: 'Three results',
  xTicks: [
    { x: 1, label: '16/17' },
    { x: 13, label: '17/18' },
    { x: 25, label: '18/19' },
  ],
  series: [
    {
      name: 'Result',
      colour: '#1d70b8',
      marker: 'circle',
      line: true,
      points: [
        { x: 1, y: 10, label: '16/17: 10' },
        { x: 13, y: 20, label: '17/18: 20' },
        { x: 25, y: 15, label: '18/19: 15' },
      ],
    },
    { name: 'Target', colour: '#00703c', marker: 'diamond', line: true, dashed: true, points: [{ x: 13, y: 18, label: '17/18: 18' }] },
  ],
};

describe('niceTicks', () => {
  it('covers the range with round steps', () => {
    expect(niceTicks(10, 20)).toEqual([10, 12.5, 15, 17.5, 20]);
    expect(niceTicks(0, 711)).toEqual([0, 200, 400, 600, 800]);
    expect(niceTicks(21.2, 27.9)).toEqual([20, 22, 24, 26, 28]);
  });
  it('handles one value and zero', () => {
    const one = niceTicks(50, 50);
    expect(one[0]).toBeLessThanOrEqual(50);
    expect(one[one.length - 1]).toBeGreaterThanOrEqual(50);
    expect(niceTicks(0, 0).length).toBeGreaterThanOrEqual(2);
  });
});

describe('lineChart', () => {
  it('is an accessible image with a title and description', () => {
    const svg = lineChart(base);
    expect(svg).toMatch(/^<svg [^>]*role="img"/);
    expect(svg).toContain('aria-labelledby="chart-1-title chart-1-desc"');
    expect(svg).toContain('<title id="chart-1-title">Results over time</title>');
    expect(svg).toContain('<desc id="chart-1-desc">Three results</desc>');
    expect(svg).not.toContain('style=');
  });

  it('draws each point with a marker and the series line, and a legend', () => {
    const svg = lineChart(base);
    expect(svg.match(/<circle /g)).toHaveLength(3 + 1); // three points and the legend marker
    expect(svg).toContain('<title>Result, 17/18: 20</title>');
    expect(svg).toContain('stroke-dasharray="8 6"');
    expect(svg).toContain('>Target</text>');
    expect(svg).toContain('>18/19</text>');
  });

  it('puts higher values higher up', () => {
    const svg = lineChart(base);
    const cy = (label: string) => Number(new RegExp(`cy="([\\d.]+)" r="5"[^>]*><title>Result, ${label}`).exec(svg)![1]);
    expect(cy('17/18: 20')).toBeLessThan(cy('16/17: 10'));
  });

  it('escapes every text', () => {
    const svg = lineChart({
      ...base,
      title: '<script>alert(1)</script>',
      description: '"><img src=x onerror=alert(1)>',
      series: [{ ...base.series[0]!, name: '<b>x</b>' }],
      xTicks: [{ x: 1, label: '<i>' }],
    });
    expect(svg).not.toContain('<script>');
    expect(svg).not.toContain('<img');
    expect(svg).not.toContain('<b>');
    expect(svg).not.toContain('<i>');
    expect(svg).toContain('&lt;script&gt;');
  });

  it('says so when there is nothing to chart', () => {
    const svg = lineChart({ ...base, series: [] });
    expect(svg).toContain('No results to chart');
    expect(svg).toContain('role="img"');
  });
});
