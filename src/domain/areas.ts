/**
 * Areas (ONS GSS codes) and comparator groups for benchmarking (issue 13, deliverable 1). Pure.
 *
 * The list ships as data (`areas/english-local-authorities.json`: every English local authority as
 * constituted from 1 April 2023, with its source, licence and date; provenance and checks in
 * `areas/english-local-authorities.md`). It says which regions it holds completely; a group that needs a
 * region it does not hold is refused with `AreaListIncompleteError` rather than built short: a rank "of 20"
 * that should be "of 32" misleads.
 * Councils' own groups (nearest neighbours: CIPFA's list is licensed, so it is imported, never shipped)
 * are made with `namedGroup` from codes.
 */
import shipped from './areas/english-local-authorities.json' with { type: 'json' };

export type AreaType = 'london-borough' | 'city-of-london' | 'metropolitan-borough' | 'unitary' | 'district' | 'county';

export interface Area {
  /** GSS code, e.g. E09000003. */
  code: string;
  /** ONS's name for the area, e.g. "Barnet". */
  name: string;
  /** The council's own name, e.g. "London Borough of Barnet". */
  officialName?: string;
  type: AreaType;
  /** E12 region code, e.g. E12000007. */
  regionCode: string;
  regionName: string;
  /** A non-metropolitan district's county council (E10 code); absent for every other type. */
  countyCode?: string;
}

export interface AreaList {
  source: string;
  /** Licence and attribution of the data, when recorded. */
  licence?: string;
  retrieved: string;
  /** The date the list describes the authorities as at (ISO), when recorded. */
  asOf?: string;
  /** Regions (E12 codes) whose every local authority is in the list. */
  completeRegions: readonly string[];
  /** What the list does not hold, in words. */
  coverageNote: string;
  areas: readonly Area[];
}

export interface ComparatorGroup {
  id: string;
  /** As it reads after "of 32": "London boroughs". */
  name: string;
  areaCodes: readonly string[];
}

export class AreaListIncompleteError extends Error {
  constructor(what: string, list: AreaList) {
    super(`${what} cannot be built: Townhall's list of English local authorities does not hold it completely (${list.coverageNote})`);
    this.name = 'AreaListIncompleteError';
  }
}

const GSS = /^E(06|07|08|09|10)\d{6}$/;
const REGION = /^E12\d{6}$/;
const TYPES: Record<string, AreaType[]> = {
  E06: ['unitary'],
  E07: ['district'],
  E08: ['metropolitan-borough'],
  E09: ['london-borough', 'city-of-london'],
  E10: ['county'],
};

const REGION_NAMES: Record<string, string> = {
  E12000001: 'North East',
  E12000002: 'North West',
  E12000003: 'Yorkshire and The Humber',
  E12000004: 'East Midlands',
  E12000005: 'West Midlands',
  E12000006: 'East of England',
  E12000007: 'London',
  E12000008: 'South East',
  E12000009: 'South West',
};

/** The nine English regions (E12 codes) in ONS order. */
export const ENGLISH_REGIONS: readonly string[] = Object.keys(REGION_NAMES);

/**
 * Checks a list read from data: well-formed, unique codes; types that match the code's prefix; one of the
 * nine regions, named as ONS names it; a district's county present in the list, of type county and in the
 * district's region; no county for any other type.
 */
