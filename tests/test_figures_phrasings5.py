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


def test_a_run_of_places_each_with_its_verb_after_a_colon() -> None:
    text = ("GRDP quý II các địa phương\n\nTổng sản phẩm trên địa bàn (GRDP) quý II/2024 tăng ở "
            "phần lớn các tỉnh. Ngược lại, do công nghiệp chế biến đi xuống, vài nơi chỉ tăng "
            "nhẹ hoặc giảm: Long An tăng 0,9%; Tiền Giang tăng 1,4%; Trà Vinh giảm 2,3%; "
            "Kiên Giang giảm 0,6%.")
    got = _keys(text)
    assert ("Long An", "grdp", "all", "yoy_pct", 0.9, "2024-04-01", "2024-06-30") in got
    assert ("Trà Vinh", "grdp", "all", "yoy_pct", -2.3, "2024-04-01", "2024-06-30") in got
    assert ("Kiên Giang", "grdp", "all", "yoy_pct", -0.6, "2024-04-01", "2024-06-30") in got


def test_a_place_in_brackets_after_a_comparison_is_its_own_rate() -> None:
    text = ("GRDP 6 tháng\n\nGRDP 6 tháng đầu năm 2024 của nhiều tỉnh tăng khá. Nhóm có tốc độ "
            "tăng cao hơn hẳn bình quân gồm Phú Yên (9,12%), Sóc Trăng (8,76%) và Lào Cai (8,3%).")
    got = _keys(text)
    assert ("Phú Yên", "grdp", "all", "yoy_pct", 9.12, "2024-01-01", "2024-06-30") in got
    assert ("Sóc Trăng", "grdp", "all", "yoy_pct", 8.76, "2024-01-01", "2024-06-30") in got


def test_rankings_opened_by_highest_and_next_after_the_national_rate() -> None:
    text = ("Tăng trưởng năm 2024\n\nCục Thống kê cho biết GDP cả nước năm 2024 tăng 7,09%.\n\n"
            "Năm 2024, năm địa phương tăng trên 10%. Cao nhất là Hải Phòng và Bắc Giang, tăng "
            "lần lượt 11,01% và 13,86%, nhờ thu hút mạnh vốn FDI.\n\n"
            "Kế tiếp trong năm 2024 là Thái Bình (tăng 10,52%) và Hà Nam (tăng 10,12%).")
    got = _keys(text, date(2025, 1, 8))
    assert ("Việt Nam", "gdp", "all", "yoy_pct", 7.09, "2024-01-01", "2024-12-31") in got
    assert ("Bắc Giang", "grdp", "all", "yoy_pct", 13.86, "2024-01-01", "2024-12-31") in got
    assert ("Thái Bình", "grdp", "all", "yoy_pct", 10.52, "2024-01-01", "2024-12-31") in got
    assert ("Hà Nam", "grdp", "all", "yoy_pct", 10.12, "2024-01-01", "2024-12-31") in got
    assert not any(k[0] == "Việt Nam" and k[4] in (10.52, 10.12, 11.01) for k in got)


def test_places_after_theo_dia_phuong_and_runs_of_places_with_amounts() -> None:
    text = ("Xuất khẩu 9 tháng năm 2024\n\nXuất khẩu hàng hóa cả nước 9 tháng năm 2024 đạt 299,6 "
            "tỷ USD.\n\nTheo địa phương, Hải Phòng lần đầu vượt Bình Dương sau 9 tháng với 22,9 "
            "tỷ USD.\n\nNăm 2023, hai địa phương vượt mốc 20 tỷ USD: Thái Nguyên với 26,1 tỷ USD, "
            "và Hà Nội với 20,3 tỷ USD. Đồng Nai (19,8 tỷ USD) và Long An (9,4 tỷ USD) đứng sau.")
    got = _keys(text)
    assert ("Hải Phòng", "export", "all", "level", 22.9e9, "2024-01-01", "2024-09-30") in got
    assert ("Thái Nguyên", "export", "all", "level", 26.1e9, "2023-01-01", "2023-12-31") in got
    assert ("Hà Nội", "export", "all", "level", 20.3e9, "2023-01-01", "2023-12-31") in got
    assert ("Đồng Nai", "export", "all", "level", 19.8e9, "2023-01-01", "2023-12-31") in got
    assert not any(k[0] == "Bình Dương" for k in got)


