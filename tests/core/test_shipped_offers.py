"""The shipped bank's offers to a topic, read from the bank folder once (issue #16: no topic page reads it again)."""

from __future__ import annotations

import pytest

from lecturer_app.core.bank import shipped_import
from lecturer_app.core.bank.official import official_status
from lecturer_app.core.bank.queries import LessonBank
from lecturer_app.core.bank.shipped_import import import_bank
from lecturer_app.core.bank.shipped_offers import ShippedBank
from tests.core.test_bank_upgrade import NEW_TITLE, OLD_TITLE, new_version


@pytest.fixture
def reads(monkeypatch) -> list[object]:
    """Every read of a bank folder's files into revisions."""
    seen: list[object] = []
    real = shipped_import.shipped_revisions

    def counting(folder):
        seen.append(folder)
        return real(folder)

    monkeypatch.setattr(shipped_import, "shipped_revisions", counting)
    return seen


def edited_and_upgraded(store, mini_bank):
    """AB-02 retitled by the lecturer, then version 2 of the bank retitles it too: the bank offers its title."""
    import_bank(store, mini_bank)
    topic = LessonBank(store).topic_by_code("AB-02")
    topic.title = "Tên do giảng viên sửa"
    store.save(topic)
    new_version(mini_bank, "2", OLD_TITLE, NEW_TITLE)
    import_bank(store, mini_bank)
    return topic


def test_the_bank_is_read_once_for_every_topic_asked_about(store, mini_bank, reads):
    import_bank(store, mini_bank)
    shipped = ShippedBank(mini_bank)
    reads.clear()
    topics = LessonBank(store).topics()

    for topic in topics * 2:
        shipped.offers(store, topic.id)

    assert len(topics) == 3 and reads == [mini_bank]


def test_it_offers_what_reading_the_folder_for_the_topic_offers(store, mini_bank):
    topic = edited_and_upgraded(store, mini_bank)
    shipped = ShippedBank(mini_bank)

    offered = official_status(store, topic.id, offers=shipped.offers(store, topic.id))

    assert [u.record_id for u in offered.updates] == [topic.id] and offered.updates[0].source == "bank"
    assert offered.updates == official_status(store, topic.id, bank_folder=mini_bank).updates
    other = LessonBank(store).topic_by_code("AB-01")
    assert shipped.offers(store, other.id) == []


def test_a_changed_bank_folder_is_read_again(store, mini_bank, reads):
    import_bank(store, mini_bank)
    topic = LessonBank(store).topic_by_code("AB-02")
    shipped = ShippedBank(mini_bank)
    reads.clear()

    def shipped_title() -> list[str]:
        return [rev.body["title"] for rev in shipped.revisions_of(topic.id) if rev.record_id == topic.id]

    assert shipped_title() == ["Học tập nghị quyết Đại hội"]
    new_version(mini_bank, "2", OLD_TITLE, NEW_TITLE)

    assert shipped_title() == ["Học tập nghị quyết Đại hội XIV"]
    assert len(reads) == 2
