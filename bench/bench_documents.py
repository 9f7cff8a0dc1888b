"""Document benchmarks: slides to PPTX, a written plan to PDF and DOCX, PPTX import.

    .venv/bin/python bench/bench_documents.py

Prints Markdown table rows: measurement | result | target | peer | ratio.
Each time is the median of 5 runs (one warm-up first: fonts registered,
modules imported).  Peer: the same 40-slide outline as Markdown through
``pandoc -o x.pptx`` (Debian's pandoc), when installed; pandoc does no
layout, shrinking or theming, so it is the floor of what writing a PPTX costs.

The deck is also exported by a fresh ``lecturer-app lesson export --format
pptx`` process from a data folder holding it (issue #16's goal: ≤ 1.0× pandoc
as whole processes), taking turns with ``pandoc`` for ``WHOLE_ROUNDS`` rounds
(the first side alternating); the ratio is the median of the per-round
ratios with their min–max, and both peak RSS come from
``bench/whole_process.py``.  The app's modules are byte-compiled first, as an
installed app's are.
"""

from __future__ import annotations

import compileall
import hashlib
import io
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import whole_process  # noqa: E402
from bench.paired import paired_range  # noqa: E402
from lecturer_app.core.model import Bullet, ImageRef, Slide, SlideDeck, Topic  # noqa: E402
from lecturer_app.core.store.blobs import BlobStore  # noqa: E402
from lecturer_app.exporters.plan_document import PlanDocument  # noqa: E402
from lecturer_app.exporters.plan_docx import write_plan_docx  # noqa: E402
from lecturer_app.exporters.plan_pdf import write_plan_pdf  # noqa: E402
from lecturer_app.exporters.pptx_writer import write_pptx  # noqa: E402
from lecturer_app.formats.slide_layout import layout_deck, load_theme  # noqa: E402
from lecturer_app.importers.pptx_import import read_pptx  # noqa: E402

RUNS = 5
WHOLE_ROUNDS = 7
ROOT = Path(__file__).resolve().parents[1]
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


def deck_folder(data: Path, images: dict[str, bytes], slides: list[Slide]) -> None:
    """A data folder whose topic BENCH-DECK has *slides* as its deck and *images* in the blob store."""
    from lecturer_app.core.workspace import open_workspace

    workspace = open_workspace(data, import_shipped_bank=False)
    for blob in images.values():
        workspace.blobs.put_bytes(blob)
    topic = Topic(code="BENCH-DECK", title="Khái quát lịch sử Đảng Cộng sản Việt Nam")
    workspace.store.save(topic)
    deck_record = SlideDeck(topic_id=topic.id, title=topic.title)
    workspace.store.save(deck_record)
    with workspace.store.transaction():
        for number, slide in enumerate(slides):
            slide.deck_id, slide.topic_id, slide.position = deck_record.id, topic.id, f"{number:04d}"
            workspace.store.save(slide)
    workspace.close()


def whole_process_deck(folder: Path, images: dict[str, bytes], slides: list[Slide]) -> None:
    """The deck exported by a fresh CLI process and by pandoc, taking turns; one row."""
    deck_folder(folder / "data", images, slides)
    (folder / "whole.md").write_text(markdown_outline(slides), encoding="utf-8")
    compileall.compile_dir(ROOT / "lecturer_app", quiet=1)
    ours_cmd = [sys.executable, "-m", "lecturer_app", "--data-dir", str(folder / "data"), "lesson", "export",
                "BENCH-DECK", "--format", "pptx", "-o", str(folder / "whole.pptx")]
    peer_cmd = ["pandoc", str(folder / "whole.md"), "-o", str(folder / "whole_pandoc.pptx")]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    runs: dict[str, list[whole_process.Measured]] = {"ours": [], "pandoc": []}
    for number in range(WHOLE_ROUNDS):
        for name in (("ours", "pandoc") if number % 2 == 0 else ("pandoc", "ours")):
            command = ours_cmd if name == "ours" else peer_cmd
            measured = whole_process.run(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
            if measured.exit != 0:
                raise RuntimeError(f"{command} failed")
            runs[name].append(measured)
    ours, peer = ([m.seconds for m in runs[name]] for name in ("ours", "pandoc"))
    peak = {name: max(m.peak_mb for m in runs[name]) for name in runs}
    row(f"40-slide deck with 10 images → PPTX, `lecturer-app lesson export --format pptx` as a fresh process "
        f"(median of {WHOLE_ROUNDS} rounds in turns with pandoc; peak RSS {peak['ours']:.0f} MB)",
        f"{statistics.median(ours):.2f} s", "≤ 1.0× pandoc",
        f"pandoc {statistics.median(peer):.2f} s (peak RSS {peak['pandoc']:.0f} MB)", paired_range(ours, peer))


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
    if shutil.which("pandoc"):
        whole_process_deck(folder, images, deck(images))

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
