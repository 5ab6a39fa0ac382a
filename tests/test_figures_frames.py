"""The period a paragraph frames its parts with, spans of years, sector names with commas."""

from __future__ import annotations

from datetime import date

from extractors.figures.periods import find_periods
from tests.helpers.figures import figure_keys

PUB = date(2024, 7, 2)
H1 = ("2024-01-01", "2024-06-30")


def test_the_next_paragraph_goes_on_with_the_frame_not_its_last_quarter() -> None:
    text = ("Kinh tế Phú Yên\n\nTrong 6 tháng năm 2024, GRDP của Phú Yên quý I tăng 5,9%, quý II "
            "tăng 7,1%.\n\nTheo khu vực, công nghiệp và xây dựng tăng 9,2%; dịch vụ tăng 6,3%.")
    got = figure_keys(text, PUB)
    assert ("Phú Yên", "grdp", "all", "yoy_pct", 5.9, "2024-01-01", "2024-03-31") in got
    assert ("Phú Yên", "grdp", "all", "yoy_pct", 7.1, "2024-04-01", "2024-06-30") in got
    assert ("Phú Yên", "grdp_industry_construction", "all", "yoy_pct", 9.2, *H1) in got
    assert ("Phú Yên", "grdp_services", "all", "yoy_pct", 6.3, *H1) in got


def test_the_last_period_goes_on_when_it_is_no_part_of_the_first() -> None:
    text = ("Kinh tế Phú Yên\n\nQuý I/2024, GRDP của Phú Yên tăng 5,9%; quý II tăng 7,1%.\n\n"
            "Khu vực dịch vụ tăng 6,3%.")
    got = figure_keys(text, PUB)
    assert ("Phú Yên", "grdp_services", "all", "yoy_pct", 6.3, "2024-04-01", "2024-06-30") in got


def test_several_years_back_are_no_period() -> None:
    for said in ("cao nhất trong 5 năm qua", "mức thấp của nhiều năm trở lại đây",
                 "tăng trưởng những năm gần đây"):
        assert [m.kind for m in find_periods(said)] == ["noise"], said
    assert [m.kind for m in find_periods("Năm qua, xuất khẩu tăng")] == ["year_rel"]


def test_sector_names_joined_by_commas() -> None:
    text = ("GDP quý II\n\nTổng sản phẩm trong nước 6 tháng năm 2024 tăng 6,42%; khu vực nông "
            "nghiệp, lâm nghiệp, thủy sản tăng 2,88%.")
    got = figure_keys(text, PUB)
    assert ("Việt Nam", "grdp_agriculture", "all", "yoy_pct", 2.88, *H1) in got


def test_an_economy_owned_by_a_sector_phrase_is_not_the_subject() -> None:
    text = ("Đà Nẵng 9 tháng\n\nGRDP 9 tháng năm 2024 của Đà Nẵng tăng 7,5%. Khu vực dịch vụ "
            "vẫn là động lực của kinh tế Đà Nẵng, với giá trị tăng thêm 9 tháng tăng 8,9% "
            "(quý III tăng 9,4%).")
    got = figure_keys(text, date(2024, 10, 4))
    assert got == {("Đà Nẵng", "grdp", "all", "yoy_pct", 7.5, "2024-01-01", "2024-09-30"),
                   ("Đà Nẵng", "grdp_services", "all", "yoy_pct", 8.9, "2024-01-01", "2024-09-30"),
                   ("Đà Nẵng", "grdp_services", "all", "yoy_pct", 9.4, "2024-07-01", "2024-09-30")}
