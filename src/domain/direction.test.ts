import { describe, expect, it } from 'vitest';
import { directionAgrees, directionOfTravel, formatDirection, parsePrintedDirection, type DirectionInput } from './direction.ts';

const dot = (over: Partial<DirectionInput>) =>
  directionOfTravel({ polarity: 'bigger', current: 10, comparison: 10, comparedWith: 'Q2 2017/18', tolerance: null, ...over });

describe('directionOfTravel: Q2 2018/19 examples', () => {
  it.each([
    ['Racist and religious hate crime', 'smaller', 711, 667, 'worsening', 6.597, '↓ W +6.6%', '↓ W +7%'],
    ['Sanction detection rate', 'bigger', 21.2, 28.1, 'worsening', -24.555, '↓ W -24.6%', '↓ W -25%'],
    ['Proven re-offending rate', 'smaller', 27.9, 22, 'worsening', 26.818, '↓ W +26.8%', '↓ W +27%'],
    ['Overall crime rate', 'smaller', 71.1, 67.6, 'worsening', 5.178, '↓ W +5.2%', '↓ W +5%'],
  ] as const)('%s: %d vs %d → %s', (_name, polarity, current, comparison, status, percentage, printed1, printed0) => {
    const d = dot({ polarity, current, comparison });
    expect(d.status).toBe(status);
    expect(d.percentage).toBeCloseTo(percentage, 2);
    expect(d.change).toBeCloseTo(current - comparison, 9);
    expect(formatDirection(d)).toBe(printed1);
    expect(formatDirection(d, 0)).toBe(printed0);
  });

  it('improving in either polarity', () => {
    expect(dot({ polarity: 'bigger', current: 12, comparison: 10 }).status).toBe('improving');
    expect(dot({ polarity: 'smaller', current: 8, comparison: 10 }).status).toBe('improving');
    expect(dot({ polarity: 'bigger', current: 8, comparison: 10 }).status).toBe('worsening');
  });

  it('equal values are Same, also through floating-point noise', () => {
    expect(dot({ current: 52, comparison: 52 })).toMatchObject({ status: 'same', change: 0, percentage: 0 });
    expect(dot({ current: 0.1 + 0.2, comparison: 0.3 }).status).toBe('same');
  });

  it('the reason states the values, the period and the polarity', () => {
    expect(dot({ polarity: 'smaller', current: 711, comparison: 667 }).reason).toBe(
      'Worsening: 711 against Q2 2017/18 (667), change +44 (+6.6%), Smaller is Better',
    );
  });

  it('a comparison of 0 has a status but no percentage', () => {
    const d = dot({ current: 5, comparison: 0 });
    expect(d).toMatchObject({ status: 'improving', percentage: null, change: 5 });
    expect(formatDirection(d)).toBe('↑ I');
  });

  it('negative comparison: the percentage keeps the sign of the change', () => {
    const d = dot({ current: -5, comparison: -10 });
    expect(d.status).toBe('improving');
    expect(d.percentage).toBeCloseTo(50, 9);
  });
});

describe('directionOfTravel: nothing to compare', () => {
  it('new indicator', () => {
    const d = dot({ comparison: null, comparedWith: '2015/16', isNew: true });
    expect(d).toMatchObject({ status: 'new', percentage: null, change: null, comparison: null });
    expect(d.reason).toBe('New: no comparable result for 2015/16');
    expect(formatDirection(d)).toBe('New');
  });

  it('not applicable, never a made-up status', () => {
    const d = dot({ comparison: null, comparedWith: '2015/16' });
    expect(d).toMatchObject({ status: 'not-applicable', percentage: null, change: null });
    expect(d.reason).toBe('No comparable result for 2015/16');
    expect(formatDirection(d)).toBe('Not applicable');
  });

  it('no current result', () => {
    expect(dot({ current: null, isNew: true })).toMatchObject({ status: 'not-applicable', reason: 'No result to compare' });
  });
});

describe('directionOfTravel: survey tolerance', () => {
  it('keeps the arithmetic status and says the change is not significant', () => {
    // CG/S16: 85% against 88% last year, RPS tolerance 4.4.
    const d = dot({ current: 85, comparison: 88, tolerance: 4.4 });
    expect(d.status).toBe('worsening');
    expect(d.withinTolerance).toBe(true);
    expect(d.reason).toContain('within the ±4.4 point survey tolerance, so it is not statistically significant');
  });

  it('a change beyond the tolerance is significant', () => {
    const d = dot({ current: 23, comparison: 29, tolerance: 4.4 });
    expect(d.withinTolerance).toBe(false);
    expect(d.reason).not.toContain('tolerance');
  });

  it('a change exactly at the tolerance is within it', () => {
    expect(dot({ current: 52.6, comparison: 48.2, tolerance: 4.4 }).withinTolerance).toBe(true);
  });

  it('no tolerance: never within', () => {
    expect(dot({ current: 10.1, comparison: 10, tolerance: null }).withinTolerance).toBe(false);
  });
});

