"""What the report shows, read from the warehouse's views in one go (then the file is closed
before anything is drawn): series, their vintages, the mentions behind each vintage, conflicts,
checks and the figures below the confidence threshold (`review`)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from warehouse import chart
from warehouse.asof import as_of
from warehouse.threshold import recorded

if TYPE_CHECKING:
    import duckdb

Row = dict[str, Any]

# Mentions shown per vintage: a story syndicated a hundred times need not list every copy.
MAX_MENTIONS = 20

_SERIES = """
select region, indicator, scope, metric, period_start, period_end, value, unit, estimate,
    n_sources, n_independent, first_reported, last_reported, obs_id, vintage_id
from series
order by region, indicator, metric, scope = 'all' desc, scope, period_start, period_end
"""
_VINTAGES = """
select obs_id, vintage_id, vintage_no, value, unit, estimate, n_sources, first_reported,
    last_reported, is_best
from series_history
order by obs_id, vintage_no
"""
# The accepted mentions of each vintage, best-sourced first: the original before its copies,
# then by publication; a numbered window keeps MAX_MENTIONS of each.
_MENTIONS = """
with ranked as (
    select
        vintage_id, obs_id, mention_id, sentence, url, title, source, published,
        from_duplicate, confidence, confidence_reasons, estimate, qualifier,
        row_number() over (
            partition by vintage_id
            order by from_duplicate, published, url, start_offset, mention_id
        ) as n,
        count(*) over (partition by vintage_id) as of_n
    from figures
    where accepted
)
select *
from ranked
where n <= ?
order by vintage_id, n
"""
_REVIEW = """
select mention_id, obs_id, region, indicator, scope, metric, value, unit, period_start,
    period_end, estimate, confidence, confidence_reasons, sentence, url, title, published, source
from review
order by region, indicator, metric, scope, period_start, period_end, confidence, mention_id
"""
_CONFLICTS = """
select obs_id, region, indicator, scope, metric, period_start, period_end, value_a, value_b,
    estimate_a, estimate_b, unit, first_reported_a, first_reported_b, source_urls_a,
    source_urls_b, difference
from conflicts
order by region, indicator, metric, scope, period_start, period_end, value_a, value_b
"""
# Each check with the observations its figures belong to.
_CHECKS = """
with check_obs as (
    select
        c.check_id,
        list(distinct f.obs_id order by f.obs_id) as obs_ids
    from checks as c
    join figures as f
        on list_contains(c.mention_ids, f.mention_id)
    where f.obs_id is not null
    group by c.check_id
)
select
    c.check_id,
    c.kind,
    c.status,
    c.message,
    c.url,
    c.title,
    c.published,
    coalesce(o.obs_ids, []) as obs_ids
from checks as c
left join check_obs as o
    on o.check_id = c.check_id
order by c.status = 'ok', c.published, c.url, c.kind, c.check_id
"""


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None
          ) -> list[Row]:
    cursor = con.execute(sql, params or [])
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]


def _by(rows: list[Row], key: str) -> dict[str, list[Row]]:
    out: dict[str, list[Row]] = defaultdict(list)
    for r in rows:
        out[r[key]].append(r)
    return dict(out)


@dataclass
class ReportData:
    """Everything the report prints, indexed for the pages."""

    as_of: date | None
    threshold: float
    series: list[Row]
    vintages: dict[str, list[Row]]  # by obs_id
    mentions: dict[str, list[Row]]  # by vintage_id
    review: list[Row]
    conflicts: list[Row]
    checks: list[Row]
    charts: dict[tuple[str, str, str], chart.ChartData] = field(default_factory=dict)

    def regions(self) -> list[str]:
        """Regions with series, Việt Nam (the national figures) first."""
        names = {r["region"] for r in self.series} | {r["region"] for r in self.review}
        return sorted(names, key=lambda n: (n != "Việt Nam", n))

    def checks_by_obs(self) -> dict[str, list[Row]]:
        """The checks that read a figure of each observation."""
        out: dict[str, list[Row]] = defaultdict(list)
        for c in self.checks:
            for obs_id in c["obs_ids"]:
                out[obs_id].append(c)
        return dict(out)


def read(con: duckdb.DuckDBPyConnection) -> ReportData:
    """Read the report's rows and each series' chart data."""
    series = _rows(con, _SERIES)
    data = ReportData(
        as_of=as_of(con),
        threshold=recorded(con),
        series=series,
        vintages=_by(_rows(con, _VINTAGES), "obs_id"),
        mentions=_by(_rows(con, _MENTIONS, [MAX_MENTIONS]), "vintage_id"),
        review=_rows(con, _REVIEW),
        conflicts=_rows(con, _CONFLICTS),
        checks=_rows(con, _CHECKS),
    )
    keys = sorted({(r["region"], r["indicator"], r["metric"]) for r in series})
    data.charts = {k: chart.points(con, *k) for k in keys}
    return data
