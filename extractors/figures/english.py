"""English-language reports (VNA, VNS, Hanoitimes): their phrases rewritten as the Vietnamese the
extractor reads, with a map from every rewritten offset back into the text as given.

Only the phrases of trade and GRDP reporting are rewritten; what is not rewritten stays English
and means nothing to the extractor, so the Vietnamese rules decide what is a figure.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Callable

from extractors.figures.gazetteer import BORDER_GATES, PROVINCES

logger = logging.getLogger(__name__)

_ENGLISH_RE = re.compile(r"\b(?:the|of|and|in|to|was|were|with|from|has|its|exports?|imports?|"
                         r"reached|billion|million|percent|year|growth|grew|rose|province|city)\b",
                         re.IGNORECASE)
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december")
_MONTH = r"(?P<{}>January|February|March|April|May|June|July|August|September|October|" \
         r"November|December)"
_N = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
      "ten": 10, "eleven": 11}
_MAG = {"thousand": "nghìn", "million": "triệu", "billion": "tỷ", "trillion": "nghìn tỷ",
        "quadrillion": "triệu tỷ"}

_APPROX = {"over": "hơn ", "more than": "hơn ", "nearly": "gần ", "almost": "gần ",
           "about": "khoảng ", "around": "khoảng ", "roughly": "khoảng "}

_MONEY = (r"(?:(?:US\s?\$|\$|USD\s?)\s?\d[\d,.]*\s*(?:thousand|million|billion|trillion)|"
          r"\d[\d,.]*\s*(?:thousand|million|billion|trillion)\s*(?:USD|US\s?dollars?))")


def _money(amount: str) -> str:
    """"US$13 million" / "13 million USD" -> "13 triệu USD"."""
    v = re.search(r"\d[\d,.]*", amount)
    mag = re.search(r"thousand|million|billion|trillion", amount, re.IGNORECASE)
    assert v is not None and mag is not None
    return f"{v.group(0)} {_MAG[mag.group(0).lower()]} USD"


_DOWN_VERB_RE = re.compile(r"\b(?:fell|declined|decreased|dropped|shrank|contracted|down)\b",
                           re.IGNORECASE)


def _elided_verb(m: re.Match[str]) -> str:
    """"Exports rose 22 percent to … and imports 26.3 percent to …": the second indicator takes
    the first one's verb (the last one written before it in the sentence)."""
    before = m.string[max(0, m.string.rfind(".", 0, m.start()) + 1):m.start()]
    verb = "giảm" if _DOWN_VERB_RE.search(before[-80:]) else "tăng"
    return ("và nhập khẩu " if m["w"].lower() == "imports" else "và xuất khẩu ") + verb


def _nth_quarter(m: re.Match[str]) -> str:
    """"in the second" after a quarter was named: that quarter."""
    if "quarter" not in m.string[max(0, m.start() - 80):m.start()].lower():
        return m.group(0)
    n = ("first", "second", "third", "fourth").index(m["q"].lower())
    return "trong quý " + ("I", "II", "III", "IV")[n]


