/**
 * The deadlines a meeting's date sets, computed with their reasons (DOMAIN.md §9). Pure.
 *
 * - Public questions and comments: by 10:00 on the third working day before the meeting.
 * - Agenda publication: the agenda and papers open to inspection at least five clear days before the
 *   meeting (Local Government Act 1972 s.100B(3)); clear days exclude the day of publication and the day
 *   of the meeting, and are counted as working days, as councils' constitutions read them.
 * - Report clearance: papers to legal, finance and governance at least five working days before the
 *   agenda deadline.
 * The counts and the time are a council's rules (`DeadlineRules`); the dates are never typed.
 */
import { type BankHolidayCalendar, clearWorkingDaysBefore, ENGLAND_AND_WALES, formatLongDate, type IsoDate, type NonWorkingDay, workingDaysBefore } from './workingDays.ts';

export interface DeadlineRules {
  /** Public questions: at `time` on the `workingDays`th working day before the meeting. */
  publicQuestions: { workingDays: number; time: string };
  /** Agenda publication: `clearDays` clear working days before the meeting. */
  agendaPublication: { clearDays: number };
  /** Report clearance: `workingDays` working days before the agenda publication date. */
  reportClearance: { workingDays: number };
}

export const DEFAULT_DEADLINE_RULES: DeadlineRules = {
  publicQuestions: { workingDays: 3, time: '10:00' },
  agendaPublication: { clearDays: 5 },
  reportClearance: { workingDays: 5 },
};

export type DeadlineKind = 'reportClearance' | 'agendaPublication' | 'publicQuestions';

export interface Deadline {
  kind: DeadlineKind;
  /** "Reports to legal, finance and governance for clearance". */
  label: string;
  date: IsoDate;
  /** Local (Europe/London) time of day, `HH:MM`, when the deadline has one. */
  time: string | null;
  /** How it was computed, in words a person can check against a calendar. */
  reason: string;
  /** The days passed over because they are not working days. */
  skipped: NonWorkingDay[];
}

const ORDINALS = ['zeroth', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];
const ordinal = (n: number) => ORDINALS[n] ?? `${n}th`;
const NUMBERS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
const number = (n: number) => NUMBERS[n] ?? String(n);
const plural = (n: number, word: string) => `${number(n)} ${word}${n === 1 ? '' : 's'}`;

function skippedText(skipped: NonWorkingDay[]): string {
  if (!skipped.length) return '';
  return ` (not counted: ${skipped.map((s) => `${formatLongDate(s.date)}, ${s.reason === 'Saturday' || s.reason === 'Sunday' ? 'a weekend' : s.reason}`).join('; ')})`;
}

/** The three deadlines of a meeting on `meetingDate`, earliest first. */
export function meetingDeadlines(meetingDate: IsoDate, rules: DeadlineRules = DEFAULT_DEADLINE_RULES, calendar: BankHolidayCalendar = ENGLAND_AND_WALES): Deadline[] {
  const meeting = formatLongDate(meetingDate);
  const questions = workingDaysBefore(meetingDate, rules.publicQuestions.workingDays, calendar);
  const agenda = clearWorkingDaysBefore(meetingDate, rules.agendaPublication.clearDays, calendar);
  const clearance = workingDaysBefore(agenda.date, rules.reportClearance.workingDays, calendar);
  return [
    {
      kind: 'reportClearance',
      label: 'Reports to legal, finance and governance for clearance',
      date: clearance.date,
      time: null,
      reason: `${plural(rules.reportClearance.workingDays, 'working day')} before the agenda is published on ${formatLongDate(agenda.date)}${skippedText(clearance.skipped)}`,
      skipped: clearance.skipped,
    },
    {
      kind: 'agendaPublication',
      label: 'Agenda and papers published',
      date: agenda.date,
      time: null,
      reason: `${plural(rules.agendaPublication.clearDays, 'clear working day')} before the meeting on ${meeting}: neither the day of publication nor the day of the meeting counts${skippedText(agenda.skipped)}`,
      skipped: agenda.skipped,
    },
    {
      kind: 'publicQuestions',
      label: 'Public questions and comments',
      date: questions.date,
      time: rules.publicQuestions.time,
      reason: `${rules.publicQuestions.time} on the ${ordinal(rules.publicQuestions.workingDays)} working day before the meeting on ${meeting}${skippedText(questions.skipped)}`,
      skipped: questions.skipped,
    },
  ];
}

/** "10am on Friday 16 November 2018" / "Tuesday 13 November 2018". */
export function formatDeadline(deadline: Pick<Deadline, 'date' | 'time'>): string {
  if (!deadline.time) return formatLongDate(deadline.date);
  const [h, m] = deadline.time.split(':').map(Number) as [number, number];
  const hour = h % 12 === 0 ? 12 : h % 12;
  return `${hour}${m ? `.${String(m).padStart(2, '0')}` : ''}${h < 12 ? 'am' : 'pm'} on ${formatLongDate(deadline.date)}`;
}
