-- What we knew on day d: the best value of each observation from the accepted mentions
-- reported on or before d, ranked as `series` ranks (series_as_of(current_date) is `series`).
-- depends on: vintages_as_of
create or replace macro series_as_of(d) as table
select
    region,
    indicator,
    scope,
    metric,
    period_start,
    period_end,
    value,
    unit,
    estimate,
    n_sources,
    first_reported,
    last_reported
from vintages_as_of(d, 'observations')
where is_best;
