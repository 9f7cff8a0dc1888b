"""What the GUI does so a worker thread does not hold up its steps (issue #16: no GUI step over 50 ms).

Python lets one thread run at a time: a worker running Python while a topic
page is built makes every step of the GUI thread wait for its turn.  So work
nobody waits for starts after the startup steps, is done once, and the GUI
thread gets its turn back quickly.
"""

from __future__ import annotations

import gc
import sys

import pytest


class BankReads:
    """Each read of the shipped bank's files: whether *window*'s startup steps had all run by then."""

    def __init__(self) -> None:
        self.window: object = None
        self.after_startup: list[bool] = []


@pytest.fixture
def bank_reads(monkeypatch) -> BankReads:
    from lecturer_app.core.bank import shipped_import

    reads = BankReads()
    real = shipped_import.shipped_revisions

    def reading(folder):
        reads.after_startup.append(bool(getattr(reads.window, "startup_done", False)))
        return real(folder)

    monkeypatch.setattr(shipped_import, "shipped_revisions", reading)
    return reads


def test_the_shipped_bank_is_read_once_after_the_startup_steps_and_no_topic_page_reads_it_again(
        qtbot, workspace, bank_reads):
    from PySide6.QtCore import QThreadPool

    from lecturer_app.ui.app import show_main_window

    window = bank_reads.window = show_main_window(workspace, features=("lecturer_app.ui.sync",))
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.startup_done, timeout=30000)
    qtbot.waitUntil(lambda: bank_reads.after_startup != [] and QThreadPool.globalInstance().activeThreadCount() == 0,
                    timeout=20000)
    assert bank_reads.after_startup == [True]

    page = window.open_topic(window.context.bank.require_topic("AB-01").id)
    operation = page.official_indicator.operation
    qtbot.waitUntil(lambda: operation.is_finished, timeout=20000)
    assert bank_reads.after_startup == [True] and operation.error is None


def test_no_garbage_collection_runs_during_startup_and_what_it_made_is_left_out_of_later_ones(qtbot, workspace):
    from lecturer_app.ui.app import show_main_window

    gc.unfreeze()
    try:
        window = show_main_window(workspace, features=())
        qtbot.addWidget(window)
        assert not gc.isenabled() and gc.get_freeze_count() == 0
        qtbot.waitUntil(lambda: window.startup_done, timeout=30000)
        assert gc.isenabled() and gc.get_freeze_count() > 1000  # the modules, classes and widgets loaded by then
    finally:
        gc.unfreeze()
        gc.enable()


def test_a_window_closed_before_its_startup_finished_lets_collections_run_again(qtbot, workspace):
    from lecturer_app.ui.app import show_main_window

    window = show_main_window(workspace, features=())
    assert not gc.isenabled()
    window.deleteLater()
    qtbot.waitUntil(gc.isenabled, timeout=10000)


def test_the_gui_thread_waits_at_most_half_a_millisecond_for_a_busy_worker_to_let_it_run(qapp):
    from lecturer_app.ui.app import create_application

    sys.setswitchinterval(0.005)  # Python's default
    assert create_application() is qapp
    assert sys.getswitchinterval() <= 0.0005
