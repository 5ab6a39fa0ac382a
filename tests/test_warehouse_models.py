"""Models (warehouse/models/): built in dependency order after every migrate, rebuilt when a
definition changes, one ranking for `series`, `series_history` and `series_as_of`."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import pytest

from extractors.model import Article, Figure
from warehouse import build_models, db, load, migrate
from warehouse.batch import Batch, ExtractedArticle
from warehouse.build_models import Model
from warehouse.errors import WarehouseError

_NAMES = [m.name for m in build_models.models()]


def _reads(m: Model) -> set[str]:
    """The other models a model's statement names (comments left out)."""
    body = "\n".join(line.split("--")[0] for line in m.sql.splitlines())
    words = set(re.findall(r"\b\w+\b", body.split(" as", 1)[1]))
    quoted = set(re.findall(r"'(\w+)'", body))  # query_table('...')
    return (words | quoted) & set(_NAMES) - {m.name}


@pytest.mark.parametrize("model", build_models.models(), ids=lambda m: m.name)
def test_a_model_declares_the_models_it_reads(model: Model) -> None:
    assert _reads(model) <= set(model.depends)


def test_a_model_is_built_after_the_models_it_reads() -> None:
    order = {name: i for i, name in enumerate(_NAMES)}
    assert order["figures"] < order["review"]
    assert order["vintages_as_of"] < order["series_as_of"]
    for m in build_models.models():
        assert all(order[d] < order[m.name] for d in _reads(m)), m.name


def test_an_undeclared_dependency_or_a_cycle_is_refused() -> None:
    def model(name: str, *depends: str) -> Model:
        return Model(name, "view", f"create or replace view {name} as select 1", depends)

    assert [m.name for m in build_models._in_order(
        {"b": model("b", "a"), "a": model("a")})] == ["a", "b"]
    with pytest.raises(WarehouseError, match="circular"):
        build_models._in_order({"a": model("a", "b"), "b": model("b", "a")})
    with pytest.raises(WarehouseError, match="unknown"):
        build_models._in_order({"a": model("a", "nowhere")})


def test_a_model_file_creates_the_object_it_is_named_after() -> None:
    with pytest.raises(WarehouseError, match="must hold one"):
        build_models._parse("series.sql", "create or replace view other as select 1")
    m = build_models._parse("f.sql", "-- depends on: a, b\n"
                                     "create or replace macro f(d) as table select d")
    assert (m.kind, m.depends) == ("macro table", ("a", "b"))


def test_migrations_hold_tables_only_from_011() -> None:
    for m in migrate.migrations():
        if m.version >= 11:
            assert not re.search(r"create (or replace )?(view|macro)", m.sql), m.name


def test_every_model_is_built_and_recorded(tmp_path: Path) -> None:
    with db.connect(tmp_path / "w.duckdb", wait_s=5) as con:
        held = dict(con.execute("select name, checksum from warehouse_models").fetchall())
        views = {r[0] for r in con.execute("select view_name from duckdb_views() "
                                           "where not internal").fetchall()}
        macros = {r[0] for r in con.execute("select function_name from duckdb_functions() "
                                            "where function_type in ('macro', 'table_macro') "
                                            "and not internal").fetchall()}
    assert held == {m.name: m.checksum for m in build_models.models()}
    assert set(_NAMES) == views | macros


