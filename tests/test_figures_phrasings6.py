"""Phrasings met in real articles (issue 13), each rule on sentences the team wrote."""

from __future__ import annotations

from datetime import date

from extractors.figures import extract_figures
from tests.helpers.figures import figure_keys


def _keys(text: str, published: date | None) -> set[tuple]:
    return {(f.region, f.indicator, f.metric, f.value, f.period_start.isoformat(),
             f.period_end.isoformat()) for f in extract_figures(text, published)}


def test_a_figure_compared_with_year_n_is_of_year_n_plus_one() -> None:
    text = ("Lào Cai: hàng hóa qua cửa khẩu giảm mạnh\n"
            "Kim ngạch nhập khẩu của tỉnh Lào Cai 8 tháng ước đạt 512,4 triệu USD, giảm 12,6% so "
            "với cùng kỳ năm 2022.")
    keys = _keys(text, None)
    assert ("Lào Cai", "import", "level", 512400000.0, "2023-01-01", "2023-08-31") in keys
    assert ("Lào Cai", "import", "yoy_pct", -12.6, "2023-01-01", "2023-08-31") in keys


def test_a_text_without_date_is_at_least_the_year_after_its_comparison_base() -> None:
    text = ("Sáu tháng đầu năm nay, kim ngạch xuất khẩu của tỉnh Kon Tum đạt 96 triệu USD, tăng "
            "14,2% so với cùng kỳ năm 2020.")
    keys = _keys(text, None)
    assert ("Kon Tum", "export", "level", 96e6, "2021-01-01", "2021-06-30") in keys


def test_a_comparison_base_two_years_back_gives_no_figure() -> None:
    text = ("Trong 6 tháng đầu năm 2022, GRDP tỉnh Bình Định tăng 6,1%. So với cùng kỳ năm 2019, "
            "GRDP tỉnh 6 tháng qua tăng 9,3%.")
    keys = _keys(text, None)
    assert ("Bình Định", "grdp", "yoy_pct", 6.1, "2022-01-01", "2022-06-30") in keys
    assert not any(k[3] == 9.3 for k in keys)


def test_running_totals_to_a_month_are_year_to_date() -> None:
    text = ("Nhập khẩu của tỉnh Đồng Nai lũy kế đến tháng 9 ước đạt 14,1 tỷ USD, tăng 6,7% so với "
            "cùng kỳ. Xuất khẩu tính đến tháng 9-2024 đạt 19,8 tỷ USD.")
    keys = _keys(text, date(2024, 10, 2))
    assert ("Đồng Nai", "import", "level", 14.1e9, "2024-01-01", "2024-09-30") in keys
    assert ("Đồng Nai", "export", "level", 19.8e9, "2024-01-01", "2024-09-30") in keys


def test_the_last_fifteen_days_of_a_month_are_its_second_half() -> None:
    text = ("Theo Tổng cục Hải quan, trong 15 ngày cuối tháng 3/2025, kim ngạch xuất khẩu của cả "
            "nước đạt 21,7 tỷ USD.")
    keys = _keys(text, date(2025, 4, 9))
    assert ("Việt Nam", "export", "level", 21.7e9, "2025-03-16", "2025-03-31") in keys


def test_gdp_of_a_province_is_its_grdp() -> None:
    text = ("Cục Thống kê Hải Phòng cho biết tốc độ tăng trưởng GDP 9 tháng của thành phố Hải "
            "Phòng đạt 11,2%, cao nhất trong 5 năm.")
    keys = _keys(text, date(2019, 10, 1))
    assert ("Hải Phòng", "grdp", "yoy_pct", 11.2, "2019-01-01", "2019-09-30") in keys
    assert not any(k[0] == "Việt Nam" for k in keys)


def test_gdp_of_the_country_stays_national() -> None:
    text = "Quý III/2024, GDP cả nước tăng 7,4%, trong khi kinh tế Hà Nội tăng 6,8%."
    keys = _keys(text, date(2024, 10, 6))
    assert ("Việt Nam", "gdp", "yoy_pct", 7.4, "2024-07-01", "2024-09-30") in keys


def test_the_country_a_place_leads_is_not_the_subject() -> None:
    text = ("Bắc Ninh, địa phương dẫn đầu cả nước về thu hút vốn ngoại, ghi nhận xuất siêu 8,2 tỷ "
            "USD trong năm 2023.")
    keys = _keys(text, date(2024, 1, 5))
    assert ("Bắc Ninh", "trade_balance", "level", 8.2e9, "2023-01-01", "2023-12-31") in keys
    assert not any(k[0] == "Việt Nam" for k in keys)


