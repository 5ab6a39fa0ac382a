"""Content dedupe: normalised-text hashes and MinHash signatures with LSH bands."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

import numpy as np

NUM_PERM = 128
SHINGLE_WORDS = 5
BANDS, ROWS = 16, 8  # 16 x 8 = 128; candidates from ~0.7 Jaccard, then checked exactly
THRESHOLD = 0.8
MIN_WORDS = 20  # shorter texts are only deduplicated by their exact hash

_WORD = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> list[str]:
    """Lowercased NFC words of a text, punctuation and spacing dropped."""
    return _WORD.findall(unicodedata.normalize("NFC", text).casefold())


def text_hash(text: str) -> str | None:
    """md5 of the normalised words; None for an empty text (never a duplicate)."""
    ws = words(text)
    if not ws:
        return None
    return hashlib.md5(" ".join(ws).encode("utf-8")).hexdigest()


@lru_cache(maxsize=1)
def _permutations() -> np.ndarray:
    """datasketch's permutations for seed 1, built once (building them costs more than hashing)."""
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=1, scheme="affine32").permutations


def signature(ws: list[str]) -> np.ndarray | None:
    """MinHash (uint32 x 128) of the 5-word shingles; None below MIN_WORDS words."""
    if len(ws) < MIN_WORDS:
        return None
    from datasketch import MinHash

    shingles = {" ".join(ws[i:i + SHINGLE_WORDS]).encode("utf-8")
                for i in range(len(ws) - SHINGLE_WORDS + 1)}
    # The same seed and scheme in every run, so stored signatures stay comparable.
    mh = MinHash(num_perm=NUM_PERM, seed=1, permutations=_permutations(), scheme="affine32")
    mh.update_batch(list(shingles))
    return mh.hashvalues.astype(np.uint32)


def to_blob(sig: np.ndarray | None) -> bytes | None:
    """The signature as 512 little-endian bytes for the minhash column."""
    return None if sig is None else sig.astype("<u4").tobytes()


def from_blob(blob: bytes) -> np.ndarray:
    """A signature read back from the minhash column."""
    return np.frombuffer(blob, dtype="<u4")


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.mean(a == b))


def bands(sig: np.ndarray) -> list[tuple[int, str]]:
    """The LSH buckets of a signature: (band, md5 of its rows)."""
    raw = sig.astype("<u4")
    return [(b, hashlib.md5(raw[b * ROWS:(b + 1) * ROWS].tobytes()).hexdigest()[:16])
            for b in range(BANDS)]
