/**
 * Wall-clock times in the United Kingdom (Europe/London): a meeting is held at a date and a time of day
 * there ("7.00pm on 21 June 2017"), which is 18:00 UTC in summer (BST, UTC+1) and 19:00 UTC in winter
 * (GMT). Feeds need both: iCal writes the wall time with TZID=Europe/London, Popolo and Open Civic Data
 * write an ISO 8601 time with its offset. Pure: the offsets come from the time-zone database Node ships
 * (Intl), never from the machine's own time zone.
 */
import { isIsoDate, type IsoDate } from './workingDays.ts';

export const LONDON = 'Europe/London';

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

const PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** London's offset from UTC at an instant, in minutes (0 in winter, 60 in summer). */
export function londonOffsetAt(instant: Date): number {
  const p = Object.fromEntries(PARTS.formatToParts(instant).map((x) => [x.type, x.value]));
  const wall = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return Math.round((wall - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

function check(date: IsoDate, time: string): RegExpExecArray {
  const m = TIME.exec(time);
  if (!isIsoDate(date) || !m) throw new RangeError(`Not a date and time of day: ${date} ${time}`);
  return m;
}

/**
 * The instant of a London wall time. In the hour the clocks go forward (01:00–01:59 on the last Sunday
 * of March) the wall time does not exist and is read as summer time (an hour later on the clock); in
 * the hour they go back (01:00–01:59 on the last Sunday of October) it happens twice and the first, in
 * summer time, is taken.
 */
export function londonInstant(date: IsoDate, time: string): Date {
  const m = check(date, time);
  const wall = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)), Number(m[1]), Number(m[2]));
  // Summer time first: the earlier of two readings when the hour repeats.
  for (const offset of [60, 0]) {
    const instant = new Date(wall - offset * 60_000);
    if (londonOffsetAt(instant) === offset) return instant;
  }
  // The missing hour in spring: the clock read it as winter time, which is summer time an hour on.
  return new Date(wall);
}

/** The offset in force at a London wall time, in minutes. */
export function londonOffset(date: IsoDate, time: string): number {
  return londonOffsetAt(londonInstant(date, time));
}

/** ISO 8601 with London's offset: '2017-06-21T19:00:00+01:00', '2018-11-21T19:00:00+00:00'. */
export function londonIso(date: IsoDate, time: string): string {
  const instant = londonInstant(date, time);
  const offset = londonOffsetAt(instant);
  const local = new Date(instant.getTime() + offset * 60_000).toISOString().slice(0, 19);
  const hours = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
  const minutes = String(Math.abs(offset) % 60).padStart(2, '0');
  return `${local}${offset < 0 ? '-' : '+'}${hours}:${minutes}`;
}
