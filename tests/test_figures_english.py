"""English-language reports: read through their Vietnamese rewriting (own sentences)."""

from __future__ import annotations

from datetime import date

from extractors.figures import extract_figures
from extractors.figures.english import is_english, to_vietnamese


def _rows(text: str, published: date) -> set[tuple]:
    return {(f.region, f.indicator, f.metric, f.value, f.period_start.isoformat(),
             f.period_end.isoformat(), f.estimate) for f in extract_figures(text, published)}


def test_english_is_told_from_vietnamese() -> None:
    assert is_english("The province of Nghe An saw its exports rise 12% in the first half.")
    assert is_english("In 2023, Binh Duong's export turnover reached 32.7 billion USD, down 9.2%.")
    assert not is_english("Tốc độ tăng trưởng GRDP quý I/2024 của tỉnh Hải Dương đạt 6,5%, xếp "
                          "thứ 20/63 tỉnh, thành; the top is Bắc Giang.")
    assert not is_english("Sáu tháng đầu năm, xuất khẩu của tỉnh Nghệ An tăng 12% so với cùng kỳ.")


def test_grdp_growth_and_sectors_in_english() -> None:
    text = ("Nghe An province's gross regional domestic product (GRDP) grew 8.15% in the first "
            "nine months of 2024, statisticians said. Agriculture, forestry and fisheries rose "
            "3.9%, while industry and construction expanded 11.2%.")
    rows = _rows(text, date(2024, 10, 2))
    assert ("Nghệ An", "grdp", "yoy_pct", 8.15, "2024-01-01", "2024-09-30", False) in rows
    assert ("Nghệ An", "grdp_agriculture", "yoy_pct", 3.9, "2024-01-01", "2024-09-30",
            False) in rows
    assert ("Nghệ An", "grdp_industry_construction", "yoy_pct", 11.2, "2024-01-01",
            "2024-09-30", False) in rows


def test_trade_in_english_with_the_period_at_the_clause_end() -> None:
    text = ("Vietnam's exports are estimated to have grown 6.1% year-on-year to US$310.4 billion "
            "in the January-October period, the statistics office said.")
    rows = _rows(text, date(2024, 11, 6))
    assert ("Việt Nam", "export", "yoy_pct", 6.1, "2024-01-01", "2024-10-31", True) in rows
    assert ("Việt Nam", "export", "level", 310.4e9, "2024-01-01", "2024-10-31", True) in rows


def test_targets_and_per_capita_in_english_are_not_figures() -> None:
    text = ("For the whole of 2025, Lang Son aims for GRDP growth of 8.5% and per-capita GRDP of "
            "more than 70 million VND.")
    assert _rows(text, date(2025, 3, 1)) == set()


def test_offsets_and_sentences_point_into_the_english_text() -> None:
    text = ("Ha Tinh's exports reached US$1.2 billion in the first half of 2023, up 9% "
            "year-on-year, provincial officials said.")
    figs = extract_figures(text, date(2023, 7, 3))
    assert figs and all(f.sentence in text and 0 <= f.start < f.end <= len(text) for f in figs)
    vi, back = to_vietnamese(text)
    assert len(back) == len(vi) + 1 and back[-1] == len(text)


def test_respectively_lists_and_ranking_paragraphs_in_english() -> None:
    text = ("Six provinces are estimated to have posted GRDP growth above 8% in the first half of "
            "2024.\n\n"
            "Next come Thai Binh and Nam Dinh with estimated growth of 9.12% and 8.34% "
            "respectively.\n\n"
            "At the bottom is Bac Kan, down 1.45%.")
    rows = {(r[0], r[3]) for r in _rows(text, date(2024, 7, 5))}
    assert {("Thái Bình", 9.12), ("Nam Định", 8.34), ("Bắc Kạn", -1.45)} <= rows


def test_a_year_after_the_comparison_is_the_figures_own() -> None:
    text = ("The province of Phu Tho grew its GRDP by an estimated 7.4% year on year in the first "
            "half of 2024, officials said.")
    assert _rows(text, date(2024, 7, 1)) == {
        ("Phú Thọ", "grdp", "yoy_pct", 7.4, "2024-01-01", "2024-06-30", True)}


