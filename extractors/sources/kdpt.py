"""kinhdoanhvaphattrien.vn (Kinh doanh và Phát triển): the reference source.

Its real HTML is not reachable from here: parsing reads standard metadata first and falls back
to the layout below (the replay site's copy of the magazine) and then to COMMON.
"""

from __future__ import annotations

from extractors.layout import Layout
from extractors.sources.base import Source


class KdptSource(Source):
    """The KDPT magazine: RSS, category listings with /trang-{n}/ pages, monthly sitemaps."""

    kind = "kdpt"
    default_base_url = "https://kinhdoanhvaphattrien.vn"
    feed_paths = ("/rss/home.rss",)
    sitemap_paths = ("/sitemap-news.xml", "/sitemap.xml")
    listing_paths = ("/kinh-te/trang-{page}/", "/dia-phuong/trang-{page}/")
    article_path = r"^/(?!amp/)[a-z0-9-]+-\d+\.html$"
    listing_links = "article.story a, .story__title a"
    own_layout = Layout(
        title=("h1.article__title",),
        lead=(".article__sapo",),
        body=(".article__body",),
        dateline=(".article__dateline",),
        author=(".article__author",),
        drop=(".box-related", ".ads"),
    )
