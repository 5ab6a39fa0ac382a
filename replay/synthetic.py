"""Generated articles for benchmarks: deterministic by (seed, index), 2019-2024, each stating a
few figures in varied phrasings amid ordinary prose. Pages are rendered per request (heavy
furniture, ~100 KB); only the story text and its labels are kept in memory."""

from __future__ import annotations

import random
import sys
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any

from replay.corpus import parse_period as _parse_period
from replay.model import VN_TZ, ReplayArticle, article_path, slugify

FIRST_ID = 1_000_000
START = datetime(2019, 1, 1, 6, 0, tzinfo=VN_TZ)
SPAN_MINUTES = int((datetime(2024, 12, 31, 22, 0, tzinfo=VN_TZ) - START).total_seconds() // 60)
TIN_EVERY = 5  # every fifth generated article goes to the "tin" site
# (region, how the text names it, typical yearly trade in million USD)
REGIONS = (
    ("Lạng Sơn", "tỉnh Lạng Sơn", 40000), ("Quảng Ninh", "tỉnh Quảng Ninh", 9000),
    ("Lào Cai", "tỉnh Lào Cai", 2500), ("Cao Bằng", "tỉnh Cao Bằng", 1000),
    ("Hà Giang", "tỉnh Hà Giang", 400), ("Điện Biên", "tỉnh Điện Biên", 150),
    ("An Giang", "tỉnh An Giang", 1500), ("Tây Ninh", "tỉnh Tây Ninh", 10000),
    ("Bắc Ninh", "tỉnh Bắc Ninh", 80000), ("Hải Phòng", "thành phố Hải Phòng", 45000),
    ("Đồng Nai", "tỉnh Đồng Nai", 43000), ("Bình Dương", "tỉnh Bình Dương", 55000),
    ("Long An", "tỉnh Long An", 12000), ("Nghệ An", "tỉnh Nghệ An", 3000),
    ("Thanh Hóa", "tỉnh Thanh Hóa", 9000), ("Đà Nẵng", "thành phố Đà Nẵng", 3500),
)
parse_period = cache(_parse_period)  # a few hundred distinct periods among thousands of labels
QUARTER_NAMES = ("I", "II", "III", "IV")
AUTHORS = ("Minh Khôi", "Đỗ Linh", "Thu Trang", "Hoàng Anh", "Lê Quân", "Ngọc Hà", "Trần Nhật")
FILLER = (
    "Lãnh đạo {where} yêu cầu các sở, ngành tập trung tháo gỡ khó khăn cho doanh nghiệp, "
    "đẩy nhanh cải cách thủ tục hành chính và nâng cao năng lực cạnh tranh cấp tỉnh.",
    "Nhiều doanh nghiệp cho biết chi phí logistics vẫn ở mức cao, trung bình khoảng "
    "{n} triệu đồng cho mỗi chuyến xe container từ nhà máy ra cảng.",
    "Lượng phương tiện chở hàng qua các cửa khẩu dao động từ {n}00 đến {m}00 lượt mỗi ngày, "
    "tập trung vào các mặt hàng nông sản và linh kiện điện tử.",
    "Giá thu mua nông sản tại vườn có thời điểm đạt {n}.000 đồng/kg, giúp người dân phấn khởi.",
    "Tỉnh đặt mục tiêu tăng trưởng kinh tế từ {n} đến {m}% trong năm tới, đồng thời tiếp tục "
    "cải thiện môi trường đầu tư kinh doanh.",
    "Công tác giải ngân vốn đầu tư công được chỉ đạo quyết liệt, với kế hoạch vốn khoảng "
    "{n}.{m}00 tỷ đồng dành cho các dự án giao thông kết nối.",
    "Ngành hải quan tiếp tục triển khai thông quan điện tử, rút ngắn thời gian làm thủ tục cho "
    "mỗi tờ khai xuống còn vài chục phút.",
    "Các chuyên gia nhận định, đơn hàng từ thị trường Hoa Kỳ và châu Âu đang có dấu hiệu "
    "phục hồi, song doanh nghiệp cần thận trọng trước biến động tỷ giá.",
    "Thu hút đầu tư nước ngoài tiếp tục là điểm sáng khi nhiều dự án mới được cấp phép với "
    "tổng vốn hơn {n}00 triệu USD.",
    "Sản lượng hàng hóa thông qua các bến cảng trên địa bàn đạt khoảng {n} triệu tấn, "
    "chủ yếu là hàng container và hàng rời.",
    "Để hỗ trợ tiêu thụ nông sản, {where} đã tổ chức nhiều hội nghị xúc tiến thương mại, "
    "kết nối doanh nghiệp trong nước với các nhà nhập khẩu.",
    "Thu ngân sách nhà nước trên địa bàn ước đạt khoảng {n}.{m}00 tỷ đồng, tăng khá so với "
    "dự toán được giao đầu năm.",
)
HEADLINES = (
    "{region}: {period_cap}, kim ngạch xuất nhập khẩu đạt {short}",
    "{region}: Xuất nhập khẩu {period} tăng trưởng khả quan",
    "Kinh tế {region} {period}: nhiều tín hiệu tích cực",
    "{region} công bố số liệu thương mại {period}",
    "{region}: Thương mại {period} {trend}",
    "Toàn cảnh kinh tế {region} {period}",
)


def vn_number(value: float, decimals: int) -> str:
    """1234.5 -> '1.234,5': Vietnamese separators; no trailing decimal zeros ('5,0' -> '5')."""
    text = f"{value:,.{decimals}f}"
    if decimals:
        text = text.rstrip("0").rstrip(".")
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def _period(rng: random.Random, published: datetime) -> tuple[str, str]:
    """A period that ended before publication: (corpus shorthand, how the text says it)."""
    y, m = published.year, published.month
    if m == 1:
        return (f"{y - 1}", f"năm {y - 1}") if rng.random() < 0.7 else (
            f"T12/{y - 1}", f"tháng 12/{y - 1}")
    done = m - 1
    roll = rng.random()
    if roll < 0.25 or done == 1:  # nobody writes "1 tháng đầu năm"
        return f"T{done}/{y}", f"tháng {done}/{y}"
    if done % 3 == 0 and roll < 0.5:
        q = done // 3
        return f"Q{q}/{y}", f"quý {QUARTER_NAMES[q - 1]}/{y}"
    if done == 6:
        return f"H1/{y}", rng.choice((f"6 tháng đầu năm {y}", f"nửa đầu năm {y}"))
    return f"{done}T/{y}", rng.choice((f"{done} tháng đầu năm {y}", f"{done} tháng năm {y}"))


def _fig(region: str, indicator: str, metric: str, value: float, period: str,
         estimate: bool) -> dict[str, Any]:
    start, end = parse_period(period)
    return {"region": region, "indicator": indicator, "scope": "all", "metric": metric,
            "value": value, "unit": "USD" if metric == "level" else "%",
            "period_start": _iso(start), "period_end": _iso(end), "estimate": estimate}


def _iso(d: date) -> str:
    return sys.intern(d.isoformat())  # thousands of labels share a few hundred dates


def _money(rng: random.Random, million: float) -> tuple[float, str]:
    """A level in USD and how the text writes it (triệu or tỷ USD)."""
    if million >= 1000 and rng.random() < 0.4:
        billions = round(million / 1000, 2)
        return round(billions * 1e9), f"{vn_number(billions, 2)} tỷ USD"
    million = round(million, 1)
    return round(million * 1e6), f"{vn_number(million, 1)} triệu USD"


def _change(pct: float) -> str:
    return f"tăng {vn_number(pct, 1)}%" if pct >= 0 else f"giảm {vn_number(-pct, 1)}%"


def _trade_paragraph(rng: random.Random, region: tuple[str, str, int], period: str,
                     said: str) -> tuple[str, list[dict[str, Any]], str]:
    name, where, yearly = region
    start, end = parse_period(period)
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    total_m = yearly * months / 12 * rng.uniform(0.7, 1.3)
    exp_share = rng.uniform(0.35, 0.65)
    est = rng.random() < 0.3
    verb = "ước đạt" if est else "đạt"
    total, total_s = _money(rng, total_m)
    yoy = round(rng.uniform(-15, 45), 1)
    exp_v, exp_s = _money(rng, total_m * exp_share)
    imp_v, imp_s = _money(rng, total_m * (1 - exp_share))
    exp_yoy = round(rng.uniform(-20, 50), 1)
    figs = [_fig(name, "trade_total", "level", total, period, est),
            _fig(name, "trade_total", "yoy_pct", yoy, period, est)]
    style = rng.randrange(3)
    if style == 0:
        text = (f"Theo số liệu của Sở Công Thương, {said} tổng kim ngạch xuất nhập khẩu của "
                f"{where} {verb} {total_s}, {_change(yoy)} so với cùng kỳ năm trước.")
    elif style == 1:
        text = (f"Tính chung {said}, tổng trị giá xuất nhập khẩu hàng hóa trên địa bàn {verb} "
                f"{total_s}, bằng {vn_number(100 + yoy, 1)}% so với cùng kỳ.")
    else:
        text = (f"Kim ngạch xuất nhập khẩu {said} của {where} {verb} {total_s}, "
                f"{_change(yoy)}.")
    text += (f" Trong đó, xuất khẩu {verb} {exp_s}, {_change(exp_yoy)}; nhập khẩu {verb} "
             f"{imp_s}.")
    figs += [_fig(name, "export", "level", exp_v, period, est),
             _fig(name, "export", "yoy_pct", exp_yoy, period, est),
             _fig(name, "import", "level", imp_v, period, est)]
    return text, figs, total_s


def _grdp_paragraph(rng: random.Random, region: tuple[str, str, int], period: str,
                    said: str) -> tuple[str, list[dict[str, Any]]]:
    name, where, _ = region
    vals = [round(rng.uniform(-2, 12), 2) for _ in range(4)]
    est = rng.random() < 0.5
    text = (f"Tổng sản phẩm trên địa bàn (GRDP) {said} của {where} "
            f"{'ước ' if est else ''}{_change(vals[0])} so với cùng kỳ, trong đó khu vực nông, "
            f"lâm nghiệp và thủy sản {_change(vals[1])}; khu vực công nghiệp và xây dựng "
            f"{_change(vals[2])}; khu vực dịch vụ {_change(vals[3])}.")
    inds = ("grdp", "grdp_agriculture", "grdp_industry_construction", "grdp_services")
    return text, [_fig(name, i, "yoy_pct", round(v, 1), period, est)
                  for i, v in zip(inds, vals, strict=True)]


def _filler(rng: random.Random, where: str, count: int) -> list[str]:
    picks = rng.sample(FILLER, count)
    return [p.format(where=where, n=rng.randrange(2, 9), m=rng.randrange(3, 9)) for p in picks]


def synthetic_article(index: int, seed: int = 0) -> ReplayArticle:
    """The generated article number `index` for `seed` (the same every time)."""
    rng = random.Random(f"{seed}:{index}")
    published = START + timedelta(minutes=rng.randrange(SPAN_MINUTES))
    region = rng.choice(REGIONS)
    period, said = _period(rng, published)
    trade, figs, total_s = _trade_paragraph(rng, region, period, said)
    paragraphs = [trade, *_filler(rng, region[1], 2)]
    start, end = parse_period(period)
    if end.month % 3 == 0 and end.month > start.month and rng.random() < 0.5:  # GRDP: quarterly
        grdp, more = _grdp_paragraph(rng, region, period, said)
        paragraphs.insert(1, grdp)
        figs += more
    paragraphs += _filler(rng, region[1], 2)
    art_id = FIRST_ID + index
    site = "tin" if index % TIN_EVERY == TIN_EVERY - 1 else "kdpt"
    title = rng.choice(HEADLINES).format(
        region=region[0], period=said, period_cap=said[0].upper() + said[1:],
        short=total_s,
        trend=rng.choice(("khởi sắc", "chững lại", "tăng tốc", "phục hồi")))
    slug = slugify(title) + f"-{index}" * (site == "tin")  # keep tin paths unique
    sapo = (f"Hoạt động kinh tế của {region[1]} {said} có nhiều chuyển biến, "
            "trong đó thương mại tiếp tục giữ vai trò động lực.")
    return ReplayArticle(
        id=art_id, site=site, category=rng.choice(("kinh-te", "dia-phuong")) if site == "kdpt"
        else "kinh-te", published=published, title=title,
        sapo=f"(KDPT) - {sapo}" if site == "kdpt" else sapo, paragraphs=tuple(paragraphs),
        author=rng.choice(AUTHORS), slug=slug, path=article_path(site, art_id, slug, published),
        expected=tuple(figs), synthetic=True, meta="jsonld" if rng.random() < 0.3 else "full")


def generate(count: int, seed: int = 0) -> list[ReplayArticle]:
    """`count` generated articles, the same for the same seed."""
    return [synthetic_article(i, seed) for i in range(count)]