def test_the_city_as_subject_and_a_period_after_sau() -> None:
    text = ("Xuất khẩu Hà Nội\n\nHà Nội xuất khẩu 1,9 tỷ USD trong tháng 8 và 14,2 tỷ USD sau "
            "8 tháng. Hết tháng 7, thành phố vẫn đứng thứ năm với 12,3 tỷ USD, Thái Nguyên khi "
            "đó xếp sau với 11,9 tỷ USD.")
    got = _keys(text, date(2024, 9, 10))
    assert ("Hà Nội", "export", "all", "level", 14.2e9, "2024-01-01", "2024-08-31") in got
    assert ("Hà Nội", "export", "all", "level", 12.3e9, "2024-01-01", "2024-07-31") in got
    assert ("Thái Nguyên", "export", "all", "level", 11.9e9, "2024-01-01", "2024-07-31") in got


def test_other_economies_pulls_on_the_whole_and_size_changes_are_not_figures() -> None:
    text = ("GDP quý I\n\nTổng cục Thống kê cho biết GDP quý I/2024 tăng 5,66%, trong khi nhiều "
            "nền kinh tế lớn tăng chậm.\n\nXét theo khu vực, dịch vụ tăng 6,12%; công nghiệp "
            "và xây dựng tăng 6,28%, kéo mức tăng chung xuống 2,1%.\n\nQuy mô GRDP 6 tháng của "
            "tỉnh Bình Định ước đạt 52.300 tỷ đồng, lớn hơn cùng kỳ khoảng 4.100 tỷ đồng.")
    got = _keys(text, date(2024, 7, 2))
    assert ("Việt Nam", "grdp_services", "all", "yoy_pct", 6.12, "2024-01-01", "2024-03-31") in got
    assert not any(k[4] in (2.1, 4.1e12) for k in got)
    assert ("Bình Định", "grdp", "all", "level", 52.3e12, "2024-01-01", "2024-06-30") in got


def test_trade_through_this_gate_after_a_sentence_of_vehicles() -> None:
    text = ("Cửa khẩu Tà Lùng tấp nập\n\nTừ đầu năm đến ngày 20/3/2024, cửa khẩu Tà Lùng đón "
            "3.120 lượt phương tiện, tăng 40%. Kim ngạch xuất nhập khẩu qua cửa khẩu này đạt "
            "61,5 triệu USD.")
    got = _keys(text, date(2024, 3, 22))
    assert ("Cao Bằng", "trade_total", "border_gate:Tà Lùng", "level", 61.5e6, "2024-01-01",
            "2024-03-20") in got


def test_a_counted_group_below_a_bound_and_a_compared_place() -> None:
    text = ("GRDP 9 tháng\n\nTốc độ tăng GRDP 9 tháng năm 2024 của các địa phương khá đồng đều; "
            "chỉ 4 tỉnh tăng dưới 5%.\n\nGRDP 9 tháng năm 2024 của Long An tăng 6,42%, cao hơn "
            "mức tăng 6,82% của cả nước.")
    got = _keys(text)
    assert not any(k[4] == 5.0 for k in got)
    assert ("Long An", "grdp", "all", "yoy_pct", 6.42, "2024-01-01", "2024-09-30") in got
    assert ("Việt Nam", "gdp", "all", "yoy_pct", 6.82, "2024-01-01", "2024-09-30") in got


def test_a_rate_elided_after_a_change_stays_a_change_after_a_share() -> None:
    text = ("GRDP Hải Dương 6 tháng\n\nSáu tháng đầu năm 2024, GRDP tỉnh Hải Dương tăng 9,1%. "
            "Khu vực nông, lâm nghiệp và thủy sản tăng 2,3%, chiếm 6% mức tăng chung; công "
            "nghiệp và xây dựng tăng 11,8% và dịch vụ 7,6%.")
    got = _keys(text)
    assert ("Hải Dương", "grdp_services", "all", "yoy_pct", 7.6, "2024-01-01", "2024-06-30") in got
    assert not any(k[4] == 6.0 for k in got)


