-- Articles whose text ingestion changed: cut at the extractor's bound, undecodable bytes
-- replaced, figures past the per-article bound left out.
create or replace view article_flags as
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
