import { describe, expect, it } from 'vitest';
import { buildPlanYearFormView, buildPlanYearListView, EMPTY_PLAN_YEAR, planYearToInput, yearFromSlug } from './viewModel.ts';
import { yearSlug } from '../../../urls.ts';

const variance = { startYear: 2018, method: { kind: 'variance' as const, redFrom: 10 }, directionalPolicy: 'monitor' as const, highRiskFrom: 15 };
const achievement = {
  startYear: 2016,
  method: { kind: 'achievement' as const, formula: 'ratio' as const, greenFrom: 100, greenAmberFrom: 80, redAmberFrom: 65 },
  directionalPolicy: 'previous-year' as const,
  highRiskFrom: 15,
};

describe('plan-year view models', () => {
  it('maps plan years to and from their URL form', () => {
    expect(yearSlug(2018)).toBe('2018-19');
    expect(yearSlug(1999)).toBe('1999-00');
    expect(yearFromSlug('2018-19')).toBe(2018);
    expect(yearFromSlug('2018-20')).toBeNull();
    expect(yearFromSlug('2018')).toBeNull();
  });

  it('lists plan years newest first with their method and lock', () => {
    const view = buildPlanYearListView([achievement, variance], new Set([2016]));
    expect(view.years.map((y) => [y.label, y.locked])).toEqual([
      ['2018/19', false],
      ['2016/17', true],
    ]);
    expect(view.years[0]!.method).toBe('Method A (percentage variance): Red from 10% off target');
    expect(view.years[1]!.policy).toBe('Rated against the same period last year');
  });

  it('shows the printed key of the stored method, and of the form values when they differ', () => {
    const same = buildPlanYearFormView({ mode: 'change', values: planYearToInput(variance), stored: variance });
    expect(same.storedKey!.rows.map((r) => r.band)).toEqual(['On target', 'Up to 9.9% off target', '10% or more off target']);
    expect(same.formKey).toBeNull();
    const changed = buildPlanYearFormView({ mode: 'change', values: { ...planYearToInput(variance), red_from: '20' }, stored: variance });
    expect(changed.formKey!.rows[1]!.band).toBe('Up to 19.9% off target');
    const bands = buildPlanYearFormView({ mode: 'change', values: planYearToInput(achievement), stored: variance });
    expect(bands.formKey!.rows.map((r) => r.label)).toEqual(['Green', 'Green Amber', 'Red Amber', 'Red']);
    expect(bands.formKey!.policy).toContain('rated against the same period last year');
  });

  it('builds the error summary in form order, linking to each field, and keeps the values', () => {
    const view = buildPlanYearFormView({
      mode: 'add',
      values: { ...EMPTY_PLAN_YEAR, plan_year: 'next year' },
      errors: { reason: 'Enter the reason', plan_year: 'Enter the plan year as a financial year, like 2019/20' },
    });
    expect(view.errorSummary).toEqual([
      { text: 'Enter the plan year as a financial year, like 2019/20', href: '#plan_year' },
      { text: 'Enter the reason', href: '#reason' },
    ]);
    expect(view.errors.plan_year).toEqual({ text: 'Enter the plan year as a financial year, like 2019/20' });
    expect(view.values.plan_year).toBe('next year');
    expect(view.formKey).toBeNull();
  });
});
