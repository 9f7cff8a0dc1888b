"""Word files typed the Vietnamese way: the key comes from the marks, never from a guess."""

from __future__ import annotations

from pathlib import Path

import pytest

from lecturer_app.core.errors import InputFileError
from lecturer_app.importers.legacy_vietnamese import LegacyEncoding, encode
from lecturer_app.importers.questions import read_questions


def png_bytes() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def paragraph(document, *parts, **style):
    """Add a paragraph of (text, marks) parts; marks is a set like {"b", "u", "i", "red"}."""
    from docx.shared import RGBColor

    p = document.add_paragraph()
    for text, marks in parts:
        run = p.add_run(text)
        run.bold = "b" in marks or None
        run.underline = "u" in marks or None
        run.italic = "i" in marks or None
        if "red" in marks:
            run.font.color.rgb = RGBColor(0xFF, 0x00, 0x00)
        if "font" in style:
            run.font.name = style["font"]
    return p


def vietnamese_teacher_docx(path: Path, mark: str) -> Path:
    import docx

    d = docx.Document()
    paragraph(d, ("TRƯỜNG CHÍNH TRỊ TỈNH — ĐỀ ÔN TẬP", {"b"}))
    paragraph(d, ("Câu 1: Đảng Cộng sản Việt Nam ra đời năm nào?", set()))
    paragraph(d, ("A. 1925\t", set()), ("B. 1930", {mark}), ("\tC. 1945\tD. 1954", set()))
    paragraph(d, ("Câu 2. Ai là Tổng Bí thư đầu tiên của Đảng?", set()))
    paragraph(d, ("A. Trần Phú", {mark}), ("        B. Lê Duẩn", set()))
    paragraph(d, ("C. Hà Huy Tập        D. Nguyễn Văn Cừ", set()))
    paragraph(d, ("Câu 3: Câu có hai đáp án được đánh dấu", set()))
    paragraph(d, ("A. một", {mark}), ("   B. hai   ", set()), ("C. ba", {mark}), ("   D. bốn", set()))
    paragraph(d, ("Câu 4: Hội nghị thành lập Đảng họp ở đâu?", set()))
    paragraph(d, ("A. Hà Nội", set()))
    paragraph(d, ("B. Hương Cảng", {mark}))
    paragraph(d, ("C. Ma Cao", set()))
    paragraph(d, ("D. Tất cả các phương án trên", set()))
    d.save(str(path))
    return path


@pytest.mark.parametrize("mark", ["b", "u", "red"])
def test_marked_answers_several_options_per_line_give_the_right_keys(tmp_path, mark):
    result = read_questions(vietnamese_teacher_docx(tmp_path / "de.docx", mark))
    keys = {item.where: [o.text for o in item.question.options if o.correct] for item in result.items}
    assert keys == {"de.docx, đoạn 2 (Câu 1)": ["1930"], "de.docx, đoạn 4 (Câu 2)": ["Trần Phú"],
                    "de.docx, đoạn 9 (Câu 4)": ["Hương Cảng"]}
    assert [len(i.question.options) for i in result.items] == [4, 4, 4]


def test_two_marked_answers_in_a_single_answer_question_are_reported_not_guessed(tmp_path):
    result = read_questions(vietnamese_teacher_docx(tmp_path / "de.docx", "u"))
    assert len(result.problems) == 1
    problem = result.problems[0]
    assert problem.place == "de.docx, đoạn 7 (Câu 3)" and "2 phương án" in problem.reason


def test_answer_line_and_marks_that_disagree_are_reported(tmp_path):
    import docx

    d = docx.Document()
    paragraph(d, ("Câu 1: Thủ đô?", set()))
    paragraph(d, ("A. Huế   ", set()), ("B. Hà Nội", {"b"}))
    paragraph(d, ("Đáp án: A", set()))
    paragraph(d, ("Câu 2: Năm thành lập?", set()))
    paragraph(d, ("A. 1930", {"b"}), ("  B. 1945", set()))
    d.save(str(tmp_path / "x.docx"))
    result = read_questions(tmp_path / "x.docx")
    assert "mâu thuẫn" in result.problems[0].reason
    assert [i.question.options[0].correct for i in result.items] == [True]


def test_the_marker_convention_can_be_forced(tmp_path):
    import docx

    d = docx.Document()
    paragraph(d, ("Câu 1: Chọn đáp án", {"b"}))
    paragraph(d, ("A. x", {"i"}), ("  B. y", set()), ("  C. z", set()))
    d.save(str(tmp_path / "i.docx"))
    assert read_questions(tmp_path / "i.docx", marker="italic").items[0].question.options[0].correct
    assert read_questions(tmp_path / "i.docx", marker="underline").problems


def test_underline_convention_pins_italic_options_like_hc_mix(tmp_path):
    import docx

    d = docx.Document()
    paragraph(d, ("Câu 1: Chọn đáp án", set()))
    paragraph(d, ("A. x", {"u"}), ("  B. y  ", set()), ("C. Cả A và B", {"i"}))
    paragraph(d, ("Câu 2: Chọn đáp án", set()))
    paragraph(d, ("A. p  ", set()), ("B. q", {"u"}))
    d.save(str(tmp_path / "hc.docx"))
    options = read_questions(tmp_path / "hc.docx").items[0].question.options
    assert [(o.correct, o.pinned) for o in options] == [(True, False), (False, False), (False, True)]


