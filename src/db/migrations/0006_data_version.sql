-- A counter of changes to the data reports are built from. Every statement that writes one of these
-- tables bumps it in the same transaction, so a reader that sees the new data sees the new number:
-- a report cached under a number is never served once the number has moved on (src/services/dataVersion.ts).
create table data_version (
  id integer primary key check (id = 1),
  version bigint not null
);
insert into data_version (id, version) values (1, 0);

create function bump_data_version() returns trigger language plpgsql as $$
begin
  update data_version set version = version + 1 where id = 1;
  -- Delivered at commit: listeners (src/services/dataVersion.ts) forget the version they knew.
  perform pg_notify('townhall_data_version', '');
  return null;
end;
$$;

do $$
declare
  t text;
begin
  foreach t in array array[
    'council', 'plan_year', 'corporate_outcome', 'committee', 'committee_name', 'committee_priority',
    'indicator', 'indicator_version', 'target', 'result', 'benchmark', 'key_action', 'key_action_update',
    'reporting_cycle', 'revenue_line', 'capital_line', 'saving_line', 'risk_assessment', 'workforce_line',
    'customer_line', 'narrative_item', 'priority_status'
  ] loop
    execute format(
      'create trigger %I after insert or update or delete or truncate on %I for each statement execute function bump_data_version()',
      t || '_bumps_data_version', t);
  end loop;
end;
$$;
