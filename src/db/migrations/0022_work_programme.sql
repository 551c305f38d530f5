-- Forward work programme (issue 11, deliver 7; ADR 0022): per committee, the entries officers add — title,
-- overview of the decision, report of, issue type — aimed at a meeting, at a later month when no meeting
-- is arranged yet (target_month 'YYYY-MM'), or at neither ("to be scheduled"); and the rules that make the
-- standing items of every meeting (src/domain/workProgramme.ts computes them: they are never stored).
-- An entry's meeting belongs to its committee (checked by src/services/workProgrammeService.ts).
create table work_programme_entry (
  id integer primary key generated always as identity,
  committee_id integer not null references committee (id),
  title text not null check (length(title) between 1 and 300),
  overview text not null default '' check (length(overview) <= 4000),
  report_of text not null check (length(report_of) between 1 and 300),
  contributors text check (contributors is null or length(contributors) between 1 and 300),
  -- null: not stated (the 2017 programme has no issue type column).
  issue_type text check (issue_type is null or issue_type in ('key', 'non-key', 'urgent')),
  meeting_id integer references meeting (id),
  target_month text check (target_month is null or target_month ~ '^\d{4}-(0[1-9]|1[0-2])$'),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint work_programme_entry_one_target check (meeting_id is null or target_month is null)
);
create index work_programme_entry_committee on work_programme_entry (committee_id);
create index work_programme_entry_meeting on work_programme_entry (meeting_id);

-- A rule making a standing item at a committee's meetings from a date to a date (both included; no end:
-- until further notice): at every meeting, or each quarter's performance report at the first meeting held
-- lag_days or more after the quarter's end.
create table standing_item_rule (
  id integer primary key generated always as identity,
  committee_id integer not null references committee (id),
  kind text not null check (kind in ('every-meeting', 'quarterly-performance')),
  title text not null check (length(title) between 1 and 300),
  overview text not null default '' check (length(overview) <= 4000),
  report_of text not null check (length(report_of) between 1 and 300),
  contributors text check (contributors is null or length(contributors) between 1 and 300),
  issue_type text check (issue_type is null or issue_type in ('key', 'non-key', 'urgent')),
  lag_days integer not null default 42 check (lag_days between 0 and 366),
  from_date text not null check (from_date ~ '^\d{4}-\d{2}-\d{2}$' and from_date::date is not null),
  to_date text check (to_date is null or (to_date ~ '^\d{4}-\d{2}-\d{2}$' and to_date::date is not null)),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint standing_item_rule_dates check (to_date is null or to_date >= from_date)
);
create index standing_item_rule_committee on standing_item_rule (committee_id);

-- Public pages are cached by data version (ADR 0007): every write of these tables moves it.
create trigger work_programme_entry_bumps_data_version after insert or update or delete or truncate on work_programme_entry for each statement execute function bump_data_version();
create trigger standing_item_rule_bumps_data_version after insert or update or delete or truncate on standing_item_rule for each statement execute function bump_data_version();
