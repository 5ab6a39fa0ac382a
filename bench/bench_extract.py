"""Articles per second through extract_figures on one core, for ~6 KB articles.

    python bench/bench_extract.py [--seconds 5]

Two kinds of article, both built from the team's own sentences:
  dense      every paragraph from tests/golden (figure-heavy, like a statistics bulletin)
  realistic  one figure paragraph in three, the rest commentary without figures (FILLER)
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import date
from pathlib import Path

from extractors.figures import extract_figures

GOLDEN = Path(__file__).resolve().parent.parent / "tests" / "golden"
TARGET_BYTES = 6_000
FILLER = [
    "Lãnh đạo tỉnh cho biết sẽ tiếp tục cải cách thủ tục hành chính, rút ngắn thời gian thông "
    "quan và tăng cường đối thoại với doanh nghiệp để kịp thời tháo gỡ vướng mắc phát sinh.",
    "Các sở, ngành được giao chủ động theo dõi diễn biến thị trường, cập nhật chính sách của "
    "các nước đối tác và phổ biến kịp thời tới cộng đồng doanh nghiệp trên địa bàn.",
    "Theo đánh giá của cơ quan chức năng, hạ tầng giao thông kết nối khu vực biên giới đã được "
    "cải thiện rõ rệt, tạo thuận lợi cho lưu thông hàng hóa và đi lại của người dân.",
    "Nhiều doanh nghiệp bày tỏ mong muốn được hỗ trợ về vốn, đào tạo nguồn nhân lực và xúc tiến "
    "thương mại nhằm mở rộng thị trường, nâng cao giá trị gia tăng của sản phẩm.",
    "Tại hội nghị, các đại biểu đã thảo luận, làm rõ những tồn tại, hạn chế và đề xuất nhiều "
    "giải pháp thiết thực cho những tháng cuối năm.",
    "Công tác phòng, chống buôn lậu, gian lận thương mại tiếp tục được tăng cường, góp phần "
    "bảo đảm môi trường kinh doanh lành mạnh, minh bạch.",
]


def build_articles(n: int, seed: int = 7, realistic: bool = False) -> list[str]:
    """n articles of about 6 KB each, from the golden texts' paragraphs (and FILLER)."""
    paragraphs = []
    for path in sorted(GOLDEN.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        paragraphs += [p for p in text.split("\n\n") if len(p) > 80]
    rng = random.Random(seed)
    articles = []
    for i in range(n):
        parts = [f"Tin kinh tế số {i}: xuất nhập khẩu và tăng trưởng"]
        while len("\n\n".join(parts).encode()) < TARGET_BYTES:
            pool = FILLER if realistic and len(parts) % 3 else paragraphs
            parts.append(rng.choice(pool))
        articles.append("\n\n".join(parts))
    return articles


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=5.0, help="how long to measure")
    ap.add_argument("--articles", type=int, default=200, help="distinct articles to cycle")
    ap.add_argument("--kind", choices=("dense", "realistic"), default="realistic")
    ap.add_argument("--passes", type=int, default=None,
                    help="no timing: read the articles this many times, after one warm-up pass "
                         "(for bench/instructions.sh)")
    a = ap.parse_args()
    articles = build_articles(a.articles, realistic=a.kind == "realistic")
    if a.passes is not None:
        _passes(articles, a.passes)
        return
    size = sum(len(x.encode()) for x in articles) / len(articles)
    published = date(2024, 7, 10)  # as the pipeline and the scorer call it: with the date
    for art in articles[:20]:  # warm up: compiled patterns, caches
        extract_figures(art, published)
    done = figures = 0
    start = time.process_time()
    while time.process_time() - start < a.seconds:
        for art in articles:
            figures += len(extract_figures(art, published))
            done += 1
    elapsed = time.process_time() - start
    print(f"articles={done} avg_size={size / 1000:.1f}KB figures/article={figures / done:.1f} "
          f"cpu_seconds={elapsed:.2f}")
    print(f"extract_figures ({a.kind}): {done / elapsed:.0f} articles/s on one core")


def _passes(articles: list[str], n: int) -> None:
    """A warm-up pass (patterns compiled, caches filled), then n more: the work of n passes is
    the difference between runs with n and with 0."""
    published = date(2024, 7, 10)
    for _ in range(n + 1):
        for art in articles:
            extract_figures(art, published)


if __name__ == "__main__":
    main()
