"""The `tradewatch` command: thin typer wrappers; each command's work lives in its own module."""

from __future__ import annotations

import sys
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from extractors.errors import TradewatchError, UserError

app = typer.Typer(
    name="tradewatch",
    help="Watch Vietnamese news for trade and GRDP figures; keep them as time series in DuckDB.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

ConfigOpt = Annotated[
    Path | None,
    typer.Option("--config", "-c", metavar="FILE",
                 help="TOML config file (default: ./tradewatch.toml)."),
]
SourceOpt = Annotated[
    list[str] | None,
    typer.Option("--source", "-s", metavar="NAME",
                 help="Only this configured source (repeatable)."),
]


def _examples(*commands: str) -> str:
    """A help epilog listing example commands, kept as written (\\b stops click rewrapping)."""
    return "\b\nExamples:\n" + "\n".join(f"  {c}" for c in commands)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            typer.echo(f"tradewatch {version('tradewatch')}")
        except PackageNotFoundError:  # run from a checkout that was never installed
            typer.echo("tradewatch (not installed: version unknown)")
        raise typer.Exit()


@app.callback(epilog=_examples("tradewatch demo", "tradewatch catalog -c data/demo/tradewatch.toml",
                               "tradewatch series --region \"Lang Son\" --period H1 "
                               "-c data/demo/tradewatch.toml"))
def main_options(
    version: Annotated[bool, typer.Option(
        "--version", callback=_version, is_eager=True,
        help="Print tradewatch's version and exit.")] = False,
) -> None:
    """Watch Vietnamese news for trade and GRDP figures; keep them as time series in DuckDB."""


class TableFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


class FigureFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    table = "table"


class ExportFormat(StrEnum):
    parquet = "parquet"
    csv = "csv"
    xlsx = "xlsx"


def _settings(config: Path | None):  # noqa: ANN202 - Settings, imported lazily
    from flows.config import load_settings

    return load_settings(config)


def _day(value: str | None, name: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UserError(f"{name}: not a date in YYYY-MM-DD form: {value!r}") from None


def _threshold(value: float | None, config: Path | None) -> float:
    """--min-confidence when given, else the configured threshold (read without pydantic)."""
    from extractors.figures.confidence import parse_threshold

    if value is None:
        from flows.threshold import configured_min_confidence

        return configured_min_confidence(config)
    try:
        return parse_threshold(value)
    except ValueError as e:
        raise UserError(f"--min-confidence {e}") from None


@app.command(epilog=_examples("tradewatch run", "tradewatch run --source kdpt -c my.toml"))
def run(config: ConfigOpt = None, source: SourceOpt = None) -> None:
    """Run the monitor once: discover new articles, fetch, extract figures, load the warehouse."""
    from flows import cmd_run

    cmd_run.run_command(_settings(config), source or [])


@app.command(epilog=_examples("tradewatch backfill --since 2024-01-01 --until 2024-07-01"))
def backfill(
    since: Annotated[str, typer.Option(
        metavar="DATE", help="First day of the window, YYYY-MM-DD (inclusive).")],
    until: Annotated[str | None, typer.Option(
        metavar="DATE", help="End of the window, YYYY-MM-DD (exclusive; default today).")
    ] = None,
    config: ConfigOpt = None,
    source: SourceOpt = None,
) -> None:
    """Backfill the half-open date window [since, until); a killed backfill resumes."""
    from flows import cmd_run

    start = _day(since, "--since")
    end = _day(until, "--until") or datetime.now().date()
    if start is None or start >= end:
        raise UserError(f"--since {since} must be before --until {end.isoformat()}")
    cmd_run.backfill_command(_settings(config), start, end, source or [])


@app.command(epilog=_examples("tradewatch reprocess --since 2024-01-01"))
def reprocess(
    since: Annotated[str | None, typer.Option(
        metavar="DATE", help="Only articles published on or after YYYY-MM-DD.")] = None,
    config: ConfigOpt = None,
) -> None:
    """Re-extract stored raw pages with the current extractor and report the diff."""
    from flows import cmd_run

    cmd_run.reprocess_command(_settings(config), _day(since, "--since"))


@app.command(epilog=_examples("tradewatch demo", "tradewatch demo --dir /tmp/tw-demo"))
def demo(
    directory: Annotated[
        Path, typer.Option("--dir", metavar="DIR",
                           help="Where the demo's warehouse, config and chart go.")
    ] = Path("data/demo"),
) -> None:
    """Start the replay news site, run monitor and a backfill, print the series and a chart."""
    from flows import cmd_demo

    cmd_demo.demo_command(directory)


@app.command(epilog=_examples("tradewatch extract article.txt --published 2024-06-27",
                             "curl -s URL | tradewatch extract - --format table"))
def extract(
    file: Annotated[str, typer.Argument(
        metavar="FILE", help="Plain-text or HTML article; '-' reads stdin.")] = "-",
    published: Annotated[str | None, typer.Option(
        metavar="DATE", help="Publication date YYYY-MM-DD (resolves relative years).")] = None,
    title: Annotated[str | None, typer.Option(
        metavar="TEXT", help="The headline, when not in the text.")] = None,
    format: Annotated[FigureFormat, typer.Option("--format", "-f")] = FigureFormat.jsonl,
    number_format: Annotated[
        str, typer.Option(metavar="vi|en", help="'vi' (1.234,5) or 'en' (1,234.5) number "
                                                "format.")
    ] = "vi",
    min_confidence: Annotated[
        float | None,
        typer.Option(metavar="0-1", help="Print figures at or above this confidence, 0-1 "
                                          "(default: the "
                          "configured extract.min_confidence, what `series` takes; 0: all)."),
    ] = None,
    checks: Annotated[
        str | None,
        typer.Option(metavar="FILE",
                     help="Also write the article's consistency checks (exports + imports "
                          "= total, …) to this file as JSON lines, one per check; '-' writes "
                          "them to stderr. Their `figures` are 0-based positions in the "
                          "figures printed."),
    ] = None,
    config: ConfigOpt = None,
) -> None:
    """Print the trade and GRDP figures of one article: jsonl, one JSON object per figure and
    nothing else; csv, one row per figure; or a table with the checks below it."""
    from flows import cmd_extract

    cmd_extract.extract_command(file, _day(published, "--published"), title, format.value,
                                number_format, _threshold(min_confidence, config), checks)


@app.command(epilog=_examples(
    "tradewatch sql \"select * from series where region = 'Lạng Sơn' limit 5\"",
    "tradewatch sql \"select * from conflicts\" --format csv"))
def sql(
    query: Annotated[str, typer.Argument(
        metavar="SQL", help="A read-only SQL query against the warehouse.")],
    format: Annotated[TableFormat, typer.Option("--format", "-f")] = TableFormat.table,
    timeout: Annotated[
        float | None,
        typer.Option(metavar="SECONDS",
                     help="Stop the query after this many seconds (default: [warehouse] "
                          "sql_timeout_s, 60; 0: no limit).", min=0),
    ] = None,
    config: ConfigOpt = None,
) -> None:
    """Run a read-only SQL query against the warehouse (writes are refused)."""
    from flows import cmd_query

    cmd_query.sql_command(_settings(config), query, format.value, timeout)


class Lang(StrEnum):
    en = "en"
    vi = "vi"


class CatalogLevel(StrEnum):
    series = "series"
    regions = "regions"
    indicators = "indicators"


RegionOpt = Annotated[
    str | None,
    typer.Option(metavar="NAME", help="A province or 'Việt Nam', typed any way: 'Lạng Sơn', "
                                      "'lang son', 'TP.HCM', 'Vietnam'."),
]
IndicatorOpt = Annotated[
    str | None,
    typer.Option(metavar="NAME", help="An indicator by key, label or alias: trade_total, "
                                      "'xuất nhập khẩu', exports, GRDP."),
]
LangOpt = Annotated[
    Lang, typer.Option("--lang", help="Indicator labels in English (en) or Vietnamese (vi).")
]
WideOpt = Annotated[
    bool, typer.Option("--wide", help="Show every column, however wide the terminal.")
]
FormatOpt = Annotated[
    TableFormat,
    typer.Option("--format", "-f", help="table (for people), or csv / json (raw values: base "
                                        "units, ISO dates, identifiers)."),
]


@app.command(epilog=_examples(
    "tradewatch series --region \"Lang Son\" --indicator \"xuất nhập khẩu\" --period H1",
    "tradewatch series --region hcmc --indicator exports --format csv"))
def series(
    region: RegionOpt = None,
    indicator: IndicatorOpt = None,
    scope: Annotated[str | None, typer.Option(
        metavar="SCOPE", help="all, customs_declared (or: customs), local_goods, "
                              "border_gate:NAME.")] = None,
    metric: Annotated[str | None, typer.Option(
        metavar="METRIC", help="level, yoy_pct (or: yoy, growth) or plan_pct (or: plan).")
    ] = None,
    period: Annotated[str | None, typer.Option(
        metavar="KIND", help="Only periods of this kind: year, half, quarter, month, ytd, or a "
                             "label's first word: H1, Q3, 9M, Jan.")] = None,
    format: FormatOpt = TableFormat.table,
    lang: LangOpt = Lang.en,
    wide: WideOpt = False,
    config: ConfigOpt = None,
) -> None:
    """Show the best current value of each series and period, with the articles reporting it."""
    from flows import cmd_query

    cmd_query.series_command(_settings(config), region, indicator, scope, metric, format.value,
                             period, lang.value, wide)


@app.command(epilog=_examples("tradewatch catalog regions",
                             "tradewatch catalog --region \"Lạng Sơn\"",
                             "tradewatch catalog indicators --format json"))
def catalog(
    level: Annotated[CatalogLevel, typer.Argument(
        help="List series (default), regions or indicators.")] = CatalogLevel.series,
    region: RegionOpt = None,
    indicator: IndicatorOpt = None,
    format: FormatOpt = TableFormat.table,
    lang: LangOpt = Lang.en,
    wide: WideOpt = False,
    config: ConfigOpt = None,
) -> None:
    """List what the warehouse holds: each series, region or indicator with its first and latest
    period, number of periods and of reporting articles."""
    from flows import cmd_query

    cmd_query.catalog_command(_settings(config), level.value, region, indicator, format.value,
                              lang.value, wide)


@app.command()
def export(
    out: Annotated[
        Path,
        typer.Option(help="Directory to write one file per view into (xlsx: the workbook "
                          "DIR/tradewatch.xlsx, or a path ending in .xlsx)."),
    ],
    format: Annotated[ExportFormat, typer.Option("--format", "-f")] = ExportFormat.parquet,
    config: ConfigOpt = None,
) -> None:
    """Export every view of the warehouse: Parquet or CSV files, or one Excel workbook (xlsx:
    a sheet per view, an about sheet first)."""
    from flows import cmd_query

    cmd_query.export_command(_settings(config), out, format.value)


@app.command()
def chart(
    region: Annotated[str, typer.Option(help="e.g. 'Lạng Sơn'.")],
    indicator: Annotated[str, typer.Option(help="e.g. trade_total.")],
    out: Annotated[Path, typer.Option(help="PNG file to write.")],
    metric: Annotated[str, typer.Option(help="level, yoy_pct or plan_pct.")] = "level",
    ytd: Annotated[
        bool, typer.Option("--ytd", help="Year to date: months on the x axis, one line per "
                                         "year, from the periods that start on 1 January.")
    ] = False,
    scope: Annotated[
        str | None, typer.Option(help="With --ytd: the scope drawn (default: all).")
    ] = None,
    config: ConfigOpt = None,
) -> None:
    """Draw a series as a PNG: a colour per scope, a line style per kind of period (years,
    halves, quarters, …), estimates hollow, with its sources and as-of date."""
    from flows import cmd_query

    cmd_query.chart_command(_settings(config), region, indicator, metric, out, ytd, scope)


@app.command()
def report(
    out: Annotated[
        Path, typer.Option(help="Directory to write the HTML report into (created; a previous "
                                "report there is replaced).")
    ],
    charts: Annotated[
        bool, typer.Option("--charts/--no-charts", help="Draw a chart per series (most of "
                                                       "the time taken).")
    ] = True,
    config: ConfigOpt = None,
) -> None:
    """Write a static HTML report of the warehouse: regions, series with charts, and each
    value's sources, vintages, conflicts, checks and low-confidence figures. Open its
    index.html in a browser; no server needed."""
    from flows import cmd_report

    cmd_report.report_command(_settings(config), out, charts)


@app.command("replay-site")
def replay_site(
    host: Annotated[str, typer.Option(help="Address to bind (loopback by default).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port of the first site; 0 picks free ports.")] = 8765,
    synthetic: Annotated[
        int, typer.Option(help="Add this many generated articles (benchmarks).")
    ] = 0,
    faults: Annotated[
        str | None,
        typer.Option(help="Fault spec, e.g. 'rate=0.1,seed=7' or 'path=/rss/*:status_500'."),
    ] = None,
) -> None:
    """Serve the replay news sites on 127.0.0.1 so a configuration can be tried by hand."""
    from flows import cmd_replay

    cmd_replay.replay_command(host, port, synthetic, faults)


def _printable(error: Exception) -> str:
    """An error's message on one line without control characters (it may quote a site)."""
    from extractors.hygiene import strip_controls

    return " ".join(strip_controls(str(error)).split())


def main() -> None:
    """Entry point: runs the app; known errors become one line on stderr with exit code 2."""
    try:
        app()  # standalone mode: usage errors print themselves and exit 2
    except UserError as e:
        typer.echo(f"tradewatch: error: {_printable(e)}", err=True)
        sys.exit(2)
    except TradewatchError as e:
        typer.echo(f"tradewatch: {type(e).__name__}: {_printable(e)}", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        typer.echo("tradewatch: interrupted; what was loaded stays, nothing is half-written",
                   err=True)
        sys.exit(130)
