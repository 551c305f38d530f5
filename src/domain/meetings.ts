/**
 * Meetings of committees (DOMAIN.md §9): statuses and the steps between them, start times, and a cycle
 * of meetings made from a pattern ("the first Wednesday of June, September, November and March"; "four a
 * year") with any date that is not a working day flagged. The weekday is always computed from the date.
 * Pure.
 */
import { addDays, CalendarNotCoveredError, formatLongDate, isIsoDate, type IsoDate, nonWorkingReason, WEEKDAYS, type Weekday } from './workingDays.ts';

export const MEETING_STATUSES = ['scheduled', 'agenda-published', 'held', 'minutes-draft', 'minutes-agreed', 'cancelled', 'postponed'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export const MEETING_STATUS_LABELS: Record<MeetingStatus, string> = {
  scheduled: 'Scheduled',
  'agenda-published': 'Agenda published',
  held: 'Held',
  'minutes-draft': 'Minutes draft',
  'minutes-agreed': 'Minutes agreed',
  cancelled: 'Cancelled',
  postponed: 'Postponed',
};

/**
 * The steps a meeting may take. A postponed meeting is rearranged by giving it a new date (it is then
 * scheduled again); a cancelled meeting and agreed minutes are final.
 */
export const MEETING_TRANSITIONS: Record<MeetingStatus, readonly MeetingStatus[]> = {
  scheduled: ['agenda-published', 'postponed', 'cancelled'],
  'agenda-published': ['held', 'postponed', 'cancelled'],
  held: ['minutes-draft'],
  'minutes-draft': ['minutes-agreed'],
  'minutes-agreed': [],
  cancelled: [],
  postponed: ['scheduled', 'cancelled'],
};

/** What each step is called on its button. */
export const MEETING_STEP_LABELS: Record<MeetingStatus, string> = {
  scheduled: 'Rearrange (scheduled again)',
  'agenda-published': 'Agenda published',
  held: 'Meeting held',
  'minutes-draft': 'Draft minutes written',
  'minutes-agreed': 'Minutes agreed as the correct record',
  cancelled: 'Cancel the meeting',
  postponed: 'Postpone the meeting',
};

export function isMeetingStatus(value: unknown): value is MeetingStatus {
  return typeof value === 'string' && (MEETING_STATUSES as readonly string[]).includes(value);
}

export function canMove(from: MeetingStatus, to: MeetingStatus): boolean {
  return MEETING_TRANSITIONS[from].includes(to);
}

/** Steps that need a reason (said on the meeting's page): cancelling and postponing. */
export function stepNeedsReason(to: MeetingStatus): boolean {
  return to === 'cancelled' || to === 'postponed';
}

/** Whether date, time and venue may still be changed: not once the meeting has been held or cancelled. */
export function arrangementsEditable(status: MeetingStatus): boolean {
  return status === 'scheduled' || status === 'agenda-published' || status === 'postponed';
}

/** Whether the meeting is still to happen (its deadlines matter). */
export function isUpcoming(status: MeetingStatus): boolean {
  return status === 'scheduled' || status === 'agenda-published' || status === 'postponed';
}

const TIME = /^(\d{1,2})[:.](\d{2})\s*(am|pm)?$/i;

/** A start time typed as "19:00", "7.00pm", "7pm" or "7:30 pm" → "19:00"; null when it is not one. */
export function parseStartTime(text: string): string | null {
  const t = text.trim().toLowerCase();
  const bare = /^(\d{1,2})\s*(am|pm)$/.exec(t);
  const m = bare ? [t, bare[1], '00', bare[2]] : TIME.exec(t);
  if (!m) return null;
  let h = Number(m[1]);
  const min = Number(m[2]);
  const half = m[3];
  if (min > 59) return null;
  if (half) {
    if (h < 1 || h > 12) return null;
    h = (h % 12) + (half === 'pm' ? 12 : 0);
  } else if (h > 23) return null;
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}

/** "19:00" → "7.00pm", as the packs print it. */
export function formatStartTime(time: string): string {
  const [h, m] = time.split(':').map(Number) as [number, number];
  const hour = h % 12 === 0 ? 12 : h % 12;
  return `${hour}.${String(m).padStart(2, '0')}${h < 12 ? 'am' : 'pm'}`;
}

/** Which week of the month: 1 to 4 (first to fourth), or -1 (the last). */
export type WeekOfMonth = 1 | 2 | 3 | 4 | -1;
export const WEEK_OF_MONTH_LABELS: Record<string, string> = { '1': 'First', '2': 'Second', '3': 'Third', '4': 'Fourth', '-1': 'Last' };

/**
 * A pattern of meetings between two dates (inclusive): on the `week`th `weekday` of each of `months`
 * (1–12), or of `perYear` months evenly spaced from the month of `from` (four a year: every third month).
 */
export interface CyclePattern {
  from: IsoDate;
  to: IsoDate;
  weekday: Weekday;
  week: WeekOfMonth;
  months: { kind: 'listed'; months: number[] } | { kind: 'per-year'; perYear: 1 | 2 | 3 | 4 | 6 | 12 };
}

export const PER_YEAR = [1, 2, 3, 4, 6, 12] as const;

/** One date of a cycle, and why it may not suit. */
export interface CycleDate {
  date: IsoDate;
  /** "Wednesday 21 November 2018". */
  text: string;
  /** Why the date is not a working day (a bank holiday), or that the list of bank holidays does not cover it. */
  warning: string | null;
}

/** The `week`th `weekday` of a month (week -1: the last). */
export function nthWeekdayOf(year: number, month: number, weekday: Weekday, week: WeekOfMonth): IsoDate {
  const target = WEEKDAYS.indexOf(weekday);
  if (week === -1) {
    const last = new Date(Date.UTC(year, month, 0));
    const back = (last.getUTCDay() - target + 7) % 7;
    return addDays(last.toISOString().slice(0, 10), -back);
  }
  const first = new Date(Date.UTC(year, month - 1, 1));
  const ahead = (target - first.getUTCDay() + 7) % 7;
  return addDays(first.toISOString().slice(0, 10), ahead + (week - 1) * 7);
}

/** The months (1–12) a pattern meets in. */
export function patternMonths(pattern: Pick<CyclePattern, 'from' | 'months'>): number[] {
  if (pattern.months.kind === 'listed') return [...new Set(pattern.months.months)].sort((a, b) => a - b);
  const start = Number(pattern.from.slice(5, 7));
  const step = 12 / pattern.months.perYear;
  return Array.from({ length: pattern.months.perYear }, (_, i) => ((start - 1 + i * step) % 12) + 1).sort((a, b) => a - b);
}

/** Longest cycle made at once: ten years of monthly meetings. */
export const MAX_CYCLE_DATES = 120;

/** The dates of a cycle, oldest first, each flagged when it is not a working day. */
export function cycleDates(pattern: CyclePattern): CycleDate[] {
  if (!isIsoDate(pattern.from) || !isIsoDate(pattern.to)) throw new RangeError('A cycle runs between two dates written YYYY-MM-DD');
  const months = new Set(patternMonths(pattern));
  const out: CycleDate[] = [];
  const [fy, fm] = [Number(pattern.from.slice(0, 4)), Number(pattern.from.slice(5, 7))];
  const [ty, tm] = [Number(pattern.to.slice(0, 4)), Number(pattern.to.slice(5, 7))];
  for (let n = fy * 12 + fm - 1; n <= ty * 12 + tm - 1; n++) {
    const y = Math.floor(n / 12);
    const m = (n % 12) + 1;
    if (!months.has(m)) continue;
    const date = nthWeekdayOf(y, m, pattern.weekday, pattern.week);
    if (date < pattern.from || date > pattern.to) continue;
    out.push({ date, text: formatLongDate(date), warning: warningFor(date) });
    if (out.length > MAX_CYCLE_DATES) break;
  }
  return out;
}

function warningFor(date: IsoDate): string | null {
  try {
    const reason = nonWorkingReason(date);
    return reason ? `Not a working day: ${reason}` : null;
  } catch (error) {
    if (error instanceof CalendarNotCoveredError) return `The bank holidays of ${error.year} are not known yet: its deadlines cannot be computed`;
    throw error;
  }
}
