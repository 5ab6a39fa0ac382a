"""Content dedupe: normalised-text hashes and MinHash signatures with LSH bands."""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib
from functools import lru_cache

import numpy as np

NUM_PERM = 128
SHINGLE_WORDS = 5
# Measured on the replay corpus (short articles, ~160-280 words): a syndicated copy with a new
# headline and lead sentence scores 0.60-0.70 against its original, unrelated articles at most
# 0.09. So 0.5, not the 0.8 usual for long texts. 32 bands x 4 rows make a pair at 0.5 a
# candidate with p = 0.87, at 0.6 with p = 0.99, at 0.1 with p = 0.003 (few signatures to check).
THRESHOLD = 0.5
BANDS, ROWS = 32, 4
MIN_WORDS = 20  # shorter texts are only deduplicated by their exact hash

_WORD = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> list[str]:
    """Lowercased NFC words of a text, punctuation and spacing dropped."""
    return _WORD.findall(unicodedata.normalize("NFC", text).casefold())


def text_hash(text: str, ws: list[str] | None = None) -> str | None:
    """md5 of the normalised words (`ws`: words(text), when already split); None for an empty
    text (never a duplicate)."""
    ws = words(text) if ws is None else ws
    if not ws:
        return None
    return hashlib.md5(" ".join(ws).encode("utf-8")).hexdigest()


@lru_cache(maxsize=1)
def _permutations() -> np.ndarray:
    """datasketch's permutations for seed 1, built once (building them costs more than hashing)."""
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=1, scheme="affine32").permutations


def _identity(value: int) -> int:
    return value


_WORD_HASHES: dict[str, int] = {}  # news vocabulary is small: most words are seen before


def _word_hash(word: str) -> int:
    if len(_WORD_HASHES) > 500_000:
        _WORD_HASHES.clear()
    h = _WORD_HASHES[word] = zlib.crc32(word.encode("utf-8")) or 1  # 0 would miss the cache
    return h


def shingle_hashes(ws: list[str]) -> np.ndarray:
    """Distinct 32-bit hashes of the 5-word shingles, computed with numpy (stable across runs:
    crc32 of each word, combined as a polynomial that wraps at 2**64, folded to 32 bits)."""
    words_h = _word_hashes(ws)
    n = len(ws) - SHINGLE_WORDS + 1
    h = np.zeros(n, dtype=np.uint64)
    for j in range(SHINGLE_WORDS):
        h = h * np.uint64(0x100000001B3) + words_h[j:j + n]
    return np.unique((h >> np.uint64(32)) ^ (h & np.uint64(0xFFFFFFFF)))


def signature(ws: list[str]) -> np.ndarray | None:
    """MinHash (uint32 x 128) of the 5-word shingles by datasketch; None below MIN_WORDS words."""
    if len(ws) < MIN_WORDS:
        return None
    from datasketch import MinHash

    # The same seed and scheme in every run, so stored signatures stay comparable; shingles
    # arrive hashed (datasketch's default sha1 per shingle was most of the load's Python time).
    mh = MinHash(num_perm=NUM_PERM, seed=1, hashfunc=_identity, permutations=_permutations(),
                 scheme="affine32")
    mh.update_batch(shingle_hashes(ws).tolist())
    return mh.hashvalues.astype(np.uint32)


_CHUNK = 64  # articles per numpy pass: 64 x ~300 shingles x 128 uint32 (10 MB; 256 was slower)
# ... and at most this many words per pass, so long articles keep a pass near 10 MB too (100
# articles of 10,000 words in one pass took 330 MB: bench/bench_hostile.py)
_CHUNK_WORDS = 16_000
_M1, _M2 = np.uint32(0x85EBCA6B), np.uint32(0xC2B2AE35)  # MurmurHash3's 32-bit finaliser


def _fmix32(h: np.ndarray) -> np.ndarray:
    h = h ^ (h >> np.uint32(16))
    h = h * _M1
    h = h ^ (h >> np.uint32(13))
    h = h * _M2
    return h ^ (h >> np.uint32(16))


def _word_hashes(ws: list[str]) -> np.ndarray:
    return np.fromiter((_WORD_HASHES.get(w) or _word_hash(w) for w in ws), dtype=np.uint64,
                       count=len(ws))


