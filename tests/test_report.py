"""tradewatch report: the pages' contents (values linked to their sentences, vintages,
conflicts, checks and low-confidence figures marked, hostile text escaped), determinism and
the output directory's rules. The browser test is tests/test_report_browser.py."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractors.errors import UserError
from flows.cli import app
from tests.helpers import report_sample
from warehouse import db, report
from warehouse.report.build import MARKER
from warehouse.report.html import external
from warehouse.report.pages import slugs


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return report_sample.build(tmp_path_factory.mktemp("report") / "tw.duckdb")


@pytest.fixture(scope="module")
def data(warehouse: Path) -> report.ReportData:
    with db.connect(warehouse, read_only=True) as con:
        return report.read(con)


@pytest.fixture(scope="module")
def site(data: report.ReportData, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The report without charts (drawing is tested on a smaller warehouse below)."""
    return report.write(data, tmp_path_factory.mktemp("site") / "report", charts=False).out


def read(site: Path, name: str) -> str:
    return (site / name).read_text(encoding="utf-8")


def all_html(site: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(site.glob("*.html"))}


def test_index_lists_every_region_and_the_marked_lists(site: Path,
                                                       data: report.ReportData) -> None:
    index = read(site, "index.html")
    for region, slug in slugs(data.regions()).items():
        assert f'href="region-{slug}.html">{region}</a>' in index
    assert 'href="region-lang-son.html">Lạng Sơn</a>' in index
    assert "Trade turnover (exports + imports)" in index and "Kim ngạch xuất khẩu" in index
    assert re.search(r'href="conflicts.html">\d+ conflicts', index)
    assert 'href="checks.html">1 failed consistency checks</a>' in index
    assert 'href="review.html">1 low-confidence figures</a>' in index


def test_every_value_links_to_its_sources_section(site: Path, data: report.ReportData) -> None:
    """Each value of `series` is a link to a section listing its vintages and sentences."""
    pages = all_html(site)
    slug = slugs(data.regions())
    for row in data.series:
        page = pages[f"region-{slug[row['region']]}.html"]
        assert f'href="#obs-{row["obs_id"]}"' in page
        section = page.split(f'id="obs-{row["obs_id"]}"', 1)[1].split("</section>", 1)[0]
        assert "Vintage 1:" in section and "<blockquote>" in section
        assert "confidence " in section and 'class="out"' in section


def test_values_are_in_analysts_units_with_period_labels(site: Path) -> None:
    page = read(site, "region-lang-son.html")
    assert "25.24 bn USD" in page  # the seed story's 25.244,56 triệu USD
    assert "to 13 Jun 2024" in page
    assert "declared at the province&#x27;s customs" in page


def test_a_revision_keeps_both_vintages(site: Path, data: report.ReportData) -> None:
    """The sample's customs total: estimated 2.72 bn, then final 2.75 bn."""
    page = read(site, "region-lang-son.html")
    revised = [r for r in data.series if r["value"] == 2_750_000_000]
    assert len(revised) == 1
    section = page.split(f'id="obs-{revised[0]["obs_id"]}"', 1)[1].split("</section>", 1)[0]
    assert "2 vintages" in section
    assert "Vintage 1: 2.72 bn USD (estimate)" in section
    assert "Vintage 2: 2.75 bn USD (final)" in section and "shown in series" in section


def test_conflicts_checks_and_low_confidence_are_marked(site: Path,
                                                        data: report.ReportData) -> None:
    assert data.conflicts, "the sample has two sites disagreeing"
    conflicts = read(site, "conflicts.html")
    slug = slugs(data.regions())
    for c in data.conflicts:
        assert f'href="region-{slug[c["region"]]}.html#obs-{c["obs_id"]}"' in conflicts
        page = read(site, f"region-{slug[c['region']]}.html")
        assert page.count('class="badge conflict"') >= 2  # in the table and the section
    checks = read(site, "checks.html")
    assert checks.index('class="badge check"') < checks.index('class="badge ok"')  # failed first
    lang_son = read(site, "region-lang-son.html")
    assert ">check failed<" in lang_son and ">low confidence<" in lang_son
    review = read(site, "review.html")
    assert f"{report_sample.LOW_CONFIDENCE:.2f}" in review and "Trade balance" in review
    assert 'id="low-confidence"' in lang_son


