"""The question editor: each type, live preview, and no saving with a missing key."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from lecturer_app.core.model import Option, Question, RubricItem
from lecturer_app.ui.questions.editor import QuestionEditor


@pytest.fixture
def editor(qtbot, store):
    widget = QuestionEditor(store)
    qtbot.addWidget(widget)
    return widget


def test_a_new_choice_question_cannot_be_saved_until_a_key_is_ticked(editor, store):
    editor.new_question("single_choice")
    editor.stem_edit.setPlainText("Đảng ra đời năm nào?")
    for row, text in enumerate(["1925", "1930", "1945", "1954"]):
        editor.options_table.item(row, 0).setText(text)
    assert not editor.save_button.isEnabled() and "đáp án đúng" in editor.problems_label.text()
    assert editor.save() is None and store.counts().get("question", 0) == 0
    editor.options_table.item(1, 1).setCheckState(Qt.CheckState.Checked)
    assert editor.save_button.isEnabled()
    assert "1930" in editor.preview.toPlainText() and "✓" in editor.preview.toPlainText()
    question_id = editor.save()
    saved = store.get(Question, question_id)
    assert [o.correct for o in saved.options] == [False, True, False, False]


def test_sections_follow_the_type(editor):
    editor.new_question("essay")
    assert editor.rubric_box.isVisibleTo(editor) and not editor.options_box.isVisibleTo(editor)
    editor.type_combo.setCurrentIndex(editor.type_combo.findData("short_answer"))
    assert editor.answers_box.isVisibleTo(editor) and not editor.rubric_box.isVisibleTo(editor)
    editor.type_combo.setCurrentIndex(editor.type_combo.findData("true_false_4"))
    assert editor.options_box.isVisibleTo(editor) and editor.options_table.rowCount() == 4


def test_an_essay_round_trips_through_the_form_with_decimal_comma_points(editor, store):
    essay = Question(type="essay", stem="Phân tích ý nghĩa.", points=1.5, level="Vận dụng", tags=["chương 2"],
                     rubric=[RubricItem("Ý 1", 0.5), RubricItem("Ý 2", 1.0)], guide="Chấp nhận diễn đạt khác.",
                     topic_ids=["t1"])
    store.save(essay)
    editor.load(essay)
    assert editor.rubric_table.item(0, 1).text() == "0,5"
    assert "1,5" in editor.points_spin.text()
    assert editor.current_question().to_body() == essay.to_body()
    editor.rubric_table.item(1, 1).setText("0,75")
    assert editor.is_dirty
    editor.save()
    assert store.get(Question, essay.id).rubric[1].points == 0.75
    assert store.get(Question, essay.id).topic_ids == ["t1"]


def test_true_false_statements_and_pinned_options_are_kept(editor):
    question = Question(type="true_false_4", stem="Nhận định", options=[
        Option("a", True), Option("b"), Option("c", True), Option("d")])
    editor.load(question)
    assert [o.correct for o in editor.current_question().options] == [True, False, True, False]
    pinned = Question(type="single_choice", stem="x", options=[Option("p", True), Option("Tất cả", pinned=True)])
    editor.load(pinned)
    assert editor.current_question().options[1].pinned
    assert "cố định" in editor.preview.toPlainText()


def test_quality_advice_is_shown_without_blocking_the_save(editor):
    editor.load(Question(type="essay", stem="Phân tích.", points=2.0, level="Vận dụng",
                         rubric=[RubricItem("Ý 1", 0.75), RubricItem("Ý 2", 1.0)]))
    assert "1,75" in editor.warnings_label.text() and editor.save_button.isEnabled()
    editor.rubric_table.item(1, 1).setText("1,25")
    assert editor.warnings_label.text() == ""


def test_a_picture_is_stored_as_a_blob_and_kept_with_the_question(qtbot, store, tmp_path):
    import io

    from PIL import Image

    from lecturer_app.core.store.blobs import BlobStore

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (0, 90, 200)).save(buffer, "PNG")
    picture = tmp_path / "bản đồ.png"
    picture.write_bytes(buffer.getvalue())
    blobs = BlobStore(tmp_path / "blobs")
    editor = QuestionEditor(store, blobs=blobs)
    qtbot.addWidget(editor)
    editor.load(Question(type="essay", stem="Quan sát bản đồ và trình bày."))
    ref = editor.attach_image(picture)
    assert "bản đồ.png" in editor.preview.toPlainText() and "bản đồ.png" in editor.images_label.text()
    saved = store.get(Question, editor.save())
    assert saved.images == [ref] and blobs.read_bytes(ref.sha256) == picture.read_bytes()
    editor.remove_images()
    assert editor.current_question().images == []


def test_a_question_group_is_set_in_the_editor_and_saved(editor, store):
    from lecturer_app.core.model import Option, Question

    question = Question(type="single_choice", stem="Theo đoạn dẫn trên, chọn ý đúng.", level="Nhận biết",
                        options=[Option("Ý một", True), Option("Ý hai")])
    store.save(question)
    editor.load(store.get(Question, question.id))
    assert editor.group_edit.text() == ""
    editor.group_edit.setText("doan-dan-1")
    assert editor.is_dirty
    editor.save()
    assert store.get(Question, question.id).group_id == "doan-dan-1"
    editor.group_edit.setText("  ")
    editor.save()
    assert store.get(Question, question.id).group_id is None


def test_an_oral_question_is_marked_ly_thuyet_or_lien_he_in_the_editor(editor, store):
    """Issue #15 item 6: the kind the card draw reads ("liên hệ" tag) is a field, not a tag to remember."""
    from lecturer_app.exam.oral import PRACTICE, THEORY, kind_of

    question = Question(type="oral", stem="Liên hệ thực tiễn địa phương?", guide="Nêu ví dụ.",
                        tags=["vấn đáp", "Liên hệ", "chương 1"])
    store.save(question)
    editor.load(question)
    assert editor.oral_kind_combo.isVisibleTo(editor) and editor.oral_kind_combo.currentData() == "practice"
    assert "Liên hệ" not in editor.tags_edit.text()
    assert editor.current_question().tags == question.tags  # unchanged form, unchanged tags
    editor.oral_kind_combo.setCurrentIndex(editor.oral_kind_combo.findData("theory"))
    assert kind_of(store.get(Question, editor.save())) == THEORY
    editor.oral_kind_combo.setCurrentIndex(editor.oral_kind_combo.findData("practice"))
    assert kind_of(store.get(Question, editor.save())) == PRACTICE
    editor.new_question("single_choice")
    assert not editor.oral_kind_combo.isVisibleTo(editor)


