"""Files the input fuzzer found that the importers did not refuse cleanly (tests/support/input_fuzz.py).

Each file here is made from a valid one with the one change the fuzzer's mutant came down to: a CSV cell
over the csv module's field limit, a number of thousands of digits where a question or column number
goes (``int()`` refuses more than 4,300), an infinite or 20-digit number of periods in a catalogue, and a
Word run whose bold flag is not a boolean.  Before, each was "Lỗi không mong đợi"; now each file is read
(the bad row or line listed) or refused naming the file and the place.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lecturer_app.core.errors import InputFileError
from lecturer_app.exam.manifest import ExamManifest, ItemInfo, VersionInfo
from lecturer_app.exporters.docx_template import load_template
from lecturer_app.formats.memory_budget import check_zip
from lecturer_app.formats.tabular import read_table
from lecturer_app.importers.catalog import import_catalog
from lecturer_app.importers.exam_answers import read_answer_file
from lecturer_app.importers.questions import read_questions

YEARS = ["1930", "1945", "1954", "1975"]
LONG_NUMBER = "1" * 5000


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_a_csv_cell_over_the_field_limit_refuses_the_file_naming_its_line(tmp_path):
    path = _write(tmp_path / "danh_muc.csv", "Mã;Tên chuyên đề\nNTD-01;Lịch sử Đảng\nNTD-02;" + "A" * 200_000 + "\n")
    with pytest.raises(InputFileError) as refused:
        list(read_table(path))
    assert refused.value.path == path and refused.value.where == "dòng 3"
    assert "có ô dài quá 131072 ký tự" in str(refused.value)


@pytest.mark.parametrize("periods", ["inf", "-1", "99999999999999999999", "1e30", "nan"])
def test_a_catalogue_row_with_an_absurd_number_of_periods_is_skipped_and_the_rest_imported(store, tmp_path, periods):
    path = _write(tmp_path / "danh_muc.csv", "Mã;Tên chuyên đề;Chương trình;Số tiết\n"
                  f"NTD-01;Lịch sử Đảng;Nhận thức về Đảng;{periods}\nNTD-02;Điều lệ Đảng;Nhận thức về Đảng;4\n")
    report = import_catalog(store, path)
    assert report.created == ["NTD-02"]
    assert [(p.where, periods in p.reason) for p in report.skipped] == [("dòng 2", True)]


@pytest.fixture
def manifest() -> ExamManifest:
    item = ItemInfo("q1", "single_choice", 1.0, "B", YEARS, [0, 1, 2, 3])
    return ExamManifest("Kiểm tra", 1, "exam-1", {"101": VersionInfo("101", [item, item], [("e1", 2.0)])},
                        ["q1", "e1"], {"q1": YEARS}, {"q1": "?", "e1": "?"}, essay_points=2.0)


@pytest.mark.parametrize("column", [LONG_NUMBER, f"TL{LONG_NUMBER}", f"Câu {LONG_NUMBER}"])
def test_an_answer_column_numbered_with_thousands_of_digits_is_no_question_number(tmp_path, manifest, column):
    path = _write(tmp_path / "bai_lam.csv", f"Họ và tên,SBD,Mã đề,1,{column}\nNguyễn Văn An,01,101,B,B\n")
    answers = read_answer_file(path, manifest)
    assert [r.answers[0] for r in answers.responses] == ["B"]


def test_a_version_code_of_thousands_of_digits_is_an_unknown_code(tmp_path, manifest):
    path = _write(tmp_path / "bai_lam.csv", f"Họ và tên,SBD,Mã đề,1,2\nNguyễn Văn An,01,{LONG_NUMBER},B,B\n")
    answers = read_answer_file(path, manifest)
    assert not answers.responses and len(answers.rejected) == 1


def test_a_question_numbered_with_thousands_of_digits_starts_no_question(tmp_path):
    path = _write(tmp_path / "cau_hoi.txt", "Câu 1: Đảng ra đời năm nào?\nA. 1925\n*B. 1930\n"
                  f"Câu {LONG_NUMBER}: thêm\n\nCâu 2: Bác Hồ sinh năm nào?\n*A. 1890\nB. 1900\n")
    result = read_questions(path)
    assert [item.question.stem for item in result.items] == ["Đảng ra đời năm nào?", "Bác Hồ sinh năm nào?"]


def test_an_answer_table_numbered_with_thousands_of_digits_or_a_superscript_is_no_key(tmp_path):
    path = _write(tmp_path / "cau_hoi.txt", "Câu 1: Đảng ra đời năm nào?\nA. 1925\nB. 1930\n\nĐÁP ÁN\n"
                  f"1 B\n{LONG_NUMBER} A\n² A\n")
    result = read_questions(path)
    assert [o.correct for o in result.items[0].question.options] == [False, True]


@pytest.mark.parametrize("reference", ["B4294967297", "B" + "9" * 30, "ZZZZZZZZZZ2"])
def test_a_sheet_cell_reference_past_any_sheet_is_refused_before_calamine_allocates_its_grid(tmp_path, reference):
    """calamine would allocate the grid the reference spans (1.6 TB) and abort the process, past any handler."""
    import zipfile

    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["Họ và tên", "SBD"])  # type: ignore[union-attr]
    book.active.append(["Nguyễn Văn An", "01"])  # type: ignore[union-attr]
    valid, path = tmp_path / "hop_le.xlsx", tmp_path / "bai_lam.xlsx"
    book.save(valid)
    with zipfile.ZipFile(valid) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                assert b'r="B2"' in data
                data = data.replace(b'r="B2"', f'r="{reference}"'.encode())
            target.writestr(info, data)
    check_zip(valid, sheet_grids=True)
    with pytest.raises(InputFileError, match="quá lớn") as refused:
        check_zip(path, sheet_grids=True)
    assert refused.value.path == path and refused.value.where == "xl/worksheets/sheet1.xml"


def test_a_word_run_whose_bold_flag_is_no_boolean_refuses_the_file_naming_its_paragraph(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("Câu 1: Đảng ra đời năm nào?")
    document.add_paragraph("A. 1925")
    document.add_paragraph().add_run("B. 1930").bold = True
    document.paragraphs[2].runs[0]._r.rPr.b.set(docx.oxml.ns.qn("w:val"), "1e308")  # the fuzzer's absurd number
    path = tmp_path / "cau_hoi.docx"
    document.save(str(path))
    with pytest.raises(InputFileError) as refused:
        read_questions(path)
    assert refused.value.path == path and refused.value.where == "đoạn 3"


def test_a_header_template_whose_header_part_is_gone_is_refused_naming_the_file(tmp_path):
    """python-docx finds the header's relationship missing only when the header is asked for (a KeyError)."""
    import zipfile

    import docx

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "{don_vi}"
    document.add_paragraph("ĐỀ CHÍNH THỨC")
    valid, path = tmp_path / "hop_le.docx", tmp_path / "mau.docx"
    document.save(str(valid))
    with zipfile.ZipFile(valid) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():  # the fuzzer's mutant: the relationships renamed away
            name = info.filename + (".bak" if info.filename == "word/_rels/document.xml.rels" else "")
            target.writestr(name, source.read(info))
    assert load_template(valid)[1] == ["don_vi"]
    with pytest.raises(InputFileError) as refused:
        load_template(path)
    assert refused.value.path == path


@pytest.mark.parametrize("grade", ["NaN", "inf", "-inf"])
def test_a_moodle_question_worth_nan_or_infinite_points_is_listed_not_imported(tmp_path, grade):
    """No revision can hash NaN as JSON: the import failed at the write with "Lỗi không mong đợi"."""
    question = ('<question type="multichoice"><name><text>{name}</text></name><questiontext format="html">'
                "<text>{stem}</text></questiontext><defaultgrade>{grade}</defaultgrade><single>true</single>"
                '<answer fraction="100"><text>1930</text></answer><answer fraction="0"><text>1945</text></answer>'
                "</question>")
    path = _write(tmp_path / "cau_hoi.xml", "<quiz>" + question.format(name="a", stem="Đảng ra đời năm nào?",
                                                                        grade=grade)
                  + question.format(name="b", stem="Năm nào?", grade="2") + "</quiz>")
    result = read_questions(path)
    assert [item.question.stem for item in result.items] == ["Năm nào?"]
    assert [p.reason for p in result.problems] == ["điểm không phải số hợp lệ"]
