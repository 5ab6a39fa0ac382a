"""What the pipeline hands the warehouse: one batch, loaded in one transaction."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from extractors.model import Article, Check, Figure, Page


@dataclass(frozen=True, slots=True)
class ExtractedArticle:
    """An article with the figures and checks extracted from it."""

    article: Article
    figures: tuple[Figure, ...]
    checks: tuple[Check, ...] = ()
    extractor_version: str = ""


@dataclass(frozen=True, slots=True)
class Failure:
    """A URL that could not be fetched or parsed in this run, with the reason."""

    url: str
    source: str
    stage: str  # "fetch", "parse" or "load"
    error: str
    status: int | None = None
    retryable: bool = True
    at: datetime | None = None


@dataclass(slots=True)
class Batch:
    """One unit of loading: raw pages, their articles, and the failures of one run's batch."""

    run_id: str
    source: str
    pages: list[Page] = field(default_factory=list)
    articles: list[ExtractedArticle] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    not_modified: list[str] = field(default_factory=list)  # URLs answered 304: seen again
    # URLs not fetched because their host's robots.txt was unreachable: they stay queued
    # (frontier or retry queue) as they are, without using up a retry attempt
    deferred: list[str] = field(default_factory=list)
    at: datetime | None = None  # when the batch was fetched (default: its latest page, or now)
