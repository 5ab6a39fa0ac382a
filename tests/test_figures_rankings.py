"""Rankings that put the value first: "Với mức tăng 10,8%, Hải Phòng xếp thứ ba"."""

from __future__ import annotations

from datetime import date

from tests.helpers.figures import figure_keys

PUB = date(2024, 10, 7)
M9 = ("2024-01-01", "2024-09-30")


def test_value_first_rankings_go_on_with_the_ranking_indicator() -> None:
    text = ("Tăng trưởng 9 tháng\n\nNhững địa phương có tốc độ tăng trưởng GRDP 9 tháng năm 2024 "
            "cao nhất là Bắc Giang với 13,1%.\n\nVới mức tăng trưởng 11,2%, Hải Phòng đứng thứ "
            "hai. Với 10,4%, tỉnh Thanh Hóa xếp thứ ba.")
    got = figure_keys(text, PUB)
    assert ("Bắc Giang", "grdp", "all", "yoy_pct", 13.1, *M9) in got
    assert ("Hải Phòng", "grdp", "all", "yoy_pct", 11.2, *M9) in got
    assert ("Thanh Hóa", "grdp", "all", "yoy_pct", 10.4, *M9) in got


def test_a_value_first_sentence_without_a_ranking_before_gives_nothing() -> None:
    # nothing says what the 12% measures: no figure is guessed
    text = ("Kinh tế Ninh Bình\n\nTỉnh tổ chức hội nghị sơ kết 9 tháng năm 2024.\n\nVới 12%, Ninh "
            "Bình xếp thứ nhất khu vực.")
    assert figure_keys(text, PUB) == set()


def test_a_place_with_the_highest_rate_goes_on_with_the_ranking() -> None:
    text = ("Xuất khẩu 9 tháng\n\nTrong 9 tháng năm 2024, Bắc Ninh dẫn đầu về kim ngạch xuất "
            "khẩu với 38 tỷ USD.\n\nPhú Thọ có mức tăng cao nhất, 41%, với kim ngạch 7,9 tỷ USD.")
    got = figure_keys(text, PUB)
    assert ("Phú Thọ", "export", "all", "yoy_pct", 41.0, *M9) in got
    assert ("Phú Thọ", "export", "all", "level", 7.9e9, *M9) in got


def test_a_ranking_introduced_without_numbers_names_the_indicator() -> None:
    text = ("Những tỉnh xuất khẩu lớn\n\nNăm địa phương dẫn đầu về kim ngạch xuất khẩu 9 tháng "
            "năm 2024 gồm: Bắc Ninh, Bình Dương, Thái Nguyên, Đồng Nai và Hải Phòng.\n\n"
            "Trong 9 tháng, Bắc Ninh vẫn dẫn đầu với 38,2 tỷ USD, tăng 4,1%. Thái Nguyên đạt "
            "22,4 tỷ USD.")
    got = figure_keys(text, PUB)
    assert ("Bắc Ninh", "export", "all", "level", 38.2e9, *M9) in got
    assert ("Bắc Ninh", "export", "all", "yoy_pct", 4.1, *M9) in got
    assert ("Thái Nguyên", "export", "all", "level", 22.4e9, *M9) in got
    assert not any(k[1] != "export" for k in got)


def test_a_subheading_names_the_place_of_the_paragraphs_under_it() -> None:
    text = ("Bốn tỉnh tăng trưởng hai con số\n\nTheo Cục Thống kê, GRDP 9 tháng năm 2024 của "
            "Quảng Ninh tăng 10,2%, cao nhất vùng.\n\nNinh Bình: 10,6%\n\nTổng sản phẩm trong "
            "tỉnh 9 tháng ước tăng 10,58% so với cùng kỳ. Khu vực dịch vụ tăng 8,1%.\n\n"
            "2. Hải Dương: 10,1%\n\nKhu vực công nghiệp và xây dựng của tỉnh tăng 12,4%.")
    got = figure_keys(text, PUB)
    assert got == {
        ("Quảng Ninh", "grdp", "all", "yoy_pct", 10.2, *M9),
        # the subheading's 10,6% is the 10,58% below it, rounded: the precise one is kept
        ("Ninh Bình", "grdp", "all", "yoy_pct", 10.58, *M9),
        ("Ninh Bình", "grdp_services", "all", "yoy_pct", 8.1, *M9),
        ("Hải Dương", "grdp", "all", "yoy_pct", 10.1, *M9),
        ("Hải Dương", "grdp_industry_construction", "all", "yoy_pct", 12.4, *M9),
    }


def test_the_place_that_overtakes_goes_on_not_the_one_overtaken() -> None:
    text = ("Xuất khẩu 9 tháng\n\nTính chung 9 tháng năm 2024, Thái Nguyên đã vượt Bình Dương, "
            "vươn lên thứ ba về kim ngạch xuất khẩu với 25,1 tỷ USD. So với cùng kỳ năm ngoái, "
            "kim ngạch xuất khẩu của địa phương này tăng 12,4%.")
    got = figure_keys(text, PUB)
    assert ("Thái Nguyên", "export", "all", "yoy_pct", 12.4, *M9) in got
    assert not any(k[0] == "Bình Dương" for k in got)


