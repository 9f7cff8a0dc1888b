"""The background-operation helper: results on the GUI thread, progress, Cancel, errors."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton, QWidget

from lecturer_app.core.errors import InputFileError
from lecturer_app.ui.operations import OperationCancelled, OperationRunner
from lecturer_app.ui.widgets.error_box import error_message


@pytest.fixture
def runner(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    run = OperationRunner(parent)
    yield run
    run.cancel_all()
    run.wait_all()


def test_work_runs_off_the_gui_thread_and_its_result_arrives_on_it(qtbot, runner):
    threads = {}

    def work(report):
        threads["work"] = QThread.currentThread()
        report(1, 1)
        return 42

    received = []
    operation = runner.run("Tính", work, lambda result: received.append((result, QThread.currentThread())))
    with qtbot.waitSignal(operation.finished):
        pass
    gui = QApplication.instance().thread()
    assert threads["work"] is not gui
    assert received == [(42, gui)]


def test_report_raises_after_cancel_and_the_operation_ends_cancelled(qtbot, runner):
    started = threading.Event()

    def work(report):
        started.set()
        count = 0
        while True:
            report(count, 10**9)
            count += 1

    succeeded = []
    operation = runner.run("Vòng lặp dài", work, succeeded.append)
    assert started.wait(10)
    with qtbot.waitSignal(operation.cancelled):
        operation.cancel()
    assert succeeded == []
    assert operation.is_finished


def test_a_slow_operation_shows_a_modeless_progress_dialog_whose_cancel_stops_it(qtbot, runner):
    release = threading.Event()

    def work(report):
        while not release.wait(0.01):
            report(3, 10, "tệp 3/10")

    operation = runner.run("Nhập dữ liệu", work)
    qtbot.waitUntil(lambda: getattr(operation, "progress_dialog", None) is not None, timeout=5000)
    dialog: QProgressDialog = operation.progress_dialog
    assert dialog.isVisible()
    assert not dialog.isModal()
    qtbot.waitUntil(lambda: "tệp 3/10" in dialog.labelText(), timeout=5000)
    with qtbot.waitSignal(operation.cancelled):
        dialog.findChild(QPushButton).click()
    release.set()
    assert not dialog.isVisible()


def test_a_quick_operation_shows_no_dialog(qtbot, runner):
    operation = runner.run("Nhanh", lambda report: "xong")
    with qtbot.waitSignal(operation.succeeded) as blocker:
        pass
    assert blocker.args == ["xong"]
    assert getattr(operation, "progress_dialog", None) is None


def test_a_user_facing_error_is_shown_in_vietnamese_naming_the_file(qtbot, runner, tmp_path):
    bad = tmp_path / "đề cương.xlsx"

    def work(report):
        raise InputFileError(bad, "trang 1, dòng 7", "ô trống")

    operation = runner.run("Nhập câu hỏi", work)
    with qtbot.waitSignal(operation.failed):
        pass
    box = runner.last_error_box
    assert box is not None and box.isVisible()
    assert "đề cương.xlsx" in box.text() and "dòng 7" in box.text()
    assert "Nhập câu hỏi" in box.text()
    assert [b.text() for b in box.buttons()] == ["Đóng"]
    box.close()


def test_an_unexpected_error_is_delivered_to_a_custom_handler(qtbot, runner):
    errors = []
    operation = runner.run("Lỗi", lambda report: 1 / 0, on_error=errors.append)
    with qtbot.waitSignal(operation.finished):
        pass
    assert isinstance(errors[0], ZeroDivisionError)
    assert runner.last_error_box is None
    assert "ZeroDivisionError" in error_message("Lỗi", errors[0])


def test_operation_cancelled_is_an_exception_the_work_may_catch_to_clean_up(qtbot, runner):
    cleaned = threading.Event()

    def work(report):
        try:
            while True:
                report(0, 1)
        except OperationCancelled:
            cleaned.set()
            raise

    operation = runner.run("Dọn dẹp", work)
    with qtbot.waitSignal(operation.cancelled):
        operation.cancel()
    assert cleaned.is_set()