describe('formatDirection', () => {
  it('pads to the decimals asked and signs the percentage', () => {
    expect(formatDirection(dot({ current: 97, comparison: 100, polarity: 'smaller' }))).toBe('↑ I -3.0%');
    expect(formatDirection(dot({ current: 100, comparison: 100 }))).toBe('→ S 0.0%');
    expect(formatDirection(dot({ current: 100, comparison: 100 }), 0)).toBe('→ S 0%');
  });

  it('a tiny change that rounds to 0 prints without a sign', () => {
    expect(formatDirection(dot({ current: 99.999, comparison: 100 }))).toBe('↓ W 0.0%');
  });
});

describe('parsePrintedDirection', () => {
  it.each([
    ['↓ W +5.3%', 'worsening', 5.3, 1],
    ['W ↓ -25%', 'worsening', -25, 0],
    ['↓W +6.6%', 'worsening', 6.6, 1],
    ['↑ I', 'improving', null, 0],
    ['↑ I -3.0%', 'improving', -3, 1],
    ['→ S', 'same', null, 0],
    ['→ S 0.0%', 'same', 0, 1],
    ['Improving', 'improving', null, 0],
    ['Worsening', 'worsening', null, 0],
    ['worsened', 'worsening', null, 0],
    ['Same', 'same', null, 0],
    ['New for 2016/17', 'new', null, 0],
    ['New (2016/17)', 'new', null, 0],
    ['Not applicable', 'not-applicable', null, 0],
    ['N/A', 'not-applicable', null, 0],
    ['↓ W −5.3%', 'worsening', -5.3, 1],
  ] as const)('%s', (text, status, percentage, decimals) => {
    expect(parsePrintedDirection(`  ${text} `)).toEqual({ status, percentage, decimals, text });
  });

  it.each(['', 'Green', '↑ W +5%', 'Improving ↓', '45%', 'Newcastle'])('rejects %j', (text) => {
    expect(parsePrintedDirection(text)).toBeNull();
  });
});

describe('directionAgrees', () => {
  const printed = (text: string) => parsePrintedDirection(text)!;
  it('+27% agrees with 26.8; -25% with -24.6', () => {
    expect(directionAgrees(printed('↓ W +27%'), dot({ polarity: 'smaller', current: 27.9, comparison: 22 }))).toBe(true);
    expect(directionAgrees(printed('W ↓ -25%'), dot({ current: 21.2, comparison: 28.1 }))).toBe(true);
    expect(directionAgrees(printed('↓ W +6.6%'), dot({ polarity: 'smaller', current: 711, comparison: 667 }))).toBe(true);
  });

  it('+5.3% does not agree with 5.18 (the Q2 2018/19 crime rate)', () => {
    expect(directionAgrees(printed('↓ W +5.3%'), dot({ polarity: 'smaller', current: 71.1, comparison: 67.6 }))).toBe(false);
  });

  it('the status must agree', () => {
    expect(directionAgrees(printed('↑ I +6.6%'), dot({ polarity: 'smaller', current: 711, comparison: 667 }))).toBe(false);
    expect(directionAgrees(printed('Improving'), dot({ polarity: 'smaller', current: 711, comparison: 667 }))).toBe(false);
    expect(directionAgrees(printed('Worsening'), dot({ polarity: 'smaller', current: 711, comparison: 667 }))).toBe(true);
  });

  it('the sign of the percentage must agree', () => {
    expect(directionAgrees(printed('↓ W -6.6%'), dot({ polarity: 'smaller', current: 711, comparison: 667 }))).toBe(false);
  });

  it('New agrees with new, not with a computed change', () => {
    expect(directionAgrees(printed('New for 2016/17'), dot({ comparison: null, isNew: true }))).toBe(true);
    expect(directionAgrees(printed('New for 2016/17'), dot({ current: 12, comparison: 10 }))).toBe(false);
  });

  it('a printed percentage needs a computed one', () => {
    expect(directionAgrees(printed('↑ I +5%'), dot({ current: 5, comparison: 0 }))).toBe(false);
  });

  it('rounds half away from zero like the printed figures', () => {
    // 26.25 → 26.3 at 1 dp; -26.25 → -26.3.
    expect(directionAgrees(printed('↑ I +26.3%'), dot({ current: 126.25, comparison: 100 }))).toBe(true);
    expect(directionAgrees(printed('↓ W -26.3%'), dot({ current: 73.75, comparison: 100 }))).toBe(true);
  });
});
