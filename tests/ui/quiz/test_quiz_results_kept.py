"""A class's quiz results live only in the projector window: saving them says where they went, and ending
the quiz before they are saved asks first instead of throwing them away."""

from __future__ import annotations

import http.client
import socket
from urllib.parse import urlencode

import pytest

from tests.exam import exam_bank_data


@pytest.fixture
def projector(qtbot, store):
    from lecturer_app.ui.quiz.setup_widget import QuizSetupWidget

    exam_bank_data.make_exam_bank(store)
    setup = QuizSetupWidget(store, topic_codes="LS-01")
    qtbot.addWidget(setup)
    setup.address_combo.setCurrentIndex(setup.address_combo.findData("127.0.0.1"))
    setup.port_spin.setValue(0)
    setup.count_spin.setValue(4)
    setup.pin_edit.setText("8642")
    window = setup.start(full_screen=False)
    assert window is not None
    window.opener = lambda path: None  # the system's file manager is not started by tests
    # pytest-qt closes the setup tab (and with it the projector) before this fixture's own teardown: no
    # question may wait for an answer then.
    window.ask_keep = lambda parent, joined: "discard"
    yield window
    if setup.projector is not None:  # still open (it deletes itself once closed)
        window.ask_keep = lambda parent, joined: "discard"
        window.close()


def _a_phone_submits(port: int, name: str) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    connection.request("POST", "/join", urlencode({"name": name, "pin": "8642"}), headers)
    response = connection.getresponse()
    response.read()
    cookie = (response.getheader("Set-Cookie") or "").split(";")[0]
    connection.request("POST", "/submit", urlencode({"a0": "A"}), {**headers, "Cookie": cookie})
    connection.getresponse().read()
    connection.close()


def _listening(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
    except ConnectionRefusedError:
        return False
    return True


def test_saving_the_score_sheet_ends_in_a_notice_that_opens_it(projector, tmp_path):
    _a_phone_submits(projector.server.port, "Nguyễn Văn An")
    projector.close_button.click()
    projector.refresh()
    projector.write_results(tmp_path / "kiem_tra.xlsx")
    assert projector.notice is not None and projector.notice.isVisible()
    assert str(tmp_path / "kiem_tra.xlsx") in projector.notice.text()
    assert [b.text() for b in projector.notice.open_buttons] == ["Mở tệp", "Mở thư mục"]
    projector.notice.close()


def test_ending_with_results_not_saved_asks_and_cancel_keeps_the_quiz_open(projector, qtbot):
    asked = []
    projector.ask_keep = lambda parent, joined: asked.append(joined) or "cancel"
    _a_phone_submits(projector.server.port, "Nguyễn Văn An")
    projector.end_button.click()
    assert asked == [1]
    assert projector.isVisible() and _listening(projector.server.port)
    projector.ask_keep = lambda parent, joined: "discard"


def test_ending_with_results_not_saved_can_save_them_first(projector, tmp_path):
    projector.ask_keep = lambda parent, joined: "save"
    projector.choose_path = lambda: tmp_path / "lop_k12.xlsx"
    port = projector.server.port
    _a_phone_submits(port, "Nguyễn Văn An")
    projector.end_button.click()
    assert (tmp_path / "lop_k12.xlsx").is_file()
    assert not _listening(port)


def test_ending_when_nobody_joined_does_not_ask(projector, tmp_path):
    projector.ask_keep = lambda parent, joined: pytest.fail("nothing to lose: no question")
    port = projector.server.port
    projector.end_button.click()
    assert not _listening(port)


def test_ending_after_the_results_were_saved_does_not_ask(projector, tmp_path):
    _a_phone_submits(projector.server.port, "Nguyễn Văn An")
    projector.close_button.click()
    projector.write_results(tmp_path / "kiem_tra.xlsx")
    projector.ask_keep = lambda parent, joined: pytest.fail("saved already: no question")
    port = projector.server.port
    projector.end_button.click()
    assert not _listening(port)


def test_the_save_dialog_proposes_the_lecturers_folder_not_the_apps(qtbot, store, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from lecturer_app.ui.quiz.setup_widget import QuizSetupWidget

    exam_bank_data.make_exam_bank(store)
    setup = QuizSetupWidget(store, topic_codes="LS-01", results_folder=tmp_path / "Tài liệu")
    qtbot.addWidget(setup)
    setup.address_combo.setCurrentIndex(setup.address_combo.findData("127.0.0.1"))
    setup.port_spin.setValue(0)
    setup.count_spin.setValue(4)
    window = setup.start(full_screen=False)
    asked: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda parent, title, where, kinds: (asked.append(where)
                                                                                           or ("", "")))
    window.close_button.click()
    window.refresh()
    window.save_button.click()
    assert asked == [str(tmp_path / "Tài liệu" / "kiem_tra_nhanh.xlsx")]
    window.close()


def test_thu_bai_while_learners_still_answer_asks_first(projector):
    """A press on «Thu bài» ends the quiz on every phone at once: with learners still answering it asks."""
    asked = []
    projector.ask_collect = lambda parent, working: asked.append(working) or False
    _a_phone_submits(projector.server.port, "Nguyễn Văn An")
    connection = http.client.HTTPConnection("127.0.0.1", projector.server.port, timeout=10)
    connection.request("POST", "/join", urlencode({"name": "Trần Thị Bình", "pin": "8642"}),
                       {"Content-Type": "application/x-www-form-urlencoded"})
    connection.getresponse().read()
    connection.close()
    projector.close_button.click()
    assert asked == [1] and not projector.session.closed
    projector.ask_collect = lambda parent, working: True
    projector.close_button.click()
    assert projector.session.closed


def test_thu_bai_when_everyone_has_submitted_does_not_ask(projector):
    projector.ask_collect = lambda parent, working: pytest.fail("everyone has submitted: no question")
    _a_phone_submits(projector.server.port, "Nguyễn Văn An")
    projector.close_button.click()
    assert projector.session.closed
