"""parse_article: metadata first, then layout and datelines; text without title or captions."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone

import pytest

from extractors.article import parse_article
from extractors.dates import parse_any, parse_dateline, parse_iso
from extractors.errors import ParseError
from extractors.settings import SourceSettings
from extractors.sources import get_source

VN = timezone(timedelta(hours=7))
BASE = "https://kinhdoanhvaphattrien.vn"
KDPT = get_source(SourceSettings(name="kdpt", kind="kdpt"))
TIN = get_source(SourceSettings(name="tin", kind="generic", base_url="https://tin.example.vn",
                                feeds=["https://tin.example.vn/feed/"]))
SAPO = ("(KDPT) - Kim ngạch xuất nhập khẩu qua địa bàn tỉnh Lạng Sơn 6 tháng đầu năm 2024 "
        "ước đạt 2,5 tỷ USD.")
BODY = ["Theo Cục Hải quan tỉnh, xuất khẩu đạt 1,2 tỷ USD, tăng 15,2% so với cùng kỳ.",
        "Nhập khẩu đạt 1,3 tỷ USD, bằng 52% kế hoạch năm."]
PUBLISHED = datetime(2024, 6, 27, 10, 56, tzinfo=VN)


def kdpt_page(head: str = "", dateline: str = "Thứ năm, 10h56 27/06/2024") -> str:
    paras = "".join(f"<p>{p}</p>" for p in BODY)
    return f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">
<title>Lạng Sơn: xuất nhập khẩu tăng | Kinh doanh và Phát triển</title>{head}
<script>var x = "<p>not text</p>";</script></head><body>
<nav class="main-menu"><ul><li><a href="/kinh-te/">Kinh tế</a></li></ul></nav>
<article class="article"><h1 class="article__title">Lạng Sơn: xuất nhập khẩu tăng</h1>
<div class="article__meta"><span class="article__author">Đỗ Linh</span>
<span class="article__dateline">{dateline}</span></div>
<div class="article__sapo">{SAPO}</div>
<div class="article__body">{BODY and f"<p>{BODY[0]}</p>"}
<figure class="image"><img src="/a.jpg"><figcaption>Xe hàng chờ thông quan 100 chiếc</figcaption>
</figure><div class="ads ads--inread">Quảng cáo 999</div>{paras[len(BODY[0]) + 7:]}</div>
<div class="box-related"><h3>Tin liên quan</h3><ul><li><a href="/x-1.html">Tin 5 tỷ</a></li>
</ul></div></article><aside class="sidebar"><p>Giá vàng hôm nay</p></aside>
<footer><p>Giấy phép 14/GP-BTTTT</p></footer></body></html>"""


FULL_HEAD = f"""<link rel="canonical" href="{BASE}/lang-son-xuat-nhap-khau-123.html">
<meta property="og:title" content="Lạng Sơn: xuất nhập khẩu tăng">
<meta property="og:url" content="{BASE}/lang-son-xuat-nhap-khau-123.html">
<meta property="article:published_time" content="2024-06-27T10:56:00+07:00">
<meta property="article:section" content="Kinh tế">"""


def test_full_metadata_page() -> None:
    fetched = BASE + "/lang-son-xuat-nhap-khau-123.html?utm_source=fb"
    a = parse_article(kdpt_page(FULL_HEAD), fetched, KDPT)
    assert a.url == BASE + "/lang-son-xuat-nhap-khau-123.html"
    assert a.fetched_url == fetched
    assert a.title == "Lạng Sơn: xuất nhập khẩu tăng"
    assert a.published == PUBLISHED and a.author == "Đỗ Linh" and a.section == "Kinh tế"
    assert a.source == "kdpt" and a.language == "vi"
    assert a.text == "\n\n".join([SAPO, *BODY])


