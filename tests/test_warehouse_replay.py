"""The replay corpus (its texts and labelled figures) loaded straight into a warehouse: its
syndicated copies are linked to their originals and its revised estimate keeps two vintages."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import duckdb
import pytest

from extractors.model import Figure
from replay.corpus import load_corpus
from replay.model import ReplayArticle
from tests.helpers.sample import article
from warehouse import db, load
from warehouse.batch import Batch, ExtractedArticle


def url_of(a: ReplayArticle) -> str:
    return f"https://{a.site}.example{a.path}"


def _figure(i: int, d: dict) -> Figure:
    return Figure(region=d["region"], indicator=d["indicator"], scope=d["scope"],
                  metric=d["metric"], value=d["value"], unit=d["unit"],
                  period_start=date.fromisoformat(d["period_start"]),
                  period_end=date.fromisoformat(d["period_end"]), estimate=d["estimate"],
                  sentence=d.get("sentence", "(labelled)"), start=i, end=i + 1)


def replay_batches() -> list[Batch]:
    """One batch per replay site, articles with their labelled figures (no extractor)."""
    batches = []
    for site in ("kdpt", "tin"):
        batch = Batch(run_id=f"replay-{site}", source=site)
        for a in load_corpus():
            if a.site == site:
                figures = tuple(_figure(i, d) for i, d in enumerate(a.expected))
                item = article(url_of(a), a.text, a.published, source=site, title=a.title)
                batch.articles.append(ExtractedArticle(item, figures, (), "labelled"))
        batches.append(batch)
    return batches


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory) -> Iterator[duckdb.DuckDBPyConnection]:
    with db.connect(tmp_path_factory.mktemp("replay") / "w.duckdb", wait_s=5) as c:
        for batch in replay_batches():
            load.load_batch(c, batch)
        yield c


def test_syndicated_copies_are_linked_to_their_originals(
        con: duckdb.DuckDBPyConnection) -> None:
    corpus = {a.id: a for a in load_corpus()}
    expected = {(url_of(a), url_of(corpus[a.syndicated_of])) for a in corpus.values()
                if a.syndicated_of}
    linked = set(con.execute("select url, duplicate_of_url from articles "
                             "where duplicate_of is not null").fetchall())
    assert len(expected) >= 3
    assert linked == expected


def test_copies_add_sources_not_observations(con: duckdb.DuckDBPyConnection) -> None:
    n_obs = con.execute("select count(*) from observations").fetchone()[0]
    n_keys = con.execute("select count(distinct (region, indicator, scope, metric, "
                         "period_start, period_end)) from figures").fetchone()[0]
    assert n_obs == n_keys
    more = con.execute("select count(*) from series where n_sources > n_independent").fetchone()
    assert more[0] > 0


def test_revised_estimate_is_two_vintages(con: duckdb.DuckDBPyConnection) -> None:
    corpus = {a.id: a for a in load_corpus()}
    revision = next(a for a in corpus.values() if a.revises)
    rows = con.execute("""
        select h.value, h.estimate, h.is_best
        from series_history as h
        where h.obs_id in (
            select obs_id from figures where url = ? and not estimate
            intersect
            select obs_id from figures where url = ? and estimate
        )
        order by h.obs_id, h.vintage_no
    """, [url_of(revision), url_of(corpus[revision.revises])]).fetchall()
    assert rows, "the revision restates none of the estimates"
    assert [(est, best) for _, est, best in rows[:2]] == [(True, False), (False, True)]
