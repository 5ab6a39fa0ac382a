"""The page furniture around an article: menus, sidebars, scripts, comments, footers.

Real news pages carry far more of this than story text; extraction must find the story in it.
The heavy parts are built once and shared by every page (as a site's templates are).
"""

from __future__ import annotations

import json
import random
from functools import cache
from html import escape

HEAVY_KB = 70  # the inline state blob of a heavy (synthetic) page
KDPT_MENU = (
    ("thoi-su", "Thời sự"), ("kinh-te", "Kinh tế"), ("dia-phuong", "Địa phương"),
    ("doanh-nghiep", "Doanh nghiệp"), ("tai-chinh", "Tài chính - Ngân hàng"),
    ("bat-dong-san", "Bất động sản"), ("dau-tu", "Đầu tư"), ("thi-truong", "Thị trường"),
    ("phap-luat", "Pháp luật"), ("xa-hoi", "Xã hội"), ("quoc-te", "Quốc tế"),
    ("emagazine", "eMagazine"), ("media", "Media"), ("tim-kiem", "Tìm kiếm"),
)
TIN_MENU = (
    ("kinh-te", "Kinh tế"), ("thoi-su", "Thời sự"), ("vung-mien", "Vùng miền"),
    ("xuat-nhap-khau", "Xuất nhập khẩu"), ("nong-nghiep", "Nông nghiệp"),
    ("cong-nghe", "Công nghệ"), ("doi-song", "Đời sống"),
)
CATEGORY_NAMES = {"kinh-te": "Kinh tế", "dia-phuong": "Địa phương"}
TRENDING = (
    "Giá vàng hôm nay biến động mạnh sau phiên điều chỉnh",
    "Ngân hàng đồng loạt giảm lãi suất huy động kỳ hạn ngắn",
    "Thị trường bất động sản phía Nam có dấu hiệu ấm lên",
    "Doanh nghiệp dệt may tìm đơn hàng cho quý cuối năm",
    "Hàng loạt dự án giao thông trọng điểm được khởi công",
    "Giá xăng dầu được điều chỉnh trong kỳ điều hành mới",
    "Xuất khẩu nông sản sang thị trường châu Âu khởi sắc",
    "Chứng khoán giằng co quanh ngưỡng kháng cự",
)
COMMENT_NAMES = ("Minh Tuấn", "Thu Hà", "Nguyễn Văn Bình", "Lan Anh", "Hoàng Nam", "Phương Thảo",
                 "Trần Đức", "Quốc Việt", "Mai Hương", "Bảo Ngọc")
COMMENT_LINES = (
    "Bài viết rất hay, cảm ơn tác giả đã tổng hợp thông tin.",
    "Mong tỉnh sớm hoàn thiện hạ tầng cửa khẩu để xe hàng đỡ ùn tắc.",
    "Số liệu thế này thì năm nay chắc vượt kế hoạch rồi.",
    "Doanh nghiệp nhỏ như chúng tôi vẫn còn nhiều khó khăn về thủ tục.",
    "Nên có thêm biểu đồ để người đọc dễ so sánh qua các năm.",
    "Quê tôi ở đây, thấy đường sá thay đổi nhiều lắm.",
    "Hy vọng nông sản của bà con được giá hơn.",
    "Cần kiểm soát chặt hàng lậu qua đường mòn lối mở.",
)


def menu_html(items: tuple[tuple[str, str], ...], prefix: str = "/") -> str:
    """A navigation list."""
    lis = "".join(f'<li class="menu__item"><a href="{prefix}{slug}/">{escape(name)}</a></li>'
                  for slug, name in items)
    return f'<ul class="menu">{lis}</ul>'


@cache
def tracking_scripts() -> str:
    """The analytics and ad-loader snippets every page carries."""
    return (
        "<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}"
        "gtag('js',new Date());gtag('config','G-REPLAY0001',{anonymize_ip:true});</script>\n"
        "<script>var googletag=googletag||{};googletag.cmd=googletag.cmd||[];"
        "googletag.cmd.push(function(){googletag.defineSlot('/2112/kdpt/top',[[970,90],[728,90]],"
        "'div-gpt-top').addService(googletag.pubads());googletag.enableServices();});</script>\n"
    )


@cache
def app_state(kilobytes: int) -> str:
    """An inline JSON state blob of about `kilobytes` KB (menus, widgets, ad config)."""
    rng = random.Random(kilobytes)
    items = []
    while sum(len(json.dumps(i, ensure_ascii=False)) for i in items[-1:]) * len(items) \
            < kilobytes * 1000:
        title = rng.choice(TRENDING)
        items.append({"id": rng.randrange(10**6, 10**7), "title": title,
                      "href": f"/tin-{rng.randrange(10**5, 10**6)}.html",
                      "views": rng.randrange(100, 90000),
                      "thumb": f"/img/{rng.getrandbits(48):x}.jpg",
                      "tags": rng.sample([s for s, _ in KDPT_MENU], 3)})
    blob = json.dumps({"menu": KDPT_MENU, "widgets": items}, ensure_ascii=False)
    return f"<script>window.__APP_STATE__={blob};</script>\n"


def comments_html(rng: random.Random, count: int) -> str:
    """A reader-comments block with `count` comments."""
    rows = []
    for i in range(count):
        name = rng.choice(COMMENT_NAMES)
        line = rng.choice(COMMENT_LINES)
        rows.append(f'<li class="comment" id="comment-{i + 1}"><div class="comment__author">'
                    f'{escape(name)}</div><div class="comment__time">{rng.randrange(1, 23)} giờ '
                    f'trước</div><p class="comment__text">{escape(line)}</p>'
                    f'<a class="comment__like" href="#">Thích ({rng.randrange(0, 40)})</a></li>')
    return (f'<section class="comments"><h3 class="comments__title">Bình luận ({count})</h3>'
            f'<ol class="comments__list">{"".join(rows)}</ol><form class="comments__form">'
            '<textarea name="comment" placeholder="Ý kiến của bạn"></textarea>'
            '<button type="submit">Gửi bình luận</button></form></section>')


def trending_html(css: str) -> str:
    """A "most read" box of fixed headlines linking nowhere in particular."""
    lis = "".join(f'<li><a href="/tin-nhanh-{i}.html">{escape(t)}</a></li>'
                  for i, t in enumerate(TRENDING))
    return f'<div class="{css}"><h3>Đọc nhiều</h3><ol>{lis}</ol></div>'
