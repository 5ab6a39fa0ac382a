-- Stored articles with the URL of the article each duplicates and their number of figures.
create or replace view articles as
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
