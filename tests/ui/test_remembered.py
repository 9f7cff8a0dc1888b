"""Issue #15 item 9: the app remembers export folders per kind, the exam builder's choices and the open topics."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from lecturer_app.ui.remembered import Remembered


def test_open_topics_come_back_after_a_restart(qtbot, window, workspace, topic):
    from lecturer_app.ui.app import build_main_window

    window.open_topic(topic.id)
    window.save_state()
    again = build_main_window(workspace, features=())
    again.topic_page_hooks.append(lambda page: setattr(page, "ask_save", lambda parent, code: "save"))
    qtbot.addWidget(again)
    assert again.reopen_tabs() == 1
    assert [page.topic.code for page in again.topic_pages()] == ["AB-01"]


def test_the_open_topics_are_written_soon_after_a_change_so_a_crash_keeps_them(qtbot, window, context, topic):
    window.open_topic(topic.id)
    remembered = Remembered(context)
    qtbot.waitUntil(lambda: remembered.open_topics() == [topic.id], timeout=5000)
    window.close_tab(window.tabs.indexOf(window.topic_pages()[0]))
    qtbot.waitUntil(lambda: remembered.open_topics() == [], timeout=5000)


def test_a_topic_deleted_since_is_not_reopened(qtbot, window, context):
    Remembered(context).remember_open_tabs([{"topic": "no-such-topic"}])
    assert window.reopen_tabs() == 0


def test_each_export_kind_remembers_its_own_folder(qtbot, window, context, topic, tmp_path, monkeypatch):
    from lecturer_app.ui.documents import install
    from lecturer_app.ui.documents.export_dialog import ExportDialog

    actions = install(window)
    chosen = {"pptx": tmp_path / "trinh_chieu", "pdf": tmp_path / "giao_an"}
    for folder in chosen.values():
        folder.mkdir()
    shown = []

    def answer(dialog):
        shown.append(dialog.path_edit.text())
        dialog.path_edit.setText(str(chosen[dialog.fmt] / dialog.request().path.name))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ExportDialog, "exec", answer)
    monkeypatch.setattr(window, "run_operation", lambda *args: None)  # the file itself is not the point here
    actions.export_topic(topic, "pptx")
    actions.export_topic(topic, "pdf")
    actions.export_topic(topic, "pptx")
    actions.export_topic(topic, "pdf")
    assert shown[2].startswith(str(chosen["pptx"])) and shown[3].startswith(str(chosen["pdf"]))


def test_the_exam_builder_gets_back_its_title_class_versions_and_folder(qtbot, context, tmp_path):
    from lecturer_app.ui.exam import _remember_exam_choices
    from lecturer_app.ui.exam.exam_workspace import ExamWorkspace

    first = ExamWorkspace(context.store, tmp_path / "de")
    qtbot.addWidget(first)
    _remember_exam_choices(first, Remembered(context))
    first.title_edit.setText("KIỂM TRA HẾT HỌC PHẦN")
    first.class_edit.setText("Lớp K12")
    first.versions_spin.setValue(6)
    first.dir_edit.setText(str(tmp_path / "de_k12"))
    first.built.emit(None)
    second = ExamWorkspace(context.store, tmp_path / "de")
    qtbot.addWidget(second)
    _remember_exam_choices(second, Remembered(context))
    assert (second.title_edit.text(), second.class_edit.text(), second.versions_spin.value(), second.dir_edit.text()) \
        == ("KIỂM TRA HẾT HỌC PHẦN", "Lớp K12", 6, str(tmp_path / "de_k12"))


def test_question_exports_start_in_the_folder_used_last_time(qtbot, context, tmp_path, monkeypatch):
    from lecturer_app.ui.questions import workspace as module

    folder = tmp_path / "ngan_hang"
    folder.mkdir()
    asked = []

    def save_as(parent, title, start, filters):
        asked.append(start)
        return str(folder / "cau_hoi.xlsx"), ""

    monkeypatch.setattr(module.QFileDialog, "getSaveFileName", save_as)
    workspace = module.QuestionBankWorkspace(context)
    qtbot.addWidget(workspace)
    workspace.open_export()
    workspace.open_export()
    assert asked[1] == str(folder / "cau_hoi.xlsx") and (folder / "cau_hoi.xlsx").is_file()
