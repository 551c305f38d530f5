-- Members' items (issue 11, deliver 6; ADR 0025). A councillor submits an item for a meeting whose agenda
-- is open; one per member per agenda; the governance officer records the check against the committee's
-- terms of reference (who, when, accepted or not and why). An accepted item becomes a sub-item of the
-- "Members' items" standard item with its own paper (agenda_item kind 'member-item').

alter table agenda_item drop constraint agenda_item_kind_check;
alter table agenda_item add constraint agenda_item_kind_check
  check (kind in ('minutes', 'absence', 'declarations', 'monitoring-officer', 'public-questions', 'members-items', 'member-item', 'standing', 'report', 'work-programme', 'urgent'));

create table members_item (
  id integer primary key generated always as identity,
  meeting_id integer not null references meeting (id),
  person_id integer not null references person (id),
  title text not null check (length(title) between 1 and 200),
  request text not null check (length(request) between 1 and 10000),
  -- Who entered it: the councillor's account, or the governance officer who entered it for them.
  submitted_by text not null,
  submitted_at timestamptz not null default now(),
  status text not null default 'submitted' check (status in ('submitted', 'accepted', 'not-accepted')),
  check_reason text check (length(check_reason) <= 2000),
  checked_by text,
  checked_at timestamptz,
  -- The sub-item an accepted item became (its paper hangs on it).
  agenda_item_id integer unique references agenda_item (id),
  -- One item per member per agenda, whatever became of it.
  constraint members_item_one_per_member unique (meeting_id, person_id),
  constraint members_item_checked check ((status = 'submitted') = (checked_by is null) and (checked_by is null) = (checked_at is null)),
  constraint members_item_reason check (status <> 'not-accepted' or check_reason is not null),
  constraint members_item_on_agenda check ((status = 'accepted') = (agenda_item_id is not null))
);
create index members_item_person on members_item (person_id);

create trigger members_item_bumps_data_version after insert or update or delete or truncate on members_item for each statement execute function bump_data_version();