def test_english_commodities_and_markets_are_components() -> None:
    text = ("Vietnam's exports of rice reached 4.6 million tonnes, worth US$2.8 billion, up 12% in "
            "the first half of this year, while exports to the US hit US$60 billion.")
    assert _rows(text, date(2024, 7, 10)) == set()


def test_english_targets_are_not_figures() -> None:
    text = "The city targets GRDP growth of 8-8.5% this year and exports of US$50 billion."
    assert _rows(text, date(2024, 2, 1)) == set()


def test_last_year_in_english() -> None:
    text = "Dong Nai's exports reached US$22.5 billion last year, up 7% year-on-year."
    assert ("Đồng Nai", "export", "yoy_pct", 7.0, "2024-01-01", "2024-12-31", False) in _rows(
        text, date(2025, 1, 20))


def test_an_amount_of_exports_after_a_total() -> None:
    text = ("Trade via the Cau Treo border gate topped 73 million USD in the first two months of "
            "2022, including 13 million USD of exports.")
    rows = _rows(text, date(2022, 3, 1))
    assert ("Hà Tĩnh", "export", "level", 13e6, "2022-01-01", "2022-02-28", False) in rows
    assert not any(r[1] == "trade_total" and r[3] == 13e6 for r in rows)


def test_trade_through_a_gate_by_the_end_of_a_month() -> None:
    """A gate spelt with diacritics keeps its scope before its province; "by the end of March"
    is the year to March."""
    text = ("Trade through the Lạng Sơn gates rises\n\nHÀ NỘI — Trade through the Hữu Nghị "
            "International Border Gate in the northern province of Lạng Sơn topped US$410 million "
            "by the end of March, up 12.4 per cent year-on-year, its customs office said.")
    got = {(f.region, f.scope, f.metric, f.value, f.period_start.isoformat(),
            f.period_end.isoformat()) for f in extract_figures(text, date(2025, 4, 3))}
    assert got == {("Lạng Sơn", "border_gate:Hữu Nghị", "level", 410e6, "2025-01-01", "2025-03-31"),
                   ("Lạng Sơn", "border_gate:Hữu Nghị", "yoy_pct", 12.4, "2025-01-01",
                    "2025-03-31")}


def test_first_quarter_of_this_year_dates_the_next_sentence() -> None:
    text = ("Phu Yen ranks 20th in GRDP growth\n\nThe province's gross regional domestic product "
            "(GRDP) is estimated to have grown by 7.1% in the first quarter of this year over the "
            "same period of 2024. Agriculture, forestry and fishery rose by 2.5%.")
    figures = extract_figures(text, date(2025, 4, 12))
    got = {(f.indicator, f.period_end.isoformat()) for f in figures}
    assert got == {("grdp", "2025-03-31"), ("grdp_agriculture", "2025-03-31")}


def test_constant_price_level_and_a_meeting_s_month_are_no_figures() -> None:
    text = ("Nam Dinh reviews nine months\n\nThe provincial People's Committee held its regular "
            "October meeting to review the first nine months of 2025.\n\nGRDP at constant prices "
            "is estimated at VND90,100 billion, up 8.4% over the same period of 2024.")
    got = {(f.metric, f.value, f.period_end.isoformat())
           for f in extract_figures(text, date(2025, 10, 8))}
    assert got == {("yoy_pct", 8.4, "2025-09-30")}


def test_first_6_months_in_digits_and_the_same_period_of_a_named_year() -> None:
    text = ("Dong Nai reviews first half\n\nIn the first 6 months of 2024, the Gross Regional "
            "Domestic Product (GRDP) of Dong Nai grew by 6.4% compared to the same period in 2023; "
            "export turnover is estimated at 10.2 billion US dollars.")
    got = {(f.indicator, f.metric, f.value, f.period_start.isoformat(), f.period_end.isoformat())
           for f in extract_figures(text, date(2024, 6, 20))}
    assert got == {("grdp", "yoy_pct", 6.4, "2024-01-01", "2024-06-30"),
                   ("export", "level", 10.2e9, "2024-01-01", "2024-06-30")}


