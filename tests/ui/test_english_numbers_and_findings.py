"""In English, screens write numbers with a decimal point and the data check explains its findings in English.

A number takes the decimal mark of the text it stands in: the English UI
writes "0.25 points" and "4.5 MB"; the Vietnamese UI keeps "0,25 điểm".
"""

from __future__ import annotations

import hashlib

import pytest

from lecturer_app import i18n
from lecturer_app.core.model import Question, RubricItem
from lecturer_app.core.resources import resource_path


@pytest.fixture
def english():
    i18n.setup("en", resource_path("translations"))
    yield
    i18n.setup("vi", None)


def essay(points: float) -> Question:
    return Question(type="essay", stem="Phân tích ý nghĩa.", points=points,
                    rubric=[RubricItem("Ý 1", 0.25), RubricItem("Ý 2", 1.0)])


def test_a_question_preview_gives_its_points_with_a_decimal_point_and_one_point_in_the_singular(english):
    from lecturer_app.ui.questions.preview import preview_html

    assert "· 0.25 points</p>" in preview_html(essay(0.25))
    assert "· 1 point</p>" in preview_html(essay(1.0))
    assert "<td align='right'>0.25</td>" in preview_html(essay(1.0))


def test_in_vietnamese_the_preview_keeps_the_decimal_comma():
    from lecturer_app.ui.questions.preview import preview_html

    assert "· 0,25 điểm</p>" in preview_html(essay(0.25))


def test_the_question_editor_shows_points_with_a_decimal_point(qtbot, store, english):
    from lecturer_app.ui.questions.editor import QuestionEditor

    editor = QuestionEditor(store)
    qtbot.addWidget(editor)
    question = essay(1.5)
    store.save(question)
    editor.load(question)
    assert editor.points_spin.text() == "1.50"
    assert editor.rubric_table.item(0, 1).text() == "0.25"
    assert editor.current_question().to_body() == question.to_body()


def test_sizes_read_with_a_decimal_point_in_english_and_a_comma_in_vietnamese(english):
    from lecturer_app.core.bank.attachments import human_size
    from lecturer_app.ui.backup.backup_dialog import size_text

    assert (size_text(4_718_592), human_size(1_258_291), human_size(900)) == ("4.5 MB", "1.2 MB", "900 B")
    i18n.setup("vi", None)
    assert (size_text(4_718_592), human_size(1_258_291)) == ("4,5 MB", "1,2 MB")


def test_the_data_check_explains_a_missing_attachment_in_english(window, qtbot, tmp_path, english):
    from lecturer_app.core.bank.attachments import add_attachment
    from lecturer_app.ui.backup import run_data_check
    from lecturer_app.ui.backup.findings_dialog import FindingsDialog

    context = window.context
    source = tmp_path / "Ảnh.png"
    source.write_bytes(b"\x89PNG picture")
    add_attachment(context.store, context.workspace.blobs, context.bank.require_topic("AB-01").id, source)
    blob = next(context.workspace.blobs.root.glob("*/*"))
    blob.unlink()

    operation = run_data_check(window)
    qtbot.waitUntil(lambda: operation.is_finished, timeout=20000)

    dialog = next(d for d in window.findChildren(FindingsDialog) if d.isVisible())
    text = dialog.details.toPlainText()
    assert f"attached file {hashlib.sha256(source.read_bytes()).hexdigest()} is missing" in text
    assert "thiếu" not in text and "tệp dữ liệu" not in text
    assert i18n._("Thiếu một tệp đính kèm") in text
    assert dialog.recover_button.isVisibleTo(dialog)  # the English finding still names the file to fetch back
    dialog.reject()


def test_every_kind_of_finding_is_recognised_in_english_and_in_vietnamese(english):
    from lecturer_app.core.backup.findings import explain
    from lecturer_app.core.backup.recover import blob_hashes
    from lecturer_app.core.store import integrity

    sha = "ab" * 32
    english_missing = i18n._(integrity.MISSING_BLOB).format(sha=sha)
    assert english_missing == f"attached file {sha} is missing"
    assert blob_hashes([english_missing, f"thiếu tệp dữ liệu {sha}"]) == [sha]
    titles = {explain(i18n.ngettext(integrity.ORPHAN_HEADS, n).format(n=n)).title for n in (1, 2)}
    assert titles == {i18n._("Bảng tra cứu không khớp lịch sử phiên bản")}
    assert explain(i18n._(integrity.TABLE_MISMATCH).format(record="r1", table="topics")).title == titles.pop()
    assert explain("SQLite: *** in database main ***").title == i18n._("Tệp cơ sở dữ liệu bị hỏng")
