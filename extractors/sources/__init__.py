"""News sources: an explicit registry from `kind` to the Source class that reads it."""

from __future__ import annotations

from extractors.errors import ConfigError
from extractors.settings import SourceSettings
from extractors.sources.base import Source
from extractors.sources.generic import GenericSource
from extractors.sources.kdpt import KdptSource

REGISTRY: dict[str, type[Source]] = {
    KdptSource.kind: KdptSource,
    GenericSource.kind: GenericSource,
}


def get_source(settings: SourceSettings) -> Source:
    """The Source for one `[[sources]]` entry, bound to its settings."""
    try:
        cls = REGISTRY[settings.kind]
    except KeyError:
        raise ConfigError(f"source {settings.name!r}: unknown kind {settings.kind!r} "
                          f"(known: {', '.join(sorted(REGISTRY))})") from None
    return cls(settings)


__all__ = ["REGISTRY", "Source", "get_source"]
