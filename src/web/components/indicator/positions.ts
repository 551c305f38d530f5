/**
 * "How it compares" on the indicator page (issue 13, deliverable 3): for each comparator group, the
 * council's position in the latest period it may be seen in ("Barnet is 8th lowest of 32 London
 * boroughs"), computed by src/domain/ranking.ts, with a chart of the council against the group over
 * time, a position chart of the latest period and the same figures as tables. Values that were assumed
 * (the demo's) are said to be illustrative beside every figure they enter.
 */
import { formatValue } from '../../../domain/format.ts';
import { formatPeriod, formatShortPeriod, monthsOf, periodFromKey } from '../../../domain/periods.ts';
import { ordinal } from '../../../domain/ranking.ts';
import type { IndicatorPositions } from '../../../services/comparatorService.ts';
import { lineChart } from '../../charts/lineChart.ts';
import { positionChart } from '../../charts/positionChart.ts';

export interface PositionHistoryRow {
  period: string;
  position: string;
  quartile: string;
  value: string;
  median: string;
  england: string;
}

export interface GroupPositionsView {
  id: string;
  heading: string;
  period: string;
  sentence: string;
  summary: string;
  region: string | null;
  method: string;
  illustrative: boolean;
  sources: string[];
  overTime: string;
  position: string;
  history: PositionHistoryRow[];
  table: { caption: string; rows: { rank: string; area: string; value: string; quartile: string; highlight: boolean; illustrative: boolean }[] };
}

export interface PositionsView {
  areaName: string;
  groups: GroupPositionsView[];
}

const endMonth = (key: string) => {
  const to = monthsOf(periodFromKey(key)).to;
  return to.year * 12 + to.month;
};

export function buildPositionsView(positions: IndicatorPositions | null, unit: string): PositionsView | null {
  if (!positions || positions.groups.length === 0) return null;
  const format = (v: number) => formatValue(v, unit);
  return {
    areaName: positions.areaName,
    groups: positions.groups.map((g, index) => {
      const latest = g.periods[g.periods.length - 1]!;
      const r = latest.ranking;
      const id = `position-${index + 1}`;
      const label = (key: string) => formatPeriod(periodFromKey(key));
      const point = (key: string, y: number) => ({ x: endMonth(key), y, label: `${label(key)}: ${format(y)}` });
      const own = g.periods.filter((p) => p.ranking.area).map((p) => point(p.period, p.ranking.area!.value));
      const medians = g.periods.filter((p) => p.ranking.median !== null).map((p) => point(p.period, p.ranking.median!));
      const best = g.periods.map((p) => point(p.period, p.ranking.rows[0]!.value));
      const worst = g.periods.map((p) => point(p.period, p.ranking.rows[p.ranking.rows.length - 1]!.value));
      const england = g.periods.filter((p) => p.ranking.englandValue !== null).map((p) => point(p.period, p.ranking.englandValue!));
      const series = [
        { name: positions.areaName, colour: '#1d70b8', marker: 'circle' as const, line: true, points: own },
        { name: `Median of the ${g.group.name}`, colour: '#0b0c0c', marker: 'diamond' as const, line: true, dashed: true, points: medians },
        { name: `Best of the ${g.group.name}`, colour: '#00703c', marker: 'triangle' as const, line: false, points: best },
        { name: `Worst of the ${g.group.name}`, colour: '#d4351c', marker: 'square' as const, line: false, points: worst },
        { name: 'England', colour: '#4c2c92', marker: 'square' as const, line: true, points: england },
      ];
      const shown = series.filter((s) => s.points.length);
      const note = latest.illustrative ? ' Some values are illustrative (assumed, not published): see the table.' : '';
      return {
        id,
        heading: `Among the ${g.group.name}`,
        period: label(latest.period),
        sentence: r.sentence,
        summary: r.summary,
        region: latest.region ? `${latest.region.name} as a whole: ${format(latest.region.value)} (shown for reference, not ranked)` : null,
        method: r.method,
        illustrative: latest.illustrative,
        sources: latest.sources,
        overTime: lineChart({
          id: `${id}-over-time`,
          title: `${positions.areaName} against the ${g.group.name} over time`,
          description: `${shown.map((s) => `${s.name}: ${s.points.map((p) => p.label).join('; ')}`).join('. ')}.${note} The same figures are in the table below.`,
          series,
          xTicks: g.periods.map((p) => ({ x: endMonth(p.period), label: formatShortPeriod(periodFromKey(p.period)) })),
          formatY: format,
        }),
        position: positionChart({
          id: `${id}-chart`,
          title: `${r.sentence}, ${label(latest.period)}`,
          description: `${r.rows.length} ${g.group.name} ranked ${r.direction} first, ${positions.areaName} highlighted: ${r.rows.map((row) => `${row.rankLabel} ${row.name} ${format(row.value)}`).join('; ')}.${note} The same figures are in the table below.`,
          bars: r.rows.map((row) => ({ label: row.name, value: row.value, rank: row.rankLabel, highlight: row.isArea })),
          median: r.median,
          formatValue: format,
        }),
        history: [...g.periods].reverse().map((p) => ({
          period: label(p.period),
          position: p.ranking.area ? `${p.ranking.area.rankLabel} ${p.ranking.direction} of ${p.ranking.size}` : 'Not ranked',
          quartile: p.ranking.area ? ordinal(p.ranking.area.quartile) : '–',
          value: p.ranking.area ? format(p.ranking.area.value) : '–',
          median: p.ranking.median === null ? '–' : format(p.ranking.median),
          england: p.ranking.englandValue === null ? 'Not known' : format(p.ranking.englandValue),
        })),
        table: {
          caption: `The ${g.group.name}, ${label(latest.period)}, ranked ${r.direction} first`,
          rows: [
            ...r.rows.map((row) => ({
              rank: row.rankLabel,
              area: row.name,
              value: format(row.value),
              quartile: ordinal(row.quartile),
              highlight: row.isArea,
              illustrative: latest.illustrativeAreas.includes(row.code),
            })),
            ...r.missing.map((m) => ({ rank: '–', area: m.name, value: 'No value', quartile: '–', highlight: false, illustrative: false })),
          ],
        },
      };
    }),
  };
}
