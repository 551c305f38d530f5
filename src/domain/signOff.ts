/**
 * Sign-off of a committee's data for a period (issue 3, item 4): open → submitted → approved →
 * published, and back to open ("reopen"). Who may take each step, and when a reason is required.
 * Pure; the service (signOffService.ts) applies a step in one transaction with its audit event.
 */
import type { CycleStatus } from './cycle.ts';
import type { Role } from './access.ts';

export type SignOffAction = 'submit' | 'approve' | 'publish' | 'reopen';
export const SIGN_OFF_ACTIONS: readonly SignOffAction[] = ['submit', 'approve', 'publish', 'reopen'];

export interface TransitionRule {
  from: readonly CycleStatus[];
  to: CycleStatus;
  roles: readonly Role[];
  /** The statuses (of `from`) leaving which needs a reason. */
  reasonRequiredFrom: readonly CycleStatus[];
  /** The button's text. */
  label: string;
  /** What happened, for the confirmation: "submitted for approval". */
  done: string;
}

export const TRANSITIONS: Record<SignOffAction, TransitionRule> = {
  submit: {
    from: ['open'],
    to: 'submitted',
    roles: ['data-owner', 'performance-officer', 'administrator'],
    reasonRequiredFrom: [],
    label: 'Submit for approval',
    done: 'submitted for approval',
  },
  approve: {
    from: ['submitted'],
    to: 'approved',
    roles: ['performance-officer'],
    reasonRequiredFrom: [],
    label: 'Approve',
    done: 'approved',
  },
  publish: {
    from: ['approved'],
    to: 'published',
    roles: ['performance-officer', 'administrator'],
    reasonRequiredFrom: [],
    label: 'Publish',
    done: 'published: residents can now see it',
  },
  reopen: {
    from: ['submitted', 'approved', 'published'],
    to: 'open',
    roles: ['performance-officer', 'administrator'],
    reasonRequiredFrom: ['approved', 'published'],
    label: 'Reopen',
    done: 'reopened: its data can be changed again',
  },
};

/** The roles that may take any sign-off step (the sign-off page's audience). */
export const SIGN_OFF_ROLES: readonly Role[] = ['administrator', 'performance-officer', 'data-owner'];

export function isSignOffAction(text: unknown): text is SignOffAction {
  return typeof text === 'string' && (SIGN_OFF_ACTIONS as readonly string[]).includes(text);
}

/** The steps a role may take from a status, in workflow order. */
export function availableActions(status: CycleStatus, role: Role | null): SignOffAction[] {
  if (role === null) return [];
  return SIGN_OFF_ACTIONS.filter((a) => TRANSITIONS[a].from.includes(status) && TRANSITIONS[a].roles.includes(role));
}

export function reasonRequired(action: SignOffAction, status: CycleStatus): boolean {
  return TRANSITIONS[action].reasonRequiredFrom.includes(status);
}
