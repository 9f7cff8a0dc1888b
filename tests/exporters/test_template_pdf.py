"""Issue #15 item 21: the school's own header template heads the PDF paper and the PDF plan too, with its
placeholders filled, its alignment and bold kept, its table and its logo (read back with poppler's tools)."""

from __future__ import annotations

import re
import subprocess
from datetime import date
from html import unescape

import pytest

from lecturer_app.core.model import Option, Organization, Question, Topic
from lecturer_app.exam.draw import PaperVersion, PrintedQuestion
from lecturer_app.exam.paper_settings import PaperSettings
from lecturer_app.exporters.exam.paper_pdf import FRAME_PADDING, write_paper_pdf
from lecturer_app.exporters.plan_document import PlanDocument
from lecturer_app.exporters.plan_pdf import write_plan_pdf
from tests.support.header_template import header_template

A4_WIDTH = 595.28
MM = 72 / 25.4
ORG = Organization(name="Trung tâm chính trị", header_lines=["Ban Thường vụ Huyện ủy", "Trung tâm chính trị"],
                   place="Tam Đường", header_template="t" * 64)


def _version() -> PaperVersion:
    question = Question(type="single_choice", stem="Đảng ra đời năm nào?",
                        options=[Option("1925"), Option("1930", correct=True), Option("1945"), Option("1954")])
    return PaperVersion("209", [PrintedQuestion(question, 1.0, [0, 1, 2, 3], "B")], [])


def _images(sha: str) -> bytes | None:
    return header_template() if sha == ORG.header_template else None


def _text(pdf) -> str:
    return " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())


def _lines(pdf) -> list[tuple[str, float, float]]:
    """(text, left, right) of each line on page 1, from ``pdftotext -bbox-layout``."""
    html = subprocess.run(["pdftotext", "-bbox-layout", "-f", "1", "-l", "1", str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    found = []
    for line in re.findall(r"<line (.*?)</line>", html, re.S):
        words = re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">(.*?)</word>', line)
        if words:
            found.append((" ".join(unescape(w[2]) for w in words), float(words[0][0]), float(words[-1][1])))
    return found


def _line(pdf, start: str) -> tuple[str, float, float]:
    matches = [line for line in _lines(pdf) if line[0].startswith(start)]
    assert matches, f"no line starting with {start!r} in {[line[0] for line in _lines(pdf)]}"
    return matches[0]


@pytest.fixture
def paper(tmp_path):
    settings = PaperSettings(title="ĐỀ KIỂM TRA CUỐI KHÓA", organization=ORG, on=date(2025, 3, 5), official=True)
    return write_paper_pdf(_version(), settings, tmp_path / "de.pdf", images=_images)


def test_the_pdf_paper_prints_the_filled_template_instead_of_the_built_in_header(paper):
    text = _text(paper)
    assert "ĐỀ KIỂM TRA CUỐI KHÓA – Mã đề 209" in text
    assert "Ban Thường vụ Huyện ủy" in text and "ĐỀ CHÍNH THỨC" in text
    assert "Tam Đường, ngày 05 tháng 3 năm 2025" in text
    assert "Thời gian: Thời gian làm bài: 90 phút (không kể thời gian phát đề) · {ten_truong}" in text
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" not in text and "Số báo danh" not in text   # the template holds the top
    assert "Đảng ra đời năm nào?" in text and "Mã đề 209 – Trang 1/1" in text   # the paper and its own footer


def test_the_template_keeps_its_alignment_bold_and_logo(paper):
    frame_left, frame_right = 20 * MM + FRAME_PADDING, A4_WIDTH - 15 * MM - FRAME_PADDING   # the page's margins
    _text_, left, right = _line(paper, "ĐỀ CHÍNH THỨC")
    assert abs((left + right) / 2 - (frame_left + frame_right) / 2) < 2   # centred
    _text_, left, right = _line(paper, "Tam Đường")
    assert abs(right - frame_right) < 2 and left > frame_left + 100   # right-aligned
    fonts = subprocess.run(["pdffonts", str(paper)], capture_output=True, text=True, check=True).stdout
    assert "LiberationSerif-Bold" in fonts
    listing = subprocess.run(["pdfimages", "-list", str(paper)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^\s*1\s+\d+\s+image\s+120\s+120\b", listing, re.M)   # the logo, at its own pixels


def test_a_written_plan_pdf_uses_the_template_and_reports_unknown_placeholders(tmp_path):
    plan = PlanDocument(Topic(code="NTD-01", title="Lịch sử Đảng"), {"ten_bai": "Lịch sử Đảng", "nguoi_soan": "A",
                                                                     "thoi_gian": "5 tiết"},
                        [("I. MỤC TIÊU", "- Nắm vững nội dung\n")], ORG)
    warnings: list[str] = []
    write_plan_pdf(plan, tmp_path / "ga.pdf", images=_images, warnings=warnings)
    text = _text(tmp_path / "ga.pdf")
    assert "Ban Thường vụ Huyện ủy" in text and "Thời gian: 5 tiết" in text
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" not in text and "I. MỤC TIÊU" in text
    assert warnings == ["Mẫu tiêu đề có chỗ trống không rõ: {de_chinh_thuc}",
                        "Mẫu tiêu đề có chỗ trống không rõ: {ky_thi}", "Mẫu tiêu đề có chỗ trống không rõ: {ma_de}",
                        "Mẫu tiêu đề có chỗ trống không rõ: {ten_truong}"]


def test_a_template_that_cannot_be_read_gives_the_built_in_header_and_says_so(tmp_path):
    plan = PlanDocument(Topic(code="NTD-01", title="Lịch sử Đảng"), {"ten_bai": "Lịch sử Đảng"}, [], ORG)
    warnings: list[str] = []
    write_plan_pdf(plan, tmp_path / "ga.pdf", images=lambda sha: b"not a docx", warnings=warnings)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in _text(tmp_path / "ga.pdf")
    assert len(warnings) == 1 and "không đọc được" in warnings[0]
    paper = write_paper_pdf(_version(), PaperSettings(organization=ORG), tmp_path / "de.pdf",
                            images=lambda sha: b"not a docx")
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in _text(paper)


def test_the_lesson_export_passes_the_template_warnings_on(workspace, tmp_path):
    from lecturer_app.exporters.lesson_export import export_lesson

    org = Organization(name=ORG.name, header_lines=ORG.header_lines, place=ORG.place,
                       header_template=workspace.blobs.put_bytes(header_template()))
    workspace.store.save(org)
    workspace.settings.organization_id = org.id
    result = export_lesson(workspace, "AB-01", "pdf", tmp_path / "ga.pdf")
    assert "Mẫu tiêu đề có chỗ trống không rõ: {ten_truong}" in result.warnings
    above_title = _text(result.path).split("GIÁO ÁN")[0]   # the topic's own title names the Party too
    assert "Ban Thường vụ Huyện ủy" in above_title and "ĐẢNG CỘNG SẢN VIỆT NAM" not in above_title
