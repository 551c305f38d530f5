import { describe, expect, it } from 'vitest';
import * as urls from './urls.ts';
import { dashboardPath, indicatorPath, indicatorSlug, periodKeyFromSlug, periodSlug, queryString, ROUTES } from './urls.ts';

describe('period slugs', () => {
  it.each([
    ['2016', '2016-17'],
    ['2018-Q2', '2018-19-q2'],
    ['2015-Q3', '2015-16-q3'],
    ['1999', '1999-00'],
    ['2018-08', '2018-aug'],
  ])('%s ⇄ %s', (key, slug) => {
    expect(periodSlug(key)).toBe(slug);
    expect(periodKeyFromSlug(slug)).toBe(key);
  });

  it('rejects what is not a period in URL form', () => {
    for (const bad of ['2016-18', '2016/17', '2018-19-q5', 'q2-2018-19', '2018-xyz', '', '2016-17-', '../2016-17', '2016-17-Q2']) {
      expect(periodKeyFromSlug(bad)).toBeNull();
    }
  });
});

describe('indicator slugs', () => {
  it('turns refs into lower-case slugs without slashes', () => {
    expect(indicatorSlug('CG/S3')).toBe('cg-s3');
    expect(indicatorSlug('CG/CR1')).toBe('cg-cr1');
    expect(indicatorSlug(' KPI 12.a ')).toBe('kpi-12-a');
    expect(indicatorPath('CG/C27')).toBe('/indicators/cg-c27');
  });
});

describe('paths', () => {
  it('builds dashboard paths and query strings', () => {
    expect(dashboardPath('community-leadership-committee', '2018-Q2')).toBe('/committees/community-leadership-committee/2018-19-q2');
    expect(queryString({ rating: 'G', type: '', sort: 'ref', order: undefined })).toBe('?rating=G&sort=ref');
    expect(queryString({})).toBe('');
    expect(queryString({ priority: 'Safe & sound' })).toBe('?priority=Safe+%26+sound');
  });
});

describe('link builders', () => {
  const slug = 'community-leadership-committee';
  const base = `/committees/${slug}/2018-19-q2`;
  it.each([
    [urls.committeePath(slug), `/committees/${slug}`],
    [urls.actionsPath(slug, '2018-Q2'), `${base}/actions`],
    [urls.reportsPath(slug, '2018-Q2'), `${base}/reports`],
    [urls.reportFilePath(slug, '2018-Q2', 'quarterly', 'pdf'), `${base}/reports/quarterly.pdf`],
    [urls.performanceReportPath({ committee: slug, period: 'Q2 2018/19' }), `/reports/performance?committee=${slug}&period=Q2+2018%2F19`],
    [urls.performanceReportPath({ committee: slug, period: 'Q2 2018/19', format: 'md' }), `/reports/performance?committee=${slug}&period=Q2+2018%2F19&format=md`],
    [urls.openDataFilePath('datapackage.json'), '/open-data/datapackage.json'],
    [urls.signInPath(), '/sign-in'],
    [urls.signInPath('/admin/users?x=1'), '/sign-in?next=%2Fadmin%2Fusers%3Fx%3D1'],
    [urls.entryPath(slug, '2018-Q2'), `${base}/data-entry`],
    [urls.resultEntryPath(slug, '2018-Q2', 'CG/S3'), `${base}/data-entry/indicators/cg-s3`],
    [urls.actionEntryPath(slug, '2018-Q2', 'KA 1/2'), `${base}/data-entry/actions/KA%201%2F2`],
    [urls.signOffPath(slug, '2018-Q2'), `${base}/sign-off`],
    [urls.panelsPath(slug, '2018-Q2'), `${base}/panels`],
    [urls.panelSheetPath(slug, '2018-Q2', 'revenue'), `${base}/panels/revenue`],
    [urls.panelRowPath(slug, '2018-Q2', 'revenue', 7), `${base}/panels/revenue/7`],
    [urls.panelNewPath(slug, '2018-Q2', 'revenue'), `${base}/panels/revenue/new`],
    [urls.importPreviewPath('abc_-1'), '/import/abc_-1'],
    [urls.adminUserPath(4), '/admin/users/4'],
    [urls.adminUserPasswordPath(4), '/admin/users/4/password'],
    [urls.planYearPath(2018), '/admin/framework/plan-years/2018-19'],
    [urls.committeeAdminPath('a b'), '/admin/framework/committees/a%20b'],
    [urls.prioritiesAdminPath('c'), '/admin/framework/committees/c/priorities'],
    [urls.priorityAdminPath('c', 3), '/admin/framework/committees/c/priorities/3'],
    [urls.indicatorAdminPath('CG/S3'), '/admin/framework/indicators/cg-s3'],
    [urls.targetsAdminPath('CG/S3'), '/admin/framework/indicators/cg-s3/targets'],
  ])('%s', (built, expected) => expect(built).toBe(expected));

  it('names every route pattern once', () => {
    const patterns = Object.values(ROUTES);
    expect(new Set(patterns).size).toBe(patterns.length);
    for (const p of patterns) expect(p).toMatch(/^\/[a-zA-Z0-9\-/:.]*$/);
  });
});
