"""Read-only queries for the commands: run SQL, turn DuckDB's errors into one-line UserErrors."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from extractors.errors import UserError

if TYPE_CHECKING:
    import duckdb

Result = tuple[list[str], list[tuple[Any, ...]]]

SERIES_COLUMNS = ("region", "indicator", "scope", "metric", "period_start", "period_end",
                  "value", "unit", "estimate", "n_sources", "first_reported", "last_reported")


def _first_line(err: Exception) -> str:
    lines = str(err).strip().splitlines()
    return lines[0] if lines else type(err).__name__


def run(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> Result:
    """(column names, rows) of a query; a refused write or a bad query raises UserError."""
    import duckdb

    try:
        cur = con.execute(sql, params or [])
        if cur.description is None:
            return [], []
        return [d[0] for d in cur.description], cur.fetchall()
    except duckdb.ParserException as e:
        raise UserError(f"SQL syntax error: {_first_line(e)}") from None
    except duckdb.Error as e:
        if "read-only mode" in str(e):
            raise UserError("the warehouse is read-only here: `tradewatch sql` only reads "
                            f"({_first_line(e)})") from None
        raise UserError(f"query failed: {_first_line(e)}") from None


def series(con: duckdb.DuckDBPyConnection, region: str | None = None,
           indicator: str | None = None, scope: str | None = None,
           metric: str | None = None) -> Result:
    """The best current values, filtered by whichever of the four keys are given."""
    where = [f"(?::varchar is null or {c} = ?)" for c in ("region", "indicator", "scope",
                                                          "metric")]
    params: list[Any] = []
    for value in (region, indicator, scope, metric):
        params += [value, value]
    sql = (f"select {', '.join(SERIES_COLUMNS)}, source_urls from series "
           f"where {' and '.join(where)} "
           "order by region, indicator, scope, metric, period_start, period_end")
    return run(con, sql, params)