def test_items_listed_after_a_colon_are_not_the_places_before_it() -> None:
    text = ("Top xuất khẩu\n\n9 tháng năm 2024, ngoài Bắc Ninh và Bình Dương, các địa phương có "
            "kim ngạch xuất khẩu cao tiếp theo lần lượt là: Hải Phòng (19,2 tỷ USD); Đồng Nai "
            "(18,4 tỷ USD).")
    got = figure_keys(text, PUB)
    assert got == {("Hải Phòng", "export", "all", "level", 19.2e9, *M9),
                   ("Đồng Nai", "export", "all", "level", 18.4e9, *M9)}


def test_the_fdi_blocs_own_exports_are_not_the_countrys() -> None:
    text = ("Xuất khẩu tháng 9\n\nXuất khẩu 9 tháng năm 2024 của cả nước đạt 299 tỷ USD. Xét "
            "riêng khối DN có vốn đầu tư nước ngoài, kim ngạch xuất khẩu hàng hóa của khối này "
            "đạt 213 tỷ USD.")
    got = figure_keys(text, PUB)
    assert got == {("Việt Nam", "export", "all", "level", 299e9, *M9)}


def test_a_group_over_a_threshold_and_its_values_listed_after_a_colon() -> None:
    text = ("Sáu địa phương xuất khẩu trên 10 tỷ USD\n\nBắc Ninh, Bình Dương, Thái Nguyên, Hải "
            "Phòng, Đồng Nai và Bắc Giang là 6 tỉnh, thành phố có kim ngạch xuất khẩu 9 tháng "
            "năm 2024 trên 10 tỷ USD.\n\nTheo đó, ba địa phương dẫn đầu gồm Bắc Ninh, Bình Dương "
            "và Thái Nguyên với kết quả lần lượt là: 38,2 tỷ USD; 25,6 tỷ USD; 22,9 tỷ USD.")
    got = figure_keys(text, PUB)
    assert got == {("Bắc Ninh", "export", "all", "level", 38.2e9, *M9),
                   ("Bình Dương", "export", "all", "level", 25.6e9, *M9),
                   ("Thái Nguyên", "export", "all", "level", 22.9e9, *M9)}


# A ranking told over several paragraphs: the places' figures go on with the article's indicator
# when the sentence opens as a ranking does, or lists places after a colon about a group.
_EXPORTS_9M = "Hải quan cho biết 9 tháng năm 2024 xuất khẩu của cả nước đạt 299 tỷ USD.\n\n"


def test_places_listed_after_a_colon_about_a_group_of_places() -> None:
    text = _EXPORTS_9M + ("Trong 9 tháng, ba tỉnh vượt mốc 15 tỷ USD: Thái Nguyên với 20,2 tỷ "
                          "USD, Bắc Giang với 18,4 tỷ USD và Hải Phòng với 17,1 tỷ USD.")
    got = figure_keys(text, PUB)
    assert {k for k in got if k[0] != "Việt Nam"} == {
        ("Thái Nguyên", "export", "all", "level", 20.2e9, *M9),
        ("Bắc Giang", "export", "all", "level", 18.4e9, *M9),
        ("Hải Phòng", "export", "all", "level", 17.1e9, *M9)}  # not the 15 billion threshold


def test_rates_listed_after_a_colon_with_a_cause_before_it() -> None:
    text = ("Theo Tổng cục Thống kê, GRDP quý III năm nay tăng ở 50 tỉnh, giảm ở 13 tỉnh.\n\n"
            "Ngược lại, do sản xuất công nghiệp đi xuống, một số tỉnh tăng thấp hoặc giảm: Đồng "
            "Nai tăng 1,5%; Bình Dương tăng 0,9%; Quảng Ngãi giảm 2,1%.")
    q3 = ("2024-07-01", "2024-09-30")
    assert figure_keys(text, PUB) == {("Đồng Nai", "grdp", "all", "yoy_pct", 1.5, *q3),
                                      ("Bình Dương", "grdp", "all", "yoy_pct", 0.9, *q3),
                                      ("Quảng Ngãi", "grdp", "all", "yoy_pct", -2.1, *q3)}


def test_a_colon_after_an_indicator_or_a_sector_is_not_a_ranking() -> None:
    # the clause before the colon names what is listed: a sector's growth is not GRDP's
    text = ("Theo Tổng cục Thống kê, GRDP quý III năm nay tăng ở 50 tỉnh.\n\n"
            "Ngành công nghiệp tăng mạnh ở một số tỉnh: Bắc Giang tăng 20%; Phú Thọ tăng 18%.")
    assert not any(k[1] == "grdp" for k in figure_keys(text, PUB))


