"""The fast PDF text pieces behave like the reportlab objects they replace."""

from __future__ import annotations

import subprocess

import pytest

from lecturer_app.exporters.exam.pdf_parts import make_styles, text

LONG = ("Nêu đúng bối cảnh lịch sử trong nước và quốc tế dẫn tới sự kiện, phân tích các điều kiện khách quan và "
        "chủ quan, liên hệ với thực tiễn địa phương nơi người học công tác")


@pytest.mark.parametrize("style_name", ["body", "centre_bold", "title", "italic_centre"])
@pytest.mark.parametrize("width", [140.0, 263.0, 300.0, 431.0])
def test_a_text_block_breaks_lines_where_a_paragraph_does(style_name, width):
    from reportlab.platypus import Paragraph

    from lecturer_app.exporters.exam.text_block import styled

    style = getattr(make_styles(12), style_name)
    paragraph = Paragraph(text(LONG), style)
    block = styled(style, (LONG, style.fontName))
    assert block.wrap(width, 800) == paragraph.wrap(width, 800)
    assert [[word for word, _font in line] for line, _last in block._lines] == \
        [list(words) for _spare, words in paragraph.blPara.lines]


def test_a_newline_starts_a_line_and_only_the_lines_before_it_are_stretched():
    from lecturer_app.exporters.exam.pdf_text import tokens
    from lecturer_app.exporters.exam.text_block import JUSTIFY, TextBlock

    styles = make_styles(12)
    block = TextBlock(tokens(LONG + "\nDòng thứ hai.", styles.family.regular), 12, 15.6, JUSTIFY)
    block.wrap(200, 800)
    lasts = [last for _line, last in block._lines]
    assert lasts.count(True) == 2 and lasts[-1]
    assert [word for word, _font in block._lines[-1][0]] == ["Dòng", "thứ", "hai."]


def test_seeded_runs_encode_as_reportlab_encodes_them_in_a_seeded_document(tmp_path):
    from reportlab.lib.rl_accel import escapePDF
    from reportlab.pdfbase.pdfmetrics import getFont
    from reportlab.pdfgen.canvas import Canvas

    from lecturer_app.exporters.exam.pdf_text import encoded_run, seed_fonts
    from lecturer_app.exporters.pdf_fonts import pdf_options

    font = make_styles().family.regular
    seed = "".join(sorted(set(LONG + "0123456789")))
    canvas = Canvas(str(tmp_path / "a.pdf"), **pdf_options())
    seed_fonts(canvas, {font: seed})
    theirs = getFont(font).splitString("lịch sử Việt Nam 1930", canvas._doc)
    assert encoded_run(font, seed, "lịch sử Việt Nam 1930") == tuple((subset, escapePDF(data)) for subset, data in theirs)
    assert encoded_run(font, seed, "chữ ngoài hạt giống: Ω") is None  # unseeded: left to reportlab


def test_two_papers_of_one_build_embed_identical_font_subsets(tmp_path):
    """Seeded fonts give every version the same subsets, so they are built once and reused."""
    from lecturer_app.core.model import Option, Question
    from lecturer_app.exam.draw import PaperVersion, PrintedQuestion
    from lecturer_app.exam.paper_settings import PaperSettings
    from lecturer_app.exporters.exam.paper_pdf import write_paper_pdf

    questions = [Question(type="single_choice", stem=f"Câu hỏi {n} về lịch sử Đảng?",
                          options=[Option(f"Ý {k} của câu {n}: ưu, ơ, ă, đ") for k in range(4)]) for n in range(6)]
    first = PaperVersion("101", [PrintedQuestion(q, 1.0, [0, 1, 2, 3], "A") for q in questions])
    second = PaperVersion("102", [PrintedQuestion(q, 1.0, [3, 2, 1, 0], "D") for q in questions[::-1]])
    fonts = []
    for version in (first, second):
        pdf = write_paper_pdf(version, PaperSettings(), tmp_path / f"de_{version.code}.pdf")
        fonts.append(subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout)
        assert " yes yes " in fonts[-1]
    streams = [_font_files(tmp_path / f"de_{code}.pdf") for code in ("101", "102")]
    assert streams[0] and streams[0] == streams[1]


def _font_files(pdf) -> list[bytes]:
    """The embedded font programs (FontFile2 streams) of *pdf*, in file order."""
    import re

    data = pdf.read_bytes()
    found = []
    for match in re.finditer(rb"/Length1 \d+", data):
        start = data.index(b"stream\n", match.end()) + len(b"stream\n")
        found.append(data[start:data.index(b"endstream", start)])
    return found


def test_the_subset_caching_font_writes_the_bytes_reportlab_s_own_font_writes():
    """pdf_fonts registers a TTFont that reuses subset objects; its PDFs equal plain TTFont's, cached or not."""
    import io

    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    from lecturer_app.core.resources import resource_path
    from lecturer_app.exporters.pdf_fonts import serif

    plain = "PlainLiberationSerifForTest"
    if plain not in pdfmetrics.getRegisteredFontNames():
        path = resource_path("fonts", "liberation", "LiberationSerif-Regular.ttf")
        pdfmetrics.registerFont(TTFont(plain, str(path)))

    def pdf(font: str) -> bytes:
        buffer = io.BytesIO()
        canvas = Canvas(buffer, initialFontName=font, invariant=1)
        canvas.setFont(font, 12)
        canvas.drawString(50, 700, "Đảng Cộng sản Việt Nam ra đời năm 1930 – ưu tiên, ăn ở, " + LONG)
        canvas.showPage()
        canvas.save()
        return buffer.getvalue()

    reference = pdf(plain)
    assert pdf(serif().regular) == reference
    assert pdf(serif().regular) == reference  # the second time from the cache
