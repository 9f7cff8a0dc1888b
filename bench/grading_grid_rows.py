"""Time the grading grid with 500 learners: open the answers, widen the window, type one mark.

Usage (one process per run, base and branch interleaved):
    QT_QPA_PLATFORM=offscreen PYTHONPATH=CHECKOUT .venv/bin/python bench/grading_grid_rows.py make DIR
    QT_QPA_PLATFORM=offscreen PYTHONPATH=CHECKOUT .venv/bin/python bench/grading_grid_rows.py time DIR
``make`` writes DIR/de (an exam of two versions) and DIR/bai_lam.xlsx (500 rows, every fifth with an
essay mark out of range, so «Ghi chú» has a note to wrap); ``time`` prints wall and CPU seconds.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def make(folder: Path) -> None:
    from openpyxl import Workbook

    sys.path.insert(0, str(ROOT))
    from lecturer_app.core.workspace import open_workspace
    from lecturer_app.exam.manifest import read_manifest
    from tests.exam import exam_bank_data

    workspace = open_workspace(folder / "data")
    exam_bank_data.build_small_exam(workspace.store, folder / "de", versions=2, seed=5)
    workspace.close()
    manifest = read_manifest(folder / "de")
    workbook = Workbook()
    workbook.active.append(["Họ và tên", "SBD", "Mã đề", *range(1, 9), "TL1"])
    for index in range(500):
        code = sorted(manifest.versions)[index % 2]
        keys = [item.key for item in manifest.versions[code].items]
        workbook.active.append([f"Nguyễn Thị Thanh Hương {index}", f"{index:06d}", code, *keys,
                                "9" if index % 5 == 0 else "2"])
    workbook.save(folder / "bai_lam.xlsx")


def measure(folder: Path) -> None:
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    from lecturer_app.ui.exam.grading_widget import GradingWidget

    def settle() -> None:
        for _ in range(5):
            app.processEvents()

    widget = GradingWidget()
    widget.resize(800, 480)
    widget.show()
    settle()
    wall, cpu = time.perf_counter(), time.process_time()
    widget.load(folder / "de", folder / "bai_lam.xlsx")
    settle()
    widget.resize(900, 480)
    settle()
    model = widget.model
    assert model is not None
    model.setData(model.index(3, model.headers.index("TL1")), "2")
    settle()
    print(f"{time.perf_counter() - wall:.3f} {time.process_time() - cpu:.3f}")


if __name__ == "__main__":
    (make if sys.argv[1] == "make" else measure)(Path(sys.argv[2]))