def test_trade_between_two_countries_is_no_place_total() -> None:
    text = ("9 tháng năm 2024, kim ngạch thương mại giữa hai nước Việt Nam và Hàn Quốc đạt 65 tỷ "
            "USD.")
    assert _keys(text, date(2024, 10, 10)) == set()


def test_trade_by_ownership_is_a_component() -> None:
    text = ("Xuất khẩu của tỉnh Thanh Hóa 10 tháng ước đạt 4,3 tỷ USD. Trong đó, khối trung ương "
            "đạt 1,1 tỷ USD.")
    keys = _keys(text, date(2024, 11, 3))
    assert ("Thanh Hóa", "export", "level", 4.3e9, "2024-01-01", "2024-10-31") in keys
    assert not any(k[3] == 1.1e9 for k in keys)


def test_a_milestone_is_no_level() -> None:
    text = "Năm 2011, xuất nhập khẩu của Việt Nam lần đầu đạt mốc 200 tỷ USD."
    assert _keys(text, date(2012, 1, 3)) == set()


def test_a_condition_is_no_figure_but_counting_together_is() -> None:
    cond = ("Nếu xuất khẩu của Việt Nam năm 2025 tăng 10% thì kim ngạch sẽ vượt 440 tỷ USD.")
    assert _keys(cond, date(2025, 3, 1)) == set()
    together = "Nếu tính chung 9 tháng năm 2024, GDP cả nước tăng 6,82%."
    assert ("Việt Nam", "gdp", "yoy_pct", 6.82, "2024-01-01", "2024-09-30") in \
        _keys(together, date(2024, 10, 6))


def test_an_outlook_is_no_figure() -> None:
    text = ("Các tổ chức quốc tế nhận định tăng trưởng GDP của Việt Nam năm 2025 đạt khoảng "
            "6,5%.")
    assert _keys(text, date(2025, 2, 10)) == set()


def test_figure_keys_helper_still_reads_scope() -> None:
    keys = figure_keys("Năm 2023, kim ngạch xuất khẩu của tỉnh Tây Ninh đạt 6,9 tỷ USD.",
                       date(2024, 1, 4))
    assert ("Tây Ninh", "export", "all", "level", 6.9e9, "2023-01-01", "2023-12-31") in keys


def test_a_line_broken_inside_a_sentence_is_read_as_one() -> None:
    text = ("Báo cáo của UBND tỉnh Bình Phước cho biết 9\n"
            "tháng đầu năm 2024, kim ngạch xuất khẩu của tỉnh đạt 3,2 tỷ USD; kim ngạch\n"
            "nhập khẩu ước đạt 2,1 tỷ USD.")
    keys = _keys(text, date(2024, 10, 1))
    assert ("Bình Phước", "export", "level", 3.2e9, "2024-01-01", "2024-09-30") in keys
    assert ("Bình Phước", "import", "level", 2.1e9, "2024-01-01", "2024-09-30") in keys
    f = next(f for f in extract_figures(text, date(2024, 10, 1)) if f.indicator == "import")
    assert text[f.start:f.end].startswith("2,1")  # offsets stay those of the text as given


def test_a_targets_period_does_not_date_the_next_paragraph() -> None:
    text = ("Quý I, kinh tế tỉnh Quảng Trị tăng 7,1%. Đây là nền tảng để phấn đấu tăng trưởng 9% "
            "trong năm 2025.\n"
            "Kim ngạch xuất khẩu ước đạt 95 triệu USD, tăng 12% so với cùng kỳ.")
    keys = _keys(text, date(2025, 4, 2))
    assert ("Quảng Trị", "export", "level", 95e6, "2025-01-01", "2025-03-31") in keys


def test_gdp_in_an_article_about_a_province_is_its_grdp() -> None:
    text = ("Đà Nẵng: kinh tế 6 tháng phục hồi rõ nét\n"
            "Sáng 28/6, Cục Thống kê Đà Nẵng công bố số liệu 6 tháng đầu năm 2023.\n"
            "GDP tăng 4,6%; trong đó dịch vụ tăng 5,9%.")
    keys = _keys(text, None)
    assert ("Đà Nẵng", "grdp", "yoy_pct", 4.6, "2023-01-01", "2023-06-30") in keys
    assert not any(k[0] == "Việt Nam" for k in keys)