# (pattern, replacement): a string, or a function of the match. Longer phrases first.
_PHRASES: list[tuple[str, str | Callable[[re.Match[str]], str]]] = [
    # "about $1.05 billion more than a year earlier": an absolute change, no figure
    (r"(?P<amt>" + _MONEY + r"|\d[\d,.]*\s*(?:trillion|billion)\s*(?:VN[DĐ]|dong))\s+"
     r"(?:more|higher|less|lower|larger|bigger|smaller)\s+than\s+(?:a\s+year\s+"
     r"(?:earlier|before|ago)|the\s+same\s+period|(?:in\s+)?(?:19|20)\d{2})",
     lambda m: "tăng thêm " + _money(m["amt"]) if "USD" in m["amt"].upper() or "$" in m["amt"]
     else "tăng thêm"),
    # "it passed $200 billion in 2011", "first reached $100 billion": a milestone, not the level
    (r"(?:first\s+(?:reached|hit|topped|passed|crossed)|passed|crossed|broke\s+through)"
     r"(?=\s+(?:the\s+)?(?:US\s?\$|\$|\d))", "vượt mốc"),
    # "$1 billion or more": a group's threshold
    (r"(?P<amt>" + _MONEY + r")\s+or\s+more", lambda m: "từ " + _money(m["amt"]) + " trở lên"),
    # "Four localities each exported more than US$10 billion": a counted group's threshold
    (r"(?P<n>two|three|four|five|six|seven|eight|nine|ten|eleven|\d{1,2})\s+(?:localities|"
     r"provinces(?:\s+and\s+cities)?|cities\s+and\s+provinces)(?:\s+each)?"
     r"(?=\s+(?:exported|earned|posted|reached|recorded|achieved|topped|had)\b)",
     lambda m: f"có {_N.get(m['n'].lower(), m['n'])} địa phương"),
    # "including 13 million USD of exports": the indicator after its amount
    (r"(?P<amt>" + _MONEY + r")\s+(?:worth\s+)?of\s+(?P<w>exports|imports)",
     lambda m: ("xuất khẩu" if m["w"].lower() == "exports" else "nhập khẩu")
     + " đạt " + _money(m["amt"])),
    # "earned 13.9 billion USD from exports": the indicator after its amount
    (r"(?:earned|spent)\s+(?P<q>over\s+|more\s+than\s+|nearly\s+|almost\s+|about\s+|around\s+)?"
     r"(?P<amt>" + _MONEY + r")\s+(?:from|on)\s+(?P<w>exports|imports)",
     lambda m: ("xuất khẩu" if m["w"].lower() == "exports" else "nhập khẩu")
     + " đạt " + _APPROX.get(" ".join((m["q"] or "").lower().split()), "") + _money(m["amt"])),
    # "shipped almost 2.95 billion USD worth of goods abroad": the exports
    (r"shipped\s+(?P<q>over\s+|more\s+than\s+|nearly\s+|almost\s+|about\s+|around\s+)?"
     r"(?P<amt>" + _MONEY + r")\s+(?:worth\s+)?of\s+(?:goods|products|merchandise)"
     r"(?:\s+(?:abroad|overseas))?",
     lambda m: "xuất khẩu đạt " + _APPROX.get(" ".join((m["q"] or "").lower().split()), "")
     + _money(m["amt"])),
    (r"(?:goods|products|merchandise)\s+shipped\s+(?:abroad|overseas)|(?:overseas|outbound)\s+"
     r"shipments", "xuất khẩu"),
    # "290 million USD spent on imports", "409 million USD of export revenue"
    (r"(?P<amt>" + _MONEY + r")\s+(?:spent\s+on|paid\s+for)\s+(?P<w>imports)|(?P<amt2>"
     + _MONEY + r")\s+(?:earned\s+from|of)\s+(?P<w2>export)\s+(?:revenue|earnings)",
     lambda m: ("nhập khẩu" if m["w"] else "xuất khẩu") + " đạt "
     + _money(m["amt"] or m["amt2"])),
    # "196 million USD above the earlier estimate": a revision, not a level
    (r"(?P<amt>" + _MONEY + r")\s+(?:above|below|higher\s+than|lower\s+than|more\s+than|"
     r"less\s+than)\s+(?:the\s+|its\s+)?(?:earlier\s+|previous\s+|initial\s+|preliminary\s+)?"
     r"(?:estimate|forecast|plan|target|figure)s?",
     lambda m: "chênh lệch " + _money(m["amt"])),
    # "completing 71% of the target for the whole year": a plan share
    (r"(?:completing|fulfilling|meeting|achieving|reaching|hitting|and)(?=\s+(?:over\s+|nearly\s+|"
     r"about\s+|more\s+than\s+)?\d[\d.,]*\s*(?:%|per\s?cent|percent)\s+of\s+(?:the\s+|its\s+|"
     r"their\s+)?"
     r"(?:annual|yearly|year's|full-year|whole-year)?\s*(?:plan|target))", "đạt"),
    (r"of\s+(?:the\s+|its\s+|their\s+)?(?:(?:annual|yearly|year's|full-year|whole-year)\s+)?"
     r"(?:plan|target)"
     r"(?:\s+for\s+the\s+(?:whole|full|entire)\s+year)?(?=[\s,.;])", "kế hoạch năm"),
    # approximators before a number
    (r"(?:more\s+than|over|nearly|almost|about|around|roughly)(?=\s+(?:US\s?\$|\$|VN[DĐ])?\d)",
     lambda m: _APPROX[" ".join(m.group(0).lower().split())].strip()),
    # "a nine-month trade surplus", "10-month exports": the months since January
    (r"(?P<n>two|three|four|five|six|seven|eight|nine|ten|eleven|1[01]|[2-9])[-\s]month",
     lambda m: f"{_N.get(m['n'].lower(), m['n'])} tháng"),
    # money: "US$1.9 billion", "$1.5 billion", "12.6 million USD", "VNĐ48 trillion"
    (r"(?:US\s?\$|\$|USD\s?)\s?(?P<v>\d[\d,.]*)\s*(?P<m>thousand|million|billion|trillion)",
     lambda m: f"{m['v']} {_MAG[m['m'].lower()]} USD"),
    (r"(?P<v>\d[\d,.]*)\s*(?P<m>thousand|million|billion|trillion)\s*(?:USD|US\s?dollars?)",
     lambda m: f"{m['v']} {_MAG[m['m'].lower()]} USD"),
    (r"(?:VN[DĐ]|VND\s)\s?(?P<v>\d[\d,.]*)\s*(?P<m>thousand|million|billion|trillion|quadrillion)",
     lambda m: f"{m['v']} {_MAG[m['m'].lower()]} đồng"),
    (r"(?P<v>\d[\d,.]*)\s*(?P<m>thousand|million|billion|trillion|quadrillion)\s*(?:VN[DĐ]|dong)",
     lambda m: f"{m['v']} {_MAG[m['m'].lower()]} đồng"),
    (r"\s?(?:per\s?cent|percent)(?!age)", "%"),
    (r"percentage\s+points?", "điểm phần trăm"),
    # indicators
    (r"gross\s+regional\s+domestic\s+product(?:\s*\(GRDP\))?", "GRDP"),
    (r"gross\s+domestic\s+product(?:\s*\(GDP\))?", "GDP"),
    (r"(?:total\s+)?(?:trade|import-export|import\s+and\s+export|export\s+and\s+import|"
     r"export-import)\s+(?:turnover|value)|two-way\s+trade", "kim ngạch xuất nhập khẩu"),
    (r"(?:total\s+)?trade\s+(?:through|via)", "kim ngạch xuất nhập khẩu qua"),
    # "exports and imports totalled $683 billion": the total, named by both its parts
    (r"(?:exports?\s+and\s+imports?|imports?\s+and\s+exports?)(?=\s+(?:totall?ed|reached|hit|"
     r"amounted|stood|were\s+(?:valued|worth)|came\s+to)\b)", "kim ngạch xuất nhập khẩu"),
    # "Trade turnover through the gate": the gate the last sentence named
    (r"(?:through|via|at)\s+(?:the|this|that)\s+(?:border\s+)?gate", "qua cửa khẩu này"),
    # "foreign trade set a record of …", "the country's goods trade … was …"
    (r"(?:total\s+)?(?:foreign|merchandise|goods)\s+trade(?!\s+(?:surplus|deficit|balance))",
     "kim ngạch xuất nhập khẩu"),
    # "trade in the first ten months reached $558 billion": the total, named by its period
    (r"(?<![\w-])trade(?=\s+(?:in|during|over|for)\s+(?:the\s+)?(?:first|January|\w+-month)\b)",
     "kim ngạch xuất nhập khẩu"),
    (r"trade\s+surplus", "xuất siêu"), (r"trade\s+deficit", "nhập siêu"),
    (r"(?:(?:monthly|quarterly|half-year|annual)\s+)?surplus(?=\s+of\b)", "xuất siêu"),
    (r"(?:(?:monthly|quarterly|half-year|annual)\s+)?deficit(?=\s+of\b)", "nhập siêu"),
    (r"(?P<w>export|import)s?\s+(?:turnover|revenue|value)s?(?!\s+of\s+(?:\w+\s+)?"
     r"(?:goods|products|items))",
     lambda m: "xuất khẩu" if m["w"].lower() == "export" else "nhập khẩu"),
    (r"\bexports?\b|\bexported(?:\s+goods\s+worth)?", "xuất khẩu"),
    (r"\bimports?\b|\bimported(?:\s+goods\s+worth)?", "nhập khẩu"),
    # a ministry is no sector; farm goods are a group of goods, not the place's total
    (r"(?:the\s+)?agricultur(?:e|al)\s+ministry|(?:the\s+)?Ministry\s+of\s+Agriculture"
     r"(?:\s+and\s+Rural\s+Development)?|MARD", "Bộ Nông nghiệp"),
    (r"(?:farm|agricultural|agro)(?:,?\s+forestry)?(?:,?\s+(?:and\s+)?(?:fishery|fisheries|"
     r"aquatic))?\s+products", "nông sản"),
    (r"agricultur(?:e|al)(?:,?\s+(?:and\s+)?forestry)?(?:,?\s+(?:and\s+)?(?:fisheries|fishery|aquaculture))?"
     r"(?:\s+sector)?", "nông, lâm nghiệp và thủy sản"),
    (r"agro[-\s]forestry[-\s](?:and\s+)?(?:fishery|fisheries)(?:\s+sector)?",
     "nông, lâm nghiệp và thủy sản"),
    # the economy as a subject: the country's GDP, a province's or city's GRDP; its worth, the size
    (r"(?:the\s+)?(?:country's|national|Vietnamese)\s+economy", "GDP"),
    (r"(?:(?:the\s+)?(?:province's|city's|provincial|municipal)|its)\s+economy"
     r"(?=\s+(?:in\s+(?:19|20)\d{2}\s+)?(?:was|is|were)\s+(?:worth|valued))", "quy mô kinh tế"),
    (r"(?:the\s+)?(?:province's|city's|provincial|municipal)\s+economy", "kinh tế tỉnh"),
    (r"(?:the\s+)?economy(?=\s+(?:grew|expanded|rose|increased|gained|climbed|jumped|was\s+up|"
     r"posted|recorded|slowed|accelerated|contracted|shrank))", "nền kinh tế"),
    (r"(?:the\s+)?(?:industry|industrial)(?:\s+and|,|\s*-)\s*construction(?:\s+sectors?)?",
     "công nghiệp và xây dựng"),
    (r"(?:the\s+)?services?(?:\s+sector)?", "dịch vụ"),
    (r"product\s+taxes(?:\s+less\s+subsidies(?:\s+on\s+products)?)?", "thuế sản phẩm"),
    # "the FDI sector, crude oil included, exported …": one subject, the aside is no clause
    (r"(?:the\s+)?(?:FDI|foreign[-\s]invested)\s+(?:sector|firms|companies|enterprises|businesses)"
     r"(?:,\s*(?:including\s+crude\s+oil|crude\s+oil\s+included),)?", "khu vực FDI"),
    (r"foreign[-\s]invested|foreign\s+direct\s+investment|FDI", "khu vực FDI"),
    (r"domestic[-\s]invested|domestic\s+firms", "khu vực trong nước"),
    (r"per[-\s]capita", "bình quân đầu người"),
    (r"processing\s+and\s+manufacturing|manufacturing", "chế biến, chế tạo"),
    # "GRDP at constant prices", "total production value", "retail sales": not figures
    (r"at\s+(?:constant|comparative)\s+prices", "theo giá so sánh"),
    (r"(?:total\s+)?production\s+value", "giá trị sản xuất"),
    (r"retail\s+sales", "tổng mức bán lẻ"),
    # "the regular September meeting": a meeting's month dates no figure
    (r"(?:regular\s+)?" + _MONTH.format("m") + r"\s+(?:meeting|session)", "phiên họp thường kỳ"),
    # a ministry's name is no investment figure: "the Ministry of Planning and Investment reported"
    # national bodies: their reports are the country's figures when no province is named
    (r"(?:the\s+)?Ministry\s+of\s+Planning\s+and\s+Investment|MPI", "Bộ Kế hoạch"),
    (r"(?:the\s+)?Ministry\s+of\s+Industry\s+and\s+Trade|MoIT", "Bộ Công Thương"),
    (r"(?:the\s+)?General\s+Statistics\s+Office|GSO", "Tổng cục Thống kê"),
    (r"(?:the\s+)?General\s+Department\s+of\s+(?:Viet\s*Nam\s+|Vietnam(?:ese)?\s+)?Customs",
     "Tổng cục Hải quan"),
    (r"business\s+investment|investment", "vốn đầu tư"),
    (r"(?:State\s+)?budget(?:\s+(?:collection|revenue|surplus|deficit))?", "thu ngân sách"),
    (r"vehicles?", "phương tiện"),
    (r"tonnes?|tons?", "tấn"), (r"passengers?|visitors?|arrivals", "hành khách"),
    (r"(?:new\s+)?(?:export|import)\s+orders?", "đơn hàng"),
    # "the 10 percent target set by the National Assembly": the target's value, no plan share
    (r"(?:the|a|an|its|their)\s+(?P<v>\d[\d.,]*)\s*(?:%|per\s?cent|percent)\s+(?:growth\s+)?"
     r"(?:target|goal)", lambda m: f"mục tiêu {m['v']}%"),
    # "35 places higher than in 2021": the year compared with, no period of the figure
    (r"than\s+(?:in\s+)?(?P<y>(?:19|20)\d{2})", lambda m: f"so với năm {m['y']}"),
    (r"(?:raw\s+)?materials(?:\s+for\s+production)?|production\s+(?:materials|inputs)",
     "nguyên phụ liệu"),
    # goods and markets: a component, not the place's total
    (r"rice", "gạo"), (r"coffee", "cà phê"), (r"seafood|aquatic\s+products|shrimp", "thủy sản"),
    (r"textiles?(?:\s+and\s+garments?)?|garments?|apparel", "dệt may"),
    (r"footwear|shoes", "giày dép"), (r"wood(?:\s+and\s+wood(?:en)?\s+products)?|furniture", "gỗ"),
    (r"(?:mobile\s+)?phones?(?:\s+and\s+(?:their\s+)?(?:parts|components))?", "điện thoại"),
    (r"electronics?|computers?", "điện tử"), (r"fruits?(?:\s+and\s+vegetables)?|vegetables",
                                                "rau quả"),
    (r"cashew(?:\s+nuts?)?", "hạt điều"), (r"pepper", "hồ tiêu"), (r"rubber", "cao su"),
    (r"(?:iron\s+and\s+)?steel", "sắt thép"), (r"crude\s+oil", "dầu thô"),
    (r"machinery(?:\s+and\s+equipment)?", "máy móc"), (r"durians?", "sầu riêng"),
    (r"(?:to|from|with)\s+(?:the\s+)?(?:US(?!\s?\$)|United\s+States|China|EU|European\s+Union|Japan|"
     r"(?:Republic\s+of\s+)?Korea|ASEAN|Laos|Cambodia|Thailand)", "với các nước"),
    # estimates, targets, comparisons
    (r"(?:is|are|was|were)\s+estimated\s+at", "ước đạt"),
    (r"(?:is|are)\s+(?:estimated|expected|likely|forecast)\s+to(?:\s+have)?|"
     r"(?:an\s+)?estimated|estimates?|likely\s+to\s+have|could", "ước"),
    # an institution's forecast for a year: not a figure; a statistics office's "forecast" of a
    # period about to end is an estimate (extract._PLANNED_RE tells them apart by the period)
    (r"forecasts?\s+for", "dự báo"), (r"forecasts?|forecasted", "dự ước"),
    (r"to(?=\s+(?:more\s+than\s+|nearly\s+|about\s+|over\s+)?(?:US\s?\$|\$|VN[DĐ]|"
     r"\d[\d,.]*\s*(?:thousand|million|billion|trillion)\s*(?:USD|US\s?dollars?)))", "lên"),
    # "up 11.7% and 34.1% of the total": a share after the change
    (r"and(?=\s+\d[\d.,]*\s*(?:%|per\s?cent|percent)\s+of\s+(?:the\s+)?(?:total|national|"
     r"country))", "chiếm"),
    (r"and\s+(?P<w>imports|exports)(?=\s+\d[\d.,]*\s*(?:%|per\s?cent|percent)\s+to\b)",
     _elided_verb),
    (r"and(?=\s+(?:(?:over|more\s+than|nearly|almost|about|around)\s+)?(?:US\s?\$|\$)?\d[\d.,]*"
     r"\s*(?:%|percent|thousand|million|billion))", "và"),
    (r"by\s+an\s+estimated", "ước tăng"),
    (r"by(?=\s+(?:an\s+)?(?:estimated\s+)?(?:nearly\s+|about\s+|over\s+)?\d)", "tăng"),
    (r"(?:in|during|over)(?=\s+(?:the\s+)?(?:first|January|February|March|April|May|June|July|"
     r"August|September|October|November|December|(?:19|20)\d{2}|Q[1-4]|six|nine|three)\b)",
     "trong"),
    # "equal to 50.4 percent of the annual plan": a plan share
    (r"(?:equal|equivalent)\s+to(?=\s+\d[\d.,]*\s*(?:%|per\s?cent|percent)\s+of\s+the\s+"
     r"(?:annual|yearly|year's|full-year)\s+(?:plan|target))", "đạt"),
    (r"of\s+the\s+(?:annual|yearly|year's|full-year)\s+(?:plan|target)", "kế hoạch năm"),
    (r"(?:(?:making|made|make|makes)\s+up|account(?:s|ed|ing)?\s+for)(?=\s+(?:about\s+|nearly\s+|"
     r"over\s+|more\s+than\s+)?\d[\d.,]*\s*(?:%|per\s?cent|percent))", "chiếm"),
    (r"account(?:s|ed|ing)?\s+for", "đạt"),
    # "higher than the 5.1 percent growth of the same period last year": a compared rate,
    # a figure of that period
    (r"(?P<d>higher|faster|lower|slower)\s+than(?:\s+the)?(?=\s+\d[\d.,]*\s*(?:%|per\s?cent|"
     r"percent)\s+(?:growth|expansion|increase|rise)\b)",
     lambda m: ("cao" if m["d"].lower() in ("higher", "faster") else "thấp") + " hơn mức tăng"),
    # "after a rise of 10.5 percent in the same period last year": the compared rate
    (r"(?:after|following|against|compared\s+with)\s+(?:a|an)\s+(?:rise|increase|growth|"
     r"expansion|jump)\s+of", "so với mức tăng"),
    (r"(?:growth|expansion|increase|rise)\s+(?:of|in|for|recorded\s+in)(?=\s+(?:the\s+)?same\s+"
     r"period)", "của"),
    # "grew faster than the national GDP, such as …": the comparison names no figure
    (r"(?:faster|higher|slower|lower)\s+than\s+(?:the\s+)?national\s+(?:GDP|average)"
     r"(?:\s+growth)?", ""),
    # "31 import items each topped $1 billion": a group of goods
    (r"items", "mặt hàng"),
    (r"aim(?:s|ed|ing)?\s+(?:for|to|at)|striv(?:e|es|ing)\s+(?:for|to)|targets?|goal\s+of|"
     r"plans?\s+to|seek(?:s|ing)?\s+to", "mục tiêu"),
    # "exceeding its plan by 29 percent": 129% of the plan
    (r"(?:exceed(?:ing|ed|s)?|surpass(?:ing|ed|es)?|beat(?:ing|s)?)\s+(?:its|the)\s+"
     r"(?:annual\s+|yearly\s+|year's\s+)?(?:plan|target)\s+by\s+(?P<v>\d[\d.,]*)\s*"
     r"(?:%|per\s?cent|percent)", lambda m: f"vượt {m['v']}% kế hoạch"),
    # "7.2 percent more than a year earlier", "2.1% lower than a year earlier"
    (r"(?P<v>\d[\d.,]*)\s*(?:%|per\s?cent|percent)\s+(?P<d>more|higher|less|lower)\s+than\s+"
     r"(?:in\s+)?(?:a\s+year\s+(?:earlier|before|ago)|the\s+same\s+period\s+(?:of\s+)?last\s+year)",
     lambda m: ("tăng " if m["d"].lower() in ("more", "higher") else "giảm ")
     + f"{m['v']}% so với cùng kỳ"),
    # "edging up 28.2 percent against the 2023 figure", "up 17 percent against last year",
    # "compared with 2022's level": the year compared with, never the figure's own period
    (r"(?:against|compared\s+(?:with|to)|versus|vs\.?)\s+(?:the\s+)?(?P<y>(?:19|20)\d{2})"
     r"(?:'s)?(?:\s+(?:figure|level|result|number|total|reading))?(?!\s*[-–]\s*\d)",
     lambda m: f"so với năm {m['y']}"),
    (r"(?:against|compared\s+(?:with|to)|versus)\s+(?:the\s+)?(?:last\s+year|a\s+year\s+ago|"
     r"the\s+previous\s+year|the\s+year\s+before)(?:'s)?(?:\s+(?:figure|level|result))?",
     "so với năm ngoái"),
    (r"year[-\s]on[-\s]year|from\s+a\s+year\s+earlier|(?:over|on|against|compared\s+(?:with|to))"
     r"\s+the\s+same\s+period\s+(?:of\s+)?last\s+year", "so với cùng kỳ"),
    # "from January to March 2022": the months since January, not a change from January
    (r"from\s+January\s+(?:to|through|until)\s+" + _MONTH.format("m")
     + r"(?:\s+(?P<y>(?:19|20)\d{2}))?",
     lambda m: f"{_MONTHS.index(m['m'].lower()) + 1} tháng" + (f" năm {m['y']}" if m["y"] else "")),
    # "In July-September": a quarter's months
    (r"(?:from\s+|between\s+)?(?P<a>April|July|October)\s*(?:[–-]|to|and|through)\s*"
     r"(?P<b>June|September|December)(?:\s+(?P<y>(?:19|20)\d{2}))?",
     lambda m: f"từ tháng {_MONTHS.index(m['a'].lower()) + 1} đến tháng "
               f"{_MONTHS.index(m['b'].lower()) + 1}" + (f"/{m['y']}" if m["y"] else "")),
    # "41.6 percent higher than in February", "up 36.5 percent from February": against the
    # month before; "27.7 percent from March 2020": against that month a year earlier
    (r"(?:than\s+(?:in\s+)?|from\s+|over\s+|on\s+)" + _MONTH.format("m")
     + r"\s+(?P<y>(?:19|20)\d{2})", lambda m: f"so với tháng {_MONTHS.index(m['m'].lower()) + 1}"
     f"/{m['y']}"),
    (r"(?:than\s+(?:in\s+)?|from\s+|over\s+|on\s+)" + _MONTH.format("m")
     + r"(?=\s*[,.;]|\s+and\b|\s+while\b)", "so với tháng trước"),
    (r"month[-\s]on[-\s]month|from\s+the\s+previous\s+month|"
     r"from\s+(?:January|February|March|April|May|June|July|August|September|October|November|"
     r"December)(?=\s+to\b)", "so với tháng trước"),
    (r"an\s+annual\s+(?:increase|rise|growth)\s+of", "tăng"),
    (r"an\s+annual\s+(?:decrease|decline|fall)\s+of", "giảm"),
    (r"respectively", ""),
    # "A and B with growth of 10.9% and 9.9% respectively": the Vietnamese list word first
    (r"with(?=[^.;%]{0,60}?\d[\d.]*\s*(?:%|percent)(?:[^.;]|\.\d){0,40}\brespectively\b)",
     "lần lượt"),
    (r"of\s+which|including", "trong đó"),
    # rankings: "remained in the lead with …", "followed by Bac Ninh with …", "joined that group
    # with …"
    (r"(?:remained|was|stayed|stood)\s+(?:in\s+the\s+lead|first|on\s+top)\s+with|led\s+(?:the\s+"
     r"(?:list|country|ranking|table)\s+)?with|topped\s+the\s+(?:list|ranking|table)\s+with",
     "dẫn đầu với"),
    (r"followed\s+by", "theo sau là"),
    (r"joined\s+(?:that|the|this)\s+(?:group|club)\s+with", "đạt"),
    # "fell to $6.951 billion from $7.362 billion in the first quarter of last year": the level
    # reached, then the level it is compared with (and the period after is that one's)
    (r"from(?=\s+(?:more\s+than\s+|nearly\s+|about\s+|over\s+|almost\s+)?(?:US\s?\$|\$|\d[\d.,]*"
     r"\s*(?:thousand|million|billion|trillion)\s*(?:USD|US\s?dollars?)))", "từ mức"),
    (r"(?P<d>fell|dropped|declined|decreased|slipped|rose|climbed|increased|grew)\s+to(?=\s+"
     r"(?:more\s+than\s+|nearly\s+|about\s+|over\s+|almost\s+)?(?:US\s?\$|\$|\d[\d.,]*\s*"
     r"(?:thousand|million|billion|trillion)))",
     lambda m: "giảm xuống" if m["d"].lower() in ("fell", "dropped", "declined", "decreased",
                                                  "slipped") else "tăng lên"),
    # "the A, B and C sectors inched up 2.98, 6.28 and 6.12 percent, respectively": in turn
    (r"(?:inched|edged|went|moved)\s+up|(?:grew|rose|expanded|increased|climbed)(?:\s+by)?"
     r"(?=[^.;]{0,160}\brespectively\b)", "lần lượt tăng"),
    # verbs
    (r"(?:inched|edged|went|moved)\s+up(?:\s+by)?|"
     r"(?:growth|expansion)(?:\s+rates?)?\s+(?:of|at)|(?:jump|rise|increase|surge|gain)\s+of|"
     r"(?:slowed|eased|accelerated|picked\s+up|edged\s+up)\s+to|(?:grew|grow|grows|growing|expanded|"
     r"expand|rose|rise|risen|rising|grown|increased|increase|climbed|jumped|surged|up)(?:\s+by)?",
     "tăng"),
    (r"growth(?!\s+(?:target|forecast|goal|plan))", "tăng trưởng"),
    (r"negative\s+growth\s+of|(?:grew|growth)\s+(?:of\s+)?(?:minus|negative)", "giảm"),
    (r"(?:decline|drop|fall|decrease|contraction)\s+of|"
     r"(?:down|fell|fall|declined|decreased|shrank|contracted|dropped)(?:\s+by)?", "giảm"),
    (r"reached|topped|hit|totall?ed|stood\s+at|amounted\s+to|amount\s+to|(?:were|was)\s+worth|"
     r"worth|earned|posted|came\s+to|came\s+in\s+at|(?:were|was)\s+valued\s+at", "đạt"),
    (r"(?:exceeded)(?=\s+(?:US\s?\$|\$|\d))", "đạt hơn"),
    # "February exports were 21.4 billion USD": the verb "to be" before an amount
    (r"(?:were|was|are|is)(?=\s+(?:over\s+|nearly\s+|about\s+|more\s+than\s+|almost\s+)?"
     r"(?:US\s?\$|\$|\d[\d.,]*\s*(?:thousand|million|billion|trillion)))", "đạt"),
    # periods
    # half a month: "the first half of January 2026", "the second half of June"
    (r"(?:the\s+)?(?P<h>first|second)\s+half\s+of\s+" + _MONTH.format("m")
     + r"(?:\s+(?P<y>(?:19|20)\d{2}))?",
     lambda m: f"nửa {'đầu' if m['h'].lower() == 'first' else 'cuối'} tháng "
               f"{_MONTHS.index(m['m'].lower()) + 1}" + (f"/{m['y']}" if m["y"] else "")),
    # days of one month: "from June 16 to 30"
    (r"(?:from\s+)?" + _MONTH.format("m") + r"\s+(?P<d1>\d{1,2})\s*(?:to|-|–)\s*(?P<d2>\d{1,2})"
     r"(?!\d)",
     lambda m: f"từ ngày {m['d1']}/{_MONTHS.index(m['m'].lower()) + 1} đến ngày "
               f"{m['d2']}/{_MONTHS.index(m['m'].lower()) + 1}"),
    (r"(?:the\s+)?first\s+(?:half|six\s+months)\s+of\s+(?:this|the)\s+year",
     "6 tháng đầu năm nay"),
    (r"(?:the\s+)?first\s+(?P<n>half|six|nine|three|two|four|five|seven|eight|ten|eleven|"
     r"1[01]|[2-9])(?:\s+months)?(?:\s+of\s+(?:(?P<y>(?:19|20)\d{2})|(?P<this>this|the\s+current)"
     r"\s+year))?",
     lambda m: f"{6 if m['n'].lower() == 'half' else _N.get(m['n'].lower(), m['n'])} tháng đầu "
               "năm" + (f" {m['y']}" if m["y"] else " nay" if m["this"] else "")),

    (r"(?:the\s+)?(?P<n>six|nine|three|two|four|five|seven|eight|ten|eleven)\s+months"
     r"(?:\s+of\s+(?:(?P<y>(?:19|20)\d{2})|(?P<this>this|the\s+current)\s+year))?",
     lambda m: f"{_N[m['n'].lower()]} tháng"
               + (f" năm {m['y']}" if m["y"] else " năm nay" if m["this"] else "")),
    (r"(?:the\s+)?(?:period\s+)?(?:between\s+)?January\s*(?:[–-]|and|to)\s*"
     + _MONTH.format("m") + r"(?:\s+(?P<y>(?:19|20)\d{2}))?(?:\s+period)?",
     lambda m: f"{_MONTHS.index(m['m'].lower()) + 1} tháng"
               + (f" năm {m['y']}" if m["y"] else "")),
    # "by the end of February": the year to that month's end
    (r"(?:by|as\s+of|through|until)\s+(?:the\s+)?end\s+of\s+" + _MONTH.format("m")
     + r"(?:\s+(?P<y>(?:19|20)\d{2}))?",
     lambda m: f"tính đến hết tháng {_MONTHS.index(m['m'].lower()) + 1}"
               + (f"/{m['y']}" if m["y"] else "")),
    # "by mid-April": the year to the month's 15th
    (r"(?:by|as\s+of|until|to)\s+mid-" + _MONTH.format("m"),
     lambda m: f"tính đến ngày 15/{_MONTHS.index(m['m'].lower()) + 1}"),
    # "as of July 2", "in the period to April 15": the year to that day
    (r"(?:(?:in\s+the\s+(?:period|year)\s+)?(?:to|through)|as\s+of|up\s+to|until)\s+"
     + _MONTH.format("m") + r"\s+(?P<d>\d{1,2})(?!\d)"
     r"(?:,?\s+(?P<y>(?:19|20)\d{2}))?",
     lambda m: f"tính đến ngày {m['d']}/{_MONTHS.index(m['m'].lower()) + 1}"
               + (f"/{m['y']}" if m["y"] else "")),
    # "Hau Giang with 12.67%": a place and its rate in a run
    (r"with(?=\s+(?:nearly\s+|about\s+|over\s+)?\d[\d.,]*\s*(?:%|per\s?cent|percent))", "tăng"),
    (r"between\s+" + _MONTH.format("m1") + r"\s+(?P<d1>\d{1,2})\s+and\s+" + _MONTH.format("m2")
     + r"\s+(?P<d2>\d{1,2})",
     lambda m: f"từ ngày {m['d1']}/{_MONTHS.index(m['m1'].lower()) + 1} đến ngày "
               f"{m['d2']}/{_MONTHS.index(m['m2'].lower()) + 1}"),
    (r"in\s+the\s+(?P<q>first|second|third|fourth)(?=\s*(?:and\b|[,.;]))", _nth_quarter),
    (r"(?:the\s+)?(?P<q>first|second|third|fourth)[\s-]quarter(?:(?P<this>\s+of\s+this\s+year)|"
     r"(?P<last>\s+of\s+last\s+year))?|\bQ(?P<n>[1-4])\b",
     lambda m: "quý " + ("I", "II", "III", "IV")[
         int(m["n"]) - 1 if m["n"] else ("first", "second", "third", "fourth").index(
             m["q"].lower())] + (" năm nay" if m["this"] else " năm ngoái" if m["last"] else "")),
    (_MONTH.format("m") + r"(?:\s+(?P<y>(?:19|20)\d{2}))?(?!\s+\d)",
     lambda m: f"tháng {_MONTHS.index(m['m'].lower()) + 1}" + (f"/{m['y']}" if m["y"] else "")),
    (r"(?:compared\s+(?:to|with)\s+|over\s+|from\s+)the\s+same\s+period\s+(?:in|of)\s+"
     r"(?P<y>(?:19|20)\d{2})", lambda m: f"so với cùng kỳ năm {m['y']}"),
    (r"(?:the\s+)?same\s+period\s+last\s+year", "cùng kỳ năm trước"),
    (r"(?:for\s+)?(?:the\s+whole\s+of|the\s+full\s+year(?:\s+of)?)\s+(?P<y>(?:19|20)\d{2})|"
     r"(?<=in\s)(?P<y2>(?:19|20)\d{2})",
     lambda m: f"năm {m['y'] or m['y2']}"),
    # "a spectacular 2022, when its growth reached …": the year as a noun
    (r"(?P<y>(?:19|20)\d{2}),?\s+when", lambda m: f"năm {m['y']}, khi"),
    (r"this\s+year", "năm nay"), (r"last\s+year", "năm ngoái"),
    # "came second nationwide with $8 billion": a place's rank, the figure is the place's
    (r"(?:came|ranked|was|placed|stood)\s+(?P<r>first|second|third|fourth|fifth)\s+"
     r"(?:nationwide|in\s+the\s+country)",
     lambda m: "đứng thứ " + {"first": "nhất", "second": "hai", "third": "ba", "fourth": "tư",
                              "fifth": "năm"}[m["r"].lower()] + " cả nước"),
    (r"nationwide|the\s+whole\s+country|the\s+country(?:'s)?(?=\s+(?:exports?|imports?|"
     r"(?:total\s+)?(?:trade|import|export|GDP)))", "cả nước"),
    (r"(?:the\s+)?(?:province|city)\s+of(?=\s)", "tỉnh"),
]


