/**
 * The delivery-unit quarterly dashboard model (issue 4 item 2d): for a committee, or for a delivery
 * unit across committees, one quarter's indicators (long- and short-term direction of travel), key
 * actions and panels, with the summaries the dashboard prints. A pure function of the engine's
 * performance reports: ratings, directions and panel arithmetic come from the reports; the counts are
 * the engine's own summary functions (`summariseIndicators`, `summariseKeyActions`) and the panel
 * totals the domain's (`revenueTable`, `capitalTable`) over the selected rows.
 *
 * Selection for a unit (docs/reports.md): indicators whose owner is the unit, key actions whose
 * service is the unit, revenue and workforce lines whose service is the unit, capital lines whose
 * scheme is the unit, and risks whose owner is the unit. Savings, customer experience and narrative
 * rows carry no service, so a unit dashboard leaves them out and says so.
 */
import { capitalTable, revenueTable } from '../domain/panels.ts';
import { summariseIndicators, summariseKeyActions, type IndicatorCounts, type IndicatorSummary, type KeyActionSummary } from '../domain/summary.ts';
import type { Contradiction, IndicatorReport, KeyActionReport, PerformanceReport } from '../services/performanceReport.ts';
import type { ReportPanels } from '../services/reportPanels.ts';

export interface DashboardTypeRow {
  type: string;
  /** Long-term direction of travel (against the same quarter last year). */
  longTerm: IndicatorCounts;
  /** Short-term direction of travel (against the previous quarter). */
  shortTerm: IndicatorCounts;
  /** Indicators with a result due this period (not "Due" later). */
  expected: number;
  /** Indicators with a reported result. */
  reported: number;
}

export interface Dashboard {
  council: string | null;
  scope: { kind: 'committee' | 'unit'; name: string; committees: string[] };
  period: PerformanceReport['period'];
  comparisons: PerformanceReport['comparisons'];
  method: PerformanceReport['method'];
  priorities: { name: string; committee: string; indicators: string[]; keyActions: string[] }[];
  indicators: IndicatorReport[];
  keyActions: KeyActionReport[];
  /** Long-term summary (as every report) and the same counts for the short-term direction. */
  summary: IndicatorSummary;
  shortTermSummary: IndicatorSummary;
  byType: DashboardTypeRow[];
  total: { expected: number; reported: number };
  keyActionSummary: KeyActionSummary;
  /** Refs of the indicators not meeting their target (rated Amber, Green Amber, Red Amber or Red). */
  notMeetingTarget: string[];
  panels: ReportPanels;
  /** Panels a unit dashboard cannot show, and why. */
  panelNotes: string[];
  contradictions: Contradiction[];
}

const MISSED = new Set(['A', 'GA', 'RA', 'R']);

const expectedOf = (list: IndicatorReport[]) => list.filter((i) => i.result !== null && i.result.status !== 'due').length;
const reportedOf = (list: IndicatorReport[]) => list.filter((i) => i.result?.status === 'reported').length;

