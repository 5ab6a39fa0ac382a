"""HTML of the second site ("tin"): a WordPress-like theme, a different shape from KDPT."""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from html import escape

from replay import chrome
from replay.model import ReplayArticle

SITE_NAME = "Tin Kinh Tế Vùng"


def _head_meta(a: ReplayArticle, base: str) -> str:
    if a.meta == "none":
        return ""
    url = base + a.path
    graph = {"@context": "https://schema.org", "@graph": [
        {"@type": "WebPage", "@id": url, "url": url, "name": a.title},
        {"@type": "Article", "headline": a.title, "datePublished": a.published.isoformat(),
         "author": {"name": a.author}, "articleSection": "Kinh tế", "inLanguage": "vi"}]}
    return (f'<link rel="canonical" href="{url}" />\n'
            '<meta property="og:locale" content="vi_VN" />\n'
            '<meta property="og:type" content="article" />\n'
            f'<meta property="og:title" content="{escape(a.title)}" />\n'
            f'<meta property="og:url" content="{url}" />\n'
            f'<meta property="og:site_name" content="{SITE_NAME}" />\n'
            f'<meta property="article:published_time" content="{a.published.isoformat()}" />\n'
            f'<meta name="author" content="{escape(a.author)}" />\n'
            '<script type="application/ld+json" class="yoast-schema-graph">'
            f"{json.dumps(graph, ensure_ascii=False)}</script>\n")


def _header() -> str:
    return ('<header id="masthead" class="site-header"><div class="site-branding">'
            f'<p class="site-title"><a href="/" rel="home">{SITE_NAME}</a></p>'
            '<p class="site-description">Tin tức kinh tế các vùng miền</p></div>'
            '<nav id="site-navigation" class="main-navigation">'
            f'{chrome.menu_html(chrome.TIN_MENU, "/chuyen-muc/")}</nav></header>')


def _sidebar(recent: Sequence[ReplayArticle]) -> str:
    lis = "".join(f'<li><a href="{r.path}">{escape(r.title)}</a></li>' for r in recent)
    return ('<aside id="secondary" class="widget-area">'
            '<section class="widget widget_search"><form role="search" action="/">'
            '<input type="search" name="s" placeholder="Tìm kiếm …"></form></section>'
            '<section class="widget widget_recent_entries"><h2 class="widget-title">Bài viết mới'
            f"</h2><ul>{lis}</ul></section>"
            '<section class="widget widget_categories"><h2 class="widget-title">Chuyên mục</h2>'
            f'{chrome.menu_html(chrome.TIN_MENU, "/chuyen-muc/")}</section>'
            '<section class="widget widget_text"><div class="textwidget"><p>Liên hệ quảng cáo: '
            "0900 000 000. Bảng giá quảng cáo năm 2024 áp dụng từ ngày 1/1/2024.</p></div>"
            f"</section>{chrome.trending_html('widget widget_top_posts')}</aside>")


def _footer() -> str:
    return ('<footer id="colophon" class="site-footer"><div class="site-info">'
            f"© 2024 {SITE_NAME}. Vận hành bởi WordPress.</div></footer>")


def _content(a: ReplayArticle) -> str:
    parts = [f"<p><strong>{escape(a.sapo)}</strong></p>"]
    for i, p in enumerate(a.paragraphs):
        parts.append(f"<p>{escape(p)}</p>")
        if i == 0 and a.caption:
            parts.append(f'<figure class="wp-block-image size-large"><img decoding="async" '
                         f'src="/wp-content/uploads/{a.published:%Y/%m}/{a.slug[:30]}.jpg" '
                         f'alt=""><figcaption class="wp-element-caption">{escape(a.caption)}'
                         "</figcaption></figure>")
    return "\n".join(parts)


def _comments(rng: random.Random, count: int) -> str:
    rows = "".join(
        f'<li class="comment depth-1" id="li-comment-{i}"><article class="comment-body">'
        f'<footer class="comment-meta"><b class="fn">{escape(rng.choice(chrome.COMMENT_NAMES))}'
        f'</b> <span class="says">viết:</span></footer><div class="comment-content"><p>'
        f"{escape(rng.choice(chrome.COMMENT_LINES))}</p></div></article></li>"
        for i in range(count))
    return (f'<div id="comments" class="comments-area"><h2 class="comments-title">{count} '
            f'bình luận</h2><ol class="comment-list">{rows}</ol><div id="respond" '
            'class="comment-respond"><h3 class="comment-reply-title">Trả lời</h3>'
            '<form action="/wp-comments-post.php" method="post"><textarea name="comment">'
            "</textarea><input type=\"submit\" value=\"Phản hồi\"></form></div></div>")


