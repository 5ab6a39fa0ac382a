"""A growth rate a figure is compared with ("cao hơn mức tăng 8,3% của cùng kỳ năm 2023") is a
figure of its own period, the year it names included; a ratio to last year stays a ratio."""

from __future__ import annotations

from datetime import date

from tests.helpers.figures import figure_keys

PUB = date(2024, 7, 12)


def test_a_compared_rate_with_the_year_named_after_it() -> None:
    text = ("Kinh tế Thái Nguyên nửa đầu năm\n\nTổng sản phẩm trên địa bàn tỉnh Thái Nguyên 6 "
            "tháng đầu năm 2024 ước tăng 6,2%, thấp hơn mức tăng 7,1% của cùng kỳ năm 2023.")
    got = figure_keys(text, PUB)
    assert ("Thái Nguyên", "grdp", "all", "yoy_pct", 6.2, "2024-01-01", "2024-06-30") in got
    assert ("Thái Nguyên", "grdp", "all", "yoy_pct", 7.1, "2023-01-01", "2023-06-30") in got
    assert len(got) == 2


def test_a_compared_rate_followed_by_the_same_period_without_of() -> None:
    text = ("Nghệ An: tăng trưởng 9 tháng\n\nTốc độ tăng trưởng kinh tế 9 tháng năm 2023 của "
            "Nghệ An ước đạt 7,4%, cao hơn so với mức tăng 6,15% cùng kỳ năm 2022.")
    got = figure_keys(text, PUB)
    assert ("Nghệ An", "grdp", "all", "yoy_pct", 6.15, "2022-01-01", "2022-09-30") in got
    assert ("Nghệ An", "grdp", "all", "yoy_pct", 7.4, "2023-01-01", "2023-09-30") in got


def test_a_compared_trade_rate_is_the_same_indicator_a_year_earlier() -> None:
    text = ("Xuất khẩu Long An\n\nKim ngạch xuất khẩu của Long An 6 tháng năm 2024 đạt 4,1 tỷ "
            "USD, tăng 8,5%, nhanh hơn mức tăng 2,3% của cùng kỳ năm 2023.")
    got = figure_keys(text, PUB)
    assert ("Long An", "export", "all", "yoy_pct", 2.3, "2023-01-01", "2023-06-30") in got
    assert ("Long An", "export", "all", "yoy_pct", 8.5, "2024-01-01", "2024-06-30") in got


def test_a_ratio_to_the_same_period_is_still_a_ratio() -> None:
    # "bằng 96% cùng kỳ năm 2023": the period is the base of a ratio, not a rate's own period
    text = ("Nhập khẩu Cà Mau\n\nKim ngạch nhập khẩu của Cà Mau 6 tháng năm 2024 đạt 120 triệu "
            "USD, bằng 96% cùng kỳ năm 2023.")
    got = figure_keys(text, PUB)
    assert ("Cà Mau", "import", "all", "yoy_pct", -4.0, "2024-01-01", "2024-06-30") in got
    assert not any(k[5].startswith("2023") for k in got)


def test_a_rate_against_a_base_two_years_back_is_still_left_out() -> None:
    # growth "so với cùng kỳ năm 2022" stated in 2024 is against a base two years back
    text = ("Xuất khẩu Bình Phước\n\nKim ngạch xuất khẩu 6 tháng năm 2024 của Bình Phước đạt 2,1 "
            "tỷ USD, tăng 15% so với cùng kỳ năm 2022.")
    got = figure_keys(text, PUB)
    assert ("Bình Phước", "export", "all", "level", 2.1e9, "2024-01-01", "2024-06-30") in got
    assert not any(k[3] == "yoy_pct" for k in got)


def test_a_second_rate_after_and_has_the_first_ones_verb() -> None:
    text = ("Xuất khẩu Bình Dương tháng 8\n\nKim ngạch xuất khẩu tháng 8/2024 của Bình Dương ước "
            "đạt 3,2 tỷ USD, giảm 1,5% so với tháng trước và gần 9% so với cùng kỳ năm trước.")
    got = figure_keys(text, PUB)
    assert ("Bình Dương", "export", "all", "yoy_pct", -9.0, "2024-08-01", "2024-08-31") in got
    assert not any(k[3] == "yoy_pct" and k[4] != -9.0 for k in got)


