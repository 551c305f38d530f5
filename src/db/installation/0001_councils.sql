-- The councils one installation hosts (ADR 0030). This schema is the installation's: its own council's
-- tables are here (the council first installed, "main"), and every other council has a schema of its own
-- with the same tables, migrated alike. Kept apart from src/db/migrations, which every council's schema runs.
create table installation_council (
  slug text primary key check (slug ~ '^[a-z][a-z0-9-]{0,39}$'),
  name text not null check (length(name) between 1 and 200),
  -- null: the installation's own schema (the council first installed)
  schema_name text unique,
  created_at timestamptz not null default now()
);

-- The host names a council's site answers on: one council per host.
create table installation_council_host (
  hostname text primary key check (hostname ~ '^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?$'),
  council_slug text not null references installation_council (slug) on delete cascade
);

insert into installation_council (slug, name, schema_name) values ('main', 'This installation''s council', null);