def test_a_rate_compared_with_last_years_is_a_figure_of_last_year() -> None:
    text = ("Long An's economy in the first half\n\nLong An's gross regional domestic product "
            "(GRDP) grew 7.3 percent in the first six months of this year, lower than the 8.1 "
            "percent growth of the same period last year, the provincial statistics office said.")
    rows = _rows(text, date(2024, 7, 8))
    assert ("Long An", "grdp", "yoy_pct", 7.3, "2024-01-01", "2024-06-30", False) in rows
    assert ("Long An", "grdp", "yoy_pct", 8.1, "2023-01-01", "2023-06-30", False) in rows
    assert len(rows) == 2


def test_a_period_after_a_compared_rate_is_that_rates() -> None:
    text = ("Binh Phuoc's exports\n\nIn the first half of this year, Binh Phuoc's exports grew 14 "
            "percent, higher than the 6 percent growth recorded in the same period last year.")
    rows = _rows(text, date(2024, 7, 8))
    assert ("Bình Phước", "export", "yoy_pct", 14.0, "2024-01-01", "2024-06-30", False) in rows
    assert ("Bình Phước", "export", "yoy_pct", 6.0, "2023-01-01", "2023-06-30", False) in rows


def test_english_approximators_plans_and_the_months_of_this_year() -> None:
    text = ("Tay Ninh posts nine-month trade surplus of nearly 2 billion USD\n\nThe southern "
            "province of Tay Ninh earned over 5.1 billion USD from exports and spent more than "
            "3.2 billion USD on imports in the first nine months of this year, the provincial "
            "Statistics Office said. Exports rose 9.4% year on year, completing 74% of the target "
            "for the whole year.\n\nThe nine-month trade surplus was 1.9 billion USD.")
    rows = _rows(text, date(2024, 10, 3))
    m9 = ("2024-01-01", "2024-09-30", False)
    # the headline's "nearly 2 billion" is the body's 1.9 billion, rounded
    assert rows == {("Tây Ninh", "trade_balance", "level", 1.9e9, *m9),
                    ("Tây Ninh", "export", "level", 5.1e9, *m9),
                    ("Tây Ninh", "import", "level", 3.2e9, *m9),
                    ("Tây Ninh", "export", "yoy_pct", 9.4, *m9),
                    ("Tây Ninh", "export", "plan_pct", 74.0, *m9)}


def test_english_second_rate_after_and_and_a_goal_striven_for() -> None:
    text = ("Long An trade\n\nLong An's exports are estimated at 700 million USD in August, up "
            "about 2% month-on-month and over 11% year-on-year. The province is striving for an "
            "export turnover of 8 billion USD for the whole year, up 6%.")
    rows = _rows(text, date(2024, 8, 29))
    assert rows == {("Long An", "export", "level", 700e6, "2024-08-01", "2024-08-31", True),
                    ("Long An", "export", "yoy_pct", 11.0, "2024-08-01", "2024-08-31", True)}


def test_english_periods_to_a_day_and_from_january_and_quarter_months() -> None:
    text = ("Vietnam posted a trade surplus of US$2.4 billion in the period to May 15, the "
            "customs department said. Goods shipped abroad from January to April were worth "
            "112.3 billion USD, up 9.4 percent from a year earlier. In April-June, the economy "
            "grew 6.9 percent year on year.")
    rows = _rows(text, date(2023, 7, 2))
    assert ("Việt Nam", "trade_balance", "level", 2.4e9, "2023-01-01", "2023-05-15", False) in rows
    assert ("Việt Nam", "export", "level", 112.3e9, "2023-01-01", "2023-04-30", False) in rows
    assert ("Việt Nam", "export", "yoy_pct", 9.4, "2023-01-01", "2023-04-30", False) in rows
    assert ("Việt Nam", "gdp", "yoy_pct", 6.9, "2023-04-01", "2023-06-30", False) in rows


def test_english_export_phrasings_after_the_amount() -> None:
    text = ("Between January and August, the province of Tay Ninh shipped nearly 3.1 billion USD "
            "worth of goods abroad, up 7.5% on the same period last year and 68% of its "
            "full-year target. August alone brought in 402 million USD of export revenue, "
            "against 310 million USD spent on imports.")
    rows = _rows(text, date(2024, 9, 5))
    assert ("Tây Ninh", "export", "level", 3.1e9, "2024-01-01", "2024-08-31", False) in rows
    assert ("Tây Ninh", "export", "yoy_pct", 7.5, "2024-01-01", "2024-08-31", False) in rows
    assert ("Tây Ninh", "export", "plan_pct", 68.0, "2024-01-01", "2024-08-31", False) in rows
    assert ("Tây Ninh", "export", "level", 402e6, "2024-08-01", "2024-08-31", False) in rows
    assert ("Tây Ninh", "import", "level", 310e6, "2024-08-01", "2024-08-31", False) in rows


