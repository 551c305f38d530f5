import { describe, expect, it } from 'vitest';
import type { StoredPanelRow, StoredPanels } from '../../../services/panelEntryService.ts';
import type { ReportPanels } from '../../../services/reportPanels.ts';
import { PANELS, PANEL_SHEETS } from '../../../workbook/panelSpecs.ts';
import { validateWorkbook } from '../../../workbook/validate.ts';
import {
  buildPanelFormView,
  buildPanelsView,
  formFields,
  money,
  preChecks,
  readValues,
  storedToValues,
  toFieldErrors,
  toWorkbook,
  withNextPosition,
} from './viewModel.ts';

const row = (id: number, values: StoredPanelRow['values']): StoredPanelRow => ({ id, committeeId: 1, period: '2018-Q2', values });
const empty = (): StoredPanels => Object.fromEntries(PANEL_SHEETS.map((s) => [s, []])) as unknown as StoredPanels;

describe('panel entry view models', () => {
  it('builds every input from the spec: money as text, scores as 1–5, enums as radios, priorities as a select', () => {
    const fields = formFields(PANELS.risks, storedToValues(PANELS.risks, null), {}, { priorities: ['Safer communities'], mode: 'add' });
    const by = Object.fromEntries(fields.map((f) => [f.name, f]));
    expect(by.risk_ref).toMatchObject({ control: 'input', label: 'Risk ref' });
    expect(by.owner!.label).toBe('Owner (optional)');
    expect(by.commentary!.control).toBe('textarea');
    expect(by.residual_likelihood!.items.map((i) => i.value)).toEqual(['', '1', '2', '3', '4', '5']);
    expect(by.residual_score).toMatchObject({ control: 'input', inputmode: 'numeric' });
    expect(by.kind!.control).toBe('radios');
    expect(by.kind!.items.map((i) => i.value)).toEqual(['strategic', 'service']);
    expect(by.priority!.items.map((i) => i.text)).toEqual(['None', 'Safer communities']);
    const revenue = Object.fromEntries(formFields(PANELS.revenue, storedToValues(PANELS.revenue, null), {}, { priorities: [], mode: 'add' }).map((f) => [f.name, f]));
    expect(revenue.forecast).toMatchObject({ control: 'input', inputmode: null });
    expect(revenue.forecast!.hint).toContain('(4)');
    const workforce = formFields(PANELS.workforce, storedToValues(PANELS.workforce, null), {}, { priorities: [], mode: 'add' });
    expect(workforce.find((f) => f.name === 'headcount')!.inputmode).toBe('decimal');
    const status = formFields(PANELS.priority_status, { ...storedToValues(PANELS.priority_status, null), judgement: 'Red' }, {}, { priorities: [], mode: 'add' });
    expect(status.find((f) => f.name === 'judgement_reason')!.control).toBe('textarea');
    expect(status.find((f) => f.name === 'judgement')!.items).toEqual([
      { value: 'Green', text: 'Green', checked: false },
      { value: 'Amber', text: 'Amber', checked: false },
      { value: 'Red', text: 'Red', checked: true },
      { value: '', text: 'None', checked: false },
    ]);
  });

  it('shows a stored row’s key and does not let it be edited', () => {
    const values = storedToValues(PANELS.customer, row(3, { kind: 'foi', received: 10, on_time: 9 }));
    const view = buildPanelFormView({ spec: PANELS.customer, committeeSlug: 'c', period: '2018-Q2', cycleLabel: 'C Q2 2018/19', mode: 'change', rowId: 3, values, priorities: [], lock: null });
    expect(view.fields[0]).toMatchObject({ control: 'fixed', value: 'FOI requests' });
    expect(view.fixedRows).toEqual([{ key: { text: 'Kind' }, value: { text: 'FOI requests' } }]);
    expect(view.action).toBe('/committees/c/2018-19-q2/panels/customer/3');
    expect(view.pageTitle).toBe('Change customer experience line FOI requests');
  });

  it('puts importer errors on the field named by their column, and the rest in the summary', () => {
    const values = { ...readValues(PANELS.revenue, { service: 'Parks', revised_budget: 'lots', forecast: '' }) };
    const validated = validateWorkbook(toWorkbook(PANELS.revenue, 'Community Leadership Committee', 'Q2 2018/19', values));
    expect(validated.ok).toBe(false);
    const errors = toFieldErrors(PANELS.revenue, validated.ok ? [] : validated.errors);
    expect(errors).toEqual({ revised_budget: 'Revised budget "lots" is not a number (£000, e.g. 1,939 or (4))', forecast: 'Enter the forecast' });
    const locked = toFieldErrors(PANELS.revenue, [{ sheet: 'revenue', row: 2, column: 'period', value: 'Q2 2018/19', message: 'X Q2 2018/19 is published' }]);
    expect(locked).toEqual({ _form: 'X Q2 2018/19 is published' });
    const view = buildPanelFormView({ spec: PANELS.revenue, committeeSlug: 'c', period: '2018-Q2', cycleLabel: 'C', mode: 'add', rowId: null, values, errors: { ...errors, ...locked }, priorities: [], lock: null });
    expect(view.errorSummary).toEqual([
      { text: 'X Q2 2018/19 is published', href: '#service' },
      { text: errors.revised_budget, href: '#revised_budget' },
      { text: 'Enter the forecast', href: '#forecast' },
    ]);
    expect(view.fields.find((f) => f.name === 'revised_budget')).toMatchObject({ value: 'lots', errorMessage: { text: errors.revised_budget } });
  });

  it('refuses a new row with a stored key and overlong text; numbers new narrative items after their kind', () => {
    const stored = [row(1, { service: 'Community Safety' })];
    expect(preChecks(PANELS.revenue, { ...readValues(PANELS.revenue, { service: ' community safety ' }) }, stored, 'add').service).toContain('already a revenue line');
    expect(preChecks(PANELS.revenue, readValues(PANELS.revenue, { service: 'Community Safety' }), stored, 'change')).toEqual({});
    expect(preChecks(PANELS.revenue, readValues(PANELS.revenue, { service: 'P', comments: 'x'.repeat(5001) }), [], 'add').comments).toBe('Comments must be 5,000 characters or fewer');
    const narrative = [row(1, { kind: 'success', position: 1 }), row(2, { kind: 'success', position: 4 }), row(3, { kind: 'challenge', position: 7 })];
    expect(withNextPosition(PANELS.narrative, readValues(PANELS.narrative, { kind: 'success', text: 'x' }), narrative).position).toBe('5');
    expect(withNextPosition(PANELS.narrative, readValues(PANELS.narrative, { kind: 'equalities', text: 'x' }), narrative).position).toBe('1');
    expect(withNextPosition(PANELS.narrative, readValues(PANELS.narrative, { kind: 'success', position: '2' }), narrative).position).toBe('2');
  });

  it('lists each panel with the typed figures and the computed ones beside them', () => {
    const stored = empty();
    stored.revenue = [row(7, { service: 'Community Safety', original_budget: null, revised_budget: 1939, forecast: 1935, reserve_movements: 0, comments: null })];
    const line = { service: 'Community Safety', originalBudget: null, revisedBudget: 1939, forecast: 1935, reserveMovements: 0, comments: null, variance: -4, variancePercent: -0.2, forecastAfterReserves: 1935, varianceAfterReserves: -4, varianceAfterReservesPercent: -0.2 };
    const panels = { revenue: { lines: [line], total: { ...line, service: 'Total' } }, capital: null, savings: null, risks: [], highRiskFrom: 15, workforce: [], customer: [], narrative: {} } as unknown as ReportPanels;
    const view = buildPanelsView({ committeeSlug: 'c', period: '2018-Q2', cycleLabel: 'C Q2 2018/19', entryHref: '/e', stored, computed: { panels, priorityStatuses: [] }, lock: null, notice: null });
    expect(view.sections.map((s) => s.sheet)).toEqual([...PANEL_SHEETS]);
    const revenue = view.sections[0]!;
    expect(revenue.headings.map((h) => h.text)).toEqual(['Service', 'Revised budget', 'Forecast', 'Reserve movements', 'Variance (computed)', 'Variance after reserves (computed)']);
    expect(revenue.rows[0]!.cells.map((c) => c.text)).toEqual(['Community Safety', '1,939', '1,935', '0', '(4)', '(4)']);
    expect(revenue.rows[0]!.href).toBe('/committees/c/2018-19-q2/panels/revenue/7');
    expect(revenue.total!.map((c) => c.text)).toEqual(['Total', '1,939', '1,935', '0', '(4)', '(4)']);
    expect(revenue.addHref).toBe('/committees/c/2018-19-q2/panels/revenue/new');
    expect(view.sections[1]!.rows).toEqual([]);
    expect(money(-1234.5)).toBe('(1,234.5)');
    expect(money(null)).toBe('');
  });
});
