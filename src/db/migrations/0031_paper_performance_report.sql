-- The committee's quarterly performance report on its agenda (issue 12 deliver 7, ADR 0028): a paper
-- whose body is a published version of the framework's report, never retyped. The paper row keeps the
-- cover sheet (filled from the framework when placed) and the narrative; this row says which published
-- version it carries. A later version of the same period is shown beside it, never in its place.
create table paper_performance_report (
  paper_id integer primary key references paper (id),
  publication_id integer not null references publication (id),
  placed_at timestamptz not null default now(),
  placed_by text not null
);
create index paper_performance_report_publication on paper_performance_report (publication_id);
