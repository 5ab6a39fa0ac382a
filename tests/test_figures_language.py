"""Phrasings of the press, one rule each: indicators, comparisons, estimates, scopes, lists."""

from __future__ import annotations

from datetime import date

import pytest

from extractors.figures import extract_figures

PUB = date(2024, 7, 10)
H1 = ("2024-01-01", "2024-06-30")
Q1 = ("2024-01-01", "2024-03-31")
MAY = ("2024-05-01", "2024-05-31")


def rows(text: str, published: date = PUB, fmt: str = "vi") -> set[tuple]:
    """(region, indicator, scope, metric, value, start, end, estimate) of every figure."""
    out = set()
    for f in extract_figures(text, published, number_format=fmt):
        value = round(f.value) if f.metric == "level" else round(f.value, 3)
        out.add((f.region, f.indicator, f.scope, f.metric, value, f.period_start.isoformat(),
                 f.period_end.isoformat(), f.estimate))
    return out


def fig(region: str, indicator: str, metric: str, value: float, period: tuple[str, str],
        estimate: bool = False, scope: str = "all") -> tuple:
    return (region, indicator, scope, metric, value, *period, estimate)


CASES = [
    # synonyms of the indicators
    ("Sáu tháng đầu năm, KNXK của Bắc Giang đạt 15,2 tỷ USD, tăng 21,3%.",
     {fig("Bắc Giang", "export", "level", 15.2e9, H1),
      fig("Bắc Giang", "export", "yoy_pct", 21.3, H1)}),
    ("Tháng 5/2024, kim ngạch XNK của Hải Phòng đạt 3,4 tỷ USD, giảm 2,5% so cùng kỳ.",
     {fig("Hải Phòng", "trade_total", "level", 3.4e9, MAY),
      fig("Hải Phòng", "trade_total", "yoy_pct", -2.5, MAY)}),
    ("Quý I/2024, giá trị xuất khẩu của Long An đạt 1,9 tỷ USD; giá trị nhập khẩu đạt 1,4 tỷ "
     "USD; xuất siêu 500 triệu USD.",
     {fig("Long An", "export", "level", 1.9e9, Q1), fig("Long An", "import", "level", 1.4e9, Q1),
      fig("Long An", "trade_balance", "level", 500e6, Q1)}),
    ("Sáu tháng đầu năm 2024, Hà Nội nhập siêu 4,2 tỷ USD.",
     {fig("Hà Nội", "trade_balance", "level", -4.2e9, H1)}),
    ("Sáu tháng, cán cân thương mại hàng hóa của cả nước thặng dư 11,6 tỷ USD.",
     {fig("Việt Nam", "trade_balance", "level", 11.6e9, H1)}),
    ("Quý I/2024, thâm hụt thương mại của Đồng Nai là 300 triệu USD.",
     {fig("Đồng Nai", "trade_balance", "level", -300e6, Q1)}),
    # GRDP as tổng sản phẩm / quy mô / tăng trưởng kinh tế, and GDP
    ("Quý I/2024, tổng sản phẩm trên địa bàn tỉnh Ninh Bình tăng 6,2% so với cùng kỳ.",
     {fig("Ninh Bình", "grdp", "yoy_pct", 6.2, Q1)}),
    ("Sáu tháng đầu năm, tốc độ tăng trưởng kinh tế của Nghệ An đạt 6,8%; quy mô nền kinh tế "
     "ước đạt 95.300 tỷ đồng.",
     {fig("Nghệ An", "grdp", "yoy_pct", 6.8, H1),
      fig("Nghệ An", "grdp", "level", 95.3e12, H1, True)}),
    ("GDP quý I/2024 của cả nước ước tăng 5,66%, trong đó khu vực nông, lâm nghiệp và thủy "
     "sản tăng 2,98%; khu vực công nghiệp và xây dựng tăng 6,28%; khu vực dịch vụ tăng 6,12%.",
     {fig("Việt Nam", "gdp", "yoy_pct", 5.66, Q1, True),
      fig("Việt Nam", "grdp_agriculture", "yoy_pct", 2.98, Q1, True),
      fig("Việt Nam", "grdp_industry_construction", "yoy_pct", 6.28, Q1, True),
      fig("Việt Nam", "grdp_services", "yoy_pct", 6.12, Q1, True)}),
    # comparisons: bằng N% so với cùng kỳ, plan shares, "so kế hoạch năm đạt", exceeded plans
    ("Sáu tháng đầu năm, xuất khẩu của Kon Tum đạt 80 triệu USD, bằng 92,5% so với cùng kỳ.",
     {fig("Kon Tum", "export", "level", 80e6, H1), fig("Kon Tum", "export", "yoy_pct", -7.5, H1)}),
    ("Sáu tháng đầu năm, xuất khẩu của Bình Phước đạt 2 tỷ USD, so kế hoạch năm đạt 48%.",
     {fig("Bình Phước", "export", "level", 2e9, H1),
      fig("Bình Phước", "export", "plan_pct", 48.0, H1)}),
    ("Năm 2023, xuất khẩu của Tiền Giang đạt 4,1 tỷ USD, vượt 2,5% kế hoạch.",
     {fig("Tiền Giang", "export", "level", 4.1e9, ("2023-01-01", "2023-12-31")),
      fig("Tiền Giang", "export", "plan_pct", 102.5, ("2023-01-01", "2023-12-31"))}),
    # estimates govern their clause
    ("Tháng 5, xuất khẩu của Cần Thơ đạt 200 triệu USD; 5 tháng ước đạt 950 triệu USD, "
     "tăng 8%.",
     {fig("Cần Thơ", "export", "level", 200e6, MAY),
      fig("Cần Thơ", "export", "level", 950e6, ("2024-01-01", "2024-05-31"), True),
      fig("Cần Thơ", "export", "yoy_pct", 8.0, ("2024-01-01", "2024-05-31"), True)}),
    ("Theo số liệu sơ bộ, quý I/2024 GRDP của Hậu Giang tăng 6,01%.",
     {fig("Hậu Giang", "grdp", "yoy_pct", 6.01, Q1, True)}),
    # scopes
    ("Sáu tháng, kim ngạch xuất nhập khẩu hàng hóa mở tờ khai tại Cục Hải quan tỉnh Quảng "
     "Trị đạt 300 triệu USD, tăng 10%.",
     {fig("Quảng Trị", "trade_total", "level", 300e6, H1, scope="customs_declared"),
      fig("Quảng Trị", "trade_total", "yoy_pct", 10.0, H1, scope="customs_declared")}),
    ("Sáu tháng, xuất khẩu hàng địa phương của Cao Bằng ước đạt 12 triệu USD.",
     {fig("Cao Bằng", "export", "level", 12e6, H1, True, "local_goods")}),
    ("Quý I/2024, kim ngạch qua cửa khẩu Lao Bảo đạt 150 triệu USD, tăng 5%.",
     {fig("Quảng Trị", "trade_total", "level", 150e6, Q1, scope="border_gate:Lao Bảo"),
      fig("Quảng Trị", "trade_total", "yoy_pct", 5.0, Q1, scope="border_gate:Lao Bảo")}),
    # lists
    ("Quý I/2024, xuất khẩu và nhập khẩu của Vĩnh Phúc lần lượt đạt 2,1 tỷ USD và 1,9 tỷ USD.",
     {fig("Vĩnh Phúc", "export", "level", 2.1e9, Q1),
      fig("Vĩnh Phúc", "import", "level", 1.9e9, Q1)}),
    # carried indicator and period ("Trong đó", "Lũy kế")
    ("Tháng 5/2024, kim ngạch xuất khẩu của Hưng Yên đạt 700 triệu USD. Lũy kế 5 tháng đạt "
     "3,2 tỷ USD, tăng 4%.",
     {fig("Hưng Yên", "export", "level", 700e6, MAY),
      fig("Hưng Yên", "export", "level", 3.2e9, ("2024-01-01", "2024-05-31")),
      fig("Hưng Yên", "export", "yoy_pct", 4.0, ("2024-01-01", "2024-05-31"))}),
    # a range of days, against the same days of last month (not a figure)
    ("Từ ngày 1 đến hết 15/5/2024, kim ngạch xuất nhập khẩu qua Lạng Sơn đạt 180 triệu USD, "
     "giảm 8% so với cùng kỳ tháng 4.",
     {fig("Lạng Sơn", "trade_total", "level", 180e6, ("2024-05-01", "2024-05-15"))}),
    # "vượt gần N% kế hoạch"
    ("Năm 2023, nhập khẩu của Quảng Ngãi ước đạt 2,6 tỷ USD, vượt gần 30% kế hoạch.",
     {fig("Quảng Ngãi", "import", "level", 2.6e9, ("2023-01-01", "2023-12-31"), True),
      fig("Quảng Ngãi", "import", "plan_pct", 130.0, ("2023-01-01", "2023-12-31"), True)}),
    # "tốc độ tăng trưởng" of the indicator in force, else of the economy; constant prices
    ("Năm 2023, tốc độ tăng trưởng của tỉnh Hà Nam đạt 7,2%, trong đó công nghiệp - xây dựng "
     "tăng 9,1%.",
     {fig("Hà Nam", "grdp", "yoy_pct", 7.2, ("2023-01-01", "2023-12-31")),
      fig("Hà Nam", "grdp_industry_construction", "yoy_pct", 9.1, ("2023-01-01", "2023-12-31"))}),
    ("Sáu tháng đầu năm, xuất khẩu của Kiên Giang đạt 450 triệu USD, tốc độ tăng trưởng đạt 15%.",
     {fig("Kiên Giang", "export", "level", 450e6, H1),
      fig("Kiên Giang", "export", "yoy_pct", 15.0, H1)}),
    ("GRDP quý I/2024 (theo giá so sánh năm 2010) của Thái Bình ước tăng 8,2%.",
     {fig("Thái Bình", "grdp", "yoy_pct", 8.2, Q1, True)}),
    ("Năm 2023, kinh tế Bình Thuận tăng trưởng 4,2%; khu vực CN-XD tăng 8%.",
     {fig("Bình Thuận", "grdp", "yoy_pct", 4.2, ("2023-01-01", "2023-12-31")),
      fig("Bình Thuận", "grdp_industry_construction", "yoy_pct", 8.0,
          ("2023-01-01", "2023-12-31"))}),
    ("Năm 2023, xuất khẩu của Bình Thuận đạt 600 triệu USD, vượt kế hoạch 5%.",
     {fig("Bình Thuận", "export", "level", 600e6, ("2023-01-01", "2023-12-31")),
      fig("Bình Thuận", "export", "plan_pct", 105.0, ("2023-01-01", "2023-12-31"))}),
    # "kinh tế <place>" grows; plan shares said with "tương đương" or before the indicator
    ("Kinh tế Hà Nội quý I/2024 tăng 5,5%.", {fig("Hà Nội", "grdp", "yoy_pct", 5.5, Q1)}),
    ("Năm 2023, xuất khẩu của Yên Bái đạt 600 triệu USD, tương đương 95% kế hoạch.",
     {fig("Yên Bái", "export", "level", 600e6, ("2023-01-01", "2023-12-31")),
      fig("Yên Bái", "export", "plan_pct", 95.0, ("2023-01-01", "2023-12-31"))}),
    ("So với kế hoạch năm, kim ngạch xuất khẩu 6 tháng của Hòa Bình đạt 48%.",
     {fig("Hòa Bình", "export", "plan_pct", 48.0, H1)}),
    # a milestone passed is a round mark, not the level (the owners' labels): no figure
    ("Lũy kế hết tháng 5, kim ngạch xuất nhập khẩu của cả nước cán mốc 300 tỷ USD.", set()),
    # a growth rate compared with this one belongs to the period named beside it, or to none
    ("GDP 6 tháng đầu năm 2022 của cả nước tăng 6,42%, cao hơn tốc độ tăng 5,74% của 6 tháng "
     "đầu năm 2021. Tuy nhiên, con số này thấp hơn tốc độ tăng 7,28% và 6,98% của cùng kỳ năm "
     "2018 và 2019.",
     {fig("Việt Nam", "gdp", "yoy_pct", 6.42, ("2022-01-01", "2022-06-30")),
      fig("Việt Nam", "gdp", "yoy_pct", 5.74, ("2021-01-01", "2021-06-30"))}),
    # "dẫn đến thâm hụt": the balance of the exports and imports just named
    ("Quý I/2024, xuất khẩu của Hà Nội đạt 3,2 tỷ USD, nhập khẩu 7,1 tỷ USD, dẫn đến thâm hụt "
     "3,9 tỷ USD.",
     {fig("Hà Nội", "export", "level", 3.2e9, Q1), fig("Hà Nội", "import", "level", 7.1e9, Q1),
      fig("Hà Nội", "trade_balance", "level", -3.9e9, Q1)}),
    ("Năm 2023, giá trị tăng thêm khu vực dịch vụ của Sóc Trăng tăng 6,5%.",
     {fig("Sóc Trăng", "grdp_services", "yoy_pct", 6.5, ("2023-01-01", "2023-12-31"))}),
    # "tr.USD", and a forecast in a quote is no figure
    ("Tháng 10/2024, xuất khẩu của Tây Ninh đạt 470 tr.USD. Ông A cho biết cả năm 2024 xuất "
     "khẩu có thể đạt 5,5 tỷ USD.",
     {fig("Tây Ninh", "export", "level", 470e6, ("2024-10-01", "2024-10-31"))}),
    # against the same month a year back: yoy; against last month: not a figure
    ("Tháng 12/2023, xuất khẩu của Bình Dương đạt 2,8 tỷ USD, tăng 12% so với tháng 12/2022 và "
     "tăng 4% so với tháng 11/2023.",
     {fig("Bình Dương", "export", "level", 2.8e9, ("2023-12-01", "2023-12-31")),
      fig("Bình Dương", "export", "yoy_pct", 12.0, ("2023-12-01", "2023-12-31"))}),
    # numbers: "13 tỷ 500 triệu", "đô la Mỹ", thousands of USD
    ("Quý I/2024, xuất khẩu của Bạc Liêu đạt 95.500 nghìn USD.",
     {fig("Bạc Liêu", "export", "level", 95.5e6, Q1)}),
    ("Quý I/2024, xuất khẩu của Trà Vinh đạt 250 triệu đô la Mỹ.",
     {fig("Trà Vinh", "export", "level", 250e6, Q1)}),
    # another period's figure in the same sentence
    ("Quý I/2024, GRDP của Thái Bình tăng 8,4%, cao hơn mức tăng 7,1% của quý I/2023.",
     {fig("Thái Bình", "grdp", "yoy_pct", 8.4, Q1),
      fig("Thái Bình", "grdp", "yoy_pct", 7.1, ("2023-01-01", "2023-03-31"))}),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_phrasing(text: str, expected: set[tuple]) -> None:
    assert rows(text) == expected


def test_a_list_under_an_introduction_takes_its_period() -> None:
    text = ("Kết quả chủ yếu 6 tháng đầu năm 2024 của tỉnh Vĩnh Long:\n"
            "- Tốc độ tăng trưởng GRDP: 6,1%\n"
            "- Kim ngạch xuất khẩu: 620 triệu USD (+12,4%)\n")
    assert rows(text) == {fig("Vĩnh Long", "grdp", "yoy_pct", 6.1, H1),
                          fig("Vĩnh Long", "export", "level", 620e6, H1),
                          fig("Vĩnh Long", "export", "yoy_pct", 12.4, H1)}


def test_english_number_format_per_source() -> None:
    text = "In Q1/2024: Quý I/2024, xuất khẩu của Đà Nẵng đạt 1,234.5 triệu USD, tăng 10.5%."
    assert rows(text, fmt="en") == {fig("Đà Nẵng", "export", "level", 1234.5e6, Q1),
                                    fig("Đà Nẵng", "export", "yoy_pct", 10.5, Q1)}


def test_english_decimals_are_recognised_without_being_told() -> None:
    text = "Quý I/2024, xuất khẩu của Đà Nẵng đạt 1,234 triệu USD, tăng 10.5%."
    assert fig("Đà Nẵng", "export", "level", 1234e6, Q1) in rows(text)


def test_pure_function_has_no_io_imports() -> None:
    import subprocess
    import sys

    code = ("import sys; from extractors.figures import check_figures, extract_figures; "
            "bad = {'prefect', 'duckdb', 'httpx'} & set(sys.modules); print(sorted(bad))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "[]", out.stderr
