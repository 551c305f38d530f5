import { describe, expect, it } from 'vitest';
import { formatPercentage, formatShare, summariseIndicators, summariseKeyActions, type IndicatorSummaryRow } from './summary.ts';

/** The 15 indicators of the 2016/17 annual report (004), with their published rating and DOT. */
const annual2016: (IndicatorSummaryRow & { ref: string })[] = [
  { ref: 'CG/S3', type: 'CPI', rating: 'G', direction: 'improving' },
  { ref: 'CG/S4', type: 'CPI', rating: 'G', direction: 'improving' },
  { ref: 'CG/C2', type: 'SPI', rating: 'monitor', direction: 'improving' },
  { ref: 'CG/C3', type: 'SPI', rating: 'monitor', direction: 'worsening' },
  { ref: 'CG/C27', type: 'SPI', rating: 'monitor', direction: 'worsening' },
  { ref: 'CG/C4', type: 'SPI', rating: 'monitor', direction: 'new' },
  { ref: 'CG/S5', type: 'CPI', rating: 'G', direction: 'improving' },
  { ref: 'CG/S9', type: 'CPI', rating: 'RA', direction: 'worsening' },
  { ref: 'CG/S10', type: 'CPI', rating: 'G', direction: 'same' },
  { ref: 'CG/S16', type: 'CPI', rating: 'GA', direction: 'worsening' },
  { ref: 'CG/C5', type: 'SPI', rating: 'G', direction: 'worsening' },
  { ref: 'CG/C6', type: 'SPI', rating: 'G', direction: 'improving' },
  { ref: 'CG/C7', type: 'SPI', rating: 'G', direction: 'improving' },
  { ref: 'CG/C8', type: 'SPI', rating: 'G', direction: 'new' },
  { ref: 'CG/C9', type: 'SPI', rating: 'monitor', direction: 'new' },
];

describe('summariseIndicators: the 2016/17 annual report', () => {
  const s = summariseIndicators(annual2016);

  it('counts: 15 indicators, 8 G, 1 GA, 1 RA, 5 Monitor, 10 rated', () => {
    expect(s.total).toBe(15);
    expect(s.rated).toBe(10);
    expect([s.G.count, s.GA.count, s.A.count, s.RA.count, s.R.count]).toEqual([8, 1, 0, 1, 0]);
    expect(s.monitor.count).toBe(5);
    expect(s.notRated.count).toBe(0);
  });

  it('RAG percentages are of the rated indicators: G 80%', () => {
    expect(s.G.percentage).toBeCloseTo(80, 9);
    expect(s.GA.percentage).toBeCloseTo(10, 9);
    expect(s.RA.percentage).toBeCloseTo(10, 9);
    expect(s.R.percentage).toBe(0);
  });

  it('also of all indicators, as the report printed them: 53% (8) Green, 7% (1), 7% (1), 33% (5) Monitor', () => {
    expect(formatPercentage(s.G.percentageOfTotal)).toBe('53%');
    expect(formatPercentage(s.GA.percentageOfTotal)).toBe('7%');
    expect(formatPercentage(s.RA.percentageOfTotal)).toBe('7%');
    expect(formatShare(s.monitor)).toBe('33% (5)');
  });

  it('DOT: 12 with a direction, 58% (7) improved or same, 42% (5) worsened', () => {
    expect(s.withDirection).toBe(12);
    expect(s.improvedOrSame.count).toBe(7);
    expect(s.improvedOrSame.percentage).toBeCloseTo(58.333, 2);
    expect(s.worsened.count).toBe(5);
    expect(formatShare(s.improvedOrSame)).toBe('58% (7)');
    expect(formatShare(s.worsened)).toBe('42% (5)');
  });

  it('by type: 6 CPI, 9 SPI, keys sorted', () => {
    expect(Object.keys(s.byType)).toEqual(['CPI', 'SPI']);
    const { CPI, SPI } = s.byType;
    expect(CPI).toMatchObject({ total: 6, rated: 6, monitor: { count: 0 }, withDirection: 6 });
    expect(CPI!.G).toMatchObject({ count: 4 });
    expect(CPI!.G.percentage).toBeCloseTo(66.667, 2);
    expect(SPI).toMatchObject({ total: 9, rated: 4, monitor: { count: 5 }, withDirection: 6 });
    expect(SPI!.G.percentage).toBe(100);
    expect(SPI!.improvedOrSame.count).toBe(3);
    expect(SPI!.worsened.count).toBe(3);
    expect(SPI).not.toHaveProperty('byType');
  });
});

