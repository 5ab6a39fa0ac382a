"""Phrasings met in published reporting (realistic4): English half-months, day ranges, plan
shares said as "exceeding the plan by", changes said as "more/lower than a year earlier",
national bodies and "foreign trade" in English, thresholds and absolute changes in English."""

from __future__ import annotations

from datetime import date

from tests.helpers.figures import figure_keys

PUB = date(2023, 7, 10)


def _keys(text: str, published: date = PUB) -> set[tuple]:
    return figure_keys(text, published)


def test_english_half_of_a_month_is_the_half_month() -> None:
    text = ("Early February trade\n\nIn the first half of February 2023, Vietnam's import-export "
            "turnover was about 21.6 billion USD, up 9.2 percent year on year.")
    got = _keys(text)
    assert ("Việt Nam", "trade_total", "all", "level", 21.6e9, "2023-02-01", "2023-02-15") in got
    assert ("Việt Nam", "trade_total", "all", "yoy_pct", 9.2, "2023-02-01", "2023-02-15") in got
    assert not any(k[6] == "2023-02-28" for k in got)


def test_english_days_of_one_month() -> None:
    text = ("Late May trade\n\nFrom May 16 to 31, Vietnam's exports reached 15.4 billion USD, "
            "the customs office said.")
    got = _keys(text)
    assert ("Việt Nam", "export", "all", "level", 15.4e9, "2023-05-16", "2023-05-31") in got


def test_english_exceeding_the_plan_by_is_a_plan_share() -> None:
    text = ("Ben Tre's exports\n\nThe province of Ben Tre exported 1.6 billion USD worth of goods "
            "in 2022, exceeding the annual plan by 12 percent.")
    got = _keys(text)
    assert ("Bến Tre", "export", "all", "plan_pct", 112.0, "2022-01-01", "2022-12-31") in got
    assert not any(k[3] == "yoy_pct" for k in got)


def test_english_more_or_lower_than_a_year_earlier() -> None:
    text = ("Half-year trade\n\nVietnam's imports in the first six months of 2023 came to 147 "
            "billion USD, 18.2 percent lower than a year earlier, while exports were 164.5 billion "
            "USD, 12.1% less than the same period last year.")
    got = _keys(text)
    assert ("Việt Nam", "import", "all", "yoy_pct", -18.2, "2023-01-01", "2023-06-30") in got
    assert ("Việt Nam", "export", "all", "yoy_pct", -12.1, "2023-01-01", "2023-06-30") in got


def test_english_national_body_and_foreign_trade() -> None:
    text = ("Trade in 2022\n\nForeign trade set a record of 732.5 billion USD in 2022, up 9.5 "
            "percent, the General Statistics Office said. Export turnover rose 10.6 percent to "
            "371.85 billion USD in 2022, the Ministry of Industry and Trade reported.")
    got = _keys(text)
    assert ("Việt Nam", "trade_total", "all", "level", 732.5e9, "2022-01-01", "2022-12-31") in got
    assert ("Việt Nam", "trade_total", "all", "yoy_pct", 9.5, "2022-01-01", "2022-12-31") in got
    assert ("Việt Nam", "export", "all", "level", 371.85e9, "2022-01-01", "2022-12-31") in got


def test_english_ministry_of_planning_and_investment_is_no_investment_figure() -> None:
    text = ("Exports\n\nExport turnover rose 14 percent to 88 billion USD in the first nine months "
            "of 2011, the Ministry of Planning and Investment reported.")
    got = _keys(text, date(2011, 10, 1))
    assert ("Việt Nam", "export", "all", "level", 88e9, "2011-01-01", "2011-09-30") in got
    assert ("Việt Nam", "export", "all", "yoy_pct", 14.0, "2011-01-01", "2011-09-30") in got


