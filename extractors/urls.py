"""Canonical URLs: one spelling per article, so the same page is never stored twice.

Policy (dedupe depends on it, so it is deliberately conservative):
- scheme and host lower-cased, default ports dropped, fragments dropped;
- tracking parameters (utm_*, fbclid, gclid, Zalo's zarsrc, ...) dropped, the rest sorted;
- AMP copies (`/amp/...`, `.../amp/`, `x.amp.html`, `?amp`, `amp.` host) and mobile hosts
  (`m.`, `mobile.`) mapped to the main page;
- trailing slash: kept as the site writes it (sites differ and a wrong guess is a 404), except
  after a file name (`/a.html/` -> `/a.html`); an empty path becomes `/`; `//` collapses.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "gbraid", "wbraid", "dclid", "msclkid", "yclid", "twclid", "igshid",
    "mc_cid", "mc_eid", "_ga", "_gl", "zarsrc", "gidzl", "amp", "amp_js_v", "usqp",
    "outputtype", "ref_src", "spm",
})
TRACKING_PREFIXES = ("utm_", "_hs", "pk_", "mtm_")
MOBILE_PREFIXES = ("m.", "mobile.", "amp.")
DEFAULT_PORTS = {"http": 80, "https": 443}

_FILE_SLASH = re.compile(r"(\.[A-Za-z0-9]{2,5})/+$")
_AMP_EXT = re.compile(r"\.amp(\.[A-Za-z0-9]{2,5})$")
_MULTI_SLASH = re.compile(r"/{2,}")
_PCT = re.compile(r"%[0-9a-f]{2}")


def _host(netloc_host: str) -> str:
    host = netloc_host.lower().rstrip(".")
    for prefix in MOBILE_PREFIXES:
        if host.startswith(prefix) and host.count(".") >= 2:
            return host[len(prefix):]
    return host


def _netloc(scheme: str, host: str, port: int | None) -> str:
    if port is None or DEFAULT_PORTS.get(scheme) == port:
        return host
    return f"{host}:{port}"


def _path(path: str) -> str:
    path = _MULTI_SLASH.sub("/", path or "/")
    path = _PCT.sub(lambda m: m.group(0).upper(), path)
    if path.startswith("/amp/"):
        path = path[4:]
    if path.endswith("/amp/") or path.endswith("/amp"):
        path = path[: path.rfind("/amp")] + "/"
    path = _AMP_EXT.sub(r"\1", path)
    return _FILE_SLASH.sub(r"\1", path) or "/"


def _is_tracking(key: str) -> bool:
    k = key.lower()
    return k in TRACKING_PARAMS or k.startswith(TRACKING_PREFIXES)


def _query(query: str) -> str:
    pairs = [(k, v) for k, v in parse_qsl(query, keep_blank_values=True) if not _is_tracking(k)]
    return urlencode(sorted(pairs))


def canonical_url(url: str, base: str | None = None) -> str:
    """The canonical spelling of `url` (resolved against `base` when relative); a URL that
    cannot be parsed (a broken IPv6 host) comes back stripped, as it is."""
    try:
        return _canonical(url, base)
    except ValueError:
        return url.strip()


def _canonical(url: str, base: str | None) -> str:
    if base:
        url = urljoin(base, url)
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS:
        return url.strip()
    host = _host(parts.hostname or "")
    try:
        port = parts.port
    except ValueError:
        port = None
    return urlunsplit((scheme, _netloc(scheme, host, port), _path(parts.path),
                       _query(parts.query), ""))


def netloc_of(url: str) -> str:
    """`host[:port]` of `url`, lower-cased, default port dropped ('' when none or unparseable)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    try:
        port = parts.port
    except ValueError:
        port = None
    scheme = parts.scheme.lower() or "http"
    return _netloc(scheme, (parts.hostname or "").lower(), port)


def site_hosts(*netlocs: str) -> frozenset[str]:
    """The netlocs that count as one site: each given `host[:port]` with and without `www.`,
    and its mobile/AMP twins (ports matter: two sites on 127.0.0.1 are two sites)."""
    out: set[str] = set()
    for n in netlocs:
        host, sep, port = n.lower().partition(":")
        host = _host(host)
        bare = host[4:] if host.startswith("www.") else host
        for h in (bare, "www." + bare, *(p + bare for p in MOBILE_PREFIXES)):
            out.add(h + sep + port)
    return frozenset(out)


def same_site(url: str, netlocs: frozenset[str]) -> bool:
    """Whether `url` is http(s) on one of `netlocs` (see site_hosts)."""
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return False
    return scheme in DEFAULT_PORTS and netloc_of(url) in netlocs