def test_after_a_share_of_the_country_the_sentence_goes_on_with_its_own_indicator() -> None:
    text = ("Xuất khẩu 8 tháng\n\nKim ngạch xuất khẩu cả nước 8 tháng năm 2024 đạt 264,7 tỷ USD."
            "\n\nTheo địa phương, Thái Nguyên đứng thứ ba sau 8 tháng với 20,4 tỷ USD, chiếm 7,7% "
            "kim ngạch xuất khẩu cả nước và tăng 11,2% so với cùng kỳ.\n\nNăm 2023, Hà Nội xuất "
            "khẩu 17,2 tỷ USD, tương đương 4,9% kim ngạch xuất khẩu cả nước, và Hải Dương với "
            "9,6 tỷ USD.")
    got = _keys(text)
    assert ("Thái Nguyên", "export", "all", "yoy_pct", 11.2, "2024-01-01", "2024-08-31") in got
    assert ("Hải Dương", "export", "all", "level", 9.6e9, "2023-01-01", "2023-12-31") in got
    assert not any(k[0] == "Việt Nam" and k[4] == 11.2 for k in got)


def test_a_report_named_after_the_country_is_not_the_subject() -> None:
    text = ("Xuất khẩu TP.HCM\n\nNhiều năm liền TP.HCM dẫn đầu cả nước về xuất nhập khẩu; Báo "
            "cáo Xuất nhập khẩu Việt Nam năm 2021 ghi nhận thành phố xuất khẩu 43,1 tỷ USD "
            "trong năm 2021.")
    got = _keys(text)
    assert ("Hồ Chí Minh", "export", "all", "level", 43.1e9, "2021-01-01", "2021-12-31") in got
    assert not any(k[0] == "Việt Nam" for k in got)


def test_a_rate_of_another_period_named_as_the_comparisons_term() -> None:
    text = ("Kinh tế Cần Thơ\n\nNăm 2023, GRDP của Cần Thơ ước tăng 6,1%, thấp hơn kế hoạch 7% "
            "và thấp hơn mức tăng 12,6% của năm 2022.\n\nQuý I/2024, GRDP thành phố tăng 5,4%. "
            "Trước đó, từ mức giảm sâu 4,3% của năm 2021, kinh tế thành phố đã phục hồi.\n\n"
            "Chín tháng năm 2024, GRDP Cần Thơ tăng 6,8%, cao hơn mức tăng 5,2% của 9 tháng năm "
            "2023; riêng khu vực dịch vụ tăng 7,9%.")
    got = _keys(text)
    assert ("Cần Thơ", "grdp", "all", "yoy_pct", 12.6, "2022-01-01", "2022-12-31") in got
    assert ("Cần Thơ", "grdp", "all", "yoy_pct", -4.3, "2021-01-01", "2021-12-31") in got
    assert ("Cần Thơ", "grdp", "all", "yoy_pct", 5.2, "2023-01-01", "2023-09-30") in got
    assert ("Cần Thơ", "grdp_services", "all", "yoy_pct", 7.9, "2024-01-01", "2024-09-30") in got
    assert not any(k[4] == 7.9 and k[5] == "2023-01-01" for k in got)


def test_a_sub_sectors_rate_is_not_compared_as_the_whole() -> None:
    text = ("Kinh tế Bình Định\n\nGRDP 6 tháng năm 2024 của Bình Định tăng 6,2%. Ngành chế biến, "
            "chế tạo phục hồi với mức tăng 11,4% trong quý II, cao hơn mức tăng 3,1% của quý II "
            "năm 2023.")
    got = _keys(text)
    assert {k[4] for k in got} == {6.2}


def test_a_sentence_opened_by_last_years_same_period_is_last_years() -> None:
    text = ("GDP quý I/2019\n\nTổng cục Thống kê cho biết GDP quý I/2019 tăng 6,79% so với cùng "
            "kỳ. Cùng kỳ năm trước, GDP quý I tăng 7,45%, mức cao nhất nhiều năm.")
    got = _keys(text, date(2019, 3, 29))
    assert ("Việt Nam", "gdp", "all", "yoy_pct", 6.79, "2019-01-01", "2019-03-31") in got
    assert ("Việt Nam", "gdp", "all", "yoy_pct", 7.45, "2018-01-01", "2018-03-31") in got


def test_a_headline_giving_a_city_a_gdp_makes_the_articles_gdp_the_citys() -> None:
    text = ("GDP của Hà Nội năm 2010 ước tăng 11%\n\nTại phiên họp của UBND thành phố về kinh tế "
            "9 tháng đầu năm 2010, các sở ngành cho biết kinh tế thủ đô phục hồi khá: GDP 9 tháng "
            "đầu năm 2010 tăng 10,8%, cao hơn cùng kỳ năm trước (tăng 6,1%).")
    got = _keys(text, date(2010, 9, 25))
    assert ("Hà Nội", "grdp", "all", "yoy_pct", 10.8, "2010-01-01", "2010-09-30") in got
    assert ("Hà Nội", "grdp", "all", "yoy_pct", 6.1, "2009-01-01", "2009-09-30") in got
    assert not any(k[0] == "Việt Nam" for k in got)


