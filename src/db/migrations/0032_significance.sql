-- Rating by statistical significance (issue 13 deliver 4, ADR 0019): a plan year may rate survey and
-- rate indicators whose results carry a numerator and denominator by their confidence interval at 95%
-- or 99.8% instead of the fixed survey tolerance. Null: by tolerance, as before.
alter table plan_year add column significance_level double precision;
alter table plan_year add constraint plan_year_significance_level check (significance_level is null or significance_level in (95, 99.8));