def test_english_deficit_from_the_previous_month_keeps_its_month() -> None:
    text = ("Trade gap\n\nVietnam's trade deficit in March rose by 300 million USD from February "
            "to 1.1 billion USD, the General Statistics Office said.")
    got = _keys(text, date(2012, 4, 2))
    assert ("Việt Nam", "trade_balance", "all", "level", -1.1e9, "2012-03-01", "2012-03-31") in got
    assert not any(k[5] == "2012-02-01" for k in got)


def test_english_threshold_absolute_change_and_rank() -> None:
    text = ("Export leaders\n\nIn the first quarter, nine provinces exported $2 billion or more. "
            "Dong Nai exported $5.1 billion in the first quarter, about $0.6 billion more than a "
            "year earlier, and Binh Duong came third nationwide with $6.3 billion.")
    got = _keys(text)
    assert ("Đồng Nai", "export", "all", "level", 5.1e9, "2023-01-01", "2023-03-31") in got
    assert ("Bình Dương", "export", "all", "level", 6.3e9, "2023-01-01", "2023-03-31") in got
    assert not any(k[4] in (2e9, 0.6e9) for k in got)
    assert not any(k[0] == "Việt Nam" for k in got)


def test_a_run_of_months_from_january() -> None:
    text = ("Long An\n\nTừ tháng 1 đến tháng 8/2023, doanh nghiệp trên địa bàn tỉnh Long An xuất "
            "khẩu 5,4 tỷ USD, nhập khẩu 3,9 tỷ USD. Từ tháng Giêng đến hết tháng 6, kim ngạch "
            "xuất khẩu của Tây Ninh đạt 3,1 tỷ USD.")
    got = _keys(text, date(2023, 9, 12))
    assert ("Long An", "export", "all", "level", 5.4e9, "2023-01-01", "2023-08-31") in got
    assert ("Long An", "import", "all", "level", 3.9e9, "2023-01-01", "2023-08-31") in got
    assert ("Tây Ninh", "export", "all", "level", 3.1e9, "2023-01-01", "2023-06-30") in got
    assert not any(k[5] in ("2023-08-01", "2023-06-01") for k in got)


def test_a_ranking_after_a_period_goes_on_with_the_named_indicator() -> None:
    text = ("Các địa phương xuất khẩu lớn\n\nNăm 2022, bảy tỉnh, thành phố có kim ngạch xuất khẩu "
            "từ 20 tỷ USD trở lên.\n\nNăm 2022, dẫn đầu là Bình Dương (32,1 tỷ USD), sau đó là "
            "Đồng Nai (24,7 tỷ USD) và Hải Phòng (23,9 tỷ USD).")
    got = _keys(text, date(2023, 1, 20))
    for region, v in (("Bình Dương", 32.1e9), ("Đồng Nai", 24.7e9), ("Hải Phòng", 23.9e9)):
        assert (region, "export", "all", "level", v, "2022-01-01", "2022-12-31") in got
    assert not any(k[4] == 20e9 for k in got)


def test_a_ranking_goes_on_with_an_indicator_named_without_a_number() -> None:
    text = ("Kết quả xuất khẩu năm 2020\n\nTổng kim ngạch xuất nhập khẩu của cả nước năm 2020 đạt "
            "545 tỷ USD. Năm địa phương dẫn đầu về kim ngạch xuất khẩu gồm TP.HCM, Bắc Ninh, Bình "
            "Dương, Thái Nguyên và Đồng Nai.\n\nNăm 2020, Bắc Ninh vẫn đứng đầu với 36,9 tỷ USD, "
            "tăng 6,2% so với năm 2019.")
    got = _keys(text, date(2021, 1, 25))
    assert ("Bắc Ninh", "export", "all", "level", 36.9e9, "2020-01-01", "2020-12-31") in got
    assert ("Bắc Ninh", "export", "all", "yoy_pct", 6.2, "2020-01-01", "2020-12-31") in got
    assert not any(k[0] == "Bắc Ninh" and k[1] == "trade_total" for k in got)


