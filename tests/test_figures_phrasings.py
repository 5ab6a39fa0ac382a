"""Phrasings met in published reporting (realistic2): rates said as higher or lower, last year's
rates in brackets, thresholds, constant-price levels, multi-year spans, more border gates."""

from __future__ import annotations

from datetime import date

from tests.helpers.figures import figure_keys

PUB = date(2024, 7, 10)


def _keys(text: str, published: date = PUB) -> set[tuple]:
    return figure_keys(text, published)


def test_higher_than_last_year_is_a_rise() -> None:
    text = ("Hà Tĩnh: 6 tháng đầu năm 2024, kim ngạch xuất khẩu của tỉnh đạt 420 triệu USD, "
            "cao hơn 12,5% so với cùng kỳ năm trước.")
    assert ("Hà Tĩnh", "export", "all", "yoy_pct", 12.5, "2024-01-01", "2024-06-30") in _keys(text)


def test_higher_than_last_year_after_a_month_on_month_fall() -> None:
    text = ("Hà Tĩnh: 6 tháng đầu năm 2024, kim ngạch nhập khẩu của tỉnh giảm 3% so với tháng "
            "trước nhưng cao hơn tới 18% so với cùng kỳ năm 2023.")
    assert _keys(text) == {("Hà Tĩnh", "import", "all", "yoy_pct", 18.0, "2024-01-01",
                            "2024-06-30")}


def test_lower_than_last_year_is_a_fall_and_higher_than_a_place_is_nothing() -> None:
    text = ("Nam Định: 6 tháng đầu năm 2024, kim ngạch xuất khẩu thấp hơn 4% so với cùng kỳ.")
    assert {k[4] for k in _keys(text)} == {-4.0}
    text = "Nam Định: 6 tháng đầu năm 2024, GRDP tăng 7%, cao hơn 1,2% so với Thái Bình."
    assert {k[4] for k in _keys(text)} == {7.0}


def test_rise_stated_then_its_rate_at_a_level() -> None:
    text = ("Nam Định: 6 tháng đầu năm 2024, kim ngạch xuất khẩu của tỉnh tăng so với cùng kỳ "
            "năm ngoái, ở mức 9%.")
    assert {k[4] for k in _keys(text)} == {9.0}


def test_constant_price_level_is_not_labelled() -> None:
    text = ("Nam Định: 6 tháng đầu năm 2024, GRDP của tỉnh theo giá so sánh 2010 ước đạt 25.100 "
            "tỷ đồng, tăng 7,2% so với cùng kỳ.")
    assert {(k[3], k[4]) for k in _keys(text)} == {("yoy_pct", 7.2)}


def test_thresholds_of_a_group_are_no_levels() -> None:
    assert not _keys("6 tháng đầu năm 2024, cả nước có ba tỉnh đạt kim ngạch xuất khẩu từ 5 tỷ "
                     "USD trở lên.")
    assert not _keys("6 tháng đầu năm 2024, có hai địa phương xuất khẩu hơn 15 tỷ USD.")


def test_last_years_rate_in_brackets_dates_only_itself() -> None:
    text = ("Phú Thọ: 9 tháng năm 2024, GRDP tăng 8,1%; trong đó dịch vụ tăng 6,4% (cùng kỳ năm "
            "ngoái tăng 5,2%), thuế sản phẩm tăng 4% (cùng kỳ tăng 3,1%).", date(2024, 10, 10))
    got = {(k[1], k[4], k[5]) for k in _keys(*text)}
    assert got == {("grdp", 8.1, "2024-01-01"), ("grdp_services", 6.4, "2024-01-01"),
                   ("grdp_services", 5.2, "2023-01-01"), ("grdp_product_taxes", 4.0, "2024-01-01"),
                   ("grdp_product_taxes", 3.1, "2023-01-01")}


