-- 007: confidence. Each mention carries the extractor's confidence (0-1) and the reasons that
-- lowered it. The threshold is recorded here, so the views and a plain duckdb shell agree on
-- what `series` takes: every writing run writes the configured extract.min_confidence into
-- warehouse_settings and, when it changed, rebuilds observations and vintages
-- (warehouse/threshold.py). 0.5 below is only the value until a run records the configured
-- one. Mentions below the threshold stay in `figures` (accepted = false) and show in `review`;
-- mentions loaded before this migration have no confidence and count as accepted until
-- `tradewatch reprocess` reads them again.
alter table figure_mentions add column confidence double;
alter table figure_mentions add column confidence_reasons varchar[];

create table warehouse_settings (
    id integer primary key check (id = 1),  -- one row
    min_confidence double not null check (min_confidence between 0 and 1),
    updated_at timestamp not null default current_timestamp
);
insert into warehouse_settings (id, min_confidence) values (1, 0.5);

-- The one definition of "accepted", used by the views below and by the vintage rebuild.
create macro is_accepted(confidence) as
    confidence is null
    or confidence >= (select min_confidence from warehouse_settings);

create view accepted_mentions as
select *
from figure_mentions
where is_accepted(confidence);

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

-- The mentions `series` leaves out, with what a reviewer needs to judge them.
create view review as
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

-- What we knew on day d: only accepted mentions reported on or before d, ranked like `series`.
create or replace macro series_as_of(d) as table
with known as (
    select *
    from accepted_mentions
    where reported_on <= d
),
values_known as (
    select
        vintage_id,
        any_value(obs_id) as obs_id,
        any_value(region) as region,
        any_value(indicator) as indicator,
        any_value(scope) as scope,
        any_value(metric) as metric,
        any_value(period_start) as period_start,
        any_value(period_end) as period_end,
        any_value(value) as value,
        any_value(unit) as unit,
        bool_and(estimate) as estimate,
        count(distinct article_id) as n_sources,
        min(reported_on) as first_reported,
        max(reported_on) as last_reported
    from known
    group by vintage_id
),
ranked as (
    select
        *,
        row_number() over (
            partition by obs_id
            order by estimate, last_reported desc, first_reported desc, n_sources desc, value
        ) as rank
    from values_known
)
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
from ranked
where rank = 1;
