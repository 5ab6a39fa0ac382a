"""The replay-site command: serve both replay news sites until Ctrl-C (issue 2)."""

from __future__ import annotations

import logging
import threading

import typer

from extractors.errors import UserError
from replay import ReplaySite, parse_fault_spec

logger = logging.getLogger(__name__)

SAMPLE_CONFIG = """\
# tradewatch.toml pointing at the replay sites
[warehouse]
path = "data/replay.duckdb"

[http]
polite = false

[[sources]]
name = "kdpt"
kind = "kdpt"
base_url = "{kdpt}"

[[sources]]
name = "tin"
kind = "generic"
feeds = ["{tin}/feed/"]
sitemaps = ["{tin}/sitemap_index.xml"]
"""


def sample_config(kdpt_url: str, tin_url: str) -> str:
    """A tradewatch.toml whose sources read the two replay sites."""
    return SAMPLE_CONFIG.format(kdpt=kdpt_url, tin=tin_url)


def replay_command(host: str, port: int, synthetic: int, faults: str | None,
                   stop: threading.Event | None = None) -> None:
    """Serve the replay sites, print their URLs and a sample config, wait for Ctrl-C."""
    if synthetic < 0:
        raise UserError("--synthetic must be 0 or more")
    if not 0 <= port <= 65535:
        raise UserError(f"--port must be between 0 and 65535, not {port}")
    plan = parse_fault_spec(faults)
    site = ReplaySite(synthetic=synthetic, faults=plan)
    try:
        srv = site.serve(host=host, port=port)
    except OSError as e:
        raise UserError(f"cannot listen on {host}:{port}: {e.strerror or e}") from None
    with srv:
        typer.echo(f"kdpt: {srv.kdpt_url}")
        typer.echo(f"tin:  {srv.tin_url}")
        typer.echo(f"{len(srv.articles)} articles; faults: {faults or 'none'}")
        typer.echo("\n" + sample_config(srv.kdpt_url, srv.tin_url))
        typer.echo("Serving; press Ctrl-C to stop.", err=True)
        try:
            (stop or threading.Event()).wait()
        except KeyboardInterrupt:
            pass
        stats = srv.stats()
    typer.echo(f"stopped after {stats['requests']} requests, {stats['bytes_sent']} bytes sent",
               err=True)
