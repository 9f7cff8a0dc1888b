"""Screenshots of the scanned-sheet review (issue #18) into docs/screenshots/ (offscreen).

Usage: .venv/bin/python scripts/screenshots_scan.py [--out docs/screenshots] [--lang en] [--size 1280x720]

The review is a tab of the main window, beside the topic tree, as the
lecturer sees it (a window maximised on a ``--size`` screen, as in
scripts/screenshots.py).

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
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "omr"), str(ROOT / "tests" / "exam"), str(ROOT / "scripts")]


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
    parser.add_argument("--lang", default="vi", help="UI language (vi, en)")
    parser.add_argument("--size", default="1366x768", help="screen size, WIDTHxHEIGHT")
    args = parser.parse_args()
    width, height = (int(n) for n in args.size.lower().split("x"))
    args.out.mkdir(parents=True, exist_ok=True)
    from PySide6.QtCore import QSettings
    from screenshots import SCREEN_CHROME, _hidden_buttons

    from lecturer_app.core.resources import resource_path
    from lecturer_app.core.workspace import open_workspace
    from lecturer_app.i18n import setup
    from lecturer_app.ui.app import build_main_window, create_application
    from lecturer_app.ui.exam import open_scan_review

    setup(args.lang, resource_path("translations"))
    data = Path(tempfile.mkdtemp(prefix="lecturer-scan-shots-"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)  # the window's state stays out of the user's settings
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(data / "qsettings"))
    exam = _exam(data)
    _sheets(exam, data / "quet")
    app = create_application()
    workspace = open_workspace(data / "data")
    window = build_main_window(workspace)
    window.resize(width, height - SCREEN_CHROME)
    window.show()
    window.browser.tree.expandAll()
    review = open_scan_review(window)
    for _ in range(5):
        app.processEvents()
    review.scan(exam, data / "quet")
    window.operations.wait_all()
    while review.pages.count() == 0:  # the result comes back to the GUI thread through a queued signal
        app.processEvents()
    for row, name in ((1, "13-doc-phieu-quet"), (3, "14-doc-phieu-trang-loi")):
        review.pages.setCurrentRow(row)
        review.table.selectRow(6)
        for _ in range(5):
            app.processEvents()
        path = args.out / f"{name}.png"
        window.grab().save(str(path))
        print(path)
        hidden = _hidden_buttons(window)
        if hidden:
            print(f"  ! {len(hidden)} button(s) outside the window: {', '.join(hidden)}")
    review.confirm_close = lambda: True  # the decisions of a screenshot are not kept
    window.close()
    workspace.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
