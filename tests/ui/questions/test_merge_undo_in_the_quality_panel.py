"""«Gộp» in the bank workspace's Kiểm tra chất lượng: asked first, said under the list, undone by «Hoàn tác»."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from lecturer_app.core.model import Question
from lecturer_app.core.store.search import search
from lecturer_app.ui.questions.workspace import QuestionBankWorkspace
from tests.support.duplicate_pair import DROP, KEEP


@pytest.fixture
def bank_ws(quality_ws):
    return quality_ws


def ask_to_merge(ws):
    """Check the bank and ask «Gộp» on the pair's finding."""
    panel = ws.quality
    panel.threshold_spin.setValue(85)
    panel.run()
    rows = [r for r in range(panel.model.rowCount()) if panel.model.finding(r).code in ("near_duplicate",
                                                                                       "exact_duplicate")]
    panel.select_row(rows[0])
    return panel.merge_current()


def bodies(context, pair) -> dict[str, dict]:
    return {q.id: context.store.require(Question, q.id).to_body() for q in pair}


def listed(ws) -> set[str]:
    return {ws.model.row_at(r).stem for r in range(ws.model.total)}


def found(context, text: str) -> set[str]:
    return {hit.record_id for hit in search(context.store.db, text, kinds=("question",))}


def test_answering_gop_merges_and_says_so_with_hoan_tac(bank_ws, context, pair, qtbot):
    keep, drop = pair
    ask_to_merge(bank_ws).merge_button.click()
    qtbot.waitUntil(lambda: DROP not in listed(bank_ws))
    kept = context.store.require(Question, keep.id)
    assert kept.topic_ids == [*keep.topic_ids, *drop.topic_ids] and kept.tags == ["chương 1", "ôn tập"]
    assert context.store.get(Question, drop.id) is None
    assert bank_ws.status_label.text() == "Đã gộp 2 câu hỏi."
    assert bank_ws.undo_button.isVisible() and bank_ws.undo_button.text() == "Hoàn tác"


def test_answering_khong_gop_changes_nothing(bank_ws, context, pair):
    before = bodies(context, pair)
    ask_to_merge(bank_ws).keep_button.click()
    assert bodies(context, pair) == before and {KEEP, DROP} <= listed(bank_ws)
    assert bank_ws.undo_button.isHidden()


def test_hoan_tac_puts_both_questions_back_exactly_listed_searchable_and_in_history(bank_ws, context, pair, qtbot):
    keep, drop = pair
    before = bodies(context, pair)
    ask_to_merge(bank_ws).merge_button.click()
    bank_ws.undo_button.click()
    qtbot.waitUntil(lambda: {KEEP, DROP} <= listed(bank_ws))
    assert bodies(context, pair) == before  # stems, options, topics, tags
    assert found(context, "duoc ra doi vao nam nao") == {drop.id}
    assert sorted(bank_ws.selected_ids()) == sorted([keep.id, drop.id])  # shown selected
    for question in pair:
        assert context.store.history(question.id)[-1].summary == "Hoàn tác gộp câu hỏi"
    assert bank_ws.status_label.text() == "Đã đưa 2 câu hỏi trở lại." and bank_ws.undo_button.isHidden()


