"""The exam screen draws from the bank as it is now: a question corrected while the tab is open is printed
corrected, with its corrected key (a key that disagrees with the bank is the worst an exam can have)."""

from __future__ import annotations

import pytest

from tests.exam import exam_bank_data


@pytest.fixture
def exam_workspace(qtbot, store, tmp_path):
    from lecturer_app.ui.exam.exam_workspace import ExamWorkspace

    exam_bank_data.make_exam_bank(store)
    widget = ExamWorkspace(store, tmp_path / "de")
    qtbot.addWidget(widget)
    widget.quick_topics.setText(",".join(exam_bank_data.TOPIC_CODES))
    widget.quick_mc.setValue(60)
    widget.quick_essay.setValue(0)
    widget.fill_quick()
    widget.versions_spin.setValue(1)
    widget.docx_check.setChecked(False)
    return widget


def _correct_every_key(store) -> None:
    """What a lecturer does in «Ngân hàng câu hỏi»: the right option moves one down, the stem says so."""
    from lecturer_app.core.model import Option, Question

    with store.transaction():
        for question in store.select(Question):
            if question.type != "single_choice":
                continue
            right = [o.correct for o in question.options].index(True)
            moved = (right + 1) % len(question.options)
            question.options = [Option(o.text, correct=(k == moved), pinned=o.pinned)
                                for k, o in enumerate(question.options)]
            question.stem += " (đã sửa)"
            store.save(question)


def _printed_right_answers(version) -> list[str]:
    """The text of the option each key letter points at, in the order the paper prints the options."""
    return [item.question.options[item.order["ABCDEF".index(item.key)]].text for item in version.printed]


def test_a_question_corrected_in_the_bank_is_built_corrected_with_its_corrected_key(exam_workspace, store):
    from lecturer_app.core.model import Question

    _correct_every_key(store)
    exam_workspace.generate()
    version = exam_workspace.last_report.versions[0]
    bank = {q.id: q for q in store.select(Question)}
    assert [item.question.stem for item in version.printed] == [bank[i].stem for i in version.question_ids]
    assert _printed_right_answers(version) == [next(o.text for o in bank[i].options if o.correct)
                                               for i in version.question_ids]


def test_the_preview_shows_the_corrected_question(exam_workspace, store):
    _correct_every_key(store)
    exam_workspace.preview()
    assert "(đã sửa)" in exam_workspace.preview_text.toPlainText()


def test_coming_back_to_the_tab_counts_the_bank_as_it_is_now(exam_workspace, store):
    from lecturer_app.core.model import Question
    from lecturer_app.ui.exam.blueprint_model import AVAILABLE

    exam_workspace.show()
    before = exam_workspace.model.data(exam_workspace.model.index(0, AVAILABLE))
    code = exam_workspace.model.blueprint.cells[0].topic_code
    level = exam_workspace.model.blueprint.cells[0].level
    topic_id = next(q.topic_ids[0] for q in store.select(Question) if q.type == "single_choice"
                    and exam_workspace.pool.topic_codes[q.topic_ids[0]] == code)
    with store.transaction():
        store.save(Question(type="single_choice", stem="Câu mới thêm?", level=level, topic_ids=[topic_id],
                            options=[], status="approved"))
    exam_workspace.hide()
    exam_workspace.show()
    assert exam_workspace.model.data(exam_workspace.model.index(0, AVAILABLE)) == str(int(before) + 1)


def test_the_preview_is_the_first_version_the_build_prints_when_recent_exams_are_avoided(exam_workspace, tmp_path):
    exam_workspace.quick_mc.setValue(12)
    exam_workspace.fill_quick()
    exam_workspace.generate()
    exam_workspace.avoid_spin.setValue(1)
    exam_workspace.dir_edit.setText(str(tmp_path / "de_2"))
    exam_workspace.preview()
    previewed = exam_workspace.preview_text.toPlainText()
    exam_workspace.generate()
    printed = exam_workspace.last_report.versions[0].printed
    assert all(f"{item.question.stem}  [{item.key}]" in previewed for item in printed)
