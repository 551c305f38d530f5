-- An agenda started from the forward work programme (issue 11, deliver 7; ADR 0020, ADR 0022): the
-- programme's entries aimed at the meeting and the standing items its rules make for it become report
-- items, each linked to where it came from so the staff agenda page can say so.
--
-- An entry is linked by its id; a standing item is computed, never stored (src/domain/workProgramme.ts),
-- so it is linked by its rule and the period it reports ('2018-Q2' for a quarterly performance report,
-- null for an item at every meeting). If an entry is removed from the programme later, the agenda item
-- stays and loses its link; rules are ended, never deleted.
alter table agenda_item add column work_programme_entry_id integer references work_programme_entry (id) on delete set null;
alter table agenda_item add column standing_item_rule_id integer references standing_item_rule (id) on delete set null;
alter table agenda_item add column standing_period text check (standing_period is null or length(standing_period) between 1 and 20);
alter table agenda_item add constraint agenda_item_one_programme_source check (work_programme_entry_id is null or standing_item_rule_id is null);
alter table agenda_item add constraint agenda_item_programme_report check ((work_programme_entry_id is null and standing_item_rule_id is null) or kind in ('report', 'standing'));
create index agenda_item_work_programme_entry on agenda_item (work_programme_entry_id) where work_programme_entry_id is not null;
