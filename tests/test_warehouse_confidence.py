"""Confidence in the warehouse: `series` and what feeds it take mentions at or above the recorded
threshold; `figures` shows every mention with `accepted`; `review` lists the others."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import pytest

from flows import writer
from flows.config import Settings
from tests.helpers import sample
from tests.helpers.cli import base_env
from tests.helpers.sample import fig
from warehouse import data_tests, db, load, migrate, threshold, vintages
from warehouse.batch import Batch, ExtractedArticle
from warehouse.load import transaction

Q1 = (date(2024, 1, 1), date(2024, 3, 31))
SURE = "https://tin.example/cao-bang-quy-1"
UNSURE = "https://bao.example/cao-bang-xuat-khau"
# Sentences written for this test.
SURE_TEXT = ("Quý I/2024, kim ngạch xuất khẩu của tỉnh Cao Bằng đạt 120 triệu USD, tăng 12% so "
             "với cùng kỳ; nhập khẩu đạt 80 triệu USD, theo báo cáo của sở công thương.")
UNSURE_TEXT = ("Trong ba tháng đầu năm, xuất khẩu qua các cửa khẩu được cho là khoảng 150 triệu "
               "USD, dù bài viết không nói rõ tỉnh nào và năm nào, theo một doanh nghiệp.")
SHARED = ("region", "indicator", "scope", "metric", "period_start", "period_end", "value", "unit",
          "estimate", "n_sources", "first_reported", "last_reported")


def _batch(items: list[tuple[str, str, date, tuple]], run_id: str = "run-c") -> Batch:
    fetched = datetime(2024, 4, 20, 8, tzinfo=UTC)
    batch = Batch(run_id=run_id, source="kdpt", at=fetched)
    for url, text, published, figures in items:
        when = datetime(published.year, published.month, published.day, 9, tzinfo=UTC)
        batch.pages.append(sample.page(url, text, fetched))
        batch.articles.append(ExtractedArticle(
            sample.article(url, text, when, title="Cao Bằng: xuất nhập khẩu quý I"), figures,
            (), "figures-test"))
    return batch


def _sure() -> tuple:
    """Three figures the extractor is sure of."""
    return (
        replace(fig("export", 120e6, region="Cao Bằng", period=Q1, start=60), confidence=0.95),
        fig("export", 12.0, metric="yoy_pct", region="Cao Bằng", period=Q1, start=90),
        replace(fig("import", 80e6, region="Cao Bằng", period=Q1, start=120), confidence=0.7,
                confidence_reasons=("period_inherited",)),
    )


def _unsure() -> tuple:
    """Another article's export level for the same quarter, read with little confidence."""
    return (replace(fig("export", 150e6, region="Cao Bằng", period=Q1, start=70,
                        sentence=UNSURE_TEXT), confidence=0.3,
                    confidence_reasons=("region_from_headline", "year_from_published")),)


