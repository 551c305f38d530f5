-- The performance framework (DOMAIN.md §1–7). One council per database.
-- Periods are stored as period keys (src/domain/periods.ts periodKey): '2016' (financial year 2016/17),
-- '2016-Q2' (Q2 2016/17), '2018-08' (Aug 2018). plan_year columns hold the financial year's start year.

create table council (
  id integer primary key,
  name text not null,
  check (id = 1)
);

create table plan_year (
  start_year integer primary key,
  rating_method jsonb not null,
  directional_policy text not null check (directional_policy in ('monitor', 'previous-year')),
  updated_at timestamptz not null default now()
);

create table corporate_outcome (
  id integer primary key generated always as identity,
  name text not null unique,
  description text,
  from_year integer,
  to_year integer
);

create table committee (
  id integer primary key generated always as identity,
  slug text not null unique,
  terms_of_reference text,
  created_at timestamptz not null default now()
);

-- Committees get renamed: every name with the plan year it applies from (null = from the start).
create table committee_name (
  id integer primary key generated always as identity,
  committee_id integer not null references committee (id) on delete cascade,
  name text not null,
  from_year integer,
  unique (committee_id, name)
);
create unique index committee_name_lower on committee_name (lower(name));

create table committee_priority (
  id integer primary key generated always as identity,
  committee_id integer not null references committee (id) on delete cascade,
  name text not null,
  outcome text,
  corporate_outcome_id integer references corporate_outcome (id),
  unique (committee_id, name)
);

create table indicator (
  id integer primary key generated always as identity,
  ref text not null unique,
  created_at timestamptz not null default now()
);

-- A definition applies from its plan year until the next version: a change never rewrites a past year.
create table indicator_version (
  id integer primary key generated always as identity,
  indicator_id integer not null references indicator (id) on delete cascade,
  from_year integer,
  title text not null,
  committee_id integer not null references committee (id),
  priority_id integer not null references committee_priority (id),
  type text not null,
  polarity text not null check (polarity in ('bigger', 'smaller')),
  unit text not null check (unit in ('percent', 'number', 'currency', 'days', 'rate')),
  frequency text not null check (frequency in ('monthly', 'quarterly', 'biannual', 'annual')),
  basis text not null check (basis in ('discrete', 'cumulative', 'snapshot', 'rolling')),
  source text,
  tolerance double precision,
  definition text,
  measured_against text,
  owner text,
  footnote text
);
create unique index indicator_version_year on indicator_version (indicator_id, coalesce(from_year, 0));

create table target (
  id integer primary key generated always as identity,
  indicator_id integer not null references indicator (id) on delete cascade,
  period text not null,
  plan_year integer not null,
  spec jsonb not null,
  printed text not null,
  -- Why the target was set or changed (an addendum explains a lowered target).
  reason text,
  unique (indicator_id, period)
);
create index target_plan_year on target (plan_year);

create table result (
  id integer primary key generated always as identity,
  indicator_id integer not null references indicator (id) on delete cascade,
  period text not null,
  plan_year integer not null,
  value double precision,
  printed text not null default '',
  data_period text,
  basis text check (basis in ('discrete', 'cumulative', 'snapshot', 'rolling')),
  status text not null check (status in ('reported', 'due', 'not available', 'not collected', 'new')),
  numerator double precision,
  denominator double precision,
  printed_rag text,
  printed_direction jsonb,
  commentary text,
  intervention text,
  note text,
  override_rag text,
  override_reason text,
  revision integer not null default 1,
  updated_at timestamptz not null default now(),
  unique (indicator_id, period),
  check ((override_rag is null) = (override_reason is null))
);
create index result_plan_year on result (plan_year);

create table benchmark (
  id integer primary key generated always as identity,
  indicator_id integer not null references indicator (id) on delete cascade,
  period text not null,
  text text not null,
  label text,
  value double precision,
  source text,
  data_period text,
  unique (indicator_id, period)
);

create table key_action (
  id integer primary key generated always as identity,
  committee_id integer not null references committee (id) on delete cascade,
  ref text not null,
  priority_id integer not null references committee_priority (id),
  title text not null,
  service text,
  unique (committee_id, ref)
);

create table key_action_update (
  id integer primary key generated always as identity,
  key_action_id integer not null references key_action (id) on delete cascade,
  period text not null,
  plan_year integer not null,
  rag text not null check (rag in ('G', 'GA', 'RA', 'R', 'not-rated')),
  commentary text,
  unique (key_action_id, period)
);

-- Append-only: who, when, what, before → after, why.
create table audit_event (
  id integer primary key generated always as identity,
  at timestamptz not null default now(),
  actor text not null,
  action text not null,
  entity text not null,
  entity_key text not null,
  before jsonb,
  after jsonb,
  reason text
);
create index audit_event_entity on audit_event (entity, entity_key);

create function audit_event_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_event is append-only';
end;
$$;
create trigger audit_event_no_change before update or delete on audit_event
  for each statement execute function audit_event_append_only();
