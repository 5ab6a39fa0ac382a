"""Typed settings for fetching and for one source, as read from the `[http]` and `[[sources]]`
tables of tradewatch.toml (see flows/config.py for loading and errors)."""

from __future__ import annotations

from typing import Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, field_validator

SOURCE_KINDS = ("kdpt", "generic")


def _http_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"not an http(s) URL: {value!r}")
    return value


class HttpSettings(BaseModel):
    """The polite HTTP client's policy (one client per run, shared by all sources)."""

    model_config = ConfigDict(extra="forbid")

    user_agent: str = "tradewatch/0.1 (+https://github.com/tradewatch/tradewatch; news-figures bot)"
    connect_timeout_s: float = Field(10.0, gt=0)
    read_timeout_s: float = Field(30.0, gt=0)
    max_retries: int = Field(3, ge=0, le=10)
    backoff_base_s: float = Field(0.5, ge=0)
    backoff_max_s: float = Field(60.0, ge=0)
    max_retry_after_s: float = Field(120.0, ge=0)
    max_body_bytes: int = Field(5_000_000, gt=0)  # decompressed
    max_compressed_bytes: int = Field(2_000_000, gt=0)
    obey_robots: bool = True
    polite: bool = True  # False: no rate limit, no delay (benchmarks, the replay site)
    max_crawl_delay_s: float = Field(60.0, ge=0)  # a longer robots.txt Crawl-delay is capped

    @field_validator("user_agent")
    @classmethod
    def _header_value(cls, value: str) -> str:
        if not value.strip() or len(value) > 500 or any(not " " <= c <= "~" for c in value):
            raise ValueError("must be 1 to 500 printable ASCII characters (no line breaks or "
                             "control characters)")
        return value


class SourceSettings(BaseModel):
    """One news source: a built-in kind (`kdpt`) or any site by configuration (`generic`)."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, pattern=r"^[A-Za-z0-9_.-]+$")
    kind: Literal["kdpt", "generic"]
    enabled: bool = True
    base_url: str | None = None  # overrides the built-in site root (e.g. the replay site)
    hosts: list[str] = Field(default_factory=list)  # extra hosts redirects may go to
    feeds: list[str] = Field(default_factory=list)
    sitemaps: list[str] = Field(default_factory=list)
    listings: list[str] = Field(default_factory=list)  # URL templates with {page}
    rate_limit_per_s: float = Field(1.0, gt=0)
    max_concurrency: int = Field(2, ge=1, le=64)
    delay_jitter_s: float = Field(0.5, ge=0)
    number_format: Literal["vi", "en"] = "vi"
    selectors: dict[str, str] = Field(default_factory=dict)  # title, text, published, author
    max_pages: int = Field(50, ge=1)  # listing pages walked per listing and run at most
    max_sitemaps: int = Field(500, ge=1)  # sitemap documents (index + shards) read per run
    max_articles: int = Field(10_000, ge=1)  # articles fetched per run at most

    @field_validator("feeds", "sitemaps", "listings")
    @classmethod
    def _urls(cls, values: list[str]) -> list[str]:
        return [_http_url(v) for v in values]

    @field_validator("base_url")
    @classmethod
    def _base(cls, value: str | None) -> str | None:
        return None if value is None else _http_url(value).rstrip("/")

    @field_validator("selectors")
    @classmethod
    def _selector_keys(cls, value: dict[str, str]) -> dict[str, str]:
        allowed = {"title", "text", "published", "author", "links"}
        unknown = set(value) - allowed
        if unknown:
            raise ValueError(f"unknown selector {sorted(unknown)[0]!r}; allowed: {sorted(allowed)}")
        from extractors.errors import ConfigError
        from extractors.layout import compiled

        for key, selector in value.items():
            try:  # a selector that cannot compile would fail every article of the source
                compiled(selector)
            except ConfigError as e:
                raise ValueError(f"{key}: {e}") from None
        return value
