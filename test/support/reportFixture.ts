/**
 * A small PerformanceReport for view-model unit tests (no database): summaries come from the real
 * summary functions so the fixture is consistent with its rows.
 */
import { methodKey } from '../../src/domain/rating.ts';
import { summariseIndicators, summariseKeyActions } from '../../src/domain/summary.ts';
import type { ActionRag, DirectionStatus, RatingValue } from '../../src/domain/types.ts';
import type { IndicatorReport, KeyActionReport, PerformanceReport } from '../../src/services/performanceReport.ts';

const LABELS: Record<string, string> = { G: 'Green', GA: 'Green Amber', A: 'Amber', RA: 'Red Amber', R: 'Red', monitor: 'Monitor', 'not-rated': 'Not rated' };

export function fakeIndicator(over: {
  ref: string;
  title?: string;
  type?: string;
  priority?: string;
  rating?: RatingValue;
  direction?: DirectionStatus;
  directionText?: string;
  value?: number | null;
  owner?: string | null;
  frequency?: string;
  commentary?: string | null;
  noResult?: boolean;
}): IndicatorReport {
  const direction = {
    status: over.direction ?? 'improving',
    percentage: 5,
    change: 1,
    current: 21,
    comparison: 20,
    comparedWith: '2015/16',
    withinTolerance: false,
    reason: 'because',
    text: over.directionText ?? '↑ I +5.0%',
  };
  return {
    ref: over.ref,
    title: over.title ?? `Indicator ${over.ref}`,
    type: over.type ?? 'CPI',
    priority: over.priority ?? 'Safe communities',
    polarity: 'bigger',
    polarityText: 'Bigger is Better',
    unit: 'percent',
    frequency: over.frequency ?? 'quarterly',
    basis: 'rolling',
    basisMarker: '(r)',
    source: 'Police',
    tolerance: null,
    definition: 'Definition',
    measuredAgainst: 'Against',
    owner: over.owner ?? null,
    footnote: null,
    target: { period: '2016/17', spec: { form: 'value', value: 20 }, printed: '20%', display: '20%' },
    annualTarget: null,
    result: over.noResult
      ? null
      : {
          period: '2016/17',
          value: over.value ?? 21,
          display: `${over.value ?? 21}%`,
          printed: '',
          dataPeriod: { kind: 'text', label: 'Apr 2016 – Mar 2017' },
          status: 'reported',
          numerator: null,
          denominator: null,
          commentary: over.commentary ?? null,
          intervention: null,
          note: null,
        },
    rating: {
      value: over.rating ?? 'G',
      label: LABELS[over.rating ?? 'G']!,
      reason: { method: 'achievement', text: 'Reason text', result: 21, target: null, comparedWith: null, measure: 105, band: null, tolerance: null, withinTolerance: false },
    },
    direction: { longTerm: direction, shortTerm: direction },
    lastYear: null,
    previous: null,
    previousYearEnd: null,
    benchmark: null,
    printed: { rating: null, ratingAgrees: null, direction: null, directionAgrees: null },
  };
}

export function fakeReport(indicators: IndicatorReport[], actions: { ref: string; rag: ActionRag; priority?: string }[] = []): PerformanceReport {
  const method = { kind: 'achievement' as const, formula: 'ratio' as const, greenFrom: 100, greenAmberFrom: 80, redAmberFrom: 65 };
  const keyActions: KeyActionReport[] = actions.map((a) => ({
    ref: a.ref,
    title: `Action ${a.ref}`,
    priority: a.priority ?? 'Safe communities',
    service: 'Service',
    rag: a.rag,
    ragLabel: LABELS[a.rag]!,
    commentary: 'First line\nSecond line',
  }));
  const priorities = [...new Set([...indicators.map((i) => i.priority), ...keyActions.map((a) => a.priority)])];
  return {
    council: 'Test Borough',
    committee: { slug: 'test-committee', name: 'Old Name Committee', currentName: 'New Name Committee', termsOfReference: null },
    period: { label: '2016/17', short: '16/17', key: '2016', kind: 'year', planYear: '2016/17' },
    paper: { reportOf: null, officer: null },
    comparisons: { longTerm: '2015/16', shortTerm: '2015/16', previousYearEnd: '2015/16' },
    method: { kind: 'achievement', name: 'Method B (percentage of targeted improvement achieved)', settings: method, key: methodKey(method), directionalPolicy: 'monitor', directionalPolicyText: 'Directional targets are Monitor.' },
    priorities: priorities.map((name) => ({
      name,
      outcome: null,
      indicators: indicators.filter((i) => i.priority === name).map((i) => i.ref),
      keyActions: keyActions.filter((a) => a.priority === name).map((a) => a.ref),
    })),
    indicators,
    summary: summariseIndicators(indicators.map((i) => ({ type: i.type, rating: i.rating.value, direction: i.direction.longTerm.status }))),
    keyActions,
    keyActionSummary: summariseKeyActions(keyActions.map((a) => a.rag)),
    contradictions: [],
    panels: {
      revenue: null,
      capital: null,
      savings: null,
      risks: [],
      highRiskFrom: 15,
      workforce: [],
      customer: [],
      narrative: { success: [], challenge: [], perception: [], equalities: [], escalation: [] },
    },
    priorityStatuses: [],
  };
}
