/** Kysely table types, mirroring src/db/migrations. */
import type { Generated, JSONColumnType } from 'kysely';

/** A council this installation hosts (src/db/installation, ADR 0030); in the installation's schema only. */
export interface InstallationCouncilTable {
  slug: string;
  name: string;
  /** null: the installation's own schema. */
  schema_name: string | null;
  created_at: Generated<Date>;
}

export interface InstallationCouncilHostTable {
  hostname: string;
  council_slug: string;
}

export interface CouncilTable {
  id: number;
  name: string;
  /** The council's own area, an ONS GSS code (0026_comparators.sql); null until set. */
  area_code: Generated<string | null>;
}

/** Another area's value of one of the council's indicators (0026_comparators.sql). */
export interface ComparatorValueTable {
  id: Generated<number>;
  indicator_id: number;
  period: string;
  area_code: string;
  area_name: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  lower_limit: number | null;
  upper_limit: number | null;
  source: string;
  illustrative: Generated<boolean>;
  note: string | null;
  updated_at: Generated<Date>;
}

/** A named group of areas a council defines (0026_comparators.sql). */
export interface ComparatorGroupTable {
  id: Generated<number>;
  name: string;
  created_at: Generated<Date>;
}

export interface ComparatorGroupAreaTable {
  group_id: number;
  area_code: string;
}

export interface PlanYearTable {
  start_year: number;
  rating_method: JSONColumnType<import('../domain/types.ts').RatingMethod>;
  directional_policy: 'monitor' | 'previous-year';
  high_risk_from: Generated<number>;
  /** 95 or 99.8: survey and rate indicators rated by significance at that level; null: by tolerance (0032_significance.sql). */
  significance_level: Generated<95 | 99.8 | null>;
  updated_at: Generated<Date>;
}

export interface CorporateOutcomeTable {
  id: Generated<number>;
  name: string;
  description: string | null;
  from_year: number | null;
  to_year: number | null;
}

export interface CommitteeTable {
  id: Generated<number>;
  slug: string;
  created_at: Generated<Date>;
  /** Committee business (0020): "(Quorum 3)" on the cover, its short name, its governance contact (a person). */
  quorum: number | null;
  short_name: string | null;
  governance_contact_id: number | null;
}

/** A committee's terms of reference from a plan year (0016_committee_terms.sql; null: from the start). */
export interface CommitteeTermsTable {
  id: Generated<number>;
  committee_id: number;
  from_year: number | null;
  text: string;
}

/** "Report of" and the officer of a committee's papers (0017_paper_details.sql): period null = the committee's default. */
export interface PaperDetailsTable {
  id: Generated<number>;
  committee_id: number;
  period: string | null;
  report_of: string | null;
  officer_name: string | null;
  officer_role: string | null;
  officer_email: string | null;
  officer_phone: string | null;
  updated_at: Generated<Date>;
}

export interface CommitteeNameTable {
  id: Generated<number>;
  committee_id: number;
  name: string;
  from_year: number | null;
}

export interface CommitteePriorityTable {
  id: Generated<number>;
  committee_id: number;
  name: string;
  outcome: string | null;
  corporate_outcome_id: number | null;
}

export interface IndicatorTable {
  id: Generated<number>;
  ref: string;
  created_at: Generated<Date>;
}

export interface IndicatorVersionTable {
  id: Generated<number>;
  indicator_id: number;
  from_year: number | null;
  title: string;
  committee_id: number;
  priority_id: number;
  type: string;
  polarity: string;
  unit: string;
  frequency: string;
  basis: string;
  source: string | null;
  tolerance: number | null;
  definition: string | null;
  measured_against: string | null;
  owner: string | null;
  footnote: string | null;
}

export interface TargetTable {
  id: Generated<number>;
  indicator_id: number;
  period: string;
  plan_year: number;
  spec: JSONColumnType<import('../domain/types.ts').Target>;
  printed: string;
  reason: string | null;
}

export interface ResultTable {
  id: Generated<number>;
  indicator_id: number;
  period: string;
  plan_year: number;
  value: number | null;
  printed: string;
  data_period: string | null;
  basis: string | null;
  status: string;
  numerator: number | null;
  denominator: number | null;
  printed_rag: string | null;
  printed_direction: JSONColumnType<PrintedDirectionJson | null>;
  commentary: string | null;
  intervention: string | null;
  note: string | null;
  override_rag: string | null;
  override_reason: string | null;
  revision: Generated<number>;
  updated_at: Generated<Date>;
}

