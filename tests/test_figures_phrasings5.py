"""Phrasings met in published reporting (realistic5): runs of rates over quarters, rankings
opened by "Cao nhất là" / "Kế tiếp là" / "Theo địa phương,", runs of "Place tăng x%" and
"Place với x tỷ USD", a compared place's rate, and a period after a ";" that is not the figure's."""

from __future__ import annotations

from datetime import date

from tests.helpers.figures import figure_keys

PUB = date(2024, 10, 3)


def _keys(text: str, published: date = PUB) -> set[tuple]:
    return figure_keys(text, published)


def test_a_run_of_rates_over_quarters_keeps_its_verb() -> None:
    text = ("Kinh tế Nghệ An 9 tháng\n\nCục Thống kê tỉnh Nghệ An cho biết GRDP của tỉnh năm "
            "2024 giảm 1,2% trong quý I, 0,4% trong quý II và 2,1% trong quý III.\n\n"
            "Theo quý, GRDP Hà Tĩnh quý I tăng 5,5%, quý II 6,1% và quý III 7,3%.")
    got = _keys(text)
    assert ("Nghệ An", "grdp", "all", "yoy_pct", -0.4, "2024-04-01", "2024-06-30") in got
    assert ("Nghệ An", "grdp", "all", "yoy_pct", -2.1, "2024-07-01", "2024-09-30") in got
    assert ("Hà Tĩnh", "grdp", "all", "yoy_pct", 6.1, "2024-04-01", "2024-06-30") in got
    assert ("Hà Tĩnh", "grdp", "all", "yoy_pct", 7.3, "2024-07-01", "2024-09-30") in got


def test_a_period_after_a_semicolon_does_not_date_the_rate_before_it() -> None:
    text = ("Quảng Trị tăng trưởng khá\n\nCục Thống kê công bố số liệu 9 tháng năm 2024 của "
            "tỉnh Quảng Trị. GRDP của tỉnh ước tăng 7,8%, mức cao nhất mười năm; riêng quý III "
            "tăng 8,4%.")
    got = _keys(text)
    assert ("Quảng Trị", "grdp", "all", "yoy_pct", 7.8, "2024-01-01", "2024-09-30") in got
    assert not any(k[4] == 7.8 and k[5] == "2024-07-01" for k in got)