def test_a_changed_model_is_rebuilt_and_readers_see_it(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    with db.connect(path, wait_s=5):
        pass
    raw = duckdb.connect(str(path))  # as a warehouse built by an older definition of `failures`
    raw.execute("create or replace view failures as select 1 as old")
    raw.execute("update warehouse_models set checksum = 'old' where name = 'failures'")
    raw.close()
    with db.connect(path, read_only=True, wait_s=5) as con:
        assert "reason" in [d[0] for d in con.execute("select * from failures").description]
        assert build_models.current(con)


def _figure(value: float, estimate: bool, start: int = 0) -> Figure:
    return Figure("Lạng Sơn", "export", "all", "level", value, "USD", date(2024, 1, 1),
                  date(2024, 3, 31), estimate, "Xuất khẩu quý I đạt …", start, start + 5)


def _batch(*articles: tuple[str, date, list[Figure]]) -> Batch:
    batch = Batch(run_id="r1", source="kdpt")
    for url, day, figures in articles:
        published = datetime(day.year, day.month, day.day, 3, tzinfo=UTC)
        text = f"Bài {url}: kim ngạch xuất khẩu của tỉnh Lạng Sơn trong quý I."
        batch.articles.append(ExtractedArticle(
            Article(url=url, source="kdpt", title=url, published=published, text=text),
            tuple(figures), (), "test-1"))
    return batch


@pytest.fixture()
def revised(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    """An estimate revised by a final value, a tie between two values reported the same day
    by one source each, and a value that has more than 4 decimals."""
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    migrate.apply(con)
    load.load_batch(con, _batch(
        ("https://kdpt.vn/a", date(2024, 4, 2), [_figure(1.25e9, True)]),
        ("https://kdpt.vn/b", date(2024, 4, 20), [_figure(1.3e9, False)]),
        ("https://kdpt.vn/c", date(2024, 4, 20), [_figure(1.31e9, False)]),
        ("https://kdpt.vn/d", date(2024, 4, 21), [
            Figure("Lạng Sơn", "export", "all", "yoy_pct", 7.123456, "%", date(2024, 1, 1),
                   date(2024, 3, 31), False, "… tăng 7,123456%", 0, 9)]),
    ))
    return con


_SHARED = ("region, indicator, scope, metric, period_start, period_end, value, unit, estimate, "
           "n_sources, first_reported, last_reported")


def test_series_as_of_today_is_series(revised: duckdb.DuckDBPyConnection) -> None:
    series = revised.execute(f"select {_SHARED} from series order by all").fetchall()
    as_of = revised.execute(f"select {_SHARED} from series_as_of(current_date) order by all"
                            ).fetchall()
    assert as_of == series
    assert len(series) == 2 and revised.execute(
        "select count(*) from series_history").fetchone() == (4,)


def test_a_value_is_kept_as_the_extractor_rounded_it(revised: duckdb.DuckDBPyConnection
                                                     ) -> None:
    """The warehouse rounds nothing (extractors/model.py: figure_value is the one rounding)."""
    assert revised.execute("select value from series where metric = 'yoy_pct' union all "
                           "select value from series_as_of(current_date) "
                           "where metric = 'yoy_pct'").fetchall() == [(7.123456,), (7.123456,)]


def test_series_as_of_a_past_day_takes_what_was_known(revised: duckdb.DuckDBPyConnection
                                                      ) -> None:
    assert revised.execute("select value, estimate from series_as_of(date '2024-04-10')"
                           ).fetchall() == [(1.25e9, True)]


def test_a_tie_has_one_answer_everywhere(revised: duckdb.DuckDBPyConnection) -> None:
    """1.3 bn and 1.31 bn, both final, both reported on 20 April by one article: the lower
    value wins in `series`, in `series_as_of` and in `series_history`'s is_best alike."""
    best = revised.execute("select value from series where metric = 'level'").fetchall()
    as_of = revised.execute("select value from series_as_of(date '2024-04-20') "
                            "where metric = 'level'").fetchall()
    history = revised.execute("select value from series_history "
                              "where metric = 'level' and is_best").fetchall()
    assert best == as_of == history == [(1.3e9,)]


_VIEWS = ("articles", "figures", "series", "series_history", "conflicts", "checks", "failures",
          "runs", "review", "article_flags", "accepted_mentions")


def _answers(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple]]:
    out = {v: con.execute(f"select * from {v} order by all").fetchall() for v in _VIEWS}
    for day in ("2024-06-28", "2024-07-20"):
        out[day] = con.execute(f"select * from series_as_of(date '{day}') order by all"
                               ).fetchall()
    out["vintages"] = con.execute("select * from vintages order by all").fetchall()
    return out


def test_a_warehouse_built_by_the_old_migrations_upgrades_with_the_same_answers(
        tmp_path: Path) -> None:
    """Schema 10 with data, queried through the views of migrations 002-010, then migrated:
    every view, series_as_of and the rebuilt vintages answer as before (the sample's values
    have at most 2 decimals, where the old 4-decimal rounding of vintages changed nothing)."""
    from tests.helpers import sample

    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    migrate.apply(con, target=10)  # views and macros from migrations 002-010
    by_name = {m.name: m for m in build_models.models()}
    con.execute(by_name["vintages_as_of"].sql)  # what the loader of schema 10 computed inline
    for batch in (sample.first_batch(), sample.revision_batch(), sample.history_batch()):
        load.load_batch(con, batch)
    con.execute("drop macro table vintages_as_of")
    before = _answers(con)
    con.close()
    with db.connect(path, wait_s=5) as con:
        assert migrate.current_version(con) == migrate.latest_version()
        assert build_models.current(con)
        after = _answers(con)
    assert after == before
    assert before["2024-06-28"] and len(before["series_history"]) > len(before["series"]) > 0
