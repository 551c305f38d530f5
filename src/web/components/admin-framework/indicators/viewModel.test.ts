import { describe, expect, it } from 'vitest';
import type { AdminVersion } from '../../../../services/frameworkAdminService.ts';
import { buildIndicatorFormView, buildTargetsView, changedFields, EMPTY_INDICATOR, thisPlanYear } from './viewModel.ts';

const committee = {
  id: 1,
  slug: 'clc',
  terms: [],
  names: [
    { name: 'Community Leadership Committee', fromYear: null },
    { name: 'Community Leadership and Libraries Committee', fromYear: 2018 },
  ],
  priorities: [{ id: 7, committeeId: 1, name: 'Safe communities', outcome: null, corporateOutcome: null }],
};
const v1: AdminVersion = {
  id: 1,
  indicatorId: 1,
  fromYear: null,
  title: 'Public confidence',
  committeeId: 1,
  priorityId: 7,
  priority: 'Safe communities',
  type: 'CPI',
  polarity: 'bigger',
  unit: 'percent',
  frequency: 'biannual',
  basis: 'discrete',
  source: "Residents' Perception Survey",
  tolerance: 4.4,
  definition: 'Share of residents',
  measuredAgainst: null,
  owner: null,
  footnote: null,
};
const v2: AdminVersion = { ...v1, id: 2, fromYear: 2019, title: 'Public confidence (new wording)', definition: 'Share of all residents' };

describe('indicator view models', () => {
  it('says what each version changed, with the committee name of its year', () => {
    expect(changedFields(undefined, v1)).toBe('First definition');
    expect(changedFields(v1, v2)).toBe('Changed: title, definition');
    expect(changedFields(v1, { ...v1 })).toBe('No change');
    const view = buildIndicatorFormView({ mode: 'change', ref: 'CG/S4', values: EMPTY_INDICATOR, versions: [v1, v2], committees: [committee], planYears: [2018, 2019] });
    expect(view.versions.map((v) => [v.from, v.committee, v.polarity, v.tolerance])).toEqual([
      ['From the start', 'Community Leadership Committee', 'Bigger is Better', '±4.4'],
      ['From 2019/20', 'Community Leadership and Libraries Committee', 'Bigger is Better', '±4.4'],
    ]);
    expect(view.pageTitle).toBe('Public confidence (new wording)');
    expect(view.targetsHref).toBe('/admin/framework/indicators/cg-s4/targets');
    expect(view.planYearItems.map((i) => i.value)).toEqual(['', '2019/20', '2018/19']);
    expect(view.priorityItems[1]).toEqual({ value: '7', text: 'Community Leadership and Libraries Committee: Safe communities', selected: false });
  });

  it("puts next year's target form beside this year's target", () => {
    const targets = [
      { period: '2018', planYear: 2018, spec: { form: 'value' as const, value: 68 }, printed: '68%', reason: null },
      { period: '2018-Q2', planYear: 2018, spec: { form: 'not-applicable' as const }, printed: 'N/A', reason: null },
      { period: '2017', planYear: 2017, spec: { form: 'value' as const, value: 70 }, printed: '70%', reason: 'Lowered: new survey' },
    ];
    expect(thisPlanYear(targets, [2017, 2018])).toBe(2018);
    const view = buildTargetsView({ ref: 'CG/S4', title: 'Public confidence', targets, planYears: [2017, 2018] });
    expect(view.thisYear).toEqual({ label: '2018/19', printed: '68%', reason: '' });
    expect(view.values.period).toBe('2019/20');
    expect(view.nextYearLabel).toBe('2019/20');
    expect(view.targets.map((x) => x.period)).toEqual(['2018/19', 'Q2 2018/19', '2017/18']);
  });
});