def test_last_years_rate_when_the_period_is_in_an_earlier_paragraph() -> None:
    text = ("Phú Thọ: kinh tế 9 tháng năm 2024\n\nTrong 9 tháng năm nay, GRDP của Phú Thọ tăng "
            "8,1%.\n\nDịch vụ tăng 6,4% (cùng kỳ năm ngoái tăng 5,2%).")
    got = {(k[1], k[4], k[5]) for k in _keys(text, date(2024, 10, 10))}
    assert ("grdp_services", 5.2, "2023-01-01") in got


def test_same_period_opening_a_sentence_is_this_period() -> None:
    text = ("Trong 4 tháng đầu năm 2024, kim ngạch xuất khẩu của tỉnh Hà Nam ước đạt 900 triệu "
            "USD, tăng 10% so với cùng kỳ năm trước. Cùng kỳ, kim ngạch nhập khẩu đạt 700 triệu "
            "USD, tăng 8%.")
    got = {(k[1], k[3], k[6]) for k in _keys(text, date(2024, 5, 20))}
    assert ("import", "level", "2024-04-30") in got and ("import", "yoy_pct", "2024-04-30") in got


def test_figures_of_a_multi_year_span_are_not_figures() -> None:
    assert not _keys("Hà Nam: Giai đoạn 2019 – 2023, kim ngạch xuất khẩu toàn tỉnh đạt hơn 12 "
                     "tỷ USD, tăng trưởng trung bình 9%/năm.", date(2024, 5, 20))
    text = ("Hà Nam: Năm 2023 GRDP tăng 6%, bình quân giai đoạn 2021-2023 đạt 5,1%/năm; trong đó "
            "khu vực dịch vụ tăng 4,2%, công nghiệp - xây dựng tăng 7,7%.")
    assert {(k[1], k[4]) for k in _keys(text, date(2024, 1, 5))} == {("grdp", 6.0)}


def test_each_gate_of_long_an_is_its_own_scope() -> None:
    text = ("Long An: Tháng 8/2014, kim ngạch xuất khẩu qua Cửa khẩu quốc tế Bình Hiệp là "
            "1.200.000 USD, qua Cửa khẩu quốc gia Mỹ Quý Tây 2.300.000 USD.")
    got = {(k[2], k[4]) for k in _keys(text, date(2014, 9, 12))}
    assert got == {("border_gate:Bình Hiệp", 1200000.0), ("border_gate:Mỹ Quý Tây", 2300000.0)}


def test_rates_after_a_closed_bracket_keep_the_paragraphs_period() -> None:
    text = ("Ninh Bình: 6 tháng năm 2024\n\nSáu tháng năm nay, GRDP của Ninh Bình tăng 7,5%.\n\n"
            "Công nghiệp - xây dựng tăng 9% (cùng kỳ tăng 6,8%); dịch vụ tăng 6,2%.")
    got = {(k[1], k[4], k[5]) for k in _keys(text, date(2024, 7, 5))}
    assert {("grdp_industry_construction", 6.8, "2023-01-01"),
            ("grdp_services", 6.2, "2024-01-01")} <= got


def test_a_place_whose_name_starts_with_kh_is_no_plan_word() -> None:
    text = "Sáu tháng năm 2024, GRDP tăng khá ở: Kiên Giang (7,1%), Khánh Hòa (8,3%)."
    assert {(k[0], k[4]) for k in _keys(text)} == {("Kiên Giang", 7.1), ("Khánh Hòa", 8.3)}


def test_the_province_is_the_text_s_not_the_one_compared_after() -> None:
    text = ("Nghệ An năm 2024\n\nNăm 2024, Nghệ An có nhiều kết quả nổi bật. Tốc độ tăng trưởng "
            "tổng sản phẩm của tỉnh ước đạt 9,01%, chỉ đứng sau tỉnh Thanh Hóa tăng 12,2%.")
    got = {(k[0], k[4]) for k in _keys(text, date(2024, 12, 20))}
    assert got == {("Nghệ An", 9.01), ("Thanh Hóa", 12.2)}


