"""Phrasings of real reporting: periods named once for a whole report, runs of places, old
provinces, quantities that are not trade, shares in structure lists (own sentences)."""

from __future__ import annotations

from datetime import date

from extractors.figures import extract_figures


def _rows(text: str, published: date) -> set[tuple]:
    return {(f.region, f.indicator, f.metric, f.value, f.period_start.isoformat(),
             f.period_end.isoformat()) for f in extract_figures(text, published)}


def test_annual_report_in_january_takes_the_leads_year() -> None:
    text = ("Hưng Yên: kinh tế tăng 8,1%\n\n"
            "Theo Cục Thống kê tỉnh Hưng Yên, năm 2024 nhiều ngành gặp khó khăn do mưa lũ.\n\n"
            "Dù vậy, GRDP của tỉnh ước tăng 8,1%. Trong đó, khu vực dịch vụ tăng 6,2%.\n\n"
            "Năm 2025, tỉnh đặt mục tiêu tăng trưởng 9%.")
    rows = _rows(text, date(2025, 1, 12))
    assert ("Hưng Yên", "grdp", "yoy_pct", 8.1, "2024-01-01", "2024-12-31") in rows
    assert ("Hưng Yên", "grdp_services", "yoy_pct", 6.2, "2024-01-01", "2024-12-31") in rows
    assert not any(r[4].startswith("2025") for r in rows)


def test_year_of_a_compared_quarter_does_not_date_the_paragraph() -> None:
    text = ("GDP quý II/2025 tăng 7,1%, thấp hơn mức tăng 7,9% của quý II/2018. "
            "Tính chung 6 tháng đầu năm, GDP tăng 6,9%.")
    rows = _rows(text, date(2025, 7, 8))
    assert ("Việt Nam", "gdp", "yoy_pct", 6.9, "2025-01-01", "2025-06-30") in rows


def test_quarters_in_brackets_do_not_date_the_next_sentence() -> None:
    text = ("Sáu tháng đầu năm 2025, GRDP của Thái Bình ước tăng 8,3% (quý I tăng 8,0%; quý II "
            "tăng 8,6%). Khu vực dịch vụ tăng 7,4%.")
    rows = _rows(text, date(2025, 7, 20))
    assert ("Thái Bình", "grdp_services", "yoy_pct", 7.4, "2025-01-01", "2025-06-30") in rows


def test_a_run_of_places_with_bare_rates() -> None:
    text = ("Chín tháng năm 2025, ba tỉnh dẫn đầu về tăng trưởng GRDP: Lào Cai tăng 9,8%, "
            "Cao Bằng 9,5% và Hà Tĩnh 9,3%.")
    rows = _rows(text, date(2025, 10, 6))
    assert {r[0] for r in rows} == {"Lào Cai", "Cao Bằng", "Hà Tĩnh"}
    assert ("Cao Bằng", "grdp", "yoy_pct", 9.5, "2025-01-01", "2025-09-30") in rows


def test_an_old_province_is_not_the_merged_one() -> None:
    text = ("Sáu tháng đầu năm 2025, GRDP của tỉnh Hà Giang (cũ) tăng 6,1%; khu vực dịch vụ "
            "tăng 5,2%. Tuyên Quang (mới) tăng 7,2%.")
    rows = _rows(text, date(2025, 7, 14))
    assert {r[0] for r in rows} == {"Tuyên Quang"}


def test_changes_of_tonnes_passengers_and_firms_are_not_trade() -> None:
    text = ("Năm 2024, kim ngạch xuất nhập khẩu qua cửa khẩu Tà Lùng đạt 800 triệu USD, tăng 12%; "
            "lượng hàng xuất khẩu đạt 210.000 tấn, tăng 31%. Số hành khách xuất cảnh đạt 2 triệu "
            "lượt, tăng 45%. Số doanh nghiệp làm thủ tục đạt 410, tăng 19%.")
    values = {r[3] for r in _rows(text, date(2025, 1, 15))}
    assert values == {800e6, 12.0}


def test_thresholds_and_conditions_are_not_figures() -> None:
    text = ("Năm 2025, Thái Nguyên và Phú Thọ đều tăng trên 9%; 21/34 địa phương tăng trưởng "
            "trên 6%. Để GRDP tăng từ 9% trở lên, xuất khẩu của tỉnh phải tăng 15%.")
    assert _rows(text, date(2026, 1, 10)) == set()


