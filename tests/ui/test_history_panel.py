"""The Lịch sử tab reads the history, and the plans its newest revision compares, on the window's worker."""

from __future__ import annotations

from lecturer_app.core.model import PlanSection


def _edited_twice(context, topic) -> None:
    section = context.bank.sections(context.bank.plan(topic.id).id)[0]
    for text in ("Bản một của mục.", "Bản hai của mục."):
        section.body = text
        context.store.save(section)


def _shown(qtbot, panel):
    qtbot.addWidget(panel)
    panel.show()
    with qtbot.waitSignal(panel.loaded, timeout=10000):
        panel.reload(force=True)
    return panel


def test_the_newest_revisions_diff_read_on_the_worker_is_the_one_read_on_the_gui_thread(qtbot, context, topic):
    from lecturer_app.ui.operations import OperationRunner
    from lecturer_app.ui.topic.history_panel import HistoryPanel

    _edited_twice(context, topic)
    on_worker = _shown(qtbot, HistoryPanel(context, topic, OperationRunner()))
    on_gui = _shown(qtbot, HistoryPanel(context, topic))
    assert on_worker.selected_entries() == on_gui.selected_entries() == [on_worker.model.entries[0]]
    assert "Bản hai của mục." in on_worker.diff_view.toPlainText()
    assert on_worker.diff_view.toHtml() == on_gui.diff_view.toHtml()
    on_worker.operations.wait_all()


def test_choosing_an_older_revision_still_shows_its_own_diff(qtbot, context, topic):
    from lecturer_app.ui.operations import OperationRunner
    from lecturer_app.ui.topic.history_panel import HistoryPanel

    _edited_twice(context, topic)
    panel = _shown(qtbot, HistoryPanel(context, topic, OperationRunner()))
    older = next(row for row, e in enumerate(panel.model.entries) if e.type == PlanSection.TYPE and row > 0)
    panel.table.selectRow(older)
    assert "Bản một của mục." in panel.diff_view.toPlainText()
    assert "Bản hai của mục." not in panel.diff_view.toPlainText()
    panel.operations.wait_all()
