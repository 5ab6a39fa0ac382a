"""Loading a fetched batch so that no one article can stop the others.

A batch is loaded in parts of at most LOAD_PART_BYTES of page and text bytes (each part one
transaction: a killed run still leaves whole parts), so the writer's memory follows the bytes
a load carries, not its number of articles. A part whose load fails is split in halves until
the article that fails alone is found; that article goes to the retry queue as a `load`
failure with its reason (not retried: it would fail the same way) and the rest loads. An
error of the warehouse itself (an I/O error: a full disk, a broken file) is never blamed on an
article: it stops the run at once, as does a part holding nothing but failures that cannot be
loaded.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from extractors.hygiene import MAX_TEXT_CHARS
from extractors.model import Page
from warehouse.batch import Batch, ExtractedArticle, Failure
from warehouse.errors import WarehouseBusy, WarehouseError

if TYPE_CHECKING:
    from extractors.fetching import FetchOutcome

logger = logging.getLogger(__name__)

# Page body + article text bytes per load transaction. Measured (bench/bench_hostile.py):
# 8 MB of text loads under the writer's memory cap sized by bytes (warehouse/load.py), and a
# run of articles of any size under the 5 MB page cap stays under the 400 MB target.
LOAD_PART_BYTES = 8_000_000

# Article text (an estimate: the page's visible characters, at most the extractor's bound)
# extracted per part of a batch. Figures are bounded per article (hygiene.MAX_FIGURES), so
# this guards the text itself: a batch within [run] batch_max_mb (10) is one part.
EXTRACT_TEXT_CHARS = 16_000_000
_MARKUP = re.compile(r"(?s)<script.*?</script>|<style.*?</style>|<[^>]*>")

LoadTotals = dict[str, int | float]  # LoadStats fields summed over parts, and load_parts
Loader = Callable[[Batch], LoadTotals]
BOOST_MEMORY_MB = 512  # DuckDB memory for a lone article that ran out of the usual cap
# Errors of the warehouse, not of what is loaded (DuckDB's messages, first line).
_ENVIRONMENT = ("IO Error", "Could not write", "No space left", "File too large",
                "Failed to commit", "database has been invalidated", "Could not set lock")


@dataclass
class Unit:
    """What must load together: one page and the article parsed from it (or a lone item)."""

    page: Page | None = None
    article: ExtractedArticle | None = None
    failures: list[Failure] = field(default_factory=list)
    not_modified: list[str] = field(default_factory=list)
    deferred: list[str] = field(default_factory=list)

    @property
    def size(self) -> int:
        """Bytes it carries into the load: the raw body (stored zlib-compressed: HTML shrinks
        about 4 times), the text (twice: stored, and its words for MinHash), figure rows."""
        n = len(self.page.body) // 4 if self.page is not None else 0
        if self.article is not None:
            a = self.article.article
            n += 2 * len(a.text or "") + len(a.title or "")
            n += sum(len(f.sentence) + 200 for f in self.article.figures)
        return n + 200 * (len(self.failures) + len(self.not_modified))

    @property
    def url(self) -> str:
        """The URL this unit is known by (its page's, or its first failure's)."""
        if self.page is not None:
            return self.page.url
        return (self.failures[0].url if self.failures else
                (self.not_modified or self.deferred or ["?"])[0])


def units(batch: Batch) -> list[Unit]:
    """The batch as units: each page with its article; failures and 304s one per unit."""
    by_final = {(a.article.fetched_url or a.article.url): a for a in batch.articles}
    out: list[Unit] = []
    for page in batch.pages:
        out.append(Unit(page=page, article=by_final.pop(page.final_url, None)))
    out += [Unit(article=a) for a in by_final.values()]  # no page (reprocess-style batches)
    out += [Unit(failures=[f]) for f in batch.failures]
    out += [Unit(not_modified=[u]) for u in batch.not_modified]
    if batch.deferred:
        out.append(Unit(deferred=list(batch.deferred)))
    return out


def batch_of(template: Batch, parts: list[Unit]) -> Batch:
    """A Batch holding `parts`, with the run, source and time of `template`."""
    b = Batch(run_id=template.run_id, source=template.source, at=template.at)
    for u in parts:
        if u.page is not None:
            b.pages.append(u.page)
        if u.article is not None:
            b.articles.append(u.article)
        b.failures += u.failures
        b.not_modified += u.not_modified
        b.deferred += u.deferred
    return b


def by_bytes(items: list[Unit], budget: int = LOAD_PART_BYTES) -> list[list[Unit]]:
    """`items` cut, in order, into parts of at most `budget` bytes (a bigger item alone)."""
    parts: list[list[Unit]] = []
    size = 0
    for u in items:
        if not parts or (size + u.size > budget and parts[-1]):
            parts.append([])
            size = 0
        parts[-1].append(u)
        size += u.size
    return parts


def text_estimate(outcome: FetchOutcome) -> int:
    """About how many characters of text extraction will see in a fetched page."""
    page = outcome.page
    if page is None or page.text is None:
        return 0
    visible = len(_MARKUP.sub("", page.text)) if len(page.text) < 50_000_000 else len(page.text)
    return min(visible, MAX_TEXT_CHARS)


def _upper_bound(outcome: FetchOutcome) -> int:
    page = outcome.page
    return min(len(page.text), MAX_TEXT_CHARS) if page is not None and page.text else 0


def by_text(outcomes: list[FetchOutcome], budget: int = EXTRACT_TEXT_CHARS
            ) -> list[list[FetchOutcome]]:
    """Fetch outcomes cut, in order, into parts of at most `budget` characters of text (the
    markup is counted out only when the pages' whole length is over the budget)."""
    if sum(_upper_bound(o) for o in outcomes) <= budget:
        return [list(outcomes)] if outcomes else []
    parts: list[list[FetchOutcome]] = []
    size = 0
    for out in outcomes:
        n = text_estimate(out)
        if not parts or (size + n > budget and parts[-1]):
            parts.append([])
            size = 0
        parts[-1].append(out)
        size += n
    return parts


def _quarantined(unit: Unit, template: Batch, error: Exception) -> Unit:
    """The unit as a `load` failure of its URL (not retried: it would fail the same way)."""
    reason = f"load failed: {_one_line(error)}"[:300]
    logger.warning("%s: %s; left out of the batch, the rest loads", unit.url, reason)
    failure = Failure(unit.url, template.source, "load", reason, None, False, datetime.now(UTC))
    return Unit(failures=[failure, *unit.failures], not_modified=unit.not_modified)


def _one_line(error: Exception) -> str:
    lines = str(error).strip().splitlines()
    first = lines[0] if lines else ""
    if isinstance(error, WarehouseError):
        return first.removeprefix("load failed and was rolled back: ")
    return f"{type(error).__name__}: {first}"


def load_isolating(template: Batch, items: list[Unit], load: Loader,
                   totals: LoadTotals) -> None:
    """Load `items` in one transaction; on failure, halve until the failing unit is found."""
    try:
        _add(totals, load(batch_of(template, items)))
        return
    except WarehouseBusy:
        raise
    except Exception as e:  # noqa: BLE001 - split to find the one unit that fails
        if is_environment(e):
            raise _warehouse_error(e) from e
        if len(items) > 1:
            logger.info("a load of %d items failed (%s); splitting it", len(items), _one_line(e))
            half = len(items) // 2
            load_isolating(template, items[:half], load, totals)
            load_isolating(template, items[half:], load, totals)
            return
        if items[0].page is None and items[0].article is None:
            raise _warehouse_error(e) from e  # nothing of the site's left: the warehouse fails
        _load_alone(template, items[0], load, totals, e)


def _load_alone(template: Batch, unit: Unit, load: Loader, totals: LoadTotals,
                error: Exception | None = None) -> None:
    """One unit on a fresh connection (the failed load closed the last one: what an earlier
    load left in memory is gone), with BOOST_MEMORY_MB when it ran out of memory; when it
    fails again, it is quarantined."""
    boost = getattr(load, "boost", None)
    if boost is not None and error is not None and "Out of Memory" in str(error):
        boost(BOOST_MEMORY_MB)
    try:
        _add(totals, load(batch_of(template, [unit])))
        return
    except WarehouseBusy:
        raise
    except Exception as e:  # noqa: BLE001 - this unit fails alone: recorded below
        if is_environment(e):
            raise _warehouse_error(e) from e
        error = e
    try:
        _add(totals, load(batch_of(template, [_quarantined(unit, template, error)])))
    except Exception:  # noqa: BLE001 - the failure alone does not load either
        raise _warehouse_error(error) from error


def is_environment(error: BaseException) -> bool:
    """Whether a load failed for the warehouse's sake (I/O, a full disk), not the data's."""
    if isinstance(error, OSError | MemoryError):
        return isinstance(error, OSError)
    causes = [error, error.__cause__, error.__context__]
    return any(c is not None and any(m in str(c) for m in _ENVIRONMENT) for c in causes)


def _warehouse_error(error: Exception) -> WarehouseError:
    if isinstance(error, WarehouseError):
        return error
    return WarehouseError(f"load failed and was rolled back: {_one_line(error)}")


def _add(totals: LoadTotals, stats: LoadTotals) -> None:
    for key, value in stats.items():
        if isinstance(value, int | float) and not isinstance(value, bool):
            totals[key] = totals.get(key, 0) + value
    totals["load_parts"] = totals.get("load_parts", 0) + 1
