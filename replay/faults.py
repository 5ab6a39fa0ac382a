"""Fault injection: which request gets which failure (REPLAY.md "Fault plan").

A FaultRule matches a path glob (and optionally one site) and faults every matching request,
or only the first `times` of them so a retry can succeed. A FaultPlan's `rate` faults that
share of article requests with a fault drawn from `faults`, deterministically by seed, path and
attempt number.

Faults and their params (all optional):
    status_429        429 with Retry-After: retry_after (seconds, default 1)
    status_500/503    that status (503 also sends Retry-After when retry_after is given)
    not_found         404
    reset             TCP reset: when="before" (no byte sent, default) or "after" (headers and
                      half the body, then reset); the log records status 0
    slow              headers at once, body in `chunks` (4) pieces, `delay_s` (0.5) before each
    truncate          the body cut at `fraction` (0.5), Content-Length honest to the cut
    charset_wrong     a UTF-8 page sent as Windows-1258 bytes still labelled utf-8, or a
                      Windows-1258 page sent as UTF-8 still labelled windows-1258
    charset_missing   Windows-1258 bytes, no charset in Content-Type or <meta>
    huge              `size_mb` (20) MB of HTML; compressed=True: a gzip bomb (small on the
                      wire) when the client accepts gzip; chunked=True: no Content-Length
    redirect_loop     302 to ?loop=1, which 302s back
    redirect_offsite  302 to `to` (default: the same path on the other site, host "localhost")
    robots_disallow   robots.txt of the rule's site(s) gains "Disallow: <path glob>"
    malformed_feed    RSS/Atom cut mid-element with a stray "&" (feeds only)
    malformed_sitemap the same for sitemaps and sitemap indexes (sitemaps only)
charset_* apply to article and AMP pages only; a rule whose fault does not fit a resource
does not fire (and is not counted) there.
"""

from __future__ import annotations

import fnmatch
import hashlib
import threading
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from extractors.errors import UserError

FAULTS = (
    "status_429", "status_500", "status_503", "reset", "slow", "truncate", "charset_wrong",
    "charset_missing", "huge", "redirect_loop", "redirect_offsite", "not_found",
    "robots_disallow", "malformed_feed", "malformed_sitemap",
)
# Faults that only make sense for one kind of resource; elsewhere they do not fire.
ONLY_FOR = {
    "charset_wrong": {"article", "amp"},
    "charset_missing": {"article", "amp"},
    "malformed_feed": {"feed"},
    "malformed_sitemap": {"sitemap"},
    "robots_disallow": set(),  # acts through robots.txt, never on the request itself
}
RATE_DEFAULT_FAULTS = ("status_429", "status_500", "status_503", "reset")


@dataclass(frozen=True)
class FaultRule:
    """Fault requests whose path matches `path` (a glob) on `site` (None: both)."""

    fault: str
    path: str = "*"
    site: str | None = None
    times: int | None = None  # fault only the first N matching requests of each path
    params: dict[str, Any] = field(default_factory=dict)

    def __init__(self, fault: str, path: str = "*", site: str | None = None,
                 times: int | None = None, **params: Any) -> None:
        if fault not in FAULTS:
            raise ValueError(f"unknown fault {fault!r}; known: {', '.join(FAULTS)}")
        if site not in (None, "kdpt", "tin"):
            raise ValueError(f"unknown site {site!r}; use 'kdpt', 'tin' or None")
        object.__setattr__(self, "fault", fault)
        object.__setattr__(self, "path", path)
        object.__setattr__(self, "site", site)
        object.__setattr__(self, "times", times)
        object.__setattr__(self, "params", dict(params))

    def matches(self, site: str, path: str) -> bool:
        """Whether this rule covers `path` (query string ignored) on `site`."""
        if self.site is not None and self.site != site:
            return False
        return fnmatch.fnmatchcase(path.split("?", 1)[0], self.path)


@dataclass(frozen=True)
class FaultPlan:
    """Rules checked in order, then a random share of article requests."""

    rules: list[FaultRule] = field(default_factory=list)
    rate: float = 0.0
    seed: int = 0
    faults: tuple[str, ...] = RATE_DEFAULT_FAULTS

    def __post_init__(self) -> None:
        if not 0.0 <= self.rate <= 1.0:
            raise ValueError(f"rate must be within [0, 1], not {self.rate}")
        for f in self.faults:
            if f not in FAULTS:
                raise ValueError(f"unknown fault {f!r}")


