/**
 * The panel sheets of the import workbook (finance, risk, workforce, customer experience, narrative,
 * priority status): one declarative spec per sheet, used to validate, store, compare and export them
 * alike. Every panel row belongs to a committee and a reporting period. Column names are the stored
 * column names (except `priority`, stored as the priority's id).
 */

export type PanelFieldKind =
  /** Free text. */
  | 'text'
  /** £000 as councils print them: `1,939`, `(4)` (brackets = negative), `-4`. */
  | 'money'
  /** Any number. */
  | 'number'
  /** A whole number, 0 or more. */
  | 'count'
  /** Likelihood or impact, 1–5. */
  | 'score'
  /** A risk score, likelihood × impact, 1–25. */
  | 'riskScore'
  /** A committee priority by name. */
  | 'priority'
  /** One of a vocabulary: `values` maps folded words to the stored word. */
  | 'enum';

export interface PanelField {
  name: string;
  kind: PanelFieldKind;
  required?: boolean;
  /** Stored when the cell is blank. */
  default?: number;
  values?: Record<string, string>;
  meaning: string;
}

export interface PanelSpec {
  sheet: PanelSheet;
  table: PanelTable;
  /** Fields that, with committee and period, identify a row. */
  key: string[];
  fields: PanelField[];
  /** What a row is, for messages: "revenue line". */
  noun: string;
}

export const PANEL_SHEETS = ['revenue', 'capital', 'savings', 'risks', 'workforce', 'customer', 'narrative', 'priority_status'] as const;
export type PanelSheet = (typeof PANEL_SHEETS)[number];
export type PanelTable =
  | 'revenue_line'
  | 'capital_line'
  | 'saving_line'
  | 'risk_assessment'
  | 'workforce_line'
  | 'customer_line'
  | 'narrative_item'
  | 'priority_status';

const STATUS = { green: 'Green', amber: 'Amber', red: 'Red', g: 'Green', a: 'Amber', r: 'Red' };

