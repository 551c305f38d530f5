/**
 * Data-entry views: the index (each committee's periods by plan year, with their status) and a
 * cycle's overview (its indicators with target, result and rating, its key actions with their RAG,
 * links to the forms for what the user may change, and the sign-off panel). Values are plain text;
 * templates escape them.
 */
import type { CycleStatus } from '../../../domain/cycle.ts';
import { formatValue, formatTargetForReport } from '../../../domain/format.ts';
import { formatFinancialYear, periodKey } from '../../../domain/periods.ts';
import { ragLabel } from '../../../domain/rating.ts';
import type { RatingValue } from '../../../domain/types.ts';
import type { EntryKeyAction, EntryResult } from '../../../services/entryService.ts';
import type { IndicatorEntry } from '../../../services/entryService.ts';
import { editLock, mayEditAction, mayEditIndicator } from '../../../services/resultEntry.ts';
import type { SessionUser } from '../../../domain/access.ts';
import { actionEntryPath, dashboardPath, entryPath, resultEntryPath } from '../../urls.ts';
import { cycleStatusTag, type TagView } from '../shared/present.ts';
import type { SignOffPanel } from '../sign-off/viewModel.ts';

export interface EntryIndexView {
  pageTitle: string;
  committees: {
    name: string;
    years: { planYear: string; periods: { text: string; href: string; hidden: string; status: TagView }[] }[];
  }[];
}

export interface EntryIndexInput {
  committees: { id: number; slug: string; name: string }[];
  planYears: number[];
  /** Cycle statuses keyed `${committeeId}|${periodKey}` (absent = open). */
  statuses: Map<string, CycleStatus>;
}

/** Every committee's periods (the four quarters and the year) of every plan year, newest year first. */
export function buildEntryIndexView(input: EntryIndexInput): EntryIndexView {
  const years = [...input.planYears].sort((a, b) => b - a);
  return {
    pageTitle: 'Enter data',
    committees: input.committees.map((c) => ({
      name: c.name,
      years: years.map((y) => ({
        planYear: formatFinancialYear(y),
        periods: [1, 2, 3, 4, null].map((q) => {
          const key = periodKey(q === null ? { kind: 'year', startYear: y } : { kind: 'quarter', startYear: y, quarter: q as 1 | 2 | 3 | 4 });
          return {
            text: q === null ? 'Whole year' : `Q${q}`,
            href: entryPath(c.slug, key),
            hidden: ` ${formatFinancialYear(y)}, ${c.name}`,
            status: cycleStatusTag(input.statuses.get(`${c.id}|${key}`) ?? 'open'),
          };
        }),
      })),
    })),
  };
}

/** A stored result as the pages print it: "27.9%", "Due Q3 18/19", "Not available". */
export function resultText(result: EntryResult | null, unit: string): string {
  if (!result) return 'Not entered';
  if (result.status === 'reported') return formatValue(result.value, unit) || result.printed;
  if (result.printed) return result.printed;
  return result.status === 'due' ? 'Due' : result.status.charAt(0).toUpperCase() + result.status.slice(1);
}

export interface EntryOverviewView {
  pageTitle: string;
  cycleLabel: string;
  notice: string | null;
  lock: string | null;
  signOff: SignOffPanel;
  dashboardHref: string;
  indicators: {
    ref: string;
    title: string;
    target: string;
    result: string;
    rating: { value: RatingValue; label: string } | null;
    href: string | null;
    linkText: string;
  }[];
  hiddenIndicators: number;
  actions: { ref: string; title: string; rag: string; ragValue: string; href: string | null; linkText: string }[];
  hiddenActions: number;
}

export interface EntryOverviewInput {
  committeeSlug: string;
  period: string;
  cycleLabel: string;
  status: CycleStatus;
  user: SessionUser;
  indicators: IndicatorEntry[];
  actions: EntryKeyAction[];
  signOff: SignOffPanel;
  /** What was just saved (after the redirect from a form): "result CG/S3" / "action KA-1", and whether it changed. */
  saved?: { kind: 'result' | 'action'; ref: string; changed: boolean } | null;
}

const ACTION_LABELS: Record<string, string> = { G: 'Green', GA: 'Green Amber', RA: 'Red Amber', R: 'Red', 'not-rated': 'Not rated' };

export function buildEntryOverviewView(input: EntryOverviewInput): EntryOverviewView {
  const { user } = input;
  const lock = editLock(input.status, user.role, input.cycleLabel);
  const visibleIndicators = input.indicators.filter((e) => mayEditIndicator(user, e.indicator));
  const visibleActions = input.actions.filter((a) => mayEditAction(user, a));
  const verb = lock ? 'View' : 'Enter';
  let notice: string | null = null;
  if (input.saved) {
    const what = input.saved.kind === 'result' ? `The result for ${input.saved.ref}` : `The update of key action ${input.saved.ref}`;
    notice = input.saved.changed ? `${what} has been saved.` : `${what} had no changes to save.`;
  }
  return {
    pageTitle: `Enter data: ${input.cycleLabel}`,
    cycleLabel: input.cycleLabel,
    notice,
    lock,
    signOff: input.signOff,
    dashboardHref: dashboardPath(input.committeeSlug, input.period),
    indicators: visibleIndicators.map((e) => ({
      ref: e.indicator.ref,
      title: e.indicator.title,
      target: formatTargetForReport(e.target?.spec ?? null, e.target?.printed ?? null, e.indicator.unit) || 'No target',
      result: resultText(e.stored, e.indicator.unit),
      rating: e.rating ? { value: e.rating.value, label: ragLabel(e.rating.value) } : null,
      href: resultEntryPath(input.committeeSlug, input.period, e.indicator.ref),
      linkText: e.stored ? (lock ? 'View' : 'Change') : `${verb} result`,
    })),
    hiddenIndicators: input.indicators.length - visibleIndicators.length,
    actions: visibleActions.map((a) => ({
      ref: a.ref,
      title: a.title,
      rag: a.rag ? ACTION_LABELS[a.rag]! : 'No update yet',
      ragValue: a.rag ?? 'not-rated',
      href: actionEntryPath(input.committeeSlug, input.period, a.ref),
      linkText: lock ? 'View' : a.rag ? 'Change' : 'Update',
    })),
    hiddenActions: input.actions.length - visibleActions.length,
  };
}
