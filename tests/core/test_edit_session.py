"""EditSession: staged edits, autosave flush, named versions and discarding."""

from __future__ import annotations

import pytest

from lecturer_app.core.model import PlanSection
from lecturer_app.core.store.edit_session import (
    AUTOSAVE_SUMMARY,
    DISCARD_SUMMARY,
    EditSession,
)


@pytest.fixture
def section(store):
    record = PlanSection(plan_id="p", topic_id="t", position="V", kind="muc_tieu", heading="I. MỤC TIÊU",
                         body="Nắm được.\n")
    store.save(record, summary="tạo")
    return record


def test_staged_edits_are_written_only_on_flush_as_one_autosave_revision(store, section):
    session = EditSession(store)
    section.body = "Nắm được quá trình.\n"
    session.stage(section)
    section.body = "Nắm được quá trình ra đời.\n"
    session.stage(section)
    assert store.get(PlanSection, section.id).body == "Nắm được.\n"
    assert session.flush() == 1
    history = store.history(section.id)
    assert [r.summary for r in history] == ["tạo", AUTOSAVE_SUMMARY]
    assert store.get(PlanSection, section.id).body == "Nắm được quá trình ra đời.\n"
    assert not session.has_pending and session.has_unversioned


def test_save_version_names_already_autosaved_records(store, section):
    session = EditSession(store)
    section.body = "Mới.\n"
    session.stage(section)
    session.flush()
    assert session.save_version("Bản giảng K12") == 1
    last = store.history(section.id)[-1]
    assert last.summary == "Bản giảng K12" and last.body["body"] == "Mới.\n"
    assert not session.has_unversioned


def test_save_version_writes_pending_edits_under_the_name(store, section):
    session = EditSession(store)
    section.heading = "I. MỤC TIÊU BÀI HỌC"
    session.stage(section)
    assert session.save_version("Bản 2") == 1
    assert [r.summary for r in store.history(section.id)] == ["tạo", "Bản 2"]


def test_discard_puts_touched_records_back_and_removes_new_ones(store, section):
    session = EditSession(store)
    section.body = "Sửa.\n"
    session.stage(section)
    session.flush()
    added = PlanSection(plan_id="p", topic_id="t", position="W", heading="Mục mới")
    session.save_now(added)
    session.discard()
    assert store.get(PlanSection, section.id).body == "Nắm được.\n"
    assert store.get(PlanSection, added.id) is None
    assert store.history(section.id)[-1].summary == DISCARD_SUMMARY
    assert not session.has_unversioned


def test_delete_now_is_undone_by_discard(store, section):
    session = EditSession(store)
    session.delete_now(section, "Xóa mục")
    assert store.get(PlanSection, section.id) is None
    session.discard()
    assert store.get(PlanSection, section.id).heading == "I. MỤC TIÊU"


def test_an_unchanged_record_is_not_counted(store, section):
    session = EditSession(store)
    session.stage(section)
    assert session.flush() == 0
    assert not session.has_unversioned
