/**
 * Deterministic synthetic councils for the benchmarks. Rows are generated as the text a person types
 * into the import template (docs/import-template.md), then run through `validateWorkbook`, so the
 * WorkbookData is exactly what an import of the same cells would produce and `writeWorkbook` can
 * write it back as an .xlsx file.
 */
import { formatFinancialYear, formatPeriod } from '../src/domain/periods.ts';
import type { Period } from '../src/domain/types.ts';
import type { RawWorkbook, SheetName, SheetRow, WorkbookData } from '../src/workbook/model.ts';
import { validateWorkbook } from '../src/workbook/validate.ts';

type Cells = Record<string, string>;
type GeneratedSheet = 'settings' | 'committees' | 'priorities' | 'indicators' | 'targets' | 'results' | 'actions';
type Sheets = Record<GeneratedSheet & SheetName, Cells[]>;

/** mulberry32: a small seeded PRNG so every run benchmarks the same data. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const UNITS = ['percent', 'number', 'currency', 'days', 'rate'] as const;
type UnitWord = (typeof UNITS)[number];
const TYPES = ['CPI', 'SPI', 'MPI', 'KPI'];
const SOURCES = ['Met Police', "Residents' Perception Survey", 'Adults and Communities', 'Family Services', 'Re (Regional Enterprise)', ''];
const WORDS = [
  'performance', 'improved', 'against', 'the', 'previous', 'quarter', 'demand', 'remains', 'high', 'and', 'the',
  'service', 'is', 'reviewing', 'capacity', 'with', 'partners', 'to', 'recover', 'the', 'position', 'by', 'year',
  'end', 'following', 'a', 'rise', 'in', 'referrals', 'staff', 'vacancies', 'have', 'been', 'filled',
];

function sentence(r: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(WORDS[Math.floor(r() * WORDS.length)]!);
  const s = out.join(' ');
  return `${s.charAt(0).toUpperCase()}${s.slice(1)}.`;
}

function valueText(r: () => number, unit: UnitWord): string {
  switch (unit) {
    case 'percent':
      return `${(40 + r() * 59).toFixed(1)}%`;
    case 'number':
      return String(Math.round(50 + r() * 5000));
    case 'currency':
      return `£${(0.2 + r() * 9).toFixed(1)}m`;
    case 'days':
      return `${(1 + r() * 20).toFixed(2)} days`;
    case 'rate':
      return `${(5 + r() * 90).toFixed(1)} per 1,000`;
  }
}

function targetText(r: () => number, unit: UnitWord): string {
  const x = r();
  if (x < 0.05) return 'Monitor';
  if (x < 0.08) return 'Increase';
  if (x < 0.1) return `Remain at or above ${Math.round(60 + r() * 30)}%`;
  switch (unit) {
    case 'percent':
      return `${Math.round(60 + r() * 35)}%`;
    case 'number':
      return String(Math.round(100 + r() * 4000));
    case 'currency':
      return `£${(0.5 + r() * 8).toFixed(1)}m`;
    case 'days':
      return `${Math.round(2 + r() * 15)} days`;
    case 'rate':
      return `${Math.round(10 + r() * 80)} per 1,000`;
  }
}

const RAGS = ['G', 'GA', 'A', 'RA', 'R'];
const DIRECTIONS = ['↑ I', '↓ W', '→ S', 'Improving', 'Worsening'];

/** One result row's cells: mostly reported values, some due / not available, some commentary. */
function resultCells(r: () => number, ref: string, period: Period, unit: UnitWord, basis: string): Cells {
  const cells: Cells = { ref, period: formatPeriod(period) };
  const x = r();
  if (x < 0.03) {
    cells.value = 'Due';
  } else if (x < 0.04) {
    cells.value = 'Not available';
  } else {
    let v = valueText(r, unit);
    const printedRag = r() < 0.1 ? ` (${RAGS[Math.floor(r() * RAGS.length)]})` : '';
    if (unit === 'percent' && r() < 0.1) {
      const denominator = Math.round(100 + r() * 900);
      const numerator = Math.round(denominator * (0.4 + r() * 0.5));
      cells.numerator = String(numerator);
      cells.denominator = String(denominator);
      // A value given with its counts is the one they give (the import checks it).
      v = `${((numerator / denominator) * 100).toFixed(1)}%`;
    }
    cells.value = `${v}${printedRag}`;
    if (r() < 0.05) cells.printed_direction = `${DIRECTIONS[Math.floor(r() * DIRECTIONS.length)]} ${(r() * 20).toFixed(1)}%`;
  }
  if (basis === 'rolling' && period.kind === 'quarter') {
    const end = period.quarter === 4 ? `Mar ${period.startYear + 1}` : `${['Jun', 'Sep', 'Dec'][period.quarter - 1]} ${period.startYear}`;
    cells.data_period = `Rolling 12 months to ${end}`;
  }
  if (r() < 0.25) cells.commentary = sentence(r, 12 + Math.floor(r() * 30));
  if (r() < 0.05) cells.intervention = sentence(r, 10 + Math.floor(r() * 15));
  if (r() < 0.02) cells.benchmark = `London ${(10 + r() * 60).toFixed(1)}% (Jan-Dec 2017, Ministry of Justice)`;
  return cells;
}