def test_a_compared_rate_of_the_same_period_of_a_named_year() -> None:
    text = ("GDP quý I\n\nTổng sản phẩm trong nước quý I/2019 tăng 6,79% so với cùng kỳ năm trước, "
            "thấp hơn mức tăng 7,45% của cùng kỳ năm 2018.")
    got = _keys(text, date(2019, 3, 29))
    assert ("Việt Nam", "gdp", "all", "yoy_pct", 6.79, "2019-01-01", "2019-03-31") in got
    assert ("Việt Nam", "gdp", "all", "yoy_pct", 7.45, "2018-01-01", "2018-03-31") in got


def test_a_merged_provinces_members_in_brackets_are_not_its_subject() -> None:
    text = ("Xuất khẩu theo địa giới mới\n\nSáu tháng đầu năm 2025, kim ngạch xuất khẩu của cả "
            "nước đạt 219,8 tỷ USD.\n\nSau 6 tháng, Lào Cai mới (gồm Lào Cai và Yên Bái) xếp thứ "
            "hai với 1,9 tỷ USD.")
    got = _keys(text, date(2025, 7, 12))
    assert ("Lào Cai", "export", "all", "level", 1.9e9, "2025-01-01", "2025-06-30") in got
    assert not any(k[0] == "Yên Bái" for k in got)


def test_a_ranking_goes_on_after_a_notable_lead_and_the_other_places() -> None:
    text = ("Kim ngạch 9 tháng\n\nChín tháng năm 2023, Hà Nội dẫn đầu vùng với tổng kim ngạch xuất "
            "nhập khẩu 41,2 tỷ USD.\n\nĐáng chú ý, Hưng Yên đạt 9,8 tỷ USD. Các địa phương khác "
            "gồm Hải Dương (15,3 tỷ USD) và Vĩnh Phúc (21,4 tỷ USD).")
    got = _keys(text, date(2023, 10, 20))
    for region, v in (("Hưng Yên", 9.8e9), ("Hải Dương", 15.3e9), ("Vĩnh Phúc", 21.4e9)):
        assert (region, "trade_total", "all", "level", v, "2023-01-01", "2023-09-30") in got


def test_a_citys_gross_domestic_product_said_as_noi_dia() -> None:
    text = ("Đà Nẵng 6 tháng\n\nTheo báo cáo của UBND thành phố Đà Nẵng, 6 tháng đầu năm 2016 tổng "
            "sản phẩm nội địa (GDP) của thành phố ước tăng 7,2% so với cùng kỳ.")
    got = _keys(text, date(2016, 6, 28))
    assert ("Đà Nẵng", "grdp", "all", "yoy_pct", 7.2, "2016-01-01", "2016-06-30") in got
    assert not any(k[0] == "Việt Nam" for k in got)


def test_a_growth_table_written_as_text_lines() -> None:
    text = ("Hải Dương: chỉ tiêu kinh tế chủ yếu\n\nTốc độ tăng trưởng kinh tế tỉnh Hải Dương "
            "(theo giá so sánh, %)\nChỉ tiêu | Năm 2021 | Năm 2022\nTổng sản phẩm trên địa bàn "
            "(GRDP) | 8,6 | 9,1\n- Công nghiệp - xây dựng | 12,4 | 13,0\n- Dịch vụ | 4,2 | 6,8\n"
            "Cơ cấu dịch vụ trong GRDP | 29,5 | 30,1")
    got = _keys(text, date(2023, 3, 2))
    assert ("Hải Dương", "grdp", "all", "yoy_pct", 8.6, "2021-01-01", "2021-12-31") in got
    assert ("Hải Dương", "grdp", "all", "yoy_pct", 9.1, "2022-01-01", "2022-12-31") in got
    assert ("Hải Dương", "grdp_industry_construction", "all", "yoy_pct", 13.0, "2022-01-01",
            "2022-12-31") in got
    assert ("Hải Dương", "grdp_services", "all", "yoy_pct", 4.2, "2021-01-01", "2021-12-31") in got
    assert not any(k[4] in (29.5, 30.1) for k in got)