export function buildDashboard(reports: PerformanceReport[], scope: { kind: 'committee' | 'unit'; name: string }): Dashboard {
  const first = reports[0];
  if (!first) throw new Error('The dashboard needs at least one committee report');
  const unit = scope.kind === 'unit' ? scope.name.trim().toLowerCase() : null;
  const isUnit = (v: string | null | undefined) => unit === null || (v ?? '').trim().toLowerCase() === unit;

  const indicators: IndicatorReport[] = [];
  const keyActions: KeyActionReport[] = [];
  const priorities: Dashboard['priorities'] = [];
  const contradictions: Contradiction[] = [];
  const committees: string[] = [];
  for (const r of reports) {
    const inds = r.indicators.filter((i) => isUnit(i.owner));
    const acts = r.keyActions.filter((a) => isUnit(a.service));
    if (unit !== null && !inds.length && !acts.length && !hasUnitPanels(r, isUnit)) continue;
    committees.push(r.committee.name);
    indicators.push(...inds);
    keyActions.push(...acts);
    const refs = new Set(inds.map((i) => i.ref));
    contradictions.push(...r.contradictions.filter((c) => unit === null || refs.has(c.ref)));
    for (const p of r.priorities) {
      const pi = p.indicators.filter((ref) => inds.some((i) => i.ref === ref));
      const pa = p.keyActions.filter((ref) => acts.some((a) => a.ref === ref));
      if (pi.length || pa.length) priorities.push({ name: p.name, committee: r.committee.name, indicators: pi, keyActions: pa });
    }
  }

  const summaryRows = (which: 'longTerm' | 'shortTerm') => indicators.map((i) => ({ type: i.type, rating: i.rating.value, direction: i.direction[which].status }));
  const summary = summariseIndicators(summaryRows('longTerm'));
  const shortTermSummary = summariseIndicators(summaryRows('shortTerm'));
  const byType = Object.keys(summary.byType).map((type) => {
    const of = indicators.filter((i) => i.type.trim().toUpperCase() === type);
    return { type, longTerm: summary.byType[type]!, shortTerm: shortTermSummary.byType[type]!, expected: expectedOf(of), reported: reportedOf(of) };
  });

  const panelNotes: string[] = [];
  let panels: ReportPanels;
  if (unit === null && reports.length === 1) {
    panels = first.panels;
  } else {
    const all = reports.map((r) => r.panels);
    const revenue = all.flatMap((p) => p.revenue?.lines ?? []).filter((l) => isUnit(l.service));
    const capital = all.flatMap((p) => p.capital?.lines ?? []).filter((l) => isUnit(l.scheme));
    panels = {
      revenue: revenue.length ? revenueTable(revenue) : null,
      capital: capital.length ? capitalTable(capital) : null,
      savings: unit === null ? (all.find((p) => p.savings)?.savings ?? null) : null,
      risks: all.flatMap((p) => p.risks).filter((k) => isUnit(k.owner)),
      highRiskFrom: first.panels.highRiskFrom,
      workforce: all.flatMap((p) => p.workforce).filter((w) => isUnit(w.service)),
      customer: unit === null ? all.flatMap((p) => p.customer) : [],
      narrative: {
        success: unit === null ? all.flatMap((p) => p.narrative.success) : [],
        challenge: unit === null ? all.flatMap((p) => p.narrative.challenge) : [],
        perception: unit === null ? all.flatMap((p) => p.narrative.perception) : [],
        equalities: unit === null ? all.flatMap((p) => p.narrative.equalities) : [],
        escalation: unit === null ? all.flatMap((p) => p.narrative.escalation) : [],
      },
    };
    if (unit !== null) {
      panelNotes.push(
        'Savings, customer experience, key successes and challenges, residents’ perception and equalities are recorded per committee, not per service, so a delivery-unit dashboard does not show them.',
      );
    }
  }

  return {
    council: first.council,
    scope: { kind: scope.kind, name: scope.kind === 'committee' ? first.committee.name : scope.name, committees },
    period: first.period,
    comparisons: first.comparisons,
    method: first.method,
    priorities,
    indicators,
    keyActions,
    summary,
    shortTermSummary,
    byType,
    total: { expected: expectedOf(indicators), reported: reportedOf(indicators) },
    keyActionSummary: summariseKeyActions(keyActions.map((a) => a.rag)),
    notMeetingTarget: indicators.filter((i) => MISSED.has(i.rating.value)).map((i) => i.ref),
    panels,
    panelNotes,
    contradictions,
  };
}

function hasUnitPanels(r: PerformanceReport, isUnit: (v: string | null | undefined) => boolean): boolean {
  const p = r.panels;
  return (
    (p.revenue?.lines.some((l) => isUnit(l.service)) ?? false) ||
    (p.capital?.lines.some((l) => isUnit(l.scheme)) ?? false) ||
    p.workforce.some((w) => isUnit(w.service)) ||
    p.risks.some((k) => isUnit(k.owner))
  );
}
