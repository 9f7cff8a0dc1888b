"""The «Bản chính thức» indicator on a topic page and «Áp dụng bản chính thức» with the side-by-side view."""

from __future__ import annotations

from lecturer_app.core.bank.official import mark_official
from lecturer_app.core.model import PlanSection


def test_a_topic_without_an_official_version_shows_no_indicator(sync_window, finish):
    page = sync_window.open_topic(sync_window.context.bank.require_topic("AB-02").id)
    finish(page.official_indicator.operation)
    assert not page.official_indicator.action.isVisible()


def test_the_indicator_offers_the_official_version_beside_the_draft_and_adopting_keeps_both(
        sync_window, finish, qtbot):
    store = sync_window.context.store
    topic = sync_window.context.bank.require_topic("AB-01")
    plan = sync_window.context.bank.plan(topic.id)
    section = sync_window.context.bank.sections(plan.id)[0]
    section.body = "Nội dung đã được tỉnh duyệt."
    store.save(section)
    mark_official(store, topic.id, "Duyệt")  # as a province editor's mark arriving by sync would be
    section.body = "Bản nháp sửa sau của giảng viên."
    draft = store.save(section)

    page = sync_window.open_topic(topic.id)
    indicator = page.official_indicator
    finish(indicator.operation)
    assert indicator.action.isVisible() and indicator.action.text() == "Có bản chính thức mới (1)"
    dialog = indicator.open_dialog()
    qtbot.addWidget(dialog)
    text = dialog.view.toPlainText()
    assert "Bản đang dùng" in text and "Bản chính thức" in text
    assert "Bản nháp sửa sau của giảng viên." in text and "Nội dung đã được tỉnh duyệt." in text

    dialog.adopt_all.click()
    finish(indicator.operation)
    assert store.require(PlanSection, section.id).body == "Nội dung đã được tỉnh duyệt."
    assert draft.rev_id in store.log.heads(section.id)[0].parents  # the draft stays in the history
    assert indicator.action.text() == "✓ Bản chính thức" and not dialog.adopt_all.isEnabled()
    dialog.close()


def test_a_new_shipped_bank_is_announced_in_the_status_bar(qtbot, home, mini_bank):
    from lecturer_app.core.bank.shipped_import import import_bank
    from lecturer_app.ui.app import build_main_window

    info = mini_bank / "bank.toml"
    info.write_text(info.read_text(encoding="utf-8").replace('version = "1"', 'version = "2"'), encoding="utf-8")
    catalog = mini_bank / "catalog.toml"
    catalog.write_text(catalog.read_text(encoding="utf-8").replace(
        'title = "Học tập nghị quyết Đại hội"', 'title = "Học tập nghị quyết Đại hội XIV"'), encoding="utf-8")
    report = home.bank_update_report = import_bank(home.store, mini_bank)  # as open_workspace does after an update
    window = build_main_window(home, features=("lecturer_app.ui.sync",))
    qtbot.addWidget(window)
    assert len(report.upgraded) == 2  # the topic and its plan (whose header carries the title)
    assert window.statusBar().currentMessage().startswith("Ngân hàng chuyên đề mới (2): cập nhật 2 mục; 0 mục")


def test_topic_pages_compare_with_the_shipped_bank_read_once(sync_window, finish, monkeypatch):
    from lecturer_app.core.bank import shipped_import

    reads = []
    real = shipped_import.shipped_revisions
    monkeypatch.setattr(shipped_import, "shipped_revisions", lambda folder: reads.append(folder) or real(folder))
    bank = sync_window.context.bank

    for code in ("AB-01", "AB-02", "AB-01"):
        page = sync_window.open_topic(bank.require_topic(code).id)
        finish(page.official_indicator.refresh())

    assert len(reads) == 1
