"""The analyst's words (warehouse/labels.py): period labels, values in analysts' units, and
names found whatever the case, diacritics, Unicode form or alias."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from warehouse.labels import (
    indicator_label,
    period_filter,
    period_kind,
    period_label,
    period_matches,
    resolve_indicator,
    resolve_metric,
    resolve_region,
    resolve_scope,
    scope_label,
    value_label,
)


@pytest.mark.parametrize(("start", "end", "label", "kind"), [
    (date(2024, 1, 1), date(2024, 12, 31), "2024", "year"),
    (date(2024, 1, 1), date(2024, 3, 31), "Q1 2024", "quarter"),
    (date(2024, 10, 1), date(2024, 12, 31), "Q4 2024", "quarter"),
    (date(2024, 1, 1), date(2024, 6, 30), "H1 2024", "half"),
    (date(2024, 7, 1), date(2024, 12, 31), "H2 2024", "half"),
    (date(2024, 1, 1), date(2024, 9, 30), "9M 2024", "ytd"),
    (date(2024, 2, 1), date(2024, 2, 29), "Feb 2024", "month"),
    (date(2024, 1, 1), date(2024, 6, 13), "to 13 Jun 2024", "ytd"),
    (date(2024, 3, 1), date(2024, 4, 30), "Mar–Apr 2024", "other"),
    (date(2020, 12, 16), date(2021, 5, 25), "16 Dec 2020 – 25 May 2021", "other"),
])
def test_periods_read_as_analysts_write_them(start: date, end: date, label: str,
                                             kind: str) -> None:
    assert period_label(start, end) == label
    assert period_kind(start, end) == kind


@pytest.mark.parametrize(("value", "unit", "metric", "label"), [
    (1_230_000_000, "USD", "level", "1.23 bn USD"),
    (947_600_000, "USD", "level", "947.6 m USD"),
    (15_430_200_000, "USD", "level", "15.43 bn USD"),
    (-1_200_000_000, "USD", "level", "-1.20 bn USD"),
    (405_530_000_000_000, "VND", "level", "405.5 trn VND"),
    (10_221_800_000_000_000, "VND", "level", "10,221.8 trn VND"),
    (6.42, "%", "yoy_pct", "+6.42%"),
    (-5.0, "%", "yoy_pct", "-5%"),
    (53.3, "%", "plan_pct", "53.3% of plan"),
])
def test_values_in_the_units_analysts_use(value: float, unit: str, metric: str,
                                          label: str) -> None:
    assert value_label(value, unit, metric) == label


@pytest.mark.parametrize("typed", ["Lạng Sơn", "lạng sơn", "LANG SON", "Lang Son", "lang-son",
                                   "langson", unicodedata.normalize("NFD", "Lạng Sơn")])
def test_a_place_is_found_however_it_is_typed(typed: str) -> None:
    assert resolve_region(typed).value == "Lạng Sơn"


@pytest.mark.parametrize("typed", ["TP.HCM", "TP HCM", "HCMC", "Sài Gòn", "saigon",
                                   "Thành phố Hồ Chí Minh", "ho chi minh"])
def test_the_city_answers_to_its_aliases(typed: str) -> None:
    assert resolve_region(typed).value == "Hồ Chí Minh"


def test_an_unknown_place_gets_the_closest_names_and_no_value() -> None:
    r = resolve_region("Quang Nin")
    assert r.value is None and "Quảng Ninh" in r.suggestions
    assert resolve_region("Atlantis").value is None


def test_a_stored_name_the_gazetteer_lacks_is_still_found() -> None:
    assert resolve_region("some city", known=["Some City"]).value == "Some City"


@pytest.mark.parametrize(("typed", "key"), [
    ("GRDP", "grdp"), ("grdp", "grdp"), ("xuất khẩu", "export"), ("xuat khau", "export"),
    ("Exports", "export"), ("nhập khẩu", "import"), ("trade_total", "trade_total"),
    ("xuất nhập khẩu", "trade_total"), ("Trade turnover", "trade_total"),
    ("cán cân thương mại", "trade_balance"), ("dịch vụ", "grdp_services"), ("GDP", "gdp"),
])
def test_indicators_answer_to_their_names_in_both_languages(typed: str, key: str) -> None:
    assert resolve_indicator(typed).value == key


def test_labels_for_indicators_and_scopes() -> None:
    assert indicator_label("export") == "Exports"
    assert indicator_label("export", "vi") == "Kim ngạch xuất khẩu"
    assert indicator_label("no_such") == "no_such"
    assert scope_label("all") == ""
    assert scope_label("border_gate:Hữu Nghị") == "Hữu Nghị border gate"


@pytest.mark.parametrize(("typed", "start", "end", "matches"), [
    ("H1", date(2024, 1, 1), date(2024, 6, 30), True),
    ("h1", date(2023, 1, 1), date(2023, 6, 30), True),
    ("6 months", date(2023, 1, 1), date(2023, 6, 30), True),
    ("H1", date(2024, 1, 1), date(2024, 9, 30), False),
    ("year", date(2024, 1, 1), date(2024, 12, 31), True),
    ("Year", date(2024, 1, 1), date(2024, 6, 30), False),
    ("9M", date(2024, 1, 1), date(2024, 9, 30), True),
    ("Q3", date(2024, 7, 1), date(2024, 9, 30), True),
    ("quarter", date(2024, 7, 1), date(2024, 9, 30), True),
    ("jan", date(2024, 1, 1), date(2024, 1, 31), True),
    ("month", date(2024, 1, 1), date(2024, 1, 31), True),
    ("ytd", date(2024, 1, 1), date(2024, 6, 13), True),
])
def test_period_filter_by_kind_or_label(typed: str, start: date, end: date,
                                        matches: bool) -> None:
    assert period_matches(start, end, period_filter(typed)) is matches


@pytest.mark.parametrize("typed", ["H3", "Q5", "semester", "2024", ""])
def test_an_unknown_period_says_what_is_accepted(typed: str) -> None:
    with pytest.raises(ValueError, match="H1, Q3, 9M"):
        period_filter(typed)


@pytest.mark.parametrize(("typed", "key"), [
    ("yoy", "yoy_pct"), ("Growth", "yoy_pct"), ("tăng trưởng", "yoy_pct"), ("plan", "plan_pct"),
    ("level", "level"), ("yoy_pct", "yoy_pct")])
def test_metrics_as_typed(typed: str, key: str) -> None:
    assert resolve_metric(typed).value == key


def test_scopes_as_typed_including_stored_ones() -> None:
    known = ["all", "customs_declared", "border_gate:Hữu Nghị"]
    assert resolve_scope("customs", known).value == "customs_declared"
    assert resolve_scope("border gate huu nghi", known).value == "border_gate:Hữu Nghị"
    assert resolve_scope("custom_declared", known).suggestions[0] == "customs_declared"
