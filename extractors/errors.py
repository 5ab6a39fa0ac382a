"""Named errors of tradewatch.

    TradewatchError            base of everything raised on purpose
    ├── UserError              bad input from the user: one-line message, exit code 2
    │   ├── ConfigError        the configuration file or an environment override is wrong
    │   └── InputError         a command's argument or input file is wrong
    ├── NotLandedError         a command whose issue has not landed yet (exit code 2)
    ├── FetchError             one page could not be fetched (article-level: queued for retry)
    │   ├── RobotsDisallowed   robots.txt forbids the URL (recorded, not retried)
    │   ├── RobotsUnreachable  robots.txt could not be read: the host waits for the next run
    │   └── OutOfScope         the URL is not on the source's hosts, or resolves to a private
    │                          address the configuration does not name (not retried)
    ├── ParseError             one page could not be read as an article (article-level)
    ├── SourceError            a whole source failed (run-level: the run fails loudly)
    └── WarehouseError         the warehouse cannot be opened, migrated or written (run-level)
        └── WarehouseBusy      another process holds the warehouse lock past the wait
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


class NotLandedError(TradewatchError):
    """A command whose implementation has not landed yet."""


class FetchError(TradewatchError):
    """One URL could not be fetched; carries the reason and, when known, the HTTP status."""

    def __init__(self, url: str, reason: str, status: int | None = None,
                 retryable: bool = True) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.status = status
        self.retryable = retryable


class RobotsDisallowed(FetchError):
    """robots.txt forbids fetching the URL."""

    def __init__(self, url: str) -> None:
        super().__init__(url, "disallowed by robots.txt", None, retryable=False)


class RobotsUnreachable(FetchError):
    """robots.txt answered 5xx, timed out or redirected off the site: RFC 9309 says disallow
    everything and try again later. The URL is left for the next run without using up one of
    its retry attempts (`deferred`)."""

    deferred = True

    def __init__(self, url: str, why: str) -> None:
        super().__init__(url, f"robots.txt unreachable ({why}): host deferred to the next run",
                         None, retryable=True)


class OutOfScope(FetchError):
    """A request the source may not make: another host, or a private address not named."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(url, reason, None, retryable=False)


class ParseError(TradewatchError):
    """A page could not be read as an article."""


class SourceError(TradewatchError):
    """A whole source failed (its feed, sitemap and listings all unreachable)."""


class WarehouseError(TradewatchError):
    """The warehouse cannot be opened, migrated or written."""


class WarehouseBusy(WarehouseError):
    """Another process holds the warehouse past the allowed wait."""