export function parseAreaList(data: unknown): AreaList {
  const d = data as { source?: unknown; licence?: unknown; retrieved?: unknown; asOf?: unknown; complete?: { regions?: unknown; note?: unknown }; areas?: unknown };
  if (typeof d?.source !== 'string' || typeof d.retrieved !== 'string' || !Array.isArray(d.areas) || !Array.isArray(d.complete?.regions)) {
    throw new Error('The area list needs source, retrieved, complete.regions and areas');
  }
  const seen = new Set<string>();
  const areas = d.areas.map((raw: unknown, i: number): Area => {
    const a = raw as Partial<Area>;
    const where = `Area ${i + 1} (${String(a?.code)} ${String(a?.name)})`;
    if (typeof a.code !== 'string' || !GSS.test(a.code)) throw new Error(`${where}: the code is not an English local authority GSS code (E06, E07, E08, E09 or E10 and six digits)`);
    if (seen.has(a.code)) throw new Error(`${where}: the code appears twice`);
    seen.add(a.code);
    if (typeof a.name !== 'string' || !a.name.trim()) throw new Error(`${where}: no name`);
    if (!TYPES[a.code.slice(0, 3)]!.includes(a.type as AreaType)) throw new Error(`${where}: type ${String(a.type)} does not match the code`);
    if (typeof a.regionCode !== 'string' || !REGION.test(a.regionCode) || typeof a.regionName !== 'string') throw new Error(`${where}: no E12 region`);
    if (REGION_NAMES[a.regionCode] === undefined) throw new Error(`${where}: ${a.regionCode} is not one of the nine English regions (E12000001 to E12000009)`);
    if (a.regionName !== REGION_NAMES[a.regionCode]) throw new Error(`${where}: region ${a.regionCode} is ${REGION_NAMES[a.regionCode]}, not ${a.regionName}`);
    if (a.officialName !== undefined && (typeof a.officialName !== 'string' || !a.officialName.trim())) throw new Error(`${where}: the official name is empty`);
    if (a.countyCode !== undefined && a.type !== 'district') throw new Error(`${where}: only a non-metropolitan district has a county`);
    if (a.countyCode !== undefined && (typeof a.countyCode !== 'string' || !/^E10\d{6}$/.test(a.countyCode))) throw new Error(`${where}: the county ${String(a.countyCode)} is not an E10 code`);
    const area: Area = { code: a.code, name: a.name, type: a.type as AreaType, regionCode: a.regionCode, regionName: a.regionName };
    if (a.officialName !== undefined) area.officialName = a.officialName;
    if (a.countyCode !== undefined) area.countyCode = a.countyCode;
    return area;
  });
  const byCode = new Map(areas.map((a) => [a.code, a]));
  for (const a of areas) {
    if (a.countyCode === undefined) continue;
    const county = byCode.get(a.countyCode);
    if (!county || county.type !== 'county') throw new Error(`Area ${a.code} (${a.name}): its county ${a.countyCode} is not a county in the list`);
    if (county.regionCode !== a.regionCode) throw new Error(`Area ${a.code} (${a.name}) is in ${a.regionName} but its county ${county.code} (${county.name}) is in ${county.regionName}`);
  }
  const completeRegions = (d.complete!.regions as unknown[]).map(String);
  const list: AreaList = { source: d.source, retrieved: d.retrieved, completeRegions, coverageNote: String(d.complete?.note ?? ''), areas };
  if (typeof d.licence === 'string') list.licence = d.licence;
  if (typeof d.asOf === 'string') list.asOf = d.asOf;
  return list;
}

let cached: AreaList | undefined;

/** The shipped list. */
export function englishLocalAuthorities(): AreaList {
  cached ??= parseAreaList(shipped);
  return cached;
}

export function findArea(code: string, list: AreaList = englishLocalAuthorities()): Area | undefined {
  return list.areas.find((a) => a.code === code);
}

/** Every local authority in a region (E12 code); refused when the list does not hold the region completely. */
export function regionGroup(regionCode: string, list: AreaList = englishLocalAuthorities()): ComparatorGroup {
  if (!list.completeRegions.includes(regionCode)) throw new AreaListIncompleteError(`The region ${regionCode}`, list);
  const areas = list.areas.filter((a) => a.regionCode === regionCode && a.type !== 'county');
  return { id: `region:${regionCode}`, name: `local authorities in ${areas[0]?.regionName ?? regionCode}`, areaCodes: areas.map((a) => a.code) };
}

/**
 * London boroughs. The seeds' "32 London boroughs" leave out the City of London (its crime is policed by
 * the City of London Police, not the Met); `includeCity` gives the 33 London local authorities.
 */
export function londonBoroughsGroup(options: { includeCity?: boolean } = {}, list: AreaList = englishLocalAuthorities()): ComparatorGroup {
  if (!list.completeRegions.includes('E12000007')) throw new AreaListIncompleteError('The London boroughs group', list);
  const areas = list.areas.filter((a) => a.type === 'london-borough' || (options.includeCity === true && a.type === 'city-of-london'));
  return options.includeCity
    ? { id: 'london-33', name: 'London local authorities', areaCodes: areas.map((a) => a.code) }
    : { id: 'london-boroughs', name: 'London boroughs', areaCodes: areas.map((a) => a.code) };
}

/** All English local authorities (lower tier and unitary; counties left out), when the list holds every region. */
export function englandGroup(list: AreaList = englishLocalAuthorities()): ComparatorGroup {
  if (!ENGLISH_REGIONS.every((r) => list.completeRegions.includes(r))) throw new AreaListIncompleteError('The England group', list);
  return { id: 'england', name: 'English local authorities', areaCodes: list.areas.filter((a) => a.type !== 'county').map((a) => a.code) };
}

/** A council's own group (e.g. its nearest neighbours), from GSS codes; every code must be well formed and unique. */
export function namedGroup(name: string, codes: readonly string[]): ComparatorGroup {
  if (!name.trim()) throw new Error('A comparator group needs a name');
  const seen = new Set<string>();
  for (const code of codes) {
    if (!/^[EWSN]\d{8}$/.test(code)) throw new Error(`"${code}" in the group ${name} is not a GSS code (a letter and eight digits, e.g. E09000003)`);
    if (seen.has(code)) throw new Error(`${code} appears twice in the group ${name}`);
    seen.add(code);
  }
  if (codes.length === 0) throw new Error(`The group ${name} has no areas`);
  return { id: `named:${name}`, name, areaCodes: [...codes] };
}
