"""In English, a Vietnamese word used in two ways reads as the English word each use needs.

«Câu hỏi» names a topic's tab ("Questions") and the column of stems ("Question");
«Thời gian» is a lesson plan's duration and the moment a version was saved.
The catalogue tells them apart by context (``msgctxt``).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from lecturer_app import i18n
from lecturer_app.core.resources import resource_path


@pytest.fixture
def english():
    i18n.setup("en", resource_path("translations"))
    yield
    i18n.setup("vi", None)


def header(model, section: int) -> str:
    return model.headerData(section, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)


def test_the_stem_column_of_a_topics_questions_is_headed_question(english):
    from lecturer_app.ui.topic.question_list_model import QuestionListModel

    model = QuestionListModel()
    assert [header(model, i) for i in range(model.columnCount())] == ["No.", "Type", "Level", "Question", "Status"]


def test_the_stem_column_of_the_question_bank_and_of_the_quality_check_is_headed_question(english):
    from lecturer_app.ui.questions.quality import FindingsModel
    from lecturer_app.ui.questions.table_model import QuestionTableModel

    assert header(QuestionTableModel(), 1) == "Question"
    assert header(FindingsModel(), 1) == "Question"


def test_in_vietnamese_the_stem_column_still_reads_cau_hoi():
    from lecturer_app.ui.topic.question_list_model import QuestionListModel

    assert header(QuestionListModel(), 3) == "Câu hỏi"


def test_a_topics_tab_of_questions_is_plural_beside_the_singular_column(english, window):
    page = window.open_topic(window.context.bank.require_topic("AB-01").id)
    assert page.tabs.tabText(3) == "Questions"
    assert header(page.tab("questions").view.model(), 3) == "Question"


def test_the_history_names_the_moment_and_the_author_of_a_version(english):
    from lecturer_app.ui.topic.history_model import HistoryModel

    model = HistoryModel()
    assert [header(model, i) for i in range(2)] == ["Time", "Author"]
    assert i18n._("Thời gian") == "Duration"  # the plan header's field keeps its own word


def test_the_option_table_of_the_question_editor_heads_one_option_and_its_correct_mark(english, qtbot, context):
    from lecturer_app.ui.questions.editor import QuestionEditor

    editor = QuestionEditor(context.store)
    qtbot.addWidget(editor)
    table = editor.options_table
    assert [table.horizontalHeaderItem(i).text() for i in range(table.columnCount())] == ["Option", "Correct", "Pinned"]
    assert editor.options_box.title() == "Options"


def test_the_first_run_dialog_offers_to_skip_and_names_the_author(english, qtbot, context):
    from lecturer_app.ui.first_run.welcome_dialog import WelcomeDialog
    from lecturer_app.ui.operations import OperationRunner

    runner = OperationRunner()
    dialog = WelcomeDialog(context, runner)
    qtbot.addWidget(dialog)
    assert dialog.skip_button.text() == "Skip"
    assert dialog.author.accessibleName() == "Author"
    runner.wait_all()


def test_a_record_kind_and_a_records_title_read_singular_in_the_conflicts_view(english):
    from lecturer_app.ui.sync.conflict_view import FIELD_NAMES, TYPE_NAMES

    assert [i18n._(TYPE_NAMES[kind]) for kind in ("question", "attachment")] == ["Question", "Attachment"]
    assert [i18n._(FIELD_NAMES[field]) for field in ("title", "name", "options")] == ["Title", "Name", "Options"]
