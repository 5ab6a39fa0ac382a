"""ReplayServer: both sites on ThreadingHTTPServer threads, with faults, a clock and stats."""

from __future__ import annotations

import logging
import re
import socket
import struct
import sys
import threading
import time
from collections import deque
from dataclasses import replace
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from functools import cache, lru_cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any

from replay import chrome, encoding, feeds
from replay.chrome import HEAVY_KB
from replay.faults import Fault, FaultPlan, FaultState
from replay.model import ReplayArticle
from replay.routes import Router
from replay.site import ReplaySite, Resource, as_clock

logger = logging.getLogger(__name__)

LOG_MAX = 500_000  # request log entries kept (a long CLI session must not grow without end)
CHUNK = 64 * 1024
META_CHARSET_RE = re.compile(r'<meta charset="[^"]*">\n?', re.I)
STATUS_TEXT = {404: "Không tìm thấy trang", 429: "Quá nhiều yêu cầu",
               500: "Lỗi máy chủ", 503: "Dịch vụ tạm thời không khả dụng"}


class _Payload:
    """An encoded representation with its ETag and a lazily made gzip copy."""

    def __init__(self, body: bytes, etag: str | None = None) -> None:
        self.body = body
        self.etag = etag or encoding.etag_of(body)
        self._gz: bytes | None = None

    @property
    def gz(self) -> bytes:
        if self._gz is None:
            self._gz = self._compress()
        return self._gz

    def _compress(self) -> bytes:
        return encoding.gzip_bytes(self.body)


class _BlobPayload(_Payload):
    """A heavy page: its own parts around the shared blob, which is encoded only once."""

    def __init__(self, prefix: bytes, blob: encoding.SharedBlob, suffix: bytes,
                 etag: str) -> None:
        self.parts = (prefix, blob, suffix)
        super().__init__(blob.join(prefix, suffix), etag)

    def _compress(self) -> bytes:
        prefix, blob, suffix = self.parts
        return blob.gzip(prefix, suffix)


@cache
def _shared_blob() -> encoding.SharedBlob:
    return encoding.SharedBlob(chrome.app_state(HEAVY_KB))


