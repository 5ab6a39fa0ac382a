"""Charset: header, <meta>, sniffing; UTF-8 and Windows-1258 both decode right."""

from __future__ import annotations

import unicodedata

from extractors.http.charset import decode_body, header_charset, meta_charset

VI = "Kim ngạch xuất nhập khẩu của Lạng Sơn đạt 2,5 tỷ USD, tăng 15,2% so với cùng kỳ năm trước."


def to_cp1258(text: str) -> bytes:
    """Encode NFC Vietnamese as Windows-1258: base letter precomposed, tone as combining mark."""
    out: list[bytes] = []
    for ch in text:
        try:
            out.append(ch.encode("cp1258"))
            continue
        except UnicodeEncodeError:
            pass
        base, *marks = unicodedata.normalize("NFD", ch)
        for i, mark in enumerate(marks):
            rest = "".join(marks[:i] + marks[i + 1:])
            try:
                out.append((unicodedata.normalize("NFC", base + mark) + rest).encode("cp1258"))
                break
            except UnicodeEncodeError:
                continue
        else:
            out.append((base + "".join(marks)).encode("cp1258"))
    return b"".join(out)


def html(body: str, meta: str = "") -> str:
    return f"<html><head>{meta}<title>t</title></head><body><p>{body}</p></body></html>"


def test_utf8_declared() -> None:
    text, enc = decode_body(html(VI).encode(), "text/html; charset=utf-8")
    assert enc == "utf-8" and VI in text


def test_cp1258_with_meta() -> None:
    body = to_cp1258(html(VI, '<meta charset="windows-1258">'))
    text, enc = decode_body(body, "text/html")
    assert enc == "cp1258" and VI in text


def test_cp1258_but_header_says_utf8() -> None:
    text, enc = decode_body(to_cp1258(html(VI)), "text/html; charset=utf-8")
    assert enc == "cp1258" and VI in text


def test_utf8_but_header_says_cp1258() -> None:
    text, enc = decode_body(html(VI).encode(), "text/html; charset=windows-1258")
    assert enc == "utf-8" and VI in text


def test_cp1258_without_any_declaration() -> None:
    text, _ = decode_body(to_cp1258(html(VI)), None)
    assert VI in text


def test_latin1_label_is_read_as_cp1258() -> None:
    text, _ = decode_body(to_cp1258(html(VI)), "text/html; charset=ISO-8859-1")
    assert VI in text


def test_nfd_utf8_is_normalised() -> None:
    text, _ = decode_body(unicodedata.normalize("NFD", VI).encode(), None)
    assert VI in text


def test_bom_wins() -> None:
    text, enc = decode_body(b"\xef\xbb\xbf" + VI.encode(), "text/html; charset=windows-1258")
    assert text == VI and enc == "utf-8"


def test_labels() -> None:
    assert header_charset('text/html; charset="UTF-8"') == "UTF-8"
    assert header_charset("text/html") is None
    assert meta_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=cp1258">') \
        == "cp1258"
    assert meta_charset(b'<?xml version="1.0" encoding="windows-1258"?><rss/>') == "windows-1258"
