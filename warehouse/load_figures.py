"""Figure mentions and checks: replaced per article; keys computed in SQL from natural keys."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from extractors.model import Check, Figure

if TYPE_CHECKING:
    import duckdb

from warehouse.stage import stage, stage_columns

FIGURE_COLUMNS = {
    "article_id": "varchar", "region": "varchar", "indicator": "varchar", "scope": "varchar",
    "metric": "varchar", "value": "double", "unit": "varchar", "period_start": "date",
    "period_end": "date", "estimate": "boolean", "qualifier": "varchar",
    "region_successor": "varchar", "sentence": "varchar", "start_offset": "integer",
    "end_offset": "integer", "figure_index": "integer", "extractor_version": "varchar",
    "reported_on": "date", "run_id": "varchar", "confidence": "double",
    "confidence_reasons": "varchar[]",
}
CHECK_COLUMNS = {
    "article_id": "varchar", "check_index": "integer", "kind": "varchar", "status": "varchar",
    "message": "varchar", "figure_indexes": "integer[]", "extractor_version": "varchar",
    "run_id": "varchar",
}

# One article's figures as the extractor gave them: (article_id, reported_on, figures, checks,
# extractor_version).
ArticleFigures = tuple[str, date, Iterable[Figure], Iterable[Check], str]


def _figure_columns(items: list[ArticleFigures], run_id: str) -> dict[str, list[Any]]:
    """The staged mention columns, built column by column (a tuple per figure costs more)."""
    figs: list[Figure] = []
    per_article: dict[str, list[Any]] = {"article_id": [], "extractor_version": [],
                                         "reported_on": [], "figure_index": []}
    for aid, reported_on, figures, _checks, version in items:
        figures, indexes = _first_of_each_mention(list(figures))
        figs += figures
        per_article["article_id"] += [aid] * len(figures)
        per_article["extractor_version"] += [version] * len(figures)
        per_article["reported_on"] += [reported_on] * len(figures)
        per_article["figure_index"] += indexes
    cols = {name: list(map(attrgetter(name), figs)) for name in _FIGURE_FIELDS}
    cols["value"] = [float(v) for v in cols["value"]]
    cols["estimate"] = [bool(v) for v in cols["estimate"]]
    cols["confidence"] = [float(v) for v in cols["confidence"]]
    cols["start_offset"], cols["end_offset"] = cols.pop("start"), cols.pop("end")
    return {**cols, **per_article, "run_id": [run_id] * len(figs)}


def _first_of_each_mention(figures: list[Figure]) -> tuple[list[Figure], list[int]]:
    """One article's figures with distinct mention keys, the first of each in the extractor's
    order, and their indexes. The key is mention_id's (see _INSERT_MENTIONS) less the article:
    repr() of the double, like DuckDB's varchar of it, tells every two values apart."""
    if len({f.start for f in figures}) == len(figures):  # the usual case: no two at one offset
        return figures, list(range(len(figures)))
    seen: set[tuple] = set()
    kept: list[Figure] = []
    indexes: list[int] = []
    for i, f in enumerate(figures):
        k = (f.region, f.indicator, f.scope, f.metric, f.period_start, f.period_end,
             repr(float(f.value)), f.start)
        if k not in seen:
            seen.add(k)
            kept.append(f)
            indexes.append(i)
    return kept, indexes


_FIGURE_FIELDS = ("region", "indicator", "scope", "metric", "value", "unit", "period_start",
                  "period_end", "estimate", "qualifier", "region_successor", "sentence", "start",
                  "end", "confidence", "confidence_reasons")


def stage_figures(con: duckdb.DuckDBPyConnection, items: list[ArticleFigures],
                  run_id: str) -> int:
    """Stage the figures and checks of some articles (stg_figures, stg_checks)."""
    items = [(aid, day, list(figures), list(checks), version)
             for aid, day, figures, checks, version in items]
    check_rows = [(aid, i, c.kind, c.status, c.message, json.dumps(list(c.figures)), version,
                   run_id)
                  for aid, _day, _figures, checks, version in items
                  for i, c in enumerate(checks)]
    stage_columns(con, "stg_figures", FIGURE_COLUMNS, _figure_columns(items, run_id))
    stage(con, "stg_checks", CHECK_COLUMNS, check_rows)
    return sum(len(figures) for _aid, _day, figures, _checks, _version in items)


def stage_article_ids(con: duckdb.DuckDBPyConnection, article_ids: list[str]) -> None:
    """Stage the ids of the articles whose mentions are replaced (stg_article_ids)."""
    stage(con, "stg_article_ids", {"article_id": "varchar"}, [(a,) for a in article_ids])


def replace_mentions(con: duckdb.DuckDBPyConnection, article_ids: list[str]) -> None:
    """Swap the mentions and checks of `article_ids` for the staged ones; notes affected obs."""
    stage_article_ids(con, article_ids)
    con.execute("""
        create or replace temp table affected_obs as
        select distinct obs_id from figure_mentions
        where article_id in (select article_id from stg_article_ids)
    """)
    con.execute("delete from figure_mentions "
                "where article_id in (select article_id from stg_article_ids)")
    con.execute(_INSERT_MENTIONS)
    con.execute("""
        insert into affected_obs
        select distinct obs_id from figure_mentions
        where article_id in (select article_id from stg_article_ids)
            and obs_id not in (select obs_id from affected_obs)
    """)
    con.execute("delete from extraction_checks "
                "where article_id in (select article_id from stg_article_ids)")
    con.execute(_CHECKS)


# Keys: md5 over the natural key joined by chr(31) (warehouse/keys.py uses the same form). A
# vintage is one value as the extractor rounded it (extractors/model.py: figure_value).
# Two figures with one mention_id (the same number at the same offset) are kept once, the
# first in the extractor's order: _first_of_each_mention drops the others before staging (a
# window here grouped every column of every row: most of this statement's time).
_INSERT_MENTIONS = """
insert into figure_mentions by name
with series_keyed as (
    select
        *,
        md5(concat_ws(chr(31), region, indicator, scope, metric)) as series_id
    from stg_figures
),
obs_keyed as (
    select
        *,
        md5(concat_ws(chr(31), series_id, period_start, period_end)) as obs_id
    from series_keyed
)
select
    *,
    md5(concat_ws(chr(31), obs_id, unit, value)) as vintage_id,
    md5(concat_ws(chr(31), article_id, region, indicator, scope, metric,
                  period_start, period_end, value, start_offset)) as mention_id
from obs_keyed
"""

_CHECKS = """
insert into extraction_checks
with keyed as (
    select
        *,
        md5(concat_ws(chr(31), article_id, check_index, kind, status, message)) as check_id
    from stg_checks
),
ranked as (
    select
        *,
        row_number() over (partition by check_id order by check_index) as check_order
    from keyed
),
linked as (
    select
        c.check_id,
        list(m.mention_id order by m.figure_index) filter (m.mention_id is not null)
            as mention_ids
    from ranked as c
    left join figure_mentions as m
        on m.article_id = c.article_id
        and list_contains(c.figure_indexes, m.figure_index)
    where c.check_order = 1
    group by c.check_id
)
select
    r.check_id,
    r.article_id,
    r.kind,
    r.status,
    r.message,
    r.figure_indexes,
    coalesce(l.mention_ids, []) as mention_ids,
    r.extractor_version,
    r.run_id
from ranked as r
join linked as l
    on l.check_id = r.check_id
where r.check_order = 1
"""
