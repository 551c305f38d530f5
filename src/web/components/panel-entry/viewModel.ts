/**
 * Panel entry (issue 4 item 1): the view models of the panels page of a committee's period and of
 * the form of one panel row, built from the declarative specs of src/workbook/panelSpecs.ts — one
 * generic slice for revenue, capital, savings, risks, workforce, customer experience, narrative and
 * priority status. Pure: the route reads the stored rows and the report, and saves through the importer.
 */
import type { PanelComputed, StoredPanelRow, StoredPanels } from '../../../services/panelEntryService.ts';
export type { PanelComputed };
import type { ImportError, RawWorkbook } from '../../../workbook/model.ts';
import { PANELS, PANEL_SHEETS, type PanelField, type PanelSheet, type PanelSpec } from '../../../workbook/panelSpecs.ts';
import { label as columnLabel } from '../../../workbook/validate.ts';
import { dashboardPath, panelNewPath, panelRowPath, panelSheetPath, panelsPath } from '../../urls.ts';

/** Who may enter panel data: performance officers and administrators (data owners are not given panels). */
export const PANEL_ROLES = ['administrator', 'performance-officer'] as const;

/** Panel text and keys: the same limits as the import's (src/domain/limits.ts). */
export { MAX_TEXT, MAX_NAME as MAX_KEY } from '../../../domain/limits.ts';
import { MAX_TEXT, MAX_NAME as MAX_KEY } from '../../../domain/limits.ts';

export const SHEET_TITLES: Record<PanelSheet, string> = {
  revenue: 'Revenue budget',
  capital: 'Capital programme',
  savings: 'Savings',
  risks: 'Risks',
  workforce: 'Workforce',
  customer: 'Customer experience',
  narrative: 'Narrative',
  priority_status: 'Overall status of priorities',
};

export const isPanelSheet = (s: string): s is PanelSheet => (PANEL_SHEETS as readonly string[]).includes(s);

const LABELS: Record<string, string> = {
  fte: 'FTE posts affected',
  risk_ref: 'Risk ref',
  on_time: 'Answered on time',
  days_lost_per_fte: 'Days lost per FTE',
  agency_spend_percent: 'Agency spend (% of staff spend)',
  kind: 'Kind',
  text: 'Item',
  judgement: 'Overall status',
  judgement_reason: 'Reason for the overall status',
};

/** Free-text fields long enough for a textarea. */
const LONG = new Set(['comments', 'commentary', 'text', 'action_required', 'judgement_reason', 'description', 'title']);

/** How a stored enum word is shown. */
const ENUM_TEXT: Record<string, string> = {
  foi: 'FOI requests',
  complaints: 'Complaints',
  'member enquiries': 'Member enquiries',
  'subject access requests': 'Subject access requests',
  success: 'Success',
  challenge: 'Challenge (with the action required)',
  perception: 'Residents’ perception',
  equalities: 'Equalities',
  escalation: 'Escalation (strategic issue)',
  strategic: 'Strategic',
  service: 'Service',
};

export const fieldLabel = (f: PanelField | string) => {
  const name = typeof f === 'string' ? f : f.name;
  return LABELS[name] ?? columnLabel(name);
};

const enumValues = (f: PanelField) => [...new Set(Object.values(f.values ?? {}))];

/** Form values: every field as typed, plus the reason for the change. */
export type PanelValues = Record<string, string>;
export type FieldErrors = Record<string, string>;

export function readValues(spec: PanelSpec, body: Record<string, unknown> | undefined): PanelValues {
  const out: PanelValues = {};
  for (const f of [...spec.fields.map((x) => x.name), 'reason']) {
    const v = body?.[f];
    out[f] = typeof v === 'string' ? v : '';
  }
  return out;
}

/** A stored row as form values (numbers as plain numbers; the importer reads them back). */
export function storedToValues(spec: PanelSpec, row: StoredPanelRow | null): PanelValues {
  const out: PanelValues = { reason: '' };
  for (const f of spec.fields) {
    const v = row?.values[f.name];
    out[f.name] = v === null || v === undefined ? '' : String(v);
  }
  return out;
}

const fold = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '');

