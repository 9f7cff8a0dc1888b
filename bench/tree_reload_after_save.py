"""Wall and CPU ms of BankBrowser.reload() on a data folder: the main window's answer to a saved question.

    QT_QPA_PLATFORM=offscreen PYTHONPATH=. .venv/bin/python bench/tree_reload_after_save.py DATA_DIR

Seven reloads, each followed by the events it causes; prints the median wall and CPU milliseconds.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication

from lecturer_app.core.workspace import open_workspace
from lecturer_app.ui.bank.bank_browser import BankBrowser
from lecturer_app.ui.context import AppContext

ROUNDS = 7


def main() -> None:
    app = QApplication([])
    browser = BankBrowser(AppContext.for_workspace(open_workspace(Path(sys.argv[1]))))
    browser.resize(540, 700)
    browser.show()
    app.processEvents()
    walls, cpus = [], []
    for _ in range(ROUNDS):
        wall, cpu = time.perf_counter(), time.process_time()
        browser.reload()
        app.processEvents()
        walls.append(1000 * (time.perf_counter() - wall))
        cpus.append(1000 * (time.process_time() - cpu))
    print(f"reload+paint median wall {statistics.median(walls):.1f} ms (max {max(walls):.1f}), "
          f"CPU {statistics.median(cpus):.1f} ms")


if __name__ == "__main__":
    main()
