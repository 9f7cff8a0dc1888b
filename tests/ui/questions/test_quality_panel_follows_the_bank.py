"""Kiểm tra chất lượng follows the bank: its findings are checked again after every change the window
knows of, and «Gộp» refuses a finding whose questions changed since its check (another window, the CLI,
a sync), saying why and checking again, so a finding that no longer holds is never merged."""

from __future__ import annotations

import threading

import pytest

from lecturer_app.core.model import Question
from lecturer_app.ui.questions.workspace import QuestionBankWorkspace

OTHER = "Thủ đô của nước Cộng hoà xã hội chủ nghĩa Việt Nam là thành phố nào?"
REFUSED = ("Không gộp: câu hỏi đã được sửa, xóa hoặc đồng bộ về sau lần kiểm tra, nên kết quả kiểm tra "
           "không còn đúng. Ngân hàng được kiểm tra lại; hãy xem kết quả mới trước khi gộp.")


@pytest.fixture
def bank_ws(quality_ws, pair):
    """The workspace shown on its Kiểm tra chất lượng tab, the bank checked once (the pair found)."""
    widget = quality_ws
    widget.quality.threshold_spin.setValue(85)
    widget.quality.run()
    assert pair_found(widget, pair)
    return widget


def duplicates(panel) -> list[set[str]]:
    return [set(panel.model.finding(r).question_ids) for r in range(panel.model.rowCount())
            if panel.model.finding(r).code in ("near_duplicate", "exact_duplicate")]


def pair_found(ws, pair) -> bool:
    return {q.id for q in pair} in duplicates(ws.quality)


def select_pair(ws, pair) -> None:
    panel = ws.quality
    panel.select_row(next(r for r in range(panel.model.rowCount())
                          if set(panel.model.finding(r).question_ids) == {q.id for q in pair}))


def histories(context, pair) -> dict[str, int]:
    return {q.id: len(context.store.history(q.id)) for q in pair}


def summary_counts_the_bank(ws) -> bool:
    live = ws.store.db.execute("SELECT COUNT(*) FROM questions").fetchone()[0]
    return ws.quality.summary.text().startswith(f"Đã kiểm tra {live} câu hỏi:")


def delete_from_the_list(ws, question_id: str) -> None:
    ws.select(question_id)
    ws.delete_selected().delete_button.click()


# What the window itself changes --------------------------------------------------------------------


def test_deleting_one_of_a_pair_takes_its_finding_away_without_kiem_tra_lai(bank_ws, pair, qtbot):
    delete_from_the_list(bank_ws, pair[1].id)
    qtbot.waitUntil(lambda: not pair_found(bank_ws, pair) and summary_counts_the_bank(bank_ws))


def test_gop_on_the_finding_of_a_question_just_deleted_is_refused_before_anything_is_asked(
        bank_ws, context, pair):
    keep, drop = pair
    delete_from_the_list(bank_ws, drop.id)
    select_pair(bank_ws, pair)  # still listed for a moment: the check after a change waits for the burst to end
    before = histories(context, pair)
    assert bank_ws.quality.merge_current() is None
    assert bank_ws.quality.notice.text() == REFUSED and bank_ws.quality.notice.isVisible()
    assert histories(context, pair) == before and context.store.get(Question, drop.id) is None
    assert bank_ws.status_label.text() == "Đã xóa 1 câu hỏi." and bank_ws.undo_button.isVisible()


def test_hoan_tac_of_a_deletion_shows_the_pair_again_without_kiem_tra_lai(bank_ws, pair, qtbot):
    delete_from_the_list(bank_ws, pair[1].id)
    qtbot.waitUntil(lambda: not pair_found(bank_ws, pair))
    bank_ws.undo_button.click()
    qtbot.waitUntil(lambda: pair_found(bank_ws, pair) and summary_counts_the_bank(bank_ws))


def edit_in_the_editor(ws, question_id: str, stem: str) -> None:
    ws.select(question_id)
    ws.editor.stem_edit.setPlainText(stem)
    assert ws.editor.save() is not None


def test_editing_a_question_of_a_pair_apart_takes_the_finding_away_and_gop_on_it_is_refused(
        bank_ws, context, pair, qtbot):
    keep, drop = pair
    edit_in_the_editor(bank_ws, drop.id, OTHER)
    before = histories(context, pair)
    select_pair(bank_ws, pair)  # the old finding, until the check after the change answers
    assert bank_ws.quality.merge_current() is None and bank_ws.quality.notice.text() == REFUSED
    qtbot.waitUntil(lambda: not pair_found(bank_ws, pair) and summary_counts_the_bank(bank_ws))
    assert histories(context, pair) == before and context.store.require(Question, drop.id).stem == OTHER


