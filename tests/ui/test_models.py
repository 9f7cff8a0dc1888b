"""Every item model of the GUI passes Qt's model tester."""

from __future__ import annotations

from lecturer_app.core.bank.history import topic_history
from lecturer_app.core.store.search import search
from lecturer_app.formats.slide_layout import load_theme
from lecturer_app.ui.bank.bank_tree_model import TOPIC_ID_ROLE, BankTreeModel
from lecturer_app.ui.bank.search_results_model import (
    HTML_ROLE,
    SearchResultsModel,
    snippet_html,
)
from lecturer_app.ui.deck.slide_list_model import SlideListModel
from lecturer_app.ui.deck.slide_renderer import SlideRenderer
from lecturer_app.ui.topic.attachment_model import AttachmentModel
from lecturer_app.ui.topic.history_model import HistoryModel, local_time
from lecturer_app.ui.topic.question_list_model import BATCH, QuestionListModel


def test_bank_tree_model(qtmodeltester, context):
    model = BankTreeModel(context.bank)
    qtmodeltester.check(model)
    codes = sorted(i.data().split(" – ")[0] for i in model.topic_indexes())
    assert codes == ["AB-01", "AB-01", "AB-02", "CD-01"]
    assert all(i.data(TOPIC_ID_ROLE) for i in model.topic_indexes())
    model.reload()
    qtmodeltester.check(model)


def test_a_topic_in_two_programs_appears_under_both(context):
    model = BankTreeModel(context.bank)
    under = {model.node(i).parent.label if model.node(i).parent.kind == "program" else model.node(i).parent.parent.label
             for i in model.topic_indexes() if i.data().startswith("AB-01")}
    assert under == {"Bồi dưỡng nhận thức về Đảng", "Chuyển đổi số"}


def test_the_tree_tells_a_topics_questions_in_its_tooltip_and_progress_without_counting_the_bank(context):
    from PySide6.QtCore import Qt

    from lecturer_app.core.model import Question

    def row(model, code):
        return next(i for i in model.topic_indexes() if i.data().startswith(code))

    ab02 = context.bank.require_topic("AB-02")
    before = BankTreeModel(context.bank)
    assert "0 câu hỏi" in row(before, "AB-02").data(Qt.ItemDataRole.ToolTipRole)
    assert row(before, "AB-02").siblingAtColumn(2).data() == "Chưa soạn"  # no section, slide or question
    context.store.save_many([Question(type="essay", stem=f"Câu {n}", topic_ids=[ab02.id]) for n in range(3)])
    model = BankTreeModel(context.bank)
    assert "3 câu hỏi" in row(model, "AB-02").data(Qt.ItemDataRole.ToolTipRole)
    assert "1 câu hỏi" in row(model, "AB-01").data(Qt.ItemDataRole.ToolTipRole)
    assert row(model, "AB-02").siblingAtColumn(2).data() == "Đang soạn"


def test_summaries_without_question_counts_still_say_which_topics_have_questions(context):
    counted = {s.topic.code: s for s in context.bank.summaries()}
    uncounted = {s.topic.code: s for s in context.bank.summaries(question_counts=False)}
    assert {code: s.questions > 0 for code, s in counted.items()} == {
        code: s.has_questions for code, s in uncounted.items()}
    assert all(s.questions is None for s in uncounted.values())
    assert counted["AB-01"].has_questions and counted["AB-01"].questions == 1


def test_search_results_model_marks_matches_in_bold(qtmodeltester, context):
    model = SearchResultsModel()
    model.set_hits("dang", search(context.workspace.db, "dang"))
    qtmodeltester.check(model)
    assert model.rowCount() > 0
    assert "<b>" in model.index(0, 0).data(HTML_ROLE)
    assert snippet_html("a <b> [Đảng] c") == "a &lt;b&gt; <b>Đảng</b> c"


def test_question_list_model_fetches_in_batches(qtmodeltester, context, topic):
    questions = context.bank.questions(topic.id) * (BATCH + 5)
    model = QuestionListModel(questions)
    assert model.rowCount() == BATCH and model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == len(questions)
    qtmodeltester.check(model)


def test_history_model(qtmodeltester, context, topic):
    model = HistoryModel(context.store.device)
    model.set_entries(topic_history(context.store, topic.id))
    qtmodeltester.check(model)
    assert local_time("not a stamp") == "not a stamp"


def test_attachment_model(qtmodeltester, context, topic, tmp_path):
    from lecturer_app.core.bank.attachments import add_attachment

    path = tmp_path / "giáo trình.docx"
    path.write_bytes(b"PK")
    add_attachment(context.store, context.workspace.blobs, topic.id, path)
    model = AttachmentModel()
    model.set_attachments(context.bank.attachments(topic.id))
    qtmodeltester.check(model)
    assert model.index(0, 1).data() == "Bản Word gốc"


def test_slide_list_model(qtmodeltester, qapp, context, topic):
    model = SlideListModel(SlideRenderer(), load_theme(""), topic.title)
    model.set_slides(context.bank.slides(context.bank.deck(topic.id).id))
    qtmodeltester.check(model)


def test_history_names_two_machines_set_up_the_same_minute_apart(qtmodeltester, context):
    from lecturer_app.core.bank.history import HistoryEntry
    from lecturer_app.core.store.ids import uuid7

    minute = (1_764_900_000_000 >> 16) << 16  # a UUIDv7's first 8 characters: its time in steps of 65.5 s
    here, there, elsewhere = uuid7(now_ms=minute), uuid7(now_ms=minute + 20_000), uuid7(now_ms=minute + 40_000)
    entries = [HistoryEntry(seq=n, rev_id=f"r{n}", record_id="x", type="topic", label="", author="Lan",
                            device=device, hlc="2026-12-05T11:00:00.000Z-0000-r", summary="", deleted=False)
               for n, device in enumerate((here, there, elsewhere))]
    model = HistoryModel(here)
    model.set_entries(entries)

    machines = [model.index(row, 2).data() for row in range(3)]

    assert machines[0] == "máy này" and machines[1] != machines[2]
    qtmodeltester.check(model)