/** The identity of a row by the spec's key, as the importer compares it. */
export function rowIdentity(spec: PanelSpec, values: Record<string, string | number | null>): string {
  return spec.key.map((k) => fold(String(values[k] ?? ''))).join('|');
}

/** Checks before the importer: lengths, and a new row whose key is already stored (it would overwrite that row). */
export function preChecks(spec: PanelSpec, values: PanelValues, stored: StoredPanelRow[], mode: 'add' | 'change'): FieldErrors {
  const errors: FieldErrors = {};
  for (const f of spec.fields) {
    if (f.kind !== 'text') continue;
    const max = spec.key.includes(f.name) ? MAX_KEY : MAX_TEXT;
    if (values[f.name]!.trim().length > max) errors[f.name] = `${fieldLabel(f)} must be ${max.toLocaleString('en-GB')} characters or fewer`;
  }
  if ((values.reason ?? '').trim().length > MAX_TEXT) errors.reason = `The reason must be ${MAX_TEXT.toLocaleString('en-GB')} characters or fewer`;
  if (mode === 'add' && spec.key.every((k) => values[k]!.trim() !== '')) {
    const id = rowIdentity(spec, values);
    if (stored.some((r) => rowIdentity(spec, r.values) === id)) {
      errors[spec.key[0]!] ??= `There is already a ${spec.noun} ${spec.key.map((k) => values[k]!.trim()).join(' ')} for this period: change it from the list`;
    }
  }
  return errors;
}

/** A new narrative item goes after the others of its kind (a blank position would make it item 1). */
export function withNextPosition(spec: PanelSpec, values: PanelValues, stored: StoredPanelRow[]): PanelValues {
  if (spec.sheet !== 'narrative' || values.position!.trim() !== '' || !values.kind!.trim()) return values;
  const kind = fold(values.kind!);
  const positions = stored.filter((r) => fold(String(r.values.kind ?? '')) === kind).map((r) => Number(r.values.position ?? 0));
  return { ...values, position: String(Math.max(0, ...positions) + 1) };
}

/** The one-row workbook the importer validates and imports. */
export function toWorkbook(spec: PanelSpec, committee: string, period: string, values: PanelValues): RawWorkbook {
  const cells: Record<string, string> = { committee, period };
  for (const f of spec.fields) cells[f.name] = (values[f.name] ?? '').trim();
  return { [spec.sheet]: [{ row: 2, cells }] };
}

/** The importer's wording is for spreadsheets; say it for a form. */
export function formMessage(message: string): string {
  const missing = /^(.*) is missing$/.exec(message);
  if (missing) return `Enter the ${missing[1]!.toLowerCase()}`;
  return message;
}

