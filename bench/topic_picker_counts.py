"""Open the oral screen's topic picker on a big bank: what the GUI thread spends, and when the counts come.

Usage: PYTHONPATH=TREE .venv/bin/python bench/topic_picker_counts.py BANK.sqlite3 [sync]

*BANK.sqlite3* is a COPY of a big data folder's database (it is only read).  Prints the wall and CPU
milliseconds of the GUI thread in ``TopicCodesField.dialog()``, the milliseconds until the counts are shown
and the longest gap between two turns of the event loop meanwhile; with ``sync``, also the same count run on
the GUI thread, for comparison.  A tree without the counts (the base) prints only its ``dialog()`` time.
"""

from __future__ import annotations

import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    from PySide6.QtWidgets import QApplication

    from lecturer_app.core.store.db import open_database
    from lecturer_app.core.store.record_store import Store
    from lecturer_app.ui.widgets.topic_codes_field import TopicCodesField

    app = QApplication([])
    store = Store(open_database(sys.argv[1]))
    try:
        field = TopicCodesField(store, question_types=("oral",))  # type: ignore[call-arg]
    except TypeError:  # the base has no question types (nor counts)
        field = TopicCodesField(store)
    field.catalogue()  # read when the screen is built: what is timed here is the list itself
    start, cpu = time.perf_counter(), time.thread_time()
    dialog = field.dialog()
    gui_wall, gui_cpu = (time.perf_counter() - start) * 1000, (time.thread_time() - cpu) * 1000
    line = f"gui_wall_ms={gui_wall:.1f} gui_cpu_ms={gui_cpu:.1f}"
    if hasattr(dialog, "counts_shown"):
        gap, last = 0.0, time.perf_counter()
        while "…" in next(iter(dialog.counts_shown().values())):
            app.processEvents()
            time.sleep(0.002)
            now = time.perf_counter()
            gap, last = max(gap, now - last), now
        line += f" counts_shown_ms={(time.perf_counter() - start) * 1000:.1f} longest_loop_gap_ms={gap * 1000:.1f}"
    if len(sys.argv) > 2:
        from lecturer_app.core.bank.topic_codes import question_counts

        start, cpu = time.perf_counter(), time.thread_time()
        question_counts(store.db, ("oral",))
        line += (f" on_gui_thread_wall_ms={(time.perf_counter() - start) * 1000:.1f}"
                 f" on_gui_thread_cpu_ms={(time.thread_time() - cpu) * 1000:.1f}")
    print(line + f" process_cpu_s={time.process_time():.2f}")


if __name__ == "__main__":
    main()
