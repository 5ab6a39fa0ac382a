"""The polite HTTP client and its parts (charset, robots, politeness, retries)."""

from extractors.http.charset import decode_body
from extractors.http.client import PoliteClient

__all__ = ["PoliteClient", "decode_body"]
