/**
 * The addendum for next year (as seeds 000 and 001): for a committee and the Q3 period of a plan year,
 * the Q3 position against this year's targets beside next year's targets, each target marked raised,
 * lowered (with the reason recorded on the target), unchanged, new, moved to monitor, changed or not
 * yet set. A pure function of the Q1–Q3 performance reports of the year (the engine's ratings) and next
 * year's indicators and targets as stored; `load.ts` reads them.
 */
import { formatTargetForReport, polarityText } from '../domain/format.ts';
import { summariseIndicators, type IndicatorSummary } from '../domain/summary.ts';
import type { Polarity, Target } from '../domain/types.ts';
import type { IndicatorReport, PerformanceReport, ReportResult } from '../services/performanceReport.ts';

export type TargetChange = 'raised' | 'lowered' | 'unchanged' | 'new-indicator' | 'new-target' | 'to-monitor' | 'changed' | 'not-set' | 'dropped';

/** Labels and meanings of the change markers, in the order the key prints them. */
export const CHANGE_KEY: { kind: TargetChange; label: string; description: string }[] = [
  { kind: 'raised', label: 'Raised', description: 'The target asks for more than this year’s (higher for Bigger is Better, lower for Smaller is Better).' },
  { kind: 'lowered', label: 'Lowered', description: 'The target asks for less than this year’s; the reason is given.' },
  { kind: 'unchanged', label: 'Unchanged', description: 'The same target as this year.' },
  { kind: 'new-indicator', label: 'New', description: 'An indicator introduced next year.' },
  { kind: 'new-target', label: 'New target', description: 'An indicator without a target this year is given one.' },
  { kind: 'to-monitor', label: 'Monitor', description: 'The target is replaced by monitoring only (no RAG rating).' },
  { kind: 'changed', label: 'Changed', description: 'The form of the target changes (e.g. from Increase to a number); not comparable.' },
  { kind: 'not-set', label: 'Not set', description: 'No target is recorded for next year yet.' },
  { kind: 'dropped', label: 'Removed', description: 'The indicator is not in next year’s plan.' },
];

const LABEL = Object.fromEntries(CHANGE_KEY.map((k) => [k.kind, k.label])) as Record<TargetChange, string>;

export interface AddendumTarget {
  spec: Target;
  printed: string;
  display: string;
  reason: string | null;
}

export interface AddendumRow {
  ref: string;
  title: string;
  type: string;
  priority: string;
  polarity: Polarity;
  polarityText: string;
  unit: string;
  basisMarker: string;
  /** This year's target (the plan year's annual target). */
  target: { display: string; spec: Target } | null;
  /** The position reported at Q3, or — when Q3 has no reported result — the latest reported result of the year. */
  position: {
    period: string;
    result: ReportResult | null;
    display: string;
    rating: IndicatorReport['rating'];
    /** Why an earlier quarter is shown, when it is. */
    note: string | null;
  };
  nextTarget: AddendumTarget | null;
  change: { kind: TargetChange; label: string; text: string; reason: string | null };
}

export interface Addendum {
  council: string | null;
  committee: { slug: string; name: string; nextName: string; currentName: string; termsOfReference: string | null };
  /** Who the paper is from: the Q3 period's (PerformanceReport.paper); absent in addendums published before it was kept. */
  paper?: PerformanceReport['paper'];
  /** The Q3 period whose position is shown. */
  period: PerformanceReport['period'];
  thisYear: string;
  nextYear: string;
  method: PerformanceReport['method'];
  priorities: { name: string; outcome: string | null; refs: string[] }[];
  rows: AddendumRow[];
  /** The ratings of the positions shown (the engine's summary of them). */
  positionSummary: IndicatorSummary;
  changes: Record<TargetChange, number>;
  changeKey: typeof CHANGE_KEY;
}

/** Next year's definition of an indicator, as stored. */
export interface NextIndicator {
  ref: string;
  title: string;
  type: string;
  priority: string;
  priorityOutcome: string | null;
  polarity: Polarity;
  unit: string;
  basisMarker: string;
  /** First plan year on record is next year. */
  isNew: boolean;
}

