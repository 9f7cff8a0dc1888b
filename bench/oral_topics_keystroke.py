"""Per-keystroke cost of the oral screen's topics field on the shipped bank (session 14, helper G).

Each ``setText`` runs what a typed character runs: the field resolves the codes
(one ``MAX(seq)`` probe, the catalogue read again only after a store change)
and ``count_available`` reads the question pool.  Prints "WALL_MS CPU_MS" per
call, the mean of 60.  Run base and branch in turns, as docs/benchmarks.md says:

    for i in 1 2 3 4 5; do for p in /work/main $PWD; do
      PYTHONPATH=$p .venv/bin/python bench/oral_topics_keystroke.py; done; done
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

CALLS = 60
TEXTS = ("NTD-01", "NTD-01,DP-10", "NTD-01,DP-10,NTD-03")


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from lecturer_app.core.workspace import open_workspace
    from lecturer_app.ui.exam.oral_widget import OralCardsWidget

    app = QApplication([])
    folder = Path(tempfile.mkdtemp(prefix="oral-topics-"))
    workspace = open_workspace(folder / "data")
    oral = OralCardsWidget(workspace.store, folder / "p.pdf")
    for text in TEXTS:  # warm: the first pool read loads modules and fills SQLite's cache
        oral.topics_edit.setText(text)
    wall, cpu = time.perf_counter(), time.process_time()
    for i in range(CALLS):
        oral.topics_edit.setText(TEXTS[i % len(TEXTS)])
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"{wall / CALLS * 1000:.3f} {cpu / CALLS * 1000:.3f}")
    workspace.close()
    app.quit()


if __name__ == "__main__":
    main()