def test_a_compared_quarter_does_not_date_the_next_paragraph() -> None:
    text = ("Quý III/2024, GDP tăng 7,4%, chỉ thấp hơn mức 7,8% của quý III/2022.\n\n"
            "Ở các khu vực, dịch vụ tăng 7,5%; công nghiệp và xây dựng tăng 9,1%.")
    got = {(k[1], k[4], k[5]) for k in _keys(text, date(2024, 10, 6))}
    assert ("grdp_services", 7.5, "2024-07-01") in got
    assert not any(k[2].startswith("2022") and k[0] != "gdp" for k in got)


def test_a_ranking_paragraph_goes_on_with_the_article_s_indicator() -> None:
    text = ("Nhập khẩu quý I/2024\n\nQuý I/2024, Hà Nội dẫn đầu cả nước với kim ngạch nhập khẩu "
            "9,2 tỷ USD.\n\nĐồng Nai xếp thứ hai với 6,1 tỷ USD, nhiều hơn gần 0,8 tỷ USD; Long An "
            "thứ ba với 3,4 tỷ USD.")
    got = {(k[0], k[1], k[4]) for k in _keys(text, date(2024, 4, 15))}
    assert got == {("Hà Nội", "import", 9.2e9), ("Đồng Nai", "import", 6.1e9),
                   ("Long An", "import", 3.4e9)}


def test_goods_through_a_gate_said_as_hang_xuat() -> None:
    text = ("Long An: Tháng 8/2014, hàng xuất qua Cửa khẩu quốc tế Bình Hiệp trị giá 310.000 USD; "
            "hàng nhập qua Cửa khẩu quốc gia Mỹ Quý Tây trị giá 150.000 USD.")
    got = {(k[1], k[2], k[4]) for k in _keys(text, date(2014, 9, 12))}
    assert got == {("export", "border_gate:Bình Hiệp", 310000.0),
                   ("import", "border_gate:Mỹ Quý Tây", 150000.0)}


def test_a_list_of_ranks_carries_the_indicator() -> None:
    text = ("Quý I/2024, Hà Nội dẫn đầu với kim ngạch nhập khẩu 9,2 tỷ USD. Đồng Nai và Long An "
            "lần lượt đứng thứ hai và thứ ba, với 6,1 tỷ USD và 3,4 tỷ USD.")
    got = {(k[0], k[1], k[4]) for k in _keys(text, date(2024, 4, 15))}
    assert {("Đồng Nai", "import", 6.1e9), ("Long An", "import", 3.4e9)} <= got


def test_value_added_of_all_industries_is_not_grdp_and_a_group_s_bound_is_no_level() -> None:
    text = ("Quý I/2024, GRDP của Phú Yên tăng 6,1%. Trong đó, giá trị tăng thêm các ngành kinh "
            "tế tăng 6,8%; thuế sản phẩm trừ trợ cấp sản phẩm tăng 1,2%.")
    assert {(k[1], k[4]) for k in _keys(text, date(2024, 4, 5))} == {
        ("grdp", 6.1), ("grdp_product_taxes", 1.2)}
    assert not _keys("Sáu tháng năm 2024, hai trong năm địa phương xuất khẩu trên 8 tỷ USD "
                     "thuộc Đông Nam Bộ.")


def test_a_bare_rate_after_month_on_month_rates_is_month_on_month() -> None:
    text = ("Riêng tháng 6/2024, cả nước xuất khẩu 30,1 tỷ USD, tăng 4% so với tháng trước; "
            "nhập khẩu đạt 27 tỷ USD, tăng 2,2%.")
    assert {k[3] for k in _keys(text)} == {"level"}
    text = text.replace("tháng trước;", "tháng trước và tăng 9% so với cùng kỳ;")
    assert {(k[1], k[4]) for k in _keys(text) if k[3] == "yoy_pct"} == {
        ("export", 9.0), ("import", 2.2)}


