-- The best current value per series and period: the best vintage (ranked in vintages_as_of,
-- materialised in `vintages`).
create or replace view series as
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
    n_independent,
    first_reported,
    last_reported,
    source_urls,
    obs_id,
    vintage_id
from vintages
where is_best;
