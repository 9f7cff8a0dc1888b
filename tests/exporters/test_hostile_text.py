"""Nothing hostile gets out: text that looks like a formula stays text, and control characters never break a file.

Issue #12, points 15 and 16.  Every XLSX the app writes is reopened and
searched for formula cells; every question format and an exam build are
written from a bank holding characters XML cannot hold.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from hostile_text import (
    CONTROLS,
    FORMULAS,
    cell_texts,
    formula_cells,
    formula_questions,
    plant_in_store,
)

from lecturer_app.core.model import Option, Question, Topic
from lecturer_app.core.text.normalize import nfc
from lecturer_app.exam.blueprint import quick_blueprint
from lecturer_app.exam.draw import DrawOptions
from lecturer_app.exam.grading import score_all
from lecturer_app.exam.manifest import read_manifest
from lecturer_app.exam.paper_settings import PaperSettings
from lecturer_app.exam.pool import load_pool
from lecturer_app.exporters.exam.build import BuildRequest, build_exam
from lecturer_app.exporters.exam.score_sheet import write_score_sheet
from lecturer_app.exporters.questions import EXPORT_FORMATS, exporter
from lecturer_app.exporters.questions.xlsx_writer import write_template
from lecturer_app.importers.exam_answers import read_responses


def _bank(store, controls: bool = True) -> Topic:
    """One topic of 12 reviewed single-choice questions: 5 start like formulas, one holds control characters."""
    topic = Topic(code="HT-01", title="=HYPERLINK(\"http://x\")")
    store.save(topic)
    for question in formula_questions(topic.id):
        question.status = "approved"
        store.save(question)
    for n in range(6):
        store.save(Question(type="single_choice", stem=f"Câu thường số {n}?", level="Nhận biết", status="approved",
                            topic_ids=[topic.id], options=[Option("Đúng", True), Option("Sai"), Option("Có thể"),
                                                           Option("Không")]))
    controls = CONTROLS if controls else ""
    plant_in_store(store, Question(type="single_choice", level="Nhận biết", status="approved", topic_ids=[topic.id],
                                   options=[Option("x", True), Option("y"), Option("z"), Option("t")]),
                   stem=f"Câu có ký tự điều khiển{controls}giữa dòng?", option=f"Phương án{controls}A")
    return topic


def _build(store, folder: Path, controls: bool) -> Path:
    topic = _bank(store, controls)
    pool = load_pool(store)
    blueprint = quick_blueprint(pool, [topic.code], mc=12)
    blueprint.name = "=1+1"
    build_exam(store, pool, BuildRequest(blueprint, DrawOptions(versions=2, seed=5), PaperSettings(), folder,
                                         docx=True, parallel=False))
    return folder


@pytest.fixture
def exam_dir(store, tmp_path) -> Path:
    """An exam built from a bank whose texts start like formulas."""
    return _build(store, tmp_path / "de", controls=False)


# 15. Formula injection ----------------------------------------------------------------------------------------


def test_a_question_export_keeps_formula_looking_text_as_text(tmp_path):
    path = tmp_path / "cau_hoi.xlsx"
    exporter("xlsx").export(formula_questions(), path)
    assert formula_cells(path) == []
    assert set(FORMULAS) <= cell_texts(path)


def test_formula_looking_text_is_quoted_so_excel_keeps_it_text_when_edited(tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "cau_hoi.xlsx"
    exporter("xlsx").export(formula_questions(), path)
    stems = [row[2] for row in load_workbook(path).active.iter_rows(min_row=2)]
    assert [c.value for c in stems] == FORMULAS and all(c.quotePrefix for c in stems)


def test_the_template_download_holds_no_formula(tmp_path):
    write_template(tmp_path / "mau.xlsx")
    assert formula_cells(tmp_path / "mau.xlsx") == []


def test_no_workbook_of_an_exam_build_holds_a_formula(exam_dir):
    workbooks = sorted(exam_dir.glob("*.xlsx"))
    assert {p.name for p in workbooks} == {"dap_an.xlsx", "mau_bai_lam.xlsx", "ma_tran.xlsx"}
    assert [cell for path in workbooks for cell in formula_cells(path)] == []
    assert "=1+1" in cell_texts(exam_dir / "ma_tran.xlsx")


def test_a_score_sheet_keeps_hostile_learner_names_and_stems_as_text(exam_dir, tmp_path):
    manifest = read_manifest(exam_dir)
    code = min(manifest.versions)
    answers = tmp_path / "google_forms.csv"
    count = len(manifest.versions[code].items)
    header = ",".join(["Họ và tên", "SBD", "Mã đề", *map(str, range(1, count + 1))])
    rows = [f'"{name}",{n:03d},{code},' + ",".join("A" * count)
            for n, name in enumerate(["=cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "-2+3"], start=1)]
    answers.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    sheet = write_score_sheet(score_all(read_responses(answers, manifest), manifest), manifest,
                              tmp_path / "bang_diem.xlsx")
    assert formula_cells(sheet) == []
    assert {"=cmd|' /C calc'!A0", "-2+3"} <= cell_texts(sheet)
    assert any(text.startswith("=HYPERLINK") for text in cell_texts(sheet))  # the item analysis' stems


@pytest.mark.slow
def test_libreoffice_shows_formula_looking_text_literally(tmp_path):
    import os
    import shutil
    import subprocess

    if not shutil.which("soffice"):
        pytest.skip("LibreOffice is not installed")
    path = tmp_path / "cau_hoi.xlsx"
    exporter("xlsx").export(formula_questions(), path)
    profile = f"file:///tmp/lo-hostile-{os.getpid()}"
    to_csv = "csv:Text - txt - csv (StarCalc):44,34,76"  # comma-separated, UTF-8
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", to_csv,
                    "--outdir", str(tmp_path / "out"), str(path)],
                   capture_output=True, text=True, timeout=180, check=True)
    shown = (tmp_path / "out" / "cau_hoi.csv").read_text(encoding="utf-8")
    assert "=HYPERLINK(" in shown and "=cmd|' /C calc'!A0" in shown  # the link was not made
    assert ",+1+1,-2+3," in shown and ",=1/0," in shown and "#DIV/0" not in shown  # nothing was computed


# 16. Control characters ----------------------------------------------------------------------------------------


def test_the_nfc_boundary_removes_what_xml_cannot_hold():
    from lecturer_app.core.text.normalize import xml_safe

    assert nfc(f"a{CONTROLS}b\tc\nd") == "a\n\nb\tc\nd"  # VT and FF are line breaks; tab and LF stay
    assert xml_safe("Đảng\ud800") == "Đảng"


def test_a_record_saved_with_control_characters_is_stored_without_them(store):
    question = Question(stem=f"Câu{CONTROLS}hỏi", options=[Option("a\x00", True), Option("b")])
    store.save(question)
    assert store.get(Question, question.id).stem == "Câu\n\nhỏi"
    assert store.get(Question, question.id).options[0].text == "a"


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_every_question_format_is_written_from_a_bank_holding_control_characters(store, tmp_path, fmt):
    _bank(store)
    questions = sorted(store.select(Question), key=lambda q: q.stem)
    assert any("\x00" in q.stem for q in questions)  # planted, as a bank imported before the fix holds it
    path = tmp_path / f"ngan_hang.{fmt}"
    report = exporter(fmt).export(questions, path)
    assert report.written >= 6
    _assert_well_formed(path, fmt)


def _assert_well_formed(path: Path, fmt: str) -> None:
    from lxml import etree

    if fmt == "moodlexml":
        etree.parse(str(path))
    elif fmt == "qti":
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                etree.fromstring(archive.read(name))
    elif fmt in ("xlsx", "docx"):
        with zipfile.ZipFile(path) as archive:
            assert archive.testzip() is None
    text = path.read_bytes() if fmt in ("gift", "aiken") else b""
    assert not any(chr(c).encode() in text for c in (0, 1, 0x0B, 0x0C, 0x1B))


def test_an_exam_build_writes_every_file_from_a_bank_holding_control_characters(store, tmp_path):
    from docx import Document

    exam_dir = _build(store, tmp_path / "de", controls=True)
    manifest = read_manifest(exam_dir)
    assert len(manifest.versions) == 2
    papers = [p for p in exam_dir.glob("de_*.docx")]
    text = "\n".join(p.text for path in papers for p in Document(str(path)).paragraphs)
    assert "Câu có ký tự điều khiển" in text and "\x00" not in text


def test_a_code_prefix_holding_a_control_character_is_printed_without_it(store, tmp_path):
    """The build scrubs the codes too: a scheme's prefix is the user's text, not the draw's."""
    from docx import Document

    from lecturer_app.exam.codes import CodeScheme

    topic = _bank(store, controls=False)
    pool = load_pool(store)
    options = DrawOptions(versions=2, seed=5, codes=CodeScheme(prefix="A\x01"))
    report = build_exam(store, pool, BuildRequest(quick_blueprint(pool, [topic.code], mc=12), options,
                                                  PaperSettings(), tmp_path / "de", docx=True, parallel=False))
    assert [v.code for v in report.versions] == ["A101", "A102"]
    paper = tmp_path / "de" / "de_A101.docx"
    Document(str(paper))  # the XML parses
    with zipfile.ZipFile(paper) as archive:
        xml = b"".join(archive.read(name) for name in archive.namelist() if name.endswith(".xml"))
    assert b"A101" in xml and b"\x01" not in xml


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_a_written_plan_holding_control_characters_is_exported(workspace, tmp_path, fmt):
    from lecturer_app.core.bank.queries import LessonBank
    from lecturer_app.exporters.lesson_export import export_lesson

    bank = LessonBank(workspace.store)
    section = bank.sections(bank.plan(bank.require_topic("AB-01").id).id)[0]
    plant_in_store(workspace.store, section, body=f"Mục tiêu{CONTROLS}bài học", heading=f"I.{CONTROLS} MỤC TIÊU")
    export_lesson(workspace, "AB-01", fmt, tmp_path / f"giao_an.{fmt}")
    assert (tmp_path / f"giao_an.{fmt}").stat().st_size > 1000


