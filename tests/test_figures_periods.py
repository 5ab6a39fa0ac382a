"""Period phrases resolved to dates, relative years from the publication date."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.figures import extract_figures
from extractors.figures.periods import (
    PERIOD_RE,
    _period_matches,
    _period_regex,
    find_periods,
    resolve,
)

PUB = date(2024, 7, 10)


def _one(text: str, ctx_year: int | None = 2024, published: date | None = PUB) -> tuple:
    (m,) = find_periods(text)
    p = resolve(m, published, ctx_year, None)
    return (p.start.isoformat(), p.end.isoformat()) if p else None


@pytest.mark.parametrize(("text", "start", "end"), [
    ("tháng 5/2024", "2024-05-01", "2024-05-31"),
    ("tháng 3.2010", "2010-03-01", "2010-03-31"),
    ("tháng 2 năm 2024", "2024-02-01", "2024-02-29"),
    ("quý I/2023", "2023-01-01", "2023-03-31"),
    ("quý 1-2025", "2025-01-01", "2025-03-31"),
    ("quý IV năm 2023", "2023-10-01", "2023-12-31"),
    ("6 tháng đầu năm 2024", "2024-01-01", "2024-06-30"),
    ("sáu tháng đầu năm", "2024-01-01", "2024-06-30"),
    ("nửa đầu năm", "2024-01-01", "2024-06-30"),
    ("9 tháng", "2024-01-01", "2024-09-30"),
    ("11 tháng năm 2023", "2023-01-01", "2023-11-30"),
    ("tính đến ngày 13/6/2024", "2024-01-01", "2024-06-13"),
    ("tính đến hết ngày 15/6", "2024-01-01", "2024-06-15"),
    ("đến hết tháng 5/2024", "2024-01-01", "2024-05-31"),
    ("kỳ 1 tháng 5", "2024-05-01", "2024-05-15"),
    ("kỳ 2 tháng 5/2024", "2024-05-16", "2024-05-31"),
    ("cả năm 2023", "2023-01-01", "2023-12-31"),
    ("năm 2023", "2023-01-01", "2023-12-31"),
    ("năm nay", "2024-01-01", "2024-12-31"),
    ("năm ngoái", "2023-01-01", "2023-12-31"),
    ("6 tháng cuối năm", "2024-07-01", "2024-12-31"),
    ("quý đầu năm", "2024-01-01", "2024-03-31"),
])
def test_period_phrases(text: str, start: str, end: str) -> None:
    assert _one(text) == (start, end)


def test_vague_periods_resolve_to_nothing() -> None:
    assert _one("những tháng đầu năm 2024") is None


def _periods(text: str, published: date = PUB) -> set[tuple[str, str]]:
    return {(f.period_start.isoformat(), f.period_end.isoformat())
            for f in extract_figures(text, published)}


def test_paragraph_period_is_inherited() -> None:
    text = ("Tỉnh Nam Định: 5 tháng đầu năm 2024, kim ngạch xuất khẩu đạt 1,1 tỷ USD. "
            "Nhập khẩu đạt 700 triệu USD, tăng 9%.")
    assert _periods(text) == {("2024-01-01", "2024-05-31")}


def test_same_period_last_year_is_its_own_period() -> None:
    text = ("Quý I/2024, xuất khẩu của Hà Nam đạt 1,5 tỷ USD (cùng kỳ năm trước đạt 1,2 tỷ USD).")
    assert _periods(text) == {("2024-01-01", "2024-03-31"), ("2023-01-01", "2023-03-31")}


def test_month_after_publication_is_last_years() -> None:
    text = "Tháng 12, xuất khẩu của Cà Mau đạt 120 triệu USD, tăng 4%."
    assert _periods(text, date(2025, 1, 5)) == {("2024-12-01", "2024-12-31")}


def test_relative_year_from_publication() -> None:
    text = "Năm ngoái, kim ngạch xuất khẩu của Bến Tre đạt 1,6 tỷ USD."
    assert _periods(text, date(2025, 3, 1)) == {("2024-01-01", "2024-12-31")}


def test_figure_without_any_period_is_left_out() -> None:
    assert extract_figures("Kim ngạch xuất khẩu của Sóc Trăng đạt 1 tỷ USD.", PUB) == []


def test_last_years_value_beside_an_estimate_is_not_an_estimate() -> None:
    text = ("Chín tháng năm 2024, cả nước ước tính xuất siêu 20,8 tỷ USD (cùng kỳ năm trước xuất "
            "siêu 21,7 tỷ USD).")
    got = {(f.period_start.year, f.value, f.estimate) for f in extract_figures(text, PUB)}
    assert got == {(2024, 20.8e9, True), (2023, 21.7e9, False)}


# words periods are written with, for the test below
_PERIOD_WORDS = ["tháng", "Tháng", "quý", "Quý", "quí", "I", "II", "IV", "năm", "Năm", "nay",
                 "ngoái", "trước", "qua", "6", "12", "2024", "2023/2024", "/", "-", ".", "đầu",
                 "Đầu", "cuối", "nửa", "Nửa", "kỳ", "1", "từ", "Từ", "đến", "tới", "hết", "ngày",
                 "15/6", "lũy", "kế", "Lũy", "luỹ", "cộng", "dồn", "tính", "cùng", "Cùng", "cả",
                 "Cả", "sáu", "Sáu", "hai", "ba", "bốn", "mười", "những", "các", "thời", "gian",
                 "giai", "đoạn", "giá", "so", "sánh", "trong", "Trong", "này", "sau", "Một",
                 "Giêng", "chạp", "vừa", "của", ",", "2021-2025"]


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(_PERIOD_WORDS), min_size=1, max_size=12),
       st.lists(st.sampled_from([" ", "  ", ", ", ""]), min_size=12, max_size=12))
def test_first_letter_guards_change_no_match(words: list[str], seps: list[str]) -> None:
    """PERIOD_RE tries a pattern only where its first letter stands: it finds what the
    unguarded regex finds."""
    text = "".join(w + s for w, s in zip(words, seps, strict=False))
    plain = _period_regex(guarded=False)
    assert [(m.span(), m.lastgroup, m.groups()) for m in PERIOD_RE.finditer(text)] == \
        [(m.span(), m.lastgroup, m.groups()) for m in plain.finditer(text)]


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(_PERIOD_WORDS), min_size=1, max_size=12),
       st.lists(st.sampled_from([" ", "  ", ", ", ""]), min_size=12, max_size=12),
       st.sampled_from(["keep", "upper", "lower"]))
def test_lower_case_scan_finds_what_the_case_ignoring_scan_finds(
        words: list[str], seps: list[str], case: str) -> None:
    """find_periods scans the lower-cased text and tries PERIOD_RE where that scan stops: the
    mentions are those of PERIOD_RE.finditer, "tháng Năm" (May) and "tháng năm" alike."""
    text = "".join(w + s for w, s in zip(words, seps, strict=False))
    text = text if case == "keep" else getattr(text, case)()
    assert [(m.span(), m.lastgroup, m.groups()) for m in _period_matches(text, 0, len(text))] \
        == [(m.span(), m.lastgroup, m.groups()) for m in PERIOD_RE.finditer(text)]


def test_month_names_keep_their_case_rule() -> None:
    may = find_periods("Trong tháng Năm 2024, xuất khẩu tăng")
    assert [(m.kind, m.parts.get("m")) for m in may][:1] == [("month", "Năm")]
    assert all(m.kind != "month" for m in find_periods("theo tháng năm, từng quý"))


def test_text_whose_lower_case_is_longer_still_finds_periods() -> None:
    text = "İ 6 tháng đầu năm 2024, kim ngạch tăng"
    assert len(text.lower()) != len(text)
    assert [m.kind for m in find_periods(text)] == ["months"]
