"""Articles: upsert on the canonical-URL key; new ones are checked for exact and near duplicates."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

import numpy as np

from warehouse import dedupe
from warehouse.batch import ExtractedArticle
from warehouse.keys import article_id
from warehouse.stage import stage, stage_columns, utc

if TYPE_CHECKING:
    import duckdb

logger = logging.getLogger(__name__)

ARTICLE_COLUMNS = {
    "article_id": "varchar", "url": "varchar", "source": "varchar", "title": "varchar",
    "published": "timestamp", "published_date": "date", "author": "varchar",
    "fetched_url": "varchar", "section": "varchar", "language": "varchar", "text": "varchar",
    "text_hash": "varchar", "n_words": "integer", "minhash": "blob", "duplicate_of": "varchar",
    "duplicate_kind": "varchar", "similarity": "double", "extractor_version": "varchar",
    "first_seen": "timestamp", "last_seen": "timestamp", "run_id": "varchar",
    "text_truncated": "boolean", "replaced_bytes": "integer", "figures_truncated": "boolean",
}


@dataclass(slots=True)
class Prepared:
    """One article with its keys and content fingerprints, before it is stored."""

    item: ExtractedArticle
    article_id: str
    seen_at: datetime
    text_hash: str | None
    n_words: int
    sig: np.ndarray | None
    duplicate_of: str | None = None
    duplicate_kind: str | None = None
    similarity: float | None = None
    is_new: bool = True
    band_keys: np.ndarray | None = None  # its LSH keys (dedupe.band_keys), when it has a sig

    @property
    def reported_on(self) -> date:
        """The day its figures were reported: published date, else the fetch date."""
        published = self.item.article.published
        return published.date() if published else self.seen_at.date()

    @property
    def order_key(self) -> tuple:
        return (self.reported_on, self.seen_at, self.item.article.url)


def prepare(items: list[ExtractedArticle], seen: dict[str, datetime],
            default_at: datetime) -> list[Prepared]:
    """Key and fingerprint each article (the last copy of a repeated URL wins)."""
    word_lists = [dedupe.words(item.article.text or "") for item in items]
    sigs = dedupe.signatures(word_lists)
    by_id: dict[str, Prepared] = {}
    for item, ws, sig in zip(items, word_lists, sigs, strict=True):
        a = item.article
        at = seen.get(a.url) or seen.get(a.fetched_url or "") or default_at
        p = Prepared(item, article_id(a.url), utc(at) or default_at,
                     dedupe.text_hash(a.text or "", ws), len(ws), sig)
        by_id[p.article_id] = p
    return sorted(by_id.values(), key=lambda p: p.order_key)


def _mark_existing(con: duckdb.DuckDBPyConnection, prepared: list[Prepared]) -> None:
    ids = [p.article_id for p in prepared]
    rows = con.execute(
        "select article_id, duplicate_of, duplicate_kind, similarity from stored_articles "
        "where article_id in (select unnest(?::varchar[]))", [ids]).fetchall()
    known = {r[0]: r[1:] for r in rows}
    for p in prepared:
        if p.article_id in known:
            p.is_new = False
            p.duplicate_of, p.duplicate_kind, p.similarity = known[p.article_id]


def _stored_text_roots(con: duckdb.DuckDBPyConnection, hashes: list[str]) -> dict[str, str]:
    """text_hash -> the root article already stored with that text (the earliest first)."""
    rows = con.execute("""
        select
            text_hash,
            coalesce(duplicate_of, article_id) as root
        from stored_articles
        where text_hash in (select unnest(?::varchar[]))
        order by coalesce(published_date, first_seen::date), first_seen, url
    """, [hashes]).fetchall()
    roots: dict[str, str] = {}
    for text_hash, root in rows:
        roots.setdefault(text_hash, root)
    return roots


Candidates = dict[str, list[tuple[str, np.ndarray | None]]]


def _candidates(con: duckdb.DuckDBPyConnection, new: list[Prepared]
                ) -> tuple[Candidates, Candidates]:
    """Articles sharing an LSH bucket with each new one: stored roots (with signatures) and
    earlier articles of this batch; found by joins, so Python only sees real candidates."""
    _stage_bands(con, "stg_bands", [(i, p) for i, p in enumerate(new)])
    stored: Candidates = {}
    for aid, cand, blob in con.execute(_STORED_CANDIDATES).fetchall():
        stored.setdefault(aid, []).append((cand, dedupe.from_blob(blob)))
    in_batch: Candidates = {}
    for aid, cand in con.execute(_BATCH_CANDIDATES).fetchall():
        in_batch.setdefault(aid, []).append((cand, None))
    return stored, in_batch


def _stage_bands(con: duckdb.DuckDBPyConnection, name: str,
                 numbered: list[tuple[int, Prepared]]) -> None:
    """Stage (article_id, ord, band, bucket) of the signed articles among `numbered`, built as
    numpy columns (160,000 rows for 5,000 articles) with the bucket names formatted in SQL."""
    signed = [(i, p) for i, p in numbered if p.band_keys is not None]
    ids = np.empty(len(signed), dtype=object)
    ids[:] = [p.article_id for _i, p in signed]
    keys = [p.band_keys for _i, p in signed]
    stage_columns(con, f"{name}_keys", {"article_id": "varchar", "ord": "integer",
                                        "band": "smallint", "key": "ubigint"}, {
        "article_id": np.repeat(ids, dedupe.BANDS),
        "ord": np.repeat(np.array([i for i, _p in signed], dtype=np.int64), dedupe.BANDS),
        "band": np.tile(np.arange(dedupe.BANDS, dtype=np.int64), len(signed)),
        "key": np.concatenate(keys) if keys else np.empty(0, dtype=np.uint64),
    })
    con.execute(f"create or replace temp table {name} as select article_id, ord, band, "
                f"format('{{:016x}}', key) as bucket from {name}_keys")


_STORED_CANDIDATES = """
select distinct
    b.article_id,
    l.article_id as candidate,
    a.minhash
