"""Screenshots of the scanned-sheet review (issue #18) into docs/screenshots/ (offscreen, 1366×768).

Usage: .venv/bin/python scripts/screenshots_scan.py [--out docs/screenshots]

Builds a small exam in a fresh data folder, fills three of its answer sheets
the way the tests do (tests/omr/sheet_maker.py: pencil marks, one faint fill,
a duplicate SBD, a page that is no sheet), reads them and grabs the screen.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "omr"), str(ROOT / "tests" / "exam")]


def _exam(data: Path) -> Path:
    from exam_bank_data import TOPIC_CODES, make_exam_bank

    from lecturer_app.core.workspace import open_workspace
    from lecturer_app.exam.blueprint import quick_blueprint
    from lecturer_app.exam.draw import DrawOptions
    from lecturer_app.exam.paper_settings import PaperSettings
    from lecturer_app.exam.pool import load_pool
    from lecturer_app.exporters.exam.build import BuildRequest, build_exam

    workspace = open_workspace(data / "data", import_shipped_bank=False)
    make_exam_bank(workspace.store)
    pool = load_pool(workspace.store)
    blueprint = quick_blueprint(pool, list(TOPIC_CODES), mc=30, essay=0)
    settings = PaperSettings(title="ĐỀ KIỂM TRA CUỐI KHÓA", class_line="Lớp bồi dưỡng kết nạp đảng viên mới")
    build_exam(workspace.store, pool, BuildRequest(blueprint, DrawOptions(versions=2, seed=5), settings,
                                                   data / "de", docx=False))
    workspace.close()
    return data / "de"


def _sheets(exam: Path, folder: Path) -> None:
    import cv2
    import numpy as np
    from sheet_maker import degrade, fill_sheet, render

    from lecturer_app.exam.manifest import read_manifest

    manifest = read_manifest(exam)
    base = render(exam / "phieu_tra_loi.pdf", 200)
    rng = np.random.default_rng(9)
    folder.mkdir()
    for index, (sbd, odd) in enumerate((("000231", {}), ("000232", {7: [("C", "faint")], 12: [("A", "cross")]}),
                                        ("000232", {}))):
        code = sorted(manifest.versions)[index % 2]
        answers = ["ABCD"[int(rng.integers(4))] for _ in range(30)]
        image = fill_sheet(base.copy(), 200, rng, sbd, code, answers, 30, odd=odd)
        cv2.imwrite(str(folder / f"{index + 1:02d}.jpg"), degrade(image, rng, ("rotate", "noise", "shadow")))
    notice = np.full((2339, 1654), 248, np.uint8)
    for line, text in enumerate(("BIEN BAN COI THI", "Phong thi so 2", "So bai: 31")):
        cv2.putText(notice, text, (200, 300 + 120 * line), cv2.FONT_HERSHEY_SIMPLEX, 3, 30, 6)
    cv2.imwrite(str(folder / "04.jpg"), notice)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    from PySide6.QtWidgets import QApplication

    from lecturer_app.ui.exam.scan_review import ScanReviewWidget

    data = Path(tempfile.mkdtemp(prefix="lecturer-scan-shots-"))
    exam = _exam(data)
    _sheets(exam, data / "quet")
    app = QApplication.instance() or QApplication([])
    review = ScanReviewWidget()
    review.resize(1366, 768)
    review.show()
    review.scan(exam, data / "quet")
    for row, name in ((1, "13-doc-phieu-quet"), (3, "14-doc-phieu-trang-loi")):
        review.pages.setCurrentRow(row)
        review.table.selectRow(6)
        for _ in range(5):
            app.processEvents()
        path = args.out / f"{name}.png"
        review.grab().save(str(path))
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
