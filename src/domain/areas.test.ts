import { describe, expect, it } from 'vitest';
import { AreaListIncompleteError, englandGroup, englishLocalAuthorities, findArea, londonBoroughsGroup, namedGroup, parseAreaList, regionGroup } from './areas.ts';

describe('the shipped list of English local authorities', () => {
  const list = englishLocalAuthorities();

  it('records its source and what it holds', () => {
    expect(list.source).toContain('ONS');
    expect(list.completeRegions).toEqual(['E12000007']);
    expect(list.coverageNote).toContain('NOT shipped');
  });

  it('has unique, well-formed codes', () => {
    const codes = list.areas.map((a) => a.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of codes) expect(c).toMatch(/^E(06|07|08|09|10)\d{6}$/);
  });

  it('holds Barnet E09000003 in London', () => {
    expect(findArea('E09000003')).toEqual({ code: 'E09000003', name: 'Barnet', type: 'london-borough', regionCode: 'E12000007', regionName: 'London' });
  });

  it('counts 33 London local authorities: 32 boroughs and the City of London', () => {
    expect(list.areas.filter((a) => a.regionCode === 'E12000007')).toHaveLength(33);
    expect(regionGroup('E12000007').areaCodes).toHaveLength(33);
    const boroughs = londonBoroughsGroup();
    expect(boroughs.areaCodes).toHaveLength(32);
    expect(boroughs.areaCodes).not.toContain('E09000001');
    expect(boroughs.name).toBe('London boroughs');
    expect(londonBoroughsGroup({ includeCity: true }).areaCodes).toHaveLength(33);
  });

  it('refuses groups it cannot build completely', () => {
    expect(() => regionGroup('E12000001')).toThrow(AreaListIncompleteError);
    expect(() => englandGroup()).toThrow(/England group cannot be built/);
  });
});

describe('parseAreaList', () => {
  const base = { source: 's', retrieved: '2026-01-01', complete: { regions: [], note: 'n' } };
  const area = { code: 'E09000003', name: 'Barnet', type: 'london-borough', regionCode: 'E12000007', regionName: 'London' };
  it('refuses malformed codes, duplicates and mismatched types', () => {
    expect(() => parseAreaList({ ...base, areas: [{ ...area, code: 'E0900003' }] })).toThrow(/not an English local authority GSS code/);
    expect(() => parseAreaList({ ...base, areas: [area, area] })).toThrow(/appears twice/);
    expect(() => parseAreaList({ ...base, areas: [{ ...area, type: 'district' }] })).toThrow(/does not match the code/);
  });
});

describe('namedGroup', () => {
  it('makes a council-defined group from GSS codes', () => {
    expect(namedGroup('Nearest neighbours', ['E09000003', 'E09000005']).areaCodes).toEqual(['E09000003', 'E09000005']);
    expect(() => namedGroup('Nearest neighbours', ['Barnet'])).toThrow(/not a GSS code/);
    expect(() => namedGroup('Nearest neighbours', ['E09000003', 'E09000003'])).toThrow(/twice/);
    expect(() => namedGroup('Empty', [])).toThrow(/no areas/);
  });
});
