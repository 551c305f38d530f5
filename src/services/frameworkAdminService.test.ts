import { describe, expect, it } from 'vitest';
import { formMessage, isLowered, normaliseLines, settingsFromInput, toFieldErrors } from './frameworkAdminService.ts';

describe('framework administration helpers', () => {
  it('keeps terms of reference as one responsibility per line, whatever the browser sent', () => {
    expect(normaliseLines('  (1) Libraries.\r\n\r\n(2) Community safety.  \r(3) Grants.\n')).toBe('(1) Libraries.\n(2) Community safety.\n(3) Grants.');
  });

  it('tells a lowered target by polarity, only between numbers of the same kind', () => {
    const v = (value: number) => ({ form: 'value' as const, value });
    expect(isLowered(v(65), v(68), 'bigger')).toBe(true);
    expect(isLowered(v(70), v(68), 'bigger')).toBe(false);
    expect(isLowered(v(8), v(6), 'smaller')).toBe(true);
    expect(isLowered({ form: 'threshold', value: 80, comparator: 'at-or-above' }, v(85), 'bigger')).toBe(true);
    expect(isLowered({ form: 'monitor' }, v(85), 'bigger')).toBe(false);
    expect(isLowered({ form: 'value', value: 10, qualifier: 'reduction' }, v(20), 'bigger')).toBe(false);
  });

  it("maps the importer's errors to form fields, in form wording", () => {
    const errors = toFieldErrors(
      [
        { sheet: 'targets', row: 2, column: 'period', value: '2030/31', message: 'No rating method for plan year 2030/31: add a row for it to the settings sheet' },
        { sheet: 'targets', row: 2, column: 'period', value: '2030/31', message: 'second' },
        { sheet: 'targets', row: null, column: null, value: null, message: 'Something else' },
      ],
      { period: 'period' },
      'target',
    );
    expect(errors).toEqual({ period: 'No rating method for plan year 2030/31: add the plan year under “Plan years and rating methods” first', target: 'Something else' });
    expect(formMessage('Red from applies only to rag_method variance, not achievement')).toBe('Red from applies only to method variance, not achievement');
  });

  it('reads a plan-year form as the importer does, with only the chosen method’s fields', () => {
    const input = { plan_year: '', rag_method: 'variance', formula: 'ratio', green_from: '100', green_amber_from: '80', red_amber_from: '65', red_from: '12.5', directional_targets: 'monitor', high_risk_from: '15', reason: '' };
    expect(settingsFromInput(input, 2019)).toEqual({ method: { kind: 'variance', redFrom: 12.5 }, directionalPolicy: 'monitor', highRiskFrom: 15 });
    expect(settingsFromInput({ ...input, rag_method: 'achievement', formula: 'baseline' }, 2019)!.method).toEqual({ kind: 'achievement', formula: 'baseline', greenFrom: 100, greenAmberFrom: 80, redAmberFrom: 65 });
    expect(settingsFromInput({ ...input, rag_method: 'achievement', green_amber_from: '100' }, 2019)).toBeNull();
    expect(settingsFromInput({ ...input, rag_method: '' }, 2019)).toBeNull();
  });

});
