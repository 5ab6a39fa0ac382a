"""A warehouse for the report's tests: the replay corpus read by the real extractor (series,
syndicated copies, a revised estimate, checks), the sample's revision, two articles of one day
that disagree (a conflict), and one hostile article (markup in its title and sentences, a
figure below the confidence threshold, a failed check). No network and no Prefect."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

from extractors.figures import EXTRACTOR_VERSION, check_figures, extract_figures
from extractors.model import Check
from replay.corpus import load_corpus
from tests.helpers import sample
from warehouse import db, load
from warehouse.batch import Batch, ExtractedArticle

HOSTILE_TITLE = '<script>alert("title")</script> Lạng Sơn & "quotes"'
HOSTILE_SENTENCE = ('Kim ngạch <img src=x onerror=alert(1)> đạt <b>9.999</b> triệu USD '
                    '</blockquote><script>alert(2)</script>')
HOSTILE_URL = 'https://hostile.example/bai?x="><script>alert(3)</script>'
LOW_CONFIDENCE = 0.2


def replay_batches() -> list[Batch]:
    """The replay corpus, one batch per site, read by the extractor as a run reads it."""
    batches = []
    for site in ("kdpt", "tin"):
        batch = Batch(run_id=f"report-{site}", source=site,
                      at=datetime(2025, 1, 10, tzinfo=UTC))
        for a in load_corpus():
            if a.site != site:
                continue
            text = "\n".join((a.sapo, *a.paragraphs))
            figures = extract_figures(text, published=a.published.date(), title=a.title)
            item = sample.article(f"https://{site}.example{a.path}", text, a.published,
                                  source=site, title=a.title)
            batch.articles.append(ExtractedArticle(item, tuple(figures),
                                                   tuple(check_figures(figures)),
                                                   EXTRACTOR_VERSION))
        batches.append(batch)
    return batches


def hostile_batch() -> Batch:
    """One article whose every string is markup, with a low-confidence figure and a failed
    check."""
    period = (date(2021, 1, 1), date(2021, 12, 31))
    figures = (
        sample.fig("export", 9_999_000_000, period=period, sentence=HOSTILE_SENTENCE),
        sample.fig("import", 1_000_000_000, period=period, sentence=HOSTILE_SENTENCE,
                   start=40),
        sample.fig("trade_total", 99_000_000_000, period=period, sentence=HOSTILE_SENTENCE,
                   start=80),
    )
    low = sample.fig("trade_balance", 5_000_000_000, period=period, start=120,
                     sentence=HOSTILE_SENTENCE)
    figures += (replace(low, confidence=LOW_CONFIDENCE,
                        confidence_reasons=("<i>region inherited</i>",)),)
    checks = (Check("components_vs_total", "mismatch",
                    "export + import = 11.0 bn USD <> total 99.0 bn USD <script>", (0, 1, 2)),)
    published = datetime(2022, 1, 15, 9, tzinfo=UTC)
    item = sample.article(HOSTILE_URL, "Bài viết " + HOSTILE_SENTENCE * 3, published,
                          source="hostile<site>", title=HOSTILE_TITLE)
    batch = Batch(run_id="report-hostile", source="hostile<site>", at=published)
    batch.articles.append(ExtractedArticle(item, figures, checks, EXTRACTOR_VERSION))
    return batch


def disagreeing_batches() -> list[Batch]:
    """Two sites reporting different final values of one series and period on the same day:
    a conflict (the replay corpus's own sites agree)."""
    h1 = (date(2021, 1, 1), date(2021, 6, 30))
    published = datetime(2021, 7, 10, 8, tzinfo=UTC)
    batches = []
    for site, value in (("baoa", 1_200_000_000), ("baob", 1_500_000_000)):
        sentence = f"Sáu tháng đầu năm 2021, xuất khẩu của Lạng Sơn đạt {value // 10**6} triệu USD."
        item = sample.article(f"https://{site}.example/xuat-khau-6-thang-2021", sentence * 2,
                              published, source=site, title=f"{site}: xuất khẩu 6 tháng")
        batch = Batch(run_id=f"report-{site}", source=site, at=published)
        batch.articles.append(ExtractedArticle(
            item, (sample.fig("export", value, period=h1, sentence=sentence),), (),
            EXTRACTOR_VERSION))
        batches.append(batch)
    return batches


def build(path: Path, *, replay: bool = True) -> Path:
    """A warehouse at `path` with the sample's seed story and its revision, the hostile
    article and (unless `replay` is false) the replay corpus."""
    batches = [sample.first_batch(), sample.revision_batch(), hostile_batch(),
               *disagreeing_batches()]
    if replay:
        batches = replay_batches() + batches
    with db.connect(path, wait_s=5) as con:
        for batch in batches:
            load.load_batch(con, batch)
    return path
