/**
 * Finance, risk and customer-experience arithmetic (DOMAIN §8) and the overall status of a committee
 * priority. Pure functions over plain numbers; every derived figure carries what it was derived from.
 */
import type { ActionRag, RatingValue } from './types.ts';

const pct = (part: number, whole: number): number | null => (whole === 0 ? null : (part / whole) * 100);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

// Revenue ----------------------------------------------------------------------------------------

export interface RevenueInput {
  service: string;
  originalBudget: number | null;
  revisedBudget: number;
  forecast: number;
  reserveMovements: number;
  comments: string | null;
}

export interface RevenueLine extends RevenueInput {
  /** Forecast − revised budget: positive is adverse, negative favourable. */
  variance: number;
  variancePercent: number | null;
  forecastAfterReserves: number;
  varianceAfterReserves: number;
  varianceAfterReservesPercent: number | null;
}

export function revenueLine(x: RevenueInput): RevenueLine {
  const variance = x.forecast - x.revisedBudget;
  const forecastAfterReserves = x.forecast + x.reserveMovements;
  const varianceAfterReserves = forecastAfterReserves - x.revisedBudget;
  return {
    ...x,
    variance,
    variancePercent: pct(variance, x.revisedBudget),
    forecastAfterReserves,
    varianceAfterReserves,
    varianceAfterReservesPercent: pct(varianceAfterReserves, x.revisedBudget),
  };
}

/** The lines and their total (the total is computed from the same lines). */
export function revenueTable(lines: RevenueInput[]): { lines: RevenueLine[]; total: RevenueLine } {
  const computed = lines.map(revenueLine);
  const originals = lines.map((l) => l.originalBudget);
  const total = revenueLine({
    service: 'Total',
    originalBudget: originals.every((o) => o !== null) && originals.length ? sum(originals as number[]) : null,
    revisedBudget: sum(lines.map((l) => l.revisedBudget)),
    forecast: sum(lines.map((l) => l.forecast)),
    reserveMovements: sum(lines.map((l) => l.reserveMovements)),
    comments: null,
  });
  return { lines: computed, total };
}

// Capital ----------------------------------------------------------------------------------------

export interface CapitalInput {
  scheme: string;
  budget: number;
  additions: number;
  slippage: number;
  forecast: number;
  comments: string | null;
}

export interface CapitalLine extends CapitalInput {
  /** Budget + additions/deletions + slippage/accelerated spend. */
  proposedBudget: number;
  /** Forecast − proposed budget. */
  variance: number;
  /** Slippage ÷ budget × 100 (negative = slipped into later years). */
  slippagePercent: number | null;
}

export function capitalLine(x: CapitalInput): CapitalLine {
  const proposedBudget = x.budget + x.additions + x.slippage;
  return { ...x, proposedBudget, variance: x.forecast - proposedBudget, slippagePercent: pct(x.slippage, x.budget) };
}

export function capitalTable(lines: CapitalInput[]): { lines: CapitalLine[]; total: CapitalLine } {
  return {
    lines: lines.map(capitalLine),
    total: capitalLine({
      scheme: 'Total',
      budget: sum(lines.map((l) => l.budget)),
      additions: sum(lines.map((l) => l.additions)),
      slippage: sum(lines.map((l) => l.slippage)),
      forecast: sum(lines.map((l) => l.forecast)),
      comments: null,
    }),
  };
}

// Savings ----------------------------------------------------------------------------------------

export interface SavingInput {
  ref: string;
  description: string;
  target: number;
  achieved: number | null;
  fte: number | null;
  comments: string | null;
}

export interface SavingsSummary {
  lines: (SavingInput & { achievedPercent: number | null })[];
  target: number;
  achieved: number;
  achievedPercent: number | null;
}

/** Savings are negative or positive as entered; the percentage compares like with like. */
export function savingsSummary(lines: SavingInput[]): SavingsSummary {
  const target = sum(lines.map((l) => l.target));
  const achieved = sum(lines.map((l) => l.achieved ?? 0));
  return {
    lines: lines.map((l) => ({ ...l, achievedPercent: l.achieved === null ? null : pct(l.achieved, l.target) })),
    target,
    achieved,
    achievedPercent: pct(achieved, target),
  };
}

// Risk -------------------------------------------------------------------------------------------

export interface RiskInput {
  ref: string;
  title: string;
  owner: string | null;
  priority: string | null;
  kind: 'strategic' | 'service';
  inherent: { likelihood: number | null; impact: number | null };
  residual: { likelihood: number | null; impact: number | null; score: number | null };
  target: { likelihood: number | null; impact: number | null };
  commentary: string | null;
}

export interface RiskView extends RiskInput {
  inherentScore: number | null;
  residualScore: number;
  targetScore: number | null;
  /** Residual score at or above the plan year's threshold: reported to committee. */
  highLevel: boolean;
  reason: string;
}

const score = (l: number | null, i: number | null) => (l !== null && i !== null ? l * i : null);

