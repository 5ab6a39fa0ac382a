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
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from extractors.http.errors import OutOfScope
from extractors.settings import SourceSettings
from extractors.urls import netloc_of, same_site

logger = logging.getLogger(__name__)

# host -> the addresses it resolves to ([] when it does not resolve)
Resolver = Callable[[str], Awaitable[list[str]]]


@dataclass(frozen=True, slots=True)
class Scope:
    """The hosts one source may reach, and the host names its configuration gives."""

    source: str
    hosts: frozenset[str]  # netlocs, twins included (see urls.site_hosts)
    named: frozenset[str]  # host names (no port) written in the configuration

    def check_host(self, url: str) -> None:
        """OutOfScope unless `url` is http(s) on one of the source's hosts."""
        if not same_site(url, self.hosts):
            raise OutOfScope(url, f"{netloc_of(url) or url!r} is not a host of source "
                                  f"{self.source!r}: request refused")


def scope_of(settings: SourceSettings) -> Scope:
    """The Scope of a configured source (its hosts as the Source computes them)."""
    from extractors.sources import get_source  # the sources package imports this one

    source = get_source(settings)
    urls = [source.base_url, *source.feeds, *source.sitemaps, *source.listings]
    named = {(urlsplit(u).hostname or "").lower() for u in urls}
    named |= {h.lower().rpartition(":")[0] if ":" in h else h.lower() for h in settings.hosts}
    return Scope(settings.name, source.hosts, frozenset(named - {""}))


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
