"""An unexpected error: the open edit is saved first, then a Vietnamese dialog with the way out and the log."""

from __future__ import annotations

import logging
import sys
import threading

import pytest
from keyboard_driver import type_text
from PySide6.QtCore import QtMsgType
from PySide6.QtGui import QGuiApplication

from lecturer_app.core.app_log import start_file_log
from lecturer_app.core.model import PlanSection
from lecturer_app.ui.error_report import install_error_handler
from lecturer_app.ui.error_report.error_dialog import ErrorDialog


@pytest.fixture
def file_log(workspace):
    log = start_file_log(workspace.data_dir)
    yield log
    log.close()


@pytest.fixture
def handler(window, file_log):
    installed = install_error_handler(window, file_log.path)
    yield installed
    installed.uninstall()
    if installed.dialog is not None:
        installed.dialog.reject()


def _raise(message: str = "lỗi thử"):
    try:
        raise RuntimeError(message)
    except RuntimeError as exc:
        return type(exc), exc, exc.__traceback__


def _type_in_plan(window, text: str) -> PlanSection:
    page = window.open_topic(window.context.bank.require_topic("AB-01").id)
    editor = page.plan_editor
    page.show_tab("plan")
    editor.show_section(editor.sections[0].id)
    type_text(editor.text_edit, text)
    assert page.has_unsaved_changes()
    return editor.sections[0]


def test_the_open_edit_is_saved_before_the_dialog_says_so(window, handler):
    section = _type_in_plan(window, "Đoạn đang soạn khi gặp lỗi. ")

    sys.excepthook(*_raise())

    saved = window.context.store.get(PlanSection, section.id)
    assert "Đoạn đang soạn khi gặp lỗi." in saved.body
    assert handler.dialog.isVisible()
    assert "đã được tự động lưu" in handler.dialog.message.text()


def test_the_dialog_gives_the_way_out_and_the_log_folder(window, handler, file_log):
    sys.excepthook(*_raise())

    dialog = handler.dialog
    assert "Cách xử lý" in dialog.message.text() and "Tiếp tục làm việc" in dialog.message.text()
    assert dialog.log_folder.label.text() == str(file_log.path.parent)
    assert {b.text() for b in dialog.buttons.buttons()} == {"Tiếp tục làm việc", "Sao chép chi tiết",
                                                           "Xem chi tiết", "Đóng ứng dụng"}


def test_copy_details_gives_support_the_version_the_log_and_the_traceback(handler, file_log):
    from lecturer_app import __version__

    sys.excepthook(*_raise("chi tiết cho hỗ trợ"))
    handler.dialog.copy_button.click()

    copied = QGuiApplication.clipboard().text()
    assert __version__ in copied and str(file_log.path) in copied
    assert "RuntimeError: chi tiết cho hỗ trợ" in copied and "Traceback" in copied


def test_the_error_is_in_the_rotating_log_file(handler, file_log):
    sys.excepthook(*_raise("ghi vào nhật ký"))
    file_log.handler.flush()

    text = file_log.path.read_text(encoding="utf-8")
    assert "RuntimeError: ghi vào nhật ký" in text and "CRITICAL" in text


def test_errors_while_the_dialog_is_open_only_go_to_the_log(window, handler, qtbot):
    caught = []
    handler.caught.connect(caught.append)

    sys.excepthook(*_raise("thứ nhất"))
    first = handler.dialog
    sys.excepthook(*_raise("thứ hai"))

    assert len(caught) == 2 and handler.dialog is first
    assert len([d for d in window.findChildren(ErrorDialog) if d.isVisible()]) == 1


def test_an_error_in_a_worker_thread_reaches_the_gui_thread(handler, qtbot):
    thread = threading.Thread(target=lambda: 1 / 0)
    with qtbot.waitSignal(handler.caught, timeout=5000) as caught:
        thread.start()
        thread.join()
    assert isinstance(caught.args[0], ZeroDivisionError)
    assert handler.dialog.isVisible()


def test_closing_the_app_from_the_dialog_closes_the_window(window, handler):
    sys.excepthook(*_raise())

    handler.dialog.quit_button.click()

    assert not window.isVisible()


def test_uninstall_gives_back_the_previous_hooks(window, file_log):
    before = (sys.excepthook, threading.excepthook)
    handler = install_error_handler(window, file_log.path)
    assert sys.excepthook == handler.excepthook
    handler.uninstall()
    assert (sys.excepthook, threading.excepthook) == before


def test_qt_messages_go_to_the_log(window, file_log):
    from lecturer_app.ui.error_report.handler import ErrorHandler

    logging.getLogger("qt").setLevel(logging.INFO)
    ErrorHandler(window, file_log.path)._qt_message(QtMsgType.QtCriticalMsg, None, "QPainter hỏng")
    file_log.handler.flush()

    assert "ERROR qt [MainThread] QPainter hỏng" in file_log.path.read_text(encoding="utf-8")
