-- 002: the views a user queries (tradewatch sql, the duckdb shell, exports).

create view articles as
with mention_counts as (
    select
        article_id,
        count(*) as n_figures
    from figure_mentions
    group by article_id
)
select
    a.article_id,
    a.url,
    a.source,
    a.title,
    a.published,
    a.published_date,
    a.author,
    a.n_words,
    a.text_hash,
    a.duplicate_of,
    d.url as duplicate_of_url,
    a.duplicate_kind,
    a.similarity,
    coalesce(c.n_figures, 0) as n_figures,
    a.extractor_version,
    a.first_seen,
    a.last_seen
from stored_articles as a
left join stored_articles as d
    on d.article_id = a.duplicate_of
left join mention_counts as c
    on c.article_id = a.article_id;

create view figures as
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
    m.vintage_id
from figure_mentions as m
join stored_articles as a
    on a.article_id = m.article_id;

create view series as
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

create view series_history as
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

-- What we knew on day d: only mentions reported on or before d, ranked like `series`.
create macro series_as_of(d) as table
with known as (
    select *
    from figure_mentions
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

-- Two values of one series and period, both final (or both estimates), reported during
-- overlapping windows and differing by more than 0.5 % (levels) or 0.05 points (percentages).
create view conflicts as
with pairs as (
    select
        a.region,
        a.indicator,
        a.scope,
        a.metric,
        a.period_start,
        a.period_end,
        a.estimate,
        a.value as value_a,
        b.value as value_b,
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
        and b.estimate = a.estimate
        and a.vintage_id < b.vintage_id
    where a.first_reported <= b.last_reported
        and b.first_reported <= a.last_reported
)
select
    *,
    abs(value_a - value_b) as difference
from pairs
where case
    when metric = 'level'
        then abs(value_a - value_b) > 0.005 * greatest(abs(value_a), abs(value_b))
    else abs(value_a - value_b) > 0.05
end;

create view checks as
select
    c.check_id,
    c.kind,
    c.status,
    c.message,
    c.figure_indexes,
    c.mention_ids,
    c.extractor_version,
    a.url,
    a.title,
    a.published_date as published,
    c.article_id
from extraction_checks as c
join stored_articles as a
    on a.article_id = c.article_id;

create view failures as
select
    url,
    source,
    stage,
    error as reason,
    status,
    attempts,
    retryable,
    first_failed,
    last_failed
from retry_queue
where gave_up;

create view runs as
select
    run_id,
    kind,
    source,
    status,
    started_at,
    finished_at,
    date_diff('millisecond', started_at, finished_at) / 1000.0 as duration_s,
    counts,
    error,
    params
from run_log;
