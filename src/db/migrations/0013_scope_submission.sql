-- A data owner's part of a committee's period, submitted (issue 10, deliver 1): submission is per data
-- owner's scope, and the period is submitted for approval when every indicator and key action in force
-- is covered by a submission (or a performance officer submits the whole). `refs` are the indicator
-- and key-action refs the submission covered. Reopening the period clears its submissions (the audit
-- log keeps them).
create table scope_submission (
  id integer primary key generated always as identity,
  committee_id integer not null references committee (id),
  period text not null,
  user_id integer not null references app_user (id),
  refs jsonb not null,
  submitted_at timestamptz not null default now()
);
create index scope_submission_cycle on scope_submission (committee_id, period);
