-- 003: the big derived tables without primary-key indexes. Maintaining an ART index on
-- md5 keys halved load speed (measured: 300,000 figure rows in 12-16 s with them, 7-8 s
-- without). The loader keeps these keys unique itself (staged, deduplicated with an explicit
-- order, replaced per article or observation), and warehouse/data_tests.py checks it.

create table article_lsh_v3 (
    band smallint not null,
    bucket varchar not null,
    article_id varchar not null
);
insert into article_lsh_v3 select * from article_lsh;
drop table article_lsh;
alter table article_lsh_v3 rename to article_lsh;

create table figure_mentions_v3 (
    mention_id varchar not null,  -- md5(article, series, period, value, start)
    article_id varchar not null,
    series_id varchar not null,      -- md5(region, indicator, scope, metric)
    obs_id varchar not null,         -- md5(series_id, period_start, period_end)
    vintage_id varchar not null,     -- md5(obs_id, unit, rounded value)
    region varchar not null,
    indicator varchar not null,
    scope varchar not null,
    metric varchar not null,
    value double not null,
    unit varchar not null,
    period_start date not null,
    period_end date not null,
    estimate boolean not null,
    qualifier varchar,
    region_successor varchar,
    sentence varchar,
    start_offset integer,
    end_offset integer,
    figure_index integer,
    extractor_version varchar,
    reported_on date not null,       -- published date, else fetch date
    run_id varchar
);
insert into figure_mentions_v3 select * from figure_mentions;
drop table figure_mentions;
alter table figure_mentions_v3 rename to figure_mentions;

create table observations_v3 (
    obs_id varchar not null,
    series_id varchar not null,
    region varchar not null,
    indicator varchar not null,
    scope varchar not null,
    metric varchar not null,
    period_start date not null,
    period_end date not null,
    n_vintages integer not null,
    n_mentions integer not null,
    first_reported date not null,
    last_reported date not null
);
insert into observations_v3 select * from observations;
drop table observations;
alter table observations_v3 rename to observations;

create table vintages_v3 (
    vintage_id varchar not null,
    obs_id varchar not null,
    series_id varchar not null,
    region varchar not null,
    indicator varchar not null,
    scope varchar not null,
    metric varchar not null,
    period_start date not null,
    period_end date not null,
    value double not null,
    unit varchar not null,
    estimate boolean not null,       -- false when any source states it as final
    n_sources integer not null,      -- distinct articles, syndicated copies included
    n_independent integer not null,  -- distinct articles after dedupe
    n_mentions integer not null,
    first_reported date not null,
    last_reported date not null,
    source_urls varchar[] not null,
    is_best boolean not null         -- the value `series` shows
);
insert into vintages_v3 select * from vintages;
drop table vintages;
alter table vintages_v3 rename to vintages;
