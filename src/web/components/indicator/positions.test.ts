import { describe, expect, it } from 'vitest';
import { rankArea } from '../../../domain/ranking.ts';
import type { IndicatorPositions } from '../../../services/comparatorService.ts';
import { buildPositionsView } from './positions.ts';

const group = { id: 'g', name: 'test boroughs', areaCodes: ['A', 'B', 'C', 'D'] };
const ranking = (values: [string, number | null][]) =>
  rankArea({ areaCode: 'A', groupName: group.name, polarity: 'smaller', englandValue: null, values: values.map(([code, value]) => ({ code, name: `Area ${code}`, value })) });

function positions(): IndicatorPositions {
  return {
    areaCode: 'A',
    areaName: 'Area A',
    groups: [
      {
        group,
        periods: [
          { period: '2017-Q2', ranking: ranking([['A', 50], ['B', 40], ['C', 60], ['D', 70]]), illustrative: false, illustrativeAreas: [], region: null, sources: ['S'] },
          { period: '2018-Q2', ranking: ranking([['A', 45], ['B', 40], ['C', 45], ['D', null]]), illustrative: true, illustrativeAreas: ['C'], region: { name: 'Region', value: 47 }, sources: ['S', 'Assumed'] },
        ],
      },
    ],
  };
}

describe('how it compares on the indicator page', () => {
  it('gives the latest period first: its sentence, ties shared, missing areas listed, assumed values marked', () => {
    const view = buildPositionsView(positions(), 'rate')!;
    const g = view.groups[0]!;
    expect(g.period).toBe('Q2 2018/19');
    expect(g.sentence).toBe('Area A is =2nd lowest of 3 test boroughs (2nd quartile, second best quarter)');
    expect(g.region).toBe('Region as a whole: 47 (shown for reference, not ranked)');
    expect(g.illustrative).toBe(true);
    expect(g.table.rows.map((r) => [r.rank, r.area, r.highlight, r.illustrative])).toEqual([
      ['1st', 'Area B', false, false],
      ['=2nd', 'Area A', true, false],
      ['=2nd', 'Area C', false, true],
      ['–', 'Area D', false, false],
    ]);
    expect(g.history.map((h) => [h.period, h.position, h.quartile])).toEqual([
      ['Q2 2018/19', '=2nd lowest of 3', '2nd'],
      ['Q2 2017/18', '2nd lowest of 4', '2nd'],
    ]);
    // Both charts are images with a name and a description that holds every figure.
    expect(g.position).toContain('role="img"');
    expect(g.position).toContain('=2nd Area A 45');
    expect(g.overTime).toContain('Area A: Q2 2017/18: 50; Q2 2018/19: 45');
  });

  it('shows nothing without positions', () => {
    expect(buildPositionsView(null, 'rate')).toBeNull();
    expect(buildPositionsView({ areaCode: 'A', areaName: 'A', groups: [] }, 'rate')).toBeNull();
  });
});
