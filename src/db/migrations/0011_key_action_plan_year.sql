-- Key actions belong to plan years (issue 10, deliver 2). A committee's key actions — the commissioning
-- intentions of a Commissioning Plan addendum, the key activities of a year's delivery plan — are those
-- of the plan in force: the 2016/17 commissioning intentions are not the 2018/19 key activities. Until
-- now an action had no plan year, so data entry listed every action the committee ever had, and a report
-- counted only the actions updated in its period (an action not updated dropped out of the denominator).
-- An action is now in force from `from_year` to `to_year`, both included (plan years' start years;
-- null: from the start / until further notice). Data entry and every report use the actions in force in
-- the period's plan year (src/domain/inForce.ts inForceDuring); one not updated in the period is counted
-- as not rated.
alter table key_action add column from_year integer;
alter table key_action add column to_year integer;
alter table key_action add constraint key_action_years check (from_year is null or to_year is null or from_year <= to_year);

-- Actions stored before: in force from the plan year of their first update; ended with the plan year of
-- their last update when another action of the committee starts after that (a later plan replaced
-- theirs), else still in force. An import that gives from_plan_year / to_plan_year sets them exactly.
with span as (
  select a.id, a.committee_id, min(u.plan_year) as first_year, max(u.plan_year) as last_year
  from key_action a
  join key_action_update u on u.key_action_id = a.id
  group by a.id, a.committee_id
)
update key_action k
set from_year = s.first_year,
    to_year = case
      when exists (select 1 from span later where later.committee_id = s.committee_id and later.first_year > s.last_year) then s.last_year
    end
from span s
where s.id = k.id;