describe('summariseIndicators: edge cases', () => {
  it('no rows: zero counts and null percentages', () => {
    const s = summariseIndicators([]);
    expect(s).toMatchObject({ total: 0, rated: 0, withDirection: 0, byType: {} });
    expect(s.G).toEqual({ count: 0, percentage: null, percentageOfTotal: null });
    expect(s.improvedOrSame).toEqual({ count: 0, percentage: null });
  });

  it('nothing rated: RAG percentages null, Monitor and not rated percentages of all', () => {
    const s = summariseIndicators([
      { type: 'KPI', rating: 'monitor', direction: 'not-applicable' },
      { type: 'KPI', rating: 'not-rated', direction: 'new' },
    ]);
    expect(s.G.percentage).toBeNull();
    expect(s.monitor).toEqual({ count: 1, percentage: 50 });
    expect(s.notRated).toEqual({ count: 1, percentage: 50 });
    expect(s.withDirection).toBe(0);
    expect(s.worsened.percentage).toBeNull();
  });

  it('Amber and Red (method A) count as rated', () => {
    const s = summariseIndicators([
      { type: 'MPI', rating: 'A', direction: 'worsening' },
      { type: 'MPI', rating: 'R', direction: 'same' },
      { type: 'MPI', rating: 'G', direction: 'improving' },
      { type: 'MPI', rating: 'not-rated', direction: 'improving' },
    ]);
    expect(s.rated).toBe(3);
    expect(s.A.percentage).toBeCloseTo(33.333, 2);
    expect(s.notRated.percentage).toBe(25);
  });

  it('groups types case-insensitively, sorted', () => {
    const s = summariseIndicators([
      { type: 'spi', rating: 'G', direction: 'same' },
      { type: 'MPI ', rating: 'G', direction: 'same' },
      { type: 'CPI', rating: 'G', direction: 'same' },
      { type: 'SPI', rating: 'R', direction: 'same' },
    ]);
    expect(Object.keys(s.byType)).toEqual(['CPI', 'MPI', 'SPI']);
    expect(s.byType.SPI!.total).toBe(2);
  });
});

describe('summariseKeyActions', () => {
  it('percentages are of all key actions, including not rated', () => {
    const s = summariseKeyActions(['G', 'G', 'G', 'GA', 'RA', 'R', 'not-rated', 'not-rated']);
    expect(s.total).toBe(8);
    expect(s.G).toEqual({ count: 3, percentage: 37.5 });
    expect(s.GA).toEqual({ count: 1, percentage: 12.5 });
    expect(s.RA).toEqual({ count: 1, percentage: 12.5 });
    expect(s.R).toEqual({ count: 1, percentage: 12.5 });
    expect(s.notRated).toEqual({ count: 2, percentage: 25 });
  });

  it('no key actions: null percentages', () => {
    expect(summariseKeyActions([]).G).toEqual({ count: 0, percentage: null });
  });
});

describe('formatPercentage', () => {
  it.each([
    [53.333, 0, '53%'],
    [58.333, 1, '58.3%'],
    [6.6667, 0, '7%'],
    [12.5, 0, '13%'],
    [-12.5, 0, '-13%'],
    [100, 0, '100%'],
    [0, 1, '0.0%'],
    [-0.01, 0, '0%'],
    [null, 0, 'n/a'],
  ] as const)('%s at %d dp → %s', (p, decimals, expected) => {
    expect(formatPercentage(p, decimals)).toBe(expected);
  });
});
