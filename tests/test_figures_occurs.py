"""The once-per-sentence guards before per-number searches never hide a match (occurs.py)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.figures import classify, dating, extract, notfigure, walk
from extractors.figures.occurs import Occurs

# guard -> the pattern it stands before
GUARDS: list[tuple[Occurs, re.Pattern[str]]] = [
    (notfigure._HAS_COUNT_HEAD, notfigure._COUNT_SUBJECT_RE),
    (notfigure._HAS_COUNT_BOUND, notfigure._COUNT_BOUND_RE),
    (notfigure._HAS_INSTEAD, notfigure._INSTEAD_RE),
    (notfigure._HAS_CONSTANT_PRICE, notfigure._CONSTANT_PRICE_RE),
    (walk._HAS_COMPARED, walk._COMPARED_RE),
    (notfigure._HAS_BOUND_BEFORE, notfigure._BOUND_BEFORE_RE),
    (notfigure._HAS_SHARE_WORD, notfigure._SHARE_WORD_RE),
    (classify._HAS_YOY_WORD, classify._YOY_WORD_RE),
    (classify._HAS_CMP, classify._CMP_ANY_RE),
    (dating._HAS_SPAN, dating._SPAN_RE),
    (extract._HAS_FORECAST, extract._FORECAST_RE),
    (walk._HAS_CRUDE, walk._EX_CRUDE_RE),
    (extract._HAS_LAST_YEARS_RATE, extract._LAST_YEARS_RATE_RE),
]

# words of the guarded patterns and their neighbours, in any case, with digits and separators
WORDS = ["có", "gồm", "hai", "ba", "12", "3", "trong", "số", "địa", "phương", "tỉnh", "thành",
         "phố", "tỉnh,", "giá", "so", "sánh", "với", "cao", "thấp", "hơn", "kém", "bằng", "mức",
         "tốc", "độ", "tăng", "trưởng", "đều", "cùng", "đạt", "giảm", "trên", "dưới", "từ", "ở",
         "để", "chiếm", "cơ", "cấu", "tỷ", "tỉ", "trọng", "kỳ", "SCK", "sck", "năm", "trước",
         "ngoái", "sv", "giai", "đoạn", "2021", "-", "–", "2025", "/", "34", ":", ";", "(", ")",
         ",", "5,2%", "lên", "dầu", "thô", "khí", "không", "tính", "kể", "trừ", "ngoài", "ngành",
         "dự", "báo", "thể", "sẽ", "khai", "thác", "này", "(6,13%)", "(", "con",
         "nơi", "nhóm", "hàng", "tới", "vượt", "ngưỡng",
         "thay", "vì"]
SEPS = [" ", "  ", "\u00a0", ""]


@st.composite
def sentences(draw: st.DrawFn) -> str:
    n = draw(st.integers(1, 14))
    parts = []
    for _ in range(n):
        w = draw(st.sampled_from(WORDS))
        case = draw(st.sampled_from(["lower", "upper", "title"]))
        parts.append(getattr(w, case)() if case != "lower" else w)
        parts.append(draw(st.sampled_from(SEPS)))
    return "".join(parts)


@settings(max_examples=600, deadline=None)
@given(sentences())
def test_a_guard_is_found_wherever_its_pattern_is(s: str) -> None:
    for guard, pattern in GUARDS:
        hit = any(pattern.search(s, 0, end) for end in range(len(s) + 1))
        if hit:
            assert guard(s), (pattern.pattern, s)


def test_guards_see_what_they_guard() -> None:
    cases = {
        notfigure._HAS_COUNT_HEAD: "Cả nước có hai địa phương xuất khẩu hơn 20 tỷ USD",
        notfigure._HAS_CONSTANT_PRICE: "GRDP theo Giá So Sánh đạt 50 nghìn tỷ đồng",
        walk._HAS_COMPARED: "cao hơn Mức Tăng 5% của cùng kỳ",
        notfigure._HAS_BOUND_BEFORE: "29/34 Tỉnh, thành tăng trên 7%",
        notfigure._HAS_COUNT_BOUND: "12 Địa phương có kim ngạch vượt 1 tỷ USD",
        notfigure._HAS_INSTEAD: "xuất siêu 5 tỷ USD Thay Vì 4 tỷ USD",
        notfigure._HAS_SHARE_WORD: "Công nghiệp Chiếm 40%",
        classify._HAS_YOY_WORD: "tăng 5% SCK",
        classify._HAS_CMP: "tăng 5% So với tháng trước",
        dating._HAS_SPAN: "Giai đoạn 2021-2025 tăng bình quân 7%",
        extract._HAS_FORECAST: "xuất khẩu Có Thể đạt 20 tỷ USD",
        walk._HAS_CRUDE: "GRDP không kể Dầu Thô tăng 6%",
        extract._HAS_LAST_YEARS_RATE: "Mức tăng này cao hơn Cùng Kỳ Năm Trước (6,13%)",
    }
    plain = "Tỉnh tổ chức hội nghị tổng kết công tác năm"
    for guard, s in cases.items():
        assert guard(s), s
        assert not guard(plain), guard.regex.pattern


def test_the_answer_is_kept_for_the_same_sentence_only() -> None:
    guard = Occurs(r"giá\s+so\s+sánh")
    a = "theo giá so sánh"
    b = "theo giá hiện hành"
    assert guard(a) and not guard(b) and guard(a)
