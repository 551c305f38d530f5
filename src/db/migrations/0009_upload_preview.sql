-- An upload's preview, kept with it (issue 9: the preview was made again, reading the whole file, on every
-- view of its page). Made once — when the file is uploaded, in an upload worker process — and again only
-- when a confirmation finds the stored data changed (src/services/uploadImportService.ts). In the database
-- beside the file, so any server process shows it without reading the file.
alter table pending_upload
  -- The preview (PreviewOutcome, src/services/uploadPreview.ts): the errors listed, or the plan's digest,
  -- its changes counted and the first ones listed. json, not jsonb: a change's fields keep their order.
  add column preview json,
  -- The data version (migration 0010) read before the stored data were compared with the file: a later
  -- version means the data may have changed since, which the preview page says.
  add column preview_data_version text,
  add column previewed_at timestamptz;

-- An upload's bytes past its first megabyte, a megabyte a row (src/repositories/uploadRepository.ts): each
-- written by a statement of its own, so that storing a 20 MB upload on the embedded database, whose
-- driver converts bytes in the server's thread, never holds it for more than a few tens of milliseconds.
-- An upload's bytes are its row's content followed by its parts in order (none for one stored before).
create table pending_upload_part (
  upload_id text not null references pending_upload (id) on delete cascade,
  part integer not null check (part > 0),
  content bytea not null,
  primary key (upload_id, part)
);
