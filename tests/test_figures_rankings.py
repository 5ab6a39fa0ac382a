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