def test_answer_table_at_the_end_images_and_tables_are_kept(tmp_path):
    import docx

    d = docx.Document()
    paragraph(d, ("Câu 1: Quan sát bảng và hình:", set()))
    table = d.add_table(rows=2, cols=2)
    for (r, c), text in {(0, 0): "Năm", (0, 1): "Sự kiện", (1, 0): "1930", (1, 1): "Thành lập Đảng"}.items():
        table.cell(r, c).text = text
    (tmp_path / "h.png").write_bytes(png_bytes())
    d.add_picture(str(tmp_path / "h.png"))
    paragraph(d, ("A. đúng   B. sai", set()))
    paragraph(d, ("Câu 2: Câu hai?", set()))
    paragraph(d, ("A. x   B. y   C. z", set()))
    paragraph(d, ("BẢNG ĐÁP ÁN", {"b"}))
    key = d.add_table(rows=2, cols=3)
    for c, text in enumerate(["Câu", "1", "2"]):
        key.cell(0, c).text = text
    for c, text in enumerate(["Đáp án", "A", "C"]):
        key.cell(1, c).text = text
    d.save(str(tmp_path / "t.docx"))
    first, second = (i.question for i in read_questions(tmp_path / "t.docx").items)
    assert first.stem_format == "html" and "<td>Thành lập Đảng</td>" in first.stem
    assert len(first.images) == 1 and first.options[0].correct
    assert [o.correct for o in second.options] == [False, False, True]


def test_legacy_tcvn3_runs_are_converted(tmp_path):
    import docx

    d = docx.Document()
    paragraph(d, (encode("Câu 1: Đảng ra đời năm nào?", LegacyEncoding.TCVN3), set()), font=".VnTime")
    paragraph(d, ("A. 1925   ", set()), ("B. 1930", {"u"}))
    paragraph(d, ("Câu 2: Hai?", set()))
    paragraph(d, ("A. x", {"u"}), ("   B. y", set()))
    d.save(str(tmp_path / "cu.docx"))
    result = read_questions(tmp_path / "cu.docx")
    assert result.items[0].question.stem == "Đảng ra đời năm nào?"
    assert any("TCVN3" in note for note in result.notes)


def test_a_file_that_is_not_a_word_document_is_refused_with_its_name(tmp_path):
    fake = tmp_path / "gia.docx"
    fake.write_bytes(b"not a zip")
    with pytest.raises(InputFileError) as info:
        read_questions(fake)
    assert "gia.docx" in str(info.value)


def numbered_document(path: Path) -> Path:
    """Questions numbered "Câu 1:" and options "A." by a Word multilevel list, not typed."""
    import docx
    from docx.oxml import parse_xml

    d = docx.Document()
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    numbering = d.part.numbering_part.element
    numbering.insert(0, parse_xml(
        f'<w:abstractNum {ns} w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="Câu %1:"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="upperLetter"/><w:lvlText w:val="%2."/></w:lvl>'
        '</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {ns} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))

    def item(text: str, level: int, marks: set[str] = frozenset()):
        p = paragraph(d, (text, marks))
        p._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {ns}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))

    item("Đảng ra đời năm nào?", 0)
    item("1925", 1)
    item("1930", 1, {"b"})
    item("Thủ đô của Việt Nam?", 0)
    item("Hà Nội", 1, {"b"})
    item("Huế", 1)
    d.save(str(path))
    return path


def test_automatic_word_numbering_gives_question_and_option_labels(tmp_path):
    result = read_questions(numbered_document(tmp_path / "so.docx"))
    assert [i.where for i in result.items] == ["so.docx, đoạn 1 (Câu 1)", "so.docx, đoạn 4 (Câu 2)"]
    assert [[(o.text, o.correct) for o in i.question.options] for i in result.items] == [
        [("1925", False), ("1930", True)], [("Hà Nội", True), ("Huế", False)]]


def test_options_laid_out_in_a_table_keep_their_marks(tmp_path):
    import docx

    d = docx.Document()
    paragraph(d, ("Câu 1: Đảng ra đời năm nào?", set()))
    table = d.add_table(rows=2, cols=2)
    for (r, c), (text, marks) in {(0, 0): ("A. 1925", set()), (0, 1): ("B. 1930", {"u"}),
                                  (1, 0): ("C. 1945", set()), (1, 1): ("D. 1954", set())}.items():
        cell_paragraph = table.cell(r, c).paragraphs[0]
        run = cell_paragraph.add_run(text)
        run.underline = "u" in marks or None
    paragraph(d, ("Câu 2: Thủ đô?", set()))
    paragraph(d, ("A. Huế   ", set()), ("B. Hà Nội", {"u"}))
    d.save(str(tmp_path / "bang.docx"))
    first = read_questions(tmp_path / "bang.docx").items[0].question
    assert [(o.text, o.correct) for o in first.options] == [
        ("1925", False), ("1930", True), ("1945", False), ("1954", False)]
    assert first.stem_format == "plain"
