"""Property tests of the extractor (issue 7, point 7): numbers, periods, arbitrary text.

Expected values are computed here independently of the extractor (Python's own number
formatting, a leap-year rule written out), so a shared mistake cannot hide.
"""

from __future__ import annotations

import unicodedata
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from extractors.figures import check_figures, extract_figures
from extractors.figures.numbers import find_amounts, parse_number
from extractors.figures.periods import find_periods, resolve
from extractors.model import INDICATORS, METRICS, UNITS

# The machine is shared: no per-example deadline, a bounded number of examples each.
FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOWER = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])

YEARS = st.integers(1900, 2099)  # the extractor reads years 19xx and 20xx
MONTHS = st.integers(1, 12)


# ---------------------------------------------------------------- numbers


@st.composite
def decimals(draw: st.DrawFn, max_int: int = 10**12) -> Decimal:
    """A non-negative number with 0 to 3 decimal places."""
    whole = draw(st.integers(0, max_int))
    places = draw(st.integers(0, 3))
    if places == 0:
        return Decimal(whole)
    frac = draw(st.integers(0, 10**places - 1))
    return Decimal(f"{whole}.{frac:0{places}d}")


def written(value: Decimal, number_format: str) -> str:
    """`value` as a newspaper writes it: vi 1.234.567,89 / en 1,234,567.89."""
    whole, _, frac = f"{value:f}".partition(".")
    grouped = f"{int(whole):,}"  # Python groups with ','
    if number_format == "vi":
        grouped = grouped.replace(",", ".")
        return f"{grouped},{frac}" if frac else grouped
    return f"{grouped}.{frac}" if frac else grouped


def test_written_helper() -> None:
    assert written(Decimal("25244.56"), "vi") == "25.244,56"
    assert written(Decimal("25244.56"), "en") == "25,244.56"
    assert written(Decimal("5029100"), "vi") == "5.029.100"
    assert written(Decimal("1.3"), "vi") == "1,3"


@FAST
@given(value=decimals(), number_format=st.sampled_from(["vi", "en"]))
@example(value=Decimal("162.190"), number_format="vi")  # a comma before three digits
@example(value=Decimal("2720"), number_format="vi")  # a dot before three digits
@example(value=Decimal("0.5"), number_format="en")
def test_number_parses_back_to_itself(value: Decimal, number_format: str) -> None:
    text = written(value, number_format)
    assert parse_number(text, number_format) == pytest.approx(float(value), rel=1e-12), text


@FAST
@given(value=decimals(max_int=10**6), number_format=st.sampled_from(["vi", "en"]),
       magnitude=st.sampled_from([("nghìn", 10**3), ("triệu", 10**6), ("tỷ", 10**9)]),
       currency=st.sampled_from([("USD", "USD"), ("đồng", "VND"), ("đô la Mỹ", "USD")]))
def test_amount_with_magnitude_parses_back(value: Decimal, number_format: str,
                                           magnitude: tuple[str, int],
                                           currency: tuple[str, str]) -> None:
    text = f"đạt {written(value, number_format)} {magnitude[0]} {currency[0]}"
    amounts = find_amounts(text, number_format)
    assert len(amounts) == 1, (text, amounts)
    assert amounts[0].value == pytest.approx(float(value * magnitude[1]), rel=1e-9), text
    assert amounts[0].unit == currency[1]


@SLOWER
@given(value=decimals(max_int=999_999), number_format=st.sampled_from(["vi", "en"]),
       year=st.integers(2000, 2030), month=MONTHS,
       flow=st.sampled_from([("xuất khẩu", "export"), ("nhập khẩu", "import")]))
def test_sentence_gives_its_number_and_month(value: Decimal, number_format: str, year: int,
                                             month: int, flow: tuple[str, str]) -> None:
    if value == 0:
        return  # "đạt 0 triệu USD" is no figure a paper prints
    text = (f"Kim ngạch {flow[0]} của tỉnh Lạng Sơn tháng {month}/{year} đạt "
            f"{written(value, number_format)} triệu USD.")
    figures = extract_figures(text, number_format=number_format)
    assert len(figures) == 1, (text, figures)
    f = figures[0]
    assert (f.region, f.indicator, f.metric, f.unit) == ("Lạng Sơn", flow[1], "level", "USD")
    assert f.value == pytest.approx(float(value) * 1e6, rel=1e-9), text
    assert (f.period_start, f.period_end) == month_bounds(year, month), text


# ---------------------------------------------------------------- periods