def test_the_edit_is_found_when_the_panel_is_shown_again(bank_ws, context, pair, qtbot):
    """Edits are made on the Soạn câu hỏi tab beside it: the panel checks when it is shown again."""
    edit_in_the_editor(bank_ws, pair[1].id, OTHER)
    bank_ws.side.setCurrentWidget(bank_ws.editor)
    qtbot.wait(300)
    bank_ws.side.setCurrentWidget(bank_ws.quality)
    qtbot.waitUntil(lambda: not pair_found(bank_ws, pair) and summary_counts_the_bank(bank_ws))


def test_an_import_bringing_a_near_duplicate_is_found_without_kiem_tra_lai(bank_ws, context, pair, qtbot, tmp_path):
    from lecturer_app.ui.questions.import_dialog import ImportDialog

    source = tmp_path / "de.gift"
    source.write_text("::a:: Đảng Cộng sản Việt Nam đã ra đời vào năm nào? {=1930 ~1945}\n", encoding="utf-8")
    dialog = ImportDialog(context.store, context.workspace.blobs, context.bank.topics())
    qtbot.addWidget(dialog)
    dialog.path_edit.setText(str(source))
    dialog.preview()
    dialog.confirm()
    [new_id] = dialog.imported_ids
    bank_ws.imported(dialog.imported_ids)
    bank_ws.notice.close()
    qtbot.waitUntil(lambda: any(new_id in found for found in duplicates(bank_ws.quality)))
    assert summary_counts_the_bank(bank_ws)


def test_a_burst_of_changes_is_checked_once_on_the_runner_and_only_the_newest_answer_shown(
        qtbot, context, pair, monkeypatch):
    from lecturer_app.ui.operations import OperationRunner
    from lecturer_app.ui.questions import quality as module

    monkeypatch.setattr(module, "CHECK_IN_BACKGROUND_FROM", 1)  # the mini bank stands in for 3,000 questions
    checkers: list[threading.Thread] = []
    real_check = module.CheckedBank.update
    monkeypatch.setattr(module.CheckedBank, "update",
                        lambda *a, **k: checkers.append(threading.current_thread()) or real_check(*a, **k))
    ws = QuestionBankWorkspace(context)
    qtbot.addWidget(ws)
    ws.runner = OperationRunner(ws)
    ws.show()
    ws.side.setCurrentWidget(ws.quality)
    ws.quality.threshold_spin.setValue(85)
    ws.quality.run()
    qtbot.waitUntil(lambda: pair_found(ws, pair))
    ws.runner.wait_all()
    keep, drop = pair
    for stem in ("Câu sửa lần một?", "Câu sửa lần hai?", OTHER):  # three saves in a row
        edited = context.store.require(Question, drop.id)
        edited.stem = stem
        context.store.save(edited)
        ws.mark_stale()  # what a topic page's save tells the workspace
    qtbot.waitUntil(lambda: not pair_found(ws, pair) and summary_counts_the_bank(ws))
    qtbot.wait(400)  # no later check comes
    ws.runner.wait_all()
    assert len(checkers) == 2 and threading.main_thread() not in checkers  # asked, then once for the burst
    assert ws.quality.last_check is not None and ws.quality.last_check.rechecked == 1  # the question saved alone


def test_kiem_tra_lai_checks_every_question_again_trusting_nothing_kept(bank_ws, context, pair, qtbot):
    edited = context.store.require(Question, pair[1].id)
    edited.stem = OTHER
    context.store.save(edited)
    bank_ws.mark_stale()
    qtbot.waitUntil(lambda: not pair_found(bank_ws, pair))
    assert bank_ws.quality.last_check is not None and bank_ws.quality.last_check.rechecked == 1
    bank_ws.quality.run()  # the lecturer asks for a check
    live = context.store.db.execute("SELECT COUNT(*) FROM questions").fetchone()[0]
    assert bank_ws.quality.last_check.rechecked == live and summary_counts_the_bank(bank_ws)


# What the window cannot know of -----------------------------------------------------------------------


def test_gop_on_a_pair_another_store_edited_is_refused_says_why_and_checks_again(bank_ws, context, pair, qtbot):
    keep, drop = pair
    with context.worker_store() as other:  # another window, the CLI or a sync, writing the same file
        edited = other.require(Question, drop.id)
        edited.stem = OTHER
        other.save(edited)
    before = histories(context, pair)
    select_pair(bank_ws, pair)
    assert bank_ws.quality.merge_current() is None
    assert bank_ws.quality.notice.text() == REFUSED
    qtbot.waitUntil(lambda: not pair_found(bank_ws, pair) and summary_counts_the_bank(bank_ws))
    assert histories(context, pair) == before and context.store.require(Question, drop.id).stem == OTHER


