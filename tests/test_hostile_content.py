"""Issue 14: what a hostile page carries. A stray byte never loses a page's text; control
characters never reach the warehouse or a terminal; a huge text is cut for the extractor and
flagged; an article whose load fails is found by splitting and the rest of its batch loads."""

from __future__ import annotations

import asyncio
import json
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from extractors.model import Article, Page
from flows import loading, run_loop, stages, writer
from flows.config import Settings
from tests.helpers.cli import tw
from tests.helpers.hostile import Answer, HostileSite, html_page, urlset
from warehouse import db
from warehouse.batch import Batch, ExtractedArticle

TITLE = "Lạng Sơn: kim ngạch xuất nhập khẩu tăng"
PARA = ("Tính đến ngày 13/6/2024, tổng kim ngạch xuất nhập khẩu qua địa bàn tỉnh Lạng Sơn "
        "đạt 2,5 tỷ USD, tăng 10% so với cùng kỳ năm 2023.")


def query(settings: Settings, sql: str) -> list[tuple]:
    with db.connect(settings.warehouse.path, read_only=True, wait_s=10) as con:
        return con.execute(sql).fetchall()


def run_site(tmp_path: Path, pages: dict[str, bytes], **http: Any) -> tuple[Settings, Any]:
    """Serve `pages` (path -> body) with a sitemap, run the monitor on them."""
    with HostileSite({p: Answer(body=b, headers={"Content-Type": "text/html"})
                      for p, b in pages.items()}) as site:
        site.routes["/robots.txt"] = Answer(404)
        site.routes["/sitemap.xml"] = Answer(body=urlset([site.url(p) for p in pages]))
        settings = Settings(warehouse={"path": str(tmp_path / "tw.duckdb")},
                            http={"polite": False, **http},
                            sources=[{"name": "s", "kind": "generic", "base_url": site.base,
                                      "sitemaps": [site.url("/sitemap.xml")]}])
        report = asyncio.run(run_loop.run_async(settings, "monitor"))
    return settings, report


# ---------------------------------------------------------------- 5. charset

def test_a_stray_byte_in_a_utf8_page_is_replaced_and_counted(tmp_path: Path) -> None:
    body = html_page(TITLE, [PARA] * 3).encode().replace(b"<p>", b"<p>\xff", 1)
    settings, report = run_site(tmp_path, {"/tin/bai-viet-mot.html": body})
    assert report.articles == 1 and report.figures > 0
    assert query(settings, "select title from stored_articles") == [(TITLE,)]
    assert query(settings, "select title, replaced_bytes from article_flags") == [(TITLE, 1)]


