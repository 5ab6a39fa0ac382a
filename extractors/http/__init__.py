"""The polite HTTP client and its parts (charset, robots, politeness, retries).

`PoliteClient` is imported on first use, so that the charset rules (used by `tradewatch
extract`, which must not import httpx) can be imported alone.
"""

from typing import Any

from extractors.http.charset import decode_body

__all__ = ["PoliteClient", "decode_body"]


def __getattr__(name: str) -> Any:
    if name == "PoliteClient":
        from extractors.http.client import PoliteClient

        return PoliteClient
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
