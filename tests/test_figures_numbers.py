"""Vietnamese and English number formats, magnitudes and currencies."""

from __future__ import annotations

import pytest

from extractors.figures.numbers import find_amounts, parse_number


@pytest.mark.parametrize(("written", "fmt", "value"), [
    ("25.244,56", "vi", 25244.56),
    ("2.720", "vi", 2720),
    ("1,3", "vi", 1.3),
    ("51.990,563", "vi", 51990.563),
    ("5.029.100", "vi", 5029100),
    ("162,190", "vi", 162.19),  # a comma is the decimal mark in vi, even before three digits
    ("1.3", "vi", 1.3),  # a dot before one digit cannot group thousands
    ("25,244.56", "en", 25244.56),
    ("2,720", "en", 2720),
    ("1.3", "en", 1.3),
    ("1,3", "en", 1.3),
    ("5,029,100", "en", 5029100),
])
def test_parse_number(written: str, fmt: str, value: float) -> None:
    assert parse_number(written, fmt) == pytest.approx(value)


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("đạt 25.244,56 triệu USD", 25244560000, "USD"),
    ("đạt 1,3 tỷ USD", 1.3e9, "USD"),
    ("45 nghìn tỷ đồng", 45e12, "VND"),
    ("hơn 142 triệu USD", 142e6, "USD"),
    ("13 tỷ 500 triệu đồng", 13.5e9, "VND"),
    ("5.029.100 USD", 5029100, "USD"),
    ("162,190 triệu USD", 162.19e6, "USD"),
    ("2 tỉ đô la Mỹ", 2e9, "USD"),
    ("350 nghìn USD", 350e3, "USD"),
    ("1,2 triệu tỷ đồng", 1.2e15, "VND"),
    ("900 ngàn tỷ VNĐ", 900e12, "VND"),
    ("4 tỷ đôla", 4e9, "USD"),
    ("7 triệu Đô la Mỹ", 7e6, "USD"),
])
def test_amounts(text: str, value: float, unit: str) -> None:
    amounts = find_amounts(text)
    assert len(amounts) == 1
    assert amounts[0].value == pytest.approx(value)
    assert amounts[0].unit == unit


def test_bare_amount_with_three_decimals_is_an_english_leak() -> None:
    assert find_amounts("352,500 USD")[0].value == 352500


@pytest.mark.parametrize("text", ["500 USD/tấn", "4.500 USD/người", "tháng 5/2024", "năm 2023",
                                  "lô hàng 12 container"])
def test_not_amounts(text: str) -> None:
    assert find_amounts(text) == []


def test_magnitude_without_currency_is_kept_without_unit() -> None:
    (a,) = find_amounts("đạt 5 tỷ")
    assert a.unit is None and a.has_magnitude and a.value == 5e9
