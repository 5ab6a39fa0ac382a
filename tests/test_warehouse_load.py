"""load_batch and replace_figures against a real DuckDB file: idempotent, deduped, vintaged."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb
import pytest

from tests.helpers import sample
from tests.helpers.sample import fig
from warehouse import db, load
from warehouse.batch import Batch, ExtractedArticle, Failure

TABLES = ("raw_pages", "stored_articles", "article_lsh", "figure_mentions", "observations",
          "vintages", "extraction_checks", "run_log", "retry_queue", "cursors")


@pytest.fixture()
def con(tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    with db.connect(tmp_path / "w.duckdb", wait_s=5) as c:
        yield c


def fingerprint(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[int, str]]:
    """Row count and an order-independent hash of every stored table."""
    out = {}
    for t in TABLES:
        out[t] = con.execute(
            f"select count(*), coalesce(md5(string_agg(h, '' order by h)), '') "
            f"from (select md5(x::varchar) as h from {t} as x)").fetchone()
    return out


def one(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> object:
    return con.execute(sql, params or []).fetchone()[0]


def test_loading_the_same_batch_twice_changes_nothing(con: duckdb.DuckDBPyConnection) -> None:
    load.load_batch(con, sample.first_batch())
    load.load_batch(con, sample.revision_batch())
    before = fingerprint(con)
    stats = load.load_batch(con, sample.first_batch())
    load.load_batch(con, sample.revision_batch())
    assert fingerprint(con) == before
    assert stats.articles_new == 0 and stats.vintages_new == 0 and stats.duplicates == 0
    assert before["figure_mentions"][0] == 16


def test_first_load_counts(con: duckdb.DuckDBPyConnection) -> None:
    stats = load.load_batch(con, sample.first_batch())
    assert (stats.pages, stats.articles_new, stats.duplicates) == (4, 4, 2)
    assert (stats.figures, stats.observations_new, stats.vintages_new) == (15, 5, 5)
    assert (stats.failures_queued, stats.failures_given_up) == (2, 1)


def test_same_text_at_two_urls_is_a_duplicate_of_the_earlier(
        con: duckdb.DuckDBPyConnection) -> None:
    load.load_batch(con, sample.first_batch())
    row = con.execute("select duplicate_of_url, duplicate_kind from articles "
                      "where url = 'https://kdpt.vn/lang-son-xnk-6-thang-copy'").fetchone()
    assert row == ("https://kdpt.vn/lang-son-xnk-6-thang", "text")


def test_syndicated_copy_with_new_lead_is_a_near_duplicate(
        con: duckdb.DuckDBPyConnection) -> None:
    load.load_batch(con, sample.first_batch())
    url, kind, sim = con.execute("select duplicate_of_url, duplicate_kind, similarity "
                                 "from articles where url like 'https://other.vn/%'").fetchone()
    assert (url, kind) == ("https://kdpt.vn/lang-son-xnk-6-thang", "near")
    assert 0.8 <= sim < 1.0


def test_duplicates_count_as_sources_not_new_observations(
        con: duckdb.DuckDBPyConnection) -> None:
    load.load_batch(con, sample.first_batch())
    assert one(con, "select count(*) from observations") == 5
    n_sources, n_independent = con.execute(
        "select n_sources, n_independent from series "
        "where scope = 'all' and metric = 'level'").fetchone()
    assert (n_sources, n_independent) == (3, 1)


def test_duplicate_found_in_a_later_batch(con: duckdb.DuckDBPyConnection) -> None:
    first = sample.first_batch()
    load.load_batch(con, replace(first, articles=first.articles[:1], failures=[]))
    load.load_batch(con, replace(first, articles=first.articles[1:], failures=[]))
    kinds = con.execute("select duplicate_kind from articles where duplicate_of is not null "
                        "order by url").fetchall()
    assert kinds == [("text",), ("near",)]


def test_unrelated_texts_are_not_duplicates(con: duckdb.DuckDBPyConnection) -> None:
    load.load_batch(con, sample.synthetic_batch("syn", 300, 1, seed=3))
    assert one(con, "select count(*) from stored_articles where duplicate_of is not null") == 0


def test_revised_estimate_keeps_both_vintages(con: duckdb.DuckDBPyConnection) -> None:
    load.load_batch(con, sample.first_batch())
    stats = load.load_batch(con, sample.revision_batch())
    assert (stats.vintages_new, stats.vintages_revised, stats.observations_new) == (1, 1, 0)
    history = con.execute(
        "select value, estimate, first_reported, last_reported, is_best from series_history "
        "where scope = 'customs_declared' and indicator = 'trade_total' "
        "order by vintage_no").fetchall()
    assert history == [
        (2_720_000_000, True, datetime(2024, 6, 27).date(), datetime(2024, 6, 29).date(), False),
        (2_750_000_000, False, datetime(2024, 7, 5).date(), datetime(2024, 7, 5).date(), True),
    ]


def test_series_as_of_shows_what_was_known_then(con: duckdb.DuckDBPyConnection) -> None:
    load.load_batch(con, sample.first_batch())
    load.load_batch(con, sample.revision_batch())
    sql = ("select value, estimate from series_as_of(?::date) "
           "where scope = 'customs_declared' and indicator = 'trade_total'")
    assert con.execute(sql, ["2024-06-26"]).fetchall() == []
    assert con.execute(sql, ["2024-07-01"]).fetchall() == [(2_720_000_000, True)]
    assert con.execute(sql, ["2024-07-05"]).fetchall() == [(2_750_000_000, False)]


def test_final_value_beats_a_later_estimate(con: duckdb.DuckDBPyConnection) -> None:
    load.load_batch(con, sample.revision_batch())
    load.load_batch(con, sample.first_batch())  # the estimate reported earlier, loaded later
    row = con.execute("select value, estimate from series where scope = 'customs_declared' "
                      "and indicator = 'trade_total'").fetchone()
    assert row == (2_750_000_000, False)


def _single(url: str, published: datetime, figures: tuple, run_id: str) -> Batch:
    text = f"Bài báo riêng {url} " + "nội dung khác hẳn " * 10
    item = ExtractedArticle(sample.article(url, text, published), figures, (), "v")
    return Batch(run_id=run_id, source="kdpt", articles=[item], at=published)


def test_two_final_values_at_the_same_time_are_a_conflict(
        con: duckdb.DuckDBPyConnection) -> None:
    day = datetime(2024, 7, 1, tzinfo=UTC)
    load.load_batch(con, _single("https://a.vn/1", day, (fig("export", 1.30e9),), "r1"))
    load.load_batch(con, _single("https://b.vn/2", day, (fig("export", 1.35e9),), "r2"))
    load.load_batch(con, _single("https://c.vn/3", day, (fig("export", 1.3001e9),), "r3"))
    rows = con.execute("select value_a, value_b from conflicts order by all").fetchall()
    assert sorted(map(sorted, rows)) == [[1.30e9, 1.35e9], [1.3001e9, 1.35e9]]


def test_two_same_key_figures_in_one_article_are_kept_once(
        con: duckdb.DuckDBPyConnection) -> None:
    day = datetime(2024, 7, 1, tzinfo=UTC)
    same = fig("export", 1.3e9, start=5, sentence="first")
    again = fig("export", 1.3e9, start=5, sentence="second")
    load.load_batch(con, _single("https://a.vn/1", day, (same, again), "r1"))
    assert con.execute("select sentence, figure_index from figure_mentions").fetchall() == [
        ("first", 0)]


def test_not_modified_moves_last_seen_only(con: duckdb.DuckDBPyConnection) -> None:
    load.load_batch(con, sample.first_batch())
    url = "https://kdpt.vn/lang-son-xnk-6-thang"
    before = fingerprint(con)
    later = datetime(2024, 7, 9, 8, tzinfo=UTC)
    stats = load.load_batch(con, Batch(run_id="r304", source="kdpt", not_modified=[url],
                                       at=later))
    assert stats.pages_not_modified == 1
    assert one(con, "select last_seen from raw_pages where url = ?", [url]) == datetime(
        2024, 7, 9, 8)
    assert one(con, "select last_seen from stored_articles where url = ?", [url]) == datetime(
        2024, 7, 9, 8)
    after = fingerprint(con)
    assert {t for t in TABLES if before[t] != after[t]} == {"raw_pages", "stored_articles"}


def _failure(url: str, at: datetime, status: int | None = 503, retryable: bool = True
             ) -> Failure:
    return Failure(url, "kdpt", "fetch", f"HTTP {status}", status, retryable, at)


def test_retry_queue_backs_off_then_gives_up(con: duckdb.DuckDBPyConnection) -> None:
    t0 = datetime(2024, 7, 1, tzinfo=UTC)
    url = "https://kdpt.vn/flaky"
    backoffs = []
    for n in range(3):
        at = t0 + timedelta(days=n)
        load.load_batch(con, Batch(run_id=f"r{n}", source="kdpt", failures=[_failure(url, at)],
                                   at=at), max_attempts=3)
        backoffs.append(one(con, "select backoff_s from retry_queue"))
    assert backoffs == [900, 1800, 3600]
    row = con.execute("select attempts, gave_up, next_attempt from retry_queue").fetchone()
    assert row == (3, True, None)
    assert con.execute("select url, reason, attempts from failures").fetchall() == [
        (url, "HTTP 503", 3)]


def test_same_failure_batch_twice_counts_one_attempt(con: duckdb.DuckDBPyConnection) -> None:
    batch = Batch(run_id="r1", source="kdpt", at=datetime(2024, 7, 1),
                  failures=[_failure("https://kdpt.vn/x", datetime(2024, 7, 1))])
    load.load_batch(con, batch)
    load.load_batch(con, batch)
    assert one(con, "select attempts from retry_queue") == 1


def test_not_retryable_failures_go_straight_to_failures(con: duckdb.DuckDBPyConnection) -> None:
    at = datetime(2024, 7, 1)
    fails = [_failure("https://kdpt.vn/gone", at, 404),
             _failure("https://kdpt.vn/robots", at, None, retryable=False)]
    load.load_batch(con, Batch(run_id="r1", source="kdpt", failures=fails, at=at))
    assert one(con, "select count(*) from failures") == 2


def test_a_successful_fetch_clears_the_retry_queue(con: duckdb.DuckDBPyConnection) -> None:
    batch = sample.first_batch()
    url = batch.articles[0].article.url
    load.load_batch(con, Batch(run_id="r0", source="kdpt", at=datetime(2024, 6, 1),
                               failures=[_failure(url, datetime(2024, 6, 1))]))
    stats = load.load_batch(con, batch)
    assert stats.retries_cleared == 1
    assert one(con, "select count(*) from retry_queue where url = ?", [url]) == 0


def test_raw_page_is_kept_compressed_with_headers(con: duckdb.DuckDBPyConnection) -> None:
    load.load_batch(con, sample.first_batch())
    row = con.execute("select status, headers->>'etag', body_codec, "
                      "octet_length(body) < body_bytes, fetched_at from raw_pages limit 1"
                      ).fetchone()
    assert row[0] == 200 and row[1] and row[2] == "zlib" and row[3]
    assert row[4] == datetime(2024, 6, 30, 10)


def test_replace_figures_returns_the_diff(con: duckdb.DuckDBPyConnection) -> None:
    load.load_batch(con, sample.first_batch())
    url = "https://kdpt.vn/lang-son-xnk-6-thang"
    figures = list(sample.seed_figures())
    figures[1] = replace(figures[1], value=37.3)  # yoy changed
    del figures[4]  # import removed
    figures.append(fig("grdp", 4.72, metric="yoy_pct", start=900))  # added
    diff = load.replace_figures(con, url, figures, (), "sample-2")
    assert [d["indicator"] for d in diff.added] == ["grdp"]
    assert [d["indicator"] for d in diff.removed] == ["import"]
    assert [(d["old"], d["new"]) for d in diff.changed] == [([(37.28, "%", False)],
                                                             [(37.3, "%", False)])]
    assert diff.vintages_new == 2  # 37.3 and grdp; the other copies keep 37.28 and import
    assert one(con, "select count(*) from checks") == 0
    assert one(con, "select extractor_version from articles where url = ?", [url]) == "sample-2"


def test_replace_figures_unchanged_is_empty_and_changes_nothing(
        con: duckdb.DuckDBPyConnection) -> None:
    batch = sample.first_batch()
    load.load_batch(con, batch)
    before = fingerprint(con)
    checks_sql = "select * exclude (run_id) from extraction_checks"
    checks = con.execute(checks_sql).fetchall()
    item = batch.articles[0]
    diff = load.replace_figures(con, item.article.url, item.figures, item.checks,
                                item.extractor_version)
    assert diff.empty
    assert fingerprint(con)["vintages"] == before["vintages"]
    assert con.execute(checks_sql).fetchall() == checks


def test_a_failing_load_leaves_nothing(con: duckdb.DuckDBPyConnection) -> None:
    load.load_batch(con, sample.first_batch())
    before = fingerprint(con)
    bad = sample.revision_batch()
    bad.articles.append(ExtractedArticle(sample.article("https://x.vn/bad", "text", None),
                                         (replace(fig("export", 1.0), unit=None),), (), "v"))
    with pytest.raises(Exception, match="rolled back"):
        load.load_batch(con, bad)
    assert fingerprint(con) == before


def test_estimate_and_final_on_the_same_day_conflict(con: duckdb.DuckDBPyConnection) -> None:
    day = datetime(2024, 10, 6, tzinfo=UTC)
    load.load_batch(con, _single("https://a.vn/1", day, (fig("import", 1.87e9, estimate=True),),
                                 "r1"))
    load.load_batch(con, _single("https://b.vn/2", day, (fig("import", 18.4e9),), "r2"))
    rows = con.execute("select estimate_a, estimate_b from conflicts").fetchall()
    assert sorted(rows[0]) == [False, True] and len(rows) == 1


def test_a_revision_is_not_a_conflict(con: duckdb.DuckDBPyConnection) -> None:
    load.load_batch(con, sample.first_batch())
    load.load_batch(con, sample.revision_batch())
    assert one(con, "select count(*) from conflicts") == 0


def test_a_page_that_never_parses_reaches_failures(con: duckdb.DuckDBPyConnection) -> None:
    url = "https://kdpt.vn/broken"
    for n in range(3):
        at = datetime(2024, 7, 1 + n, tzinfo=UTC)
        fail = Failure(url, "kdpt", "parse", "no article text", 200, True, at)
        load.load_batch(con, Batch(run_id=f"r{n}", source="kdpt", at=at, failures=[fail],
                                   pages=[sample.page(url, "<p>menu</p>", at)]), max_attempts=3)
    assert con.execute("select url, reason, attempts from failures").fetchall() == [
        (url, "no article text", 3)]
