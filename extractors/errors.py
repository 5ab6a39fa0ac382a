"""Named errors of tradewatch: the shared base classes, and the tree drawn whole.

The base classes live here because every package raises them and `extractors/` is the layer
every other package already imports; the specific errors live beside the code that raises them.

    TradewatchError            base of everything raised on purpose
    ├── UserError              bad input from the user: one-line message, exit code 2
    │   ├── ConfigError        the configuration file or an environment override is wrong
    │   └── InputError         a command's argument or input file is wrong
    ├── ParseError             one page could not be read as an article (article-level)
    ├── SourceError            a whole source failed (run-level: the run fails loudly)
    ├── FetchError             (extractors.http.errors) one page could not be fetched
    │   │                      (article-level: queued for retry)
    │   ├── RobotsDisallowed   robots.txt forbids the URL (recorded, not retried)
    │   ├── RobotsUnreachable  robots.txt could not be read: the host waits for the next run
    │   └── OutOfScope         the URL is not on the source's hosts, or resolves to a private
    │                          address the configuration does not name (not retried)
    └── WarehouseError         (warehouse.errors) the warehouse cannot be opened, migrated or
        │                      written (run-level)
        └── WarehouseBusy      another process holds the warehouse lock past the wait

The CLI (`flows.cli.main`) prints a UserError as "tradewatch: error: <message>" and exits 2,
any other TradewatchError as "tradewatch: <ClassName>: <message>" and exits 1.
"""

from __future__ import annotations


class TradewatchError(Exception):
    """Base of every error tradewatch raises on purpose."""


class UserError(TradewatchError):
    """Bad input from the user; the CLI prints it on one line and exits 2."""


class ConfigError(UserError):
    """The configuration is invalid: names the file, the key and the problem."""


class InputError(UserError):
    """A command's argument or input is invalid."""


class ParseError(TradewatchError):
    """A page could not be read as an article (or a feed, sitemap or listing as one)."""


class SourceError(TradewatchError):
    """A whole source failed (its feed, sitemap and listings all unreachable)."""
