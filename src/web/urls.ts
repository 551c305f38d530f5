/**
 * Every URL of the web app in one place: the route patterns routes are registered with (`ROUTES`), the
 * link builders pages use, and the stable, linkable slugs for periods and indicators with their inverses.
 * A page's address changes here or nowhere.
 *
 * Periods in URLs: `2016-17` (financial year 2016/17), `2018-19-q2` (Q2 2018/19), `2018-aug` (Aug 2018).
 * Indicators: a lower-case slug of the ref, `CG/S3` → `cg-s3` (no slashes or %2F for proxies to mangle).
 */
import { parseFinancialYear, periodFromKey, periodKey } from '../domain/periods.ts';
import type { Period } from '../domain/types.ts';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] as const;

/** A financial year's URL form: 2016 → `2016-17`. */
export const yearSlug = (startYear: number) => `${startYear}-${String((startYear + 1) % 100).padStart(2, '0')}`;

/** A period key ('2018-Q2', '2016', '2018-08') → its URL form ('2018-19-q2', '2016-17', '2018-aug'). */
export function periodSlug(key: string): string {
  const p = periodFromKey(key);
  switch (p.kind) {
    case 'year':
      return yearSlug(p.startYear);
    case 'quarter':
      return `${yearSlug(p.startYear)}-q${p.quarter}`;
    case 'month':
      return `${p.year}-${MONTHS[p.month - 1]}`;
  }
}

/** The URL form of a period → its period key; null when the text is not one (only the canonical form is accepted). */
export function periodKeyFromSlug(slug: string): string | null {
  const m = /^(\d{4})-(\d{2})(?:-q([1-4]))?$/.exec(slug);
  if (m) {
    const startYear = parseFinancialYear(`${m[1]}/${m[2]}`);
    if (startYear === null) return null;
    const period: Period = m[3] ? { kind: 'quarter', startYear, quarter: Number(m[3]) as 1 | 2 | 3 | 4 } : { kind: 'year', startYear };
    return periodKey(period);
  }
  const month = /^(\d{4})-([a-z]{3})$/.exec(slug);
  if (month) {
    const index = MONTHS.indexOf(month[2] as (typeof MONTHS)[number]);
    return index < 0 ? null : periodKey({ kind: 'month', year: Number(month[1]), month: index + 1 });
  }
  return null;
}

