/**
 * Calendar dates, weekdays and working days (England and Wales). Pure.
 *
 * A date is an ISO calendar date, `2018-11-21`, with no time or time zone: a meeting's day is the
 * same day wherever it is read. Working days skip Saturdays, Sundays and the bank holidays of England
 * and Wales, taken from the official list shipped in the repository
 * (`calendar/bank-holidays-england-and-wales.json`, in the shape of https://www.gov.uk/bank-holidays.json,
 * one-off holidays included; no network at run time). A computation that needs a year the list does not
 * cover refuses with `CalendarNotCoveredError` rather than guessing: a wrong deadline is worse than none.
 */
import shipped from './calendar/bank-holidays-england-and-wales.json' with { type: 'json' };

/** `YYYY-MM-DD`. */
export type IsoDate = string;

export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

/** A list of bank holidays and the years it is complete for. */
export interface BankHolidayCalendar {
  /** First and last calendar year the list is complete for. */
  from: number;
  to: number;
  /** Date → the holiday's name, as the official list gives it ("Boxing Day (substitute day)"). */
  holidays: ReadonlyMap<IsoDate, string>;
}

/** A day that is not a working day, and why. */
export interface NonWorkingDay {
  date: IsoDate;
  /** "Saturday", "Sunday" or the bank holiday's name. */
  reason: string;
}

export class CalendarNotCoveredError extends Error {
  constructor(readonly year: number, readonly calendar: Pick<BankHolidayCalendar, 'from' | 'to'>) {
    super(
      `The bank holidays of ${year} are not in Townhall's list (it covers ${calendar.from} to ${calendar.to}), so working days in ${year} cannot be counted. ` +
        'Add them to src/domain/calendar/bank-holidays-england-and-wales.json from https://www.gov.uk/bank-holidays.json',
    );
    this.name = 'CalendarNotCoveredError';
  }
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `text` is a real calendar date written `YYYY-MM-DD` (not 2018-02-30). */
export function isIsoDate(text: string): boolean {
  const m = ISO.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

function toUtc(date: IsoDate): Date {
  if (!isIsoDate(date)) throw new RangeError(`Not a date written YYYY-MM-DD: ${JSON.stringify(date)}`);
  return new Date(`${date}T00:00:00Z`);
}

const fromUtc = (d: Date): IsoDate => d.toISOString().slice(0, 10);

export function addDays(date: IsoDate, days: number): IsoDate {
  const d = toUtc(date);
  d.setUTCDate(d.getUTCDate() + days);
  return fromUtc(d);
}

export function weekdayOf(date: IsoDate): Weekday {
  return WEEKDAYS[toUtc(date).getUTCDay()]!;
}

export function yearOf(date: IsoDate): number {
  return toUtc(date).getUTCFullYear();
}

/** "Wednesday 21 November 2018": the weekday always computed from the date. */
export function formatLongDate(date: IsoDate): string {
  const d = toUtc(date);
  return `${weekdayOf(date)} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** "21 November 2018". */
export function formatDate(date: IsoDate): string {
  const d = toUtc(date);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** The calendar from a list in gov.uk's shape; refuses a list that is not one. */
export function bankHolidayCalendar(source: { years: { from: number; to: number }; events: { date: string; title: string; notes?: string }[] }): BankHolidayCalendar {
  const { from, to } = source.years;
  if (!Number.isInteger(from) || !Number.isInteger(to) || from > to) throw new RangeError(`A bank holiday list covers whole years: got ${from} to ${to}`);
  const holidays = new Map<IsoDate, string>();
  for (const e of source.events) {
    if (!isIsoDate(e.date)) throw new RangeError(`A bank holiday's date is not a date: ${JSON.stringify(e.date)}`);
    const year = yearOf(e.date);
    if (year < from || year > to) throw new RangeError(`The bank holiday ${e.date} is outside the years the list says it covers (${from} to ${to})`);
    if (holidays.has(e.date)) throw new RangeError(`The bank holiday list gives ${e.date} twice`);
    holidays.set(e.date, e.notes ? `${e.title} (${e.notes.toLowerCase()})` : e.title);
  }
  return { from, to, holidays };
}

/** England and Wales, from the list shipped in the repository. */
export const ENGLAND_AND_WALES: BankHolidayCalendar = bankHolidayCalendar(shipped);

/** Why `date` is not a working day, or null when it is one. */
export function nonWorkingReason(date: IsoDate, calendar: BankHolidayCalendar = ENGLAND_AND_WALES): string | null {
  const weekday = weekdayOf(date);
  if (weekday === 'Saturday' || weekday === 'Sunday') return weekday;
  const year = yearOf(date);
  if (year < calendar.from || year > calendar.to) throw new CalendarNotCoveredError(year, calendar);
  const holiday = calendar.holidays.get(date);
  return holiday ? `${holiday}, a bank holiday` : null;
}

export function isWorkingDay(date: IsoDate, calendar: BankHolidayCalendar = ENGLAND_AND_WALES): boolean {
  return nonWorkingReason(date, calendar) === null;
}

/** A day reached by counting days, and the days passed over on the way (the reason a person can check). */
export interface CountedDay {
  date: IsoDate;
  skipped: NonWorkingDay[];
}

/**
 * The `n`th working day before `date` (n ≥ 1; `date` itself is not counted): the third working day before
 * Wednesday 21 November 2018 is Friday 16 November (Tuesday 20, Monday 19, Friday 16; the weekend skipped).
 */
export function workingDaysBefore(date: IsoDate, n: number, calendar: BankHolidayCalendar = ENGLAND_AND_WALES): CountedDay {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`Count at least one working day: got ${n}`);
  const skipped: NonWorkingDay[] = [];
  let day = date;
  for (let counted = 0; counted < n; ) {
    day = addDays(day, -1);
    const reason = nonWorkingReason(day, calendar);
    if (reason) skipped.push({ date: day, reason });
    else counted++;
  }
  return { date: day, skipped };
}

/**
 * The last day on which something must happen to leave `n` clear working days before `date`: neither
 * that day nor `date` counts, and days that are not working days do not count as clear days. Five clear
 * days before Wednesday 21 November 2018 (14, 15, 16, 19, 20 November) is Tuesday 13 November.
 */
export function clearWorkingDaysBefore(date: IsoDate, n: number, calendar: BankHolidayCalendar = ENGLAND_AND_WALES): CountedDay {
  const last = workingDaysBefore(date, n, calendar);
  // The day before the n clear days must itself be a working day on which the thing can be done.
  const on = workingDaysBefore(last.date, 1, calendar);
  return { date: on.date, skipped: [...last.skipped, ...on.skipped] };
}
