/**
 * The key actions (commissioning intentions) of a committee for a period, grouped by priority, with the
 * key-action RAG key and the summary from the report model (percentages of all key actions).
 */
import type { CycleStatus } from '../../../domain/cycle.ts';
import { formatPercentage } from '../../../domain/summary.ts';
import type { ActionRag } from '../../../domain/types.ts';
import type { PerformanceReport } from '../../../services/performanceReport.ts';
import { dashboardPath, queryString } from '../../urls.ts';
import { cycleStatusTag, type TagView } from '../shared/present.ts';

/** The key-action RAG key (DOMAIN §7), printed on every key-actions page. */
export const KEY_ACTION_KEY: { rag: ActionRag; label: string; description: string }[] = [
  { rag: 'G', label: 'Green', description: 'On track or met' },
  { rag: 'GA', label: 'Green Amber', description: 'Delayed, low impact' },
  { rag: 'RA', label: 'Red Amber', description: 'Delayed, medium impact' },
  { rag: 'R', label: 'Red', description: 'Risk of not delivering, or high impact' },
  { rag: 'not-rated', label: 'Not rated', description: 'Not due or not applicable' },
];

export interface KeyActionsView {
  pageTitle: string;
  council: string | null;
  committeeName: string;
  periodLabel: string;
  dashboardHref: string;
  status: TagView | null;
  summary: { key: string; label: string; count: number; percentage: string }[];
  summaryCaption: string;
  groups: {
    priority: string;
    id: string;
    actions: { ref: string; title: string; service: string; rag: ActionRag; ragLabel: string; commentary: string[] }[];
  }[];
  key: typeof KEY_ACTION_KEY;
}

/** Commentary as paragraphs (line breaks in the source become paragraphs; text stays escaped by the template). */
export function paragraphs(text: string | null): string[] {
  return (text ?? '')
    .split(/\r?\n\s*\r?\n|\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}

/** `version`: an earlier published version shown on request ('2'), which the link to its indicators keeps. */
export function buildKeyActionsView(report: PerformanceReport, status: CycleStatus | null, version: string | null = null): KeyActionsView {
  const s = report.keyActionSummary;
  return {
    pageTitle: `${report.committee.name}: key actions ${report.period.label}`,
    council: report.council,
    committeeName: report.committee.name,
    periodLabel: report.period.label,
    dashboardHref: `${dashboardPath(report.committee.slug, report.period.key)}${queryString({ version })}`,
    status: status ? cycleStatusTag(status) : null,
    summary: KEY_ACTION_KEY.map((k) => {
      const share = k.rag === 'not-rated' ? s.notRated : s[k.rag];
      return { key: k.rag, label: k.label, count: share.count, percentage: formatPercentage(share.percentage) };
    }),
    summaryCaption: `Key actions by rating: percentages are of all ${s.total} key actions, including those not rated`,
    groups: report.priorities
      .filter((p) => p.keyActions.length > 0)
      .map((p, index) => ({
        priority: p.name,
        id: `priority-${index + 1}`,
        actions: report.keyActions
          .filter((a) => a.priority === p.name)
          .map((a) => ({
            ref: a.ref,
            title: a.title,
            service: a.service ?? '',
            rag: a.rag,
            ragLabel: a.ragLabel,
            commentary: paragraphs(a.commentary),
          })),
      })),
    key: KEY_ACTION_KEY,
  };
}