def test_text_from_articles_is_escaped(site: Path) -> None:
    for name, page in all_html(site).items():
        assert "<script" not in page, name
        assert "<img src=x" not in page and "onerror=alert" not in page.replace(
            "onerror=alert(1)&gt;", ""), name
        assert "<i>region" not in page and "hostile<site>" not in page, name
    lang_son = read(site, "region-lang-son.html")
    assert "&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt;" in lang_son
    assert "&lt;img src=x onerror=alert(1)&gt;" in lang_son
    assert 'href="https://hostile.example/bai?x=&quot;&gt;&lt;script&gt;' in lang_son


def test_only_http_urls_become_links() -> None:
    assert external("javascript:alert(1)", "x") == '<span class="url">x</span>'
    assert external("data:text/html,<b>", None) == \
        '<span class="url">data:text/html,&lt;b&gt;</span>'
    assert external("https://a.example/?q=<b>", "t").startswith(
        '<a href="https://a.example/?q=&lt;b&gt;" rel="noopener')


def test_links_are_relative_and_resolve(site: Path) -> None:
    """Every href and src inside the report names a file of the report (and an id on it)."""
    pages = all_html(site)
    for name, page in pages.items():
        for target in re.findall(r'(?:href|src)="([^"]+)"', page):
            if target.startswith(("https://", "http://")):
                continue
            path, _, anchor = target.partition("#")
            assert not path.startswith("/") and ".." not in path, (name, target)
            file = path or name
            assert (site / file).is_file(), (name, target)
            if anchor:
                assert f'id="{anchor}"' in pages[file], (name, target)


def test_slugs_are_ascii_and_unique() -> None:
    assert slugs(["Lạng Sơn", "Lang Son", "Đồng Nai", "???"]) == {
        "Lạng Sơn": "lang-son", "Lang Son": "lang-son-2", "Đồng Nai": "dong-nai", "???": "region"}


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> report.ReportData:
    path = report_sample.build(tmp_path_factory.mktemp("small") / "tw.duckdb", replay=False)
    with db.connect(path, read_only=True) as con:
        return report.read(con)


def test_same_warehouse_same_files(small: report.ReportData, tmp_path: Path) -> None:
    first = report.write(small, tmp_path / "a")
    second = report.write(small, tmp_path / "b")
    assert first.charts >= 1
    files = sorted(p.relative_to(first.out) for p in first.out.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second.out) for p in second.out.rglob("*")
                           if p.is_file())
    assert any(str(f).startswith("charts/") and str(f).endswith(".png") for f in files)
    for f in files:
        assert (first.out / f).read_bytes() == (second.out / f).read_bytes(), f
    page = (first.out / "region-lang-son.html").read_text(encoding="utf-8")
    assert '<img class="chart" src="charts/lang-son-' in page


def test_a_previous_report_is_replaced_anything_else_refused(small: report.ReportData,
                                                             tmp_path: Path) -> None:
    out = tmp_path / "r"
    report.write(small, out, charts=False)
    (out / "stale.html").write_text("old", encoding="utf-8")
    report.write(small, out, charts=False)
    assert not (out / "stale.html").exists() and (out / MARKER).is_file()
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "thesis.docx").write_text("precious", encoding="utf-8")
    with pytest.raises(UserError, match="did not write"):
        report.write(small, mine, charts=False)
    assert (mine / "thesis.docx").read_text(encoding="utf-8") == "precious"
    with pytest.raises(UserError, match="is a file"):
        report.write(small, mine / "thesis.docx", charts=False)


def test_the_report_command(warehouse: Path, tmp_path: Path,
                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["report", "--out", "site", "--no-charts"],
                                env={"TRADEWATCH_WAREHOUSE__PATH": str(warehouse)})
    assert result.exit_code == 0, result.output
    assert "0 charts" in result.stdout and "file://" in result.stdout
    assert (tmp_path / "site" / "index.html").is_file()
