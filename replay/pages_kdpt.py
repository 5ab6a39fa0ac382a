"""HTML of the KDPT-like magazine: article pages, AMP copies, listing pages."""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from datetime import datetime
from html import escape

from replay import chrome
from replay.model import ReplayArticle

WEEKDAYS = ("Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Chủ nhật")
SITE_NAME = "Kinh doanh và Phát triển"


def dateline(when: datetime) -> str:
    """The magazine's visible dateline: 'Thứ năm, 10h56 27/06/2024'."""
    return f"{WEEKDAYS[when.weekday()]}, {when:%H}h{when:%M} {when:%d/%m/%Y}"


def _head_meta(a: ReplayArticle, base: str) -> str:
    if a.meta == "none":
        return ""
    url = base + a.path
    tags = [f'<link rel="canonical" href="{url}">',
            f'<link rel="amphtml" href="{base}{a.amp_path}">',
            '<meta property="og:type" content="article">',
            f'<meta property="og:title" content="{escape(a.title)}">',
            f'<meta property="og:url" content="{url}">',
            f'<meta property="og:description" content="{escape(a.sapo)}">',
            f'<meta property="og:image" content="{base}/uploads/{a.id}.jpg">',
            f'<meta property="article:published_time" content="{a.published.isoformat()}">',
            f'<meta property="article:section" content="{chrome.CATEGORY_NAMES[a.category]}">']
    if a.meta == "jsonld":
        ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": a.title,
              "datePublished": a.published.isoformat(), "dateModified": a.published.isoformat(),
              "author": {"@type": "Person", "name": a.author}, "mainEntityOfPage": url,
              "publisher": {"@type": "Organization", "name": SITE_NAME}}
        tags.append('<script type="application/ld+json">'
                    f"{json.dumps(ld, ensure_ascii=False)}</script>")
    return "\n".join(tags) + "\n"


def _body(a: ReplayArticle) -> str:
    parts = []
    for i, p in enumerate(a.paragraphs):
        parts.append(f"<p>{escape(p)}</p>")
        if i == 0 and a.caption:
            parts.append(f'<figure class="image"><img src="/uploads/{a.id}.jpg" '
                         f'alt="{escape(a.caption)}" width="800" height="533">'
                         f"<figcaption>{escape(a.caption)}</figcaption></figure>")
        if i == 1:
            parts.append('<div class="ads ads--inread" id="div-gpt-inread"></div>')
    return "\n".join(parts)


def _related(related: Sequence[ReplayArticle]) -> str:
    lis = "".join(f'<li class="related__item"><a href="{r.path}">{escape(r.title)}</a>'
                  f'<span class="related__meta">Kinhdoanhvaphattrien.vn | '
                  f"{r.published:%d/%m/%Y}</span></li>" for r in related)
    return ('<div class="box-related"><h3 class="box-related__title">Tin liên quan</h3>'
            f"<ul>{lis}</ul></div>")


def _header() -> str:
    return ('<header class="site-header"><div class="topbar"><span class="topbar__issn">'
            'ISSN-2815-5823</span><a class="topbar__emag" href="/emagazine/">eMagazine</a></div>'
            f'<a class="logo" href="/"><img src="/static/logo.svg" alt="{SITE_NAME}"></a>'
            f'<nav class="main-menu">{chrome.menu_html(chrome.KDPT_MENU)}</nav></header>')


def _footer() -> str:
    return ('<footer class="site-footer"><div class="footer__menu">'
            f"{chrome.menu_html(chrome.KDPT_MENU)}</div><p>Tạp chí điện tử {SITE_NAME}. "
            "Giấy phép hoạt động báo chí điện tử số 14/GP-BTTTT. Tòa soạn: Hà Nội. "
            "Điện thoại: 024 0000 0000.</p><p>ISSN-2815-5823</p></footer>")


