/**
 * View models of the forward work programme pages (ADR 0022): the public programme of a committee from a
 * date (each meeting's reports as GOV.UK summary cards, readable on a phone), its documents, and the
 * staff pages — the programme with change links, the entry form, taking an entry off, and the rules of
 * the standing items. Errors come from the service, every one at once, in a GOV.UK error summary that
 * links to its field. Values are plain text (templates escape).
 */
import { EMPTY_PARTS, partsOf, type DateParts } from '../../../domain/dateParts.ts';
import { formatStartTime } from '../../../domain/meetings.ts';
import { formatPeriod, periodFromKey } from '../../../domain/periods.ts';
import {
  DEFAULT_LAG_DAYS,
  ISSUE_TYPE_LABELS,
  ISSUE_TYPES,
  issueTypeLabel,
  STANDING_RULE_KIND_LABELS,
  STANDING_RULE_KINDS,
  type ProgrammeItem,
  type StandingRule,
} from '../../../domain/workProgramme.ts';
import { formatDate, formatLongDate, type IsoDate } from '../../../domain/workingDays.ts';
import type { FieldErrors } from '../../../services/committeeBusinessService.ts';
import type { EntryInput, EntryView, RuleInput, WorkProgrammeView } from '../../../services/workProgrammeService.ts';
import {
  committeeMembersAdminPath,
  committeeMembersPath,
  meetingPath,
  standingRuleEndAdminPath,
  standingRuleNewAdminPath,
  standingRulesAdminPath,
  workProgrammeAdminPath,
  workProgrammeEntryAdminPath,
  workProgrammeFilePath,
  workProgrammeNewAdminPath,
  workProgrammePath,
  workProgrammeRemoveAdminPath,
} from '../../urls.ts';
import { dateItems, errorView } from '../admin-committee-business/viewModel.ts';
import { statusTag } from '../committee-business/viewModel.ts';

/** The overview as paragraphs (a blank line starts a new one). */
export const paragraphs = (text: string) =>
  text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);

export interface ItemCard {
  title: string;
  standing: boolean;
  rows: { key: { text: string }; value: { html?: string; text?: string } }[];
  overview: string[];
  changeHref: string | null;
  removeHref: string | null;
}

/** A meeting as these pages need it. */
type MeetingRecord = { id: number; date: IsoDate; startTime: string };

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function card(item: ProgrammeItem, manage: { slug: string; editable: boolean } | null): ItemCard {
  const rows: ItemCard['rows'] = [
    { key: { text: 'Overview of the decision' }, value: { html: paragraphs(item.overview).map((p) => `<p class="govuk-body">${escape(p)}</p>`).join('') || 'None given' } },
    { key: { text: 'Report of' }, value: { text: item.reportOf } },
  ];
  if (item.contributors) rows.push({ key: { text: 'Contributing officers' }, value: { text: item.contributors } });
  rows.push({ key: { text: 'Issue type' }, value: { text: issueTypeLabel(item.issueType) } });
  if (item.source === 'standing') rows.push({ key: { text: 'Standing item' }, value: { text: item.period ? `Yes: the performance report of ${formatPeriod(periodFromKey(item.period))}` : 'Yes: taken at every meeting' } });
  const entryId = item.source === 'entry' ? item.entryId : null;
  return {
    title: item.title,
    standing: item.source === 'standing',
    rows,
    overview: paragraphs(item.overview),
    changeHref: manage && manage.editable && entryId !== null ? workProgrammeEntryAdminPath(manage.slug, entryId) : null,
    removeHref: manage && manage.editable && entryId !== null ? workProgrammeRemoveAdminPath(manage.slug, entryId) : null,
  };
}

export interface ProgrammeOptions {
  today: IsoDate;
  /** The date typed in ?from=, when there was one. */
  asked: string | null;
  error: string | null;
  /** The committee's meetings that have taken place, for "the programme as it stood". */
  pastMeetings: MeetingRecord[];
  manage: boolean;
  /** Staff page: change links on entries still editable. */
  staff?: boolean;
}

