/**
 * A committee's forward work programme (DOMAIN.md §9; issue 11, deliver 7): a rolling list of the
 * business its future meetings will take — for each entry the title, the overview of the decision, who
 * reports it and the issue type (key, non-key, urgent) — with the standing items every meeting receives
 * computed from rules, never typed: a standing item at every meeting (corporate grants, nominations of
 * assets of community value) and the quarterly performance report of the latest quarter a meeting can
 * receive. An entry is aimed at a meeting, at a later month when no meeting is arranged yet, or is "to be
 * scheduled". Pure.
 */
import type { Period } from './types.ts';
import { formatFinancialYear, periodKey } from './periods.ts';
import { addDays, formatDate, isIsoDate, type IsoDate } from './workingDays.ts';

export const ISSUE_TYPES = ['key', 'non-key', 'urgent'] as const;
export type IssueType = (typeof ISSUE_TYPES)[number];

/** As the programmes print them ("Issue Type (Non key/Key/Urgent)"). */
export const ISSUE_TYPE_LABELS: Record<IssueType, string> = { key: 'Key', 'non-key': 'Non-key', urgent: 'Urgent' };

/** What a programme prints when the issue type was not stated (the 2017 programme has no such column). */
export const ISSUE_TYPE_NOT_STATED = 'Not stated';

export function isIssueType(value: unknown): value is IssueType {
  return typeof value === 'string' && (ISSUE_TYPES as readonly string[]).includes(value);
}

export function issueTypeLabel(type: IssueType | null): string {
  return type ? ISSUE_TYPE_LABELS[type] : ISSUE_TYPE_NOT_STATED;
}

/** Where an entry is aimed: a meeting, a later month with no meeting arranged yet, or nowhere yet. */
export type EntryTarget = { kind: 'meeting'; meetingId: number } | { kind: 'month'; month: string } | { kind: 'unscheduled' };

/** A month written YYYY-MM. */
export function isYearMonthKey(text: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(text);
}

/** "2019-06" → "June 2019". */
export function formatMonthKey(month: string): string {
  return formatDate(`${month}-01`).replace(/^1 /, '');
}

/** What an entry and a standing item share: what a programme prints for each row. */
export interface ProgrammeItemFields {
  title: string;
  overview: string;
  /** The reporting officer's post, as the programmes print it ("Grants Manager"). */
  reportOf: string;
  /** Contributing officer(s), when the programme names them (the 2017 programme does). */
  contributors: string | null;
  issueType: IssueType | null;
}

export interface WorkProgrammeEntry extends ProgrammeItemFields {
  id: number;
  committeeId: number;
  target: EntryTarget;
}

// Standing items

export const STANDING_RULE_KINDS = ['every-meeting', 'quarterly-performance'] as const;
export type StandingRuleKind = (typeof STANDING_RULE_KINDS)[number];

export const STANDING_RULE_KIND_LABELS: Record<StandingRuleKind, string> = {
  'every-meeting': 'At every meeting',
  'quarterly-performance': 'The quarterly performance report, at the first meeting that can receive each quarter',
};

export function isStandingRuleKind(value: unknown): value is StandingRuleKind {
  return typeof value === 'string' && (STANDING_RULE_KINDS as readonly string[]).includes(value);
}

/** The time a quarter's figures need after its end before a meeting can receive its report (six weeks). */
export const DEFAULT_LAG_DAYS = 42;

/**
 * A rule making a standing item at meetings from a date to a date (both included; no end: until further
 * notice). The title and overview of a quarterly performance rule may hold placeholders filled for the
 * quarter each meeting receives: {quarter} "Q2", {n} "2", {year} "2018/19", {period} "Q2 2018/19".
 */
export interface StandingRule {
  id: number;
  committeeId: number;
  kind: StandingRuleKind;
  title: string;
  overview: string;
  reportOf: string;
  contributors: string | null;
  issueType: IssueType | null;
  /** For quarterly performance: days after the quarter's end before a meeting can receive it. */
  lagDays: number;
  from: IsoDate;
  to: IsoDate | null;
}

export const PLACEHOLDERS = ['{quarter}', '{n}', '{year}', '{period}'] as const;

/** A meeting as the rules see it. */
export interface ProgrammeMeeting {
  id: number;
  date: IsoDate;
  cancelled: boolean;
}

/** A standing item a rule makes for a meeting. */
export interface StandingItem extends ProgrammeItemFields {
  ruleId: number;
  /** For a quarterly performance report: the quarter it reports ('2018-Q2', periodKey), for the paper's link. */
  period: string | null;
}

