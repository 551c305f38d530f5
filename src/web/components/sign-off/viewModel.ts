/**
 * Sign-off views: the panel on the dashboard and the data-entry page (status and the steps the
 * current user may take, as POST buttons), and the sign-off page (every step with its reason field,
 * and the history of status changes with who, when and why).
 */
import type { CycleStatus } from '../../../domain/cycle.ts';
import type { Completeness, CycleEvent } from '../../../services/entryService.ts';
import { CYCLE_STATUS_LABELS } from '../../../services/publicationService.ts';
import { availableActions, reasonRequired, TRANSITIONS, type SignOffAction } from '../../../domain/signOff.ts';
import type { Role } from '../../../domain/access.ts';
import { dashboardPath, entryPath, signOffPath } from '../../urls.ts';
import { actorText, errorSummary, formatWhen, type FieldErrors } from '../data-entry/shared.ts';
import { cycleStatusTag, type TagView } from '../shared/present.ts';
import type { ResolvedPaperDetails } from '../../../domain/paperDetails.ts';
import type { PriorityStatusView } from '../../../services/reportPanels.ts';
import { missingFromPaper, resolvedRows, type SummaryRow } from '../paper-details/viewModel.ts';

const STATUS_MEANING: Record<CycleStatus, string> = {
  open: 'Data can be entered and changed. When it is complete, submit it for approval.',
  submitted: 'Submitted for approval. A performance officer checks it and approves it, or reopens it for changes.',
  approved: 'Approved. Data owners can no longer change it; a performance officer or administrator can publish it.',
  published: 'Published: residents can see it. Its data are locked until it is reopened with a reason.',
};

export interface SignOffButton {
  action: SignOffAction;
  label: string;
  /** Needs a reason: the panel links to the sign-off page instead of posting. */
  needsReason: boolean;
}

export interface SignOffPanel {
  status: TagView;
  meaning: string;
  formAction: string;
  signOffHref: string;
  entryHref: string;
  buttons: SignOffButton[];
}

export interface PanelInput {
  committeeSlug: string;
  period: string;
  status: CycleStatus;
  role: Role;
  /** False for a data owner with nothing of this committee in scope. */
  hasScope: boolean;
}

export function signOffButtons(status: CycleStatus, role: Role, hasScope: boolean): SignOffButton[] {
  if (!hasScope) return [];
  return availableActions(status, role).map((action) => ({ action, label: TRANSITIONS[action].label, needsReason: reasonRequired(action, status) }));
}

export function buildSignOffPanel(input: PanelInput): SignOffPanel {
  return {
    status: cycleStatusTag(input.status),
    meaning: STATUS_MEANING[input.status],
    formAction: signOffPath(input.committeeSlug, input.period),
    signOffHref: signOffPath(input.committeeSlug, input.period),
    entryHref: entryPath(input.committeeSlug, input.period),
    buttons: signOffButtons(input.status, input.role, input.hasScope),
  };
}

export interface SignOffForm {
  action: SignOffAction;
  label: string;
  reasonId: string;
  reasonLabel: string;
  reasonHint: string;
  reasonRequired: boolean;
  reason: string;
  error: { text: string } | null;
}

export interface SignOffView {
  pageTitle: string;
  cycleLabel: string;
  status: TagView;
  meaning: string;
  notice: string | null;
  problem: string | null;
  errorSummary: { text: string; href: string }[] | null;
  forms: SignOffForm[];
  formAction: string;
  links: { dashboard: string; entry: string };
  history: { when: string; who: string; change: string; reason: string }[];
  steps: { status: TagView; text: string; current: boolean }[];
  /** What is missing (a data owner: within their scope), grouped by who owes it. */
  missing: { heading: string; owners: { owner: string; items: string[] }[] } | null;
  /** Parts submitted by data owners, and what no part covers yet (an open period). */
  parts: { submitted: { who: string; when: string; count: string }[]; waiting: { owner: string; items: string[] }[] } | null;
  /** The overall status of each priority: the officers' judgement beside the data's suggestion. */
  statuses: { rows: StatusRow[]; unjudged: number; differ: number; href: string | null } | null;
  /** Who the papers are from, and what is missing from their cover sheet. */
  paper: { rows: SummaryRow[]; missing: string[]; href: string | null } | null;
}

export interface StatusRow {
  priority: string;
  judgement: string;
  reason: string;
  suggestion: string;
  reasons: string[];
  /** `differs`: the judgement is not the suggestion; `none`: no judgement recorded; `agrees`. */
  state: 'agrees' | 'differs' | 'none';
}

/** The overall statuses as the sign-off page shows them. */
export function statusRows(statuses: PriorityStatusView[]): StatusRow[] {
  return statuses.map((s) => ({
    priority: s.priority,
    judgement: s.judgement?.status ?? 'Not recorded',
    reason: s.judgement?.reason ?? 'The papers show the computed status, marked “computed”, until officers record their judgement.',
    suggestion: s.computed,
    reasons: s.reasons,
    state: !s.judgement ? 'none' : s.agrees ? 'agrees' : 'differs',
  }));
}