export const PANELS: Record<PanelSheet, PanelSpec> = {
  revenue: {
    sheet: 'revenue',
    table: 'revenue_line',
    noun: 'revenue line',
    key: ['service'],
    fields: [
      { name: 'service', kind: 'text', required: true, meaning: 'The service, e.g. Community Safety' },
      { name: 'original_budget', kind: 'money', meaning: 'Original budget, £000' },
      { name: 'revised_budget', kind: 'money', required: true, meaning: 'Revised budget, £000' },
      { name: 'forecast', kind: 'money', required: true, meaning: 'Forecast outturn, £000' },
      { name: 'reserve_movements', kind: 'money', default: 0, meaning: 'Reserve movements, £000 (a drawdown from reserves is negative)' },
      { name: 'comments', kind: 'text', meaning: 'Comments' },
    ],
  },
  capital: {
    sheet: 'capital',
    table: 'capital_line',
    noun: 'capital line',
    key: ['scheme'],
    fields: [
      { name: 'scheme', kind: 'text', required: true, meaning: 'The scheme or service' },
      { name: 'budget', kind: 'money', required: true, meaning: 'Budget including slippage awaiting approval, £000' },
      { name: 'additions', kind: 'money', default: 0, meaning: 'Additions (deletions negative), £000' },
      { name: 'slippage', kind: 'money', default: 0, meaning: 'Slippage (negative) or accelerated spend (positive), £000' },
      { name: 'forecast', kind: 'money', required: true, meaning: 'Forecast, £000' },
      { name: 'comments', kind: 'text', meaning: 'Comments' },
    ],
  },
  savings: {
    sheet: 'savings',
    table: 'saving_line',
    noun: 'saving',
    key: ['ref'],
    fields: [
      { name: 'ref', kind: 'text', required: true, meaning: 'The MTFS line reference' },
      { name: 'description', kind: 'text', required: true, meaning: 'What the saving is' },
      { name: 'target', kind: 'money', required: true, meaning: 'Saving to achieve in the year, £000' },
      { name: 'achieved', kind: 'money', meaning: 'Achieved (or forecast to be achieved), £000' },
      { name: 'fte', kind: 'number', meaning: 'Full-time-equivalent posts affected' },
      { name: 'comments', kind: 'text', meaning: 'Comments' },
    ],
  },
  risks: {
    sheet: 'risks',
    table: 'risk_assessment',
    noun: 'risk',
    key: ['risk_ref'],
    fields: [
      { name: 'risk_ref', kind: 'text', required: true, meaning: 'The risk id, e.g. STR024' },
      { name: 'title', kind: 'text', required: true, meaning: 'The risk' },
      { name: 'owner', kind: 'text', meaning: 'Risk owner' },
      { name: 'priority', kind: 'priority', meaning: 'The committee priority it is linked to' },
      { name: 'kind', kind: 'enum', required: true, values: { strategic: 'strategic', service: 'service', joint: 'service', contract: 'service' }, meaning: 'strategic or service' },
      { name: 'inherent_likelihood', kind: 'score', meaning: 'Inherent likelihood, 1–5' },
      { name: 'inherent_impact', kind: 'score', meaning: 'Inherent impact, 1–5' },
      { name: 'residual_likelihood', kind: 'score', meaning: 'Residual likelihood, 1–5' },
      { name: 'residual_impact', kind: 'score', meaning: 'Residual impact, 1–5' },
      { name: 'residual_score', kind: 'riskScore', meaning: 'Residual score as printed (1–25), when likelihood and impact are not given; checked against them when they are' },
      { name: 'target_likelihood', kind: 'score', meaning: 'Target likelihood, 1–5' },
      { name: 'target_impact', kind: 'score', meaning: 'Target impact, 1–5' },
      { name: 'commentary', kind: 'text', meaning: 'Mitigation commentary for the period' },
    ],
  },
  workforce: {
    sheet: 'workforce',
    table: 'workforce_line',
    noun: 'workforce line',
    key: ['service'],
    fields: [
      { name: 'service', kind: 'text', required: true, meaning: 'The service' },
      { name: 'headcount', kind: 'number', meaning: 'Establishment headcount' },
      { name: 'agency_staff', kind: 'number', meaning: 'Agency staff' },
      { name: 'agency_spend_percent', kind: 'number', meaning: '% of staff spend on agency staff' },
      { name: 'days_lost_per_fte', kind: 'number', meaning: 'Average days lost to sickness per FTE, rolling 12 months' },
    ],
  },
  customer: {
    sheet: 'customer',
    table: 'customer_line',
    noun: 'customer experience line',
    key: ['kind'],
    fields: [
      {
        name: 'kind',
        kind: 'enum',
        required: true,
        values: {
          foi: 'foi',
          foirequests: 'foi',
          freedomofinformation: 'foi',
          complaints: 'complaints',
          memberenquiries: 'member enquiries',
          members: 'member enquiries',
          subjectaccessrequests: 'subject access requests',
          sar: 'subject access requests',
          sars: 'subject access requests',
        },
        meaning: 'FOI, complaints, member enquiries or subject access requests',
      },
      { name: 'received', kind: 'count', required: true, meaning: 'Received in the period' },
      { name: 'on_time', kind: 'count', required: true, meaning: 'Answered on time' },
    ],
  },
  narrative: {
    sheet: 'narrative',
    table: 'narrative_item',
    noun: 'narrative item',
    key: ['kind', 'position'],
    fields: [
      {
        name: 'kind',
        kind: 'enum',
        required: true,
        values: {
          success: 'success',
          keysuccess: 'success',
          successes: 'success',
          challenge: 'challenge',
          keychallenge: 'challenge',
          challenges: 'challenge',
          perception: 'perception',
          residentsperception: 'perception',
          equalities: 'equalities',
          escalation: 'escalation',
          strategicissue: 'escalation',
        },
        meaning: 'success, challenge, perception (residents’ perception headline), equalities or escalation (strategic issue)',
      },
      { name: 'position', kind: 'count', meaning: 'Order within its kind (blank: the order of the rows)' },
      { name: 'text', kind: 'text', required: true, meaning: 'The item' },
      { name: 'action_required', kind: 'text', meaning: 'For challenges: the action required' },
    ],
  },
  priority_status: {
    sheet: 'priority_status',
    table: 'priority_status',
    noun: 'priority status',
    key: ['priority'],
    fields: [
      { name: 'priority', kind: 'priority', required: true, meaning: 'The committee priority' },
      {
        name: 'judgement',
        kind: 'enum',
        values: STATUS,
        meaning: "The overall status, Green, Amber or Red: the officers' judgement of the period's budget, activities, indicators and risks (papers print it)",
      },
      { name: 'judgement_reason', kind: 'text', meaning: 'Why: what the judgement weighs (required with judgement; papers print it)' },
    ],
  },
};
