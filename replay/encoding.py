"""Text to bytes for the replay site: UTF-8, Windows-1258 (as Vietnamese sites wrote it), gzip."""

from __future__ import annotations

import gzip
import hashlib
import re
import struct
import unicodedata
import zlib

CP1258 = "cp1258"


def _encodable(text: str) -> bool:
    try:
        text.encode(CP1258)
    except UnicodeEncodeError:
        return False
    return True


def _cluster_cp1258(base: str, marks: list[str]) -> str:
    for i, mark in enumerate(marks):  # â/ă/ê/ô/ơ/ư first, the tone mark stays combining
        merged = unicodedata.normalize("NFC", base + mark)
        if len(merged) == 1 and _encodable(merged):
            return merged + "".join(marks[:i] + marks[i + 1:])
    return base + "".join(marks)


def to_cp1258(text: str) -> bytes:
    """Windows-1258 bytes: base letters with â/ă/ê/ô/ơ/ư precomposed, tone marks combining.

    cp1258 has no precomposed toned letters (ạ, ấ, …), so the text is decomposed and each base
    letter is recomposed with the one mark cp1258 has a precomposed letter for.
    """
    out: list[str] = []
    for cluster in re.findall(r".[\u0300-\u036f]*", unicodedata.normalize("NFD", text), re.S):
        out.append(_cluster_cp1258(cluster[0], list(cluster[1:])) if len(cluster) > 1
                   else cluster)
    return "".join(out).encode(CP1258, errors="xmlcharrefreplace")


def from_cp1258(data: bytes) -> str:
    """Text from Windows-1258 bytes, recomposed (NFC)."""
    return unicodedata.normalize("NFC", data.decode(CP1258))


def encode(text: str, charset: str) -> bytes:
    """Bytes of `text` in `charset` ("utf-8" or "windows-1258")."""
    return to_cp1258(text) if charset.lower() == "windows-1258" else text.encode("utf-8")


def etag_of(body: bytes) -> str:
    """A strong ETag of a representation."""
    return '"' + hashlib.blake2b(body, digest_size=10).hexdigest() + '"'


def gzip_bytes(body: bytes) -> bytes:
    """Gzip at a fast level (the server compresses per request, like nginx's default 1)."""
    return gzip.compress(body, compresslevel=1, mtime=0)


class SharedBlob:
    """A large piece of markup every heavy page carries, encoded and deflated once.

    Deflate blocks made by a fresh compressor never refer to earlier data, so the blob's
    pre-deflated blocks can be spliced between the page's own parts (each flushed to a byte
    boundary) to make one valid gzip stream without compressing the blob again per request.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.raw = text.encode("utf-8")
        self.deflated = _deflate(self.raw, zlib.Z_SYNC_FLUSH)

    def join(self, prefix: bytes, suffix: bytes) -> bytes:
        """The plain body: prefix + blob + suffix."""
        return b"".join((prefix, self.raw, suffix))

    def gzip(self, prefix: bytes, suffix: bytes) -> bytes:
        """The gzip body of prefix + blob + suffix, the blob's part pre-deflated."""
        crc = zlib.crc32(suffix, zlib.crc32(self.raw, zlib.crc32(prefix)))
        size = len(prefix) + len(self.raw) + len(suffix)
        return b"".join((GZIP_HEADER, _deflate(prefix, zlib.Z_SYNC_FLUSH), self.deflated,
                         _deflate(suffix, zlib.Z_FINISH),
                         struct.pack("<II", crc & 0xFFFFFFFF, size & 0xFFFFFFFF)))


GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"  # deflate, no name, mtime 0, OS unknown


def _deflate(data: bytes, mode: int) -> bytes:
    c = zlib.compressobj(1, zlib.DEFLATED, -zlib.MAX_WBITS)  # raw deflate, fast level
    return c.compress(data) + c.flush(mode)
