-- The vintages of the observations listed in table `obs_table` (a column obs_id) as known on
-- day d: one row per distinct value, from the accepted mentions reported on or before d, with
-- the one "best current value" ranking (is_best). The table `vintages` is this, materialised
-- for every day (warehouse/vintages.py), so `series` (its best rows), `series_history` and
-- `series_as_of(d)` (the best rows of this for day d) rank alike. A change here rebuilds
-- `vintages` at the next migrate (warehouse/build_models.py).
--
-- Values: a figure's value is rounded once, by the extractor (extractors/model.py:
-- figure_value); a vintage is one value as stored (vintage_id hashes it, warehouse/
-- load_figures.py). Best first: final over estimate, then the latest last reported, then
-- the latest first reported, more sources, the lower value, the lower vintage_id (so a tie has
-- one answer). Mentions are first summed per article (an article's URL is its key, so
-- the counts and URL lists need no DISTINCT aggregates, which DuckDB runs as extra group-bys).
-- depends on: accepted_mentions
create or replace macro vintages_as_of(d, obs_table) as table
with per_article as (
    select
        m.obs_id,
        m.vintage_id,
        m.article_id,
        any_value(m.series_id) as series_id,
        any_value(m.region) as region,
        any_value(m.indicator) as indicator,
        any_value(m.scope) as scope,
        any_value(m.metric) as metric,
        any_value(m.period_start) as period_start,
        any_value(m.period_end) as period_end,
        min(m.value) as value,
        any_value(m.unit) as unit,
        bool_and(m.estimate) as estimate,
        count(*) as n_mentions,
        min(m.reported_on) as first_reported,
        max(m.reported_on) as last_reported
    from accepted_mentions as m
    where m.reported_on <= d
        and m.obs_id in (select obs_id from query_table(obs_table))
    group by m.obs_id, m.vintage_id, m.article_id
),
grouped as (
    select
        p.vintage_id,
        p.obs_id,
        any_value(p.series_id) as series_id,
        any_value(p.region) as region,
        any_value(p.indicator) as indicator,
        any_value(p.scope) as scope,
        any_value(p.metric) as metric,
        any_value(p.period_start) as period_start,
        any_value(p.period_end) as period_end,
        min(p.value) as value,
        any_value(p.unit) as unit,
        bool_and(p.estimate) as estimate,
        count(*) as n_sources,
        count(distinct coalesce(a.duplicate_of, a.article_id)) as n_independent,
        sum(p.n_mentions) as n_mentions,
        min(p.first_reported) as first_reported,
        max(p.last_reported) as last_reported,
        list(a.url order by a.url) as source_urls
    from per_article as p
    join stored_articles as a
        on a.article_id = p.article_id
    group by p.obs_id, p.vintage_id
),
ranked as (
    select
        *,
        row_number() over (
            partition by obs_id
            order by estimate, last_reported desc, first_reported desc, n_sources desc,
                value, vintage_id
        ) as rank
    from grouped
)
select
    vintage_id,
    obs_id,
    series_id,
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
    n_mentions,
    first_reported,
    last_reported,
    source_urls,
    rank = 1 as is_best
from ranked;
