"""The English UI translates the question levels, the slide theme names and the language setting (issue #15 item 11)."""

from __future__ import annotations

import pytest

from lecturer_app import i18n
from lecturer_app.core.resources import resource_path


@pytest.fixture
def english():
    i18n.setup("en", resource_path("translations"))
    yield
    i18n.setup("vi", None)


def test_default_levels_are_translated_and_a_centres_own_level_is_kept(english):
    from lecturer_app.core.questions.levels import level_label

    assert [level_label(x) for x in ("Nhận biết", "Vận dụng cao", "Mức riêng")] == [
        "Recognition", "Advanced application", "Mức riêng"]


def test_the_theme_box_of_the_deck_editor_is_in_english(english, qtbot, context, topic):
    from lecturer_app.ui.deck.deck_editor import DeckEditor

    editor = DeckEditor(context, topic)
    qtbot.addWidget(editor)
    names = [editor.theme_box.itemText(i) for i in range(editor.theme_box.count())]
    assert "Formal (red – gold)" in names and not any("Trang trọng" in n for n in names)


def test_the_language_setting_names_each_language_in_the_ui_language_and_its_own(english):
    from lecturer_app.ui.settings_dialog import language_label

    assert [language_label("vi"), language_label("en")] == ["Vietnamese (Tiếng Việt)", "English"]


def test_in_vietnamese_the_language_setting_reads_tieng_viet_and_tieng_anh():
    from lecturer_app.ui.settings_dialog import language_label

    assert [language_label("vi"), language_label("en")] == ["Tiếng Việt", "Tiếng Anh (English)"]


def test_the_question_preview_names_the_level_in_english(english):
    from lecturer_app.core.model import Question
    from lecturer_app.ui.questions.preview import preview_html

    assert "Recognition" in preview_html(Question(type="essay", stem="Phân tích…", level="Nhận biết"))
