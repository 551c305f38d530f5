/**
 * Reading a ModernGov web service request as its clients send it (ADR 0021): the operation and the
 * parameter names in any case (ASP.NET reads them so: `lMeetingId`, `lmeetingid`), dates written
 * dd/mm/yyyy (ModernGov's own form) or yyyy-mm-dd. A value that is not one is refused with its reason.
 */
import { isIsoDate } from '../../../domain/workingDays.ts';

export const OPERATIONS = ['GetCommittees', 'GetMeetings', 'GetMeeting', 'GetCouncillorsByWard'] as const;
export type Operation = (typeof OPERATIONS)[number];

/** The operation named, whatever its case; null when it is not one the service answers. */
export function readOperation(name: string): Operation | null {
  return OPERATIONS.find((o) => o.toLowerCase() === name.toLowerCase()) ?? null;
}

/** The query's parameters by lower-case name (the first value of a repeated one). */
export function lowerCaseQuery(query: unknown): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries((query ?? {}) as Record<string, unknown>)) {
    const value = Array.isArray(v) ? v[0] : v;
    if (typeof value === 'string' && !out.has(k.toLowerCase())) out.set(k.toLowerCase(), value.trim());
  }
  return out;
}

/** '21/11/2018' or '2018-11-21' → '2018-11-21'; null when it is neither. */
export function readModernGovDate(text: string): string | null {
  const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  const iso = uk ? `${uk[3]}-${uk[2]!.padStart(2, '0')}-${uk[1]!.padStart(2, '0')}` : text;
  return isIsoDate(iso) ? iso : null;
}

/** A whole number id (lCommitteeId, lMeetingId); null when it is not one. */
export function readId(text: string): number | null {
  return /^\d{1,9}$/.test(text) ? Number(text) : null;
}

export type Read<T> = { ok: true; value: T } | { ok: false; error: string };

/** GetMeetings: lCommitteeId (0 or absent: every committee), sFromDate and sToDate (absent: no bound). */
export function readMeetingsQuery(query: Map<string, string>): Read<{ committeeId: number | null; from: string | null; to: string | null }> {
  const committee = query.get('lcommitteeid') ?? '';
  const committeeId = committee === '' ? 0 : readId(committee);
  if (committeeId === null) return { ok: false, error: 'lCommitteeId must be a committee’s id, or 0 for every committee' };
  const dates: (string | null)[] = [];
  for (const name of ['sfromdate', 'stodate']) {
    const text = query.get(name) ?? '';
    const date = text === '' ? null : readModernGovDate(text);
    if (text !== '' && date === null) return { ok: false, error: `${name === 'sfromdate' ? 'sFromDate' : 'sToDate'} must be a date written dd/mm/yyyy, like 21/11/2018` };
    dates.push(date);
  }
  return { ok: true, value: { committeeId: committeeId === 0 ? null : committeeId, from: dates[0]!, to: dates[1]! } };
}

/** GetMeeting: lMeetingId. */
export function readMeetingId(query: Map<string, string>): Read<number> {
  const id = readId(query.get('lmeetingid') ?? '');
  return id === null ? { ok: false, error: 'lMeetingId must be a meeting’s id' } : { ok: true, value: id };
}