def test_the_last_of_a_ranking_goes_on_with_the_indicator() -> None:
    text = ("Xuất khẩu 6 tháng năm 2024\n\nSáu tháng năm 2024, Hà Nội dẫn đầu với kim ngạch xuất "
            "khẩu 9,2 tỷ USD.\n\nĐứng cuối nhóm là Long An với 3,4 tỷ USD.")
    assert ("Long An", "export", "all", "level", 3.4e9, "2024-01-01", "2024-06-30") in _keys(text)


def test_quarters_in_brackets_after_a_dated_span_are_figures() -> None:
    text = ("Tăng trưởng GDP quý II/2024 tuy thấp hơn cùng kỳ các năm 2018 và 2019 trong giai đoạn "
            "2011-2024 nhưng vẫn đi lên (quý I tăng 5,7%, quý II tăng 6,9%).")
    got = {(k[4], k[5]) for k in _keys(text, date(2024, 7, 6))}
    assert got == {(5.7, "2024-01-01"), (6.9, "2024-04-01")}


def test_a_paragraph_of_one_place_goes_on_with_the_article_s_trade_word() -> None:
    text = ("Nhập khẩu 5 tháng năm 2024\n\nSau 5 tháng năm 2024, kim ngạch nhập khẩu của Hà Nội "
            "đạt 12,3 tỷ USD.\n\nKim ngạch của Hải Dương đạt 3,1 tỷ USD, tăng 6,5%.\n\n"
            "Chỉ Hà Nội và Hải Dương tăng trưởng dương. Hà Nội tăng 9.4% so với cùng kỳ.")
    got = {(k[0], k[1], k[4]) for k in _keys(text, date(2024, 6, 12))}
    assert {("Hải Dương", "import", 3.1e9), ("Hải Dương", "import", 6.5)} <= got


def test_places_with_rates_in_brackets_after_a_national_rate() -> None:
    text = ("Quý I/2024, GDP cả nước tăng 5,7% so với cùng kỳ. Trong 40 địa phương tăng nhanh hơn "
            "mức trung bình, dẫn đầu là Thanh Hóa (12,1%), Hà Nam (10,4%) và Sóc Trăng (9,9%).")
    got = {(k[0], k[1], k[4]) for k in _keys(text, date(2024, 4, 6))}
    assert got == {("Việt Nam", "gdp", 5.7), ("Thanh Hóa", "grdp", 12.1),
                   ("Hà Nam", "grdp", 10.4), ("Sóc Trăng", "grdp", 9.9)}


def test_sectors_listed_under_production_value_are_not_grdp() -> None:
    text = ("Thái Bình: 9 tháng năm 2024, giá trị sản xuất đạt 200.000 tỷ đồng, tăng 9,1%, trong "
            "đó công nghiệp và xây dựng tăng 10,2%, dịch vụ tăng 7,9%.")
    assert not _keys(text, date(2024, 10, 5))


def test_a_gap_said_with_khoang_is_no_level() -> None:
    text = ("Tháng 7/2025, Hà Nội xuất khẩu 2,1 tỷ USD, thấp hơn Hải Phòng khoảng 300 triệu USD.")
    assert {k[4] for k in _keys(text, date(2025, 8, 10))} == {2.1e9}


def test_a_headline_naming_two_places_names_no_subject() -> None:
    text = ("Hải Phòng bám sát Hà Nội về nhập khẩu\n\nTháng 6/2024, nhập khẩu của Việt Nam đạt 30 "
            "tỷ USD.\n\nCộng dồn 6 tháng năm 2024, kim ngạch nhập khẩu đạt 180 tỷ USD.")
    got = {(k[0], k[4]) for k in _keys(text)}
    assert got == {("Việt Nam", 30e9), ("Việt Nam", 180e9)}


def test_plan_share_of_the_grdp_size() -> None:
    text = "Phú Thọ: 6 tháng năm 2024, quy mô GRDP đạt 45.000 tỷ đồng, bằng 48,2% kế hoạch."
    assert {(k[3], k[4]) for k in _keys(text)} == {("level", 45e12), ("plan_pct", 48.2)}
