-- Indexes for committee reports on a large store (bench/: the report benchmark).
-- First plan year per indicator (ReportRepository.firstYears) and "has a target in a plan year"
-- (indicatorsWithTargetsIn): one index probe per indicator instead of a scan of the whole table.
create index result_indicator_plan_year on result (indicator_id, plan_year);
create index target_indicator_plan_year on target (indicator_id, plan_year);
-- The definitions in force for one committee (indicatorsInForce).
create index indicator_version_committee on indicator_version (committee_id);