def test_ctrl_z_in_the_list_undoes_the_merge(bank_ws, context, pair, qtbot):
    before = bodies(context, pair)
    ask_to_merge(bank_ws).merge_button.click()
    bank_ws.activateWindow()
    bank_ws.view.setFocus()
    qtbot.waitUntil(bank_ws.view.hasFocus)
    qtbot.keyClick(bank_ws.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyRelease(bank_ws.view, Qt.Key.Key_Control)  # or later tests' clicks are Ctrl+clicks
    qtbot.waitUntil(lambda: DROP in listed(bank_ws))
    assert bodies(context, pair) == before


def test_hoan_tac_after_the_kept_question_was_edited_refuses_and_keeps_the_edit(bank_ws, context, pair):
    keep, drop = pair
    ask_to_merge(bank_ws).merge_button.click()
    edited = context.store.require(Question, keep.id)
    edited.stem = "Đảng Cộng sản Việt Nam ra đời vào ngày, tháng, năm nào?"
    context.store.save(edited, summary="Sửa câu hỏi")  # as a sync would bring it, or another window
    bank_ws.undo_button.click()
    assert context.store.require(Question, keep.id).to_body() == edited.to_body()
    assert context.store.get(Question, drop.id) is None
    assert "đã được sửa sau khi gộp" in bank_ws.status_label.text() and bank_ws.undo_button.isHidden()


def test_the_editor_showing_the_kept_question_reads_the_merge_and_its_undo(bank_ws, context, pair, qtbot):
    keep, drop = pair
    bank_ws.select(keep.id)
    qtbot.waitUntil(lambda: bank_ws.editor.question_id == keep.id)
    ask_to_merge(bank_ws).merge_button.click()
    assert bank_ws.editor.current_question().tags == ["chương 1", "ôn tập"]  # a save now keeps the merge
    bank_ws.undo_button.click()
    assert bank_ws.editor.current_question().tags == ["chương 1"]


def duplicates_found(panel) -> list[set[str]]:
    """The duplicate findings the quality panel shows, each as the set of its questions' ids."""
    return [set(panel.model.finding(r).question_ids) for r in range(panel.model.rowCount())
            if panel.model.finding(r).code in ("near_duplicate", "exact_duplicate")]


def test_hoan_tac_of_a_merge_shows_the_pair_in_the_quality_panel_again_without_kiem_tra_lai(bank_ws, pair, qtbot):
    keep, drop = pair
    ask_to_merge(bank_ws).merge_button.click()
    assert {keep.id, drop.id} not in duplicates_found(bank_ws.quality)  # checked again after the merge
    bank_ws.undo_button.click()
    qtbot.waitUntil(lambda: {keep.id, drop.id} in duplicates_found(bank_ws.quality))
    questions = bank_ws.store.db.execute("SELECT COUNT(*) FROM questions").fetchone()[0]
    assert bank_ws.quality.summary.text().startswith(f"Đã kiểm tra {questions} câu hỏi:")


def test_a_big_banks_check_after_hoan_tac_runs_off_the_gui_thread_and_shows_the_pair_again(
        qtbot, context, pair, monkeypatch):
    import threading

    from lecturer_app.ui.operations import OperationRunner
    from lecturer_app.ui.questions import quality as module

    monkeypatch.setattr(module, "CHECK_IN_BACKGROUND_FROM", 1)  # the mini bank stands in for 50,000 questions
    checkers: list[threading.Thread] = []
    real_check = module.CheckedBank.update

    def update(*args, **kwargs):
        checkers.append(threading.current_thread())
        return real_check(*args, **kwargs)

    monkeypatch.setattr(module.CheckedBank, "update", update)
    ws = QuestionBankWorkspace(context)
    qtbot.addWidget(ws)
    ws.runner = OperationRunner(ws)
    ws.show()
    ws.side.setCurrentWidget(ws.quality)
    keep, drop = pair
    ws.quality.threshold_spin.setValue(85)
    ws.quality.run()
    # While it runs, no finding of an older check is left to merge.
    assert ws.quality.model.rowCount() == 0 and not ws.quality.merge_button.isEnabled()
    assert ws.quality.summary.text() == "Đang kiểm tra chất lượng…"
    qtbot.waitUntil(lambda: {keep.id, drop.id} in duplicates_found(ws.quality))
    ws.quality.select_row(next(r for r in range(ws.quality.model.rowCount())
                               if set(ws.quality.model.finding(r).question_ids) == {keep.id, drop.id}))
    ws.quality.merge_current().merge_button.click()
    qtbot.waitUntil(lambda: ws.undo_button.isVisible())
    ws.undo_button.click()
    qtbot.waitUntil(lambda: {keep.id, drop.id} in duplicates_found(ws.quality))
    ws.runner.wait_all()
    # Asked, after the merge, after its undo; the check after the merge stops before its costly part when the
    # undo's check is asked before it read the bank (its answer would not be shown).
    assert len(checkers) in (2, 3) and threading.main_thread() not in checkers