@cache
def _huge_gzip(size: int) -> bytes:
    return encoding.gzip_bytes(_huge_piece() * (size // CHUNK + 1))[: 10**9]


@cache
def _huge_piece() -> bytes:
    line = "<p>Dữ liệu đệm của trang rất lớn, lặp lại để kiểm tra giới hạn kích thước.</p>\n"
    return (line * (CHUNK // len(line.encode()) + 1)).encode()[:CHUNK]


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as benchmarks need
    server_version = "ReplayNews/1.0"
    timeout = 30  # an idle keep-alive connection is dropped after this
    disable_nagle_algorithm = True  # headers and body go in two writes: no 40 ms ACK stall

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self._answer(head=False)

    def do_HEAD(self) -> None:  # noqa: N802
        self._answer(head=True)

    def _answer(self, head: bool) -> None:
        replay, site = self.server.replay, self.server.site_name  # type: ignore[attr-defined]
        try:
            replay.handle(self, site, head)
        except OSError as e:  # the client went away mid-response
            logger.debug("%s %s: client gone: %s", site, self.path, e)
            self.close_connection = True
        except Exception:  # a bug here must show, and the client must get an answer
            logger.exception("replay %s: error serving %s", site, self.path)
            self.close_connection = True
            replay.server_error(self, site, head)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        logger.debug("%s %s", self.address_string(), format % args)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Clients that reset their connection are normal here; anything else is logged."""
        if isinstance(sys.exc_info()[1], ConnectionError):
            logger.debug("client %s dropped the connection", client_address)
        else:
            logger.exception("replay: error with request from %s", client_address)


class ReplayServer:
    """Both replay sites served on 127.0.0.1 until close() (or the end of a `with` block)."""

    def __init__(self, site: ReplaySite, host: str = "127.0.0.1", port: int = 0,
                 tin_port: int | None = None) -> None:
        self.site = site
        self.host = host
        self._ports = (port, tin_port if tin_port is not None else (port + 1 if port else 0))
        self._faults = FaultState(site.faults)
        self._clock: datetime | None = None
        self._lock = threading.Lock()
        self._log: deque[tuple[str, str, str, int, int]] = deque(maxlen=LOG_MAX)
        self._stats: dict[str, Any] = {}
        self.reset_stats()
        self._servers: dict[str, ThreadingHTTPServer] = {}
        self._threads: list[threading.Thread] = []
        self.kdpt_url = self.tin_url = ""
        self.articles: list[ReplayArticle] = []

    # --- life cycle -------------------------------------------------------------------------

    def start(self) -> ReplayServer:
        """Bind both sites and serve them in daemon threads."""
        for name, port in zip(("kdpt", "tin"), self._ports, strict=True):
            srv = _Server((self.host, port), _Handler)
            srv.replay = self  # type: ignore[attr-defined]
            srv.site_name = name  # type: ignore[attr-defined]
            self._servers[name] = srv
        url_host = "127.0.0.1" if self.host in ("0.0.0.0", "") else self.host
        self.kdpt_url = f"http://{url_host}:{self._servers['kdpt'].server_address[1]}"
        self.tin_url = f"http://{url_host}:{self._servers['tin'].server_address[1]}"
        self.router = Router(self.site, self.kdpt_url, self.tin_url)
        self._payload = lru_cache(maxsize=64)(self._article_payload)
        base = {"kdpt": self.kdpt_url, "tin": self.tin_url}
        self.articles = [replace(a, url=base[a.site] + a.path) for a in self.site.articles]
        for name, srv in self._servers.items():
            t = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.1},
                                 name=f"replay-{name}", daemon=True)
            t.start()
            self._threads.append(t)
        logger.info("replay sites at %s and %s", self.kdpt_url, self.tin_url)
        return self

    def close(self) -> None:
        """Stop serving and free the ports."""
        for srv in self._servers.values():
            srv.shutdown()
            srv.server_close()
        for t in self._threads:
            t.join(timeout=5)
        self._servers.clear()
        self._threads.clear()

    def __enter__(self) -> ReplayServer:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    # --- controls ---------------------------------------------------------------------------

    def set_faults(self, plan: FaultPlan | None) -> None:
        """Switch the fault plan at run time (None: no faults); its counters start afresh."""
        self._faults.set_plan(plan or FaultPlan())

    def set_clock(self, when: datetime | None) -> None:
        """List only articles published before `when` (naive = Vietnam time); None = all."""
        self._clock = as_clock(when)

    @property
    def clock(self) -> datetime | None:
        """The current publication clock."""
        return self._clock

    def stats(self) -> dict[str, Any]:
        """Requests, body bytes sent and counts by status since the last reset."""
        with self._lock:
            return {"requests": self._stats["requests"], "bytes_sent": self._stats["bytes_sent"],
                    "by_status": dict(self._stats["by_status"])}

    def reset_stats(self) -> None:
        """Zero the stats and clear the request log."""
        with self._lock:
            self._stats = {"requests": 0, "bytes_sent": 0, "by_status": {}}
            self._log.clear()

    @property
    def log(self) -> list[tuple[str, str, str, int, int]]:
        """(site, method, path, status, body bytes) of every request, oldest first."""
        with self._lock:
            return list(self._log)

    def url_of(self, article: ReplayArticle) -> str:
        """The absolute URL of an article on this server."""
        return (self.kdpt_url if article.site == "kdpt" else self.tin_url) + article.path

    def _record(self, site: str, method: str, path: str, status: int, nbytes: int) -> None:
        with self._lock:
            self._stats["requests"] += 1
            self._stats["bytes_sent"] += nbytes
            by = self._stats["by_status"]
            by[status] = by.get(status, 0) + 1
            self._log.append((site, method, path, status, nbytes))

    # --- requests ---------------------------------------------------------------------------

    def handle(self, h: BaseHTTPRequestHandler, site: str, head: bool) -> None:
        """Answer one request: resolve, maybe fault, else send (conditional, gzip)."""
        res = self.router.resolve(site, h.path, self._clock, self._faults.robots_disallows(site))
        fault = self._faults.decide(site, h.path, res.kind)
        if fault and self._hard_fault(h, site, res, fault, head):
            return
        if res.status in (301, 302):
            self._send(h, site, res.status, b"", {"Location": res.location or "/"}, head)
            return
        payload, charset = self._encode(res, fault)
        if res.status == 200 and fault is None and self._not_modified(h, payload, res):
            self._send(h, site, 304, b"", self._validators(payload, res), head)
            return
        self._send_payload(h, site, res, payload, charset, fault, head)

    def _article_payload(self, article_id: int, amp: bool, text: str, charset: str) -> _Payload:
        # The page of an article never changes while the server runs: its ETag is its identity.
        etag = encoding.etag_of(f"{article_id}:{amp}:{charset}:{self.kdpt_url}".encode())
        blob = _shared_blob()
        if charset == "utf-8" and blob.text in text:
            prefix, _, suffix = text.partition(blob.text)
            return _BlobPayload(prefix.encode(), blob, suffix.encode(), etag)
        return _Payload(encoding.encode(text, charset), etag)

    def _encode(self, res: Resource, fault: Fault | None) -> tuple[_Payload, str | None]:
        a = res.article
        charset = a.charset if a else "utf-8"
        text = res.text
        if fault and fault.name in ("malformed_feed", "malformed_sitemap"):
            text = feeds.malformed(text)
        if fault and fault.name == "charset_wrong":
            wrong = "utf-8" if charset == "windows-1258" else "windows-1258"
            return _Payload(encoding.encode(text, wrong)), charset
        if fault and fault.name == "charset_missing":
            return _Payload(encoding.to_cp1258(META_CHARSET_RE.sub("", text))), None
        if a is not None:
            return self._payload(a.id, res.kind == "amp", text, charset), charset
        return _Payload(text.encode("utf-8")), charset

    def _validators(self, payload: _Payload, res: Resource) -> dict[str, str]:
        out = {"ETag": payload.etag}
        if res.last_modified:
            out["Last-Modified"] = format_datetime(res.last_modified.astimezone(UTC), usegmt=True)
        return out

    def _not_modified(self, h: BaseHTTPRequestHandler, payload: _Payload, res: Resource) -> bool:
        inm = h.headers.get("If-None-Match")
        if inm:
            tags = {t.strip().removeprefix("W/").replace("-gz\"", "\"") for t in inm.split(",")}
            return payload.etag in tags or "*" in tags
        ims = h.headers.get("If-Modified-Since")
        if ims and res.last_modified:
            try:
                return res.last_modified.replace(microsecond=0) <= parsedate_to_datetime(ims)
            except (TypeError, ValueError):
                return False
        return False

    def _send_payload(self, h: BaseHTTPRequestHandler, site: str, res: Resource,
                      payload: _Payload, charset: str | None, fault: Fault | None,
                      head: bool) -> None:
        body, gz = payload.body, False
        if fault and fault.name == "truncate":
            body = body[: int(len(body) * float(fault.params.get("fraction", 0.5)))]
        accepts_gzip = "gzip" in h.headers.get("Accept-Encoding", "")
        if accepts_gzip and len(body) > 512:
            body = payload.gz if body is payload.body else encoding.gzip_bytes(body)
            gz = True
        ctype = res.content_type + (f"; charset={charset}" if charset else "")
        headers = {"Content-Type": ctype, "Vary": "Accept-Encoding",
                   **self._validators(payload, res)}
        if gz:
            headers["Content-Encoding"] = "gzip"
            headers["ETag"] = payload.etag[:-1] + '-gz"'
        if fault and fault.name == "slow":
            self._send_slow(h, site, res.status, body, headers, fault.params, head)
        else:
            self._send(h, site, res.status, body, headers, head)

    def _send(self, h: BaseHTTPRequestHandler, site: str, status: int, body: bytes,
              headers: dict[str, str], head: bool) -> None:
        h.send_response(status)
        for k, v in headers.items():
            h.send_header(k, v)
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        sent = 0
        if not head and body and status != 304:
            h.wfile.write(body)
            sent = len(body)
        self._record(site, h.command, h.path, status, sent)

    # --- faults -----------------------------------------------------------------------------

    def _hard_fault(self, h: BaseHTTPRequestHandler, site: str, res: Resource, fault: Fault,
                    head: bool) -> bool:
        """Send a fault that replaces the response; False for faults that alter the body."""
        name, p = fault.name, fault.params
        if name in ("status_429", "status_500", "status_503", "not_found"):
            status = {"status_429": 429, "not_found": 404}.get(name) or int(name[-3:])
            extra = {}
            if status == 429 or "retry_after" in p:  # 503 may carry one too, when asked
                extra["Retry-After"] = str(p.get("retry_after", 1))
            self._send_error(h, site, status, extra, head)
        elif name == "reset":
            self._reset(h, site, res, p)
        elif name == "redirect_loop":
            path = h.path.split("?", 1)[0]
            target = path if "loop=1" in h.path else path + "?loop=1"
            base = self.kdpt_url if site == "kdpt" else self.tin_url
            self._send(h, site, 302, b"", {"Location": base + target}, head)
        elif name == "redirect_offsite":
            other = self._servers["tin" if site == "kdpt" else "kdpt"].server_address[1]
            target = p.get("to") or f"http://localhost:{other}{h.path}"
            self._send(h, site, 302, b"", {"Location": str(target)}, head)
        elif name == "huge":
            self._send_huge(h, site, p, head)
        else:
            return False
        return True

    def server_error(self, h: BaseHTTPRequestHandler, site: str, head: bool) -> None:
        """A plain 500 after an internal error (headers may already be out: then just close)."""
        try:
            self._send_error(h, site, 500, {"Connection": "close"}, head)
        except OSError:
            pass

    def _send_error(self, h: BaseHTTPRequestHandler, site: str, status: int,
                    headers: dict[str, str], head: bool) -> None:
        text = STATUS_TEXT.get(status, "Lỗi")
        body = (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{status} {text}'
                f"</title></head><body><h1>{status}</h1><p>{text}</p></body></html>").encode()
        self._send(h, site, status, body, {"Content-Type": "text/html; charset=utf-8",
                                           **headers}, head)

    def _reset(self, h: BaseHTTPRequestHandler, site: str, res: Resource,
               p: dict[str, Any]) -> None:
        """Abort the TCP connection with RST, before any byte or after headers + half a body."""
        sent = 0
        if p.get("when", "before") == "after":
            body = res.text.encode("utf-8")
            h.send_response(200)
            h.send_header("Content-Type", "text/html; charset=utf-8")
            h.send_header("Content-Length", str(len(body)))
            h.end_headers()
            sent = len(body) // 2
            h.wfile.write(body[:sent])
        self._record(site, h.command, h.path, 0, sent)  # status 0: no complete response
        h.close_connection = True
        h.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        h.connection.close()

    def _send_slow(self, h: BaseHTTPRequestHandler, site: str, status: int, body: bytes,
                   headers: dict[str, str], p: dict[str, Any], head: bool) -> None:
        """Headers at once, then the body in `chunks` pieces with `delay_s` before each."""
        delay, chunks = float(p.get("delay_s", 0.5)), max(int(p.get("chunks", 4)), 1)
        h.send_response(status)
        for k, v in headers.items():
            h.send_header(k, v)
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        step = -(-len(body) // chunks) or 1
        for i in range(0, 0 if head else len(body), step):
            time.sleep(delay)
            try:
                h.wfile.write(body[i:i + step])
            except OSError:  # the client gave up: that is what a slow body is for
                h.close_connection = True
                break
        self._record(site, h.command, h.path, status, 0 if head else len(body))

    def _send_huge(self, h: BaseHTTPRequestHandler, site: str, p: dict[str, Any],
                   head: bool) -> None:
        """A body of `size_mb` MB, streamed; gzip-compressed (tiny on the wire) if `compressed`
        and accepted; without Content-Length if `chunked`."""
        size = int(float(p.get("size_mb", 20)) * 1024 * 1024)
        compressed = bool(p.get("compressed")) and "gzip" in h.headers.get("Accept-Encoding", "")
        chunked = bool(p.get("chunked"))
        h.send_response(200)
        h.send_header("Content-Type", "text/html; charset=utf-8")
        if compressed:
            h.send_header("Content-Encoding", "gzip")
        data = _huge_gzip(size) if compressed else None
        total = len(data) if data is not None else size
        h.send_header("Transfer-Encoding" if chunked else "Content-Length",
                      "chunked" if chunked else str(total))
        h.end_headers()
        sent = 0 if head else self._stream(h, data, total, chunked)
        self._record(site, h.command, h.path, 200, sent)

    def _stream(self, h: BaseHTTPRequestHandler, data: bytes | None, total: int,
                chunked: bool) -> int:
        sent = 0
        try:
            while sent < total:
                piece = (data[sent:sent + CHUNK] if data is not None
                         else _huge_piece()[: min(CHUNK, total - sent)])
                h.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece) if chunked else piece)
                sent += len(piece)
            if chunked:
                h.wfile.write(b"0\r\n\r\n")
        except OSError:  # the client stopped reading at its size cap: expected
            h.close_connection = True
        return sent
