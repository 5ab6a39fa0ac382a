"""Consistency checks flag disagreements and never change a value."""

from __future__ import annotations

from datetime import date

from extractors.figures import check_figures, extract_figures

PUB = date(2024, 7, 10)


def _kinds(text: str) -> dict[str, str]:
    figures = extract_figures(text, PUB)
    before = [f.value for f in figures]
    checks = check_figures(figures)
    assert [f.value for f in figures] == before
    for c in checks:
        assert all(0 <= i < len(figures) for i in c.figures)
    return {c.kind: c.status for c in checks}


def test_components_add_up() -> None:
    text = ("Sáu tháng đầu năm, tổng kim ngạch xuất nhập khẩu của Bắc Giang đạt 15 tỷ USD, "
            "trong đó xuất khẩu 8 tỷ USD, nhập khẩu 7 tỷ USD; xuất siêu 1 tỷ USD.")
    assert _kinds(text) == {"components_vs_total": "ok", "balance_vs_components": "ok"}


def test_components_that_do_not_add_up_are_flagged() -> None:
    text = ("Sáu tháng đầu năm, tổng kim ngạch xuất nhập khẩu của Bắc Giang đạt 15 tỷ USD, "
            "trong đó xuất khẩu 9 tỷ USD, nhập khẩu 7 tỷ USD.")
    assert _kinds(text)["components_vs_total"] == "mismatch"


def test_plan_implied_by_two_periods() -> None:
    text = ("Tháng 5, xuất khẩu của Nam Định đạt 300 triệu USD, bằng 10% kế hoạch. Lũy kế 5 "
            "tháng, xuất khẩu đạt 1,5 tỷ USD, bằng 50% kế hoạch năm.")
    assert _kinds(text)["plan_implied"] == "ok"
    text = text.replace("bằng 50%", "bằng 40%")
    assert _kinds(text)["plan_implied"] == "mismatch"


def test_whole_outside_its_sectors_is_flagged() -> None:
    text = ("Quý I/2024, GRDP của Nam Định tăng 12%, trong đó khu vực công nghiệp và xây dựng "
            "tăng 8%, khu vực dịch vụ tăng 6%.")
    assert _kinds(text) == {"sectors_vs_whole": "mismatch"}