type Quarter = Extract<Period, { kind: 'quarter' }>;

/** The last day of a financial quarter: Q1 30 June, Q2 30 September, Q3 31 December, Q4 31 March. */
export function quarterEnd(q: Quarter): IsoDate {
  const ends: Record<1 | 2 | 3 | 4, string> = { 1: `${q.startYear}-06-30`, 2: `${q.startYear}-09-30`, 3: `${q.startYear}-12-31`, 4: `${q.startYear + 1}-03-31` };
  return ends[q.quarter];
}

/** The latest quarter that ended at least `lagDays` before `date`. */
export function latestQuarterBy(date: IsoDate, lagDays: number): Quarter {
  const cutoff = addDays(date, -lagDays);
  const y = Number(cutoff.slice(0, 4));
  const md = cutoff.slice(5);
  // Candidates from the latest back: the quarter ending 31 Dec of y, 30 Sep, 30 Jun, 31 Mar, then 31 Dec of y-1.
  if (md >= '12-31') return { kind: 'quarter', startYear: y, quarter: 3 };
  if (md >= '09-30') return { kind: 'quarter', startYear: y, quarter: 2 };
  if (md >= '06-30') return { kind: 'quarter', startYear: y, quarter: 1 };
  if (md >= '03-31') return { kind: 'quarter', startYear: y - 1, quarter: 4 };
  return { kind: 'quarter', startYear: y - 1, quarter: 3 };
}

const quarterIndex = (q: Quarter) => q.startYear * 4 + q.quarter;

/** Fills a quarterly rule's placeholders for a quarter. */
export function fillPlaceholders(template: string, q: Quarter): string {
  const year = formatFinancialYear(q.startYear);
  return template
    .replaceAll('{quarter}', `Q${q.quarter}`)
    .replaceAll('{n}', String(q.quarter))
    .replaceAll('{year}', year)
    .replaceAll('{period}', `Q${q.quarter} ${year}`);
}

const inRange = (rule: Pick<StandingRule, 'from' | 'to'>, date: IsoDate) => date >= rule.from && (rule.to === null || date <= rule.to);

/**
 * The standing items each meeting receives, by meeting id, in the rules' order. A cancelled meeting
 * receives none. A quarterly performance rule gives each meeting, oldest first, the latest quarter that
 * ended `lagDays` before it, unless an earlier meeting already received that quarter: so each quarter
 * goes to the first meeting that can take it, and a quarter overtaken before any meeting could take it
 * is reported within the next one.
 */
export function standingItems(rules: readonly StandingRule[], meetings: readonly ProgrammeMeeting[]): Map<number, StandingItem[]> {
  const out = new Map<number, StandingItem[]>(meetings.map((m) => [m.id, []]));
  const ordered = [...meetings].filter((m) => !m.cancelled).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id - b.id));
  for (const rule of rules) {
    let received: Quarter | null = null;
    for (const m of ordered) {
      if (!inRange(rule, m.date)) continue;
      const base = { ruleId: rule.id, reportOf: rule.reportOf, contributors: rule.contributors, issueType: rule.issueType };
      if (rule.kind === 'every-meeting') {
        out.get(m.id)!.push({ ...base, title: rule.title, overview: rule.overview, period: null });
        continue;
      }
      const q = latestQuarterBy(m.date, rule.lagDays);
      if (received && quarterIndex(q) <= quarterIndex(received)) continue;
      received = q;
      out.get(m.id)!.push({ ...base, title: fillPlaceholders(rule.title, q), overview: fillPlaceholders(rule.overview, q), period: periodKey(q) });
    }
  }
  return out;
}

// The programme

/** One row of a programme: an entry typed by an officer, or a standing item a rule made. */
export type ProgrammeItem = (ProgrammeItemFields & { source: 'entry'; entryId: number }) | (ProgrammeItemFields & { source: 'standing'; ruleId: number; period: string | null });

export interface ProgrammeSection {
  /** A meeting, a later month without a meeting, or the entries still to be scheduled. */
  kind: 'meeting' | 'month' | 'unscheduled';
  meetingId: number | null;
  /** The meeting's date, or the month ('2019-06'); null for "to be scheduled". */
  when: string | null;
  /** "21 November 2018", "June 2019", "To be scheduled". */
  heading: string;
  items: ProgrammeItem[];
}

export interface Programme {
  from: IsoDate;
  sections: ProgrammeSection[];
  /** "November 2018 - March 2019": the months of its first and last meeting; null when it has no meeting. */
  span: string | null;
}

