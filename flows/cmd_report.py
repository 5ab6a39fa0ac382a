"""report command: a static HTML site of the warehouse (warehouse/report/)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from flows.config import Settings


def report_command(settings: Settings, out: Path, charts: bool = True) -> None:
    """Read the warehouse, close it, write the report into `out`, say how to open it."""
    from flows.cmd_query import _reader
    from warehouse import report

    started = time.perf_counter()
    with _reader(settings) as con:  # read, close, then draw: never hold the file while drawing
        data = report.read(con)
    written = report.write(data, out, charts)
    index = (written.out / "index.html").resolve()
    typer.echo(f"{index}  {written.pages} pages, {written.charts} charts "
               f"({time.perf_counter() - started:.1f} s)")
    typer.echo(f"open it in a browser: {index.as_uri()}")
