-- Agendas and report papers (issue 11, deliver 3, 4 and 5; ADR 0020): a meeting's order of business made
-- from its committee's template of standard items, report papers with their cover sheet, sections,
-- enclosures, officer contacts and clearance, and the link from a user account to the person it is.
--
-- Numbers of items and sections are never stored: the domain computes them from the order
-- (src/domain/agenda.ts, src/domain/reportPaper.ts). Clearance is never published.

-- A user account may be a person of committee business (a councillor's account is theirs: it lets them see
-- their committees' exempt papers). Set by administrators; one account per person.
alter table app_user add column person_id integer unique references person (id);

-- A committee's own template of standard items ([{kind, title, ifAny}], src/domain/agenda.ts); without
-- one a committee uses the template shipped with Townhall.
create table agenda_template (
  committee_id integer primary key references committee (id),
  items jsonb not null,
  updated_at timestamptz not null default now()
);

-- The council's template of report sections ([{key, title, numbered, subsections}],
-- src/domain/reportPaper.ts); without one the shipped default is used.
create table paper_section_template (
  council_id integer primary key references council (id),
  sections jsonb not null,
  updated_at timestamptz not null default now()
);

-- A meeting's agenda: started from the template, published once (then the public sees it).
create table agenda (
  meeting_id integer primary key references meeting (id),
  published_at timestamptz,
  published_by text,
  created_at timestamptz not null default now()
);

create table agenda_item (
  id integer primary key generated always as identity,
  meeting_id integer not null references agenda (meeting_id),
  position integer not null check (position >= 1),
  kind text not null check (kind in ('minutes', 'absence', 'declarations', 'monitoring-officer', 'public-questions', 'members-items', 'standing', 'report', 'work-programme', 'urgent')),
  title text not null check (length(title) between 1 and 500),
  if_any boolean not null default false,
  part text not null default 'public' check (part in ('public', 'exempt')),
  to_follow boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- Only reports may be exempt: the standard items are public business.
  constraint agenda_item_exempt_report check (part = 'public' or kind = 'report')
);
create index agenda_item_meeting on agenda_item (meeting_id, position);

-- A report paper: one per agenda item (a member's item may gain one later).
create table paper (
  id integer primary key generated always as identity,
  agenda_item_id integer not null unique references agenda_item (id),
  title text not null check (length(title) between 1 and 500),
  report_of text not null check (length(report_of) between 1 and 500),
  wards text not null check (length(wards) between 1 and 500),
  status text not null check (status in ('public', 'exempt', 'public-exempt-appendices')),
  exempt_paragraph integer check (exempt_paragraph between 1 and 7),
  urgent boolean not null default false,
  key_decision text not null check (key_decision in ('key', 'non-key')),
  -- The sections' text by key ({"summary": "…", "implications.2": "…"}) and the numbered recommendations.
  sections jsonb not null,
  recommendations jsonb not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint paper_exempt_paragraph check ((status = 'exempt') = (exempt_paragraph is not null))
);

create table paper_enclosure (
  paper_id integer not null references paper (id),
  position integer not null check (position >= 1),
  title text not null check (length(title) between 1 and 500),
  exempt_paragraph integer check (exempt_paragraph between 1 and 7),
  body text not null,
  primary key (paper_id, position)
);

create table paper_contact (
  paper_id integer not null references paper (id),
  position integer not null check (position >= 1),
  person_id integer not null references person (id),
  primary key (paper_id, position),
  unique (paper_id, person_id)
);

-- Who cleared the paper for each role and when: kept for staff, never published.
create table paper_clearance (
  paper_id integer not null references paper (id),
  role text not null check (role in ('chairman', 'chief-officer', 'legal', 'finance', 'governance')),
  name text not null check (length(name) between 1 and 500),
  cleared_on text not null check (cleared_on ~ '^\d{4}-\d{2}-\d{2}$' and cleared_on::date is not null),
  recorded_by text not null,
  recorded_at timestamptz not null default now(),
  primary key (paper_id, role)
);

-- Public pages are cached by data version (ADR 0007): every write of what they show moves it.
create trigger agenda_bumps_data_version after insert or update or delete or truncate on agenda for each statement execute function bump_data_version();
create trigger agenda_item_bumps_data_version after insert or update or delete or truncate on agenda_item for each statement execute function bump_data_version();
create trigger paper_bumps_data_version after insert or update or delete or truncate on paper for each statement execute function bump_data_version();
create trigger paper_enclosure_bumps_data_version after insert or update or delete or truncate on paper_enclosure for each statement execute function bump_data_version();
create trigger paper_contact_bumps_data_version after insert or update or delete or truncate on paper_contact for each statement execute function bump_data_version();
create trigger agenda_template_bumps_data_version after insert or update or delete or truncate on agenda_template for each statement execute function bump_data_version();
create trigger paper_section_template_bumps_data_version after insert or update or delete or truncate on paper_section_template for each statement execute function bump_data_version();
