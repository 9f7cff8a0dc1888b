"""Documents the app writes are Vietnamese documents of a Vietnamese bank, whatever the UI language.

Each kind of document is written twice by the command line, once in the
Vietnamese UI and once with ``--lang en``: the two files are the same bytes,
and read back they hold no English label ("LESSON PLAN", "Answer:", "Scoring
rule"…).  The UI around them (the command's messages) is English.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lecturer_app import i18n
from tests.exam import exam_bank_data
from tests.support.cli_runs import run_in as run_cli
from tests.support.cli_runs import stdout_in as run
from tests.support.written_files import contents, text_of

# English words of the catalogue's translations of document labels; none may be in a written document.
ENGLISH = ("LESSON PLAN", "PREPARED BY", "Prepared by", "Programme", "Audience", "Duration", "Answer:",
           "Scoring guide", "Suggested answer", "QUESTION BANK", "Question bank", "HANDOUT", "Scan the QR",
           "Code:", "Rule:", "Written score", "multiple choice", "Essay", "Oral", "Quick", "missing", "not counted")


pytestmark = pytest.mark.usefixtures("back_to_vietnamese")  # --lang en switches the process's language


def both(data_dir: Path, folder: Path, name: str, *args: str) -> tuple[Path, Path]:
    """The file *name* written by the command *args* (``{out}`` = its path) in Vietnamese and in English."""
    written = []
    for lang in ("vi", "en"):
        target = folder / lang / name
        target.parent.mkdir(parents=True, exist_ok=True)
        run(data_dir, "--lang", lang, *(str(target) if a == "{out}" else a for a in args))
        written.append(target)
    return written[0], written[1]


def assert_same_vietnamese_document(vi: Path, en: Path, *words: str, same_bytes: bool = True) -> None:
    """*same_bytes* False: a file that carries its exam's id (the answer sheet's QR) is compared by its text."""
    text = text_of(en)
    if same_bytes:
        assert contents(vi) == contents(en), f"{en.name} differs when written from the English UI"
    else:
        assert text_of(vi) == text
    assert [w for w in ENGLISH if w in text] == []
    assert [w for w in words if w not in text] == []


@pytest.mark.parametrize("fmt, words", [("docx", ("GIÁO ÁN", "NGƯỜI SOẠN")), ("pdf", ("GIÁO ÁN", "NGƯỜI SOẠN")),
                                        ("pptx", ())])
def test_a_lesson_exported_from_the_english_ui_is_the_vietnamese_document(shipped_data, tmp_path, fmt, words):
    vi, en = both(shipped_data, tmp_path, f"NTD-01.{fmt}", "lesson", "export", "NTD-01", "--format", fmt,
                  "-o", "{out}")
    assert_same_vietnamese_document(vi, en, *words)


def test_a_handout_from_the_english_ui_is_the_vietnamese_document(shipped_data, tmp_path):
    vi, en = both(shipped_data, tmp_path, "phieu.pdf", "handout", "NTD-01", "-o", "{out}")
    assert_same_vietnamese_document(vi, en, "PHIẾU TÀI LIỆU", "Mã:")


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_a_question_bank_exported_from_the_english_ui_is_the_vietnamese_document(shipped_data, tmp_path, fmt):
    vi, en = both(shipped_data, tmp_path, f"cau_hoi.{fmt}", "questions", "export", "{out}", "--format", fmt,
                  "--topic", "NTD-01")
    assert_same_vietnamese_document(vi, en, *(("NGÂN HÀNG CÂU HỎI", "Đáp án:") if fmt == "docx" else ()))


@pytest.fixture(scope="module")
def exam_data(tmp_path_factory) -> Path:
    return exam_bank_data.data_folder(tmp_path_factory)


def test_exam_papers_keys_and_answer_sheets_from_the_english_ui_are_the_vietnamese_documents(exam_data, tmp_path):
    built = {}
    for lang in ("vi", "en"):
        run(exam_data, "--lang", lang, "exam", "build", "--topics", ",".join(exam_bank_data.TOPIC_CODES), "--mc",
            "8", "--essay", "1", "--versions", "2", "--seed", "3", "-o", str(tmp_path / lang))
        built[lang] = sorted(p.relative_to(tmp_path / lang) for p in (tmp_path / lang).rglob("*") if p.is_file())
    assert built["vi"] == built["en"] and any(p.suffix == ".docx" for p in built["en"])
    for name in built["en"]:
        if name.name == "exam.json":  # each build is a new exam: its id (time-based) and the digest over it differ
            vi, en = (json.loads((tmp_path / lang / name).read_text(encoding="utf-8")) for lang in ("vi", "en"))
            assert {k: v for k, v in vi.items() if k not in ("exam_id", "sha256")} == {
                k: v for k, v in en.items() if k not in ("exam_id", "sha256")}
        elif name.suffix in (".pdf", ".docx", ".xlsx"):
            assert_same_vietnamese_document(tmp_path / "vi" / name, tmp_path / "en" / name,
                                            same_bytes=not name.name.startswith("phieu_tra_loi"))
        else:
            assert (tmp_path / "vi" / name).read_bytes() == (tmp_path / "en" / name).read_bytes(), name


def test_oral_cards_thu_hoach_and_blueprint_from_the_english_ui_are_the_vietnamese_documents(exam_data, tmp_path):
    codes = ",".join(exam_bank_data.TOPIC_CODES)
    vi, en = both(exam_data, tmp_path, "van_dap.pdf", "exam", "oral", "--topics", codes, "--cards", "2",
                  "--seed", "1", "--include-drafts", "-o", "{out}")
    assert_same_vietnamese_document(vi, en)
    for fmt in ("docx", "pdf"):
        vi, en = both(exam_data, tmp_path, f"thu_hoach.{fmt}", "exam", "thu-hoach", "--prompt", "Liên hệ thực tiễn",
                      "-o", "{out}")
        assert_same_vietnamese_document(vi, en)
    vi, en = both(exam_data, tmp_path, "ma_tran.xlsx", "exam", "blueprint", "--topics", codes, "-o", "{out}")
    assert_same_vietnamese_document(vi, en)


@pytest.fixture(scope="module")
def one_version_exam(exam_data, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("exam") / "de"
    run(exam_data, "exam", "build", "--topics", ",".join(exam_bank_data.TOPIC_CODES), "--mc", "8", "--essay", "1",
        "--versions", "1", "--seed", "3", "--no-docx", "-o", str(folder))
    return folder


def test_a_score_sheet_graded_from_the_english_ui_states_its_rule_in_vietnamese(exam_data, one_version_exam,
                                                                                tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["Họ và tên", "SBD", "Mã đề", *range(1, 9), "TL1", "Vấn đáp"])
    workbook.active.append(["Lê Thị Ánh", "000232", "101", *(["A"] * 8), "3", "7,5"])
    workbook.save(tmp_path / "bai_lam.xlsx")
    messages = {}
    for lang in ("vi", "en"):
        target = tmp_path / lang / "diem.xlsx"
        target.parent.mkdir()
        messages[lang] = run(exam_data, "--lang", lang, "exam", "grade", "--exam", str(one_version_exam),
                             "--answers", str(tmp_path / "bai_lam.xlsx"), "--oral-weight", "0.25", "-o", str(target))
    assert "0.75 × written score + 0.25 × oral score" in messages["en"]  # the screen is English
    assert_same_vietnamese_document(tmp_path / "vi" / "diem.xlsx", tmp_path / "en" / "diem.xlsx",
                                    "Cách tính: Điểm viết = (trắc nghiệm + tự luận) × 10 / ",
                                    "0,75 × điểm viết + 0,25 × điểm vấn đáp", "được tính 0 và ghi ở cột «Thiếu điểm»")


def test_a_grading_note_reads_in_english_on_screen_and_in_vietnamese_in_the_score_sheet(one_version_exam, tmp_path):
    from openpyxl import load_workbook

    from lecturer_app.core.resources import resource_path
    from lecturer_app.exam.grading import GradingOptions, Response, score_learner
    from lecturer_app.exam.manifest import read_manifest
    from lecturer_app.exporters.exam.score_sheet import write_score_sheet

    i18n.setup("en", resource_path("translations"))
    manifest = read_manifest(one_version_exam)
    options = GradingOptions(oral_weight=0.25)
    # The grid (the GUI) takes a score out of range and says so, where the command line refuses the file.
    score = score_learner(Response("Lê Thị Ánh", "000232", "101", ["A"] * 8, {1: 99.5}, 7.5), manifest, options)
    assert score.worded_notes(i18n.SCREEN) == "Essay 1: score 99.5 outside 0–4.0, not counted"
    write_score_sheet([score], manifest, tmp_path / "diem.xlsx", options=options)
    sheet = load_workbook(tmp_path / "diem.xlsx")["Bảng điểm"]
    row = dict(zip((c.value for c in sheet[1]), (c.value for c in sheet[2])))
    assert row["Ghi chú"] == "TL1: điểm 99,5 ngoài khoảng 0–4,0, chưa được tính"
    assert [w for w in ENGLISH if w in text_of(tmp_path / "diem.xlsx")] == []


def test_row_problems_and_rows_not_graded_read_in_english_on_screen_and_in_vietnamese_in_the_score_sheet(
        exam_data, one_version_exam, tmp_path):
    """An answer file's row problems are found once, when it is read, and worded where they are shown: the
    command's messages in English, «Ghi chú» and the sheet of rows not graded in Vietnamese."""
    from openpyxl import Workbook

    workbook = Workbook()
    rows = workbook.active
    rows.title = "Bài làm"
    rows.append(["Họ và tên", "SBD", "Mã đề", *range(1, 9), "TL1"])
    rows.append(["Lê Thị Ánh", "000232", "101", "E", *(["A"] * 7), "3"])  # no such option
    rows.append(["", "000232", "101", *(["B"] * 8), "2"])  # no name, same SBD
    rows.append(["Trần Văn Bình", "000233", "", *(["A"] * 8), "1"])  # no version code
    rows.append(["Võ Văn Em", "000235", "101", *(["A"] * 8), "ba"])  # a mark that is no number
    workbook.save(tmp_path / "bai_lam.xlsx")
    errors = {}
    for lang in ("vi", "en"):
        target = tmp_path / lang / "diem.xlsx"
        target.parent.mkdir()
        code, _out, errors[lang] = run_cli(exam_data, "--lang", lang, "exam", "grade", "--exam", str(one_version_exam),
                                           "--answers", str(tmp_path / "bai_lam.xlsx"), "-o", str(target))
        assert code == 1  # rows not graded and rows to look at
    assert "sheet 'Bài làm', row 4: no version code" in errors["en"]  # the screen is English
    assert "Question 1: 'E' is not one of the question's options (A–D)" in errors["en"]
    vietnamese = ("'Bài làm', dòng 4", "thiếu mã đề", "Câu 1: 'E' không phải phương án của câu (A–D)",
                  "thiếu họ và tên", "SBD 000232 trùng với trang tính 'Bài làm', dòng 3",
                  "TL1: 'ba' không phải là số")
    assert [words for words in vietnamese if words not in errors["vi"]] == []
    assert_same_vietnamese_document(tmp_path / "vi" / "diem.xlsx", tmp_path / "en" / "diem.xlsx", *vietnamese)
    english_words = ("row", "sheet", "Question", "no version code", "no name", "also on", "not a number")
    assert [w for w in english_words if w in text_of(tmp_path / "en" / "diem.xlsx")] == []


