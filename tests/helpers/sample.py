"""Hand-built batches for tests, data tests and bench/bench_warehouse.py (no network, no
extractor)."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

from extractors.model import Article, Check, Figure, Page
from warehouse.batch import Batch, ExtractedArticle, Failure

H1 = date(2024, 1, 1), date(2024, 6, 13)
VERSION = "sample-1"

_BODY = (
    "Theo báo cáo của UBND tỉnh Lạng Sơn, tính đến ngày 13/6/2024 tổng kim ngạch xuất nhập khẩu "
    "hàng hóa qua các cửa khẩu trên địa bàn tỉnh đạt 25.244,56 triệu USD, tăng 37,28% so với cùng "
    "kỳ năm trước. Trong đó kim ngạch hàng hóa mở tờ khai tại Cục Hải quan tỉnh Lạng Sơn ước đạt "
    "2.720 triệu USD, tăng 20,8% so với cùng kỳ, đạt 53,3% kế hoạch năm. Xuất khẩu ước đạt 1.300 "
    "triệu USD, đạt 43,3% kế hoạch, tăng 3,3%; nhập khẩu ước đạt 1.420 triệu USD, đạt 67,6% kế "
    "hoạch, tăng 43,1%. Hoạt động thông quan tại cửa khẩu Hữu Nghị và Tân Thanh diễn ra thông "
    "suốt, lượng phương tiện qua lại ổn định, các lực lượng chức năng phối hợp chặt chẽ."
)


def fig(indicator: str, value: float, *, scope: str = "all", metric: str = "level",
        period: tuple[date, date] = H1, estimate: bool = False, region: str = "Lạng Sơn",
        start: int = 0, sentence: str = "") -> Figure:
    """A Figure with defaults for the seed article's series."""
    unit = "%" if metric != "level" else ("VND" if indicator.startswith("grdp") else "USD")
    return Figure(region=region, indicator=indicator, scope=scope, metric=metric, value=value,
                  unit=unit, period_start=period[0], period_end=period[1], estimate=estimate,
                  sentence=sentence or f"{indicator} {value}", start=start, end=start + 10)


def seed_figures(customs_total: float = 2_720_000_000, estimate: bool = True) -> tuple:
    """Some figures of the seed article (the customs totals are estimates there)."""
    return (
        fig("trade_total", 25_244_560_000, start=100),
        fig("trade_total", 37.28, metric="yoy_pct", start=140),
        fig("trade_total", customs_total, scope="customs_declared", estimate=estimate, start=260),
        fig("export", 1_300_000_000, scope="customs_declared", estimate=estimate, start=380),
        fig("import", 1_420_000_000, scope="customs_declared", estimate=estimate, start=450),
    )


def article(url: str, text: str, published: datetime, *, source: str = "kdpt",
            title: str = "Lạng Sơn: kim ngạch xuất nhập khẩu tăng mạnh") -> Article:
    """An Article with a title and text."""
    return Article(url=url, source=source, title=title, published=published, text=text)


def page(url: str, body: str, fetched: datetime, status: int = 200) -> Page:
    """A fetched Page with validators in its headers."""
    headers = {"content-type": "text/html; charset=utf-8", "etag": f'"{abs(hash(url))}"'}
    return Page(url=url, final_url=url, status=status, headers=headers,
                body=f"<html><body><p>{body}</p></body></html>".encode(), fetched_at=fetched,
                text=body, encoding="utf-8")


def _tz(y: int, m: int, d: int, h: int = 10) -> datetime:
    return datetime(y, m, d, h, tzinfo=UTC)


def first_batch(run_id: str = "run-1") -> Batch:
    """The seed story, a syndicated copy, an exact copy, a figure-less article and failures."""
    checks = (Check("components_vs_total", "ok", "export + import = total", (2, 3, 4)),)
    syndicated = "Lạng Sơn đẩy mạnh thông quan hàng hóa nửa đầu năm. " + _BODY
    items = [
        ("https://kdpt.vn/lang-son-xnk-6-thang", _BODY, _tz(2024, 6, 27), seed_figures(), checks),
        ("https://other.vn/syndicated-lang-son", syndicated, _tz(2024, 6, 28), seed_figures(), ()),
        ("https://kdpt.vn/lang-son-xnk-6-thang-copy", _BODY, _tz(2024, 6, 29), seed_figures(), ()),
        ("https://kdpt.vn/hoi-nghi", "Hội nghị bàn về phát triển du lịch cộng đồng tại vùng "
         "cao, không có số liệu thương mại nào trong bài viết này cả.", _tz(2024, 6, 27), (), ()),
    ]
    fetched = _tz(2024, 6, 30)
    batch = Batch(run_id=run_id, source="kdpt", at=fetched)
    for url, text, published, figures, cks in items:
        batch.pages.append(page(url, text, fetched))
        batch.articles.append(ExtractedArticle(article(url, text, published), figures, cks,
                                               VERSION))
    batch.failures += [
        Failure("https://kdpt.vn/missing", "kdpt", "fetch", "HTTP 404", 404, False, fetched),
        Failure("https://kdpt.vn/flaky", "kdpt", "fetch", "HTTP 503", 503, True, fetched),
    ]
    return batch