def test_a_table_with_a_unit_column_reads_only_its_percent_rows() -> None:
    text = ("Ninh Thuận: kinh tế hai năm\n\nKinh tế tỉnh Ninh Thuận tăng trưởng ổn định.\n"
            "Chỉ tiêu\tĐơn vị\tNăm 2018\tNăm 2019\nTốc độ tăng trưởng GRDP\t%\t10,3\t11,4\n"
            "GRDP bình quân đầu người\tUSD\t1.905\t2.120\n- Dịch vụ\t%\t7,1\t8,0")
    got = _keys(text, date(2020, 2, 1))
    assert ("Ninh Thuận", "grdp", "all", "yoy_pct", 11.4, "2019-01-01", "2019-12-31") in got
    assert ("Ninh Thuận", "grdp_services", "all", "yoy_pct", 7.1, "2018-01-01", "2018-12-31") in got
    assert len(got) == 4


def test_a_list_of_targets_after_phan_dau_runs_across_semicolons() -> None:
    text = ("Hà Nam đặt chỉ tiêu năm 2024\n\nNăm 2024, tỉnh Hà Nam phấn đấu tốc độ tăng trưởng "
            "GRDP đạt 10%; kim ngạch xuất khẩu đạt 3 tỷ USD, tăng 8%; thu ngân sách 13.000 tỷ "
            "đồng. Năm 2023, kim ngạch xuất khẩu của tỉnh ước đạt 2,8 tỷ USD; ước cả năm kim "
            "ngạch nhập khẩu đạt 2,1 tỷ USD.")
    got = _keys(text, date(2023, 12, 20))
    assert not any(k[5] == "2024-01-01" for k in got)
    assert ("Hà Nam", "export", "all", "level", 2.8e9, "2023-01-01", "2023-12-31") in got
    assert ("Hà Nam", "import", "all", "level", 2.1e9, "2023-01-01", "2023-12-31") in got


def test_english_components_shares_and_farm_goods_are_not_the_total() -> None:
    text = ("First half\n\nAccording to the General Statistics Office, Vietnam's exports in the "
            "first half of 2021 were estimated at USD157.6 billion, up 28.4%. Domestic firms "
            "exported USD42.5 billion, up 21.6% and 27% of the total, while the FDI sector, crude "
            "oil included, exported USD115.1 billion, up 31.2%.\n\nThe Ministry of Agriculture "
            "and Rural Development put exports of farm, forestry and fishery products at USD24.8 "
            "billion in the first half of 2021.")
    got = _keys(text, date(2021, 7, 2))
    assert ("Việt Nam", "export", "all", "level", 157.6e9, "2021-01-01", "2021-06-30") in got
    assert ("Việt Nam", "export", "all", "yoy_pct", 28.4, "2021-01-01", "2021-06-30") in got
    assert len(got) == 2


def test_english_a_counted_group_of_provinces_passes_a_threshold() -> None:
    text = ("Export club\n\nFive provinces and cities each exported more than US$5 billion in the "
            "first quarter, the General Department of Customs said. Bac Ninh led with US$9.2 "
            "billion, up 4.1 percent year on year.")
    got = _keys(text)
    assert ("Bắc Ninh", "export", "all", "level", 9.2e9, "2023-01-01", "2023-03-31") in got
    assert not any(k[4] == 5e9 for k in got)


def test_du_uoc_of_a_year_three_months_ahead_is_a_forecast() -> None:
    text = ("Cần Thơ 9 tháng\n\nChín tháng năm 2016, GRDP của thành phố Cần Thơ ước tăng 7,9%. Cục "
            "Thống kê dự ước GRDP cả năm 2016 tăng 8,1%, trong đó dịch vụ tăng 8,6%.")
    got = _keys(text, date(2016, 9, 30))
    assert ("Cần Thơ", "grdp", "all", "yoy_pct", 7.9, "2016-01-01", "2016-09-30") in got
    assert not any(k[6] == "2016-12-31" for k in got)
    got = _keys(text.replace("Chín tháng năm 2016", "Năm 2016"), date(2016, 12, 28))
    assert ("Cần Thơ", "grdp", "all", "yoy_pct", 8.1, "2016-01-01", "2016-12-31") in got


