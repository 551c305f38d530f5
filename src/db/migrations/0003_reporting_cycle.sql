-- Publication of a committee's data for a period (issue 3, item 4): open → submitted → approved → published.
-- Residents and anonymous visitors see only published cycles. No row means the cycle is open.
-- period holds a period key as stored elsewhere ('2018-Q2', '2016').
create table reporting_cycle (
  id integer primary key generated always as identity,
  committee_id integer not null references committee (id) on delete cascade,
  period text not null,
  status text not null default 'open' check (status in ('open', 'submitted', 'approved', 'published')),
  updated_at timestamptz not null default now(),
  unique (committee_id, period)
);
create index reporting_cycle_status on reporting_cycle (status);
