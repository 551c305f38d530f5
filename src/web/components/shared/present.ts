/**
 * Presentation helpers shared by the read pages: tags for cycle status, words for directions of travel,
 * and orderings for sorting. Formatting only: every figure comes from the report model.
 */
import type { CycleStatus } from '../../../domain/cycle.ts';
import type { DirectionStatus, RatingValue } from '../../../domain/types.ts';
import type { DirectionView } from '../../../services/performanceReport.ts';
import { CYCLE_STATUS_LABELS } from '../../../services/publicationService.ts';

export interface TagView {
  text: string;
  classes: string;
}

const CYCLE_TAG_CLASSES: Record<CycleStatus, string> = {
  open: 'govuk-tag--grey',
  submitted: 'govuk-tag--blue',
  approved: 'govuk-tag--turquoise',
  published: 'govuk-tag--green',
};

/** A GOV.UK tag saying a cycle's status ("Published", "Open"). */
export function cycleStatusTag(status: CycleStatus): TagView {
  return { text: CYCLE_STATUS_LABELS[status], classes: CYCLE_TAG_CLASSES[status] };
}

const DIRECTION_WORDS: Record<DirectionStatus, string> = {
  improving: 'improving',
  worsening: 'worsening',
  same: 'same',
  new: 'new indicator',
  'not-applicable': 'no comparable earlier result',
};

export interface DirectionPresentation {
  status: DirectionStatus;
  /** As printed: "↓ W +6.6%". */
  text: string;
  /** For screen readers: "worsening compared with Q2 2017/18". */
  hidden: string;
}

export function presentDirection(d: DirectionView): DirectionPresentation {
  const words = DIRECTION_WORDS[d.status];
  return {
    status: d.status,
    text: d.text,
    hidden: d.comparedWith && (d.status === 'improving' || d.status === 'worsening' || d.status === 'same') ? `${words} compared with ${d.comparedWith}` : words,
  };
}

/** Best first, for sorting by rating. */
export const RATING_ORDER: readonly RatingValue[] = ['G', 'GA', 'A', 'RA', 'R', 'monitor', 'not-rated'];
export const DIRECTION_ORDER: readonly DirectionStatus[] = ['improving', 'same', 'worsening', 'new', 'not-applicable'];
