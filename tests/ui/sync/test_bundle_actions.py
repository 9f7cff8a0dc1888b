"""Tệp › Xuất/Nhập gói đồng bộ: real bundles between two data folders, through the window's actions."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from lecturer_app.core.bank.queries import LessonBank


def _menu_texts(window) -> list[str]:
    return [action.text() for action in window.menu("file").actions()]


def test_the_file_menu_offers_export_and_import_and_lbb_files_open_the_import(sync_window):
    texts = _menu_texts(sync_window)
    assert "Xuất gói đồng bộ (USB)…" in texts and "Nhập gói đồng bộ…" in texts
    assert texts.index("Nhập gói đồng bộ…") < len(texts) - 1  # Thoát stays last
    assert sync_window.file_openers[".lbb"] == sync_window.sync_actions.import_bundle


def test_exporting_writes_a_bundle_and_says_what_it_holds(sync_window, finish, tmp_path):
    target = tmp_path / "USB" / "gói của máy A.lbb"
    target.parent.mkdir()
    actions = sync_window.sync_actions
    finish(actions.export_bundle(target))
    assert target.is_file()
    text = actions.last_notice.text()
    assert "Đã xuất" in text and "phiên bản" in text and "Dấu vân tay máy này" in text
    actions.last_notice.close()


def test_the_export_dialog_is_asked_first_and_cancelling_it_writes_nothing(sync_window, tmp_path):
    actions = sync_window.sync_actions
    QTimer.singleShot(0, lambda: actions.last_dialog.reject())
    assert actions.export_bundle() is None
    assert not list(tmp_path.rglob("*.lbb"))


def test_the_export_dialog_passes_its_file_and_want_file(sync_window, peer, finish, tmp_path):
    from lecturer_app.sync.trust import write_json
    from lecturer_app.sync.want import make_want

    want = tmp_path / "WANT.json"
    with peer.workspace() as receiver:  # a copy of this machine's data: it already holds everything
        write_json(want, make_want(receiver.store, receiver.blobs))
    actions = sync_window.sync_actions

    seen = []

    def fill() -> None:  # records what it sees: an assertion here would leave the dialog open forever
        seen.append(actions.last_dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).text())
        actions.last_dialog.path_edit.setText(str(tmp_path / "chi-phan-thieu"))
        actions.last_dialog.want_edit.setText(str(want))
        actions.last_dialog.accept()

    QTimer.singleShot(0, fill)
    finish(actions.export_bundle())
    assert seen == ["Xuất gói"]
    assert (tmp_path / "chi-phan-thieu.lbb").is_file()
    assert "0 phiên bản" in actions.last_notice.text()
    actions.last_notice.close()


def test_cancelling_an_export_leaves_no_bundle(sync_window, qtbot, tmp_path, monkeypatch):
    import lecturer_app.ui.operations as operations

    monkeypatch.setattr(operations, "REPORT_INTERVAL_S", 0.0)
    target = tmp_path / "huy.lbb"
    operation = sync_window.sync_actions.export_bundle(target)
    operation.cancel()
    qtbot.waitUntil(lambda: operation.is_finished, timeout=20000)
    assert operation.result is None and operation.error is None
    assert not target.exists() and not [p for p in tmp_path.iterdir() if p.name.startswith("huy")]


def test_an_untrusted_bundle_asks_with_the_fingerprint_then_imports_and_counts(sync_window, peer, finish,
                                                                              qtbot, tmp_path):
    peer.retitle("AB-02", "Tên mới đặt ở máy B")
    bundle = peer.export(tmp_path / "từ máy B.lbb")
    actions = sync_window.sync_actions
    finish(actions.import_bundle(bundle))
    question = actions.last_notice
    assert question.windowTitle() == "Tin cậy thiết bị mới?"
    with peer.workspace() as workspace:
        from lecturer_app.sync.device import open_device

        fingerprint = open_device(workspace.data_dir, workspace.store).key.fingerprint
    assert fingerprint in question.text()
    assert question.button(QMessageBox.StandardButton.Yes).text() == "Tin cậy và nhập"
    assert question.button(QMessageBox.StandardButton.No).text() == "Không nhập"
    question.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: actions.last_notice is not question and actions.last_notice.windowTitle()
                    == "Nhập gói xong", timeout=20000)
    summary = actions.last_notice.text()
    assert "1 phiên bản mới" in summary and "Đã tin cậy thiết bị mới" in summary
    assert LessonBank(sync_window.context.store).require_topic("AB-02").title == "Tên mới đặt ở máy B"
    actions.last_notice.close()


def test_refusing_the_new_device_imports_nothing(sync_window, peer, finish, qtbot, tmp_path):
    peer.retitle("AB-02", "Không được nhập")
    bundle = peer.export(tmp_path / "b.lbb")
    actions = sync_window.sync_actions
    finish(actions.import_bundle(bundle))
    actions.last_notice.button(QMessageBox.StandardButton.No).click()
    assert "Không nhập gói b.lbb" in sync_window.statusBar().currentMessage()
    assert LessonBank(sync_window.context.store).require_topic("AB-02").title != "Không được nhập"


def test_a_damaged_bundle_is_refused_with_its_name_and_nothing_changes(sync_window, peer, finish, tmp_path):
    bundle = peer.export(tmp_path / "hỏng.lbb")
    data = bytearray(bundle.read_bytes())
    data[len(data) // 2] ^= 0xFF
    bundle.write_bytes(bytes(data))
    before = sync_window.context.store.db.execute("SELECT COUNT(*) FROM revisions").fetchone()[0]
    actions = sync_window.sync_actions
    finish(actions.import_bundle(bundle))
    assert "hỏng.lbb" in actions.last_notice.text()
    assert sync_window.context.store.db.execute("SELECT COUNT(*) FROM revisions").fetchone()[0] == before
    actions.last_notice.close()


def test_importing_the_same_bundle_twice_says_nothing_changed(sync_window, peer, finish, qtbot, tmp_path):
    peer.retitle("AB-02", "Một lần thôi")
    bundle = peer.export(tmp_path / "b.lbb")
    actions = sync_window.sync_actions
    finish(actions.import_bundle(bundle, trust_new=True))
    actions.last_notice.close()
    finish(actions.import_bundle(bundle))
    assert "đã được nhập trước đây" in actions.last_notice.text()
    actions.last_notice.close()


def test_an_lbb_file_given_on_the_command_line_opens_the_import(sync_window, peer, finish, qtbot, tmp_path):
    from lecturer_app.ui.app import open_when_ready

    bundle = peer.export(tmp_path / "mở bằng tệp.lbb")
    sync_window.features_ready = True
    started = []
    sync_window.operations.started.connect(started.append)
    open_when_ready(sync_window, str(bundle))
    finish(started[0])
    assert "mở bằng tệp" in started[0].title
    sync_window.sync_actions.last_notice.close()


def test_the_import_dialog_offers_the_bundles_on_the_stick(sync_window, peer, finish, tmp_path):
    (tmp_path / "stick").mkdir()
    bundle = peer.export(tmp_path / "stick" / "tu-tinh.lbb")
    actions = sync_window.sync_actions
    actions.find_bundles = lambda: [bundle]

    offered = []

    def pick() -> None:
        dialog = actions.last_dialog
        offered.extend(dialog.list.item(i).text() for i in range(dialog.list.count()))
        dialog.import_button.click()

    QTimer.singleShot(0, pick)
    operation = actions.import_bundle()
    finish(operation)
    assert len(offered) == 1 and "tu-tinh.lbb" in offered[0]
    assert "tu-tinh.lbb" in operation.title
    actions.last_notice.close()


def test_without_a_stick_the_import_dialog_asks_for_a_file(sync_window):
    actions = sync_window.sync_actions
    actions.find_bundles = list

    seen = []

    def look() -> None:
        dialog = actions.last_dialog
        seen.append((dialog.list.isVisible(), dialog.import_button.isEnabled()))
        dialog.reject()

    QTimer.singleShot(0, look)
    assert actions.import_bundle() is None
    assert seen == [(False, False)]


def test_the_welcome_dialogs_usb_button_opens_the_import(sync_window, qtbot):
    from lecturer_app.ui.first_run import show_welcome

    actions = sync_window.sync_actions
    actions.find_bundles = list
    welcome = show_welcome(sync_window)
    seen = []
    QTimer.singleShot(0, lambda: (seen.append(actions.last_dialog.windowTitle()), actions.last_dialog.reject()))
    welcome.usb_button.click()
    assert seen == ["Nhập gói đồng bộ"]
    welcome.reject()


def test_removable_drives_are_searched_at_the_root_and_one_folder_down(tmp_path):
    from lecturer_app.ui.sync.drives import bundles_on

    stick = tmp_path / "USB 16GB"
    (stick / "Đồng bộ" / "sâu hơn").mkdir(parents=True)
    top = stick / "a.lbb"
    inside = stick / "Đồng bộ" / "b.LBB"
    too_deep = stick / "Đồng bộ" / "sâu hơn" / "c.lbb"
    for path in (top, inside, too_deep):
        path.write_bytes(b"x")
    (stick / "ghi-chu.txt").write_text("không phải gói")
    assert sorted(bundles_on([stick, tmp_path / "đã rút"])) == sorted([top, inside])


def test_exporting_to_a_folder_that_is_gone_says_so_in_vietnamese_and_writes_nothing(sync_window, finish, tmp_path,
                                                                                      caplog):
    gone = tmp_path / "USB-đã-rút"  # the stick was pulled out before «Xuất gói»
    actions = sync_window.sync_actions

    finish(actions.export_bundle(gone / "trung-tam.lbb"))

    text = actions.last_notice.text()
    assert text == ("Không thực hiện được «Đang xuất gói đồng bộ trung-tam.lbb».\n\n"
                    f"Không có thư mục {gone} để ghi gói (USB đã rút ra, hoặc đường dẫn sai); "
                    "hãy cắm lại USB hoặc chọn nơi lưu khác.")
    assert not gone.exists() and "Traceback" not in caplog.text
    actions.last_notice.close()


def test_a_part_that_cannot_be_created_is_tried_once_and_named_as_the_first_part(tmp_path):
    import pytest

    from lecturer_app.sync.bundle_format import SplitWriter

    writer = SplitWriter(tmp_path / "khong-co" / "goi.lbb")
    with pytest.raises(FileNotFoundError) as caught:
        writer.write(b"PK")
    writer.abort()

    assert caught.value.filename.endswith(".goi.lbb.001.partial") and writer.temps == []


def test_a_bundle_with_refused_revisions_lists_each_from_details_with_its_signer_reason_and_what_to_do(
        sync_window, peer, finish, qtbot, tmp_path):
    from PySide6.QtGui import QGuiApplication

    from lecturer_app.sync.device import open_device

    peer.retitle("AB-02", "Đổi ở máy B")
    with peer.workspace() as workspace:  # B's disk flips the text of its last revision: its id no longer matches
        signer = open_device(workspace.data_dir, workspace.store).key.fingerprint
        with workspace.store.transaction():
            workspace.store.db.execute("UPDATE revisions SET body = replace(body, 'Đổi ở', 'Hỏng ở') "
                                       "WHERE seq = (SELECT MAX(seq) FROM revisions)")
    bundle = peer.export(tmp_path / "từ máy B.lbb")
    actions = sync_window.sync_actions
    finish(actions.import_bundle(bundle, trust_new=True))
    summary = actions.last_notice
    assert summary.windowTitle() == "Nhập gói xong"
    assert "- Chuyên đề «Hỏng ở máy B»: mã phiên bản không khớp nội dung" in summary.text()
    details = next(button for button in summary.buttons() if button.text() == "Chi tiết…")
    details.click()
    dialog = actions.last_dialog
    assert dialog.isVisible() and dialog.windowTitle() == "Phiên bản bị từ chối"
    assert dialog.summary.text() == "1 phiên bản bị từ chối khi nhập gói từ máy B.lbb; phần còn lại đã nhập."
    shown = dialog.details.toPlainText()
    assert f"Chuyên đề «Hỏng ở máy B», chữ ký ghi thiết bị {signer[:16]}" in shown
    assert "Mã phiên bản không khớp nội dung. Máy này không nhận phiên bản này" in shown
    assert "Hãy báo người gửi gói" in shown
    dialog.copy_button.click()
    assert f"1. Chuyên đề «Hỏng ở máy B», chữ ký ghi thiết bị {signer[:16]}" in QGuiApplication.clipboard().text()
    dialog.close()
    assert LessonBank(sync_window.context.store).require_topic("AB-02").title != "Hỏng ở máy B"