def article_page(a: ReplayArticle, base: str, recent: Sequence[ReplayArticle],
                 heavy: bool = False) -> str:
    """A full WordPress-style single post."""
    rng = random.Random(a.id)
    iso = a.published.isoformat()
    return (
        f'<!DOCTYPE html>\n<html lang="vi-VN">\n<head>\n<meta charset="{a.charset.upper()}">\n'
        f"<title>{escape(a.title)} – {SITE_NAME}</title>\n{_head_meta(a, base)}"
        "<link rel='stylesheet' id='wp-block-library-css' "
        "href='/wp-includes/css/dist/block-library/style.min.css?ver=6.5.2' media='all' />\n"
        f"{chrome.tracking_scripts()}</head>\n"
        f'<body class="post-template-default single single-post postid-{a.id}">\n'
        f'<div id="page" class="site">{_header()}\n<div id="content" class="site-content">'
        '<div id="primary" class="content-area"><main id="main" class="site-main">\n'
        f'<article id="post-{a.id}" class="post-{a.id} post type-post status-publish hentry '
        'category-kinh-te">\n<header class="entry-header">'
        f'<h1 class="entry-title">{escape(a.title)}</h1><div class="entry-meta">'
        f'<span class="posted-on"><time class="entry-date published" datetime="{iso}">'
        f'{a.published:%d/%m/%Y}</time><time class="updated" datetime="{iso}">'
        f'{a.published:%d/%m/%Y}</time></span><span class="byline"> bởi <span class="author '
        f'vcard"><a class="url fn n" href="/author/bientap/">{escape(a.author)}</a></span>'
        f'</span></div></header>\n<div class="entry-content">\n{_content(a)}\n</div>\n'
        '<footer class="entry-footer"><span class="cat-links">Chuyên mục: <a '
        'href="/chuyen-muc/kinh-te/" rel="category tag">Kinh tế</a></span></footer>\n'
        f"</article>\n{_comments(rng, 30 if heavy else rng.randrange(0, 5))}</main></div>\n"
        f"{_sidebar(recent)}</div>\n{_footer()}</div>\n"
        f"{chrome.app_state(chrome.HEAVY_KB) if heavy else ''}"
        "<script src='/wp-includes/js/jquery/jquery.min.js?ver=3.7.1' id='jquery-core-js'>"
        "</script>\n</body>\n</html>\n"
    )


def listing_page(items: Sequence[ReplayArticle], page: int, has_next: bool) -> str:
    """A category archive page (10 posts), WordPress style."""
    posts = "\n".join(
        f'<article id="post-{a.id}" class="post type-post"><header class="entry-header">'
        f'<h2 class="entry-title"><a href="{a.path}" rel="bookmark">{escape(a.title)}</a></h2>'
        f'<time class="entry-date published" datetime="{a.published.isoformat()}">'
        f"{a.published:%d/%m/%Y}</time></header><div class=\"entry-summary\"><p>"
        f"{escape(a.sapo[:200])}</p></div></article>" for a in items)
    nxt = (f'<a class="next page-numbers" href="/chuyen-muc/kinh-te/page/{page + 1}/">Sau »</a>'
           if has_next else "")
    return (
        f'<!DOCTYPE html>\n<html lang="vi-VN">\n<head>\n<meta charset="UTF-8">\n'
        f"<title>Kinh tế – Trang {page} – {SITE_NAME}</title>\n</head>\n"
        f'<body class="archive category category-kinh-te">\n<div id="page" class="site">'
        f'{_header()}<main id="main" class="site-main"><header class="page-header">'
        f'<h1 class="page-title">Chuyên mục: Kinh tế</h1></header>\n{posts}\n'
        f'<nav class="navigation pagination"><div class="nav-links">{nxt}</div></nav></main>'
        f"{_footer()}</div>\n</body>\n</html>\n"
    )
