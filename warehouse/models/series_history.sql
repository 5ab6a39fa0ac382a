-- Every vintage: an estimate and the final figure that replaced it both stay, numbered in the
-- order they were reported; is_best marks the one `series` shows.
create or replace view series_history as
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
    is_best,
    row_number() over (
        partition by obs_id
        order by first_reported, estimate desc, last_reported, value
    ) as vintage_no,
    source_urls,
    obs_id,
    vintage_id
from vintages;
