/**
 * Is a committee's period complete enough to submit, approve and publish (issue 10, deliver 1)? What is
 * missing — results due, the reason for a result not given, commentary, the intervention a red rating
 * needs, key-action updates — each as a sentence a person can act on. Pure: the entry service gives
 * the period's indicators in force with their results and ratings, and its key actions with updates.
 */
import { formatPeriod } from './periods.ts';
import type { ActionRag, Period, ResultStatus, RatingValue } from './types.ts';

export type GapKind = 'result' | 'reason' | 'commentary' | 'intervention' | 'key-action';

export interface Gap {
  kind: GapKind;
  /** The indicator's or key action's ref. */
  ref: string;
  title: string;
  /** Who owes it: the indicator's owner or the key action's service (null when none is recorded). */
  owner: string | null;
  /** "CG/C27 Racist and religious hate crime: no result for Q3 2018/19 (due quarterly)". */
  text: string;
}

export interface IndicatorForCompleteness {
  ref: string;
  title: string;
  owner: string | null;
  frequency: string;
  result: { status: ResultStatus; commentary: string | null; intervention: string | null; note: string | null } | null;
  /** The result's rating (null when no result). */
  rating: RatingValue | null;
}

export interface ActionForCompleteness {
  ref: string;
  title: string;
  service: string | null;
  /** This period's update (null when none). */
  rag: ActionRag | null;
  commentary: string | null;
}

/** Ratings whose result needs an intervention: what is being done about it (Red and Red Amber). */
export const NEEDS_INTERVENTION: readonly RatingValue[] = ['R', 'RA'];

/** Whether an indicator of this frequency owes a result for the period (annual: the year and Q4; biannual: Q2 and Q4). */
export function isDueIn(frequency: string, period: Period): boolean {
  if (period.kind === 'year') return true;
  if (period.kind === 'month') return frequency === 'monthly';
  switch (frequency) {
    case 'monthly':
    case 'quarterly':
      return true;
    case 'biannual':
      return period.quarter === 2 || period.quarter === 4;
    default:
      return period.quarter === 4;
  }
}

const blank = (text: string | null | undefined) => !text || !text.trim();

/** What is missing from a period, indicators first (in the order given), then key actions. */
export function periodGaps(period: Period, indicators: IndicatorForCompleteness[], actions: ActionForCompleteness[]): Gap[] {
  const label = formatPeriod(period);
  const gaps: Gap[] = [];
  for (const i of indicators) {
    const gap = (kind: GapKind, what: string) => gaps.push({ kind, ref: i.ref, title: i.title, owner: i.owner, text: `${i.ref} ${i.title}: ${what}` });
    const r = i.result;
    if (!r || r.status === 'due') {
      if (isDueIn(i.frequency, period)) gap('result', `no result for ${label} (due ${i.frequency}): enter it, or choose "not available" or "not collected" and give the reason in the note`);
      continue;
    }
    if ((r.status === 'not available' || r.status === 'not collected') && blank(r.note)) {
      gap('reason', `marked "${r.status}" for ${label} without a reason: give it in the note`);
    }
    if (r.status !== 'reported') continue;
    if (blank(r.commentary)) gap('commentary', `no commentary on the ${label} result`);
    if (i.rating && NEEDS_INTERVENTION.includes(i.rating) && blank(r.intervention)) {
      gap('intervention', `rated ${i.rating === 'R' ? 'Red' : 'Red Amber'} in ${label} with no intervention: say what is being done about it`);
    }
  }
  for (const a of actions) {
    const gap = (what: string) => gaps.push({ kind: 'key-action', ref: a.ref, title: a.title, owner: a.service, text: `${a.ref} ${a.title}: ${what}` });
    if (a.rag === null) gap(`no update for ${label}: give its RAG (or "not rated") and commentary`);
    else if (a.rag === 'not-rated' && blank(a.commentary)) gap(`not rated in ${label} without a reason: say why in the commentary`);
  }
  return gaps;
}

/** The refs of a period's items: what a submission covers. */
export function itemRefs(indicators: { ref: string }[], actions: { ref: string }[]): string[] {
  return [...indicators.map((i) => i.ref), ...actions.map((a) => a.ref)];
}