@pytest.fixture()
def con(tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    with db.connect(tmp_path / "w.duckdb", wait_s=5) as c:
        load.load_batch(c, _batch([(SURE, SURE_TEXT, date(2024, 4, 10), _sure()),
                                   (UNSURE, UNSURE_TEXT, date(2024, 4, 12), _unsure())]))
        yield c


def _series(con: duckdb.DuckDBPyConnection) -> dict[tuple, float]:
    rows = con.execute("select indicator, metric, value from series").fetchall()
    return {(i, m): v for i, m, v in rows}


def _healthy(con: duckdb.DuckDBPyConnection) -> None:
    assert data_tests.failing(con) == {}


def test_default_threshold_is_recorded(con: duckdb.DuckDBPyConnection) -> None:
    assert threshold.recorded(con) == 0.5


def test_low_confidence_mention_is_in_figures_and_review_not_series(
        con: duckdb.DuckDBPyConnection) -> None:
    assert _series(con) == {("export", "level"): 120e6, ("export", "yoy_pct"): 12.0,
                            ("import", "level"): 80e6}
    rows = con.execute("select url, value, confidence, confidence_reasons, accepted from figures "
                       "order by url, value").fetchall()
    assert rows == [
        (UNSURE, 150e6, 0.3, ["region_from_headline", "year_from_published"], False),
        (SURE, 12.0, 1.0, [], True),
        (SURE, 80e6, 0.7, ["period_inherited"], True),
        (SURE, 120e6, 0.95, [], True),
    ]
    review = con.execute("select url, title, sentence, value, confidence, confidence_reasons "
                         "from review").fetchall()
    assert review == [(UNSURE, "Cao Bằng: xuất nhập khẩu quý I", UNSURE_TEXT, 150e6, 0.3,
                       ["region_from_headline", "year_from_published"])]
    # nor in what feeds `series`: one value of the export level, no conflict, one source
    assert con.execute("select value, source_urls from series_history "
                       "where indicator = 'export' and metric = 'level'").fetchall() == [
        (120e6, [SURE])]
    assert con.execute("select count(*) from conflicts").fetchone() == (0,)
    assert con.execute("select n_mentions from observations where indicator = 'export' "
                       "and metric = 'level'").fetchone() == (1,)
    _healthy(con)


def test_changing_the_recorded_threshold_changes_series(con: duckdb.DuckDBPyConnection) -> None:
    changes = threshold.record(con, 0.2)
    assert changes is not None and changes.vintages_new == 1
    assert threshold.recorded(con) == 0.2
    assert _series(con)[("export", "level")] == 150e6  # reported later: the best value now
    assert con.execute("select count(*) from series_history where indicator = 'export' "
                       "and metric = 'level'").fetchone() == (2,)
    assert con.execute("select count(*) from review").fetchone() == (0,)
    _healthy(con)
    threshold.record(con, 0.8)
    assert _series(con) == {("export", "level"): 120e6, ("export", "yoy_pct"): 12.0}
    assert {r[0] for r in con.execute("select value from review").fetchall()} == {150e6, 80e6}
    _healthy(con)
    assert threshold.record(con, 0.8) is None  # unchanged: nothing rebuilt


def test_conflicts_leave_out_rejected_mentions(tmp_path: Path) -> None:
    with db.connect(tmp_path / "w.duckdb", wait_s=5) as c:
        same_day = date(2024, 4, 10)
        load.load_batch(c, _batch([(SURE, SURE_TEXT, same_day, _sure()),
                                   (UNSURE, UNSURE_TEXT, same_day, _unsure())]))
        assert c.execute("select count(*) from conflicts").fetchone() == (0,)
        threshold.record(c, 0.3)  # at the threshold: accepted
        assert c.execute("select value_a + value_b from conflicts").fetchall() == [(270e6,)]


def test_threshold_change_equals_loading_under_it(con: duckdb.DuckDBPyConnection,
                                                  tmp_path: Path) -> None:
    """Rebuilding after a change gives what a warehouse loaded under that threshold holds."""
    threshold.record(con, 0.2)
    with db.connect(tmp_path / "fresh.duckdb", wait_s=5) as fresh:
        threshold.record(fresh, 0.2)
        load.load_batch(fresh, _batch([(SURE, SURE_TEXT, date(2024, 4, 10), _sure()),
                                       (UNSURE, UNSURE_TEXT, date(2024, 4, 12), _unsure())]))
        sql = "select * exclude (source_urls) from series_history order by all"
        assert fresh.execute(sql).fetchall() == con.execute(sql).fetchall()


@pytest.mark.parametrize("min_confidence", [0.5, 0.2, 0.99])
def test_series_as_of_today_agrees_with_series(con: duckdb.DuckDBPyConnection,
                                               min_confidence: float) -> None:
    threshold.record(con, min_confidence)
    cols = ", ".join(SHARED)
    as_of = con.execute(f"select {cols} from series_as_of(current_date) order by all").fetchall()
    assert as_of == con.execute(f"select {cols} from series order by all").fetchall()
    assert con.execute("select count(*) from series_as_of(date '2024-04-11') "
                       "where value = 150e6").fetchone() == (0,)


def test_series_as_of_leaves_out_rejected_mentions(con: duckdb.DuckDBPyConnection) -> None:
    rows = con.execute("select value from series_as_of(current_date) "
                       "where indicator = 'export' and metric = 'level'").fetchall()
    assert rows == [(120e6,)]


def test_mentions_without_confidence_count_as_accepted(con: duckdb.DuckDBPyConnection) -> None:
    """Rows loaded before migration 007 have no confidence: accepted until reprocessed."""
    with transaction(con):
        con.execute("update figure_mentions set confidence = null, confidence_reasons = null")
        vintages.rebuild_all(con)
    assert _series(con)[("export", "level")] == 150e6
    assert con.execute("select bool_and(accepted), list_distinct(list(confidence_reasons)) "
                       "from figures").fetchone() == (True, [[]])
    assert con.execute("select count(*) from review").fetchone() == (0,)
    _healthy(con)


def test_migration_keeps_old_mentions_accepted(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    with db.connect(path, wait_s=5) as c:
        load.load_batch(c, _batch([(SURE, SURE_TEXT, date(2024, 4, 10), _sure())]))
        before = c.execute("select * from series order by all").fetchall()
    raw = duckdb.connect(str(path))  # back to schema 6: as a warehouse loaded before 007
    raw.execute("drop macro table series_as_of")
    raw.execute("drop view review; drop view figures; drop view accepted_mentions; "
                "drop macro is_accepted; drop table warehouse_settings")
    raw.execute("alter table figure_mentions drop column confidence_reasons")
    raw.execute("alter table figure_mentions drop column confidence")
    raw.execute("delete from schema_migrations where version = 7")
    raw.close()
    with db.connect(path, wait_s=5) as c:  # 007 applied again, after a later one (010)
        assert (7,) in c.execute("select version from schema_migrations").fetchall()
        assert migrate.current_version(c) == migrate.latest_version()
        assert c.execute("select * from series order by all").fetchall() == before
        assert c.execute("select count(*), count(confidence), bool_and(accepted) "
                         "from figures").fetchone() == (3, 0, True)
        vintages_before = c.execute("select * from vintages order by all").fetchall()
        with transaction(c):
            vintages.rebuild_all(c)
        assert c.execute("select * from vintages order by all").fetchall() == vintages_before


def test_a_run_records_the_configured_threshold(tmp_path: Path) -> None:
    def settings(min_confidence: float) -> Settings:
        return Settings(warehouse={"path": str(tmp_path / "w.duckdb"), "lock_timeout_s": 5},
                        extract={"min_confidence": min_confidence})

    writer.load_into_warehouse(settings(0.8), _batch([
        (SURE, SURE_TEXT, date(2024, 4, 10), _sure()),
        (UNSURE, UNSURE_TEXT, date(2024, 4, 12), _unsure())]))
    with db.connect(tmp_path / "w.duckdb", read_only=True, wait_s=5) as c:
        assert threshold.recorded(c) == 0.8
        assert _series(c) == {("export", "level"): 120e6, ("export", "yoy_pct"): 12.0}
    # the next run under another configuration applies it to what is stored
    writer.load_into_warehouse(settings(0.0), Batch(run_id="run-empty", source="kdpt"))
    with db.connect(tmp_path / "w.duckdb", read_only=True, wait_s=5) as c:
        assert threshold.recorded(c) == 0.0
        assert _series(c)[("export", "level")] == 150e6
        assert len(_series(c)) == 3


def test_a_reader_says_when_the_configured_threshold_is_not_applied_yet(tmp_path: Path) -> None:
    with db.connect(tmp_path / "w.duckdb", wait_s=5) as c:
        load.load_batch(c, _batch([(SURE, SURE_TEXT, date(2024, 4, 10), _sure())]))
    config = tmp_path / "tradewatch.toml"
    config.write_text(f'[warehouse]\npath = "{(tmp_path / "w.duckdb").as_posix()}"\n'
                      "[extract]\nmin_confidence = 0.8\n", encoding="utf-8")
    args = [sys.executable, "-m", "flows", "sql", "select count(*) as n from series",
            "--format", "csv", "--config", str(config)]
    res = subprocess.run(args, env=base_env(), capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    assert res.stdout.split() == ["n", "3"]  # still the recorded 0.5
    assert "threshold 0.5 recorded by the last run; the configuration says 0.8" in res.stderr
    config.write_text(f'[warehouse]\npath = "{(tmp_path / "w.duckdb").as_posix()}"\n',
                      encoding="utf-8")
    res = subprocess.run(args, env=base_env(), capture_output=True, text=True, timeout=120)
    assert res.returncode == 0 and "threshold" not in res.stderr