export interface CouncilShape {
  seed: number;
  committees: number;
  prioritiesPerCommittee: number;
  indicators: number;
  /** Financial years (start years) with settings rows. */
  planYears: number[];
  /** The periods each indicator has a result in. */
  resultPeriods: Period[];
  /** The periods each indicator has a target in. */
  targetPeriods: Period[];
  /** Key actions per committee; each gets an update in every target period that is a quarter. */
  actionsPerCommittee: number;
  /** Share of indicators that get a second definition from the middle plan year. */
  versionedShare: number;
}

export const committeeName = (c: number): string => `Committee ${c + 1}`;

/** The cells of every sheet for a council of the given shape. */
export function generateSheets(shape: CouncilShape): Sheets {
  const r = rng(shape.seed);
  const sheets: Sheets = { settings: [], committees: [], priorities: [], indicators: [], targets: [], results: [], actions: [] };
  shape.planYears.forEach((y, i) => {
    sheets.settings.push(
      i % 2 === 0
        ? { plan_year: formatFinancialYear(y), council: 'London Borough of Benchmark', rag_method: 'variance', red_from: '10' }
        : {
            plan_year: formatFinancialYear(y),
            rag_method: 'achievement',
            formula: 'ratio',
            green_from: '100',
            green_amber_from: '80',
            red_amber_from: '65',
            directional_targets: 'previous year',
          },
    );
  });
  const midYear = shape.planYears[Math.floor(shape.planYears.length / 2)]!;
  for (let c = 0; c < shape.committees; c++) {
    sheets.committees.push({ committee: committeeName(c), terms_of_reference: sentence(r, 40) });
    if (c % 3 === 0) sheets.committees.push({ committee: committeeName(c), name: `${committeeName(c)} and Libraries`, from_plan_year: formatFinancialYear(midYear) });
    for (let p = 0; p < shape.prioritiesPerCommittee; p++) {
      sheets.priorities.push({
        committee: committeeName(c),
        priority: `Priority ${p + 1}`,
        outcome: sentence(r, 10),
        corporate_outcome: `Corporate outcome ${(p % 3) + 1}`,
      });
    }
  }
  for (let i = 0; i < shape.indicators; i++) {
    const c = i % shape.committees;
    const ref = `C${c + 1}/${String(Math.floor(i / shape.committees) + 1).padStart(4, '0')}`;
    const unit = UNITS[i % UNITS.length]!;
    const basis = ['discrete', 'cumulative', 'snapshot', 'rolling'][Math.floor(r() * 4)]!;
    const def: Cells = {
      ref,
      title: `Indicator ${ref}: ${sentence(r, 8)}`,
      committee: committeeName(c),
      priority: `Priority ${(i % shape.prioritiesPerCommittee) + 1}`,
      type: TYPES[i % TYPES.length]!,
      polarity: r() < 0.6 ? 'Bigger is Better' : 'Smaller is Better',
      unit,
      frequency: shape.resultPeriods[0]?.kind === 'month' ? 'monthly' : 'quarterly',
      basis,
      source: SOURCES[i % SOURCES.length]!,
      tolerance: unit === 'percent' && r() < 0.1 ? '4.4' : '',
      definition: sentence(r, 25),
      measured_against: r() < 0.5 ? 'Target; direction of travel against the same period last year.' : '',
      owner: r() < 0.5 ? `Officer ${i % 97}` : '',
    };
    sheets.indicators.push(def);
    if (r() < shape.versionedShare) {
      sheets.indicators.push({ ...def, plan_year: formatFinancialYear(midYear), title: `${def.title} (revised)`, definition: sentence(r, 25) });
    }
    for (const p of shape.targetPeriods) sheets.targets.push({ ref, period: formatPeriod(p), target: targetText(r, unit) });
    for (const p of shape.resultPeriods) sheets.results.push(resultCells(r, ref, p, unit, basis));
  }
  const actionPeriods = shape.targetPeriods.filter((p) => p.kind === 'quarter');
  for (let c = 0; c < shape.committees; c++) {
    for (let a = 0; a < shape.actionsPerCommittee; a++) {
      const title = sentence(r, 15);
      for (const p of actionPeriods) {
        sheets.actions.push({
          ref: `KA-${a + 1}`,
          committee: committeeName(c),
          priority: `Priority ${(a % shape.prioritiesPerCommittee) + 1}`,
          title,
          service: 'Commissioning Group',
          period: formatPeriod(p),
          rag: ['G', 'GA', 'RA', 'R', ''][Math.floor(r() * 5)]!,
          commentary: r() < 0.5 ? sentence(r, 20) : '',
        });
      }
    }
  }
  return sheets;
}

