"""The slide-deck editor: thumbnails, fields, structure, undo/redo, the draft from the plan, images."""

from __future__ import annotations

import pytest
from keyboard_driver import type_text
from PySide6.QtGui import QImage

from lecturer_app.core.model import Slide
from lecturer_app.ui.deck.deck_editor import DeckEditor


@pytest.fixture
def editor(qtbot, context, topic):
    widget = DeckEditor(context, topic)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def stored(context, editor):
    return context.bank.slides(editor.deck.id)


def test_it_shows_the_stored_slides_with_drawn_thumbnails(editor, context):
    assert [s.title for s in editor.model.slides] == [s.title for s in stored(context, editor)]
    thumb = editor.model.index(0, 0).data(1)  # DecorationRole
    assert not thumb.isNull() and thumb.width() > 100
    assert editor.model.index(1, 0).data().startswith("2. Kết cấu bài giảng")


def test_editing_the_title_updates_preview_and_store_and_undoes(qtbot, editor, context):
    editor.select_row(1)
    slide = editor.current_slide()
    editor.form.title.selectAll()
    type_text(editor.form.title, "Bố cục bài giảng")
    assert "Bố cục bài giảng" in editor.preview.pages[0].title_text()
    editor.flush()
    assert context.store.get(Slide, slide.id).title == "Bố cục bài giảng"
    editor.undo_stack.undo()
    assert editor.form.title.text() == "Kết cấu bài giảng"
    editor.undo_stack.redo()
    assert slide.title == "Bố cục bài giảng"


def test_bullets_are_typed_one_per_line_and_tab_makes_a_sub_bullet(qtbot, editor):
    editor.select_row(1)
    editor.form.bullets.setFocus()
    editor.form.bullets.selectAll()
    type_text(editor.form.bullets, "- Ý một\n- Ý con")
    editor.form.bullets.shift_level(1)
    slide = editor.current_slide()
    assert [(b.text, b.level) for b in slide.bullets] == [("Ý một", 0), ("Ý con", 1)]


def test_add_duplicate_move_and_delete_are_saved_and_undoable(qtbot, editor, context):
    count = len(editor.model.slides)
    editor.select_row(0)
    editor.add_slide("key_message")
    assert len(stored(context, editor)) == count + 1
    assert stored(context, editor)[1].layout == "key_message"
    editor.duplicate_slide()
    assert len(stored(context, editor)) == count + 2
    editor.move_current(-1)
    assert editor.current_row() == 1
    editor.delete_slide()
    assert len(stored(context, editor)) == count + 1
    for _step in range(4):
        editor.undo_stack.undo()
    assert len(stored(context, editor)) == count
    assert [s.title for s in stored(context, editor)] == [s.title for s in editor.model.slides]


def test_a_drag_to_another_row_moves_the_slide(editor, context):
    first = editor.model.slides[0]
    editor.model.move_requested.emit(0, 2)
    assert stored(context, editor)[1].id == first.id


def test_the_draft_from_the_written_plan_replaces_the_deck_in_one_undo_step(qtbot, editor, context):
    before = [s.id for s in stored(context, editor)]
    slides = editor.generate_from_plan("replace")
    titles = [s.title for s in stored(context, editor)]
    assert titles[0] == "KHÁI QUÁT LỊCH SỬ ĐẢNG CỘNG SẢN VIỆT NAM"
    assert titles[-1] == "Kết luận" and "Mục tiêu" in titles
    assert len(slides) == len(titles)
    editor.undo_stack.undo()
    assert [s.id for s in stored(context, editor)] == before


def test_draft_thumbnails_carry_the_vietnamese_text(editor):
    editor.generate_from_plan("replace")
    pages = editor.model.pages(0)
    assert "KHÁI QUÁT LỊCH SỬ ĐẢNG" in pages[0].title_text()
    drawn = editor.model.thumbnail(0).toImage()
    editor.model.slides[0].title = ""
    blank = editor.model.thumbnail(0).toImage()
    assert drawn != blank  # the title's letters are painted


def test_an_inserted_image_is_a_blob_and_switches_the_layout(qtbot, editor, context, tmp_path):
    picture = QImage(64, 48, QImage.Format.Format_RGB32)
    picture.fill(0x336699)
    path = tmp_path / "Ảnh lớp học.png"
    assert picture.save(str(path))
    editor.select_row(1)
    editor.add_images([path])
    slide = editor.current_slide()
    assert slide.layout == "image" and slide.images[0].filename == "Ảnh lớp học.png"
    assert context.workspace.blobs.has(slide.images[0].sha256)
    editor.undo_stack.undo()
    assert slide.layout == "bullets" and slide.images == []


def test_a_picture_that_cannot_be_read_is_explained_and_nothing_is_inserted(qtbot, editor, tmp_path):
    from PySide6.QtWidgets import QMessageBox

    editor.select_row(1)
    before = editor.current_slide().to_body()
    editor.add_images([tmp_path / "ảnh đã bị xóa.png"])
    assert editor.current_slide().to_body() == before and not editor.undo_stack.canUndo()
    (box,) = [b for b in editor.findChildren(QMessageBox) if b.isVisible()]
    assert "ảnh đã bị xóa.png" in box.text()
    box.close()


def test_changing_the_theme_redraws_and_is_saved(editor, context):
    names = [editor.theme_box.itemData(i) for i in range(editor.theme_box.count())]
    other = next(n for n in names if n != editor.model.theme.name)
    editor.set_theme(other)
    assert editor.model.theme.name == other
    assert context.bank.deck(editor.topic.id).theme == other
    editor.undo_stack.undo()
    assert editor.model.theme.name != other


def test_a_topic_without_deck_explains_itself_and_drafts_one(qtbot, context):
    topic = context.bank.require_topic("AB-02")
    widget = DeckEditor(context, topic)
    qtbot.addWidget(widget)
    assert widget.pages.currentIndex() == 1
    widget.generate_from_plan("replace")
    assert widget.pages.currentIndex() == 0
    assert context.bank.slides(context.bank.deck(topic.id).id)


def test_a_picture_too_large_to_decode_is_refused_with_its_size(qtbot, editor, tmp_path, pixel_bomb):
    from PySide6.QtWidgets import QMessageBox

    path = tmp_path / "bản đồ khổng lồ.png"
    path.write_bytes(pixel_bomb)
    editor.select_row(1)
    before = editor.current_slide().to_body()
    editor.add_images([path])
    assert editor.current_slide().to_body() == before and not editor.undo_stack.canUndo()
    (box,) = [b for b in editor.findChildren(QMessageBox) if b.isVisible()]
    assert "bản đồ khổng lồ.png" in box.text() and "hình quá lớn" in box.text()
    box.close()