def article_page(a: ReplayArticle, base: str, related: Sequence[ReplayArticle],
                 heavy: bool = False) -> str:
    """A full article page; `heavy` adds the ~100 KB of furniture synthetic pages carry."""
    rng = random.Random(a.id)
    extra = chrome.app_state(chrome.HEAVY_KB) if heavy else ""
    comments = chrome.comments_html(rng, 40 if heavy else rng.randrange(0, 4))
    return (
        f'<!DOCTYPE html>\n<html lang="vi">\n<head>\n<meta charset="{a.charset}">\n'
        f"<title>{escape(a.title)} | {SITE_NAME}</title>\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"{_head_meta(a, base)}"
        '<link rel="stylesheet" href="/static/css/main.css?v=20240601">\n'
        f"{chrome.tracking_scripts()}</head>\n<body class=\"page-article\">\n{_header()}\n"
        '<div class="container"><div class="breadcrumb"><a href="/">Trang chủ</a> › '
        f'<a href="/{a.category}/">{chrome.CATEGORY_NAMES[a.category]}</a></div>\n'
        '<main class="main-col"><article class="article">\n'
        f'<h1 class="article__title">{escape(a.title)}</h1>\n'
        f'<div class="article__meta"><span class="article__author">{escape(a.author)}</span>'
        f'<span class="article__dateline">{dateline(a.published)}</span></div>\n'
        f'<div class="article__sapo">{escape(a.sapo)}</div>\n'
        f'<div class="article__body">\n{_body(a)}\n</div>\n'
        f"{_related(related)}\n</article>\n{comments}</main>\n"
        f'<aside class="sidebar">{chrome.trending_html("sidebar__box")}'
        '<div class="ads ads--sidebar" id="div-gpt-right"></div></aside></div>\n'
        f"{_footer()}\n{extra}"
        '<script src="/static/js/app.min.js?v=20240601" defer></script>\n</body>\n</html>\n'
    )


def amp_page(a: ReplayArticle, base: str) -> str:
    """The AMP copy: lighter markup, canonical link to the main URL."""
    body = "".join(f"<p>{escape(p)}</p>" for p in a.paragraphs)
    return (
        f'<!doctype html>\n<html ⚡ lang="vi">\n<head>\n<meta charset="{a.charset}">\n'
        f"<title>{escape(a.title)}</title>\n"
        f'<link rel="canonical" href="{base}{a.path}">\n'
        '<meta name="viewport" content="width=device-width">\n'
        '<script async src="https://cdn.ampproject.org/v0.js"></script>\n'
        "<style amp-custom>body{font-family:Arial}</style>\n</head>\n<body>\n"
        f'<header class="amp-header"><a href="{base}/">{SITE_NAME}</a></header>\n'
        f'<article class="amp-article"><h1 class="article__title">{escape(a.title)}</h1>\n'
        f'<div class="article__meta"><span class="article__author">{escape(a.author)}</span>'
        f'<span class="article__dateline">{dateline(a.published)}</span></div>\n'
        f'<div class="article__sapo">{escape(a.sapo)}</div>\n'
        f'<div class="article__body">{body}</div></article>\n</body>\n</html>\n'
    )


def listing_item(a: ReplayArticle) -> str:
    """One story of a category listing."""
    return (f'<article class="story"><h3 class="story__title"><a href="{a.path}">'
            f"{escape(a.title)}</a></h3>"
            f'<time class="story__time" datetime="{a.published.isoformat()}">'
            f"{a.published:%d/%m/%Y}</time>"
            f'<p class="story__sapo">{escape(a.sapo[:160])}</p></article>')


def listing_page(title: str, items: Sequence[ReplayArticle], next_href: str | None) -> str:
    """A category listing page with its pagination link."""
    stories = "\n".join(listing_item(a) for a in items)
    nxt = f'<a class="pagination__next" href="{next_href}">Trang sau</a>' if next_href else ""
    return (
        f'<!DOCTYPE html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)} | {SITE_NAME}</title>\n{chrome.tracking_scripts()}</head>\n"
        f"<body class=\"page-category\">\n{_header()}\n<main class=\"container\">"
        f'<h1 class="category__title">{escape(title)}</h1>\n'
        f'<div class="category__list">\n{stories}\n</div>\n'
        f'<nav class="pagination">{nxt}</nav></main>\n'
        f'<aside class="sidebar">{chrome.trending_html("sidebar__box")}</aside>\n'
        f"{_footer()}\n</body>\n</html>\n"
    )
