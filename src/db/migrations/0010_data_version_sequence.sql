-- Writers no longer wait for each other on one row (ADR 0013; ADR 0007 for what the version is for).
--
-- Migration 0006 bumped the version by updating the one `data_version` row in every writing transaction:
-- the row stayed locked until commit, so on PostgreSQL writing transactions ran one at a time. Now each
-- writing transaction inserts one row into `data_change` (insert-only: nothing to wait for), and
--
--   version = data_version.version + the number of rows in data_change
--
-- read in one statement (src/repositories/dataVersion.ts). That is the number of writing transactions
-- committed (plus the reader's own), so it moves exactly when a reader can see new data, and a reader that
-- sees the new data sees the new number — whatever order concurrent writers commit in. (A sequence or the
-- highest id would not do: numbers are taken before commit, so a later number can become visible before
-- an earlier one, and a page cached under it would be stale.)
--
-- To keep the count small, every 256th writing transaction folds the rows it can see into
-- data_version.version and deletes them, in one statement: a reader sees the rows or their sum, never
-- both or neither. One folder at a time (a transaction-level advisory lock, tried, never waited for).

create table data_change (
  -- No primary key: nothing looks a row up, and an index would only be one more thing to write.
  id bigint generated always as identity
);

create or replace function bump_data_version() returns trigger language plpgsql as $$
declare
  xid text := pg_current_xact_id()::text;
  change bigint;
begin
  -- Once per transaction: the trigger fires after every writing statement.
  if current_setting('townhall.data_change_xid', true) is distinct from xid then
    perform set_config('townhall.data_change_xid', xid, true);
    insert into data_change default values returning id into change;
    if change % 256 = 0 and pg_try_advisory_xact_lock(hashtext('townhall'), hashtext('data_change:' || coalesce(current_schema(), ''))) then
      with folded as (delete from data_change returning 1)
      update data_version set version = version + (select count(*) from folded) where id = 1;
    end if;
  end if;
  -- Delivered at commit to listeners in this process (embedded PGlite: src/services/dataVersion.ts).
  -- PostgreSQL connections set 'off' (src/db/connection.ts): nobody listens there, versions are read per
  -- request, and each notifying commit would take a lock shared by the whole cluster.
  if current_setting('townhall.notify_data_version', true) is distinct from 'off' then
    perform pg_notify('townhall_data_version', '');
  end if;
  return null;
end;
$$;
