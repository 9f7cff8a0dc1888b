"""The cost of checking a scanned PDF page's JPEG (pdftoppm path): a page drawn as before, against drawn and checked.

    PYTHONPATH=$PWD .venv/bin/python bench/paired_pdf_jpeg_check.py SCAN.pdf ROUNDS

One ``PdfPages`` draws every page of SCAN.pdf each round two ways, taking turns page by page (the first way
alternating per round): "before" is what ``render`` did until session 15 (the page's images measured, pdftoppm),
"checked" is ``render`` now (the same, then ``pdfimages -j`` of the page and its JPEGs decoded again at 1/8 to
hear whether they are whole).  Prints each round's milliseconds per page (wall, and CPU of this process and its
children: pdftoppm, pdfimages) and the median of the per-round differences and ratios.
"""

from __future__ import annotations

import resource
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from bench.paired import paired_range


def _cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> None:
    from lecturer_app.importers.omr import pdf_pages  # noqa: PLC0415 - after sys.path has this checkout

    scan, rounds = Path(sys.argv[1]), int(sys.argv[2])
    pages = pdf_pages.PdfPages()
    count = pages.count(scan)
    tool = pdf_pages.shutil.which("pdftoppm")
    assert tool is not None, "poppler's pdftoppm"

    def before(index: int) -> object:
        pages._check_images(scan, index)
        return pages._pdftoppm_page(tool, scan, index)

    ways: dict[str, Callable[[int], object]] = {"before": before, "checked": lambda index: pages.render(scan, index)}
    ways["checked"](0)  # OpenCV's first decode loads its codecs; pdfimages -list runs once per file
    totals: dict[str, list[tuple[float, float]]] = {name: [] for name in ways}
    for number in range(rounds):
        spent = {name: [0.0, 0.0] for name in ways}
        order = list(ways) if number % 2 == 0 else list(reversed(ways))
        for index in range(count):
            for name in order:
                wall, cpu = time.perf_counter(), _cpu()
                ways[name](index)
                spent[name][0] += time.perf_counter() - wall
                spent[name][1] += _cpu() - cpu
        for name in ways:
            totals[name].append((spent[name][0] * 1000 / count, spent[name][1] * 1000 / count))
        print(f"  round {number + 1}: " + ", ".join(f"{name} {w:.1f} ms/page (CPU {c:.1f})"
                                                      for name, (w, c) in ((n, totals[n][-1]) for n in ways)))
    checked, base = totals["checked"], totals["before"]
    for label, at in (("wall", 0), ("CPU", 1)):
        added = [c[at] - b[at] for c, b in zip(checked, base)]
        print(f"checked − before ({label}): median {statistics.median(added):.1f} ms/page "
              f"({min(added):.1f}–{max(added):.1f}); checked ÷ before "
              f"{paired_range([c[at] for c in checked], [b[at] for b in base])} over {rounds} rounds of {count} pages")
    pages.close()


if __name__ == "__main__":
    main()
