-- Spreadsheets uploaded for a preview, kept until confirmed, discarded or expired (src/services/uploadImportService.ts).
-- In the database, not in one process's memory: any server process behind a load balancer can show the
-- preview and confirm it. Bound to the session that uploaded it (gone when the session is).
create table pending_upload (
  id text primary key,
  session_id integer not null references app_session (id) on delete cascade,
  filename text not null,
  size integer not null,
  sha256 text not null,
  content bytea not null,
  uploaded_at timestamptz not null,
  expires_at timestamptz not null
);
create index pending_upload_expires on pending_upload (expires_at);