def test_a_structure_list_gives_shares_not_growth() -> None:
    text = ("Sáu tháng đầu năm 2025, GRDP của Phú Yên tăng 6,5%. Cơ cấu kinh tế: dịch vụ chiếm "
            "45,1%; công nghiệp và xây dựng 30,2%; nông, lâm nghiệp và thủy sản 20,3% (cùng kỳ "
            "lần lượt là 44%; 31% và 21%).")
    assert _rows(text, date(2025, 7, 9)) == {
        ("Phú Yên", "grdp", "yoy_pct", 6.5, "2025-01-01", "2025-06-30")}


def test_grdp_without_oil_and_gas_is_another_series() -> None:
    text = ("Sáu tháng đầu năm 2025, GRDP của Bà Rịa - Vũng Tàu kể cả dầu khí tăng 5,1%, không "
            "kể dầu khí tăng 7,2%. Quý III/2025, GRDP trừ dầu khí tăng 8%; trong đó dịch vụ "
            "tăng 6%.")
    assert _rows(text, date(2025, 10, 9)) == {
        ("Bà Rịa - Vũng Tàu", "grdp", "yoy_pct", 5.1, "2025-01-01", "2025-06-30")}


def test_period_spellings_of_real_reports() -> None:
    pub = date(2024, 10, 3)
    assert _rows("Trong quí III năm nay, GRDP của Sơn La tăng 6,4%.", pub) == {
        ("Sơn La", "grdp", "yoy_pct", 6.4, "2024-07-01", "2024-09-30")}
    assert _rows("Trong 10 ngày đầu tháng 9, xuất khẩu của cả nước đạt 9,2 tỷ USD.", pub) == {
        ("Việt Nam", "export", "level", 9.2e9, "2024-09-01", "2024-09-10")}


def test_a_plan_for_the_whole_year_is_not_the_figures_period() -> None:
    text = ("Chín tháng năm 2024, xuất khẩu của Nghệ An đạt 2 tỷ USD, tăng 11% và bằng 70% kế "
            "hoạch cả năm.")
    rows = _rows(text, date(2024, 10, 5))
    assert ("Nghệ An", "export", "plan_pct", 70.0, "2024-01-01", "2024-09-30") in rows
    assert not any(r[5] == "2024-12-31" for r in rows)


def test_in_the_month_is_the_reports_month() -> None:
    text = ("Tám tháng năm 2023, xuất khẩu của cả nước đạt 230 tỷ USD.\n\n"
            "Nhập khẩu trong tháng đạt 28 tỷ USD; lũy kế 8 tháng đạt 215 tỷ USD.")
    rows = _rows(text, date(2023, 9, 12))
    assert ("Việt Nam", "import", "level", 28e9, "2023-08-01", "2023-08-31") in rows
    assert ("Việt Nam", "import", "level", 215e9, "2023-01-01", "2023-08-31") in rows


def test_grdp_phrasings_with_the_acronym_inside_and_the_size_of_the_economy() -> None:
    text = ("Năm 2024, tổng sản phẩm (GRDP) trên địa bàn tỉnh Bình Định tăng 7,3%. Quy mô kinh tế "
            "của tỉnh Bình Định tăng 7,3% và đạt 120 nghìn tỷ đồng.")
    rows = _rows(text, date(2025, 1, 6))
    assert ("Bình Định", "grdp", "yoy_pct", 7.3, "2024-01-01", "2024-12-31") in rows
    assert ("Bình Định", "grdp", "level", 120e12, "2024-01-01", "2024-12-31") in rows


def test_a_plan_phrase_closes_its_own_number_only() -> None:
    text = ("Sáu tháng đầu năm 2024, xuất khẩu của Kon Tum đạt 90 triệu USD, đạt 48% so kế "
            "hoạch, tăng 12,5% so với cùng kỳ.")
    rows = _rows(text, date(2024, 7, 2))
    assert ("Kon Tum", "export", "plan_pct", 48.0, "2024-01-01", "2024-06-30") in rows
    assert ("Kon Tum", "export", "yoy_pct", 12.5, "2024-01-01", "2024-06-30") in rows