def revision_batch(run_id: str = "run-2") -> Batch:
    """A later article stating the final customs total (the estimate revised)."""
    url = "https://kdpt.vn/lang-son-so-lieu-chinh-thuc"
    text = ("Số liệu chính thức của Cục Hải quan tỉnh Lạng Sơn cho thấy kim ngạch hàng hóa mở "
            "tờ khai đạt 2.750 triệu USD trong nửa đầu năm, cao hơn số ước tính trước đó, "
            "theo thống kê công bố vào đầu tháng bảy năm 2024 tại hội nghị sơ kết.")
    fetched = _tz(2024, 7, 6)
    figures = (fig("trade_total", 2_750_000_000, scope="customs_declared", start=120),)
    batch = Batch(run_id=run_id, source="kdpt", at=fetched, pages=[page(url, text, fetched)])
    batch.articles.append(ExtractedArticle(article(url, text, _tz(2024, 7, 5)), figures, (),
                                           VERSION))
    return batch


_WORDS = ("kim ngạch xuất khẩu nhập khẩu hàng hóa cửa khẩu tỉnh tăng giảm so với cùng kỳ năm "
          "trước đạt kế hoạch ước tính doanh nghiệp thông quan phương tiện nông sản trái cây "
          "thanh long sầu riêng biên giới hải quan").split()
REGIONS = ("Lạng Sơn", "Quảng Ninh", "Lào Cai", "Cao Bằng", "Hà Giang", "Hồ Chí Minh", "Hà Nội",
           "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Bắc Ninh", "Bình Dương", "Đồng Nai", "Tây Ninh",
           "An Giang", "Nghệ An", "Thanh Hóa", "Khánh Hòa", "Long An", "Việt Nam")
INDICATORS = ("trade_total", "export", "import", "trade_balance", "grdp")
SCOPES = ("all", "customs_declared", "local_goods", "border_gate:Hữu Nghị")
METRICS = ("level", "yoy_pct", "plan_pct")


def _synthetic_figure(rng: random.Random, i: int, published: date) -> Figure:
    """A figure of a random series for one of the 12 months before publication (news reports
    recent periods); its value is fixed by the key, so several articles agree, except that one
    report in ten is an estimate with another value."""
    region, indicator, scope = rng.choice(REGIONS), rng.choice(INDICATORS), rng.choice(SCOPES)
    metric = "level" if indicator == "trade_balance" else rng.choice(METRICS)
    months_back = rng.randint(1, 12)
    index = published.year * 12 + published.month - 1 - months_back
    period = _month(index // 12, index % 12 + 1)
    base = random.Random(f"{region}{indicator}{scope}{metric}{period}").random()
    estimate = rng.random() < 0.1
    base = base * 0.97 if estimate else base
    value = round(base * 5e9, -5) if metric == "level" else round(base * 60 - 10, 2)
    return fig(indicator, value, scope=scope, metric=metric, period=period, estimate=estimate,
               region=region, start=i * 40, sentence="câu số liệu tổng hợp")


def synthetic_batch(run_id: str, n_articles: int, figures_per_article: int,
                    seed: int = 0, first: int = 0) -> Batch:
    """A batch of generated articles (unique texts, article n published n/4 days after
    2005-01-01, as a backfill walks by date) with random figures, for benchmarks."""
    rng = random.Random(seed)
    batch = Batch(run_id=run_id, source="synthetic", at=_tz(2026, 1, 1))
    for n in range(first, first + n_articles):
        text = " ".join(rng.choice(_WORDS) for _ in range(60)) + f" bài {n}"
        published = _tz(2005, 1, 1) + timedelta(hours=6 * n)
        figures = tuple(_synthetic_figure(rng, i, published.date())
                        for i in range(figures_per_article))
        url = f"https://synthetic.example/bai-{n}"
        batch.articles.append(ExtractedArticle(article(url, text, published, source="synthetic"),
                                               figures, (), VERSION))
    return batch


def _month(year: int, month: int) -> tuple[date, date]:
    start = date(year, month, 1)
    return start, (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)


def history_batch(run_id: str = "run-h") -> Batch:
    """Monthly reports of Lạng Sơn trade, 2023-01..2024-05: two scopes, the last months ước."""
    rng = random.Random(7)
    fetched = _tz(2024, 6, 20)
    batch = Batch(run_id=run_id, source="kdpt", at=fetched)
    for n in range(17):
        year, month = 2023 + (n // 12), n % 12 + 1
        total = 3.6e9 + n * 0.11e9 + rng.uniform(-0.3e9, 0.3e9)
        customs = 0.42e9 + n * 0.01e9 + rng.uniform(-0.05e9, 0.05e9)
        estimate = n >= 15
        figures = (
            fig("trade_total", round(total, -6), period=_month(year, month), estimate=estimate),
            fig("trade_total", round(customs, -6), scope="customs_declared",
                period=_month(year, month), estimate=estimate, start=200),
        )
        text = (f"Tháng {month}/{year}, kim ngạch xuất nhập khẩu qua địa bàn tỉnh Lạng Sơn ước "
                f"đạt {total / 1e6:,.0f} triệu USD; trong đó hàng hóa mở tờ khai tại Cục Hải "
                f"quan tỉnh đạt {customs / 1e6:,.0f} triệu USD theo báo cáo số {n} của sở.")
        url = f"https://kdpt.vn/lang-son-thang-{month}-{year}"
        published = datetime(year + (month == 12), month % 12 + 1, 5, 9, tzinfo=UTC)
        batch.pages.append(page(url, text, fetched))
        batch.articles.append(ExtractedArticle(article(url, text, published), figures, (),
                                               VERSION))
    return batch