/** Importer errors → the form field named by their column; others (the period's lock) → `_form`. */
export function toFieldErrors(spec: PanelSpec, errors: ImportError[]): FieldErrors {
  const names = new Set(spec.fields.map((f) => f.name));
  const out: FieldErrors = {};
  for (const e of errors) {
    const field = e.column && names.has(e.column) ? e.column : '_form';
    out[field] ??= formMessage(e.message);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The form.

export interface FormField {
  name: string;
  id: string;
  control: 'input' | 'textarea' | 'select' | 'radios' | 'fixed';
  label: string;
  hint: string;
  value: string;
  inputmode: string | null;
  classes: string;
  items: { value: string; text: string; selected?: boolean; checked?: boolean }[];
  errorMessage: { text: string } | false;
}

export function formFields(spec: PanelSpec, values: PanelValues, errors: FieldErrors, options: { priorities: string[]; mode: 'add' | 'change' }): FormField[] {
  return spec.fields.map((f): FormField => {
    const value = values[f.name] ?? '';
    const base: FormField = {
      name: f.name,
      id: f.name,
      control: 'input',
      label: fieldLabel(f) + (f.required || spec.key.includes(f.name) ? '' : ' (optional)'),
      hint: f.meaning,
      value,
      inputmode: null,
      classes: '',
      items: [],
      errorMessage: errors[f.name] ? { text: errors[f.name]! } : false,
    };
    // A row is identified by its key: changing it would be another row, so it is shown, not edited.
    if (options.mode === 'change' && spec.key.includes(f.name)) return { ...base, control: 'fixed', value: f.kind === 'enum' ? (ENUM_TEXT[value] ?? value) : value };
    const blank = { value: '', text: f.required ? 'Choose' : 'None', selected: value === '' };
    switch (f.kind) {
      case 'text':
        return LONG.has(f.name) ? { ...base, control: 'textarea' } : { ...base, classes: 'govuk-!-width-two-thirds' };
      case 'money':
        // Plain text keyboard: brackets and minus signs (negatives) are part of how £000 are typed.
        return { ...base, classes: 'govuk-input--width-10', hint: `${f.meaning}. For example 1,939, or (4) or -4 for a negative` };
      case 'number':
        return { ...base, inputmode: 'decimal', classes: 'govuk-input--width-10' };
      case 'count':
      case 'riskScore':
        return { ...base, inputmode: 'numeric', classes: 'govuk-input--width-5' };
      case 'score':
        return { ...base, control: 'select', items: [blank, ...['1', '2', '3', '4', '5'].map((v) => ({ value: v, text: v, selected: value === v }))] };
      case 'priority': {
        const names = value && !options.priorities.includes(value) ? [...options.priorities, value] : options.priorities;
        return { ...base, control: 'select', items: [blank, ...names.map((p) => ({ value: p, text: p, selected: p === value }))] };
      }
      case 'enum': {
        const words = enumValues(f);
        const current = words.find((w) => fold(w) === fold(value)) ?? value;
        const items = words.map((w) => ({ value: w, text: ENUM_TEXT[w] ?? w, checked: w === current }));
        return { ...base, control: 'radios', items: f.required ? items : [...items, { value: '', text: 'None', checked: current === '' }] };
      }
    }
  });
}

export interface PanelFormView {
  pageTitle: string;
  caption: string;
  mode: 'add' | 'change';
  action: string;
  backHref: string;
  fields: FormField[];
  /** The key of a stored row, shown and not edited. */
  fixedRows: { key: { text: string }; value: { text: string } }[];
  reason: { value: string; errorMessage: { text: string } | false };
  errorSummary: { text: string; href: string }[] | null;
  formError: string | null;
  lock: string | null;
  /** Overall status: what the data suggest for each priority (or the row's), shown beside the judgement. */
  suggestions: { priority: string; status: string; reasons: string[]; judgement: string | null }[] | null;
}

export function buildPanelFormView(args: {
  spec: PanelSpec;
  committeeSlug: string;
  period: string;
  cycleLabel: string;
  mode: 'add' | 'change';
  rowId: number | null;
  values: PanelValues;
  errors?: FieldErrors;
  priorities: string[];
  lock: string | null;
  /** The report's computed figures (the overall status form shows the data's suggestion). */
  computed?: PanelComputed | null;
}): PanelFormView {
  const { spec, mode } = args;
  const errors = args.errors ?? {};
  const fields = formFields(spec, args.values, errors, { priorities: args.priorities, mode });
  const firstEditable = fields.find((f) => f.control !== 'fixed');
  const anchor = (f: FormField) => (f.control === 'radios' ? `${f.id}` : f.id);
  const summary = [
    ...(errors._form ? [{ text: errors._form, href: `#${firstEditable ? anchor(firstEditable) : 'reason'}` }] : []),
    ...fields.filter((f) => errors[f.name]).map((f) => ({ text: errors[f.name]!, href: `#${anchor(f)}` })),
    ...(errors.reason ? [{ text: errors.reason, href: '#reason' }] : []),
  ];
  const keyText = (k: string) => ENUM_TEXT[args.values[k] ?? ''] ?? args.values[k];
  const name = mode === 'change' ? `${spec.noun} ${spec.key.map(keyText).join(' ')}` : spec.noun;
  return {
    pageTitle: `${mode === 'add' ? 'Add a' : 'Change'} ${name}`,
    caption: `${args.cycleLabel} — ${SHEET_TITLES[spec.sheet]}`,
    mode,
    action: mode === 'add' ? panelSheetPath(args.committeeSlug, args.period, spec.sheet) : panelRowPath(args.committeeSlug, args.period, spec.sheet, args.rowId!),
    backHref: panelsPath(args.committeeSlug, args.period),
    fields,
    fixedRows: fields.filter((f) => f.control === 'fixed').map((f) => ({ key: { text: f.label.replace(/ \(optional\)$/, '') }, value: { text: f.value } })),
    reason: { value: args.values.reason ?? '', errorMessage: errors.reason ? { text: errors.reason } : false },
    errorSummary: summary.length ? summary : null,
    formError: errors._form ?? null,
    lock: args.lock,
    suggestions:
      spec.sheet === 'priority_status' && args.computed
        ? args.computed.priorityStatuses
            .filter((x) => mode === 'add' || fold(x.priority) === fold(args.values.priority ?? ''))
            .map((x) => ({ priority: x.priority, status: x.computed, reasons: x.reasons, judgement: x.judgement ? x.judgement.status : null }))
        : null,
  };
}

// ---------------------------------------------------------------------------------------------
// The panels page.

/** £000 as councils print them: 1,939; negatives in brackets. */
export function money(n: number | null | undefined): string {
  if (n === null || n === undefined) return '';
  const text = Math.abs(n).toLocaleString('en-GB', { maximumFractionDigits: 2 });
  return n < 0 ? `(${text})` : text;
}

const percent = (n: number | null | undefined) => (n === null || n === undefined ? '' : `${n.toLocaleString('en-GB', { maximumFractionDigits: 1 })}%`);

/** Which typed fields each list shows, and the computed figures beside them. */
const LIST_FIELDS: Record<PanelSheet, string[]> = {
  revenue: ['service', 'revised_budget', 'forecast', 'reserve_movements'],
  capital: ['scheme', 'budget', 'additions', 'slippage', 'forecast'],
  savings: ['ref', 'description', 'target', 'achieved'],
  risks: ['risk_ref', 'title', 'priority', 'residual_likelihood', 'residual_impact'],
  workforce: ['service', 'headcount', 'agency_staff', 'agency_spend_percent', 'days_lost_per_fte'],
  customer: ['kind', 'received', 'on_time'],
  narrative: ['kind', 'position', 'text'],
  priority_status: ['priority', 'judgement', 'judgement_reason'],
};

const COMPUTED: Record<PanelSheet, string[]> = {
  revenue: ['Variance', 'Variance after reserves'],
  capital: ['Proposed budget', 'Variance'],
  savings: ['Achieved %'],
  risks: ['Residual score', 'High level'],
  workforce: [],
  customer: ['On time %'],
  narrative: [],
  priority_status: ['Suggested by the data'],
};


function computedFor(sheet: PanelSheet, row: StoredPanelRow, c: PanelComputed): string[] {
  const v = row.values;
  const same = (a: unknown, b: unknown) => fold(String(a ?? '')) === fold(String(b ?? ''));
  const p = c.panels;
  switch (sheet) {
    case 'revenue': {
      const line = p?.revenue?.lines.find((l) => same(l.service, v.service));
      return [money(line?.variance), money(line?.varianceAfterReserves)];
    }
    case 'capital': {
      const line = p?.capital?.lines.find((l) => same(l.scheme, v.scheme));
      return [money(line?.proposedBudget), money(line?.variance)];
    }
    case 'savings':
      return [percent(p?.savings?.lines.find((l) => same(l.ref, v.ref))?.achievedPercent)];
    case 'risks': {
      const risk = p?.risks.find((r) => same(r.ref, v.risk_ref));
      return [risk ? String(risk.residualScore) : '', risk ? (risk.highLevel ? 'Yes' : 'No') : ''];
    }
    case 'customer':
      return [percent(p?.customer.find((l) => same(l.kind, v.kind))?.onTimePercent)];
    case 'priority_status': {
      const s = c.priorityStatuses.find((x) => same(x.priority, v.priority));
      return [s ? `${s.computed}: ${s.reasons.join('; ')}${s.agrees === false ? ' (differs from the judgement)' : ''}` : ''];
    }
    default:
      return [];
  }
}

function typedText(f: PanelField, value: string | number | null): string {
  if (value === null || value === undefined) return '';
  if (f.kind === 'money') return money(Number(value));
  if (f.kind === 'enum') return ENUM_TEXT[String(value)] ?? String(value);
  const text = String(value);
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}

export interface PanelSection {
  sheet: PanelSheet;
  title: string;
  id: string;
  headings: { text: string; numeric: boolean }[];
  rows: { cells: { text: string; numeric: boolean }[]; href: string; name: string }[];
  total: { text: string; numeric: boolean }[] | null;
  addHref: string;
  addText: string;
  /** Overall status: the priorities with no judgement recorded, each with the data's suggestion and a link to record one. */
  unjudged: { priority: string; suggestion: string; href: string }[];
}

export interface PanelsView {
  pageTitle: string;
  cycleLabel: string;
  entryHref: string;
  dashboardHref: string;
  sections: PanelSection[];
  lock: string | null;
  notice: string | null;
}

export function buildPanelsView(args: {
  committeeSlug: string;
  period: string;
  cycleLabel: string;
  entryHref: string;
  stored: StoredPanels;
  computed: PanelComputed;
  /** Why changes will be refused (the period is published), or null: the importer refuses them. */
  lock: string | null;
  notice: string | null;
}): PanelsView {
  const { committeeSlug: slug, period } = args;
  const sections = PANEL_SHEETS.map((sheet): PanelSection => {
    const spec = PANELS[sheet];
    const fields = LIST_FIELDS[sheet].map((n) => spec.fields.find((f) => f.name === n)!);
    const numeric = (f: PanelField) => f.kind !== 'text' && f.kind !== 'enum' && f.kind !== 'priority';
    const headings = [
      ...fields.map((f) => ({ text: fieldLabel(f), numeric: numeric(f) })),
      ...COMPUTED[sheet].map((text) => ({ text: sheet === 'priority_status' ? text : `${text} (computed)`, numeric: sheet !== 'priority_status' && text !== 'High level' })),
    ];
    const rows = args.stored[sheet].map((row) => ({
      name: spec.key.map((k) => typedText(spec.fields.find((f) => f.name === k)!, row.values[k] ?? null)).join(' '),
      cells: [
        ...fields.map((f) => ({ text: typedText(f, row.values[f.name] ?? null), numeric: numeric(f) })),
        ...computedFor(sheet, row, args.computed).map((text, i) => ({ text, numeric: headings[fields.length + i]!.numeric })),
      ],
      href: panelRowPath(slug, period, sheet, row.id),
    }));
    const revenueTotal = sheet === 'revenue' && rows.length ? args.computed.panels?.revenue?.total : null;
    const total = revenueTotal
      ? [
          { text: 'Total', numeric: false },
          { text: money(revenueTotal.revisedBudget), numeric: true },
          { text: money(revenueTotal.forecast), numeric: true },
          { text: money(revenueTotal.reserveMovements), numeric: true },
          { text: money(revenueTotal.variance), numeric: true },
          { text: money(revenueTotal.varianceAfterReserves), numeric: true },
        ]
      : null;
    return {
      sheet,
      title: SHEET_TITLES[sheet],
      id: `panel-${sheet.replace(/_/g, '-')}`,
      headings,
      rows,
      total,
      addHref: panelNewPath(slug, period, sheet),
      addText: sheet === 'priority_status' ? 'Record the overall status of a priority' : `Add a ${spec.noun}`,
      unjudged:
        sheet === 'priority_status'
          ? args.computed.priorityStatuses
              .filter((x) => !x.judgement && !args.stored.priority_status.some((r) => fold(String(r.values.priority ?? '')) === fold(x.priority)))
              .map((x) => ({ priority: x.priority, suggestion: `${x.computed}: ${x.reasons.join('; ')}`, href: `${panelNewPath(slug, period, sheet)}?priority=${encodeURIComponent(x.priority)}` }))
          : [],
    };
  });
  return {
    pageTitle: 'Finance, risk and narrative panels',
    cycleLabel: args.cycleLabel,
    entryHref: args.entryHref,
    dashboardHref: dashboardPath(slug, period),
    sections,
    lock: args.lock,
    notice: args.notice,
  };
}
