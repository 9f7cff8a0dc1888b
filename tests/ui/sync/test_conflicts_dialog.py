"""«Xung đột (N)» and the conflicts dialog: conflicts made for real, by two data folders exchanging a bundle."""

from __future__ import annotations

from pathlib import Path

from lecturer_app.core.bank.queries import LessonBank
from lecturer_app.core.model import Question, Topic
from lecturer_app.core.store.conflicts import conflict_count


def _import(window, bundle: Path, finish) -> None:
    actions = window.sync_actions
    finish(actions.import_bundle(bundle, trust_new=True))
    actions.last_notice.close()


def _title_conflict(window, peer, finish, tmp_path) -> str:
    """AB-02 renamed differently here and on the peer, then the peer's bundle imported: its record id."""
    store = window.context.store
    topic = LessonBank(store).require_topic("AB-02")
    topic.title = "Tên đặt ở máy A"
    store.save(topic)
    peer.retitle("AB-02", "Tên đặt ở máy B")
    _import(window, peer.export(tmp_path / "b.lbb"), finish)
    return topic.id


def test_the_button_is_hidden_without_conflicts(sync_window):
    assert sync_window.conflicts_button.refresh() == 0
    assert not sync_window.conflicts_button.isVisible()


def test_an_import_that_makes_a_conflict_shows_the_button_and_says_so(sync_window, peer, finish, tmp_path):
    store = sync_window.context.store
    topic = LessonBank(store).require_topic("AB-02")
    topic.title = "Tên đặt ở máy A"
    store.save(topic)
    peer.retitle("AB-02", "Tên đặt ở máy B")
    actions = sync_window.sync_actions
    finish(actions.import_bundle(peer.export(tmp_path / "b.lbb"), trust_new=True))
    assert "1 bản ghi bị sửa khác nhau" in actions.last_notice.text()
    actions.last_notice.close()
    button = sync_window.conflicts_button
    assert button.isVisible() and button.text() == "Xung đột (1)"


def test_the_dialog_shows_both_versions_side_by_side(sync_window, peer, finish, tmp_path):
    record_id = _title_conflict(sync_window, peer, finish, tmp_path)
    dialog = sync_window.conflicts_button.open_dialog()
    assert dialog.list.count() == 1 and dialog.selected_record() == record_id
    assert dialog.list.item(0).text().startswith("Chuyên đề: ")
    page = dialog.view.toPlainText()
    assert "Tên đặt ở máy A" in page and "Tên đặt ở máy B" in page and "Bản này" in page and "Bản kia" in page
    assert all(button.isEnabled() for button in (dialog.take_left, dialog.take_right, dialog.combine))
    dialog.close()


def test_taking_one_version_ends_the_conflict_and_hides_the_button(sync_window, peer, finish, tmp_path):
    record_id = _title_conflict(sync_window, peer, finish, tmp_path)
    dialog = sync_window.conflicts_button.open_dialog()
    kept = dialog.heads[1].body["title"]
    dialog.take_right.click()
    store = sync_window.context.store
    assert conflict_count(store) == 0 and store.require(Topic, record_id).title == kept
    assert len(store.log.heads(record_id)) == 1
    assert dialog.list.count() == 0 and not dialog.take_left.isEnabled()
    assert not sync_window.conflicts_button.isVisible()
    dialog.close()


def test_taking_this_version_keeps_the_left_one(sync_window, peer, finish, tmp_path):
    record_id = _title_conflict(sync_window, peer, finish, tmp_path)
    dialog = sync_window.conflicts_button.open_dialog()
    kept = dialog.heads[0].body["title"]
    dialog.take_left.click()
    assert sync_window.context.store.require(Topic, record_id).title == kept
    dialog.close()


def test_combined_edit_opens_the_topic_page_and_saving_there_ends_the_conflict(sync_window, peer, finish,
                                                                              qtbot, tmp_path):
    record_id = _title_conflict(sync_window, peer, finish, tmp_path)
    dialog = sync_window.conflicts_button.open_dialog()
    dialog.combine.click()
    assert "Đã mở trang chuyên đề" in dialog.last_notice.text()
    dialog.last_notice.close()
    (page,) = sync_window.topic_pages()
    assert page.topic.id == record_id
    topic = sync_window.context.store.require(Topic, record_id)
    topic.title = "Tên kết hợp của A và B"
    sync_window.context.store.save(topic)  # what the page's autosave does
    sync_window.bank_changed.emit()
    assert conflict_count(sync_window.context.store) == 0
    assert not sync_window.conflicts_button.isVisible()
    dialog.close()