def test_an_imported_spreadsheet_with_excel_escaped_control_characters_is_cleaned_and_reported(tmp_path):
    from openpyxl import Workbook

    from lecturer_app.importers.questions import xlsx_reader

    path = tmp_path / "ngan_hang.xlsx"
    workbook = Workbook()
    workbook.active.append(["Câu hỏi", "Phương án A", "Phương án B", "Đáp án"])
    workbook.active.append(["Dòng một_x000B_dòng hai_x0001_", "Đúng", "Sai", "A"])  # as Excel escapes VT and SOH
    workbook.save(path)
    result = xlsx_reader.read(path)
    assert [item.question.stem for item in result.items] == ["Dòng một\ndòng hai"]
    assert any("ký tự điều khiển" in note and "dòng 2" in note for note in result.notes)
    exporter("docx").export([item.question for item in result.items], tmp_path / "ra.docx")


def test_an_imported_text_file_with_control_characters_is_cleaned_and_reported(tmp_path):
    from lecturer_app.importers.questions import aiken

    path = tmp_path / "aiken.txt"
    path.write_text("Câu hỏi\x00 có NUL?\nA. Có\nB. Không\x1b\nANSWER: A\n", encoding="utf-8")
    result = aiken.read(path)
    assert [i.question.stem for i in result.items] == ["Câu hỏi có NUL?"]
    assert any("2 ký tự điều khiển" in note for note in result.notes)
