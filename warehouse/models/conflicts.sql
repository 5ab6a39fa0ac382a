-- Two values of one series and period reported during overlapping windows and differing by
-- more than 0.5 % (levels) or 0.05 points (percentages): both final or both estimates, or an
-- estimate not strictly before the final (one article's "ước" 1.87 bn and another's final
-- 18.4 bn for the same nine months, both published the same day). An estimate replaced later
-- by the final figure is a revision (series_history), not a conflict.
create or replace view conflicts as
with pairs as (
    select
        a.region,
        a.indicator,
        a.scope,
        a.metric,
        a.period_start,
        a.period_end,
        a.value as value_a,
        b.value as value_b,
        a.estimate as estimate_a,
        b.estimate as estimate_b,
        a.unit,
        a.first_reported as first_reported_a,
        a.last_reported as last_reported_a,
        b.first_reported as first_reported_b,
        b.last_reported as last_reported_b,
        a.source_urls as source_urls_a,
        b.source_urls as source_urls_b,
        a.obs_id
    from vintages as a
    join vintages as b
        on b.obs_id = a.obs_id
        and b.unit = a.unit
        and a.vintage_id < b.vintage_id
    where a.first_reported <= b.last_reported
        and b.first_reported <= a.last_reported
),
disagreeing as (
    select *
    from pairs
    where case
        when metric = 'level'
            then abs(value_a - value_b) > 0.005 * greatest(abs(value_a), abs(value_b))
        else abs(value_a - value_b) > 0.05
    end
),
not_revisions as (
    select *
    from disagreeing
    where estimate_a = estimate_b
        or (estimate_a and first_reported_a >= first_reported_b)
        or (estimate_b and first_reported_b >= first_reported_a)
)
select
    *,
    abs(value_a - value_b) as difference
from not_revisions;
