-- What was published (issue 9, "published means frozen"). Publishing a committee's period keeps the report
-- exactly as published — the performance report model (and the addendum model of a Q3 period) — and the
-- results it was computed from. Every public page, paper, download and open-data file of the period is
-- made from this, never from the live tables, so it never changes; reopening and publishing again adds
-- a new version beside the earlier ones, with what changed. Rows are never updated or deleted.
create table publication (
  id integer primary key generated always as identity,
  committee_id integer not null references committee (id),
  -- A period key as stored elsewhere ('2018-Q2', '2016').
  period text not null,
  version integer not null check (version > 0),
  published_at timestamptz not null default now(),
  published_by text not null,
  reason text,
  -- The PerformanceReport (src/services/performanceReport.ts) as the public sees it. json, not jsonb:
  -- the text is kept as written, so its keys stay in the order the papers lay them out (jsonb sorts them).
  report json not null,
  -- The Addendum model (src/reports/addendum.ts) when the period is a Q3; null otherwise.
  addendum json,
  -- What changed from the previous version, for people (src/services/publicationChanges.ts).
  changes jsonb not null default '[]'::jsonb,
  unique (committee_id, period, version)
);

-- The results of the period's indicators as published: later publications compare with these (never
-- with a draft), and a period that was never published is shown as "Not published".
create table published_result (
  publication_id integer not null references publication (id),
  indicator_id integer not null references indicator (id),
  period text not null,
  record jsonb not null,
  primary key (publication_id, indicator_id, period)
);
create index published_result_indicator on published_result (indicator_id, period, publication_id);

create function refuse_publication_change() returns trigger language plpgsql as $$
begin
  raise exception 'A publication is never changed: publish a new version instead';
end;
$$;
create trigger publication_never_changes before update or delete on publication
  for each row execute function refuse_publication_change();
create trigger published_result_never_changes before update or delete on published_result
  for each row execute function refuse_publication_change();

create trigger publication_bumps_data_version after insert on publication
  for each statement execute function bump_data_version();