def _chunk_shingles(word_lists: list[list[str]]) -> tuple[np.ndarray, np.ndarray]:
    """Shingle hashes of several texts in one array (repeats kept: they do not change a minimum),
    and where each text's shingles start."""
    words_h = np.concatenate([_word_hashes(ws) for ws in word_lists])
    n = len(words_h) - SHINGLE_WORDS + 1
    h = np.zeros(n, dtype=np.uint64)
    for j in range(SHINGLE_WORDS):
        h = h * np.uint64(0x100000001B3) + words_h[j:j + n]
    lengths = np.array([len(ws) for ws in word_lists])
    starts = np.cumsum(lengths) - lengths
    keep = np.concatenate([np.arange(s, s + k - SHINGLE_WORDS + 1)
                           for s, k in zip(starts, lengths, strict=True)])
    folded = ((h >> np.uint64(32)) ^ (h & np.uint64(0xFFFFFFFF)))[keep].astype(np.uint32)
    counts = lengths - SHINGLE_WORDS + 1
    return folded, np.cumsum(counts) - counts


def signatures(word_lists: list[list[str]]) -> list[np.ndarray | None]:
    """signature() of many texts at once: the same values as datasketch's affine32 MinHash
    (tests/test_warehouse_dedupe.py checks it), a few numpy passes instead of one per text."""
    a, b = _permutations()
    out: list[np.ndarray | None] = [None] * len(word_lists)
    todo = [i for i, ws in enumerate(word_lists) if len(ws) >= MIN_WORDS]
    for chunk in _passes(todo, word_lists):
        hashes, offsets = _chunk_shingles([word_lists[i] for i in chunk])
        if len(chunk) == 1:  # one long text: its minimum over slices, never a huge matrix
            out[chunk[0]] = np.min([(_fmix32(hashes[k:k + _CHUNK_WORDS])[:, None] * a + b)
                                    .min(axis=0) for k in range(0, len(hashes), _CHUNK_WORDS)],
                                   axis=0)
            continue
        permuted = _fmix32(hashes)[:, None] * a + b  # wraps at 2**32
        for i, sig in zip(chunk, np.minimum.reduceat(permuted, offsets, axis=0), strict=True):
            out[i] = sig
    return out


def _passes(todo: list[int], word_lists: list[list[str]]) -> list[list[int]]:
    """`todo` in order, cut into passes of at most _CHUNK texts and about _CHUNK_WORDS words
    (a longer text alone)."""
    passes: list[list[int]] = []
    words = 0
    for i in todo:
        n = len(word_lists[i])
        if not passes or len(passes[-1]) >= _CHUNK or (words + n > _CHUNK_WORDS and passes[-1]):
            passes.append([])
            words = 0
        passes[-1].append(i)
        words += n
    return passes


def to_blob(sig: np.ndarray | None) -> bytes | None:
    """The signature as 512 little-endian bytes for the minhash column."""
    return None if sig is None else sig.astype("<u4").tobytes()


def from_blob(blob: bytes) -> np.ndarray:
    """A signature read back from the minhash column."""
    return np.frombuffer(blob, dtype="<u4")


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.mean(a == b))


_BAND_MIX = np.array([0x9E3779B97F4A7C15 >> i for i in range(ROWS)], dtype=np.uint64)


def bands(sig: np.ndarray) -> list[tuple[int, str]]:
    """The LSH buckets of a signature: (band, 64-bit hex of its rows combined)."""
    return bands_many([sig])[0]


def band_keys(sigs: list[np.ndarray]) -> np.ndarray:
    """The 64-bit LSH keys of many signatures (uint64, one row of BANDS per signature); the
    bucket names are their 16-digit hex (format('{:016x}', key) in SQL)."""
    if not sigs:
        return np.empty((0, BANDS), dtype=np.uint64)
    rows = np.stack(sigs).astype(np.uint64).reshape(len(sigs), BANDS, ROWS)
    return (rows * _BAND_MIX).sum(axis=2)  # wraps at 2**64: a hash of each band's values


def bands_many(sigs: list[np.ndarray]) -> list[list[tuple[int, str]]]:
    """bands() of many signatures in one numpy pass."""
    return [list(enumerate(f"{k:016x}" for k in row)) for row in band_keys(sigs).tolist()]