export interface AddendumInput {
  /** The performance reports of Q1, Q2 and Q3 of the year, in that order (Q3 last). */
  quarters: PerformanceReport[];
  nextYear: string;
  nextCommitteeName: string;
  nextIndicators: NextIndicator[];
  /** Next year's annual targets by ref. */
  nextTargets: Map<string, { spec: Target; printed: string; reason: string | null }>;
}

const numeric = (t: Target | null | undefined): { value: number; key: string } | null =>
  t?.form === 'value' ? { value: t.value, key: `value:${t.qualifier ?? ''}` } : t?.form === 'threshold' ? { value: t.value, key: `threshold:${t.comparator}` } : null;

/** How next year's target compares with this year's. */
export function compareTargets(input: {
  current: Target | null;
  currentDisplay: string | null;
  next: Target | null;
  nextDisplay: string | null;
  polarity: Polarity;
  isNewIndicator: boolean;
  inNextPlan: boolean;
  nextYear: string;
}): { kind: TargetChange; text: string } {
  const { current, next, nextYear } = input;
  const from = input.currentDisplay ?? 'no target';
  const to = input.nextDisplay ?? 'no target';
  if (!input.inNextPlan) return { kind: 'dropped', text: `Not in the ${nextYear} plan` };
  if (input.isNewIndicator) return { kind: 'new-indicator', text: next && next.form !== 'not-applicable' ? `New for ${nextYear}: ${to}` : `New for ${nextYear}; no target set yet` };
  if (!next || next.form === 'not-applicable') return { kind: 'not-set', text: `No ${nextYear} target recorded` };
  const hadTarget = current !== null && current.form !== 'not-applicable';
  if (next.form === 'monitor') return hadTarget && current.form === 'monitor' ? { kind: 'unchanged', text: 'Monitor (unchanged)' } : { kind: 'to-monitor', text: `Moved to monitor (was ${from})` };
  if (!hadTarget) return { kind: 'new-target', text: `New target: ${to}` };
  if (current.form === 'monitor') return { kind: 'new-target', text: `Target set: ${to} (was Monitor)` };
  const a = numeric(current);
  const b = numeric(next);
  if (a && b && a.key === b.key) {
    if (a.value === b.value) return { kind: 'unchanged', text: `Unchanged: ${to}` };
    const higher = b.value > a.value;
    const moreDemanding = input.polarity === 'smaller' ? !higher : higher;
    return moreDemanding ? { kind: 'raised', text: `Raised from ${from} to ${to}` } : { kind: 'lowered', text: `Lowered from ${from} to ${to}` };
  }
  if (current.form === 'directional' && next.form === 'directional' && current.direction === next.direction) return { kind: 'unchanged', text: `Unchanged: ${to}` };
  return { kind: 'changed', text: `Changed from ${from} to ${to}` };
}

