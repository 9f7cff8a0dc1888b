"""Tệp › Ghi tệp «đã có» cho máy gửi, and the export dialog's «Chỉ xuất phần máy nhận chưa có»: two real machines.

Machine A is the window of the fixtures; machine B (a copy of the same data, so its own replica) gets a window
of its own, as the lecturer in the mountain centre would have without the CLI.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer

from lecturer_app.core.bank.queries import LessonBank
from lecturer_app.sync.digest import sync_digest


@pytest.fixture
def window_b(qtbot, peer):
    """Machine B's window, over its own data folder."""
    from lecturer_app.ui.app import build_main_window

    with peer.workspace() as workspace:
        win = build_main_window(workspace, features=("lecturer_app.ui.sync",))
        qtbot.addWidget(win)
        win.show()
        yield win
        win.operations.wait_all()


@pytest.fixture
def stick(tmp_path: Path) -> Path:
    """The USB stick both machines see (its mount point)."""
    folder = tmp_path / "USB 16GB"
    folder.mkdir()
    return folder


def _retitle(window, code: str, title: str) -> None:
    store = window.context.store
    topic = LessonBank(store).require_topic(code)
    topic.title = title
    store.save(topic)


def _export_from_dialog(window, finish, bundle: Path, want: Path):
    """Fill the export dialog as the lecturer would (bundle path, want file), accept; the finished operation."""
    actions = window.sync_actions

    def fill() -> None:
        actions.last_dialog.path_edit.setText(str(bundle))
        actions.last_dialog.want_edit.setText(str(want))
        actions.last_dialog.accept()

    QTimer.singleShot(0, fill)
    operation = actions.export_bundle()
    finish(operation)
    return operation


def test_the_file_menu_offers_to_write_the_want_file_beside_export_and_import(sync_window):
    texts = [action.text() for action in sync_window.menu("file").actions()]
    assert "Ghi tệp «đã có» cho máy gửi…" in texts
    assert texts.index("Nhập gói đồng bộ…") < texts.index("Ghi tệp «đã có» cho máy gửi…") < len(texts) - 1


def test_the_want_file_is_proposed_on_the_stick_under_the_clis_name_and_the_notice_names_it(window_b, finish,
                                                                                           stick):
    actions = window_b.sync_actions
    actions.find_drives = lambda: [stick]
    proposed = []
    actions.ask_want_path = lambda path: proposed.append(path) or path
    finish(actions.write_want())
    assert proposed == [stick / "WANT.json"]
    written = json.loads((stick / "WANT.json").read_text(encoding="utf-8"))
    assert written["kind"] == "want" and written["replica"] == window_b.context.store.device
    assert str(stick / "WANT.json") in actions.last_notice.text()
    actions.last_notice.close()


def test_cancelling_the_save_dialog_writes_no_want_file(window_b, stick):
    actions = window_b.sync_actions
    actions.find_drives = lambda: [stick]
    actions.ask_want_path = lambda path: None
    assert actions.write_want() is None
    assert list(stick.iterdir()) == []


def test_b_writes_its_want_file_a_exports_only_what_b_lacks_and_b_ends_equal_to_a(sync_window, window_b, finish,
                                                                                 stick, tmp_path):
    _retitle(sync_window, "AB-02", "Sửa ở máy A sau lần gửi trước")
    _retitle(sync_window, "AB-01", "Thêm một sửa ở máy A")
    b = window_b.sync_actions
    b.find_drives = lambda: [stick]
    b.ask_want_path = lambda path: path
    finish(b.write_want())
    b.last_notice.close()

    a = sync_window.sync_actions
    full = a.export_bundle(tmp_path / "đầy đủ.lbb")
    finish(full)
    a.last_notice.close()
    incremental = stick / "A-gui-B.lbb"
    operation = _export_from_dialog(sync_window, finish, incremental, stick / "WANT.json")
    report, _fingerprint, bank_total = operation.result
    assert report.revisions == 2  # the two edits B has not seen, nothing it holds
    assert full.result[0].revisions > report.revisions
    assert bank_total == sync_digest(sync_window.context.store.db)["revisions"]
    assert f"Chỉ phần máy nhận chưa có: 2 trong {bank_total} phiên bản" in a.last_notice.text()
    assert incremental.stat().st_size < (tmp_path / "đầy đủ.lbb").stat().st_size
    a.last_notice.close()

    finish(b.import_bundle(incremental, trust_new=True))
    assert "2 phiên bản mới" in b.last_notice.text()
    b.last_notice.close()
    assert sync_digest(window_b.context.store.db) == sync_digest(sync_window.context.store.db)
    assert LessonBank(window_b.context.store).require_topic("AB-02").title == "Sửa ở máy A sau lần gửi trước"


@pytest.mark.parametrize(("content", "says"), [
    ("{ không phải JSON", "không phải tệp JSON hợp lệ"),
    ('{"kind": "certificate"}', "không phải tệp loại want"),
    ('{"kind": "want", "held": [[1, 5]]}', "tệp «đã có» bị hỏng"),
    ('{"kind": "want", "held": {"máy-x": [[1, "năm"]]}}', "tệp «đã có» bị hỏng"),
    ('{"kind": "want", "merges": "abc"}', "tệp «đã có» bị hỏng"),
])
def test_a_damaged_or_foreign_want_file_is_refused_naming_it_and_writes_no_bundle(sync_window, finish, stick,
                                                                                 content, says):
    want = stick / "WANT hỏng.json"
    want.write_text(content, encoding="utf-8")
    operation = _export_from_dialog(sync_window, finish, stick / "khong-ghi.lbb", want)
    text = sync_window.sync_actions.last_notice.text()
    assert operation.result is None and str(want) in text and says in text
    assert not list(stick.glob("*.lbb*")) and not [p for p in stick.iterdir() if p.name.startswith(".")]
    sync_window.sync_actions.last_notice.close()


def test_the_senders_own_want_file_is_refused_rather_than_exporting_an_empty_bundle(sync_window, finish, stick):
    actions = sync_window.sync_actions
    actions.find_drives = lambda: [stick]
    actions.ask_want_path = lambda path: path
    finish(actions.write_want())
    actions.last_notice.close()
    _export_from_dialog(sync_window, finish, stick / "rong.lbb", stick / "WANT.json")
    text = actions.last_notice.text()
    assert str(stick / "WANT.json") in text and "do chính máy này ghi" in text
    assert not (stick / "rong.lbb").exists()
    actions.last_notice.close()
