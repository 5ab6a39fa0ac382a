-- 001: the stored tables. Times are UTC timestamps; *_date / reported dates are as written.
-- Keys are md5 hashes of natural keys (see warehouse/keys.py), so loads are idempotent.

create table raw_pages (
    url varchar primary key,         -- the canonical URL asked for
    source varchar not null,
    final_url varchar not null,
    status integer not null,
    headers json,
    body blob,                       -- zlib-compressed bytes as they came
    body_codec varchar,
    body_bytes integer,              -- size before compression
    encoding varchar,
    content_hash varchar,            -- md5 of the uncompressed body
    etag varchar,
    last_modified varchar,
    fetched_at timestamp not null,   -- the fetch that gave this body
    first_fetched timestamp not null,
    last_seen timestamp not null,    -- also moved by 304 answers
    run_id varchar
);

create table stored_articles (
    article_id varchar primary key,  -- md5 of the canonical URL
    url varchar not null,            -- unique too (article_id is its hash); see data_tests
    source varchar not null,
    title varchar,
    published timestamp,             -- UTC
    published_date date,             -- the date as the article states it (local)
    author varchar,
    fetched_url varchar,
    section varchar,
    language varchar,
    text varchar,
    text_hash varchar,               -- md5 of the normalised text
    n_words integer,
    minhash blob,                    -- 128 x uint32 MinHash signature of 5-word shingles
    duplicate_of varchar,            -- article_id of the first article with (nearly) this text
    duplicate_kind varchar,          -- 'text' (same normalised text) or 'near' (MinHash)
    similarity double,
    extractor_version varchar,
    first_seen timestamp not null,
    last_seen timestamp not null,
    run_id varchar
);

-- LSH buckets of the MinHash signatures of non-duplicate articles (16 bands x 8 rows).
create table article_lsh (
    band smallint not null,
    bucket varchar not null,
    article_id varchar not null,
    primary key (band, bucket, article_id)
);

create table figure_mentions (
    mention_id varchar primary key,  -- md5(article, series, period, value, start)
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

create table observations (
    obs_id varchar primary key,
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

-- One row per distinct value an observation was reported with (ALFRED-style vintages).
create table vintages (
    vintage_id varchar primary key,
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

create table extraction_checks (
    check_id varchar primary key,
    article_id varchar not null,
    kind varchar not null,
    status varchar not null,
    message varchar,
    figure_indexes integer[],
    mention_ids varchar[],
    extractor_version varchar,
    run_id varchar
);

create table run_log (
    run_id varchar primary key,
    kind varchar not null,
    source varchar,
    params json,
    started_at timestamp not null,
    finished_at timestamp,
    status varchar not null,
    counts json,
    error varchar
);

create table retry_queue (
    url varchar primary key,
    source varchar not null,
    stage varchar not null,
    error varchar not null,
    status integer,
    retryable boolean not null,
    attempts integer not null,
    first_failed timestamp not null,
    last_failed timestamp not null,
    next_attempt timestamp,
    backoff_s double,
    gave_up boolean not null,
    last_run_id varchar
);

create table cursors (
    key varchar primary key,
    value json not null,
    updated_at timestamp not null
);