def test_last_years_rate_in_brackets_after_the_comparison() -> None:
    text = ("Xuất khẩu Long An\n\nSáu tháng đầu năm 2024, kim ngạch xuất khẩu của Long An tăng "
            "8,4%, thấp hơn cùng kỳ năm trước (tăng 12,3%).")
    got = _keys(text)
    assert ("Long An", "export", "all", "yoy_pct", 8.4, "2024-01-01", "2024-06-30") in got
    assert ("Long An", "export", "all", "yoy_pct", 12.3, "2023-01-01", "2023-06-30") in got
    assert not any(k[4] == 12.3 and k[5] == "2024-01-01" for k in got)


def test_rankings_with_a_compared_place_in_brackets_and_group_sums() -> None:
    text = ("Xuất khẩu năm 2024\n\nNăm 2024, kim ngạch xuất khẩu của Hải Phòng đạt 39,6 tỷ USD. "
            "Trong khi đó, Thái Nguyên vượt Đồng Nai (25,1 tỷ USD) để lên thứ tư với 27,3 tỷ USD. "
            "Mặc dù chỉ đứng thứ ba trong tháng 12, Bình Dương vẫn giữ vị trí thứ năm cả năm với "
            "24,8 tỷ USD.\n\nGộp lại, 6 địa phương này xuất khẩu tổng cộng 170,2 tỷ USD.")
    got = _keys(text, date(2025, 1, 10))
    assert ("Đồng Nai", "export", "all", "level", 25.1e9, "2024-01-01", "2024-12-31") in got
    assert ("Thái Nguyên", "export", "all", "level", 27.3e9, "2024-01-01", "2024-12-31") in got
    assert ("Bình Dương", "export", "all", "level", 24.8e9, "2024-01-01", "2024-12-31") in got
    assert not any(k[4] == 170.2e9 for k in got)


def test_sau_dates_a_number_only_with_a_run_of_months() -> None:
    text = ("GRDP Hà Tĩnh\n\nQuý II/2024, GRDP tỉnh Hà Tĩnh tăng 5,2% sau quý I giảm 1,3%.")
    got = _keys(text, date(2024, 7, 5))
    assert ("Hà Tĩnh", "grdp", "all", "yoy_pct", 5.2, "2024-04-01", "2024-06-30") in got
    assert ("Hà Tĩnh", "grdp", "all", "yoy_pct", -1.3, "2024-01-01", "2024-03-31") in got


def test_a_run_of_places_with_amounts_about_another_topic_is_not_trade() -> None:
    text = ("Xuất khẩu năm 2023\n\nNăm 2023, kim ngạch xuất khẩu của Bắc Ninh đạt 49 tỷ USD.\n\n"
            "Năm 2023, TP.HCM với 4,1 tỷ USD và Hà Nội với 2,9 tỷ USD dẫn đầu cả nước về thu hút "
            "vốn FDI.")
    got = _keys(text, date(2024, 1, 10))
    assert {k[0] for k in got} == {"Bắc Ninh"}


def test_a_run_of_places_under_another_index_is_not_grdp() -> None:
    text = ("GRDP 6 tháng\n\nGRDP 6 tháng năm 2024 của nhiều địa phương tăng khá. Chỉ số sản xuất "
            "công nghiệp 6 tháng của một số tỉnh: Bình Dương tăng 5,1%; Đồng Nai tăng 6,2%; "
            "Long An tăng 7,3%.")
    assert _keys(text, date(2024, 7, 5)) == set()


def test_the_rate_of_the_quarter_before_as_the_comparisons_term() -> None:
    text = ("GRDP Khánh Hòa quý I\n\nGRDP quý I/2024 của Khánh Hòa tăng 8,9%, cao hơn hẳn mức "
            "tăng 6,4% của quý trước.")
    got = _keys(text, date(2024, 4, 5))
    assert ("Khánh Hòa", "grdp", "all", "yoy_pct", 8.9, "2024-01-01", "2024-03-31") in got
    assert ("Khánh Hòa", "grdp", "all", "yoy_pct", 6.4, "2023-10-01", "2023-12-31") in got