export function buildProgrammeView(view: WorkProgrammeView, options: ProgrammeOptions) {
  const slug = view.committee.slug;
  const from = view.programme.from;
  const fromQuery = view.current ? undefined : from;
  const sections = view.programme.sections.map((s) => {
    const meeting = s.meetingId !== null ? view.meetings[s.meetingId] : undefined;
    const editable = !meeting || ['scheduled', 'agenda-published', 'postponed'].includes(meeting.status);
    return {
      heading: meeting ? meeting.longDate : s.heading,
      id: s.meetingId !== null ? `meeting-${s.meetingId}` : s.when ? `month-${s.when}` : 'to-be-scheduled',
      meetingHref: meeting ? meetingPath(meeting.id) : null,
      status: meeting ? statusTag(meeting.status) : null,
      note: s.kind === 'month' ? 'No meeting is arranged in this month yet.' : s.kind === 'unscheduled' ? 'Reports the committee will take at a meeting not yet chosen, and reports of cancelled meetings.' : null,
      cards: s.items.map((i) => card(i, options.staff ? { slug, editable } : null)),
    };
  });
  const errors: FieldErrors = options.error ? { from: options.error } : {};
  return {
    pageTitle: options.staff ? `${view.committeeName}: forward work programme` : `${view.title}${view.programme.span ? ` ${view.programme.span}` : ''}`,
    committee: view.committeeName,
    title: view.title,
    span: view.programme.span,
    contact: view.governanceContact ? { name: view.governanceContact.name, phone: view.governanceContact.phone, email: view.governanceContact.email } : null,
    fromText: formatDate(from),
    current: view.current,
    sections,
    empty: sections.length === 0,
    action: options.staff ? workProgrammeAdminPath(slug) : workProgrammePath(slug),
    from: options.asked ?? (view.current ? '' : from),
    todayHref: options.staff ? workProgrammeAdminPath(slug) : workProgrammePath(slug),
    earlier: options.pastMeetings
      .slice()
      .reverse()
      .map((m) => ({ text: `As it stood at the meeting of ${formatDate(m.date)}`, href: options.staff ? workProgrammeAdminPath(slug, m.date) : workProgrammePath(slug, m.date) })),
    downloads: ['pdf', 'docx', 'html'].map((format) => ({ text: { pdf: 'PDF', docx: 'Word', html: 'HTML' }[format]!, href: workProgrammeFilePath(slug, format, fromQuery) })),
    membersHref: committeeMembersPath(slug),
    manageHref: options.manage && !options.staff ? workProgrammeAdminPath(slug, fromQuery) : null,
    publicHref: workProgrammePath(slug, fromQuery),
    staff: options.staff
      ? { addHref: workProgrammeNewAdminPath(slug), rulesHref: standingRulesAdminPath(slug), committeeHref: committeeMembersAdminPath(slug) }
      : null,
    ...errorView(errors, { from: '#from' }),
  };
}

// The entry form

export type EntryValues = Required<EntryInput>;

export const EMPTY_ENTRY: EntryValues = { title: '', overview: '', reportOf: '', contributors: '', issueType: '', target: '', meeting: '', laterMonth: '', laterYear: '', reason: '' };

export const entryValues = (e: EntryView): EntryValues => ({
  title: e.title,
  overview: e.overview,
  reportOf: e.reportOf,
  contributors: e.contributors ?? '',
  issueType: e.issueType ?? 'not-stated',
  target: e.target.kind === 'meeting' ? 'meeting' : e.target.kind === 'month' ? 'later' : 'unscheduled',
  meeting: e.target.kind === 'meeting' ? String(e.target.meetingId) : '',
  laterMonth: e.target.kind === 'month' ? String(Number(e.target.month.slice(5, 7))) : '',
  laterYear: e.target.kind === 'month' ? e.target.month.slice(0, 4) : '',
  reason: '',
});

const issueTypeItems = (selected: string) => [
  ...ISSUE_TYPES.map((t) => ({ value: t, text: ISSUE_TYPE_LABELS[t], checked: selected === t, ...(t === 'key' ? { hint: { text: 'A key decision: published in the forward plan 28 days before it is taken' } } : {}) })),
  { value: 'not-stated', text: 'Not stated', checked: selected === 'not-stated', hint: { text: 'Only to record an older programme that printed no issue type' } },
];