def test_a_sentence_opening_with_a_place_and_its_figure_goes_on() -> None:
    text = _EXPORTS_9M + ("Long An (4,1 tỷ USD) và Tây Ninh (3,6 tỷ USD) là hai tỉnh còn lại vượt "
                          "mốc 3 tỷ USD.")
    got = figure_keys(text, PUB)
    assert ("Long An", "export", "all", "level", 4.1e9, *M9) in got
    assert ("Tây Ninh", "export", "all", "level", 3.6e9, *M9) in got
    assert not any(k[4] == 3e9 for k in got)


def test_more_ways_of_opening_the_next_places_of_a_ranking() -> None:
    y = ("2024-01-01", "2024-12-31")
    pub = date(2025, 1, 8)
    text = ("Cục Thống kê công bố GRDP năm 2024 của các tỉnh, thành phố.\n\nNăm 2024, Hải Phòng "
            "dẫn đầu với 10,3%.\n\nKế tiếp là Hà Nam (tăng 9,9%), Ninh Bình (tăng 9,6%) và Thái "
            "Bình (9,5%).\n\nCao nhất miền Trung là Quảng Trị và Huế, tăng lần lượt 9,1% và 8,8%, "
            "nhờ vốn đầu tư công giải ngân nhanh.\n\nBa vị trí còn lại trong top 10 của năm là "
            "Lào Cai (8,5%), Yên Bái (8,4%) và Sơn La (8,3%).")
    got = figure_keys(text, pub)
    for place, rate in [("Hà Nam", 9.9), ("Ninh Bình", 9.6), ("Thái Bình", 9.5),
                        ("Quảng Trị", 9.1), ("Huế", 8.8), ("Lào Cai", 8.5), ("Yên Bái", 8.4),
                        ("Sơn La", 8.3)]:
        assert (place, "grdp", "all", "yoy_pct", rate, *y) in got, place


def test_a_place_overtaking_another_by_locality() -> None:
    text = ("Xuất khẩu 10 tháng của cả nước ước đạt 335 tỷ USD.\n\nTheo địa phương, Bắc Giang lần "
            "đầu vượt Thái Nguyên sau 10 tháng với 25,6 tỷ USD.")
    got = figure_keys(text, date(2024, 11, 6))
    assert ("Bắc Giang", "export", "all", "level", 25.6e9, "2024-01-01", "2024-10-31") in got
    assert not any(k[0] == "Thái Nguyên" for k in got)


def test_a_ranking_after_a_range_of_rates_names_its_indicator() -> None:
    # no figure is read from the range, but it says that GRDP is what the ranking ranks
    text = ("Năm 2025, mức tăng GRDP của các địa phương nằm trong khoảng 5,8% đến 11,9%.\n\n"
            "Cao nhất là Quảng Ninh và Hải Phòng, tăng lần lượt 11,9% và 11,8%.")
    y = ("2025-01-01", "2025-12-31")
    assert figure_keys(text, date(2026, 1, 6)) == {
        ("Quảng Ninh", "grdp", "all", "yoy_pct", 11.9, *y),
        ("Hải Phòng", "grdp", "all", "yoy_pct", 11.8, *y)}


def test_a_ranking_after_the_country_s_gdp_ranks_the_provinces_grdp() -> None:
    y = ("2025-01-01", "2025-12-31")
    text = ("Năm 2025, GDP cả nước tăng 8,02%.\n\nKế tiếp trong năm 2025 là Ninh Bình (tăng "
            "10,65%), Phú Thọ (tăng 10,52%).")
    assert figure_keys(text, date(2026, 1, 6)) == {
        ("Việt Nam", "gdp", "all", "yoy_pct", 8.02, *y),
        ("Ninh Bình", "grdp", "all", "yoy_pct", 10.65, *y),
        ("Phú Thọ", "grdp", "all", "yoy_pct", 10.52, *y)}


def test_the_first_place_of_a_bracketed_run_after_a_comparison() -> None:
    # "cao hơn hẳn cả nước gồm Hậu Giang (12,67%)": the bracket holds the place's own rate
    q1 = ("2024-01-01", "2024-03-31")
    text = ("GRDP quý I/2024 của các địa phương\n\nSo với cùng kỳ, GRDP quý I năm nay tăng ở 55 "
            "tỉnh. Nhóm có tốc độ tăng cao hơn hẳn cả nước gồm Bắc Giang (13,4%), Thái Bình "
            "(10,2%) và Hải Phòng (9,8%).")
    got = figure_keys(text, date(2024, 4, 6))
    assert {k for k in got if k[0] != "Việt Nam"} == {
        ("Bắc Giang", "grdp", "all", "yoy_pct", 13.4, *q1),
        ("Thái Bình", "grdp", "all", "yoy_pct", 10.2, *q1),
        ("Hải Phòng", "grdp", "all", "yoy_pct", 9.8, *q1)}