export function assessRisk(x: RiskInput, highRiskFrom: number): RiskView {
  const computed = score(x.residual.likelihood, x.residual.impact);
  const residualScore = computed ?? x.residual.score;
  if (residualScore === null) throw new Error(`Risk ${x.ref} has no residual score`);
  const highLevel = residualScore >= highRiskFrom;
  const how = computed !== null ? `likelihood ${x.residual.likelihood} × impact ${x.residual.impact} = ${computed}` : `score ${residualScore} as recorded`;
  return {
    ...x,
    inherentScore: score(x.inherent.likelihood, x.inherent.impact),
    residualScore,
    targetScore: score(x.target.likelihood, x.target.impact),
    highLevel,
    reason: `Residual ${how}; ${highLevel ? 'high level' : 'not high level'} (high level is ${highRiskFrom} or more)`,
  };
}

// Customer experience ----------------------------------------------------------------------------

export function onTimePercent(received: number, onTime: number): number | null {
  return pct(onTime, received);
}

// Overall status per priority ----------------------------------------------------------------------

export type PriorityStatus = 'Green' | 'Amber' | 'Red';

export const PRIORITY_STATUSES: readonly PriorityStatus[] = ['Green', 'Amber', 'Red'];

/**
 * The overall status of a committee priority is the officers' judgement: it combines budget, activities,
 * indicators and risks, and officers weigh what no rule does (DOMAIN §8). The data give a **suggestion**,
 * by a rule configurable by its thresholds (docs/rating.md "Overall status"):
 * - Red when any indicator is Red, any key action is Red, or a high-level risk scores `redRiskFrom` or more;
 * - Amber when any indicator is Amber, Green Amber or Red Amber, any key action is Green Amber or Red Amber,
 *   there is any high-level risk, or the committee's revenue forecast is adverse by more than
 *   `adverseBudgetPercent` % of its revised budget;
 * - Green otherwise.
 * The suggestion is shown beside the judgement to staff and compared with it by `townhall check`; it is
 * never printed as the judgement.
 */
export interface PriorityStatusRule {
  redRiskFrom: number;
  adverseBudgetPercent: number;
}

export const DEFAULT_PRIORITY_STATUS_RULE: PriorityStatusRule = { redRiskFrom: 20, adverseBudgetPercent: 0 };

/** The officers' judgement of a priority's overall status, with its reason. */
export interface PriorityJudgement {
  status: PriorityStatus;
  reason: string;
}

export interface PriorityStatusInput {
  indicatorRatings: { ref: string; rating: RatingValue }[];
  actionRags: { ref: string; rag: ActionRag }[];
  highLevelRisks: { ref: string; score: number }[];
  /** The committee's revenue variance after reserves as % of revised budget (positive = adverse), or null. */
  budgetVariancePercent: number | null;
  /** The officers' judgement, when recorded. */
  judgement?: PriorityJudgement | null;
}

export interface PriorityStatusResult {
  /** What a paper shows: the judgement, or — only when none is recorded — the computed suggestion (`source` says which). */
  status: PriorityStatus;
  source: 'judgement' | 'computed';
  /** The officers' judgement with its reason; null when none is recorded. */
  judgement: PriorityJudgement | null;
  /** The status the data suggest, and why. */
  computed: PriorityStatus;
  reasons: string[];
  /** Whether the judgement is the computed suggestion; null when no judgement is recorded. */
  agrees: boolean | null;
}

export function priorityStatus(x: PriorityStatusInput, rule: PriorityStatusRule = DEFAULT_PRIORITY_STATUS_RULE): PriorityStatusResult {
  const red: string[] = [];
  const amber: string[] = [];
  for (const i of x.indicatorRatings) {
    if (i.rating === 'R') red.push(`indicator ${i.ref} is Red`);
    else if (i.rating === 'A' || i.rating === 'GA' || i.rating === 'RA') amber.push(`indicator ${i.ref} is ${i.rating}`);
  }
  for (const a of x.actionRags) {
    if (a.rag === 'R') red.push(`key action ${a.ref} is Red`);
    else if (a.rag === 'GA' || a.rag === 'RA') amber.push(`key action ${a.ref} is ${a.rag}`);
  }
  for (const r of x.highLevelRisks) {
    if (r.score >= rule.redRiskFrom) red.push(`high-level risk ${r.ref} scores ${r.score}`);
    else amber.push(`high-level risk ${r.ref} (score ${r.score})`);
  }
  if (x.budgetVariancePercent !== null && x.budgetVariancePercent > rule.adverseBudgetPercent) {
    amber.push(`revenue forecast adverse by ${x.budgetVariancePercent.toFixed(1)}% of revised budget`);
  }
  const computed: PriorityStatus = red.length ? 'Red' : amber.length ? 'Amber' : 'Green';
  const reasons = computed === 'Red' ? red : computed === 'Amber' ? amber : ['no Red or Amber indicators, key actions, high-level risks or adverse budget'];
  const judgement = x.judgement ?? null;
  return {
    status: judgement?.status ?? computed,
    source: judgement ? 'judgement' : 'computed',
    judgement,
    computed,
    reasons,
    agrees: judgement ? judgement.status === computed : null,
  };
}