def test_the_minutes_of_a_phuc_khao_from_the_english_ui_are_the_vietnamese_document(exam_data, one_version_exam,
                                                                                     tmp_path):
    from lecturer_app.exam.grading import Response
    from lecturer_app.exam.manifest import read_manifest
    from lecturer_app.exporters.exam.responses_xlsx import write_responses

    key = [item.key for item in read_manifest(one_version_exam).versions["101"].items]
    saved = write_responses([Response("Trần Văn Bình", "01", "101", key, {1: 2.5})], 8, tmp_path / "bai_lam.xlsx",
                            essays=1, oral=True, oral_weight=0.0)
    run(exam_data, "exam", "remark", "--exam", str(one_version_exam), "--answers", str(saved), "--sbd", "01",
        "--component", "TL1", "--mark", "3,5", "--reason", "Cộng sót ý 2", "--author", "Nguyễn Thị Hoa")
    messages = {}
    for lang in ("vi", "en"):
        (tmp_path / lang).mkdir()
        messages[lang] = run(exam_data, "--lang", lang, "exam", "grade", "--exam", str(one_version_exam), "--answers",
                             str(saved), "-o", str(tmp_path / lang / "diem.xlsx"), "--minutes",
                             str(tmp_path / lang / "bien_ban.pdf"))
    assert "Written score = " in messages["en"]
    assert_same_vietnamese_document(tmp_path / "vi" / "bien_ban.pdf", tmp_path / "en" / "bien_ban.pdf",
                                    "BIÊN BẢN PHÚC KHẢO", "TL1", "Cách tính: Điểm viết")
    assert "Essay 1" not in text_of(tmp_path / "en" / "bien_ban.pdf")