def _fold(s: str) -> str:
    """Diacritics off: "Hậu Giang" -> "Hau Giang"."""
    s = s.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


def _place_rows() -> list[tuple[str, str | Callable[[re.Match[str]], str]]]:
    """Province and gate names as English reports spell them (no diacritics)."""
    rows: list[tuple[str, str | Callable[[re.Match[str]], str]]] = [
        (r"Ho\s+Chi\s+Minh\s+City|HCM\s+City|HCMC", "TP. Hồ Chí Minh"),
        (r"Ha\s*noi", "Hà Nội"), (r"Viet\s*Nam(?:'s)?", "Việt Nam"),
        (r"Ba\s+Ria\s*-\s*Vung\s+Tau", "Bà Rịa - Vũng Tàu"),
        (r"Thua\s+Thien\s*-?\s*Hue", "Thừa Thiên Huế"),
    ]
    # "the Mong Cai border gate", "the Móng Cái International Border Gate"
    for gate in BORDER_GATES:
        for spelling in {_fold(gate), gate}:
            pat = r"\s+".join(map(re.escape, spelling.split()))
            rows.append((r"(?:the\s+)?" + pat + r"(?:\s+international)?(?:\s+border)?\s+gates?",
                         "cửa khẩu " + gate))
    for name in sorted(PROVINCES, key=len, reverse=True):
        if name != _fold(name):
            rows.append((r"\s+".join(map(re.escape, _fold(name).split())), name))
    return rows