def test_the_venue_of_a_press_conference_is_not_the_subject() -> None:
    text = ("Kinh tế quý III tăng tốc\n"
            "Chiều 6/10, tại Hà Nội, Tổng cục Thống kê họp báo công bố số liệu quý III/2024.\n"
            "Trong quý III, khu vực công nghiệp và xây dựng của nền kinh tế tăng 9,1%.")
    keys = _keys(text, date(2024, 10, 6))
    assert not any(k[0] == "Hà Nội" for k in keys)


def test_a_place_in_general_is_not_the_place_in_particular() -> None:
    text = ("Các hiệp định thương mại mở cơ hội cho doanh nghiệp Việt Nam nói chung, Đắk Lắk nói "
            "riêng.\n"
            "Năm 2023, kim ngạch xuất khẩu của tỉnh đạt 1,6 tỷ USD.")
    keys = _keys(text, date(2024, 1, 8))
    assert ("Đắk Lắk", "export", "level", 1.6e9, "2023-01-01", "2023-12-31") in keys


def test_the_gates_goods_passed_are_not_the_subject() -> None:
    text = ("Quý I/2024, kim ngạch xuất khẩu của doanh nghiệp TP.HCM qua cửa khẩu cả nước đạt "
            "11,2 tỷ USD.")
    keys = _keys(text, date(2024, 4, 2))
    assert ("Hồ Chí Minh", "export", "level", 11.2e9, "2024-01-01", "2024-03-31") in keys


def test_an_average_over_the_period_is_its_growth() -> None:
    text = ("Long An: kinh tế 9 tháng tăng 6,1%\n"
            "Tính bình quân trong 9 tháng năm 2024, kinh tế tỉnh Long An tăng 6,1%, thấp hơn mức "
            "bình quân chung của cả nước.")
    keys = _keys(text, date(2024, 10, 3))
    assert ("Long An", "grdp", "yoy_pct", 6.1, "2024-01-01", "2024-09-30") in keys


def test_the_year_a_level_is_compared_with_does_not_date_it() -> None:
    text = ("Đến cuối năm 2023, quy mô nền kinh tế tỉnh Ninh Thuận gấp 20 lần so với thời điểm "
            "tái lập tỉnh vào năm 1992, đạt hơn 64.000 tỷ đồng.")
    keys = _keys(text, date(2024, 2, 1))
    assert ("Ninh Thuận", "grdp", "level", 64e12, "2023-01-01", "2023-12-31") in keys
    assert not any(k[4].startswith("1992") for k in keys)


def test_a_precise_mark_reached_is_the_level() -> None:
    text = "Tính đến hết ngày 15/11/2024, xuất khẩu của cả nước cán mốc 369,9 tỷ USD."
    keys = _keys(text, date(2024, 11, 20))
    assert ("Việt Nam", "export", "level", 369.9e9, "2024-01-01", "2024-11-15") in keys


def test_money_after_a_percentage_change_is_the_change() -> None:
    text = ("Tháng 10/2024, xuất khẩu của cả nước đạt 36,5 tỷ USD, giảm 3,2% (tương đương 1,2 tỷ "
            "USD) so với tháng trước.")
    keys = _keys(text, date(2024, 11, 6))
    assert ("Việt Nam", "export", "level", 36.5e9, "2024-10-01", "2024-10-31") in keys
    assert not any(k[3] == 1.2e9 for k in keys)


def test_a_supposition_is_no_figure() -> None:
    text = ("Nếu tháng 12 giữ nhịp như tháng 11, xuất khẩu cả năm 2024 của cả nước sẽ đạt 405 tỷ "
            "USD, nhập khẩu khoảng 380 tỷ USD.")
    assert _keys(text, date(2024, 12, 5)) == set()


def test_a_total_over_several_years_is_no_period_figure() -> None:
    text = ("Từ năm 2015 đến quý III/2024, kim ngạch xuất nhập khẩu qua cửa khẩu Cầu Treo đạt 2,3 "
            "tỷ USD.")
    assert _keys(text, date(2024, 10, 10)) == set()


