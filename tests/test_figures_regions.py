"""Regions: every province in its common forms, the country, border gates, the 2025 merger."""

from __future__ import annotations

from datetime import date

import pytest

from extractors.figures import extract_figures
from extractors.figures.gazetteer import BORDER_GATES, PROVINCES
from extractors.figures.regions import find_regions, successor

PUB = date(2024, 7, 10)


def test_gazetteer_has_63_provinces_and_34_merged_units() -> None:
    before = [p for p in PROVINCES if p != "Huế"]  # Huế is the 2025 name of Thừa Thiên Huế
    assert len(before) == 63
    assert len({succ for _forms, succ in PROVINCES.values()}) == 34


@pytest.mark.parametrize("name", sorted(PROVINCES))
def test_every_province_is_found_by_its_name(name: str) -> None:
    found = find_regions(f"Trong năm, tỉnh {name} đạt kết quả tốt.")
    assert [r.region for r in found] == [name]


@pytest.mark.parametrize(("text", "region"), [
    ("kinh tế TP.HCM tăng", "Hồ Chí Minh"),
    ("Thành phố Hồ Chí Minh", "Hồ Chí Minh"),
    ("tỉnh Bà Rịa-Vũng Tàu", "Bà Rịa - Vũng Tàu"),
    ("tỉnh Thừa Thiên - Huế", "Thừa Thiên Huế"),
    ("tỉnh Khánh Hoà", "Khánh Hòa"),  # the old tone placement
    ("tỉnh Đắc Lắc", "Đắk Lắk"),
    ("của cả nước", "Việt Nam"),
])
def test_common_forms(text: str, region: str) -> None:
    assert [r.region for r in find_regions(text)] == [region]


@pytest.mark.parametrize(("text", "region", "gate"), [
    ("qua cửa khẩu quốc tế Hữu Nghị", "Lạng Sơn", "Hữu Nghị"),
    ("thành phố Móng Cái", "Quảng Ninh", "Móng Cái"),
    ("cửa khẩu Kim Thành", "Lào Cai", "Kim Thành"),
    ("cửa khẩu quốc tế Lào Cai", "Lào Cai", "Lào Cai"),
    ("qua Mộc Bài", "Tây Ninh", "Mộc Bài"),
    ("cửa khẩu Cầu Treo", "Hà Tĩnh", "Cầu Treo"),
    ("cửa khẩu Nậm Cắn", "Nghệ An", "Nậm Cắn"),
])
def test_border_gates(text: str, region: str, gate: str) -> None:
    (r,) = find_regions(text)
    assert (r.region, r.gate) == (region, gate)


def test_a_district_named_like_a_gate_needs_the_word_gate() -> None:
    assert find_regions("huyện Kim Thành phát triển") == []


@pytest.mark.parametrize("text", [
    "Hòa bình và hữu nghị giữa hai nước",  # common words, not places
    "vùng Thái Bình Dương",
    "Chủ tịch Hồ Chí Minh",
    "đứng thứ 3 cả nước",
])
def test_not_regions(text: str) -> None:
    assert find_regions(text) == []


def test_successor_after_merger() -> None:
    assert successor("Hà Giang") == "Tuyên Quang"
    assert successor("Bình Dương") == "Hồ Chí Minh"
    assert successor("Lạng Sơn") is None


def _regions(text: str) -> list[tuple[str, str]]:
    return [(f.region, f.scope) for f in extract_figures(text, PUB)]


def test_region_from_headline_when_the_body_says_tinh() -> None:
    text = ("Điện Biên: xuất khẩu tăng khá trong nửa đầu năm\n\n"
            "Sáu tháng đầu năm, kim ngạch xuất khẩu của tỉnh đạt 30 triệu USD, tăng 12%.")
    assert set(_regions(text)) == {("Điện Biên", "all")}


def test_gate_figure_has_its_province_and_scope() -> None:
    text = "Quý I/2024, kim ngạch xuất nhập khẩu qua cửa khẩu Xa Mát đạt 210 triệu USD."
    assert _regions(text) == [("Tây Ninh", "border_gate:Xa Mát")]


def test_national_figure() -> None:
    text = "Tháng 5/2024, kim ngạch xuất khẩu của cả nước đạt 30,5 tỷ USD, tăng 15,8%."
    assert set(_regions(text)) == {("Việt Nam", "all")}