def is_leap(year: int) -> bool:
    """The Gregorian rule, written out."""
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def month_bounds(year: int, month: int) -> tuple[date, date]:
    """First and last day of a month, from a table of month lengths."""
    days = [31, 29 if is_leap(year) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    return date(year, month, 1), date(year, month, days[month - 1])


def only_period(text: str, published: date | None = None) -> tuple[date, date] | None:
    """The one period a phrase names, resolved; asserts there is exactly one mention."""
    mentions = find_periods(text)
    assert len(mentions) == 1, (text, mentions)
    period = resolve(mentions[0], published, None, None)
    return None if period is None else (period.start, period.end)


def test_leap_rule() -> None:
    assert [is_leap(y) for y in (1900, 2000, 2023, 2024, 2100)] == [False, True, False, True,
                                                                     False]


@FAST
@given(year=YEARS, month=MONTHS, style=st.sampled_from(["tháng {m}/{y}", "tháng {m} năm {y}",
                                                        "tháng {m}-{y}", "tháng {m}.{y}",
                                                        "tháng {m:02d}/{y}"]))
@example(year=2000, month=2, style="tháng {m}/{y}")
@example(year=1900, month=2, style="tháng {m}/{y}")
@example(year=2024, month=2, style="tháng {m}/{y}")
def test_month_boundaries(year: int, month: int, style: str) -> None:
    text = style.format(m=month, y=year)
    assert only_period(text) == month_bounds(year, month), text


QUARTER_WORDS = {1: ["I", "1", "một"], 2: ["II", "2", "hai"], 3: ["III", "3", "ba"],
                 4: ["IV", "4", "bốn", "tư"]}


@FAST
@given(year=YEARS, quarter=st.integers(1, 4), data=st.data(),
       style=st.sampled_from(["quý {q}/{y}", "quý {q} năm {y}", "Quý {q}/{y}"]))
def test_quarter_boundaries(year: int, quarter: int, data: st.DataObject, style: str) -> None:
    word = data.draw(st.sampled_from(QUARTER_WORDS[quarter]))
    text = style.format(q=word, y=year)
    first, _ = month_bounds(year, 3 * quarter - 2)
    _, last = month_bounds(year, 3 * quarter)
    assert only_period(text) == (first, last), text


@FAST
@given(year=YEARS, months=st.integers(2, 12),
       style=st.sampled_from(["{n} tháng đầu năm {y}", "{n} tháng năm {y}", "{n} tháng/{y}"]))
def test_year_to_month_boundaries(year: int, months: int, style: str) -> None:
    text = style.format(n=months, y=year)
    assert only_period(text) == (date(year, 1, 1), month_bounds(year, months)[1]), text


@FAST
@given(year=YEARS, month=MONTHS, first=st.booleans())
def test_half_month_boundaries(year: int, month: int, first: bool) -> None:
    text = f"kỳ {1 if first else 2} tháng {month}/{year}"
    start, end = month_bounds(year, month)
    want = (start, date(year, month, 15)) if first else (date(year, month, 16), end)
    assert only_period(text) == want, text


@FAST
@given(year=YEARS, kind=st.sampled_from(["h1", "h2", "year"]))
def test_half_year_and_year_boundaries(year: int, kind: str) -> None:
    text, want = {
        "h1": (f"6 tháng đầu năm {year}", (date(year, 1, 1), date(year, 6, 30))),
        "h2": (f"6 tháng cuối năm {year}", (date(year, 7, 1), date(year, 12, 31))),
        "year": (f"năm {year}", (date(year, 1, 1), date(year, 12, 31))),
    }[kind]
    assert only_period(text) == want, text


@FAST
@given(year=st.integers(1901, 2099), month=MONTHS)
@example(year=2024, month=2)  # 29 Feb 2024 -> 28 Feb 2023
@example(year=2001, month=2)  # 28 Feb 2001 -> 29 Feb 2000
def test_same_period_last_year_keeps_month_ends(year: int, month: int) -> None:
    ref_start, ref_end = month_bounds(year, month)
    [mention] = find_periods("cùng kỳ năm trước")
    from extractors.figures.periods import Period

    got = resolve(mention, date(year, 12, 31), year, Period(ref_start, ref_end, True))
    assert got is not None
    assert (got.start, got.end) == month_bounds(year - 1, month)


@FAST
@given(year=YEARS, d1=st.integers(1, 28), m1=MONTHS, d2=st.integers(1, 28), m2=MONTHS)
@example(year=2024, d1=15, m1=5, d2=1, m2=3)  # "từ ngày 15/5 đến 1/3/2024": reversed
def test_day_range_is_ordered(year: int, d1: int, m1: int, d2: int, m2: int) -> None:
    text = f"từ ngày {d1}/{m1} đến ngày {d2}/{m2}/{year}"
    got = only_period(text)
    assert got is None or got[0] <= got[1], f"{text!r} resolved to {got}"
    if (m1, d1) <= (m2, d2):
        assert got == (date(year, m1, d1), date(year, m2, d2)), text


@FAST
@given(day=st.dates(date(1900, 1, 1), date(2099, 12, 31)))
def test_year_to_date_ends_on_its_day(day: date) -> None:
    text = f"tính đến ngày {day.day}/{day.month}/{day.year}"
    assert only_period(text) == (date(day.year, 1, 1), day), text


# ---------------------------------------------------------------- arbitrary text

VI_LETTERS = ("aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợ"
              "úùủũụứừửữựýỳỷỹỵ")
ALPHABET = VI_LETTERS + VI_LETTERS.upper() + "0123456789 .,;:%/-–—()\"'“”!?\n\t+−$"
FRAGMENTS = [
    "Kim ngạch", "xuất khẩu", "nhập khẩu", "xuất nhập khẩu", "cán cân thương mại", "GRDP",
    "tăng trưởng", "tỉnh Lạng Sơn", "Quảng Ninh", "Việt Nam", "cửa khẩu Hữu Nghị", "đạt",
    "ước đạt", "ước tính", "tăng", "giảm", "so với cùng kỳ", "cùng kỳ năm trước", "kế hoạch",
    "tháng", "quý", "quý IV", "năm", "năm nay", "6 tháng đầu năm", "kỳ 1 tháng", "từ ngày",
    "đến ngày", "tính đến", "lũy kế", "nửa đầu năm", "triệu", "tỷ", "nghìn tỷ", "USD",
    "đồng", "VNĐ", "%", "phần trăm", "/", ".", ",", "\n\n", "2024", "2/2024", "29/2/2023",
    "31/4", "13/2024", "0", "1.300", "25.244,56", "1,3", "5,029,100", "12.5", "−3,2",
    "Thứ năm, 10h56 27/06/2024", "(KDPT) -", "trong đó", "riêng", "bằng", "chiếm",
]
NUMBERISH = st.from_regex(r"[+\-−]?\d{1,4}(?:[.,]\d{1,4}){0,3}", fullmatch=True)
TEXT = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(ALPHABET, max_size=12), NUMBERISH),
                max_size=40).map(" ".join)


