"""A build's DOCX papers come from one skeleton: each has exactly the content the one-paper writer gives it."""

from __future__ import annotations

import io
import os
import subprocess
import zipfile
from datetime import date

import pytest
from lxml import etree

from lecturer_app.core.model import ImageRef, Option, Organization, Question
from lecturer_app.exam.draw import PaperVersion, PrintedQuestion
from lecturer_app.exam.paper_settings import PaperSettings
from lecturer_app.exporters.exam.paper_docx import write_paper_docx
from lecturer_app.exporters.exam.paper_docx_skeleton import (
    CODE_TOKEN,
    can_use,
    make_skeleton,
    write_from_skeleton,
)


def _version(code: str, stem_extra: str = "") -> PaperVersion:
    single = Question(type="single_choice", stem="Đảng Cộng sản Việt Nam ra đời năm nào?" + stem_extra,
                      options=[Option("1925"), Option("1930", correct=True), Option("1945"), Option("1954")])
    long = Question(type="single_choice", stem="Chọn nhận định đúng & đầy đủ <nhất>:",
                    options=[Option("Đảng lãnh đạo toàn diện, tuyệt đối mọi mặt đời sống xã hội", correct=True),
                             Option("Nhà nước quản lý bằng pháp luật"), Option("Nhân dân làm chủ"),
                             Option("Cả ba ý trên\nđều đúng")])
    tf4 = Question(type="true_false_4", stem="Xét các ý sau:",
                   options=[Option("ý một", correct=True), Option("ý hai"), Option("ý ba"), Option("ý bốn")])
    short = Question(type="short_answer", stem="Năm thành lập Đảng?")
    essay = Question(type="essay", stem="Phân tích ý nghĩa lịch sử của Cách mạng Tháng Tám năm 1945.")
    objective = [PrintedQuestion(single, 0.25, [1, 0, 3, 2], "A"), PrintedQuestion(long, 0.25, [0, 1, 2, 3], "A"),
                 PrintedQuestion(tf4, 1.0, [0, 1, 2, 3], "ĐSSS"), PrintedQuestion(short, 0.5, [], "1930")]
    return PaperVersion(code, objective, [PrintedQuestion(essay, 8.0, [], "")])


def _members(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as package:
        return {info.filename: package.read(info) for info in package.infolist()}


def _canonical(data: bytes) -> bytes:
    return etree.tostring(etree.fromstring(data), method="c14n")


def _assert_same_content(expected_path, actual_path) -> None:
    expected, actual = _members(expected_path), _members(actual_path)
    assert list(actual) == list(expected)
    for name, data in expected.items():
        if name.endswith((".xml", ".rels")):
            assert _canonical(actual[name]) == _canonical(data), name
        else:
            assert actual[name] == data, name


SETTINGS = PaperSettings(title="Kiểm tra cuối khóa", class_line="Lớp trung cấp K12", on=date(2026, 12, 4),
                         organization=Organization(name="Trường Chính trị tỉnh", header_lines=["TỈNH ỦY", "TRƯỜNG"]))


def test_every_paper_from_the_skeleton_has_the_content_of_a_paper_written_alone(tmp_path):
    skeleton = make_skeleton(SETTINGS, None)
    for code in ("101", "102", "A&1"):
        version = _version(code)
        alone = write_paper_docx(version, SETTINGS, tmp_path / f"alone_{code}.docx")
        built = write_from_skeleton(skeleton, version, tmp_path / f"built_{code}.docx")
        _assert_same_content(alone, built)


def test_question_text_that_looks_like_the_code_token_is_printed_as_written(tmp_path):
    from docx import Document

    skeleton = make_skeleton(SETTINGS, None)
    built = write_from_skeleton(skeleton, _version("105", stem_extra=f" {CODE_TOKEN}"), tmp_path / "de.docx")
    text = "\n".join(p.text for p in Document(str(built)).paragraphs)
    assert f"năm nào? {CODE_TOKEN}" in text
    assert "Mã đề 105" in "\n".join(c.text for t in Document(str(built)).tables for c in t._cells)
    assert text.count(CODE_TOKEN) == 1


def test_the_organisations_header_template_is_filled_for_each_code(tmp_path):
    from docx import Document

    template = Document()
    template.add_paragraph("{don_vi} – ĐỀ THI MÃ {ma_de}")
    buffer = io.BytesIO()
    template.save(buffer)
    org = Organization(name="Trường Chính trị tỉnh", header_template="mau")
    settings = PaperSettings(title="Kiểm tra", organization=org)
    images = {"mau": buffer.getvalue()}.get
    skeleton = make_skeleton(settings, images)
    for code in ("201", "202"):
        alone = write_paper_docx(_version(code), settings, tmp_path / f"alone_{code}.docx", images=images)
        built = write_from_skeleton(skeleton, _version(code), tmp_path / f"built_{code}.docx")
        _assert_same_content(alone, built)
        assert f"ĐỀ THI MÃ {code}" in Document(str(built)).paragraphs[0].text


def test_papers_with_pictures_are_left_to_the_one_paper_writer():
    pictured = _version("101")
    pictured.objective[0].question.images = [ImageRef(sha256="anh", filename="anh.png")]
    assert not can_use(pictured)
    assert can_use(_version("102"))


def test_the_zip_holds_every_member_with_its_checksum(tmp_path):
    built = write_from_skeleton(make_skeleton(SETTINGS, None), _version("101"), tmp_path / "de.docx")
    with zipfile.ZipFile(built) as package:
        assert package.testzip() is None
        assert {"[Content_Types].xml", "word/document.xml", "word/styles.xml"} <= set(package.namelist())


@pytest.mark.slow
def test_libreoffice_opens_a_paper_from_the_skeleton(tmp_path):
    built = write_from_skeleton(make_skeleton(SETTINGS, None), _version("203"), tmp_path / "de.docx")
    profile = f"file:///tmp/lo-skeleton-{os.getpid()}"
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir",
                    str(tmp_path / "out"), str(built)], capture_output=True, text=True, timeout=180, check=True)
    text = " ".join(subprocess.run(["pdftotext", str(tmp_path / "out" / "de.pdf"), "-"], capture_output=True,
                                   text=True).stdout.split())
    assert "Mã đề 203" in text and "Mã đề 203 – Trang 1/1" in text and "Kiểm tra cuối khóa".upper() in text.upper()
    assert "Đảng Cộng sản Việt Nam ra đời năm nào?" in text and "Cả ba ý trên" in text
