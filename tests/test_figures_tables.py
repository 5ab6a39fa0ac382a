"""Word tables searched in lower-cased text find what the case-ignoring search finds."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.figures import vocab
from extractors.figures.events import _MISC, vocab_events

TABLES = [_MISC, vocab.INDICATORS, vocab.BLOCKERS]
# words of the tables' phrases, and some neighbours
WORDS = sorted({w for table in TABLES for p, _v in table.rows for w in p.split()}
               | {"2024", "5,2%", "tỷ", "USD", "(", ")", ";", "hoá", "hóa", "Hoá", "-"})


@st.composite
def texts(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=14))
    out = []
    for w in words:
        case = draw(st.sampled_from(["keep", "upper", "title", "lower"]))
        out.append(w if case == "keep" else getattr(w, case)())
        out.append(draw(st.sampled_from([" ", "  ", "\u00a0", ", "])))
    return "".join(out)


@settings(max_examples=500, deadline=None)
@given(texts())
def test_lower_case_search_finds_the_same_phrases(text: str) -> None:
    low = text.lower()
    assert len(low) == len(text)
    for table in TABLES:
        assert [m.span() for m in table.lower_regex.finditer(low)] == \
            [m.span() for m in table.regex.finditer(text)]


def test_text_whose_lower_case_is_longer_is_searched_ignoring_case() -> None:
    # "İ".lower() is two characters: offsets would shift, so the case-ignoring search is used
    text = "İ Trong đó, khu vực có vốn đầu tư nước ngoài ước đạt 10 tỷ USD"
    assert len(text.lower()) != len(text)
    events = vocab_events(text)
    assert any(e.kind == "trongdo" and text[e.start:e.end] == "Trong đó" for e in events)


def test_lower_regex_is_only_for_tables_that_ignore_case() -> None:
    from extractors.figures.regions import REGIONS

    with pytest.raises(ValueError, match="case-insensitive"):
        _ = REGIONS.lower_regex