def test_nominal_growth_beside_the_real_rate_is_left_out() -> None:
    text = ("Năm 2023, GRDP tỉnh Bắc Ninh (giá so sánh) tăng 6,2%; tính theo giá hiện hành là "
            "235.000 tỷ đồng, tăng 9% so với năm 2022.")
    keys = _keys(text, date(2024, 1, 3))
    assert ("Bắc Ninh", "grdp", "yoy_pct", 6.2, "2023-01-01", "2023-12-31") in keys
    assert not any(k[3] == 9.0 for k in keys)


def test_a_plan_for_the_second_half_is_not_last_years() -> None:
    text = ("Dự kiến trong 6 tháng cuối năm, kim ngạch xuất khẩu của tỉnh Gia Lai ước đạt 300 "
            "triệu USD.")
    figs = extract_figures(text, date(2024, 6, 28))
    assert all(f.period_start.year == 2024 for f in figs)
    assert all(f.confidence < 0.5 for f in figs)  # a period still ahead: for review only


def test_periods_listed_in_turn_pair_with_their_numbers() -> None:
    text = ("Xuất khẩu của tỉnh Long An năm 2022 và năm 2023 lần lượt đạt 8,1 tỷ USD và 8,5 tỷ "
            "USD.")
    keys = _keys(text, date(2024, 2, 1))
    assert ("Long An", "export", "level", 8.1e9, "2022-01-01", "2022-12-31") in keys
    assert ("Long An", "export", "level", 8.5e9, "2023-01-01", "2023-12-31") in keys


def test_a_run_of_rates_listed_in_turn_pairs_with_the_periods() -> None:
    text = ("Tăng trưởng GRDP của tỉnh Quảng Ninh quý I, quý II và quý III năm 2024 lần lượt là "
            "8,1%, 9,2% và 10,3%.")
    keys = _keys(text, date(2024, 11, 5))
    assert ("Quảng Ninh", "grdp", "yoy_pct", 8.1, "2024-01-01", "2024-03-31") in keys
    assert ("Quảng Ninh", "grdp", "yoy_pct", 10.3, "2024-07-01", "2024-09-30") in keys


def test_a_list_of_periods_that_does_not_pair_up_gives_no_guess() -> None:
    text = ("Tăng trưởng GRDP của tỉnh Quảng Ninh quý I và quý II năm 2024 lần lượt là 8,1%, "
            "9,2% và 10,3%.")
    assert _keys(text, date(2024, 11, 5)) == set()


def test_a_base_older_than_the_texts_year_gives_no_year() -> None:
    text = ("Trong 6 tháng đầu năm 2022, GRDP thành phố Cần Thơ tăng 6,7%.\n"
            "Đáng chú ý, so cùng kỳ năm 2019, GRDP Cần Thơ 6 tháng qua tăng 8,1%.")
    keys = _keys(text, None)
    assert ("Cần Thơ", "grdp", "yoy_pct", 6.7, "2022-01-01", "2022-06-30") in keys
    assert not any(k[3] == 8.1 for k in keys)


def test_the_province_of_a_national_lead_is_the_one_the_text_is_about() -> None:
    text = ("Hiệp định thương mại mở đường cho hàng hóa Việt Nam vào châu Âu.\n"
            "Sáu tháng đầu năm 2021, kim ngạch xuất khẩu của tỉnh đạt 210 triệu USD, tăng 20%.\n"
            "Kon Tum đặt mục tiêu mở rộng thị trường. Kon Tum cũng chú trọng chế biến sâu.")
    keys = _keys(text, date(2021, 7, 5))
    assert ("Kon Tum", "export", "level", 210e6, "2021-01-01", "2021-06-30") in keys
    assert not any(k[0] == "Việt Nam" for k in keys)


def test_places_given_as_examples_are_not_the_leads_subject() -> None:
    text = ("Xuất khẩu 9 tháng vẫn tăng\n"
            "Dịch bệnh ảnh hưởng nặng các địa bàn trọng điểm như TP.HCM, Bình Dương, theo Tổng "
            "cục Thống kê.\n"
            "Tính chung 9 tháng năm 2021, kim ngạch xuất khẩu hàng hóa ước đạt 240 tỷ USD.")
    keys = _keys(text, None)
    assert not any(k[0] in ("Hồ Chí Minh", "Bình Dương") for k in keys)


