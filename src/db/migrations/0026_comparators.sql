-- Benchmarking data (issue 13, deliver 2; docs/benchmarking.md, ADR 0024): other areas' values of the
-- council's indicators, imported from the CSV files LG Inform and Fingertips give; the groups a council
-- defines (its nearest neighbours: CIPFA's list is licensed, so groups are imported as data, never
-- shipped); and the council's own area. Ranks are never stored: they are computed from these values.

-- The council's own area: an ONS GSS code (E09000003 for Barnet). Null until set.
alter table council add column area_code text check (area_code ~ '^[EWSNK][0-9]{8}$');

-- One area's value of one of the council's indicators for one period (a period key, as result.period).
-- value null: the source publishes no value (suppressed, not collected). The values are public data;
-- the council's own row is shown only for periods the viewer may see (src/services/comparatorService.ts).
create table comparator_value (
  id integer primary key generated always as identity,
  indicator_id integer not null references indicator (id) on delete cascade,
  period text not null,
  area_code text not null check (area_code ~ '^[EWSNK][0-9]{8}$'),
  area_name text not null,
  value double precision,
  numerator double precision,
  denominator double precision check (denominator is null or denominator > 0),
  lower_limit double precision,
  upper_limit double precision,
  source text not null,
  -- Demo and worked examples: a value that was assumed, not published (said on every page that shows it).
  illustrative boolean not null default false,
  note text,
  updated_at timestamptz not null default now(),
  unique (indicator_id, period, area_code),
  check (lower_limit is null or upper_limit is null or lower_limit <= upper_limit)
);

-- A named group of areas a council defines (e.g. "CIPFA nearest neighbours"), by GSS code.
create table comparator_group (
  id integer primary key generated always as identity,
  name text not null,
  created_at timestamptz not null default now()
);
create unique index comparator_group_name on comparator_group (lower(name));

create table comparator_group_area (
  group_id integer not null references comparator_group (id) on delete cascade,
  area_code text not null check (area_code ~ '^[EWSNK][0-9]{8}$'),
  primary key (group_id, area_code)
);

create trigger comparator_value_bumps_data_version after insert or update or delete or truncate on comparator_value
  for each statement execute function bump_data_version();
create trigger comparator_group_bumps_data_version after insert or update or delete or truncate on comparator_group
  for each statement execute function bump_data_version();
create trigger comparator_group_area_bumps_data_version after insert or update or delete or truncate on comparator_group_area
  for each statement execute function bump_data_version();