def test_text_excludes_title_caption_ads_related_sidebar() -> None:
    text = parse_article(kdpt_page(), BASE + "/a-1.html", KDPT).text
    for noise in ("xuất nhập khẩu tăng", "Xe hàng", "Quảng cáo", "Tin liên quan", "Giá vàng",
                  "not text", "Giấy phép", "Kinh tế"):
        assert noise not in text


def test_visible_dateline_when_no_metadata() -> None:
    a = parse_article(kdpt_page(), BASE + "/lang-son-123.html", KDPT)
    assert a.published == PUBLISHED and a.url == BASE + "/lang-son-123.html"
    assert a.title == "Lạng Sơn: xuất nhập khẩu tăng" and a.fetched_url is None


def test_json_ld_only() -> None:
    ld = {"@context": "https://schema.org", "@graph": [
        {"@type": "WebSite", "name": "KDPT"},
        {"@type": "NewsArticle", "headline": "Tiêu đề JSON-LD",
         "datePublished": "2024-06-27T03:56:00Z",
         "author": [{"@type": "Person", "name": "Đỗ Linh"}], "articleSection": "Địa phương"}]}
    head = f'<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>'
    a = parse_article(kdpt_page(head, dateline=""), BASE + "/x-5.html", KDPT)
    assert a.title == "Tiêu đề JSON-LD" and a.published == PUBLISHED
    assert a.section == "Địa phương"


def test_amp_copy_maps_to_canonical() -> None:
    head = f'<link rel="canonical" href="{BASE}/lang-son-123.html">'
    a = parse_article(kdpt_page(head), BASE + "/amp/lang-son-123.html", KDPT)
    assert a.url == BASE + "/lang-son-123.html" and a.fetched_url == BASE + "/amp/lang-son-123.html"


def test_offsite_canonical_ignored() -> None:
    head = '<link rel="canonical" href="https://other.vn/copied-9.html">'
    a = parse_article(kdpt_page(head), BASE + "/lang-son-123.html", KDPT)
    assert a.url == BASE + "/lang-son-123.html"


def test_generic_wordpress_page() -> None:
    html = """<html><head><meta property="og:title" content="Bắc Ninh tăng trưởng GRDP 7%">
<meta property="article:published_time" content="2024-07-02T08:00:00+07:00"></head><body>
<div class="widget"><p>Tin đọc nhiều</p></div><article class="post"><header>
<h1 class="entry-title">Bắc Ninh tăng trưởng GRDP 7%</h1></header>
<div class="entry-content"><p>GRDP quý II tăng 7,1%.</p><div class="sharedaddy">Chia sẻ</div>
<p>Công nghiệp tăng 8%.</p><ul><li>Dịch vụ tăng 5%.</li></ul></div></article>
<div id="comments"><p class="comment">Hay quá 10 điểm</p></div></body></html>"""
    a = parse_article(html, "https://tin.example.vn/2024/07/02/bac-ninh/", TIN)
    assert a.text == "GRDP quý II tăng 7,1%.\n\nCông nghiệp tăng 8%.\n\nDịch vụ tăng 5%."
    assert a.published == datetime(2024, 7, 2, 8, tzinfo=VN) and a.source == "tin"


def test_dateline_of_the_story_not_of_the_sidebar() -> None:
    html = """<html><body><aside><ul><li><a href="/x/">Tin khác</a>
<span class="date">01/01/2020 08:00</span></li></ul></aside>
<article><h1>Tiêu đề</h1><span class="date">02/07/2024 09:30</span>
<div class="entry-content"><p>Nội dung 5%.</p></div></article></body></html>"""
    a = parse_article(html, "https://tin.example.vn/2024/07/02/x/", TIN)
    assert a.published == datetime(2024, 7, 2, 9, 30, tzinfo=VN)


