-- Committee business, first slice (issue 11, deliver 1 and 2; ADR 0018): people, their dated memberships
-- of committees, the committee facts a cover prints (quorum, short name, governance contact) and meetings.
--
-- Dates are ISO calendar dates stored as text ('2018-11-21'): a meeting's day has no time or time zone,
-- every engine and driver reads it back exactly as written, and ISO dates order as text. The checks below
-- keep them real dates. Weekdays and deadlines are never stored: they are computed from the date
-- (src/domain/workingDays.ts, src/domain/meetingDeadlines.ts).

-- A person held once, so a name is spelt one way everywhere: councillors (party, ward) and officers (job
-- title, contact details). The slug is the name's URL form, and two people may not share it.
create table person (
  id integer primary key generated always as identity,
  slug text not null unique,
  name text not null check (length(name) between 1 and 200),
  kind text not null check (kind in ('councillor', 'officer')),
  party text,
  ward text,
  job_title text,
  email text,
  phone text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- A person's seat on a committee from a date to a date (both included; no end: until further notice).
-- One person holds one seat on one committee at a time (checked by src/services/committeeBusinessService.ts
-- in the transaction that writes, under a lock on the person).
create table membership (
  id integer primary key generated always as identity,
  committee_id integer not null references committee (id),
  person_id integer not null references person (id),
  role text not null check (role in ('chairman', 'vice-chairman', 'member', 'substitute')),
  from_date text not null check (from_date ~ '^\d{4}-\d{2}-\d{2}$' and from_date::date is not null),
  to_date text check (to_date is null or (to_date ~ '^\d{4}-\d{2}-\d{2}$' and to_date::date is not null)),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint membership_dates check (to_date is null or to_date >= from_date)
);
create index membership_committee on membership (committee_id, from_date);
create index membership_person on membership (person_id);

-- What a committee's cover prints besides its name: "(Quorum 3)", its short name, its governance contact.
alter table committee add column quorum integer check (quorum between 1 and 100);
alter table committee add column short_name text;
alter table committee add column governance_contact_id integer references person (id);

-- A meeting of a committee. `uid` is stable for calendars (iCal UID); `sequence` rises with every change
-- (iCal SEQUENCE), so a calendar that imported the meeting takes the change.
create table meeting (
  id integer primary key generated always as identity,
  uid text not null unique,
  committee_id integer not null references committee (id),
  meeting_date text not null check (meeting_date ~ '^\d{4}-\d{2}-\d{2}$' and meeting_date::date is not null),
  start_time text not null check (start_time ~ '^([01]\d|2[0-3]):[0-5]\d$'),
  venue text not null check (length(venue) between 1 and 500),
  status text not null default 'scheduled'
    check (status in ('scheduled', 'agenda-published', 'held', 'minutes-draft', 'minutes-agreed', 'cancelled', 'postponed')),
  status_reason text,
  sequence integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index meeting_by_date on meeting (meeting_date);
create index meeting_committee on meeting (committee_id, meeting_date);

-- Public pages are cached by data version (ADR 0007): every write of these tables moves it.
create trigger person_bumps_data_version after insert or update or delete or truncate on person for each statement execute function bump_data_version();
create trigger membership_bumps_data_version after insert or update or delete or truncate on membership for each statement execute function bump_data_version();
create trigger meeting_bumps_data_version after insert or update or delete or truncate on meeting for each statement execute function bump_data_version();
