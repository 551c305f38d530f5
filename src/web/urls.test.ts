import { describe, expect, it } from 'vitest';
import { dashboardPath, indicatorPath, indicatorSlug, periodKeyFromSlug, periodSlug, queryString } from './urls.ts';

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