def test_a_change_by_another_store_while_gop_is_asked_is_refused_when_answered(bank_ws, context, pair, qtbot):
    keep, drop = pair
    select_pair(bank_ws, pair)
    box = bank_ws.quality.merge_current()
    with context.worker_store() as other:
        edited = other.require(Question, drop.id)
        edited.stem = OTHER
        other.save(edited)
    before = histories(context, pair)
    merged = []
    bank_ws.quality.merged.connect(merged.append)
    box.merge_button.click()
    assert merged == [] and histories(context, pair) == before  # nothing written: the edit is not lost
    assert context.store.require(Question, drop.id).stem == OTHER and bank_ws.quality.notice.text() == REFUSED
    qtbot.waitUntil(lambda: not pair_found(bank_ws, pair))


def test_a_pair_unchanged_since_its_check_still_merges_when_other_questions_changed(bank_ws, context, pair, qtbot):
    keep, drop = pair
    with context.worker_store() as other:
        other.save(Question(type="essay", stem="Một câu khác, thêm vào từ nơi khác"))
    select_pair(bank_ws, pair)
    bank_ws.quality.merge_current().merge_button.click()
    assert context.store.get(Question, drop.id) is None and bank_ws.quality.notice.isHidden()


def test_a_sync_the_window_hears_of_makes_the_panel_check_again(qtbot, window, pair):
    from lecturer_app.ui.questions import install

    install(window)
    bank = next(window.tabs.widget(i) for i in range(window.tabs.count())
                if window.tabs.tabText(i) == "Ngân hàng câu hỏi")
    window.tabs.setCurrentWidget(bank)
    qtbot.waitUntil(lambda: bank.built_widget() is not None)
    ws = bank.built_widget()
    ws.side.setCurrentWidget(ws.quality)
    ws.quality.threshold_spin.setValue(85)
    ws.quality.run()
    qtbot.waitUntil(lambda: pair_found(ws, pair), timeout=10000)
    with window.context.worker_store() as other:  # what a sync's worker writes
        other.delete(pair[1].id)
    window.bank_changed.emit()  # what the sync tells the window when it is done
    qtbot.waitUntil(lambda: not pair_found(ws, pair) and summary_counts_the_bank(ws), timeout=10000)
    window.operations.wait_all()


def test_a_closed_bank_tab_stops_following_the_windows_changes(qtbot, window, pair):
    from lecturer_app.ui.questions import install

    following = len(window.changes.subscribers)
    install(window)
    bank = next(window.tabs.widget(i) for i in range(window.tabs.count())
                if window.tabs.tabText(i) == "Ngân hàng câu hỏi")
    window.tabs.setCurrentWidget(bank)
    qtbot.waitUntil(lambda: bank.built_widget() is not None)
    assert len(window.changes.subscribers) == following + 1
    assert window.close_tab(window.tabs.indexOf(bank))
    qtbot.waitUntil(lambda: len(window.changes.subscribers) == following)
    with window.context.worker_store() as other:
        other.delete(pair[1].id)
    window.bank_changed.emit()  # heard by the window alone: nothing left of the tab is called
    window.operations.wait_all()


def test_a_check_stopped_with_huy_says_so_and_nothing_is_left_to_merge(qtbot, context, pair, monkeypatch):
    from lecturer_app.core.store import question_rows
    from lecturer_app.ui.operations import OperationRunner
    from lecturer_app.ui.questions import quality as module

    monkeypatch.setattr(module, "CHECK_IN_BACKGROUND_FROM", 1)
    reading, go_on = threading.Event(), threading.Event()
    real_read = question_rows.heads

    def slow_read(db):
        reading.set()
        go_on.wait(10)
        return real_read(db)

    monkeypatch.setattr(question_rows, "heads", slow_read)  # how a check finds what to read
    ws = QuestionBankWorkspace(context)
    qtbot.addWidget(ws)
    ws.runner = OperationRunner(ws)
    ws.show()
    ws.side.setCurrentWidget(ws.quality)
    ws.quality.run()
    assert reading.wait(10)
    ws.runner.cancel_all()  # what Hủy on its progress dialog does
    go_on.set()
    qtbot.waitUntil(lambda: ws.quality.summary.text() == "Đã dừng kiểm tra. Bấm «Kiểm tra lại» để kiểm tra.")
    assert ws.quality.model.rowCount() == 0
    ws.runner.wait_all()
