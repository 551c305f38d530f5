-- The overall status of a priority is the officers' judgement (issue 10, deliver 3): it combines budget,
-- activities, indicators and risks in a way no rule captures, so it is recorded with its reason, and the
-- status computed from the data (src/domain/panels.ts) is a suggestion shown beside it to staff and
-- compared with it by `townhall check` — never printed in its place. What was an override is the judgement.
alter table priority_status rename column override_status to judgement;
alter table priority_status rename column override_reason to judgement_reason;

-- A status printed in a published report was the council's judgement: kept as one, saying so.
update priority_status
set judgement = printed_status,
    judgement_reason = 'As printed in the published report; no reason was recorded with it.'
where judgement is null and printed_status is not null;

alter table priority_status drop column printed_status;
