"""One series stated twice in an article, once rounded: the precise statement is kept."""

from __future__ import annotations

from datetime import date

from tests.helpers.figures import figure_keys

PUB = date(2025, 9, 12)
M8 = ("2025-01-01", "2025-08-31")


def test_the_rounded_lead_gives_way_to_the_precise_body() -> None:
    text = ("Gia Lai: xuất khẩu tăng mạnh\n\nTheo Thống kê tỉnh, 8 tháng năm 2025 kim ngạch "
            "xuất khẩu của Gia Lai tăng gần 16% và đạt hơn 1,3 tỷ USD.\n\nCụ thể, kim ngạch xuất "
            "khẩu 8 tháng đạt 1,327 tỷ USD, tăng 15,64% so với cùng kỳ.")
    got = figure_keys(text, PUB)
    assert got == {("Gia Lai", "export", "all", "level", 1.327e9, *M8),
                   ("Gia Lai", "export", "all", "yoy_pct", 15.64, *M8)}


def test_two_statements_that_rounding_cannot_join_are_both_kept() -> None:
    # 17% is not 15,64% rounded: the text contradicts itself, and both readings stay visible
    text = ("Gia Lai\n\nKim ngạch xuất khẩu 8 tháng năm 2025 của Gia Lai tăng 17%.\n\nTheo số "
            "liệu mới, kim ngạch xuất khẩu 8 tháng tăng 15,64% so với cùng kỳ.")
    got = figure_keys(text, PUB)
    assert {k[4] for k in got} == {17.0, 15.64}


def test_a_figure_said_to_be_replaced_is_left_out() -> None:
    text = ("Cán cân tháng 8\n\nTheo số liệu sơ bộ của Cục Hải quan, tháng 8/2025 cả nước xuất "
            "siêu 2,1 tỷ USD thay vì con số xuất siêu 1,6 tỷ USD như ước tính trước đó.")
    got = figure_keys(text, PUB)
    assert got == {("Việt Nam", "trade_balance", "all", "level", 2.1e9, "2025-08-01",
                    "2025-08-31")}
