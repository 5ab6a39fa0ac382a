"""A paragraph that opens with "Trong đó" lists the parts of the last paragraph's total."""

from __future__ import annotations

from datetime import date

from extractors.figures import extract_figures
from tests.helpers.figures import figure_keys

PUB = date(2024, 6, 20)


def _rows(text: str) -> set[tuple]:
    return {(f.region, f.indicator, f.scope, f.metric, f.value, f.period_end.isoformat())
            for f in extract_figures(text, PUB)}


def test_the_parts_paragraph_keeps_the_gate_and_the_period() -> None:
    text = ("Hàng qua Tân Thanh\n\nTừ đầu năm đến ngày 10/6/2024, kim ngạch xuất nhập khẩu qua "
            "cửa khẩu Tân Thanh đạt 1,05 tỷ USD, tăng 21%.\n\nTrong đó, hàng xuất khẩu đạt 640 "
            "triệu USD, hàng nhập khẩu đạt 410 triệu USD.")
    assert _rows(text) == {
        ("Lạng Sơn", "trade_total", "border_gate:Tân Thanh", "level", 1.05e9, "2024-06-10"),
        ("Lạng Sơn", "trade_total", "border_gate:Tân Thanh", "yoy_pct", 21.0, "2024-06-10"),
        ("Lạng Sơn", "export", "border_gate:Tân Thanh", "level", 640e6, "2024-06-10"),
        ("Lạng Sơn", "import", "border_gate:Tân Thanh", "level", 410e6, "2024-06-10"),
    }


def test_after_a_paragraph_without_figures_nothing_goes_on() -> None:
    text = ("Hàng qua Tân Thanh\n\nTừ đầu năm đến ngày 10/6/2024, kim ngạch xuất nhập khẩu qua "
            "cửa khẩu Tân Thanh đạt 1,05 tỷ USD.\n\nCác doanh nghiệp mong thủ tục được rút gọn "
            "hơn nữa.\n\nTrong đó, tỉnh Lạng Sơn xuất khẩu 5 tháng đầu năm đạt 300 triệu USD.")
    rows = _rows(text)
    assert ("Lạng Sơn", "export", "all", "level", 300e6, "2024-05-31") in rows
    assert not any(r[1] == "export" and r[2] != "all" for r in rows)


def test_more_of_the_same_report_keeps_the_indicator_not_the_scope() -> None:
    text = ("Hà Tĩnh 9 tháng\n\nXuất khẩu hàng địa phương 9 tháng năm 2024 của Hà Tĩnh đạt 420 "
            "triệu USD.\n\nTheo đó, tổng sản phẩm trên địa bàn tỉnh 9 tháng ước tăng 6,2%.")
    rows = _rows(text)
    assert ("Hà Tĩnh", "export", "local_goods", "level", 420e6, "2024-09-30") in rows
    assert ("Hà Tĩnh", "grdp", "all", "yoy_pct", 6.2, "2024-09-30") in rows


def test_quarters_listed_after_the_year_go_on_with_its_indicator() -> None:
    text = ("Kinh tế Huế năm 2024\n\nTổng sản phẩm trên địa bàn (GRDP) năm 2024 ước tăng 8,5% so "
            "với năm 2023. Theo quý, quý I tăng 7,1%; quý II tăng 8,0%; quý III giảm 0,4%.")
    got = figure_keys(text, date(2024, 12, 30))
    assert ("Huế", "grdp", "all", "yoy_pct", 7.1, "2024-01-01", "2024-03-31") in got
    assert ("Huế", "grdp", "all", "yoy_pct", 8.0, "2024-04-01", "2024-06-30") in got
    assert ("Huế", "grdp", "all", "yoy_pct", -0.4, "2024-07-01", "2024-09-30") in got
