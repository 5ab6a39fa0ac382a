"""Write the report's files: charts first, then the pages, into a directory beside the
target, which then replaces the target (a report stopped half-way leaves the last one whole)."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from extractors.errors import UserError
from warehouse import chart
from warehouse import chart_layout as cl
from warehouse.report import pages
from warehouse.report.data import ReportData
from warehouse.report.html import STYLE

MARKER = ".tradewatch-report"


@dataclass(frozen=True)
class Written:
    """What a report holds."""

    out: Path
    pages: int
    charts: int


def _check_target(out: Path) -> None:
    """Only an empty directory or a previous report is replaced."""
    if out.exists() and not out.is_dir():
        raise UserError(f"--out {out} is a file, not a directory")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise UserError(f"--out {out} holds files `tradewatch report` did not write; choose "
                        "another directory or an empty one")


def _name(text: str) -> str:
    return re.sub(r"[^a-z0-9_]+", "-", text.lower()).strip("-") or "x"


def _ytd_worth_drawing(data: chart.ChartData) -> bool:
    """A year-to-date chart when there are cumulative values of at least two years."""
    points = list(data.points)
    scope = cl.ytd_scope(points, None)
    return scope is not None and len(cl.ytd_lines(points, scope)) > 1


def draw_charts(data: ReportData, directory: Path, slug: dict[str, str]) -> pages.ChartFiles:
    """A chart per series with two values or more, and a year-to-date chart of levels with
    cumulative values in two years or more; returns their paths relative to the report."""
    files: pages.ChartFiles = {}
    for (region, indicator, metric), points in sorted(data.charts.items()):
        if len(points) < 2:
            continue
        stem = f"charts/{slug[region]}-{_name(indicator)}-{_name(metric)}"
        files[(region, indicator, metric)] = [f"{stem}.png"]
        chart.draw(points, region, indicator, metric, directory / f"{stem}.png")
        if metric == "level" and _ytd_worth_drawing(points):
            files[(region, indicator, metric)].append(f"{stem}-ytd.png")
            chart.draw_ytd(points, region, indicator, metric, directory / f"{stem}-ytd.png")
    return files


def _pages(data: ReportData, slug: dict[str, str], charts: pages.ChartFiles
           ) -> dict[str, str]:
    obs_region = {r["obs_id"]: r["region"] for r in data.series}
    files = {
        "index.html": pages.index_page(data, slug),
        "conflicts.html": pages.conflicts_page(data, slug),
        "checks.html": pages.checks_page(data, slug, obs_region),
        "review.html": pages.review_page(data, slug),
        "style.css": STYLE,
        MARKER: "written by `tradewatch report`; the next report replaces this directory\n",
    }
    for region in data.regions():
        files[pages.region_href(slug[region])] = pages.region_page(data, region, slug, charts)
    return files


def write(data: ReportData, out: Path, charts: bool = True) -> Written:
    """Write the report into `out` (an empty or missing directory, or a previous report);
    without `charts`, tables only (drawing is most of the time: ~0.15 s a chart)."""
    _check_target(out)
    partial = out.parent / f".{out.name}.partial"
    try:
        if partial.exists():
            shutil.rmtree(partial)
        (partial / "charts").mkdir(parents=True)
        slug = pages.slugs(data.regions())
        images = draw_charts(data, partial, slug) if charts else {}
        files = _pages(data, slug, images)
        for name, text in files.items():
            (partial / name).write_text(text, encoding="utf-8", newline="\n")
        if out.exists():
            shutil.rmtree(out)
        partial.rename(out)
    except OSError as e:
        raise UserError(f"cannot write the report to {out}: {e.strerror or e}") from None
    n_pages = sum(name.endswith(".html") for name in files)
    return Written(out, n_pages, sum(len(v) for v in images.values()))