_ALL = _place_rows() + _PHRASES
_NAMED_RE = re.compile(r"\(\?P<\w+>")
# the word-start test once, before the alternatives: most positions fail it, and then none of
# the 240 alternatives is tried (three times faster than the test in each alternative)
_RE = re.compile(r"(?<![\w$])(?:" + "|".join(
    rf"(?P<p{i}>(?:{_NAMED_RE.sub('(?:', p)})(?!\w))" for i, (p, _r) in enumerate(_ALL)) + ")",
    re.IGNORECASE)
_GROUP = {f"p{i}": r for i, (_p, r) in enumerate(_ALL)}


def is_english(text: str) -> bool:
    """Whether a text is written in English: its common function words dominate."""
    if len(text.encode("utf-8", "surrogatepass")) - len(text) > 0.08 * len(text):
        return False  # fast path: Vietnamese has a marked (multi-byte) letter in most words
    words = re.findall(r"[^\W\d_]+", text)
    marked = sum(1 for w in words if not w.isascii())  # Vietnamese: most words carry a mark
    return len(words) >= 8 and marked < 0.2 * len(words) and \
        len(_ENGLISH_RE.findall(text)) >= max(2, 0.04 * len(words))


def to_vietnamese(text: str) -> tuple[str, list[int]]:
    """The text with its reporting phrases in Vietnamese, and for every offset of the result
    (and its end) the offset in text it comes from."""
    out: list[str] = []
    back: list[int] = []
    pos = 0
    for m in _RE.finditer(text):
        out.append(text[pos:m.start()])
        back.extend(range(pos, m.start()))
        rep = _GROUP[m.lastgroup or ""]
        inner = _sub_match(text, m) if callable(rep) else None
        if callable(rep) and inner is None:  # cannot read its parts: leave the phrase as written
            out.append(m.group(0))
            back.extend(range(m.start(), m.end()))
            pos = m.end()
            continue
        new = rep(inner) if callable(rep) else rep
        if new[:1].islower() and m.group(0)[:1].isupper() and _opens_sentence(text, m.start()):
            new = new[0].upper() + new[1:]  # a sentence's first word stays one (sentences.py)
        out.append(new)
        back.extend([m.start()] * len(new))
        pos = m.end()
    out.append(text[pos:])
    back.extend(range(pos, len(text) + 1))
    return "".join(out), back


def _opens_sentence(text: str, pos: int) -> bool:
    """Whether pos starts a sentence: the text's start, or after a full stop or a line break."""
    before = text[max(0, pos - 3):pos].rstrip(" ")
    return pos == 0 or not before or before[-1] in ".!?\n"


def _sub_match(text: str, m: re.Match[str]) -> re.Match[str] | None:
    """The match of the one phrase that matched, for its named groups (None if it differs)."""
    name = m.lastgroup or ""
    pat = _ALL[int(name[1:])][0]
    # matched again where it stands, as in _RE (a phrase may look ahead past its end)
    inner = re.compile(rf"(?:{pat})(?!\w)", re.IGNORECASE).match(text, m.start())
    return inner if inner is not None and inner.end() == m.end() else None
