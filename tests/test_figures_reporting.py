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