def test_dateline_city_is_not_the_region() -> None:
    text = ("Hà Nội, 2/7 (TTXVN) - Sáu tháng đầu năm 2024, tổng kim ngạch xuất nhập khẩu "
            "của cả nước đạt 371 tỷ USD.")
    assert _regions(text) == [("Việt Nam", "all")]


def test_list_of_regions_with_lan_luot() -> None:
    text = ("Năm 2023, ba địa phương dẫn đầu về xuất khẩu là Bắc Ninh, Bình Dương và Thái "
            "Nguyên, với kim ngạch lần lượt đạt 37,2 tỷ USD, 31,1 tỷ USD và 28,4 tỷ USD.")
    got = {(f.region, f.value) for f in extract_figures(text, PUB)}
    assert got == {("Bắc Ninh", 37.2e9), ("Bình Dương", 31.1e9), ("Thái Nguyên", 28.4e9)}


def test_run_of_region_and_amount_in_parentheses() -> None:
    text = ("Tháng 6/2024, nhiều địa phương có kim ngạch xuất khẩu lớn: Hải Phòng (2,9 tỷ USD), "
            "Bắc Giang (2,6 tỷ USD), Đồng Nai (2,1 tỷ USD).")
    got = {(f.region, f.value) for f in extract_figures(text, PUB)}
    assert got == {("Hải Phòng", 2.9e9), ("Bắc Giang", 2.6e9), ("Đồng Nai", 2.1e9)}


def test_region_successor_is_recorded() -> None:
    text = "Quý I/2024, GRDP của tỉnh Hà Nam tăng 8,1% so với cùng kỳ."
    (f,) = extract_figures(text, PUB)
    assert (f.region, f.region_successor) == ("Hà Nam", "Ninh Bình")


@pytest.mark.parametrize("gate", sorted(BORDER_GATES))
def test_every_border_gate_is_found_after_the_word_gate(gate: str) -> None:
    (r,) = find_regions(f"qua cửa khẩu {gate} tăng")
    assert (r.region, r.gate) == (BORDER_GATES[gate][0], gate)


def test_a_place_overtaken_is_not_the_subject() -> None:
    text = ("Tính chung 10 tháng, Bắc Ninh đã vượt TP.HCM, vươn lên dẫn đầu về kim ngạch xuất "
            "khẩu với 76,4 tỷ USD.")
    assert [f.region for f in extract_figures(text, PUB)] == ["Bắc Ninh"]


def test_the_whole_economy_is_the_province_in_its_own_report() -> None:
    text = ("Kinh tế Hà Tĩnh 9 tháng\n\nTổng sản phẩm trên địa bàn tỉnh Hà Tĩnh 9 tháng năm 2024 "
            "ước tăng 6,9%. Trong mức tăng chung của toàn nền kinh tế, khu vực công nghiệp và "
            "xây dựng tăng 11,2%; khu vực dịch vụ tăng 5,4%.")
    got = {(f.region, f.indicator, f.value) for f in extract_figures(text, date(2024, 10, 5))}
    assert got == {("Hà Tĩnh", "grdp", 6.9), ("Hà Tĩnh", "grdp_industry_construction", 11.2),
                   ("Hà Tĩnh", "grdp_services", 5.4)}


def test_the_whole_economy_is_the_country_in_a_gdp_report() -> None:
    text = ("GDP quý III\n\nTổng sản phẩm trong nước (GDP) 9 tháng năm 2024 ước tăng 6,8%. Trong "
            "mức tăng chung của toàn nền kinh tế, khu vực dịch vụ tăng 6,95%.")
    got = {(f.region, f.indicator, f.value) for f in extract_figures(text, date(2024, 10, 5))}
    assert got == {("Việt Nam", "gdp", 6.8), ("Việt Nam", "grdp_services", 6.95)}


@pytest.mark.parametrize("rank", ["dẫn đầu", "Đứng đầu", "nhất", "trong", "trên", "so với",
                                  "bình quân", "top đầu", "thứ hai", "thứ 10"])
def test_a_rank_among_the_whole_country_names_no_country(rank: str) -> None:
    found = find_regions(f"Năm 2024, Bắc Ninh {rank} cả nước về xuất khẩu.")
    assert [r.region for r in found] == ["Bắc Ninh"]
