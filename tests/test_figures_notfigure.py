"""The table of what is not a figure (notfigure.py): every row has a reason, and each turns
down the number its rule names, on sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from extractors.figures import extract_figures
from extractors.figures.events import number_events
from extractors.figures.notfigure import NOT_A_FIGURE, Probe, rejection

# row -> (a sentence, the number in it that row turns down)
CASES = {
    "partner": ("Năm 2023, tỉnh Lào Cai xuất siêu 250 triệu USD trong buôn bán với Trung Quốc.",
                "250 triệu USD"),
    "instead": ("Năm 2023, tỉnh Quảng Ninh xuất siêu 300 triệu USD thay vì nhập siêu 120 triệu "
                "USD như năm trước.", "120 triệu USD"),
    "counted-group": ("Năm 2023, vùng Đông Nam Bộ có ba địa phương xuất khẩu hơn 20 tỷ USD.",
                      "20 tỷ USD"),
    "group-bound": ("Năm 2023, cả nước có tới 5 nơi đạt mức tăng GRDP trên 10%.", "10%"),
    "quantity": ("Năm 2023, xuất khẩu qua cửa khẩu Hữu Nghị đạt 41.000 tấn, tăng 18%.", "18%"),
    "bound": ("Năm 2023, GRDP các tỉnh miền núi phía Bắc đều tăng trên 7%.", "7%"),
    "share": ("Năm 2023, cơ cấu kinh tế tỉnh Bắc Ninh: công nghiệp chiếm 71,2%; dịch vụ 19,4%.",
              "19,4%"),
    "group-sum": ("Năm 2023, 4 địa phương dẫn đầu xuất khẩu tổng cộng đạt 140 tỷ USD.",
                  "140 tỷ USD"),
    "threshold": ("Năm 2023, kim ngạch xuất khẩu của tỉnh Thái Nguyên từ 10 tỷ USD trở lên.",
                  "10 tỷ USD"),
    "constant-price": ("Năm 2023, GRDP của tỉnh Nghệ An theo giá so sánh đạt 120.500 tỷ đồng.",
                       "120.500 tỷ đồng"),
    "milestone": ("Năm 2023, kim ngạch xuất khẩu của tỉnh Bình Dương lần đầu đạt mốc 30 tỷ USD.",
                  "30 tỷ USD"),
    "change-in-money": ("Năm 2023, xuất khẩu của tỉnh Đồng Nai giảm 6,5% (tương đương 1,4 tỷ "
                        "USD).", "1,4 tỷ USD"),
}


def test_every_row_is_named_once_with_a_reason_and_the_kinds_it_reads() -> None:
    names = [c.name for c in NOT_A_FIGURE]
    assert len(names) == len(set(names))
    assert set(names) == set(CASES)
    for check in NOT_A_FIGURE:
        assert len(check.reason) > 20
        assert check.kinds and set(check.kinds) <= {"amount", "pct"}


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_row_turns_down_the_number_it_names(name: str) -> None:
    s, number = CASES[name]
    nums = number_events(s, "vi")
    e = next(n for n in nums if n.start == s.index(number))
    before = [n for n in nums if n.end <= e.start]
    window = s[before[-1].end if before else 0:e.start]
    check = rejection(Probe(s, e, nums, window, None))
    assert check is not None and check.name == name
    # and the extractor gives no figure of that value
    values = {abs(f.value) for f in extract_figures(s, published=date(2024, 2, 1))}
    assert abs(e.value) not in values