def test_extract_command_keeps_a_utf8_file_with_a_stray_byte(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes(PARA.encode().replace(b"T", b"T\xff", 1))
    res = tw(["extract", str(f), "--published", "2024-06-27"], cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    assert "1 undecodable byte(s) replaced by U+FFFD (read as utf-8)" in res.stderr
    figures = [json.loads(line) for line in res.stdout.splitlines() if '"region"' in line]
    assert figures and "tổng kim ngạch" in figures[0]["sentence"]


# ---------------------------------------------------------------- 7. output hygiene

HOSTILE_TITLE = "=HYPERLINK(\"http://evil.test\")\x1b[2J\x1b]0;owned\x07 Lạng Sơn\u202e"


def test_control_characters_are_stripped_at_ingestion_and_never_printed(tmp_path: Path) -> None:
    page = html_page(HOSTILE_TITLE, [PARA + "\x1b[31m", PARA])
    page = page.replace("</head>", '<script type="application/ld+json">{"@type": "NewsArticle",'
                        ' "headline": "A \\ud800 lone surrogate"}</script></head>')
    settings, report = run_site(tmp_path, {"/tin/bai-viet-hai.html": page.encode()})
    assert report.articles == 1 and report.status == "completed"
    (title, text), = query(settings, "select title, text from stored_articles")
    assert "\x1b" not in title + text and "\x07" not in title and "\u202e" not in title
    assert "\ud800" not in title and "lone surrogate" in title
    toml = tmp_path / "tradewatch.toml"
    toml.write_text(f'[warehouse]\npath = "{settings.warehouse.path}"\n', encoding="utf-8")
    with db.connect(settings.warehouse.path, wait_s=10) as con:  # a title stored before 14
        con.execute("update stored_articles set title = ?", [HOSTILE_TITLE])
    res = tw(["sql", "select title from articles", "--config", str(toml)], cwd=tmp_path)
    assert res.returncode == 0 and "Lạng Sơn" in res.stdout
    assert "\x1b" not in res.stdout and "\x07" not in res.stdout and "\u202e" not in res.stdout
    # CSV stays raw data (documented): spreadsheets get `export --format xlsx`
    res = tw(["sql", "select title from articles", "-f", "csv", "--config", str(toml)],
             cwd=tmp_path)
    assert res.stdout.splitlines()[1].startswith('"=HYPERLINK(""http://evil.test"")')


# ---------------------------------------------------------------- 1 and 9. size and poison

def test_a_huge_text_is_cut_for_the_extractor_and_flagged(tmp_path: Path) -> None:
    paras = [f"Tháng {1 + i % 12}/{2000 + i % 25}, kim ngạch xuất khẩu của tỉnh Lạng Sơn đạt "
             f"{i + 10},5 triệu USD, tăng {i % 30},2% so với cùng kỳ." for i in range(3000)]
    # ~330 KB of number-dense text (a figure in every sentence), under the 5 MB page cap
    settings, report = run_site(tmp_path, {"/tin/bai-viet-ba.html": html_page(TITLE, paras)
                                           .encode()})
    assert report.articles == 1 and report.status == "completed"
    (chars, flagged, few), = query(settings, "select text_chars, text_truncated, "
                                             "figures_truncated from article_flags")
    assert flagged and 100_000 <= chars <= 200_000
    assert few and report.figures == 300  # a page of numbers: the first 300 figures kept


def _item(url: str, title: str, text: str = PARA) -> tuple[Page, ExtractedArticle]:
    now = datetime.now(UTC)
    page = Page(url, url, 200, {"content-type": "text/html"}, b"<html>" + url.encode(), now)
    article = Article(url, "s", title, now, text)
    return page, ExtractedArticle(article, ())


def test_a_batch_that_fails_to_load_is_split_until_the_poisoned_article(tmp_path: Path) -> None:
    settings = Settings(warehouse={"path": str(tmp_path / "tw.duckdb")})
    items = [_item(f"http://s.test/a-{i}.html", f"bài {i}") for i in range(9)]
    # A lone surrogate cannot be stored (not UTF-8): as if a parser had let one through.
    items[5] = _item("http://s.test/a-5.html", "poison \ud800")
    batch = Batch("run-1", "s", pages=[p for p, _ in items], articles=[a for _, a in items])
    stats = writer.load_into_warehouse(settings, batch)
    assert stats["articles"] == 8 and stats["failures_given_up"] == 1
    assert len(query(settings, "select url from stored_articles")) == 8
    (url, stage, reason), = query(settings, "select url, stage, reason from failures")
    assert (url, stage) == ("http://s.test/a-5.html", "load")
    assert reason.startswith("load failed: Invalid Input Error: Python Conversion Failure")


def test_loads_are_cut_by_bytes_not_articles() -> None:
    big = [loading.Unit(*_item(f"http://s.test/b-{i}.html", "t", "x" * 3_000_000))
           for i in range(4)]
    small = [loading.Unit(*_item(f"http://s.test/c-{i}.html", "t")) for i in range(300)]
    parts = loading.by_bytes(big + small)
    assert [len(p) for p in parts] == [1, 1, 1, 301]  # 6 MB each: two never share a load
    assert all(sum(u.size for u in p) <= loading.LOAD_PART_BYTES for p in parts)
    budget = small[0].size * 100
    cut = loading.by_bytes(small, budget=budget)
    assert len(cut) in (3, 4) and all(sum(u.size for u in p) <= budget for p in cut)
    assert [u for p in cut for u in p] == small


def test_a_batch_of_big_pages_stops_at_its_byte_budget_and_the_rest_follows(
        tmp_path: Path) -> None:
    paras = ["Bài viết dài không có số liệu nào cả. " * 20] * 500  # ~400 KB pages
    pages = {f"/tin/bai-viet-{i}.html": html_page(f"Bài {i}", paras).encode() for i in range(10)}
    calls: list[int] = []

    async def fetch(client: Any, source: Any, urls: list[str], validators: Any,
                    max_bytes: int | None = None) -> Any:
        outcomes = await stages.fetch_batch(client, source, urls, validators, max_bytes)
        calls.append(len(outcomes))
        return outcomes

    with HostileSite({p: Answer(body=b) for p, b in pages.items()}) as site:
        site.routes["/robots.txt"] = Answer(404)
        site.routes["/sitemap.xml"] = Answer(body=urlset([site.url(p) for p in pages]))
        settings = Settings(warehouse={"path": str(tmp_path / "tw.duckdb")},
                            http={"polite": False}, run={"batch_max_mb": 1},
                            sources=[{"name": "s", "kind": "generic", "base_url": site.base,
                                      "sitemaps": [site.url("/sitemap.xml")],
                                      "max_concurrency": 1}])
        wrapped = stages.Stages(fetch=fetch)
        report = asyncio.run(run_loop.run_async(settings, "monitor", stages=wrapped))
    assert report.status == "completed" and report.articles == 10
    assert len(calls) >= 2 and max(calls) < 10 and sum(calls) == 10
    assert sorted(site.hits).count("/tin/bai-viet-0.html") == 1  # none fetched twice


def test_extract_command_bounds_a_huge_number_dense_text(tmp_path: Path) -> None:
    """Point 9: a 3.7 MB text of nothing but figures took about a minute of CPU; the extractor
    now sees its first 200,000 characters, and says so."""
    f = tmp_path / "dense.txt"
    f.write_text("\n\n".join(f"Tháng {1 + i % 12}/2023, kim ngạch xuất khẩu của tỉnh Lạng Sơn "
                             f"đạt {10 + i % 900},5 triệu USD." for i in range(40_000)),
                 encoding="utf-8")
    started = time.monotonic()
    res = tw(["extract", str(f), "--published", "2024-01-01"], cwd=tmp_path)
    assert res.returncode == 0 and time.monotonic() - started < 30
    assert "characters cut at 199," in res.stderr
    assert 0 < len(res.stdout.splitlines()) < 5_000
