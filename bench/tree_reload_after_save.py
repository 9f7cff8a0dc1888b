"""Wall and CPU ms of BankBrowser.reload() on a data folder: the main window's answer to a saved question.

    QT_QPA_PLATFORM=offscreen PYTHONPATH=. .venv/bin/python bench/tree_reload_after_save.py DATA_DIR

Seven reloads, each followed by the events it causes; prints the median wall and CPU milliseconds.
"""
import statistics, sys, time
from pathlib import Path
from PySide6.QtWidgets import QApplication
from lecturer_app.core.workspace import open_workspace
from lecturer_app.ui.context import AppContext
from lecturer_app.ui.bank.bank_browser import BankBrowser
app = QApplication([])
ws = open_workspace(Path(sys.argv[1]))
browser = BankBrowser(AppContext.for_workspace(ws)); browser.resize(540, 700); browser.show(); app.processEvents()
walls, cpus = [], []
for _ in range(7):
    t, c = time.perf_counter(), time.process_time()
    browser.reload(); app.processEvents()
    walls.append(1000 * (time.perf_counter() - t)); cpus.append(1000 * (time.process_time() - c))
print(f"reload+paint median wall {statistics.median(walls):.1f} ms (max {max(walls):.1f}), CPU {statistics.median(cpus):.1f} ms")