def test_the_country_s_rate_a_province_is_compared_with() -> None:
    # the country's rate for the same period: not a share of the country ("chiếm 20% của cả
    # nước" stays one)
    text = ("Kinh tế Long An 9 tháng\n\nTốc độ tăng trưởng GRDP 9 tháng năm 2024 của tỉnh Long "
            "An đạt 7,4%, cao hơn mức tăng 6,8% của cả nước.")
    m9 = ("2024-01-01", "2024-09-30")
    assert figure_keys(text, date(2024, 10, 6)) == {
        ("Long An", "grdp", "all", "yoy_pct", 7.4, *m9),
        ("Việt Nam", "gdp", "all", "yoy_pct", 6.8, *m9)}


def test_growth_pulled_up_to_a_rate_is_the_figure_a_pull_down_is_a_contribution() -> None:
    m9 = ("2024-01-01", "2024-09-30")
    up = ("Kinh tế Bình Phước\n\nTăng trưởng GRDP quý III/2024 của tỉnh Bình Phước đạt 8,1%, kéo "
          "mức tăng chung 9 tháng năm 2024 lên 6,9%.")
    assert ("Bình Phước", "grdp", "all", "yoy_pct", 6.9, *m9) in figure_keys(up, date(2024, 10, 6))
    down = ("GDP 9 tháng năm 2024 của cả nước tăng 6,8%.\n\nXét theo khu vực, công nghiệp và xây "
            "dựng tăng 8,2%, kéo mức tăng chung xuống 3,1%; dịch vụ tăng 7%.")
    got = figure_keys(down, date(2024, 10, 6))
    assert not any(k[4] == 3.1 for k in got)
    assert ("Việt Nam", "grdp_industry_construction", "all", "yoy_pct", 8.2, *m9) in got


def test_other_economies_are_not_the_subject() -> None:
    # "nhiều nền kinh tế lớn" are the world's economies: the report stays the country's
    text = ("GDP quý I\n\nTổng sản phẩm trong nước (GDP) quý I/2024 tăng 5,7%, trong khi nhiều nền "
            "kinh tế lớn tăng chậm lại.\n\nXét theo khu vực, nông, lâm nghiệp và thủy sản tăng "
            "3%; dịch vụ tăng 6,1%.\n\nBắc Giang dẫn đầu cả nước với mức tăng 13,4%.")
    q1 = ("2024-01-01", "2024-03-31")
    got = figure_keys(text, date(2024, 4, 6))
    assert ("Việt Nam", "grdp_agriculture", "all", "yoy_pct", 3.0, *q1) in got
    assert ("Việt Nam", "grdp_services", "all", "yoy_pct", 6.1, *q1) in got


def test_a_sentence_opening_with_last_year_s_same_period_is_set_in_that_year() -> None:
    # "Cùng kỳ năm ngoái, …": an aside about last year; the paragraph goes on in this year
    text = ("GDP quý I\n\nTổng sản phẩm trong nước (GDP) quý 1 năm nay tăng 6,2%. Cùng kỳ năm "
            "ngoái, GDP quý 1 chỉ tăng 5,1%. Khu vực dịch vụ tăng 6,9%.")
    got = figure_keys(text, date(2024, 3, 29))
    q1, q1_last = ("2024-01-01", "2024-03-31"), ("2023-01-01", "2023-03-31")
    assert got == {("Việt Nam", "gdp", "all", "yoy_pct", 6.2, *q1),
                   ("Việt Nam", "gdp", "all", "yoy_pct", 5.1, *q1_last),
                   ("Việt Nam", "grdp_services", "all", "yoy_pct", 6.9, *q1)}


def test_a_comparison_after_a_plan_is_no_longer_the_plan_s() -> None:
    text = ("Kinh tế Hải Dương năm 2023\n\nCả năm 2023, GRDP của tỉnh Hải Dương tăng 9,2%, thấp "
            "hơn kế hoạch 10% và thấp hơn mức tăng 9,9% của năm 2022.")
    got = figure_keys(text, date(2024, 1, 5))
    assert ("Hải Dương", "grdp", "all", "yoy_pct", 9.9, "2022-01-01", "2022-12-31") in got
    assert not any(k[4] == 10.0 for k in got)  # the plan's rate stays out


def test_a_compared_rate_s_period_does_not_date_the_next_clause() -> None:
    m9, m9_last = ("2024-01-01", "2024-09-30"), ("2023-01-01", "2023-09-30")
    text = ("Kinh tế Bắc Ninh\n\nỞ Bắc Ninh, GRDP 9 tháng tăng 6,1% so với cùng kỳ năm ngoái, "
            "cao hơn mức tăng 4,2% của 9 tháng năm 2023; riêng khu vực công nghiệp - xây dựng "
            "tăng 7,3%.")
    assert figure_keys(text, date(2024, 10, 4)) == {
        ("Bắc Ninh", "grdp", "all", "yoy_pct", 6.1, *m9),
        ("Bắc Ninh", "grdp", "all", "yoy_pct", 4.2, *m9_last),
        ("Bắc Ninh", "grdp_industry_construction", "all", "yoy_pct", 7.3, *m9)}


