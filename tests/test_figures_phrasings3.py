"""Phrasings met in published reporting (realistic3): English runs and periods, plan shares and
magnitudes in English, cumulative "hết tháng N", bounds a counted group passes, gross output."""

from __future__ import annotations

from datetime import date

from tests.helpers.figures import figure_keys

PUB = date(2023, 7, 10)


def _keys(text: str, published: date = PUB) -> set[tuple]:
    return figure_keys(text, published)


H1 = ("2023-01-01", "2023-06-30")
Q1 = ("2023-01-01", "2023-03-31")


def test_english_quadrillion_dong() -> None:
    text = ("Da Nang's economy in 2022\n\nThe gross regional domestic product (GRDP) of Binh Duong "
            "reached 1.2 quadrillion VND in 2022, up 7.5 percent from the previous year.")
    got = _keys(text)
    assert ("Bình Dương", "grdp", "all", "level", 1.2e15, "2022-01-01", "2022-12-31") in got


def test_english_as_of_a_day_is_the_year_to_that_day() -> None:
    text = ("Trade figures\n\nAs of July 2, Vietnam's export turnover stood at 120.5 billion USD "
            "and import turnover at 118.1 billion USD, the customs office said.")
    got = _keys(text)
    assert ("Việt Nam", "export", "all", "level", 120.5e9, "2023-01-01", "2023-07-02") in got
    assert ("Việt Nam", "import", "all", "level", 118.1e9, "2023-01-01", "2023-07-02") in got


def test_english_equal_to_a_share_of_the_annual_plan_and_earned_from_exports() -> None:
    text = ("Bac Ninh's exports\n\nThe northern province of Bac Ninh earned 20.3 billion USD from "
            "exports in the first six months of 2023, up 5 percent year on year and equal to "
            "45.1 percent of the annual plan, the provincial People's Committee said.")
    got = _keys(text)
    assert ("Bắc Ninh", "export", "all", "level", 20.3e9, *H1) in got
    assert ("Bắc Ninh", "export", "all", "plan_pct", 45.1, *H1) in got
    assert not any(k[3] == "yoy_pct" and k[4] < 0 for k in got)


def test_english_jump_of_and_rose_to_an_amount() -> None:
    text = ("Trade in H1\n\nViet Nam's trade turnover reached US$300.2 billion in the first half "
            "of this year, a year-on-year jump of 12.4 per cent. Imports rose 9.5 percent year "
            "on year in the first half, to 150 billion USD.")
    got = _keys(text)
    assert ("Việt Nam", "trade_total", "all", "yoy_pct", 12.4, *H1) in got
    assert ("Việt Nam", "import", "all", "level", 150e9, *H1) in got


def test_english_a_run_of_places_with_their_rates() -> None:
    text = ("GRDP growth in Q1\n\nGRDP in the first quarter rose in 58 localities, and many "
            "localities grew faster than the national GDP, such as Long An with 8.12%, Bac Lieu "
            "with 7.45% and Soc Trang with 6.9%.")
    got = _keys(text)
    assert {("Long An", "grdp", "all", "yoy_pct", 8.12, *Q1),
            ("Bạc Liêu", "grdp", "all", "yoy_pct", 7.45, *Q1),
            ("Sóc Trăng", "grdp", "all", "yoy_pct", 6.9, *Q1)} <= got


def test_english_growth_rates_respectively_and_slowed_to() -> None:
    text = ("GRDP growth of cities in Q1\n\nHai Phong's GRDP grew 9.2 percent in the first "
            "quarter.\n\nIn the first quarter, Ha Noi and Can Tho followed with growth rates "
            "of 6.1 percent and 3.2 percent, respectively.\n\nViet Nam's GDP growth slowed to 3.3 "
            "percent in the first quarter.")
    got = _keys(text)
    assert ("Hà Nội", "grdp", "all", "yoy_pct", 6.1, *Q1) in got
    assert ("Cần Thơ", "grdp", "all", "yoy_pct", 3.2, *Q1) in got
    assert ("Việt Nam", "gdp", "all", "yoy_pct", 3.3, *Q1) in got


def test_english_accounted_for_an_amount_but_making_up_a_share() -> None:
    text = ("Viet Nam's trade in H1\n\nIn the first half of this year, exports accounted for "
            "$160.2 billion, up 10 per cent. Between January and June, 30 import items each "
            "topped $1 billion, "
            "making up 88 per cent of total imports.")
    got = _keys(text)
    assert ("Việt Nam", "export", "all", "level", 160.2e9, *H1) in got
    assert not any(k[1] == "import" for k in got)


def test_end_of_month_alone_is_cumulative() -> None:
    text = ("Xuất khẩu 9 tháng\n\nKim ngạch nhập khẩu của cả nước tháng 9 đạt 20,1 tỷ USD, nâng "
            "tổng kim ngạch nhập khẩu hết tháng 9 lên 180,5 tỷ USD, tăng 8,2% so với cùng kỳ.")
    got = _keys(text, date(2023, 10, 5))
    assert ("Việt Nam", "import", "all", "level", 20.1e9, "2023-09-01", "2023-09-30") in got
    assert ("Việt Nam", "import", "all", "level", 180.5e9, "2023-01-01", "2023-09-30") in got
    assert ("Việt Nam", "import", "all", "yoy_pct", 8.2, "2023-01-01", "2023-09-30") in got


def test_a_bound_a_counted_group_passes_is_no_figure() -> None:
    text = ("GRDP quý I\n\nTrong quý I/2023, GRDP của Long An tăng 9,1%. Trong 60 địa phương "
            "tăng trưởng, có tới 6 nơi đạt mức tăng trên 10%. Số liệu cho thấy, 6 địa phương có "
            "GRDP tăng trên 10% gồm Long An, Bạc Liêu và Sóc Trăng.")
    assert _keys(text) == {("Long An", "grdp", "all", "yoy_pct", 9.1, *Q1)}


def test_groups_of_goods_over_a_threshold_are_no_figure() -> None:
    text = ("Xuất khẩu nửa đầu tháng 2\n\nTrong nửa đầu tháng 2/2023, kim ngạch xuất khẩu của cả "
            "nước đạt 12,1 tỷ USD. Kỳ này có 3 nhóm hàng xuất khẩu đạt trên 1 tỷ USD gồm điện "
            "thoại, dệt may và giày dép.")
    assert _keys(text) == {("Việt Nam", "export", "all", "level", 12.1e9, "2023-02-01",
                            "2023-02-15")}


def test_gross_trade_and_services_value_is_not_services_growth() -> None:
    text = ("Trà Vinh quý I\n\nQuý I/2023, GRDP của Trà Vinh tăng 8,5%. Tại đây, giá trị sản "
            "xuất công nghiệp - xây dựng tăng 20,1%; giá trị thương mại - dịch vụ tăng 4,2%.")
    assert _keys(text) == {("Trà Vinh", "grdp", "all", "yoy_pct", 8.5, *Q1)}
