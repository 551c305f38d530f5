-- Papers uploaded as Word or PDF files (issue 11 deliver 4, issue 12 deliver 6; ADR 0027): the body of a
-- paper, or one of its enclosures, may be a file instead of text typed on the form; the cover sheet is
-- still filled in on the form.
--
-- The bytes are kept in the database (both engines, no file system to share between servers: ADR 0013),
-- with what the upload's checks read from them: a PDF's page count, a Word document read into the neutral
-- document model (src/documents/docxReader.ts) as JSON blocks, so the paper renders as HTML, PDF and Word
-- without reading the file again. A file row belongs to one paper; the paper (body) or an enclosure points
-- at it. Files no longer pointed at are deleted when the paper is saved.
create table paper_file (
  id integer primary key generated always as identity,
  paper_id integer not null references paper (id),
  kind text not null check (kind in ('pdf', 'docx')),
  filename text not null check (length(filename) between 1 and 255),
  size integer not null check (size > 0),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  -- A PDF's pages; a Word document's blocks. Exactly the one its kind has.
  page_count integer check (page_count >= 1),
  document jsonb,
  content bytea not null,
  uploaded_by text not null,
  uploaded_at timestamptz not null default now(),
  constraint paper_file_read check ((kind = 'pdf' and page_count is not null and document is null) or (kind = 'docx' and page_count is null and document is not null))
);
create index paper_file_paper on paper_file (paper_id);

-- The paper's body as a file (null: written on the form), and each enclosure's.
alter table paper add column file_id integer references paper_file (id);
alter table paper_enclosure add column file_id integer references paper_file (id);

create trigger paper_file_bumps_data_version after insert or update or delete or truncate on paper_file for each statement execute function bump_data_version();
