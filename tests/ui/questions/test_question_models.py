"""Every question-bank model passes Qt's model tester (the list's own: test_question_table_model.py)."""

from __future__ import annotations

from lecturer_app.core.errors import Problem
from lecturer_app.core.model import DEFAULT_LEVELS, Option, Question
from lecturer_app.core.questions.quality import check_questions
from lecturer_app.importers.questions.commit import ImportPlan
from lecturer_app.importers.questions.report import ImportResult, ParsedItem
from lecturer_app.ui.questions.import_dialog import ImportPreviewModel
from lecturer_app.ui.questions.matrix import LevelMatrixModel
from lecturer_app.ui.questions.quality import FindingsModel


def test_matrix_model_shows_counts_and_tints_gaps(qtmodeltester):
    model = LevelMatrixModel()
    model.set_data(DEFAULT_LEVELS, [("NTD-01", "Lịch sử", [3, 0, 1, 0, 2, 6])])
    assert model.columnCount() == len(DEFAULT_LEVELS) + 3
    assert model.headerData(1, __import__("PySide6.QtCore").QtCore.Qt.Orientation.Horizontal) == "Nhận biết"
    assert model.data(model.index(0, 2)) == "0"
    qtmodeltester.check(model)


def test_import_preview_model_lists_new_items_then_skipped_ones(qtmodeltester, tmp_path):
    result = ImportResult(tmp_path / "a.txt", "txt")
    question = Question(type="single_choice", stem="Đảng ra đời năm nào?", options=[Option("1930", True)])
    plan = ImportPlan(result, new=[ParsedItem(question, "a.txt, dòng 1")],
                      skipped=[Problem("a.txt", "dòng 5", "thiếu dòng ANSWER")])
    model = ImportPreviewModel()
    model.set_plan(plan)
    assert [model.data(model.index(r, 0)) for r in range(2)] == ["Nhập", "Bỏ qua"]
    assert model.data(model.index(0, 4)) == "1930" and model.data(model.index(1, 3)) == "thiếu dòng ANSWER"
    qtmodeltester.check(model)


def test_findings_model_names_the_questions(qtmodeltester):
    a = Question(id="a", type="essay", stem="Phân tích vai trò của Đảng")
    b = Question(id="b", type="essay", stem="Phân tích vai trò của Đảng")
    model = FindingsModel()
    questions = [a, b]
    model.set_findings(check_questions(questions), {q.id: q for q in questions})
    texts = [model.data(model.index(r, 1)) for r in range(model.rowCount())]
    assert "Phân tích vai trò của Đảng | Phân tích vai trò của Đảng" in texts
    qtmodeltester.check(model)



def test_an_imported_question_with_a_caveat_is_never_labelled_bo_qua(qtmodeltester, tmp_path):
    """Issue #15 item 11: the missing-picture note of an imported question was a "Bỏ qua" row."""
    result = ImportResult(tmp_path / "a.xlsx", "xlsx")
    result.warning("dòng 2", "không tìm thấy hình ảnh \"so_do.png\" cạnh tệp; câu hỏi được nhập không kèm hình")
    question = Question(type="single_choice", stem="Sơ đồ nào đúng?", options=[Option("A", True)])
    plan = ImportPlan(result, new=[ParsedItem(question, "a.xlsx, dòng 2")])
    model = ImportPreviewModel()
    model.set_plan(plan)
    labels = {model.data(model.index(r, 3)): model.data(model.index(r, 0)) for r in range(model.rowCount())}
    assert [label for text, label in labels.items() if "được nhập" in text] == ["Nhập, xem lưu ý"]
    assert "Bỏ qua" not in labels.values()
    qtmodeltester.check(model)
