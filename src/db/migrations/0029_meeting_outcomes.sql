-- Meeting outcomes (issue 12, deliver 1–5 and the minutes part of 9; ADR 0026): who attended a meeting and
-- in what role, declarations of interest, each agenda item's minutes (discussion, motions with mover,
-- seconder, amendments and votes, numbered resolutions), actions with owner and target meeting, and the
-- minutes' state: draft (unpublished, then published as draft minutes) until a later meeting agrees them
-- as the correct record; agreed minutes change only by a correction with a reason (audited).
--
-- Nothing computable is stored: resolution numbers, a motion's result ("carried", "unanimously"), the
-- voting members present, the quorum met and the weekday are computed by src/domain (attendance.ts,
-- votes.ts, resolutions.ts) from what is stored here.

-- The minutes of a meeting: one row once anything is recorded.
create table minutes (
  meeting_id integer primary key references meeting (id),
  state text not null default 'draft' check (state in ('draft', 'agreed')),
  -- When the meeting finished, 24-hour 'HH:MM' (the pack's "20.28pm" is 20:28).
  finished_at text check (finished_at is null or finished_at ~ '^([01]\d|2[0-3]):[0-5]\d$'),
  -- Published as draft minutes: the public sees them (marked DRAFT) from then.
  published_at timestamptz,
  published_by text,
  -- Agreed as the correct record: at which (later) meeting of the committee, on its date, by whom it was recorded.
  agreed_at_meeting_id integer references meeting (id),
  agreed_on text check (agreed_on is null or (agreed_on ~ '^\d{4}-\d{2}-\d{2}$' and agreed_on::date is not null)),
  agreed_recorded_by text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint minutes_agreed check ((state = 'agreed') = (agreed_at_meeting_id is not null and agreed_on is not null and published_at is not null)),
  constraint minutes_agreed_elsewhere check (agreed_at_meeting_id is null or agreed_at_meeting_id <> meeting_id)
);

-- Attendance: present (members, substitutes in place of a named member, others in attendance: officers,
-- guests, other councillors), apologies, absent. The role is the person's membership on the meeting's date.
create table attendance (
  meeting_id integer not null references minutes (meeting_id),
  person_id integer not null references person (id),
  status text not null check (status in ('present', 'apologies', 'absent')),
  in_place_of integer references person (id),
  primary key (meeting_id, person_id),
  constraint attendance_in_place_of check (in_place_of is null or (status = 'present' and in_place_of <> person_id))
);

-- Declarations of interest: member, agenda item, type, detail, whether they withdrew.
create table declaration (
  id integer primary key generated always as identity,
  meeting_id integer not null references minutes (meeting_id),
  position integer not null check (position >= 1),
  person_id integer not null references person (id),
  agenda_item_id integer not null references agenda_item (id),
  interest_type text not null check (interest_type in ('disclosable-pecuniary', 'non-pecuniary', 'other-registrable')),
  detail text not null check (length(detail) between 1 and 2000),
  withdrew boolean not null default false,
  unique (meeting_id, position)
);

-- An agenda item's minutes: the discussion (paragraphs separated by a blank line), the resolutions
-- ([{text, parts}], numbered by src/domain/resolutions.ts), and whether they were agreed unanimously
-- without a vote, or the item had no business ("None.").
create table item_minutes (
  agenda_item_id integer primary key references agenda_item (id),
  discussion text not null default '' check (length(discussion) <= 20000),
  resolutions jsonb not null default '[]',
  resolved_unanimously boolean not null default false,
  no_business boolean not null default false,
  updated_at timestamptz not null default now()
);

-- A motion on an item: its words, mover, seconder, amendments, and the votes (null counts: no vote was
-- taken). A casting vote is the Chairman's on a tie. The result is never stored (src/domain/votes.ts).
create table motion (
  id integer primary key generated always as identity,
  agenda_item_id integer not null references agenda_item (id),
  position integer not null check (position >= 1),
  text text not null check (length(text) between 1 and 5000),
  mover_id integer not null references person (id),
  seconder_id integer references person (id),
  amendments jsonb not null default '[]',
  votes_for integer check (votes_for >= 0),
  votes_against integer check (votes_against >= 0),
  votes_abstain integer check (votes_abstain >= 0),
  casting_vote text check (casting_vote is null or casting_vote in ('for', 'against')),
  unique (agenda_item_id, position),
  constraint motion_counts check ((votes_for is null) = (votes_against is null) and (votes_for is null) = (votes_abstain is null)),
  constraint motion_seconder check (seconder_id is null or seconder_id <> mover_id)
);

-- A recorded (named) vote on a motion.
create table named_vote (
  motion_id integer not null references motion (id) on delete cascade,
  person_id integer not null references person (id),
  choice text not null check (choice in ('for', 'against', 'abstain')),
  primary key (motion_id, person_id)
);

-- An action from an item: owner, the meeting it reports to (null: a future meeting), and whether it
-- reports back — then it has a work-programme entry (made by src/services/outcomesService.ts).
create table meeting_action (
  id integer primary key generated always as identity,
  agenda_item_id integer not null references agenda_item (id),
  position integer not null check (position >= 1),
  text text not null check (length(text) between 1 and 2000),
  owner_id integer references person (id),
  target_meeting_id integer references meeting (id),
  report_back boolean not null default false,
  work_programme_entry_id integer references work_programme_entry (id),
  unique (agenda_item_id, position)
);
create index meeting_action_entry on meeting_action (work_programme_entry_id);

-- Public pages are cached by data version (ADR 0007): every write of these tables moves it.
create trigger minutes_bumps_data_version after insert or update or delete or truncate on minutes for each statement execute function bump_data_version();
create trigger attendance_bumps_data_version after insert or update or delete or truncate on attendance for each statement execute function bump_data_version();
create trigger declaration_bumps_data_version after insert or update or delete or truncate on declaration for each statement execute function bump_data_version();
create trigger item_minutes_bumps_data_version after insert or update or delete or truncate on item_minutes for each statement execute function bump_data_version();
create trigger motion_bumps_data_version after insert or update or delete or truncate on motion for each statement execute function bump_data_version();
create trigger named_vote_bumps_data_version after insert or update or delete or truncate on named_vote for each statement execute function bump_data_version();
create trigger meeting_action_bumps_data_version after insert or update or delete or truncate on meeting_action for each statement execute function bump_data_version();