def test_exports_on_the_spot_are_a_market_not_the_country() -> None:
    text = ("Năm 2018, các thị trường chính của tỉnh Long An là Hàn Quốc (tăng 64%), Việt Nam "
            "(xuất khẩu tại chỗ, tăng 57%) và Nhật Bản.")
    keys = _keys(text, date(2018, 12, 20))
    assert not any(k[0] == "Việt Nam" for k in keys)


def test_a_year_written_after_a_slash_dates_a_text_without_date() -> None:
    text = ("Theo đó, GRDP của TP.HCM trong quý đầu năm ước đạt khoảng 380.000 tỷ đồng, tăng 4,2% "
            "so với cùng kỳ năm ngoái.\n"
            "Theo Cục Thống kê, mức tăng của thành phố trong quý 1/2024 chưa như kỳ vọng.")
    keys = _keys(text, None)
    assert ("Hồ Chí Minh", "grdp", "yoy_pct", 4.2, "2024-01-01", "2024-03-31") in keys


def test_a_month_compared_with_the_month_before_is_not_year_on_year() -> None:
    text = ("Tổng kim ngạch xuất nhập khẩu hàng hóa của cả nước tháng Một đạt 88,2 tỷ USD, tăng "
            "39% so với cùng kỳ năm trước. Tuy nhiên, so với tháng 12/2025, tổng kim ngạch giảm "
            "0,6%.")
    keys = _keys(text, None)
    assert ("Việt Nam", "trade_total", "yoy_pct", 39.0, "2026-01-01", "2026-01-31") in keys
    assert not any(k[3] == -0.6 for k in keys)
    assert all(k[4].startswith("2026") for k in keys)  # December 2025 was the month before


def test_the_same_month_a_year_before_is_year_on_year() -> None:
    text = ("Kim ngạch xuất khẩu của tỉnh Bình Dương tháng 3/2024 đạt 2,8 tỷ USD; so với tháng "
            "3/2023, kim ngạch xuất khẩu tăng 9,2%.")
    keys = _keys(text, date(2024, 4, 2))
    assert ("Bình Dương", "export", "yoy_pct", 9.2, "2024-03-01", "2024-03-31") in keys


def test_a_condition_inside_a_sentence_blocks_only_its_clause() -> None:
    text = ("GDP quý 3/2025 ước tăng 8,2%, cao nhất kể từ năm 2011 nếu không tính năm 2022; tính "
            "chung 9 tháng, GDP ước tăng 7,9%.")
    keys = _keys(text, date(2025, 10, 6))
    assert ("Việt Nam", "gdp", "yoy_pct", 7.9, "2025-01-01", "2025-09-30") in keys


def test_three_sectors_in_one_sentence_are_an_economys_breakdown() -> None:
    text = ("Nhiều lĩnh vực chững lại\n\n"
            "Quý I/2024, khu vực công nghiệp và xây dựng của Đà Nẵng giảm 1,2%; khu vực thương mại "
            "dịch vụ tăng 5,1%; thuế sản phẩm tăng 2,3%.")
    keys = _keys(text, date(2024, 4, 3))
    assert ("Đà Nẵng", "grdp_industry_construction", "yoy_pct", -1.2, "2024-01-01",
            "2024-03-31") in keys
    assert ("Đà Nẵng", "grdp_services", "yoy_pct", 5.1, "2024-01-01", "2024-03-31") in keys


def test_a_rate_in_brackets_after_its_base_is_the_bases_own() -> None:
    text = ("Năm 2018, kim ngạch xuất khẩu của tỉnh Long An ước đạt 5,1 tỉ USD, tăng 15% so cùng "
            "kỳ năm 2017 (tăng 19,4%).")
    figs = {(f.metric, f.value): f for f in extract_figures(text, date(2018, 11, 22))}
    last_year = figs[("yoy_pct", 19.4)]
    assert (last_year.period_start, last_year.period_end) == (date(2017, 1, 1), date(2017, 12, 31))
    assert not last_year.estimate and figs[("yoy_pct", 15.0)].estimate


def test_a_run_of_quarters_shares_the_year_written_after_it() -> None:
    text = ("Xuất khẩu của tỉnh Long An quý I và quý II năm 2022 lần lượt đạt 2,1 tỷ USD và 2,4 "
            "tỷ USD.")
    keys = _keys(text, date(2024, 11, 5))
    assert ("Long An", "export", "level", 2.1e9, "2022-01-01", "2022-03-31") in keys
    assert ("Long An", "export", "level", 2.4e9, "2022-04-01", "2022-06-30") in keys


