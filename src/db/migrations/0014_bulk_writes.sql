-- Bulk writes (issue 10, deliver 7; ADR 0015). An import writes results and targets by the hundred
-- thousand; what PostgreSQL does for every row it writes there is made cheaper, keeping what each thing was
-- for.
--
-- 1. The (plan_year) indexes of 0001 are used by no query: every read by plan year names the indicator,
--    and 0005's (indicator_id, plan_year) indexes serve those. One index fewer to write per row.
drop index result_plan_year;
drop index target_plan_year;

-- 2. result.indicator_id and target.indicator_id: the foreign keys to indicator become statement-level
--    checks. A foreign key is checked by a row-level trigger, one look-up of the indicator per row written
--    (a quarter of an import's write time); these look up the indicators of a whole statement at once.
--    What the foreign key guaranteed still holds:
--    - a row written (inserted, or its indicator_id updated) names an indicator that exists, else the
--      statement fails with foreign_key_violation (23503), naming the first missing indicator id;
--    - the indicators named are locked FOR KEY SHARE until the transaction ends, as the foreign key's
--      check locks them, so a concurrent delete of one waits (or the writer sees it gone and fails);
--    - deleting an indicator deletes its results and targets (was ON DELETE CASCADE).
alter table result drop constraint result_indicator_id_fkey;
alter table target drop constraint target_indicator_id_fkey;

create function check_indicator_refs() returns trigger language plpgsql as $$
declare
  missing integer;
begin
  -- Lock the indicators the statement's rows name (in id order, as a cascade would meet them), then look
  -- for one that is not there. A row locked by a concurrent delete is waited for; once that delete
  -- commits the row is gone, and the check below finds it missing.
  perform 1 from indicator where id in (select distinct indicator_id from written) order by id for key share;
  select w.indicator_id into missing from written w
    where not exists (select 1 from indicator i where i.id = w.indicator_id) limit 1;
  if found then
    raise exception 'insert or update on table "%" violates foreign key constraint "%_indicator_id_fkey"', tg_table_name, tg_table_name
      using errcode = 'foreign_key_violation', detail = format('Key (indicator_id)=(%s) is not present in table "indicator".', missing),
            table = tg_table_name, constraint = tg_table_name || '_indicator_id_fkey';
  end if;
  return null;
end;
$$;

-- A trigger with transition tables has one event (PostgreSQL's rule), hence one for insert and one for update.
create trigger result_indicator_ref_insert after insert on result referencing new table as written
  for each statement execute function check_indicator_refs();
create trigger result_indicator_ref_update after update on result referencing new table as written
  for each statement execute function check_indicator_refs();
create trigger target_indicator_ref_insert after insert on target referencing new table as written
  for each statement execute function check_indicator_refs();
create trigger target_indicator_ref_update after update on target referencing new table as written
  for each statement execute function check_indicator_refs();

create function delete_indicator_measures() returns trigger language plpgsql as $$
begin
  delete from result where indicator_id in (select id from deleted);
  delete from target where indicator_id in (select id from deleted);
  return null;
end;
$$;

create trigger indicator_deletes_measures after delete on indicator referencing old table as deleted
  for each statement execute function delete_indicator_measures();