def test_an_edit_against_a_delete_shows_the_edit_flagged(sync_window, peer, finish, tmp_path):
    store = sync_window.context.store
    (question,) = LessonBank(store).questions(LessonBank(store).require_topic("AB-01").id)
    question.stem = "Đảng Cộng sản Việt Nam ra đời năm nào?"
    store.save(question)
    with peer.workspace() as workspace:
        workspace.store.delete(question.id)
    _import(sync_window, peer.export(tmp_path / "xoa.lbb"), finish)
    dialog = sync_window.conflicts_button.open_dialog()
    assert dialog.list.item(0).text().endswith("(một bản đã xóa)")
    page = dialog.view.toPlainText()
    assert "đã XÓA bản ghi" in page and "Đảng Cộng sản Việt Nam ra đời năm nào?" in page
    edit = next(index for index, head in enumerate(dialog.heads) if not head.deleted)
    (dialog.take_left if edit == 0 else dialog.take_right).click()
    assert store.require(Question, question.id).stem == "Đảng Cộng sản Việt Nam ra đời năm nào?"
    assert any(rev.deleted for rev in store.log.history(question.id))  # the tombstone stays in history
    dialog.close()


def test_combined_edit_of_a_question_explains_where_to_edit(sync_window, peer, finish, tmp_path):
    store = sync_window.context.store
    (question,) = LessonBank(store).questions(LessonBank(store).require_topic("AB-01").id)
    question.stem = "Câu hỏi sửa ở A"
    store.save(question)
    with peer.workspace() as workspace:
        theirs = workspace.store.require(Question, question.id)
        theirs.stem = "Câu hỏi sửa ở B"
        workspace.store.save(theirs)
    _import(sync_window, peer.export(tmp_path / "q.lbb"), finish)
    dialog = sync_window.conflicts_button.open_dialog()
    dialog.combine.click()
    assert "Câu hỏi chưa có trang sửa riêng" in dialog.last_notice.text()
    assert sync_window.topic_pages() == []
    dialog.last_notice.close()
    dialog.close()


def _slide_conflict(window, peer, finish, tmp_path) -> tuple[str, str, str]:
    """Slide 2 of AB-01's deck retitled here once and on the peer twice (so the peer's version wins the display
    order), then the peer's bundle imported: (record id, this machine's title, the peer's title)."""
    from lecturer_app.core.model import Slide

    store = window.context.store
    bank = LessonBank(store)
    slide = bank.slides(bank.deck(bank.require_topic("AB-01").id).id)[1]
    slide.title = "Trang chiếu sửa ở văn phòng"
    store.save(slide)
    with peer.workspace() as workspace:
        theirs = workspace.store.require(Slide, slide.id)
        for title in ("Trang chiếu sửa ở trung tâm (nháp)", "Trang chiếu sửa ở trung tâm"):
            theirs.title = title
            workspace.store.save(theirs)
    _import(window, peer.export(tmp_path / "trung-tam.lbb"), finish)
    return slide.id, "Trang chiếu sửa ở văn phòng", "Trang chiếu sửa ở trung tâm"


def test_bản_này_is_the_version_made_on_this_machine_and_each_machine_is_named_apart(
        sync_window, peer, finish, tmp_path):
    from lecturer_app.core.model import Slide

    record_id, mine, theirs = _slide_conflict(sync_window, peer, finish, tmp_path)
    store = sync_window.context.store
    assert store.log.heads(record_id)[0].body["title"] == theirs  # the winner the app shows is the peer's
    dialog = sync_window.conflicts_button.open_dialog()
    page = dialog.view.toPlainText()

    this_column, other_column = page.index("Bản này"), page.index("Bản kia")
    assert page.index(mine) > this_column and "máy này" in page[this_column:other_column]
    peer_replica = dialog.heads[1].device
    assert dialog.heads[0].device == store.device and peer_replica != store.device
    assert f"máy {peer_replica[-8:]}" in page  # the random end of its id, not the creation time at the start
    dialog.take_left.click()  # «Lấy bản này»: keep what was made here
    assert store.require(Slide, record_id).title == mine
    dialog.close()


def test_machines_set_up_in_the_same_minute_get_different_names():
    from lecturer_app.core.store.ids import uuid7
    from lecturer_app.ui.sync.conflict_view import machine_name

    minute = (1_764_900_000_000 >> 16) << 16  # the first 8 characters hold the time in steps of 65.5 s
    first, second = uuid7(now_ms=minute + 1_000), uuid7(now_ms=minute + 40_000)

    assert first[:8] == second[:8] and machine_name(first, "") != machine_name(second, "")
    assert machine_name(first, first) == "máy này"


def test_a_slide_in_conflict_is_listed_with_its_topics_code_since_every_deck_has_alike_slide_titles(
        sync_window, peer, finish, tmp_path):
    _slide_conflict(sync_window, peer, finish, tmp_path)
    dialog = sync_window.conflicts_button.open_dialog()

    item = dialog.list.item(0)
    assert item.text() == "Trang chiếu (AB-01): Trang chiếu sửa ở trung tâm"
    assert item.toolTip() == item.text()  # the list is narrow: the whole line on hover
    dialog.close()
