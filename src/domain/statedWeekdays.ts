/**
 * Weekdays stated in text checked against their dates (issue 12 deliver 8: "a weekday that does not match
 * its date"). The 21 November 2018 pack says the public-questions deadline is "Thursday 16th November";
 * 16 November 2018 was a Friday. Text gives the day and month, and the year when it does; without one the
 * year is the one that puts the date nearest the document's own date (a meeting's papers speak of days
 * around the meeting). Pure.
 */
import { formatDate, type IsoDate, WEEKDAYS, type Weekday, weekdayOf } from './workingDays.ts';

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

// "Thursday 16th November", "Thursday, 16 November 2018", "Thursday 16<sup>th</sup> November".
const STATED = new RegExp(
  `\\b(${WEEKDAYS.join('|')}),?\\s+(\\d{1,2})(?:\\s*(?:<sup>)?\\s*(?:st|nd|rd|th)\\s*(?:</sup>)?)?\\s+(${MONTHS.join('|')})(?:,?\\s+(\\d{4}))?\\b`,
  'gi',
);

export interface StatedWeekday {
  /** The words as written. */
  text: string;
  /** Where in the text they start. */
  index: number;
  stated: Weekday;
  date: IsoDate;
  /** Whether the year was written, or inferred from the document's date. */
  yearWritten: boolean;
  actual: Weekday;
}

function isoOf(year: number, month: number, day: number): IsoDate | null {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.abs(Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`)) / 86_400_000;
}

/** Every "weekday day month [year]" in `text`, with the weekday its date falls on. */
export function findStatedWeekdays(text: string, documentDate: IsoDate): StatedWeekday[] {
  const out: StatedWeekday[] = [];
  const near = Number(documentDate.slice(0, 4));
  for (const m of text.matchAll(STATED)) {
    const stated = WEEKDAYS.find((w) => w.toLowerCase() === m[1]!.toLowerCase())!;
    const day = Number(m[2]);
    const month = MONTHS.indexOf(m[3]!.toLowerCase()) + 1;
    let date: IsoDate | null;
    if (m[4]) date = isoOf(Number(m[4]), month, day);
    else {
      const candidates = [near - 1, near, near + 1].map((y) => isoOf(y, month, day)).filter((d): d is IsoDate => d !== null);
      date = candidates.sort((a, b) => daysBetween(a, documentDate) - daysBetween(b, documentDate))[0] ?? null;
    }
    if (date === null) continue;
    out.push({ text: m[0], index: m.index!, stated, date, yearWritten: Boolean(m[4]), actual: weekdayOf(date) });
  }
  return out;
}

/** The stated weekdays that are wrong, each with why: 'says "Thursday 16th November" but Friday 16 November 2018 is a Friday'. */
export function wrongWeekdays(text: string, documentDate: IsoDate): (StatedWeekday & { reason: string })[] {
  return findStatedWeekdays(text, documentDate)
    .filter((s) => s.stated !== s.actual)
    .map((s) => ({
      ...s,
      reason: `says "${s.text.replace(/<\/?sup>/g, '')}" but ${formatDate(s.date)} is a ${s.actual}${s.yearWritten ? '' : ` (the year taken as ${s.date.slice(0, 4)}, the nearest to the document's date)`}`,
    }));
}
