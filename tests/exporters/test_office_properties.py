"""Every Office file this app writes carries its own title, author, dates and Vietnamese language tag."""

from __future__ import annotations

import zipfile
from datetime import UTC, datetime, timedelta

import pytest

from lecturer_app.core.model import Bullet, Organization, Slide, Topic
from lecturer_app.exporters.office_properties import stamp_time
from lecturer_app.exporters.plan_document import PlanDocument
from lecturer_app.exporters.plan_docx import write_plan_docx
from lecturer_app.exporters.pptx_writer import write_pptx
from lecturer_app.formats.slide_layout import layout_deck, load_theme


def _plan() -> PlanDocument:
    org = Organization(name="Trung tâm chính trị", header_lines=["Trung tâm chính trị"])
    return PlanDocument(Topic(code="NTD-01", title="Lịch sử Đảng"),
                        {"ten_bai": "Khái quát lịch sử Đảng", "nguoi_soan": "Nguyễn Văn A"},
                        [("I. MỤC TIÊU", "Nắm được lịch sử Đảng.\n")], org)


def _recent(value: datetime) -> bool:
    stamp = value if value.tzinfo else value.replace(tzinfo=UTC)
    return abs(datetime.now(UTC) - stamp) < timedelta(minutes=5)


def test_a_plan_docx_names_its_author_title_and_today_not_the_template(tmp_path):
    from docx import Document

    path = tmp_path / "giao-an.docx"
    write_plan_docx(_plan(), path, images=lambda sha: None)
    props = Document(str(path)).core_properties
    assert (props.title, props.author, props.last_modified_by) == (
        "Khái quát lịch sử Đảng", "Nguyễn Văn A", "Nguyễn Văn A")
    assert props.comments == ""
    assert _recent(props.created) and _recent(props.modified)


def test_a_plan_docx_is_tagged_vietnamese_for_every_run(tmp_path):
    path = tmp_path / "giao-an.docx"
    write_plan_docx(_plan(), path, images=lambda sha: None)
    with zipfile.ZipFile(path) as package:
        styles = package.read("word/styles.xml").decode()
        document = package.read("word/document.xml").decode()
    assert '<w:lang w:val="vi-VN"' in styles
    assert "en-US" not in styles and "en-US" not in document


def test_a_deck_pptx_names_its_author_and_every_text_is_vietnamese(tmp_path):
    from pptx import Presentation

    theme = load_theme("trang_trong")
    slides = [Slide(title="Lịch sử Đảng", bullets=[Bullet("Đảng ra đời")], notes="Giới thiệu")]
    path = tmp_path / "bai.pptx"
    write_pptx(layout_deck(slides, theme), path, theme=theme, images=lambda sha: None, title="Lịch sử Đảng",
               author="Nguyễn Văn A")
    props = Presentation(str(path)).core_properties
    assert (props.title, props.author, props.last_modified_by) == ("Lịch sử Đảng", "Nguyễn Văn A", "Nguyễn Văn A")
    assert _recent(props.created) and _recent(props.modified) and props.comments == ""
    with zipfile.ZipFile(path) as package:
        xml = "".join(package.read(name).decode() for name in package.namelist() if name.endswith(".xml"))
    assert 'lang="vi-VN"' in xml and "en-US" not in xml


def test_question_bank_xlsx_and_docx_exports_have_their_own_properties(tmp_path):
    from docx import Document
    from openpyxl import load_workbook

    from lecturer_app.core.model import Option, Question
    from lecturer_app.exporters.questions import docx_writer, xlsx_writer

    questions = [Question(type="single_choice", stem="Đảng ra đời năm nào?",
                          options=[Option("1930", correct=True), Option("1945")])]
    xlsx_writer.export(questions, tmp_path / "ngan-hang.xlsx")
    docx_writer.export(questions, tmp_path / "ngan-hang.docx")
    workbook = load_workbook(tmp_path / "ngan-hang.xlsx")
    assert workbook.properties.title == "Ngân hàng câu hỏi"
    assert workbook.properties.creator != "openpyxl"
    assert _recent(workbook.properties.created)
    props = Document(str(tmp_path / "ngan-hang.docx")).core_properties
    assert props.author != "python-docx" and _recent(props.created)


def test_an_exam_date_gives_a_fixed_stamp_so_a_build_writes_the_same_bytes():
    from datetime import date

    assert stamp_time(date(2025, 3, 5)) == datetime(2025, 3, 5, tzinfo=UTC)
    assert stamp_time(date(2025, 3, 5)) == stamp_time(date(2025, 3, 5))


@pytest.mark.parametrize("when", [datetime(2025, 3, 5, 9, 30, 15, 123456, tzinfo=UTC)])
def test_a_stamp_is_to_the_second(when):
    assert stamp_time(when).microsecond == 0
