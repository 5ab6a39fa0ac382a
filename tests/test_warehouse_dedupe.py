"""Content fingerprints: normalised text hashes, MinHash signatures (datasketch-equal), bands."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from replay.corpus import load_corpus
from tests.helpers import sample
from warehouse import db, dedupe, load


def test_text_hash_ignores_case_spacing_and_punctuation() -> None:
    a = dedupe.text_hash("Lạng Sơn: kim ngạch  tăng 37,28%.\n")
    b = dedupe.text_hash("lạng sơn kim ngạch tăng 37 28")
    assert a == b and a != dedupe.text_hash("Lạng Sơn: kim ngạch giảm 37,28%.")
    assert dedupe.text_hash("  ... ") is None


def test_nfd_and_nfc_spellings_hash_alike() -> None:
    import unicodedata

    text = "Thứ năm, kim ngạch xuất khẩu của tỉnh Lạng Sơn"
    assert dedupe.text_hash(unicodedata.normalize("NFD", text)) == dedupe.text_hash(text)


def test_batch_signatures_equal_datasketch_minhash() -> None:
    texts = [a.text for a in load_corpus()] + ["quá ngắn"]
    word_lists = [dedupe.words(t) for t in texts]
    for ws, sig in zip(word_lists, dedupe.signatures(word_lists), strict=True):
        ref = dedupe.signature(ws)
        assert (sig is None and ref is None) or np.array_equal(sig, ref)


def test_syndicated_copy_is_similar_unrelated_text_is_not() -> None:
    body = dedupe.words(sample._BODY)
    copy = dedupe.words("Lạng Sơn đẩy mạnh thông quan hàng hóa nửa đầu năm. " + sample._BODY)
    other = dedupe.words(sample.revision_batch().articles[0].article.text)
    sig_body, sig_copy, sig_other = dedupe.signatures([body, copy, other])
    assert dedupe.similarity(sig_body, sig_copy) >= dedupe.THRESHOLD
    assert dedupe.similarity(sig_body, sig_other) < 0.2
    shared = set(dedupe.bands(sig_body)) & set(dedupe.bands(sig_copy))
    assert shared, "a near duplicate must share an LSH bucket to be found"


def test_signature_round_trips_through_the_blob() -> None:
    (sig,) = dedupe.signatures([dedupe.words(sample._BODY)])
    assert np.array_equal(dedupe.from_blob(dedupe.to_blob(sig)), sig)
    assert len(dedupe.bands(sig)) == dedupe.BANDS


def test_stored_lsh_buckets_are_the_signature_bands(tmp_path: Path) -> None:
    with db.connect(tmp_path / "w.duckdb", wait_s=5) as con:
        load.load_batch(con, sample.synthetic_batch("lsh", 30, 1))
        stored = con.execute("select a.minhash, list((l.band, l.bucket) order by l.band) "
                             "from article_lsh as l join stored_articles as a using (article_id) "
                             "group by all").fetchall()
    assert len(stored) == 30
    for blob, buckets in stored:
        assert [tuple(b) for b in buckets] == dedupe.bands(dedupe.from_blob(blob))
