"""Why one URL could not be fetched (the base classes and the whole tree: `extractors.errors`)."""

from __future__ import annotations

from extractors.errors import TradewatchError


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