/** Gaps or items grouped by who owes them, in order of first appearance. */
export function byOwner(items: { owner: string | null; text: string }[]): { owner: string; items: string[] }[] {
  const groups = new Map<string, string[]>();
  for (const g of items) {
    const owner = g.owner?.trim() || 'No owner recorded';
    groups.set(owner, [...(groups.get(owner) ?? []), g.text]);
  }
  return [...groups].map(([owner, texts]) => ({ owner, items: texts }));
}

export interface SignOffViewInput extends PanelInput {
  cycleLabel: string;
  events: CycleEvent[];
  /** The step just taken (after a redirect). */
  done?: SignOffAction | null;
  /** The step that failed, with its errors and the reason typed. */
  failed?: { action: SignOffAction; errors: FieldErrors; reason: string } | null;
  /** A step that was not possible (the status changed meanwhile, or something is missing). */
  problem?: string | null;
  /** What is missing and the parts submitted (EntryService.completeness); absent: not shown. */
  completeness?: Completeness | null;
  /** The signed-in user is a data owner (what is missing is within their scope). */
  dataOwner?: boolean;
  /** A data owner's part was just submitted. */
  partDone?: boolean;
  /** The period's overall statuses (judgement and suggestion); `href` to record them, for those who may. */
  statuses?: { list: PriorityStatusView[]; href: string | null } | null;
  /** What the papers print ("Report of", the officer); `href` to change it, for those who may. */
  paper?: { resolved: ResolvedPaperDetails; href: string | null } | null;
}

const label = (s: string | null) => (s && s in CYCLE_STATUS_LABELS ? CYCLE_STATUS_LABELS[s as CycleStatus] : s === null ? 'Open' : s);

export function buildSignOffView(input: SignOffViewInput): SignOffView {
  const buttons = signOffButtons(input.status, input.role, input.hasScope);
  const forms = buttons.map((b): SignOffForm => {
    const failed = input.failed?.action === b.action ? input.failed : null;
    return {
      action: b.action,
      label: b.label,
      reasonId: `reason-${b.action}`,
      reasonLabel: b.action === 'reopen' ? 'Reason for reopening' : `Reason or note (optional)`,
      reasonHint: b.needsReason
        ? `Required: ${input.cycleLabel} is ${input.status}. Recorded in the audit log.`
        : 'Recorded in the audit log with this step.',
      reasonRequired: b.needsReason,
      reason: failed?.reason ?? '',
      error: failed?.errors.reason ? { text: failed.errors.reason } : null,
    };
  });
  const failed = input.failed;
  return {
    pageTitle: `Sign-off: ${input.cycleLabel}`,
    cycleLabel: input.cycleLabel,
    status: cycleStatusTag(input.status),
    meaning: STATUS_MEANING[input.status],
    notice: input.partDone
      ? `Your part of ${input.cycleLabel} has been submitted. The period goes to the performance team when every part is in.`
      : input.done
        ? `${input.cycleLabel} has been ${TRANSITIONS[input.done].done}.`
        : null,
    problem: input.problem ?? null,
    errorSummary: failed ? errorSummary(failed.errors, ['reason'], { reason: `reason-${failed.action}` }) : input.problem ? [{ text: input.problem, href: input.completeness?.gaps.length ? '#missing' : '#status' }] : null,
    forms,
    formAction: signOffPath(input.committeeSlug, input.period),
    links: { dashboard: dashboardPath(input.committeeSlug, input.period), entry: entryPath(input.committeeSlug, input.period) },
    history: input.events.map((e) => ({
      when: formatWhen(e.at),
      who: actorText(e.actor, e.actorName),
      change: `${label(e.before)} → ${label(e.after)}`,
      reason: e.reason ?? '',
    })),
    steps: (['open', 'submitted', 'approved', 'published'] as const).map((s) => ({ status: cycleStatusTag(s), text: STATUS_MEANING[s], current: s === input.status })),
    missing:
      input.completeness && input.status !== 'published'
        ? {
            heading: input.completeness.gaps.length
              ? `What is missing${input.dataOwner ? ' in your scope' : ''}: ${input.completeness.gaps.length.toLocaleString('en-GB')}`
              : `Nothing is missing${input.dataOwner ? ' in your scope' : ''}`,
            owners: byOwner(input.completeness.gaps),
          }
        : null,
    parts:
      input.completeness && input.completeness.submissions.length
        ? {
            submitted: input.completeness.submissions.map((p) => ({ who: actorText(p.email, p.name), when: formatWhen(p.at), count: p.refs.length === 1 ? '1 item' : `${p.refs.length} items` })),
            waiting: byOwner(input.completeness.waiting),
          }
        : null,
    statuses: input.statuses?.list.length
      ? (() => {
          const rows = statusRows(input.statuses.list);
          return { rows, unjudged: rows.filter((r) => r.state === 'none').length, differ: rows.filter((r) => r.state === 'differs').length, href: input.statuses.href };
        })()
      : null,
    paper: input.paper ? { rows: resolvedRows(input.paper.resolved), missing: missingFromPaper(input.paper.resolved), href: input.paper.href } : null,
  };
}
