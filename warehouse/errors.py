"""Why the warehouse cannot be used (the base classes and the whole tree: `extractors.errors`)."""

from __future__ import annotations

from extractors.errors import TradewatchError


class WarehouseError(TradewatchError):
    """The warehouse cannot be opened, migrated or written."""


class WarehouseBusy(WarehouseError):
    """Another process holds the warehouse past the allowed wait."""
