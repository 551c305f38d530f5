/**
 * The finance, risk, workforce, customer-experience and narrative panels of a committee report, and
 * the overall status of each priority — built from stored rows by the domain's arithmetic, so every
 * figure in every format comes from here.
 */
import {
  assessRisk,
  capitalTable,
  onTimePercent,
  priorityStatus,
  revenueTable,
  savingsSummary,
  type CapitalLine,
  type PriorityStatus,
  type PriorityStatusResult,
  type RevenueLine,
  type RiskView,
  type SavingsSummary,
} from '../domain/panels.ts';
import type { ActionRag, RatingValue } from '../domain/types.ts';
import type { StoredPanels } from '../repositories/panelRepository.ts';

export interface ReportPanels {
  revenue: { lines: RevenueLine[]; total: RevenueLine } | null;
  capital: { lines: CapitalLine[]; total: CapitalLine } | null;
  savings: SavingsSummary | null;
  /** Every risk assessed this period; `highLevel` marks those reported to committee. */
  risks: RiskView[];
  highRiskFrom: number;
  workforce: { service: string; headcount: number | null; agencyStaff: number | null; agencySpendPercent: number | null; daysLostPerFte: number | null }[];
  customer: { kind: string; received: number; onTime: number; onTimePercent: number | null }[];
  narrative: Record<'success' | 'challenge' | 'perception' | 'equalities' | 'escalation', { text: string; actionRequired: string | null }[]>;
}

/** A priority's overall status: the officers' judgement (if recorded) and the computed suggestion beside it. */
export interface PriorityStatusView extends PriorityStatusResult {
  priority: string;
}

type V = Record<string, string | number | null>;
const num = (v: V, k: string) => (v[k] === null || v[k] === undefined ? null : Number(v[k]));
const text = (v: V, k: string) => (v[k] === null || v[k] === undefined ? null : String(v[k]));

export function buildPanels(stored: StoredPanels, highRiskFrom: number): ReportPanels {
  const revenue = stored.revenue.map(({ values: v }) => ({
    service: String(v.service),
    originalBudget: num(v, 'original_budget'),
    revisedBudget: num(v, 'revised_budget')!,
    forecast: num(v, 'forecast')!,
    reserveMovements: num(v, 'reserve_movements') ?? 0,
    comments: text(v, 'comments'),
  }));
  const capital = stored.capital.map(({ values: v }) => ({
    scheme: String(v.scheme),
    budget: num(v, 'budget')!,
    additions: num(v, 'additions') ?? 0,
    slippage: num(v, 'slippage') ?? 0,
    forecast: num(v, 'forecast')!,
    comments: text(v, 'comments'),
  }));
  const savings = stored.savings.map(({ values: v }) => ({
    ref: String(v.ref),
    description: String(v.description),
    target: num(v, 'target')!,
    achieved: num(v, 'achieved'),
    fte: num(v, 'fte'),
    comments: text(v, 'comments'),
  }));
  const risks = stored.risks
    .map(({ values: v }) =>
      assessRisk(
        {
          ref: String(v.risk_ref),
          title: String(v.title),
          owner: text(v, 'owner'),
          priority: text(v, 'priority'),
          kind: v.kind === 'strategic' ? 'strategic' : 'service',
          inherent: { likelihood: num(v, 'inherent_likelihood'), impact: num(v, 'inherent_impact') },
          residual: { likelihood: num(v, 'residual_likelihood'), impact: num(v, 'residual_impact'), score: num(v, 'residual_score') },
          target: { likelihood: num(v, 'target_likelihood'), impact: num(v, 'target_impact') },
          commentary: text(v, 'commentary'),
        },
        highRiskFrom,
      ),
    )
    .sort((a, b) => b.residualScore - a.residualScore || a.ref.localeCompare(b.ref));
  const narrative: ReportPanels['narrative'] = { success: [], challenge: [], perception: [], equalities: [], escalation: [] };
  for (const { values: v } of [...stored.narrative].sort((a, b) => Number(a.values.position) - Number(b.values.position))) {
    narrative[v.kind as keyof ReportPanels['narrative']].push({ text: String(v.text), actionRequired: text(v, 'action_required') });
  }
  return {
    revenue: revenue.length ? revenueTable(revenue) : null,
    capital: capital.length ? capitalTable(capital) : null,
    savings: savings.length ? savingsSummary(savings) : null,
    risks,
    highRiskFrom,
    workforce: stored.workforce.map(({ values: v }) => ({
      service: String(v.service),
      headcount: num(v, 'headcount'),
      agencyStaff: num(v, 'agency_staff'),
      agencySpendPercent: num(v, 'agency_spend_percent'),
      daysLostPerFte: num(v, 'days_lost_per_fte'),
    })),
    customer: stored.customer.map(({ values: v }) => ({
      kind: String(v.kind),
      received: num(v, 'received')!,
      onTime: num(v, 'on_time')!,
      onTimePercent: onTimePercent(num(v, 'received')!, num(v, 'on_time')!),
    })),
    narrative,
  };
}

/** The overall status of each priority: the officers' judgement, and the suggestion from its indicators, key actions, high-level risks and the committee's budget. */
export function buildPriorityStatuses(
  priorities: string[],
  indicators: { ref: string; priority: string; rating: RatingValue }[],
  actions: { ref: string; priority: string; rag: ActionRag }[],
  panels: ReportPanels,
  stored: StoredPanels,
): PriorityStatusView[] {
  const budgetVariancePercent = panels.revenue?.total.varianceAfterReservesPercent ?? null;
  const entries = new Map(stored.priority_status.map((r) => [String(r.values.priority), r.values]));
  return priorities.map((priority) => {
    const entry = entries.get(priority);
    const judgement =
      entry?.judgement && entry.judgement_reason
        ? { status: entry.judgement as PriorityStatus, reason: String(entry.judgement_reason) }
        : null;
    const result = priorityStatus({
      indicatorRatings: indicators.filter((i) => i.priority === priority).map((i) => ({ ref: i.ref, rating: i.rating })),
      actionRags: actions.filter((a) => a.priority === priority).map((a) => ({ ref: a.ref, rag: a.rag })),
      highLevelRisks: panels.risks.filter((r) => r.highLevel && r.priority === priority).map((r) => ({ ref: r.ref, score: r.residualScore })),
      budgetVariancePercent,
      judgement,
    });
    return { priority, ...result };
  });
}
