"""Kiểm tra nhanh in the GUI: set up, the projector view while phones join, the charts after Thu bài,
the score sheet, and no server left after the window closes."""

from __future__ import annotations

import http.client
import os
import shutil
import socket
from pathlib import Path
from urllib.parse import urlencode

import pytest

from tests.exam import exam_bank_data

SCREENSHOTS_ENV = "LECTURER_APP_SCREENSHOTS"


@pytest.fixture
def setup(qtbot, store):
    from lecturer_app.ui.quiz.setup_widget import QuizSetupWidget

    exam_bank_data.make_exam_bank(store)
    widget = QuizSetupWidget(store, topic_codes="LS-01")
    qtbot.addWidget(widget)
    widget.address_combo.setCurrentIndex(widget.address_combo.findData("127.0.0.1"))
    widget.port_spin.setValue(0)
    widget.count_spin.setValue(6)
    widget.pin_edit.setText("8642")
    return widget


def _post(port: int, path: str, form: dict, cookie: str = "") -> tuple[int, str, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    headers = {"Content-Type": "application/x-www-form-urlencoded", **({"Cookie": f"qt={cookie}"} if cookie else {})}
    connection.request("POST", path, urlencode(form, doseq=True), headers)
    response = connection.getresponse()
    body = response.read().decode()
    cookie = (response.getheader("Set-Cookie") or "").split(";")[0].partition("=")[2] or cookie
    connection.close()
    return response.status, body, cookie


def _a_phone_answers(port: int, name: str, answers: dict) -> None:
    _status, _body, cookie = _post(port, "/join", {"name": name, "pin": "8642"})
    _post(port, "/submit", answers, cookie)


def _shot(widget, tmp_path: Path, name: str) -> None:
    path = tmp_path / f"{name}.png"
    assert widget.grab().save(str(path))
    if os.environ.get(SCREENSHOTS_ENV):
        shutil.copy(path, Path(os.environ[SCREENSHOTS_ENV]) / path.name)


def test_the_projector_shows_the_counts_then_the_charts_and_the_server_stops_with_the_window(setup, qtbot, tmp_path):
    from openpyxl import load_workbook

    projector = setup.start(full_screen=False)
    assert projector is not None
    projector.resize(1280, 760)
    port = projector.server.port
    assert projector.pin_label.text() == "Mã PIN: 8642" and f"127.0.0.1:{port}" in projector.url_label.text()
    assert not projector.qr_label.pixmap().isNull()
    keys = [item.key for item in projector.session.paper.items]
    _a_phone_answers(port, "Nguyễn Văn An", {f"a{i}": key for i, key in enumerate(keys)})
    _a_phone_answers(port, "Trần Thị Bình", {"a0": keys[0]})
    _post(port, "/join", {"name": "Lê Văn Cường", "pin": "8642"})
    projector.refresh()
    assert "Đã vào: 3" in projector.counts_label.text() and "Đã nộp: 2" in projector.counts_label.text()
    _shot(projector, tmp_path, "kiem-tra-nhanh-man-chieu")
    projector.ask_collect = lambda parent, working: working == 1  # Lê Văn Cường joined, never submitted
    projector.close_button.click()
    projector.refresh()
    assert projector.results_shown and projector.save_button.isEnabled()
    from lecturer_app.ui.quiz.charts import BarChart

    charts = projector.results_area.widget().findChildren(BarChart)
    assert len(charts) == 1 + len(keys)  # the score distribution, then one per question
    assert dict(charts[0].bars)["10"] == 1 and sum(count for _label, count in charts[0].bars) == 3
    _shot(projector, tmp_path, "kiem-tra-nhanh-ket-qua-lop")
    sheet = load_workbook(projector.save_results(tmp_path / "bang_diem.xlsx"))["Bảng điểm"]
    names = [sheet.cell(row=r, column=2).value for r in range(2, 5)]
    assert names == ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"]  # by tên: An, Bình, Cường
    assert sheet.cell(row=2, column=sheet.max_column - 6).value == 10.0
    folder = tmp_path / "bang_diem_cham_diem"  # what Chấm điểm opens to add oral or essay scores
    assert (folder / "exam.json").is_file() and load_workbook(folder / "bai_lam.xlsx")["Bài làm"].max_row == 4
    projector.close()
    with pytest.raises(ConnectionRefusedError), socket.create_connection(("127.0.0.1", port), timeout=2):
        pass


def test_a_question_filter_makes_a_quiz_of_the_matching_questions(setup):
    from lecturer_app.ui.quiz.setup_widget import SOURCE_FILTER

    setup.source_combo.setCurrentIndex(setup.source_combo.findData(SOURCE_FILTER))
    setup.topics_edit.setText("")
    setup.filter_edit.setText("số 0")  # stems "… số 00 …" to "… số 09 …" (ten questions)
    paper, _warnings = setup.make_paper()
    stems = [q.stem for q in paper.questions()]
    assert len(stems) == 6 and all("số 0" in stem for stem in stems)


def test_a_wrong_pin_or_a_busy_port_is_said_in_a_box_and_starts_nothing(setup, qtbot):
    from PySide6.QtWidgets import QMessageBox

    setup.pin_edit.setText("12")
    assert setup.start(full_screen=False) is None
    boxes = setup.findChildren(QMessageBox)
    assert boxes and "4 đến 8 chữ số" in boxes[-1].text()
    setup.pin_edit.setText("8642")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        setup.port_spin.setValue(busy.getsockname()[1])
        assert setup.start(full_screen=False) is None
    boxes = setup.findChildren(QMessageBox)
    assert "đang được một chương trình khác dùng" in boxes[-1].text()
    for box in boxes:
        box.close()


def test_the_tools_menu_opens_the_quiz_tab_with_the_open_topic(window):
    from lecturer_app.ui.quiz import install, open_quiz_setup

    install(window)
    assert "Kiểm tra nhanh…" in [a.text() for a in window.menu("tools").actions()]
    window.open_topic(window.context.bank.require_topic("AB-01").id)
    widget = open_quiz_setup(window)
    assert window.tabs.currentWidget() is widget and widget.topics_edit.text() == "AB-01"
