-- The consistency flags of each article's figures, with the article.
create or replace view checks as
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