const entryItem = (e: WorkProgrammeEntry): ProgrammeItem => ({
  source: 'entry',
  entryId: e.id,
  title: e.title,
  overview: e.overview,
  reportOf: e.reportOf,
  contributors: e.contributors,
  issueType: e.issueType,
});

const standingItem = (s: StandingItem): ProgrammeItem => ({
  source: 'standing',
  ruleId: s.ruleId,
  period: s.period,
  title: s.title,
  overview: s.overview,
  reportOf: s.reportOf,
  contributors: s.contributors,
  issueType: s.issueType,
});

/** A meeting's rows: its entries in the order they were added, then its standing items. */
export function meetingItems(meetingId: number, entries: readonly WorkProgrammeEntry[], standing: Map<number, StandingItem[]>): ProgrammeItem[] {
  return [
    ...entries.filter((e) => e.target.kind === 'meeting' && e.target.meetingId === meetingId).sort((a, b) => a.id - b.id).map(entryItem),
    ...(standing.get(meetingId) ?? []).map(standingItem),
  ];
}

/**
 * The programme as it stands from a date: each meeting on or after it (cancelled ones left out) with its
 * rows, then the later months entries are aimed at, then the entries to be scheduled — among them those
 * aimed at a meeting that was cancelled, which need a new meeting. The standing items are computed over
 * all the committee's meetings, so a quarter received before `from` is not offered again.
 */
export function buildProgramme(input: { from: IsoDate; meetings: readonly ProgrammeMeeting[]; entries: readonly WorkProgrammeEntry[]; rules: readonly StandingRule[] }): Programme {
  if (!isIsoDate(input.from)) throw new RangeError('A programme runs from a date written YYYY-MM-DD');
  const standing = standingItems(input.rules, input.meetings);
  const future = [...input.meetings].filter((m) => !m.cancelled && m.date >= input.from).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id - b.id));
  const cancelled = new Set(input.meetings.filter((m) => m.cancelled).map((m) => m.id));
  const sections: ProgrammeSection[] = future.map((m) => ({ kind: 'meeting', meetingId: m.id, when: m.date, heading: formatDate(m.date), items: meetingItems(m.id, input.entries, standing) }));
  const fromMonth = input.from.slice(0, 7);
  const months = [...new Set(input.entries.flatMap((e) => (e.target.kind === 'month' && e.target.month >= fromMonth ? [e.target.month] : [])))].sort();
  for (const month of months) {
    const items = input.entries.filter((e) => e.target.kind === 'month' && e.target.month === month).sort((a, b) => a.id - b.id).map(entryItem);
    sections.push({ kind: 'month', meetingId: null, when: month, heading: formatMonthKey(month), items });
  }
  const unscheduled = input.entries.filter((e) => e.target.kind === 'unscheduled' || (e.target.kind === 'meeting' && cancelled.has(e.target.meetingId))).sort((a, b) => a.id - b.id);
  if (unscheduled.length) sections.push({ kind: 'unscheduled', meetingId: null, when: null, heading: 'To be scheduled', items: unscheduled.map(entryItem) });
  const first = future[0];
  const last = future[future.length - 1];
  const span = first && last ? [first, last].map((m) => formatMonthKey(m.date.slice(0, 7))).filter((t, i, all) => all.indexOf(t) === i).join(' - ') : null;
  return { from: input.from, sections, span };
}

// Contradictions

/**
 * Where a paper's cover disagrees with the programme entry it was made from: "Key: Yes" against an issue
 * type other than key, "Urgent: Yes" against one other than urgent, and the converse. The documents are
 * never corrected to agree: the disagreement is reported (issue 11: covers whose "key decision" flag
 * disagrees with the work programme). An entry whose issue type was not stated disagrees with nothing.
 */
export function coverDisagreements(entry: Pick<ProgrammeItemFields, 'issueType' | 'title'>, cover: { key: boolean; urgent: boolean }): string[] {
  if (!entry.issueType) return [];
  const out: string[] = [];
  const programmeKey = entry.issueType === 'key';
  if (programmeKey !== cover.key) {
    out.push(`“${entry.title}”: the cover says Key ${cover.key ? 'Yes' : 'No'}, the work programme says ${ISSUE_TYPE_LABELS[entry.issueType]}`);
  }
  const programmeUrgent = entry.issueType === 'urgent';
  if (programmeUrgent !== cover.urgent) {
    out.push(`“${entry.title}”: the cover says Urgent ${cover.urgent ? 'Yes' : 'No'}, the work programme says ${ISSUE_TYPE_LABELS[entry.issueType]}`);
  }
  return out;
}