export function buildEntryFormView(input: {
  mode: 'add' | 'change';
  slug: string;
  committee: string;
  meetings: MeetingRecord[];
  values: EntryValues;
  errors?: FieldErrors;
  entryId?: number;
}) {
  const { mode, slug, values } = input;
  const errors = input.errors ?? {};
  // A change keeps a cancelled meeting's entries editable: their meeting is offered no more.
  const meetingItems = [
    { value: '', text: 'Select a meeting', selected: !values.meeting },
    ...input.meetings.map((m) => ({ value: String(m.id), text: `${formatLongDate(m.date)}, ${formatStartTime(m.startTime)}`, selected: values.meeting === String(m.id) })),
  ];
  return {
    pageTitle: mode === 'add' ? 'Add a report to the work programme' : `Change “${values.title}”`,
    committee: input.committee,
    mode,
    action: mode === 'add' ? workProgrammeAdminPath(slug) : workProgrammeEntryAdminPath(slug, input.entryId!),
    backHref: workProgrammeAdminPath(slug),
    values,
    issueTypes: issueTypeItems(values.issueType),
    meetingItems,
    hasMeetings: input.meetings.length > 0,
    targets: [
      { value: 'meeting', text: 'At a meeting', checked: values.target === 'meeting' },
      { value: 'later', text: 'At a later date, when no meeting is arranged yet', checked: values.target === 'later' },
      { value: 'unscheduled', text: 'To be scheduled', checked: values.target === 'unscheduled' },
    ],
    ...errorView(errors, { issueType: '#issueType', target: '#target', later: '#laterMonth' }),
  };
}

export function buildRemoveView(slug: string, committee: string, entry: EntryView, reason: string, errors: FieldErrors = {}) {
  return {
    pageTitle: `Take “${entry.title}” off the work programme`,
    committee,
    action: workProgrammeRemoveAdminPath(slug, entry.id),
    backHref: workProgrammeAdminPath(slug),
    where: entry.meeting ? `It is planned for the meeting of ${formatLongDate(entry.meeting.date)}.` : entry.target.kind === 'month' ? `It is planned for ${formatDate(`${entry.target.month}-01`).replace(/^1 /, '')}.` : 'It is to be scheduled.',
    values: { reason },
    ...errorView(errors),
  };
}

// Standing item rules

export type RuleValues = Required<RuleInput>;

export const EMPTY_RULE: RuleValues = { kind: '', title: '', overview: '', reportOf: '', contributors: '', issueType: '', lagDays: '', from: EMPTY_PARTS, to: EMPTY_PARTS, reason: '' };

export function buildRulesView(slug: string, committee: string, rules: StandingRule[], notice: string | null, today: IsoDate) {
  return {
    pageTitle: `${committee}: standing items`,
    committee,
    notice,
    backHref: workProgrammeAdminPath(slug),
    addHref: standingRuleNewAdminPath(slug),
    rules: rules.map((r) => ({
      title: r.title,
      kind: r.kind === 'every-meeting' ? 'Every meeting' : `Each quarter’s report, ${r.lagDays} days or more after the quarter ends`,
      reportOf: r.reportOf,
      issueType: issueTypeLabel(r.issueType),
      term: r.to ? `${formatDate(r.from)} to ${formatDate(r.to)}` : `From ${formatDate(r.from)}`,
      endHref: r.to === null || r.to >= today ? standingRuleEndAdminPath(slug, r.id) : null,
    })),
  };
}

export function buildRuleFormView(slug: string, committee: string, values: RuleValues, errors: FieldErrors = {}) {
  return {
    pageTitle: 'Add a standing item',
    committee,
    action: standingRulesAdminPath(slug),
    backHref: standingRulesAdminPath(slug),
    values,
    kinds: STANDING_RULE_KINDS.map((k) => ({ value: k, text: STANDING_RULE_KIND_LABELS[k], checked: values.kind === k })),
    issueTypes: issueTypeItems(values.issueType),
    defaultLag: DEFAULT_LAG_DAYS,
    fromItems: dateItems(values.from, Boolean(errors.from)),
    toItems: dateItems(values.to, Boolean(errors.to)),
    ...errorView(errors, { kind: '#kind', issueType: '#issueType' }),
  };
}

export function buildEndRuleView(slug: string, committee: string, rule: StandingRule, values: { to: DateParts; reason: string }, errors: FieldErrors = {}) {
  return {
    pageTitle: `End the standing item “${rule.title}”`,
    committee,
    action: standingRuleEndAdminPath(slug, rule.id),
    backHref: standingRulesAdminPath(slug),
    description: `Meetings after the last day no longer receive it. It started on ${formatDate(rule.from)}.`,
    values,
    toItems: dateItems(values.to, Boolean(errors.to)),
    ...errorView(errors),
  };
}

export const ruleEndValues = (rule: StandingRule) => ({ to: partsOf(rule.to), reason: '' });