export interface PrintedDirectionJson {
  status: import('../domain/types.ts').DirectionStatus;
  percentage: number | null;
  decimals: number;
  text: string;
}

export interface BenchmarkTable {
  id: Generated<number>;
  indicator_id: number;
  period: string;
  text: string;
  label: string | null;
  value: number | null;
  source: string | null;
  data_period: string | null;
}

export interface KeyActionTable {
  id: Generated<number>;
  committee_id: number;
  ref: string;
  priority_id: number;
  title: string;
  service: string | null;
  /** The first plan year the action is in force (null: from the start); migration 0011. */
  from_year: number | null;
  /** The last plan year the action is in force (null: until further notice). */
  to_year: number | null;
}

export interface KeyActionUpdateTable {
  id: Generated<number>;
  key_action_id: number;
  period: string;
  plan_year: number;
  rag: string;
  commentary: string | null;
}

export interface AuditEventTable {
  id: Generated<number>;
  at: Generated<Date>;
  actor: string;
  action: string;
  entity: string;
  entity_key: string;
  before: JSONColumnType<Record<string, unknown> | null>;
  after: JSONColumnType<Record<string, unknown> | null>;
  reason: string | null;
}

import type { CycleStatus } from '../domain/cycle.ts';
export type { CycleStatus };

export interface ReportingCycleTable {
  id: Generated<number>;
  committee_id: number;
  /** A period key: '2018-Q2', '2016'. */
  period: string;
  status: Generated<CycleStatus>;
  updated_at: Generated<Date>;
}

export interface Database {
  installation_council: InstallationCouncilTable;
  installation_council_host: InstallationCouncilHostTable;
  council: CouncilTable;
  comparator_value: ComparatorValueTable;
  comparator_group: ComparatorGroupTable;
  comparator_group_area: ComparatorGroupAreaTable;
  plan_year: PlanYearTable;
  corporate_outcome: CorporateOutcomeTable;
  committee: CommitteeTable;
  committee_name: CommitteeNameTable;
  committee_terms: CommitteeTermsTable;
  paper_details: PaperDetailsTable;
  committee_priority: CommitteePriorityTable;
  indicator: IndicatorTable;
  indicator_version: IndicatorVersionTable;
  target: TargetTable;
  result: ResultTable;
  benchmark: BenchmarkTable;
  key_action: KeyActionTable;
  key_action_update: KeyActionUpdateTable;
  audit_event: AuditEventTable;
  reporting_cycle: ReportingCycleTable;
  app_user: AppUserTable;
  app_user_scope: AppUserScopeTable;
  app_session: AppSessionTable;
  login_attempt: LoginAttemptTable;
  pending_upload: PendingUploadTable;
  pending_upload_part: PendingUploadPartTable;
  publication: PublicationTable;
  published_result: PublishedResultTable;
  scope_submission: ScopeSubmissionTable;
  person: PersonTable;
  membership: MembershipTable;
  meeting: MeetingTable;
  work_programme_entry: WorkProgrammeEntryTable;
  standing_item_rule: StandingItemRuleTable;
  agenda_template: AgendaTemplateTable;
  paper_section_template: PaperSectionTemplateTable;
  agenda: AgendaTable;
  agenda_item: AgendaItemTable;
  paper: PaperTable;
  paper_enclosure: PaperEnclosureTable;
  paper_contact: PaperContactTable;
  paper_clearance: PaperClearanceTable;
  paper_performance_report: PaperPerformanceReportTable;
  members_item: MembersItemTable;
  minutes: MinutesTable;
  attendance: AttendanceTable;
  declaration: DeclarationTable;
  item_minutes: ItemMinutesTable;
  motion: MotionTable;
  named_vote: NamedVoteTable;
  meeting_action: MeetingActionTable;
  paper_file: PaperFileTable;
}

/* What was published (0008_publication.sql): never updated or deleted. */
export interface PublicationTable {
  id: Generated<number>;
  committee_id: number;
  period: string;
  version: number;
  published_at: Generated<Date>;
  published_by: string;
  reason: string | null;
  /** The PerformanceReport as published (written and read by src/services/publicationService.ts). */
  report: JSONColumnType<object>;
  addendum: JSONColumnType<object | null>;
  changes: JSONColumnType<string[]>;
}

export interface PublishedResultTable {
  publication_id: number;
  indicator_id: number;
  period: string;
  /** The result row as published (ResultRecord, src/repositories/records.ts). */
  record: JSONColumnType<object>;
}

