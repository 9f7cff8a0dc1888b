"""Document benchmarks: slides to PPTX, a written plan to PDF and DOCX, PPTX import.

    .venv/bin/python bench/bench_documents.py

Prints Markdown table rows: measurement | result | target | peer | ratio.
Each time is the median of 5 runs (one warm-up first: fonts registered,
modules imported).  Peer: the same 40-slide outline as Markdown through
``pandoc -o x.pptx`` (Debian's pandoc), when installed; pandoc does no
layout, shrinking or theming, so it is the floor of what writing a PPTX costs.
"""

from __future__ import annotations

import hashlib
import io
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lecturer_app.core.model import Bullet, ImageRef, Slide, Topic  # noqa: E402
from lecturer_app.core.store.blobs import BlobStore  # noqa: E402
from lecturer_app.exporters.plan_document import PlanDocument  # noqa: E402
from lecturer_app.exporters.plan_docx import write_plan_docx  # noqa: E402
from lecturer_app.exporters.plan_pdf import write_plan_pdf  # noqa: E402
from lecturer_app.exporters.pptx_writer import write_pptx  # noqa: E402
from lecturer_app.formats.slide_layout import layout_deck, load_theme  # noqa: E402
from lecturer_app.importers.pptx_import import read_pptx  # noqa: E402

RUNS = 5
SENTENCE = ("Đảng Cộng sản Việt Nam lãnh đạo cách mạng Việt Nam giành độc lập dân tộc, thống nhất đất nước, "
            "đi lên chủ nghĩa xã hội và tiến hành công cuộc đổi mới")


def row(name: str, value: str, target: str, peer: str = "–", ratio: str = "–") -> None:
    print(f"| {name} | {value} | {target} | {peer} | {ratio} |", flush=True)


def median_time(func) -> float:
    func()
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def pictures(count: int) -> dict[str, bytes]:
    from PIL import Image

    found = {}
    for n in range(count):
        buffer = io.BytesIO()
        Image.new("RGB", (1600, 900), (20 * n % 255, 60, 120)).save(buffer, format="JPEG", quality=85)
        found[hashlib.sha256(buffer.getvalue()).hexdigest()] = buffer.getvalue()
    return found


def deck(images: dict[str, bytes], count: int = 40) -> list[Slide]:
    hashes = list(images)
    slides = [Slide(layout="title", title="Khái quát lịch sử Đảng Cộng sản Việt Nam", subtitle="Bài 1")]
    for n in range(1, count):
        if n % 4 == 0 and hashes:
            sha = hashes.pop()
            slides.append(Slide(layout="image", title=f"Ảnh tư liệu {n}", images=[ImageRef(sha, f"{n}.jpg")],
                                bullets=[Bullet(SENTENCE)]))
        else:
            slides.append(Slide(title=f"Nội dung {n}: quá trình lãnh đạo của Đảng",
                                bullets=[Bullet(f"{SENTENCE} ({n}.{k})", k % 3) for k in range(6)],
                                notes="Nhấn mạnh ý chính, liên hệ thực tiễn địa phương."))
    return slides


def markdown_outline(slides: list[Slide]) -> str:
    parts = []
    for slide in slides:
        parts.append(f"# {slide.title}\n")
        parts.extend("  " * b.level + f"- {b.text}\n" for b in slide.bullets)
        parts.append("\n")
    return "".join(parts)


def plan(pages: int = 30) -> PlanDocument:
    """About one A4 page of plan text per section group (measured: 30+ pages)."""
    sections = []
    for n in range(1, pages + 1):
        body = "".join(f"- {SENTENCE}; ý {k}.\n" for k in range(6))
        body += f"\n{SENTENCE}. " * 4 + "\n\n| Bước | Nội dung | Thời gian |\n|---|---|---|\n"
        body += "".join(f"| {k}. Bước | {SENTENCE} | 10 phút |\n" for k in range(1, 4))
        sections.append((f"{n}. NỘI DUNG PHẦN {n}", body))
    return PlanDocument(Topic(code="BENCH", title="Chuyên đề đo hiệu năng"), {"ten_bai": "Chuyên đề đo hiệu năng"},
                        sections)


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="bench-documents-"))
    images = pictures(10)
    slides = deck(images)
    theme = load_theme("trang_trong")

    def export_deck() -> None:
        write_pptx(layout_deck(slides, theme, footer="Trung tâm chính trị · Bài 1"), folder / "deck.pptx",
                   theme=theme, images=images.get)

    ours = median_time(export_deck)
    peer, ratio = "–", "–"
    if shutil.which("pandoc"):
        (folder / "deck.md").write_text(markdown_outline(slides), encoding="utf-8")
        pandoc = median_time(lambda: subprocess.run(["pandoc", str(folder / "deck.md"), "-o", str(folder / "p.pptx")],
                                                    check=True))
        peer, ratio = f"pandoc {pandoc:.2f} s", f"{ours / pandoc:.2f}×"
    row("40-slide deck with 10 images → PPTX (layout + write)", f"{ours:.2f} s", "≤ 1.0 s", peer, ratio)

    document = plan()
    pdf_pages = write_plan_pdf(document, folder / "plan.pdf", images=lambda s: None)
    pdf = median_time(lambda: write_plan_pdf(document, folder / "plan.pdf", images=lambda s: None))
    row(f"{pdf_pages}-page written plan → PDF", f"{pdf:.2f} s", "≤ 1.5 s")
    docx = median_time(lambda: write_plan_docx(document, folder / "plan.docx", images=lambda s: None))
    row(f"{pdf_pages}-page written plan → DOCX", f"{docx:.2f} s", "≤ 1.0 s")

    big = deck({}, 100)
    write_pptx(layout_deck(big, theme), folder / "big.pptx", theme=theme, images=lambda s: None)
    blobs = BlobStore(folder / "blobs")
    imported = median_time(lambda: read_pptx(folder / "big.pptx", blobs))
    row("import of a 100-slide PPTX", f"{imported:.2f} s", "≤ 2 s")
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