def test_bracketed_quarters_keep_the_estimate_and_date_only_themselves() -> None:
    text = ("Sáu tháng đầu năm 2025, xuất khẩu của Hà Nội giảm 2%.\n\n"
            "Khu vực dịch vụ vẫn là trụ đỡ: giá trị tăng thêm ước tăng 7,4% (quý I tăng 7,1%; "
            "quý II tăng 7,7%).")
    figs = {(f.indicator, f.value, f.period_end.isoformat(), f.estimate)
            for f in extract_figures(text, date(2025, 7, 20))}
    assert ("grdp_services", 7.4, "2025-06-30", True) in figs
    assert ("grdp_services", 7.7, "2025-06-30", True) in figs


def test_a_headline_number_the_body_declines_is_not_a_figure() -> None:
    text = ("GRDP của Bà Rịa - Vũng Tàu tăng 4,4%\n\n"
            "Sáu tháng đầu năm 2024, GRDP không tính dầu khí của tỉnh tăng 4,4%.")
    assert _rows(text, date(2024, 7, 1)) == set()


def test_a_gates_trade_after_counts_in_a_semicolon_list() -> None:
    text = ("Năm 2025, Cửa khẩu quốc tế Cầu Treo (Hà Tĩnh) có 91.000 lượt phương tiện; 8.200 tờ "
            "khai; kim ngạch đạt 410,5 triệu USD.")
    figs = {(f.region, f.scope, f.value) for f in extract_figures(text, date(2026, 1, 20))}
    assert figs == {("Hà Tĩnh", "border_gate:Cầu Treo", 410.5e6)}


def test_a_comma_before_three_digits_read_so_that_the_balance_adds_up() -> None:
    text = ("Quý I/2016, xuất khẩu của Đồng Nai đạt 4,120 triệu USD; nhập khẩu đạt 3,480 triệu "
            "USD. Như vậy, tỉnh xuất siêu 640 triệu USD.")
    levels = {(f.indicator, f.value) for f in extract_figures(text, date(2016, 4, 2))}
    assert levels == {("export", 4120e6), ("import", 3480e6), ("trade_balance", 640e6)}


def test_a_gate_follows_its_merged_province_after_july_2025() -> None:
    text = "Tám tháng năm 2025, kim ngạch qua cửa khẩu Cha Lo đạt 30 triệu USD."
    assert {r[0] for r in _rows(text, date(2025, 9, 4))} == {"Quảng Trị"}
    assert {r[0] for r in _rows(text.replace("2025", "2024"), date(2024, 9, 4))} == {"Quảng Bình"}


def test_a_year_or_month_before_a_count_word_is_no_count() -> None:
    text = "Năm 2024 doanh nghiệp của tỉnh Bắc Ninh xuất khẩu tăng 8%."
    assert _rows(text, date(2025, 1, 5)) == {
        ("Bắc Ninh", "export", "yoy_pct", 8.0, "2024-01-01", "2024-12-31")}


def test_a_customs_units_own_total_and_the_provinces_total_it_reports() -> None:
    text = ("Hai tháng đầu năm 2026, Chi cục Hải quan khu vực XII (Nghệ An) ghi nhận kim ngạch "
            "xuất nhập khẩu đạt 410 triệu USD. Cũng theo đơn vị, kim ngạch xuất nhập khẩu qua "
            "các cửa khẩu của tỉnh Nghệ An đạt 95 triệu USD.")
    scopes = {(f.value, f.scope) for f in extract_figures(text, date(2026, 3, 3))}
    assert scopes == {(410e6, "customs_declared"), (95e6, "all")}


def test_the_day_of_a_press_meeting_in_the_lead_is_no_period() -> None:
    text = ("Kinh tế Phú Yên khởi sắc\n\n"
            "Sáng 5 tháng 7, UBND tỉnh Phú Yên họp báo về kinh tế 6 tháng đầu năm 2024.\n\n"
            "GRDP tăng 6,8%; xuất khẩu đạt 150 triệu USD.")
    assert {r[4:] for r in _rows(text, date(2024, 7, 6))} == {("2024-01-01", "2024-06-30")}


def test_this_rate_against_last_years_in_brackets() -> None:
    text = ("Sáu tháng đầu năm 2025, GRDP của Hải Phòng ước tăng 11,2% (quý I tăng 10,9%; quý II "
            "tăng 11,5%).\n\nDù xuất khẩu gặp khó, mức tăng này vẫn cao hơn cùng kỳ năm trước "
            "(9,4%).")
    rows = _rows(text, date(2025, 7, 20))
    assert ("Hải Phòng", "grdp", "yoy_pct", 9.4, "2024-01-01", "2024-06-30") in rows
    assert not any(r[3] == 9.4 and r[4] != "2024-01-01" for r in rows)