/* Uploads awaiting confirmation (0007_pending_upload.sql), with their previews (0009_upload_preview.sql). */
export interface PendingUploadTable {
  id: string;
  session_id: number;
  filename: string;
  size: number;
  sha256: string;
  content: Uint8Array;
  uploaded_at: Date;
  expires_at: Date;
  /** The preview as kept (PreviewOutcome, written and read by src/services/uploadImportService.ts); null until made. */
  preview: JSONColumnType<object | null, string | null, string | null>;
  preview_data_version: string | null;
  previewed_at: Date | null;
}

/* An upload's bytes past the first megabyte (0009_upload_preview.sql). */
export interface PendingUploadPartTable {
  upload_id: string;
  part: number;
  content: Uint8Array;
}

/* Accounts (0002_accounts.sql). */
export interface AppUserTable {
  id: Generated<number>;
  email: string;
  name: string;
  role: import('../domain/access.ts').Role;
  password_hash: string | null;
  active: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  /** The person of committee business the account is (0021_agendas_papers.sql). */
  person_id: Generated<number | null>;
}

export interface AppUserScopeTable {
  user_id: number;
  kind: 'ref' | 'service';
  value: string;
}

export interface AppSessionTable {
  id: Generated<number>;
  token_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: Generated<Date>;
  expires_at: Date;
  last_seen_at: Generated<Date>;
}

export interface LoginAttemptTable {
  id: Generated<number>;
  key: string;
  at: Generated<Date>;
}

/* A data owner's submitted part of a committee's period (0013_scope_submission.sql). */
export interface ScopeSubmissionTable {
  id: Generated<number>;
  committee_id: number;
  period: string;
  user_id: number;
  refs: JSONColumnType<string[]>;
  submitted_at: Generated<Date>;
}