/** Sheets as `readWorkbook` would return them (row 1 is the header). */
export function toRaw(sheets: Sheets): RawWorkbook {
  const raw: RawWorkbook = {};
  for (const [name, rows] of Object.entries(sheets) as [SheetName, Cells[]][]) {
    raw[name] = rows.map((cells, i): SheetRow => ({ row: i + 2, cells }));
  }
  return raw;
}

export function toWorkbookData(sheets: Sheets): WorkbookData {
  const outcome = validateWorkbook(toRaw(sheets));
  if (!outcome.ok) {
    const first = outcome.errors.slice(0, 5).map((e) => JSON.stringify(e));
    throw new Error(`Generated workbook is invalid (${outcome.errors.length} errors):\n${first.join('\n')}`);
  }
  return outcome.data;
}

/** Rows over every sheet (array-valued fields of the workbook). */
export function countRows(data: WorkbookData): number {
  return Object.values(data).reduce((n: number, rows: unknown) => n + (Array.isArray(rows) ? rows.length : 0), 0);
}

const months = (fromYear: number, fromMonth: number, count: number): Period[] =>
  Array.from({ length: count }, (_v, i) => {
    const index = fromYear * 12 + fromMonth - 1 + i;
    return { kind: 'month', year: Math.floor(index / 12), month: (index % 12) + 1 };
  });

const years = (from: number, count: number): number[] => Array.from({ length: count }, (_v, i) => from + i);
const quarters = (fromYears: number[]): Period[] =>
  fromYears.flatMap((startYear) => ([1, 2, 3, 4] as const).map((quarter): Period => ({ kind: 'quarter', startYear, quarter })));
const annual = (fromYears: number[]): Period[] => fromYears.map((startYear): Period => ({ kind: 'year', startYear }));

/**
 * The import benchmark: `indicators` monthly indicators with `resultsPerIndicator` monthly results
 * each (from Apr 2016) and an annual and four quarterly targets per plan year.
 */
export function importShape(indicators: number, resultsPerIndicator: number): CouncilShape {
  const planYears = years(2016, Math.ceil(resultsPerIndicator / 12));
  return {
    seed: 1,
    committees: 10,
    prioritiesPerCommittee: 5,
    indicators,
    planYears,
    resultPeriods: months(2016, 4, resultsPerIndicator),
    targetPeriods: [...annual(planYears), ...quarters(planYears)],
    actionsPerCommittee: 5,
    versionedShare: 0.05,
  };
}

/**
 * The report benchmark: `indicators` quarterly indicators over `planYears` financial years from
 * 2015/16, with quarterly and year-end results and quarterly and annual targets.
 */
export function reportShape(indicators: number, planYearCount: number, committees: number): CouncilShape {
  const planYears = years(2015, planYearCount);
  const periods = [...quarters(planYears), ...annual(planYears)];
  return {
    seed: 2,
    committees,
    prioritiesPerCommittee: 6,
    indicators,
    planYears,
    resultPeriods: periods,
    targetPeriods: periods,
    actionsPerCommittee: 10,
    versionedShare: 0.05,
  };
}
