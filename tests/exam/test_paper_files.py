"""Paper details: pictures, option columns, DOCX that LibreOffice opens."""

from __future__ import annotations

import io
import os
import subprocess

import pytest

from lecturer_app.core.model import ImageRef, Option, Question
from lecturer_app.exam.draw import PaperVersion, PrintedQuestion
from lecturer_app.exam.paper_settings import PaperSettings
from lecturer_app.exporters.exam.paper_docx import write_paper_docx
from lecturer_app.exporters.exam.paper_pdf import option_columns, write_paper_pdf
from lecturer_app.exporters.exam.pdf_parts import make_styles


def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (240, 120), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def _version() -> PaperVersion:
    short = Question(type="single_choice", stem="Đảng ra đời năm nào?",
                     options=[Option("1925"), Option("1930", correct=True), Option("1945"), Option("1954")],
                     images=[ImageRef(sha256="abc", filename="anh.png")])
    long = Question(type="single_choice", stem="Phát biểu nào đúng về Cương lĩnh chính trị đầu tiên của Đảng?",
                    options=[Option("Xác định con đường cách mạng Việt Nam là làm tư sản dân quyền cách mạng và "
                                    "thổ địa cách mạng để đi tới xã hội cộng sản", correct=True),
                             Option("B"), Option("C"), Option("D")])
    essay = Question(type="essay", stem="Trình bày ý nghĩa lịch sử của Cách mạng Tháng Tám.")
    return PaperVersion("209", [PrintedQuestion(short, 0.5, [0, 1, 2, 3], "B"),
                                PrintedQuestion(long, 0.5, [0, 1, 2, 3], "A")],
                        [PrintedQuestion(essay, 9.0, [], "")])


def test_short_options_share_a_line_and_long_ones_get_their_own():
    styles = make_styles()
    font, size = styles.family.bold, styles.body.fontSize
    assert option_columns(["A. 1925", "B. 1930", "C. 1945", "D. 1954"], 480, font, size) == 4
    assert option_columns(["A. Hội nghị thành lập Đảng", "B. Đại hội I"], 480, font, size) == 2
    assert option_columns(["A. " + "rất dài " * 20], 480, font, size) == 1


def test_question_pictures_are_printed(tmp_path):
    png = _png()
    pdf = write_paper_pdf(_version(), PaperSettings(), tmp_path / "de.pdf", images=lambda sha: png)
    listing = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert len(listing.strip().splitlines()) == 3  # header, rule, one picture
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "A. 1925" in text and "D. 1954" in text
    assert "Câu 1 (9,0 điểm)" in text


@pytest.mark.slow
def test_libreoffice_opens_the_docx_paper(tmp_path):
    docx = write_paper_docx(_version(), PaperSettings(class_line="Lớp thử nghiệm"), tmp_path / "de.docx",
                            images=lambda sha: _png())
    profile = f"file:///tmp/lo-exam-{os.getpid()}"
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir",
                    str(tmp_path / "out"), str(docx)], capture_output=True, text=True, timeout=180, check=True)
    pdf = tmp_path / "out" / "de.pdf"
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout.split())
    # pdftotext joins a line ending in "-" with the next one, so only the head of "----- HẾT -----" is checked.
    assert "Mã đề 209" in text and "ĐỀ KIỂM TRA CUỐI KHÓA" in text and "----- HẾT" in text
    assert "Mã đề 209 – Trang 1/1" in text
    assert "Đảng ra đời năm nào?" in text and "B. 1930" in text


def test_a_question_longer_than_a_page_is_split_instead_of_failing(tmp_path):
    stem = "\n".join(f"Dòng {n} của một đoạn văn bản rất dài dùng làm ngữ liệu cho câu hỏi." for n in range(90))
    long = Question(type="single_choice", stem=stem, options=[Option("Có", correct=True), Option("Không")])
    version = PaperVersion("111", [PrintedQuestion(long, 10.0, [0, 1], "A")], [])
    pdf = write_paper_pdf(version, PaperSettings(), tmp_path / "dai.pdf")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert text.count("\f") >= 2
    assert "Dòng 0 của" in text and "Dòng 89 của" in text and "Mã đề 111 – Trang 2/" in text


def _version_with_option_pictures() -> PaperVersion:
    question = Question(type="single_choice", stem="Hình nào là cờ Đảng?",
                        options=[Option("Hình thứ nhất", correct=True, image=ImageRef(sha256="a1", filename="a.png")),
                                 Option("Hình thứ hai", image=ImageRef(sha256="b2", filename="b.png")),
                                 Option("Không hình nào"), Option("Cả hai hình")])
    return PaperVersion("305", [PrintedQuestion(question, 1.0, [1, 0, 2, 3], "B")], [])


def test_option_pictures_are_printed_under_their_options(tmp_path):
    png = _png()
    pdf = write_paper_pdf(_version_with_option_pictures(), PaperSettings(), tmp_path / "hinh.pdf",
                          images=lambda sha: png)
    listing = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert len(listing.strip().splitlines()) == 4  # header, rule, two option pictures
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    assert text.index("A. Hình thứ hai") < text.index("B. Hình thứ nhất") < text.index("C. Không hình nào")


def test_option_pictures_go_into_the_docx_paper(tmp_path):
    from docx import Document

    png = _png()
    path = write_paper_docx(_version_with_option_pictures(), PaperSettings(), tmp_path / "hinh.docx",
                            images=lambda sha: png)
    document = Document(str(path))
    assert len(document.inline_shapes) == 2
    texts = [p.text for p in document.paragraphs]
    assert texts.index("A. Hình thứ hai") < texts.index("B. Hình thứ nhất")


def test_the_printed_answer_key_of_40_questions_fits_one_page_with_every_letter(tmp_path):
    """dap_an.xlsx printed from LibreOffice: one A4 landscape page across, each mã đề's letters in order."""
    import random

    from lecturer_app.exporters.exam.keys import write_key_xlsx

    question = Question(type="single_choice", stem="Câu hỏi?", options=[Option("a", correct=True), Option("b")])
    draw = random.Random(7)
    versions = [PaperVersion(str(101 + n), [PrintedQuestion(question, 0.25, [0, 1], draw.choice("ABCD"))
                                            for _ in range(40)]) for n in range(24)]
    path = write_key_xlsx(versions, tmp_path / "dap_an.xlsx")
    profile = f"file:///tmp/lo-exam-key-{os.getpid()}"
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir",
                    str(tmp_path / "out"), str(path)], capture_output=True, text=True, timeout=180, check=True)
    pdf = tmp_path / "out" / "dap_an.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    fields = {name.strip(): value.strip() for name, _, value in (line.partition(":") for line in info.splitlines())}
    assert fields["Pages"] == "1" and fields["Page size"] == "841.89 x 595.304 pts (A4)"  # A4 landscape
    lines = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout.splitlines()
    rows = {line.split()[0]: line.split()[1:] for line in lines if line.split() and line.split()[0] in
            {v.code for v in versions}}
    assert rows == {version.code: version.key for version in versions}
