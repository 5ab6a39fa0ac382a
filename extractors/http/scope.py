"""Where a source's requests may go: its configured hosts, and public addresses only.

Every request of a source (discovery documents, sitemap shards, robots.txt, article pages and
every redirect) must be on one of the source's hosts: the netlocs of its base URL, feeds,
sitemaps and listings, its `hosts`, and their `www.` / mobile / AMP twins. A host that
resolves to a loopback, private, link-local or otherwise non-global address is refused unless
the configuration names that host itself (the replay site on 127.0.0.1 is named; a twin, a
shard's host or a redirect target is not). So a compromised site cannot make a scheduled
worker GET internal services (a local Prefect API, a cloud metadata address).

The address is checked when the request is made; a DNS answer that changes between the
check and httpx's own lookup (DNS rebinding) is not caught: names the configuration gives
should be trusted names.

This module is the one place that decides where a request may go: a Source computes its
Scope once, when it is built (`source_scope`), and hands it with every fetch; the client
(client.py) only enforces the Scope it is given, and robots.txt's own, narrower one
(`robots_scope`).
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import socket
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from extractors.http.errors import OutOfScope
from extractors.settings import SourceSettings
from extractors.urls import netloc_of, same_site, site_hosts

logger = logging.getLogger(__name__)

# host -> the addresses it resolves to ([] when it does not resolve)
Resolver = Callable[[str], Awaitable[list[str]]]


@dataclass(frozen=True, slots=True)
class Scope:
    """Where one source's requests may go, and how often: computed once, by its Source
    (`source_scope`), and enforced by the client for every request and redirect it makes."""

    source: str
    hosts: frozenset[str]  # netlocs, twins included (see urls.site_hosts)
    named: frozenset[str]  # host names (no port) written in the configuration
    # per-host pacing the source asks for (the client applies it when [http] polite is on)
    rate_limit_per_s: float = 1.0
    max_concurrency: int = 2
    delay_jitter_s: float = 0.5

    def allows(self, url: str) -> bool:
        """Whether `url` is http(s) on one of the scope's hosts (its address not checked)."""
        return same_site(url, self.hosts)

    def check_host(self, url: str) -> None:
        """OutOfScope unless `url` is http(s) on one of the source's hosts."""
        if not self.allows(url):
            raise OutOfScope(url, f"{netloc_of(url) or url!r} is not a host of source "
                                  f"{self.source!r}: request refused")


def source_scope(settings: SourceSettings, urls: Sequence[str]) -> Scope:
    """The Scope of a source whose base URL, feeds, sitemaps and listings are `urls`: their
    hosts and the configured `hosts`, with twins; named: the host names among them."""
    named = {(urlsplit(u).hostname or "").lower() for u in urls}
    named |= {h.lower().rpartition(":")[0] if ":" in h else h.lower() for h in settings.hosts}
    return Scope(settings.name, site_hosts(*(netloc_of(u) for u in urls), *settings.hosts),
                 frozenset(named - {""}), settings.rate_limit_per_s, settings.max_concurrency,
                 settings.delay_jitter_s)


def robots_scope(url: str) -> Scope:
    """Where a robots.txt request may be redirected: its own site only (RFC 9309), never a
    source's other hosts; only its own host name counts as named."""
    return Scope(f"robots.txt of {netloc_of(url)}", site_hosts(netloc_of(url)),
                 frozenset({(urlsplit(url).hostname or "").lower()}))


def is_public(address: str) -> bool:
    """Whether an IP address is a global (internet) one: not loopback, private, link-local,
    shared, reserved, multicast or unspecified (IPv4-mapped IPv6 judged as its IPv4)."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


async def system_resolve(host: str) -> list[str]:
    """The addresses `host` resolves to by the system resolver ([] when it does not)."""
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, None,
                                                             type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return []
    return sorted({str(info[4][0]) for info in infos})


class AddressGuard:
    """Refuses hosts that resolve to non-public addresses unless named; answers cached."""

    def __init__(self, resolve: Resolver = system_resolve) -> None:
        self._resolve = resolve
        self._cache: dict[str, list[str]] = {}

    async def check(self, url: str, named: frozenset[str]) -> None:
        """OutOfScope when `url`'s host is not named and resolves to a non-public address."""
        host = (urlsplit(url).hostname or "").lower()
        if not host or host in named:
            return
        try:
            addresses = [str(ipaddress.ip_address(host))]
        except ValueError:
            if host not in self._cache:
                self._cache[host] = await self._resolve(host)
            addresses = self._cache[host]
        bad = [a for a in addresses if not is_public(a)]
        if bad:
            logger.warning("refused %s: %s resolves to non-public address %s", url, host, bad[0])
            raise OutOfScope(url, f"{host} resolves to non-public address {bad[0]} and is not "
                                  "named in the configuration: request refused")