def test_since_the_start_of_the_year_counts_to_publication() -> None:
    text = ("Từ đầu năm 2024 đến nay, kim ngạch xuất khẩu qua cửa khẩu quốc tế Lao Bảo đạt 145 "
            "triệu USD, tăng 86% so với cùng kỳ.")
    keys = _keys(text, date(2024, 4, 1))
    assert ("Quảng Trị", "export", "level", 145e6, "2024-01-01", "2024-04-01") in keys
    assert _keys(text, None) == set()  # no date to count to


def test_last_years_rate_in_brackets_after_its_named_year() -> None:
    text = ("6 tháng đầu năm 2024, GRDP của tỉnh Hà Tĩnh ước tăng 6,2%, cao hơn cùng kỳ năm 2023 "
            "(5,1%).")
    keys = _keys(text, date(2024, 7, 10))
    assert ("Hà Tĩnh", "grdp", "yoy_pct", 5.1, "2023-01-01", "2023-06-30") in keys
    older = "Năm 2024, GRDP tỉnh Hà Tĩnh tăng 6,2%, cao hơn cùng kỳ năm 2021 (5,1%)."
    assert not any(k[3] == 5.1 for k in _keys(older, date(2025, 1, 5)))


def test_a_count_of_a_group_is_not_a_day() -> None:
    text = ("Quý I/2024, dịch vụ của TP.HCM tăng 4,1%; có đến 4/9 ngành dịch vụ trọng yếu giảm, "
            "trong khi công nghiệp và xây dựng tăng 2,2%.")
    assert all(not k[5].endswith("-09-04") for k in _keys(text, date(2024, 4, 2)))


def test_examples_named_before_a_national_figure_are_not_its_place() -> None:
    text = ("Dịch bệnh ảnh hưởng nặng các địa bàn trọng điểm như TP.HCM, Bình Dương, Đồng Nai... "
            "Song, kim ngạch xuất khẩu cả nước quý III/2021 ước đạt 83,4 tỷ USD.")
    keys = _keys(text, date(2021, 10, 1))
    assert not any(k[0] in ("Hồ Chí Minh", "Bình Dương", "Đồng Nai") for k in keys)


def test_an_example_with_its_own_value_is_its_subject() -> None:
    text = ("Năm 2023, một số địa phương tăng trưởng âm như Bắc Ninh (-4,95%) và Quảng Nam "
            "(-2,2%).")
    keys = _keys(text, date(2024, 1, 10))
    assert ("Bắc Ninh", "grdp", "yoy_pct", -4.95, "2023-01-01", "2023-12-31") in keys


def test_goods_declared_at_a_customs_office_are_the_total_not_the_last_indicator() -> None:
    # the demo's Lạng Sơn story once stored this as import / customs_declared (issue 16)
    text = ("Năm 2022, nhập khẩu của tỉnh Lạng Sơn đạt 2,1 tỷ USD. Cũng trong năm 2022, kim ngạch "
            "hàng hóa mở tờ khai tại Cục Hải quan tỉnh đạt 4.110,2 triệu USD, giảm 3,9% so với năm "
            "trước.")
    keys = figure_keys(text, date(2023, 1, 5))
    assert ("Lạng Sơn", "trade_total", "customs_declared", "level", 4110200000.0, "2022-01-01",
            "2022-12-31") in keys
    assert not any(k[1] == "import" and k[2] == "customs_declared" for k in keys)


def test_the_parts_of_goods_declared_at_a_customs_office_keep_its_scope() -> None:
    # the demo's two conflicts (issue 16): the parts after "Trong đó" were stored as all goods
    text = ("Sáu tháng năm 2024, kim ngạch của hàng hóa làm thủ tục tại Cục Hải quan tỉnh Cao "
            "Bằng ước đạt 820 triệu USD. Trong đó, xuất khẩu ước 310 triệu USD; nhập khẩu ước "
            "510 triệu USD.")
    keys = figure_keys(text, date(2024, 7, 3))
    assert ("Cao Bằng", "export", "customs_declared", "level", 310e6, "2024-01-01",
            "2024-06-30") in keys
    assert ("Cao Bằng", "import", "customs_declared", "level", 510e6, "2024-01-01",
            "2024-06-30") in keys
    assert not any(k[2] == "all" for k in keys)
