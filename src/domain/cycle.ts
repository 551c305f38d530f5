/**
 * The sign-off cycle of a committee's data for a period: open → submitted → approved → published.
 * Residents and anonymous visitors see published cycles only; staff see all. Pure.
 */
import type { Audience } from './access.ts';

export type CycleStatus = 'open' | 'submitted' | 'approved' | 'published';
export const CYCLE_STATUSES: readonly CycleStatus[] = ['open', 'submitted', 'approved', 'published'];

export const CYCLE_STATUS_LABELS: Record<CycleStatus, string> = {
  open: 'Open',
  submitted: 'Submitted',
  approved: 'Approved',
  published: 'Published',
};

/** Whether an audience may see a cycle in a given status. */
export function isVisible(status: CycleStatus, audience: Audience): boolean {
  return audience.includeUnpublished || status === 'published';
}
