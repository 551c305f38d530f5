/**
 * The template's columns (docs/import-template.md) and their labels, used by the validator, the
 * writer and the blank template.
 */
import type { SheetName } from './model.ts';
import { PANELS, PANEL_SHEETS, type PanelSheet } from './panelSpecs.ts';
import { COMMITTEE_BUSINESS_COLUMNS } from './committeeBusinessSheets.ts';

export interface ColumnSpec {
  name: string;
  /** `yes`, `no`, or when it is needed (`achievement only`, `with name`). Only `yes` columns must exist. */
  required: string;
  meaning: string;
}

/** The columns of the panel sheets, from their specs. */
function panelColumns(): Record<PanelSheet, ColumnSpec[]> {
  const out = {} as Record<PanelSheet, ColumnSpec[]>;
  for (const sheet of PANEL_SHEETS) {
    out[sheet] = [
      { name: 'committee', required: 'yes', meaning: 'The committee (any of its names)' },
      { name: 'period', required: 'yes', meaning: 'The reporting period, e.g. Q2 2018/19' },
      ...PANELS[sheet].fields.map((f) => ({ name: f.name, required: f.required ? 'yes' : 'no', meaning: f.meaning })),
    ];
  }
  return out;
}

export const COLUMNS: Record<SheetName, ColumnSpec[]> = {
  settings: [
    { name: 'plan_year', required: 'yes', meaning: 'The plan year, e.g. 2016/17' },
    { name: 'council', required: 'no', meaning: "The council's name (the first non-empty value is used)" },
    {
      name: 'rag_method',
      required: 'yes',
      meaning:
        'variance (method A: on target = GREEN; up to 9.9% off target = AMBER; 10% or more off target = RED) or achievement (method B: percentage of targeted improvement achieved, bands G / GA / RA / R)',
    },
    {
      name: 'formula',
      required: 'achievement only',
      meaning: 'ratio (result ÷ target; target ÷ result for Smaller is Better — default) or baseline ((result − baseline) ÷ (target − baseline), baseline = previous year’s result)',
    },
    { name: 'green_from', required: 'no', meaning: 'achievement: % achieved for Green (default 100)' },
    { name: 'green_amber_from', required: 'no', meaning: 'achievement: % achieved for Green Amber (default 80)' },
    { name: 'red_amber_from', required: 'no', meaning: 'achievement: % achieved for Red Amber (default 65)' },
    { name: 'red_from', required: 'no', meaning: 'variance: % off target from which a result is Red (default 10)' },
    { name: 'high_risk_from', required: 'no', meaning: 'Residual risk score (likelihood × impact) from which a risk is high level and reported to committee (default 15)' },
    {
      name: 'directional_targets',
      required: 'no',
      meaning: 'monitor (Increase / Decrease targets are counted under Monitor, no RAG — default) or previous year (rated against the same period last year)',
    },
    {
      name: 'survey_rating',
      required: 'no',
      meaning:
        'How survey and rate indicators are rated: tolerance (within the survey tolerance of the target = Green — default), significance 95% or significance 99.8% (by the confidence interval of the result’s numerator and denominator; see docs/benchmarking.md)',
    },
  ],
  committees: [
    { name: 'committee', required: 'yes', meaning: "The committee's first name (the name other sheets may use)" },
    { name: 'name', required: 'no', meaning: 'A later name; repeat the row for each rename' },
    { name: 'from_plan_year', required: 'with name', meaning: 'The plan year the name applies from' },
    {
      name: 'terms_of_reference',
      required: 'no',
      meaning: 'Terms of reference in force from the start (given once per committee); terms that change over time go on the terms_of_reference sheet',
    },
  ],
  terms_of_reference: [
    { name: 'committee', required: 'yes', meaning: 'The committee (any of its names)' },
    {
      name: 'from_plan_year',
      required: 'no',
      meaning: 'The plan year the terms of reference apply from, until the next row of the committee. Blank = from the start',
    },
    { name: 'terms_of_reference', required: 'yes', meaning: 'The text in force, one responsibility per line; papers print it in §5.4' },
  ],
  priorities: [
    { name: 'committee', required: 'yes', meaning: 'The committee (any of its names)' },
    { name: 'priority', required: 'yes', meaning: "The committee priority, as the indicators and actions sheets name it" },
    { name: 'outcome', required: 'no', meaning: 'The key outcome the priority aims for' },
    { name: 'corporate_outcome', required: 'no', meaning: 'The Corporate Plan outcome or priority it serves' },
  ],
  indicators: [
    { name: 'ref', required: 'yes', meaning: "The indicator's code, e.g. CG/S3" },
    {
      name: 'plan_year',
      required: 'no',
      meaning: 'The plan year this definition applies from; a later row for the same ref with a later plan year is a new version. Blank = from the first year on record',
    },
    { name: 'title', required: 'yes', meaning: 'The indicator title' },
    { name: 'committee', required: 'yes', meaning: 'The committee that owns it (any of its names)' },
    { name: 'priority', required: 'yes', meaning: 'The committee priority it sits under' },
    { name: 'type', required: 'yes', meaning: 'CPI, SPI, MPI, KPI (or another code)' },
    { name: 'polarity', required: 'yes', meaning: 'Bigger is Better / Smaller is Better (also higher / lower)' },
    { name: 'unit', required: 'yes', meaning: 'percent, number, currency, days, rate (also %, £, count)' },
    { name: 'frequency', required: 'yes', meaning: 'monthly, quarterly, biannual, annual' },
    { name: 'basis', required: 'no', meaning: 'discrete (default), cumulative, snapshot, rolling (also c, s, r)' },
    { name: 'source', required: 'no', meaning: "e.g. Residents' Perception Survey, Met Police" },
    { name: 'tolerance', required: 'no', meaning: '± points within which a survey result is not significantly different, e.g. 4.4' },
    { name: 'definition', required: 'no', meaning: 'What is counted and how (how it is measured)' },
    { name: 'measured_against', required: 'no', meaning: 'What the result is compared with (target, baseline, benchmark)' },
    { name: 'owner', required: 'no', meaning: 'The officer or service responsible' },
    { name: 'footnote', required: 'no', meaning: 'Printed beneath report tables' },
  ],
  targets: [
    { name: 'ref', required: 'yes', meaning: "The indicator's code" },
    { name: 'period', required: 'yes', meaning: '2016/17 for the annual target or Q2 2016/17 for a quarter' },
    {
      name: 'target',
      required: 'yes',
      meaning: 'A number or what councils type: 90%, 6 days, £2.2m, 15, 20% reduction, Monitor, Increase, Decrease, Sustain reductions, Remain at or above 85%, N/A',
    },
    { name: 'reason', required: 'no', meaning: 'Why the target was set or changed, e.g. why it was lowered (printed in the addendum)' },
  ],
  results: [
    { name: 'ref', required: 'yes', meaning: "The indicator's code" },
    { name: 'period', required: 'yes', meaning: 'The reporting period the result is reported in, e.g. Q2 2018/19' },
    {
      name: 'value',
      required: 'no',
      meaning: '85%, 717, £6.8m, 8.35 days, 21% reduction; a printed rating in brackets is kept to be checked: 67% (G). Due Q3 18/19, New (2016/17) or Q not included in Autumn 2015 set the status instead',
    },
    { name: 'data_period', required: 'no', meaning: 'The period the data describe: Autumn 2016, Rolling 12 months to Sep 2018, Oct 2015 - Sep 2016' },
    { name: 'status', required: 'no', meaning: 'due, not available, not collected, new; blank = reported (a value is then required)' },
    { name: 'basis', required: 'no', meaning: "This result's basis when it differs from the indicator's: cumulative, snapshot, rolling (also c, s, r, or a marker in the value: 1,939 (c))" },
    { name: 'benchmark', required: 'no', meaning: 'e.g. London 16.5% (Jan-Dec 2014, Ministry of Justice)' },
    { name: 'commentary', required: 'no', meaning: 'Commentary' },
    { name: 'intervention', required: 'no', meaning: 'Comments and proposed intervention' },
    { name: 'note', required: 'no', meaning: 'A note' },
    { name: 'numerator', required: 'no', meaning: 'For ratios: the count (210 of 462 staff trained → 210)' },
    { name: 'denominator', required: 'no', meaning: 'For ratios: the total (210 of 462 staff trained → 462)' },
    { name: 'printed_rating', required: 'no', meaning: 'A rating printed in a published report (G, Green Amber), kept to be checked against the computed one' },
    { name: 'printed_direction', required: 'no', meaning: 'A direction of travel printed in a published report (↓ W +5.3%), kept to be checked' },
  ],
  actions: [
    { name: 'ref', required: 'yes', meaning: 'A code unique within the committee' },
    { name: 'committee', required: 'yes', meaning: 'The committee (any of its names)' },
    { name: 'priority', required: 'yes', meaning: 'The committee priority' },
    { name: 'title', required: 'yes', meaning: 'The action or commissioning intention' },
    { name: 'service', required: 'no', meaning: 'The service or delivery unit' },
    {
      name: 'from_plan_year',
      required: 'no',
      meaning: 'The first plan year the action is in force, e.g. 2018/19 (the plan or delivery plan it belongs to). Blank = the plan year of its earliest period',
    },
    { name: 'to_plan_year', required: 'no', meaning: 'The last plan year the action is in force, e.g. 2018/19. Blank = still in force' },
    { name: 'period', required: 'yes', meaning: '2016/17 or Q2 2018/19' },
    { name: 'rag', required: 'no', meaning: 'G, GA, RA, R (also Green, Green Amber, Red Amber, Red); blank or Not rated = not rated' },
    { name: 'commentary', required: 'no', meaning: 'Commentary' },
  ],
  ...panelColumns(),
  ...COMMITTEE_BUSINESS_COLUMNS,
};

// ---------------------------------------------------------------------------------------------
// Row context: reads cells, records errors.

const LABELS: Record<string, string> = {
  plan_year: 'Plan year',
  rag_method: 'RAG method',
  green_from: 'Green from',
  green_amber_from: 'Green Amber from',
  red_amber_from: 'Red Amber from',
  red_from: 'Red from',
  directional_targets: 'Directional targets',
  survey_rating: 'Survey rating',
  from_plan_year: 'From plan year',
  terms_of_reference: 'Terms of reference',
  ref: 'Ref',
  data_period: 'Data period',
  printed_rating: 'Printed rating',
  printed_direction: 'Printed direction',
  measured_against: 'Measured against',
  rag: 'RAG',
};

export function label(column: string): string {
  return LABELS[column] ?? column.charAt(0).toUpperCase() + column.slice(1).replace(/_/g, ' ');
}