/* Committee business: people, memberships and meetings (0020_people_memberships_meetings.sql). Dates are ISO text. */
export interface PersonTable {
  id: Generated<number>;
  slug: string;
  name: string;
  kind: import('../domain/people.ts').PersonKind;
  party: string | null;
  ward: string | null;
  job_title: string | null;
  email: string | null;
  phone: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface MembershipTable {
  id: Generated<number>;
  committee_id: number;
  person_id: number;
  role: import('../domain/membership.ts').MembershipRole;
  from_date: string;
  to_date: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface MeetingTable {
  id: Generated<number>;
  uid: string;
  committee_id: number;
  meeting_date: string;
  start_time: string;
  venue: string;
  status: Generated<import('../domain/meetings.ts').MeetingStatus>;
  status_reason: string | null;
  sequence: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/* Forward work programme: entries and standing item rules (0022_work_programme.sql). Dates are ISO text. */
export interface WorkProgrammeEntryTable {
  id: Generated<number>;
  committee_id: number;
  title: string;
  overview: Generated<string>;
  report_of: string;
  contributors: string | null;
  issue_type: import('../domain/workProgramme.ts').IssueType | null;
  meeting_id: number | null;
  target_month: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface StandingItemRuleTable {
  id: Generated<number>;
  committee_id: number;
  kind: import('../domain/workProgramme.ts').StandingRuleKind;
  title: string;
  overview: Generated<string>;
  report_of: string;
  contributors: string | null;
  issue_type: import('../domain/workProgramme.ts').IssueType | null;
  lag_days: Generated<number>;
  from_date: string;
  to_date: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/* Agendas and report papers (0021_agendas_papers.sql, ADR 0020). */
export interface AgendaTemplateTable {
  committee_id: number;
  items: JSONColumnType<import('../domain/agenda.ts').TemplateItem[]>;
  updated_at: Generated<Date>;
}

export interface PaperSectionTemplateTable {
  council_id: number;
  sections: JSONColumnType<import('../domain/reportPaper.ts').SectionTemplate[]>;
  updated_at: Generated<Date>;
}

export interface AgendaTable {
  meeting_id: number;
  published_at: Date | null;
  published_by: string | null;
  created_at: Generated<Date>;
}

export interface AgendaItemTable {
  id: Generated<number>;
  meeting_id: number;
  position: number;
  kind: import('../domain/agenda.ts').AgendaItemKind;
  title: string;
  if_any: boolean;
  part: import('../domain/agenda.ts').AgendaPart;
  to_follow: boolean;
  /** The work programme entry the report came from (0028_agenda_from_programme.sql). */
  work_programme_entry_id: Generated<number | null>;
  /** The standing item rule, and the period it reports, the report came from (0028). */
  standing_item_rule_id: Generated<number | null>;
  standing_period: Generated<string | null>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  /** When a paper to follow was published after the agenda (0033_supplementary_papers.sql). */
  followed_at: Generated<Date | null>;
}

/** A member's item submitted for a meeting and its governance check (0027_members_items.sql). */
export interface MembersItemTable {
  id: Generated<number>;
  meeting_id: number;
  person_id: number;
  title: string;
  request: string;
  submitted_by: string;
  submitted_at: Generated<Date>;
  status: Generated<import('../domain/membersItems.ts').MembersItemStatus>;
  check_reason: string | null;
  checked_by: string | null;
  checked_at: Date | null;
  agenda_item_id: number | null;
}

export interface PaperTable {
  id: Generated<number>;
  agenda_item_id: number;
  title: string;
  report_of: string;
  wards: string;
  status: import('../domain/reportPaper.ts').PaperStatus;
  exempt_paragraph: number | null;
  urgent: boolean;
  key_decision: import('../domain/reportPaper.ts').KeyDecision;
  sections: JSONColumnType<Record<string, string>>;
  recommendations: JSONColumnType<string[]>;
  /** The body uploaded as a file (0030_paper_files.sql); null when written on the form. */
  file_id: Generated<number | null>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface PaperEnclosureTable {
  paper_id: number;
  position: number;
  title: string;
  exempt_paragraph: number | null;
  body: string;
  file_id: Generated<number | null>;
}

/* Papers' uploaded Word and PDF files (0030_paper_files.sql). */
export interface PaperFileTable {
  id: Generated<number>;
  paper_id: number;
  kind: 'pdf' | 'docx';
  filename: string;
  size: number;
  sha256: string;
  page_count: number | null;
  document: JSONColumnType<unknown[] | null, string | null, string | null>;
  content: Uint8Array;
  uploaded_by: string;
  uploaded_at: Generated<Date>;
}

export interface PaperContactTable {
  paper_id: number;
  position: number;
  person_id: number;
}

export interface PaperClearanceTable {
  paper_id: number;
  role: import('../domain/reportPaper.ts').ClearanceRole;
  name: string;
  cleared_on: string;
  recorded_by: string;
  recorded_at: Generated<Date>;
}

/* The quarterly performance report on an agenda (0031_paper_performance_report.sql, ADR 0028). */
export interface PaperPerformanceReportTable {
  paper_id: number;
  publication_id: number;
  placed_at: Generated<Date>;
  placed_by: string;
}

/* Meeting outcomes: attendance, declarations, item minutes, motions, votes, actions (0029_meeting_outcomes.sql, ADR 0026). */
export interface MinutesTable {
  meeting_id: number;
  state: Generated<'draft' | 'agreed'>;
  finished_at: string | null;
  published_at: Date | null;
  published_by: string | null;
  agreed_at_meeting_id: number | null;
  agreed_on: string | null;
  agreed_recorded_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface AttendanceTable {
  meeting_id: number;
  person_id: number;
  status: import('../domain/attendance.ts').AttendanceStatus;
  in_place_of: number | null;
}

export interface DeclarationTable {
  id: Generated<number>;
  meeting_id: number;
  position: number;
  person_id: number;
  agenda_item_id: number;
  interest_type: import('../domain/declarations.ts').InterestType;
  detail: string;
  withdrew: boolean;
}

export interface ItemMinutesTable {
  agenda_item_id: number;
  discussion: string;
  resolutions: JSONColumnType<import('../domain/resolutions.ts').ResolutionNode[]>;
  resolved_unanimously: boolean;
  no_business: boolean;
  updated_at: Generated<Date>;
}

export interface MotionTable {
  id: Generated<number>;
  agenda_item_id: number;
  position: number;
  text: string;
  mover_id: number;
  seconder_id: number | null;
  amendments: JSONColumnType<string[]>;
  votes_for: number | null;
  votes_against: number | null;
  votes_abstain: number | null;
  casting_vote: 'for' | 'against' | null;
}

export interface NamedVoteTable {
  motion_id: number;
  person_id: number;
  choice: import('../domain/votes.ts').VoteChoice;
}

export interface MeetingActionTable {
  id: Generated<number>;
  agenda_item_id: number;
  position: number;
  text: string;
  owner_id: number | null;
  target_meeting_id: number | null;
  report_back: boolean;
  work_programme_entry_id: number | null;
}
