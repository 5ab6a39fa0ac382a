"""A small hostile web server on 127.0.0.1 for tests: each path answers as the test says
(any status, headers and body, slow bodies, redirects anywhere) and every request is recorded."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Answer:
    """What one path answers: status, headers, body (or chunks sent `delay_s` apart)."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    chunks: list[bytes] | None = None
    delay_s: float = 0.0


Route = Answer | Callable[[str], Answer]


class HostileSite:
    """`with HostileSite() as site:` serves `site.routes` (path -> Answer) on an ephemeral
    port of 127.0.0.1; `site.hits` lists the paths asked for, in order."""

    def __init__(self, routes: dict[str, Route] | None = None) -> None:
        self.routes: dict[str, Route] = dict(routes or {})
        self.hits: list[str] = []
        self._server: ThreadingHTTPServer | None = None

    @property
    def port(self) -> int:
        assert self._server is not None
        return self._server.server_address[1]

    @property
    def base(self) -> str:
        """http://127.0.0.1:PORT"""
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        """The absolute URL of `path` on this server."""
        return self.base + path

    def __enter__(self) -> HostileSite:
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:  # quiet
                pass

            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                site.hits.append(self.path)
                route = site.routes.get(self.path) or site.routes.get(self.path.split("?")[0])
                answer = route(self.path) if callable(route) else route
                if answer is None:
                    answer = Answer(404, b"not found")
                try:
                    self._send(answer)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def _send(self, a: Answer) -> None:
                self.send_response(a.status)
                body = a.body if a.chunks is None else b"".join(a.chunks)
                headers = {"Content-Type": "text/html; charset=utf-8", **a.headers}
                for k, v in headers.items():
                    self.send_header(k, v)
                if "Content-Length" not in headers:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                for chunk in a.chunks if a.chunks is not None else [body]:
                    self.wfile.write(chunk)
                    self.wfile.flush()
                    if a.delay_s:
                        time.sleep(a.delay_s)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._server is not None
        self._server.shutdown()
        self._server.server_close()


def html_page(title: str, paragraphs: list[str], published: str = "2024-06-27T08:00:00+07:00",
              charset: str = "utf-8") -> str:
    """A minimal news article page (title, date, body paragraphs)."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!doctype html><html><head><meta charset=\"{charset}\"><title>{title}</title>"
            f"<meta property=\"article:published_time\" content=\"{published}\"></head>"
            f"<body><article><h1>{title}</h1><div class=\"entry-content\">{body}</div>"
            f"</article></body></html>")


def urlset(urls: list[str]) -> bytes:
    """A sitemap URL set of `urls`."""
    items = "".join(f"<url><loc>{u}</loc></url>" for u in urls)
    return (f'<?xml version="1.0" encoding="UTF-8"?><urlset '
            f'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{items}</urlset>').encode()


def sitemap_index(urls: list[str]) -> bytes:
    """A sitemap index listing `urls` as shards."""
    items = "".join(f"<sitemap><loc>{u}</loc></sitemap>" for u in urls)
    return (f'<?xml version="1.0" encoding="UTF-8"?><sitemapindex '
            f'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{items}</sitemapindex>'
            ).encode()


def served(routes: dict[str, Route]) -> Iterator[HostileSite]:
    """A generator fixture body: a HostileSite serving `routes`."""
    with HostileSite(routes) as site:
        yield site
