"""A record edited on three machines: the conflicts dialog shows every version and takes any one (issue #13)."""

from __future__ import annotations

import shutil

import pytest

from lecturer_app.core.bank.queries import LessonBank
from lecturer_app.core.model import Topic
from lecturer_app.core.store.conflicts import conflict_count

TITLES = {"A": "Tên đặt ở máy A", "B": "Tên đặt ở máy B", "C": "Tên đặt ở máy C"}


@pytest.fixture
def three_heads(sync_window, peer, base_folder, tmp_path, finish):
    """AB-02 renamed on A (the window), B and C (two more real replicas); B's and C's bundles imported on A."""
    shutil.copytree(base_folder, tmp_path / "máy C")
    third = type(peer)(tmp_path / "máy C")
    store = sync_window.context.store
    topic = LessonBank(store).require_topic("AB-02")
    topic.title = TITLES["A"]
    store.save(topic)
    peer.retitle("AB-02", TITLES["B"])
    third.retitle("AB-02", TITLES["C"])
    actions = sync_window.sync_actions
    for name, replica in (("b", peer), ("c", third)):
        finish(actions.import_bundle(replica.export(tmp_path / f"{name}.lbb"), trust_new=True))
        actions.last_notice.close()
    assert len(store.log.heads(topic.id)) == 3
    return topic.id


def test_the_dialog_shows_all_three_versions_with_a_button_each(sync_window, three_heads):
    dialog = sync_window.conflicts_button.open_dialog()
    assert dialog.selected_record() == three_heads and len(dialog.heads) == 3
    page = dialog.view.toPlainText()
    assert all(title in page for title in TITLES.values())
    assert all(f"Bản {n}" in page for n in (1, 2, 3))
    assert [button.text() for button in dialog.take_buttons] == ["Lấy bản 1", "Lấy bản 2", "Lấy bản 3"]
    assert all(button.isEnabled() for button in (*dialog.take_buttons, dialog.combine))
    assert "3 bản khác nhau" in dialog.heads_note.text()
    assert sync_window.conflicts_button.text() == "Xung đột (1)"
    dialog.close()


@pytest.mark.parametrize("index", [0, 1, 2])
def test_taking_any_one_of_three_ends_the_conflict(sync_window, three_heads, index):
    dialog = sync_window.conflicts_button.open_dialog()
    kept = dialog.heads[index].body["title"]
    dialog.take_buttons[index].click()
    store = sync_window.context.store
    assert store.require(Topic, three_heads).title == kept
    (head,) = store.log.heads(three_heads)
    assert len(head.parents) == 3  # the resolution descends from every version
    assert conflict_count(store) == 0 and dialog.list.count() == 0
    assert not any(button.isEnabled() for button in dialog.take_buttons)
    dialog.close()


def test_a_combined_edit_of_three_versions_ends_the_conflict_without_a_manual_refresh(sync_window, three_heads,
                                                                                      qtbot):
    dialog = sync_window.conflicts_button.open_dialog()
    dialog.combine.click()
    dialog.last_notice.close()
    store = sync_window.context.store
    topic = store.require(Topic, three_heads)
    topic.title = "Tên kết hợp của A, B và C"
    store.save(topic)  # what the page's autosave does; nothing else is told
    (head,) = store.log.heads(three_heads)
    assert len(head.parents) == 3
    qtbot.waitUntil(lambda: not sync_window.conflicts_button.isVisible(), timeout=5000)
    assert dialog.list.count() == 0
    dialog.close()
