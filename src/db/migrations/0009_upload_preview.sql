-- An upload's preview, kept with it (issue 9: the preview was made again, reading the whole file, on every
-- view of its page). Made once — when the file is uploaded, on the upload worker thread — and again only
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