def test_english_elided_verb_and_monthly_changes() -> None:
    text = ("In the first quarter, Vietnam's exports rose 11 percent to 90.2 billion USD and "
            "imports 13.5 percent to 88.4 billion USD, for a quarterly surplus of 1.8 billion "
            "USD. March "
            "exports came to 33.1 billion USD, 28 percent higher than in February and 9.2 "
            "percent higher than a year earlier.")
    rows = _rows(text, date(2024, 4, 6))
    assert ("Việt Nam", "import", "yoy_pct", 13.5, "2024-01-01", "2024-03-31", False) in rows
    assert ("Việt Nam", "trade_balance", "level", 1.8e9, "2024-01-01", "2024-03-31",
            False) in rows
    assert ("Việt Nam", "export", "yoy_pct", 9.2, "2024-03-01", "2024-03-31", False) in rows
    assert not any(r[3] == 28.0 for r in rows)  # against February: month on month


def test_english_economy_as_subject_and_agro_forestry_fishery() -> None:
    text = ("Vietnam's economy grew 6.5 percent in the third quarter, the statistics office "
            "said. The agro-forestry-fishery sector grew 3.1%, industry and construction 7.4% "
            "and services 6.9%. It revised second-quarter growth up to 6.3 percent.")
    rows = _rows(text, date(2024, 10, 1))
    assert ("Việt Nam", "gdp", "yoy_pct", 6.5, "2024-07-01", "2024-09-30", False) in rows
    assert ("Việt Nam", "grdp_agriculture", "yoy_pct", 3.1, "2024-07-01", "2024-09-30",
            False) in rows
    assert ("Việt Nam", "gdp", "yoy_pct", 6.3, "2024-04-01", "2024-06-30", False) in rows


def test_english_city_economy_worth_and_absolute_changes() -> None:
    text = ("Can Tho's GRDP grew 7.1 percent in 2023. The city's economy in 2023 was worth "
            "112.4 trillion VND, some 9.6 trillion VND larger than in 2022.")
    rows = _rows(text, date(2023, 12, 29))
    assert ("Cần Thơ", "grdp", "level", 112.4e12, "2023-01-01", "2023-12-31", False) in rows
    assert not any(r[3] == 9.6e12 for r in rows)


def test_english_milestones_forecasts_revisions_and_targets_are_not_figures() -> None:
    text = ("Vietnam's exports up in February\n\n"
            "Vietnam's foreign trade first passed $500 billion in 2021 and crossed $700 billion "
            "in 2023, the customs department said.\n\n"
            "The World Bank kept its forecast for Vietnam's growth at 6.1 percent next year, "
            "above the 5.5 percent target.\n\n"
            "Vietnam's February exports were 21.4 billion USD, 310 million USD above the "
            "earlier estimate. Their new export orders rose 12%.")
    rows = _rows(text, date(2024, 3, 10))
    assert {r[3] for r in rows} == {21.4e9}


def test_english_quarters_named_by_ordinal_after_a_quarter() -> None:
    text = ("Vietnam's GDP grew quarter by quarter in 2023: 3.3% in the first quarter, 4.1% in "
            "the second and 5.5% in the third, the statistics office said.")
    rows = _rows(text, date(2023, 10, 1))
    assert ("Việt Nam", "gdp", "yoy_pct", 4.1, "2023-04-01", "2023-06-30", False) in rows
    assert ("Việt Nam", "gdp", "yoy_pct", 5.5, "2023-07-01", "2023-09-30", False) in rows


def test_english_foreign_invested_firms_as_subject_and_they() -> None:
    text = ("Vietnam's trade in the first half\n\n"
            "Vietnam's exports rose 14.5% to 190.1 billion USD in the first half of 2024, the "
            "statistics office said.\n\n"
            "Foreign-invested firms posted a surplus of 15.2 billion USD, with exports of 136.4 "
            "billion USD, up 13.1%. They imported 121.2 billion USD, a rise of 15.9%.")
    rows = _rows(text, date(2024, 7, 6))
    assert ("Việt Nam", "export", "level", 190.1e9, "2024-01-01", "2024-06-30", False) in rows
    assert {r[3] for r in rows} == {190.1e9, 14.5}