def test_configured_selectors_win() -> None:
    src = get_source(SourceSettings(name="s", kind="generic", base_url="https://s.vn",
                                    selectors={"text": "div#noidung", "title": "h2.tieude",
                                               "published": "span.ngay"}))
    html = """<html><body><h1>Menu</h1><h2 class="tieude">Tiêu đề thật</h2>
<span class="ngay">Thứ Hai, 01/07/2024 - 09:15 (GMT+7)</span>
<div class="entry-content"><p>Sai chỗ</p></div><div id="noidung"><p>Đúng chỗ 5%.</p></div>
</body></html>"""
    a = parse_article(html, "https://s.vn/tin-12345.html", src)
    assert (a.title, a.text) == ("Tiêu đề thật", "Đúng chỗ 5%.")
    assert a.published == datetime(2024, 7, 1, 9, 15, tzinfo=VN)


def test_generic_falls_back_to_trafilatura() -> None:
    paras = "".join(f"<p>Đoạn văn thứ {i} nói về kim ngạch xuất khẩu của tỉnh trong năm nay, "
                    f"với nhiều số liệu chi tiết và phân tích của các chuyên gia.</p>"
                    for i in range(6))
    html = f"<html><body><div class='x'><div class='y'>{paras}</div></div></body></html>"
    a = parse_article(html, "https://tin.example.vn/2024/07/02/z/", TIN)
    assert a.text.count("\n\n") == 5 and a.text.startswith("Đoạn văn thứ 0")


def test_xhtml_with_xml_declaration() -> None:
    html = '<?xml version="1.0" encoding="utf-8"?>\n' + kdpt_page(FULL_HEAD)
    assert parse_article(html, BASE + "/a-1.html", KDPT).text.startswith("(KDPT)")


def test_no_text_is_parse_error() -> None:
    with pytest.raises(ParseError):
        parse_article("<html><body><nav>x</nav></body></html>", BASE + "/a-1.html", KDPT)
    with pytest.raises(ParseError):
        parse_article("   ", BASE + "/a-1.html", KDPT)


@pytest.mark.parametrize(("text", "want"), [
    ("Thứ năm, 10h56 27/06/2024", PUBLISHED),
    ("27/06/2024 10:56", PUBLISHED),
    ("10:56 | 27/06/2024", PUBLISHED),
    ("Thứ Năm, 27/6/2024 - 10:56 (GMT+7)", PUBLISHED),
    ("27-06-2024 10:56:00", PUBLISHED),
    ("Cập nhật ngày 27 tháng 6 năm 2024", datetime(2024, 6, 27, tzinfo=VN)),
    ("Thứ năm, 03h56 27/06/2024 (GMT+0)", datetime(2024, 6, 27, 3, 56, tzinfo=UTC)),
])
def test_datelines(text: str, want: datetime) -> None:
    assert parse_dateline(text) == want


def test_dates_reject_nonsense() -> None:
    assert parse_dateline("32/13/2024") is None and parse_dateline("không có ngày") is None
    assert parse_iso("27/06/2024") is None and parse_iso("2024-06-27T10:56") == PUBLISHED
    assert parse_any("Thu, 27 Jun 2024 03:56:00 GMT") == PUBLISHED


def test_div_paragraphs_are_read_beside_p() -> None:
    # many Vietnamese CMSs write a lead or body paragraph as a bare <div>, lines split by <br>
    html = """<html><body><article><h1>Tiêu đề</h1><div class="entry-content">
<div>Kim ngạch xuất khẩu của tỉnh quý I đạt 1,2 tỷ USD,<br>tăng 5% so với cùng kỳ.</div>
<p>Nhập khẩu đạt 0,8 tỷ USD.</p><div><div>Tháng 3, xuất khẩu đạt 400 triệu USD, tăng 3%.</div>
</div><div>Chia sẻ</div></div></article></body></html>"""
    a = parse_article(html, "https://tin.example.vn/2024/07/02/div/", TIN)
    assert a.text == ("Kim ngạch xuất khẩu của tỉnh quý I đạt 1,2 tỷ USD, tăng 5% so với cùng "
                      "kỳ.\n\nNhập khẩu đạt 0,8 tỷ USD.\n\nTháng 3, xuất khẩu đạt 400 triệu USD, "
                      "tăng 3%.")
