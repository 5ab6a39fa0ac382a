"""Raw pages: kept compressed with status, headers and fetch time; 304 answers touch last_seen."""

from __future__ import annotations

import hashlib
import json
import zlib
from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING

from extractors.model import Page
from warehouse.stage import stage, utc

if TYPE_CHECKING:
    import duckdb

PAGE_COLUMNS = {
    "url": "varchar", "source": "varchar", "final_url": "varchar", "status": "integer",
    "headers": "json", "body": "blob", "body_codec": "varchar", "body_bytes": "integer",
    "encoding": "varchar", "content_hash": "varchar", "etag": "varchar",
    "last_modified": "varchar", "fetched_at": "timestamp", "run_id": "varchar",
}


def _header(headers: dict[str, str], name: str) -> str | None:
    for k, v in headers.items():
        if k.lower() == name:
            return v
    return None


def _row(page: Page, source: str, run_id: str) -> tuple:
    body = page.body or b""
    headers = {str(k): str(v) for k, v in (page.headers or {}).items()}
    return (page.url, source, page.final_url or page.url, page.status,
            json.dumps(headers, ensure_ascii=False, sort_keys=True), zlib.compress(body, 6),
            "zlib", len(body), page.encoding, hashlib.md5(body).hexdigest(),
            _header(headers, "etag"), _header(headers, "last-modified"),
            utc(page.fetched_at), run_id)


def store_pages(con: duckdb.DuckDBPyConnection, pages: Iterable[Page], source: str,
                run_id: str) -> int:
    """Upsert fetched pages on their URL (the latest fetch wins); returns how many were kept."""
    rows = [_row(p, source, run_id) for p in pages if not p.not_modified]
    stage(con, "stg_pages", PAGE_COLUMNS, rows)
    con.execute("""
        insert into raw_pages
        with ranked as (
            select
                *,
                row_number() over (
                    partition by url
                    order by fetched_at desc, content_hash
                ) as rank
            from stg_pages
        )
        select
            url, source, final_url, status, headers, body, body_codec, body_bytes, encoding,
            content_hash, etag, last_modified, fetched_at,
            fetched_at as first_fetched,
            fetched_at as last_seen,
            run_id
        from ranked
        where rank = 1
        on conflict (url) do update set
            source = excluded.source,
            final_url = excluded.final_url,
            status = excluded.status,
            headers = excluded.headers,
            body = excluded.body,
            body_codec = excluded.body_codec,
            body_bytes = excluded.body_bytes,
            encoding = excluded.encoding,
            content_hash = excluded.content_hash,
            etag = excluded.etag,
            last_modified = excluded.last_modified,
            fetched_at = greatest(raw_pages.fetched_at, excluded.fetched_at),
            first_fetched = least(raw_pages.first_fetched, excluded.first_fetched),
            last_seen = greatest(raw_pages.last_seen, excluded.last_seen),
            run_id = excluded.run_id
    """)
    return len(rows)


def touch_not_modified(con: duckdb.DuckDBPyConnection, seen: dict[str, datetime]) -> int:
    """Move last_seen of pages and articles answered 304; nothing else changes."""
    rows = [(url, utc(at)) for url, at in seen.items()]
    stage(con, "stg_seen", {"url": "varchar", "seen_at": "timestamp"}, rows)
    for table in ("raw_pages", "stored_articles"):
        con.execute(f"""
            update {table} as t
            set last_seen = greatest(t.last_seen, s.seen_at)
            from stg_seen as s
            where s.url = t.url
        """)
    return len(rows)
