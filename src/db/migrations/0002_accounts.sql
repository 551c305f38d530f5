-- Accounts, sessions and sign-in rate limiting (docs/accounts.md).
-- Passwords are scrypt hashes whose string carries the parameters and the per-user salt:
--   scrypt$N=32768,r=8,p=1$<salt base64>$<hash base64>
-- A null password_hash means the account cannot sign in with a password.

create table app_user (
  id integer primary key generated always as identity,
  email text not null unique check (email = lower(email) and email <> ''),
  name text not null,
  role text not null check (role in ('administrator', 'performance-officer', 'data-owner', 'governance-officer', 'councillor')),
  password_hash text,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- What a data owner may edit: indicator refs ('ref') and services ('service').
create table app_user_scope (
  user_id integer not null references app_user (id) on delete cascade,
  kind text not null check (kind in ('ref', 'service')),
  value text not null,
  primary key (user_id, kind, value)
);

-- The cookie holds a random token; only its SHA-256 is stored. csrf_token is the session's
-- synchronizer token for forms.
create table app_session (
  id integer primary key generated always as identity,
  token_hash text not null unique,
  user_id integer not null references app_user (id) on delete cascade,
  csrf_token text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  last_seen_at timestamptz not null default now()
);
create index app_session_user on app_session (user_id);
create index app_session_expires on app_session (expires_at);

-- Failed sign-ins, for rate limiting: key = lower-cased email + ' ' + client IP.
create table login_attempt (
  id integer primary key generated always as identity,
  key text not null,
  at timestamptz not null default now()
);
create index login_attempt_key_at on login_attempt (key, at);