def test_english_firms_named_in_a_sentence_without_numbers_then_their_trade() -> None:
    text = ("Vietnam's trade in March\n\n"
            "Vietnam's exports rose 9.2% to 33.6 billion USD in March 2024, the customs "
            "department said.\n\n"
            "Most of the growth came from foreign-invested firms. Their combined trade topped "
            "US$52 billion, up 12%; they exported over US$26 billion.")
    rows = _rows(text, date(2024, 4, 10))
    assert {r[3] for r in rows} == {33.6e9, 9.2}


def test_english_growth_of_the_same_period_last_year_as_the_comparisons_term() -> None:
    text = ("Vietnam's exports in the first half\n\n"
            "Vietnam's exports in the first half of 2016 were estimated at 82.2 billion USD, up "
            "5.9 percent year on year, the General Statistics Office said. The pace was lower "
            "than the 9.3 percent growth of the same period last year.")
    rows = _rows(text, date(2016, 6, 28))
    assert ("Việt Nam", "export", "yoy_pct", 5.9, "2016-01-01", "2016-06-30", True) in rows
    assert ("Việt Nam", "export", "yoy_pct", 9.3, "2015-01-01", "2015-06-30", False) in rows


def test_an_english_ranking_told_after_the_group_it_ranks() -> None:
    text = ("Five localities pass US$5 billion in exports\n\nFive localities each exported more "
            "than US$5 billion in the first five months, the customs department said.\n\n"
            "In the five months Bac Ninh remained in the lead with US$12.4 billion, up 20.1 "
            "percent, followed by Hai Phong with US$9.8 billion. In the same period Dong Nai "
            "joined that group with nearly US$5.2 billion, up 7.5%.")
    m5 = ("2024-01-01", "2024-05-31")
    got = _rows(text, date(2024, 6, 12))
    assert ("Bắc Ninh", "export", "level", 12.4e9, *m5, False) in got
    assert ("Bắc Ninh", "export", "yoy_pct", 20.1, *m5, False) in got
    assert ("Hải Phòng", "export", "level", 9.8e9, *m5, False) in got
    assert ("Đồng Nai", "export", "level", 5.2e9, *m5, False) in got
    assert not any(r[3] == 5e9 for r in got)  # the group's threshold


def test_english_after_a_rise_in_the_same_period_last_year() -> None:
    text = ("Vietnam's imports in the first half\n\n"
            "Vietnam's imports in the first half of 2016 reached 81.3 billion USD, up 2.2 percent "
            "year on year, after a rise of 18.1 percent in the same period last year, the "
            "General Statistics Office said.")
    rows = _rows(text, date(2016, 6, 29))
    assert ("Việt Nam", "import", "yoy_pct", 2.2, "2016-01-01", "2016-06-30", False) in rows
    assert ("Việt Nam", "import", "yoy_pct", 18.1, "2015-01-01", "2015-06-30", False) in rows


def test_english_rankings_led_followed_joined_and_fell_to_from() -> None:
    text = ("Provinces' exports in the first quarter\n\n"
            "Vietnam's exports reached 79.1 billion USD in the first quarter of 2025, the customs "
            "department said.\n\n"
            "In the first quarter Bac Ninh remained in the lead with US$12.4 billion, up 18.2%, "
            "followed by Hai Phong with US$7.9 billion. Quang Ninh joined that group with nearly "
            "$1.2 billion. Thai Nguyen, by contrast, fell to $6.5 billion from $6.8 billion in the "
            "first quarter of last year.\n\n"
            "China remained the largest supplier of goods to Vietnam with 32.1 billion USD.")
    rows = _rows(text, date(2025, 4, 15))
    assert ("Bắc Ninh", "export", "level", 12.4e9, "2025-01-01", "2025-03-31", False) in rows
    assert ("Bắc Ninh", "export", "yoy_pct", 18.2, "2025-01-01", "2025-03-31", False) in rows
    assert ("Hải Phòng", "export", "level", 7.9e9, "2025-01-01", "2025-03-31", False) in rows
    assert ("Quảng Ninh", "export", "level", 1.2e9, "2025-01-01", "2025-03-31", False) in rows
    assert ("Thái Nguyên", "export", "level", 6.5e9, "2025-01-01", "2025-03-31", False) in rows
    assert ("Thái Nguyên", "export", "level", 6.8e9, "2024-01-01", "2024-03-31", False) in rows
    assert not any(r[3] == 32.1e9 for r in rows)


