"""The synthetic generator: deterministic, fast, ~100 KB pages served over real HTTP."""

from __future__ import annotations

import gzip
import re
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import httpx
import pytest

from replay import ReplayServer, ReplaySite
from replay.synthetic import generate, synthetic_article, vn_number

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(scope="module")
def srv() -> Iterator[ReplayServer]:
    with ReplaySite(synthetic=1200, seed=3).serve() as server:
        yield server


def test_same_seed_same_articles_other_seed_other() -> None:
    a, b, c = generate(50, seed=1), generate(50, seed=1), generate(50, seed=2)
    assert [(x.path, x.published, x.text, x.expected) for x in a] == [
        (x.path, x.published, x.text, x.expected) for x in b]
    assert [x.text for x in a] != [x.text for x in c]
    assert synthetic_article(17, seed=1).text == a[17].text


def test_generating_5000_is_fast() -> None:
    start = time.perf_counter()
    articles = generate(5000, seed=0)
    assert time.perf_counter() - start < 5.0
    years = {a.published.year for a in articles}
    assert years == set(range(2019, 2025))
    assert len({a.path for a in articles}) == 5000
    assert {a.site for a in articles} == {"kdpt", "tin"}


def test_labels_are_stated_in_the_text() -> None:
    for a in generate(200, seed=5):
        assert 3 <= len(a.expected) <= 9
        for f in a.expected:
            assert f["period_start"] <= a.published.date().isoformat()
            v = float(f["value"])
            if f["metric"] == "level":
                written = {vn_number(v / 1e6, 1), vn_number(v / 1e9, 2)}
            else:
                written = {vn_number(abs(v), 2), vn_number(abs(v), 1), vn_number(v + 100, 1)}
            assert any(w in a.text for w in written), (a.id, f)


def test_pages_weigh_about_100_kb_and_gzip(srv: ReplayServer) -> None:
    synthetic = [a for a in srv.articles if a.synthetic]
    with httpx.Client(timeout=10) as c:
        for a in (synthetic[0], synthetic[4]):  # one per site
            plain = c.get(a.url, headers={"Accept-Encoding": "identity"})
            assert 80_000 < len(plain.content) < 130_000
            assert a.paragraphs[0] in plain.text and 'class="comment' in plain.text
            with c.stream("GET", a.url, headers={"Accept-Encoding": "gzip"}) as r:
                raw = b"".join(r.iter_raw())
            assert gzip.decompress(raw) == plain.content and len(raw) < 40_000
            assert c.get(a.url, headers={"If-None-Match": plain.headers["etag"]}).status_code == 304


def test_sitemaps_and_listings_cover_synthetic_articles(srv: ReplayServer) -> None:
    tin = {a.url for a in srv.articles if a.site == "tin"}
    with httpx.Client(timeout=10) as c:
        index = ET.fromstring(c.get(f"{srv.tin_url}/sitemap_index.xml").content)
        shards = [loc.text for loc in index.iter(f"{SM}loc") if "post-sitemap" in loc.text]
        assert len(shards) == -(-len(tin) // 200) >= 2
        urls = set()
        for shard in shards:
            urls |= {u.text for u in ET.fromstring(c.get(shard).content).iter(f"{SM}loc")}
        assert urls == tin
        last = -(-sum(a.category == "kinh-te" for a in srv.articles if a.site == "kdpt") // 15)
        page = c.get(f"{srv.kdpt_url}/kinh-te/trang-{last}/").text
        assert 'class="story__title"' in page and "pagination__next" not in page


def test_serving_rate(srv: ReplayServer) -> None:
    """Prints pages/s and MB for the report; asserts only a loose floor (shared machine)."""
    synthetic = [a for a in srv.articles if a.synthetic][:300]
    srv.reset_stats()
    start = time.perf_counter()
    with httpx.Client(timeout=10) as c:
        for a in synthetic:
            assert c.get(a.url).status_code == 200
    elapsed = time.perf_counter() - start
    mb = srv.stats()["bytes_sent"] / 1e6
    print(f"\n{len(synthetic) / elapsed:.0f} pages/s, {mb:.1f} MB on the wire (gzip)")
    assert len(synthetic) / elapsed > 20
    assert re.search(r"\d", synthetic[0].title)
