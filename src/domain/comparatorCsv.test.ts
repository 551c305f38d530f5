import { describe, expect, it } from 'vitest';
import { parseComparatorCsv, parseGroupCsv } from './comparatorCsv.ts';

const FINGERTIPS = ['Indicator ID', 'Indicator Name', 'Area Code', 'Area Name', 'Area Type', 'Sex', 'Age', 'Category Type', 'Category', 'Time period', 'Value', 'Lower CI 95.0 limit', 'Upper CI 95.0 limit', 'Count', 'Denominator', 'Value note'];
const row = (over: Partial<Record<string, string>>) => FINGERTIPS.map((h) => over[h] ?? { 'Indicator ID': '93014', 'Indicator Name': 'Crime', 'Area Code': 'E09000003', 'Area Name': 'Barnet', 'Time period': '2018/19', Value: '64.5', Count: '129', Denominator: '200' }[h] ?? '');

describe('comparator values from a CSV file', () => {
  it('reads a Fingertips export: limits, count and denominator, its indicator named as the source, breakdown rows left out', () => {
    const out = parseComparatorCsv(
      [FINGERTIPS, row({ 'Lower CI 95.0 limit': '57.6', 'Upper CI 95.0 limit': '70.9' }), row({ 'Category Type': 'Deprivation decile', Value: '80' }), row({ 'Area Code': 'E92000001', 'Area Name': 'England', Value: '60.1' })],
      { file: 'f.csv', indicator: 'CG/S9' },
    );
    expect(out).toMatchObject({ ok: true, skippedBreakdowns: 1 });
    if (!out.ok) return;
    expect(out.rows).toHaveLength(2);
    expect(out.rows[0]).toEqual({
      row: 2, ref: 'CG/S9', period: '2018', areaCode: 'E09000003', areaName: 'Barnet', value: 64.5, numerator: 129, denominator: 200,
      lowerLimit: 57.6, upperLimit: 70.9, source: 'Fingertips (OHID), indicator 93014 Crime', illustrative: false, note: null,
    });
  });

  it('reads an LG Inform-like file with a ref column, a blank value as no value, numbers with thousands separators', () => {
    const out = parseComparatorCsv(
      [['Ref', 'area_code', 'area name', 'Period', 'Value', 'Source'], ['CG/CR1', 'e09000004', 'Bexley', 'Q2 2018/19', '1,064.3', 'LG Inform'], ['CG/CR1', 'E09000005', 'Brent', 'Q2 2018/19', '', 'LG Inform']],
      { file: 'l.csv' },
    );
    expect(out.ok && out.rows.map((r) => [r.areaCode, r.period, r.value, r.source])).toEqual([
      ['E09000004', '2018-Q2', 1064.3, 'LG Inform'],
      ['E09000005', '2018-Q2', null, 'LG Inform'],
    ]);
  });

  it('reports every missing column at once, and needs the indicator from a column or the import', () => {
    const out = parseComparatorCsv([['Area', 'Value']], { file: 'x.csv' });
    expect(out.ok ? [] : out.errors.map((e) => [e.row, e.column])).toEqual([
      [1, 'Area Code'],
      [1, 'Time period'],
      [1, 'Ref'],
    ]);
  });

  it('locates every bad cell, a value outside its interval, a duplicate and a second indicator in a file given one ref', () => {
    const out = parseComparatorCsv(
      [
        FINGERTIPS,
        row({ 'Area Code': 'Barnet' }),
        row({ 'Time period': '2018' }),
        row({ 'Area Code': 'E09000010', Value: 'n/a', Denominator: '0' }),
        row({ 'Area Code': 'E09000011', Value: '90', 'Lower CI 95.0 limit': '57', 'Upper CI 95.0 limit': '70' }),
        row({ 'Area Code': 'E09000004' }),
        row({ 'Area Code': 'E09000004', 'Indicator ID': '11' }),
      ],
      { file: 'f.csv', indicator: 'CG/S9' },
    );
    expect(out.ok ? [] : out.errors.map((e) => [e.row, e.column, e.value])).toEqual([
      [2, 'Area Code', 'Barnet'],
      [3, 'Time period', '2018'],
      [4, 'Value', 'n/a'],
      [4, 'Denominator', '0'],
      [5, 'Value', '90'],
      [7, 'Indicator ID', '11'],
      [7, 'Area Code', 'E09000004'],
    ]);
  });

  it('reads a named group: codes in an Area Code column, each once', () => {
    expect(parseGroupCsv([['Area Code'], ['E09000003'], ['e09000004']], 'g.csv')).toEqual({ ok: true, codes: ['E09000003', 'E09000004'] });
    const bad = parseGroupCsv([['Area Code'], ['E09000003'], ['E09000003'], ['X']], 'g.csv');
    expect(bad.ok ? [] : bad.errors.map((e) => [e.row, e.value])).toEqual([
      [3, 'E09000003'],
      [4, 'X'],
    ]);
  });
});
