"""What the app writes as a revision's summary is Vietnamese whatever the UI language; a history shows it translated.

The summary travels with the revision to every machine of the province: a
lecturer on the English UI restoring a version, importing questions or
resolving a conflict wrote «Restored version …», «Imported from …» into a
history that every colleague reads (core/store/summaries.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lecturer_app import i18n
from lecturer_app.core.model import Question
from lecturer_app.core.resources import resource_path
from lecturer_app.core.store import summaries
from lecturer_app.core.store.summaries import summary_text
from lecturer_app.importers.questions import read_questions
from lecturer_app.importers.questions.commit import commit_import, plan_import


@pytest.fixture
def english():
    i18n.setup("en", resource_path("translations"))
    yield
    i18n.setup("vi", None)


def _summaries(store, record_id: str) -> list[str]:
    return [entry.summary for entry in store.history(record_id)]


def test_restoring_a_version_in_english_writes_the_vietnamese_summary_and_shows_it_in_english(store, english):
    question = Question(stem="Đại hội VI họp năm nào?", type="short_answer", answers=["1986"])
    first = store.save(question, summary="Câu gốc")
    question.answers = ["Năm 1986"]
    store.save(question)
    store.restore(question.id, first.rev_id)
    written = _summaries(store, question.id)[-1]
    assert written == f"Khôi phục phiên bản {first.rev_id[:10]}"
    assert summary_text(written) == f"Restored version {first.rev_id[:10]}"


def test_importing_questions_in_english_writes_the_vietnamese_summary(store, english, tmp_path: Path):
    source = tmp_path / "câu hỏi (đợt 1).txt"
    source.write_text("Câu 1: Đảng Cộng sản Việt Nam ra đời năm nào?\nA. 1925\nB. 1930\nĐáp án: B\n", encoding="utf-8")
    written = commit_import(plan_import(read_questions(source), store), store, None)
    summary = _summaries(store, written[0].id)[-1]
    assert summary == "Nhập từ câu hỏi (đợt 1).txt"
    assert summary_text(summary) == "Imported from câu hỏi (đợt 1).txt"


def test_every_summary_the_app_writes_reads_in_english_and_a_typed_one_stays_as_typed(english):
    plain = [summaries.AUTOSAVE, summaries.DISCARD, summaries.SAVE_BLUEPRINT, summaries.ORGANIZATION_SETTINGS,
             summaries.ORGANIZATION_UPDATE, summaries.HEADER_TEMPLATE, summaries.NEW_TOPIC, summaries.CATALOG_IMPORT,
             summaries.EDIT_QUESTION, summaries.ADD_QUESTION, summaries.DELETE_QUESTIONS, summaries.UNDO_DELETE,
             summaries.UNDO_MERGE, summaries.MARK_OFFICIAL, summaries.RESOLVE_CONFLICT, summaries.MERGE_DUPLICATES]
    for summary in plain:
        shown = summary_text(summary)
        assert shown != summary and shown.isascii(), summary
    shown = summary_text(summaries.DELETE_ATTACHMENT.format(name="Bài giảng {cũ}.pptx"))
    assert shown.isascii() is False and shown.endswith("Bài giảng {cũ}.pptx") and "Xóa" not in shown
    assert summary_text(summaries.MERGED_INTO.format(id="0193b6e25c")) == "Merged into question 0193b6e25c"
    # A version brought back from the history names the one it restores, itself ours or typed.
    assert summary_text(summaries.RESTORED_FROM.format(summary=summaries.AUTOSAVE)) == "Restored: Autosaved"
    assert summary_text(summaries.RESTORED_FROM.format(summary="Bản giảng K12")) == "Restored: Bản giảng K12"
    assert summary_text("Bản giảng lớp K12") == "Bản giảng lớp K12"


def test_in_vietnamese_the_history_shows_each_summary_as_written():
    for summary in (summaries.AUTOSAVE, summaries.IMPORT_PLAN.format(name="giáo án.docx"), "Bản giảng lớp K12"):
        assert summary_text(summary) == summary