def check_figure_invariants(text: str, figures: list) -> None:
    """What every figure must satisfy whatever the text."""
    norm = unicodedata.normalize("NFC", text)
    for f in figures:
        assert f.indicator in INDICATORS and f.metric in METRICS and f.unit in UNITS, f
        assert f.period_start <= f.period_end, f
        assert 0 <= f.start <= f.end <= len(norm), f
        assert (f.unit == "%") == (f.metric != "level"), f
        assert f.value == f.value, f  # not NaN


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT, published=st.one_of(st.none(), st.dates(date(1990, 1, 1),
                                                          date(2099, 12, 31))),
       number_format=st.sampled_from(["vi", "en"]),
       title=st.one_of(st.none(), st.text(ALPHABET, max_size=40)))
def test_extract_never_raises_on_fragment_soup(text: str, published: date | None,
                                               number_format: str, title: str | None) -> None:
    figures = extract_figures(text, published=published, title=title,
                              number_format=number_format)
    check_figures(figures)
    check_figure_invariants(text, figures)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(max_size=300))
def test_extract_never_raises_on_any_unicode(text: str) -> None:
    figures = extract_figures(text)
    check_figures(figures)
    check_figure_invariants(text, figures)


@pytest.mark.parametrize("number", ["1,2.3,4", "1.2,3.4", "12,345.6,7", "1.234,5.6"])
def test_extract_never_raises_on_mixed_marks(number: str) -> None:
    """Both marks, more than once each: not a number a paper prints, but no crash either."""
    text = f"Kim ngạch xuất khẩu của tỉnh Lạng Sơn tháng 2/2024 đạt {number} triệu USD."
    for number_format in ("vi", "en"):
        check_figure_invariants(text, extract_figures(text, number_format=number_format))


def test_extract_bounded_time_on_a_long_digit_run() -> None:
    """A pathological paragraph (one long number, no spaces) is read in bounded time."""
    import time

    text = "Kim ngạch xuất khẩu đạt " + "123." * 50_000 + "5 triệu USD tháng 2/2024."
    started = time.perf_counter()
    figures = extract_figures(text, published=date(2024, 3, 1))
    assert time.perf_counter() - started < 5.0
    check_figure_invariants(text[:200], [])  # the figures themselves may be anything finite
    assert all(f.value == f.value for f in figures)
