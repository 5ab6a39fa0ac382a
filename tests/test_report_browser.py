"""The report in a real browser: Chromium from Debian's packages (`apt-get install chromium`),
driven by Playwright, opens the index from disk, follows every link inside the report, and
finds no missing file, no missing anchor, no broken image, no console or page error, no
request leaving the disk and no script run by an article's text; a screenshot of the index is
kept in the test's tmp directory.

Without Chromium or Playwright the test skips, unless TRADEWATCH_REQUIRE_BROWSER=1 (CI), when
it fails. `playwright install` is never needed: the system's Chromium is launched.
"""

from __future__ import annotations

import os
import shutil
from collections import deque
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.helpers import report_sample
from warehouse import db, report

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# what every page of the report yields to the crawler: its links, images and ids
_COLLECT = """() => ({
    links: [...document.querySelectorAll('a[href], link[href]')].map(e => e.href),
    images: [...document.images].map(i => [i.src, i.complete && i.naturalWidth > 0]),
    ids: [...document.querySelectorAll('[id]')].map(e => e.id),
    nav: getComputedStyle(document.querySelector('nav')).backgroundColor,
    scripts: document.scripts.length,
})"""


def chromium() -> str:
    """The system's Chromium, or a skip (a failure when the browser is required)."""
    reason = ""
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        reason = "Chromium is not installed (apt-get install chromium)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            reason = "Playwright is not installed (pip install -e '.[dev]')"
    if reason:
        if os.environ.get("TRADEWATCH_REQUIRE_BROWSER") == "1":
            pytest.fail(f"TRADEWATCH_REQUIRE_BROWSER=1 but {reason}")
        pytest.skip(reason)
    return str(path)


def _file(url: str) -> Path:
    return Path(unquote(urlsplit(url).path))


def _crawl(page, index: Path) -> dict[str, object]:  # noqa: ANN001 - a Playwright Page
    """Visit every page of the report reachable from the index; what was found where."""
    seen: dict[Path, dict] = {}
    queue, missing, anchors, external = deque([index]), [], [], set()
    while queue:
        path = queue.popleft()
        if path in seen:
            continue
        response = page.goto(path.as_uri(), wait_until="load")
        assert response is None or response.ok, path
        seen[path] = found = page.evaluate(_COLLECT)
        for url in found["links"]:
            parts = urlsplit(url)
            if parts.scheme in ("http", "https"):
                external.add(url)
                continue
            assert parts.scheme == "file", (path.name, url)
            target = _file(url)
            if not target.is_file():
                missing.append((path.name, url))
            elif target.suffix == ".html":
                queue.append(target)
                if parts.fragment:
                    anchors.append((path.name, target, parts.fragment))
    broken_anchors = [(name, t.name, frag) for name, t, frag in anchors
                      if t in seen and frag not in seen[t]["ids"]]
    return {"pages": seen, "missing": missing, "anchors": anchors,
            "broken_anchors": broken_anchors, "external": external}


@pytest.mark.slow
def test_the_report_opens_from_disk_without_errors(tmp_path: Path) -> None:
    executable = chromium()
    from playwright.sync_api import sync_playwright

    warehouse = report_sample.build(tmp_path / "tw.duckdb")
    with db.connect(warehouse, read_only=True) as con:
        data = report.read(con)
    written = report.write(data, tmp_path / "report")
    index = (written.out / "index.html").resolve()
    problems: list[str] = []
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=executable, args=ARGS, headless=True)
        try:
            # nothing may leave the disk: the report needs no server and loads nothing remote
            context.route(lambda url: not url.startswith("file:"),
                          lambda route: (problems.append(f"request: {route.request.url}"),
                                         route.abort()))
            page = context.new_page()
            page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}")
                    if m.type in ("error", "warning") else None)
            page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
            page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
            page.on("requestfailed", lambda r: problems.append(f"failed: {r.url}"))
            found = _crawl(page, index)
            page.goto(index.as_uri(), wait_until="load")
            shot = tmp_path / "index.png"
            page.screenshot(path=str(shot), full_page=True)
        finally:
            context.close()
    pages = found["pages"]
    assert len(pages) == written.pages  # every page is reachable from the index
    assert found["missing"] == [] and found["broken_anchors"] == []
    assert len(found["anchors"]) > len(data.series)  # each value links to its sources
    assert problems == []
    images = [img for seen in pages.values() for img in seen["images"]]
    assert len(images) == written.charts > 0 and all(ok for _, ok in images), images
    assert all(seen["scripts"] == 0 for seen in pages.values())
    assert {seen["nav"] for seen in pages.values()} == {"rgb(23, 50, 77)"}  # style.css loaded
    # the hostile article's URL is a link that carries its markup as data, percent-encoded
    assert "https://hostile.example/bai?x=%22%3E%3Cscript%3Ealert(3)%3C/script%3E" \
        in found["external"]
    assert shot.stat().st_size > 20_000
