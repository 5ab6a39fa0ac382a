"""The report's pages as HTML strings: the index, a page per region, and the conflicts, checks
and low-confidence lists. Values are printed in the analysts' units (warehouse/labels.py)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from warehouse import chart_layout as cl
from warehouse.labels import (
    INDICATORS,
    METRICS,
    fold,
    indicator_label,
    period_label,
    value_label,
)
from warehouse.report.data import MAX_MENTIONS, ReportData, Row
from warehouse.report.html import badge, day, esc, external, link, page, table

# what a chart of a (region, indicator, metric) is called on disk, relative to the report
ChartFiles = dict[tuple[str, str, str], list[str]]

BADGES = (
    ("estimate", "estimate", "reported as an estimate (ước)"),
    ("revised", "revised", "more than one value reported for this period (vintages)"),
    ("conflict", "conflict", "sources disagree on this value at the same time"),
    ("check", "check failed", "a consistency check over the article's figures disagrees"),
    ("low", "low confidence", "some mentions are below the confidence threshold and left out"),
)


def slugs(regions: list[str]) -> dict[str, str]:
    """A file name per region, ASCII and unique: "Lạng Sơn" -> "lang-son"."""
    out: dict[str, str] = {}
    for region in regions:
        base = fold(region).replace(" ", "-") or "region"
        slug, n = base, 1
        while slug in out.values():
            n += 1
            slug = f"{base}-{n}"
        out[region] = slug
    return out


def region_href(slug: str, anchor: str = "") -> str:
    return f"region-{slug}.html" + (f"#{anchor}" if anchor else "")


def indicator_order(indicator: str) -> tuple[int, str]:
    """Trade first, then GDP, GRDP and its sectors (labels.INDICATORS), then any other."""
    order = list(INDICATORS)
    return (order.index(indicator) if indicator in order else len(order), indicator)


def metric_name(metric: str) -> str:
    return METRICS.get(metric, (metric, metric))[1]


def _period(r: Row) -> str:
    return period_label(r["period_start"], r["period_end"])


def _footer(data: ReportData) -> str:
    return (f"Figures read from Vietnamese news by tradewatch; warehouse as of "
            f"{esc(day(data.as_of)) or 'unknown'}; confidence threshold {data.threshold:g}. "
            "Every value links to the sentences it was read from.")


class Marks:
    """Which observations carry which marks."""

    def __init__(self, data: ReportData) -> None:
        self.checks = data.checks_by_obs()
        self.conflicts: dict[str, list[Row]] = defaultdict(list)
        for c in data.conflicts:
            self.conflicts[c["obs_id"]].append(c)
        self.low: dict[str, list[Row]] = defaultdict(list)
        for r in data.review:
            if r["obs_id"] is not None:
                self.low[r["obs_id"]].append(r)
        self.vintages = data.vintages

    def of(self, obs: Row) -> list[str]:
        """The badges of one observation, as HTML."""
        obs_id = obs["obs_id"]
        n = len(self.vintages.get(obs_id, ()))
        marked = {
            "estimate": bool(obs["estimate"]),
            "revised": n > 1,
            "conflict": obs_id in self.conflicts,
            "check": any(c["status"] != "ok" for c in self.checks.get(obs_id, ())),
            "low": obs_id in self.low,
        }
        return [badge(f"{n} vintages" if kind == "revised" else text, kind, why)
                for kind, text, why in BADGES if marked[kind]]


# ---------------------------------------------------------------- index


def index_page(data: ReportData, slug: dict[str, str]) -> str:
    """Regions and indicators, what is marked, and how to read the marks."""
    regions = data.regions()
    by_region: dict[str, list[Row]] = defaultdict(list)
    for r in data.series:
        by_region[r["region"]].append(r)
    low = defaultdict(int)
    for r in data.review:
        low[r["region"]] += 1
    conflicts = defaultdict(int)
    for c in data.conflicts:
        conflicts[c["region"]] += 1
    rows = []
    for region in regions:
        rs = by_region.get(region, [])
        latest = max(rs, key=lambda r: (r["period_end"], r["period_start"]), default=None)
        rows.append([
            link(region_href(slug[region]), region),
            esc(len({r["indicator"] for r in rs})),
            esc(len({(r["indicator"], r["scope"], r["metric"]) for r in rs})),
            esc(len(rs)),
            esc(_period(latest) if latest else ""),
            esc(conflicts[region] or ""),
            esc(low[region] or ""),
        ])
    mismatches = sum(c["status"] != "ok" for c in data.checks)
    n_series = len({(r["region"], r["indicator"], r["scope"], r["metric"]) for r in data.series})
    body = [
        f"<p>{len(regions)} regions, {n_series} "
        f"series, {len(data.series)} values (the best current value of each period). "
        f"Warehouse as of {esc(day(data.as_of))}.</p>",
        f"<p>{link('conflicts.html', f'{len(data.conflicts)} conflicts')} between sources · "
        f"{link('checks.html', f'{mismatches} failed consistency checks')} of "
        f"{len(data.checks)} · {link('review.html', f'{len(data.review)} low-confidence figures')} "
        f"(below {data.threshold:g}, left out of the series).</p>",
        '<h2 id="regions">Regions</h2>',
        table(["Region", "Indicators", "Series", "Values", "Latest period", "Conflicts",
               "Low confidence"], rows),
        '<h2 id="indicators">Indicators</h2>',
        _indicator_table(data, slug),
        '<h2 id="marks">Marks</h2>',
        "<ul class=\"plain\">" + "".join(f"<li>{badge(text, kind)} {esc(why)}</li>"
                                         for kind, text, why in BADGES) + "</ul>",
    ]
    return page("Trade and GRDP figures from the news", "\n".join(body), _footer(data))


def _indicator_table(data: ReportData, slug: dict[str, str]) -> str:
    regions: dict[str, set[str]] = defaultdict(set)
    for r in data.series:
        regions[r["indicator"]].add(r["region"])
    rows = []
    for indicator in sorted(regions, key=indicator_order):
        where = sorted(regions[indicator], key=lambda n: (n != "Việt Nam", n))
        rows.append([
            esc(indicator_label(indicator)),
            f'<span class="vi">{esc(indicator_label(indicator, "vi"))}</span>',
            ", ".join(link(region_href(slug[r], f"ind-{indicator}"), r) for r in where),
        ])
    return table(["Indicator", "Tiếng Việt", "Regions"], rows)


# ---------------------------------------------------------------- a region


def region_page(data: ReportData, region: str, slug: dict[str, str], charts: ChartFiles
                ) -> str:
    """A region's series: per indicator and metric a chart and a table, then where each value
    comes from, then its low-confidence figures."""
    marks = Marks(data)
    rows = sorted((r for r in data.series if r["region"] == region),
                  key=lambda r: (indicator_order(r["indicator"]), _metric_order(r["metric"])))
    indicators = sorted({r["indicator"] for r in rows}, key=indicator_order)
    body = ["<p>Contents: " + " · ".join(link(f"#ind-{i}", indicator_label(i))
                                         for i in indicators)
            + (f" · {link('#low-confidence', 'low-confidence figures')}"
               if any(r["region"] == region for r in data.review) else "") + "</p>"]
    for indicator in indicators:
        body.append(f'<h2 id="ind-{esc(indicator)}">{esc(indicator_label(indicator))} '
                    f'<span class="vi">{esc(indicator_label(indicator, "vi"))}</span></h2>')
        mine = [r for r in rows if r["indicator"] == indicator]
        for metric in sorted({r["metric"] for r in mine}, key=_metric_order):
            body.append(_metric_block(region, indicator, metric,
                                      [r for r in mine if r["metric"] == metric], marks,
                                      charts.get((region, indicator, metric), [])))
    body.append('<h2 id="sources">Where each value comes from</h2>')
    body.extend(_obs_section(data, r, marks) for r in rows)
    low = [r for r in data.review if r["region"] == region]
    if low:
        body.append('<h2 id="low-confidence">Low-confidence figures (left out of the series)'
                    "</h2>")
        body.append(_review_table(low, None))
    return page(region, "\n".join(body), _footer(data))


def _metric_order(metric: str) -> tuple[int, str]:
    """level, yoy_pct, plan_pct, then any other."""
    order = list(METRICS)
    return (order.index(metric) if metric in order else len(order), metric)


def _metric_block(region: str, indicator: str, metric: str, rows: list[Row], marks: Marks,
                  images: list[str]) -> str:
    out = [f'<h3 id="{esc(indicator)}-{esc(metric)}">{esc(metric_name(metric))}</h3>']
    for src in images:
        alt = f"Chart: {region}, {indicator_label(indicator)}, {metric_name(metric)}"
        out.append(f'<p><img class="chart" src="{esc(src)}" alt="{esc(alt)}" width="990" '
                   'height="594"></p>')
    cells = []
    for r in rows:
        sources = f"{r['n_sources']} article" + ("s" if r["n_sources"] != 1 else "")
        if r["n_independent"] != r["n_sources"]:
            sources += f" ({r['n_independent']} independent)"
        cells.append([
            esc(_period(r)),
            esc(cl.scope_name(r["scope"])),
            link("#obs-" + r["obs_id"], value_label(r["value"], r["unit"], metric)),
            esc(sources),
            " ".join(marks.of(r)),
        ])
    out.append(table(["Period", "Scope", "Value", "Sources", "Marks"], cells, num=(2,)))
    return "\n".join(out)


def _obs_section(data: ReportData, obs: Row, marks: Marks) -> str:
    """One value: its vintages with the sentences each was read from, conflicts, checks and
    mentions below the threshold."""
    metric = obs["metric"]
    head = " · ".join([indicator_label(obs["indicator"]), metric_name(metric),
                       cl.scope_name(obs["scope"]), _period(obs)])
    out = [f'<section class="obs" id="obs-{esc(obs["obs_id"])}">',
           f"<h3>{esc(head)} {' '.join(marks.of(obs))}</h3>"]
    for c in marks.conflicts.get(obs["obs_id"], []):
        out.append(f"<p>{badge('conflict', 'conflict')} "
                   f"{esc(value_label(c['value_a'], c['unit'], metric))} "
                   f"({'estimate' if c['estimate_a'] else 'final'}, first reported "
                   f"{esc(day(c['first_reported_a']))}) against "
                   f"{esc(value_label(c['value_b'], c['unit'], metric))} "
                   f"({'estimate' if c['estimate_b'] else 'final'}, first reported "
                   f"{esc(day(c['first_reported_b']))}).</p>")
    for v in data.vintages.get(obs["obs_id"], []):
        out.append(_vintage(data, v, metric))
    checks = marks.checks.get(obs["obs_id"], [])
    if checks:
        out.append("<p>Checks over the articles' figures:</p><ul>" + "".join(
            f"<li>{_check_badge(c)} {esc(c['kind'])}: {esc(c['message'])} "
            f"({external(c['url'], c['title'] or c['url'])})</li>" for c in checks) + "</ul>")
    low = marks.low.get(obs["obs_id"], [])
    if low:
        out.append(f"<p>{badge('low confidence', 'low')} also read, below the threshold "
                   f"{data.threshold:g} and left out:</p>")
        out.extend(_mention(m, metric, m["value"], m["unit"]) for m in low)
    out.append("</section>")
    return "\n".join(out)


def _check_badge(c: Row) -> str:
    return badge("ok", "ok") if c["status"] == "ok" else badge(c["status"], "check")


def _vintage(data: ReportData, v: Row, metric: str) -> str:
    kind = "estimate" if v["estimate"] else "final"
    best = " " + badge("shown in series", "best") if v["is_best"] else ""
    reported = day(v["first_reported"])
    if v["last_reported"] != v["first_reported"]:
        reported += f" – {day(v['last_reported'])}"
    out = [f"<h4>Vintage {v['vintage_no']}: {esc(value_label(v['value'], v['unit'], metric))} "
           f"({kind}), reported {esc(reported)}, {v['n_sources']} "
           f"article{'s' if v['n_sources'] != 1 else ''}{best}</h4>"]
    mentions = data.mentions.get(v["vintage_id"], [])
    out.extend(_mention(m, metric) for m in mentions)
    if mentions and mentions[0]["of_n"] > MAX_MENTIONS:
        out.append(f"<p class=\"meta\">and {mentions[0]['of_n'] - MAX_MENTIONS} more mentions "
                   "(the `figures` view lists them all)</p>")
    return "\n".join(out)


def _mention(m: Row, metric: str, value: float | None = None, unit: str | None = None) -> str:
    parts = [esc(m["source"]), esc(day(m["published"])),
             f"confidence {m['confidence']:.2f}" if m["confidence"] is not None else
             "confidence not scored"]
    if value is not None:
        parts.insert(0, esc(value_label(value, unit, metric)))
    reasons = m.get("confidence_reasons") or []
    if reasons and (m["confidence"] or 0) < 1:
        parts.append("why: " + esc("; ".join(reasons)))
    if m.get("from_duplicate"):
        parts.append("a copy of another article")
    parts.append(external(m["url"], m["title"] or m["url"]))
    return f"<blockquote>{esc(m['sentence'])}</blockquote>\n<div class=\"meta\">" \
        + " · ".join(parts) + "</div>"


# ---------------------------------------------------------------- the lists


def conflicts_page(data: ReportData, slug: dict[str, str]) -> str:
    """Every conflict, linked to the values on the region pages."""
    rows = [[
        link(region_href(slug[c["region"]]), c["region"]),
        esc(f"{indicator_label(c['indicator'])} · {metric_name(c['metric'])}"),
        esc(cl.scope_name(c["scope"])),
        link(region_href(slug[c["region"]], f"obs-{c['obs_id']}"), _period(c)),
        esc(value_label(c["value_a"], c["unit"], c["metric"])),
        esc(value_label(c["value_b"], c["unit"], c["metric"])),
        esc(f"{day(c['first_reported_a'])} / {day(c['first_reported_b'])}"),
    ] for c in data.conflicts]
    body = ("<p>Two values of one series and period reported at the same time that differ "
            "(more than 0.5 % for levels, 0.05 points for percentages). An estimate replaced "
            "later by a final figure is a revision, not a conflict.</p>"
            + table(["Region", "Indicator", "Scope", "Period", "One value", "Another",
                     "First reported"], rows))
    return page("Conflicts between sources", body, _footer(data))


def checks_page(data: ReportData, slug: dict[str, str], obs_region: dict[str, str]) -> str:
    """Every consistency check, failed ones first, linked to the values they read."""
    rows = [[
        _check_badge(c),
        esc(c["kind"]),
        esc(c["message"]),
        external(c["url"], c["title"] or c["url"]),
        esc(day(c["published"])),
        " ".join(link(region_href(slug[obs_region[o]], f"obs-{o}"), "value")
                 for o in c["obs_ids"] if o in obs_region),
    ] for c in data.checks]
    failed = sum(c["status"] != "ok" for c in data.checks)
    body = (f"<p>{failed} of {len(data.checks)} checks over one article's figures disagree "
            "(export + import against the total, sectors against the whole, a share of plan "
            "against the plan). A check flags; it never changes a value.</p>"
            + table(["Status", "Check", "Message", "Article", "Published", "Values"], rows))
    return page("Consistency checks", body, _footer(data))


def review_page(data: ReportData, slug: dict[str, str]) -> str:
    """The figures below the confidence threshold (`review`)."""
    body = (f"<p>{len(data.review)} figures were read with a confidence below "
            f"{data.threshold:g}: they are kept for review and left out of the series.</p>"
            + _review_table(data.review, slug))
    return page("Low-confidence figures", body, _footer(data))


def _review_table(rows: list[Row], slug: dict[str, str] | None) -> str:
    region: Callable[[Row], str] = (lambda r: link(region_href(slug[r["region"]]), r["region"])) \
        if slug else (lambda r: esc(r["region"]))
    cells = [[
        esc(f"{r['confidence']:.2f}"),
        esc("; ".join(r["confidence_reasons"] or [])),
        region(r),
        esc(f"{indicator_label(r['indicator'])} · {metric_name(r['metric'])} · "
            f"{cl.scope_name(r['scope'])}"),
        esc(_period(r)),
        esc(value_label(r["value"], r["unit"], r["metric"])),
        f"<blockquote>{esc(r['sentence'])}</blockquote>"
        + external(r["url"], r["title"] or r["url"]) + f" · {esc(day(r['published']))}",
    ] for r in rows]
    return table(["Confidence", "Why", "Region", "Figure", "Period", "Value",
                  "Sentence and article"], cells)
