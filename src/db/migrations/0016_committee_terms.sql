-- Terms of reference over time (issue 10, deliver 3). A committee's terms of reference change — the
-- Community Leadership Committee's Annex A functions (2015/16 to 2017/18) are not the Community Leadership
-- and Libraries Committee's Article 7 responsibilities (from 2018/19) — and a paper prints those in force in
-- its period only. Like the committee's names (committee_name), each text applies from a plan year
-- (`from_year`, the plan year's start year; null: from the start) until the next one. Committee business
-- reads the same history for a meeting's date (the plan year the date falls in: src/domain/organisation.ts).
create table committee_terms (
  id integer primary key generated always as identity,
  committee_id integer not null references committee (id) on delete cascade,
  from_year integer,
  text text not null check (length(btrim(text)) > 0)
);
create unique index committee_terms_year on committee_terms (committee_id, coalesce(from_year, -1));

-- The one text a committee had until now applied to every year: it is kept, from the start.
insert into committee_terms (committee_id, from_year, text)
select id, null, terms_of_reference from committee where terms_of_reference is not null and length(btrim(terms_of_reference)) > 0;

alter table committee drop column terms_of_reference;

create trigger committee_terms_bumps_data_version after insert or update or delete or truncate on committee_terms
  for each statement execute function bump_data_version();
