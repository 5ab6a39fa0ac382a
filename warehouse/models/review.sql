-- The mentions `series` leaves out, with what a reviewer needs to judge them.
-- depends on: figures
create or replace view review as
select
    confidence,
    confidence_reasons,
    region,
    indicator,
    scope,
    metric,
    value,
    unit,
    period_start,
    period_end,
    estimate,
    sentence,
    url,
    title,
    published,
    source,
    reported_on,
    extractor_version,
    mention_id,
    article_id,
    obs_id
from figures
where not accepted;