/** `CG/S3` → `cg-s3`. */
export function indicatorSlug(ref: string): string {
  return ref
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Route patterns, for `server.get(…)`/`server.post(…)` and the public page cache. */
export const ROUTES = {
  home: '/',
  health: '/health',
  signIn: '/sign-in',
  signOut: '/sign-out',
  oidcSignIn: '/sign-in/oidc',
  oidcCallback: '/sign-in/oidc/callback',
  openData: '/open-data',
  openDataFile: '/open-data/:file',
  performanceReport: '/reports/performance',
  importTemplate: '/import-template.xlsx',
  indicator: '/indicators/:ref',
  committee: '/committees/:slug',
  dashboard: '/committees/:slug/:period',
  actions: '/committees/:slug/:period/actions',
  reports: '/committees/:slug/:period/reports',
  reportFile: '/committees/:slug/:period/reports/:file',
  entryIndex: '/data-entry',
  entry: '/committees/:slug/:period/data-entry',
  resultEntry: '/committees/:slug/:period/data-entry/indicators/:ref',
  actionEntry: '/committees/:slug/:period/data-entry/actions/:ref',
  signOff: '/committees/:slug/:period/sign-off',
  panels: '/committees/:slug/:period/panels',
  panelSheet: '/committees/:slug/:period/panels/:sheet',
  panelNew: '/committees/:slug/:period/panels/:sheet/new',
  panelRow: '/committees/:slug/:period/panels/:sheet/:rowKey',
  paperDetails: '/committees/:slug/:period/paper',
  import: '/import',
  importPreview: '/import/:id',
  adminUsers: '/admin/users',
  adminUserNew: '/admin/users/new',
  adminUser: '/admin/users/:id',
  adminUserPassword: '/admin/users/:id/password',
  adminAudit: '/admin/audit',
  adminAuditCsv: '/admin/audit.csv',
  adminFramework: '/admin/framework',
  adminPlanYears: '/admin/framework/plan-years',
  adminPlanYearNew: '/admin/framework/plan-years/new',
  adminPlanYear: '/admin/framework/plan-years/:year',
  adminCommittees: '/admin/framework/committees',
  adminCommitteeNew: '/admin/framework/committees/new',
  adminCommittee: '/admin/framework/committees/:slug',
  adminCommitteeTerms: '/admin/framework/committees/:slug/terms',
  adminCommitteePaper: '/admin/framework/committees/:slug/paper',
  adminPriorities: '/admin/framework/committees/:slug/priorities',
  adminPriorityNew: '/admin/framework/committees/:slug/priorities/new',
  adminPriority: '/admin/framework/committees/:slug/priorities/:id',
  adminIndicators: '/admin/framework/indicators',
  adminIndicatorNew: '/admin/framework/indicators/new',
  adminIndicator: '/admin/framework/indicators/:slug',
  adminTargets: '/admin/framework/indicators/:slug/targets',
  // Committee business (ADR 0018): public pages.
  committees: '/committees',
  committeeMembers: '/committees/:slug/members',
  councillor: '/councillors/:slug',
  meetings: '/meetings',
  meeting: '/meetings/:id',
  // Committee business: governance officers and administrators.
  adminPeople: '/admin/people',
  adminPersonNew: '/admin/people/new',
  adminPerson: '/admin/people/:slug',
  adminCommitteeBusiness: '/admin/committees',
  adminCommitteeMembers: '/admin/committees/:slug',
  adminMemberships: '/admin/committees/:slug/memberships',
  adminMembershipNew: '/admin/committees/:slug/memberships/new',
  adminMembershipEnd: '/admin/committees/:slug/memberships/:id/end',
  adminMeetings: '/admin/meetings',
  adminMeetingNew: '/admin/meetings/new',
  adminMeetingCycle: '/admin/meetings/cycle',
  adminMeeting: '/admin/meetings/:id',
  adminMeetingStatus: '/admin/meetings/:id/status',
  // Forward work programmes (ADR 0022): public page and document; governance officers and administrators manage.
  workProgramme: '/committees/:slug/work-programme',
  workProgrammeFile: '/committees/:slug/work-programme/:file',
  adminWorkProgramme: '/admin/committees/:slug/work-programme',
  adminWorkProgrammeNew: '/admin/committees/:slug/work-programme/new',
  adminWorkProgrammeEntry: '/admin/committees/:slug/work-programme/entries/:entry',
  adminWorkProgrammeRemove: '/admin/committees/:slug/work-programme/entries/:entry/remove',
  adminStandingRules: '/admin/committees/:slug/work-programme/rules',
  adminStandingRuleNew: '/admin/committees/:slug/work-programme/rules/new',
  adminStandingRuleEnd: '/admin/committees/:slug/work-programme/rules/:rule/end',
  // Feeds and open civic data of committee business (ADR 0021).
  meetingsCalendar: '/meetings.ics',
  committeeCalendar: '/committees/:slug/meetings.ics',
  popolo: '/open-data/popolo.json',
  // Shaped like ModernGov's web service; its clients write the folder in either case.
  moderngov: '/mgWebService.asmx/:operation',
  moderngovLowerCase: '/mgwebservice.asmx/:operation',
  // Agendas and report papers (ADR 0020): the public paper page, then the staff pages.
  meetingPaper: '/meetings/:id/papers/:paper',
  // A paper's uploaded file, and an enclosure's (ADR 0027): the placeholder page when exempt and not entitled.
  meetingPaperFile: '/meetings/:id/papers/:paper/file',
  meetingPaperEnclosureFile: '/meetings/:id/papers/:paper/enclosures/:n/file',
  adminAgenda: '/admin/meetings/:id/agenda',
  adminPaper: '/admin/meetings/:id/agenda/items/:item/paper',
  adminClearance: '/admin/meetings/:id/agenda/items/:item/clearance',
  // Meeting outcomes (ADR 0026): the public minutes and their files, then the staff pages.
  meetingMinutes: '/meetings/:id/minutes',
  meetingMinutesFile: '/meetings/:id/minutes/:file',
  adminMinutes: '/admin/meetings/:id/minutes',
  adminAttendance: '/admin/meetings/:id/minutes/attendance',
  adminDeclarations: '/admin/meetings/:id/minutes/declarations',
  adminItemMinutes: '/admin/meetings/:id/minutes/items/:item',
  adminPersonAccount: '/admin/people/:slug/account',
  // The agenda pack and the performance report on an agenda (ADR 0028).
  meetingPack: '/meetings/:id/agenda-pack',
  meetingPackPdf: '/meetings/:id/agenda-pack.pdf',
  meetingSupplementaryPackPdf: '/meetings/:id/agenda-pack/supplementary.pdf',
  adminPerformanceReport: '/admin/meetings/:id/agenda/performance-report',
  // Templates of agendas and papers (ADR 0020): a committee's standard items, the council's report sections.
  adminAgendaTemplate: '/admin/committees/:slug/agenda-template',
  adminPaperSections: '/admin/paper-sections',
  // Report authors (officers named on a paper) draft its sections (ADR 0020).
  myPapers: '/my-papers',
  myPaper: '/my-papers/:paper',
} as const;

/** Routes that answer JSON: their errors are JSON too (src/web/errors.ts). */
export const JSON_ROUTES: readonly string[] = [ROUTES.health, ROUTES.performanceReport];

// Public pages.
export const committeePath = (committeeSlug: string) => `/committees/${encodeURIComponent(committeeSlug)}`;

export const dashboardPath = (committeeSlug: string, period: string) => `${committeePath(committeeSlug)}/${periodSlug(period)}`;

export const actionsPath = (committeeSlug: string, period: string) => `${dashboardPath(committeeSlug, period)}/actions`;

export const indicatorPath = (ref: string) => `/indicators/${indicatorSlug(ref)}`;

export const reportsPath = (committeeSlug: string, period: string) => `${dashboardPath(committeeSlug, period)}/reports`;

/** A report download: `kind` and `format` as in src/reports (e.g. `quarterly`, `pdf`). */
export const reportFilePath = (committeeSlug: string, period: string, kind: string, format: string) => `${reportsPath(committeeSlug, period)}/${kind}.${format}`;

/** The performance report model (JSON, or markdown with `format: 'md'`) for a committee and a period label. */
export const performanceReportPath = (query: { committee: string; period: string; format?: string }) =>
  `${ROUTES.performanceReport}${queryString({ committee: query.committee, period: query.period, format: query.format })}`;

export const openDataFilePath = (name: string) => `${ROUTES.openData}/${name}`;

/** The sign-in page, coming back to `next` afterwards (a path on this site). */
export const signInPath = (next?: string) => (next ? `${ROUTES.signIn}?next=${encodeURIComponent(next)}` : ROUTES.signIn);

// Data entry, sign-off and upload.
export const entryPath = (committeeSlug: string, period: string) => `${dashboardPath(committeeSlug, period)}/data-entry`;

export const resultEntryPath = (committeeSlug: string, period: string, ref: string) => `${entryPath(committeeSlug, period)}/indicators/${indicatorSlug(ref)}`;

export const actionEntryPath = (committeeSlug: string, period: string, ref: string) => `${entryPath(committeeSlug, period)}/actions/${encodeURIComponent(ref)}`;

export const signOffPath = (committeeSlug: string, period: string) => `${dashboardPath(committeeSlug, period)}/sign-off`;

export const panelsPath = (committeeSlug: string, period: string) => `${dashboardPath(committeeSlug, period)}/panels`;

export const panelSheetPath = (committeeSlug: string, period: string, sheet: string) => `${panelsPath(committeeSlug, period)}/${sheet}`;

export const panelRowPath = (committeeSlug: string, period: string, sheet: string, id: number) => `${panelSheetPath(committeeSlug, period, sheet)}/${id}`;

export const panelNewPath = (committeeSlug: string, period: string, sheet: string) => `${panelSheetPath(committeeSlug, period, sheet)}/new`;

/** Who the papers of a committee's period are from ("Report of", the officer contact). */
export const paperDetailsPath = (committeeSlug: string, period: string) => `${dashboardPath(committeeSlug, period)}/paper`;

export const importPreviewPath = (id: string) => `${ROUTES.import}/${encodeURIComponent(id)}`;

// Administration.
export const adminUserPath = (id: number | string) => `${ROUTES.adminUsers}/${id}`;

export const adminUserPasswordPath = (id: number | string) => `${adminUserPath(id)}/password`;

export const planYearPath = (startYear: number) => `${ROUTES.adminPlanYears}/${yearSlug(startYear)}`;

export const committeeAdminPath = (slug: string) => `${ROUTES.adminCommittees}/${encodeURIComponent(slug)}`;

export const termsAdminPath = (slug: string) => `${committeeAdminPath(slug)}/terms`;

export const committeePaperAdminPath = (slug: string) => `${committeeAdminPath(slug)}/paper`;

export const prioritiesAdminPath = (slug: string) => `${committeeAdminPath(slug)}/priorities`;

export const priorityAdminPath = (slug: string, id: number) => `${prioritiesAdminPath(slug)}/${id}`;

export const indicatorAdminPath = (ref: string) => `${ROUTES.adminIndicators}/${indicatorSlug(ref)}`;

export const targetsAdminPath = (ref: string) => `${indicatorAdminPath(ref)}/targets`;

// Committee business.
export const committeeMembersPath = (slug: string, on?: string) => `${committeePath(slug)}/members${queryString({ on })}`;

export const councillorPath = (slug: string) => `/councillors/${encodeURIComponent(slug)}`;

/** The calendar of a month ('2018-11'), or of the current month. */
export const meetingsPath = (month?: string) => `${ROUTES.meetings}${queryString({ month })}`;

export const meetingPath = (id: number) => `${ROUTES.meetings}/${id}`;

/** The iCal feed of every meeting, or of one committee's. */
export const meetingsCalendarPath = () => ROUTES.meetingsCalendar;

export const committeeCalendarPath = (slug: string) => `${committeePath(slug)}/meetings.ics`;

/** A ModernGov-shaped web service operation ('GetMeeting') with its query. */
export const moderngovPath = (operation: string, query: Record<string, string | null | undefined> = {}) => `/mgWebService.asmx/${operation}${queryString(query)}`;

export const personAdminPath = (slug: string) => `${ROUTES.adminPeople}/${encodeURIComponent(slug)}`;

export const committeeMembersAdminPath = (slug: string) => `${ROUTES.adminCommitteeBusiness}/${encodeURIComponent(slug)}`;

export const membershipsAdminPath = (slug: string) => `${committeeMembersAdminPath(slug)}/memberships`;

export const membershipNewAdminPath = (slug: string) => `${membershipsAdminPath(slug)}/new`;

export const membershipEndAdminPath = (slug: string, id: number) => `${membershipsAdminPath(slug)}/${id}/end`;

export const meetingAdminPath = (id: number) => `${ROUTES.adminMeetings}/${id}`;

export const meetingStatusAdminPath = (id: number) => `${meetingAdminPath(id)}/status`;

/** A query string from the non-empty values given ('' when none), keys in the order given. */
export function queryString(params: Record<string, string | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) search.set(k, v);
  const text = search.toString();
  return text ? `?${text}` : '';
}

