"""Records passed between fetching, extraction and the warehouse: frozen dataclasses."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any

INDICATORS = (
    "trade_total",
    "export",
    "import",
    "trade_balance",
    "grdp",
    "grdp_agriculture",
    "grdp_industry_construction",
    "grdp_services",
    "grdp_product_taxes",
    "gdp",
)
METRICS = ("level", "yoy_pct", "plan_pct")
UNITS = ("USD", "VND", "%")


def figure_value(metric: str, value: float) -> float:
    """A figure's value as it is kept, shown and compared from extraction to `series`: a level
    to 0.01 of its unit, a rate to 0.000001 point (what the binary arithmetic of "1,87 tỷ" or
    "105,3% kế hoạch" adds beyond that is noise). The one rounding of a value: the warehouse
    stores, keys (vintage_id) and shows it as given."""
    return round(value, 2) if metric == "level" else round(value, 6)


@dataclass(frozen=True, slots=True)
class Figure:
    """One number a text states about the economy of a place and a period (figures-schema.md)."""

    region: str
    indicator: str
    scope: str
    metric: str
    value: float
    unit: str
    period_start: date
    period_end: date
    estimate: bool
    sentence: str
    start: int
    end: int
    qualifier: str | None = None  # gần / hơn / trên / khoảng / xấp xỉ, as written
    region_successor: str | None = None  # the province after the 2025 merger, when different
    # 0–1, from the evidence the figure rests on (explicit period and region in its clause vs
    # inherited, a year inferred from the publication date, plausibility); reasons say what
    # lowered it. `series` takes figures at or above the configured threshold.
    confidence: float = 1.0
    confidence_reasons: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict with ISO dates (the jsonl format of `tradewatch extract`)."""
        d = asdict(self)
        d["period_start"] = self.period_start.isoformat()
        d["period_end"] = self.period_end.isoformat()
        d["confidence_reasons"] = list(self.confidence_reasons)
        return d


@dataclass(frozen=True, slots=True)
class Check:
    """A consistency flag over one article's figures; never used to change a value."""

    kind: str  # e.g. "components_vs_total", "plan_implied", "sectors_vs_whole"
    status: str  # "ok" or "mismatch"
    message: str
    figures: tuple[int, ...] = ()  # indexes into the figure list the check was run on

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {"kind": self.kind, "status": self.status, "message": self.message,
                "figures": list(self.figures)}


@dataclass(frozen=True, slots=True)
class Article:
    """An article page reduced to what extraction and provenance need."""

    url: str  # canonical URL
    source: str  # the configured source name
    title: str | None
    published: datetime | None
    text: str
    author: str | None = None
    fetched_url: str | None = None  # the URL actually fetched, when not the canonical one
    section: str | None = None
    language: str | None = None
    # set at ingestion (extractors/hygiene.py): the text was cut at MAX_TEXT_CHARS, how many
    # undecodable bytes of the page were replaced (U+FFFD), its figures cut at MAX_FIGURES
    text_truncated: bool = False
    replaced_bytes: int = 0
    figures_truncated: bool = False  # more figures than MAX_FIGURES: the first ones kept


@dataclass(frozen=True, slots=True)
class Page:
    """One HTTP fetch as it came back: what the warehouse keeps raw."""

    url: str  # the URL asked for (canonical form)
    final_url: str  # after redirects
    status: int
    headers: dict[str, str]
    body: bytes  # decoded from transfer encoding, not from charset
    fetched_at: datetime
    text: str | None = None  # body decoded with the detected charset
    encoding: str | None = None
    not_modified: bool = False  # a 304 answer to a conditional GET
    extra: dict[str, Any] = field(default_factory=dict)
