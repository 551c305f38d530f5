/**
 * A date typed in the GOV.UK date input's three fields (day, month, year), read as an ISO date or the
 * GOV.UK Design System's message for what is wrong. Pure.
 */
import { isIsoDate, type IsoDate } from './workingDays.ts';

export interface DateParts {
  day: string;
  month: string;
  year: string;
}

const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Parts from an ISO date (to fill the form again). */
export function partsOf(date: IsoDate | null): DateParts {
  if (!date) return { day: '', month: '', year: '' };
  return { day: String(Number(date.slice(8, 10))), month: String(Number(date.slice(5, 7))), year: date.slice(0, 4) };
}

export const EMPTY_PARTS: DateParts = { day: '', month: '', year: '' };

export function isEmpty(parts: DateParts): boolean {
  return !parts.day.trim() && !parts.month.trim() && !parts.year.trim();
}

/**
 * The ISO date the parts make, or the message naming what is missing or wrong. `label` completes the
 * messages: "the date the membership starts" → "Enter the date the membership starts", "The date the
 * membership starts must include a month". A month may be a number or a name ("Nov", "November").
 */
export function readDateParts(parts: DateParts, label: string): { date: IsoDate } | { error: string } {
  const Label = label.charAt(0).toUpperCase() + label.slice(1);
  const day = parts.day.trim();
  const monthText = parts.month.trim().toLowerCase();
  const year = parts.year.trim();
  if (!day && !monthText && !year) return { error: `Enter ${label}` };
  const missing = [!day && 'a day', !monthText && 'a month', !year && 'a year'].filter(Boolean) as string[];
  if (missing.length) return { error: `${Label} must include ${missing.join(' and ')}` };
  const monthIndex = /^\d{1,2}$/.test(monthText) ? Number(monthText) : MONTH_NAMES.indexOf(monthText.slice(0, 3)) + 1;
  if (!/^\d{1,2}$/.test(day) || monthIndex < 1 || monthIndex > 12 || !/^\d{4}$/.test(year)) return { error: `${Label} must be a real date` };
  const iso = `${year}-${String(monthIndex).padStart(2, '0')}-${day.padStart(2, '0')}`;
  if (!isIsoDate(iso)) return { error: `${Label} must be a real date` };
  if (Number(year) < 1900 || Number(year) > 2200) return { error: `${Label} must be a year between 1900 and 2200` };
  return { date: iso };
}
