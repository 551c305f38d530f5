/**
 * The import workbook, parsed and validated: what `readWorkbook` + `validateWorkbook` produce and
 * what `writeWorkbook` writes back. Plain data; the import service turns it into stored rows.
 * The column layout of each sheet is documented in docs/import-template.md.
 */
import type {
  ActionRag,
  Basis,
  DataPeriod,
  DirectionStatus,
  Frequency,
  IndicatorType,
  Period,
  PlanYearSettings,
  Polarity,
  Rag,
  ResultStatus,
  Target,
  Unit,
} from '../domain/types.ts';
import { PANEL_SHEETS, type PanelSheet } from './panelSpecs.ts';
import { COMMITTEE_BUSINESS_SHEETS, type CommitteeBusinessData } from './committeeBusinessSheets.ts';

export const FRAMEWORK_SHEETS = ['settings', 'committees', 'terms_of_reference', 'priorities', 'indicators', 'targets', 'results', 'actions'] as const;
/** Every sheet of the template: performance (framework and panels), then committee business. */
export const SHEETS = [...FRAMEWORK_SHEETS, ...PANEL_SHEETS, ...COMMITTEE_BUSINESS_SHEETS] as const;
export type SheetName = (typeof SHEETS)[number];

/** One cell of a sheet as read: its 1-based row number (the header is row 1) and its text. */
export interface SheetRow {
  row: number;
  cells: Record<string, string>;
}
export type RawWorkbook = Partial<Record<SheetName, SheetRow[]>>;

/** Where a bad value is: sheet, row, column and the value as typed. */
export interface ImportError {
  sheet: SheetName | string;
  row: number | null;
  column: string | null;
  value: string | null;
  message: string;
}

export interface SettingsDef extends PlanYearSettings {
  council: string | null;
  /** Residual risk score from which a risk is "high level" and reported to committee (default 15). */
  highRiskFrom: number;
  row: number;
}

export interface CommitteeNameDef {
  /** The committee's name from this plan year on. */
  name: string;
  fromYear: number | null;
}

export interface CommitteeDef {
  /** Every name the committee has had, oldest first. The first is its key in the workbook. */
  names: CommitteeNameDef[];
  row: number;
}

/**
 * A committee's terms of reference from a plan year (null: from the start) until the next: a row of the
 * `terms_of_reference` sheet, or the `terms_of_reference` cell of the `committees` sheet (from the start).
 */
export interface TermsDef {
  /** The committee, by any of its names. */
  committee: string;
  fromYear: number | null;
  text: string;
  sheet: 'committees' | 'terms_of_reference';
  row: number;
}

/** A committee priority with its key outcome and the corporate-plan outcome it serves. */
export interface PriorityDef {
  committee: string;
  priority: string;
  outcome: string | null;
  corporateOutcome: string | null;
  row: number;
}

export interface IndicatorDef {
  ref: string;
  /** The plan year this definition applies from (null: from the first year on record). */
  fromYear: number | null;
  title: string;
  committee: string;
  priority: string;
  type: IndicatorType;
  polarity: Polarity;
  unit: Unit;
  frequency: Frequency;
  basis: Basis;
  source: string | null;
  /** ± points within which a change is not significant (survey indicators), or null. */
  tolerance: number | null;
  definition: string | null;
  measuredAgainst: string | null;
  owner: string | null;
  footnote: string | null;
  row: number;
}

export interface TargetDef {
  ref: string;
  period: Period;
  target: Target;
  /** The target as printed, kept beside the parsed value. */
  printed: string;
  /** Why it was set or changed (e.g. why a target was lowered). */
  reason: string | null;
  row: number;
}

export interface BenchmarkDef {
  /** The whole text as printed, e.g. "London 16.5% (Jan-Dec 2014, Ministry of Justice)". */
  text: string;
  label: string | null;
  value: number | null;
  source: string | null;
  period: string | null;
}

export interface ResultDef {
  ref: string;
  period: Period;
  value: number | null;
  /** The value cell as typed, e.g. "21% reduction (G)", "Due Q3 18/19". */
  printed: string;
  dataPeriod: DataPeriod | null;
  /** This result's basis when it differs from the indicator's, e.g. `1,939 (c)`. */
  basis: Basis | null;
  status: ResultStatus;
  numerator: number | null;
  denominator: number | null;
  /** A rating printed in the source document, to be checked against the computed one. */
  printedRag: Rag | null;
  /** A direction of travel printed in the source document, e.g. "↓ W +5.3%". */
  printedDirection: { status: DirectionStatus; percentage: number | null; decimals: number; text: string } | null;
  benchmark: BenchmarkDef | null;
  commentary: string | null;
  /** "Comments and proposed intervention" (required by the web app when off target). */
  intervention: string | null;
  note: string | null;
  row: number;
}

export interface ActionDef {
  ref: string;
  committee: string;
  priority: string;
  title: string;
  service: string | null;
  /** The first plan year the action is in force, as given on this row (null: blank). */
  fromYear: number | null;
  /** The last plan year the action is in force, as given on this row (null: blank). */
  toYear: number | null;
  period: Period;
  rag: ActionRag;
  commentary: string | null;
  row: number;
}

/** One row of a panel sheet (src/workbook/panelSpecs.ts): values by field name, parsed. */
export interface PanelRowDef {
  committee: string;
  period: Period;
  values: Record<string, string | number | null>;
  row: number;
}

export type PanelData = Record<PanelSheet, PanelRowDef[]>;

export interface WorkbookData {
  settings: SettingsDef[];
  committees: CommitteeDef[];
  terms: TermsDef[];
  priorities: PriorityDef[];
  indicators: IndicatorDef[];
  targets: TargetDef[];
  results: ResultDef[];
  actions: ActionDef[];
  panels: PanelData;
  /**
   * The committee-business sheets (src/workbook/committeeBusinessSheets.ts), when read or exported; their
   * validation and import are src/services/committeeBusinessImport.ts.
   */
  committeeBusiness?: CommitteeBusinessData;
}

/**
 * What a file holds that the importer could not take in: sheets that could not be read, and rows refused
 * by validation that other rows may depend on. Errors that would follow only from these (a result whose
 * indicator row was refused is not an "unknown ref") are not reported: the refusal already is.
 */
export interface Withheld {
  /** Sheets that could not be read, or lack a required column: none of their rows were taken in. */
  sheets: Set<SheetName>;
  /** Refs of refused `indicators` rows, each with the plan years its refused rows apply from (where readable). */
  indicators: Map<string, number[]>;
  /** Plan years of refused `settings` rows. */
  planYears: Set<number>;
  /** Refs of refused `actions` rows: such an action's plan years are not known until the row is corrected. */
  actions: Set<string>;
}

export function nothingWithheld(): Withheld {
  return { sheets: new Set(), indicators: new Map(), planYears: new Set(), actions: new Set() };
}

/**
 * Validation's outcome. A workbook with errors still gives the rows that are valid (`data`) and what was
 * withheld, so that the later checks (references, locked periods) can run on them and every error of a
 * file is reported in one go; only a valid workbook (`ok`) is ever written.
 */
export type ValidationOutcome = { ok: true; data: WorkbookData } | { ok: false; errors: ImportError[]; data: WorkbookData; withheld: Withheld };
