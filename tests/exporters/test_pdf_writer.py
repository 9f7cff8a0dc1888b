"""The small PDF writer of the exam PDFs: embedded subset fonts, extractable Vietnamese text, language, layout.

Checked with poppler's own tools (pdffonts, pdftotext, pdfinfo, pdftoppm),
the way a reader's viewer will open the files.
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path

import pytest

from lecturer_app.core.model import Option, Question, RubricItem
from lecturer_app.exam.draw import PaperVersion, PrintedQuestion
from lecturer_app.exam.paper_settings import PaperSettings
from lecturer_app.exporters.exam.keys import _write_key_pdf_platypus, write_key_pdf
from lecturer_app.exporters.exam.paper_pdf import _write_paper_pdf_platypus, write_paper_pdf
from lecturer_app.exporters.pdf_fonts import family_names
from lecturer_app.exporters.pdf_writer.document import PdfDocument
from lecturer_app.exporters.pdf_writer.fonts import font_named, string_width

VIETNAMESE = "Đảng Cộng sản Việt Nam ra đời ngày 3 tháng 2 năm 1930 – “độc lập, tự do, hạnh phúc”"


def _poppler(*command: str) -> subprocess.CompletedProcess:
    done = subprocess.run(list(command), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stderr == "", f"poppler complained: {done.stderr}"
    return done


def _write(tmp_path: Path, lines: list[tuple[str, str]], name: str = "t.pdf") -> Path:
    doc = PdfDocument(title="Thử nghiệm – Mã đề 101")
    canvas = doc.new_page()
    y = 800.0
    for font, text in lines:
        canvas.setFont(font, 12)
        canvas.drawString(72, y, text)
        y -= 20
    path = tmp_path / name
    path.write_bytes(doc.to_bytes())
    return path


def test_every_font_is_embedded_as_a_subset_with_a_unicode_map(tmp_path):
    family = family_names()
    pdf = _write(tmp_path, [(family.regular, VIETNAMESE), (family.bold, VIETNAMESE), (family.italic, "Mã đề")])
    rows = _poppler("pdffonts", str(pdf)).stdout.splitlines()[2:]
    assert len(rows) == 3
    for row in rows:
        assert re.match(r"[A-Z]{6}\+LiberationSerif", row), row
        assert row.split()[-5:-2] == ["yes", "yes", "yes"], row  # emb, sub, uni
        assert "CID TrueType" in row and "Identity-H" in row


def test_the_text_extracts_as_the_vietnamese_it_was_written_from(tmp_path):
    family = family_names()
    pdf = _write(tmp_path, [(family.regular, VIETNAMESE), (family.bold_italic, "Ý nghĩa: ỹ ự ẫ ộ")])
    text = _poppler("pdftotext", "-layout", str(pdf), "-").stdout
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert lines == [unicodedata.normalize("NFC", VIETNAMESE), "Ý nghĩa: ỹ ự ẫ ộ"]


def test_the_catalog_says_vietnamese_and_the_info_the_title(tmp_path):
    pdf = _write(tmp_path, [(family_names().regular, "Câu 1")])
    assert b"/Lang (vi-VN)" in pdf.read_bytes()
    info = _poppler("pdfinfo", str(pdf)).stdout
    assert "Title:           Thử nghiệm – Mã đề 101" in info
    assert "Pages:           1" in info


def test_the_same_drawing_gives_the_same_bytes(tmp_path):
    family = family_names()
    first = _write(tmp_path, [(family.regular, VIETNAMESE)], "a.pdf").read_bytes()
    second = _write(tmp_path, [(family.regular, VIETNAMESE)], "b.pdf").read_bytes()
    assert first == second
    assert b"D:20000101000000" in first  # fixed dates, as reportlab's invariant mode


def test_the_subset_keeps_only_the_glyphs_used(tmp_path):
    from lecturer_app.exporters.pdf_writer.fonts import embedded_subset

    face = font_named(family_names().regular)
    subset = embedded_subset(family_names().regular, frozenset("Câu 1"))
    assert subset.length < len(face.data) / 5
    pdf = _write(tmp_path, [(family_names().regular, "Câu 1")])
    assert pdf.stat().st_size < 20_000


def test_widths_are_reportlabs_to_the_bit():
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from lecturer_app.exporters.pdf_fonts import serif

    family = serif()
    for font in (family.regular, family.bold, family.italic, family.bold_italic):
        for size in (8, 11, 12.35, 13):
            assert string_width(VIETNAMESE, font, size) == stringWidth(VIETNAMESE, font, size)


def test_a_character_missing_from_the_font_prints_the_notdef_box_as_reportlab_does(tmp_path):
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from lecturer_app.exporters.pdf_fonts import serif

    regular = serif().regular
    missing = "漢"
    assert font_named(regular).glyph(missing) == 0
    assert string_width(f"A{missing}B", regular, 12) == stringWidth(f"A{missing}B", regular, 12)
    pdf = _write(tmp_path, [(regular, f"A{missing}B")])
    _poppler("pdftoppm", "-r", "20", "-png", str(pdf), str(tmp_path / "page"))


def _version() -> PaperVersion:
    questions = [Question(type="single_choice", stem=f"Câu hỏi số {n} về lịch sử Đảng và các kỳ Đại hội?",
                          options=[Option(f"Phương án {k} của câu {n}", correct=k == 1) for k in range(4)])
                 for n in range(12)]
    essay = Question(type="essay", stem="Phân tích ý nghĩa của sự kiện.",
                     rubric=[RubricItem("Bối cảnh", 1.0), RubricItem("Ý nghĩa", 1.0)])
    return PaperVersion("101", [PrintedQuestion(q, 0.5, [0, 1, 2, 3], "B") for q in questions],
                        [PrintedQuestion(essay, 4.0, [], "")])


def _words(pdf: Path) -> list[tuple[str, tuple[float, ...]]]:
    """Every word with its box (pdftotext -bbox), page by page."""
    out = _poppler("pdftotext", "-bbox", str(pdf), "-").stdout
    found = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', out)
    return [(word, tuple(float(v) for v in box)) for *box, word in found]


@pytest.mark.parametrize("writers", [(write_paper_pdf, _write_paper_pdf_platypus),
                                     (write_key_pdf, _write_key_pdf_platypus)], ids=["paper", "key"])
def test_papers_and_keys_read_and_sit_as_the_platypus_ones_did(tmp_path, writers):
    ours, platypus = writers
    settings = PaperSettings(class_line="Lớp bồi dưỡng, khóa I")
    new = ours(_version(), settings, tmp_path / "new.pdf")
    old = platypus(_version(), settings, tmp_path / "old.pdf")
    assert _poppler("pdftotext", "-layout", str(new), "-").stdout == \
        _poppler("pdftotext", "-layout", str(old), "-").stdout
    new_words, old_words = _words(new), _words(old)
    assert [w for w, _ in new_words] == [w for w, _ in old_words]
    for (_w, a), (_v, b) in zip(new_words, old_words):
        assert max(abs(p - q) for p, q in zip(a, b)) < 0.05


def test_a_jpeg_is_embedded_as_it_is_and_a_transparent_png_gets_a_soft_mask(tmp_path):
    import io

    from PIL import Image

    def picture(mode: str, kind: str, colour) -> bytes:
        buffer = io.BytesIO()
        Image.new(mode, (60, 40), colour).save(buffer, format=kind)
        return buffer.getvalue()

    jpeg = picture("RGB", "JPEG", (200, 30, 30))
    doc = PdfDocument(title="Ảnh")
    canvas = doc.new_page()
    canvas.drawImage(jpeg, 50, 700, 60, 40)
    canvas.drawImage(picture("RGBA", "PNG", (0, 0, 255, 128)), 150, 700, 60, 40)
    pdf = tmp_path / "anh.pdf"
    pdf.write_bytes(doc.to_bytes())
    assert jpeg in pdf.read_bytes()
    rows = [line.split() for line in _poppler("pdfimages", "-list", str(pdf)).stdout.splitlines()[2:]]
    assert [(row[2], row[5], row[8]) for row in rows] == [("image", "rgb", "jpeg"), ("image", "rgb", "image"),
                                                         ("smask", "gray", "image")]


def test_a_marking_guide_longer_than_a_page_still_splits_across_pages(tmp_path):
    essays = [PrintedQuestion(Question(type="essay", stem=f"Câu tự luận {n}",
                                       rubric=[RubricItem(f"Ý {n}.{k} cần trình bày đủ", 1.0) for k in range(6)]),
                              2.0, [], "") for n in range(12)]
    key = write_key_pdf(PaperVersion("102", [], essays), PaperSettings(), tmp_path / "dap_an.pdf")
    info = _poppler("pdfinfo", str(key)).stdout
    assert int(re.search(r"Pages:\s+(\d+)", info).group(1)) >= 2
    text = _poppler("pdftotext", str(key), "-").stdout
    assert "Ý 11.5 cần trình bày đủ" in text


def test_a_question_whose_marking_guide_alone_is_longer_than_a_page_is_still_written(tmp_path):
    """platypus cannot split a spanned "Câu n" cell: 20 ý of two lines each failed the build (LayoutError)."""
    rubric = [RubricItem(f"Ý {k}: trình bày đủ, đúng sự kiện về Nguyễn Ái Quốc và Hội Việt Nam Cách mạng Thanh niên",
                         1.0) for k in range(1, 31)]
    essays = [PrintedQuestion(Question(type="essay", stem="Dài", rubric=rubric), 7.5, [], ""),
              PrintedQuestion(Question(type="essay", stem="Ngắn", rubric=rubric[:2]), 2.5, [], "")]
    key = write_key_pdf(PaperVersion("103", [], essays), PaperSettings(), tmp_path / "dap_an.pdf")
    assert int(re.search(r"Pages:\s+(\d+)", _poppler("pdfinfo", str(key)).stdout).group(1)) == 2
    text = " ".join(_poppler("pdftotext", str(key), "-").stdout.split())
    assert text.count("trình bày đủ, đúng sự kiện") == 32
    assert "Câu 1 (7,5 điểm)" in text and "Câu 2 (2,5 điểm)" in text and "Ý 30:" in text