from stg_bands as b
join article_lsh as l
    on l.band = b.band
    and l.bucket = b.bucket
join stored_articles as a
    on a.article_id = l.article_id
order by b.article_id, candidate
"""

_BATCH_CANDIDATES = """
select distinct
    x.article_id,
    y.article_id as candidate
from stg_bands as x
join stg_bands as y
    on y.band = x.band
    and y.bucket = x.bucket
    and y.ord < x.ord
order by x.article_id, candidate
"""


def _best_near(p: Prepared, candidates: list[tuple[str, np.ndarray]]) -> tuple[str, float] | None:
    """The most similar candidate at or above the threshold (ties: the smaller id)."""
    best: tuple[str, float] | None = None
    for aid, sig in candidates:
        sim = dedupe.similarity(p.sig, sig)
        if sim >= dedupe.THRESHOLD and (best is None or (-sim, aid) < (-best[1], best[0])):
            best = (aid, sim)
    return best


def find_duplicates(con: duckdb.DuckDBPyConnection, prepared: list[Prepared]) -> list[Prepared]:
    """Link new articles to an earlier one with the same or nearly the same text."""
    _mark_existing(con, prepared)
    new = [p for p in prepared if p.is_new]
    signed = [p for p in new if p.sig is not None]
    for p, keys in zip(signed, dedupe.band_keys([p.sig for p in signed]), strict=True):
        p.band_keys = keys
    text_roots = _stored_text_roots(con, [p.text_hash for p in new if p.text_hash])
    stored, in_batch = _candidates(con, new)
    by_id = {p.article_id: p for p in new}
    for p in new:  # in order: earlier articles become the roots of later ones
        if p.text_hash and p.text_hash in text_roots:
            p.duplicate_of, p.duplicate_kind, p.similarity = text_roots[p.text_hash], "text", 1.0
        elif p.sig is not None:
            earlier = [(q, by_id[q].sig) for q, _ in in_batch.get(p.article_id, ())
                       if by_id[q].duplicate_of is None]
            if near := _best_near(p, stored.get(p.article_id, []) + earlier):
                p.duplicate_of, p.duplicate_kind, p.similarity = near[0], "near", near[1]
        if p.duplicate_of is None and p.text_hash:
            text_roots[p.text_hash] = p.article_id
    return [p for p in new if p.duplicate_of]


def _row(p: Prepared, run_id: str) -> tuple:
    a = p.item.article
    return (p.article_id, a.url, a.source, a.title, utc(a.published),
            a.published.date() if a.published else None, a.author, a.fetched_url, a.section,
            a.language, a.text, p.text_hash, p.n_words, dedupe.to_blob(p.sig), p.duplicate_of,
            p.duplicate_kind, p.similarity, p.item.extractor_version, p.seen_at, p.seen_at, run_id,
            a.text_truncated, a.replaced_bytes, a.figures_truncated)


def store_articles(con: duckdb.DuckDBPyConnection, prepared: list[Prepared], run_id: str) -> None:
    """Upsert articles: content fields replaced, first_seen and duplicate links kept."""
    stage(con, "stg_articles", ARTICLE_COLUMNS, [_row(p, run_id) for p in prepared])
    con.execute("""
        insert into stored_articles by name
        select * from stg_articles
        on conflict (article_id) do update set
            url = excluded.url,
            source = excluded.source,
            title = excluded.title,
            published = excluded.published,
            published_date = excluded.published_date,
            author = excluded.author,
            fetched_url = excluded.fetched_url,
            section = excluded.section,
            language = excluded.language,
            text = excluded.text,
            text_hash = excluded.text_hash,
            n_words = excluded.n_words,
            minhash = excluded.minhash,
            extractor_version = excluded.extractor_version,
            first_seen = least(stored_articles.first_seen, excluded.first_seen),
            last_seen = greatest(stored_articles.last_seen, excluded.last_seen),
            run_id = excluded.run_id,
            text_truncated = excluded.text_truncated,
            replaced_bytes = excluded.replaced_bytes,
            figures_truncated = excluded.figures_truncated
    """)
    _stage_bands(con, "stg_lsh", [(0, p) for p in prepared
                                  if p.is_new and p.duplicate_of is None])
    con.execute("""
        insert into article_lsh
        select distinct s.band, s.bucket, s.article_id
        from stg_lsh as s
        where not exists (select 1 from article_lsh as l where l.article_id = s.article_id)
    """)


def is_stored(con: duckdb.DuckDBPyConnection, url: str) -> bool:
    """Whether the warehouse holds an article at this canonical URL."""
    row = con.execute("select count(*) from stored_articles where url = ?", [url]).fetchone()
    return bool(row and row[0] > 0)