def test_last_year_s_rate_in_brackets_after_a_comparison_in_the_same_sentence() -> None:
    text = ("Kinh tế Đồng Nai\n\nGRDP 9 tháng năm 2024 của tỉnh Đồng Nai tăng 6,4%, thấp hơn "
            "cùng kỳ năm trước (tăng 7,2%).")
    assert figure_keys(text, date(2024, 10, 2)) == {
        ("Đồng Nai", "grdp", "all", "yoy_pct", 6.4, "2024-01-01", "2024-09-30"),
        ("Đồng Nai", "grdp", "all", "yoy_pct", 7.2, "2023-01-01", "2023-09-30")}


def test_a_city_s_gdp_named_in_the_headline_is_its_grdp() -> None:
    # older reports call a city's GRDP its "GDP"; the country's stays the country's
    text = ("GDP của Hải Phòng tăng khá trong 9 tháng\n\nTại hội nghị tuần này, thành phố cho "
            "biết GDP 9 tháng đầu năm 2010 tăng 11,4%. GDP cả nước 9 tháng tăng 6,5%.")
    got = figure_keys(text, date(2010, 9, 24))
    m9 = ("2010-01-01", "2010-09-30")
    assert ("Hải Phòng", "grdp", "all", "yoy_pct", 11.4, *m9) in got
    assert ("Việt Nam", "gdp", "all", "yoy_pct", 6.5, *m9) in got
    assert not any(k[0] == "Việt Nam" and k[4] == 11.4 for k in got)


def test_the_level_a_change_started_from_is_a_figure_of_the_period_named_with_it() -> None:
    text = ("Xuất khẩu của Phú Thọ\n\nKim ngạch xuất khẩu của tỉnh Phú Thọ tăng vọt từ 5,2 tỷ USD "
            "năm 2022 lên 8,1 tỷ USD năm 2023, tức là thêm gần 3 tỷ USD.")
    assert figure_keys(text, date(2024, 1, 10)) == {
        ("Phú Thọ", "export", "all", "level", 5.2e9, "2022-01-01", "2022-12-31"),
        ("Phú Thọ", "export", "all", "level", 8.1e9, "2023-01-01", "2023-12-31")}


def test_a_start_level_dated_by_the_same_period_last_year() -> None:
    text = ("Xuất khẩu của Lào Cai\n\nKim ngạch xuất khẩu 6 tháng đầu năm 2024 của Lào Cai tăng "
            "từ 0,9 tỷ USD cùng kỳ năm trước lên 1,2 tỷ USD.")
    assert figure_keys(text, date(2024, 7, 2)) == {
        ("Lào Cai", "export", "all", "level", 0.9e9, "2023-01-01", "2023-06-30"),
        ("Lào Cai", "export", "all", "level", 1.2e9, "2024-01-01", "2024-06-30")}


def test_a_start_level_with_no_period_of_its_own_is_left_out() -> None:
    # which period 1,4 billion was (last year's? last month's?) is not said: not guessed
    text = ("Xuất khẩu của Lào Cai\n\nKim ngạch xuất khẩu 6 tháng đầu năm 2024 của Lào Cai giảm "
            "từ 1,4 tỷ USD xuống còn 1,2 tỷ USD.")
    assert figure_keys(text, date(2024, 7, 2)) == {
        ("Lào Cai", "export", "all", "level", 1.2e9, "2024-01-01", "2024-06-30")}


def test_two_compared_rates_joined_by_and_each_of_its_own_period() -> None:
    text = ("GDP quý I\n\nTổng sản phẩm trong nước (GDP) quý I/2024 tăng 5,7% so với cùng kỳ năm "
            "trước. Mức tăng này thấp hơn mức tăng 6,2% của cùng kỳ năm 2022 và 5,9% của cùng kỳ "
            "năm 2019.")
    got = figure_keys(text, date(2024, 3, 29))
    assert ("Việt Nam", "gdp", "all", "yoy_pct", 6.2, "2022-01-01", "2022-03-31") in got
    assert ("Việt Nam", "gdp", "all", "yoy_pct", 5.9, "2019-01-01", "2019-03-31") in got
