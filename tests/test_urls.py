"""Canonical URLs: tracking, AMP, mobile, ports, fragments and slashes."""

from __future__ import annotations

import pytest

from extractors.urls import canonical_url, netloc_of, same_site, site_hosts

CASES = [
    ("HTTPS://KinhDoanhVaPhatTrien.VN:443/a-1.html#top", "https://kinhdoanhvaphattrien.vn/a-1.html"),
    ("http://example.vn:80/x/?utm_source=zalo&utm_medium=s&id=3&fbclid=Z",
     "http://example.vn/x/?id=3"),
    ("https://example.vn/a.html?zarsrc=31&gclid=1&b=2&a=1", "https://example.vn/a.html?a=1&b=2"),
    ("https://example.vn/amp/tin-moi-12.html", "https://example.vn/tin-moi-12.html"),
    ("https://example.vn/tin-moi-12.amp.html", "https://example.vn/tin-moi-12.html"),
    ("https://example.vn/tin-moi-12.html?amp", "https://example.vn/tin-moi-12.html"),
    ("https://example.vn/2024/06/27/slug/amp/", "https://example.vn/2024/06/27/slug/"),
    ("https://m.example.vn/tin-12.html", "https://example.vn/tin-12.html"),
    ("https://amp.example.vn/tin-12.html", "https://example.vn/tin-12.html"),
    ("https://example.vn/tin-12.html/", "https://example.vn/tin-12.html"),
    ("https://example.vn", "https://example.vn/"),
    ("https://example.vn//a//b/", "https://example.vn/a/b/"),
    ("http://127.0.0.1:8123/a-1.html", "http://127.0.0.1:8123/a-1.html"),
    ("https://example.vn/a%c3%a1", "https://example.vn/a%C3%A1"),
]


@pytest.mark.parametrize(("raw", "want"), CASES)
def test_canonical(raw: str, want: str) -> None:
    assert canonical_url(raw) == want


def test_canonical_is_idempotent() -> None:
    for raw, _ in CASES:
        once = canonical_url(raw)
        assert canonical_url(once) == once


def test_relative_against_base() -> None:
    assert canonical_url("/b-2.html?utm_x=1", "http://h.vn/kinh-te/") == "http://h.vn/b-2.html"


def test_non_http_left_alone() -> None:
    assert canonical_url("mailto:a@b.vn") == "mailto:a@b.vn"


def test_site_hosts_and_ports() -> None:
    hosts = site_hosts("kinhdoanhvaphattrien.vn", "127.0.0.1:8000")
    assert same_site("https://www.kinhdoanhvaphattrien.vn/x", hosts)
    assert same_site("https://m.kinhdoanhvaphattrien.vn/x", hosts)
    assert same_site("http://127.0.0.1:8000/x", hosts)
    assert not same_site("http://127.0.0.1:8001/x", hosts)
    assert not same_site("https://evil.vn/x", hosts)
    assert not same_site("ftp://kinhdoanhvaphattrien.vn/x", hosts)
    assert netloc_of("HTTPS://A.vn:443/x") == "a.vn"
