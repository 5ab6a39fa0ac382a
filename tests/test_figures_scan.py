"""The one-pass phrase scan (extractors/figures/scan.py) gives the tables' own regex matches."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.figures import events, vocab
from extractors.figures.scan import PhraseScan
from extractors.figures.table import Table, words

_TABLES = [events._MISC, vocab.INDICATORS, vocab.BLOCKERS]
_SCAN = PhraseScan(_TABLES)


def _by_regex(low: str) -> list[tuple[int, int, int, object]]:
    return [(rank, m.start(), m.end(), t.value(m.group(0)))
            for rank, t in enumerate(_TABLES) for m in t.lower_regex.finditer(low)]


@pytest.mark.parametrize("text", [
    "kim ngạch xuất nhập khẩu của tỉnh ước đạt 1,2 tỷ usd, trong đó xuất khẩu đạt 700 triệu usd",
    "tổng kim ngạch xuất, nhập khẩu hàng hoá qua cửa khẩu tăng 12%",
    "xuất - nhập khẩu và xuất–nhập khẩu, nhập siêu, thặng dư thương mại",
    "giá trị sản xuất công nghiệp; vốn đầu tư fdi; thu ngân sách nhà nước",
    "(xuất khẩu) \"nhập khẩu\" -xuất khẩu nhậpkhẩu xuấtkhẩu_ grdp/gdp",
    "khu vực công nghiệp - xây dựng tăng 8%, nông, lâm nghiệp và thủy sản tăng 3%",
    "xuất khẩu\u00a0của tỉnh đạt 2 tỷ usd\tvà nhập khẩu 1 tỷ usd",
])
def test_the_scan_gives_the_regex_matches(text: str) -> None:
    low = text.lower()
    assert _SCAN.matches(low) == _by_regex(low)


def test_runs_of_spaces_are_left_to_the_regexes() -> None:
    assert _SCAN.matches("xuất  khẩu đạt 2 tỷ usd") is None
    assert _SCAN.matches("xuất \u00a0khẩu") is None


def test_both_tone_placements_and_the_longest_phrase_win() -> None:
    table = Table(words("hàng hóa", value="goods") + words("hàng hóa xuất khẩu", value="exports")
                  + words("xuất khẩu", value="x"))
    scan = PhraseScan([table])
    got = scan.matches("hàng hoá xuất khẩu và hàng hóa, xuất khẩu")
    assert [(a, b, v) for _r, a, b, v in got] == [(0, 18, "exports"), (22, 30, "goods"),
                                                  (32, 41, "x")]


def test_a_table_with_another_boundary_is_refused() -> None:
    with pytest.raises(ValueError, match="word boundaries"):
        PhraseScan([Table(words("đạt"), left=r"^\s*")])


# the tables' own words, a few neighbours, punctuation and spacing of every kind, in any order
_WORDS = sorted({w for t in _TABLES for p, _v in t.rows for w in p.lower().split()}
                | {"hoá", "hóa", "thuỷ", "thủy", "-", "–", ",", "(", ")", "1,2%", "_", "x"})


@st.composite
def _texts(draw: st.DrawFn) -> str:
    out = []
    for w in draw(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=14)):
        out.append(w)
        out.append(draw(st.sampled_from([" ", " ", " ", "", "-", " - ", ", ", "\u00a0", "\n",
                                         "  "])))
    return "".join(out)


@settings(max_examples=800, deadline=None)
@given(_texts())
def test_the_scan_finds_what_the_regexes_find(text: str) -> None:
    got = _SCAN.matches(text)
    if got is None:  # two whitespace characters in a row: the caller uses the regexes
        assert "  " in "".join(" " if c.isspace() else c for c in text)
    else:
        assert got == _by_regex(text), text
