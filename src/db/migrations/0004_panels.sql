-- The other panels of a performance report (DOMAIN.md §8): finance, risk, workforce, customer
-- experience and narrative, each per committee and reporting period. Figures that are derived
-- (variances, percentages, risk scores, overall status) are never stored: src/domain computes them.

-- Revenue monitoring per service, £000.
create table revenue_line (
  id integer primary key generated always as identity,
  committee_id integer not null references committee (id) on delete cascade,
  period text not null,
  plan_year integer not null,
  service text not null,
  original_budget double precision,
  revised_budget double precision not null,
  forecast double precision not null,
  reserve_movements double precision not null default 0,
  comments text,
  unique (committee_id, period, service)
);

-- Capital programme per scheme, £000.
create table capital_line (
  id integer primary key generated always as identity,
  committee_id integer not null references committee (id) on delete cascade,
  period text not null,
  plan_year integer not null,
  scheme text not null,
  budget double precision not null,
  additions double precision not null default 0,
  slippage double precision not null default 0,
  forecast double precision not null,
  comments text,
  unique (committee_id, period, scheme)
);

-- Savings (MTFS lines): target and achieved, £000.
create table saving_line (
  id integer primary key generated always as identity,
  committee_id integer not null references committee (id) on delete cascade,
  period text not null,
  plan_year integer not null,
  ref text not null,
  description text not null,
  target double precision not null,
  achieved double precision,
  fte double precision,
  comments text,
  unique (committee_id, period, ref)
);

-- Risk register: one assessment per risk and period.
create table risk_assessment (
  id integer primary key generated always as identity,
  committee_id integer not null references committee (id) on delete cascade,
  period text not null,
  plan_year integer not null,
  risk_ref text not null,
  title text not null,
  owner text,
  priority_id integer references committee_priority (id),
  kind text not null check (kind in ('strategic', 'service')),
  inherent_likelihood integer check (inherent_likelihood between 1 and 5),
  inherent_impact integer check (inherent_impact between 1 and 5),
  residual_likelihood integer check (residual_likelihood between 1 and 5),
  residual_impact integer check (residual_impact between 1 and 5),
  -- As printed, when likelihood and impact are not known.
  residual_score integer check (residual_score between 1 and 25),
  target_likelihood integer check (target_likelihood between 1 and 5),
  target_impact integer check (target_impact between 1 and 5),
  commentary text,
  unique (committee_id, period, risk_ref),
  check ((residual_likelihood is null) = (residual_impact is null)),
  check (residual_likelihood is not null or residual_score is not null)
);

-- Workforce per service (rolling 12 months for days lost).
create table workforce_line (
  id integer primary key generated always as identity,
  committee_id integer not null references committee (id) on delete cascade,
  period text not null,
  plan_year integer not null,
  service text not null,
  headcount double precision,
  agency_staff double precision,
  agency_spend_percent double precision,
  days_lost_per_fte double precision,
  unique (committee_id, period, service)
);

-- Customer experience: FOI requests, complaints, member enquiries, subject access requests.
create table customer_line (
  id integer primary key generated always as identity,
  committee_id integer not null references committee (id) on delete cascade,
  period text not null,
  plan_year integer not null,
  kind text not null check (kind in ('foi', 'complaints', 'member enquiries', 'subject access requests')),
  received integer not null check (received >= 0),
  on_time integer not null check (on_time >= 0),
  unique (committee_id, period, kind),
  check (on_time <= received)
);

-- Key successes, key challenges (with action required), residents' perception headlines,
-- equalities and strategic issues, in the order given.
create table narrative_item (
  id integer primary key generated always as identity,
  committee_id integer not null references committee (id) on delete cascade,
  period text not null,
  plan_year integer not null,
  kind text not null check (kind in ('success', 'challenge', 'perception', 'equalities', 'escalation')),
  position integer not null,
  text text not null,
  action_required text,
  unique (committee_id, period, kind, position)
);

-- Overall status per committee priority: computed; a person may override it with a reason, and a
-- status printed in a source document is kept to be checked.
create table priority_status (
  id integer primary key generated always as identity,
  committee_id integer not null references committee (id) on delete cascade,
  period text not null,
  plan_year integer not null,
  priority_id integer not null references committee_priority (id) on delete cascade,
  override_status text check (override_status in ('Green', 'Amber', 'Red')),
  override_reason text,
  printed_status text check (printed_status in ('Green', 'Amber', 'Red')),
  unique (committee_id, period, priority_id),
  check ((override_status is null) = (override_reason is null))
);

alter table plan_year add column high_risk_from integer not null default 15;