def test_a_text_table_with_its_unit_in_the_title_and_quarter_rows() -> None:
    text = ("Tốc độ tăng GDP năm 2016 và 2017 (giá so sánh 2010, %)\n\n"
            "Bảng sau tổng hợp tốc độ tăng GDP của cả nước theo khu vực và theo quý.\n\n"
            "Chỉ tiêu | Năm 2016 | Năm 2017\nTổng số | 6,21 | 6,81\nDịch vụ | 6,98 | 7,44\n"
            "Quý I | 5,48 | 5,15\nQuý IV | 6,68 | 7,65\n\nNguồn: Tổng cục Thống kê.")
    got = figure_keys(text, date(2018, 2, 1))
    assert ("Việt Nam", "gdp", "all", "yoy_pct", 6.81, "2017-01-01", "2017-12-31") in got
    assert ("Việt Nam", "grdp_services", "all", "yoy_pct", 6.98, "2016-01-01", "2016-12-31") in got
    assert ("Việt Nam", "gdp", "all", "yoy_pct", 5.15, "2017-01-01", "2017-03-31") in got
    assert ("Việt Nam", "gdp", "all", "yoy_pct", 6.68, "2016-10-01", "2016-12-31") in got


def test_all_five_places_is_no_whole_year() -> None:
    # "Cả năm địa phương" is "all five places": the half-year stays the period
    text = ("Tăng trưởng nửa đầu năm\n\nSáu tháng đầu năm 2025, nhiều tỉnh tăng trưởng mạnh. "
            "Cả năm địa phương đứng đầu đều có GRDP tăng từ 10% trở lên.\n\nDẫn đầu là Quảng "
            "Ngãi với mức tăng 11,5%.")
    got = figure_keys(text, date(2025, 7, 15))
    assert ("Quảng Ngãi", "grdp", "all", "yoy_pct", 11.5, "2025-01-01", "2025-06-30") in got


def test_a_month_compared_with_does_not_date_the_figures() -> None:
    text = ("Xuất khẩu của Long An\n\nRiêng tháng 2, xuất khẩu của tỉnh Long An đạt 650 triệu USD, "
            "cao hơn tháng 1 trên 12% và tăng 8,1% so với tháng 2/2023. Cộng dồn từ đầu năm, kim "
            "ngạch xuất khẩu đạt 1,23 tỷ USD, tăng 5,2% so với cùng kỳ.")
    got = figure_keys(text, date(2024, 3, 3))
    feb, m2 = ("2024-02-01", "2024-02-29"), ("2024-01-01", "2024-02-29")
    assert got == {("Long An", "export", "all", "level", 650e6, *feb),
                   ("Long An", "export", "all", "yoy_pct", 8.1, *feb),
                   ("Long An", "export", "all", "level", 1.23e9, *m2),
                   ("Long An", "export", "all", "yoy_pct", 5.2, *m2)}


def test_a_run_of_quarters_after_a_rate_that_reached() -> None:
    text = ("GDP năm 2019\n\nTổng sản phẩm trong nước năm 2019 tăng 7,02%. Tăng trưởng qua từng "
            "quý: quý I đạt 6,82%, quý II 6,73%, quý III 7,48% và quý IV 6,97%.")
    got = figure_keys(text, date(2019, 12, 27))
    assert ("Việt Nam", "gdp", "all", "yoy_pct", 6.73, "2019-04-01", "2019-06-30") in got
    assert ("Việt Nam", "gdp", "all", "yoy_pct", 6.97, "2019-10-01", "2019-12-31") in got
