"""Numbers that are not figures: targets, shares, changes, components, other statistics."""

from __future__ import annotations

from datetime import date

import pytest

from extractors.figures import extract_figures
from tests.helpers.figures import figure_keys

PUB = date(2024, 7, 10)
LEAD = "Sáu tháng đầu năm 2024, tỉnh Phú Thọ "


@pytest.mark.parametrize("text", [
    # targets, plans, forecasts
    LEAD + "đặt mục tiêu kim ngạch xuất khẩu cả năm đạt 3 tỷ USD.",
    LEAD + "phấn đấu tăng trưởng GRDP đạt 8-9%.",
    "Năm 2024, Phú Thọ phấn đấu kim ngạch xuất khẩu đạt 3,2 tỷ USD, tăng 10%.",
    "Kế hoạch năm 2024 là tăng trưởng GRDP 7,5% của tỉnh Phú Thọ.",
    # multi-year averages and old bases
    "Giai đoạn 2021-2023, GRDP tỉnh Phú Thọ tăng bình quân 6,1%/năm.",
    "Năm 2024, kim ngạch xuất khẩu của Phú Thọ tăng 45% so với năm 2019.",
    # month-on-month
    "Tháng 6/2024, kim ngạch xuất khẩu của Phú Thọ tăng 3,2% so với tháng trước.",
    # absolute changes, shares, contributions, percentage points
    LEAD + "kim ngạch xuất khẩu tăng 205 triệu USD so với cùng kỳ.",
    LEAD + "xuất khẩu của Phú Thọ chiếm 1,2% kim ngạch xuất khẩu cả nước.",
    LEAD + "khu vực công nghiệp và xây dựng của Phú Thọ đóng góp 3,1 điểm phần trăm.",
    # commodities, markets, FDI, transit
    LEAD + "xuất khẩu hàng dệt may của Phú Thọ đạt 900 triệu USD.",
    LEAD + "kim ngạch xuất khẩu của Phú Thọ sang Hoa Kỳ đạt 1 tỷ USD, tăng 20%.",
    LEAD + "khu vực có vốn đầu tư nước ngoài của Phú Thọ xuất khẩu 2,1 tỷ USD.",
    LEAD + "hàng quá cảnh qua địa bàn Phú Thọ đạt 50 triệu USD.",
    # prices, tonnes, vehicles, budget, investment, retail, CPI, IIP, GDP use
    LEAD + "giá xuất khẩu bình quân đạt 650 USD/tấn, tăng 12%.",
    LEAD + "sản lượng xuất khẩu đạt 1,2 triệu tấn, tăng 8%.",
    LEAD + "thu ngân sách từ hoạt động xuất nhập khẩu của Phú Thọ đạt 1.200 tỷ đồng, tăng 6%.",
    LEAD + "vốn đầu tư toàn xã hội của Phú Thọ đạt 20.000 tỷ đồng, tăng 9%.",
    LEAD + "tổng mức bán lẻ hàng hóa của Phú Thọ đạt 25.000 tỷ đồng, tăng 11%.",
    LEAD + "chỉ số giá tiêu dùng (CPI) của Phú Thọ tăng 3,5%.",
    LEAD + "chỉ số sản xuất công nghiệp (IIP) của Phú Thọ tăng 9,2%.",
    LEAD + "GRDP bình quân đầu người của Phú Thọ đạt 70 triệu đồng.",
    "Năm 2023, tiêu dùng cuối cùng của Việt Nam tăng 3,5%; tích lũy tài sản tăng 4,1%.",
    # sub-sectors of GRDP
    LEAD + "GRDP tăng 7%, trong đó ngành công nghiệp chế biến, chế tạo tăng 12%.",
    # one trade partner, a plan's own value
    "Sáu tháng đầu năm 2024, Phú Thọ thặng dư 1,1 tỷ USD trong thương mại với Hoa Kỳ.",
    LEAD + "tốc độ tăng xuất khẩu vượt so với kế hoạch đề ra đầu năm là 7,5%.",
    "Tỉnh Phú Thọ tập trung hoàn thành mục tiêu tăng trưởng 8% trong năm 2024.",
    "Năm 2023, nếu không tính dầu thô, kim ngạch xuất khẩu của Phú Thọ đạt 9 tỷ USD.",
    # another subject after a GRDP sentence is not carried over
    "Quý I/2024, GRDP của Phú Thọ tăng 7%. Năng suất lao động tăng 5,5%.",
    # two border gates together: neither one gate nor the province
    "Quý I/2024, kim ngạch qua cửa khẩu Hữu Nghị và Tân Thanh đạt 900 triệu USD.",
    # GDP by use: exports and imports of goods and services are expenditure components
    "Về sử dụng GDP quý II/2024, tiêu dùng cuối cùng tăng 6,6%; xuất khẩu hàng hóa và dịch vụ "
    "tăng 15,6%; nhập khẩu hàng hóa và dịch vụ tăng 16,7%.",
    "Quý II/2024, khu vực có vốn đầu tư nước ngoài (kể cả dầu thô) của cả nước xuất siêu 9 tỷ USD.",
    "Quý II/2024, xuất khẩu của Phú Thọ tăng 7,7% so với quý I năm nay.",
    # no period, no region
    "Kim ngạch xuất khẩu của Phú Thọ đạt 1,5 tỷ USD, tăng 10%.",
    "Sáu tháng đầu năm 2024, kim ngạch xuất khẩu đạt 1,5 tỷ USD, tăng 10% so với "
    "cùng kỳ của một doanh nghiệp may.",
])
def test_not_a_figure(text: str) -> None:
    got = [(f.indicator, f.metric, f.value) for f in extract_figures(text, PUB)]
    wanted = [g for g in got if g[0] == "grdp" and g[2] == 7.0]  # the only true figure above
    assert got == wanted, text


def test_gdp_and_sector_figures_stay_figures_next_to_non_figures() -> None:
    text = ("Quý II/2024, GDP ước tăng 6,93%, đóng góp 2,1 điểm phần trăm; khu vực dịch vụ "
            "tăng 7,06%, chiếm 42,5% nền kinh tế.")
    got = {(f.indicator, f.value) for f in extract_figures(text, PUB)}
    assert got == {("gdp", 6.93), ("grdp_services", 7.06)}


def test_an_amount_larger_than_last_year_s_is_a_change() -> None:
    text = ("Kinh tế Cần Thơ\n\nQuy mô GRDP 6 tháng đầu năm 2024 của thành phố Cần Thơ theo giá "
            "hiện hành ước đạt 54.000 tỷ đồng, lớn hơn cùng kỳ năm 2023 khoảng 4.100 tỷ đồng.")
    got = figure_keys(text, date(2024, 7, 2))
    assert ("Cần Thơ", "grdp", "all", "level", 54e12, "2024-01-01", "2024-06-30") in got
    assert not any(k[4] == 4.1e12 for k in got)
