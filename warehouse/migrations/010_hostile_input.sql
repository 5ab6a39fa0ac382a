-- 010: what hostile or broken sites leave behind. A run's notes: what it has to say beyond
-- its counts when it still completed (its deadline reached, a robots.txt Crawl-delay capped,
-- a host deferred because its robots.txt was unreachable). Per article, what ingestion did
-- to its text: cut at the extractor's bound, undecodable bytes replaced, figures past the
-- per-article bound left out.
alter table run_log add column notes varchar;
alter table stored_articles add column text_truncated boolean;
alter table stored_articles add column replaced_bytes integer;
alter table stored_articles add column figures_truncated boolean;

create or replace view runs as
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
    notes,
    params,
    host,
    pid
from run_log;

create view article_flags as
select
    article_id,
    url,
    source,
    title,
    coalesce(text_truncated, false) as text_truncated,
    coalesce(replaced_bytes, 0) as replaced_bytes,
    coalesce(figures_truncated, false) as figures_truncated,
    length(text) as text_chars
from stored_articles
where text_truncated or replaced_bytes > 0 or figures_truncated;
