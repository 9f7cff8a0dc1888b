"""The school's own DOCX header template: placeholders filled, then the plan or the exam paper after it."""

from __future__ import annotations

import io
from datetime import date

import pytest

from lecturer_app.core.model import Option, Organization, Question, Topic
from lecturer_app.exam.draw import PaperVersion, PrintedQuestion
from lecturer_app.exam.paper_settings import PaperSettings
from lecturer_app.exporters.docx_template import fill_template, placeholders
from lecturer_app.exporters.exam.paper_docx import write_paper_docx
from lecturer_app.exporters.plan_document import PlanDocument
from lecturer_app.exporters.plan_docx import write_plan_docx


def _template(split: bool = True) -> bytes:
    """A school's header: a boxed table, "{ma_de}" split over three runs as Word often saves it, a footer."""
    from docx import Document

    document = Document()
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "{don_vi_cap_tren}\n{don_vi}"
    right = table.cell(0, 1).paragraphs[0]
    right.add_run("{ky_thi}").bold = True
    right.add_run(" – Mã đề ")
    for piece in (("{ma", "_d", "e}") if split else ("{ma_de}",)):
        right.add_run(piece).bold = True
    document.add_paragraph("Thời gian: {thoi_gian} · {ten_truong}")
    document.sections[0].footer.paragraphs[0].text = "Mã đề {ma_de}"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


ORG = Organization(name="Trung tâm chính trị", header_lines=["Ban Thường vụ Huyện ủy", "Trung tâm chính trị"],
                   place="Tam Đường", header_template="t" * 64)


def test_placeholders_split_over_runs_are_filled_keeping_the_runs_formatting():
    filled = fill_template(_template(), {"ma_de": "209", "ky_thi": "ĐỀ KIỂM TRA", "don_vi": "TTCT",
                                         "don_vi_cap_tren": "BTV", "thoi_gian": "90 phút"})
    document = filled.document
    right = document.tables[0].cell(0, 1).paragraphs[0]
    assert right.text == "ĐỀ KIỂM TRA – Mã đề 209"
    assert [r.bold for r in right.runs if r.text] == [True, None, True]
    assert document.sections[0].footer.paragraphs[0].text == "Mã đề 209"
    assert filled.unknown == ["ten_truong"]
    assert "{ten_truong}" in document.paragraphs[-1].text


def test_the_names_a_template_uses_are_listed_and_a_non_docx_is_refused():
    assert placeholders(_template(split=False)) == ["don_vi", "don_vi_cap_tren", "ky_thi", "ma_de", "ten_truong",
                                                    "thoi_gian"]
    with pytest.raises(ValueError):
        fill_template(b"not a docx", {})


def _version() -> PaperVersion:
    question = Question(type="single_choice", stem="Đảng ra đời năm nào?",
                        options=[Option("1925"), Option("1930", correct=True), Option("1945"), Option("1954")])
    return PaperVersion("209", [PrintedQuestion(question, 1.0, [0, 1, 2, 3], "B")], [])


def test_an_exam_paper_starts_with_the_filled_template_instead_of_the_built_in_header(tmp_path):
    from docx import Document

    settings = PaperSettings(title="ĐỀ KIỂM TRA CUỐI KHÓA", organization=ORG, on=date(2025, 3, 5))
    path = write_paper_docx(_version(), settings, tmp_path / "de.docx", images={ORG.header_template: _template()}.get)
    document = Document(str(path))
    assert document.tables[0].cell(0, 0).text == "Ban Thường vụ Huyện ủy\nTrung tâm chính trị"
    assert document.tables[0].cell(0, 1).text == "ĐỀ KIỂM TRA CUỐI KHÓA – Mã đề 209"
    texts = [p.text for p in document.paragraphs]
    assert "Thời gian: Thời gian làm bài: 90 phút (không kể thời gian phát đề) · {ten_truong}" in texts
    assert not any("ĐẢNG CỘNG SẢN VIỆT NAM" in t for t in texts)   # no built-in header as well
    assert any("Đảng ra đời năm nào?" in t for t in texts) and "----- HẾT -----" in texts


def test_without_its_template_bytes_the_paper_keeps_the_built_in_header(tmp_path):
    from docx import Document

    path = write_paper_docx(_version(), PaperSettings(organization=ORG), tmp_path / "de.docx", images=lambda sha: None)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in Document(str(path)).tables[0].cell(0, 1).text


def test_a_written_plan_uses_the_template_and_reports_unknown_placeholders(tmp_path):
    from docx import Document

    plan = PlanDocument(Topic(code="NTD-01", title="Lịch sử Đảng"), {"ten_bai": "Lịch sử Đảng", "nguoi_soan": "A"},
                        [("I. MỤC TIÊU", "| Bước | Nội dung |\n|---|---|\n| 1 | Ổn định |\n\n## 1. Mục tiêu\n")], ORG)
    warnings = write_plan_docx(plan, tmp_path / "ga.docx", images={ORG.header_template: _template()}.get)
    assert warnings == ["Mẫu tiêu đề có chỗ trống không rõ: {ky_thi}", "Mẫu tiêu đề có chỗ trống không rõ: {ma_de}",
                        "Mẫu tiêu đề có chỗ trống không rõ: {ten_truong}"]
    document = Document(str(tmp_path / "ga.docx"))
    assert document.tables[0].cell(0, 0).text == "Ban Thường vụ Huyện ủy\nTrung tâm chính trị"
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 1"] == ["I. MỤC TIÊU"]
    assert document.tables[1].style.name == "Table Grid"