def test_a_new_question_gets_the_default_topic_and_the_topic_can_be_changed(qtbot, context):
    """Issue #15 item 5: a new question belongs to a topic, shown and chosen in the editor."""
    topics = context.bank.topics()
    widget = QuestionEditor(context.store)
    qtbot.addWidget(widget)
    widget.default_topic_id = topics[0].id
    widget.new_question("essay")
    assert widget.topic_combo.currentData() == topics[0].id
    assert widget.current_question().topic_ids == [topics[0].id]
    widget.topic_combo.setCurrentIndex(widget.topic_combo.findData(topics[1].id))
    assert widget.current_question().topic_ids == [topics[1].id]


# The offscreen platform cannot raise the completer's popup or give it the keyboard; it says so.
@pytest.mark.qt_log_ignore(r"This plugin does not support (raise\(\)|grabbing the keyboard|propagateSizeHints\(\))")
def test_the_topic_field_is_searched_without_accents(qtbot, context):
    from PySide6.QtTest import QTest

    widget = QuestionEditor(context.store)
    qtbot.addWidget(widget)
    widget.show()
    line = widget.topic_combo.lineEdit()
    line.selectAll()
    QTest.keyClicks(line, "nghi quyet")
    popup = widget.topic_combo.completer().popup()
    shown = [popup.model().index(r, 0).data() for r in range(popup.model().rowCount())]
    assert shown == ["AB-02 — Học tập nghị quyết Đại hội"]
    popup.hide()


def test_the_options_table_shows_all_options_even_long_ones(editor):
    """Issue #15 item 10: no option of a normal question is hidden behind a scroll bar in the table."""
    editor.resize(420, 900)
    editor.show()
    options = [Option("Quảng Châu (Trung Quốc)"), Option("Cửu Long (Hương Cảng, Trung Quốc), " * 4, True),
               Option("Ma Cao"), Option("Pác Bó (Cao Bằng)")]
    editor.load(Question(type="single_choice", stem="Hội nghị thành lập Đảng họp ở đâu?", options=options))
    table = editor.options_table
    for _ in range(3):
        QApplication.processEvents()
    viewport = table.viewport().rect()
    assert all(viewport.contains(table.visualRect(table.model().index(r, 0))) for r in range(4))
    table.insertRow(4)
    QApplication.processEvents()
    assert viewport.height() < table.viewport().rect().height()  # the table grew with its fifth row


def test_a_picture_too_large_to_decode_is_not_attached(qtbot, store, tmp_path, pixel_bomb):
    from lecturer_app.core.errors import InputFileError
    from lecturer_app.core.store.blobs import BlobStore

    path = tmp_path / "bản đồ khổng lồ.png"
    path.write_bytes(pixel_bomb)
    editor = QuestionEditor(store, blobs=BlobStore(tmp_path / "blobs"))
    qtbot.addWidget(editor)
    editor.load(Question(type="essay", stem="Quan sát bản đồ và trình bày."))
    with pytest.raises(InputFileError, match="hình quá lớn"):
        editor.attach_image(path)
    assert editor.current_question().images == [] and not (tmp_path / "blobs").exists()
