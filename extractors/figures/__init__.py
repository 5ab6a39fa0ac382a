"""Figure extraction: Vietnamese news text -> trade and GRDP figures with provenance (issue 3)."""

from __future__ import annotations

from extractors.figures.checks import check_figures
from extractors.figures.extract import extract_figures

# Bump when a rule changes: stored pages are re-extracted when the version differs.
EXTRACTOR_VERSION = "figures-1.6"

__all__ = ["EXTRACTOR_VERSION", "check_figures", "extract_figures"]