export function buildAddendum(input: AddendumInput): Addendum {
  const q3 = input.quarters[input.quarters.length - 1];
  if (!q3) throw new Error('The addendum needs the Q3 report');
  const earlier = input.quarters.slice(0, -1).reverse();
  const nextByRef = new Map(input.nextIndicators.map((i) => [i.ref, i]));
  const rows: AddendumRow[] = [];
  const order: string[] = [];
  const outcomes = new Map<string, string | null>();
  const addPriority = (name: string, outcome: string | null) => {
    if (!order.includes(name)) order.push(name);
    if (!outcomes.get(name)) outcomes.set(name, outcome);
  };
  for (const p of q3.priorities) addPriority(p.name, p.outcome);

  const nextTargetOf = (ref: string, unit: string): AddendumTarget | null => {
    const t = input.nextTargets.get(ref);
    return t ? { spec: t.spec, printed: t.printed, display: formatTargetForReport(t.spec, t.printed, unit), reason: t.reason } : null;
  };

  for (const i of q3.indicators) {
    let shown: { period: string; indicator: IndicatorReport } = { period: q3.period.label, indicator: i };
    let note: string | null = null;
    if (i.result?.status !== 'reported') {
      for (const report of earlier) {
        const found = report.indicators.find((x) => x.ref === i.ref);
        if (found?.result?.status === 'reported') {
          shown = { period: report.period.label, indicator: found };
          note = `Not reported in ${q3.period.label}${i.result ? ` (${i.result.display})` : ''}; the latest result of ${q3.period.planYear} is shown, for ${report.period.label}.`;
          break;
        }
      }
    }
    const next = nextByRef.get(i.ref);
    const nextTarget = nextTargetOf(i.ref, i.unit);
    const target = i.annualTarget ?? i.target;
    const change = compareTargets({
      current: target?.spec ?? null,
      currentDisplay: target?.display ?? null,
      next: nextTarget?.spec ?? null,
      nextDisplay: nextTarget?.display ?? null,
      polarity: i.polarity,
      isNewIndicator: false,
      inNextPlan: !!next,
      nextYear: input.nextYear,
    });
    const priority = next?.priority ?? i.priority;
    addPriority(priority, next?.priorityOutcome ?? null);
    const r = shown.indicator.result;
    rows.push({
      ref: i.ref,
      title: next?.title ?? i.title,
      type: next?.type ?? i.type,
      priority,
      polarity: i.polarity,
      polarityText: i.polarityText,
      unit: i.unit,
      basisMarker: i.basisMarker,
      target: target ? { display: target.display, spec: target.spec } : null,
      position: { period: shown.period, result: r, display: r ? r.display : 'No result', rating: shown.indicator.rating, note },
      nextTarget,
      change: { ...change, label: LABEL[change.kind], reason: nextTarget?.reason ?? null },
    });
  }
  // Indicators of next year's plan that have no row yet: new indicators, or ones given a target next year.
  const seen = new Set(rows.map((r) => r.ref));
  for (const n of input.nextIndicators) {
    if (seen.has(n.ref)) continue;
    const nextTarget = nextTargetOf(n.ref, n.unit);
    if (!n.isNew && !nextTarget) continue;
    const change = compareTargets({
      current: null,
      currentDisplay: null,
      next: nextTarget?.spec ?? null,
      nextDisplay: nextTarget?.display ?? null,
      polarity: n.polarity,
      isNewIndicator: n.isNew,
      inNextPlan: true,
      nextYear: input.nextYear,
    });
    addPriority(n.priority, n.priorityOutcome);
    rows.push({
      ref: n.ref,
      title: n.title,
      type: n.type,
      priority: n.priority,
      polarity: n.polarity,
      polarityText: polarityText(n.polarity),
      unit: n.unit,
      basisMarker: n.basisMarker,
      target: null,
      position: {
        period: q3.period.label,
        result: null,
        display: n.isNew ? `New for ${input.nextYear}` : 'No result',
        rating: { value: 'not-rated', label: 'Not rated', reason: { method: q3.method.kind, text: `No ${q3.period.planYear} target or result` } as IndicatorReport['rating']['reason'] },
        note: null,
      },
      nextTarget,
      change: { ...change, label: LABEL[change.kind], reason: nextTarget?.reason ?? null },
    });
  }

  const changes = Object.fromEntries(CHANGE_KEY.map((k) => [k.kind, 0])) as Record<TargetChange, number>;
  for (const r of rows) changes[r.change.kind] += 1;
  const withPosition = rows.filter((r) => r.target !== null || r.position.result !== null);
  return {
    council: q3.council,
    committee: { slug: q3.committee.slug, name: q3.committee.name, nextName: input.nextCommitteeName, currentName: q3.committee.currentName, termsOfReference: q3.committee.termsOfReference },
    paper: q3.paper,
    period: q3.period,
    thisYear: q3.period.planYear,
    nextYear: input.nextYear,
    method: q3.method,
    priorities: order.map((name) => ({ name, outcome: outcomes.get(name) ?? null, refs: rows.filter((r) => r.priority === name).map((r) => r.ref) })).filter((p) => p.refs.length),
    rows,
    positionSummary: summariseIndicators(withPosition.map((r) => ({ type: r.type, rating: r.position.rating.value, direction: 'not-applicable' }))),
    changes,
    changeKey: CHANGE_KEY,
  };
}
