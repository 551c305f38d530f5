import { describe, expect, it } from 'vitest';
import { AreaListIncompleteError, ENGLISH_REGIONS, englandGroup, englishLocalAuthorities, findArea, londonBoroughsGroup, namedGroup, parseAreaList, regionGroup, type Area } from './areas.ts';
import { rankArea } from './ranking.ts';

describe('the shipped list of English local authorities', () => {
  const list = englishLocalAuthorities();
  const lowerAndUnitary = list.areas.filter((a) => a.type !== 'county');
  const count = (pred: (a: Area) => boolean) => list.areas.filter(pred).length;

  it('records its source, licence, date and that it holds every region', () => {
    expect(list.source).toContain('mySociety');
    expect(list.source).toContain('ONS');
    expect(list.licence).toContain('Open Government Licence');
    expect(list.licence).toContain('CC BY 4.0');
    expect(list.asOf).toBe('2023-04-01');
    expect([...list.completeRegions].sort()).toEqual([...ENGLISH_REGIONS]);
  });

  it('has unique, well-formed codes', () => {
    const codes = list.areas.map((a) => a.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of codes) expect(c).toMatch(/^E(06|07|08|09|10)\d{6}$/);
    for (const a of list.areas) expect(a.regionCode).toMatch(/^E1200000[1-9]$/);
  });

  it('counts 296 lower-tier and unitary authorities and 21 county councils (England from April 2023)', () => {
    const byPrefix = (p: string) => count((a) => a.code.startsWith(p));
    expect(byPrefix('E06')).toBe(63); // unitary, with the Isles of Scilly
    expect(byPrefix('E07')).toBe(164); // non-metropolitan districts
    expect(byPrefix('E08')).toBe(36); // metropolitan boroughs
    expect(byPrefix('E09')).toBe(33); // the 32 London boroughs and the City of London
    expect(byPrefix('E10')).toBe(21); // county councils
    expect(lowerAndUnitary).toHaveLength(296);
    expect(count((a) => a.type === 'unitary')).toBe(63);
    expect(count((a) => a.type === 'district')).toBe(164);
    expect(count((a) => a.type === 'metropolitan-borough')).toBe(36);
    expect(count((a) => a.type === 'london-borough')).toBe(32);
    expect(count((a) => a.type === 'city-of-london')).toBe(1);
    expect(count((a) => a.type === 'county')).toBe(21);
  });

  it('counts the lower-tier and unitary authorities of each region', () => {
    const inRegion = Object.fromEntries(ENGLISH_REGIONS.map((r) => [r, lowerAndUnitary.filter((a) => a.regionCode === r).length]));
    expect(inRegion).toEqual({
      E12000001: 12, // North East
      E12000002: 35, // North West
      E12000003: 15, // Yorkshire and The Humber
      E12000004: 35, // East Midlands
      E12000005: 30, // West Midlands
      E12000006: 45, // East of England
      E12000007: 33, // London
      E12000008: 64, // South East
      E12000009: 27, // South West
    });
    for (const r of ENGLISH_REGIONS) expect(regionGroup(r).areaCodes).toHaveLength(inRegion[r]!);
    expect(regionGroup('E12000002').name).toBe('local authorities in North West');
  });

  it('gives every district its county, in the same region, and every county its districts', () => {
    for (const a of list.areas) {
      if (a.type === 'district') expect(findArea(a.countyCode ?? '')?.type).toBe('county');
      else expect(a.countyCode).toBeUndefined();
    }
    const counties = list.areas.filter((a) => a.type === 'county');
    const districtsOf = (c: string) => list.areas.filter((a) => a.countyCode === c).length;
    for (const c of counties) expect(districtsOf(c.code)).toBeGreaterThan(0);
    expect(counties.reduce((n, c) => n + districtsOf(c.code), 0)).toBe(164);
    expect(districtsOf('E10000016')).toBe(12); // Kent
    expect(findArea('E10000007')).toMatchObject({ name: 'Derbyshire', regionCode: 'E12000004' });
    expect(findArea('E10000019')).toMatchObject({ name: 'Lincolnshire', regionCode: 'E12000004' });
  });

  it('holds the authorities made by the 2019 to 2023 reorganisations, not the ones they replaced', () => {
    expect(findArea('E06000058')).toMatchObject({ name: 'Bournemouth, Christchurch and Poole', type: 'unitary', regionCode: 'E12000009' });
    expect(findArea('E06000059')).toMatchObject({ name: 'Dorset', officialName: 'Dorset Council', regionCode: 'E12000009' });
    expect(findArea('E06000060')).toMatchObject({ name: 'Buckinghamshire', regionCode: 'E12000008' });
    expect(findArea('E06000061')).toMatchObject({ name: 'North Northamptonshire', regionCode: 'E12000004' });
    expect(findArea('E06000062')).toMatchObject({ name: 'West Northamptonshire', regionCode: 'E12000004' });
    expect(findArea('E06000063')).toMatchObject({ name: 'Cumberland', type: 'unitary', regionCode: 'E12000002', regionName: 'North West' });
    expect(findArea('E06000064')).toMatchObject({ name: 'Westmorland and Furness', type: 'unitary', regionCode: 'E12000002' });
    expect(findArea('E06000065')).toMatchObject({ name: 'North Yorkshire', type: 'unitary', regionCode: 'E12000003' });
    expect(findArea('E06000066')).toMatchObject({ name: 'Somerset', type: 'unitary', regionCode: 'E12000009' });
    expect(findArea('E07000244')).toMatchObject({ name: 'East Suffolk', countyCode: 'E10000029' });
    expect(findArea('E07000245')).toMatchObject({ name: 'West Suffolk', countyCode: 'E10000029' });
    // Replaced: Bournemouth, Poole, Aylesbury Vale, Allerdale, Corby, Craven, Mendip, Somerset West and Taunton;
    // the Cumbria, Northamptonshire, North Yorkshire and Somerset county councils; Gateshead's old code.
    for (const gone of ['E06000028', 'E06000029', 'E07000004', 'E07000026', 'E07000150', 'E07000163', 'E07000187', 'E07000246', 'E10000006', 'E10000021', 'E10000023', 'E10000027', 'E08000020']) {
      expect(findArea(gone)).toBeUndefined();
    }
  });

  it('holds Barnet E09000003 in London', () => {
    expect(findArea('E09000003')).toEqual({ code: 'E09000003', name: 'Barnet', officialName: 'London Borough of Barnet', type: 'london-borough', regionCode: 'E12000007', regionName: 'London' });
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

  it('builds the England group from every lower-tier and unitary authority, counties left out', () => {
    const england = englandGroup();
    expect(england.areaCodes).toHaveLength(296);
    expect(england.areaCodes.some((c) => c.startsWith('E10'))).toBe(false);
    expect(england.areaCodes).toContain('E09000003');
  });

  it('ranks within the England group from the values present, listing the rest as missing', () => {
    const england = englandGroup();
    const given = new Map([['E09000003', 10], ['E06000064', 12], ['E08000025', 8]]);
    const ranking = rankArea({
      areaCode: 'E09000003',
      groupName: england.name,
      polarity: 'smaller',
      values: england.areaCodes.map((code) => ({ code, name: findArea(code)!.name, value: given.get(code) ?? null })),
    });
    expect(ranking.size).toBe(3);
    expect(ranking.area?.rank).toBe(2);
    expect(ranking.missing).toHaveLength(293);
  });

  it('refuses groups a partial list cannot build completely', () => {
    const londonOnly = parseAreaList({
      source: 's',
      retrieved: '2026-01-01',
      complete: { regions: ['E12000007'], note: 'London only' },
      areas: list.areas.filter((a) => a.regionCode === 'E12000007'),
    });
    expect(londonBoroughsGroup({}, londonOnly).areaCodes).toHaveLength(32);
    expect(() => regionGroup('E12000001', londonOnly)).toThrow(AreaListIncompleteError);
    expect(() => englandGroup(londonOnly)).toThrow(/England group cannot be built.*London only/);
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
  it('refuses a region named wrongly and a county that is missing, not a county or in another region', () => {
    expect(() => parseAreaList({ ...base, areas: [{ ...area, regionName: 'South East' }] })).toThrow(/E12000007 is London, not South East/);
    expect(() => parseAreaList({ ...base, areas: [{ ...area, regionCode: 'E12000010' }] })).toThrow(/not one of the nine English regions/);
    const kent = { code: 'E10000016', name: 'Kent', type: 'county', regionCode: 'E12000008', regionName: 'South East' };
    const dover = { code: 'E07000108', name: 'Dover', type: 'district', regionCode: 'E12000008', regionName: 'South East', countyCode: 'E10000016' };
    expect(parseAreaList({ ...base, areas: [kent, dover] }).areas[1]!.countyCode).toBe('E10000016');
    expect(() => parseAreaList({ ...base, areas: [dover] })).toThrow(/county E10000016 is not a county in the list/);
    expect(() => parseAreaList({ ...base, areas: [{ ...kent, regionCode: 'E12000006', regionName: 'East of England' }, dover] })).toThrow(/Dover\) is in South East but its county E10000016 \(Kent\) is in East of England/);
    expect(() => parseAreaList({ ...base, areas: [{ ...area, countyCode: 'E10000016' }] })).toThrow(/only a non-metropolitan district has a county/);
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
