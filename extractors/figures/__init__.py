"""Figure extraction: Vietnamese news text -> trade and GRDP figures with provenance (issue 3).

`extract_figures` and `check_figures` are imported on first use, so importing a small module
of this package (the confidence threshold, the version) does not load the rules (~130 ms).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from extractors.figures.version import rules_version

# A hash of the rules' source: any change to a module here (or to extractors/model.py) gives a
# new version, and stored pages are re-extracted when the version differs.
EXTRACTOR_VERSION = rules_version()

if TYPE_CHECKING:
    from extractors.figures.checks import check_figures
    from extractors.figures.extract import extract_figures

__all__ = ["EXTRACTOR_VERSION", "check_figures", "extract_figures"]


def __getattr__(name: str) -> Any:
    """The extraction functions, imported lazily (PEP 562)."""
    if name == "extract_figures":
        from extractors.figures.extract import extract_figures

        return extract_figures
    if name == "check_figures":
        from extractors.figures.checks import check_figures

        return check_figures
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
