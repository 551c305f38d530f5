-- Who a committee paper is from (issue 10, deliver 3): the cover sheet's "Report of" and "Officer Contact
-- Details". Set on the committee (`period` null: the default of all its papers) and, for one committee
-- period's papers, overridden (`period` a period key, e.g. '2018-Q2'). "Report of" and the officer are
-- taken separately: a period row without an officer keeps the committee's officer, but an officer is
-- always printed whole (a period's officer never borrows the default's phone number). A published
-- version keeps what it printed (the report model stores them: ADR 0012).
create table paper_details (
  id integer primary key generated always as identity,
  committee_id integer not null references committee (id) on delete cascade,
  period text,
  report_of text,
  officer_name text,
  officer_role text,
  officer_email text,
  officer_phone text,
  updated_at timestamptz not null default now(),
  check (officer_name is not null or (officer_role is null and officer_email is null and officer_phone is null))
);
create unique index paper_details_key on paper_details (committee_id, coalesce(period, ''));

create trigger paper_details_bumps_data_version after insert or update or delete or truncate on paper_details
  for each statement execute function bump_data_version();
