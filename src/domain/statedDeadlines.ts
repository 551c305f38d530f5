/**
 * A public-questions deadline stated in a document checked against the rule (issue 12 deliver 8: "a
 * deadline that does not follow the rule"). The packs say "the deadline for this meeting is Friday 16
 * June at 10AM"; the date and time are read from the words and compared with the deadline computed from
 * the meeting's date (meetingDeadlines.ts). A wrong weekday is found by statedWeekdays.ts. Pure.
 */
import { DEFAULT_DEADLINE_RULES, formatDeadline, meetingDeadlines, type DeadlineRules } from './meetingDeadlines.ts';
import { parseStartTime } from './meetings.ts';
import { findStatedWeekdays } from './statedWeekdays.ts';
import { formatDate, type IsoDate } from './workingDays.ts';

const STATED_DEADLINE = /deadline for this meeting is\s+(?:at\s+|on\s+)?(.{6,60}?)\s+at\s+(\d{1,2}(?:[.:]\d{2})?\s*(?:am|pm))/i;

export interface StatedDeadlineFinding {
  /** The words as written. */
  text: string;
  stated: { date: IsoDate; time: string | null };
  computed: { date: IsoDate; time: string | null };
  reason: string;
}

/** The public-questions deadline the text states, when it disagrees with the rule; null when it agrees or states none. */
export function wrongQuestionsDeadline(text: string, meetingDate: IsoDate, rules: DeadlineRules = DEFAULT_DEADLINE_RULES): StatedDeadlineFinding | null {
  const m = STATED_DEADLINE.exec(text.replace(/<\/?sup>/g, ''));
  if (!m) return null;
  const day = findStatedWeekdays(m[1]!, meetingDate)[0] ?? findDayMonth(m[1]!, meetingDate);
  if (!day) return null;
  const time = parseStartTime(m[2]!.replace(/\s+/g, '').toLowerCase());
  const computed = meetingDeadlines(meetingDate, rules).find((d) => d.kind === 'publicQuestions')!;
  if (day.date === computed.date && (time === null || time === computed.time)) return null;
  const said = `${formatDate(day.date)}${time ? ` at ${time}` : ''}`;
  return {
    text: m[0],
    stated: { date: day.date, time },
    computed: { date: computed.date, time: computed.time },
    reason: `says the public-questions deadline is ${said}, but the rule (${computed.reason}) gives ${formatDeadline(computed)}`,
  };
}

/** "16 June" without a weekday: the date nearest the meeting. */
function findDayMonth(words: string, meetingDate: IsoDate): { date: IsoDate } | null {
  const found = findStatedWeekdays(`Monday ${words}`, meetingDate)[0];
  return found ? { date: found.date } : null;
}