def test_english_sentence_starts_keep_their_capital_and_others_do_not() -> None:
    vi, _back = to_vietnamese("Exports rose 5% in March. Agriculture grew 3.1% in May.")
    assert vi.startswith("Xuất khẩu tăng 5% trong tháng 3. Nông, lâm nghiệp và thủy sản")


def test_english_trade_named_by_its_period_is_the_total() -> None:
    text = ("Trade in ten months\n\nNationwide, trade in the first ten months reached $610 "
            "billion, 12.1 per cent more than a year earlier.")
    rows = _rows(text, date(2024, 11, 10))
    assert ("Việt Nam", "trade_total", "level", 610e9, "2024-01-01", "2024-10-31", False) in rows
    assert ("Việt Nam", "trade_total", "yoy_pct", 12.1, "2024-01-01", "2024-10-31", False) in rows


def test_a_plural_quarter_word_never_breaks_the_rewriting() -> None:
    # "quarters" once matched the singular phrase without its word end and crashed the rewrite
    text = ("Vietnam's GDP expanded by 3.2%, 4.1% and 5.3% in the first, second and third "
            "quarters, respectively, the statistics office reported. In 2023 as a whole, GDP "
            "grew 5.05%, the office said.")
    vi, back = to_vietnamese(text)
    assert len(back) == len(vi) + 1
    rows = _rows(text, date(2023, 12, 29))
    assert ("Việt Nam", "gdp", "yoy_pct", 5.05, "2023-01-01", "2023-12-31", False) in rows


def test_exports_and_imports_together_are_the_trade_total() -> None:
    text = ("In 2023, Vietnam's exports and imports totalled 683 billion USD, down 6.6 percent "
            "from a year earlier, the customs office said.")
    rows = _rows(text, date(2024, 1, 5))
    assert ("Việt Nam", "trade_total", "level", 683e9, "2023-01-01", "2023-12-31", False) in rows
    assert not any(r[1] == "import" for r in rows)


def test_negative_growth_is_a_fall() -> None:
    text = ("In 2023, Vietnam's GDP grew 5.05 percent while exports posted negative growth of "
            "4.4 percent, the statistics office said.")
    rows = _rows(text, date(2024, 1, 5))
    assert ("Việt Nam", "export", "yoy_pct", -4.4, "2023-01-01", "2023-12-31", False) in rows


def test_sectors_listed_with_respectively_pair_up() -> None:
    text = ("In the first quarter of 2024, Vietnam's GDP grew 5.66 percent; the "
            "agro-forestry-fishery, industry-construction, and service sectors inched up 2.98 "
            "percent, 6.28 percent and 6.12 percent, respectively, the statistics office said.")
    rows = _rows(text, date(2024, 3, 29))
    assert ("Việt Nam", "grdp_industry_construction", "yoy_pct", 6.28, "2024-01-01",
            "2024-03-31", False) in rows
    assert ("Việt Nam", "grdp_services", "yoy_pct", 6.12, "2024-01-01", "2024-03-31",
            False) in rows


def test_a_year_compared_against_is_no_period_of_the_figure() -> None:
    # "against the 2023 figure", "against last year": the base, never the figure's own year
    assert "so với năm 2023" in to_vietnamese("Sales rose 12 percent against the 2023 figure.")[0]
    assert "so với năm ngoái" in to_vietnamese("Exports rose 9 percent against last year.")[0]
    text = ("Vietnam's first-quarter GDP grew 5.7 percent, the statistics office said on Friday. "
            "Retail sales edged up 8.2 percent against the 2023 figure.\n\n"
            "Exports climbed 17 percent to $93.1 billion in the first quarter, while imports "
            "rose 13.9 percent against last year to $85 billion.")
    rows = _rows(text, date(2024, 3, 29))
    assert ("Việt Nam", "import", "level", 85e9, "2024-01-01", "2024-03-31", False) in rows
    assert not any(r[4].startswith("2023") for r in rows)
