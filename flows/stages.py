"""The stages of a run as plain functions: discover, fetch, extract, load (no Prefect here).

Each stage handles one source's whole batch (discover: its whole discovery), so that the
Prefect flows, which wrap these same functions as tasks (flows/prefect_flows.py), run one task
per batch per stage, never one per article. `Stages` bundles them; a run is handed either
PLAIN or the task-wrapped set. The Source every stage gets is built once per run
(`RunSources`) and carries the scope its requests may reach.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Any

from extractors.errors import ParseError, TradewatchError
from extractors.fetching import FetchOutcome, Validators, fetch_many
from extractors.figures import EXTRACTOR_VERSION, check_figures, extract_figures
from extractors.http import PoliteClient
from extractors.hygiene import MAX_FIGURES, cut_text
from extractors.model import Page
from extractors.sources import Source, get_source
from flows.config import Settings
from flows.loading import LoadTotals
from flows.writer import load_into_warehouse
from warehouse.batch import Batch, ExtractedArticle, Failure

logger = logging.getLogger(__name__)

VN_TZ = timezone(timedelta(hours=7), "Asia/Ho_Chi_Minh")
# A backfill's discovery state between runs (finished sitemap shards, the next listing page),
# stored as JSON in the warehouse: extractors/sources/discovery.py reads and writes it.
Cursor = dict[str, Any]


@dataclass(frozen=True)
class Window:
    """A half-open publication window [since, until) for a backfill; None bounds are open."""

    since: date | None = None
    until: date | None = None

    def cursor_key(self, source: str) -> str:
        """The warehouse cursor key under which a backfill of this window keeps its state."""
        return f"backfill:{source}:{self.since}:{self.until}"


class RunSources:
    """A run's sources, each built from its settings once, on first use."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._built: dict[str, Source] = {}

    def get(self, name: str) -> Source:
        """The source called `name` (ConfigError if none is; SourceError if it cannot be built)."""
        if name not in self._built:
            self._built[name] = get_source(self._settings.source(name))
        return self._built[name]


@dataclass
class Discovery:
    """What discovery found for one source: new URLs, and the documents it could not read."""

    urls: list[str]
    problems: list[Failure] = field(default_factory=list)
    # The backfill state as discovery left it (returned, not only mutated: a Prefect task
    # may be handed a copy of its arguments).
    state: Cursor = field(default_factory=dict)


def _local_midnight(day: date | None) -> datetime | None:
    """A date as the start of that day in Vietnam (articles are dated in local time)."""
    return None if day is None else datetime.combine(day, time(0), VN_TZ)


def failure(url: str, source: str, stage: str, error: Exception) -> Failure:
    """A URL that failed at `stage`, with the reason, status and retryability its error has."""
    status = getattr(error, "status", None)
    retryable = bool(getattr(error, "retryable", stage == "fetch"))
    reason = getattr(error, "reason", None) or str(error) or type(error).__name__
    return Failure(url, source, stage, reason, status, retryable, datetime.now(UTC))


async def discover_urls(client: PoliteClient, source: Source, known: set[str],
                        window: Window | None, cursor: Cursor | None) -> Discovery:
    """New canonical URLs of one source, newest first, at most `max_articles` of them."""
    since = _local_midnight(window.since) if window else None
    until = _local_midnight(window.until) if window else None
    state = cursor if cursor is not None else {}
    found = await source.discover(client, known=known.__contains__, since=since, until=until,
                                  state=state)
    urls = [cand.url for cand in found.candidates]  # canonical, unknown, each once
    if len(urls) >= source.settings.max_articles:
        logger.warning("%s: stopped discovery at max_articles=%d", source.name,
                       source.settings.max_articles)
    # Feeds, sitemaps or listings that failed: shown in the report, not queued as articles.
    problems = [failure(e.url, source.name, "discover", e) for _, e in found.errors]
    return Discovery(urls, problems, state)


async def fetch_batch(client: PoliteClient, source: Source, urls: list[str],
                      validators: Validators, max_bytes: int | None = None) -> list[FetchOutcome]:
    """Fetch one batch of URLs within the source's scope; every URL started comes back as a
    FetchOutcome (page or error); with `max_bytes`, the batch stops starting fetches once its
    bodies reach it."""
    return await fetch_many(client, source.scope, urls, validators, max_bytes)


def extract_article(page: Page, source: Source) -> ExtractedArticle:
    """Parse one page into an article and extract its figures and checks (pure)."""
    article = cut_text(source.parse(page))
    published = article.published.date() if article.published else None
    figures = extract_figures(article.text, published=published, title=article.title,
                              number_format=source.settings.number_format)
    if len(figures) > MAX_FIGURES:
        logger.info("%s: %d figures, the first %d kept", article.url, len(figures), MAX_FIGURES)
        figures = figures[:MAX_FIGURES]
        article = replace(article, figures_truncated=True)
    checks = check_figures(figures)
    return ExtractedArticle(article, tuple(figures), tuple(checks), EXTRACTOR_VERSION)


def extract_batch(run_id: str, source: Source, outcomes: Sequence[FetchOutcome]) -> Batch:
    """Turn one batch of fetch outcomes into a Batch: pages, articles, failures, 304s."""
    name = source.name
    batch = Batch(run_id=run_id, source=name)
    for out in outcomes:
        if getattr(out.error, "deferred", False):
            batch.deferred.append(out.url)  # robots.txt unreachable: left queued as it is
            continue
        if out.error is not None or out.page is None:
            err = out.error or TradewatchError("no page and no error")
            logger.info("fetch failed, queued for retry: %s: %s", out.url, err)
            batch.failures.append(failure(out.url, name, "fetch", err))
            continue
        if out.page.not_modified:
            batch.not_modified.append(out.url)
            continue
        # the warehouse keeps the raw body; the decoded text (as big again, or twice) is
        # not kept past extraction (the extra says how many bytes were replaced)
        batch.pages.append(replace(out.page, text=None))
        try:
            batch.articles.append(extract_article(out.page, source))
        except ParseError as e:
            logger.info("discarding %s: %s", out.url, e)
            batch.failures.append(failure(out.url, name, "parse", e))
        except Exception as e:  # noqa: BLE001 - one bad page must not stop the batch
            logger.warning("extraction error on %s: %r", out.url, e)
            batch.failures.append(replace(failure(out.url, name, "parse", e), retryable=False))
    return batch


DiscoverStage = Callable[[PoliteClient, Source, set[str], Window | None, Cursor | None],
                         Awaitable[Discovery]]
FetchStage = Callable[[PoliteClient, Source, list[str], Validators, int | None],
                      Awaitable[list[FetchOutcome]]]
ExtractStage = Callable[[str, Source, list[FetchOutcome]], Batch]
LoadStage = Callable[[Settings, Batch], LoadTotals]


@dataclass(frozen=True)
class Stages:
    """The stage functions a run calls; the Prefect flows pass task-wrapped versions."""

    discover: DiscoverStage = discover_urls
    fetch: FetchStage = fetch_batch
    extract: ExtractStage = extract_batch
    load: LoadStage = load_into_warehouse


PLAIN = Stages()
