import { describe, expect, it } from 'vitest';
import { buildCommitteeFormView, buildCommitteeListView, buildPriorityFormView, buildTermsFormView, EMPTY_COMMITTEE, termsInputFor } from './viewModel.ts';

const committee = {
  id: 1,
  slug: 'community-leadership-committee',
  terms: [
    { fromYear: null, text: 'Community safety.\nEmergency planning.' },
    { fromYear: 2018, text: 'Libraries and community safety.' },
  ],
  names: [
    { name: 'Community Leadership Committee', fromYear: null },
    { name: 'Community Leadership and Libraries Committee', fromYear: 2018 },
  ],
  priorities: [{ id: 7, committeeId: 1, name: 'Safe communities', outcome: 'People feel safe', corporateOutcome: null }],
};

describe('committee view models', () => {
  it('lists committees by their current name with earlier names', () => {
    expect(buildCommitteeListView([committee]).committees).toEqual([
      { name: 'Community Leadership and Libraries Committee', href: '/admin/framework/committees/community-leadership-committee', earlier: 'Community Leadership Committee', priorities: 1 },
    ]);
  });

  it('shows the names by plan year and the priorities of a committee', () => {
    const view = buildCommitteeFormView({ mode: 'change', values: EMPTY_COMMITTEE, committee });
    expect(view.pageTitle).toBe('Community Leadership and Libraries Committee');
    expect(view.committee!.names).toEqual([
      { name: 'Community Leadership Committee', from: 'From the start' },
      { name: 'Community Leadership and Libraries Committee', from: 'From 2018/19' },
    ]);
    expect(view.committee!.priorities[0]).toMatchObject({ name: 'Safe communities', href: '/admin/framework/committees/community-leadership-committee/priorities/7' });
    expect(view.action).toBe('/admin/framework/committees/community-leadership-committee');
  });

  it('lists the terms of reference over time, each until the next, with a link to change each', () => {
    const view = buildCommitteeFormView({ mode: 'change', values: EMPTY_COMMITTEE, committee, paper: { reportOf: 'Committee Chairman', officer: null } });
    expect(view.committee!.terms).toEqual([
      { from: 'From the start', until: 'Until 2017/18', lines: ['Community safety.', 'Emergency planning.'], changeHref: '/admin/framework/committees/community-leadership-committee/terms?from=start' },
      { from: 'From 2018/19', until: 'Until further notice', lines: ['Libraries and community safety.'], changeHref: '/admin/framework/committees/community-leadership-committee/terms?from=2018-19' },
    ]);
    expect(view.committee!.paper.map((r) => r.value.text)).toEqual(['Committee Chairman', 'Not set']);
  });

  it('opens the terms form on a year\'s text, or blank to add one', () => {
    expect(termsInputFor(committee, '2018-19')).toEqual({ from_plan_year: '2018/19', terms_of_reference: 'Libraries and community safety.', reason: '' });
    expect(termsInputFor(committee, 'start')).toMatchObject({ from_plan_year: '', terms_of_reference: 'Community safety.\nEmergency planning.' });
    expect(termsInputFor(committee, undefined)).toEqual({ from_plan_year: '', terms_of_reference: '', reason: '' });
    const view = buildTermsFormView({ committee, values: termsInputFor(committee, undefined), errors: { reason: 'Enter the reason', terms_of_reference: 'Enter the terms' } });
    expect(view.errorSummary!.map((e) => e.href)).toEqual(['#terms_of_reference', '#reason']);
  });

  it('links each error to its field', () => {
    const view = buildCommitteeFormView({ mode: 'add', values: { ...EMPTY_COMMITTEE, name: 'x' }, errors: { from_plan_year: 'Bad year', name: 'Taken' } });
    expect(view.errorSummary!.map((e) => e.href)).toEqual(['#name', '#from_plan_year']);
  });

  it('builds the priority form for adding and changing', () => {
    const add = buildPriorityFormView({ committee, priority: null, values: { priority: '', outcome: '', corporate_outcome: '', reason: '' }, corporateOutcomes: [] });
    expect(add).toMatchObject({ mode: 'add', pageTitle: 'Add a priority', action: '/admin/framework/committees/community-leadership-committee/priorities' });
    const change = buildPriorityFormView({ committee, priority: committee.priorities[0]!, values: { priority: 'Safe communities', outcome: '', corporate_outcome: '', reason: '' }, corporateOutcomes: ['A'] });
    expect(change).toMatchObject({ mode: 'change', pageTitle: 'Safe communities', committeeName: 'Community Leadership and Libraries Committee' });
  });
});
