import { describe, expect, it } from 'vitest';
import { buildPaperFormView, paperFormValues, readPaperForm } from './viewModel.ts';

describe('who papers are from: view models', () => {
  it('reads a form body, strings only', () => {
    expect(readPaperForm({ report_of: 'Chair', officer_name: ['a', 'b'], version: 'v1' })).toEqual({
      report_of: 'Chair',
      officer_name: '',
      officer_role: '',
      officer_email: '',
      officer_phone: '',
      reason: '',
      version: 'v1',
    });
  });

  it('a period’s form shows what the papers print, where each comes from, and the committee’s; errors in field order', () => {
    const view = buildPaperFormView({
      scope: 'period',
      label: 'CLLC Q2 2018/19',
      action: '/committees/c/2018-19-q2/paper',
      backHref: '/committees/c/2018-19-q2/sign-off',
      backText: 'Back to sign-off',
      values: paperFormValues(null, 'none'),
      errors: { officer_email: 'Enter an email address', report_of: 'Too long' },
      resolved: { reportOf: 'Committee Chairman', officer: null, from: { reportOf: 'committee', officer: null } },
      committeeDetails: { reportOf: 'Committee Chairman', officer: null },
      committeeHref: '/admin/framework/committees/c/paper',
      lock: null,
    });
    expect(view.pageTitle).toBe('Who this period’s papers are from');
    expect(view.printed!.map((r) => r.value.text)).toEqual(['Committee Chairman (the committee’s, for all its papers)', 'Not set: the cover sheet leaves it out']);
    expect(view.committeeRows!.map((r) => r.value.text)).toEqual(['Committee Chairman', 'Not set']);
    expect(view.errorSummary).toEqual([
      { text: 'Too long', href: '#report_of' },
      { text: 'Enter an email address', href: '#officer_email' },
    ]);
    expect(view.conflict).toBeNull();
  });

  it('a committee’s form shows the values stored and, after a conflict, what someone else saved', () => {
    const view = buildPaperFormView({
      scope: 'committee',
      label: 'CLLC',
      action: '/admin/framework/committees/c/paper',
      backHref: '/admin/framework/committees/c',
      backText: 'Back to CLLC',
      values: paperFormValues({ reportOf: 'Chair', officer: null }, 'abc'),
      conflict: null,
    });
    expect(view.values).toMatchObject({ report_of: 'Chair', version: 'abc' });
    expect(view.printed).toBeNull();
    expect(view.committeeRows).toBeNull();
    expect(view.conflict!.map((r) => r.value.text)).toEqual(['Not set', 'Not set']);
  });
});