@dataclass(frozen=True)
class Fault:
    """The fault chosen for one request."""

    name: str
    params: dict[str, Any]


def _unit_hash(*parts: object) -> float:
    digest = hashlib.blake2b("\x1f".join(map(str, parts)).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") / 2**64


class FaultState:
    """A plan plus its counters: decides the fault (if any) of each request, thread-safe."""

    def __init__(self, plan: FaultPlan | None = None) -> None:
        self._lock = threading.Lock()
        self.set_plan(plan or FaultPlan())

    def set_plan(self, plan: FaultPlan) -> None:
        """Switch plans; counters start afresh."""
        with self._lock:
            self.plan = plan
            self._rule_hits: dict[tuple[int, str, str], int] = defaultdict(int)
            self._attempts: dict[tuple[str, str], int] = defaultdict(int)

    def decide(self, site: str, path: str, kind: str) -> Fault | None:
        """The fault for this request of a resource of `kind`, counting it."""
        with self._lock:
            for i, rule in enumerate(self.plan.rules):
                if not rule.matches(site, path) or not _fits(rule.fault, kind):
                    continue
                key = (i, site, path)
                self._rule_hits[key] += 1
                if rule.times is None or self._rule_hits[key] <= rule.times:
                    return Fault(rule.fault, rule.params)
            if self.plan.rate > 0 and kind == "article":
                return self._random(site, path)
        return None

    def _random(self, site: str, path: str) -> Fault | None:
        self._attempts[(site, path)] += 1
        attempt = self._attempts[(site, path)]
        plan = self.plan
        if _unit_hash(plan.seed, site, path, attempt) >= plan.rate:
            return None
        pick = int(_unit_hash(plan.seed, "pick", site, path, attempt) * len(plan.faults))
        return Fault(plan.faults[pick], {})

    def robots_disallows(self, site: str) -> list[str]:
        """The robots.txt Disallow lines the plan adds for `site`."""
        return [r.path if r.path.startswith("/") else "/" + r.path.lstrip("*")
                for r in self.plan.rules
                if r.fault == "robots_disallow" and r.site in (None, site)]


def _fits(fault: str, kind: str) -> bool:
    allowed = ONLY_FOR.get(fault)
    return allowed is None or kind in allowed


def _value(text: str) -> Any:
    for cast in (int, float):
        try:
            return cast(text)
        except ValueError:
            pass
    return {"true": True, "false": False}.get(text.lower(), text)


def parse_fault_spec(spec: str | None) -> FaultPlan:
    """A FaultPlan from the CLI form: 'rate=0.1,seed=7;path=/rss/*:status_500,times=2'."""
    rules: list[FaultRule] = []
    plan_args: dict[str, Any] = {}
    for part in filter(None, (p.strip() for p in (spec or "").split(";"))):
        try:
            if part.startswith("path="):
                rules.append(_parse_rule(part))
            else:
                plan_args.update(_parse_plan(part))
        except (ValueError, TypeError) as e:
            raise UserError(f"--faults: cannot read {part!r}: {e}") from None
    try:
        return FaultPlan(rules=rules, **plan_args)
    except (ValueError, TypeError) as e:
        raise UserError(f"--faults: {e}") from None


def _parse_rule(part: str) -> FaultRule:
    head, _, tail = part.partition(",")
    path, sep, fault = head[len("path="):].rpartition(":")
    if not sep or not path:
        raise ValueError("a rule reads path=GLOB:FAULT[,key=value…]")
    params = dict(kv.split("=", 1) for kv in tail.split(",") if kv)
    args = {k: _value(v) for k, v in params.items()}
    return FaultRule(fault, path=path, **args)


def _parse_plan(part: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for kv in part.split(","):
        key, sep, val = kv.partition("=")
        if not sep or key.strip() not in ("rate", "seed", "faults"):
            raise ValueError("plan settings are rate=, seed= and faults=a|b")
        key = key.strip()
        out[key] = tuple(val.split("|")) if key == "faults" else _value(val)
    return out
