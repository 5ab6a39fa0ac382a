"""Any text, however broken, gives figures with valid offsets and periods, never an exception."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

from extractors.figures import check_figures, extract_figures
from extractors.figures.sentences import MAX_SENTENCE, paragraphs

GOLDEN = Path(__file__).parent / "golden"
NOISE = "0123456789.,%/-–() \nđăâêôơư tỷ triệu nghìn USD đồng tháng quý năm tăng giảm bằng đạt ;:"


def test_random_slices_and_noise_never_break_the_extractor() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(GOLDEN.glob("*.txt"))]
    rng = random.Random(20240627)
    for _ in range(400):
        text = rng.choice(texts)
        a = rng.randrange(len(text))
        piece = text[a:a + rng.randrange(1, 500)]
        if rng.random() < 0.5:
            piece = "".join(rng.choice(NOISE) for _ in range(rng.randrange(1, 120))) + piece
        published = rng.choice([None, date(2024, 6, 27), date(2019, 1, 3)])
        figures = extract_figures(piece, published, number_format=rng.choice(["vi", "en"]))
        check_figures(figures)
        for f in figures:
            assert 0 <= f.start < f.end <= len(piece)
            assert f.period_start <= f.period_end
            assert f.sentence and piece[f.start:f.end] in f.sentence


def test_empty_and_whitespace_texts() -> None:
    assert extract_figures("") == []
    assert extract_figures(" \n\n \t") == []


def test_decomposed_input_gives_offsets_into_the_text_as_given() -> None:
    import unicodedata

    text = (GOLDEN / "seed_langson.txt").read_text(encoding="utf-8")
    nfd = unicodedata.normalize("NFD", text)
    composed = extract_figures(text, date(2024, 6, 27))
    decomposed = extract_figures(nfd, date(2024, 6, 27))
    assert [f.value for f in decomposed] == [f.value for f in composed]
    for a, b in zip(composed, decomposed, strict=True):
        assert unicodedata.normalize("NFC", nfd[b.start:b.end]) == text[a.start:a.end]


def test_a_table_flattened_into_one_line_is_read_in_bounded_pieces() -> None:
    # reading a sentence costs its length for each of its numbers: a 400 KB line of figures
    # must not be one sentence (it took minutes), and nothing of it may be lost
    line = "Kim ngạch xuất khẩu của Hà Nội " + ", ".join(
        f"tháng {i % 12 + 1}/2023 tăng {i % 50},5%" for i in range(20000)) + "."
    (par,) = paragraphs(line)
    pieces = par.sentences()
    assert max(len(s.text) for s in pieces) <= MAX_SENTENCE
    assert "".join(s.text for s in pieces) == line  # cut, never dropped
    assert all(line[s.start:s.end] == s.text for s in pieces)
    assert any(f.value == 49.5 for f in extract_figures(line, date(2024, 7, 1)))
