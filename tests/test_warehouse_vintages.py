"""Vintages rebuilt per batch for the touched observations only equal a full rebuild."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import duckdb
import pytest

from tests.helpers import sample
from tests.helpers.sample import fig
from warehouse import db, load, vintages
from warehouse.load import transaction


@pytest.fixture()
def con(tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    with db.connect(tmp_path / "w.duckdb", wait_s=5) as c:
        yield c


def derived(con: duckdb.DuckDBPyConnection) -> tuple[list, list]:
    """Every observation and vintage, sorted."""
    return (con.execute("select * from observations order by all").fetchall(),
            con.execute("select * from vintages order by all").fetchall())


def _load_history(con: duckdb.DuckDBPyConnection) -> None:
    """Batches that overlap (shared observations, a revision, a reload, reprocessing)."""
    load.load_batch(con, sample.first_batch())
    load.load_batch(con, sample.revision_batch())
    load.load_batch(con, sample.history_batch())
    for i in range(3):  # synthetic articles reporting the same observations, batch by batch
        load.load_batch(con, sample.synthetic_batch(f"s-{i}", 40, 12, seed=i, first=i * 40))
    load.load_batch(con, sample.synthetic_batch("s-1", 40, 12, seed=1, first=40))  # reloaded
    items = []
    for item in sample.synthetic_batch("s-0", 40, 12, seed=0, first=0).articles[:15]:
        figures = list(item.figures)
        figures[0] = replace(figures[0], value=figures[0].value + 1)
        items.append((item.article.url, figures[:-1], (), "v2"))
    load.replace_figures_many(con, items)


def test_incremental_rebuilds_equal_a_full_rebuild(con: duckdb.DuckDBPyConnection) -> None:
    _load_history(con)
    incremental = derived(con)
    assert len(incremental[1]) > 1000
    with transaction(con):
        changes = vintages.rebuild_all(con)
    assert derived(con) == incremental
    assert (changes.observations_new, changes.vintages_new, changes.vintages_removed) == (0, 0, 0)


def test_batch_touches_only_its_observations(con: duckdb.DuckDBPyConnection) -> None:
    load.load_batch(con, sample.first_batch())
    load.load_batch(con, sample.history_batch())
    load.load_batch(con, sample.revision_batch())
    rows = con.execute("select count(*) from affected_obs").fetchone()[0]
    assert rows == 1  # the revised customs total, nothing else


def test_replace_many_equals_one_by_one(tmp_path: Path) -> None:
    batch = sample.first_batch()
    changed = [(a.article.url, [*a.figures[:-1], fig("grdp", 4.7 + i, metric="yoy_pct",
                                                       start=900)], (), "v2")
               for i, a in enumerate(batch.articles[:3])]
    results = []
    for name, many in (("one", False), ("many", True)):
        with db.connect(tmp_path / f"{name}.duckdb", wait_s=5) as c:
            load.load_batch(c, batch)
            if many:
                diffs = load.replace_figures_many(c, changed)
            else:
                diffs = [load.replace_figures(c, *item) for item in changed]
            results.append((derived(c), [(d.url, d.added, d.removed, d.changed)
                                         for d in diffs]))
    assert results[0] == results[1]
    assert [len(d) for d in (results[1][1][0][1], results[1][1][0][2])] == [1, 1]


def test_replace_many_of_an_unknown_article_changes_nothing(
        con: duckdb.DuckDBPyConnection) -> None:
    load.load_batch(con, sample.first_batch())
    before = derived(con)
    with pytest.raises(load.WarehouseError, match="no stored article"):
        load.replace_figures_many(con, [("https://kdpt.vn/lang-son-xnk-6-thang", [], (), "v2"),
                                        ("https://kdpt.vn/never-loaded", [], (), "v2")])
    assert derived(con) == before
    assert load.replace_figures_many(con, []) == []


def test_repeated_mentions_are_dropped_as_mention_id_would(
        con: duckdb.DuckDBPyConnection) -> None:
    values = [1.3e9, 1.3e9, 0.0, -0.0, 0.1 + 0.2, 0.3, 1.30000, 2.5]
    starts = [5, 5, 6, 6, 7, 7, 8, 8]
    figures = [fig("export", v, start=s, sentence=f"s{i}")
               for i, (v, s) in enumerate(zip(values, starts, strict=True))]
    batch = sample.synthetic_batch("m", 1, 1)
    batch.articles[0] = replace(batch.articles[0], figures=tuple(figures))
    load.load_batch(con, batch)
    want = con.execute("select count(distinct md5(concat_ws(chr(31), v, s))) "
                       "from (select unnest(?::double[]) as v, unnest(?::integer[]) as s)",
                       [values, starts]).fetchone()[0]
    got = con.execute("select list(figure_index order by figure_index), count(distinct "
                      "mention_id) from figure_mentions").fetchone()
    assert got == ([0, 2, 3, 4, 5, 6, 7], want)
