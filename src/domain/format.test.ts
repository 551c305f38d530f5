import { describe, expect, it } from 'vitest';
import { formatMoney, formatMoneyPercent, formatTargetForReport, formatValue } from './format.ts';

describe('formatValue', () => {
  it('prints values as councils print them', () => {
    expect(formatValue(27.94, 'percent')).toBe('27.9%');
    expect(formatValue(711, 'number')).toBe('711');
    expect(formatValue(12345.678, 'number')).toBe('12,345.68');
    expect(formatValue(6_800_000, 'currency')).toBe('£6.8m');
    expect(formatValue(45_250, 'currency')).toBe('£45.3k');
    expect(formatValue(950.5, 'currency')).toBe('£950.5');
    expect(formatValue(8.351, 'days')).toBe('8.35 days');
    expect(formatValue(71.1, 'rate')).toBe('71.1');
    expect(formatValue(21, 'percent', 'reduction')).toBe('21% reduction');
    expect(formatValue(null, 'percent')).toBe('');
    expect(formatTargetForReport({ form: 'threshold', comparator: 'at-or-above', value: 90 }, null, 'percent')).toBe('At or above 90%');
  });

  it('formats exactly as toLocaleString did, with cached formatters', () => {
    const values = [0, -0, 0.05, 0.005, 1, -1.25, 999.995, 1234.5, -98765.4321, 1e6, 123_456_789.123, 1e21, 0.1 + 0.2];
    for (const v of values) {
      expect(formatValue(v, 'percent')).toBe(`${v.toLocaleString('en-GB', { maximumFractionDigits: 1, minimumFractionDigits: 0 })}%`);
      expect(formatValue(v, 'number')).toBe(v.toLocaleString('en-GB', { maximumFractionDigits: 2, minimumFractionDigits: 0 }));
    }
  });
});

describe('formatMoney and formatMoneyPercent (finance tables, £000)', () => {
  it('prints whole £000 with separators and brackets for negative (favourable) figures', () => {
    expect(formatMoney(1939)).toBe('1,939');
    expect(formatMoney(-4)).toBe('(4)');
    expect(formatMoney(0)).toBe('0');
    expect(formatMoney(-0.4)).toBe('0');
    expect(formatMoney(-1234.6)).toBe('(1,235)');
    expect(formatMoney(12.345, 1)).toBe('12.3');
    expect(formatMoney(-0.04, 1)).toBe('0.0');
    expect(formatMoney(null)).toBe('');
  });
  it('prints percentages to one decimal, negative in brackets', () => {
    expect(formatMoneyPercent((-4 / 1939) * 100)).toBe('(0.2%)');
    expect(formatMoneyPercent(0)).toBe('0.0%');
    expect(formatMoneyPercent(-0.01)).toBe('0.0%');
    expect(formatMoneyPercent(12.345)).toBe('12.3%');
    expect(formatMoneyPercent(null)).toBe('');
  });
});
