-- Supplementary agenda packs (issue 12 deliver 6, ADR 0028): when a paper that was "to follow" is
-- published after its agenda, the time it went out; the supplementary pack holds those papers.
alter table agenda_item add column followed_at timestamptz;