// Forward work programmes (ADR 0022).
/** A committee's programme from a date (today when not given). */
export const workProgrammePath = (slug: string, from?: string) => `${committeePath(slug)}/work-programme${queryString({ from })}`;

/** The programme as a document: `format` html, pdf or docx. */
export const workProgrammeFilePath = (slug: string, format: string, from?: string) => `${committeePath(slug)}/work-programme/work-programme.${format}${queryString({ from })}`;

export const workProgrammeAdminPath = (slug: string, from?: string) => `${committeeMembersAdminPath(slug)}/work-programme${queryString({ from })}`;

export const workProgrammeNewAdminPath = (slug: string) => `${workProgrammeAdminPath(slug)}/new`;

export const workProgrammeEntryAdminPath = (slug: string, id: number) => `${workProgrammeAdminPath(slug)}/entries/${id}`;

export const workProgrammeRemoveAdminPath = (slug: string, id: number) => `${workProgrammeEntryAdminPath(slug, id)}/remove`;

export const standingRulesAdminPath = (slug: string) => `${workProgrammeAdminPath(slug)}/rules`;

export const standingRuleNewAdminPath = (slug: string) => `${standingRulesAdminPath(slug)}/new`;

export const standingRuleEndAdminPath = (slug: string, id: number) => `${standingRulesAdminPath(slug)}/${id}/end`;
// Agendas and report papers (ADR 0020).
export const meetingPaperPath = (meetingId: number, paperId: number) => `/meetings/${meetingId}/papers/${paperId}`;
export const meetingPaperFilePath = (meetingId: number, paperId: number) => `${meetingPaperPath(meetingId, paperId)}/file`;
export const meetingPaperEnclosureFilePath = (meetingId: number, paperId: number, n: number) => `${meetingPaperPath(meetingId, paperId)}/enclosures/${n}/file`;
export const agendaAdminPath = (meetingId: number) => `/admin/meetings/${meetingId}/agenda`;
export const paperAdminPath = (meetingId: number, itemId: number) => `/admin/meetings/${meetingId}/agenda/items/${itemId}/paper`;
export const agendaTemplateAdminPath = (slug: string) => `${committeeMembersAdminPath(slug)}/agenda-template`;
export const paperSectionsAdminPath = () => ROUTES.adminPaperSections;
export const myPaperPath = (paperId: number) => `${ROUTES.myPapers}/${paperId}`;
// Meeting outcomes (ADR 0026).
export const minutesPath = (meetingId: number) => `/meetings/${meetingId}/minutes`;
export const minutesFilePath = (meetingId: number, format: string) => `/meetings/${meetingId}/minutes/minutes.${format}`;
export const minutesAdminPath = (meetingId: number) => `/admin/meetings/${meetingId}/minutes`;
export const attendanceAdminPath = (meetingId: number) => `/admin/meetings/${meetingId}/minutes/attendance`;
export const declarationsAdminPath = (meetingId: number) => `/admin/meetings/${meetingId}/minutes/declarations`;
export const itemMinutesAdminPath = (meetingId: number, itemId: number) => `/admin/meetings/${meetingId}/minutes/items/${itemId}`;
export const clearanceAdminPath = (meetingId: number, itemId: number) => `/admin/meetings/${meetingId}/agenda/items/${itemId}/clearance`;
export const personAccountAdminPath = (slug: string) => `/admin/people/${encodeURIComponent(slug)}/account`;
