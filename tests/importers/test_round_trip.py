"""Issue #15 item 12: exporting a plan (DOCX) or a deck (PPTX) and importing it back changes nothing.

Exchanging plans by file must not create false edits in the history, nor
sync conflicts: the shipped sample topics go out and come back with no new
revision at all.
"""

from __future__ import annotations

import pytest

from lecturer_app.core.bank.queries import LessonBank
from lecturer_app.exporters.lesson_export import export_lesson
from lecturer_app.importers.lesson_import import import_lesson

SAMPLES = ("NTD-01", "DP-10", "NTD-03")


@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    from lecturer_app.core.workspace import open_workspace

    workspace = open_workspace(tmp_path_factory.mktemp("shipped") / "data")
    yield workspace
    workspace.close()


def _last_revision(workspace) -> int:
    return workspace.store.db.execute("SELECT MAX(seq) FROM revisions").fetchone()[0]


@pytest.mark.parametrize("code", SAMPLES)
@pytest.mark.parametrize(("fmt", "kind"), [("docx", "plan"), ("pptx", "deck")])
def test_a_sample_goes_out_and_comes_back_without_a_single_revision(shipped, tmp_path, code, fmt, kind):
    path = tmp_path / f"{code}.{fmt}"
    export_lesson(shipped, code, fmt, path)
    before = _last_revision(shipped)
    result = import_lesson(shipped, code, path)
    assert result.kind == kind and result.unchanged and result.removed == 0
    assert _last_revision(shipped) == before


def test_a_plan_without_its_own_title_does_not_get_the_printed_capitals(shipped, tmp_path):
    bank = LessonBank(shipped.store)
    plan = bank.plan(bank.require_topic("NTD-03").id)
    plan.header.pop("ten_bai", None)
    shipped.store.save(plan)
    export_lesson(shipped, "NTD-03", "docx", tmp_path / "p.docx")
    result = import_lesson(shipped, "NTD-03", tmp_path / "p.docx")
    assert result.unchanged
    assert "ten_bai" not in bank.plan(plan.topic_id).header


def test_a_real_edit_in_the_file_changes_that_section_only(shipped, tmp_path):
    bank = LessonBank(shipped.store)
    topic = bank.require_topic("DP-10")
    plan = bank.plan(topic.id)
    export_lesson(shipped, "DP-10", "docx", tmp_path / "p.docx")
    sections = bank.sections(plan.id)
    edited = sections[1]
    edited.body += "- Một dòng chỉ có trong ứng dụng.\n"
    shipped.store.save(edited)
    before = {s.id: s.body for s in sections}
    result = import_lesson(shipped, "DP-10", tmp_path / "p.docx")
    assert not result.unchanged
    after = {s.id: s.body for s in bank.sections(plan.id)}
    assert [i for i in after if after[i] != before[i]] == [edited.id]
    assert "chỉ có trong ứng dụng" not in after[edited.id]


def test_a_slide_that_differs_in_any_field_is_written(shipped, tmp_path):
    bank = LessonBank(shipped.store)
    topic = bank.require_topic("NTD-03")
    export_lesson(shipped, "NTD-03", "pptx", tmp_path / "d.pptx")
    slide = bank.slides(bank.deck(topic.id).id)[2]
    slide.notes += " Ghi chú chỉ có trong ứng dụng."
    shipped.store.save(slide)
    result = import_lesson(shipped, "NTD-03", tmp_path / "d.pptx")
    assert not result.unchanged
    assert "chỉ có trong ứng dụng" not in shipped.store.get(type(slide), slide.id).notes
