-- Each mention with its article's provenance; mentions below the confidence threshold stay
-- here (accepted = false) and show in `review`.
-- depends on: is_accepted
create or replace view figures as
select
    m.mention_id,
    m.region,
    m.indicator,
    m.scope,
    m.metric,
    m.value,
    m.unit,
    m.period_start,
    m.period_end,
    m.estimate,
    m.qualifier,
    m.region_successor,
    m.sentence,
    m.start_offset,
    m.end_offset,
    m.reported_on,
    m.extractor_version,
    a.url,
    a.title,
    a.published_date as published,
    a.source,
    a.duplicate_of is not null as from_duplicate,
    m.article_id,
    m.obs_id,
    m.vintage_id,
    m.confidence,
    coalesce(m.confidence_reasons, []) as confidence_reasons,
    is_accepted(m.confidence) as accepted
from figure_mentions as m
join stored_articles as a
    on a.article_id = m.article_id;
